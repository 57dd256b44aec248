/*
 * svg.c - inline SVG charts: radar, bars against a target, dots by group.
 */
#include <math.h>
#include <string.h>

#include "report.h"
#include "svg.h"

#define PI 3.14159265358979323846

/* Greyscale-safe looks per series: fill shade, stroke dash, marker. */
static const char *const shades[SVG_MAX_SERIES] = {
	"#1f4e79", "#222", "#7f7f7f", "#b05a00", "#4d7f3a", "#6b3d7a"
};
static const char *const dashes[SVG_MAX_SERIES] = {
	"", "6 4", "2 3", "8 3 2 3", "1 2", "4 2"
};

void
svg_text(struct buf *b, const char *s, size_t max)
{
	static const char *const esc[128] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;",
	};

	report_safe_escaped(b, s, max, esc);
}

/* A coordinate: finite, one decimal. */
static double
fin(double v)
{
	return isfinite(v) ? v : 0;
}

void
svg_open(struct buf *b, const char *title, int w, int h)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "class=\"chart\"><title>", w, h, w, h);
	svg_text(b, title, 200);
	buf_puts(b, "</title>");
}

static void
marker(struct buf *b, size_t k, double x, double y)
{
	x = fin(x);
	y = fin(y);
	switch (k % 6) {
	case 0:
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
		    "class=\"m0\"/>", x, y);
		break;
	case 1:
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" "
		    "height=\"9\" class=\"m1\"/>", x - 4.5, y - 4.5);
		break;
	case 2:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
		    "class=\"m2\"/>", x, y - 6, x + 5.5, y + 4, x - 5.5,
		    y + 4);
		break;
	case 3:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f "
		    "%.1fZ\" class=\"m3\"/>", x, y - 6, x + 6, y, x, y + 6,
		    x - 6, y);
		break;
	case 4:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f "
		    "%.1f\" class=\"m4\"/>", x - 5, y - 5, x + 5, y + 5,
		    x - 5, y + 5, x + 5, y - 5);
		break;
	default:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
		    "class=\"m5\"/>", x, y + 6, x + 5.5, y - 4, x - 5.5,
		    y - 4);
		break;
	}
}

/* One legend entry: a marker shape, or (shape < 0) the series' line. */
static void
legend_item(struct buf *b, const struct svg_series *s, size_t k, double lx,
    double y, int shape)
{
	if (shape >= 0)
		marker(b, (size_t)shape, lx + 8, y - 4);
	else
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\" "
		    "stroke-dasharray=\"%s\"/>", lx, y - 4, lx + 22, y - 4,
		    shades[k], k ? 2 : 6, dashes[k]);
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">", lx + 28,
	    y);
	svg_text(b, s->label, 20);
	buf_puts(b, "</text>");
}

static void
point(double cx, double cy, double r, size_t i, size_t n, double *x,
    double *y)
{
	double a = -PI / 2 + 2 * PI * (double)i / (double)n;

	*x = fin(cx + r * cos(a));
	*y = fin(cy + r * sin(a));
}

static void
radar_grid(struct buf *b, const char *const *labels, size_t n, double cx,
    double cy, double R, double max)
{
	double x, y;
	size_t i;
	int ring;

	for (ring = 1; ring <= (int)max; ring++) {
		buf_puts(b, "<polygon class=\"grid\" points=\"");
		for (i = 0; i < n; i++) {
			point(cx, cy, R * ring / max, i, n, &x, &y);
			buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		buf_puts(b, "\"/>");
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%d"
		    "</text>", cx + 3, cy - R * ring / max + 11, ring);
	}
	for (i = 0; i < n; i++) {
		const char *anchor;

		point(cx, cy, R, i, n, &x, &y);
		buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", cx, cy, x, y);
		point(cx, cy, R + 16, i, n, &x, &y);
		anchor = x < cx - 5 ? "end" : x > cx + 5 ? "start" : "middle";
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"%s\" class=\"lbl\">", x, y + 4, anchor);
		svg_text(b, labels[i], 14);
		buf_puts(b, "</text>");
	}
}

/* Whether every value of a series is present. */
static int
complete(const struct svg_series *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(s->v[i] > 0))
			return 0;
	return 1;
}

