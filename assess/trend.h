/*
 * trend.h - the same organisations assessed more than once: results put
 * in date order, and what moved between the first and the last (the
 * headline, each dimension, each question's level signal, findings that
 * appeared or were resolved).  Writers read it and nothing else.
 *
 * Results must answer the same survey; results of different survey
 * versions are accepted only when they ask the same questions.  Each
 * organisation's results must have different dates (as_of).  A level
 * that is not rated counts below level 1.
 */
#ifndef ASSESS_TREND_H
#define ASSESS_TREND_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "result.h"

enum { TR_SAME, TR_IMPROVED, TR_REGRESSED };

struct tr_point {
	const struct r_org	*o;
	const struct result	*res;
	const char		*source;	/* the file it came from */
};

struct tr_change {
	const char	*id;		/* dimension or question */
	int		 from, to;	/* 0: not rated / no signal */
	int		 direction;
};

struct tr_org {
	const char	*id;
	struct tr_point	*pts;		/* oldest first */
	size_t		 n;
	struct tr_change *dims;		/* one per dimension */
	size_t		 ndims;
	struct tr_change *qs;		/* questions whose signal moved */
	size_t		 nqs;
	struct r_strs	 appeared, resolved;	/* finding ids */
	int		 headline;	/* direction of the headline */
};

struct trend {
	struct arena	 arena;
	const struct result *head;	/* the newest result: survey, levels */
	struct tr_org	*orgs;		/* by id */
	size_t		 norgs;
};

/* Build the trend of 'n' results; 'names' are their files. */
int trend_build(struct trend *t, const struct result *const *res,
    const char *const *names, size_t n, struct err *e);
void trend_release(struct trend *t);

/* "improved", "regressed", "same". */
const char *trend_direction(int d);

/* The text of a question of the newest result, or NULL. */
const char *trend_question_text(const struct trend *t, const char *id);

#endif
