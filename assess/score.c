/*
 * score.c - per-organisation scoring: practices, rules, counts, roles.
 */
#include <stdio.h>
#include <string.h>

#include "bcase.h"
#include "roadmap.h"
#include "score.h"

#define A (&res->arena)

static const char *
dup(struct result *res, const char *s)
{
	return s != NULL ? arena_strdup(A, s) : NULL;
}

/* Survey texts repeated in every organisation (dimension ids and titles,
 * audience ids): stored once for the whole result. */
static const char *
same(struct result *res, const char *s)
{
	return result_intern(res, s, strlen(s));
}

/* The question definitions of the result: ids, option values and the
 * layout of each organisation's counters. */
static int
qdefs(struct result *res, const struct survey *s)
{
	unsigned off = 0;
	size_t i, j;

	if (s->nq > 0 && (res->qdefs = arena_alloc(A, s->nq *
	    sizeof(*res->qdefs))) == NULL)
		return -1;
	for (i = 0; i < s->nq; i++) {
		const struct question *q = &s->qs[i];
		struct r_qdef *d = &res->qdefs[i];

		if ((d->id = same(res, q->id)) == NULL || (d->dimension =
		    same(res, s->dims[q->dim].id)) == NULL || (d->text =
		    dup(res, q->text)) == NULL)
			return -1;
		d->off = off;
		if (q->nopts > 0 && (d->opts = arena_alloc(A, q->nopts *
		    sizeof(*d->opts))) == NULL)
			return -1;
		for (j = 0; j < q->nopts; j++)
			if ((d->opts[j] = same(res, q->opts[j].value)) == NULL)
				return -1;
		d->nopts = q->nopts;
		off += QS_OPTS + (unsigned)q->nopts;
	}
	res->nq = s->nq;
	res->qstride = off;
	return 0;
}

/* The survey's bibliography, so that reports can cite sources with their
 * links, and which questions the coordinator answers. */
static int
begin_texts(struct result *res, const struct survey *s)
{
	size_t i;

	if (s->nsrc > 0 && (res->sources = arena_alloc(A, s->nsrc *
	    sizeof(*res->sources))) == NULL)
		return -1;
	for (i = 0; i < s->nsrc; i++) {
		struct r_source *d = &res->sources[i];

		memset(d, 0, sizeof(*d));
		d->year = s->src[i].year;
		if ((d->id = same(res, s->src[i].id)) == NULL ||
		    (d->title = dup(res, s->src[i].title)) == NULL ||
		    (s->src[i].url && (d->url = dup(res, s->src[i].url)) ==
		    NULL) || (s->src[i].publisher && (d->publisher = dup(res,
		    s->src[i].publisher)) == NULL))
			return -1;
	}
	res->nsources = s->nsrc;
	for (i = 0; i < s->nq; i++)
		res->qdefs[i].org = s->org_aud >= 0 && ((s->qs[i].audience >>
		    s->org_aud) & 1);
	return 0;
}

int
score_begin(struct result *res, const struct survey *s,
    const struct target *t, unsigned anonymity, size_t norgs,
    struct err *e)
{
	size_t i;

	res->anonymity = anonymity;
	if (qdefs(res, s) != 0)
		return err_nomem(e);
	if ((res->survey_id = dup(res, s->id)) == NULL ||
	    (res->survey_version = dup(res, s->version)) == NULL ||
	    (res->survey_title = dup(res, s->title)) == NULL)
		return err_nomem(e);
	for (i = 0; i < NLEVELS; i++) {
		struct r_level *l = &res->levels[i];

		l->level = s->levels[i].level;
		if ((l->id = dup(res, s->levels[i].id)) == NULL ||
		    (l->label = dup(res, s->levels[i].label)) == NULL ||
		    (l->description = dup(res, s->levels[i].description)) ==
		    NULL)
			return err_nomem(e);
	}
	if (begin_texts(res, s) != 0)
		return err_nomem(e);
	if (bcase_load_beside(s, res, e) != 0)
		return -1;
	if (norgs > 0 && (res->orgs = arena_alloc(A, norgs *
	    sizeof(*res->orgs))) == NULL)
		return err_nomem(e);
	if (t == NULL)
		return 0;
	res->has_target = 1;
	if ((res->target_id = dup(res, t->id)) == NULL ||
	    (res->target_title = dup(res, t->title)) == NULL ||
	    (res->jurisdiction = dup(res, t->jurisdiction)) == NULL ||
	    (res->as_of = dup(res, t->as_of)) == NULL)
		return err_nomem(e);
	if (t->npr > 0 && (res->practices = arena_alloc(A, t->npr *
	    sizeof(*res->practices))) == NULL)
		return err_nomem(e);
	for (i = 0; i < t->npr; i++) {
		struct r_practice *p = &res->practices[i];

		if ((p->id = dup(res, t->pr[i].id)) == NULL ||
		    (p->dimension = dup(res, s->dims[t->pr[i].dim].id)) ==
		    NULL || (p->text = dup(res, t->pr[i].text)) == NULL ||
		    (p->clause = dup(res, t->pr[i].clause)) == NULL)
			return err_nomem(e);
	}
	res->npractices = t->npr;
	return 0;
}

