/*
 * target.c - load and validate an assess-target/1 profile.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "jdoc.h"
#include "paths.h"
#include "suggest.h"
#include "target.h"

struct tl {
	const struct jdoc	*d;
	const struct survey	*s;
	struct target		*t;
};

#define A (&tl->t->arena)

static int
nomem(struct tl *tl)
{
	return err_nomem(tl->d->err);
}

static int
copy(struct tl *tl, const struct jnode *obj, const char *key, int required,
    size_t max, const char **out)
{
	const char *v = NULL;

	if (jdoc_string(tl->d, obj, key, required, max, &v) != 0)
		return -1;
	if (v != NULL && (*out = arena_strdup(A, v)) == NULL)
		return nomem(tl);
	return 0;
}

static int
option_bits(struct tl *tl, const struct question *q, const struct jnode *arr,
    const char *key, unsigned long long *out)
{
	size_t i;
	int k;

	if (arr->type != JARR || arr->nkids == 0)
		return jdoc_error(tl->d, arr, "'%s' must be a non-empty array of "
		    "option values", key);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *n = &arr->kids[i];
		char allowed[512];

		if (n->type != JSTR || (k = survey_option(q, n->str)) < 0) {
			survey_allowed(q, allowed, sizeof(allowed));
			return jdoc_error(tl->d, n, "%s has no option '%s'; "
			    "expected one of %s", q->id, n->type == JSTR ?
			    n->str : "?", allowed);
		}
		*out |= 1ULL << k;
	}
	return 0;
}

static int load_cond(struct tl *, struct cond *, const struct jnode *);

static int
load_any(struct tl *tl, struct cond *c, const struct jnode *arr)
{
	size_t i;

	if (arr->type != JARR || arr->nkids == 0)
		return jdoc_error(tl->d, arr, "'any' must be a non-empty array "
		    "of conditions");
	if ((c->any = arena_alloc(A, arr->nkids * sizeof(*c->any))) == NULL)
		return nomem(tl);
	for (i = 0; i < arr->nkids; i++)
		if (load_cond(tl, &c->any[i], &arr->kids[i]) != 0)
			return -1;
	c->nany = arr->nkids;
	return 0;
}

static int
wrong_test(struct tl *tl, const struct jnode *n, const struct question *q,
    const char *test)
{
	return jdoc_key_error(tl->d, n, "'%s' cannot test %s, a %s question",
	    test, q->id, survey_type_name(q->type));
}

static int
load_tests(struct tl *tl, struct cond *c, const struct jnode *o,
    const struct question *q)
{
	const struct jnode *n;
	long lv;

	if ((n = jdoc_get(o, "in")) != NULL) {
		if (q->type != Q_SINGLE && q->type != Q_LIKERT &&
		    q->type != Q_YESNO)
			return wrong_test(tl, n, q, "in");
		if (option_bits(tl, q, n, "in", &c->in) != 0)
			return -1;
	}
	if ((n = jdoc_get(o, "includes")) != NULL) {
		if (q->type != Q_MULTI)
			return wrong_test(tl, n, q, "includes");
		if (option_bits(tl, q, n, "includes", &c->includes) != 0)
			return -1;
	}
	if (jdoc_number(tl->d, o, "min", 0, &c->min) != 0 ||
	    jdoc_number(tl->d, o, "max", 0, &c->max) != 0)
		return -1;
	c->has_min = jdoc_get(o, "min") != NULL;
	c->has_max = jdoc_get(o, "max") != NULL;
	if ((c->has_min || c->has_max) && q->type != Q_NUMBER &&
	    q->type != Q_MULTI)
		return wrong_test(tl, jdoc_get(o, c->has_min ? "min" : "max"),
		    q, c->has_min ? "min" : "max");
	if ((n = jdoc_get(o, "min_level")) != NULL) {
		if (jdoc_int(tl->d, o, "min_level", 1, 1, NLEVELS, &lv) != 0)
			return -1;
		if (q->type == Q_TEXT || (q->type == Q_MULTI &&
		    q->nbands == 0))
			return wrong_test(tl, n, q, "min_level");
		c->min_level = (int)lv;
	}
	if (jdoc_bool(tl->d, o, "evidence", &c->evidence) != 0)
		return -1;
	if (c->evidence && !q->evidence)
		return jdoc_key_error(tl->d, jdoc_get(o, "evidence"), "%s does "
		    "not ask for evidence", q->id);
	if (!c->in && !c->includes && !c->has_min && !c->has_max &&
	    !c->min_level && !c->evidence)
		return jdoc_error(tl->d, o, "a condition needs a test: in, "
		    "includes, min, max, min_level or evidence");
	return 0;
}

static int
load_cond(struct tl *tl, struct cond *c, const struct jnode *o)
{
	static const char *const keys[] = { "question", "in", "includes",
	    "min", "max", "min_level", "evidence", "any", NULL };
	static const char *const anykeys[] = { "any", NULL };
	const struct jnode *qn, *any = jdoc_get(o, "any");

	if (any != NULL) {
		if (jdoc_expect_object(tl->d, o, anykeys, "an 'any' "
		    "condition") != 0)
			return -1;
		return load_any(tl, c, any);
	}
	if (jdoc_expect_object(tl->d, o, keys, "a condition") != 0)
		return -1;
	if ((qn = jdoc_get(o, "question")) == NULL)
		return jdoc_error(tl->d, o, "missing required key 'question'");
	if (qn->type != JSTR)
		return jdoc_error(tl->d, qn, "'question' must be a string");
	if ((c->q = survey_question(tl->s, qn->str)) < 0) {
		const char *near = survey_near_question(tl->s, qn->str);

		if (near != NULL)
			return jdoc_error(tl->d, qn, "unknown question '%s'; did "
			    "you mean '%s'?", qn->str, near);
		return jdoc_error(tl->d, qn, "unknown question '%s' in survey "
		    "'%s'", qn->str, tl->s->id);
	}
	return load_tests(tl, c, o, &tl->s->qs[c->q]);
}

static int
load_practice(struct tl *tl, struct practice *p, const struct jnode *o,
    int dim)
{
	static const char *const keys[] = { "id", "text", "source",
	    "source_clause", "satisfied_by", NULL };
	const struct jnode *idn, *src, *sat = NULL;
	size_t i;

	p->dim = dim;
	if (jdoc_expect_object(tl->d, o, keys, "a required practice") != 0)
		return -1;
	if ((idn = jdoc_get(o, "id")) == NULL)
		return jdoc_error(tl->d, o, "missing required key 'id'");
	if (jdoc_ident(tl->d, idn, "practice id") != 0)
		return -1;
	for (i = 0; i < tl->t->npr; i++)
		if (strcmp(tl->t->pr[i].id, idn->str) == 0)
			return jdoc_error(tl->d, idn, "duplicate practice id "
			    "'%s'", idn->str);
	if ((p->id = arena_strdup(A, idn->str)) == NULL)
		return nomem(tl);
	if (copy(tl, o, "text", 1, TEXT_MAX, &p->text) != 0 ||
	    copy(tl, o, "source", 1, 64, &p->source) != 0 ||
	    copy(tl, o, "source_clause", 1, 512, &p->clause) != 0 ||
	    jdoc_array(tl->d, o, "satisfied_by", 1, &sat) != 0)
		return -1;
	src = jdoc_get(o, "source");
	for (i = 0; i < tl->t->nsrc; i++)
		if (strcmp(tl->t->src[i].id, p->source) == 0)
			break;
	if (i == tl->t->nsrc)
		return jdoc_error(tl->d, src, "unknown source '%s'; sources are "
		    "listed in the profile's \"sources\"", p->source);
	if (sat->nkids == 0)
		return jdoc_error(tl->d, sat, "'satisfied_by' needs at least one "
		    "condition");
	if ((p->conds = arena_alloc(A, sat->nkids * sizeof(*p->conds))) ==
	    NULL)
		return nomem(tl);
	for (i = 0; i < sat->nkids; i++)
		if (load_cond(tl, &p->conds[i], &sat->kids[i]) != 0)
			return -1;
	p->nconds = sat->nkids;
	return 0;
}

static int
unknown_dimension(struct tl *tl, const struct jnode *m)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, m->key);
	for (i = 0; i < tl->s->ndims; i++)
		suggest_try(&sg, tl->s->dims[i].id);
	if (sg.best != NULL)
		return jdoc_key_error(tl->d, m, "unknown dimension '%s'; did you "
		    "mean '%s'?", m->key, sg.best);
	return jdoc_key_error(tl->d, m, "unknown dimension '%s' in survey "
	    "'%s'", m->key, tl->s->id);
}

static int
load_dims(struct tl *tl, const struct jnode *dims)
{
	static const char *const keys[] = { "target_level",
	    "required_practices", NULL };
	struct target *t = tl->t;
	size_t i, j, total = 0;
	int k;

	for (i = 0; i < dims->nkids; i++) {
		const struct jnode *rp = jdoc_get(&dims->kids[i],
		    "required_practices");

		total += rp != NULL && rp->type == JARR ? rp->nkids : 0;
	}
	if ((t->dims = arena_alloc(A, tl->s->ndims * sizeof(*t->dims))) ==
	    NULL || (t->pr = arena_alloc(A, (total + 1) * sizeof(*t->pr))) ==
	    NULL)
		return nomem(tl);
	for (i = 0; i < dims->nkids; i++) {
		const struct jnode *m = &dims->kids[i], *rp = NULL;
		long lv;

		if ((k = survey_dimension(tl->s, m->key)) < 0)
			return unknown_dimension(tl, m);
		if (jdoc_expect_object(tl->d, m, keys, "a target dimension") !=
		    0 || jdoc_int(tl->d, m, "target_level", 1, 1, NLEVELS,
		    &lv) != 0 || jdoc_array(tl->d, m, "required_practices", 0,
		    &rp) != 0)
			return -1;
		t->dims[k].level = (int)lv;
		t->dims[k].first = t->npr;
		for (j = 0; rp != NULL && j < rp->nkids; j++) {
			if (load_practice(tl, &t->pr[t->npr], &rp->kids[j],
			    k) != 0)
				return -1;
			t->npr++;
		}
		t->dims[k].n = t->npr - t->dims[k].first;
	}
	return 0;
}

static int
check_as_of(struct tl *tl, const struct jnode *root, const char *v)
{
	size_t n = strlen(v), i;
	int ok = n == 4 || n == 7 || n == 10;

	for (i = 0; ok && i < n; i++)
		ok = (i == 4 || i == 7) ? v[i] == '-' :
		    (v[i] >= '0' && v[i] <= '9');
	if (ok && n >= 7)
		ok = memcmp(v + 5, "01", 2) >= 0 && memcmp(v + 5, "12", 2) <= 0;
	if (!ok)
		return jdoc_error(tl->d, jdoc_get(root, "as_of"), "'as_of' must "
		    "be YYYY, YYYY-MM or YYYY-MM-DD");
	return 0;
}

static int
load_body(struct tl *tl, const struct jnode *root)
{
	static const char *const keys[] = { "format", "id", "survey", "title",
	    "jurisdiction", "as_of", "description", "sources", "dimensions",
	    NULL };
	struct target *t = tl->t;
	const struct jnode *src = NULL, *dims = NULL, *sv;

	if (jdoc_expect_object(tl->d, root, keys, "a target profile") != 0)
		return -1;
	if ((sv = jdoc_get(root, "format")) == NULL)
		return jdoc_error(tl->d, root, "missing required key 'format' "
		    "(\"%s\")", TARGET_FORMAT);
	if (sv->type != JSTR || strcmp(sv->str, TARGET_FORMAT) != 0)
		return jdoc_error(tl->d, sv, "this file's format is '%.40s'; "
		    "expected '%s'", sv->type == JSTR ? sv->str : "?",
		    TARGET_FORMAT);
	if ((sv = jdoc_get(root, "id")) == NULL)
		return jdoc_error(tl->d, root, "missing required key 'id'");
	if (jdoc_ident(tl->d, sv, "id") != 0 ||
	    copy(tl, root, "id", 1, 64, &t->id) != 0 ||
	    copy(tl, root, "survey", 1, 64, &t->survey) != 0 ||
	    copy(tl, root, "title", 1, 256, &t->title) != 0 ||
	    copy(tl, root, "jurisdiction", 1, 256, &t->jurisdiction) != 0 ||
	    copy(tl, root, "as_of", 1, 64, &t->as_of) != 0 ||
	    check_as_of(tl, root, t->as_of) != 0 ||
	    copy(tl, root, "description", 0, TEXT_MAX, &t->description) != 0 ||
	    jdoc_array(tl->d, root, "sources", 1, &src) != 0 ||
	    jdoc_object(tl->d, root, "dimensions", 1, &dims) != 0)
		return -1;
	if (strcmp(t->survey, tl->s->id) != 0)
		return jdoc_error(tl->d, jdoc_get(root, "survey"), "this profile "
		    "is for survey '%s', not '%s'", t->survey, tl->s->id);
	if (src->nkids == 0)
		return jdoc_error(tl->d, src, "a target profile must cite at "
		    "least one source");
	if (survey_load_sources(tl->d, src, A, &t->src, &t->nsrc) != 0)
		return -1;
	return load_dims(tl, dims);
}

static struct target *load(const char *path, const struct survey *s,
    struct err *e);

/* ---------------------------------------------------------------------
 * A profile applied to another survey with the same dimensions
 */

