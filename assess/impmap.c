/*
 * impmap.c - the import mapping file: loaded with positions (jdoc),
 * checked against the survey, and written for review by --init-map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impmap.h"
#include "jdoc.h"
#include "suggest.h"

/* ==== loading ==== */

static int
unknown_question(const struct jdoc *d, const struct jnode *n,
    const struct survey *s)
{
	const char *near = survey_near_question(s, n->str);

	return jdoc_error(d, n, "'%.64s' is not a question of survey '%s'%s%s%s",
	    n->str, s->id, near ? "; did you mean '" : "", near ? near : "",
	    near ? "'?" : "");
}

static int
load_use(const struct jdoc *d, const struct jnode *o, struct impmap_col *c)
{
	static const char *const uses[] = { "question", "other",
	    "organisation", "role", "ignore", NULL };
	static const enum import_use to[] = { IU_QUESTION, IU_OTHER, IU_ORG,
	    IU_ROLE, IU_IGNORE };
	const struct jnode *u = jdoc_get(o, "use");
	size_t k;

	if (u == NULL)
		return 0;
	if (u->type == JSTR)
		for (k = 0; uses[k] != NULL; k++)
			if (strcmp(u->str, uses[k]) == 0) {
				c->use = to[k];
				return 0;
			}
	return jdoc_error(d, u, "'use' must be one of question, other, "
	    "organisation, role, ignore");
}

static int
load_question(const struct jdoc *d, const struct jnode *o,
    const struct survey *s, struct impmap_col *c)
{
	const struct jnode *qn = jdoc_get(o, "question"), *on;
	const struct question *q;

	if (qn == NULL || qn->type == JNULL) {
		if (c->use == IU_QUESTION)
			c->use = IU_UNMATCHED;
		return 0;
	}
	if (c->use == IU_OTHER && jdoc_get(o, "option") != NULL)
		return jdoc_error(d, jdoc_get(o, "option"), "the text of an "
		    "Other choice has no 'option'");
	if (qn->type != JSTR)
		return jdoc_error(d, qn, "'question' must be a question id or "
		    "null");
	if ((c->q = survey_question(s, qn->str)) < 0)
		return unknown_question(d, qn, s);
	q = &s->qs[c->q];
	if ((on = jdoc_get(o, "option")) == NULL || on->type == JNULL)
		return 0;
	if (on->type != JSTR)
		return jdoc_error(d, on, "'option' must be an option value");
	if (q->type != Q_MULTI)
		return jdoc_error(d, on, "%s is not a multi-select question; "
		    "only those have a column per option", q->id);
	if ((c->opt = survey_option(q, on->str)) < 0) {
		char allowed[512];

		survey_allowed(q, allowed, sizeof(allowed));
		return jdoc_error(d, on, "%s has no option '%.64s'; expected "
		    "one of %s", q->id, on->str, allowed);
	}
	c->use = IU_OPTION;
	return 0;
}

static int
load_values(const struct jdoc *d, const struct jnode *o,
    const struct survey *s, struct arena *a, struct impmap_col *c)
{
	const struct jnode *v = NULL;
	const struct question *q;
	size_t i;

	if (jdoc_object(d, o, "values", 0, &v) != 0 || v == NULL)
		return 0;
	if (c->q < 0)
		return jdoc_error(d, v, "'values' needs a 'question'");
	q = &s->qs[c->q];
	if ((c->from = arena_alloc(a, (v->nkids + 1) * sizeof(*c->from))) ==
	    NULL || (c->to = arena_alloc(a, (v->nkids + 1) *
	    sizeof(*c->to))) == NULL)
		return err_nomem(d->err);
	for (i = 0; i < v->nkids; i++) {
		const struct jnode *m = &v->kids[i];

		if (m->type != JSTR || (survey_option(q, m->str) < 0 &&
		    strcmp(m->str, "na") != 0)) {
			char allowed[512];

			survey_allowed(q, allowed, sizeof(allowed));
			return jdoc_error(d, m, "%s has no option '%.64s'; "
			    "expected one of %s", q->id, m->type == JSTR ?
			    m->str : "", allowed);
		}
		c->from[i] = m->key;
		c->to[i] = m->str;
	}
	c->nvalues = v->nkids;
	return 0;
}

