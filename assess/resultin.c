/*
 * resultin.c - assess-result/1 JSON back into the result model, checked
 * field by field.  The cJSON tree never leaves jdoc; every string kept is
 * copied into the result's arena.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jdoc.h"
#include "resultin.h"

struct rr {
	const struct jdoc	*d;
	struct result		*res;
};

#define A (&rr->res->arena)
#define TEXT_MAX 8192

/* ==== Typed members ==== */

/* A string member copied into the arena; NULL for JSON null when
 * 'nullable' (else an error).  Returns -1 on error. */
static int
str(struct rr *rr, const struct jnode *o, const char *key, int nullable,
    const char **out)
{
	const struct jnode *n = jdoc_get(o, key);
	const char *v;

	*out = NULL;
	if (n == NULL)
		return jdoc_error(rr->d, o, "'%s' is missing", key);
	if (n->type == JNULL && nullable)
		return 0;
	if (jdoc_string(rr->d, o, key, 1, TEXT_MAX, &v) != 0)
		return -1;
	if ((*out = arena_strndup(A, v, strlen(v))) == NULL)
		return err_nomem(rr->d->err);
	return 0;
}

/* A whole number from 'min' to 'max', or 0 for null when 'nullable'. */
static int
num(struct rr *rr, const struct jnode *o, const char *key, long min,
    long max, int nullable, long *out)
{
	const struct jnode *n = jdoc_get(o, key);

	*out = 0;
	if (n == NULL)
		return jdoc_error(rr->d, o, "'%s' is missing", key);
	if (n->type == JNULL && nullable)
		return 0;
	return jdoc_int(rr->d, o, key, 1, min, max, out);
}

/* An array of strings (identifiers or short texts). */
static int
strs(struct rr *rr, const struct jnode *o, const char *key,
    struct r_strs *out)
{
	const struct jnode *arr;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (jdoc_array(rr->d, o, key, 1, &arr) != 0)
		return -1;
	if (arr->nkids == 0)
		return 0;
	if ((out->v = arena_alloc(A, arr->nkids * sizeof(*out->v))) == NULL)
		return err_nomem(rr->d->err);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *k = &arr->kids[i];

		if (k->type != JSTR || k->len == 0 || k->len > TEXT_MAX)
			return jdoc_error(rr->d, k, "'%s' must hold non-empty "
			    "strings", key);
		if ((out->v[i] = arena_strndup(A, k->str, k->len)) == NULL)
			return err_nomem(rr->d->err);
	}
	out->n = arr->nkids;
	return 0;
}

/* An array member's elements, allocated in the arena. */
static int
elems(struct rr *rr, const struct jnode *o, const char *key, size_t size,
    void **out, size_t *n, const struct jnode **arr)
{
	*out = NULL;
	*n = 0;
	if (jdoc_array(rr->d, o, key, 1, arr) != 0)
		return -1;
	if ((*arr)->nkids > 0 && (*out = arena_alloc(A, (*arr)->nkids *
	    size)) == NULL)
		return err_nomem(rr->d->err);
	*n = (*arr)->nkids;
	return 0;
}

/* A level's label must be the one the result's levels give it. */
static int
label(struct rr *rr, const struct jnode *o, int level)
{
	const struct jnode *l = jdoc_get(o, "label");
	const char *want = result_label(rr->res, level);

	if (l == NULL)
		return jdoc_error(rr->d, o, "'label' is missing");
	if (want == NULL ? l->type != JNULL : l->type != JSTR ||
	    strcmp(l->str, want) != 0)
		return jdoc_error(rr->d, l, "'label' does not match level %d%s%s",
		    level, want ? ", which is " : " (not rated)", want ? want : "");
	return 0;
}

/* ==== The header ==== */

static int
survey_ref(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "id", "version", "title", NULL };
	const struct jnode *sv;
	struct result *res = rr->res;

	if (jdoc_object(rr->d, root, "survey", 1, &sv) != 0 ||
	    jdoc_expect_object(rr->d, sv, keys, "'survey'") != 0 ||
	    str(rr, sv, "id", 0, &res->survey_id) != 0 ||
	    str(rr, sv, "version", 0, &res->survey_version) != 0 ||
	    str(rr, sv, "title", 0, &res->survey_title) != 0)
		return -1;
	return jdoc_ident(rr->d, jdoc_get(sv, "id"), "the survey id");
}

