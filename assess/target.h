/*
 * target.h - target profiles: the level a published action plan expects in
 * each dimension, and the practices it requires, each with the answers
 * that satisfy it.
 *
 * target_load() validates a profile against the survey it names: every
 * dimension, question and option value it mentions must exist there.
 * Evaluating the conditions against answers is score.c's job.
 */
#ifndef ASSESS_TARGET_H
#define ASSESS_TARGET_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "survey.h"

#define TARGET_FORMAT "assess-target/1"

struct cond {
	struct cond	*any;		/* non-NULL: holds if one of these */
	size_t		 nany;
	int		 q;		/* question tested */
	unsigned long long in;		/* "in": option bit set */
	unsigned long long includes;	/* "includes": option bit set */
	int		 has_min, has_max;
	double		 min, max;
	int		 min_level;	/* 0 = no test */
	int		 evidence;
};

struct practice {
	const char	*id, *text, *source, *clause;
	int		 dim;
	int		 unjudged;	/* tests questions this survey does
					   not ask: not assessed */
	struct cond	*conds;		/* all must hold */
	size_t		 nconds;
};

struct tdim {
	int		 level;		/* 0 = the profile sets no target */
	size_t		 first, n;	/* its practices */
};

struct target {
	struct arena	 arena;
	const char	*path, *id, *survey, *title, *jurisdiction, *as_of;
	const char	*description;
	struct source	*src;
	size_t		 nsrc;
	struct tdim	*dims;		/* one per survey dimension */
	struct practice	*pr;
	size_t		 npr;
	/* a profile of another survey with the same dimension ids: that
	 * survey and the profile as loaded for it, which this one maps onto
	 * the survey being scored (and borrows its text from) */
	struct survey	*home_survey;
	struct target	*home;
};

/* Read only the "survey" field of a target file into 'out'. */
int target_survey_of(const char *path, char *out, size_t size,
    struct err *e);

/* Load 'path' and validate it against 's'.  A profile written for
 * another bundled survey applies to 's' through the dimensions they
 * share: their target levels hold, and a practice that tests a question
 * 's' does not ask the same way (same id, type and option values) is
 * marked unjudged. */
struct target *target_load(const char *path, const struct survey *s,
    struct err *e);
void target_free(struct target *t);

#endif
