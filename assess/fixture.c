/*
 * fixture.c - rule fixtures: reading them, running their answers
 * through the engine, and comparing what the rules made of them with
 * what the fixture expects.
 *
 * It prints nothing: differences go to the caller's callback.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fixture.h"
#include "fsx.h"

/* ==== Reading ==== */

/* Room for one more expectation; NULL when out of memory. */
static struct fx_expect *
add_expect(struct fixture *f, enum fx_kind kind, const char *id,
    const struct jnode *at, struct err *e)
{
	struct fx_expect *v, *x;

	if ((v = realloc(f->ex, (f->nex + 1) * sizeof(*v))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	f->ex = v;
	x = &f->ex[f->nex++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->id = id;
	x->at = at;
	return x;
}

/* A level: 1-5, or null for "not rated". */
static int
read_level(struct fixture *f, const struct jnode *n, int *out)
{
	if (n->type == JNULL) {
		*out = 0;
		return 0;
	}
	if (n->type != JNUM || n->num != floor(n->num) || n->num < 1 ||
	    n->num > 5)
		return jdoc_error(&f->doc, n, "a level must be an integer from "
		    "1 to 5, or null for not rated");
	*out = (int)n->num;
	return 0;
}

static int
read_headline(struct fixture *f, const struct jnode *n, struct err *e)
{
	struct fx_expect *x;

	if ((x = add_expect(f, FX_HEADLINE, NULL, n, e)) == NULL)
		return -1;
	return read_level(f, n, &x->level);
}

/* "levels" or "scores": an object from dimension ids to values. */
static int
read_dims(struct fixture *f, const struct jnode *obj, enum fx_kind kind,
    struct err *e)
{
	struct fx_expect *x;
	size_t i;

	for (i = 0; i < obj->nkids; i++) {
		const struct jnode *m = &obj->kids[i];

		if (!jdoc_is_ident(m->key))
			return jdoc_key_error(&f->doc, m, "'%.64s' is not a "
			    "dimension id", m->key);
		if ((x = add_expect(f, kind, m->key, m, e)) == NULL)
			return -1;
		if (kind == FX_LEVEL) {
			if (read_level(f, m, &x->level) != 0)
				return -1;
		} else if (m->type != JNUM || m->num < 0 || m->num > 100) {
			return jdoc_error(&f->doc, m, "a score must be a number "
			    "from 0 to 100");
		} else {
			x->score = m->num;
		}
	}
	return 0;
}

/* "findings", "no_findings", "recommendations", "flags": lists of ids. */
static int
read_ids(struct fixture *f, const struct jnode *arr, enum fx_kind kind,
    struct err *e)
{
	size_t i, j;

	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *n = &arr->kids[i];

		if (n->type != JSTR)
			return jdoc_error(&f->doc, n, "expected an id (a "
			    "string), not %s", jdoc_typename(n->type));
		if (jdoc_ident(&f->doc, n, "an id") != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(arr->kids[j].str, n->str) == 0)
				return jdoc_error(&f->doc, n, "'%s' is listed "
				    "twice", n->str);
		if (add_expect(f, kind, n->str, n, e) == NULL)
			return -1;
	}
	return 0;
}

/* A finding expected both raised and absent is a mistake. */
static int
check_contradiction(struct fixture *f)
{
	size_t i, j;

	for (i = 0; i < f->nex; i++)
		for (j = 0; j < f->nex; j++)
			if (f->ex[i].kind == FX_FINDING &&
			    f->ex[j].kind == FX_NO_FINDING &&
			    strcmp(f->ex[i].id, f->ex[j].id) == 0)
				return jdoc_error(&f->doc, f->ex[j].at, "finding "
				    "'%s' is also expected in \"findings\"",
				    f->ex[j].id);
	return 0;
}

static int
read_expect(struct fixture *f, const struct jnode *root, struct err *e)
{
	static const char *const keys[] = { "headline", "levels", "scores",
	    "findings", "no_findings", "recommendations", "flags", NULL };
	static const char *const lists[] = { "findings", "no_findings",
	    "recommendations", "flags" };
	static const enum fx_kind kinds[] = { FX_FINDING, FX_NO_FINDING,
	    FX_REC, FX_FLAG };
	const struct jnode *ex = NULL, *n;
	size_t i;

	if (jdoc_object(&f->doc, root, "expect", 1, &ex) != 0 ||
	    jdoc_expect_object(&f->doc, ex, keys, "'expect'") != 0)
		return -1;
	if ((n = jdoc_get(ex, "headline")) != NULL &&
	    read_headline(f, n, e) != 0)
		return -1;
	n = NULL;
	if (jdoc_object(&f->doc, ex, "levels", 0, &n) != 0 ||
	    (n != NULL && read_dims(f, n, FX_LEVEL, e) != 0))
		return -1;
	n = NULL;
	if (jdoc_object(&f->doc, ex, "scores", 0, &n) != 0 ||
	    (n != NULL && read_dims(f, n, FX_SCORE, e) != 0))
		return -1;
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		n = NULL;
		if (jdoc_array(&f->doc, ex, lists[i], 0, &n) != 0 ||
		    (n != NULL && read_ids(f, n, kinds[i], e) != 0))
			return -1;
	}
	if (f->nex == 0)
		return jdoc_error(&f->doc, ex, "'expect' expects nothing: give "
		    "a headline, levels, scores, findings, no_findings, "
		    "recommendations or flags");
	return check_contradiction(f);
}

/* "answers" (a file, relative to the fixture's folder) or "responses"
 * (inline), one of the two. */
static int
read_answers(struct fixture *f, const struct jnode *root, struct err *e)
{
	const char *file = NULL;
	char *dir;

	if (jdoc_string(&f->doc, root, "answers", 0, 4096, &file) != 0 ||
	    jdoc_array(&f->doc, root, "responses", 0, &f->responses) != 0)
		return -1;
	if (file != NULL && f->responses != NULL)
		return jdoc_error(&f->doc, f->responses, "give the answers "
		    "either inline (\"responses\") or as a file (\"answers\"), "
		    "not both");
	if (file == NULL && f->responses == NULL)
		return jdoc_error(&f->doc, root, "no answers: give them inline "
		    "(\"responses\") or as a file (\"answers\")");
	if (f->responses != NULL && f->responses->nkids == 0)
		return jdoc_error(&f->doc, f->responses, "no responses");
	if (file == NULL)
		return 0;
	f->answers_at = jdoc_get(root, "answers");
	if (file[0] == '/')
		f->answers = fsx_strdup(file);
	else if ((dir = fsx_dirname(f->file)) != NULL) {
		f->answers = fsx_join(dir, file);
		free(dir);
	}
	if (f->answers == NULL)
		return err_nomem(e);
	if (!fsx_is_file(f->answers))
		return jdoc_error(&f->doc, f->answers_at, "no answers file "
		    "'%s'", f->answers);
	return 0;
}

static int
read_root(struct fixture *f, struct err *e)
{
	static const char *const keys[] = { "format", "description", "survey",
	    "answers", "responses", "expect", NULL };
	const struct jnode *root = f->doc.root, *fmt;
	const char *text = NULL;

	if (jdoc_expect_object(&f->doc, root, keys, "a rule fixture") != 0)
		return -1;
	if ((fmt = jdoc_get(root, "format")) == NULL || fmt->type != JSTR ||
	    strcmp(fmt->str, FIXTURE_FORMAT) != 0)
		return jdoc_error(&f->doc, fmt ? fmt : root, "'format' must be "
		    "\"%s\"", FIXTURE_FORMAT);
	if (jdoc_string(&f->doc, root, "description", 0, 4096, &text) != 0 ||
	    jdoc_string(&f->doc, root, "survey", 0, 64, &f->survey) != 0)
		return -1;
	if ((f->survey_at = jdoc_get(root, "survey")) != NULL &&
	    jdoc_ident(&f->doc, f->survey_at, "a survey id") != 0)
		return -1;
	if (read_answers(f, root, e) != 0)
		return -1;
	return read_expect(f, root, e);
}

/* Parse 'text' of file 'file', named 'name' in messages. */
static int
parse(struct fixture *f, const char *file, const char *name,
    const char *text, size_t len, struct err *e)
{
	memset(f, 0, sizeof(*f));
	if ((f->path = fsx_strdup(name)) == NULL ||
	    (f->file = fsx_strdup(file)) == NULL) {
		fixture_release(f);
		return err_nomem(e);
	}
	if (jdoc_parse(&f->doc, f->path, text, len, e) != 0) {
		fixture_release(f);
		return -1;
	}
	f->parsed = 1;
	f->doc.err = e;
	if (read_root(f, e) != 0) {
		fixture_release(f);
		return -1;
	}
	return 0;
}

int
fixture_parse(struct fixture *f, const char *path, const char *text,
    size_t len, struct err *e)
{
	return parse(f, path, path, text, len, e);
}

int
fixture_load(struct fixture *f, const char *path, const char *name,
    struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (fsx_read(path, JDOC_MAX_BYTES, &b, e) == 0 && buf_ok(&b, e) == 0)
		rc = parse(f, path, name ? name : path, buf_str(&b), b.len, e);
	buf_release(&b);
	return rc;
}

void
fixture_release(struct fixture *f)
{
	if (f->parsed)
		jdoc_release(&f->doc);
	free(f->path);
	free(f->file);
	free(f->answers);
	free(f->ex);
	memset(f, 0, sizeof(*f));
}

int
fixture_check_survey(const struct fixture *f, const struct survey *s,
    struct err *e)
{
	size_t i;

	for (i = 0; i < f->nex; i++) {
		const struct fx_expect *x = &f->ex[i];

		if ((x->kind != FX_LEVEL && x->kind != FX_SCORE) ||
		    survey_dimension(s, x->id) >= 0)
			continue;
		return err_set(e, AS_EINPUT, f->path, x->at->kline,
		    x->at->kcol, "unknown dimension '%s' in survey '%s'",
		    x->id, s->id);
	}
	return 0;
}

/* ==== Running ==== */

static int
check_org(struct fixture *f, const struct result *res, struct err *e)
{
	const struct jnode *at = f->responses ? f->responses : f->answers_at;

	if (res->norgs == 1)
		return 0;
	return err_set(e, AS_EINPUT, f->path, at->line, at->col, "the "
	    "answers are of %zu organisations; a fixture holds the answers "
	    "of one", res->norgs);
}

int
fixture_run(struct fixture *f, const struct engine_opts *eo,
    struct result *res, struct err *e)
{
	struct engine_opts o = *eo;
	struct engine *en;
	int rc = -1;

	if (f->survey != NULL && eo->survey == NULL)
		o.survey = f->survey;
	f->doc.err = e;
	if ((en = engine_new(&o, e)) == NULL)
		return -1;
	/* with a survey named, it is loaded now: check before reading */
	if (f->survey != NULL && strcmp(f->survey, engine_survey(en)->id)) {
		jdoc_error(&f->doc, f->survey_at, "this fixture is for survey "
		    "'%s', not '%s'", f->survey, engine_survey(en)->id);
		goto out;
	}
	if (f->answers != NULL ? engine_add(en, f->answers, e) < 0 :
	    engine_add_responses(en, f->path, &f->doc, f->responses, e) < 0)
		goto out;
	if (fixture_check_survey(f, engine_survey(en), e) != 0)
		goto out;
	if (engine_score(en, res, e) != 0) {
		if (e->code == AS_ERULE)
			err_context(e, "fixture %s", f->path);
		goto out;
	}
	if (check_org(f, res, e) != 0)
		goto out;
	rc = 0;
out:
	engine_free(en);
	return rc;
}

/* ==== Comparing ==== */

static void
level_text(const struct result *res, int level, char *out, size_t size)
{
	const char *label = result_label(res, level);

	if (level == 0)
		snprintf(out, size, "not rated");
	else
		snprintf(out, size, "%d (%s)", level, label ? label : "?");
}

/* The ids of one kind the result holds, comma-separated, into 'b'. */
static void
list_ids(const struct r_org *o, enum fx_kind kind, struct buf *b)
{
	size_t i, n = kind == FX_REC ? o->nrecs : kind == FX_FLAG ?
	    o->flags.n : o->nfindings;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		buf_puts(b, kind == FX_REC ? o->recs[i].id : kind == FX_FLAG ?
		    o->flags.v[i] : o->findings[i].id);
	}
	if (n == 0)
		buf_puts(b, "none");
}