static int
levels(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "level", "id", "label", NULL };
	const struct jnode *arr;
	long lv;
	size_t i;

	if (jdoc_array(rr->d, root, "levels", 1, &arr) != 0)
		return -1;
	if (arr->nkids != RESULT_LEVELS)
		return jdoc_error(rr->d, arr, "'levels' must list the %d levels",
		    RESULT_LEVELS);
	for (i = 0; i < RESULT_LEVELS; i++) {
		struct r_level *l = &rr->res->levels[i];
		const struct jnode *k = &arr->kids[i];

		if (jdoc_expect_object(rr->d, k, keys, "a level") != 0 ||
		    num(rr, k, "level", 1, RESULT_LEVELS, 0, &lv) != 0 ||
		    str(rr, k, "id", 0, &l->id) != 0 ||
		    str(rr, k, "label", 0, &l->label) != 0)
			return -1;
		if (lv != (long)i + 1)
			return jdoc_error(rr->d, jdoc_get(k, "level"), "levels "
			    "must run from 1 to %d in order", RESULT_LEVELS);
		l->level = (int)lv;
		l->description = "";
	}
	return 0;
}

static int
practices(struct rr *rr, const struct jnode *t)
{
	static const char *const keys[] = { "id", "dimension", "text",
	    "source_clause", NULL };
	const struct jnode *arr;
	void *v;
	size_t i, j;

	if (elems(rr, t, "practices", sizeof(struct r_practice), &v,
	    &rr->res->npractices, &arr) != 0)
		return -1;
	rr->res->practices = v;
	for (i = 0; i < arr->nkids; i++) {
		struct r_practice *p = &rr->res->practices[i];
		const struct jnode *k = &arr->kids[i];

		if (jdoc_expect_object(rr->d, k, keys, "a practice") != 0 ||
		    str(rr, k, "id", 0, &p->id) != 0 ||
		    str(rr, k, "dimension", 0, &p->dimension) != 0 ||
		    str(rr, k, "text", 0, &p->text) != 0 ||
		    str(rr, k, "source_clause", 0, &p->clause) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(rr->res->practices[j].id, p->id) == 0)
				return jdoc_error(rr->d, k, "practice '%s' is "
				    "listed twice", p->id);
	}
	return 0;
}

static int
target(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "id", "title", "jurisdiction",
	    "as_of", "practices", NULL };
	const struct jnode *t = jdoc_get(root, "target");
	struct result *res = rr->res;

	if (t == NULL)
		return jdoc_error(rr->d, root, "'target' is missing");
	if (t->type == JNULL)
		return 0;
	res->has_target = 1;
	if (jdoc_expect_object(rr->d, t, keys, "'target'") != 0 ||
	    str(rr, t, "id", 0, &res->target_id) != 0 ||
	    str(rr, t, "title", 0, &res->target_title) != 0 ||
	    str(rr, t, "jurisdiction", 0, &res->jurisdiction) != 0 ||
	    str(rr, t, "as_of", 0, &res->as_of) != 0)
		return -1;
	return practices(rr, t);
}

/* ==== Dimensions ==== */

/* Practice ids of a dimension: each must be one the target lists. */
static int
practice_ids(struct rr *rr, const struct jnode *o, const char *key,
    struct r_strs *out)
{
	size_t i;

	if (strs(rr, o, key, out) != 0)
		return -1;
	for (i = 0; i < out->n; i++)
		if (result_practice(rr->res, out->v[i]) < 0)
			return jdoc_error(rr->d, jdoc_get(o, key), "'%s' names "
			    "practice '%s', which the target does not list",
			    key, out->v[i]);
	return 0;
}

static int
dim_practices(struct rr *rr, const struct jnode *k, struct r_dim *d)
{
	static const char *const keys[] = { "met", "unmet", "unanswered",
	    "not_assessed", NULL };
	const struct jnode *p = jdoc_get(k, "practices");

	if (p == NULL)
		return jdoc_error(rr->d, k, "'practices' is missing");
	if (p->type == JNULL)
		return 0;
	if (!rr->res->has_target)
		return jdoc_error(rr->d, p, "'practices' needs a target");
	return jdoc_expect_object(rr->d, p, keys, "'practices'") != 0 ||
	    practice_ids(rr, p, "met", &d->met) != 0 ||
	    practice_ids(rr, p, "unmet", &d->unmet) != 0 ||
	    practice_ids(rr, p, "unanswered", &d->no_answers) != 0 ||
	    (jdoc_get(p, "not_assessed") != NULL &&	/* another survey's */
	    practice_ids(rr, p, "not_assessed", &d->not_assessed) != 0) ?
	    -1 : 0;
}

