/*
 * compare.h - many organisations against one target profile: a league
 * table, who meets the target, the spread per dimension and the required
 * practices most often missed.  Built from result models (scored here or
 * read back from result files); writers read it and nothing else.
 *
 * Ranking: by headline level (not rated last), then by the mean level of
 * the rated dimensions, then by the mean score of the rated dimensions
 * (to one decimal, as reports show it); organisations still equal share
 * a rank (1, 2, 2, 4).  An organisation's percentile is the share of the
 * other organisations ranked below it.
 */
#ifndef ASSESS_COMPARE_H
#define ASSESS_COMPARE_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "result.h"

struct cmp_org {
	const struct r_org	*o;
	int		 rank;
	double		 mean_level, mean_score;	/* rated dimensions */
	int		 meets_levels;	/* every targeted level reached */
	unsigned	 practices_met, practices;
	int		 meets;		/* levels and every practice */
	double		 percentile;
};

struct cmp_dim {
	const char	*id, *title;
	int		 target;	/* 0: none */
	unsigned	 rated;		/* organisations with a level */
	double		 median, q1, q3;
	unsigned	 counts[RESULT_LEVELS];
	unsigned	 meeting;	/* level >= target */
};

struct cmp_practice {
	const char	*id, *dimension, *text, *clause;
	const char	**orgs;		/* organisations missing it */
	size_t		 norgs;
};

struct comparison {
	struct arena	 arena;
	const struct result *head;	/* survey, levels, target: the first
					   result stored */
	const char	*head_name;
	struct cmp_org	*orgs;		/* ranked once finished */
	size_t		 norgs, caporgs;
	struct cmp_dim	*dims;
	size_t		 ndims;
	struct cmp_practice *unmet;	/* most often missed first */
	size_t		 nunmet;
	unsigned	 meeting;	/* organisations meeting the target */
};

/* A comparison is built in steps, so that memory grows with the
 * organisations compared, not with the results read: init; store each
 * result (the first, with its name, becomes the reference for survey,
 * levels and target, and must outlive 'c'; any later one is copied, as
 * little of it as the comparison needs, and can be released as soon as
 * it is stored); finish (rank, spread, practices); release.  Every
 * result must share the reference's survey, target and dimensions.
 * 'name' says where a result came from, for messages, and must outlive
 * 'c'. */
void compare_init(struct comparison *c);
int compare_store(struct comparison *c, const struct result *res,
    const char *name, struct err *e);
int compare_finish(struct comparison *c, struct err *e);
void compare_release(struct comparison *c);

/* Whether result 'r' (from 'name') was scored against target 'target';
 * -1 with 'e' set when not. */
int compare_check_target(const struct result *r, const char *target,
    const char *name, struct err *e);

/* Quartiles of sorted values by linear interpolation between the
 * closest ranks (q = 0.25, 0.5, 0.75). */
double compare_quantile(const int *sorted, size_t n, double q);

/* The organisations a one-page summary lists: the first 'ends' and the
 * last 'ends' in rank order (all of them when there are no more than
 * 2 * ends), as indices into c->orgs, which 'idx' must have room for
 * (2 * ends).  Returns how many. */
size_t compare_ends(const struct comparison *c, size_t ends, size_t *idx);

#endif