/* The index in 's' of the question that asks what 'hq' asks (same id,
 * type and option values in order), or -1. */
static int
same_question(const struct survey *s, const struct question *hq)
{
	int k = survey_question(s, hq->id);
	size_t i;

	if (k < 0 || s->qs[k].type != hq->type || s->qs[k].nopts != hq->nopts)
		return -1;
	for (i = 0; i < hq->nopts; i++)
		if (strcmp(s->qs[k].opts[i].value, hq->opts[i].value) != 0)
			return -1;
	return k;
}

/* Condition 'c' on 'home' as one on 's': 0, 1 when it tests a question
 * 's' does not ask, -1 out of memory. */
static int
map_cond(struct arena *a, const struct survey *home, const struct survey *s,
    const struct cond *c, struct cond *out)
{
	size_t i;
	int rc = 0;

	*out = *c;
	if (c->nany == 0)
		return (out->q = same_question(s, &home->qs[c->q])) < 0;
	if ((out->any = arena_alloc(a, c->nany * sizeof(*c->any))) == NULL)
		return -1;
	for (i = 0; i < c->nany && rc == 0; i++)
		rc = map_cond(a, home, s, &c->any[i], &out->any[i]);
	return rc;
}

static int
map_practice(struct target *t, const struct practice *hp,
    struct practice *p, int dim, const struct survey *s)
{
	size_t i;
	int rc = 0;