/* The score: 0-100 when rated, null when not. */
static int
dim_score(struct rr *rr, const struct jnode *k, struct r_dim *d)
{
	const struct jnode *sc = jdoc_get(k, "score");
	char why[96];

	if (sc == NULL)
		return jdoc_error(rr->d, k, "'score' is missing");
	if (d->level == 0)
		return sc->type == JNULL ? 0 : jdoc_error(rr->d, sc, "'score' "
		    "must be null when the level is");
	if (sc->type != JNUM || !isfinite(sc->num) || sc->num < 0 ||
	    sc->num > 100)
		return jdoc_error(rr->d, sc, "'score' must be a number from 0 "
		    "to 100");
	d->score = sc->num;
	if (result_score_fits(d->level, d->score, why, sizeof(why)) != 0)
		return jdoc_error(rr->d, sc, "'score' %s", why);
	return 0;
}

/* gap is max(0, target - level), null without a target or a level. */
static int
dim_gap(struct rr *rr, const struct jnode *k, const struct r_dim *d)
{
	long gap;
	int want = result_gap(d);

	if (num(rr, k, "gap", 0, RESULT_LEVELS, 1, &gap) != 0)
		return -1;
	if (jdoc_get(k, "gap")->type == JNULL ? want >= 0 : gap != want)
		return jdoc_error(rr->d, jdoc_get(k, "gap"), "'gap' does not "
		    "match the target and level (it is %d)", want < 0 ? 0 :
		    want);
	return 0;
}

static int
dimension(struct rr *rr, const struct jnode *k, struct r_dim *d)
{
	static const char *const keys[] = { "id", "title", "critical",
	    "score", "level", "label", "target", "gap", "capped_by",
	    "practices", "answered", "not_applicable", "unanswered", NULL };
	long lv, tg, an, na, un;

	if (jdoc_expect_object(rr->d, k, keys, "a dimension") != 0 ||
	    str(rr, k, "id", 0, &d->id) != 0 ||
	    str(rr, k, "title", 0, &d->title) != 0 ||
	    jdoc_bool(rr->d, k, "critical", &d->critical) != 0 ||
	    num(rr, k, "level", 1, RESULT_LEVELS, 1, &lv) != 0)
		return -1;
	d->level = (int)lv;
	if (label(rr, k, d->level) != 0 || dim_score(rr, k, d) != 0 ||
	    num(rr, k, "target", 1, RESULT_LEVELS, 1, &tg) != 0)
		return -1;
	d->target = (int)tg;
	if (d->target && !rr->res->has_target)
		return jdoc_error(rr->d, jdoc_get(k, "target"), "'target' is "
		    "set but the result has no target profile");
	if (dim_gap(rr, k, d) != 0 ||
	    strs(rr, k, "capped_by", &d->capped_by) != 0 ||
	    dim_practices(rr, k, d) != 0 ||
	    num(rr, k, "answered", 0, 1L << 30, 0, &an) != 0 ||
	    num(rr, k, "not_applicable", 0, 1L << 30, 0, &na) != 0 ||
	    num(rr, k, "unanswered", 0, 1L << 30, 0, &un) != 0)
		return -1;
	d->answered = (unsigned)an;
	d->na = (unsigned)na;
	d->unanswered = (unsigned)un;
	return 0;
}

static int
dimensions(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	const struct jnode *arr;
	void *v;
	size_t i, j;

	if (elems(rr, o, "dimensions", sizeof(struct r_dim), &v, &org->ndims,
	    &arr) != 0)
		return -1;
	org->dims = v;
	for (i = 0; i < org->ndims; i++) {
		if (dimension(rr, &arr->kids[i], &org->dims[i]) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(org->dims[j].id, org->dims[i].id) == 0)
				return jdoc_error(rr->d, &arr->kids[i], "dimension "
				    "'%s' is listed twice", org->dims[i].id);
	}
	return 0;
}

/* ==== Findings, recommendations, roles ==== */

static int
findings(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	static const char *const keys[] = { "id", "severity", "dimension",
	    "text", "evidence", NULL };
	const struct jnode *arr;
	void *v;
	size_t i;

	if (elems(rr, o, "findings", sizeof(struct r_finding), &v,
	    &org->nfindings, &arr) != 0)
		return -1;
	org->findings = v;
	for (i = 0; i < org->nfindings; i++) {
		const struct jnode *k = &arr->kids[i];
		struct r_finding *f = &org->findings[i];

		if (jdoc_expect_object(rr->d, k, keys, "a finding") != 0 ||
		    str(rr, k, "id", 0, &f->id) != 0 ||
		    str(rr, k, "severity", 0, &f->severity) != 0 ||
		    str(rr, k, "dimension", 1, &f->dimension) != 0 ||
		    str(rr, k, "text", 0, &f->text) != 0 ||
		    strs(rr, k, "evidence", &f->evidence) != 0)
			return -1;
	}
	return 0;
}

