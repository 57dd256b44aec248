/*
 * json.c - the JSON report: the result model exactly as surveys/FORMAT.md
 * describes it (assess-result/1).
 *
 * Written by hand rather than through cJSON so that number formats and
 * member order are fixed: the same result always gives the same bytes.
 * Strings are escaped so that no control, bidirectional or line-separator
 * character appears raw.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "roadmap.h"
#include "swar.h"
#include "utf8.h"

struct qtext;

struct jw {
	struct buf		*b;
	int			 depth;
	int			 first[32];	/* no member written yet at
						   depth */
	const struct qtext	*qt;		/* see "Questions" */
};

/* A new line and two spaces a level, in one append. */
static void
indent(struct jw *w)
{
	static const char spaces[] = "\n                                "
	    "                                ";
	size_t n = 1 + 2 * (size_t)w->depth;

	buf_add(w->b, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

/* Before a value or member: a comma if needed, then a new line. */
static void
item(struct jw *w)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			buf_putc(w->b, ',');
		w->first[w->depth] = 0;
		indent(w);
	}
}

/* The end of the printable ASCII run from i on that needs no escape:
 * eight bytes at a time while a word holds none of control characters,
 * DEL and above, '"' or '\\' (a test that errs only towards looking
 * closer), then byte by byte; s[n] is the NUL. */
static size_t
printable_run(const char *s, size_t i, size_t n)
{
	uint64_t v;
	unsigned char c;

	while (n - i >= 8) {
		v = swar_load(s + i);
		if (swar_unprintable(v) | swar_has(v, '"') | swar_has(v, '\\'))
			break;
		i += 8;
	}
	for (c = (unsigned char)s[i]; c >= 0x20 && c < 0x7F && c != '"' &&
	    c != '\\'; c = (unsigned char)s[++i])
		;
	return i;
}