	*p = *hp;
	p->dim = dim;
	if ((p->conds = arena_alloc(&t->arena, (hp->nconds + 1) *
	    sizeof(*p->conds))) == NULL)
		return -1;
	for (i = 0; i < hp->nconds && rc == 0; i++)
		rc = map_cond(&t->arena, t->home_survey, s, &hp->conds[i],
		    &p->conds[i]);
	if (rc == 1) {
		p->unjudged = 1;
		p->nconds = 0;
	}
	return rc < 0 ? -1 : 0;
}

/* The home profile's levels and practices, dimension by dimension of
 * 's'.  0, 1 when no dimension is shared, -1 out of memory. */
static int
map_dims(struct target *t, const struct survey *s)
{
	const struct target *ht = t->home;
	size_t i, j, n = 0, shared = 0;
	int hd;

	if ((t->dims = arena_alloc(&t->arena, s->ndims * sizeof(*t->dims))) ==
	    NULL || (t->pr = arena_alloc(&t->arena, (ht->npr + 1) *
	    sizeof(*t->pr))) == NULL)
		return -1;
	for (i = 0; i < s->ndims; i++) {
		t->dims[i].first = n;
		if ((hd = survey_dimension(t->home_survey, s->dims[i].id)) < 0)
			continue;
		shared++;
		t->dims[i].level = ht->dims[hd].level;
		for (j = 0; j < ht->dims[hd].n; j++)
			if (map_practice(t, &ht->pr[ht->dims[hd].first + j],
			    &t->pr[n++], (int)i, s) != 0)
				return -1;
		t->dims[i].n = n - t->dims[i].first;
	}
	t->npr = n;
	return shared == 0;
}

