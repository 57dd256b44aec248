/*
 * plot.c - heatmap, spread and small line charts for compare and trend.
 * Coordinates are computed from counts assess owns, so they are always
 * finite; every text from outside goes through svg_text.
 */
#include <stdio.h>

#include "plot.h"
#include "svg.h"

#define LEVELS	5

/* Cell shades from level 1 (light) to 5 (dark); the figure in the cell
 * turns white on the two darkest. */
static const char *const shade[LEVELS + 1] = {
	"#ffffff", "#eef3f8", "#c9d9ea", "#93b3d5", "#4f7fb0", "#1f4e79"
};

static void
text_at(struct buf *b, double x, double y, const char *anchor,
    const char *cls, const char *s, size_t max)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
	    "class=\"%s\">", x, y, anchor, cls);
	svg_text(b, s, max);
	buf_puts(b, "</text>");
}

/* ==== Heatmap ==== */

static void
heat_cell(struct buf *b, double x, double y, double w, int level,
    int target)
{
	int lv = level < 0 || level > LEVELS ? 0 : level;

	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"17\" fill=\"%s\" class=\"cell\"/>", x, y, w - 2,
	    shade[lv]);
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "class=\"cv%s\">", x + (w - 2) / 2, y + 12.5, lv >= 4 ? " inv" :
	    "");
	if (lv == 0)
		buf_puts(b, "-");
	else
		buf_printf(b, "%d%s", lv, target && lv < target ? "*" : "");
	buf_puts(b, "</text>");
}

void
plot_heatmap(struct buf *b, const char *title, const char *const *rows,
    size_t nrows, const char *const *cols, size_t ncols, const int *levels,
    const int *targets)
{
	const double left = 300, top = 40, row = 19;
	double w, h = top + row * (double)nrows + 6;
	size_t i, j;

	if (nrows == 0 || ncols == 0)
		return;
	w = (640 - left) / (double)ncols;
	if (w > 60)
		w = 60;
	svg_open(b, title, 640, (int)h);
	text_at(b, left - 8, top - 6, "end", "tick", "target level:", 20);
	for (j = 0; j < ncols; j++) {
		char t[16];

		text_at(b, left + w * (double)j + (w - 2) / 2, top - 20,
		    "middle", "lbl", cols[j], 6);
		t[0] = '\0';
		if (targets[j] > 0)
			snprintf(t, sizeof(t), "%d", targets[j]);
		text_at(b, left + w * (double)j + (w - 2) / 2, top - 6,
		    "middle", "tick", t, 16);
	}
	for (i = 0; i < nrows; i++) {
		double y = top + row * (double)i;

		text_at(b, left - 8, y + 12.5, "end", "hl", rows[i], 48);
		for (j = 0; j < ncols; j++)
			heat_cell(b, left + w * (double)j, y, w,
			    levels[i * ncols + j], targets[j]);
	}
	buf_puts(b, "</svg>");
}

/* ==== Spread ==== */

static void
spread_axis(struct buf *b, double left, double scale, double top)
{
	int t;

	for (t = 1; t <= LEVELS; t++)
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" "
		    "text-anchor=\"middle\">level %d</text>", left + (t - 1) *
		    scale, top - 10, t);
}

/* The grid of one row: a line per level over the box, not through the
 * counts under it. */
static void
spread_grid(struct buf *b, double left, double scale, double y)
{
	int t;

	for (t = 1; t <= LEVELS; t++)
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", left + (t - 1) * scale, y - 4,
		    left + (t - 1) * scale, y + 24);
}

static void
spread_row(struct buf *b, const struct plot_box *p, double y, double left,
    double scale)
{
	int lo = 0, hi = 0, t;
	double x1, x3;

#define X(v) (left + ((v) - 1) * scale)
	for (t = 1; t <= LEVELS; t++)
		if (p->counts[t - 1] > 0) {
			lo = lo ? lo : t;
			hi = t;
		}
	if (lo > 0) {
		x1 = X(p->q1);
		x3 = X(p->q3) > x1 + 4 ? X(p->q3) : x1 + 4;
		buf_printf(b, "<line class=\"whisk\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", X(lo), y + 11, X(hi), y + 11);
		buf_printf(b, "<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"16\"/>", x1 - (x3 - x1 < 5 ? 2 : 0),
		    y + 3, x3 - x1);
		buf_printf(b, "<line class=\"med\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", X(p->median), y + 1,
		    X(p->median), y + 21);
	}
	if (p->target > 0)
		buf_printf(b, "<line class=\"tgtd\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", X(p->target), y - 2,
		    X(p->target), y + 22);
	for (t = 1; t <= LEVELS; t++)
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"cnt\" "
		    "text-anchor=\"middle\">%u</text>", X(t), y + 34,
		    p->counts[t - 1]);
#undef X
}

