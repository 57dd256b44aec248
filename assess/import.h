/*
 * import.h - survey-tool exports (Google Forms, Microsoft Forms,
 * LimeSurvey, KoboToolbox, ODK Central, SurveyMonkey, Qualtrics) turned
 * into checked responses.
 *
 * The importer works on rows of cells: whoever reads the file (the CSV
 * module) hands it each record with the line it starts on, header rows
 * first.  It recognises the tool by its header, matches every column to
 * a question, an option of a question, the organisation, the role, or
 * tool metadata (dropped: nothing personal the survey did not ask for is
 * kept), turns each cell into the option values the answers contract
 * takes, and checks every response with the code the answers readers use
 * (response.c), so what it delivers is what 'assess score' accepts.
 *
 * Cells must be valid UTF-8 (the CSV module checks every field).
 * It streams: one record in memory at a time.  When the role has to be
 * found by the content of a column, the caller feeds the rows twice
 * (import_end() says so).  It never prints: warnings are collected for
 * the command to show, errors go to 'struct err'.  The quirks of each
 * tool live in import_<tool>.c, one row each of the tool table.
 */
#ifndef ASSESS_IMPORT_H
#define ASSESS_IMPORT_H

#include <stddef.h>

#include "err.h"
#include "response.h"
#include "survey.h"

#define IMPORT_MAX_COLUMNS	10000
#define IMPORT_MAX_HEADER_ROWS	3

struct import;
struct impmap;
struct impmap_col;

/* One column as the tool matched it (what --init-map lists). */
enum import_use {
	IU_UNMATCHED, IU_IGNORE, IU_META, IU_ORG, IU_ROLE, IU_QUESTION,
	IU_OPTION, IU_OTHER, IU_STATUS
};

/* A row's standing by the tool's own completion columns. */
enum import_state { IS_KEEP, IS_PARTIAL, IS_REJECT };

struct import_col {
	enum import_use	 use;
	int		 q, opt;	/* question; option of IU_OPTION */
	const char	*head;		/* the header as the user sees it */
	const char	*sub;		/* a second header row's text, or NULL */
	const char	*alt;		/* another header row's text, or NULL */
	const char	*how;		/* how it was matched: "code", "text" */
	int		 status;	/* IU_STATUS: the tool's code for it */
	int		 mapped;	/* matched by the mapping file */
	const struct impmap_col *map;	/* its mapping entry, or NULL */
};

/* A survey tool: one per import_<tool>.c. */
struct import_tool {
	const char	*name, *title;
	unsigned	 header_rows;		/* rows before the data */
	const char	*split;			/* separators in a multi cell */
	/* Whether row 1 is this tool's header (0 no, higher is surer). */
	int		(*sniff)(const char *const *f, const size_t *len,
			    size_t n);
	/* Match column 'c' (its header texts are set); 0 or -1 with 'e'. */
	int		(*column)(struct import *im, size_t i,
			    struct import_col *c, struct err *e);
	/* The standing a status column's cell gives its row. */
	enum import_state (*state)(int status, const char *p, size_t n);
	/* A cell of the tool's own that stands for "unanswered", or NULL. */
	int		(*blank)(const char *p, size_t n);
	int		 other_inline;	/* the text of an "Other" choice sits
					   among the chosen labels */
	int		 recode;	/* a number k may be the k-th option */
	int		 partial_if_required;	/* no completion column: a row
						   missing required answers is
						   a partial response */
};

extern const struct import_tool import_google, import_msforms,
    import_limesurvey, import_kobo, import_odk, import_surveymonkey,
    import_qualtrics;

/* The table, NULL-ended, in the order 'assess list tools' shows. */
extern const struct import_tool *const import_tools[];

const struct import_tool *import_find_tool(const char *name);

/* The tool whose header row 1 is, or NULL. */
const struct import_tool *import_detect(const char *const *f,
    const size_t *len, size_t n);

/* "google, msforms, ..." for messages. */
const char *import_tool_names(void);

struct import_opts {
	const struct import_tool *tool;	/* NULL: tell from the header */
	const char	*org_column, *role_column;	/* headers */
	const char	*organisation;	/* default organisation */
	const char	*role;		/* default role (an audience id/label) */
	const struct impmap *map;	/* -m, or NULL */
	int		 strict, partial, keep_going;
	int		 plan_only;	/* --init-map: match the columns, read
					   no answers */
	unsigned	 jobs;		/* 2 or more: the export is parsed on
					   a thread of its own (impfile) */
};

