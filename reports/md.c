/*
 * md.c - the Markdown report: readable as plain text in a terminal, and
 * rendered by any Markdown viewer.
 *
 * Every string from the result is scrubbed of control and bidirectional
 * characters and has Markdown's active characters backslash-escaped, so a
 * name like "<script>" or "[x](javascript:...)" shows as text, and no
 * web or mail address in it becomes a link.  Untrusted
 * text never starts a line, so line-start syntax (#, -, 1.) cannot fire.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report.h"

static void
md(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;
	size_t i;

	report_safe(&t, s);
	for (i = 0; i < t.len; i++) {
		char c = t.data[i];

		if (strchr("\\`*_[]<>|~&#!@", c) != NULL && c != '\0')
			buf_putc(b, '\\');
		else if (c == ':' && i + 2 < t.len && t.data[i + 1] == '/' &&
		    t.data[i + 2] == '/')
			buf_putc(b, '\\');	/* no autolinks */
		else if (c == '.' && i >= 3 &&
		    strncasecmp(t.data + i - 3, "www", 3) == 0)
			buf_putc(b, '\\');
		buf_putc(b, c);
	}
	if (t.failed)
		b->failed = 1;
	buf_release(&t);
}

static void
level_text(struct buf *b, const struct result *r, int level)
{
	if (level == 0) {
		buf_puts(b, "not rated");
		return;
	}
	buf_printf(b, "%d ", level);
	md(b, result_label(r, level));
}

/* With --keep-going: how many responses were left out, and why. */
static void
excluded(struct buf *b, const struct result *r)
{
	size_t i;

	if (r->nexcluded == 0)
		return;
	buf_printf(b, "\nLeft out: %zu %s that did not meet the answers "
	    "format:\n\n", r->nexcluded, r->nexcluded == 1 ? "response" :
	    "responses");
	for (i = 0; i < r->nexcluded; i++) {
		buf_puts(b, "- ");
		md(b, r->excluded[i].file);
		buf_printf(b, ", line %u: ", r->excluded[i].line);
		md(b, r->excluded[i].reason);
		buf_putc(b, '\n');
	}
}

static void
header(struct buf *b, const struct result *r)
{
	buf_puts(b, "# ");
	md(b, r->survey_title);
	buf_puts(b, "\n\nSurvey: ");
	md(b, r->survey_id);
	buf_puts(b, ", version ");
	md(b, r->survey_version);
	buf_puts(b, "  \n");
	if (r->has_target) {
		buf_puts(b, "Target: ");
		md(b, r->target_title);
		buf_puts(b, " (");
		md(b, r->jurisdiction);
		buf_puts(b, ", as of ");
		md(b, r->as_of);
		buf_puts(b, ")  \n");
	} else {
		buf_puts(b, "Target: none (add -t TARGET to compare with an "
		    "action plan)  \n");
	}
	buf_printf(b, "Organisations: %zu\n", r->norgs);
	excluded(b, r);
}

static void
overview(struct buf *b, const struct result *r)
{
	size_t i, j;
	const struct r_org *first = &r->orgs[0];

	buf_puts(b, "\n## Overview\n\n| Organisation | Respondents | "
	    "Headline |");
	for (j = 0; j < first->ndims; j++) {
		buf_putc(b, ' ');
		md(b, first->dims[j].id);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|---|--:|---|");
	for (j = 0; j < first->ndims; j++)
		buf_puts(b, "--:|");
	buf_putc(b, '\n');
	for (i = 0; i < r->norgs; i++) {
		const struct r_org *o = &r->orgs[i];

		buf_puts(b, "| ");
		md(b, o->id);
		buf_printf(b, " | %u | ", o->respondents);
		level_text(b, r, o->headline);
		buf_puts(b, " |");
		for (j = 0; j < o->ndims; j++) {
			if (o->dims[j].level == 0)
				buf_puts(b, " - |");
			else
				buf_printf(b, " %d |", o->dims[j].level);
		}
		buf_putc(b, '\n');
	}
}

static void
profile(struct buf *b, const struct result *r, const struct r_org *o)
{
	size_t i, j;

	buf_puts(b, "\n### Profile\n\n| Dimension | Level | Score | Target | "
	    "Gap | Capped by |\n|---|---|--:|--:|--:|---|\n");
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *d = &o->dims[i];
		int gap = result_gap(d);

		buf_puts(b, "| ");
		md(b, d->title);
		buf_puts(b, " (");
		md(b, d->id);
		buf_puts(b, d->critical ? ") \\* | " : ") | ");
		level_text(b, r, d->level);
		if (d->level) {
			buf_puts(b, " | ");
			report_score(b, d->score);
			buf_puts(b, " | ");
		} else
			buf_puts(b, " | - | ");
		if (d->target)
			buf_printf(b, "%d | ", d->target);
		else
			buf_puts(b, "- | ");
		if (gap >= 0)
			buf_printf(b, "%d | ", gap);
		else
			buf_puts(b, "- | ");
		for (j = 0; j < d->capped_by.n; j++) {
			if (j > 0)
				buf_puts(b, ", ");
			md(b, d->capped_by.v[j]);
		}
		buf_puts(b, " |\n");
	}
	buf_puts(b, "\n\\* a critical enabler: the headline cannot be higher "
	    "than the weakest of these.\n");
}

