/*
 * impwrite.c - imported responses written as answers: assess-answers/1
 * JSON, or the answers CSV (every cell quoted; a cell a spreadsheet
 * would take for a formula gets a leading apostrophe; no control
 * character raw).  What it writes, the answers readers read back.
 */
#include <string.h>

#include "impwrite.h"
#include "utf8.h"


/* Text of the writer's own, which needs no escape. */
#define PUT(b, lit) buf_add((b), (lit), sizeof(lit) - 1)

static void
json_answer(struct buf *b, const struct question *q, const char *t,
    size_t n)
{
	size_t i = 0, l;

	if (q->type != Q_MULTI || (n == 2 && memcmp(t, "na", 2) == 0)) {
		import_json_string(b, t, n);
		return;
	}
	buf_putc(b, '[');
	while (i < n) {
		for (l = 0; i + l < n && t[i + l] != ';'; l++)
			;
		if (i > 0)
			PUT(b, ", ");
		import_json_string(b, t + i, l);
		i += l + 1;
	}
	buf_putc(b, ']');
}

/* '"ID": ' before an answer, with ", " before all but the first (an
 * identifier: nothing to escape). */
static void
json_key(struct buf *b, const char *id, int first)
{
	size_t l = strlen(id), o = 0;
	char *d = buf_room(b, l + 6);

	if (d == NULL)
		return;			/* the buffer has failed */
	if (!first) {
		d[o++] = ',';
		d[o++] = ' ';
	}
	d[o++] = '"';
	memcpy(d + o, id, l);
	o += l;
	memcpy(d + o, "\": ", 3);
	buf_commit(b, o + 3);
}

static void
json_response(struct buf *b, const struct survey *s,
    const struct import_resp *ir, long n)
{
	size_t k;
	int first = 1;

	if (n > 0)
		buf_putc(b, ',');
	PUT(b, "\n    {\"organisation\": ");
	import_json_string(b, ir->r->org, strlen(ir->r->org));
	if (ir->role != NULL) {
		PUT(b, ", \"role\": ");
		import_json_string(b, ir->role, strlen(ir->role));
	}
	PUT(b, ",\n     \"answers\": {");
	for (k = 0; k < s->nq; k++) {
		if (ir->text[k] == NULL)
			continue;
		json_key(b, s->qs[k].id, first);
		first = 0;
		json_answer(b, &s->qs[k], ir->text[k], ir->tlen[k]);
	}
	PUT(b, "}}");
}

/* A CSV cell, quoted; text a spreadsheet would run as a formula gets a
 * leading apostrophe. */
static void
csv_cell(struct buf *b, const char *s, int first)
{
	size_t i = 0, n = s != NULL ? strlen(s) : 0;
	uint32_t cp;
	int k;

	if (!first)
		buf_putc(b, ',');
	buf_putc(b, '"');
	if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		buf_putc(b, '\'');
	while (i < n) {
		size_t run;

		for (run = i; run < n && (unsigned char)s[run] >= 0x20 &&
		    (unsigned char)s[run] < 0x7f && s[run] != '"'; run++)
			;
		if (run > i) {		/* plain ASCII, in one piece */
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || (utf8_is_unsafe(cp) && cp != '\n' &&
		    cp != '\t')) {	/* no terminal escapes, even here */
			buf_puts(b, "\xEF\xBF\xBD");
			i += k ? (size_t)k : 1;
			continue;
		}
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_add(b, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_putc(b, '"');
}

static void
csv_response(struct buf *b, const struct survey *s,
    const struct import_resp *ir)
{
	size_t k;

	csv_cell(b, ir->r->org, 1);
	csv_cell(b, ir->role ? ir->role : "", 0);
	for (k = 0; k < s->nq; k++)
		csv_cell(b, ir->text[k], 0);
	buf_puts(b, "\r\n");
}

void
impwrite_response(struct buf *b, const struct survey *s,
    const struct import_resp *ir, int csv, long n)
{
	if (csv)
		csv_response(b, s, ir);
	else
		json_response(b, s, ir, n);
}

void
impwrite_end(struct buf *b, int csv)
{
	if (!csv)
		buf_puts(b, "\n  ]\n}\n");
}

void
impwrite_begin(struct buf *b, const struct survey *s, int csv)
{
	size_t k;

	if (csv) {
		buf_puts(b, "\"organisation\",\"role\"");
		for (k = 0; k < s->nq; k++)
			csv_cell(b, s->qs[k].id, 0);
		buf_puts(b, "\r\n");
		return;
	}
	buf_puts(b, "{\n  \"format\": \"assess-answers/1\",\n"
	    "  \"survey\": {\"id\": ");
	import_json_string(b, s->id, strlen(s->id));
	buf_puts(b, ", \"version\": ");
	import_json_string(b, s->version, strlen(s->version));
	buf_puts(b, "},\n  \"responses\": [");
}
