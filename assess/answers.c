/*
 * answers.c - the CSV answers reader (libcsv, strict mode), streaming.
 *
 * The file is fed to libcsv one physical line at a time, so the reader
 * always knows the line it is on; fields are copied out of libcsv's buffer
 * in the field callback and a record is checked and handed on at its end.
 * Nothing from a record that fails survives: the first error stops the
 * read (for assess check, a row with bad values is reported and skipped
 * instead), and csv_fini()'s partial row is never used.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>

#include "answers.h"
#include "buf.h"
#include "fsx.h"
#include "jdoc.h"
#include "jsonans.h"
#include "suggest.h"
#include "utf8.h"

enum colkind { COL_IGNORE, COL_RESPONDENT, COL_ORG, COL_ROLE, COL_SUBMITTED,
	COL_QUESTION, COL_EVIDENCE };

struct col {
	enum colkind	 kind;
	int		 q;
};

struct csvr {
	const struct survey	*s;
	const char		*path;
	char			 deforg[ANSWERS_NAME_MAX + 1];
	struct csv_parser	 p;
	struct buf		 fields;	/* the record's fields, NUL-ended */
	size_t			*off, *len;
	size_t			 nf, cap;
	unsigned		 line;		/* line being fed */
	unsigned		 fline;		/* line of the first field */
	int			 header_done, failed;
	size_t			*evcols;	/* the evidence columns */
	size_t			 nevidence;
	char			 org[ANSWERS_NAME_MAX + 1];
	char			 resp[ANSWERS_NAME_MAX + 1];
	struct col		*cols;
	size_t			 ncols;
	int			*qcol;		/* question -> column, or -1 */
	struct answer		*ans;
	answers_sink		 sink;
	void			*ctx;
	struct err		*e;
	long			 rows;
	answers_bad		 bad;		/* set: report bad rows, go on */
	unsigned		 limit, nbad;
};

/* ==== libcsv plumbing ==== */

/* libcsv grows its field buffer through this; refusing past the cap turns
 * a runaway field (an unclosed quote in a big file) into CSV_ENOMEM. */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > ANSWERS_FIELD_MAX + 8192)
		return NULL;
	return realloc(p, n);
}

static int
fail_at(struct csvr *r, unsigned line, size_t col, const char *fmt, ...)
    AS_PRINTF(4, 5);

static const char *field(const struct csvr *r, size_t i);

/* The line breaks inside a field's text (LF, CRLF or a lone CR). */
static unsigned
count_breaks(const char *f, size_t n)
{
	unsigned k = 0;
	size_t j;

	for (j = 0; j < n; j++)
		k += f[j] == '\n' || (f[j] == '\r' && (j + 1 == n ||
		    f[j + 1] != '\n'));
	return k;
}

/* The line breaks inside the first k fields of the record (quoted fields
 * may span lines). */
static unsigned
breaks_before(const struct csvr *r, size_t k)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < k && i < r->nf; i++)
		n += count_breaks(field(r, i), r->len[i]);
	return n;
}

/* An error at column 'col' (from 1; 0 for the whole row).  Given the
 * record's first line, a cell of a record that spans lines is placed on
 * the line where that cell starts. */
static int
fail_at(struct csvr *r, unsigned line, size_t col, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	if (line == r->fline && col > 1 && col <= r->nf)
		line += breaks_before(r, col - 1);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->failed = 1;
	return err_set(r->e, AS_EINPUT, r->path, line, (unsigned)col, "%s",
	    msg);
}

#define NO_FIELD ((size_t)-1)	/* an empty field: nothing stored */

static int
grow_fields(struct csvr *r)
{
	size_t cap = r->cap ? r->cap * 2 : 64;
	size_t *o = realloc(r->off, cap * sizeof(*o));
	size_t *l = o ? realloc(r->len, cap * sizeof(*l)) : NULL;

	if (o != NULL)
		r->off = o;
	if (l == NULL) {
		r->failed = 1;
		return err_nomem(r->e);
	}
	r->len = l;
	r->cap = cap;
	return 0;
}

