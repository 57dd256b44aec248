/*
 * result.c - the result model's small helpers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "swar.h"

void
result_init(struct result *r)
{
	memset(r, 0, sizeof(*r));
}

void
result_release(struct result *r)
{
	arena_release(&r->arena);
	free(r->strings);
	memset(r, 0, sizeof(*r));
}

const char *
result_label(const struct result *r, int level)
{
	if (level < 1 || level > RESULT_LEVELS)
		return NULL;
	return r->levels[level - 1].label;
}

int
result_gap(const struct r_dim *d)
{
	if (d->target == 0 || d->level == 0)
		return -1;
	return d->target > d->level ? d->target - d->level : 0;
}

/* Band edges in tenths: level n starts at 250 (n - 1) - 125 and ends one
 * tenth before the next level starts. */
#define BAND_TENTHS	250
#define HALF_TENTHS	125

void
result_score_band(int level, double *lo, double *hi)
{
	long centre = BAND_TENTHS * (long)(level - 1);

	*lo = level <= 1 ? 0 : (double)(centre - HALF_TENTHS) / 10;
	*hi = level >= RESULT_LEVELS ? 100 :
	    (double)(centre + HALF_TENTHS - 1) / 10;
}

/* The score in tenths as "%.1f" prints it.  Away from a half tenth the
 * nearest whole number of tenths is that (the product's rounding error,
 * below 1e-12 here, cannot cross a half), so printf is asked only near
 * one. */
static long
score_tenths(double score)
{
	double t = score * 10, below = floor(t);
	char shown[32];

	if (t - below < 0.49)
		return (long)below;
	if (t - below > 0.51)
		return (long)below + 1;
	snprintf(shown, sizeof(shown), "%.1f", score);
	return lround(strtod(shown, NULL) * 10);
}

int
result_score_level(double score)
{
	long t;

	if (!isfinite(score) || score < -1 || score > 101)
		return 0;
	/* round as the reports do, so the level matches the printed score */
	t = score_tenths(score);
	if (t < 0 || t > 1000)
		return 0;
	return (int)((t + HALF_TENTHS) / BAND_TENTHS) + 1;
}

int
result_score_fits(int level, double score, char *why, size_t n)
{
	int shown = result_score_level(score);
	double lo, hi;

	if (shown == level)
		return 0;
	result_score_band(level, &lo, &hi);
	snprintf(why, n, "%.1f is %s the band of level %d (%.1f to %.1f)",
	    score, shown > level ? "above" : "below", level, lo, hi);
	return -1;
}

int
result_practice(const struct result *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->npractices; i++)
		if (strcmp(r->practices[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct r_qdef *
result_question(const struct result *r, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < r->nq; i++)
		if (strcmp(r->qdefs[i].id, id) == 0)
			return &r->qdefs[i];
	return NULL;
}

const struct r_source *
result_source(const struct result *r, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < r->nsources; i++)
		if (strcmp(r->sources[i].id, id) == 0)
			return &r->sources[i];
	return NULL;
}

int
result_dim(const struct r_org *o, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < o->ndims; i++)
		if (strcmp(o->dims[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct r_rec *
result_step_rec(const struct r_org *o, size_t step)
{
	return &o->recs[o->steps[step].rec];
}

/* A hash of s[0..n), eight bytes a step: the interned texts include
 * every finding and recommendation of every organisation, some of them
 * hundreds of bytes long.  (Only where a text goes in the table depends
 * on it, never any output.) */
static int
grow_strings(struct result *r)
{
	size_t cap = r->capstrings ? r->capstrings * 2 : 256, i, j;
	const char **t = calloc(cap, sizeof(*t));

	if (t == NULL)
		return -1;
	for (i = 0; i < r->capstrings; i++) {
		const char *s = r->strings[i];

		if (s == NULL)
			continue;
		for (j = swar_hash(s, strlen(s)) & (cap - 1); t[j] != NULL;
		    j = (j + 1) & (cap - 1))
			;
		t[j] = s;
	}
	free(r->strings);
	r->strings = t;
	r->capstrings = cap;
	return 0;
}

const char *
result_intern(struct result *r, const char *s, size_t n)
{
	const char *p;
	size_t j;

	if (2 * (r->nstrings + 1) > r->capstrings && grow_strings(r) != 0)
		return NULL;
	for (j = swar_hash(s, n) & (r->capstrings - 1);
	    (p = r->strings[j]) != NULL; j = (j + 1) & (r->capstrings - 1))
		if (strncmp(p, s, n) == 0 && p[n] == '\0')
			return p;
	if ((p = arena_strndup(&r->arena, s, n)) == NULL)
		return NULL;
	r->strings[j] = p;
	r->nstrings++;
	return p;
}
