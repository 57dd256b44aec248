/*
 * html_many.c - the HTML pages about many organisations (compare) and
 * about many dates (trend): self-contained like html.c's, sharing its
 * head and footer (html.h), with the charts of plot.c.  Every chart has
 * a table with the same figures next to it.
 *
 * Untrusted text (organisation names, survey and target texts, file
 * names, dates read back from result files) lands only in element text,
 * escaped by svg_text.  Nothing here prints or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "plot.h"
#include "report.h"
#include "svg.h"

#define HEAT_ROWS	40	/* organisations per part of the heatmap */

/* The styles of the charts and tables only these pages have. */
static const char css[] =
"svg .cell{stroke:#777;stroke-width:.6}svg .hl{font-size:10px}"
"svg .cv{font-size:10.5px;font-weight:bold;fill:#1a1a1a}"
"svg .cv.inv{fill:#fff}"
"svg .whisk{stroke:#1a1a1a;stroke-width:1.5}"
"svg .box{fill:#c9d9ea;stroke:#1a1a1a;stroke-width:1.2}"
"svg .med{stroke:#000;stroke-width:3.5}"
"svg .tgtd{stroke:#000;stroke-width:1.6;stroke-dasharray:5 3}"
"svg .cnt{font-size:10px;fill:#333}"
"svg .ln{stroke:#1f4e79;stroke-width:2.5}"
"table.league{font-size:8.5pt}"
"table.league td,table.league th{padding:1.5pt 2.5pt}"
"table.league td:nth-child(2){min-width:36mm}"
"table.short td:nth-child(2){min-width:64mm}"
"h1.short{font-size:15pt}"
"figure.share svg{max-width:150mm}"
"div.one h2{margin:9pt 0 4pt}div.one figure{margin:2pt 0}"
"table.league td:nth-child(3),table.league td:nth-child(5){"
"white-space:nowrap}"
"tr.more td{text-align:center;font-style:italic;color:#444}"
"figure.heat{break-inside:avoid;page-break-inside:avoid}"
"section.org{break-before:auto;page-break-before:auto}"
"section.org p.lead{break-after:avoid;page-break-after:avoid}"
"section.org+section.org{border-top:0.5pt solid #999}";

static void
t(struct buf *b, const char *s)
{
	svg_text(b, s != NULL ? s : "", (size_t)-1);
}

static void
level_text(struct buf *b, const struct result *r, int level)
{
	if (level == 0) {
		buf_puts(b, "not rated");
		return;
	}
	buf_printf(b, "%d ", level);
	t(b, result_label(r, level));
}

/* ==== Compare ==== */

static void
compare_head(struct buf *b, const struct comparison *c, int kind)
{
	const struct result *h = c->head;
	size_t n = c->norgs;

	html_head(b, h->target_title, kind == REPORT_SUMMARY ?
	    "comparison summary" : "comparison", css);
	buf_puts(b, kind == REPORT_SUMMARY ? "<h1 class=\"short\">" : "<h1>");
	buf_puts(b, "Comparison against ");
	t(b, h->target_title);
	buf_printf(b, "</h1>\n<p class=\"lead\">%zu organisation%s compared; "
	    "%u %s the target in full (%.0f%%).</p>\n", n, n == 1 ? "" : "s",
	    c->meeting, c->meeting == 1 ? "meets" : "meet", n ? 100.0 *
	    c->meeting / (double)n : 0.0);
	buf_puts(b, "<p class=\"small\">Survey: ");
	t(b, h->survey_title);
	buf_puts(b, " (");
	t(b, h->survey_id);
	buf_puts(b, ", version ");
	t(b, h->survey_version);
	buf_puts(b, "). Target: ");
	t(b, h->target_id);
	buf_puts(b, " (");
	t(b, h->jurisdiction);
	buf_puts(b, ", as of ");
	t(b, h->as_of);
	buf_puts(b, ").</p>\n");
}