/* ==== Target conditions ==== */

static int
majority(uint32_t count, uint32_t of)
{
	return of > 0 && 2 * (uint64_t)count > of;
}

static int
cond_holds(const struct survey *s, const struct cond *c,
    const struct view *v, const struct acc *acc)
{
	const struct qstat *st;
	const struct numstat *ns;
	const uint32_t *opts;
	uint32_t chosen = 0;
	size_t i;

	if (c->any != NULL) {
		for (i = 0; i < c->nany; i++)
			if (cond_holds(s, &c->any[i], v, acc))
				return 1;
		return 0;
	}
	if ((st = agg_qstat(v, acc, c->q)) == NULL || st->answered == 0)
		return 0;
	opts = agg_options(v, acc, c->q);
	ns = agg_numstat(v, acc, c->q);
	for (i = 0; i < s->qs[c->q].nopts; i++) {
		if ((c->in >> i) & 1)
			chosen += opts[i];
		if (((c->includes >> i) & 1) && !majority(opts[i],
		    st->answered))
			return 0;
	}
	if (c->in && !majority(chosen, st->answered))
		return 0;
	if ((c->has_min || c->has_max) && (ns == NULL || ns->n == 0))
		return 0;
	if (c->has_min && ns->sum / ns->n < c->min)
		return 0;
	if (c->has_max && ns->sum / ns->n > c->max)
		return 0;
	if (c->min_level && agg_lower_median(st) < c->min_level)
		return 0;
	if (c->evidence && !majority(st->evidenced, st->answered))
		return 0;
	return 1;
}

/* Whether a condition fails only for want of answers: its question (or
 * each of its alternatives) was answered by nobody, not even "na". */
static int
cond_unanswered(const struct cond *c, const struct view *v,
    const struct acc *acc)
{
	const struct qstat *st;
	size_t i;

	if (c->any != NULL) {
		for (i = 0; i < c->nany; i++)
			if (!cond_unanswered(&c->any[i], v, acc))
				return 0;
		return 1;
	}
	st = agg_qstat(v, acc, c->q);
	return st == NULL || (st->answered == 0 && st->na == 0);
}

int
score_practice(const struct survey *s, const struct practice *p,
    const struct view *v, const struct acc *c)
{
	int missing = 0;
	size_t i;

	if (p->unjudged)
		return PRACTICE_UNJUDGED;
	for (i = 0; i < p->nconds; i++) {
		if (cond_holds(s, &p->conds[i], v, c))
			continue;
		if (!cond_unanswered(&p->conds[i], v, c))
			return PRACTICE_UNMET;
		missing = 1;
	}
	return missing ? PRACTICE_UNANSWERED : PRACTICE_MET;
}

/* ==== One organisation ==== */

