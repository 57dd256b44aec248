/*
 * compose.c - what each report says, once for Markdown and HTML.
 *
 * full: everything, with a key, the roadmap, the questions and answers
 * and the sources; summary: one page for an executive; business-case:
 * the argument for IT and the executive who must agree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "roadmap.h"

#define MAX_CITED	128
#define LABEL_MAX	120	/* characters of a name in a heading or cell */

static void
lit(struct doc *d, const char *s)
{
	d->ops->lit(d, s);
}

static void AS_PRINTF(2, 3)
litf(struct doc *d, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	lit(d, tmp);
}

static void
txt(struct doc *d, const char *s)
{
	if (s != NULL)
		d->ops->text(d, s, (size_t)-1);
}

static void
name(struct doc *d, const char *s)
{
	d->ops->text(d, s, LABEL_MAX);
}

/* The first sentence of 's' only. */
static void
sentence(struct doc *d, const char *s)
{
	char tmp[1024];
	size_t n = report_sentence(s);

	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* a cut inside a multi-byte character is replaced, never split */
	d->ops->text(d, tmp, (size_t)-1);
}

static void
heading(struct doc *d, int level, const char *s)
{
	d->ops->heading(d, level);
	lit(d, s);
	d->ops->end_heading(d);
}

static void
para(struct doc *d, enum doc_block k, const char *s)
{
	d->ops->para(d, k);
	lit(d, s);
	d->ops->end_para(d);
}

static void
strong_lit(struct doc *d, const char *s)
{
	d->ops->strong(d, 1);
	lit(d, s);
	d->ops->strong(d, 0);
}

static void
level_text(struct doc *d, int level)
{
	if (level == 0) {
		lit(d, "not rated");
		return;
	}
	litf(d, "%d ", level);
	txt(d, result_label(d->r, level));
}

static void
cell_int(struct doc *d, int v, int present)
{
	d->ops->cell(d);
	if (present)
		litf(d, "%d", v);
	else
		lit(d, "-");
}

static const char *
dim_title(const struct r_org *o, const char *id)
{
	int i = result_dim(o, id);

	return i >= 0 ? o->dims[i].title : NULL;
}

static const char *
horizon_text(int h)
{
	return h == 30 ? "Within 30 days" : h == 60 ? "Within 60 days" :
	    h == 90 ? "Within 90 days" : "Later";
}

/* ==== Pieces shared by the reports ==== */

static void
headline(struct doc *d, const struct r_org *o)
{
	d->ops->para(d, BLK_LEAD);
	d->ops->strong(d, 1);
	lit(d, "Readiness: ");
	level_text(d, o->headline);
	lit(d, ".");
	d->ops->strong(d, 0);
	lit(d, " ");
	txt(d, o->basis);
	d->ops->end_para(d);
}

/* "ops", "ops and staff", "org, ops and staff". */
static void
role_list(struct doc *d, const struct r_org *o)
{
	size_t i;

	for (i = 0; i < o->nroles; i++) {
		if (i > 0)
			lit(d, i + 1 == o->nroles ? " and " : ", ");
		txt(d, o->roles[i].id);
	}
}

/* Who answered, in words: "1 respondent, answering as org, ops and
 * staff"; "12 respondents: 1 as org, 6 as ops, 5 as staff". */
static void
respondent_count(struct doc *d, const struct r_org *o)
{
	unsigned sum = 0;
	size_t i;

	if (o->respondents == 1) {
		lit(d, "1 respondent");
		if (o->nroles > 0) {
			lit(d, ", answering as ");
			role_list(d, o);
		}
		lit(d, ". The levels rest on one person's view.");
		return;
	}
	litf(d, "%u respondents", o->respondents);
	for (i = 0; i < o->nroles; i++) {
		lit(d, i == 0 ? ": " : ", ");
		litf(d, "%u as ", o->roles[i].respondents);
		txt(d, o->roles[i].id);
		sum += o->roles[i].respondents;
	}
	lit(d, sum > o->respondents ? " (some answer in more than one "
	    "role)." : ".");
}