static int
load_col(const struct jdoc *d, const struct jnode *o, const struct survey *s,
    struct arena *a, struct impmap_col *c)
{
	static const char *const keys[] = { "column", "sub", "use",
	    "question", "option", "values", "matched_by", "nearest", NULL };

	memset(c, 0, sizeof(*c));
	c->use = IU_QUESTION;
	c->q = c->opt = -1;
	c->line = o->line;
	if (jdoc_expect_object(d, o, keys, "a column") != 0 ||
	    jdoc_string(d, o, "column", 1, TEXT_MAX, &c->column) != 0 ||
	    jdoc_string(d, o, "sub", 0, TEXT_MAX, &c->sub) != 0 ||
	    load_use(d, o, c) != 0)
		return -1;
	if ((c->use == IU_QUESTION || c->use == IU_OTHER) &&
	    load_question(d, o, s, c) != 0)
		return -1;
	if (c->use == IU_OTHER && (c->q < 0 || c->opt >= 0))
		return jdoc_error(d, o, "the text of an Other choice needs the "
		    "'question' it belongs to, and no 'option'");
	if (c->use != IU_QUESTION && c->use != IU_OPTION &&
	    c->use != IU_OTHER && c->use != IU_UNMATCHED &&
	    jdoc_get(o, "question") != NULL &&
	    jdoc_get(o, "question")->type != JNULL)
		return jdoc_error(d, jdoc_get(o, "question"), "a column used "
		    "as the organisation, the role or ignored has no question");
	return load_values(d, o, s, a, c);
}

static int
load_doc(struct impmap *m, const struct jdoc *d, const struct survey *s)
{
	static const char *const keys[] = { "format", "survey", "tool",
	    "columns", NULL };
	const struct jnode *fmt, *cols = NULL;
	const char *sid = NULL, *tool = NULL;
	size_t i;

	if (jdoc_expect_object(d, d->root, keys, "a mapping file") != 0)
		return -1;
	if ((fmt = jdoc_get(d->root, "format")) == NULL || fmt->type != JSTR ||
	    strcmp(fmt->str, IMPMAP_FORMAT) != 0)
		return jdoc_error(d, fmt ? fmt : d->root, "'format' must be "
		    "\"%s\"", IMPMAP_FORMAT);
	if (jdoc_string(d, d->root, "survey", 1, 64, &sid) != 0 ||
	    jdoc_string(d, d->root, "tool", 0, 64, &tool) != 0 ||
	    jdoc_array(d, d->root, "columns", 1, &cols) != 0)
		return -1;
	if (strcmp(sid, s->id) != 0)
		return jdoc_error(d, jdoc_get(d->root, "survey"), "this mapping "
		    "is for survey '%.64s', not '%s'", sid, s->id);
	if ((m->cols = arena_alloc(&m->arena, (cols->nkids + 1) *
	    sizeof(*m->cols))) == NULL)
		return err_nomem(d->err);
	for (i = 0; i < cols->nkids; i++)
		if (load_col(d, &cols->kids[i], s, &m->arena, &m->cols[i]) != 0)
			return -1;
	m->ncols = cols->nkids;
	return 0;
}

/* The strings of the document live in its arena: move them over by
 * copying what the entries point at. */
static int
keep_strings(struct impmap *m, struct err *e)
{
	size_t i, k;

	for (i = 0; i < m->ncols; i++) {
		struct impmap_col *c = &m->cols[i];

		if ((c->column = arena_strdup(&m->arena, c->column)) == NULL ||
		    (c->sub && (c->sub = arena_strdup(&m->arena, c->sub)) ==
		    NULL))
			return err_nomem(e);
		for (k = 0; k < c->nvalues; k++)
			if ((c->from[k] = arena_strdup(&m->arena, c->from[k]))
			    == NULL || (c->to[k] = arena_strdup(&m->arena,
			    c->to[k])) == NULL)
				return err_nomem(e);
	}
	return 0;
}

