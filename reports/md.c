/*
 * md.c - the Markdown report: plain text that reads cleanly in a
 * terminal, renders in any CommonMark viewer, and converts with pandoc.
 *
 * Untrusted text is scrubbed of control and bidirectional characters
 * (report_safe) and then backslash-escaped only where CommonMark, GitHub
 * or pandoc would otherwise read it as markup, so that a name such as
 * "St. Mary's Library_Service [Main] #1" appears as written while
 * "<script>", "[x](javascript:...)" or "*bold*" stay text.  Untrusted
 * text never starts a line, so line-start syntax (#, -, 1., >) cannot
 * fire; table cells escape '|'.
 */
#include <ctype.h>
#include <stdio.h>
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

static void
md_text(struct doc *d, const char *s, size_t max)
{
	struct buf t = BUF_INIT;
	size_t i;

	report_safe_max(&t, s, max);
	for (i = 0; i < t.len; i++) {
		if (needs_escape(t.data, t.len, i))
			buf_putc(d->b, '\\');
		buf_putc(d->b, t.data[i]);
	}
	if (t.failed)
		d->b->failed = 1;
	buf_release(&t);
}

static void
md_lit(struct doc *d, const char *s)
{
	size_t i;

	/* assess's own words; '*' alone marks critical dimensions */
	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] == '*' && (i == 0 || s[i + 1] == '\0' ||
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
}

static void
md_end_line(struct doc *d)
{
	buf_putc(d->b, '\n');
	d->in_heading = 0;
}

static void
md_para(struct doc *d, enum doc_block k)
{
	(void)k;
	buf_putc(d->b, '\n');
}

static void
md_strong(struct doc *d, int on)
{
	(void)on;
	buf_puts(d->b, "**");
}

static void
md_link(struct doc *d, const char *url, const char *title)
{
	buf_putc(d->b, '[');
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