static void
respondents(struct doc *d, const struct r_org *o)
{
	size_t i;

	d->ops->para(d, BLK_SMALL);
	respondent_count(d, o);
	for (i = 0; i < o->aliases.n; i++) {
		lit(d, i == 0 ? " The answers also write its name as '" :
		    "', '");
		txt(d, o->aliases.v[i]);
	}
	if (o->aliases.n > 0)
		lit(d, "'; those responses are counted here.");
	if (d->r->has_target) {
		lit(d, " Target: ");
		txt(d, d->r->target_title);
		lit(d, " (");
		txt(d, d->r->jurisdiction);
		lit(d, ", as of ");
		txt(d, d->r->as_of);
		lit(d, ").");
	}
	d->ops->end_para(d);
}

/* With --keep-going: how many responses were left out, and why. */
static void
excluded(struct doc *d)
{
	const struct result *r = d->r;
	size_t i;

	if (r->nexcluded == 0)
		return;
	d->ops->para(d, BLK_SMALL);
	litf(d, "Left out: %zu %s that did not meet the answers format.",
	    r->nexcluded, r->nexcluded == 1 ? "response" : "responses");
	d->ops->end_para(d);
	d->ops->list(d, 0);
	for (i = 0; i < r->nexcluded; i++) {
		d->ops->item(d);
		txt(d, r->excluded[i].file);
		litf(d, ", line %u: ", r->excluded[i].line);
		txt(d, r->excluded[i].reason);
	}
	d->ops->end_list(d);
}

/* A question code with its text and the organisation's usual answer. */
static void
evidence_line(struct doc *d, const struct r_org *o, const char *qid)
{
	const struct r_qdef *q = result_question(d->r, qid);
	const struct r_answer *st;

	if (q == NULL) {
		txt(d, qid);
		return;
	}
	st = &o->answers[q - d->r->qdefs];
	txt(d, q->text);
	lit(d, " (");
	txt(d, qid);
	lit(d, ")");
	if (!st->shown)
		lit(d, " (answers not shown: too few respondents)");
	else if (st->answer != NULL) {
		lit(d, " Answer: ");
		d->ops->strong(d, 1);
		txt(d, st->answer);
		d->ops->strong(d, 0);
		lit(d, st->mode ? " (most common)." : ".");
	} else if (o->qstats == NULL || o->qstats[q->off + QS_ANSWERED] == 0)
		lit(d, " Not answered.");
}

static void
sources_list(struct doc *d, const struct r_strs *l)
{
	const struct r_source *s;
	size_t i, n = 0;

	for (i = 0; i < l->n; i++) {
		if ((s = result_source(d->r, l->v[i])) == NULL)
			continue;
		lit(d, n++ == 0 ? " Sources: " : "; ");
		if (report_url_ok(s->url))
			d->ops->link(d, s->url, s->title);
		else
			txt(d, s->title);
	}
	if (n > 0)
		lit(d, ".");
}

static void
bibliography(struct doc *d, const struct r_org *o)
{
	const struct r_source *cited[MAX_CITED];
	size_t i, n = report_cited(d->r, o, d->kind, cited, MAX_CITED);

	if (n == 0)
		return;
	heading(d, 3, "Sources");
	d->ops->list(d, 1);
	for (i = 0; i < n; i++) {
		d->ops->item(d);
		if (report_url_ok(cited[i]->url))
			d->ops->link(d, cited[i]->url, cited[i]->title);
		else
			txt(d, cited[i]->title);
		if (cited[i]->publisher != NULL) {
			lit(d, ", ");
			txt(d, cited[i]->publisher);
		}
		if (cited[i]->year)
			litf(d, ", %d", cited[i]->year);
		lit(d, ".");
	}
	d->ops->end_list(d);
}

static void
profile(struct doc *d, const struct r_org *o)
{
	static const char *const heads[] = { "Dimension", "Level", "Score",
	    "Target", "Gap", "Capped by", NULL };
	size_t i, j;

	heading(d, 3, "Profile");
	d->ops->chart(d, CHART_RADAR, o);
	d->ops->table(d, "Level and score of each dimension", heads,
	    "llrrrl");
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *dm = &o->dims[i];
		int gap = result_gap(dm);

		d->ops->cell(d);
		name(d, dm->title);
		lit(d, " (");
		txt(d, dm->id);
		lit(d, dm->critical ? ") *" : ")");
		d->ops->cell(d);
		level_text(d, dm->level);
		d->ops->cell(d);
		if (dm->level) {
			char tmp[16];

			snprintf(tmp, sizeof(tmp), "%.1f", dm->score < 0.05 &&
			    dm->score > -0.05 ? 0.0 : dm->score);
			lit(d, tmp);
		} else
			lit(d, "-");
		cell_int(d, dm->target, dm->target != 0);
		cell_int(d, gap, gap >= 0);
		d->ops->cell(d);
		for (j = 0; j < dm->capped_by.n; j++) {
			if (j > 0)
				lit(d, ", ");
			txt(d, dm->capped_by.v[j]);
		}
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
	para(d, BLK_SMALL, "* a critical enabler: the headline cannot be "
	    "higher than the weakest of these.");
	if (d->r->has_target)
		d->ops->chart(d, CHART_GAPS, o);
}

