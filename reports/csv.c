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
#include "roadmap.h"

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

/* The roadmap steps for this dimension: their numbers and horizons. */
static void
roadmap_cells(struct buf *b, const struct r_org *o, const struct r_dim *d)
{
	struct buf steps = BUF_INIT, when = BUF_INIT;
	size_t i;

	for (i = 0; i < o->nsteps; i++) {
		if (strcmp(result_step_rec(o, i)->dimension, d->id) != 0)
			continue;
		buf_printf(&steps, "%s%zu", steps.len ? ";" : "", i + 1);
		buf_printf(&when, "%s%s", when.len ? ";" : "",
		    roadmap_horizon(o->steps[i].horizon));
	}
	cell(b, steps.len ? steps.data : "", 0);
	cell(b, when.len ? when.data : "", 0);
	if (steps.failed || when.failed)
		b->failed = 1;
	buf_release(&steps);
	buf_release(&when);
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
	roadmap_cells(b, o, d);
	buf_putc(b, '\n');
}

/* summary and business-case: one row per item of the report. */
static void
item_row(struct buf *b, const struct r_org *o, const char *section,
    size_t n, const char *dim, const char *title, const char *text,
    const char *detail)
{
	cell(b, o->id, 1);
	cell(b, section, 0);
	buf_printf(b, ",\"%zu\"", n);
	cell(b, dim, 0);
	cell(b, title, 0);
	cell(b, text, 0);
	cell(b, detail, 0);
	buf_putc(b, '\n');
}

static void
items(struct buf *b, const struct result *r, const struct r_org *o,
    int kind)
{
	size_t idx[8], n, i;
	char tmp[64];

	n = report_barriers(o, idx, kind == REPORT_SUMMARY ? 3 : 8);
	item_row(b, o, "headline", 1, NULL, result_label(r, o->headline),
	    o->basis, NULL);
	for (i = 0; i < n; i++) {
		const struct r_finding *f = &o->findings[idx[i]];

		item_row(b, o, "barrier", i + 1, f->dimension, f->severity,
		    f->text, f->evidence.n ? f->evidence.v[0] : NULL);
	}
	for (i = 0; kind == REPORT_BCASE && i < r->bcase.ncosts; i++)
		if (report_applies(o, r->bcase.costs[i].dimension,
		    r->bcase.costs[i].below))
			item_row(b, o, "cost", i + 1,
			    r->bcase.costs[i].dimension,
			    r->bcase.costs[i].title, r->bcase.costs[i].text,
			    NULL);
	for (i = 0; kind == REPORT_BCASE && i < r->bcase.ncontrols; i++)
		item_row(b, o, "control", i + 1, NULL,
		    r->bcase.controls[i].title, r->bcase.controls[i].control,
		    r->bcase.controls[i].concern);
	for (i = 0; i < o->nsteps && (kind == REPORT_BCASE || i < 3); i++) {
		const struct r_rec *rc = result_step_rec(o, i);

		snprintf(tmp, sizeof(tmp), "%s; level %d to %d",
		    roadmap_horizon(o->steps[i].horizon), rc->from, rc->to);
		item_row(b, o, "step", i + 1, rc->dimension, rc->id, rc->text,
		    tmp);
	}
	for (i = 0, n = 0; kind == REPORT_BCASE && i < r->bcase.ndecisions;
	    i++)
		if (report_applies(o, r->bcase.decisions[i].dimension,
		    r->bcase.decisions[i].below))
			item_row(b, o, "decision", ++n,
			    r->bcase.decisions[i].dimension,
			    r->bcase.decisions[i].id,
			    r->bcase.decisions[i].text, NULL);
}

int
report_csv(const struct result *r, int kind, struct buf *out, struct err *e)
{
	size_t i, j;

	if (kind != REPORT_FULL) {
		buf_puts(out, "\"organisation\",\"section\",\"number\","
		    "\"dimension\",\"title\",\"text\",\"detail\"\n");
		for (i = 0; i < r->norgs; i++)
			items(out, r, &r->orgs[i], kind);
		return buf_ok(out, e);
	}
	buf_puts(out, "\"organisation\",\"respondents\",\"headline_level\","
	    "\"headline_label\",\"dimension\",\"title\",\"critical\",\"level\","
	    "\"label\",\"score\",\"target\",\"gap\",\"capped_by\","
	    "\"practices_met\",\"practices_unmet\",\"answered\","
	    "\"not_applicable\",\"unanswered\",\"practices_unanswered\","
	    "\"roadmap_steps\",\"roadmap_horizons\"\n");
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

/* One row per organisation, in rank order (a summary: those at both
 * ends of the league table); one level column per dimension. */
int
report_compare_csv(const struct comparison *c, int kind, struct buf *out,
    struct err *e)
{
	size_t ends[2 * REPORT_ENDS], k, j, n = c->norgs;

	if (kind == REPORT_SUMMARY)
		n = compare_ends(c, REPORT_ENDS, ends);

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
	for (k = 0; k < n; k++) {
		const struct cmp_org *co = &c->orgs[kind == REPORT_SUMMARY ?
		    ends[k] : k];

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