static const char *
dim_title(const struct r_org *o, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < o->ndims; i++)
		if (strcmp(o->dims[i].id, id) == 0)
			return o->dims[i].title;
	return NULL;
}

static void
ids(struct buf *b, const char *lead, const struct r_strs *l)
{
	size_t i;

	if (l->n == 0)
		return;
	buf_puts(b, lead);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		md(b, l->v[i]);
	}
	buf_putc(b, ')');
}

static void
findings(struct buf *b, const struct r_org *o)
{
	size_t i;

	if (o->nfindings == 0)
		return;
	buf_puts(b, "\n### Findings\n\n");
	for (i = 0; i < o->nfindings; i++) {
		const struct r_finding *f = &o->findings[i];
		const char *title = dim_title(o, f->dimension);
		char sev[16];

		snprintf(sev, sizeof(sev), "%s", f->severity);
		sev[0] = (char)toupper((unsigned char)sev[0]);
		buf_printf(b, "- **%s**", sev);
		if (title != NULL) {
			buf_puts(b, " (");
			md(b, title);
			buf_putc(b, ')');
		}
		buf_puts(b, ": ");
		md(b, f->text);
		ids(b, " (answers: ", &f->evidence);
		buf_putc(b, '\n');
	}
}

static void
recommendations(struct buf *b, const struct r_org *o)
{
	size_t i;

	if (o->nrecs == 0)
		return;
	buf_puts(b, "\n### Recommendations\n\n");
	for (i = 0; i < o->nrecs; i++) {
		const struct r_rec *rc = &o->recs[i];

		buf_printf(b, "%zu. **", i + 1);
		md(b, dim_title(o, rc->dimension));
		buf_printf(b, ", level %d to %d** (priority %d): ", rc->from,
		    rc->to, rc->priority);
		md(b, rc->text);
		ids(b, " (because of: ", &rc->evidence);
		buf_putc(b, '\n');
	}
}

static int
strs_has(const struct r_strs *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return 1;
	return 0;
}

static void
practices(struct buf *b, const struct result *r, const struct r_org *o)
{
	size_t i, j, met = 0, unmet = 0, none = 0, unjudged = 0;
	int k;

	for (i = 0; i < o->ndims; i++) {
		met += o->dims[i].met.n;
		unmet += o->dims[i].unmet.n;
		none += o->dims[i].no_answers.n;
		unjudged += o->dims[i].not_assessed.n;
	}
	if (!r->has_target || met + unmet + unjudged == 0)
		return;
	buf_puts(b, "\n### Practices the target requires\n\n");
	if (met + unmet > 0)
		buf_printf(b, "%zu of %zu met", met, met + unmet);
	if (none > 0)
		buf_printf(b, "; %zu of those not met %s no answers to judge "
		    "by", none, none == 1 ? "has" : "have");
	if (unjudged > 0)
		buf_printf(b, "%s%zu not assessed: this survey does not ask "
		    "what %s", met + unmet > 0 ? "; " : "", unjudged,
		    unjudged == 1 ? "it needs" : "they need");
	buf_printf(b, ".\n%s", unmet + unjudged > 0 ? "\n" : "");
	for (i = 0; i < o->ndims; i++) {
		const struct r_dim *d = &o->dims[i];

		for (j = 0; j < d->unmet.n + d->not_assessed.n; j++) {
			const char *id = j < d->unmet.n ? d->unmet.v[j] :
			    d->not_assessed.v[j - d->unmet.n];

			if ((k = result_practice(r, id)) < 0)
				continue;
			buf_puts(b, j >= d->unmet.n ? "- Not assessed: " :
			    strs_has(&d->no_answers, id) ?
			    "- Not met (no answers): " : "- Not met: ");
			md(b, r->practices[k].id);
			buf_puts(b, " (");
			md(b, d->title);
			buf_puts(b, "): ");
			md(b, r->practices[k].text);
			buf_puts(b, " (source: ");
			md(b, r->practices[k].clause);
			buf_puts(b, ")\n");
		}
	}
}

