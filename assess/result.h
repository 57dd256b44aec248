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

/* A bibliography entry the survey cites. */
struct r_source {
	const char	*id, *title, *url, *publisher;
	int		 year;		/* 0 = not given */
};

/* One organisation's usual answer to one question, as the survey words
 * it: the label chosen most often, the items a majority ticked, or the
 * number (NULL for free text or no answer).  'shown' is 0 where the
 * anonymity rule forbids showing it. */
struct r_answer {
	const char	*answer;
	int		 mode;		/* the choice of most, not of all,
					   respondents */
	int		 shown;
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
	struct r_strs	 sources;	/* source ids it cites */
};

/* A roadmap step: one recommendation, scheduled.  'horizon' is 30, 60
 * or 90 (days), or 0 for later; 'after' lists the indices (into the
 * organisation's steps) of the steps it depends on. */
struct r_step {
	size_t		 rec;		/* index into the recommendations */
	int		 horizon;
	size_t		*after;
	size_t		 nafter;
};

/* Business-case content the survey ships (business-case.json). */
struct r_cost {
	const char	*id, *dimension, *title, *text;
	int		 below;		/* shown when the level is below */
	struct r_strs	 evidence, sources;
};

struct r_control {
	const char	*id, *title, *concern, *control;
	struct r_strs	 sources;
};

struct r_decision {
	const char	*id, *dimension, *text;
	int		 below;
};

/* Steps of 'before' below level 'until' come before any of 'after'. */
struct r_order {
	const char	*before, *after, *why;
	int		 until;
};

struct r_bcase {
	int		 present;
	const char	*framing, *strategy;
	struct r_cost	*costs;
	size_t		 ncosts;
	struct r_control *controls;
	size_t		 ncontrols;
	struct r_decision *decisions;
	size_t		 ndecisions;
	struct r_order	*order;
	size_t		 norder;
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
	int		 org;		/* asked of the coordinator, who
					   answers for the organisation */
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

/* What explain shows of one dimension (only when the engine was asked
 * to explain): each question of the dimension once, whether its answers
 * counted and why, and the steps from signals to level and score. */
struct r_xanswer {
	const char	*question, *reason;
	int		 counted;
	int		 signal;	/* 1-5; 0 = none */
	unsigned	 respondents;	/* those the reason is about */
};
struct r_xstep {
	const char	*step, *why;
	double		 value;
	int		 has_value;	/* 0: the value is null */
};
struct r_xdim {
	const char	*id;		/* NULL: the rules traced nothing */
	struct r_xanswer *answers;
	size_t		 nanswers;
	struct r_xstep	*steps;
	size_t		 nsteps;
};

struct r_org {
	const char	*id;
	const char	*as_of;		/* YYYY-MM-DD, or NULL */
	struct r_strs	 aliases;	/* other spellings of its name in the
					   answers (case, spacing), merged */
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
	struct r_answer	*answers;	/* per question, or NULL */
	struct r_step	*steps;		/* the roadmap, in order */
	size_t		 nsteps;
	struct r_xdim	*explain;	/* per dimension when explaining,
					   else NULL */
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
	struct r_source	*sources;
	size_t		 nsources;
	struct r_bcase	 bcase;
	struct r_org	*orgs;
	size_t		 norgs;
	unsigned	 anonymity;	/* role threshold used */
	int		 keep_going;	/* responses with errors left out */
	struct r_excluded *excluded;
	size_t		 nexcluded;
	int		 fail_below;	/* --fail-below's level, or 0 */
	size_t		 jobs;		/* threads a writer may use (-j) */
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

/* The score band of level 1-5: the scores, with one decimal, that show
 * that level.  Level 1 is 0-12.4, 2 is 12.5-37.4, 3 is 37.5-62.4, 4 is
 * 62.5-87.4 and 5 is 87.5-100: the bands do not overlap, so a higher
 * score never shows a lower level.  This, result_score_level() and
 * result_score_fits() are the only places C knows the bands. */
void result_score_band(int level, double *lo, double *hi);

/* The level whose band holds 'score' as reports print it (one decimal),
 * or 0 for a score outside 0-100. */
int result_score_level(double score);

/* 0 when 'score' lies in the band of 'level', else -1 with 'why' (of
 * 'n' bytes) saying so: "37.5 is above the band of level 2 (12.5 to
 * 37.4)". */
int result_score_fits(int level, double score, char *why, size_t n);

/* Index of the practice with this id, or -1. */
int result_practice(const struct result *r, const char *id);

/* The question, source or dimension (of organisation 'o') with this id,
 * or NULL / -1. */
const struct r_qdef *result_question(const struct result *r,
    const char *id);
const struct r_source *result_source(const struct result *r,
    const char *id);
int result_dim(const struct r_org *o, const char *id);

/* The recommendation a roadmap step schedules. */
const struct r_rec *result_step_rec(const struct r_org *o, size_t step);

#endif