static int
recommendation(struct rr *rr, const struct jnode *k, struct r_rec *r)
{
	static const char *const keys[] = { "id", "dimension", "priority",
	    "from_level", "to_level", "text", "evidence", "sources", NULL };
	long pr, from, to;

	if (jdoc_expect_object(rr->d, k, keys, "a recommendation") != 0 ||
	    str(rr, k, "id", 0, &r->id) != 0 ||
	    str(rr, k, "dimension", 0, &r->dimension) != 0 ||
	    num(rr, k, "priority", 1, 5, 0, &pr) != 0 ||
	    num(rr, k, "from_level", 1, RESULT_LEVELS - 1, 0, &from) != 0 ||
	    num(rr, k, "to_level", 2, RESULT_LEVELS, 0, &to) != 0 ||
	    str(rr, k, "text", 0, &r->text) != 0 ||
	    strs(rr, k, "evidence", &r->evidence) != 0 ||
	    (jdoc_get(k, "sources") != NULL ? strs(rr, k, "sources",
	    &r->sources) : (memset(&r->sources, 0, sizeof(r->sources)), 0))
	    != 0)
		return -1;
	if (to <= from)
		return jdoc_error(rr->d, jdoc_get(k, "to_level"), "'to_level' "
		    "must be above 'from_level'");
	r->priority = (int)pr;
	r->from = (int)from;
	r->to = (int)to;
	return 0;
}

static int
recommendations(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	const struct jnode *arr;
	void *v;
	size_t i;

	if (elems(rr, o, "recommendations", sizeof(struct r_rec), &v,
	    &org->nrecs, &arr) != 0)
		return -1;
	org->recs = v;
	for (i = 0; i < org->nrecs; i++)
		if (recommendation(rr, &arr->kids[i], &org->recs[i]) != 0)
			return -1;
	return 0;
}

static int
role_levels(struct rr *rr, const struct jnode *k, const struct r_org *org,
    struct r_role *rl)
{
	const struct jnode *dims;
	long lv;
	size_t j;

	if (jdoc_object(rr->d, k, "dimensions", 1, &dims) != 0)
		return -1;
	if ((rl->levels = arena_alloc(A, (org->ndims + 1) * sizeof(int))) ==
	    NULL)
		return err_nomem(rr->d->err);
	if (dims->nkids != org->ndims)
		return jdoc_error(rr->d, dims, "role '%s' must rate the %zu "
		    "dimensions", rl->id, org->ndims);
	for (j = 0; j < org->ndims; j++) {
		if (jdoc_get(dims, org->dims[j].id) == NULL)
			return jdoc_error(rr->d, dims, "role '%s' has no level "
			    "for dimension '%s'", rl->id, org->dims[j].id);
		if (num(rr, dims, org->dims[j].id, 1, RESULT_LEVELS, 1, &lv) !=
		    0)
			return -1;
		rl->levels[j] = (int)lv;
	}
	return 0;
}

static int
roles(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	static const char *const keys[] = { "respondents", "suppressed",
	    "dimensions", NULL };
	const struct jnode *obj;
	long n;
	size_t i;

	if (jdoc_object(rr->d, o, "roles", 1, &obj) != 0)
		return -1;
	if (obj->nkids > 0 && (org->roles = arena_alloc(A, obj->nkids *
	    sizeof(*org->roles))) == NULL)
		return err_nomem(rr->d->err);
	for (i = 0; i < obj->nkids; i++) {
		const struct jnode *k = &obj->kids[i];
		struct r_role *rl = &org->roles[i];

		if ((rl->id = arena_strdup(A, k->key)) == NULL)
			return err_nomem(rr->d->err);
		if (jdoc_expect_object(rr->d, k, keys, "a role") != 0 ||
		    num(rr, k, "respondents", 0, 1L << 30, 0, &n) != 0)
			return -1;
		rl->respondents = (unsigned)n;
		if (jdoc_get(k, "suppressed") != NULL)
			rl->suppressed = 1;
		else if (role_levels(rr, k, org, rl) != 0)
			return -1;
	}
	org->nroles = obj->nkids;
	return 0;
}

/* ==== Questions ==== */

/* The question definitions every organisation's statistics refer to. */
static int
qdef(struct rr *rr, const struct jnode *q, struct r_qdef *d)
{
	static const char *const keys[] = { "id", "dimension", "text",
	    "options", NULL };
	struct r_strs opts;

	if (jdoc_expect_object(rr->d, q, keys, "a question") != 0 ||
	    str(rr, q, "id", 0, &d->id) != 0 ||
	    str(rr, q, "dimension", 0, &d->dimension) != 0 ||
	    str(rr, q, "text", 0, &d->text) != 0 ||
	    strs(rr, q, "options", &opts) != 0)
		return -1;
	d->opts = opts.v;
	d->nopts = opts.n;
	return 0;
}

