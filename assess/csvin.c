/*
 * csvin.c - CSV text into records (libcsv, strict mode), streaming.
 *
 * The input is fed to libcsv one physical line at a time, so the reader
 * always knows the line it is on; fields are copied out of libcsv's
 * buffer in the field callback and the record is handed on at its end.
 * csv_fini()'s partial row is never used: an unclosed quote is an error.
 * What the columns mean is the caller's business.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "buf.h"
#include "csvin.h"
#include "utf8.h"

struct csvin {
	const char		*path;
	struct csv_parser	 p;
	struct buf		 fields;	/* the record's fields, NUL-ended */
	size_t			*off, *len;
	const char		**ptr;		/* fields.data + off, once the
						   record is whole */
	const char		*base;		/* fields.data when ptr was set */
	int			 moved;		/* fields.data moved since */
	size_t			 nf, cap;
	unsigned		 line;		/* line being fed */
	unsigned		 fline;		/* line of the first field */
	int			 failed;
	csvin_record		 fn;
	void			*ctx;
	struct err		*e;
};

#define NO_FIELD ((size_t)-1)	/* an empty field: nothing stored */

/* libcsv grows its field buffer through this; refusing past the cap turns
 * a runaway field (an unclosed quote in a big file) into CSV_ENOMEM. */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > CSVIN_FIELD_MAX + 8192)
		return NULL;
	return realloc(p, n);
}

/* ==== The record ==== */

size_t
csvin_nf(const struct csvin *c)
{
	return c->nf;
}

const char *
csvin_field(const struct csvin *c, size_t i, size_t *len)
{
	if (len != NULL)
		*len = c->len[i];
	return c->ptr[i];	/* made good at the end of each record */
}

const char *const *
csvin_fields(const struct csvin *c, const size_t **len)
{
	*len = c->len;
	return c->ptr;
}

unsigned
csvin_line(const struct csvin *c)
{
	return c->fline;
}

unsigned
csvin_now(const struct csvin *c)
{
	return c->line;
}

const char *
csvin_path(const struct csvin *c)
{
	return c->path;
}

struct err *
csvin_err(struct csvin *c)
{
	return c->e;
}

int
csvin_blank(const struct csvin *c)
{
	size_t i, j, n;
	const char *f;

	for (i = 0; i < c->nf; i++) {
		f = csvin_field(c, i, &n);
		for (j = 0; j < n; j++)
			if (f[j] != ' ' && f[j] != '\t')
				return 0;
	}
	return 1;
}

/* The line breaks inside a field's text (LF, CRLF or a lone CR). */
static unsigned
count_breaks(const char *f, size_t n)
{
	unsigned k = 0;
	size_t j;

	if (memchr(f, '\n', n) == NULL && memchr(f, '\r', n) == NULL)
		return 0;	/* most fields: one line */
	for (j = 0; j < n; j++)
		k += f[j] == '\n' || (f[j] == '\r' && (j + 1 == n ||
		    f[j + 1] != '\n'));
	return k;
}

/* The line breaks inside the first k fields of the record. */
static unsigned
breaks_before(const struct csvin *c, size_t k)
{
	unsigned n = 0;
	size_t i, len;
	const char *f;

	for (i = 0; i < k && i < c->nf; i++) {
		f = csvin_field(c, i, &len);
		n += count_breaks(f, len);
	}
	return n;
}

unsigned
csvin_field_line(const struct csvin *c, size_t i)
{
	return c->line == c->fline ? c->fline : c->fline + breaks_before(c, i);
}

int
csvin_fail(struct csvin *c, unsigned line, size_t col, const char *fmt,
    ...)
{
	char msg[900];
	va_list ap;

	if (line == c->fline && col > 1 && col <= c->nf)
		line += breaks_before(c, col - 1);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(c->e, AS_EINPUT, c->path, line, (unsigned)col, "%s",
	    msg);
}

/* ==== libcsv callbacks ==== */

