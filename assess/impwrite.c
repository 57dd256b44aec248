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
#define PUT_AT(d, o, lit) \
	(memcpy((d) + (o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* Answers longer than this are written in pieces (import_json_string);
 * shorter ones in place, with the room for the longest form asked for
 * once. */
#define IN_PLACE_MAX ((size_t)4096)

/* An answer's text at d: a JSON string, or for a multi-select question
 * (but for 'na') an array of the ';'-joined values.  d has room for
 * IMPORT_JSON_ROOM(n) + 8 bytes: each value's quotes and ", " take no
 * more than the ';' before it and a string's own quotes and slack. */
static size_t
answer_at(char *d, const struct question *q, const char *t, size_t n)
{
	size_t i = 0, l, o = 1;

	if (q->type != Q_MULTI || (n == 2 && memcmp(t, "na", 2) == 0))
		return import_json_put(d, t, n);
	d[0] = '[';
	while (i < n) {
		for (l = 0; i + l < n && t[i + l] != ';'; l++)
			;
		if (i > 0)
			o = PUT_AT(d, o, ", ");
		o += import_json_put(d + o, t + i, l);
		i += l + 1;
	}
	d[o++] = ']';
	return o;
}

/* A long answer, in pieces. */
static void
answer_pieces(struct buf *b, const struct question *q, const char *t,
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

/* '"ID": ' and the answer, with ", " before all but the first (an
 * identifier, of length l: nothing to escape). */
static void
json_answer(struct buf *b, const struct question *q, size_t l,
    const char *t, size_t n, int first)
{
	size_t o = 0;
	int whole = n <= IN_PLACE_MAX;
	char *d = buf_room(b, l + 6 + (whole ? IMPORT_JSON_ROOM(n) + 8 : 0));

	if (d == NULL)
		return;			/* the buffer has failed */
	if (!first)
		o = PUT_AT(d, o, ", ");
	d[o++] = '"';
	if (l <= 16)
		buf_copy16(d + o, q->id, l);
	else
		memcpy(d + o, q->id, l);
	o = PUT_AT(d, o + l, "\": ");
	if (whole)
		o += answer_at(d + o, q, t, n);
	buf_commit(b, o);
	if (!whole)
		answer_pieces(b, q, t, n);
}

/* The organisation and the role: names of at most a few hundred bytes
 * (the answers contract). */
static void
json_who(struct buf *b, const struct import_resp *ir, long n)
{
	size_t o = 0;
	char *d = buf_room(b, 64 + IMPORT_JSON_ROOM(ir->orglen) +
	    IMPORT_JSON_ROOM(ir->rolelen));

	if (d == NULL)
		return;
	if (n > 0)
		d[o++] = ',';
	o = PUT_AT(d, o, "\n    {\"organisation\": ");
	o += import_json_put(d + o, ir->r->org, ir->orglen);
	if (ir->role != NULL) {
		o = PUT_AT(d, o, ", \"role\": ");
		o += import_json_put(d + o, ir->role, ir->rolelen);
	}
	buf_commit(b, PUT_AT(d, o, ",\n     \"answers\": {"));
}

static void
json_response(struct buf *b, const struct survey *s,
    const struct import_resp *ir, long n)
{
	size_t k;
	int first = 1;

	json_who(b, ir, n);
	for (k = 0; k < s->nq; k++) {
		if (ir->text[k] == NULL)
			continue;
		json_answer(b, &s->qs[k], ir->idlen[k], ir->text[k],
		    ir->tlen[k], first);
		first = 0;
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