static int
qdefs(struct rr *rr, const struct jnode *root)
{
	const struct jnode *arr;
	struct result *res = rr->res;
	unsigned off = 0;
	void *v;
	size_t i, j;

	if (elems(rr, root, "questions", sizeof(struct r_qdef), &v, &res->nq,
	    &arr) != 0)
		return -1;
	res->qdefs = v;
	for (i = 0; i < res->nq; i++) {
		struct r_qdef *d = &res->qdefs[i];

		if (qdef(rr, &arr->kids[i], d) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(res->qdefs[j].id, d->id) == 0)
				return jdoc_error(rr->d, &arr->kids[i], "question "
				    "'%s' is listed twice", d->id);
		d->off = off;
		off += QS_OPTS + (unsigned)d->nopts;
	}
	res->qstride = off;
	return 0;
}

static int
counter(struct rr *rr, const struct jnode *n, unsigned *out)
{
	if (n->type != JNUM || n->num < 0 || n->num > 1e9 ||
	    n->num != floor(n->num))
		return jdoc_error(rr->d, n, "expected a whole number of "
		    "respondents");
	*out = (unsigned)n->num;
	return 0;
}

static int
question_counts(struct rr *rr, const struct jnode *q,
    const struct r_qdef *d, unsigned *c)
{
	const struct jnode *lv, *opts;
	long v;
	size_t j;

	if (num(rr, q, "answered", 0, 1L << 30, 0, &v) != 0)
		return -1;
	c[QS_ANSWERED] = (unsigned)v;
	if (num(rr, q, "na", 0, 1L << 30, 0, &v) != 0)
		return -1;
	c[QS_NA] = (unsigned)v;
	if (num(rr, q, "unanswered", 0, 1L << 30, 0, &v) != 0)
		return -1;
	c[QS_UNANSWERED] = (unsigned)v;
	if (num(rr, q, "signal", 1, RESULT_LEVELS, 1, &v) != 0)
		return -1;
	c[QS_SIGNAL] = (unsigned)v;
	if (jdoc_array(rr->d, q, "levels", 1, &lv) != 0 ||
	    jdoc_object(rr->d, q, "options", 1, &opts) != 0)
		return -1;
	if (lv->nkids != RESULT_LEVELS)
		return jdoc_error(rr->d, lv, "'levels' must count %d levels",
		    RESULT_LEVELS);
	for (j = 0; j < RESULT_LEVELS; j++)
		if (counter(rr, &lv->kids[j], &c[QS_LEVELS + j]) != 0)
			return -1;
	if (opts->nkids != d->nopts)
		return jdoc_error(rr->d, opts, "question '%s' has other options "
		    "than the result lists", d->id);
	for (j = 0; j < d->nopts; j++) {
		if (strcmp(opts->kids[j].key, d->opts[j]) != 0)
			return jdoc_key_error(rr->d, &opts->kids[j], "option "
			    "'%s' where the result lists '%s'",
			    opts->kids[j].key, d->opts[j]);
		if (counter(rr, &opts->kids[j], &c[QS_OPTS + j]) != 0)
			return -1;
	}
	return 0;
}

/* What the roles said of question i. */
static int
question_roles(struct rr *rr, const struct jnode *q, struct r_org *org,
    size_t i)
{
	static const char *const keys[] = { "answered", "signal", NULL };
	const struct jnode *obj, *k;
	struct r_role *rl;
	long v;
	size_t j;

	if (jdoc_object(rr->d, q, "roles", 1, &obj) != 0)
		return -1;
	for (j = 0; j < obj->nkids; j++) {
		k = &obj->kids[j];
		for (rl = org->roles; rl < org->roles + org->nroles; rl++)
			if (strcmp(rl->id, k->key) == 0 && !rl->suppressed)
				break;
		if (rl == org->roles + org->nroles)
			return jdoc_key_error(rr->d, k, "role '%.64s' is not a "
			    "role of this organisation shown in 'roles'",
			    k->key);
		if (rl->qanswered == NULL && ((rl->qanswered = arena_alloc(A,
		    rr->res->nq * sizeof(unsigned))) == NULL ||
		    (rl->qsignal = arena_alloc(A, rr->res->nq)) == NULL))
			return err_nomem(rr->d->err);
		if (jdoc_expect_object(rr->d, k, keys, "a role's answers") != 0 ||
		    num(rr, k, "answered", 0, 1L << 30, 0, &v) != 0)
			return -1;
		rl->qanswered[i] = (unsigned)v;
		if (num(rr, k, "signal", 1, RESULT_LEVELS, 1, &v) != 0)
			return -1;
		rl->qsignal[i] = (unsigned char)v;
	}
	return 0;
}

