/*
 * json.c - the JSON report: the result model exactly as surveys/FORMAT.md
 * describes it (assess-result/1).
 *
 * Written by hand rather than through cJSON so that number formats and
 * member order are fixed: the same result always gives the same bytes.
 * Strings are escaped so that no control, bidirectional or line-separator
 * character appears raw.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "roadmap.h"
#include "utf8.h"

struct jw {
	struct buf	*b;
	int		 depth;
	int		 first[32];	/* no member written yet at depth */
};

static void
indent(struct jw *w)
{
	int i;

	buf_putc(w->b, '\n');
	for (i = 0; i < w->depth; i++)
		buf_puts(w->b, "  ");
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

static void
string(struct jw *w, const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;
	int k;

	buf_putc(w->b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			buf_putc(w->b, (char)c);
			i++;
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
	buf_printf(w->b, "%ld", v);
}

/* An integer where 0 means "none": null. */
static void
kopt(struct jw *w, const char *k, int v)
{
	key(w, k);
	if (v == 0)
		buf_puts(w->b, "null");
	else
		buf_printf(w->b, "%d", v);
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

static void
qstat(struct jw *w, const struct result *r, const struct r_org *o,
    size_t i)
{
	const struct r_qstat *st = &o->qstats[i];
	size_t k;

	item(w);
	open_(w, '{');
	kstr(w, "id", r->questions[i].id);
	kint(w, "answered", (long)st->answered);
	kint(w, "na", (long)st->na);
	kint(w, "unanswered", (long)st->unanswered);
	if (!st->shown) {
		kbool(w, "suppressed", 1);
		close_(w, '}');
		return;
	}
	kopt(w, "signal", st->signal);
	kstr(w, "answer", st->answer);
	key(w, "roles");
	open_(w, '{');
	for (k = 0; k < o->nroles; k++)
		if (!o->roles[k].suppressed && o->roles[k].signals != NULL &&
		    o->roles[k].signals[i] != 0)
			kint(w, o->roles[k].id, o->roles[k].signals[i]);
	close_(w, '}');
	close_(w, '}');
}

static void
questions(struct jw *w, const struct result *r, const struct r_org *o)
{
	size_t i;

	key(w, "questions");
	open_(w, '[');
	for (i = 0; i < r->nquestions; i++)
		qstat(w, r, o, i);
	close_(w, ']');
}

/* A question with its text and the organisation's usual answer. */
static void
evidence(struct jw *w, const struct result *r, const struct r_org *o,
    const struct r_strs *l)
{
	const struct r_question *q;
	size_t i;

	key(w, "evidence");
	open_(w, '[');
	for (i = 0; i < l->n; i++) {
		item(w);
		open_(w, '{');
		kstr(w, "question", l->v[i]);
		if ((q = result_question(r, l->v[i])) != NULL) {
			const struct r_qstat *st = &o->qstats[q -
			    r->questions];

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

static void
organisation(struct jw *w, const struct result *r, const struct r_org *o,
    int kind)
{
	size_t i;

	item(w);
	open_(w, '{');
	kstr(w, "id", o->id);
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

int
report_json(const struct result *r, int kind, struct buf *out,
    struct err *e)
{
	struct jw w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.b = out;
	open_(&w, '{');
	header(&w, r);
	kstr(&w, "report", report_kind_name(kind));
	key(&w, "organisations");
	open_(&w, '[');
	for (i = 0; i < r->norgs; i++)
		organisation(&w, r, &r->orgs[i], kind);
	close_(&w, ']');
	if (kind != REPORT_SUMMARY)
		sources(&w, r);
	close_(&w, '}');
	buf_putc(out, '\n');
	return buf_ok(out, e);
}
