/*
 * compare.c - the league table and the statistics of a comparison.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define A (&c->arena)

/* ==== Checks ==== */

int
compare_check_target(const struct result *r, const char *target,
    const char *name, struct err *e)
{
	if (!r->has_target)
		return err_set(e, AS_EINPUT, name, 0, 0, "was scored without a "
		    "target profile; score it again with -t %s", target);
	if (strcmp(r->target_id, target) != 0)
		return err_set(e, AS_EINPUT, name, 0, 0, "was scored against "
		    "target '%s', not '%s'; score it again with -t %s",
		    r->target_id, target, target);
	return 0;
}

static int
same_base(const struct result *a, const struct result *b, const char *name,
    struct err *e)
{
	if (strcmp(a->survey_id, b->survey_id) != 0)
		return err_set(e, AS_EINPUT, name, 0, 0, "answers survey '%s', "
		    "not '%s' like the rest", b->survey_id, a->survey_id);
	return compare_check_target(b, a->target_id, name, e);
}

/* 'o' (of result 'b') rates the dimensions the organisations stored so
 * far rate ('first', of the reference 'a'). */
static int
same_dims(const struct r_org *first, const struct r_org *o,
    const struct result *a, const struct result *b, const char *name,
    struct err *e)
{
	size_t i;

	if (first->ndims != o->ndims)
		return err_set(e, AS_EINPUT, name, 0, 0, "rates other "
		    "dimensions than the rest (survey version %s, not %s)",
		    b->survey_version, a->survey_version);
	for (i = 0; i < first->ndims; i++)
		if (strcmp(first->dims[i].id, o->dims[i].id) != 0)
			return err_set(e, AS_EINPUT, name, 0, 0, "rates "
			    "dimension '%s' where the rest rate '%s'",
			    o->dims[i].id, first->dims[i].id);
	return 0;
}

/* ==== One organisation ==== */

static void
measure(struct cmp_org *co, const struct result *head)
{
	const struct r_org *o = co->o;
	double lv = 0, sc = 0;
	unsigned rated = 0;
	size_t i;

	co->meets_levels = 1;
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *d = &o->dims[i];

		if (d->level > 0) {
			rated++;
			lv += d->level;
			sc += floor(d->score * 10 + 0.5) / 10;
		}
		if (d->target > 0 && d->level < d->target)
			co->meets_levels = 0;
		co->practices_met += (unsigned)d->met.n;
		co->practices += (unsigned)(d->met.n + d->unmet.n);
	}
	co->mean_level = rated ? lv / rated : 0;
	co->mean_score = rated ? sc / rated : 0;
	/* scores rounded to one decimal before averaging, and the mean to
	 * two: an order that does not hang on float noise */
	co->mean_level = floor(co->mean_level * 100 + 0.5) / 100;
	co->mean_score = floor(co->mean_score * 100 + 0.5) / 100;
	co->meets = co->meets_levels && co->practices_met == co->practices &&
	    o->headline > 0;
	(void)head;
}

/* -1 when a ranks above b, 1 below, 0 when they share a rank. */
static int
rank_cmp(const struct cmp_org *a, const struct cmp_org *b)
{
	if (a->o->headline != b->o->headline)
		return a->o->headline > b->o->headline ? -1 : 1;
	if (a->mean_level != b->mean_level)
		return a->mean_level > b->mean_level ? -1 : 1;
	if (a->mean_score != b->mean_score)
		return a->mean_score > b->mean_score ? -1 : 1;
	return 0;
}

static int
order(const void *x, const void *y)
{
	const struct cmp_org *a = x, *b = y;
	int r = rank_cmp(a, b);

	return r != 0 ? r : strcmp(a->o->id, b->o->id);
}

static void
rank(struct comparison *c)
{
	size_t i, j;

	qsort(c->orgs, c->norgs, sizeof(*c->orgs), order);
	for (i = 0; i < c->norgs; i++)
		c->orgs[i].rank = i > 0 && rank_cmp(&c->orgs[i - 1],
		    &c->orgs[i]) == 0 ? c->orgs[i - 1].rank : (int)i + 1;
	for (i = 0; i < c->norgs; i++) {
		/* the last of those sharing its rank; the rest rank below */
		for (j = i; j + 1 < c->norgs && c->orgs[j + 1].rank ==
		    c->orgs[i].rank; j++)
			;
		c->orgs[i].percentile = c->norgs > 1 ? floor(1000.0 * (double)
		    (c->norgs - 1 - j) / (double)(c->norgs - 1) + 0.5) / 10 :
		    100;
		c->meeting += c->orgs[i].meets;
	}
}

/* ==== Dimensions ==== */

