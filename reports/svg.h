/*
 * svg.h - small inline SVG charts for the HTML report: a radar, bars
 * against a target, dots by group (and, for the commands that compare
 * and follow results over time, a heatmap and lines).
 *
 * Every chart has a <title> and a visible legend; series differ by
 * pattern, dash and marker shape as well as by shade, so they survive
 * greyscale printing.  Text from outside assess is escaped (svg_text)
 * and cut at a character boundary; coordinates are finite numbers
 * formatted with '.' whatever the locale.
 */
#ifndef ASSESS_SVG_H
#define ASSESS_SVG_H

#include <stddef.h>

#include "buf.h"

#define SVG_MAX_AXES	32
#define SVG_MAX_SERIES	6

/* One series of values on a 0..max scale; values <= 0 are missing. */
struct svg_series {
	const char	*label;
	const double	*v;
};

/* Escape 's' for SVG or HTML text and attribute values, at most 'max'
 * characters (an ellipsis marks a cut). */
void svg_text(struct buf *b, const char *s, size_t max);

/* Open a chart 'w' by 'h' pixels with 'title' (escaped) for screen
 * readers; the caller closes it with "</svg>". */
void svg_open(struct buf *b, const char *title, int w, int h);

/* A radar: axis i labelled labels[i]; series 0 filled, series 1 dashed
 * (e.g. current and target). */
void svg_radar(struct buf *b, const char *title, const char *const *labels,
    size_t n, const struct svg_series *s, size_t ns, double max);

/* Horizontal bars of cur[i] with target[i] marked, labelled labels[i]
 * and a note[i] at the end of each row. */
void svg_bars(struct buf *b, const char *title, const char *const *labels,
    const double *cur, const double *target, const char *const *note,
    size_t n, double max);

/* A row per label, a marker per series (circle, square, triangle,
 * diamond ...), for comparing groups. */
void svg_dots(struct buf *b, const char *title, const char *const *labels,
    size_t n, const struct svg_series *s, size_t ns, double max);

#endif