static void
on_field(void *data, size_t n, void *vr)
{
	struct csvr *r = vr;
	size_t bad;

	if (r->failed)
		return;
	if (r->nf == 0)		/* the line the record starts on */
		r->fline = r->line - (data != NULL ? count_breaks(data, n) :
		    0);
	if (r->nf >= ANSWERS_MAX_COLUMNS) {
		fail_at(r, r->line, r->nf + 1, "more than %d fields in a row",
		    ANSWERS_MAX_COLUMNS);
		return;
	}
	if (data == NULL)
		n = 0;
	if (r->nf == r->cap && grow_fields(r) != 0)
		return;
	if (n == 0) {			/* most cells: no copy at all */
		r->off[r->nf] = NO_FIELD;
		r->len[r->nf++] = 0;
		return;
	}
	if (n > ANSWERS_FIELD_MAX) {
		fail_at(r, r->line, r->nf + 1, "a field is longer than %zu MiB "
		    "(an unclosed quote?)", ANSWERS_FIELD_MAX >> 20);
		return;
	}
	if (memchr(data, '\0', n) != NULL) {
		fail_at(r, r->line, r->nf + 1, "NUL byte in a field; is this "
		    "really a CSV file?");
		return;
	}
	if (!utf8_valid(data, n, &bad)) {
		fail_at(r, r->line, r->nf + 1, "byte 0x%02x is not UTF-8; save "
		    "the file as \"CSV UTF-8\"", ((unsigned char *)data)[bad]);
		return;
	}
	r->off[r->nf] = r->fields.len;
	r->len[r->nf] = n;
	buf_add(&r->fields, data, n + 1);	/* with libcsv's appended NUL */
	r->nf++;
	if (r->fields.failed) {
		r->failed = 1;
		err_nomem(r->e);
	}
}

static const char *
field(const struct csvr *r, size_t i)
{
	return r->off[i] == NO_FIELD ? "" : r->fields.data + r->off[i];
}

/* ==== The header ==== */

static int
reserved(const char *name)
{
	static const struct {
		const char	*name;
		enum colkind	 kind;
	} names[] = {
		{ "respondent", COL_RESPONDENT }, { "organisation", COL_ORG },
		{ "organization", COL_ORG }, { "org", COL_ORG },
		{ "role", COL_ROLE }, { "submitted", COL_SUBMITTED },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0)
			return (int)names[i].kind;
	return -1;
}

static int
unknown_column(struct csvr *r, const char *name, size_t col)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, name);
	for (i = 0; i < r->s->nq; i++)
		suggest_try(&sg, r->s->qs[i].id);
	suggest_try(&sg, "organisation");
	suggest_try(&sg, "respondent");
	if (sg.best != NULL)
		return fail_at(r, r->fline, col, "unknown column '%.64s': not "
		    "a question of survey '%s'; did you mean '%s'?", name,
		    r->s->id, sg.best);
	return fail_at(r, r->fline, col, "unknown column '%.64s': not a "
	    "question of survey '%s' (columns starting with '_' or '#' are "
	    "ignored)", name, r->s->id);
}

static int
map_column(struct csvr *r, size_t i, struct col *c)
{
	const char *name = field(r, i), *colon;
	size_t len = r->len[i];
	char base[80];
	int k;

	response_trim(&name, &len);
	if (len == 0)
		return fail_at(r, r->fline, i + 1, "column %zu has no name", i + 1);
	if (name[0] == '_' || name[0] == '#')
		return 0;
	if (len >= sizeof(base))
		return unknown_column(r, name, i + 1);
	memcpy(base, name, len);
	base[len] = '\0';
	if ((k = reserved(base)) >= 0) {
		c->kind = (enum colkind)k;
		return 0;
	}
	c->kind = COL_QUESTION;
	if ((colon = strchr(base, ':')) != NULL) {
		if (strcasecmp(colon, ":evidence") != 0)
			return unknown_column(r, base, i + 1);
		base[colon - base] = '\0';
		c->kind = COL_EVIDENCE;
	}
	if ((c->q = survey_answer_question(r->s, base)) < 0)
		return unknown_column(r, base, i + 1);
	if (c->kind == COL_EVIDENCE && !r->s->qs[c->q].evidence)
		return fail_at(r, r->fline, i + 1, "%s does not ask for "
		    "evidence, so it has no evidence column", r->s->qs[c->q].id);
	return 0;
}

