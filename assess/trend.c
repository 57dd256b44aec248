/*
 * trend.c - results in date order, and what moved.
 */
#include <stdlib.h>
#include <string.h>

#include "trend.h"

#define A (&t->arena)

const char *
trend_direction(int d)
{
	return d == TR_IMPROVED ? "improved" : d == TR_REGRESSED ?
	    "regressed" : "same";
}

static int
direction(int from, int to)
{
	return to > from ? TR_IMPROVED : to < from ? TR_REGRESSED : TR_SAME;
}

/* ==== Checks ==== */

/* The first question id one result has and the other has not. */
static const char *
question_missing(const struct result *a, const struct result *b)
{
	size_t i, j;

	for (i = 0; i < a->nq; i++) {
		for (j = 0; j < b->nq; j++)
			if (strcmp(a->qdefs[i].id, b->qdefs[j].id) == 0)
				break;
		if (j == b->nq)
			return a->qdefs[i].id;
	}
	return NULL;
}

static int
same_survey(const struct result *a, const struct result *b,
    const char *name, struct err *e)
{
	const char *q;

	if (strcmp(a->survey_id, b->survey_id) != 0)
		return err_set(e, AS_EINPUT, name, 0, 0, "is a result for "
		    "survey '%s', not '%s' like the first", b->survey_id,
		    a->survey_id);
	if (strcmp(a->survey_version, b->survey_version) == 0)
		return 0;
	if ((q = question_missing(a, b)) != NULL ||
	    (q = question_missing(b, a)) != NULL)
		return err_set(e, AS_EINPUT, name, 0, 0, "was scored with "
		    "version %s of survey '%s', whose questions differ from "
		    "version %s's ('%s' is in only one): a trend needs the same "
		    "questions", b->survey_version, b->survey_id,
		    a->survey_version, q);
	return 0;
}

static int
same_dimensions(const struct r_org *a, const struct r_org *b,
    const char *name, struct err *e)
{
	size_t i;

	for (i = 0; i < a->ndims && i < b->ndims; i++)
		if (strcmp(a->dims[i].id, b->dims[i].id) != 0)
			break;
	if (i == a->ndims && i == b->ndims)
		return 0;
	return err_set(e, AS_EINPUT, name, 0, 0, "rates other dimensions "
	    "for '%s' than its other results", b->id);
}

/* ==== Gathering the points ==== */

static int
by_org_date(const void *x, const void *y)
{
	const struct tr_point *a = x, *b = y;
	int c = strcmp(a->o->id, b->o->id);

	return c != 0 ? c : strcmp(a->o->as_of, b->o->as_of);
}

static int
gather(struct trend *t, struct tr_point **pts, size_t *npts,
    const struct result *const *res, const char *const *names, size_t n,
    struct err *e)
{
	size_t i, j, total = 0, k = 0;

	for (i = 0; i < n; i++) {
		if (same_survey(res[0], res[i], names[i], e) != 0)
			return -1;
		total += res[i]->norgs;
	}
	if ((*pts = arena_alloc(A, (total + 1) * sizeof(**pts))) == NULL)
		return err_nomem(e);
	for (i = 0; i < n; i++)
		for (j = 0; j < res[i]->norgs; j++) {
			const struct r_org *o = &res[i]->orgs[j];

			if (o->as_of == NULL)
				return err_set(e, AS_EINPUT, names[i], 0, 0,
				    "has no date for '%.80s': score it with "
				    "--as-of DATE, or give its answers a "
				    "submitted date", o->id);
			(*pts)[k].o = o;
			(*pts)[k].res = res[i];
			(*pts)[k++].source = names[i];
		}
	*npts = k;
	qsort(*pts, k, sizeof(**pts), by_org_date);
	return 0;
}

/* ==== What moved ==== */

static int
dim_changes(struct trend *t, struct tr_org *to, struct err *e)
{
	const struct r_org *a = to->pts[0].o, *b = to->pts[to->n - 1].o;
	size_t i;

	to->ndims = b->ndims;
	if ((to->dims = arena_alloc(A, (b->ndims + 1) * sizeof(*to->dims))) ==
	    NULL)
		return err_nomem(e);
	for (i = 0; i < b->ndims; i++) {
		to->dims[i].id = b->dims[i].id;
		to->dims[i].from = a->dims[i].level;
		to->dims[i].to = b->dims[i].level;
		to->dims[i].direction = direction(a->dims[i].level,
		    b->dims[i].level);
	}
	to->headline = direction(a->headline, b->headline);
	return 0;
}

/* The level signal of question 'id' in an organisation, 0 for none. */
static int
signal_of(const struct result *r, const struct r_org *o, const char *id)
{
	size_t i;

	for (i = 0; o->qstats != NULL && i < r->nq; i++)
		if (strcmp(r->qdefs[i].id, id) == 0)
			return (int)o->qstats[r->qdefs[i].off + QS_SIGNAL];
	return 0;
}

