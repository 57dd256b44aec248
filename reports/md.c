/*
 * md.c - the Markdown report: plain text that reads cleanly in a
 * terminal, renders in any CommonMark viewer, and converts with pandoc.
 *
 * Untrusted text is scrubbed of control and bidirectional characters
 * (report_safe) and then backslash-escaped only where CommonMark, GitHub
 * or pandoc would otherwise read it as markup, so that a name such as
 * "St. Mary's Library_Service [Main] #1" appears as written while
 * "<script>", "[x](javascript:...)" or "*bold*" stay text.  Where
 * untrusted text begins a paragraph, a list item's text or a line after
 * a hard break, its leading spaces are dropped and a character that
 * would open a block there (#, -, 1., >, and pandoc's a., iv), (b), : ...)
 * is escaped, as is a '.' or ')' of the report's own right after such
 * text that is only a number or letters ("b" and "." make "b."); table
 * cells escape '|'.
 *
 * d->item_open is this writer's "nothing written yet": set where a
 * paragraph, a list item or a line after a hard break begins, cleared as
 * soon as anything is written.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"

static int
alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c >= 0x80;
}

static int
space(unsigned char c)
{
	return c == ' ' || c == '\0';
}

/* Whether character i of t (n bytes) needs a backslash. */
static int
needs_escape(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	unsigned char prev = i > 0 ? (unsigned char)t[i - 1] : ' ';
	unsigned char next = i + 1 < n ? (unsigned char)t[i + 1] : '\0';
	size_t j;

	switch (c) {
	case '`': case '|': case '~': case '^': case '$': case '{':
	case '}': case '*':
		/* code, tables, strike-through, pandoc's sub- and
		 * superscript, maths and attributes; '*' unless it stands
		 * alone between spaces */
		return !(c == '*' && space(prev) && space(next));
	case '\\':
		return next == '\0' || (next < 0x80 && ispunct(next));
	case '_':
		/* inside a word '_' is never emphasis */
		return !(alnum(prev) && alnum(next));
	case '<':
		/* an HTML tag or an autolink */
		return alnum(next) || next == '/' || next == '!' ||
		    next == '?';
	case '&':
		/* an entity */
		return alnum(next) || next == '#';
	case '[':
		/* pandoc footnotes and citations */
		return next == '^' || next == '@';
	case ']':
		/* a link, image, reference or span; or cut off where the
		 * report writes '(' after it */
		return next == '(' || next == '[' || next == '{' ||
		    next == ':' || next == '\0';
	case '@':
		/* pandoc citation */
		return !alnum(prev) && (alnum(next) || next == '{');
	case '#':
		/* a closing sequence at the end of a heading */
		for (j = i; j < n && t[j] == '#'; j++)
			;
		return space(prev) && j == n;
	case ':':
		/* no bare web addresses become links */
		return next == '/' && i + 2 < n && t[i + 2] == '/';
	case '.':
		return i >= 3 && strncasecmp(t + i - 3, "www", 3) == 0;
	default:
		return 0;
	}
}

/* How many bytes of t make an ordered list's number as CommonMark or
 * pandoc takes one: digits, '#', '@', one letter or a roman numeral;
 * 0 for none. */