void
plot_spread(struct buf *b, const char *title, const struct plot_box *bx,
    size_t n)
{
	const double left = 250, scale = 80, top = 30, row = 44;
	double h = top + row * (double)n + 4;
	size_t i;

	if (n == 0)
		return;
	svg_open(b, title, 640, (int)h);
	spread_axis(b, left, scale, top);
	for (i = 0; i < n; i++) {
		double y = top + row * (double)i + 4;

		text_at(b, left - 16, y + 15, "end", "hl", bx[i].label, 40);
		text_at(b, left - 16, y + 34, "end", "tick",
		    "organisations at each level:", 40);
		spread_grid(b, left, scale, y);
		spread_row(b, &bx[i], y, left, scale);
	}
	buf_puts(b, "</svg>");
}

/* ==== Shares ==== */

void
plot_share(struct buf *b, const char *title, const char *const *labels,
    const int *counts, size_t n, unsigned total)
{
	const double left = 250, width = 280, top = 22, row = 14;
	double h = top + row * (double)n + 4;
	size_t i;
	int t;

	if (n == 0 || total == 0)
		return;
	svg_open(b, title, 640, (int)h);
	for (t = 0; t <= 100; t += 25)
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "class=\"tick\" text-anchor=\"middle\">%d%%</text>",
		    left + width * t / 100.0, top - 4, left + width * t / 100.0,
		    h - 2, left + width * t / 100.0, top - 8, t);
	for (i = 0; i < n; i++) {
		double y = top + row * (double)i;
		char note[48];

		text_at(b, left - 8, y + 10.5, "end", "hl", labels[i], 40);
		if (counts[i] < 0) {
			snprintf(note, sizeof(note), "no target");
		} else {
			buf_printf(b, "<rect class=\"bar\" x=\"%.1f\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"10\"/>", left,
			    y + 2, width * counts[i] / (double)total);
			snprintf(note, sizeof(note), "%d of %u", counts[i],
			    total);
		}
		text_at(b, left + width + 8, y + 10.5, "start", "hl", note, 48);
	}
	buf_puts(b, "</svg>");
}

/* ==== Lines over time ==== */

#define PW	204.0	/* panel width and height */
#define PH	132.0

static void
panel_frame(struct buf *b, double x0, double y0, const char *label,
    const char *const *xs, size_t nx, int target)
{
	double sx = nx > 1 ? 150.0 / (double)(nx - 1) : 0;
	size_t i;
	int t;

	text_at(b, x0 + 4, y0 + 12, "start", "lbl", label, 30);
	for (t = 1; t <= LEVELS; t++)
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "class=\"tick\" text-anchor=\"end\">%d</text>", x0 + 30,
		    y0 + 108 - (t - 1) * 20.0, x0 + 190, y0 + 108 - (t - 1) *
		    20.0, x0 + 24, y0 + 111 - (t - 1) * 20.0, t);
	if (target > 0)
		buf_printf(b, "<line class=\"tgtd\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x0 + 30, y0 + 108 -
		    (target - 1) * 20.0, x0 + 190, y0 + 108 - (target - 1) *
		    20.0);
	for (i = 0; i < nx; i++)
		if (nx <= 3 || i == 0 || i + 1 == nx)
			text_at(b, x0 + 38 + sx * (double)i, y0 + 124,
			    nx > 1 && i + 1 == nx ? "end" : "start", "tick",
			    xs[i], 10);
}

#define VALID(v) ((v) >= 1 && (v) <= LEVELS)
#define PY(y0, v) ((y0) + 108 - ((v) - 1) * 20.0)

static void
panel_line(struct buf *b, double x0, double y0, const int *lv, size_t nx)
{
	double sx = nx > 1 ? 150.0 / (double)(nx - 1) : 0;
	size_t i;

	for (i = 1; i < nx; i++)
		if (VALID(lv[i - 1]) && VALID(lv[i]))
			buf_printf(b, "<line class=\"ln\" x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0 + 38 +
			    sx * (double)(i - 1), PY(y0, lv[i - 1]), x0 + 38 +
			    sx * (double)i, PY(y0, lv[i]));
	for (i = 0; i < nx; i++)
		if (VALID(lv[i]))
			buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"4\"/><text x=\"%.1f\" y=\"%.1f\" "
			    "class=\"cv\" text-anchor=\"middle\">%d</text>",
			    x0 + 38 + sx * (double)i, PY(y0, lv[i]), x0 + 38 +
			    sx * (double)i, PY(y0, lv[i]) - 8, lv[i]);
}

void
plot_lines(struct buf *b, const char *title, const char *const *panels,
    size_t npanels, const char *const *xs, size_t nx, const int *levels,
    const int *targets)
{
	size_t p, rows = (npanels + 2) / 3;

	if (npanels == 0 || nx == 0)
		return;
	svg_open(b, title, 640, (int)(PH * (double)rows));
	for (p = 0; p < npanels; p++) {
		double x0 = 10 + PW * (double)(p % 3), y0 = PH * (double)(p / 3);

		panel_frame(b, x0, y0, panels[p], xs, nx, targets[p]);
		panel_line(b, x0, y0, levels + p * nx, nx);
	}
	buf_puts(b, "</svg>");
}