/* A question's usual answer in words, when the report gave one. */
static int
answer(struct rr *rr, const struct jnode *q, struct r_org *org, size_t i)
{
	struct r_answer *a;

	if (jdoc_get(q, "answer") == NULL)
		return 0;
	if (org->answers == NULL) {
		if ((org->answers = arena_alloc(A, (rr->res->nq + 1) *
		    sizeof(*org->answers))) == NULL)
			return err_nomem(rr->d->err);
		memset(org->answers, 0, (rr->res->nq + 1) *
		    sizeof(*org->answers));
	}
	a = &org->answers[i];
	a->shown = 1;
	return str(rr, q, "answer", 0, &a->answer);
}

static int
questions(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	static const char *const keys[] = { "id", "answered", "na",
	    "unanswered", "signal", "levels", "options", "answer", "roles",
	    NULL };
	const struct jnode *arr;
	struct result *res = rr->res;
	size_t i;

	if (jdoc_array(rr->d, o, "questions", 1, &arr) != 0)
		return -1;
	if (arr->nkids != res->nq)
		return jdoc_error(rr->d, arr, "%zu questions where the result "
		    "lists %zu", arr->nkids, res->nq);
	if (res->qstride > 0 && (org->qstats = arena_alloc(A, res->qstride *
	    sizeof(*org->qstats))) == NULL)
		return err_nomem(rr->d->err);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *q = &arr->kids[i], *id;
		const struct r_qdef *d = &res->qdefs[i];

		if (jdoc_expect_object(rr->d, q, keys, "a question") != 0)
			return -1;
		id = jdoc_get(q, "id");
		if (id == NULL || id->type != JSTR || strcmp(id->str, d->id))
			return jdoc_error(rr->d, id ? id : q, "question %zu must "
			    "be '%s', as the result lists them", i + 1, d->id);
		if (question_counts(rr, q, d, org->qstats + d->off) != 0 ||
		    question_roles(rr, q, org, i) != 0 ||
		    answer(rr, q, org, i) != 0)
			return -1;
	}
	return 0;
}

/* ==== Organisations ==== */

static int
headline(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	static const char *const keys[] = { "level", "label", "basis", NULL };
	const struct jnode *h;
	long lv;

	if (jdoc_object(rr->d, o, "headline", 1, &h) != 0 ||
	    jdoc_expect_object(rr->d, h, keys, "'headline'") != 0 ||
	    num(rr, h, "level", 1, RESULT_LEVELS, 1, &lv) != 0)
		return -1;
	org->headline = (int)lv;
	return label(rr, h, org->headline) != 0 ||
	    str(rr, h, "basis", 0, &org->basis) != 0 ? -1 : 0;
}

static int
as_of(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	const char *v;
	char date[11];

	if (str(rr, o, "as_of", 1, &v) != 0)
		return -1;
	if (v != NULL && (strlen(v) != 10 || date_parse(v, 10, date) != 0))
		return jdoc_error(rr->d, jdoc_get(o, "as_of"), "'as_of' must be "
		    "a date, YYYY-MM-DD");
	org->as_of = v;
	return 0;
}

/* One roadmap step: the recommendation it schedules (by id), when, and
 * the earlier steps it depends on. */