static size_t
list_number(const char *t, size_t n)
{
	size_t d = 0;

	while (d < n && d < 10 && t[d] >= '0' && t[d] <= '9')
		d++;
	if (d > 0)
		return d < 10 ? d : 0;
	if (n > 0 && (t[0] == '#' || t[0] == '@' || (t[0] >= 'a' &&
	    t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')))
		d = 1;
	while (d > 0 && d < n && d < 10 && strchr("ivxlcdmIVXLCDM", t[d]))
		d++;
	return d < 10 ? d : 0;
}

/* Whether t[i] ends a block's marker: the end, or a space. */
#define MARKER_END(t, n, i) ((i) == (n) || (t)[i] == ' ')

/* Which character of t (n bytes, at the start of a block's text, no
 * leading space) would open a block of its own there: a heading, quote,
 * list item, thematic break, setext underline or table row; n if none.
 * needs_escape() deals with code, fences, HTML and '_'. */
static size_t
block_opener(const char *t, size_t n)
{
	size_t d;

	if (n == 0)
		return n;
	if (strchr("#>+-*=|", t[0]) != NULL)
		return 0;
	/* pandoc's definition lists (": ", "~ ") and "(a)", "(4)", "(@)" */
	if ((t[0] == ':' || t[0] == '~') && MARKER_END(t, n, 1))
		return 0;
	if (t[0] == '(' && (d = list_number(t + 1, n - 1)) > 0 &&
	    d + 1 < n && t[d + 1] == ')' && MARKER_END(t, n, d + 2))
		return 0;
	/* "12." and "3)"; pandoc's "a.", "iv)", "#." too */
	d = list_number(t, n);
	if (d > 0 && d < n && (t[d] == '.' || t[d] == ')') &&
	    MARKER_END(t, n, d + 1))
		return d;
	return n;
}

/* Whether 'c', about to be written, would follow untrusted text that
 * began a block and is all a list number ("b", "iv", "2010"), making a
 * list marker of the two ("b.", "2010)"): then it takes a backslash. */
static int
marks_list(const struct doc *d, char c)
{
	return d->marker_end != 0 && d->marker_end == d->b->len &&
	    (c == '.' || c == ')');
}

static void
md_text(struct doc *d, const char *s, size_t max)
{
	struct buf t = BUF_INIT;
	size_t i = 0, lead = (size_t)-1, whole = 0;

	report_safe_max(&t, s, max);
	if (t.len > 0 && marks_list(d, t.data[0]))
		lead = 0;
	if (d->item_open && t.len > 0) {
		while (i < t.len && t.data[i] == ' ')
			i++;
		lead = i + block_opener(t.data + i, t.len - i);
		whole = i < t.len && list_number(t.data + i, t.len - i) ==
		    t.len - i;
		d->item_open = i == t.len;
	}
	for (; i < t.len; i++) {
		size_t run = i;

		/* letters, digits, spaces and other scripts never need a
		 * backslash: copied a run at a time ('lead' is punctuation) */
		while (run < t.len && (alnum((unsigned char)t.data[run]) ||
		    t.data[run] == ' '))
			run++;
		if (run > i) {
			buf_add(d->b, t.data + i, run - i);
			i = run - 1;
			continue;
		}
		if (i == lead || needs_escape(t.data, t.len, i))
			buf_putc(d->b, '\\');
		buf_putc(d->b, t.data[i]);
	}
	if (t.failed)
		d->b->failed = 1;
	if (t.len > 0)
		d->marker_end = whole ? d->b->len : 0;
	buf_release(&t);
}

static void
md_lit(struct doc *d, const char *s)
{
	size_t i, lead = (size_t)-1;

	/* assess's own words; '*' alone marks critical dimensions.  Where
	 * they begin a block's text (the untrusted text before them was
	 * empty), they open no block either, nor start one with the text
	 * after them: "(" and an untrusted "b" and ")" make a list marker */
	if (d->item_open && s[0] != '\0') {
		i = strspn(s, " ");
		lead = s[i] == '(' ? i : i + block_opener(s + i, strlen(s + i));
	}
	if (s[0] != '\0')
		d->item_open = 0;
	if (marks_list(d, s[0]))
		buf_putc(d->b, '\\');
	for (i = 0; s[i] != '\0'; i++) {
		if (i == lead || (s[i] == '*' && (i == 0 || s[i + 1] == '\0' ||
		    s[i + 1] == ' ')) || (d->in_table && s[i] == '|'))
			buf_putc(d->b, '\\');
		buf_putc(d->b, s[i]);
	}
}

static void
md_begin(struct doc *d, const char *title)
{
	(void)d;
	(void)title;
}

static void
md_end(struct doc *d)
{
	(void)d;
}

static void
md_section(struct doc *d, const char *cls)
{
	(void)d;
	(void)cls;
}

static void
md_heading(struct doc *d, int level)
{
	static const char hashes[] = "####";

	if (d->b->len > 0)
		buf_putc(d->b, '\n');
	buf_add(d->b, hashes, (size_t)(level < 1 ? 1 : level > 4 ? 4 :
	    level));
	buf_putc(d->b, ' ');
	d->in_heading = 1;
	d->item_open = 0;
}

static void
md_end_line(struct doc *d)
{
	buf_putc(d->b, '\n');
	d->in_heading = 0;
	d->item_open = 0;
}

static void
md_para(struct doc *d, enum doc_block k)
{
	(void)k;
	buf_putc(d->b, '\n');
	d->item_open = 1;
}

static void
md_strong(struct doc *d, int on)
{
	(void)on;
	buf_puts(d->b, "**");
	d->item_open = 0;
}

static void
md_link(struct doc *d, const char *url, const char *title)
{
	buf_putc(d->b, '[');
	d->item_open = 0;
	md_text(d, title, (size_t)-1);
	buf_puts(d->b, "](");
	buf_puts(d->b, url);	/* report_url_ok: nothing to escape */
	buf_putc(d->b, ')');
}

static void
md_list(struct doc *d, int ordered)
{
	d->ordered = ordered;
	d->nitem = 0;
	buf_putc(d->b, '\n');
}

static void
md_item(struct doc *d)
{
	if (d->nitem++ > 0)
		buf_putc(d->b, '\n');
	if (d->ordered)
		buf_printf(d->b, "%d. ", d->nitem);
	else
		buf_puts(d->b, "- ");
	d->item_open = 1;
}

static void
md_end_list(struct doc *d)
{
	if (d->nitem > 0)
		buf_putc(d->b, '\n');
}

static void
md_table(struct doc *d, const char *caption, const char *const *heads,
    const char *align)
{
	size_t i;

	(void)caption;
	buf_puts(d->b, "\n|");
	for (i = 0; heads[i] != NULL; i++) {
		buf_putc(d->b, ' ');
		md_text(d, heads[i], (size_t)-1);
		buf_puts(d->b, " |");
	}
	buf_puts(d->b, "\n|");
	for (i = 0; heads[i] != NULL; i++)
		buf_puts(d->b, align[i] == 'r' ? "--:|" : "---|");
	buf_putc(d->b, '\n');
	d->ncell = 0;
	d->in_table = 1;
	d->item_open = 0;
}

static void
md_cell(struct doc *d)
{
	buf_puts(d->b, d->ncell++ == 0 ? "| " : " | ");
}

static void
md_end_row(struct doc *d)
{
	buf_puts(d->b, " |\n");
	d->ncell = 0;
}

static void
md_end_table(struct doc *d)
{
	d->in_table = 0;
}

static void
md_chart(struct doc *d, enum doc_chart c, const struct r_org *o)
{
	/* every chart's content is also in a table or list */
	(void)d;
	(void)c;
	(void)o;
}

static void
md_br(struct doc *d)
{
	buf_puts(d->b, d->nitem > 0 && !d->in_table ? "  \n  " : "  \n");
	d->item_open = !d->in_table;
}

static const struct doc_ops md_ops = {
	md_begin, md_end, md_section, md_heading, md_end_line, md_para,
	md_end_line, md_text, md_lit, md_strong, md_link, md_list, md_item,
	md_end_list, md_table, md_cell, md_end_row, md_end_table, md_chart,
	md_br,
};

int
report_md(const struct result *r, int kind, struct buf *out, struct err *e)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	d.ops = &md_ops;
	d.b = out;
	d.r = r;
	d.kind = kind;
	compose(&d);
	return buf_ok(out, e);
}

/* ==== Comparison and trend, written directly ==== */

/* Untrusted text into 'b', escaped as md_text does. */
static void
md(struct buf *b, const char *s)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	d.b = b;
	md_text(&d, s != NULL ? s : "", (size_t)-1);
}

/* The same for text that begins a list item's text. */
static void
md_lead(struct buf *b, const char *s)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	d.b = b;
	d.item_open = 1;
	md_text(&d, s != NULL ? s : "", (size_t)-1);
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

/* The organisations idx[0..n) of the league table, in rank order; a
 * row says how many are left out where the list skips some. */
static void
league(struct buf *b, const struct comparison *c, const size_t *idx,
    size_t n)
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
	for (i = 0; i < n; i++) {
		const struct cmp_org *co = &c->orgs[idx[i]];

		if (i > 0 && idx[i] > idx[i - 1] + 1) {
			buf_printf(b, "| | *%zu more organisations, ranked "
			    "between* | | | |", idx[i] - idx[i - 1] - 1);
			for (j = 0; j <= c->ndims; j++)
				buf_puts(b, " |");
			buf_putc(b, '\n');
		}
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

/* The first 'max' practices most often missed. */
static void
most_missed(struct buf *b, const struct comparison *c, size_t max,
    int names)
{
	size_t i, n = report_cap(c->nunmet, max);

	buf_puts(b, "\n## Required practices most often missed\n\n");
	if (c->nunmet == 0) {
		buf_puts(b, "Every organisation has every practice the profile "
		    "requires.\n");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct cmp_practice *p = &c->unmet[i];

		buf_printf(b, "%zu. **", i + 1);
		md(b, p->id);
		buf_puts(b, "** (");
		md(b, p->dimension);
		buf_printf(b, "), missed by %zu of %zu: ", p->norgs, c->norgs);
		md(b, p->text);
		buf_putc(b, '\n');
		if (names) {
			buf_puts(b, "   ");
			missed_by(b, p);
		}
	}
}

int
report_compare_md(const struct comparison *c, int kind, struct buf *out,
    struct err *e)
{
	size_t ends[2 * REPORT_ENDS], *idx, i, n;

	compare_header(out, c);
	if (kind == REPORT_SUMMARY) {
		n = compare_ends(c, REPORT_ENDS, ends);
		league(out, c, ends, n);
		most_missed(out, c, REPORT_PRACTICES, 0);
		if (c->nunmet > REPORT_PRACTICES)
			buf_printf(out, "\n%zu more required practices are "
			    "missed by at least one organisation.\n",
			    c->nunmet - REPORT_PRACTICES);
		return buf_ok(out, e);
	}
	if ((idx = calloc(c->norgs + 1, sizeof(*idx))) == NULL)
		return err_nomem(e);
	for (i = 0; i < c->norgs; i++)
		idx[i] = i;
	league(out, c, idx, c->norgs);
	free(idx);
	spread(out, c);
	most_missed(out, c, (size_t)-1, 1);
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
		md_lead(b, c->id);
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

/* ==== Explain ==== */

static void
md_max(struct buf *b, const char *s, size_t max)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	d.b = b;
	md_text(&d, s != NULL ? s : "", max);
}

static void
explain_answers(struct buf *b, const struct result *r,
    const struct r_xdim *x)
{
	const struct r_qdef *q;
	size_t i;

	buf_puts(b, "\n| Question | Counted | Why | Signal | Respondents |\n"
	    "|---|---|---|--:|--:|\n");
	for (i = 0; i < x->nanswers; i++) {
		const struct r_xanswer *a = &x->answers[i];

		buf_puts(b, "| ");
		md(b, a->question);
		if ((q = result_question(r, a->question)) != NULL &&
		    q->text != NULL) {
			buf_puts(b, ": ");
			md_max(b, q->text, 70);
		}
		buf_printf(b, " | %s | ", a->counted ? "yes" : "no");
		md(b, a->reason);
		if (a->signal != 0)
			buf_printf(b, " | %d", a->signal);
		else
			buf_puts(b, " | -");
		buf_printf(b, " | %u |\n", a->respondents);
	}
}

static void
explain_steps(struct buf *b, const struct r_xdim *x)
{
	size_t i;

	buf_puts(b, "\nFrom signals to level and score:\n\n");
	for (i = 0; i < x->nsteps; i++) {
		buf_printf(b, "%zu. ", i + 1);
		md_lead(b, x->steps[i].step);
		if (x->steps[i].has_value) {
			buf_puts(b, " = ");
			report_number(b, x->steps[i].value);
		}
		buf_puts(b, ": ");
		md(b, x->steps[i].why);
		buf_putc(b, '\n');
	}
}

static void
explain_dim_md(struct buf *b, const struct result *r, const struct r_dim *d,
    const struct r_xdim *x)
{
	buf_puts(b, "\n### ");
	md(b, d->id);
	buf_puts(b, " ");
	md(b, d->title);
	if (d->level == 0) {
		buf_puts(b, ": not rated\n");
	} else {
		buf_printf(b, ": level %d (", d->level);
		md(b, result_label(r, d->level));
		buf_puts(b, "), score ");
		report_score(b, d->score);
		buf_putc(b, '\n');
	}
	explain_answers(b, r, x);
	explain_steps(b, x);
}

int
report_explain_md(const struct explain *x, struct buf *out, struct err *e)
{
	const struct result *r = x->res;
	char bands[REPORT_BANDS_MAX];
	size_t i, j;

	buf_puts(out, "# How the levels were worked out: ");
	md(out, r->survey_title);
	buf_puts(out, "\n\nEach question's answers give a level signal from 1 "
	    "to 5. A dimension's level is the lower median of the signals "
	    "that count, lowered by its gates and caps; its score is the mean "
	    "signal on a scale where level 1 is 0 and level 5 is 100, kept "
	    "within the level's score band (");
	report_score_bands(bands, sizeof(bands));
	buf_puts(out, bands);
	buf_puts(out, "), so that a higher score never shows a lower level.\n");
	for (i = 0; i < r->norgs; i++) {
		const struct r_org *o = &r->orgs[i];

		if (!explain_shows_org(x, i))
			continue;
		buf_puts(out, "\n## ");
		md(out, o->id);
		buf_printf(out, " (%u respondent%s)\n", o->respondents,
		    o->respondents == 1 ? "" : "s");
		for (j = 0; j < o->ndims; j++)
			if (explain_shows_dim(x, j) && o->explain != NULL &&
			    o->explain[j].id != NULL)
				explain_dim_md(out, r, &o->dims[j],
				    &o->explain[j]);
	}
	return buf_ok(out, e);
}