/* Room for more fields, up to CSVIN_MAX_COLUMNS of them. */
static int
grow_fields(struct csvin *c)
{
	size_t cap = c->cap ? c->cap * 2 : 64;
	size_t *o, *l;
	const char **p;

	if (c->cap >= CSVIN_MAX_COLUMNS) {
		c->failed = 1;
		return csvin_fail(c, c->line, c->nf + 1, "more than %d fields "
		    "in a row", CSVIN_MAX_COLUMNS);
	}
	if (cap > CSVIN_MAX_COLUMNS)
		cap = CSVIN_MAX_COLUMNS;
	o = realloc(c->off, cap * sizeof(*o));
	l = o ? realloc(c->len, cap * sizeof(*l)) : NULL;
	p = l ? realloc(c->ptr, cap * sizeof(*p)) : NULL;
	if (o != NULL)
		c->off = o;
	if (l != NULL)
		c->len = l;
	if (p == NULL) {
		c->failed = 1;
		return err_nomem(c->e);
	}
	c->ptr = p;
	c->cap = cap;
	return 0;
}

/* A field's bytes, checked before they are kept (those utf8_printable()
 * passes need no check). */
static int
check_field(struct csvin *c, const char *data, size_t n)
{
	size_t bad;

	if (n > CSVIN_FIELD_MAX)
		return csvin_fail(c, c->line, c->nf + 1, "a field is longer "
		    "than %zu MiB (an unclosed quote?)", CSVIN_FIELD_MAX >> 20);
	if (memchr(data, '\0', n) != NULL)
		return csvin_fail(c, c->line, c->nf + 1, "NUL byte in a field; "
		    "is this really a CSV file?");
	if (!utf8_valid(data, n, &bad))
		return csvin_fail(c, c->line, c->nf + 1, "byte 0x%02x is not "
		    "UTF-8; save the file as \"CSV UTF-8\"",
		    ((const unsigned char *)data)[bad]);
	return 0;
}

/* A field that is kept: copied with libcsv's appended NUL, checked on
 * the way (a field of printable ASCII needs nothing more), the closer
 * checks for the rest. */
static int
keep_field(struct csvin *c, const char *data, size_t n)
{
	char *d = buf_room(&c->fields, n + 1);
	int plain;

	if (d == NULL) {
		c->failed = 1;
		return err_nomem(c->e);
	}
	plain = n <= CSVIN_FIELD_MAX && utf8_copy_printable(d, data, n);
	if (c->nf == 0)		/* the line the record starts on */
		c->fline = c->line - (plain ? 0 : count_breaks(data, n));
	if (!plain && check_field(c, data, n) != 0) {
		c->failed = 1;
		return -1;
	}
	d[n] = '\0';
	c->off[c->nf] = c->fields.len;
	c->len[c->nf] = n;
	c->ptr[c->nf] = d;
	c->moved |= c->fields.data != c->base;
	c->base = c->fields.data;
	buf_commit(&c->fields, n + 1);
	return 0;
}

/* An empty field: nothing stored. */
static void
empty_field(struct csvin *c)
{
	if (c->nf == 0)
		c->fline = c->line;
	c->off[c->nf] = NO_FIELD;
	c->ptr[c->nf] = "";
	c->len[c->nf++] = 0;
}

/* Kept out of line, so that the callback's path for an empty field
 * saves no registers (GCC and Clang would inline it). */
#if defined(__GNUC__)
#define CSVIN_OUT_OF_LINE __attribute__((noinline))
#else
#define CSVIN_OUT_OF_LINE
#endif

/* A field that is not the usual empty one in a table with room. */
static CSVIN_OUT_OF_LINE void
other_field(struct csvin *c, const char *data, size_t n)
{
	if (c->failed || (c->nf == c->cap && grow_fields(c) != 0))
		return;
	if (data == NULL || n == 0)
		empty_field(c);
	else if (keep_field(c, data, n) == 0)
		c->nf++;
}