double
compare_quantile(const int *v, size_t n, double q)
{
	double pos, frac;
	size_t lo;

	if (n == 0)
		return 0;
	pos = q * (double)(n - 1);
	lo = (size_t)floor(pos);
	frac = pos - (double)lo;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + frac * (v[lo + 1] - v[lo]);
}

static int
int_cmp(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

static int
dimensions(struct comparison *c, struct err *e)
{
	const struct r_org *first = c->orgs[0].o;
	int *levels;
	size_t i, j;

	c->ndims = first->ndims;
	if ((c->dims = arena_alloc(A, c->ndims * sizeof(*c->dims) + 1)) ==
	    NULL || (levels = arena_alloc(A, c->norgs * sizeof(int))) == NULL)
		return err_nomem(e);
	for (i = 0; i < c->ndims; i++) {
		struct cmp_dim *d = &c->dims[i];

		d->id = first->dims[i].id;
		d->title = first->dims[i].title;
		d->target = first->dims[i].target;
		for (j = 0; j < c->norgs; j++) {
			const struct r_dim *od = &c->orgs[j].o->dims[i];

			if (od->level == 0)
				continue;
			levels[d->rated++] = od->level;
			d->counts[od->level - 1]++;
			d->meeting += d->target > 0 && od->level >= d->target;
		}
		qsort(levels, d->rated, sizeof(int), int_cmp);
		d->q1 = compare_quantile(levels, d->rated, 0.25);
		d->median = compare_quantile(levels, d->rated, 0.5);
		d->q3 = compare_quantile(levels, d->rated, 0.75);
	}
	return 0;
}

/* ==== Practices ==== */

static int
misses(const struct r_org *o, const char *id)
{
	size_t i, j;

	for (i = 0; i < o->ndims; i++)
		for (j = 0; j < o->dims[i].unmet.n; j++)
			if (strcmp(o->dims[i].unmet.v[j], id) == 0)
				return 1;
	return 0;
}

static int
by_count(const void *x, const void *y)
{
	const struct cmp_practice *a = x, *b = y;

	if (a->norgs != b->norgs)
		return a->norgs > b->norgs ? -1 : 1;
	return 0;
}

static int
practices(struct comparison *c, struct err *e)
{
	const struct result *h = c->head;
	size_t i, j, n = 0;

	if (h->npractices > 0 && (c->unmet = arena_alloc(A, h->npractices *
	    sizeof(*c->unmet))) == NULL)
		return err_nomem(e);
	for (i = 0; i < h->npractices; i++) {
		struct cmp_practice *p = &c->unmet[n];

		p->id = h->practices[i].id;
		p->dimension = h->practices[i].dimension;
		p->text = h->practices[i].text;
		p->clause = h->practices[i].clause;
		if ((p->orgs = arena_alloc(A, c->norgs * sizeof(char *))) ==
		    NULL)
			return err_nomem(e);
		for (j = 0; j < c->norgs; j++)
			if (misses(c->orgs[j].o, p->id))
				p->orgs[p->norgs++] = c->orgs[j].o->id;
		n += p->norgs > 0;
	}
	c->nunmet = n;
	/* stable: equal counts keep the profile's order (insertion sort,
	 * since qsort is not stable) */
	for (i = 1; i < n; i++) {
		struct cmp_practice t = c->unmet[i];

		for (j = i; j > 0 && by_count(&c->unmet[j - 1], &t) > 0; j--)
			c->unmet[j] = c->unmet[j - 1];
		c->unmet[j] = t;
	}
	return 0;
}

/* ==== Storing ==== */

/* The practice ids of 'from', as the reference's own strings (the same
 * target lists the same practices), so that each organisation costs a
 * few pointers. */
static int
copy_ids(struct comparison *c, const struct r_strs *from, struct r_strs *to,
    struct err *e)
{
	size_t i;
	int k;

	to->n = from->n;
	if (from->n == 0)
		return 0;
	if ((to->v = arena_alloc(A, from->n * sizeof(*to->v))) == NULL)
		return err_nomem(e);
	for (i = 0; i < from->n; i++) {
		k = result_practice(c->head, from->v[i]);
		to->v[i] = k >= 0 ? c->head->practices[k].id :
		    arena_strdup(A, from->v[i]);
		if (to->v[i] == NULL)
			return err_nomem(e);
	}
	return 0;
}

/* What the comparison needs of one dimension; its id and title are the
 * first organisation's (same_base checked they agree). */
static int
copy_dim(struct comparison *c, const struct r_dim *d, size_t i,
    struct r_dim *to, struct err *e)
{
	to->id = c->norgs > 0 ? c->orgs[0].o->dims[i].id :
	    arena_strdup(A, d->id);
	to->title = c->norgs > 0 ? c->orgs[0].o->dims[i].title :
	    arena_strdup(A, d->title);
	if (to->id == NULL || to->title == NULL)
		return err_nomem(e);
	to->critical = d->critical;
	to->level = d->level;
	to->score = d->score;
	to->target = d->target;
	return copy_ids(c, &d->met, &to->met, e) != 0 ||
	    copy_ids(c, &d->unmet, &to->unmet, e) != 0 ? -1 : 0;
}

static int
grow_orgs(struct comparison *c, struct err *e)
{
	size_t cap = c->caporgs ? c->caporgs * 2 : 64;
	struct cmp_org *t;

	if ((t = realloc(c->orgs, cap * sizeof(*t))) == NULL)
		return err_nomem(e);
	c->orgs = t;
	c->caporgs = cap;
	return 0;
}

/* A copy of organisation 'o' in the comparison's arena: its name, date,
 * respondents, headline and dimensions, nothing else. */
static int
copy_org(struct comparison *c, const struct r_org *o, struct err *e)
{
	struct r_org *to;
	size_t i;

	if (c->norgs == c->caporgs && grow_orgs(c, e) != 0)
		return -1;
	if ((to = arena_alloc(A, sizeof(*to))) == NULL ||
	    (to->id = arena_strdup(A, o->id)) == NULL ||
	    (o->as_of != NULL && (to->as_of = arena_strdup(A, o->as_of)) ==
	    NULL) || (to->dims = arena_alloc(A, o->ndims * sizeof(*to->dims) +
	    1)) == NULL)
		return err_nomem(e);
	to->respondents = o->respondents;
	to->headline = o->headline;
	to->ndims = o->ndims;
	for (i = 0; i < o->ndims; i++)
		if (copy_dim(c, &o->dims[i], i, &to->dims[i], e) != 0)
			return -1;
	memset(&c->orgs[c->norgs], 0, sizeof(*c->orgs));
	c->orgs[c->norgs++].o = to;
	return 0;
}

void
compare_init(struct comparison *c)
{
	memset(c, 0, sizeof(*c));
}

int
compare_store(struct comparison *c, const struct result *res,
    const char *name, struct err *e)
{
	size_t i;

	if (c->head == NULL) {
		if (!res->has_target)
			return err_set(e, AS_EUSAGE, name, 0, 0, "has no "
			    "target profile to compare with; give -t");
		c->head = res;
		c->head_name = name;
	} else if (same_base(c->head, res, name, e) != 0) {
		return -1;
	}
	if (c->norgs > 0 && res->norgs > 0 &&
	    same_dims(c->orgs[0].o, &res->orgs[0], c->head, res, name, e) != 0)
		return -1;
	for (i = 0; i < res->norgs; i++)
		if (copy_org(c, &res->orgs[i], e) != 0)
			return -1;
	return 0;
}

/* The same organisation twice (in two result files, or a result file
 * and the answers it came from) would be ranked against itself. */
static int
unique(const struct comparison *c, struct err *e)
{
	size_t i;

	for (i = 1; i < c->norgs; i++)
		if (strcmp(c->orgs[i - 1].o->id, c->orgs[i].o->id) == 0)
			return err_set(e, AS_EINPUT, NULL, 0, 0, "organisation "
			    "'%.80s' is given twice (in two results, or in a "
			    "result and in answers)", c->orgs[i].o->id);
	return 0;
}

static int
by_id(const void *x, const void *y)
{
	return strcmp(((const struct cmp_org *)x)->o->id,
	    ((const struct cmp_org *)y)->o->id);
}

int
compare_finish(struct comparison *c, struct err *e)
{
	size_t i;

	if (c->head == NULL)
		return err_set(e, AS_EUSAGE, NULL, 0, 0, "nothing to compare");
	if (c->norgs == 0)
		return err_set(e, AS_EINPUT, c->head_name, 0, 0, "has no "
		    "organisations to compare");
	qsort(c->orgs, c->norgs, sizeof(*c->orgs), by_id);
	if (unique(c, e) != 0)
		return -1;
	for (i = 0; i < c->norgs; i++)
		measure(&c->orgs[i], c->head);
	rank(c);
	return dimensions(c, e) != 0 || practices(c, e) != 0 ? -1 : 0;
}

void
compare_release(struct comparison *c)
{
	arena_release(A);
	free(c->orgs);
	memset(c, 0, sizeof(*c));
}

/* ==== The one-page summary's selection ==== */

size_t
compare_ends(const struct comparison *c, size_t ends, size_t *idx)
{
	size_t i, n = 0;

	for (i = 0; i < c->norgs; i++)
		if (i < ends || i >= c->norgs - ends || c->norgs <= 2 * ends)
			idx[n++] = i;
	return n;
}