static int
has_id(const struct r_org *o, enum fx_kind kind, const char *id)
{
	size_t i;

	if (kind == FX_REC) {
		for (i = 0; i < o->nrecs; i++)
			if (strcmp(o->recs[i].id, id) == 0)
				return 1;
	} else if (kind == FX_FLAG) {
		for (i = 0; i < o->flags.n; i++)
			if (strcmp(o->flags.v[i], id) == 0)
				return 1;
	} else {
		for (i = 0; i < o->nfindings; i++)
			if (strcmp(o->findings[i].id, id) == 0)
				return 1;
	}
	return 0;
}

/* A finding, recommendation or flag: the difference into 'b', or
 * nothing when the expectation is met. */
static void
compare_id(const struct r_org *o, const struct fx_expect *x, struct buf *b)
{
	static const char *const what[][3] = {
		{ "finding", "raise", "raised" },
		{ "finding", "raise", "raised" },
		{ "recommendation", "give", "given" },
		{ "flag", "set", "set" },
	};
	const char *const *w = what[x->kind - FX_FINDING];
	int has = has_id(o, x->kind, x->id);

	if (x->kind == FX_NO_FINDING) {
		if (has)
			buf_printf(b, "finding '%s': expected absent, but the "
			    "rules raised it", x->id);
		return;
	}
	if (has)
		return;
	buf_printf(b, "%s '%s': expected, but the rules did not %s it (%s: ",
	    w[0], x->id, w[1], w[2]);
	list_ids(o, x->kind, b);
	buf_putc(b, ')');
}