/* One line on the score bands: which scores each level shows. */
static void
score_bands(struct doc *d)
{
	char bands[REPORT_BANDS_MAX];

	report_score_bands(bands, sizeof(bands));
	d->ops->item(d);
	strong_lit(d, "Score bands");
	lit(d, ": ");
	lit(d, bands);
	lit(d, "; the bands do not overlap, so a higher score never shows a "
	    "lower level.");
}

static void
key(struct doc *d)
{
	size_t i;

	heading(d, 2, "How to read this report");
	para(d, BLK_NOTE, "Each dimension of readiness is rated on five "
	    "levels:");
	d->ops->list(d, 0);
	for (i = 0; i < RESULT_LEVELS; i++) {
		const struct r_level *l = &d->r->levels[i];

		d->ops->item(d);
		d->ops->strong(d, 1);
		litf(d, "%d ", l->level);
		txt(d, l->label);
		d->ops->strong(d, 0);
		if (l->description != NULL) {
			lit(d, ": ");
			txt(d, l->description);
		}
	}
	d->ops->end_list(d);
	para(d, BLK_NOTE, "The tables use these terms:");
	d->ops->list(d, 0);
	d->ops->item(d);
	strong_lit(d, "Level");
	lit(d, " is the middle of the levels the answers in the dimension "
	    "point to. ");
	strong_lit(d, "Score");
	lit(d, " (0 to 100) shows where those answers sit on the ladder: 0 "
	    "when all point to level 1, 100 when all point to level 5; it "
	    "separates two dimensions at the same level.");
	score_bands(d);
	d->ops->item(d);
	strong_lit(d, "Capped by");
	lit(d, " lists the questions that hold a dimension below the level "
	    "its other answers reach: a threshold the organisation has not "
	    "met yet, or a claim made without the evidence asked for.");
	d->ops->item(d);
	strong_lit(d, "Target");
	lit(d, " is the level the chosen action plan expects; ");
	strong_lit(d, "Gap");
	lit(d, " is how many levels short of it the dimension is (0 when it "
	    "is met).");
	d->ops->item(d);
	lit(d, "Codes such as ");
	txt(d, d->r->nq ? d->r->qdefs[0].id : "Q-01");
	lit(d, " refer to the questions, listed with their answers at the "
	    "end of each organisation's section.");
	d->ops->end_list(d);
}

/* "lead A, B, C tail", or nothing for an empty list. */
static void
codes(struct doc *d, const char *lead, const struct r_strs *l,
    const char *tail)
{
	size_t j;

	for (j = 0; j < l->n; j++) {
		lit(d, j == 0 ? lead : ", ");
		txt(d, l->v[j]);
	}
	if (l->n > 0)
		lit(d, tail);
}

static void
findings(struct doc *d, const struct r_org *o)
{
	size_t i;

	if (o->nfindings == 0)
		return;
	heading(d, 3, "Findings");
	d->ops->list(d, 0);
	for (i = 0; i < o->nfindings; i++) {
		const struct r_finding *f = &o->findings[i];
		const char *title = dim_title(o, f->dimension);
		char sev[16];

		snprintf(sev, sizeof(sev), "%s", f->severity);
		if (sev[0] >= 'a' && sev[0] <= 'z')
			sev[0] = (char)(sev[0] - 'a' + 'A');
		d->ops->item(d);
		strong_lit(d, sev);
		if (title != NULL) {
			lit(d, " (");
			txt(d, title);
			lit(d, ")");
		}
		lit(d, ": ");
		txt(d, f->text);
		codes(d, " (questions ", &f->evidence, ")");
	}
	d->ops->end_list(d);
}

