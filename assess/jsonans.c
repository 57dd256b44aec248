/*
 * jsonans.c - assess-answers/1 JSON as an answer source: what
 * interviews, forms and importers write, into checked responses.
 *
 * Values are checked by the same code as CSV cells (response.c), with
 * errors at the JSON value's line and column.  The document is parsed
 * once: when the engine asked which survey it answers, the parse it made
 * for that is the one read here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "buf.h"
#include "fsx.h"
#include "jdoc.h"

struct jr {
	const struct jdoc	*d;
	const struct survey	*s;
	struct answer		*ans;
	const struct jnode	**at;	/* question -> its answer node */
	struct buf		 tmp;
	char			 date[DATE_LEN + 1];
};

static int
unknown_question(struct jr *r, const struct jnode *m)
{
	const char *near = survey_near_question(r->s, m->key);

	if (near != NULL)
		return jdoc_key_error(r->d, m, "unknown question '%.64s'; did "
		    "you mean '%s'?", m->key, near);
	return jdoc_key_error(r->d, m, "unknown question '%.64s' in survey "
	    "'%s'", m->key, r->s->id);
}

/* A JSON array of strings joined with ';', as a CSV cell holds it. */
static int
join(struct jr *r, const struct jnode *arr)
{
	size_t i;

	buf_reset(&r->tmp);
	for (i = 0; i < arr->nkids; i++) {
		if (arr->kids[i].type != JSTR)
			return jdoc_error(r->d, &arr->kids[i], "expected a "
			    "string, not %s", jdoc_typename(arr->kids[i].type));
		if (i > 0)
			buf_putc(&r->tmp, ';');
		buf_add(&r->tmp, arr->kids[i].str, arr->kids[i].len);
	}
	buf_add(&r->tmp, "", 0);
	return buf_ok(&r->tmp, r->d->err);
}

static int
one_answer(struct jr *r, const struct question *q, const struct jnode *v,
    struct answer *a)
{
	char msg[700], num[64];
	int rc = 0;

	memset(a, 0, sizeof(*a));
	a->opt = -1;
	switch (v->type) {
	case JNULL:
		return 0;
	case JSTR:
		rc = response_parse(q, v->str, v->len, a, msg, sizeof(msg));
		break;
	case JNUM:
		if (q->type == Q_NUMBER) {
			rc = response_number(q, v->num, a, msg, sizeof(msg));
			break;
		}
		snprintf(num, sizeof(num), "%g", v->num);
		rc = response_parse(q, num, strlen(num), a, msg, sizeof(msg));
		break;
	case JARR:
		if (q->type != Q_MULTI)
			return jdoc_error(r->d, v, "%s takes one answer, not an "
			    "array", q->id);
		if (join(r, v) != 0)
			return -1;
		rc = response_parse(q, r->tmp.data, r->tmp.len, a, msg,
		    sizeof(msg));
		break;
	default:
		return jdoc_error(r->d, v, "%s: an answer must be a string, a "
		    "number, an array of strings or null, not %s", q->id,
		    jdoc_typename(v->type));
	}
	return rc != 0 ? jdoc_error(r->d, v, "%s", msg) : 0;
}

/* The survey question a member of "answers" or "evidence" names. */
static int
member_question(struct jr *r, const struct jnode *m)
{
	int k = survey_answer_question(r->s, m->key);

	return k >= 0 ? k : unknown_question(r, m);
}

static int
read_answers(struct jr *r, const struct jnode *obj)
{
	size_t i;
	int k;

	for (i = 0; i < obj->nkids; i++) {
		const struct jnode *m = &obj->kids[i];

		if ((k = member_question(r, m)) < 0)
			return -1;
		r->at[k] = m;
		if (one_answer(r, &r->s->qs[k], m, &r->ans[k]) != 0)
			return -1;
	}
	return 0;
}

static int
read_evidence(struct jr *r, const struct jnode *obj)
{
	size_t i;
	int k;

	for (i = 0; i < obj->nkids; i++) {
		const struct jnode *m = &obj->kids[i];

		if ((k = member_question(r, m)) < 0)
			return -1;
		if (!r->s->qs[k].evidence)
			return jdoc_key_error(r->d, m, "%s does not ask for "
			    "evidence", m->key);
		if (m->type != JSTR && m->type != JNULL)
			return jdoc_error(r->d, m, "evidence must be a string "
			    "(a link or document name)");
		if (m->type != JSTR || m->len == 0)
			continue;
		if (r->ans[k].state == A_EMPTY)
			return jdoc_key_error(r->d, m, "%s: evidence is given "
			    "but the question is not answered", m->key);
		r->ans[k].evidence = 1;
	}
	return 0;
}