/* 'path', a profile of bundled survey 'home', for survey 's'. */
static struct target *
across(const char *path, const char *home, const struct survey *s,
    struct err *e)
{
	struct target *t = calloc(1, sizeof(*t));
	char *hpath = paths_survey(home, e);
	int rc = -1;

	if (t == NULL)
		err_nomem(e);
	else if (hpath != NULL &&
	    (t->home_survey = survey_load(hpath, e)) != NULL &&
	    (t->home = load(path, t->home_survey, e)) != NULL) {
		memcpy(t, t->home, offsetof(struct target, dims));
		t->arena = (struct arena){ 0 };
		if ((rc = map_dims(t, s)) < 0)
			err_nomem(e);
		else if (rc > 0)
			err_set(e, AS_EINPUT, path, 0, 0, "this profile is for "
			    "survey '%s', which has no dimension in common with "
			    "'%s'", home, s->id);
	}
	free(hpath);
	if (rc != 0) {
		target_free(t);
		return NULL;
	}
	return t;
}

struct target *
target_load(const char *path, const struct survey *s, struct err *e)
{
	char home[65], *hpath;
	struct err ignored;

	/* another survey's profile, when that survey is bundled */
	if (target_survey_of(path, home, sizeof(home), &ignored) == 0 &&
	    strcmp(home, s->id) != 0 &&
	    (hpath = paths_survey(home, &ignored)) != NULL) {
		free(hpath);
		return across(path, home, s, e);
	}
	return load(path, s, e);
}

