/*
 * bcase.c - load a survey's business-case.json into the result.
 */
#include <stdlib.h>
#include <string.h>

#include "bcase.h"
#include "fsx.h"
#include "jdoc.h"

struct bl {
	const struct jdoc	*d;
	const struct survey	*s;
	struct result		*res;
};

#define A (&bl->res->arena)

static int
copy(struct bl *bl, const struct jnode *obj, const char *key, int required,
    size_t max, const char **out)
{
	const char *v = NULL;

	if (jdoc_string(bl->d, obj, key, required, max, &v) != 0)
		return -1;
	if (v != NULL && (*out = arena_strdup(A, v)) == NULL)
		return err_nomem(bl->d->err);
	return 0;
}

static int
dimension(struct bl *bl, const struct jnode *obj, const char **out)
{
	if (copy(bl, obj, "dimension", 1, 64, out) != 0)
		return -1;
	if (survey_dimension(bl->s, *out) < 0)
		return jdoc_error(bl->d, jdoc_get(obj, "dimension"), "'%s' is "
		    "not a dimension of survey '%s'", *out, bl->s->id);
	return 0;
}

static int
below(struct bl *bl, const struct jnode *obj, int *out)
{
	long v = NLEVELS + 1;

	if (jdoc_int(bl->d, obj, "below", 0, 2, NLEVELS + 1, &v) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

/* An array of ids, each a question ('q') or a source of the survey. */
static int
ids(struct bl *bl, const struct jnode *obj, const char *key, int q,
    struct r_strs *out)
{
	const struct jnode *arr = NULL;
	size_t i;

	if (jdoc_array(bl->d, obj, key, 1, &arr) != 0)
		return -1;
	if (arr->nkids == 0 || arr->nkids > 16)
		return jdoc_error(bl->d, arr, "'%s' must have 1 to 16 entries",
		    key);
	if ((out->v = arena_alloc(A, arr->nkids * sizeof(char *))) == NULL)
		return err_nomem(bl->d->err);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *n = &arr->kids[i];

		if (n->type != JSTR)
			return jdoc_error(bl->d, n, "must be a string");
		if (q ? survey_question(bl->s, n->str) < 0 :
		    survey_source(bl->s, n->str) < 0)
			return jdoc_error(bl->d, n, "'%.64s' is not a %s of "
			    "survey '%s'", n->str, q ? "question" : "source",
			    bl->s->id);
		if ((out->v[i] = arena_strdup(A, n->str)) == NULL)
			return err_nomem(bl->d->err);
	}
	out->n = arr->nkids;
	return 0;
}

static int
entry_id(struct bl *bl, const struct jnode *o, const char *what,
    const char **out)
{
	const struct jnode *n = jdoc_get(o, "id");

	if (n == NULL)
		return jdoc_error(bl->d, o, "missing required key 'id'");
	if (jdoc_ident(bl->d, n, what) != 0)
		return -1;
	return copy(bl, o, "id", 1, 64, out);
}

static int
cost(struct bl *bl, const struct jnode *o, struct r_cost *c)
{
	static const char *const keys[] = { "id", "dimension", "below",
	    "title", "text", "evidence", "sources", NULL };

	if (jdoc_expect_object(bl->d, o, keys, "a cost") != 0 ||
	    entry_id(bl, o, "cost id", &c->id) != 0 ||
	    dimension(bl, o, &c->dimension) != 0 || below(bl, o, &c->below) ||
	    copy(bl, o, "title", 1, 256, &c->title) != 0 ||
	    copy(bl, o, "text", 1, TEXT_MAX, &c->text) != 0 ||
	    ids(bl, o, "evidence", 1, &c->evidence) != 0 ||
	    ids(bl, o, "sources", 0, &c->sources) != 0)
		return -1;
	return 0;
}

static int
control(struct bl *bl, const struct jnode *o, struct r_control *c)
{
	static const char *const keys[] = { "id", "title", "concern",
	    "control", "sources", NULL };

	if (jdoc_expect_object(bl->d, o, keys, "a control") != 0 ||
	    entry_id(bl, o, "control id", &c->id) != 0 ||
	    copy(bl, o, "title", 1, 256, &c->title) != 0 ||
	    copy(bl, o, "concern", 1, TEXT_MAX, &c->concern) != 0 ||
	    copy(bl, o, "control", 1, TEXT_MAX, &c->control) != 0 ||
	    ids(bl, o, "sources", 0, &c->sources) != 0)
		return -1;
	return 0;
}

static int
decision(struct bl *bl, const struct jnode *o, struct r_decision *c)
{
	static const char *const keys[] = { "id", "dimension", "below",
	    "text", NULL };

	if (jdoc_expect_object(bl->d, o, keys, "a decision") != 0 ||
	    entry_id(bl, o, "decision id", &c->id) != 0 ||
	    dimension(bl, o, &c->dimension) != 0 || below(bl, o, &c->below) ||
	    copy(bl, o, "text", 1, TEXT_MAX, &c->text) != 0)
		return -1;
	return 0;
}

/* Whether dimension 'to' must wait for 'from' through the rules in
 * order[0..n). */
static int
reaches(const struct r_order *order, size_t n, const char *from,
    const char *to, unsigned depth)
{
	size_t i;

	if (depth > 64)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(order[i].before, from) == 0 &&
		    (strcmp(order[i].after, to) == 0 ||
		    reaches(order, n, order[i].after, to, depth + 1)))
			return 1;
	return 0;
}