static int
read_roles(struct jr *r, const struct jnode *o, struct response *resp)
{
	const struct jnode *role = jdoc_get(o, "role");
	char msg[700];

	resp->roles = 1u << r->s->org_aud;
	if (role == NULL || role->type == JNULL)
		return 0;
	if (role->type == JSTR) {
		buf_reset(&r->tmp);
		buf_add(&r->tmp, role->str, role->len);
	} else if (role->type != JARR || join(r, role) != 0) {
		return role->type == JARR ? -1 : jdoc_error(r->d, role, "'role' "
		    "must be an audience id or an array of them");
	}
	if (buf_ok(&r->tmp, r->d->err) != 0)
		return -1;
	if (response_roles(r->s, buf_str(&r->tmp), r->tmp.len, &resp->roles,
	    msg, sizeof(msg)) != 0)
		return jdoc_error(r->d, role, "%s", msg);
	return 0;
}

/* Whether a name is empty or only blanks (a CSV cell is trimmed; a JSON
 * string is taken as it is, so check it the same way). */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int
read_date(struct jr *r, const struct jnode *o, const char *submitted,
    struct response *resp)
{
	if (submitted == NULL || submitted[0] == '\0')
		return 0;
	if (date_parse(submitted, strlen(submitted), r->date) != 0)
		return jdoc_error(r->d, jdoc_get(o, "submitted"), "'%.40s' is "
		    "not a date; write it as YYYY-MM-DD", submitted);
	resp->submitted = r->date;
	return 0;
}

static int
read_response(struct jr *r, const struct jnode *o, answers_sink sink,
    void *ctx)
{
	static const char *const keys[] = { "respondent", "organisation",
	    "role", "submitted", "answers", "evidence", NULL };
	const struct jnode *answers = NULL, *evidence = NULL, *who;
	const char *submitted = NULL;
	struct response resp;
	char msg[700];
	int badq;

	memset(&resp, 0, sizeof(resp));
	memset(r->ans, 0, r->s->nq * sizeof(*r->ans));
	memset(r->at, 0, r->s->nq * sizeof(*r->at));
	resp.file = r->d->file;
	resp.line = o->line;
	resp.ans = r->ans;
	if (jdoc_expect_object(r->d, o, keys, "a response") != 0 ||
	    jdoc_string(r->d, o, "organisation", 1, ANSWERS_NAME_MAX,
	    &resp.org) != 0 ||
	    jdoc_string(r->d, o, "respondent", 0, ANSWERS_NAME_MAX,
	    &resp.respondent) != 0 ||
	    jdoc_string(r->d, o, "submitted", 0, 64, &submitted) != 0 ||
	    read_date(r, o, submitted, &resp) != 0 ||
	    read_roles(r, o, &resp) != 0 ||
	    jdoc_object(r->d, o, "answers", 1, &answers) != 0 ||
	    jdoc_object(r->d, o, "evidence", 0, &evidence) != 0 ||
	    read_answers(r, answers) != 0 ||
	    (evidence != NULL && read_evidence(r, evidence) != 0))
		return -1;
	if ((who = jdoc_get(o, "respondent")) != NULL) {
		resp.rline = who->line;
		resp.rcol = who->col;
	}
	if (blank(resp.org))
		return jdoc_error(r->d, jdoc_get(o, "organisation"), "the "
		    "organisation is empty");
	if (response_check(r->s, &resp, &badq, msg, sizeof(msg)) != 0)
		return jdoc_error(r->d, r->at[badq] ? r->at[badq] : answers,
		    "%s", msg);
	return sink(ctx, &resp, r->d->err);
}

static int
read_survey_ref(struct jr *r, const struct jnode *root)
{
	static const char *const keys[] = { "id", "version", NULL };
	const struct jnode *sv = NULL;
	const char *id = NULL, *version = NULL;

	if (jdoc_object(r->d, root, "survey", 1, &sv) != 0 ||
	    jdoc_expect_object(r->d, sv, keys, "'survey'") != 0 ||
	    jdoc_string(r->d, sv, "id", 1, 64, &id) != 0 ||
	    jdoc_string(r->d, sv, "version", 0, 64, &version) != 0)
		return -1;
	if (strcmp(id, r->s->id) != 0)
		return jdoc_error(r->d, jdoc_get(sv, "id"), "these answers are "
		    "for survey '%.64s', not '%s'", id, r->s->id);
	return 0;
}

