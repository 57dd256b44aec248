/*
 * engine.h - the one scoring pipeline every command goes through.
 *
 * Open the survey, target and rules; read answers from any number of
 * inputs (each one sniffed and handed to its row of the source table)
 * into the per-organisation accumulators; score every organisation into
 * the result model.  Commands are thin layers over it: they parse their
 * options, call these functions, and write what comes out.
 *
 * Without a survey named, the first input decides it: JSON answers name
 * theirs, and a CSV whose question columns all belong to one bundled
 * survey selects that one; otherwise the default survey is used.  The
 * survey, target and rules are loaded before the body of the first input
 * is read, so a broken rule file fails before a large answers file does.
 */
#ifndef ASSESS_ENGINE_H
#define ASSESS_ENGINE_H

#include <stddef.h>

#include "err.h"
#include "result.h"
#include "source.h"
#include "survey.h"
#include "target.h"

struct engine;

struct engine_opts {
	const char	*survey;	/* id or path; NULL: from the answers */
	const char	*target;	/* id or path, or NULL */
	const char	*rules;		/* overrides the survey's, or NULL */
	unsigned	 anonymity;	/* 0: the default */
	unsigned	 jobs;		/* organisations scored on this many
					   threads, each with its own rules
					   state (0 or 1: one); the result is
					   the same for any number */
	const char	*organisation;	/* for inputs with no organisation
					   column, instead of the file name */
	const char	*as_of;		/* YYYY-MM-DD dating every result */
	int		 explain;	/* the rules trace each dimension
					   into r_org.explain (explain) */
	int		 answers_only;	/* read answers; no target, no rules */
	answers_bad	 bad;		/* set: report bad rows and go on
					   (called with 'ctx') */
	unsigned	 limit;		/* at most this many bad rows */
	/* score --from TOOL: every input is that survey tool's export
	 * (a row of the source table by name), read as 'import' says */
	const char	*from;
	const struct import_opts *import;
	int		 keep_going;	/* with 'bad': every response that
					   breaks the answers contract is
					   left out, and none is an error */
	/* what the engine decided on its own (the survey it chose), in one
	 * line for standard error */
	void		(*note)(void *ctx, const char *msg);
	/* where the rules' assess.log() lines go (NULL: nowhere) */
	void		(*log)(void *ctx, const char *where, const char *msg);
	/* called once the survey, target and rules are loaded and before
	 * any answers are read: a command's own checks (its output must
	 * not overwrite an input); non-zero stops the run */
	int		(*loaded)(void *ctx, const struct engine *en,
			    struct err *e);
	void		*ctx;
};

/* A new engine; with o->survey set, the survey, target and rules are
 * loaded now.  'o' must outlive the engine. */
struct engine *engine_new(const struct engine_opts *o, struct err *e);
void engine_free(struct engine *en);

/* Read one input ('-' is standard input).  Returns the number of
 * responses it gave, or -1. */
long engine_add(struct engine *en, const char *path, struct err *e);

/* The same in steps, for a command that looks at an input before it
 * decides what it is (check): open it and read its head; the parsed
 * document when it is JSON (parsed once: reading it afterwards does not
 * parse it again), else NULL (and for bad JSON, NULL with 'e' set);
 * read its responses; close it. */
struct engine_input;
struct jdoc;
struct jnode;

struct engine_input *engine_open_input(const char *path, struct err *e);
int engine_input_is_json(const struct engine_input *ei);
const struct jdoc *engine_input_json(struct engine_input *ei,
    struct err *e);
long engine_read_input(struct engine *en, struct engine_input *ei,
    struct err *e);
void engine_close_input(struct engine_input *ei);

/* Read the responses of array 'arr' of document 'd' (assess-answers/1
 * response objects inside another file, named 'name' in messages), once
 * the survey is loaded.  The number read, or -1. */
long engine_add_responses(struct engine *en, const char *name,
    struct jdoc *d, const struct jnode *arr, struct err *e);

/* Fold in one respondent of organisation 'org' who answered nothing: a
 * smoke test that makes the rules run once (check). */
int engine_add_empty(struct engine *en, const char *org, struct err *e);

/* Load the survey (the one named, else 'survey', else the default),
 * target and rules now if no input has made the engine load them: for a
 * command given only result files. */
int engine_ensure(struct engine *en, const char *survey, struct err *e);

/* Score every organisation read so far into 'res' (initialised by the
 * caller and released by it). */
int engine_score(struct engine *en, struct result *res, struct err *e);

/* What the engine loaded (NULL before the first input when no survey
 * was named) and where from. */
const struct survey *engine_survey(const struct engine *en);
const struct target *engine_target(const struct engine *en);
size_t engine_orgs(const struct engine *en);
int engine_is_input(const struct engine *en, const char *path);

#endif
