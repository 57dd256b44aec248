/*
 * result.h - the result model: what scoring produces and every report
 * writer reads.
 *
 * Writers see nothing else (no survey, no Lua), so everything a report
 * shows is copied here: titles, level labels, practice texts.  All strings
 * and arrays live in the result's arena and die with it.  The JSON writer
 * prints this model field for field; its shape is the contract in
 * surveys/FORMAT.md.
 */
#ifndef ASSESS_RESULT_H
#define ASSESS_RESULT_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

#define RESULT_LEVELS	5

struct r_strs {
	const char	**v;
	size_t		  n;
};

struct r_level {
	int		 level;
	const char	*id, *label, *description;
};

struct r_practice {
	const char	*id, *dimension, *text, *clause;
};

struct r_dim {
	const char	*id, *title;
	int		 critical;
	int		 level;		/* 1-5; 0 = not rated */
	double		 score;		/* 0-100, when rated */
	int		 target;	/* 0 = no target */
	struct r_strs	 capped_by, met, unmet;
	struct r_strs	 no_answers;	/* unmet for want of answers */
	struct r_strs	 not_assessed;	/* the survey asks nothing that
					   could show them */
	unsigned	 answered, na, unanswered;
};

struct r_finding {
	const char	*id, *severity, *dimension, *text;	/* dimension
								   may be NULL */
	struct r_strs	 evidence;
};

struct r_rec {
	const char	*id, *dimension, *text;
	int		 priority, from, to;
	struct r_strs	 evidence;
};

/* Per-question statistics are stored compactly: the result holds one
 * definition per question (its id, its option values, and where its
 * numbers sit), and each organisation one array of counters laid out by
 * those definitions.  Memory grows with organisations times questions,
 * never with respondents. */
struct r_qdef {
	const char	*id, *dimension, *text;
	const char	**opts;		/* option values (choice questions) */
	size_t		 nopts;
	unsigned	 off;		/* of its counters in r_org.qstats */
};

/* The counters of one question, from 'off': */
enum { QS_ANSWERED, QS_NA, QS_UNANSWERED, QS_SIGNAL, QS_LEVELS,
	QS_OPTS = QS_LEVELS + RESULT_LEVELS };

struct r_role {
	const char	*id;
	unsigned	 respondents;
	int		 suppressed;
	int		*levels;	/* per dimension, 0 = not rated */
	/* per question (result order): respondents of the role who
	 * answered it, and its level signal among them (0: none); NULL
	 * when suppressed */
	unsigned	*qanswered;
	unsigned char	*qsignal;
};

struct r_org {
	const char	*id;
	const char	*as_of;		/* YYYY-MM-DD, or NULL */
	unsigned	 respondents;
	int		 headline;	/* 0 = not rated */
	const char	*basis;
	struct r_dim	*dims;
	size_t		 ndims;
	struct r_finding *findings;
	size_t		 nfindings;
	struct r_rec	*recs;
	size_t		 nrecs;
	struct r_strs	 flags;
	struct r_role	*roles;
	size_t		 nroles;
	unsigned	*qstats;	/* result.qstride counters, or NULL */
};

/* A response left out with --keep-going: where, and why. */
struct r_excluded {
	const char	*file, *reason;
	unsigned	 line;
};

struct result {
	struct arena	 arena;
	const char	*survey_id, *survey_version, *survey_title;
	struct r_level	 levels[RESULT_LEVELS];
	int		 has_target;
	const char	*target_id, *target_title, *jurisdiction, *as_of;
	struct r_practice *practices;
	size_t		 npractices;
	struct r_org	*orgs;
	size_t		 norgs;
	unsigned	 anonymity;	/* role threshold used */
	int		 keep_going;	/* responses with errors left out */
	struct r_excluded *excluded;
	size_t		 nexcluded;
	int		 fail_below;	/* --fail-below's level, or 0 */
	struct r_strs	 below;		/* organisations below it */
	struct r_qdef	*qdefs;		/* per question, survey order */
	size_t		 nq;
	unsigned	 qstride;	/* counters per organisation */
	const char	**strings;	/* interned texts (result_intern) */
	size_t		 nstrings, capstrings;
};

void result_init(struct result *r);
void result_release(struct result *r);

/* A copy of 's' (n bytes) in the result's arena, shared with any equal
 * text interned before: findings and recommendations repeat across
 * organisations, and memory should grow with what differs.  NULL when
 * out of memory. */
const char *result_intern(struct result *r, const char *s, size_t n);

/* The label of level 1-5, or NULL for 0 (not rated). */
const char *result_label(const struct result *r, int level);

/* The gap of a dimension, or -1 when there is none (no target or not
 * rated). */
int result_gap(const struct r_dim *d);

/* Index of the practice with this id, or -1. */
int result_practice(const struct result *r, const char *id);

#endif