struct impmap *
impmap_load(const char *path, const struct survey *s, struct err *e)
{
	struct impmap *m;
	struct jdoc d;
	int rc;

	if ((m = calloc(1, sizeof(*m))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	m->path = path;
	if (jdoc_load(&d, path, e) != 0) {
		free(m);
		return NULL;
	}
	rc = load_doc(m, &d, s);
	if (rc == 0)
		rc = keep_strings(m, e);
	jdoc_release(&d);
	if (rc != 0) {
		impmap_free(m);
		return NULL;
	}
	return m;
}

void
impmap_free(struct impmap *m)
{
	if (m == NULL)
		return;
	arena_release(&m->arena);
	free(m);
}

const struct impmap_col *
impmap_find(const struct impmap *m, const char *head, const char *sub)
{
	size_t i;

	for (i = 0; i < m->ncols; i++) {
		const struct impmap_col *c = &m->cols[i];

		if (strcmp(c->column, head) != 0)
			continue;
		if ((c->sub == NULL) == (sub == NULL || sub[0] == '\0') &&
		    (c->sub == NULL || strcmp(c->sub, sub) == 0))
			return c;
	}
	return NULL;
}

const char *
impmap_value(const struct impmap_col *c, const char *p, size_t n)
{
	size_t k;

	for (k = 0; k < c->nvalues; k++)
		if (strlen(c->from[k]) == n && memcmp(c->from[k], p, n) == 0)
			return c->to[k];
	return NULL;
}

/* ==== writing (--init-map) ==== */

static void
jstr(struct buf *b, const char *s)
{
	import_json_string(b, s, strlen(s));
}

static void
write_use(struct buf *b, const struct survey *s, const struct import_col *c)
{
	int near[3];
	size_t k, n;

	switch (c->use) {
	case IU_QUESTION:
	case IU_OPTION:
		buf_puts(b, ", \"question\": ");
		jstr(b, s->qs[c->q].id);
		if (c->use == IU_OPTION) {
			buf_puts(b, ", \"option\": ");
			jstr(b, s->qs[c->q].opts[c->opt].value);
		}
		return;
	case IU_OTHER:
		buf_puts(b, ", \"use\": \"other\", \"question\": ");
		jstr(b, s->qs[c->q].id);
		return;
	case IU_ORG:
		buf_puts(b, ", \"use\": \"organisation\"");
		return;
	case IU_ROLE:
		buf_puts(b, ", \"use\": \"role\"");
		return;
	case IU_UNMATCHED:
		buf_puts(b, ", \"question\": null, \"nearest\": [");
		n = import_nearest(s, c->head, near, 3);
		for (k = 0; k < n; k++) {
			buf_puts(b, k ? ", " : "");
			jstr(b, s->qs[near[k]].id);
		}
		buf_putc(b, ']');
		return;
	default:
		buf_puts(b, ", \"use\": \"ignore\"");
		return;
	}
}

static const char *
how(const struct import_col *c)
{
	if (c->how != NULL && c->how[0] != '\0')
		return c->how;
	return c->use == IU_UNMATCHED ? "nothing: review" : "tool";
}

void
impmap_write(struct buf *out, const struct survey *s, const char *tool,
    const struct import_col *cols, size_t n)
{
	size_t i;
	int first = 1;

	buf_puts(out, "{\n  \"format\": \"" IMPMAP_FORMAT "\",\n"
	    "  \"survey\": ");
	jstr(out, s->id);
	buf_puts(out, ",\n  \"tool\": ");
	jstr(out, tool);
	buf_puts(out, ",\n  \"columns\": [");
	for (i = 0; i < n; i++) {
		const struct import_col *c = &cols[i];

		if (c->head[0] == '\0')
			continue;	/* nothing to name it by */
		buf_puts(out, first ? "\n    {\"column\": " : ",\n    {\"column\": ");
		first = 0;
		jstr(out, c->head);
		if (c->sub != NULL && c->sub[0] != '\0') {
			buf_puts(out, ", \"sub\": ");
			jstr(out, c->sub);
		}
		write_use(out, s, c);
		buf_puts(out, ", \"matched_by\": ");
		jstr(out, how(c));
		buf_putc(out, '}');
	}
	buf_puts(out, "\n  ]\n}\n");
}