static int
same_column(const struct col *a, const struct col *b)
{
	if (a->kind != b->kind || a->kind == COL_IGNORE)
		return 0;
	return (a->kind != COL_QUESTION && a->kind != COL_EVIDENCE) ||
	    a->q == b->q;
}

static int
read_header(struct csvr *r)
{
	size_t i, j;

	if ((r->cols = calloc(r->nf, sizeof(*r->cols))) == NULL ||
	    (r->evcols = calloc(r->nf, sizeof(*r->evcols))) == NULL ||
	    (r->qcol = malloc(r->s->nq * sizeof(*r->qcol))) == NULL)
		return err_nomem(r->e);
	r->ncols = r->nf;
	for (i = 0; i < r->s->nq; i++)
		r->qcol[i] = -1;
	for (i = 0; i < r->nf; i++) {
		if (map_column(r, i, &r->cols[i]) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (same_column(&r->cols[i], &r->cols[j]))
				return fail_at(r, r->fline, i + 1, "column "
				    "'%.64s' appears twice (columns %zu and %zu)",
				    field(r, i), j + 1, i + 1);
		if (r->cols[i].kind == COL_QUESTION)
			r->qcol[r->cols[i].q] = (int)i;
		if (r->cols[i].kind == COL_EVIDENCE)
			r->evcols[r->nevidence++] = i;
	}
	r->header_done = 1;
	return 0;
}

/* ==== Records ==== */

static int
blank_record(const struct csvr *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++) {
		const char *f = field(r, i);
		size_t n = r->len[i];

		if (n == 0)
			continue;
		response_trim(&f, &n);
		if (n > 0)
			return 0;
	}
	return 1;
}

/* A trimmed name cell, copied into 'dst' (ANSWERS_NAME_MAX + 1 bytes). */
static int
name_cell(struct csvr *r, size_t i, const char *what, char *dst)
{
	const char *f = field(r, i);
	size_t n = r->len[i];

	response_trim(&f, &n);
	if (n > ANSWERS_NAME_MAX)
		return fail_at(r, r->fline, i + 1, "the %s is longer than %d "
		    "bytes", what, ANSWERS_NAME_MAX);
	memcpy(dst, f, n);
	dst[n] = '\0';
	return 0;
}

static int
fill_response(struct csvr *r, struct response *resp)
{
	char msg[700];
	size_t i, j, q;

	resp->org = r->deforg;
	for (i = 0; i < r->ncols; i++) {
		const struct col *c = &r->cols[i];
		const char *f = field(r, i);
		size_t n = r->len[i];

		switch (c->kind) {
		case COL_ORG:
			if (name_cell(r, i, "organisation", r->org) != 0)
				return -1;
			if (r->org[0] == '\0')
				return fail_at(r, r->fline, i + 1, "the "
				    "organisation is empty");
			resp->org = r->org;
			break;
		case COL_RESPONDENT:
			if (name_cell(r, i, "respondent id", r->resp) != 0)
				return -1;
			resp->respondent = r->resp;
			resp->rline = r->line == r->fline ? r->fline :
			    r->fline + breaks_before(r, i);	/* rare */
			resp->rcol = (unsigned)i + 1;
			break;
		case COL_ROLE:
			if (response_roles(r->s, f, n, &resp->roles, msg,
			    sizeof(msg)) != 0)
				return fail_at(r, r->fline, i + 1, "%s", msg);
			break;
		case COL_QUESTION:
			if (n == 0) {	/* the usual case: just unanswered */
				r->ans[c->q].state = A_EMPTY;
				r->ans[c->q].evidence = 0;
			} else if (response_parse(&r->s->qs[c->q], f, n,
			    &r->ans[c->q], msg, sizeof(msg)) != 0) {
				return fail_at(r, r->fline, i + 1, "%s", msg);
			}
			break;
		default:
			break;
		}
	}
	/* evidence after the answers it belongs to, whatever the order */
	for (j = 0; j < r->nevidence; j++) {
		const char *f = field(r, r->evcols[j]);
		size_t n = r->len[r->evcols[j]];

		response_trim(&f, &n);
		if (n == 0)
			continue;
		q = r->cols[r->evcols[j]].q;
		if (r->ans[q].state == A_EMPTY)
			return fail_at(r, r->fline, r->evcols[j] + 1, "%s: "
			    "evidence is given but the question is not "
			    "answered", r->s->qs[q].id);
		r->ans[q].evidence = 1;
	}
	resp->org_from_file = resp->org == r->deforg;
	return 0;
}

