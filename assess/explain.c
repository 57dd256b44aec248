/*
 * explain.c - choosing the organisations and dimensions explain shows.
 * It reads the result model only; it never prints.
 */
#include <string.h>
#include <strings.h>

#include "aggregate.h"
#include "answers.h"
#include "explain.h"
#include "suggest.h"

int
explain_same_name(const char *a, const char *b)
{
	char ka[ANSWERS_NAME_MAX + 1], kb[ANSWERS_NAME_MAX + 1];

	if (strlen(a) > ANSWERS_NAME_MAX || strlen(b) > ANSWERS_NAME_MAX)
		return strcmp(a, b) == 0;	/* longer than any name read */
	agg_name_key(a, ka);
	agg_name_key(b, kb);
	return strcmp(ka, kb) == 0;
}

/* 's' as agg_name_key folds it, cut to ANSWERS_NAME_MAX bytes first. */
static void
fold(char out[ANSWERS_NAME_MAX + 1], const char *s)
{
	size_t n = strlen(s);

	if (n > ANSWERS_NAME_MAX)
		n = ANSWERS_NAME_MAX;
	memcpy(out, s, n);
	out[n] = '\0';
	agg_name_key(out, out);
}

/* The first organisation whose name holds 'name' (case and spacing
 * aside), for a hint when no name is close by edit distance. */
static const char *
holding(const struct result *r, const char *name)
{
	char want[ANSWERS_NAME_MAX + 1], have[ANSWERS_NAME_MAX + 1];
	size_t i;

	fold(want, name);
	for (i = 0; want[0] != '\0' && i < r->norgs; i++) {
		fold(have, r->orgs[i].id);
		if (strstr(have, want) != NULL)
			return r->orgs[i].id;
	}
	return NULL;
}

static int
find_org(struct explain *x, const char *name, struct err *e)
{
	const struct result *r = x->res;
	struct suggest sg;
	size_t i, k;

	suggest_init(&sg, name);
	for (i = 0; i < r->norgs; i++) {
		if (explain_same_name(r->orgs[i].id, name))
			goto found;
		for (k = 0; k < r->orgs[i].aliases.n; k++)
			if (explain_same_name(r->orgs[i].aliases.v[k], name))
				goto found;
		suggest_try(&sg, r->orgs[i].id);
	}
	if (sg.best == NULL)
		sg.best = holding(r, name);
	if (sg.best != NULL)
		return err_set(e, AS_EINPUT, NULL, 0, 0, "no organisation "
		    "'%.200s' in the answers; the nearest is '%.200s'", name,
		    sg.best);
	return err_set(e, AS_EINPUT, NULL, 0, 0, "no organisation '%.200s' "
	    "in the answers; %s '%.200s'", name, r->norgs == 1 ? "they name "
	    "only" : "the first they name is", r->orgs[0].id);
found:
	x->org = i;
	x->one = 1;
	return 0;
}

static int
find_dim(struct explain *x, const char *id, struct err *e)
{
	const struct r_org *o = &x->res->orgs[0];
	struct suggest sg;
	size_t j;

	suggest_init(&sg, id);
	for (j = 0; j < o->ndims; j++) {
		if (strcasecmp(o->dims[j].id, id) == 0) {
			x->dim = (int)j;
			return 0;
		}
		suggest_try(&sg, o->dims[j].id);
	}
	if (sg.best != NULL)
		return err_set(e, AS_EINPUT, NULL, 0, 0, "no dimension '%.64s' "
		    "in the survey; did you mean '%s'?", id, sg.best);
	return err_set(e, AS_EINPUT, NULL, 0, 0, "no dimension '%.64s' in the "
	    "survey", id);
}

/* Whether any dimension shown has a trace. */
static int
traced(const struct explain *x)
{
	const struct result *r = x->res;
	size_t i, j;

	for (i = 0; i < r->norgs; i++)
		for (j = 0; explain_shows_org(x, i) && r->orgs[i].explain !=
		    NULL && j < r->orgs[i].ndims; j++)
			if (explain_shows_dim(x, j) &&
			    r->orgs[i].explain[j].id != NULL)
				return 1;
	return 0;
}

int
explain_select(struct explain *x, const struct result *res,
    const char *org, const char *dim, struct err *e)
{
	memset(x, 0, sizeof(*x));
	x->res = res;
	x->dim = -1;
	if (res->norgs == 0)
		return err_set(e, AS_EINPUT, NULL, 0, 0, "the answers hold no "
		    "responses to explain");
	if (org != NULL && find_org(x, org, e) != 0)
		return -1;
	if (dim != NULL && find_dim(x, dim, e) != 0)
		return -1;
	if (!traced(x))
		return err_set(e, AS_EINPUT, NULL, 0, 0, "the rules recorded "
		    "no explanation (a rule script explains its levels through "
		    "rules/lib/profile.lua or assess.explaining)");
	return 0;
}

int
explain_shows_org(const struct explain *x, size_t i)
{
	return !x->one || x->org == i;
}

int
explain_shows_dim(const struct explain *x, size_t j)
{
	return x->dim < 0 || (size_t)x->dim == j;
}