/* One delivered response: checked, with the text of each answer in the
 * form the answers contract takes (option values joined with ';', 'na',
 * a number, free text; NULL when unanswered). */
struct import_resp {
	const struct response	*r;
	const char *const	*text;
	const size_t		*tlen;	/* their lengths */
	const char		*role;	/* the audience ids, ';'-joined, or
					   NULL for the default */
	size_t			 orglen, rolelen;	/* strlen of r->org
							   and of role */
	const size_t		*idlen;	/* strlen of each question's id */
};

typedef int (*import_sink)(void *ctx, const struct import_resp *ir,
    struct err *e);

/* A response left out with --keep-going: 'e' says where and why. */
typedef void (*import_bad)(void *ctx, const struct err *e);

struct import *import_new(const struct survey *s,
    const struct import_opts *o, const char *file, import_sink sink,
    import_bad bad, void *ctx, struct err *e);
void import_free(struct import *im);

/* One record: 'n' fields, field k holding len[k] bytes at f[k] (not
 * necessarily NUL-ended), starting on 'line'. */
int import_row(struct import *im, const char *const *f, const size_t *len,
    size_t n, unsigned line, struct err *e);

/* The end of the input: 1 when the rows must be fed again from the
 * start (the role is found by content and the first pass only looked),
 * 0 when done, -1 on error (no responses, say). */
int import_end(struct import *im, struct err *e);

/* After the end: what happened. */
struct import_stats {
	long		 responses, partial, rejected, excluded;
};
void import_stats(const struct import *im, struct import_stats *st);

/* The tool that was used (chosen or detected), once the header is read. */
const struct import_tool *import_tool(const struct import *im);

/* The threads its options ask for (import_opts.jobs). */
unsigned import_jobs(const struct import *im);

/* The columns, once the header is read (for --init-map). */
const struct import_col *import_columns(const struct import *im, size_t *n);

/* Warnings (unmatched columns dropped), one message each, NULL-ended. */
const char *const *import_warnings(const struct import *im);

/* Questions nearest to a header text, best first: up to 'max' indices
 * into s->qs written to 'out'; returns how many. */
size_t import_nearest(const struct survey *s, const char *text, int *out,
    size_t max);

/* Append 'n' bytes of 's' as a JSON string: quotes and backslashes
 * escaped, control characters as \n or \u00XX. */
struct buf;
void import_json_string(struct buf *b, const char *s, size_t n);

/* The same JSON string written at 'd', which has room for 6n + 10 bytes
 * (every byte escaped, the quotes and a word of slack): its length. */
#define IMPORT_JSON_ROOM(n) (6 * (n) + 10)
size_t import_json_put(char *d, const char *s, size_t n);

/* ---- helpers for the tools (import_<tool>.c) ---- */

const struct survey *import_survey(const struct import *im);

/* Case-insensitive equality of a cell with a NUL-ended word. */
int import_is(const char *p, size_t n, const char *word);

/* Whether 's' is one of the NULL-ended 'list', in any letter case. */
int import_one_of(const char *s, const char *const *list);

/* The question whose id is 'name': exact, else in any letter case; with
 * 'loose', also ignoring every character but letters and digits (codes
 * that cannot hold '-'); -1 when none or more than one. */
int import_by_name(const struct survey *s, const char *name, int loose);

/* The question whose text is 'text' once both are normalised (letter
 * case, spacing, quotes, HTML, a trailing ':' or '?'); -1 if none or
 * several. */
int import_by_text(const struct survey *s, const char *text);

/* The option of 'q' whose value or label is 'text' (normalised); -1 if
 * none, -2 if several. */
int import_option(const struct question *q, const char *text, size_t n);

/* A header split at its last 'sep' into a question and an option:
 * "A2/dash", "Which tools...?/Video", "A2[dash]".  Returns 0 with c->q and
 * c->opt set and c->use = IU_OPTION, or -1 when it is not one. */
int import_split_option(const struct survey *s, const char *head,
    const char *sep, const char *close, int loose, struct import_col *c);

/* Normalise a header or label for comparison into 'dst': HTML tags
 * dropped, entities and typographic quotes made plain, letters lowered,
 * runs of space collapsed, a trailing ':' or '?' dropped. */
void import_normalise(const char *s, size_t n, char *dst, size_t size);

#endif