static int
step(struct rr *rr, const struct jnode *k, struct r_org *org, size_t i)
{
	static const char *const keys[] = { "step", "horizon",
	    "recommendation", "closes", "depends_on", NULL };
	static const char *const when[] = { "30", "60", "90", "later" };
	static const int days[] = { 30, 60, 90, 0 };
	struct r_step *st = &org->steps[i];
	const struct jnode *dep;
	const char *h, *rec;
	size_t j;
	long n;

	if (jdoc_expect_object(rr->d, k, keys, "a roadmap step") != 0 ||
	    num(rr, k, "step", (long)i + 1, (long)i + 1, 0, &n) != 0 ||
	    str(rr, k, "horizon", 0, &h) != 0 ||
	    str(rr, k, "recommendation", 0, &rec) != 0 ||
	    jdoc_array(rr->d, k, "depends_on", 1, &dep) != 0)
		return -1;
	for (j = 0; j < 4 && strcmp(h, when[j]) != 0; j++)
		;
	if (j == 4)
		return jdoc_error(rr->d, jdoc_get(k, "horizon"), "'horizon' "
		    "must be \"30\", \"60\", \"90\" or \"later\"");
	st->horizon = days[j];
	for (j = 0; j < org->nrecs && strcmp(org->recs[j].id, rec) != 0; j++)
		;
	if (j == org->nrecs)
		return jdoc_error(rr->d, jdoc_get(k, "recommendation"), "no "
		    "recommendation '%s'", rec);
	st->rec = j;
	st->nafter = 0;
	if (dep->nkids > 0 && (st->after = arena_alloc(A, dep->nkids *
	    sizeof(size_t))) == NULL)
		return err_nomem(rr->d->err);
	for (j = 0; j < dep->nkids; j++) {
		const struct jnode *d = &dep->kids[j];

		if (d->type != JNUM || d->num < 1 || d->num > (double)i ||
		    d->num != (double)(size_t)d->num)
			return jdoc_error(rr->d, d, "'depends_on' must list "
			    "earlier steps");
		st->after[st->nafter++] = (size_t)d->num - 1;
	}
	return 0;
}

static int
roadmap(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	const struct jnode *arr;
	void *v;
	size_t i;

	if (jdoc_get(o, "roadmap") == NULL)
		return 0;
	if (elems(rr, o, "roadmap", sizeof(struct r_step), &v, &org->nsteps,
	    &arr) != 0)
		return -1;
	org->steps = v;
	for (i = 0; i < org->nsteps; i++)
		if (step(rr, &arr->kids[i], org, i) != 0)
			return -1;
	return 0;
}

static int
organisation(struct rr *rr, const struct jnode *o, struct r_org *org)
{
	static const char *const keys[] = { "id", "also_written_as", "as_of",
	    "respondents", "headline", "dimensions", "findings",
	    "recommendations", "roadmap", "flags", "roles", "questions",
	    NULL };
	long n;

	if (jdoc_expect_object(rr->d, o, keys, "an organisation") != 0 ||
	    str(rr, o, "id", 0, &org->id) != 0 || as_of(rr, o, org) != 0 ||
	    (jdoc_get(o, "also_written_as") != NULL && strs(rr, o,
	    "also_written_as", &org->aliases) != 0) ||
	    num(rr, o, "respondents", 1, 1L << 30, 0, &n) != 0)
		return -1;
	org->respondents = (unsigned)n;
	return headline(rr, o, org) != 0 || dimensions(rr, o, org) != 0 ||
	    findings(rr, o, org) != 0 || recommendations(rr, o, org) != 0 ||
	    roadmap(rr, o, org) != 0 ||
	    strs(rr, o, "flags", &org->flags) != 0 ||
	    roles(rr, o, org) != 0 || questions(rr, o, org) != 0 ?
	    -1 : 0;
}

/* Every organisation rates the same dimensions, in the same order. */
static int
same_dimensions(struct rr *rr, const struct jnode *o, const struct r_org *a,
    const struct r_org *b)
{
	size_t i;

	if (a->ndims != b->ndims)
		return jdoc_error(rr->d, o, "organisation '%s' rates %zu "
		    "dimensions where the first rates %zu", b->id, b->ndims,
		    a->ndims);
	for (i = 0; i < a->ndims; i++)
		if (strcmp(a->dims[i].id, b->dims[i].id) != 0)
			return jdoc_error(rr->d, o, "organisation '%s' has "
			    "dimension '%s' where the first has '%s'", b->id,
			    b->dims[i].id, a->dims[i].id);
	return 0;
}

static int
organisations(struct rr *rr, const struct jnode *root)
{
	const struct jnode *arr;
	struct result *res = rr->res;
	void *v;
	size_t i, j;

	if (elems(rr, root, "organisations", sizeof(struct r_org), &v,
	    &res->norgs, &arr) != 0)
		return -1;
	res->orgs = v;
	for (i = 0; i < res->norgs; i++) {
		const struct jnode *o = &arr->kids[i];

		if (organisation(rr, o, &res->orgs[i]) != 0 ||
		    (i > 0 && same_dimensions(rr, o, &res->orgs[0],
		    &res->orgs[i]) != 0))
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(res->orgs[j].id, res->orgs[i].id) == 0)
				return jdoc_error(rr->d, o, "organisation '%s' "
				    "is listed twice", res->orgs[i].id);
	}
	return 0;
}

