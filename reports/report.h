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
#include "result.h"
#include "trend.h"

/* A format writes each kind of report: one organisation's or many's
 * result (score), a comparison (compare), a trend (trend). */
struct report_format {
	const char	*name;		/* "md", "json", "csv" */
	const char	*ext;		/* ".md" */
	int		(*write)(const struct result *, struct buf *,
			    struct err *);
	int		(*compare)(const struct comparison *, struct buf *,
			    struct err *);
	int		(*trend)(const struct trend *, struct buf *,
			    struct err *);
};

int report_json(const struct result *r, struct buf *out, struct err *e);
int report_md(const struct result *r, struct buf *out, struct err *e);
int report_csv(const struct result *r, struct buf *out, struct err *e);

int report_compare_json(const struct comparison *c, struct buf *out,
    struct err *e);
int report_compare_md(const struct comparison *c, struct buf *out,
    struct err *e);
int report_compare_csv(const struct comparison *c, struct buf *out,
    struct err *e);

int report_trend_json(const struct trend *t, struct buf *out,
    struct err *e);
int report_trend_md(const struct trend *t, struct buf *out, struct err *e);
int report_trend_csv(const struct trend *t, struct buf *out, struct err *e);

/* A format by name, or NULL. */
const struct report_format *report_find(const char *name);

/* The format a file name's extension implies, or NULL. */
const struct report_format *report_for_file(const char *path);

/* "md, json, csv" for messages. */
const char *report_names(void);

/* Append a score with one decimal ("37.5"); never "-0.0". */
void report_score(struct buf *out, double score);

/* Append 's' with every character no report may pass through raw (C0/C1
 * controls, DEL, bidirectional controls, invalid UTF-8) replaced by
 * U+FFFD, and line breaks and tabs by spaces. */
void report_safe(struct buf *out, const char *s);

#endif