/* A level or score: the difference into 'b', or nothing when met. */
static void
compare_dim(const struct result *res, const struct r_org *o,
    const struct fx_expect *x, struct buf *b)
{
	int k = result_dim(o, x->id);
	const struct r_dim *d = k >= 0 ? &o->dims[k] : NULL;
	char want[120], got[120];

	if (d == NULL) {	/* fixture_run() refuses such a fixture */
		buf_printf(b, "dimension %s: not in the result", x->id);
		return;
	}
	if (x->kind == FX_SCORE) {
		if (d->level != 0 && fabs(d->score - x->score) < 0.05)
			return;
		snprintf(got, sizeof(got), d->level ? "%.1f" : "not rated",
		    d->score);
		buf_printf(b, "score of %s: expected %g, got %s", x->id,
		    x->score, got);
		return;
	}
	if (d->level == x->level)
		return;
	level_text(res, x->level, want, sizeof(want));
	level_text(res, d->level, got, sizeof(got));
	buf_printf(b, "level of %s: expected %s, got %s", x->id, want, got);
}

size_t
fixture_compare(const struct fixture *f, const struct result *res,
    const struct r_org *o, fixture_diff diff, void *ctx)
{
	struct buf b = BUF_INIT;
	char want[120], got[120];
	size_t i, n = 0;

	for (i = 0; i < f->nex; i++) {
		const struct fx_expect *x = &f->ex[i];

		buf_reset(&b);
		if (x->kind == FX_HEADLINE && x->level != o->headline) {
			level_text(res, x->level, want, sizeof(want));
			level_text(res, o->headline, got, sizeof(got));
			buf_printf(&b, "headline: expected %s, got %s", want,
			    got);
		} else if (x->kind == FX_LEVEL || x->kind == FX_SCORE) {
			compare_dim(res, o, x, &b);
		} else if (x->kind != FX_HEADLINE) {
			compare_id(o, x, &b);
		}
		if (b.len == 0)
			continue;
		n++;
		diff(ctx, f, x, buf_ok(&b, NULL) == 0 ? buf_str(&b) :
		    "out of memory");
	}
	buf_release(&b);
	return n;
}

