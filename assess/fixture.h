/*
 * fixture.h - rule fixtures (assess-rule-fixture/1): answers, and the
 * levels, scores, findings, recommendations and flags a rule script must
 * make of them.
 *
 * A fixture is read and checked here, run through the engine, and its
 * expectations compared with the result.  Nothing here prints: each
 * difference goes to a callback with the position of the expectation
 * that failed, and errors go to a struct err with file, line and column.
 */
#ifndef ASSESS_FIXTURE_H
#define ASSESS_FIXTURE_H

#include <stddef.h>

#include "engine.h"
#include "err.h"
#include "jdoc.h"
#include "paths.h"
#include "result.h"
#include "survey.h"

#define FIXTURE_FORMAT	"assess-rule-fixture/1"

enum fx_kind {
	FX_HEADLINE,		/* the headline level */
	FX_LEVEL,		/* a dimension's level */
	FX_SCORE,		/* a dimension's score */
	FX_FINDING,		/* a finding that must be raised */
	FX_NO_FINDING,		/* a finding that must not be */
	FX_REC,			/* a recommendation that must be given */
	FX_FLAG,		/* a flag that must be set */
};

struct fx_expect {
	enum fx_kind	 kind;
	const char	*id;		/* dimension, finding, recommendation
					   or flag; NULL for the headline */
	const struct jnode *at;		/* where the fixture says it */
	int		 level;		/* 1-5, or 0 for "not rated" */
	double		 score;
};

struct fixture {
	char		*path;		/* its name in messages */
	char		*file;		/* where it is read from */
	struct jdoc	 doc;
	int		 parsed;
	const char	*survey;	/* the survey id it names, or NULL */
	const struct jnode *survey_at;
	char		*answers;	/* an answers file, relative to the
					   current folder, or NULL */
	const struct jnode *answers_at;
	const struct jnode *responses;	/* inline responses, or NULL */
	struct fx_expect *ex;
	size_t		  nex;
};

/* Read and check the fixture in 'path', named 'name' in messages (NULL:
 * 'path'); an answers file it names is found from the folder of 'path'.
 * fixture_parse() reads 'text' of 'len' bytes (NUL after them) instead.
 * On failure 'f' is released. */
int fixture_load(struct fixture *f, const char *path, const char *name,
    struct err *e);
int fixture_parse(struct fixture *f, const char *path, const char *text,
    size_t len, struct err *e);
void fixture_release(struct fixture *f);

/* Whether the dimensions the fixture names are the survey's. */
int fixture_check_survey(const struct fixture *f, const struct survey *s,
    struct err *e);

/* Score the fixture's answers with the engine options 'eo' (its survey
 * and rules; the fixture's own survey when eo->survey is NULL) into
 * 'res', initialised and released by the caller.  The answers must be of
 * one organisation. */
int fixture_run(struct fixture *f, const struct engine_opts *eo,
    struct result *res, struct err *e);

/* Compare the expectations with organisation 'o' of 'res': 'diff' is
 * called for each one not met, with a message ("level of ACC: expected
 * 3 (Defined), got 2 (Developing)").  The number not met. */
typedef void (*fixture_diff)(void *ctx, const struct fixture *f,
    const struct fx_expect *x, const char *msg);
size_t fixture_compare(const struct fixture *f, const struct result *res,
    const struct r_org *o, fixture_diff diff, void *ctx);

/* The fixture files an argument names: the file itself, or every *.json
 * in a folder, sorted (joined to the folder).  None when a folder holds
 * none. */
int fixture_files(const char *arg, struct paths_names *out, struct err *e);

/* The fixtures folder of survey 's' (the folder "fixtures/<survey id>"
 * beside its own rule file), with its name for messages, or 0 with
 * both NULL when there is none. */
int fixture_dir(const struct survey *s, char **path, char **display,
    struct err *e);

#endif
