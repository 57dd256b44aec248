/*
 * roadmap.c - sequence recommendations into 30/60/90-day steps.
 */
#include <stdlib.h>
#include <string.h>

#include "roadmap.h"

#define NHORIZONS	4	/* 30, 60, 90, later */

static const int horizons[NHORIZONS] = { 30, 60, 90, ROADMAP_LATER };

const char *
roadmap_horizon(int horizon)
{
	switch (horizon) {
	case 30:
		return "30";
	case 60:
		return "60";
	case 90:
		return "90";
	default:
		return "later";
	}
}

/* Whether recommendation 'b' must wait for 'a'. */
static int
depends(const struct result *res, const struct r_rec *a,
    const struct r_rec *b)
{
	size_t i;

	if (a == b)
		return 0;
	if (strcmp(a->dimension, b->dimension) == 0)
		return a->from < b->from;
	for (i = 0; i < res->bcase.norder; i++)
		if (strcmp(res->bcase.order[i].before, a->dimension) == 0 &&
		    strcmp(res->bcase.order[i].after, b->dimension) == 0 &&
		    a->from < res->bcase.order[i].until)
			return 1;
	return 0;
}

/* The dependency matrix, computed once per organisation: dep[j * n + i]
 * is 1 when recommendation i must wait for j. */
static unsigned char *
dep_matrix(const struct result *res, const struct r_org *o)
{
	size_t n = o->nrecs, i, j;
	unsigned char *dep = malloc(n * n);

	if (dep == NULL)
		return NULL;
	for (j = 0; j < n; j++)
		for (i = 0; i < n; i++)
			dep[j * n + i] = (unsigned char)depends(res,
			    &o->recs[j], &o->recs[i]);
	return dep;
}

static int
base(int priority)
{
	return priority <= 1 ? 0 : priority < NHORIZONS ? priority - 1 :
	    NHORIZONS - 1;
}

/* Horizon index of every recommendation.  A step another depends on
 * takes on the urgency of that step (a policy that urgent approvals need
 * is itself urgent); then each step moves one horizon past the steps it
 * depends on.  The order rules have no circle (bcase.c), and a
 * dimension's rungs only depend on lower rungs, so n passes settle it. */
static void
settle(const struct r_org *o, const unsigned char *dep, int *h)
{
	size_t n = o->nrecs, i, j, pass;
	int moved = 1;

	for (i = 0; i < n; i++)
		h[i] = base(o->recs[i].priority);
	for (pass = 0; pass < n && moved; pass++)
		for (moved = 0, i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (dep[j * n + i] && h[j] > h[i]) {
					h[j] = h[i];
					moved = 1;
				}
	for (moved = 1, pass = 0; pass < n && moved; pass++)
		for (moved = 0, i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				int t = h[j] + 1 < NHORIZONS ? h[j] + 1 : h[j];

				if (dep[j * n + i] && h[i] < t) {
					h[i] = t;
					moved = 1;
				}
			}
}

struct key {
	int		 h, priority;
	size_t		 rec;
};

static int
cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int
link_steps(struct result *res, struct r_org *o, const unsigned char *dep,
    const size_t *stepof)
{
	size_t i, j, n, nr = o->nrecs;

	for (i = 0; i < o->nsteps; i++) {
		struct r_step *st = &o->steps[i];
		const unsigned char *col = dep + st->rec;

		for (n = 0, j = 0; j < nr; j++)
			n += col[j * nr];
		if (n == 0)
			continue;
		if ((st->after = arena_alloc(&res->arena, n *
		    sizeof(size_t))) == NULL)
			return -1;
		for (j = 0; j < nr; j++)
			if (col[j * nr])
				st->after[st->nafter++] = stepof[j];
		/* list the steps in their own order */
		for (j = 1; j < st->nafter; j++) {
			size_t v = st->after[j], k = j;

			for (; k > 0 && st->after[k - 1] > v; k--)
				st->after[k] = st->after[k - 1];
			st->after[k] = v;
		}
	}
	return 0;
}

int
roadmap_build(struct result *res, struct r_org *o)
{
	struct key *keys = NULL;
	size_t *stepof = NULL, i;
	unsigned char *dep = NULL;
	int *h = NULL, rc = -1;

	o->steps = NULL;
	o->nsteps = 0;
	if (o->nrecs == 0)
		return 0;
	if ((h = malloc(o->nrecs * sizeof(*h))) == NULL ||
	    (keys = malloc(o->nrecs * sizeof(*keys))) == NULL ||
	    (stepof = malloc(o->nrecs * sizeof(*stepof))) == NULL ||
	    (o->steps = arena_alloc(&res->arena, o->nrecs *
	    sizeof(*o->steps))) == NULL ||
	    (dep = dep_matrix(res, o)) == NULL)
		goto out;
	settle(o, dep, h);
	for (i = 0; i < o->nrecs; i++) {
		keys[i].h = h[i];
		keys[i].priority = o->recs[i].priority;
		keys[i].rec = i;
	}
	qsort(keys, o->nrecs, sizeof(*keys), cmp);
	for (i = 0; i < o->nrecs; i++) {
		memset(&o->steps[i], 0, sizeof(o->steps[i]));
		o->steps[i].rec = keys[i].rec;
		o->steps[i].horizon = horizons[keys[i].h];
		stepof[keys[i].rec] = i;
	}
	o->nsteps = o->nrecs;
	rc = link_steps(res, o, dep, stepof);
out:
	free(dep);
	free(h);
	free(keys);
	free(stepof);
	return rc;
}