static void
on_field(void *data, size_t n, void *vc)
{
	struct csvin *c = vc;

	if ((data == NULL || n == 0) && c->nf < c->cap && !c->failed)
		empty_field(c);		/* most cells: no call, no copy */
	else
		other_field(c, data, n);
}

/* The field pointers made good after the buffer moved in a record. */
static void
fix_pointers(struct csvin *c)
{
	size_t i;

	for (i = 0; i < c->nf; i++)
		if (c->off[i] != NO_FIELD)
			c->ptr[i] = c->fields.data + c->off[i];
	c->moved = 0;
}

static void
on_record(int ch, void *vc)
{
	struct csvin *c = vc;

	(void)ch;
	if (c->moved)
		fix_pointers(c);
	if (!c->failed && c->fn(c->ctx, c) != 0)
		c->failed = 1;
	c->nf = 0;
	buf_reset(&c->fields);
}

/* ==== Feeding the parser ==== */

static int
csv_failure(struct csvin *c, int at_end)
{
	int status = csv_error(&c->p);

	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		return csvin_fail(c, c->line, c->nf + 1, "a field is longer "
		    "than %zu MiB (an unclosed quote?)", CSVIN_FIELD_MAX >> 20);
	if (at_end)
		return csvin_fail(c, c->nf ? c->fline : c->line, c->nf + 1,
		    "a quoted field is never closed");
	return csvin_fail(c, c->line, c->nf + 1, "malformed quoting: a "
	    "quote inside an unquoted field, or text after a closing quote");
}

static int
feed(struct csvin *c, const char *p, size_t n)
{
	if (csv_parse(&c->p, p, n, on_field, on_record, c) != n) {
		if (c->failed)
			return -1;
		c->failed = 1;
		return csv_failure(c, 0);
	}
	return c->failed ? -1 : 0;
}

/* Where the next c is in p[pos..n), or n: memchr, remembered by the
 * caller until passed, so a file with one kind of line end is scanned
 * once for the other. */
static size_t
next_of(const char *p, size_t pos, size_t n, char c)
{
	const char *at = memchr(p + pos, c, n - pos);

	return at != NULL ? (size_t)(at - p) : n;
}

/* Feed a chunk in slices that end at line terminators, counting lines
 * (LF, CRLF and lone CR each end one line). */
static int
feed_chunk(struct csvin *c, const char *p, size_t n, int *cr_pending)
{
	size_t pos = 0;
	size_t lf = next_of(p, 0, n, '\n'), cr = next_of(p, 0, n, '\r');

	if (*cr_pending && n > 0) {
		*cr_pending = 0;
		if (p[0] != '\n')
			c->line++;
	}
	while (pos < n) {
		size_t t;

		if (lf < pos)
			lf = next_of(p, pos, n, '\n');
		if (cr < pos)
			cr = next_of(p, pos, n, '\r');
		t = lf < cr ? lf : cr;
		if (feed(c, p + pos, (t < n ? t + 1 : n) - pos) != 0)
			return -1;
		if (t < n) {
			if (p[t] == '\n')
				c->line++;
			else if (t + 1 == n)
				*cr_pending = 1;
			else if (p[t + 1] != '\n')
				c->line++;
		}
		pos = t + 1;
	}
	return 0;
}

static ssize_t
read_some(int fd, const char *path, char *p, size_t size, struct err *e)
{
	ssize_t got;

	do {
		got = read(fd, p, size);
	} while (got < 0 && errno == EINTR);
	if (got < 0)
		err_set(e, AS_ESYS, path, 0, 0, "read error: %s",
		    strerror(errno));
	return got;
}