void
svg_radar(struct buf *b, const char *title, const char *const *labels,
    size_t n, const struct svg_series *s, size_t ns, double max)
{
	const double cx = 210, cy = 190, R = 140;
	double x, y, v;
	size_t i, k;

	if (n < 3 || n > SVG_MAX_AXES || max <= 0)
		return;
	svg_open(b, title, 420, 400);
	radar_grid(b, labels, n, cx, cy, R, max);
	for (k = 0; k < ns && k < SVG_MAX_SERIES; k++) {
		if (!complete(&s[k], n)) {
			/* a partial series: a marker on each axis it has */
			for (i = 0; i < n; i++)
				if (s[k].v[i] > 0) {
					v = s[k].v[i] > max ? max : s[k].v[i];
					point(cx, cy, R * v / max, i, n, &x, &y);
					marker(b, 3, x, y);
				}
			continue;
		}
		buf_printf(b, "<polygon class=\"s%zu\" points=\"", k);
		for (i = 0; i < n; i++) {
			v = s[k].v[i] > max ? max : s[k].v[i];
			point(cx, cy, R * v / max, i, n, &x, &y);
			buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		buf_puts(b, "\"/>");
		for (i = 0; k == 0 && i < n; i++) {
			point(cx, cy, R * (s[k].v[i] > max ? max : s[k].v[i]) /
			    max, i, n, &x, &y);
			buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"3.5\"/>", x, y);
		}
	}
	for (k = 0; k < ns && k < SVG_MAX_SERIES; k++)
		legend_item(b, &s[k], k, 100 + (double)k * 150, 392,
		    complete(&s[k], n) ? -1 : 3);
	buf_puts(b, "</svg>");
}

void
svg_bars(struct buf *b, const char *title, const char *const *labels,
    const double *cur, const double *target, const char *const *note,
    size_t n, double max)
{
	const double left = 262, width = 250, row = 26, top = 28;
	double h = top + row * (double)n + 12, scale = width / max;
	size_t i;
	int t;

	if (n == 0 || max <= 0)
		return;
	svg_open(b, title, 640, (int)h);
	for (t = 0; t <= (int)max; t++)
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "class=\"tick\" text-anchor=\"middle\">%d</text>",
		    left + t * scale, top - 6, left + t * scale, h - 8,
		    left + t * scale, top - 10, t);
	for (i = 0; i < n; i++) {
		double y = top + row * (double)i;
		double c = fin(cur[i] > max ? max : cur[i]);
		double g = fin(target[i] > max ? max : target[i]);

		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\" class=\"lbl\">", left - 8, y + 15);
		svg_text(b, labels[i], 40);
		buf_puts(b, "</text>");
		if (g > c)
			buf_printf(b, "<rect class=\"gap\" x=\"%.1f\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"16\"/>",
			    left + c * scale, y + 3, (g - c) * scale);
		if (c > 0)
			buf_printf(b, "<rect class=\"bar\" x=\"%.1f\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"16\"/>", left,
			    y + 3, c * scale);
		if (g > 0)
			buf_printf(b, "<line class=\"tgt\" x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			    left + g * scale, y, left + g * scale, y + 22);
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"note\">",
		    left + width + 10, y + 15);
		svg_text(b, note[i], 30);
		buf_puts(b, "</text>");
	}
	buf_puts(b, "</svg>");
}

void
svg_dots(struct buf *b, const char *title, const char *const *labels,
    size_t n, const struct svg_series *s, size_t ns, double max)
{
	const double left = 262, width = 290, row = 24, top = 28;
	double h = top + row * (double)n + 34, scale = width / max;
	size_t i, k;
	int t;

	if (n == 0 || max <= 0)
		return;
	svg_open(b, title, 640, (int)h);
	for (t = 1; t <= (int)max; t++)
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "class=\"tick\" text-anchor=\"middle\">%d</text>",
		    left + t * scale, top - 6, left + t * scale,
		    top + row * (double)n, left + t * scale, top - 10, t);
	for (i = 0; i < n; i++) {
		double y = top + row * (double)i + 12;

		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\" class=\"lbl\">", left - 8, y + 4);
		svg_text(b, labels[i], 40);
		buf_puts(b, "</text>");
		for (k = 0; k < ns && k < SVG_MAX_SERIES; k++)
			if (s[k].v[i] > 0)
				/* spread groups at the same level */
				marker(b, k, left + s[k].v[i] * scale +
				    ((double)k - (double)(ns - 1) / 2) * 7, y);
	}
	for (k = 0; k < ns && k < SVG_MAX_SERIES; k++)
		legend_item(b, &s[k], k, 40 + (double)k * 120, h - 8, (int)k);
	buf_puts(b, "</svg>");
}