static int
fill_dims(struct result *res, const struct survey *s, const struct view *v,
    const struct acc *all, struct r_org *o)
{
	size_t i, j;

	if ((o->dims = arena_alloc(A, s->ndims * sizeof(*o->dims))) == NULL)
		return -1;
	o->ndims = s->ndims;
	for (i = 0; i < s->ndims; i++) {
		const struct dimension *dm = &s->dims[i];
		struct r_dim *d = &o->dims[i];

		if ((d->id = same(res, dm->id)) == NULL ||
		    (d->title = same(res, dm->title)) == NULL)
			return -1;
		d->critical = dm->critical;
		for (j = 0; j < dm->nq; j++) {
			const struct qstat *st = agg_qstat(v, all,
			    (int)(dm->first + j));

			/* not applicable: only "na" answers, or asked of
			 * nobody because its condition ruled it out */
			if (st->answered > 0)
				d->answered++;
			else if (st->na > 0 || (st->skipped > 0 &&
			    st->unanswered == 0))
				d->na++;
			else
				d->unanswered++;
		}
	}
	return 0;
}

/* Met and unmet practice ids per dimension (the unmet ones nobody
 * answered for also in no_answers; those the survey cannot judge in
 * not_assessed), and the target levels. */
static int
fill_practices(struct result *res, const struct survey *s,
    const struct target *t, const unsigned char *met, struct r_org *o)
{
	size_t i, j;

	for (i = 0; i < s->ndims; i++) {
		const struct tdim *td = &t->dims[i];
		struct r_dim *d = &o->dims[i];

		d->target = td->level;
		if (td->n == 0)
			continue;
		if ((d->met.v = arena_alloc(A, td->n * sizeof(char *))) ==
		    NULL || (d->unmet.v = arena_alloc(A, td->n *
		    sizeof(char *))) == NULL || (d->no_answers.v =
		    arena_alloc(A, td->n * sizeof(char *))) == NULL ||
		    (d->not_assessed.v = arena_alloc(A, td->n *
		    sizeof(char *))) == NULL)
			return -1;
		for (j = td->first; j < td->first + td->n; j++) {
			struct r_strs *l = met[j] == PRACTICE_MET ? &d->met :
			    met[j] == PRACTICE_UNJUDGED ? &d->not_assessed :
			    &d->unmet;

			l->v[l->n++] = res->practices[j].id;
			if (met[j] == PRACTICE_UNANSWERED)
				d->no_answers.v[d->no_answers.n++] =
				    res->practices[j].id;
		}
	}
	return 0;
}

/* The statistics of every question over all respondents. */
static int
fill_questions(struct result *res, const struct survey *s,
    const struct view *v, const struct acc *all, struct r_org *o)
{
	size_t i, j;

	if (res->qstride > 0 && (o->qstats = arena_alloc(A, res->qstride *
	    sizeof(*o->qstats))) == NULL)
		return -1;
	for (i = 0; i < s->nq; i++) {
		const struct qstat *st = agg_qstat(v, all, (int)i);
		const uint32_t *opts = agg_options(v, all, (int)i);
		unsigned *c = o->qstats + res->qdefs[i].off;

		c[QS_ANSWERED] = st->answered;
		c[QS_NA] = st->na;
		c[QS_UNANSWERED] = st->unanswered;
		c[QS_SIGNAL] = (unsigned)agg_lower_median(st);
		for (j = 0; j < RESULT_LEVELS; j++)
			c[QS_LEVELS + j] = st->level[j];
		for (j = 0; j < s->qs[i].nopts; j++)
			c[QS_OPTS + j] = opts != NULL ? opts[j] : 0;
	}
	return 0;
}

/* Append "; " (unless at 0) and 'label' to tmp[0..n) as far as they fit
 * with the NUL, as snprintf would; the length they would have made. */
static int
append_label(char *tmp, size_t size, size_t n, const char *label)
{
	size_t sep = n > 0 ? 2 : 0, len = strlen(label), room = size - 1 - n;

	memcpy(tmp + n, "; ", sep < room ? sep : room);
	if (sep < room)
		memcpy(tmp + n + sep, label, len < room - sep ? len :
		    room - sep);
	tmp[n + (sep + len < room ? sep + len : room)] = '\0';
	return (int)(n + sep + len);
}

/* The answer most respondents gave, as the survey words it: the option
 * chosen most often, the options a majority ticked, or the number (the
 * average when several gave one).  NULL for free text or no answer. */