/* The delimiter the first line with text uses most, outside quotes. */
static unsigned char
detect_delimiter(const char *p, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0, i;
	int quoted = 0;

	for (i = csvin_skip_blank(p, n, 0); i < n; i++) {
		char ch = p[i];

		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		else if (!quoted)
			comma += ch == ',', semi += ch == ';', tab += ch == '\t';
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

static int
parse_stream(struct csvin *c, const char *head, size_t n, int fd)
{
	char chunk[CSVIN_HEAD_MAX];
	const char *p = head + csvin_bom(head, n);
	int cr_pending = 0;
	ssize_t got;

	n -= (size_t)(p - head);
	csv_set_delim(&c->p, detect_delimiter(p, n));
	while (n > 0) {
		if (feed_chunk(c, p, n, &cr_pending) != 0)
			return -1;
		if (fd < 0)
			break;
		if ((got = read_some(fd, c->path, chunk, sizeof(chunk),
		    c->e)) < 0)
			return -1;
		p = chunk;
		n = (size_t)got;
	}
	if (csv_fini(&c->p, on_field, on_record, c) != 0) {
		if (c->failed)
			return -1;
		c->failed = 1;
		return csv_failure(c, 1);
	}
	return c->failed ? -1 : 0;
}

static int
start(struct csvin *c, const char *path, csvin_record fn, void *ctx,
    struct err *e)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->fn = fn;
	c->ctx = ctx;
	c->e = e;
	c->line = c->fline = 1;
	buf_init(&c->fields);
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0)
		return err_nomem(e);
	csv_set_realloc_func(&c->p, capped_realloc);
	csv_set_blk_size(&c->p, 4096);
	return 0;
}

static void
finish(struct csvin *c)
{
	csv_free(&c->p);
	buf_release(&c->fields);
	free(c->off);
	free(c->len);
	free(c->ptr);
}

int
csvin_parse(const char *path, const char *head, size_t n, int fd,
    csvin_record fn, void *ctx, struct err *e)
{
	struct csvin c;
	int rc;

	if (start(&c, path, fn, ctx, e) != 0)
		return -1;
	rc = parse_stream(&c, head, n, fd);
	finish(&c);
	return rc;
}

/* ==== Reading ahead ====
 *
 * csvin_parse_ahead() runs the parse above on a second thread, which
 * copies each whole record into a batch; the caller's thread takes the
 * batches in order and hands their records to the callback through a
 * view of the same struct csvin, so a callback cannot tell the two
 * apart.  A few batches are in flight at once (memory stays flat).  The
 * first error in the stream wins, as in one thread: the parser's error
 * comes after every record it handed over, and a callback that fails
 * stops the parser. */

#define AHEAD_SLOTS	4			/* batches in flight */
#define AHEAD_TEXT	((size_t)128 << 10)	/* field bytes per batch */
#define AHEAD_FIELDS	32768			/* fields per batch */

struct ahead_rec {
	size_t		 first, nf;	/* its fields in the batch's arrays */
	unsigned	 fline, now;
};

struct batch {
	char		*text;
	size_t		 used, cap;
	const char	**ptr;
	size_t		*len;
	size_t		 nfields, fcap;
	struct ahead_rec *rec;
	size_t		 nrec, rcap;
};

struct ahead {
	pthread_mutex_t	 mu;
	pthread_cond_t	 filled, freed;
	struct batch	 slot[AHEAD_SLOTS];
	size_t		 nfilled, nfreed;	/* batches handed over, and
						   given back */
	int		 done, stop, rc;
	struct csvin	 c;		/* the parser, on its own thread */
	struct err	 err;		/* its error */
	const char	*head;
	size_t		 nhead;
	int		 fd;
};

/* Room in 'b' for 'bytes' more text and 'nf' more fields (growing
 * arrays freely, text only while the batch is empty: the fields already
 * in it point into the text). */
