/*
 * err.c - error records: filling, positions, printing.
 *
 * The only printing here is err_print(), used by the CLI layer.  Text from
 * users passes through visible escaping, so an organisation name holding an
 * ANSI sequence cannot drive the terminal that shows the error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "utf8.h"

int
err_set(struct err *e, enum err_code code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->code = code;
	e->line = line;
	e->col = col;
	snprintf(e->file, sizeof(e->file), "%s", file != NULL ? file : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
err_nomem(struct err *e)
{
	return err_set(e, AS_ESYS, NULL, 0, 0, "out of memory");
}

void
err_context(struct err *e, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (e == NULL)
		return;
	n = strlen(e->msg);
	if (n + 4 >= sizeof(e->msg))
		return;
	e->msg[n++] = ' ';
	e->msg[n++] = '(';
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof(e->msg) - n - 1, fmt, ap);
	va_end(ap);
	n = strlen(e->msg);
	if (n + 1 < sizeof(e->msg)) {
		e->msg[n] = ')';
		e->msg[n + 1] = '\0';
	}
}

void
err_print_text(FILE *fp, const char *text)
{
	char buf[4096];

	utf8_visible(buf, sizeof(buf), text, strlen(text));
	fputs(buf, fp);
}

void
err_print(const struct err *e, FILE *fp)
{
	fputs("assess: ", fp);
	if (e->file[0] != '\0') {
		err_print_text(fp, e->file);
		if (e->line > 0 && e->col > 0)
			fprintf(fp, ":%u:%u", e->line, e->col);
		else if (e->line > 0)
			fprintf(fp, ":%u", e->line);
		fputs(": ", fp);
	}
	err_print_text(fp, e->msg);
	fputc('\n', fp);
}