/* ==== Finding fixtures ==== */

int
fixture_files(const char *arg, struct paths_names *out, struct err *e)
{
	size_t i;
	char *p;

	memset(out, 0, sizeof(*out));
	if (!fsx_is_dir(arg)) {
		if ((out->v = malloc(sizeof(*out->v))) == NULL ||
		    (out->v[0] = fsx_strdup(arg)) == NULL)
			goto nomem;
		out->n = out->cap = 1;
		return 0;
	}
	if (paths_read_dir(arg, paths_keep_json, out, e) != 0)
		return -1;
	for (i = 0; i < out->n; i++) {
		if ((p = fsx_join(arg, out->v[i])) == NULL)
			goto nomem;
		free(out->v[i]);
		out->v[i] = p;
	}
	return 0;
nomem:
	paths_names_release(out);
	return err_nomem(e);
}

int
fixture_dir(const struct survey *s, char **path, char **display,
    struct err *e)
{
	struct rules_place place;
	char *dir = NULL, *top = NULL;
	int rc = -1;

	*path = *display = NULL;
	if (paths_rules(s, NULL, &place, e) != 0)
		return -1;
	if ((dir = fsx_join("fixtures", s->id)) == NULL ||
	    (top = fsx_dirname(place.path)) == NULL ||
	    (*path = fsx_join(top, dir)) == NULL)
		goto nomem;
	free(top);
	if ((top = fsx_dirname(place.display)) == NULL ||
	    (*display = fsx_join(top, dir)) == NULL)
		goto nomem;
	rc = 0;
	if (!fsx_is_dir(*path)) {
		free(*path);
		free(*display);
		*path = *display = NULL;
	}
	goto out;
nomem:
	err_nomem(e);
	free(*path);
	*path = NULL;
out:
	free(dir);
	free(top);
	paths_rules_release(&place);
	return rc;
}