static int
batch_room(struct batch *b, size_t bytes, size_t nf)
{
	if (b->used + bytes > b->cap) {
		size_t cap = bytes > 2 * AHEAD_TEXT ? bytes : 2 * AHEAD_TEXT;
		char *t;

		if (b->nrec > 0)
			return 1;
		if ((t = realloc(b->text, cap)) == NULL)
			return -1;
		b->text = t;
		b->cap = cap;
	}
	if (b->nfields + nf > b->fcap) {
		size_t cap = 2 * (b->nfields + nf);
		const char **p = realloc(b->ptr, cap * sizeof(*p));
		size_t *l = p ? realloc(b->len, cap * sizeof(*l)) : NULL;

		if (p != NULL)
			b->ptr = p;
		if (l == NULL)
			return -1;
		b->len = l;
		b->fcap = cap;
	}
	if (b->nrec == b->rcap) {
		size_t cap = b->rcap ? 2 * b->rcap : 256;
		struct ahead_rec *r = realloc(b->rec, cap * sizeof(*r));

		if (r == NULL)
			return -1;
		b->rec = r;
		b->rcap = cap;
	}
	return 0;
}

/* The record 'c' holds, copied into 'b' (which has room). */
static void
batch_add(struct batch *b, const struct csvin *c)
{
	struct ahead_rec *r = &b->rec[b->nrec++];
	char *text = NULL;	/* no text: every field is empty */
	size_t i;

	if (c->fields.len > 0) {
		text = b->text + b->used;
		memcpy(text, c->fields.data, c->fields.len);
	}
	for (i = 0; i < c->nf; i++) {
		b->ptr[b->nfields + i] = c->off[i] == NO_FIELD ? "" :
		    text + c->off[i];
		b->len[b->nfields + i] = c->len[i];
	}
	r->first = b->nfields;
	r->nf = c->nf;
	r->fline = c->fline;
	r->now = c->line;
	b->used += c->fields.len;
	b->nfields += c->nf;
}

/* Hand the batch being filled over and wait for a free one; -1 when the
 * reader has stopped. */
static int
hand_over(struct ahead *a)
{
	int stop;

	pthread_mutex_lock(&a->mu);
	a->nfilled++;
	pthread_cond_signal(&a->filled);
	while (a->nfilled - a->nfreed >= AHEAD_SLOTS && !a->stop)
		pthread_cond_wait(&a->freed, &a->mu);
	stop = a->stop;
	pthread_mutex_unlock(&a->mu);
	return stop ? -1 : 0;
}

/* The parser's record callback: the record into the batch being filled. */
static int
batch_record(void *ctx, struct csvin *c)
{
	struct ahead *a = ctx;
	struct batch *b = &a->slot[a->nfilled % AHEAD_SLOTS];
	int room = batch_room(b, c->fields.len, c->nf);

	if (room > 0) {		/* a big record after others: a new batch */
		if (hand_over(a) != 0)
			return -1;
		b = &a->slot[a->nfilled % AHEAD_SLOTS];
		room = batch_room(b, c->fields.len, c->nf);
	}
	if (room != 0)
		return err_nomem(c->e);
	batch_add(b, c);
	if (b->used >= AHEAD_TEXT || b->nfields >= AHEAD_FIELDS)
		return hand_over(a);
	return 0;
}

