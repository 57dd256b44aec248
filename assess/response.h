/*
 * response.h - one respondent's answers: parsing cell text into answers
 * and checking them against the survey (audience, conditions, required).
 *
 * Shared by the CSV and JSON readers, so both accept and refuse exactly
 * the same values.  Functions here report problems as a message without a
 * position; the reader adds the file, line and column it knows.
 */
#ifndef ASSESS_RESPONSE_H
#define ASSESS_RESPONSE_H

#include <stddef.h>

#include "survey.h"

enum astate { A_EMPTY = 0, A_NA, A_VALUE };

struct answer {
	unsigned char	 state;		/* enum astate */
	unsigned char	 level;		/* level signal 1-5, 0 = none */
	unsigned char	 evidence;	/* evidence was given */
	unsigned char	 asked;		/* set by response_check() */
	unsigned char	 skipped;	/* in the audience, but its condition
					   ruled it out */
	int		 opt;		/* single, likert, yesno: option */
	unsigned long long multi;	/* multi: options chosen */
	double		 num;		/* number; multi: options counted */
};

/* What response_check() keeps between the rows of one reader that uses
 * one answers array for every row: the questions of each role set's
 * audience (a few sets at most), and the set it last checked, whose
 * questions are the only ones with asked or skipped set.  Zeroed to
 * begin with; response_plan_release() at the end. */
#define PLAN_SETS	8

struct plan_q {
	int		 q;		/* a question of the audience */
	unsigned char	 cond;		/* it has a condition */
	unsigned char	 required;
};

struct plan_set {
	unsigned	 roles;		/* 0: unused */
	struct plan_q	*qs;		/* the questions asked of it, in order */
	size_t		 n;
};

struct response_plan {
	struct plan_set	 set[PLAN_SETS];
	unsigned	 last;		/* 0: unknown */
	unsigned	 next;		/* the set to replace next */
};

void response_plan_release(struct response_plan *p);

struct response {
	const char	*file;		/* where it came from, for messages */
	unsigned	 line;
	const char	*org, *respondent;	/* respondent may be NULL */
	const char	*submitted;	/* YYYY-MM-DD, or NULL */
	int		 org_from_file;	/* no organisation column: org is
					 * the file's name */
	unsigned	 rline, rcol;	/* where the respondent id is */
	unsigned	 roles;		/* bit set of audience indices */
	int		 checked;	/* response_check() passed: every
					 * answer's asked and skipped say
					 * whether it was in the audience */
	struct answer	*ans;		/* one per survey question */
	int		*fold;		/* NULL, or room for an index per
					 * question: response_check() lists
					 * the questions skipped or answered
					 * (a value or na) there, in order */
	size_t		 nfold;
	/* Optional, together, from a reader whose 'ans' is the same array
	 * on every row and whose asked and skipped flags only it zeroes
	 * between rows: the questions whose answer may not be empty, in
	 * any order, and the plan kept over its rows.  response_check()
	 * then looks at these and at the questions of the audience only. */
	const int	*given;
	size_t		 ngiven;
	struct response_plan *plan;
};

/* Parse 'len' bytes of cell text for question 'q'.  Returns 0, or -1 with
 * a message such as "ACC-01: 'f' is not an option; expected one of ..." */
int response_parse(const struct question *q, const char *text, size_t len,
    struct answer *a, char *msg, size_t size);

/* A number given as a number (JSON): range check and band level. */
int response_number(const struct question *q, double v, struct answer *a,
    char *msg, size_t size);

/* Parse a role cell ("ops;staff"; empty means org) into an audience set. */
int response_roles(const struct survey *s, const char *text, size_t len,
    unsigned *roles, char *msg, size_t size);

/* Mark which questions are asked of this respondent and check the answers
 * against that: nothing answered that was not asked, every required
 * question that was asked answered.  On success r->checked is set (and
 * r->fold filled when given); on failure '*badq' is the question. */
int response_check(const struct survey *s, struct response *r, int *badq,
    char *msg, size_t size);

/* Trim spaces and tabs at both ends of [*p, *p + *len). */
void response_trim(const char **p, size_t *len);

#endif
