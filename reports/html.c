/*
 * html.c - the HTML report: one self-contained file (inline CSS and SVG,
 * no scripts, nothing fetched) that reads on screen and prints on A4.
 *
 * Untrusted text lands only in element text and double-quoted attribute
 * values, escaped by svg_text (which also scrubs control, bidirectional
 * and invalid characters); links come only from source addresses that
 * pass report_url_ok.  A Content-Security-Policy forbids everything but
 * the inline style, so even a missed escape could not run or fetch.
 */
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "html.h"
#include "svg.h"

static const char css[] =
"@page{size:A4;margin:14mm 15mm 14mm}"
"*{box-sizing:border-box}"
"body{font:10pt/1.4 \"DejaVu Sans\",\"Helvetica Neue\",Arial,sans-serif;"
"color:#1a1a1a;margin:0;background:#fff;overflow-wrap:break-word}"
"main{max-width:190mm;margin:0 auto;padding:10mm 6mm}"
"h1{font-size:20pt;margin:0 0 4pt;color:#1f4e79}"
"h2{font-size:15pt;margin:18pt 0 6pt;color:#1f4e79;"
"border-bottom:1.5pt solid #1f4e79;padding-bottom:2pt}"
"h3{font-size:12pt;margin:14pt 0 4pt;color:#1f4e79}"
"h4{font-size:10.5pt;margin:10pt 0 2pt}"
"h2,h3,h4{break-after:avoid;page-break-after:avoid}"
"p{margin:4pt 0}"
"p.lead{font-size:12pt;background:#eef3f8;border-left:4pt solid #1f4e79;"
"padding:6pt 8pt}"
"p.small,.small{font-size:9pt;color:#444}"
"ul,ol{margin:4pt 0;padding-left:18pt}"
"li{margin:3pt 0;break-inside:avoid;page-break-inside:avoid}"
"table{border-collapse:collapse;width:100%;margin:6pt 0;font-size:9pt}"
"caption{text-align:left;font-weight:bold;font-size:9pt;color:#444;"
"padding-bottom:2pt}"
"th,td{border:0.5pt solid #999;padding:2.5pt 4pt;vertical-align:top;"
"text-align:left}"
"th{background:#e4e9ef}"
"td.r,th.r{text-align:right}"
"tr{break-inside:avoid;page-break-inside:avoid}"
"thead{display:table-header-group}"
"table.grid td:first-child{width:30%}"
"table.grid td,table.grid th{padding:2pt 3pt}"
"a{color:#1f4e79}"
"figure{margin:6pt 0;break-inside:avoid;page-break-inside:avoid}"
"svg.chart{max-width:100%;height:auto;display:block;margin:0 auto}"
"svg text{font-family:\"DejaVu Sans\",Arial,sans-serif;fill:#1a1a1a}"
"svg .lbl{font-size:11px}svg .tick{font-size:9px;fill:#555}"
"svg .lg,svg .note{font-size:11px}"
"svg .grid{fill:none;stroke:#ccc;stroke-width:1}"
"svg .axis{stroke:#bbb;stroke-width:1}"
"svg .s0{fill:#1f4e79;fill-opacity:.28;stroke:#1f4e79;stroke-width:2.5}"
"svg .s1{fill:none;stroke:#222;stroke-width:2;stroke-dasharray:6 4}"
"svg .pt{fill:#1f4e79}"
"svg .bar{fill:#1f4e79}"
"svg .gap{fill:url(#hatch);stroke:#555;stroke-width:1;"
"stroke-dasharray:3 2}"
"svg .tgt{stroke:#000;stroke-width:2.5}"
"svg .m0{fill:#1a1a1a}svg .m1{fill:#fff;stroke:#1a1a1a;stroke-width:1.5}"
"svg .m2{fill:#888;stroke:#1a1a1a}svg .m3{fill:#fff;stroke:#1a1a1a;"
"stroke-width:1.5}"
"svg .m4{fill:none;stroke:#1a1a1a;stroke-width:2.2}"
"svg .m5{fill:#555;stroke:#1a1a1a}"
"section{break-before:page;page-break-before:always}"
"section:first-of-type,section.appendix,section.front+section{"
"break-before:auto;page-break-before:auto}"
"figure.radar svg{max-width:86mm}"
"section.summary figure.radar svg{max-width:62mm}"
"section.summary h3{margin-top:10pt}"
"section.appendix td:first-child{white-space:nowrap}"
"section.appendix td:nth-child(2){width:46%}"
"section.appendix td:nth-child(3){width:30%}"
"section.summary p.lead{font-size:11.5pt}"
"footer{margin-top:10pt;break-before:avoid;font-size:8.5pt;color:#555;"
"border-top:0.5pt solid #999;padding-top:4pt}"
"@media print{main{padding:0;max-width:none}a{text-decoration:none}}";

