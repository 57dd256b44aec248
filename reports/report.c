/*
 * report.c - the table of report formats, and the shared text scrubber.
 */
#include <string.h>
#include <strings.h>

#include "report.h"
#include "utf8.h"

static const struct report_format formats[] = {
	{ "md", ".md", report_md, report_compare_md, report_trend_md },
	{ "json", ".json", report_json, report_compare_json,
	    report_trend_json },
	{ "csv", ".csv", report_csv, report_compare_csv, report_trend_csv },
};

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
	return NULL;
}

const char *
report_names(void)
{
	return "md, json, csv";
}

void
report_score(struct buf *out, double score)
{
	if (score > -0.05 && score < 0.05)
		score = 0;
	buf_printf(out, "%.1f", score);
}

void
report_safe(struct buf *out, const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F) {
			buf_putc(out, (char)c);
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