static void
roles(struct buf *b, const struct result *r, const struct r_org *o)
{
	size_t i, j, shown = 0;

	for (i = 0; i < o->nroles; i++)
		shown += !o->roles[i].suppressed;
	if (o->nroles < 2 && shown == 0)
		return;
	buf_puts(b, "\n### By role\n\n| Role | Respondents |");
	for (j = 0; j < o->ndims; j++) {
		buf_putc(b, ' ');
		md(b, o->dims[j].id);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|---|--:|");
	for (j = 0; j < o->ndims; j++)
		buf_puts(b, "--:|");
	buf_putc(b, '\n');
	for (i = 0; i < o->nroles; i++) {
		const struct r_role *rl = &o->roles[i];

		buf_puts(b, "| ");
		md(b, rl->id);
		buf_printf(b, " | %u |", rl->respondents);
		for (j = 0; j < o->ndims; j++) {
			if (rl->suppressed)
				buf_puts(b, j == 0 ? " not shown |" : " |");
			else if (rl->levels[j] == 0)
				buf_puts(b, " - |");
			else
				buf_printf(b, " %d |", rl->levels[j]);
		}
		buf_putc(b, '\n');
	}
	buf_printf(b, "\nRoles with fewer than %u %s are not shown, to "
	    "protect anonymity; - means no scored answer in that dimension.\n",
	    r->anonymity, r->anonymity == 1 ? "respondent" : "respondents");
}

static void
coverage(struct buf *b, const struct r_org *o)
{
	unsigned answered = 0, na = 0, unanswered = 0;
	size_t i;

	for (i = 0; i < o->ndims; i++) {
		answered += o->dims[i].answered;
		na += o->dims[i].na;
		unanswered += o->dims[i].unanswered;
	}
	buf_printf(b, "\nQuestions answered: %u; not applicable: %u; "
	    "unanswered: %u.\n", answered, na, unanswered);
}

static void
organisation(struct buf *b, const struct result *r, const struct r_org *o)
{
	size_t i;

	buf_puts(b, "\n## ");
	md(b, o->id);
	buf_puts(b, "\n\n**Readiness: ");
	level_text(b, r, o->headline);
	buf_puts(b, ".** ");
	md(b, o->basis);
	buf_printf(b, "\n\nRespondents: %u", o->respondents);
	for (i = 0; i < o->nroles; i++) {
		buf_puts(b, i == 0 ? " (" : ", ");
		md(b, o->roles[i].id);
		buf_printf(b, " %u", o->roles[i].respondents);
	}
	buf_puts(b, o->nroles ? ")\n" : "\n");
	if (o->flags.n > 0) {
		buf_puts(b, "Flags: ");
		for (i = 0; i < o->flags.n; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			md(b, o->flags.v[i]);
		}
		buf_putc(b, '\n');
	}
	profile(b, r, o);
	findings(b, o);
	recommendations(b, o);
	practices(b, r, o);
	roles(b, r, o);
	coverage(b, o);
}

int
report_md(const struct result *r, struct buf *out, struct err *e)
{
	size_t i;

	header(out, r);
	if (r->norgs > 1)
		overview(out, r);
	for (i = 0; i < r->norgs; i++)
		organisation(out, r, &r->orgs[i]);
	return buf_ok(out, e);
}

/* ==== Comparison ==== */

static void
compare_header(struct buf *b, const struct comparison *c)
{
	const struct result *h = c->head;
	size_t n = c->norgs;

	buf_puts(b, "# Comparison against ");
	md(b, h->target_title);
	buf_puts(b, "\n\nSurvey: ");
	md(b, h->survey_title);
	buf_puts(b, " (");
	md(b, h->survey_id);
	buf_puts(b, ", version ");
	md(b, h->survey_version);
	buf_puts(b, ")  \nTarget: ");
	md(b, h->target_id);
	buf_puts(b, " (");
	md(b, h->jurisdiction);
	buf_puts(b, ", as of ");
	md(b, h->as_of);
	buf_printf(b, ")  \nOrganisations: %zu, of which %u %s the target in "
	    "full (%.0f%%)\n", n, c->meeting, c->meeting == 1 ? "meets" :
	    "meet", n ? 100.0 * c->meeting / (double)n : 0.0);
	buf_puts(b, "\nOrganisations are ranked by their headline level, then "
	    "by the mean level of their rated dimensions, then by their mean "
	    "score; organisations still equal share a rank. An organisation "
	    "meets the target when every dimension reaches the profile's "
	    "level and every required practice is in place. The percentile "
	    "is the share of the other organisations ranked below it.\n");
}

static void
league(struct buf *b, const struct comparison *c)
{
	size_t i, j;

	buf_puts(b, "\n## League table\n\n| Rank | Organisation | Headline | "
	    "Meets target | Practices |");
	for (j = 0; j < c->ndims; j++) {
		buf_putc(b, ' ');
		md(b, c->dims[j].id);
		buf_puts(b, " |");
	}
	buf_puts(b, " Percentile |\n|--:|---|---|---|--:|");
	for (j = 0; j < c->ndims; j++)
		buf_puts(b, "--:|");
	buf_puts(b, "--:|\n");
	for (i = 0; i < c->norgs; i++) {
		const struct cmp_org *co = &c->orgs[i];

		buf_printf(b, "| %d | ", co->rank);
		md(b, co->o->id);
		buf_puts(b, " | ");
		level_text(b, c->head, co->o->headline);
		buf_printf(b, " | %s | %u of %u |", co->meets ? "yes" : "no",
		    co->practices_met, co->practices);
		for (j = 0; j < co->o->ndims; j++) {
			const struct r_dim *d = &co->o->dims[j];

			if (d->level == 0)
				buf_puts(b, " - |");
			else
				buf_printf(b, " %d%s |", d->level, d->target &&
				    d->level < d->target ? "*" : "");
		}
		buf_printf(b, " %.0f |\n", co->percentile);
	}
	buf_puts(b, "\n\\* below the level the profile sets for that "
	    "dimension; - not rated.\n");
}

static void
spread(struct buf *b, const struct comparison *c)
{
	size_t i, j;

	buf_puts(b, "\n## Dimensions\n\n| Dimension | Target | Median | "
	    "Middle half | Level 1 | 2 | 3 | 4 | 5 | Meeting target |\n"
	    "|---|--:|--:|---|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < c->ndims; i++) {
		const struct cmp_dim *d = &c->dims[i];

		buf_puts(b, "| ");
		md(b, d->title);
		buf_puts(b, " (");
		md(b, d->id);
		buf_puts(b, ") | ");
		if (d->target)
			buf_printf(b, "%d", d->target);
		else
			buf_puts(b, "-");
		if (d->rated == 0) {
			buf_puts(b, " | - | - |");
		} else {
			buf_printf(b, " | %g | %g to %g |", d->median, d->q1,
			    d->q3);
		}
		for (j = 0; j < RESULT_LEVELS; j++)
			buf_printf(b, " %u |", d->counts[j]);
		if (d->target == 0)
			buf_puts(b, " - |\n");
		else
			buf_printf(b, " %u of %zu |\n", d->meeting, c->norgs);
	}
}

/* Who misses a practice: the first ten by rank, then how many more. */
static void
missed_by(struct buf *b, const struct cmp_practice *p)
{
	size_t j, shown = p->norgs;

	if (shown > 10)
		shown = 10;
	buf_puts(b, " Missed by ");
	for (j = 0; j < shown; j++) {
		if (j > 0)
			buf_puts(b, j + 1 == p->norgs ? " and " : ", ");
		md(b, p->orgs[j]);
	}
	if (shown < p->norgs)
		buf_printf(b, " and %zu more", p->norgs - shown);
	buf_puts(b, ".\n");
}

static void
most_missed(struct buf *b, const struct comparison *c)
{
	size_t i;

	buf_puts(b, "\n## Required practices most often missed\n\n");
	if (c->nunmet == 0) {
		buf_puts(b, "Every organisation has every practice the profile "
		    "requires.\n");
		return;
	}
	for (i = 0; i < c->nunmet; i++) {
		const struct cmp_practice *p = &c->unmet[i];

		buf_printf(b, "%zu. **", i + 1);
		md(b, p->id);
		buf_puts(b, "** (");
		md(b, p->dimension);
		buf_printf(b, "), missed by %zu of %zu: ", p->norgs, c->norgs);
		md(b, p->text);
		buf_putc(b, '\n');
		buf_puts(b, "   ");
		missed_by(b, p);
	}
}

int
report_compare_md(const struct comparison *c, struct buf *out,
    struct err *e)
{
	compare_header(out, c);
	league(out, c);
	spread(out, c);
	most_missed(out, c);
	return buf_ok(out, e);
}

/* ==== Trend ==== */

static void
trend_level(struct buf *b, const struct result *r, int level)
{
	if (level == 0)
		buf_puts(b, "-");
	else
		buf_printf(b, "%d", level);
	(void)r;
}

static void
trend_table(struct buf *b, const struct tr_org *to)
{
	const struct r_org *last = to->pts[to->n - 1].o;
	size_t i, j;

	buf_puts(b, "\n| Dimension |");
	for (i = 0; i < to->n; i++) {
		buf_putc(b, ' ');
		md(b, to->pts[i].o->as_of);
		buf_puts(b, " |");
	}
	buf_puts(b, " Change |\n|---|");
	for (i = 0; i < to->n; i++)
		buf_puts(b, "--:|");
	buf_puts(b, "---|\n");
	for (j = 0; j < to->ndims; j++) {
		buf_puts(b, "| ");
		md(b, last->dims[j].title);
		buf_puts(b, " |");
		for (i = 0; i < to->n; i++) {
			buf_putc(b, ' ');
			trend_level(b, to->pts[i].res, to->pts[i].o->dims[j].level);
			buf_puts(b, " |");
		}
		buf_printf(b, " %s |\n", trend_direction(to->dims[j].direction));
	}
}

static void
trend_questions(struct buf *b, const struct trend *t, const struct tr_org *to)
{
	const char *text;
	size_t i;

	if (to->nqs == 0) {
		buf_puts(b, "\nNo question's level signal moved.\n");
		return;
	}
	buf_puts(b, "\nQuestions whose level signal moved (the median level of "
	    "the answers; - for none):\n\n");
	for (i = 0; i < to->nqs; i++) {
		const struct tr_change *c = &to->qs[i];

		buf_puts(b, "- ");
		md(b, c->id);
		if ((text = trend_question_text(t, c->id)) != NULL) {
			buf_puts(b, " (");
			md(b, text);
			buf_putc(b, ')');
		}
		buf_puts(b, ": ");
		trend_level(b, NULL, c->from);
		buf_puts(b, " to ");
		trend_level(b, NULL, c->to);
		buf_printf(b, ", %s\n", trend_direction(c->direction));
	}
}

static void
trend_findings(struct buf *b, const char *what, const struct r_strs *l)
{
	size_t i;

	if (l->n == 0)
		return;
	buf_printf(b, "\nFindings %s: ", what);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		md(b, l->v[i]);
	}
	buf_puts(b, ".\n");
}