static int
question_changes(struct trend *t, struct tr_org *to, struct err *e)
{
	const struct tr_point *a = &to->pts[0], *b = &to->pts[to->n - 1];
	const struct result *r = b->res;
	size_t i;
	int from, now;

	if ((to->qs = arena_alloc(A, (r->nq + 1) * sizeof(*to->qs))) == NULL)
		return err_nomem(e);
	for (i = 0; i < r->nq; i++) {
		from = signal_of(a->res, a->o, r->qdefs[i].id);
		now = signal_of(r, b->o, r->qdefs[i].id);
		if (from == now)
			continue;
		to->qs[to->nqs].id = r->qdefs[i].id;
		to->qs[to->nqs].from = from;
		to->qs[to->nqs].to = now;
		to->qs[to->nqs++].direction = direction(from, now);
	}
	return 0;
}

static int
has_finding(const struct r_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->nfindings; i++)
		if (strcmp(o->findings[i].id, id) == 0)
			return 1;
	return 0;
}

/* Finding ids of 'a' that 'b' does not have, in a's order. */
static int
findings_only(struct trend *t, const struct r_org *a, const struct r_org *b,
    struct r_strs *out, struct err *e)
{
	size_t i, j;

	if ((out->v = arena_alloc(A, (a->nfindings + 1) * sizeof(char *))) ==
	    NULL)
		return err_nomem(e);
	for (i = 0; i < a->nfindings; i++) {
		const char *id = a->findings[i].id;

		for (j = 0; j < out->n && strcmp(out->v[j], id) != 0; j++)
			;
		if (j == out->n && !has_finding(b, id))
			out->v[out->n++] = id;
	}
	return 0;
}

static int
organisation(struct trend *t, struct tr_org *to, struct err *e)
{
	const struct tr_point *first = &to->pts[0];
	size_t i;

	for (i = 1; i < to->n; i++) {
		if (strcmp(to->pts[i].o->as_of, to->pts[i - 1].o->as_of) == 0)
			return err_set(e, AS_EINPUT, to->pts[i].source, 0, 0,
			    "'%.80s' has two results dated %s (in %s and %s): "
			    "give each assessment its own date with --as-of",
			    to->id, to->pts[i].o->as_of, to->pts[i - 1].source,
			    to->pts[i].source);
		if (same_dimensions(first->o, to->pts[i].o, to->pts[i].source,
		    e) != 0)
			return -1;
	}
	return dim_changes(t, to, e) != 0 ||
	    question_changes(t, to, e) != 0 ||
	    findings_only(t, to->pts[to->n - 1].o, first->o, &to->appeared,
	    e) != 0 ||
	    findings_only(t, first->o, to->pts[to->n - 1].o, &to->resolved,
	    e) != 0 ? -1 : 0;
}

int
trend_build(struct trend *t, const struct result *const *res,
    const char *const *names, size_t n, struct err *e)
{
	struct tr_point *pts = NULL;
	const char *newest;
	size_t npts = 0, i, j;

	memset(t, 0, sizeof(*t));
	if (n == 0)
		return err_set(e, AS_EUSAGE, NULL, 0, 0, "no results");
	if (gather(t, &pts, &npts, res, names, n, e) != 0)
		return -1;
	if (npts == 0)
		return err_set(e, AS_EINPUT, names[0], 0, 0, "has no "
		    "organisations");
	if ((t->orgs = arena_alloc(A, (npts + 1) * sizeof(*t->orgs))) == NULL)
		return err_nomem(e);
	for (i = 0; i < npts; i = j) {
		struct tr_org *to = &t->orgs[t->norgs++];

		for (j = i; j < npts && strcmp(pts[j].o->id, pts[i].o->id) == 0;
		    j++)
			;
		to->id = pts[i].o->id;
		to->pts = &pts[i];
		to->n = j - i;
		if (organisation(t, to, e) != 0)
			return -1;
	}
	/* the newest result speaks for the survey (the points are in a
	 * fixed order, so the choice does not hang on the files' order) */
	t->head = pts[0].res;
	for (i = 0, newest = ""; i < npts; i++)
		if (strcmp(pts[i].o->as_of, newest) > 0) {
			newest = pts[i].o->as_of;
			t->head = pts[i].res;
		}
	return 0;
}

void
trend_release(struct trend *t)
{
	arena_release(A);
}

const char *
trend_question_text(const struct trend *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->head->nq; i++)
		if (strcmp(t->head->qdefs[i].id, id) == 0)
			return t->head->qdefs[i].text;
	return NULL;
}