/* With --keep-going: the responses left out (file, line, reason). */
static int
excluded(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "file", "line", "respondent",
	    "reason", NULL };
	const struct jnode *arr;
	struct result *res = rr->res;
	const char *who;
	void *v;
	size_t i;
	long line;

	if (jdoc_get(root, "excluded") == NULL)
		return 0;
	res->keep_going = 1;
	if (elems(rr, root, "excluded", sizeof(struct r_excluded), &v,
	    &res->nexcluded, &arr) != 0)
		return -1;
	res->excluded = v;
	for (i = 0; i < res->nexcluded; i++) {
		const struct jnode *o = &arr->kids[i];
		struct r_excluded *x = &res->excluded[i];

		if (jdoc_expect_object(rr->d, o, keys, "a response left "
		    "out") != 0 || str(rr, o, "file", 0, &x->file) != 0 ||
		    num(rr, o, "line", 0, 100000000, 0, &line) != 0 ||
		    str(rr, o, "respondent", 1, &who) != 0 ||
		    str(rr, o, "reason", 0, &x->reason) != 0)
			return -1;
		x->line = (unsigned)line;
	}
	return 0;
}

/* What --fail-below found, when it was given. */
static int
fail_below(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "level", "organisations", NULL };
	const struct jnode *fb = jdoc_get(root, "fail_below");
	long lv;

	if (fb == NULL)
		return 0;
	if (jdoc_expect_object(rr->d, fb, keys, "'fail_below'") != 0 ||
	    num(rr, fb, "level", 1, RESULT_LEVELS, 0, &lv) != 0)
		return -1;
	rr->res->fail_below = (int)lv;
	return strs(rr, fb, "organisations", &rr->res->below);
}

/* ==== Entry points ==== */

int
resultin_is_result(const struct jdoc *d)
{
	const struct jnode *f = jdoc_get(d->root, "format");

	return f != NULL && f->type == JSTR &&
	    strncmp(f->str, "assess-result/", 14) == 0;
}

/* The survey's bibliography the report cites. */
static int
sources(struct rr *rr, const struct jnode *root)
{
	static const char *const keys[] = { "id", "title", "url", "publisher",
	    "year", NULL };
	struct result *res = rr->res;
	const struct jnode *arr;
	void *v;
	size_t i;
	long y;

	if (jdoc_get(root, "sources") == NULL)
		return 0;
	if (elems(rr, root, "sources", sizeof(struct r_source), &v,
	    &res->nsources, &arr) != 0)
		return -1;
	res->sources = v;
	for (i = 0; i < res->nsources; i++) {
		const struct jnode *k = &arr->kids[i];
		struct r_source *s = &res->sources[i];

		if (jdoc_expect_object(rr->d, k, keys, "a source") != 0 ||
		    str(rr, k, "id", 0, &s->id) != 0 ||
		    str(rr, k, "title", 0, &s->title) != 0 ||
		    str(rr, k, "url", 1, &s->url) != 0 ||
		    str(rr, k, "publisher", 1, &s->publisher) != 0 ||
		    num(rr, k, "year", 1000, 9999, 1, &y) != 0)
			return -1;
		s->year = (int)y;
	}
	return 0;
}

int
resultin_doc(struct jdoc *d, struct result *res, struct err *e)
{
	static const char *const keys[] = { "format", "survey", "target",
	    "levels", "report", "fail_below", "questions", "organisations",
	    "sources", "excluded", NULL };
	const struct jnode *f;
	struct rr rr;

	rr.d = d;
	rr.res = res;
	d->err = e;
	if (jdoc_expect_object(d, d->root, keys, "a result file") != 0)
		return -1;
	f = jdoc_get(d->root, "format");
	if (f == NULL || f->type != JSTR || strcmp(f->str, RESULT_FORMAT) != 0)
		return jdoc_error(d, f ? f : d->root, "'format' must be \"%s\"",
		    RESULT_FORMAT);
	f = jdoc_get(d->root, "report");
	if (f != NULL && (f->type != JSTR || strcmp(f->str, "full") != 0))
		return jdoc_error(d, f, "this is a report for one audience "
		    "(\"report\": \"full\" holds the whole result)");
	return survey_ref(&rr, d->root) != 0 || target(&rr, d->root) != 0 ||
	    levels(&rr, d->root) != 0 || fail_below(&rr, d->root) != 0 ||
	    sources(&rr, d->root) != 0 ||
	    qdefs(&rr, d->root) != 0 ||
	    organisations(&rr, d->root) != 0 || excluded(&rr, d->root) != 0 ?
	    -1 : 0;
}

int
resultin_load(const char *path, struct result *res, struct err *e)
{
	struct jdoc d;
	int rc;

	if (jdoc_load(&d, path, e) != 0)
		return -1;
	rc = resultin_doc(&d, res, e);
	jdoc_release(&d);
	return rc;
}
