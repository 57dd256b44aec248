/*
 * term.c - survey text for people: neutralised and wrapped.
 */
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "utf8.h"

/* Columns a neutralised string takes: one per character. */
static int
cols(const char *s, size_t n)
{
	size_t i;
	int c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static void
spaces(FILE *fp, int n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/* One paragraph (no line breaks), already neutralised, from column
 * 'col' where the cursor is; later lines start at 'indent'. */
static void
wrap_para(FILE *fp, int col, int indent, const char *p)
{
	int w = col;		/* column where the line's text starts */
	size_t n;

	while (*p == ' ')
		p++;
	while (*p != '\0') {
		n = strcspn(p, " ");
		if (col > w && col + 1 + cols(p, n) > TERM_WIDTH) {
			fputc('\n', fp);
			spaces(fp, indent);
			col = w = indent;
		} else if (col > w) {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, n, fp);
		col += cols(p, n);
		for (p += n; *p == ' '; p++)
			;
	}
	fputc('\n', fp);
}

void
term_wrap_after(FILE *fp, int col, int indent, const char *text)
{
	const char *p = text;
	char *vis;
	size_t n;

	for (;;) {
		n = strcspn(p, "\n");
		if ((vis = malloc(n * 4 + 1)) == NULL)
			return;
		utf8_visible(vis, n * 4 + 1, p, n);
		wrap_para(fp, col, indent, vis);
		free(vis);
		p += n;
		if (*p++ == '\0')
			break;
		spaces(fp, indent);
		col = indent;
	}
}

void
term_wrap(FILE *fp, const char *lead, int indent, const char *text)
{
	if (lead == NULL) {
		spaces(fp, indent);
		term_wrap_after(fp, indent, indent, text);
		return;
	}
	fputs(lead, fp);
	term_wrap_after(fp, cols(lead, strlen(lead)), indent, text);
}

void
term_put(FILE *fp, const char *s)
{
	char *vis;
	size_t n = strlen(s), i;

	if ((vis = malloc(n * 5 + 1)) == NULL)
		return;
	for (i = 0; i < n; i++)
		vis[i] = s[i] == '\n' ? ' ' : s[i];
	utf8_visible(vis + n, n * 4 + 1, vis, n);	/* never overlaps */
	fputs(vis + n, fp);
	free(vis);
}

void
term_audiences(FILE *fp, const struct survey *s, unsigned set)
{
	size_t k;
	int first = 1;

	for (k = 0; k < s->naud; k++) {
		if (!(set & (1u << k)))
			continue;
		fputs(first ? "" : ", ", fp);
		term_put(fp, s->aud[k].label);
		fputs(" (", fp);
		term_put(fp, s->aud[k].id);
		fputc(')', fp);
		first = 0;
	}
}

static void
range(FILE *fp, const struct question *q)
{
	if (q->has_min && q->has_max)
		fprintf(fp, " from %g to %g", q->min, q->max);
	else if (q->has_min)
		fprintf(fp, " of at least %g", q->min);
	else if (q->has_max)
		fprintf(fp, " of at most %g", q->max);
	if (q->unit != NULL) {
		fputc(' ', fp);
		term_put(fp, q->unit);
	}
}

void
term_takes(FILE *fp, const struct question *q)
{
	switch (q->type) {
	case Q_SINGLE:
	case Q_LIKERT:
	case Q_YESNO:
		fputs("one option", fp);
		break;
	case Q_MULTI:
		fputs("any of the options, joined with ';'", fp);
		break;
	case Q_NUMBER:
		fputs("a number", fp);
		range(fp, q);
		break;
	case Q_TEXT:
		fputs("free text (not scored)", fp);
		break;
	}
	if (q->allow_na && q->na_opt < 0)
		fputs(", or 'na' if it does not apply", fp);
}

void
term_options(FILE *fp, const struct question *q, int indent, int numbered)
{
	char lead[64];
	size_t i;

	for (i = 0; i < q->nopts; i++) {
		const struct choice *c = &q->opts[i];
		int n = numbered ? snprintf(lead, sizeof(lead), "%*s%zu. ",
		    indent, "", i + 1) : snprintf(lead, sizeof(lead), "%*s",
		    indent, "");

		fputs(lead, fp);
		term_put(fp, c->value);
		if (strcmp(c->value, c->label) != 0) {
			fputs(" \xe2\x80\x94 ", fp);	/* an em dash */
			/* the label wraps under itself */
			n += cols(c->value, strlen(c->value)) + 3;
			term_wrap_after(fp, n, n, c->label);
		} else {
			fputc('\n', fp);
		}
	}
}

void
term_ladder(FILE *fp, const struct survey *s, const struct dimension *d)
{
	char lead[96];
	size_t i;

	for (i = 0; i < NLEVELS; i++) {
		if (d->ladder[i] == NULL)
			continue;
		snprintf(lead, sizeof(lead), "    %zu %-12.40s ", i + 1,
		    s->levels[i].label);
		term_wrap(fp, lead, 19, d->ladder[i]);
	}
}