/* The hatching the gap bars use: greyscale-safe, defined once. */
static const char defs[] =
"<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
"aria-hidden=\"true\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
"<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777\" "
"stroke-width=\"2\"/></pattern></defs></svg>";

static void
h_text(struct doc *d, const char *s, size_t max)
{
	svg_text(d->b, s, max);
}

static void
h_lit(struct doc *d, const char *s)
{
	svg_text(d->b, s, (size_t)-1);
}

void
html_head(struct buf *b, const char *title, const char *what,
    const char *extra)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"generator\" content=\"assess\">"
	    "\n<title>");
	svg_text(b, title, 120);
	buf_printf(b, " - %s</title>\n<style>%s%s</style>\n</head>\n<body>\n"
	    "%s\n<main>\n", what, css, extra != NULL ? extra : "", defs);
}

void
html_foot(struct buf *b, const struct result *r)
{
	buf_puts(b, "<footer>Survey ");
	svg_text(b, r->survey_id, 64);
	buf_puts(b, ", version ");
	svg_text(b, r->survey_version, 64);
	buf_puts(b, ". Levels from 1 (");
	svg_text(b, r->levels[0].label, 64);
	buf_puts(b, ") to 5 (");
	svg_text(b, r->levels[RESULT_LEVELS - 1].label, 64);
	buf_puts(b, ").</footer>\n</main>\n</body>\n</html>\n");
}

static void
h_begin(struct doc *d, const char *title)
{
	html_head(d->b, title, d->kind == REPORT_SUMMARY ? "readiness summary" :
	    d->kind == REPORT_BCASE ? "business case" : "readiness report",
	    NULL);
}

static void
h_end(struct doc *d)
{
	html_foot(d->b, d->r);
}

static void
h_section(struct doc *d, const char *cls)
{
	if (cls == NULL)
		buf_puts(d->b, "</section>\n");
	else
		buf_printf(d->b, "<section class=\"%s\">\n", cls);
}

static void
h_heading(struct doc *d, int level)
{
	d->in_heading = level < 1 ? 1 : level > 4 ? 4 : level;
	buf_printf(d->b, "<h%d>", d->in_heading);
}

static void
h_end_heading(struct doc *d)
{
	buf_printf(d->b, "</h%d>\n", d->in_heading);
	d->in_heading = 0;
}

static void
h_para(struct doc *d, enum doc_block k)
{
	buf_puts(d->b, k == BLK_LEAD ? "<p class=\"lead\">" : k == BLK_SMALL ?
	    "<p class=\"small\">" : "<p>");
}

static void
h_end_para(struct doc *d)
{
	buf_puts(d->b, "</p>\n");
}

static void
h_strong(struct doc *d, int on)
{
	buf_puts(d->b, on ? "<strong>" : "</strong>");
}

static void
h_link(struct doc *d, const char *url, const char *title)
{
	buf_puts(d->b, "<a href=\"");
	svg_text(d->b, url, (size_t)-1);
	buf_puts(d->b, "\">");
	svg_text(d->b, title, (size_t)-1);
	buf_puts(d->b, "</a>");
}

static void
h_list(struct doc *d, int ordered)
{
	d->ordered = ordered;
	d->item_open = 0;
	buf_puts(d->b, ordered ? "<ol>" : "<ul>");
}

static void
h_item(struct doc *d)
{
	buf_puts(d->b, d->item_open ? "</li>\n<li>" : "\n<li>");
	d->item_open = 1;
}

static void
h_end_list(struct doc *d)
{
	buf_puts(d->b, d->item_open ? "</li>\n" : "");
	buf_puts(d->b, d->ordered ? "</ol>\n" : "</ul>\n");
	d->item_open = 0;
}

static void
h_table(struct doc *d, const char *caption, const char *const *heads,
    const char *align)
{
	size_t i;

	for (i = 0; heads[i] != NULL; i++)
		;
	/* a table of many figures: room for the names in the first column */
	buf_puts(d->b, i >= 8 ? "<table class=\"grid\">\n<caption>" :
	    "<table>\n<caption>");
	svg_text(d->b, caption, (size_t)-1);
	buf_puts(d->b, "</caption>\n<thead><tr>");
	for (i = 0; heads[i] != NULL; i++) {
		buf_puts(d->b, align[i] == 'r' ? "<th class=\"r\">" : "<th>");
		svg_text(d->b, heads[i], 64);
		buf_puts(d->b, "</th>");
	}
	buf_puts(d->b, "</tr></thead>\n<tbody>\n");
	d->align = align;
	d->ncols = (int)i;
	d->ncell = 0;
	d->row_open = 0;
	d->in_table = 1;
}

static void
h_cell(struct doc *d)
{
	int right = d->ncell < d->ncols && d->align[d->ncell] == 'r';

	if (!d->row_open)
		buf_puts(d->b, "<tr>");
	else
		buf_puts(d->b, "</td>");
	buf_puts(d->b, right ? "<td class=\"r\">" : "<td>");
	d->row_open = 1;
	d->ncell++;
}