static void
compare_key(struct buf *b)
{
	buf_puts(b, "<p class=\"small\">Organisations are ranked by their "
	    "headline level, then by the mean level of their rated "
	    "dimensions, then by their mean score; organisations still equal "
	    "share a rank. An organisation meets the target when every "
	    "dimension reaches the profile's level and every required "
	    "practice is in place. The percentile is the share of the other "
	    "organisations ranked below it. A star marks a level below the "
	    "target; a dash, a dimension not rated.</p>\n");
}

static void
league_head(struct buf *b, const struct comparison *c, const char *caption,
    int dims)
{
	size_t j;

	buf_puts(b, dims ? "<table class=\"league\">\n<caption>" :
	    "<table class=\"league short\">\n<caption>");
	t(b, caption);
	buf_puts(b, "</caption>\n<thead><tr><th class=\"r\">Rank</th>"
	    "<th>Organisation</th><th>Headline</th><th>Meets target</th>"
	    "<th class=\"r\">Practices</th>");
	if (!dims)
		buf_puts(b, "<th class=\"r\">Dimensions at target</th>");
	for (j = 0; dims && j < c->ndims; j++) {
		buf_puts(b, "<th class=\"r\">");
		svg_text(b, c->dims[j].id, 8);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th class=\"r\">Per&shy;centile</th></tr></thead>\n<tbody>\n");
}

static void
league_row(struct buf *b, const struct comparison *c,
    const struct cmp_org *co, int dims)
{
	unsigned at = 0, targeted = 0;
	size_t j;

	buf_printf(b, "<tr><td class=\"r\">%d</td><td>", co->rank);
	svg_text(b, co->o->id, 80);
	buf_puts(b, "</td><td>");
	level_text(b, c->head, co->o->headline);
	buf_printf(b, "</td><td>%s</td><td class=\"r\">%u of %u</td>",
	    co->meets ? "yes" : "no", co->practices_met, co->practices);
	for (j = 0; j < co->o->ndims; j++) {
		const struct r_dim *d = &co->o->dims[j];

		targeted += d->target > 0;
		at += d->target > 0 && d->level >= d->target;
		if (!dims)
			continue;
		if (d->level == 0)
			buf_puts(b, "<td class=\"r\">-</td>");
		else
			buf_printf(b, "<td class=\"r\">%d%s</td>", d->level,
			    d->target && d->level < d->target ? "*" : "");
	}
	if (!dims)
		buf_printf(b, "<td class=\"r\">%u of %u</td>", at, targeted);
	buf_printf(b, "<td class=\"r\">%.0f</td></tr>\n", co->percentile);
}

/* The league table of the organisations idx[0..n) (rank order), with
 * a column per dimension or (dims 0) how many reach their target; a row
 * says how many are left out where the list skips some. */