static void
string(struct jw *w, const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;
	int k;

	buf_putc(w->b, '"');
	while (i < n) {
		unsigned char c;
		size_t run = printable_run(s, i, n);

		c = (unsigned char)s[run];
		if (run > i) {				/* plain text as is */
			buf_add(w->b, s + i, run - i);
			i = run;
			continue;
		}
		if (c == '"' || c == '\\') {
			buf_putc(w->b, '\\');
			buf_putc(w->b, (char)c);
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			buf_puts(w->b, "\\ufffd");
			i++;
			continue;
		}
		if (cp == '\n')
			buf_puts(w->b, "\\n");
		else if (cp == '\t')
			buf_puts(w->b, "\\t");
		else if (utf8_is_unsafe(cp) || cp == 0x2028 || cp == 0x2029)
			buf_printf(w->b, "\\u%04x", (unsigned)cp);
		else
			buf_add(w->b, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_putc(w->b, '"');
}

static void
open_(struct jw *w, char c)
{
	buf_putc(w->b, c);
	w->depth++;
	w->first[w->depth] = 1;
}

static void
close_(struct jw *w, char c)
{
	int empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		indent(w);
	buf_putc(w->b, c);
}

static void
key(struct jw *w, const char *k)
{
	item(w);
	string(w, k);
	buf_puts(w->b, ": ");
}

static void
kstr(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	if (v == NULL)
		buf_puts(w->b, "null");
	else
		string(w, v);
}

static void
kint(struct jw *w, const char *k, long v)
{
	key(w, k);
	buf_putl(w->b, v);
}

/* An integer where 0 means "none": null. */
static void
kopt(struct jw *w, const char *k, int v)
{
	key(w, k);
	if (v == 0)
		buf_puts(w->b, "null");
	else
		buf_putl(w->b, v);
}

static void
kbool(struct jw *w, const char *k, int v)
{
	key(w, k);
	buf_puts(w->b, v ? "true" : "false");
}

/* A list of short strings on one line. */
static void
kstrs(struct jw *w, const char *k, const struct r_strs *l)
{
	size_t i;

	key(w, k);
	buf_putc(w->b, '[');
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(w->b, ", ");
		string(w, l->v[i]);
	}
	buf_putc(w->b, ']');
}

static void
header(struct jw *w, const struct result *r)
{
	size_t i;

	kstr(w, "format", "assess-result/1");
	key(w, "survey");
	open_(w, '{');
	kstr(w, "id", r->survey_id);
	kstr(w, "version", r->survey_version);
	kstr(w, "title", r->survey_title);
	close_(w, '}');
	key(w, "target");
	if (!r->has_target) {
		buf_puts(w->b, "null");
	} else {
		open_(w, '{');
		kstr(w, "id", r->target_id);
		kstr(w, "title", r->target_title);
		kstr(w, "jurisdiction", r->jurisdiction);
		kstr(w, "as_of", r->as_of);
		key(w, "practices");
		open_(w, '[');
		for (i = 0; i < r->npractices; i++) {
			item(w);
			open_(w, '{');
			kstr(w, "id", r->practices[i].id);
			kstr(w, "dimension", r->practices[i].dimension);
			kstr(w, "text", r->practices[i].text);
			kstr(w, "source_clause", r->practices[i].clause);
			close_(w, '}');
		}
		close_(w, ']');
		close_(w, '}');
	}
	key(w, "levels");
	open_(w, '[');
	for (i = 0; i < RESULT_LEVELS; i++) {
		item(w);
		open_(w, '{');
		kint(w, "level", r->levels[i].level);
		kstr(w, "id", r->levels[i].id);
		kstr(w, "label", r->levels[i].label);
		close_(w, '}');
	}
	close_(w, ']');
}

/* The questions the statistics of every organisation refer to, one
 * per line: id, dimension, text and option values. */
static void
question_defs(struct jw *w, const struct result *r)
{
	size_t i, j;

	key(w, "questions");
	open_(w, '[');
	for (i = 0; i < r->nq; i++) {
		const struct r_qdef *d = &r->qdefs[i];

		item(w);
		buf_puts(w->b, "{\"id\": ");
		string(w, d->id);
		buf_puts(w->b, ", \"dimension\": ");
		string(w, d->dimension);
		buf_puts(w->b, ", \"text\": ");
		string(w, d->text);
		buf_puts(w->b, ", \"options\": [");
		for (j = 0; j < d->nopts; j++) {
			buf_puts(w->b, j ? ", " : "");
			string(w, d->opts[j]);
		}
		buf_puts(w->b, "]}");
	}
	close_(w, ']');
}

static void
dimension(struct jw *w, const struct result *r, const struct r_dim *d)
{
	int gap = result_gap(d);

	item(w);
	open_(w, '{');
	kstr(w, "id", d->id);
	kstr(w, "title", d->title);
	kbool(w, "critical", d->critical);
	key(w, "score");
	if (d->level == 0)
		buf_puts(w->b, "null");
	else
		report_score(w->b, d->score);
	kopt(w, "level", d->level);
	kstr(w, "label", result_label(r, d->level));
	kopt(w, "target", d->target);
	key(w, "gap");
	if (gap < 0)
		buf_puts(w->b, "null");
	else
		buf_printf(w->b, "%d", gap);
	kstrs(w, "capped_by", &d->capped_by);
	key(w, "practices");
	if (d->target == 0) {
		buf_puts(w->b, "null");
	} else {
		open_(w, '{');
		kstrs(w, "met", &d->met);
		kstrs(w, "unmet", &d->unmet);
		kstrs(w, "unanswered", &d->no_answers);
		if (d->not_assessed.n > 0)	/* a profile of another survey */
			kstrs(w, "not_assessed", &d->not_assessed);
		close_(w, '}');
	}
	kint(w, "answered", (long)d->answered);
	kint(w, "not_applicable", (long)d->na);
	kint(w, "unanswered", (long)d->unanswered);
	close_(w, '}');
}

static void
findings(struct jw *w, const struct r_org *o)
{
	size_t i;

	key(w, "findings");
	open_(w, '[');
	for (i = 0; i < o->nfindings; i++) {
		const struct r_finding *f = &o->findings[i];

		item(w);
		open_(w, '{');
		kstr(w, "id", f->id);
		kstr(w, "severity", f->severity);
		kstr(w, "dimension", f->dimension);
		kstr(w, "text", f->text);
		kstrs(w, "evidence", &f->evidence);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
recommendations(struct jw *w, const struct r_org *o)
{
	size_t i;

	key(w, "recommendations");
	open_(w, '[');
	for (i = 0; i < o->nrecs; i++) {
		const struct r_rec *rc = &o->recs[i];

		item(w);
		open_(w, '{');
		kstr(w, "id", rc->id);
		kstr(w, "dimension", rc->dimension);
		kint(w, "priority", rc->priority);
		kint(w, "from_level", rc->from);
		kint(w, "to_level", rc->to);
		kstr(w, "text", rc->text);
		kstrs(w, "evidence", &rc->evidence);
		kstrs(w, "sources", &rc->sources);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
step(struct jw *w, const struct r_org *o, size_t i)
{
	const struct r_step *st = &o->steps[i];
	const struct r_rec *rc = result_step_rec(o, i);
	int d = result_dim(o, rc->dimension);
	size_t j;

	item(w);
	open_(w, '{');
	kint(w, "step", (long)i + 1);
	kstr(w, "horizon", roadmap_horizon(st->horizon));
	kstr(w, "recommendation", rc->id);
	key(w, "closes");
	open_(w, '{');
	kstr(w, "dimension", rc->dimension);
	kint(w, "from_level", rc->from);
	kint(w, "to_level", rc->to);
	kopt(w, "target", d >= 0 ? o->dims[d].target : 0);
	close_(w, '}');
	key(w, "depends_on");
	buf_putc(w->b, '[');
	for (j = 0; j < st->nafter; j++)
		buf_printf(w->b, "%s%zu", j ? ", " : "", st->after[j] + 1);
	buf_putc(w->b, ']');
	close_(w, '}');
}

static void
roadmap(struct jw *w, const struct r_org *o, size_t max)
{
	size_t i;

	key(w, "roadmap");
	open_(w, '[');
	for (i = 0; i < o->nsteps && i < max; i++)
		step(w, o, i);
	close_(w, ']');
}

/* A question with its text and the organisation's usual answer. */
static void
evidence(struct jw *w, const struct result *r, const struct r_org *o,
    const struct r_strs *l)
{
	const struct r_qdef *q;
	size_t i;

	key(w, "evidence");
	open_(w, '[');
	for (i = 0; i < l->n; i++) {
		item(w);
		open_(w, '{');
		kstr(w, "question", l->v[i]);
		if ((q = result_question(r, l->v[i])) != NULL) {
			const struct r_answer *st = &o->answers[q - r->qdefs];

			kstr(w, "text", q->text);
			kstr(w, "answer", st->shown ? st->answer : NULL);
		}
		close_(w, '}');
	}
	close_(w, ']');
}

static void
barriers(struct jw *w, const struct result *r, const struct r_org *o,
    size_t max)
{
	size_t idx[8], n = report_barriers(o, idx, max < 8 ? max : 8), i;

	key(w, "barriers");
	open_(w, '[');
	for (i = 0; i < n; i++) {
		const struct r_finding *f = &o->findings[idx[i]];

		item(w);
		open_(w, '{');
		kstr(w, "finding", f->id);
		kstr(w, "severity", f->severity);
		kstr(w, "dimension", f->dimension);
		kstr(w, "text", f->text);
		evidence(w, r, o, &f->evidence);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
costs(struct jw *w, const struct result *r, const struct r_org *o)
{
	size_t i;

	key(w, "costs");
	open_(w, '[');
	for (i = 0; i < r->bcase.ncosts; i++) {
		const struct r_cost *c = &r->bcase.costs[i];

		if (!report_applies(o, c->dimension, c->below))
			continue;
		item(w);
		open_(w, '{');
		kstr(w, "id", c->id);
		kstr(w, "dimension", c->dimension);
		kstr(w, "title", c->title);
		kstr(w, "text", c->text);
		evidence(w, r, o, &c->evidence);
		kstrs(w, "sources", &c->sources);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
controls(struct jw *w, const struct result *r)
{
	size_t i;

	key(w, "controls");
	open_(w, '[');
	for (i = 0; i < r->bcase.ncontrols; i++) {
		const struct r_control *c = &r->bcase.controls[i];

		item(w);
		open_(w, '{');
		kstr(w, "id", c->id);
		kstr(w, "title", c->title);
		kstr(w, "concern", c->concern);
		kstr(w, "control", c->control);
		kstrs(w, "sources", &c->sources);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
decisions(struct jw *w, const struct result *r, const struct r_org *o)
{
	size_t i;

	key(w, "decisions");
	open_(w, '[');
	for (i = 0; i < r->bcase.ndecisions; i++) {
		const struct r_decision *c = &r->bcase.decisions[i];

		if (!report_applies(o, c->dimension, c->below))
			continue;
		item(w);
		open_(w, '{');
		kstr(w, "id", c->id);
		kstr(w, "dimension", c->dimension);
		kstr(w, "text", c->text);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
sources(struct jw *w, const struct result *r)
{
	size_t i;

	key(w, "sources");
	open_(w, '[');
	for (i = 0; i < r->nsources; i++) {
		const struct r_source *s = &r->sources[i];

		item(w);
		open_(w, '{');
		kstr(w, "id", s->id);
		kstr(w, "title", s->title);
		kstr(w, "url", s->url);
		kstr(w, "publisher", s->publisher);
		kopt(w, "year", s->year);
		close_(w, '}');
	}
	close_(w, ']');
}

static void
roles(struct jw *w, const struct r_org *o)
{
	size_t i, j;

	key(w, "roles");
	open_(w, '{');
	for (i = 0; i < o->nroles; i++) {
		const struct r_role *rl = &o->roles[i];

		key(w, rl->id);
		open_(w, '{');
		kint(w, "respondents", (long)rl->respondents);
		if (rl->suppressed) {
			kbool(w, "suppressed", 1);
		} else {
			key(w, "dimensions");
			open_(w, '{');
			for (j = 0; j < o->ndims; j++)
				kopt(w, o->dims[j].id, rl->levels[j]);
			close_(w, '}');
		}
		close_(w, '}');
	}
	close_(w, '}');
}

/* A count in a question line: most are a single digit, written without
 * the general conversion. */
static void
count(struct jw *w, unsigned v)
{
	if (v < 10)
		buf_putc(w->b, (char)('0' + v));
	else
		buf_putu(w->b, v);
}

/* A signal: null when there is none. */
static void
signal_(struct jw *w, unsigned v)
{
	if (v == 0)
		buf_puts(w->b, "null");
	else
		count(w, v);
}

/* Whether question lines show role k. */
static int
role_shown(const struct r_org *o, size_t k)
{
	return !o->roles[k].suppressed && o->roles[k].qanswered != NULL;
}

/* What the roles large enough to be shown said of question i; 'heads'
 * holds each shown role's '"ROLE": {"answered": ', escaped once for the
 * organisation, one after another, each ending in a NUL. */
static void
question_roles(struct jw *w, const struct r_org *o, size_t i,
    const char *heads)
{
	size_t k, n;
	int first = 1;

	buf_puts(w->b, ", \"roles\": {");
	for (k = 0; k < o->nroles; k++) {
		const struct r_role *rl = &o->roles[k];

		if (!role_shown(o, k))
			continue;
		buf_puts(w->b, first ? "" : ", ");
		first = 0;
		n = strlen(heads);
		buf_add(w->b, heads, n);
		heads += n + 1;
		count(w, rl->qanswered[i]);
		buf_puts(w->b, ", \"signal\": ");
		signal_(w, rl->qsignal[i]);
		buf_putc(w->b, '}');
	}
	buf_putc(w->b, '}');
}

/* ==== Questions ====
 *
 * Every organisation lists every question with its option values, so the
 * text that is the same in each, '{"id": "ID", "answered": ' and each
 * option's '"VALUE": ', is escaped once per report into one buffer:
 * piece k runs from at[k] to at[k + 1], question i's first, then its
 * options'. */

struct qtext {
	struct buf	 text;
	size_t		*at, *first;	/* first[i]: question i's piece */
};

static void
qtext_free(struct qtext *qt)
{
	if (qt == NULL)
		return;
	buf_release(&qt->text);
	free(qt->at);
	free(qt->first);
	free(qt);
}

static struct qtext *
qtext_new(const struct result *r)
{
	struct qtext *qt = calloc(1, sizeof(*qt));
	struct jw w;
	size_t i, j, n = 0, k = 0;

	for (i = 0; i < r->nq; i++)
		n += 1 + r->qdefs[i].nopts;
	if (qt == NULL || (qt->at = calloc(n + 1, sizeof(*qt->at))) == NULL ||
	    (qt->first = calloc(r->nq + 1, sizeof(*qt->first))) == NULL) {
		qtext_free(qt);
		return NULL;
	}
	memset(&w, 0, sizeof(w));
	w.b = &qt->text;
	for (i = 0; i < r->nq; i++) {
		qt->first[i] = k;
		qt->at[k++] = w.b->len;
		buf_puts(w.b, "{\"id\": ");
		string(&w, r->qdefs[i].id);
		buf_puts(w.b, ", \"answered\": ");
		for (j = 0; j < r->qdefs[i].nopts; j++) {
			qt->at[k++] = w.b->len;
			string(&w, r->qdefs[i].opts[j]);
			buf_puts(w.b, ": ");
		}
	}
	qt->at[k] = w.b->len;
	if (w.b->failed) {
		qtext_free(qt);
		return NULL;
	}
	return qt;
}

/* Piece j of question i: 0 its head, 1 + j its option j. */
static void
qtext_put(struct jw *w, size_t i, size_t j)
{
	size_t k = w->qt->first[i] + j;

	buf_add(w->b, w->qt->text.data + w->qt->at[k], w->qt->at[k + 1] -
	    w->qt->at[k]);
}

/* One question's statistics, on one line. */
static void
question(struct jw *w, const struct result *r, const struct r_org *o,
    size_t i, const char *heads)
{
	const struct r_qdef *d = &r->qdefs[i];
	const unsigned *c = o->qstats + d->off;
	size_t j;

	item(w);
	qtext_put(w, i, 0);
	count(w, c[QS_ANSWERED]);
	buf_puts(w->b, ", \"na\": ");
	count(w, c[QS_NA]);
	buf_puts(w->b, ", \"unanswered\": ");
	count(w, c[QS_UNANSWERED]);
	buf_puts(w->b, ", \"signal\": ");
	signal_(w, c[QS_SIGNAL]);
	buf_puts(w->b, ", \"levels\": [");
	for (j = 0; j < RESULT_LEVELS; j++) {
		buf_puts(w->b, j ? ", " : "");
		count(w, c[QS_LEVELS + j]);
	}
	buf_puts(w->b, "], \"options\": {");
	for (j = 0; j < d->nopts; j++) {
		buf_puts(w->b, j ? ", " : "");
		qtext_put(w, i, 1 + j);
		count(w, c[QS_OPTS + j]);
	}
	buf_putc(w->b, '}');
	if (o->answers != NULL && o->answers[i].shown &&
	    o->answers[i].answer != NULL) {
		buf_puts(w->b, ", \"answer\": ");
		string(w, o->answers[i].answer);
	}
	question_roles(w, o, i, heads);
	buf_putc(w->b, '}');
}

static void
questions(struct jw *w, const struct result *r, const struct r_org *o)
{
	struct buf heads = BUF_INIT;
	struct jw hw;
	size_t i;

	memset(&hw, 0, sizeof(hw));
	hw.b = &heads;
	for (i = 0; i < o->nroles; i++)
		if (role_shown(o, i)) {
			string(&hw, o->roles[i].id);
			buf_puts(&heads, ": {\"answered\": ");
			buf_putc(&heads, '\0');
		}
	if (heads.failed)
		w->b->failed = 1;	/* out of memory, as buf_ok says */
	key(w, "questions");
	open_(w, '[');
	for (i = 0; !heads.failed && o->qstats != NULL && i < r->nq; i++)
		question(w, r, o, i, heads.data);
	close_(w, ']');
	buf_release(&heads);
}

static void
organisation(struct jw *w, const struct result *r, const struct r_org *o,
    int kind)
{
	size_t i;

	item(w);
	open_(w, '{');
	kstr(w, "id", o->id);
	if (o->aliases.n > 0)
		kstrs(w, "also_written_as", &o->aliases);
	kstr(w, "as_of", o->as_of);
	kint(w, "respondents", (long)o->respondents);
	key(w, "headline");
	open_(w, '{');
	kopt(w, "level", o->headline);
	kstr(w, "label", result_label(r, o->headline));
	kstr(w, "basis", o->basis);
	close_(w, '}');
	if (kind == REPORT_SUMMARY) {
		barriers(w, r, o, 3);
		roadmap(w, o, 3);
		close_(w, '}');
		return;
	}
	key(w, "dimensions");
	open_(w, '[');
	for (i = 0; i < o->ndims; i++)
		dimension(w, r, &o->dims[i]);
	close_(w, ']');
	if (kind == REPORT_BCASE) {
		barriers(w, r, o, 8);
		costs(w, r, o);
		controls(w, r);
		roadmap(w, o, o->nsteps);
		decisions(w, r, o);
		close_(w, '}');
		return;
	}
	findings(w, o);
	recommendations(w, o);
	roadmap(w, o, o->nsteps);
	kstrs(w, "flags", &o->flags);
	roles(w, o);
	questions(w, r, o);
	close_(w, '}');
}

/* ==== Organisations on several threads ====
 *
 * With -j N, the organisations of a large result are written N at a
 * time, a batch of ORG_BATCH per thread into buffers of their own, and
 * the buffers are appended in order: the same bytes as one thread
 * writes, with memory for one batch, not the whole report. */

#define ORG_BATCH	8

struct org_job {
	const struct result	*r;
	int			 kind, depth;
	const struct qtext	*qt;
	size_t			 first, end, step, base;
	struct buf		*bufs;		/* org i in bufs[i - base] */
	pthread_t		 thread;
};

static void *
write_orgs(void *arg)
{
	const struct org_job *j = arg;
	struct jw w;
	size_t i;

	for (i = j->first; i < j->end; i += j->step) {
		memset(&w, 0, sizeof(w));
		w.b = &j->bufs[i - j->base];
		w.depth = j->depth;
		w.qt = j->qt;
		w.first[w.depth] = i == 0;
		buf_reset(w.b);
		organisation(&w, j->r, &j->r->orgs[i], j->kind);
	}
	return NULL;
}

/* One batch, organisations base to end: thread k takes base + k, base +
 * k + jobs, ...; this thread takes its own share and any a thread that
 * could not start would have had. */
static void
write_batch(struct org_job *jobs, size_t n, size_t base, size_t end)
{
	size_t k, started = 1;

	for (k = 0; k < n; k++) {
		jobs[k].first = base + k;
		jobs[k].base = base;
		jobs[k].end = end;
	}
	for (; started < n; started++)
		if (pthread_create(&jobs[started].thread, NULL, write_orgs,
		    &jobs[started]) != 0)
			break;
	write_orgs(&jobs[0]);
	for (k = started; k < n; k++)
		write_orgs(&jobs[k]);
	for (k = 1; k < started; k++)
		pthread_join(jobs[k].thread, NULL);
}

static int
orgs_parallel(struct jw *w, const struct result *r, int kind)
{
	size_t n = r->jobs, size = n * ORG_BATCH, base, i, k;
	struct org_job *jobs = calloc(n, sizeof(*jobs));
	struct buf *bufs = calloc(size, sizeof(*bufs));
	int rc = -1;

	if (jobs == NULL || bufs == NULL)
		goto out;
	for (k = 0; k < n; k++) {
		jobs[k].r = r;
		jobs[k].kind = kind;
		jobs[k].depth = w->depth;
		jobs[k].qt = w->qt;
		jobs[k].step = n;
		jobs[k].bufs = bufs;
	}
	for (base = 0; base < r->norgs; base += size) {
		size_t end = base + size < r->norgs ? base + size : r->norgs;

		write_batch(jobs, n, base, end);
		for (i = base; i < end; i++) {
			if (bufs[i - base].failed)
				goto out;
			buf_add(w->b, bufs[i - base].data, bufs[i - base].len);
		}
	}
	w->first[w->depth] = r->norgs == 0;
	rc = 0;
out:
	for (i = 0; bufs != NULL && i < size; i++)
		buf_release(&bufs[i]);
	free(bufs);
	free(jobs);
	return rc;
}

/* With --keep-going: the responses left out, where and why. */
static void
excluded(struct jw *w, const struct result *r)
{
	size_t i;

	key(w, "excluded");
	open_(w, '[');
	for (i = 0; i < r->nexcluded; i++) {
		item(w);
		open_(w, '{');
		kstr(w, "file", r->excluded[i].file);
		kint(w, "line", (long)r->excluded[i].line);
		key(w, "respondent");
		buf_puts(w->b, "null");
		kstr(w, "reason", r->excluded[i].reason);
		close_(w, '}');
	}
	close_(w, ']');
}

int
report_json(const struct result *r, int kind, struct buf *out,
    struct err *e)
{
	struct qtext *qt = NULL;
	struct jw w;
	size_t i;
	int rc;

	/* only the full report lists each organisation's questions */
	if (kind == REPORT_FULL && (qt = qtext_new(r)) == NULL)
		return err_nomem(e);
	memset(&w, 0, sizeof(w));
	w.b = out;
	w.qt = qt;
	open_(&w, '{');
	header(&w, r);
	kstr(&w, "report", report_kind_name(kind));
	if (r->fail_below > 0) {
		key(&w, "fail_below");
		open_(&w, '{');
		kint(&w, "level", r->fail_below);
		kstrs(&w, "organisations", &r->below);
		close_(&w, '}');
	}
	if (kind == REPORT_FULL)
		question_defs(&w, r);
	key(&w, "organisations");
	open_(&w, '[');
	if (r->jobs > 1 && r->norgs > r->jobs) {
		if (orgs_parallel(&w, r, kind) != 0) {
			qtext_free(qt);
			return err_nomem(e);
		}
	} else {
		for (i = 0; i < r->norgs; i++)
			organisation(&w, r, &r->orgs[i], kind);
	}
	close_(&w, ']');
	if (kind != REPORT_SUMMARY)
		sources(&w, r);
	if (r->keep_going)
		excluded(&w, r);
	close_(&w, '}');
	buf_putc(out, '\n');
	rc = buf_ok(out, e);
	qtext_free(qt);
	return rc;
}

/* ==== Comparison (assess-compare/1) ==== */

static void
kdec(struct jw *w, const char *k, double v)
{
	key(w, k);
	buf_printf(w->b, "%.2f", v);
}

static void
compare_org(struct jw *w, const struct comparison *c,
    const struct cmp_org *co)
{
	const struct r_org *o = co->o;
	size_t j;

	item(w);
	open_(w, '{');
	kstr(w, "id", o->id);
	kint(w, "rank", co->rank);
	kdec(w, "percentile", co->percentile);
	kstr(w, "as_of", o->as_of);
	kint(w, "respondents", (long)o->respondents);
	key(w, "headline");
	open_(w, '{');
	kopt(w, "level", o->headline);
	kstr(w, "label", result_label(c->head, o->headline));
	close_(w, '}');
	kbool(w, "meets_target", co->meets);
	kbool(w, "meets_levels", co->meets_levels);
	kint(w, "practices_met", (long)co->practices_met);
	kint(w, "practices", (long)co->practices);
	kdec(w, "mean_level", co->mean_level);
	kdec(w, "mean_score", co->mean_score);
	key(w, "dimensions");
	open_(w, '[');
	for (j = 0; j < o->ndims; j++) {
		int gap = result_gap(&o->dims[j]);

		item(w);
		buf_puts(w->b, "{\"id\": ");
		string(w, o->dims[j].id);
		buf_puts(w->b, ", \"level\": ");
		signal_(w, (unsigned)o->dims[j].level);
		buf_puts(w->b, ", \"target\": ");
		signal_(w, (unsigned)o->dims[j].target);
		if (gap < 0)
			buf_puts(w->b, ", \"gap\": null}");
		else
			buf_printf(w->b, ", \"gap\": %d}", gap);
	}
	close_(w, ']');
	close_(w, '}');
}

static void
compare_dim(struct jw *w, const struct cmp_dim *d)
{
	size_t j;

	item(w);
	open_(w, '{');
	kstr(w, "id", d->id);
	kstr(w, "title", d->title);
	kopt(w, "target", d->target);
	kint(w, "rated", (long)d->rated);
	kdec(w, "median", d->median);
	kdec(w, "q1", d->q1);
	kdec(w, "q3", d->q3);
	key(w, "counts");
	buf_putc(w->b, '[');
	for (j = 0; j < RESULT_LEVELS; j++)
		buf_printf(w->b, "%s%u", j ? ", " : "", d->counts[j]);
	buf_putc(w->b, ']');
	key(w, "meeting_target");
	if (d->target == 0)
		buf_puts(w->b, "null");
	else
		buf_printf(w->b, "%u", d->meeting);
	close_(w, '}');
}

static void
compare_practice(struct jw *w, const struct cmp_practice *p)
{
	size_t j;

	item(w);
	open_(w, '{');
	kstr(w, "id", p->id);
	kstr(w, "dimension", p->dimension);
	kstr(w, "text", p->text);
	kint(w, "count", (long)p->norgs);
	key(w, "organisations");
	buf_putc(w->b, '[');
	for (j = 0; j < p->norgs; j++) {
		buf_puts(w->b, j ? ", " : "");
		string(w, p->orgs[j]);
	}
	buf_putc(w->b, ']');
	close_(w, '}');
}

/* The survey and target compared against, and the counts. */
static void
compare_meta(struct jw *w, const struct comparison *c, int kind)
{
	const struct result *h = c->head;

	kstr(w, "format", "assess-compare/1");
	kstr(w, "report", report_kind_name(kind));
	key(w, "survey");
	open_(w, '{');
	kstr(w, "id", h->survey_id);
	kstr(w, "version", h->survey_version);
	kstr(w, "title", h->survey_title);
	close_(w, '}');
	key(w, "target");
	open_(w, '{');
	kstr(w, "id", h->target_id);
	kstr(w, "title", h->target_title);
	kstr(w, "jurisdiction", h->jurisdiction);
	kstr(w, "as_of", h->as_of);
	close_(w, '}');
	kint(w, "compared", (long)c->norgs);
	kint(w, "meeting_target", (long)c->meeting);
}

/* A summary lists the organisations at both ends of the league table
 * and the practices most often missed; "compared" says how many there
 * are in all. */
int
report_compare_json(const struct comparison *c, int kind, struct buf *out,
    struct err *e)
{
	size_t ends[2 * REPORT_ENDS], i, n = c->norgs;
	size_t np = kind == REPORT_SUMMARY ? report_cap(c->nunmet,
	    REPORT_PRACTICES) : c->nunmet;
	struct jw w;

	if (kind == REPORT_SUMMARY)
		n = compare_ends(c, REPORT_ENDS, ends);
	memset(&w, 0, sizeof(w));
	w.b = out;
	open_(&w, '{');
	compare_meta(&w, c, kind);
	key(&w, "organisations");
	open_(&w, '[');
	for (i = 0; i < n; i++)
		compare_org(&w, c, &c->orgs[kind == REPORT_SUMMARY ? ends[i] :
		    i]);
	close_(&w, ']');
	key(&w, "dimensions");
	open_(&w, '[');
	for (i = 0; i < c->ndims; i++)
		compare_dim(&w, &c->dims[i]);
	close_(&w, ']');
	key(&w, "unmet_practices");
	open_(&w, '[');
	for (i = 0; i < np; i++)
		compare_practice(&w, &c->unmet[i]);
	close_(&w, ']');
	close_(&w, '}');
	buf_putc(out, '\n');
	return buf_ok(out, e);
}

/* ==== Trend (assess-trend/1) ==== */

static void
trend_point(struct jw *w, const struct tr_point *p)
{
	const struct r_org *o = p->o;
	size_t j;

	item(w);
	open_(w, '{');
	kstr(w, "as_of", o->as_of);
	kstr(w, "source", p->source);
	key(w, "headline");
	open_(w, '{');
	kopt(w, "level", o->headline);
	kstr(w, "label", result_label(p->res, o->headline));
	close_(w, '}');
	key(w, "dimensions");
	open_(w, '{');
	for (j = 0; j < o->ndims; j++)
		kopt(w, o->dims[j].id, o->dims[j].level);
	close_(w, '}');
	close_(w, '}');
}

static void
trend_changes(struct jw *w, const char *k, const char *what,
    const struct tr_change *c, size_t n)
{
	size_t i;

	key(w, k);
	open_(w, '[');
	for (i = 0; i < n; i++) {
		item(w);
		buf_printf(w->b, "{\"%s\": ", what);
		string(w, c[i].id);
		buf_puts(w->b, ", \"from\": ");
		signal_(w, (unsigned)c[i].from);
		buf_puts(w->b, ", \"to\": ");
		signal_(w, (unsigned)c[i].to);
		buf_printf(w->b, ", \"direction\": \"%s\"}",
		    trend_direction(c[i].direction));
	}
	close_(w, ']');
}

static void
trend_org(struct jw *w, const struct tr_org *to)
{
	size_t i;

	item(w);
	open_(w, '{');
	kstr(w, "id", to->id);
	kstr(w, "headline", trend_direction(to->headline));
	key(w, "series");
	open_(w, '[');
	for (i = 0; i < to->n; i++)
		trend_point(w, &to->pts[i]);
	close_(w, ']');
	trend_changes(w, "changes", "dimension", to->dims, to->ndims);
	trend_changes(w, "questions", "id", to->qs, to->nqs);
	key(w, "findings");
	open_(w, '{');
	kstrs(w, "appeared", &to->appeared);
	kstrs(w, "resolved", &to->resolved);
	close_(w, '}');
	close_(w, '}');
}

int
report_trend_json(const struct trend *t, struct buf *out, struct err *e)
{
	struct jw w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.b = out;
	open_(&w, '{');
	kstr(&w, "format", "assess-trend/1");
	key(&w, "survey");
	open_(&w, '{');
	kstr(&w, "id", t->head->survey_id);
	kstr(&w, "version", t->head->survey_version);
	kstr(&w, "title", t->head->survey_title);
	close_(&w, '}');
	key(&w, "organisations");
	open_(&w, '[');
	for (i = 0; i < t->norgs; i++)
		trend_org(&w, &t->orgs[i]);
	close_(&w, ']');
	close_(&w, '}');
	buf_putc(out, '\n');
	return buf_ok(out, e);
}

/* ==== Explain (assess-explain/1) ==== */

static void
knum(struct jw *w, const char *k, const struct r_xstep *s)
{
	key(w, k);
	if (s->has_value)
		report_number(w->b, s->value);
	else
		buf_puts(w->b, "null");
}

static void
explain_dim(struct jw *w, const struct r_dim *d, const struct r_xdim *x)
{
	size_t i;

	item(w);
	open_(w, '{');
	kstr(w, "id", d->id);
	kopt(w, "level", d->level);
	key(w, "score");
	if (d->level == 0)
		buf_puts(w->b, "null");
	else
		report_score(w->b, d->score);
	key(w, "answers");
	open_(w, '[');
	for (i = 0; i < x->nanswers; i++) {
		const struct r_xanswer *a = &x->answers[i];

		item(w);
		open_(w, '{');
		kstr(w, "question", a->question);
		kbool(w, "counted", a->counted);
		kstr(w, "reason", a->reason);
		kopt(w, "signal", a->signal);
		kint(w, "respondents", (long)a->respondents);
		close_(w, '}');
	}
	close_(w, ']');
	key(w, "steps");
	open_(w, '[');
	for (i = 0; i < x->nsteps; i++) {
		item(w);
		open_(w, '{');
		kstr(w, "step", x->steps[i].step);
		knum(w, "value", &x->steps[i]);
		kstr(w, "why", x->steps[i].why);
		close_(w, '}');
	}
	close_(w, ']');
	close_(w, '}');
}

static void
explain_org(struct jw *w, const struct explain *x, const struct r_org *o)
{
	size_t j;

	item(w);
	open_(w, '{');
	kstr(w, "id", o->id);
	kint(w, "respondents", (long)o->respondents);
	key(w, "dimensions");
	open_(w, '[');
	for (j = 0; j < o->ndims; j++)
		if (explain_shows_dim(x, j) && o->explain != NULL &&
		    o->explain[j].id != NULL)
			explain_dim(w, &o->dims[j], &o->explain[j]);
	close_(w, ']');
	close_(w, '}');
}

int
report_explain_json(const struct explain *x, struct buf *out,
    struct err *e)
{
	const struct result *r = x->res;
	struct jw w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.b = out;
	open_(&w, '{');
	kstr(&w, "format", "assess-explain/1");
	key(&w, "survey");
	open_(&w, '{');
	kstr(&w, "id", r->survey_id);
	kstr(&w, "version", r->survey_version);
	close_(&w, '}');
	key(&w, "organisations");
	open_(&w, '[');
	for (i = 0; i < r->norgs; i++)
		if (explain_shows_org(x, i))
			explain_org(&w, x, &r->orgs[i]);
	close_(&w, ']');
	close_(&w, '}');
	buf_putc(out, '\n');
	return buf_ok(out, e);
}
