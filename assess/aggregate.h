/*
 * aggregate.h - per-organisation accumulators that answers stream into.
 *
 * Each response is folded into counters as it is read and then forgotten:
 * memory grows with the number of organisations (and the roles seen in
 * them), never with the number of respondents, except for an 8-byte
 * fingerprint per respondent id used to refuse duplicates.
 *
 * For every organisation there is one accumulator over all respondents and
 * one per role, covering only the questions of that role's audience.
 */
#ifndef ASSESS_AGGREGATE_H
#define ASSESS_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "response.h"
#include "survey.h"

struct qstat {
	uint32_t	answered;	/* gave a value (not na) */
	uint32_t	na;
	uint32_t	unanswered;	/* asked, left empty */
	uint32_t	skipped;	/* not asked: its condition ruled it out */
	uint32_t	evidenced;	/* answered with evidence */
	uint32_t	level[NLEVELS];	/* level signals, by level */
	uint32_t	opt;		/* offset of its option counts */
};

struct numstat {
	double		sum, sumsq, min, max;
	uint32_t	n;
};

struct acc {
	uint32_t	 respondents;
	struct qstat	*q;		/* one per question of the view */
	uint32_t	*optcount;	/* option counts, at qstat.opt */
	struct numstat	*num;		/* per numeric question (numidx) */
};

/* How many checked responses (response.h) gave one set of roles.  A
 * question asked and left empty is not counted as the row is read: its
 * 'unanswered' is what remains of the responses whose roles it is asked
 * of once the skipped, na and answered are taken away, worked out by
 * agg_count(). */
struct roleset {
	unsigned	 roles;
	uint32_t	 n;
};

/* One way an organisation's name was written, and how many responses
 * wrote it so. */
struct spelling {
	char		*text;
	uint32_t	 n;
};

/* Names that differ only in letter case or spacing ("Dept of Health",
 * "dept  of health ") are one organisation: it is found by its key (the
 * name in lower case with spaces folded), and after the last response
 * its id is the spelling most responses used (the first in byte order
 * among equals); the others are kept for the report to mention. */
struct orgagg {
	const char	*id;
	char		*key;
	struct spelling	*sp;
	size_t		 nsp;
	char		 as_of[11];	/* latest submitted date, or "" */
	struct acc	 all;
	struct acc	*role[MAX_AUDIENCES];	/* NULL until seen */
	struct roleset	*sets;		/* the checked responses by role set */
	size_t		 nsets;
};

/* The questions of one view (all, or one audience). */
struct view {
	size_t		 nq;
	int		*qidx;		/* view index -> survey question */
	int		*local;		/* survey question -> view index or -1 */
	size_t		 nopt;		/* total option counters */
	uint32_t	*optoff;	/* view index -> offset */
	size_t		 nnum;
	int		*numidx;	/* view index -> numeric slot or -1 */
};

struct agg;

struct agg *agg_new(const struct survey *s, struct err *e);
void agg_free(struct agg *a);

/* Fold one response in: its answers when response_check() passed on it
 * (r->checked), only the respondent otherwise.  Fails on a repeated
 * respondent id. */
int agg_add(struct agg *a, const struct response *r, struct err *e);

/* No more responses: free what only the reading needed (the respondent
 * fingerprints).  Responses added afterwards are not checked for repeated
 * ids. */
void agg_end_input(struct agg *a);

/* Number of organisations, and the i-th in id order (valid after the last
 * agg_add; the order is computed on the first call). */
size_t agg_count(struct agg *a);
const struct orgagg *agg_org(struct agg *a, size_t i);
size_t agg_respondents(const struct agg *a);

/* The key organisations are told apart by (and merged when theirs is the
 * same): 'name' in ASCII lower case, runs of spaces and tabs folded into
 * one, none at the ends.  'key' holds at least strlen(name) + 1 bytes. */
void agg_name_key(const char *name, char *key);

/* Organisation i is scored: free its accumulators (its id and spellings
 * stay).  Reading its answers afterwards finds none; memory at the end
 * of a run is then the results, not the results and every accumulator.
 * Safe from several threads for different organisations, once
 * agg_count() has been called. */
void agg_done(struct agg *a, size_t i);

/* The view for all questions (role = -1) or for an audience. */
const struct view *agg_view(const struct agg *a, int role);

/* The statistics of survey question 'q' in accumulator 'c' of view 'v',
 * or NULL when the question is not in that view. */
/* The lower median of a question's level signals (0 with none): with an
 * even count the smaller middle value, so a tie never rounds up. */
int agg_lower_median(const struct qstat *st);

const struct qstat *agg_qstat(const struct view *v, const struct acc *c,
    int q);
const struct numstat *agg_numstat(const struct view *v,
    const struct acc *c, int q);
const uint32_t *agg_options(const struct view *v, const struct acc *c,
    int q);

#endif