static void
recommendations(struct doc *d, const struct r_org *o)
{
	size_t i;

	if (o->nrecs == 0)
		return;
	heading(d, 3, "Recommendations");
	d->ops->list(d, 1);
	for (i = 0; i < o->nrecs; i++) {
		const struct r_rec *rc = &o->recs[i];

		d->ops->item(d);
		d->ops->strong(d, 1);
		txt(d, dim_title(o, rc->dimension));
		litf(d, ", level %d to %d", rc->from, rc->to);
		d->ops->strong(d, 0);
		litf(d, " (priority %d): ", rc->priority);
		txt(d, rc->text);
		codes(d, " (because of questions ", &rc->evidence, ").");
		sources_list(d, &rc->sources);
	}
	d->ops->end_list(d);
}

static void
step_after(struct doc *d, const struct r_step *st)
{
	size_t j;

	if (st->nafter == 0) {
		lit(d, "-");
		return;
	}
	for (j = 0; j < st->nafter; j++)
		litf(d, j == 0 ? "step %zu" : ", %zu", st->after[j] + 1);
}

static void
roadmap(struct doc *d, const struct r_org *o)
{
	static const char *const heads[] = { "Step", "When", "Action",
	    "Closes", "After", NULL };
	size_t i;

	if (o->nsteps == 0)
		return;
	heading(d, 3, "Roadmap");
	para(d, BLK_NOTE, "The recommendations in order: the most urgent "
	    "first, and each after the steps it builds on.");
	d->ops->table(d, "The steps in order", heads, "rllll");
	for (i = 0; i < o->nsteps; i++) {
		const struct r_step *st = &o->steps[i];
		const struct r_rec *rc = result_step_rec(o, i);
		int di = result_dim(o, rc->dimension);

		cell_int(d, (int)i + 1, 1);
		d->ops->cell(d);
		lit(d, horizon_text(st->horizon));
		d->ops->cell(d);
		sentence(d, rc->text);
		d->ops->cell(d);
		txt(d, dim_title(o, rc->dimension));
		litf(d, ": level %d to %d", rc->from, rc->to);
		if (di >= 0 && o->dims[di].target)
			litf(d, " (target %d)", o->dims[di].target);
		d->ops->cell(d);
		step_after(d, st);
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
}

/* One practice not met (or, with 'unjudged', not assessed). */
static void
practice_item(struct doc *d, const struct r_dim *dm, const char *id,
    int unjudged)
{
	size_t j;
	int k;

	if ((k = result_practice(d->r, id)) < 0)
		return;
	d->ops->item(d);
	lit(d, unjudged ? "Not assessed" : "Not met");
	for (j = 0; !unjudged && j < dm->no_answers.n; j++)
		if (strcmp(dm->no_answers.v[j], id) == 0)
			lit(d, " (no answers)");
	lit(d, ": ");
	txt(d, d->r->practices[k].id);
	lit(d, " (");
	txt(d, dm->title);
	lit(d, "): ");
	txt(d, d->r->practices[k].text);
	lit(d, " (source: ");
	txt(d, d->r->practices[k].clause);
	lit(d, ")");
}

static void
practices(struct doc *d, const struct r_org *o)
{
	size_t i, j, met = 0, unmet = 0, none = 0, unjudged = 0;

	for (i = 0; i < o->ndims; i++) {
		met += o->dims[i].met.n;
		unmet += o->dims[i].unmet.n;
		none += o->dims[i].no_answers.n;
		unjudged += o->dims[i].not_assessed.n;
	}
	if (!d->r->has_target || met + unmet + unjudged == 0)
		return;
	heading(d, 3, "Practices the target requires");
	d->ops->para(d, BLK_NOTE);
	if (met + unmet > 0)
		litf(d, "%zu of %zu met", met, met + unmet);
	if (none > 0)
		litf(d, "; %zu of those not met %s no answers to judge by",
		    none, none == 1 ? "has" : "have");
	/* a profile written for another survey with the same dimensions */
	if (unjudged > 0)
		litf(d, "%s%zu not assessed: this survey does not ask what %s",
		    met + unmet > 0 ? "; " : "", unjudged, unjudged == 1 ?
		    "it needs" : "they need");
	lit(d, ".");
	d->ops->end_para(d);
	if (unmet + unjudged == 0)
		return;
	d->ops->list(d, 0);
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *dm = &o->dims[i];

		for (j = 0; j < dm->unmet.n + dm->not_assessed.n; j++)
			practice_item(d, dm, j < dm->unmet.n ? dm->unmet.v[j] :
			    dm->not_assessed.v[j - dm->unmet.n], j >= dm->unmet.n);
	}
	d->ops->end_list(d);
}