static void *
reader(void *arg)
{
	struct ahead *a = arg;
	int rc = parse_stream(&a->c, a->head, a->nhead, a->fd);

	pthread_mutex_lock(&a->mu);
	if (a->slot[a->nfilled % AHEAD_SLOTS].nrec > 0 && !a->stop)
		a->nfilled++;		/* the last batch, not full */
	a->rc = rc;
	a->done = 1;
	pthread_cond_signal(&a->filled);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* The records of one batch to the callback, through the view 'v'. */
static int
deliver(struct batch *b, struct csvin *v)
{
	size_t k;

	for (k = 0; k < b->nrec; k++) {
		const struct ahead_rec *r = &b->rec[k];

		v->ptr = b->ptr + r->first;
		v->len = b->len + r->first;
		v->nf = v->cap = r->nf;
		v->fline = r->fline;
		v->line = r->now;
		if (v->fn(v->ctx, v) != 0)
			return -1;
	}
	b->used = b->nfields = b->nrec = 0;
	if (b->cap > 2 * AHEAD_TEXT) {	/* after a huge record */
		free(b->text);
		b->text = NULL;
		b->cap = 0;
	}
	return 0;
}

/* Take the batches in order until the reader is done: 0 at its end, -1
 * when a callback failed, 1 when the reader failed. */
static int
consume(struct ahead *a, struct csvin *v)
{
	size_t taken = 0;

	for (;;) {
		pthread_mutex_lock(&a->mu);
		while (a->nfilled == taken && !a->done)
			pthread_cond_wait(&a->filled, &a->mu);
		if (a->nfilled == taken) {
			pthread_mutex_unlock(&a->mu);
			return a->rc != 0 ? 1 : 0;
		}
		pthread_mutex_unlock(&a->mu);
		if (deliver(&a->slot[taken % AHEAD_SLOTS], v) != 0)
			return -1;
		pthread_mutex_lock(&a->mu);
		a->nfreed = ++taken;
		pthread_cond_signal(&a->freed);
		pthread_mutex_unlock(&a->mu);
	}
}

static void
ahead_free(struct ahead *a)
{
	size_t k;

	for (k = 0; k < AHEAD_SLOTS; k++) {
		free(a->slot[k].text);
		free(a->slot[k].ptr);
		free(a->slot[k].len);
		free(a->slot[k].rec);
	}
	pthread_cond_destroy(&a->filled);
	pthread_cond_destroy(&a->freed);
	pthread_mutex_destroy(&a->mu);
	finish(&a->c);
	free(a);
}

/* The reader's thread, started with every signal blocked: signals are
 * for the caller's thread. */
static int
start_reader(struct ahead *a, pthread_t *t)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, NULL, reader, a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int
csvin_parse_ahead(const char *path, const char *head, size_t n, int fd,
    csvin_record fn, void *ctx, struct err *e)
{
	struct ahead *a;
	struct csvin v;
	pthread_t t;
	int rc;

	if (fd < 0 || (a = calloc(1, sizeof(*a))) == NULL)
		return csvin_parse(path, head, n, fd, fn, ctx, e);
	if (start(&a->c, path, batch_record, a, &a->err) != 0) {
		free(a);
		return err_nomem(e);
	}
	a->head = head;
	a->nhead = n;
	a->fd = fd;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->filled, NULL);
	pthread_cond_init(&a->freed, NULL);
	if (start_reader(a, &t) != 0) {	/* no thread: read in this one */
		ahead_free(a);
		return csvin_parse(path, head, n, fd, fn, ctx, e);
	}
	memset(&v, 0, sizeof(v));
	v.path = path;
	v.fn = fn;
	v.ctx = ctx;
	v.e = e;
	if ((rc = consume(a, &v)) < 0) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_signal(&a->freed);
		pthread_mutex_unlock(&a->mu);
	}
	pthread_join(t, NULL);
	if (rc > 0)
		*e = a->err;
	ahead_free(a);
	return rc != 0 ? -1 : 0;
}

/* ==== The head ==== */

size_t
csvin_bom(const char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t
csvin_skip_blank(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i;
}

/* Whether 'p' holds the whole first line with text: a line end outside
 * quotes after it. */
static int
head_complete(const char *p, size_t n)
{
	int quoted = 0;
	size_t i;

	for (i = csvin_skip_blank(p, n, csvin_bom(p, n)); i < n; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && (p[i] == '\n' || p[i] == '\r'))
			return 1;
	}
	return 0;
}

int
csvin_read_head(int fd, const char *path, char *head, size_t *n,
    struct err *e)
{
	ssize_t got;

	*n = 0;
	while (*n < CSVIN_HEAD_MAX && !head_complete(head, *n)) {
		if ((got = read_some(fd, path, head + *n, CSVIN_HEAD_MAX - *n,
		    e)) < 0)
			return -1;
		if (got == 0)
			break;
		*n += (size_t)got;
	}
	return 0;
}

int
csvin_refuse_binary(const char *path, const char *p, size_t n,
    struct err *e)
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
			return err_set(e, AS_EINPUT, path, 0, 0, "%s",
			    kinds[i].msg);
	return 0;
}