static int
jr_init(struct jr *r, const struct jdoc *d, const struct survey *s,
    struct err *e)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->tmp);
	r->d = d;
	r->s = s;
	if ((r->ans = calloc(s->nq, sizeof(*r->ans))) == NULL ||
	    (r->at = calloc(s->nq, sizeof(*r->at))) == NULL)
		return err_nomem(e);
	return 0;
}

static void
jr_release(struct jr *r)
{
	free(r->ans);
	free(r->at);
	buf_release(&r->tmp);
}

/* The responses of a parsed document. */
static long
read_doc(struct jdoc *d, const struct survey *s, answers_sink sink,
    void *ctx, const struct source_in *in, struct err *e)
{
	static const char *const keys[] = { "format", "survey", "responses",
	    NULL };
	const struct jnode *fmt, *resps = NULL;
	struct jr r;
	long rc = -1;
	size_t i;

	if (jr_init(&r, d, s, e) != 0)
		goto out;
	if (jdoc_expect_object(d, d->root, keys, "an answers file") != 0)
		goto out;
	if ((fmt = jdoc_get(d->root, "format")) == NULL || fmt->type != JSTR ||
	    strcmp(fmt->str, ANSWERS_FORMAT) != 0) {
		jdoc_error(d, fmt ? fmt : d->root, "'format' must be \"%s\"",
		    ANSWERS_FORMAT);
		goto out;
	}
	if (read_survey_ref(&r, d->root) != 0 ||
	    jdoc_array(d, d->root, "responses", 1, &resps) != 0)
		goto out;
	if (resps->nkids == 0) {
		jdoc_error(d, resps, "no responses");
		goto out;
	}
	for (i = 0, rc = 0; i < resps->nkids; i++, rc++)
		if (read_response(&r, &resps->kids[i], sink, ctx) != 0) {
			/* --keep-going: a bad response is left out */
			if (!in->keep_going || in->bad == NULL ||
			    e->code != AS_EINPUT) {
				rc = -1;
				goto out;
			}
			in->bad(in->bad_ctx, e);
			rc--;
		}
out:
	jr_release(&r);
	return rc;
}

long
answers_json_responses(struct jdoc *d, const struct jnode *arr,
    const struct survey *s, answers_sink sink, void *ctx, struct err *e)
{
	struct jr r;
	long rc = -1;
	size_t i;

	d->err = e;
	if (jr_init(&r, d, s, e) != 0)
		goto out;
	for (i = 0; i < arr->nkids; i++)
		if (read_response(&r, &arr->kids[i], sink, ctx) != 0)
			goto out;
	rc = (long)arr->nkids;
out:
	jr_release(&r);
	return rc;
}

int
answers_is_json(const char *p, size_t n)
{
	size_t i = csvin_skip_blank(p, n, csvin_bom(p, n));

	return i < n && p[i] == '{';
}

static int
json_sniff(const char *head, size_t n)
{
	return answers_is_json(head, n);
}

/* Read the rest of the input and parse it, once, into in->doc. */
static int
json_load(struct source_in *in, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = -1;

	if (in->doc != NULL)
		return 0;
	if ((in->doc = malloc(sizeof(*in->doc))) == NULL)
		return err_nomem(e);
	buf_add(&b, in->head, in->nhead);
	if (in->nhead <= JDOC_MAX_BYTES && (in->fd < 0 ||
	    fsx_read_rest(in->fd, in->path, JDOC_MAX_BYTES, &b, e) == 0) &&
	    buf_ok(&b, e) == 0 &&
	    jdoc_parse(in->doc, in->path, b.data, b.len, e) == 0)
		rc = 0;
	buf_release(&b);
	if (rc != 0) {
		free(in->doc);
		in->doc = NULL;
	}
	return rc;
}

/* The survey id an answers document names, when it names one. */
static int
json_hint(struct source_in *in, struct source_hint *h, struct err *e)
{
	const struct jnode *sv, *id;

	if (json_load(in, e) != 0)
		return -1;
	sv = jdoc_get(in->doc->root, "survey");
	id = jdoc_get(sv, "id");
	if (id != NULL && id->type == JSTR && jdoc_is_ident(id->str) &&
	    id->len < sizeof(h->id))
		memcpy(h->id, id->str, id->len + 1);
	return 0;
}

static long
json_read(struct source_in *in, const struct survey *s, answers_sink sink,
    void *ctx, struct err *e)
{
	if (json_load(in, e) != 0)
		return -1;
	in->doc->err = e;
	return read_doc(in->doc, s, sink, ctx, in, e);
}

const struct answer_source answers_json_source = {
	"json", "an assess-answers/1 file", json_sniff, json_hint, json_read,
};