static struct target *
load(const char *path, const struct survey *s, struct err *e)
{
	struct target *t;
	struct jdoc d;
	struct tl tl;
	int rc = -1;

	if ((t = calloc(1, sizeof(*t))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	if (jdoc_load(&d, path, e) != 0)
		goto out;
	tl.d = &d;
	tl.s = s;
	tl.t = t;
	if ((t->path = arena_strdup(&t->arena, path)) == NULL) {
		err_nomem(e);
		goto out;
	}
	rc = load_body(&tl, d.root);
out:
	jdoc_release(&d);
	if (rc != 0) {
		target_free(t);
		return NULL;
	}
	return t;
}

void
target_free(struct target *t)
{
	if (t == NULL)
		return;
	target_free(t->home);
	survey_free(t->home_survey);
	arena_release(&t->arena);
	free(t);
}

int
target_survey_of(const char *path, char *out, size_t size, struct err *e)
{
	const struct jnode *sv;
	struct jdoc d;
	int rc = -1;

	if (jdoc_load(&d, path, e) != 0)
		return -1;
	if (d.root->type != JOBJ || (sv = jdoc_get(d.root, "survey")) == NULL)
		jdoc_error(&d, d.root, "missing required key 'survey'");
	else if (sv->type != JSTR || !jdoc_is_ident(sv->str))
		jdoc_error(&d, sv, "'survey' must be a survey id");
	else {
		snprintf(out, size, "%s", sv->str);
		rc = 0;
	}
	jdoc_release(&d);
	return rc;
}