static int
check_response(struct csvr *r, struct response *resp)
{
	char msg[700];
	int badq, col;

	if (response_check(r->s, resp, &badq, msg, sizeof(msg)) == 0)
		return 0;
	col = r->qcol[badq];
	if (col < 0)
		return fail_at(r, r->fline, 0, "%s (the file has no %s column)",
		    msg, r->s->qs[badq].id);
	return fail_at(r, r->fline, (size_t)col + 1, "%s", msg);
}

/* A row has just failed with 'e' set.  Reading normally stops; with a
 * 'bad' callback (assess check) a row with bad input is reported and
 * skipped, up to the limit. */
static int
skip_row(struct csvr *r)
{
	r->failed = 1;
	if (r->bad == NULL || r->e->code != AS_EINPUT)
		return -1;
	if (r->nbad == r->limit)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "more than %u "
		    "rows with errors; stopped there", r->limit);
	r->bad(r->e);
	r->nbad++;
	r->failed = 0;
	return 0;
}

static int
process_record(struct csvr *r)
{
	struct response resp;

	if (!r->header_done)	/* blank lines before the header are skipped */
		return r->nf == 1 && blank_record(r) ? 0 : read_header(r);
	if (r->nf != r->ncols) {
		if (blank_record(r))
			return 0;
		if (r->nf < r->ncols)
			fail_at(r, r->line, r->nf + 1, "this row has %zu fields "
			    "but the header has %zu", r->nf, r->ncols);
		else
			fail_at(r, r->fline, r->ncols + 1, "this row has %zu "
			    "fields but the header has %zu", r->nf, r->ncols);
		return skip_row(r);
	}
	if (blank_record(r))
		return 0;
	/* r->ans keeps its state between rows: every question with a column
	 * is set from its cell, the others were zeroed once and stay empty */
	memset(&resp, 0, sizeof(resp));
	resp.file = r->path;
	resp.line = r->fline;
	resp.ans = r->ans;
	resp.roles = 1u << r->s->org_aud;
	if (fill_response(r, &resp) != 0 || check_response(r, &resp) != 0)
		return skip_row(r);
	if (r->sink(r->ctx, &resp, r->e) != 0)
		return skip_row(r);
	r->rows++;
	return 0;
}

static void
on_record(int c, void *vr)
{
	struct csvr *r = vr;

	(void)c;
	if (!r->failed && process_record(r) != 0)
		r->failed = 1;
	r->nf = 0;
	buf_reset(&r->fields);
}

/* ==== Feeding the parser ==== */

static int
csv_failure(struct csvr *r, int at_end)
{
	int status = csv_error(&r->p);

	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		return fail_at(r, r->line, r->nf + 1, "a field is longer than "
		    "%zu MiB (an unclosed quote?)", ANSWERS_FIELD_MAX >> 20);
	if (at_end)
		return fail_at(r, r->nf ? r->fline : r->line, r->nf + 1,
		    "a quoted field is never closed");
	return fail_at(r, r->line, r->nf + 1, "malformed quoting: a quote "
	    "inside an unquoted field, or text after a closing quote");
}

static int
feed(struct csvr *r, const char *p, size_t n)
{
	if (csv_parse(&r->p, p, n, on_field, on_record, r) != n)
		return r->failed ? -1 : csv_failure(r, 0);
	return r->failed ? -1 : 0;
}

/* Feed a chunk in slices that end at line terminators, counting lines
 * (LF, CRLF and lone CR each end one line). */
