/*
 * survey.h - the questionnaire model and its loader.
 *
 * survey_load() reads an assess-survey/1 file, validates every field and
 * cross-reference (reporting FILE:LINE:COL), and builds the structures
 * below.  Nothing here knows what a question is about: the engine treats
 * every survey the same way, and the domain lives in the JSON and in the
 * Lua rules.
 */
#ifndef ASSESS_SURVEY_H
#define ASSESS_SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

#define SURVEY_FORMAT	"assess-survey/1"
#define NLEVELS		5
#define MAX_AUDIENCES	32
#define MAX_OPTIONS	64
#define TEXT_MAX	4096
#define MAX_QUESTIONS	2000
#define MAX_DIMENSIONS	200

enum qtype { Q_SINGLE, Q_MULTI, Q_LIKERT, Q_YESNO, Q_NUMBER, Q_TEXT };
enum gate { GATE_NONE, GATE_ANCHOR, GATE_THRESHOLD };
enum when_op { W_NONE, W_EQ, W_NE, W_LT, W_LE, W_GT, W_GE };

struct source {
	const char	*id, *title, *url, *publisher, *note;
	int		 year;		/* 0 = not given */
};

struct strlist {
	const char	**v;
	size_t		  n;
};

struct choice {
	const char	*value, *label;
	const char	*nvalue, *nlabel;	/* as matched: see survey_find_option */
	size_t		 vlen;		/* strlen(value) */
	int		 level;		/* 1-5; 0 on a not-applicable option */
	int		 na, exclusive;
};

struct band {
	double		 min, max;
	int		 open;		/* no upper bound */
	int		 level;
};

struct when {
	enum when_op	 op;
	int		 q;		/* index of the question it tests */
	unsigned long long vals;	/* W_EQ/W_NE: bit set of option indices */
	double		 num;		/* numeric comparisons */
	const char	*text;		/* the condition as written */
};

struct question {
	const char	*id, *text, *help, *unit;
	enum qtype	 type;
	int		 dim;		/* index of its dimension */
	unsigned	 audience;	/* bit set of audience indices */
	struct choice	*opts;
	size_t		 nopts;
	unsigned char	*oslot;		/* option lookup table: 0 empty, else
					   option index + 1, | 0x80 for a label */
	uint32_t	*ohash;		/* the hash of each slot's text */
	size_t		 omask;		/* slots - 1 (a power of two less one) */
	unsigned char	*vslot;		/* values exactly as written: option
					   index + 1, or 0; same size */
	uint32_t	*vhash;
	int		 na_opt;	/* index of the 'na' option, or -1 */
	int		 allow_na;	/* the cell text 'na' is accepted */
	struct band	*bands;
	size_t		 nbands;
	double		 min, max;	/* number: allowed range */
	int		 has_min, has_max;
	enum gate	 gate;
	int		 gate_level;	/* GATE_THRESHOLD: requires_for */
	int		 required, evidence;
	struct when	 when;
	struct strlist	 sources, tags;
	int		 numidx;	/* index among numeric-stat questions,
					   or -1 */
};

struct recommendation {
	const char	*id, *text;
	int		 from, to;
	struct strlist	 sources;
};

struct dimension {
	const char	*id, *title, *description;
	int		 critical;
	double		 weight;
	const char	*ladder[NLEVELS];
	struct strlist	 sources;
	size_t		 first, nq;	/* its questions: qs[first .. first+nq) */
	struct recommendation *recs;
	size_t		 nrecs;
};

struct level {
	int		 level;
	const char	*id, *label, *description;
};

struct audience {
	const char	*id, *label, *description;
};

/* A hash index of ids: each slot holds an index + 1, or 0. */
struct survey_index {
	unsigned	*slot;
	size_t		 mask;		/* slots - 1; 0 when not built */
};

struct survey {
	struct arena	 arena;
	const char	*path, *dir;	/* as given; directory of the file */
	const char	*id, *version, *title, *description, *rules;
	struct level	 levels[NLEVELS];
	struct audience	*aud;
	size_t		 naud;
	int		 org_aud;	/* index of the 'org' audience */
	struct source	*src;
	size_t		 nsrc;
	struct dimension *dims;
	size_t		 ndims;
	struct question	*qs;
	size_t		 nq;
	unsigned	*qaud;		/* each question's audience, packed
					   for the loops run on every row */
	size_t		 nnum;		/* questions with numeric statistics */
	struct survey_index qindex, srcindex;	/* by id: qs, src */
};

/* Load and validate 'path'.  Returns NULL with 'e' filled on failure. */
struct survey *survey_load(const char *path, struct err *e);
void survey_free(struct survey *s);

/* Lookups by id; -1 when absent. */
int survey_question(const struct survey *s, const char *id);

/* The question an answers file means by 'name' (a CSV header, a JSON
 * key): the exact id, else the one id equal to it in any letter case;
 * -1 when there is none or more than one. */
int survey_answer_question(const struct survey *s, const char *name);

/* survey_load(), when choosing among surveys by the 'n' names packed in
 * 'names' (each NUL-ended, one after another): NULL, like a survey that
 * does not load, when the file's text shows that it has no question for
 * any of them (none of its JSON strings equals one in any letter case),
 * since then survey_answer_question() would find none. */
struct survey *survey_load_answering(const char *path, const char *names,
    size_t n, struct err *e);

/* The question id closest to 'name', for "did you mean", or NULL. */
const char *survey_near_question(const struct survey *s, const char *name);
int survey_dimension(const struct survey *s, const char *id);
int survey_audience(const struct survey *s, const char *id);
int survey_option(const struct question *q, const char *value);
int survey_source(const struct survey *s, const char *id);

/* The option a cell's text (already trimmed) means: its value exactly,
 * else the one value equal to it in any letter case, else the one label
 * equal to it ignoring letter case and runs of spaces.  -1 when nothing
 * matches (or two values differ only in case), SURVEY_AMBIGUOUS when the
 * text is the label of two options.  A hash lookup: no scan over the
 * options. */
#define SURVEY_AMBIGUOUS (-2)
int survey_find_option(const struct question *q, const char *s, size_t n);

/* Whether 's' is option 'i''s label, as survey_find_option matches. */
int survey_is_label(const struct question *q, size_t i, const char *s,
    size_t n);

/* "value — label; ..." for messages: each label cut to a few words,
 * whole entries only, "; ..." when some did not fit. */
void survey_allowed_labels(const struct question *q, char *dst,
    size_t size);

/* The level of a number in a question's bands, or 0 if outside them. */
int survey_band_level(const struct question *q, double v);

/* Load a "sources" array (bibliography entries) into 'a'; shared with the
 * target loader. */
struct jdoc;
struct jnode;
int survey_load_sources(const struct jdoc *d, const struct jnode *arr,
    struct arena *a, struct source **out, size_t *n);

/* "single", "multi", ... */
const char *survey_type_name(enum qtype t);

/* Comma-separated allowed values of a choice question, for messages. */
void survey_allowed(const struct question *q, char *dst, size_t size);

#endif
