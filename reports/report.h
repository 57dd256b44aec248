/*
 * report.h - the report writers.  Each reads the result model (and
 * nothing else) and appends a complete report to a buffer; the CLI decides
 * where the bytes go.  Everything that did not come from assess itself is
 * escaped for the format it lands in.
 */
#ifndef ASSESS_REPORT_H
#define ASSESS_REPORT_H

#include "buf.h"
#include "compare.h"
#include "err.h"
#include "explain.h"
#include "result.h"
#include "trend.h"

/* Who the report is for (--report). */
enum report_kind { REPORT_FULL, REPORT_SUMMARY, REPORT_BCASE };

/* A comparison's summary lists this many organisations from each end of
 * the league table and this many of the practices most often missed. */
#define REPORT_ENDS		5
#define REPORT_PRACTICES	3

/* A format writes each kind of report: one organisation's or many's
 * result (score) for one audience, a comparison (compare), a trend
 * (trend); NULL where the format has none yet. */
struct report_format {
	const char	*name;		/* "md", "json", "csv", "html" */
	const char	*ext;		/* ".md" */
	int		(*write)(const struct result *, int kind,
			    struct buf *, struct err *);
	int		(*compare)(const struct comparison *, int kind,
			    struct buf *, struct err *);
	int		(*trend)(const struct trend *, struct buf *,
			    struct err *);
	int		(*explain)(const struct explain *, struct buf *,
			    struct err *);
};

int report_json(const struct result *r, int kind, struct buf *out,
    struct err *e);
int report_md(const struct result *r, int kind, struct buf *out,
    struct err *e);
int report_csv(const struct result *r, int kind, struct buf *out,
    struct err *e);
int report_html(const struct result *r, int kind, struct buf *out,
    struct err *e);

/* A report kind by name ("full", "summary", "business-case"), or -1. */
int report_kind(const char *name);
const char *report_kind_name(int kind);

/* "full, summary, business-case" for messages. */
const char *report_kind_names(void);

/* A comparison for 'kind': REPORT_FULL or REPORT_SUMMARY. */
int report_compare_json(const struct comparison *c, int kind,
    struct buf *out, struct err *e);
int report_compare_md(const struct comparison *c, int kind, struct buf *out,
    struct err *e);
int report_compare_csv(const struct comparison *c, int kind,
    struct buf *out, struct err *e);
int report_compare_html(const struct comparison *c, int kind,
    struct buf *out, struct err *e);

int report_trend_json(const struct trend *t, struct buf *out,
    struct err *e);
int report_trend_md(const struct trend *t, struct buf *out, struct err *e);
int report_trend_csv(const struct trend *t, struct buf *out, struct err *e);
int report_trend_html(const struct trend *t, struct buf *out,
    struct err *e);

int report_explain_json(const struct explain *x, struct buf *out,
    struct err *e);
int report_explain_md(const struct explain *x, struct buf *out,
    struct err *e);

/* A format by name, or NULL. */
const struct report_format *report_find(const char *name);

/* The format a file name's extension implies, or NULL. */
const struct report_format *report_for_file(const char *path);

/* "md, json, csv" for messages. */
const char *report_names(void);

/* Append a score with one decimal ("37.5"); never "-0.0". */
void report_score(struct buf *out, double score);

/* The score bands in words, "level 1 is 0.0 to 12.4, ..., level 5 is
 * 87.5 to 100.0", into 'out' (REPORT_BANDS_MAX bytes will do). */
#define REPORT_BANDS_MAX	160
void report_score_bands(char *out, size_t n);

/* Append a number as an integer when it is one, else with up to three
 * decimals ("2", "2.667"); never "-0". */
void report_number(struct buf *out, double v);

/* Append 's' with every character no report may pass through raw (C0/C1
 * controls, DEL, bidirectional controls, invalid UTF-8) replaced by
 * U+FFFD, and line breaks and tabs by spaces. */
void report_safe(struct buf *out, const char *s);

/* Like report_safe, but at most 'max' characters (code points): a longer
 * text is cut at a character boundary and ends with an ellipsis. */
void report_safe_max(struct buf *out, const char *s, size_t max);

/* report_safe_max(), with each printable ASCII character c for which
 * esc[c] is not NULL written as that string instead (esc: 128 entries,
 * or NULL for none), in the same pass. */
void report_safe_escaped(struct buf *out, const char *s, size_t max,
    const char *const *esc);

/* Length in bytes of the first sentence of 's' (up to and including the
 * first '.', '!' or '?' followed by a space and a capital, or all of it). */
size_t report_sentence(const char *s);

/* Up to 'max' findings that matter most (high, then medium, then low;
 * never info), as indices into o->findings, in the rules' order. */
size_t report_barriers(const struct r_org *o, size_t *idx, size_t max);

/* Whether business-case content for dimension 'dim' applies: the
 * dimension is rated and below 'below'. */
int report_applies(const struct r_org *o, const char *dim, int below);

/* The sources a report about 'o' cites, each once, in the order first
 * cited: recommendations, then (business case) costs and controls.
 * Returns how many were stored in out[0..max). */
size_t report_cited(const struct result *r, const struct r_org *o,
    int kind, const struct r_source **out, size_t max);

/* The smaller of n and max. */
size_t report_cap(size_t n, size_t max);

/* Whether 'url' may become a link: http(s), no spaces, quotes, angle
 * brackets or parentheses. */
int report_url_ok(const char *url);

#endif