static const char *
answer_text(struct result *res, const struct survey *s, int qi,
    const struct view *v, const struct acc *c, const struct qstat *st)
{
	const struct question *q = &s->qs[qi];
	const uint32_t *opts = agg_options(v, c, qi);
	const struct numstat *ns = agg_numstat(v, c, qi);
	char tmp[1024];
	size_t i, best = 0;
	int n = 0;

	if (st->answered == 0 || q->type == Q_TEXT)
		return NULL;
	if (q->type == Q_NUMBER) {
		if (ns == NULL || ns->n == 0)
			return NULL;
		n = snprintf(tmp, sizeof(tmp), "%s%g%s%s", ns->n > 1 ?
		    "average " : "", ns->sum / ns->n, q->unit ? " " : "",
		    q->unit ? q->unit : "");
	} else if (q->type == Q_MULTI) {
		for (i = 0; i < q->nopts && (size_t)n < sizeof(tmp); i++)
			if (2 * (uint64_t)opts[i] > st->answered)
				n = append_label(tmp, sizeof(tmp), (size_t)n,
				    q->opts[i].label);
		if (n == 0)
			n = snprintf(tmp, sizeof(tmp), "none of these");
	} else {
		for (i = 1; i < q->nopts; i++)
			if (opts[i] > opts[best])
				best = i;
		/* the label itself, cut as the buffer would cut it */
		n = (int)strnlen(q->opts[best].label, sizeof(tmp) - 1);
		return result_intern(res, q->opts[best].label, (size_t)n);
	}
	if (n < 0)
		return NULL;
	return result_intern(res, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
	    sizeof(tmp) - 1);
}

/* Per question, the usual answer in words.  A statistic that would show
 * the answers of a small group of people answering for themselves (not
 * the coordinator) in a larger organisation is marked not shown. */
static int
fill_answers(struct result *res, const struct survey *s,
    const struct view *v, const struct acc *all, struct r_org *o)
{
	size_t i;

	if ((o->answers = arena_alloc(A, (s->nq + 1) * sizeof(*o->answers))) ==
	    NULL)
		return -1;
	for (i = 0; i < s->nq; i++) {
		const struct qstat *st = agg_qstat(v, all, (int)i);
		struct r_answer *q = &o->answers[i];

		memset(q, 0, sizeof(*q));
		if (st == NULL)
			continue;
		q->shown = res->qdefs[i].org || st->answered + st->na >=
		    res->anonymity || o->respondents <= res->anonymity;
		if (q->shown && st->answered > 0 && (q->answer =
		    answer_text(res, s, (int)i, v, all, st)) == NULL &&
		    s->qs[i].type != Q_TEXT)
			return -1;
		q->mode = st->answered > 1 && s->qs[i].type != Q_NUMBER &&
		    s->qs[i].type != Q_MULTI;
	}
	return 0;
}

/* The sources each recommendation cites, from the survey. */
static int
fill_rec_sources(struct result *res, const struct survey *s,
    struct r_org *o)
{
	size_t i, j, k;

	for (i = 0; i < o->nrecs; i++) {
		struct r_rec *rc = &o->recs[i];
		int d = survey_dimension(s, rc->dimension);
		const struct recommendation *sr = NULL;

		memset(&rc->sources, 0, sizeof(rc->sources));
		for (j = 0; d >= 0 && j < s->dims[d].nrecs; j++)
			if (strcmp(s->dims[d].recs[j].id, rc->id) == 0)
				sr = &s->dims[d].recs[j];
		if (sr == NULL || sr->sources.n == 0)
			continue;
		if ((rc->sources.v = arena_alloc(A, sr->sources.n *
		    sizeof(char *))) == NULL)
			return -1;
		for (k = 0; k < sr->sources.n; k++)
			if ((rc->sources.v[k] = same(res, sr->sources.v[k])) ==
			    NULL)
				return -1;
		rc->sources.n = sr->sources.n;
	}
	return 0;
}