static void
h_end_row(struct doc *d)
{
	buf_puts(d->b, d->row_open ? "</td></tr>\n" : "");
	d->row_open = 0;
	d->ncell = 0;
}

static void
h_end_table(struct doc *d)
{
	buf_puts(d->b, "</tbody>\n</table>\n");
	d->in_table = 0;
}

static void
h_br(struct doc *d)
{
	buf_puts(d->b, "<br>");
}

/* ==== Charts: each one's figures are also in a table beside it ==== */

static void
radar(struct doc *d, const struct r_org *o)
{
	const char *labels[SVG_MAX_AXES];
	double cur[SVG_MAX_AXES], tgt[SVG_MAX_AXES];
	struct svg_series s[2];
	size_t i, n = report_cap(o->ndims, SVG_MAX_AXES);

	for (i = 0; i < n; i++) {
		labels[i] = o->dims[i].id;
		cur[i] = o->dims[i].level;
		tgt[i] = o->dims[i].target;
	}
	s[0].label = "Current level";
	s[0].v = cur;
	s[1].label = "Target level";
	s[1].v = tgt;
	buf_puts(d->b, "<figure class=\"radar\">");
	svg_radar(d->b, "Current level of each dimension against the target",
	    labels, n, s, d->r->has_target ? 2 : 1, RESULT_LEVELS);
	buf_puts(d->b, "</figure>\n");
}

static void
gaps(struct doc *d, const struct r_org *o)
{
	const char *labels[SVG_MAX_AXES], *notes[SVG_MAX_AXES];
	double cur[SVG_MAX_AXES], tgt[SVG_MAX_AXES];
	char text[SVG_MAX_AXES][48];
	size_t i, n = report_cap(o->ndims, SVG_MAX_AXES);

	for (i = 0; i < n; i++) {
		const struct r_dim *dm = &o->dims[i];
		int gap = result_gap(dm);

		labels[i] = dm->title;
		cur[i] = dm->level;
		tgt[i] = dm->target;
		if (dm->level == 0)
			snprintf(text[i], sizeof(text[i]), "not rated");
		else if (dm->target == 0)
			snprintf(text[i], sizeof(text[i]), "level %d (no "
			    "target)", dm->level);
		else if (gap > 0)
			snprintf(text[i], sizeof(text[i]), "level %d of %d: "
			    "gap %d", dm->level, dm->target, gap);
		else
			snprintf(text[i], sizeof(text[i]), "level %d: target "
			    "%d met", dm->level, dm->target);
		notes[i] = text[i];
	}
	buf_puts(d->b, "<figure>");
	svg_bars(d->b, "Gap to the target in each dimension (bar: current "
	    "level; hatched: the gap; black line: the target)", labels, cur,
	    tgt, notes, n, RESULT_LEVELS);
	buf_puts(d->b, "<p class=\"small\">Solid bar: current level. Hatched "
	    "box: levels still to climb. Black line: the target.</p>"
	    "</figure>\n");
}

static void
roles(struct doc *d, const struct r_org *o)
{
	const char *labels[SVG_MAX_AXES];
	double v[SVG_MAX_SERIES][SVG_MAX_AXES];
	struct svg_series s[SVG_MAX_SERIES];
	size_t i, j, ns = 0, n = report_cap(o->ndims, SVG_MAX_AXES);

	for (j = 0; j < n; j++)
		labels[j] = o->dims[j].title;
	for (i = 0; i < o->nroles && ns < SVG_MAX_SERIES; i++) {
		if (o->roles[i].suppressed)
			continue;
		for (j = 0; j < n; j++)
			v[ns][j] = o->roles[i].levels[j];
		s[ns].label = o->roles[i].id;
		s[ns].v = v[ns];
		ns++;
	}
	buf_puts(d->b, "<figure>");
	svg_dots(d->b, "Level of each dimension as each role sees it", labels,
	    n, s, ns, RESULT_LEVELS);
	buf_puts(d->b, "</figure>\n");
}

static void
h_chart(struct doc *d, enum doc_chart c, const struct r_org *o)
{
	switch (c) {
	case CHART_RADAR:
		radar(d, o);
		break;
	case CHART_GAPS:
		gaps(d, o);
		break;
	case CHART_ROLES:
		roles(d, o);
		break;
	}
}

static const struct doc_ops html_ops = {
	h_begin, h_end, h_section, h_heading, h_end_heading, h_para,
	h_end_para, h_text, h_lit, h_strong, h_link, h_list, h_item,
	h_end_list, h_table, h_cell, h_end_row, h_end_table, h_chart, h_br,
};

int
report_html(const struct result *r, int kind, struct buf *out,
    struct err *e)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	d.ops = &html_ops;
	d.b = out;
	d.r = r;
	d.kind = kind;
	compose(&d);
	return buf_ok(out, e);
}
