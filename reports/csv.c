/*
 * csv.c - the CSV report: one row per organisation and dimension, for
 * spreadsheets.
 *
 * Every field is quoted (RFC 4180).  A text cell that a spreadsheet would
 * take for a formula (starting with = + - @, a tab or a carriage return)
 * gets a leading apostrophe; numbers assess computed are left alone.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

static void
cell(struct buf *b, const char *s, int first)
{
	struct buf t = BUF_INIT;
	size_t i;

	if (!first)
		buf_putc(b, ',');
	buf_putc(b, '"');
	if (s != NULL && strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		buf_putc(b, '\'');
	if (s != NULL)
		report_safe(&t, s);
	for (i = 0; i < t.len; i++) {
		if (t.data[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, t.data[i]);
	}
	buf_putc(b, '"');
	if (t.failed)
		b->failed = 1;
	buf_release(&t);
}

/* A number assess computed, or an empty cell when absent. */
static void
num(struct buf *b, int v, int present)
{
	if (present)
		buf_printf(b, ",\"%d\"", v);
	else
		buf_puts(b, ",\"\"");
}

static void
joined(struct buf *b, const struct r_strs *l)
{
	struct buf t = BUF_INIT;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(&t, ";");
		buf_puts(&t, l->v[i]);
	}
	cell(b, t.len ? t.data : "", 0);
	if (t.failed)
		b->failed = 1;
	buf_release(&t);
}

static void
row(struct buf *b, const struct result *r, const struct r_org *o,
    const struct r_dim *d)
{
	int gap = result_gap(d);

	cell(b, o->id, 1);
	num(b, (int)o->respondents, 1);
	num(b, o->headline, o->headline != 0);
	cell(b, result_label(r, o->headline), 0);
	cell(b, d->id, 0);
	cell(b, d->title, 0);
	cell(b, d->critical ? "yes" : "no", 0);
	num(b, d->level, d->level != 0);
	cell(b, result_label(r, d->level), 0);
	buf_puts(b, ",\"");
	if (d->level)
		report_score(b, d->score);
	buf_putc(b, '"');
	num(b, d->target, d->target != 0);
	num(b, gap, gap >= 0);
	joined(b, &d->capped_by);
	joined(b, &d->met);
	joined(b, &d->unmet);
	num(b, (int)d->answered, 1);
	num(b, (int)d->na, 1);
	num(b, (int)d->unanswered, 1);
	joined(b, &d->no_answers);
	buf_putc(b, '\n');
}

int
report_csv(const struct result *r, struct buf *out, struct err *e)
{
	size_t i, j;

	buf_puts(out, "\"organisation\",\"respondents\",\"headline_level\","
	    "\"headline_label\",\"dimension\",\"title\",\"critical\",\"level\","
	    "\"label\",\"score\",\"target\",\"gap\",\"capped_by\","
	    "\"practices_met\",\"practices_unmet\",\"answered\","
	    "\"not_applicable\",\"unanswered\",\"practices_unanswered\"\n");
	for (i = 0; i < r->norgs; i++)
		for (j = 0; j < r->orgs[i].ndims; j++)
			row(out, r, &r->orgs[i], &r->orgs[i].dims[j]);
	return buf_ok(out, e);
}

/* ==== Comparison ==== */

/* A decimal assess computed, quoted like every cell. */
static void
dec(struct buf *b, double v)
{
	buf_printf(b, ",\"%.2f\"", v);
}

/* One row per organisation, in rank order; one level column per
 * dimension. */
int
report_compare_csv(const struct comparison *c, struct buf *out,
    struct err *e)
{
	size_t i, j;

	buf_puts(out, "\"rank\",\"organisation\",\"respondents\","
	    "\"headline_level\",\"headline_label\",\"meets_target\","
	    "\"meets_levels\",\"practices_met\",\"practices\","
	    "\"mean_level\",\"mean_score\",\"percentile\"");
	for (j = 0; j < c->ndims; j++) {
		cell(out, c->dims[j].id, 0);
		out->len--;			/* reopen the quote */
		buf_puts(out, "_level\"");
	}
	buf_putc(out, '\n');
	for (i = 0; i < c->norgs; i++) {
		const struct cmp_org *co = &c->orgs[i];

		buf_printf(out, "\"%d\"", co->rank);
		cell(out, co->o->id, 0);
		num(out, (int)co->o->respondents, 1);
		num(out, co->o->headline, co->o->headline != 0);
		cell(out, result_label(c->head, co->o->headline), 0);
		cell(out, co->meets ? "yes" : "no", 0);
		cell(out, co->meets_levels ? "yes" : "no", 0);
		num(out, (int)co->practices_met, 1);
		num(out, (int)co->practices, 1);
		dec(out, co->mean_level);
		dec(out, co->mean_score);
		dec(out, co->percentile);
		for (j = 0; j < co->o->ndims; j++)
			num(out, co->o->dims[j].level, co->o->dims[j].level);
		buf_putc(out, '\n');
	}
	return buf_ok(out, e);
}

/* ==== Trend ==== */

/* One row per organisation and dimension: its level at the first and
 * the last date, and the direction. */
int
report_trend_csv(const struct trend *t, struct buf *out, struct err *e)
{
	size_t i, j;

	buf_puts(out, "\"organisation\",\"dimension\",\"first_as_of\","
	    "\"first_level\",\"last_as_of\",\"last_level\",\"direction\","
	    "\"results\"\n");
	for (i = 0; i < t->norgs; i++) {
		const struct tr_org *to = &t->orgs[i];

		for (j = 0; j < to->ndims; j++) {
			cell(out, to->id, 1);
			cell(out, to->dims[j].id, 0);
			cell(out, to->pts[0].o->as_of, 0);
			num(out, to->dims[j].from, to->dims[j].from != 0);
			cell(out, to->pts[to->n - 1].o->as_of, 0);
			num(out, to->dims[j].to, to->dims[j].to != 0);
			cell(out, trend_direction(to->dims[j].direction), 0);
			num(out, (int)to->n, 1);
			buf_putc(out, '\n');
		}
	}
	return buf_ok(out, e);
}
