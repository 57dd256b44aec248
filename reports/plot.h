/*
 * plot.h - the charts of the pages about many organisations or many
 * dates: a heatmap of levels, the spread of levels per dimension, and a
 * small chart per dimension of its level over time.
 *
 * Levels are 1-5 and 0 means not rated.  Every cell and point carries
 * its level as a figure, not as a shade alone, and a level below its
 * target is marked by a sign as well, so the charts survive greyscale
 * printing.  Text from outside assess is escaped (svg_text) and cut at
 * a character boundary.  The writers put a table with the same figures
 * beside each chart.
 */
#ifndef ASSESS_PLOT_H
#define ASSESS_PLOT_H

#include <stddef.h>

#include "buf.h"

/* A grid of 'nrows' rows by 'ncols' columns; the level of row i in
 * column j is levels[i * ncols + j]; targets[j] is the column's target
 * (0: none).  A cell below its target shows its level with a star. */
void plot_heatmap(struct buf *b, const char *title, const char *const *rows,
    size_t nrows, const char *const *cols, size_t ncols, const int *levels,
    const int *targets);

/* One dimension's levels across organisations. */
struct plot_box {
	const char	*label;
	double		 q1, median, q3;
	const unsigned	*counts;	/* organisations at levels 1-5 */
	int		 target;	/* 0: none */
};

/* A box plot per dimension: whiskers from the lowest to the highest
 * level reached, a box over the middle half, a bar at the median, the
 * target as a dashed line, and under each level how many are there. */
void plot_spread(struct buf *b, const char *title, const struct plot_box *bx,
    size_t n);

/* A bar per label of the share counts[i] is of 'total' (0-100%), with
 * "counts[i] of total" written at its end; a label without a count
 * (counts[i] < 0) reads "no target". */
void plot_share(struct buf *b, const char *title, const char *const *labels,
    const int *counts, size_t n, unsigned total);

/* A small chart per panel of its level at each of 'nx' dates (labels
 * xs); the level of panel p at date i is levels[p * nx + i]; targets[p]
 * is drawn as a dashed line (0: none). */
void plot_lines(struct buf *b, const char *title, const char *const *panels,
    size_t npanels, const char *const *xs, size_t nx, const int *levels,
    const int *targets);

#endif