static void
trend_org(struct buf *b, const struct trend *t, const struct tr_org *to)
{
	const struct tr_point *a = &to->pts[0], *z = &to->pts[to->n - 1];

	buf_puts(b, "\n## ");
	md(b, to->id);
	buf_puts(b, "\n\n");
	if (to->n == 1) {
		buf_puts(b, "One result only (");
		md(b, a->o->as_of);
		buf_puts(b, "): nothing to compare it with.\n");
		return;
	}
	buf_puts(b, "Headline: ");
	level_text(b, a->res, a->o->headline);
	buf_puts(b, " on ");
	md(b, a->o->as_of);
	buf_puts(b, ", ");
	level_text(b, z->res, z->o->headline);
	buf_puts(b, " on ");
	md(b, z->o->as_of);
	buf_printf(b, " (%s).\n", trend_direction(to->headline));
	trend_table(b, to);
	trend_questions(b, t, to);
	trend_findings(b, "that appeared", &to->appeared);
	trend_findings(b, "resolved", &to->resolved);
}

int
report_trend_md(const struct trend *t, struct buf *out, struct err *e)
{
	size_t i;

	buf_puts(out, "# Progress over time: ");
	md(out, t->head->survey_title);
	buf_printf(out, "\n\nOrganisations: %zu. Each is shown from its "
	    "oldest result to its newest; a change compares the first with "
	    "the last.\n", t->norgs);
	for (i = 0; i < t->norgs; i++)
		trend_org(out, t, &t->orgs[i]);
	return buf_ok(out, e);
}