/* Per question, what a role large enough to be shown answered. */
static int
role_questions(struct result *res, const struct survey *s,
    const struct agg *a, const struct acc *c, int k, struct r_role *rl)
{
	const struct view *v = agg_view(a, k);
	const struct qstat *st;
	size_t i;

	if ((rl->qanswered = arena_alloc(A, s->nq * sizeof(unsigned))) ==
	    NULL || (rl->qsignal = arena_alloc(A, s->nq)) == NULL)
		return -1;
	for (i = 0; i < s->nq; i++) {
		st = agg_qstat(v, c, (int)i);
		rl->qanswered[i] = st != NULL ? st->answered : 0;
		rl->qsignal[i] = st != NULL ?
		    (unsigned char)agg_lower_median(st) : 0;
	}
	return 0;
}

/* The roles seen, with their counts; those below the anonymity threshold
 * are suppressed, the others get levels from the rules. */
static int
fill_roles(struct result *res, const struct survey *s, const struct agg *a,
    const struct orgagg *oa, struct r_org *o)
{
	size_t k;

	for (k = 0; k < s->naud; k++)
		o->nroles += oa->role[k] != NULL;
	if (o->nroles > 0 && (o->roles = arena_alloc(A, o->nroles *
	    sizeof(*o->roles))) == NULL)
		return -1;
	o->nroles = 0;
	for (k = 0; k < s->naud; k++) {
		struct r_role *rl;

		if (oa->role[k] == NULL)
			continue;
		rl = &o->roles[o->nroles++];
		if ((rl->id = same(res, s->aud[k].id)) == NULL)
			return -1;
		rl->respondents = oa->role[k]->respondents;
		rl->suppressed = rl->respondents < res->anonymity;
		if (!rl->suppressed && ((rl->levels = arena_alloc(A, s->ndims *
		    sizeof(int))) == NULL || role_questions(res, s, a,
		    oa->role[k], (int)k, rl) != 0))
			return -1;
	}
	return 0;
}

/* The other spellings of the organisation's name, in byte order. */
static int
aliases(struct result *res, const struct orgagg *oa, struct r_org *o)
{
	size_t k, j;

	if (oa->nsp < 2)
		return 0;
	if ((o->aliases.v = arena_alloc(A, oa->nsp * sizeof(char *))) == NULL)
		return -1;
	for (k = 1; k < oa->nsp; k++) {
		const char *t = dup(res, oa->sp[k].text);

		if (t == NULL)
			return -1;
		for (j = o->aliases.n; j > 0 && strcmp(o->aliases.v[j - 1],
		    t) > 0; j--)
			o->aliases.v[j] = o->aliases.v[j - 1];
		o->aliases.v[j] = t;
		o->aliases.n++;
	}
	return 0;
}

int
score_org(struct result *res, struct rules *r, const struct survey *s,
    const struct target *t, struct agg *a, const struct orgagg *oa,
    struct err *e)
{
	const struct view *v = agg_view(a, -1);
	struct r_org *o = &res->orgs[res->norgs];
	unsigned char *met = NULL;
	struct rules_view in;
	size_t i;

	memset(o, 0, sizeof(*o));
	if ((o->id = dup(res, oa->id)) == NULL || aliases(res, oa, o) != 0)
		return err_nomem(e);
	o->respondents = oa->all.respondents;
	if (fill_dims(res, s, v, &oa->all, o) != 0)
		return err_nomem(e);
	if (t != NULL) {
		if (t->npr > 0 && (met = arena_alloc(A, t->npr)) == NULL)
			return err_nomem(e);
		for (i = 0; i < t->npr; i++)
			met[i] = (unsigned char)score_practice(s, &t->pr[i], v,
			    &oa->all);
		if (fill_practices(res, s, t, met, o) != 0)
			return err_nomem(e);
	}
	if (fill_roles(res, s, a, oa, o) != 0 ||
	    fill_questions(res, s, v, &oa->all, o) != 0 ||
	    fill_answers(res, s, v, &oa->all, o) != 0)
		return err_nomem(e);
	memset(&in, 0, sizeof(in));
	in.org = oa->id;
	in.v = v;
	in.c = &oa->all;
	in.oa = oa;
	in.a = a;
	in.anonymity = res->anonymity;
	in.met = met;
	if (rules_score(r, &in, res, o, e) != 0)
		return -1;
	if (fill_rec_sources(res, s, o) != 0 || roadmap_build(res, o) != 0)
		return err_nomem(e);
	res->norgs++;
	return 0;
}