static int
feed_chunk(struct csvr *r, const char *p, size_t n, int *cr_pending)
{
	size_t pos = 0;

	if (*cr_pending && n > 0) {
		*cr_pending = 0;
		if (p[0] != '\n')
			r->line++;
	}
	while (pos < n) {
		size_t t = pos;

		while (t < n && p[t] != '\n' && p[t] != '\r')
			t++;
		if (feed(r, p + pos, (t < n ? t + 1 : n) - pos) != 0)
			return -1;
		if (t < n) {
			if (p[t] == '\n')
				r->line++;
			else if (t + 1 == n)
				*cr_pending = 1;
			else if (p[t + 1] != '\n')
				r->line++;
		}
		pos = t + 1;
	}
	return 0;
}

static int
sniff(struct csvr *r, const char *p, size_t n)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*msg;
	} kinds[] = {
		{ "PK\003\004", 4, "looks like a spreadsheet workbook (.xlsx "
		    "or .ods); export it as \"CSV UTF-8\"" },
		{ "\xD0\xCF\x11\xE0", 4, "looks like an old Excel workbook "
		    "(.xls); export it as \"CSV UTF-8\"" },
		{ "\xFF\xFE", 2, "is UTF-16 (Excel's \"Unicode text\"); export "
		    "it as \"CSV UTF-8\"" },
		{ "\xFE\xFF", 2, "is UTF-16; export it as \"CSV UTF-8\"" },
		{ "<", 1, "looks like HTML or XML, not CSV" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (n >= kinds[i].len && memcmp(p, kinds[i].magic,
		    kinds[i].len) == 0)
			return err_set(r->e, AS_EINPUT, r->path, 0, 0, "%s",
			    kinds[i].msg);
	return 0;
}

/* The length of a UTF-8 byte-order mark at 'p' (0 or 3). */
static size_t
bom_len(const char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* The first position from 'i' that is not a blank or a line end: blank
 * lines before the header do not count. */
static size_t
skip_blank(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i;
}

int
answers_is_json(const char *p, size_t n)
{
	size_t i = skip_blank(p, n, bom_len(p, n));

	return i < n && p[i] == '{';
}

/* The delimiter the first line uses most, outside quotes. */
static unsigned char
detect_delimiter(const char *p, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0, i;
	int quoted = 0;

	for (i = skip_blank(p, n, 0); i < n; i++) {
		char c = p[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted)
			comma += c == ',', semi += c == ';', tab += c == '\t';
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

#define HEAD_MAX ((size_t)1 << 16)

/* Whether 'p' holds the whole first line: a line end outside quotes. */
static int
header_complete(const char *p, size_t n)
{
	int quoted = 0;
	size_t i;

	/* a byte-order mark and leading blank lines do not count: the head
	 * must reach the first real text, so that JSON is told from CSV
	 * however the input is split */
	for (i = skip_blank(p, n, bom_len(p, n)); i < n; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && (p[i] == '\n' || p[i] == '\r'))
			return 1;
	}
	return 0;
}

static ssize_t
read_some(struct csvr *r, int fd, char *p, size_t size)
{
	ssize_t got;

	do {
		got = read(fd, p, size);
	} while (got < 0 && errno == EINTR);
	if (got < 0)
		err_set(r->e, AS_ESYS, r->path, 0, 0, "read error: %s",
		    strerror(errno));
	return got;
}

/* The start of the input, up to the end of the header line (or 64 KiB,
 * or the end of the file): the byte-order mark, the kind of file and the
 * delimiter are decided on it, so they never depend on how a pipe
 * happens to split the input. */
static int
read_head(struct csvr *r, int fd, char *head, size_t *n)
{
	ssize_t got;

	*n = 0;
	while (*n < HEAD_MAX && !header_complete(head, *n)) {
		if ((got = read_some(r, fd, head + *n, HEAD_MAX - *n)) < 0)
			return -1;
		if (got == 0)
			break;
		*n += (size_t)got;
	}
	return 0;
}

/* Input that turns out to be JSON (standard input, or a file not named
 * .json): read the rest and hand the whole to the JSON reader. */
static int
read_json_rest(struct csvr *r, int fd, const char *head, size_t n)
{
	struct buf b = BUF_INIT;
	long rows = -1;

	buf_add(&b, head, n);
	if (n <= JDOC_MAX_BYTES &&
	    fsx_read_rest(fd, r->path, JDOC_MAX_BYTES, &b, r->e) == 0)
		rows = jsonans_parse(r->path, b.data, b.len, r->s, r->sink,
		    r->ctx, r->e);
	buf_release(&b);
	if (rows < 0)
		return -1;
	r->rows = rows;
	return 0;
}

static int
read_stream(struct csvr *r, int fd)
{
	char chunk[HEAD_MAX];
	const char *p = chunk;
	int cr_pending = 0;
	size_t n;
	ssize_t got;

	if (read_head(r, fd, chunk, &n) != 0)
		return -1;
	if (n == 0)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "is empty");
	p += bom_len(p, n);
	n -= (size_t)(p - chunk);
	if (sniff(r, p, n) != 0)
		return -1;
	if (answers_is_json(p, n))
		return read_json_rest(r, fd, chunk, n + (size_t)(p - chunk));
	csv_set_delim(&r->p, detect_delimiter(p, n));
	while (n > 0) {
		if (feed_chunk(r, p, n, &cr_pending) != 0)
			return -1;
		if ((got = read_some(r, fd, chunk, sizeof(chunk))) < 0)
			return -1;
		p = chunk;
		n = (size_t)got;
	}
	if (csv_fini(&r->p, on_field, on_record, r) != 0)
		return r->failed ? -1 : csv_failure(r, 1);
	if (r->failed)
		return -1;
	if (!r->header_done)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "has no header "
		    "line");
	if (r->nbad > 0)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "%u %s with "
		    "errors", r->nbad, r->nbad == 1 ? "row" : "rows");
	if (r->rows == 0)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "has a header "
		    "but no responses");
	return 0;
}