static int
order(struct bl *bl, const struct jnode *o, struct r_order *c, size_t k)
{
	static const char *const keys[] = { "before", "after", "until", "why",
	    NULL };
	struct r_bcase *b = &bl->res->bcase;
	const char *before = NULL, *after = NULL;
	long until = NLEVELS + 1;
	int i, j;

	if (jdoc_expect_object(bl->d, o, keys, "an ordering rule") != 0 ||
	    jdoc_int(bl->d, o, "until", 0, 2, NLEVELS, &until) != 0 ||
	    jdoc_string(bl->d, o, "before", 1, 64, &before) != 0 ||
	    jdoc_string(bl->d, o, "after", 1, 64, &after) != 0 ||
	    copy(bl, o, "why", 1, TEXT_MAX, &c->why) != 0)
		return -1;
	if ((i = survey_dimension(bl->s, before)) < 0 ||
	    (j = survey_dimension(bl->s, after)) < 0)
		return jdoc_error(bl->d, jdoc_get(o, i < 0 ? "before" :
		    "after"), "'%s' is not a dimension of survey '%s'",
		    i < 0 ? before : after, bl->s->id);
	c->until = (int)until;
	c->before = bl->s->dims[i].id;
	c->after = bl->s->dims[j].id;
	if (i == j || reaches(b->order, k, c->after, c->before, 0))
		return jdoc_error(bl->d, o, "this rule closes a circle: %s "
		    "would have to come before itself", c->before);
	return 0;
}

#define LIST(name, fn, type, field, count)				\
static int								\
name(struct bl *bl, const struct jnode *root, const char *key)		\
{									\
	struct r_bcase *b = &bl->res->bcase;				\
	const struct jnode *arr = NULL;					\
	size_t i;							\
									\
	if (jdoc_array(bl->d, root, key, 1, &arr) != 0)			\
		return -1;						\
	if (arr->nkids > 64)						\
		return jdoc_error(bl->d, arr, "'%s' has more than 64 "	\
		    "entries", key);					\
	if (arr->nkids > 0 && (b->field = arena_alloc(A, arr->nkids *	\
	    sizeof(type))) == NULL)					\
		return err_nomem(bl->d->err);				\
	for (i = 0; i < arr->nkids; i++, b->count++) {			\
		memset(&b->field[i], 0, sizeof(type));			\
		if (fn(bl, &arr->kids[i], &b->field[i]) != 0)		\
			return -1;					\
	}								\
	return 0;							\
}

LIST(costs, cost, struct r_cost, costs, ncosts)
LIST(controls, control, struct r_control, controls, ncontrols)
LIST(decisions, decision, struct r_decision, decisions, ndecisions)

static int
orders(struct bl *bl, const struct jnode *root)
{
	struct r_bcase *b = &bl->res->bcase;
	const struct jnode *arr = NULL;
	size_t i;

	if (jdoc_array(bl->d, root, "order", 1, &arr) != 0)
		return -1;
	if (arr->nkids > 64)
		return jdoc_error(bl->d, arr, "'order' has more than 64 "
		    "entries");
	if (arr->nkids > 0 && (b->order = arena_alloc(A, arr->nkids *
	    sizeof(*b->order))) == NULL)
		return err_nomem(bl->d->err);
	for (i = 0; i < arr->nkids; i++, b->norder++)
		if (order(bl, &arr->kids[i], &b->order[i], i) != 0)
			return -1;
	return 0;
}

static int
body(struct bl *bl, const struct jnode *root)
{
	static const char *const keys[] = { "format", "framing", "strategy",
	    "costs", "controls", "decisions", "order", NULL };
	struct r_bcase *b = &bl->res->bcase;
	const struct jnode *f;

	if (jdoc_expect_object(bl->d, root, keys, "a business case") != 0)
		return -1;
	if ((f = jdoc_get(root, "format")) == NULL)
		return jdoc_error(bl->d, root, "missing required key 'format' "
		    "(\"%s\")", BCASE_FORMAT);
	if (f->type != JSTR || strcmp(f->str, BCASE_FORMAT) != 0)
		return jdoc_error(bl->d, f, "this file's format is '%.40s'; "
		    "expected '%s'", f->type == JSTR ? f->str : "?",
		    BCASE_FORMAT);
	if (copy(bl, root, "framing", 1, TEXT_MAX, &b->framing) != 0 ||
	    copy(bl, root, "strategy", 1, TEXT_MAX, &b->strategy) != 0 ||
	    costs(bl, root, "costs") != 0 ||
	    controls(bl, root, "controls") != 0 ||
	    decisions(bl, root, "decisions") != 0 || orders(bl, root) != 0)
		return -1;
	b->present = 1;
	return 0;
}

int
bcase_load(const char *path, const struct survey *s, struct result *res,
    struct err *e)
{
	struct jdoc d;
	struct bl bl;
	int rc;

	if (jdoc_load(&d, path, e) != 0)
		return -1;
	bl.d = &d;
	bl.s = s;
	bl.res = res;
	if ((rc = body(&bl, d.root)) != 0)
		memset(&res->bcase, 0, sizeof(res->bcase));
	jdoc_release(&d);
	return rc;
}

int
bcase_load_beside(const struct survey *s, struct result *res,
    struct err *e)
{
	char *path;
	int rc = 0;

	if (s->dir == NULL)
		return 0;
	if ((path = fsx_join(s->dir, BCASE_FILE)) == NULL)
		return err_nomem(e);
	if (fsx_is_file(path))
		rc = bcase_load(path, s, res, e);
	free(path);
	return rc;
}
