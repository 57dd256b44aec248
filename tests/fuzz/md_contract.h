/*
 * md_contract.h - what the Markdown report promises about text it did not
 * write itself, as two checks on the output: included by the fuzz oracle
 * (tests/fuzz/fuzz_oracle.c) and by the injection test
 * (tests/unit/test_injection.c), so both hold the writer to one contract.
 *
 * Written from the CommonMark and GitHub Flavored Markdown specifications,
 * not from reports/md.c.
 */
#ifndef ASSESS_MD_CONTRACT_H
#define ASSESS_MD_CONTRACT_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#define MD_NONE ((size_t)-1)

static int
md_alnum(char c)
{
	return isalnum((unsigned char)c) != 0;
}

/* Where Markdown text 't' (n bytes) could first be read as markup: an
 * HTML tag or autolink, a link or image target other than the writer's
 * own links to a source, [title](https://...) or (http://...) (the
 * address checked by report_url_ok), an entity, code,
 * strike-through, or a bare web address.  A character after a backslash
 * is literal.  MD_NONE when nothing is live. */
static size_t
md_live_at(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = t[i], next = i + 1 < n ? t[i + 1] : '\0';

		if (c == '\\') {
			i++;
			continue;
		}
		if (c == ']' && next == '(' && n - i > 10 &&
		    (strncmp(t + i + 2, "https://", 8) == 0 ||
		    strncmp(t + i + 2, "http://", 7) == 0)) {
			while (i < n && t[i] != ')' && t[i] != ' ')
				i++;
			continue;
		}
		if ((c == '<' && (md_alnum(next) || next == '/' ||
		    next == '!' || next == '?')) ||
		    (c == ']' && (next == '(' || next == '[')) ||
		    (c == '&' && (md_alnum(next) || next == '#')) || c == '`' ||
		    c == '~')
			return i;
		if (c == 'h' && n - i >= 7 && strncmp(t + i, "http://", 7) == 0)
			return i;
	}
	return MD_NONE;
}

/* Whether the line 'c' (n bytes, no line feed) is made only of 'ch' and
 * spaces, with at least 'min' of 'ch'. */
static int
md_only(const char *c, size_t n, char ch, size_t min)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (c[i] == ch)
			k++;
		else if (c[i] != ' ')
			return 0;
	}
	return k >= min;
}

/* How many bytes of 'c' are an ordered list's number, as CommonMark
 * (digits) or pandoc (also '#', '@', a letter, a roman numeral) reads
 * one; 0 for none. */
static size_t
md_list_number(const char *c, size_t n)
{
	size_t d = 0;

	while (d < n && d < 10 && c[d] >= '0' && c[d] <= '9')
		d++;
	if (d == 0 && n > 0 && (c[0] == '#' || c[0] == '@' ||
	    ((c[0] | 0x20) >= 'a' && (c[0] | 0x20) <= 'z')))
		while (++d < n && d < 10 && strchr("ivxlcdmIVXLCDM", c[d]))
			;
	return d < 10 ? d : 0;
}

/* Whether 'c' (n bytes, the rest of a line) would open a block of its own
 * where a paragraph, a list item's text or a line after a hard break
 * begins: an ATX heading, a setext underline, a thematic break, a list
 * item (pandoc's lettered, roman and parenthesised ones too), a
 * definition, a block quote, indented or fenced code, an HTML block, a
 * table row or a link reference definition. */
static int
md_opens_block(const char *c, size_t n)
{
	size_t sp = 0, d = 0;

	while (sp < n && c[sp] == ' ')
		sp++;
	if (sp == n)
		return 0;
	if (sp >= 4)
		return 1;
	c += sp;
	n -= sp;
	switch (c[0]) {
	case '#': case '>': case '|':
		return 1;
	case '-': case '+': case '*':
		if (n == 1 || c[1] == ' ')
			return 1;
		return md_only(c, n, c[0], c[0] == '-' ? 1 : 3);
	case '_':
		return md_only(c, n, '_', 3);
	case '=':
		return md_only(c, n, '=', 1);
	case '`': case '~':
		return n >= 3 && c[1] == c[0] && c[2] == c[0];
	case '<':
		return n > 1 && (md_alnum(c[1]) || c[1] == '/' ||
		    c[1] == '!' || c[1] == '?');
	case '[':
		for (d = 1; d + 1 < n; d++)
			if (c[d] == '\\')
				d++;
			else if (c[d] == ']' && c[d + 1] == ':')
				return 1;
		return 0;
	case ':':	/* pandoc's definition list */
		return n == 1 || c[1] == ' ';
	case '(':	/* pandoc's "(a)", "(iv)", "(3)", "(@)" */
		d = md_list_number(c + 1, n - 1);
		return d > 0 && d + 1 < n && c[d + 1] == ')' &&
		    (d + 2 == n || c[d + 2] == ' ');
	default:
		break;
	}
	if (c[0] == '~' && (n == 1 || c[1] == ' '))
		return 1;
	d = md_list_number(c, n);
	return d > 0 && d < n && (c[d] == '.' || c[d] == ')') &&
	    (d + 1 == n || c[d + 1] == ' ');
}

/* How many bytes of line 'l' (n bytes) are a list marker the report
 * writes ("- ", "12. ") or the indent of a list item's line after a hard
 * break ("  "); what follows is where a block's text begins. */
static size_t
md_container(const char *l, size_t n)
{
	size_t d = 0;

	if (n >= 2 && l[0] == '-' && l[1] == ' ')
		return 2;
	while (d < n && l[d] >= '0' && l[d] <= '9')
		d++;
	if (d > 0 && d + 1 < n && l[d] == '.' && l[d + 1] == ' ')
		return d + 2;
	if (n >= 2 && l[0] == ' ' && l[1] == ' ')
		return 2;
	return 0;
}

#endif