static void
league(struct buf *b, const struct comparison *c, const size_t *idx,
    size_t n, int dims)
{
	size_t i;

	league_head(b, c, n < c->norgs ? "The first and the last "
	    "organisations in rank order" : "Every organisation, in rank "
	    "order", dims);
	for (i = 0; i < n; i++) {
		if (i > 0 && idx[i] > idx[i - 1] + 1)
			buf_printf(b, "<tr class=\"more\"><td colspan=\"%zu\">"
			    "%zu more organisations, ranked between</td></tr>\n",
			    (dims ? c->ndims : 1) + 6, idx[i] - idx[i - 1] - 1);
		league_row(b, c, &c->orgs[idx[i]], dims);
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* The heatmap of the organisations [from, to) in rank order. */
static int
heat_part(struct buf *b, const struct comparison *c, size_t from, size_t to,
    const char **cols, const int *targets)
{
	const char **rows = calloc(to - from, sizeof(*rows));
	int *lv = calloc((to - from) * c->ndims + 1, sizeof(*lv));
	char title[96];
	size_t i, j;

	if (rows == NULL || lv == NULL) {
		free(rows);
		free(lv);
		return -1;
	}
	for (i = from; i < to; i++) {
		rows[i - from] = c->orgs[i].o->id;
		for (j = 0; j < c->ndims && j < c->orgs[i].o->ndims; j++)
			lv[(i - from) * c->ndims + j] = c->orgs[i].o->dims[j].level;
	}
	snprintf(title, sizeof(title), "Level of each dimension, "
	    "organisations ranked %zu to %zu", from + 1, to);
	buf_puts(b, "<figure class=\"heat\">");
	/* the heading stays on the page of the first part */
	if (from == 0)
		buf_puts(b, "<h2>Levels by organisation and dimension</h2>\n"
		    "<p class=\"small\">Each row is an organisation in rank "
		    "order, each column a dimension; the figure in a cell is the "
		    "level, darker for higher, with a star below the target. The "
		    "league table gives the same levels.</p>\n");
	plot_heatmap(b, title, rows, to - from, cols, c->ndims, lv, targets);
	buf_puts(b, "</figure>\n");
	free(rows);
	free(lv);
	return 0;
}

static int
heatmap(struct buf *b, const struct comparison *c)
{
	const char **cols = calloc(c->ndims + 1, sizeof(*cols));
	int *targets = calloc(c->ndims + 1, sizeof(*targets));
	size_t j, from, to, step;
	int rc = 0;

	if (cols == NULL || targets == NULL) {
		free(cols);
		free(targets);
		return -1;
	}
	for (j = 0; j < c->ndims; j++) {
		cols[j] = c->dims[j].id;
		targets[j] = c->dims[j].target;
	}
	buf_puts(b, "<section>\n");
	/* parts of equal size, none over HEAT_ROWS rows, so that each
	 * prints on a page */
	step = (c->norgs + HEAT_ROWS - 1) / HEAT_ROWS;
	step = step ? (c->norgs + step - 1) / step : 1;
	for (from = 0; rc == 0 && from < c->norgs; from = to) {
		to = from + step < c->norgs ? from + step : c->norgs;
		rc = heat_part(b, c, from, to, cols, targets);
	}
	buf_puts(b, "</section>\n");
	free(cols);
	free(targets);
	return rc;
}

static void
spread_table(struct buf *b, const struct comparison *c)
{
	size_t i, j;

	buf_puts(b, "<table>\n<caption>Levels per dimension</caption>\n"
	    "<thead><tr><th>Dimension</th><th class=\"r\">Target</th>"
	    "<th class=\"r\">Median</th><th>Middle half</th>"
	    "<th class=\"r\">Level 1</th><th class=\"r\">2</th>"
	    "<th class=\"r\">3</th><th class=\"r\">4</th><th class=\"r\">5</th>"
	    "<th class=\"r\">Meeting target</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < c->ndims; i++) {
		const struct cmp_dim *d = &c->dims[i];

		buf_puts(b, "<tr><td>");
		t(b, d->title);
		buf_puts(b, " (");
		t(b, d->id);
		buf_puts(b, ")</td>");
		if (d->target)
			buf_printf(b, "<td class=\"r\">%d</td>", d->target);
		else
			buf_puts(b, "<td class=\"r\">-</td>");
		if (d->rated == 0)
			buf_puts(b, "<td class=\"r\">-</td><td>-</td>");
		else
			buf_printf(b, "<td class=\"r\">%g</td><td>%g to %g</td>",
			    d->median, d->q1, d->q3);
		for (j = 0; j < 5; j++)
			buf_printf(b, "<td class=\"r\">%u</td>", d->counts[j]);
		if (d->target == 0)
			buf_puts(b, "<td class=\"r\">-</td></tr>\n");
		else
			buf_printf(b, "<td class=\"r\">%u of %zu</td></tr>\n",
			    d->meeting, c->norgs);
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static int
spread(struct buf *b, const struct comparison *c)
{
	struct plot_box *bx = calloc(c->ndims + 1, sizeof(*bx));
	size_t i;

	if (bx == NULL)
		return -1;
	for (i = 0; i < c->ndims; i++) {
		bx[i].label = c->dims[i].title;
		bx[i].q1 = c->dims[i].q1;
		bx[i].median = c->dims[i].median;
		bx[i].q3 = c->dims[i].q3;
		bx[i].counts = c->dims[i].counts;
		bx[i].target = c->dims[i].target;
	}
	buf_puts(b, "<section>\n<h2>Spread of levels per dimension</h2>\n"
	    "<figure>");
	plot_spread(b, "Spread of the organisations' levels in each dimension",
	    bx, c->ndims);
	buf_puts(b, "<p class=\"small\">Line: from the lowest level reached to "
	    "the highest. Box: the middle half of the organisations. Thick "
	    "bar: the median. Dashed line: the target. Figures: how many "
	    "organisations are at each level.</p></figure>\n");
	spread_table(b, c);
	buf_puts(b, "</section>\n");
	free(bx);
	return 0;
}

/* The first 'max' practices most often missed, with who misses them
 * (the first ten by rank, then how many more). */
static void
practices(struct buf *b, const struct comparison *c, size_t max, int names)
{
	size_t i, j, n = report_cap(c->nunmet, max);

	buf_puts(b, "<h2>Required practices most often missed</h2>\n");
	if (c->nunmet == 0) {
		buf_puts(b, "<p>Every organisation has every practice the "
		    "profile requires.</p>\n");
		return;
	}
	buf_puts(b, "<ol>");
	for (i = 0; i < n; i++) {
		const struct cmp_practice *p = &c->unmet[i];

		buf_puts(b, "\n<li><strong>");
		t(b, p->id);
		buf_puts(b, "</strong> (");
		t(b, p->dimension);
		buf_printf(b, "), missed by %zu of %zu: ", p->norgs, c->norgs);
		t(b, p->text);
		if (!names) {
			buf_puts(b, "</li>");
			continue;
		}
		buf_puts(b, "<br><span class=\"small\">Missed by ");
		for (j = 0; j < p->norgs && j < 10; j++) {
			buf_puts(b, j == 0 ? "" : j + 1 == p->norgs ? " and " :
			    ", ");
			svg_text(b, p->orgs[j], 80);
		}
		if (p->norgs > 10)
			buf_printf(b, " and %zu more", p->norgs - 10);
		buf_puts(b, ".</span></li>");
	}
	buf_puts(b, "\n</ol>\n");
	if (n < c->nunmet)
		buf_printf(b, "<p class=\"small\">%zu more required practices "
		    "are missed by at least one organisation.</p>\n",
		    c->nunmet - n);
}

static int
compare_full(struct buf *b, const struct comparison *c)
{
	size_t *idx = calloc(c->norgs + 1, sizeof(*idx));
	size_t i;

	if (idx == NULL)
		return -1;
	for (i = 0; i < c->norgs; i++)
		idx[i] = i;
	compare_key(b);
	buf_puts(b, "<h2>League table</h2>\n");
	league(b, c, idx, c->norgs, 1);
	free(idx);
	if (heatmap(b, c) != 0 || spread(b, c) != 0)
		return -1;
	buf_puts(b, "<section>\n");
	practices(b, c, (size_t)-1, 1);
	buf_puts(b, "</section>\n");
	return 0;
}

/* How many reach the target in each dimension: a bar each, the count
 * written beside it. */
static int
reaching(struct buf *b, const struct comparison *c)
{
	const char **labels = calloc(c->ndims + 1, sizeof(*labels));
	int *counts = calloc(c->ndims + 1, sizeof(*counts));
	size_t j;

	if (labels == NULL || counts == NULL) {
		free(labels);
		free(counts);
		return -1;
	}
	for (j = 0; j < c->ndims; j++) {
		labels[j] = c->dims[j].title;
		counts[j] = c->dims[j].target ? (int)c->dims[j].meeting : -1;
	}
	buf_puts(b, "<figure class=\"share\">");
	plot_share(b, "Organisations at or above the target level in each "
	    "dimension", labels, counts, c->ndims, (unsigned)c->norgs);
	buf_puts(b, "</figure>\n");
	free(labels);
	free(counts);
	return 0;
}

static int
compare_summary(struct buf *b, const struct comparison *c)
{
	size_t idx[2 * REPORT_ENDS], n = compare_ends(c, REPORT_ENDS, idx);

	buf_puts(b, "<div class=\"one\">\n<h2>League table</h2>\n");
	league(b, c, idx, n, 0);
	buf_puts(b, "<p class=\"small\">Ranked by headline level, then by the "
	    "mean level and the mean score of the rated dimensions; "
	    "organisations still equal share a rank. Meeting the target means "
	    "every dimension at the profile's level and every required "
	    "practice in place.</p>\n");
	buf_puts(b, "<h2>Reaching the target, dimension by dimension</h2>\n");
	if (reaching(b, c) != 0)
		return -1;
	practices(b, c, REPORT_PRACTICES, 0);
	buf_puts(b, "</div>\n");
	return 0;
}

int
report_compare_html(const struct comparison *c, int kind, struct buf *out,
    struct err *e)
{
	compare_head(out, c, kind);
	if ((kind == REPORT_SUMMARY ? compare_summary(out, c) :
	    compare_full(out, c)) != 0)
		return err_nomem(e);
	html_foot(out, c->head);
	return buf_ok(out, e);
}

/* ==== Trend ==== */

static void
trend_level(struct buf *b, int level)
{
	if (level == 0)
		buf_puts(b, "-");
	else
		buf_printf(b, "%d", level);
}

static int
trend_chart(struct buf *b, const struct tr_org *to)
{
	const struct r_org *last = to->pts[to->n - 1].o;
	const char **panels = calloc(to->ndims + 1, sizeof(*panels));
	const char **xs = calloc(to->n + 1, sizeof(*xs));
	int *lv = calloc(to->ndims * to->n + 1, sizeof(*lv));
	int *targets = calloc(to->ndims + 1, sizeof(*targets));
	size_t i, j;
	int rc = -1;

	if (panels == NULL || xs == NULL || lv == NULL || targets == NULL)
		goto out;
	for (i = 0; i < to->n; i++)
		xs[i] = to->pts[i].o->as_of != NULL ? to->pts[i].o->as_of : "";
	for (j = 0; j < to->ndims && j < last->ndims; j++) {
		panels[j] = last->dims[j].title;
		targets[j] = last->dims[j].target;
		for (i = 0; i < to->n; i++)
			lv[j * to->n + i] = j < to->pts[i].o->ndims ?
			    to->pts[i].o->dims[j].level : 0;
	}
	buf_puts(b, "<figure>");
	plot_lines(b, "Level of each dimension at each date", panels, j, xs,
	    to->n, lv, targets);
	buf_puts(b, "<p class=\"small\">One chart per dimension: the level at "
	    "each date, oldest on the left; the dashed line is the target. The "
	    "table below gives the same levels.</p></figure>\n");
	rc = 0;
out:
	free(panels);
	free(xs);
	free(lv);
	free(targets);
	return rc;
}

static void
trend_table(struct buf *b, const struct tr_org *to)
{
	const struct r_org *last = to->pts[to->n - 1].o;
	size_t i, j;

	buf_puts(b, "<table>\n<caption>Level of each dimension at each date"
	    "</caption>\n<thead><tr><th>Dimension</th>");
	for (i = 0; i < to->n; i++) {
		buf_puts(b, "<th class=\"r\">");
		t(b, to->pts[i].o->as_of);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th>Change</th></tr></thead>\n<tbody>\n");
	for (j = 0; j < to->ndims && j < last->ndims; j++) {
		buf_puts(b, "<tr><td>");
		t(b, last->dims[j].title);
		buf_puts(b, "</td>");
		for (i = 0; i < to->n; i++) {
			buf_puts(b, "<td class=\"r\">");
			trend_level(b, j < to->pts[i].o->ndims ?
			    to->pts[i].o->dims[j].level : 0);
			buf_puts(b, "</td>");
		}
		buf_printf(b, "<td>%s</td></tr>\n",
		    trend_direction(to->dims[j].direction));
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
trend_questions(struct buf *b, const struct trend *tr, const struct tr_org *to)
{
	const char *text;
	size_t i;

	if (to->nqs == 0) {
		buf_puts(b, "<p>No question's level signal moved.</p>\n");
		return;
	}
	buf_puts(b, "<h3>Questions that moved</h3>\n<p class=\"small\">The "
	    "level signal of a question is the median level of its answers; "
	    "a dash means none.</p>\n<ul>");
	for (i = 0; i < to->nqs; i++) {
		const struct tr_change *c = &to->qs[i];

		buf_puts(b, "\n<li><strong>");
		t(b, c->id);
		buf_puts(b, "</strong>");
		if ((text = trend_question_text(tr, c->id)) != NULL) {
			buf_puts(b, " (");
			t(b, text);
			buf_putc(b, ')');
		}
		buf_puts(b, ": ");
		trend_level(b, c->from);
		buf_puts(b, " to ");
		trend_level(b, c->to);
		buf_printf(b, ", %s</li>", trend_direction(c->direction));
	}
	buf_puts(b, "\n</ul>\n");
}

static void
trend_findings(struct buf *b, const char *what, const struct r_strs *l)
{
	size_t i;

	if (l->n == 0)
		return;
	buf_printf(b, "<p>Findings %s: ", what);
	for (i = 0; i < l->n; i++) {
		buf_puts(b, i > 0 ? ", " : "");
		t(b, l->v[i]);
	}
	buf_puts(b, ".</p>\n");
}

static int
trend_org(struct buf *b, const struct trend *tr, const struct tr_org *to)
{
	const struct tr_point *a = &to->pts[0], *z = &to->pts[to->n - 1];

	buf_puts(b, "<section class=\"org\">\n<h2>");
	t(b, to->id);
	buf_puts(b, "</h2>\n<p class=\"lead\">");
	if (to->n == 1) {
		buf_puts(b, "One result only (");
		t(b, a->o->as_of);
		buf_puts(b, "): nothing to compare it with.</p>\n</section>\n");
		return 0;
	}
	buf_puts(b, "Headline: ");
	level_text(b, a->res, a->o->headline);
	buf_puts(b, " on ");
	t(b, a->o->as_of);
	buf_puts(b, ", ");
	level_text(b, z->res, z->o->headline);
	buf_puts(b, " on ");
	t(b, z->o->as_of);
	buf_printf(b, " (%s).</p>\n", trend_direction(to->headline));
	if (trend_chart(b, to) != 0)
		return -1;
	trend_table(b, to);
	trend_questions(b, tr, to);
	trend_findings(b, "that appeared", &to->appeared);
	trend_findings(b, "resolved", &to->resolved);
	buf_puts(b, "</section>\n");
	return 0;
}

int
report_trend_html(const struct trend *tr, struct buf *out, struct err *e)
{
	size_t i;

	html_head(out, tr->head->survey_title, "progress over time", css);
	buf_puts(out, "<h1>Progress over time: ");
	t(out, tr->head->survey_title);
	buf_printf(out, "</h1>\n<p class=\"small\">Organisations: %zu. Each is "
	    "shown from its oldest result to its newest; a change compares the "
	    "first with the last.</p>\n", tr->norgs);
	for (i = 0; i < tr->norgs; i++)
		if (trend_org(out, tr, &tr->orgs[i]) != 0)
			return err_nomem(e);
	html_foot(out, tr->head);
	return buf_ok(out, e);
}