void
answers_default_org(const char *path, char *out, size_t size)
{
	const char *base = strcmp(path, "-") == 0 ? "stdin" :
	    fsx_basename(path);
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot != base ? (size_t)(dot - base) :
	    strlen(base);

	if (n >= size)
		n = size - 1;
	memcpy(out, base, n);
	out[n] = '\0';
}

static long
read_csv(const char *path, const struct survey *s, answers_sink sink,
    void *ctx, answers_bad bad, unsigned limit, struct err *e)
{
	struct csvr r;
	int fd, rc = -1;

	memset(&r, 0, sizeof(r));
	r.bad = bad;
	r.limit = limit;
	r.s = s;
	r.path = path;
	r.sink = sink;
	r.ctx = ctx;
	r.e = e;
	r.line = r.fline = 1;
	buf_init(&r.fields);
	answers_default_org(path, r.deforg, sizeof(r.deforg));
	if (csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0)
		return err_nomem(e);
	csv_set_realloc_func(&r.p, capped_realloc);
	csv_set_blk_size(&r.p, 4096);
	if ((r.ans = calloc(s->nq, sizeof(*r.ans))) == NULL) {
		err_nomem(e);
		goto out;
	}
	if ((fd = fsx_open_input(path, e)) < 0)
		goto out;
	rc = read_stream(&r, fd);
	if (fd != STDIN_FILENO)
		close(fd);
out:
	csv_free(&r.p);
	buf_release(&r.fields);
	free(r.off);
	free(r.len);
	free(r.cols);
	free(r.evcols);
	free(r.qcol);
	free(r.ans);
	return rc == 0 ? r.rows : -1;
}

long
answers_read(const char *path, const struct survey *s, answers_sink sink,
    void *ctx, struct err *e)
{
	return answers_check(path, s, sink, ctx, NULL, 0, e);
}

long
answers_check(const char *path, const struct survey *s, answers_sink sink,
    void *ctx, answers_bad bad, unsigned limit, struct err *e)
{
	size_t n = strlen(path);

	if (n > 5 && strcasecmp(path + n - 5, ".json") == 0)
		return jsonans_read(path, s, sink, ctx, e);
	return read_csv(path, s, sink, ctx, bad, bad != NULL && limit == 0 ?
	    1 : limit, e);
}
