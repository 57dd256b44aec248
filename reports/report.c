/*
 * report.c - the table of report formats, and the shared text scrubber.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "utf8.h"

static const struct report_format formats[] = {
	{ "md", ".md", report_md, report_compare_md, report_trend_md,
	    report_explain_md },
	{ "json", ".json", report_json, report_compare_json,
	    report_trend_json, report_explain_json },
	{ "csv", ".csv", report_csv, report_compare_csv, report_trend_csv,
	    NULL },
	{ "html", ".html", report_html, report_compare_html,
	    report_trend_html, NULL },
};

static const char *const kinds[] = { "full", "summary", "business-case" };

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const struct report_format *
report_find(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const struct report_format *
report_for_file(const char *path)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	for (i = 0; i < NFORMATS; i++)
		if (strcasecmp(formats[i].ext, dot) == 0)
			return &formats[i];
	if (strcasecmp(dot, ".markdown") == 0 || strcasecmp(dot, ".txt") == 0)
		return &formats[0];
	if (strcasecmp(dot, ".htm") == 0)
		return &formats[3];
	return NULL;
}

const char *
report_names(void)
{
	return "md, json, csv, html";
}

int
report_kind(const char *name)
{
	int i;

	for (i = 0; i < (int)(sizeof(kinds) / sizeof(kinds[0])); i++)
		if (strcmp(kinds[i], name) == 0)
			return i;
	return -1;
}

const char *
report_kind_name(int kind)
{
	return kind >= 0 && kind <= REPORT_BCASE ? kinds[kind] : "full";
}

const char *
report_kind_names(void)
{
	return "full, summary, business-case";
}

void
report_score(struct buf *out, double score)
{
	if (score > -0.05 && score < 0.05)
		score = 0;
	buf_printf(out, "%.1f", score);
}

void
report_score_bands(char *out, size_t n)
{
	size_t len = 0;
	double lo, hi;
	int l, k;

	for (l = 1; l <= RESULT_LEVELS && len < n; l++) {
		result_score_band(l, &lo, &hi);
		k = snprintf(out + len, n - len, "%slevel %d is %.1f to %.1f",
		    l > 1 ? ", " : "", l, lo, hi);
		if (k < 0)
			break;
		len += (size_t)k;
	}
}

void
report_safe(struct buf *out, const char *s)
{
	report_safe_max(out, s, (size_t)-1);
}

void
report_safe_max(struct buf *out, const char *s, size_t max)
{
	report_safe_escaped(out, s, max, NULL);
}

/* Whether ASCII byte c passes through as it is. */
static int
as_is(unsigned char c, const char *const *esc)
{
	return c >= 0x20 && c < 0x7F && (esc == NULL || esc[c] == NULL);
}

void
report_safe_escaped(struct buf *out, const char *s, size_t max,
    const char *const *esc)
{
	size_t n = strlen(s), i = 0, chars = 0, run;
	uint32_t cp;
	int k;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (chars == max) {
			buf_puts(out, "\xE2\x80\xA6");
			return;
		}
		if (as_is(c, esc)) {		/* a run of plain text at once */
			for (run = i + 1; run < n && run - i < max - chars &&
			    as_is((unsigned char)s[run], esc); run++)
				;
			buf_add(out, s + i, run - i);
			chars += run - i;
			i = run;
			continue;
		}
		chars++;
		if (c >= 0x20 && c < 0x7F) {	/* one the caller escapes */
			buf_puts(out, esc[c]);
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_puts(out, "\xEF\xBF\xBD");
			i++;
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			buf_putc(out, ' ');
			i += (size_t)k;
		} else if (utf8_is_unsafe(cp)) {
			buf_puts(out, "\xEF\xBF\xBD");
			i += (size_t)k;
		} else {
			buf_add(out, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
}

size_t
report_sentence(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (strchr(".!?", s[i]) != NULL && s[i + 1] == ' ' &&
		    isupper((unsigned char)s[i + 2]))
			return i + 1;
	return i;
}

static int
rank(const char *severity)
{
	static const char *const order[] = { "high", "medium", "low" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(severity, order[i]) == 0)
			return i;
	return -1;
}

static int
taken(const struct r_org *o, const size_t *idx, size_t n, size_t i,
    int dims)
{
	const char *d = o->findings[i].dimension;
	size_t j;

	for (j = 0; j < n; j++)
		if (idx[j] == i || (dims && d != NULL &&
		    o->findings[idx[j]].dimension != NULL &&
		    strcmp(o->findings[idx[j]].dimension, d) == 0))
			return 1;
	return 0;
}

/* By severity; first one per dimension, so that the few shown cover
 * different barriers, then the rest. */
size_t
report_barriers(const struct r_org *o, size_t *idx, size_t max)
{
	size_t i, n = 0;
	int want, pass;

	for (pass = 1; pass >= 0; pass--)
		for (want = 0; want < 3; want++)
			for (i = 0; i < o->nfindings && n < max; i++)
				if (rank(o->findings[i].severity) == want &&
				    !taken(o, idx, n, i, pass))
					idx[n++] = i;
	return n;
}

int
report_applies(const struct r_org *o, const char *dim, int below)
{
	int d = result_dim(o, dim);

	return d >= 0 && o->dims[d].level > 0 && o->dims[d].level < below;
}

static void
cite(const struct result *r, const struct r_strs *l,
    const struct r_source **out, size_t max, size_t *n)
{
	const struct r_source *src;
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		if ((src = result_source(r, l->v[i])) == NULL)
			continue;
		for (j = 0; j < *n && out[j] != src; j++)
			;
		if (j == *n && *n < max)
			out[(*n)++] = src;
	}
}

size_t
report_cited(const struct result *r, const struct r_org *o, int kind,
    const struct r_source **out, size_t max)
{
	const struct r_bcase *b = &r->bcase;
	size_t i, n = 0;

	for (i = 0; kind == REPORT_BCASE && i < b->ncosts; i++)
		if (report_applies(o, b->costs[i].dimension, b->costs[i].below))
			cite(r, &b->costs[i].sources, out, max, &n);
	for (i = 0; kind == REPORT_BCASE && i < b->ncontrols; i++)
		cite(r, &b->controls[i].sources, out, max, &n);
	for (i = 0; i < o->nsteps; i++)
		cite(r, &result_step_rec(o, i)->sources, out, max, &n);
	return n;
}

int
report_url_ok(const char *url)
{
	size_t i;

	if (url == NULL || (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0))
		return 0;
	for (i = 0; url[i] != '\0'; i++)
		if ((unsigned char)url[i] <= ' ' || (unsigned char)url[i] >=
		    0x7F || strchr("\"'<>()\\`", url[i]) != NULL)
			return 0;
	return 1;
}

size_t
report_cap(size_t n, size_t max)
{
	return n < max ? n : max;
}

void
report_number(struct buf *out, double v)
{
	char tmp[64];
	size_t n;

	snprintf(tmp, sizeof(tmp), "%.3f", v);
	n = strlen(tmp);
	while (n > 0 && tmp[n - 1] == '0')
		tmp[--n] = '\0';
	if (n > 0 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
	buf_puts(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}