static size_t
roles_shown(const struct r_org *o)
{
	size_t i, n = 0;

	for (i = 0; i < o->nroles; i++)
		n += !o->roles[i].suppressed;
	return n;
}

static void
roles(struct doc *d, const struct r_org *o)
{
	const char *heads[2 + 32 + 1];
	char align[2 + 32 + 1];
	size_t i, j, nd = report_cap(o->ndims, 32);

	if (o->nroles < 2 && roles_shown(o) == 0)
		return;
	heading(d, 3, "By role");
	if (roles_shown(o) >= 2)
		d->ops->chart(d, CHART_ROLES, o);
	heads[0] = "Role";
	heads[1] = "Respondents";
	for (j = 0; j < nd; j++)
		heads[2 + j] = o->dims[j].id;
	heads[2 + nd] = NULL;
	memset(align, 'r', sizeof(align));
	align[0] = 'l';
	align[2 + nd] = '\0';
	d->ops->table(d, "Level of each dimension by role", heads, align);
	for (i = 0; i < o->nroles; i++) {
		const struct r_role *rl = &o->roles[i];

		d->ops->cell(d);
		txt(d, rl->id);
		cell_int(d, (int)rl->respondents, 1);
		for (j = 0; j < nd; j++) {
			d->ops->cell(d);
			if (rl->suppressed)
				lit(d, j == 0 ? "not shown" : "");
			else if (rl->levels[j] == 0)
				lit(d, "-");
			else
				litf(d, "%d", rl->levels[j]);
		}
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
	d->ops->para(d, BLK_SMALL);
	litf(d, "Roles with fewer than %u %s are not shown, to protect "
	    "anonymity; - means no scored answer in that dimension.",
	    d->r->anonymity, d->r->anonymity == 1 ? "respondent" :
	    "respondents");
	d->ops->end_para(d);
}

static void
coverage(struct doc *d, const struct r_org *o)
{
	unsigned answered = 0, na = 0, unanswered = 0;
	size_t i;

	for (i = 0; i < o->ndims; i++) {
		answered += o->dims[i].answered;
		na += o->dims[i].na;
		unanswered += o->dims[i].unanswered;
	}
	d->ops->para(d, BLK_SMALL);
	litf(d, "Questions answered: %u; not applicable: %u; unanswered: %u.",
	    answered, na, unanswered);
	d->ops->end_para(d);
}

/* The appendix: every question with the organisation's answers, and
 * each role's median level where the role is large enough to show. */
static void
questions(struct doc *d, const struct r_org *o)
{
	static const char *const heads[] = { "Code", "Question", "Answer",
	    "Level", "By role", NULL };
	size_t i, k, shown;

	heading(d, 3, "Questions and answers");
	d->ops->para(d, BLK_NOTE);
	lit(d, "The answer given most often (for a list, the items most "
	    "respondents ticked), the middle level the answers point to, and "
	    "the same level for each role");
	litf(d, " with at least %u respondents.", d->r->anonymity);
	d->ops->end_para(d);
	d->ops->table(d, "Every question with the answers", heads, "lllrl");
	for (i = 0; i < d->r->nq && o->qstats != NULL; i++) {
		const struct r_qdef *q = &d->r->qdefs[i];
		const struct r_answer *st = &o->answers[i];
		const unsigned *c = o->qstats + q->off;

		d->ops->cell(d);
		txt(d, q->id);
		d->ops->cell(d);
		txt(d, q->text);
		d->ops->cell(d);
		if (!st->shown)
			lit(d, "not shown (too few respondents)");
		else if (st->answer != NULL)
			txt(d, st->answer);
		else if (c[QS_ANSWERED] > 0)
			litf(d, "%u answered", c[QS_ANSWERED]);
		else if (c[QS_NA] > 0)
			lit(d, "not applicable");
		else
			lit(d, "-");
		cell_int(d, (int)c[QS_SIGNAL], st->shown && c[QS_SIGNAL] > 0);
		d->ops->cell(d);
		for (k = 0, shown = 0; k < o->nroles; k++) {
			const struct r_role *rl = &o->roles[k];

			if (rl->suppressed || rl->qsignal == NULL ||
			    rl->qsignal[i] == 0)
				continue;
			lit(d, shown++ ? ", " : "");
			txt(d, rl->id);
			litf(d, " %d", rl->qsignal[i]);
		}
		if (shown == 0)
			lit(d, "-");
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
}

/* ==== The full report ==== */

static void
overview(struct doc *d)
{
	const struct result *r = d->r;
	const char *heads[3 + 32 + 1];
	char align[3 + 32 + 1];
	size_t i, j, nd = report_cap(r->orgs[0].ndims, 32);

	heading(d, 2, "Overview");
	heads[0] = "Organisation";
	heads[1] = "Respondents";
	heads[2] = "Headline";
	for (j = 0; j < nd; j++)
		heads[3 + j] = r->orgs[0].dims[j].id;
	heads[3 + nd] = NULL;
	memset(align, 'r', sizeof(align));
	align[0] = 'l';
	align[2] = 'l';
	align[3 + nd] = '\0';
	d->ops->table(d, "Headline and dimension levels of each "
	    "organisation", heads, align);
	for (i = 0; i < r->norgs; i++) {
		const struct r_org *o = &r->orgs[i];

		d->ops->cell(d);
		name(d, o->id);
		cell_int(d, (int)o->respondents, 1);
		d->ops->cell(d);
		level_text(d, o->headline);
		for (j = 0; j < nd && j < o->ndims; j++)
			cell_int(d, o->dims[j].level, o->dims[j].level != 0);
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
}

static void
org_heading(struct doc *d, const struct r_org *o, const char *lead)
{
	d->ops->heading(d, 2);
	if (lead != NULL)
		lit(d, lead);
	name(d, o->id);
	d->ops->end_heading(d);
}

static void
full_org(struct doc *d, const struct r_org *o)
{
	size_t i;

	d->ops->section(d, "org");
	org_heading(d, o, NULL);
	headline(d, o);
	respondents(d, o);
	if (o->flags.n > 0) {
		d->ops->para(d, BLK_SMALL);
		lit(d, "Flags: ");
		for (i = 0; i < o->flags.n; i++) {
			if (i > 0)
				lit(d, ", ");
			txt(d, o->flags.v[i]);
		}
		d->ops->end_para(d);
	}
	profile(d, o);
	findings(d, o);
	recommendations(d, o);
	roadmap(d, o);
	practices(d, o);
	roles(d, o);
	coverage(d, o);
	d->ops->section(d, NULL);
	d->ops->section(d, "appendix");
	questions(d, o);
	bibliography(d, o);
	d->ops->section(d, NULL);
}

static void
full(struct doc *d)
{
	const struct result *r = d->r;
	size_t i;

	d->ops->section(d, "front");
	d->ops->heading(d, 1);
	txt(d, r->survey_title);
	d->ops->end_heading(d);
	d->ops->para(d, BLK_SMALL);
	lit(d, "Survey: ");
	txt(d, r->survey_id);
	lit(d, ", version ");
	txt(d, r->survey_version);
	d->ops->br(d);
	if (r->has_target) {
		lit(d, "Target: ");
		txt(d, r->target_title);
		lit(d, " (");
		txt(d, r->jurisdiction);
		lit(d, ", as of ");
		txt(d, r->as_of);
		lit(d, ")");
	} else
		lit(d, "Target: none chosen");
	d->ops->br(d);
	litf(d, "Organisations: %zu", r->norgs);
	d->ops->end_para(d);
	excluded(d);
	key(d);
	if (r->norgs > 1)
		overview(d);
	d->ops->section(d, NULL);
	for (i = 0; i < r->norgs; i++)
		full_org(d, &r->orgs[i]);
}

/* ==== The executive summary ==== */

/* "**Title.** " before a sentence; nothing without a title. */
static void
bold_title(struct doc *d, const char *title)
{
	if (title == NULL)
		return;
	d->ops->strong(d, 1);
	txt(d, title);
	lit(d, ".");
	d->ops->strong(d, 0);
	lit(d, " ");
}

static void
barrier(struct doc *d, const struct r_org *o, const struct r_finding *f)
{
	const char *title = dim_title(o, f->dimension);

	d->ops->item(d);
	bold_title(d, title);
	sentence(d, f->text);
	if (f->evidence.n > 0) {
		lit(d, " Evidence: ");
		evidence_line(d, o, f->evidence.v[0]);
	}
}

static void
first_steps(struct doc *d, const struct r_org *o, size_t max)
{
	size_t i;

	d->ops->list(d, 1);
	for (i = 0; i < o->nsteps && i < max; i++) {
		const struct r_rec *rc = result_step_rec(o, i);

		d->ops->item(d);
		d->ops->strong(d, 1);
		lit(d, horizon_text(o->steps[i].horizon));
		lit(d, ", ");
		txt(d, dim_title(o, rc->dimension));
		lit(d, ".");
		d->ops->strong(d, 0);
		lit(d, " ");
		sentence(d, rc->text);
	}
	d->ops->end_list(d);
}

static void
standing(struct doc *d, const struct r_org *o)
{
	size_t i, meet = 0, rated = 0;

	if (!d->r->has_target)
		return;
	for (i = 0; i < o->ndims; i++)
		if (o->dims[i].target && o->dims[i].level) {
			rated++;
			meet += o->dims[i].level >= o->dims[i].target;
		}
	d->ops->para(d, BLK_NOTE);
	litf(d, "Against the target, %zu of %zu rated dimensions are at or "
	    "above the level expected.", meet, rated);
	d->ops->end_para(d);
}

static void
summary_org(struct doc *d, const struct r_org *o)
{
	size_t idx[3], n, i;

	d->ops->section(d, "summary");
	org_heading(d, o, "Readiness summary: ");
	headline(d, o);
	respondents(d, o);
	standing(d, o);
	d->ops->chart(d, CHART_RADAR, o);
	if ((n = report_barriers(o, idx, 3)) > 0) {
		heading(d, 3, n == 1 ? "The barrier that matters most" :
		    "The barriers that matter most");
		d->ops->list(d, 1);
		for (i = 0; i < n; i++)
			barrier(d, o, &o->findings[idx[i]]);
		d->ops->end_list(d);
	}
	if (o->nsteps > 0) {
		heading(d, 3, o->nsteps == 1 ? "The first step" :
		    "The first steps");
		first_steps(d, o, 3);
	}
	d->ops->section(d, NULL);
}

/* ==== The business case ==== */

static void
costs(struct doc *d, const struct r_org *o)
{
	const struct r_bcase *b = &d->r->bcase;
	size_t i, j, n = 0;

	for (i = 0; i < b->ncosts; i++)
		n += report_applies(o, b->costs[i].dimension,
		    b->costs[i].below);
	if (n == 0)
		return;
	heading(d, 3, "What the barriers cost");
	for (i = 0; i < b->ncosts; i++) {
		const struct r_cost *c = &b->costs[i];

		if (!report_applies(o, c->dimension, c->below))
			continue;
		d->ops->heading(d, 4);
		txt(d, c->title);
		d->ops->end_heading(d);
		d->ops->para(d, BLK_NOTE);
		txt(d, c->text);
		sources_list(d, &c->sources);
		d->ops->end_para(d);
		d->ops->list(d, 0);
		for (j = 0; j < c->evidence.n; j++) {
			d->ops->item(d);
			evidence_line(d, o, c->evidence.v[j]);
		}
		d->ops->end_list(d);
	}
}

static void
where_we_stand(struct doc *d, const struct r_org *o)
{
	static const char *const heads[] = { "Dimension", "Level", "Target",
	    "Gap", NULL };
	size_t i;

	heading(d, 3, "Where the organisation stands");
	headline(d, o);
	standing(d, o);
	d->ops->chart(d, d->r->has_target ? CHART_GAPS : CHART_RADAR, o);
	d->ops->table(d, "Level against target", heads, "lrrr");
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *dm = &o->dims[i];
		int gap = result_gap(dm);

		d->ops->cell(d);
		txt(d, dm->title);
		d->ops->cell(d);
		level_text(d, dm->level);
		cell_int(d, dm->target, dm->target != 0);
		cell_int(d, gap, gap >= 0);
		d->ops->end_row(d);
	}
	d->ops->end_table(d);
}

static void
bc_barriers(struct doc *d, const struct r_org *o)
{
	size_t idx[8], n, i, j;

	if ((n = report_barriers(o, idx, 8)) == 0)
		return;
	heading(d, 3, "The barriers, in the organisation's own answers");
	d->ops->list(d, 0);
	for (i = 0; i < n; i++) {
		const struct r_finding *f = &o->findings[idx[i]];
		const char *title = dim_title(o, f->dimension);

		d->ops->item(d);
		bold_title(d, title);
		sentence(d, f->text);
		for (j = 0; j < f->evidence.n && j < 2; j++) {
			d->ops->br(d);
			evidence_line(d, o, f->evidence.v[j]);
		}
	}
	d->ops->end_list(d);
}

static void
expects(struct doc *d, const struct r_org *o)
{
	size_t i, j, met = 0, all = 0;
	int k;

	heading(d, 3, "What the action plan expects");
	if (!d->r->has_target) {
		para(d, BLK_NOTE, "No action plan was chosen for comparison; "
		    "the levels above stand on their own.");
		return;
	}
	for (i = 0; i < o->ndims; i++) {
		met += o->dims[i].met.n;
		all += o->dims[i].met.n + o->dims[i].unmet.n;
	}
	d->ops->para(d, BLK_NOTE);
	txt(d, d->r->target_title);
	lit(d, " (");
	txt(d, d->r->jurisdiction);
	litf(d, ") sets out %zu practices; the organisation meets %zu.", all,
	    met);
	d->ops->end_para(d);
	if (met == all)
		return;
	d->ops->list(d, 0);
	for (i = 0; i < o->ndims; i++)
		for (j = 0; j < o->dims[i].unmet.n; j++) {
			if ((k = result_practice(d->r,
			    o->dims[i].unmet.v[j])) < 0)
				continue;
			d->ops->item(d);
			txt(d, d->r->practices[k].text);
			lit(d, " (");
			txt(d, d->r->practices[k].clause);
			lit(d, ")");
		}
	d->ops->end_list(d);
}

static void
controls(struct doc *d)
{
	const struct r_bcase *b = &d->r->bcase;
	size_t i;

	if (b->ncontrols == 0)
		return;
	heading(d, 3, "Answering IT's concerns");
	d->ops->list(d, 0);
	for (i = 0; i < b->ncontrols; i++) {
		const struct r_control *c = &b->controls[i];

		d->ops->item(d);
		d->ops->strong(d, 1);
		txt(d, c->title);
		lit(d, ".");
		d->ops->strong(d, 0);
		lit(d, " Concern: ");
		txt(d, c->concern);
		lit(d, " Control: ");
		txt(d, c->control);
		sources_list(d, &c->sources);
	}
	d->ops->end_list(d);
}

static void
decisions(struct doc *d, const struct r_org *o)
{
	const struct r_bcase *b = &d->r->bcase;
	size_t i, n = 0;

	heading(d, 3, "Decisions asked for");
	d->ops->list(d, 1);
	for (i = 0; i < b->ndecisions; i++) {
		if (!report_applies(o, b->decisions[i].dimension,
		    b->decisions[i].below))
			continue;
		d->ops->item(d);
		txt(d, b->decisions[i].text);
		n++;
	}
	for (i = 0; n == 0 && i < o->nsteps && i < 3; i++) {
		d->ops->item(d);
		lit(d, "Approve step ");
		litf(d, "%zu of the roadmap: ", i + 1);
		sentence(d, result_step_rec(o, i)->text);
	}
	d->ops->end_list(d);
}

static void
bcase_org(struct doc *d, const struct r_org *o)
{
	const struct r_bcase *b = &d->r->bcase;

	d->ops->section(d, "bcase");
	org_heading(d, o, "Business case: ");
	respondents(d, o);
	if (b->framing != NULL) {
		d->ops->para(d, BLK_NOTE);
		txt(d, b->framing);
		d->ops->end_para(d);
	}
	if (b->strategy != NULL) {
		d->ops->para(d, BLK_NOTE);
		txt(d, b->strategy);
		d->ops->end_para(d);
	}
	where_we_stand(d, o);
	bc_barriers(d, o);
	costs(d, o);
	expects(d, o);
	controls(d);
	roadmap(d, o);
	decisions(d, o);
	bibliography(d, o);
	d->ops->section(d, NULL);
}

void
compose(struct doc *d)
{
	const struct result *r = d->r;
	size_t i;

	d->ops->begin(d, r->norgs == 1 ? r->orgs[0].id : r->survey_title);
	if (r->norgs == 0) {
		d->ops->end(d);
		return;
	}
	switch (d->kind) {
	case REPORT_SUMMARY:
		for (i = 0; i < r->norgs; i++)
			summary_org(d, &r->orgs[i]);
		break;
	case REPORT_BCASE:
		for (i = 0; i < r->norgs; i++)
			bcase_org(d, &r->orgs[i]);
		break;
	default:
		full(d);
		break;
	}
	d->ops->end(d);
}
