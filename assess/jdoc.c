/*
 * jdoc.c - strict JSON with positions: validator, cJSON, conversion.
 *
 * One pass: a small recursive-descent parser over the raw bytes accepts
 * exactly RFC 8259 JSON (plus a leading UTF-8 byte-order mark), limits
 * depth and size, and builds the jnodes as it goes, each with the line
 * and column of its value and key.  Strings are decoded into the
 * document's arena; the children of open containers wait on a stack and
 * are copied into the arena when their container closes.  Duplicate keys
 * are looked for once the whole text has parsed, so that a syntax error
 * anywhere is reported first, as before.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "fsx.h"
#include "jdoc.h"
#include "swar.h"
#include "suggest.h"
#include "utf8.h"

/* ==== The strict scanner ==== */

struct scan {
	const char	*s;
	size_t		 n, i;
	size_t		 coff;		/* cursor: offset, line, col */
	unsigned	 cline, ccol;
	size_t		 nvalues;
	struct jnode	*stack;		/* children of the open containers */
	size_t		 nstack, cap;
	struct arena	*arena;		/* the document's */
	const char	*file;
	struct err	*e;
};

/* Most of a survey's text is printable ASCII, which the scanner and the
 * position cursor pass over eight bytes at a time (swar.h).  Whether the
 * eight bytes in 'x' are all 0x20 to 0x7F: */
static int
plain8(uint64_t x)
{
	return ((((x - SWAR_ONES * 0x20) & ~x) | x) & SWAR_HIGH) == 0;
}

/* Whether one of the eight bytes in 'x' is below 0x20 or is 0x7F. */
static int
control8(uint64_t x)
{
	return ((x - SWAR_ONES * 0x20) & ~x & SWAR_HIGH) != 0 ||
	    swar_has(x, 0x7F) != 0;
}

/* Advance the position cursor to 'off' (offsets are asked in order).
 * The cursor is copied to locals while it runs over the bytes, which the
 * compiler could not otherwise keep in registers (the text is chars, which
 * may alias anything). */
static void
locate(struct scan *sc, size_t off, unsigned *line, unsigned *col)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t i, n = sc->n;
	unsigned ln, cl;

	if (off < sc->coff) {	/* only error paths go backwards */
		sc->coff = 0;
		sc->cline = sc->ccol = 1;
		if (sc->n >= 3 && memcmp(sc->s, "\xEF\xBB\xBF", 3) == 0)
			sc->coff = 3;
	}
	ln = sc->cline;
	cl = sc->ccol;
	for (i = sc->coff; i < off; i++) {
		unsigned char ch;
		size_t from = i;

		while (i + 8 <= off && plain8(swar_load(s + i)))
			i += 8;				/* most bytes */
		while (i < off && (unsigned)(s[i] - 0x20) < 0x60)
			i++;
		cl += (unsigned)(i - from);
		if (i >= off)
			break;
		ch = s[i];
		if (ch == '\n' || (ch == '\r' && (i + 1 >= n ||
		    s[i + 1] != '\n'))) {
			ln++;
			cl = 1;
		} else if (ch != '\r' && (ch & 0xC0) != 0x80) {
			cl++;
		}
	}
	sc->coff = i;
	*line = sc->cline = ln;
	*col = sc->ccol = cl;
}

static int
fail(struct scan *sc, size_t off, const char *fmt, ...) AS_PRINTF(3, 4);

static int
fail(struct scan *sc, size_t off, const char *fmt, ...)
{
	char msg[512];
	unsigned line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	locate(sc, off, &line, &col);
	return err_set(sc->e, AS_EINPUT, sc->file, line, col, "%s", msg);
}

static void
skip_ws(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i, n = sc->n;

	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
	    s[i] == '\r'))
		i++;
	sc->i = i;
}

static int
describe(struct scan *sc, size_t off, const char *what)
{
	unsigned char c = (unsigned char)sc->s[off];

	if (off >= sc->n)
		return fail(sc, off, "invalid JSON: unexpected end of file; "
		    "%s", what);
	if (c >= 0x21 && c < 0x7F)
		return fail(sc, off, "invalid JSON: unexpected '%c'; %s",
		    c, what);
	return fail(sc, off, "invalid JSON: unexpected byte 0x%02x; %s",
	    c, what);
}

static int
hex4(const char *p, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -1;
		*v = *v * 16 + d;
	}
	return 0;
}

static int
scan_escape(struct scan *sc)
{
	size_t at = sc->i;	/* at the backslash */
	unsigned u, lo;
	char c;

	if (sc->i + 1 >= sc->n)
		return fail(sc, at, "invalid JSON: unterminated string");
	c = sc->s[sc->i + 1];
	if (strchr("\"\\/bfnrt", c) != NULL && c != '\0') {
		sc->i += 2;
		return 0;
	}
	if (c != 'u')
		return fail(sc, at, "invalid JSON: unknown escape '\\%c'",
		    (unsigned char)c >= 0x21 && (unsigned char)c < 0x7F ?
		    c : '?');
	if (sc->i + 6 > sc->n || hex4(sc->s + sc->i + 2, &u) != 0)
		return fail(sc, at, "invalid JSON: '\\u' needs four hex digits");
	if (u == 0)
		return fail(sc, at, "'\\u0000' is not allowed in strings");
	sc->i += 6;
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(sc, at, "invalid JSON: lone low surrogate '\\u%04x'",
		    u);
	if (u >= 0xD800 && u <= 0xDBFF) {
		if (sc->i + 6 > sc->n || sc->s[sc->i] != '\\' ||
		    sc->s[sc->i + 1] != 'u' ||
		    hex4(sc->s + sc->i + 2, &lo) != 0 ||
		    lo < 0xDC00 || lo > 0xDFFF)
			return fail(sc, at, "invalid JSON: high surrogate "
			    "'\\u%04x' is not followed by a low surrogate", u);
		sc->i += 6;
	}
	return 0;
}

/* Write code point 'cp' as UTF-8 at 'o'; returns the bytes written. */
static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The text of the string s[from, to) (quotes excluded), already checked
 * by scan_string, with its escapes decoded, in the arena.  Decoding never
 * makes it longer. */
static const char *
decode(struct scan *sc, size_t from, size_t to, size_t *len)
{
	char *p = arena_alloc(sc->arena, to - from + 1), *o = p;
	const char *esc;
	size_t i;
	unsigned u, lo;

	if (p == NULL)
		return NULL;
	if ((esc = memchr(sc->s + from, '\\', to - from)) == NULL) {
		memcpy(p, sc->s + from, to - from);	/* most strings */
		p[to - from] = '\0';
		*len = to - from;
		return p;
	}
	memcpy(p, sc->s + from, (size_t)(esc - (sc->s + from)));
	o += esc - (sc->s + from);
	i = (size_t)(esc - sc->s);
	while (i < to) {
		char c = sc->s[i];

		if (c != '\\') {
			*o++ = c;
			i++;
			continue;
		}
		c = sc->s[i + 1];
		i += 2;
		switch (c) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			hex4(sc->s + i, &u);
			i += 4;
			if (u >= 0xD800 && u <= 0xDBFF) {
				hex4(sc->s + i + 2, &lo);
				i += 6;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			}
			o += put_utf8(o, u);
			break;
		default: *o++ = c; break;	/* " \ / */
		}
	}
	*o = '\0';
	*len = (size_t)(o - p);
	return p;
}

/* A string at sc->i; with 'out', its decoded text. */
static int
scan_string(struct scan *sc, const char **out, size_t *len)
{
	size_t start = sc->i;
	uint32_t cp;
	int k;

	sc->i++;		/* opening quote */
	for (;;) {
		const unsigned char *s = (const unsigned char *)sc->s;
		size_t i = sc->i, n = sc->n;
		uint64_t x;
		unsigned char c;

		while (i + 8 <= n && plain8(x = swar_load(s + i)) &&
		    !swar_has(x, '"') && !swar_has(x, '\\'))
			i += 8;			/* most bytes */
		while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' &&
		    s[i] != '\\')
			i++;
		sc->i = i;
		if (sc->i >= sc->n)
			return fail(sc, start, "invalid JSON: string is never "
			    "closed");
		c = s[sc->i];
		if (c == '"') {
			sc->i++;
			if (out != NULL && (*out = decode(sc, start + 1,
			    sc->i - 1, len)) == NULL)
				return err_nomem(sc->e);
			return 0;
		}
		if (c == '\\') {
			if (scan_escape(sc) != 0)
				return -1;
		} else if (c < 0x20) {
			return fail(sc, sc->i, "raw control character 0x%02x in "
			    "a string; write it as an escape such as \\n", c);
		} else {
			k = utf8_decode(sc->s + sc->i, sc->n - sc->i, &cp);
			if (k == 0)
				return fail(sc, sc->i, "invalid UTF-8 in a "
				    "string (byte 0x%02x)", c);
			sc->i += (size_t)k;
		}
	}
}

static int
digits(struct scan *sc)
{
	size_t start = sc->i;

	while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
		sc->i++;
	return sc->i > start;
}

static int
scan_number(struct scan *sc, double *out)
{
	size_t start = sc->i;
	char tmp[400];
	double v;

	if (sc->s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->n && sc->s[sc->i] == '0') {
		sc->i++;
		if (sc->i < sc->n && sc->s[sc->i] >= '0' &&
		    sc->s[sc->i] <= '9')
			return fail(sc, start, "leading zeros are not allowed "
			    "in numbers");
	} else if (!digits(sc)) {
		return describe(sc, sc->i, "expected a digit");
	}
	if (sc->i < sc->n && sc->s[sc->i] == '.') {
		sc->i++;
		if (!digits(sc))
			return describe(sc, sc->i, "expected a digit after "
			    "'.'");
	}
	if (sc->i < sc->n && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->n && (sc->s[sc->i] == '+' ||
		    sc->s[sc->i] == '-'))
			sc->i++;
		if (!digits(sc))
			return describe(sc, sc->i, "expected a digit in the "
			    "exponent");
	}
	if (sc->i - start >= sizeof(tmp))
		return fail(sc, start, "number is too long");
	memcpy(tmp, sc->s + start, sc->i - start);
	tmp[sc->i - start] = '\0';
	v = strtod(tmp, NULL);
	if (!isfinite(v))
		return fail(sc, start, "number out of range");
	*out = v;
	return 0;
}

static int scan_value(struct scan *, int, size_t, int, struct jnode *);

/* A finished child goes on the stack until its container closes. */
static int
push_kid(struct scan *sc, const struct jnode *kid)
{
	struct jnode *p;

	if (sc->nstack == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 64;

		if ((p = realloc(sc->stack, cap * sizeof(*p))) == NULL)
			return err_nomem(sc->e);
		sc->stack = p;
		sc->cap = cap;
	}
	sc->stack[sc->nstack++] = *kid;
	return 0;
}

/* The container closes: its children move from the stack to the arena. */
static int
close_container(struct scan *sc, struct jnode *out, size_t base)
{
	size_t n = sc->nstack - base;

	out->nkids = n;
	if (n > 0) {
		if ((out->kids = arena_alloc(sc->arena, n *
		    sizeof(*out->kids))) == NULL)
			return err_nomem(sc->e);
		memcpy(out->kids, sc->stack + base, n * sizeof(*out->kids));
	}
	sc->nstack = base;
	return 0;
}

static int
scan_object(struct scan *sc, int depth, struct jnode *out)
{
	size_t keyoff, base = sc->nstack, klen;
	struct jnode kid;
	const char *key;

	sc->i++;
	skip_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == '}') {
		sc->i++;
		return 0;
	}
	for (;;) {
		if (sc->i >= sc->n || sc->s[sc->i] != '"')
			return describe(sc, sc->i, "expected a key in double "
			    "quotes");
		keyoff = sc->i;
		if (scan_string(sc, &key, &klen) != 0)
			return -1;
		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ':')
			return describe(sc, sc->i, "expected ':' after the key");
		sc->i++;
		if (scan_value(sc, depth + 1, keyoff, 1, &kid) != 0)
			return -1;
		kid.key = key;
		if (push_kid(sc, &kid) != 0)
			return -1;
		skip_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == '}') {
			sc->i++;
			return close_container(sc, out, base);
		}
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return describe(sc, sc->i, "expected ',' or '}'");
		sc->i++;
		skip_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == '}')
			return fail(sc, sc->i, "invalid JSON: trailing comma "
			    "before '}'");
	}
}

static int
scan_array(struct scan *sc, int depth, struct jnode *out)
{
	size_t base = sc->nstack;
	struct jnode kid;

	sc->i++;
	skip_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == ']') {
		sc->i++;
		return 0;
	}
	for (;;) {
		if (scan_value(sc, depth + 1, 0, 0, &kid) != 0 ||
		    push_kid(sc, &kid) != 0)
			return -1;
		skip_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ']') {
			sc->i++;
			return close_container(sc, out, base);
		}
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return describe(sc, sc->i, "expected ',' or ']'");
		sc->i++;
		skip_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ']')
			return fail(sc, sc->i, "invalid JSON: trailing comma "
			    "before ']'");
	}
}

static int
scan_literal(struct scan *sc, const char *word)
{
	size_t len = strlen(word);

	if (sc->n - sc->i < len || memcmp(sc->s + sc->i, word, len) != 0)
		return describe(sc, sc->i, "expected a value");
	sc->i += len;
	return 0;
}

/* One value at sc->i into 'out', with its position (and its key's, at
 * 'keyoff', for an object member). */
static int
scan_value(struct scan *sc, int depth, size_t keyoff, int haskey,
    struct jnode *out)
{
	char c;

	memset(out, 0, sizeof(*out));
	skip_ws(sc);
	if (sc->i >= sc->n)
		return describe(sc, sc->i, "expected a value");
	if (depth > JDOC_MAX_DEPTH)
		return fail(sc, sc->i, "nested deeper than %d levels",
		    JDOC_MAX_DEPTH);
	if (sc->nvalues++ >= JDOC_MAX_VALUES)
		return fail(sc, sc->i, "more than %d values in one file",
		    JDOC_MAX_VALUES);
	if (haskey)
		locate(sc, keyoff, &out->kline, &out->kcol);
	locate(sc, sc->i, &out->line, &out->col);
	c = sc->s[sc->i];
	switch (c) {
	case '{':
		out->type = JOBJ;
		return scan_object(sc, depth, out);
	case '[':
		out->type = JARR;
		return scan_array(sc, depth, out);
	case '"':
		out->type = JSTR;
		return scan_string(sc, &out->str, &out->len);
	case 't':
		out->type = JBOOL;
		out->boolean = 1;
		return scan_literal(sc, "true");
	case 'f':
		out->type = JBOOL;
		return scan_literal(sc, "false");
	case 'n':
		out->type = JNULL;
		return scan_literal(sc, "null");
	default:
		out->type = JNUM;
		if (c == '-' || (c >= '0' && c <= '9'))
			return scan_number(sc, &out->num);
		return describe(sc, sc->i, "expected a value");
	}
}

static int
scan_document(struct scan *sc, struct jnode *root)
{
	if (sc->n >= 3 && memcmp(sc->s, "\xEF\xBB\xBF", 3) == 0)
		sc->i = sc->coff = 3;
	skip_ws(sc);
	if (sc->i >= sc->n)
		return fail(sc, sc->i, "invalid JSON: the file is empty");
	if (scan_value(sc, 1, 0, 0, root) != 0)
		return -1;
	skip_ws(sc);
	if (sc->i < sc->n)
		return fail(sc, sc->i, "invalid JSON: unexpected text after "
		    "the end of the document");
	return 0;
}

/* ==== Duplicate keys ==== */

static int
cmp_member(const void *a, const void *b)
{
	const struct jnode *x = *(const struct jnode *const *)a;
	const struct jnode *y = *(const struct jnode *const *)b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	if (x->kline != y->kline)
		return x->kline < y->kline ? -1 : 1;
	return x->kcol < y->kcol ? -1 : x->kcol > y->kcol;
}

static int
before(const struct jnode *a, const struct jnode *b)
{
	return a->kline < b->kline || (a->kline == b->kline &&
	    a->kcol < b->kcol);
}

/* Reject duplicate keys, naming the earliest repeated one. */
static int
check_duplicates(const struct jdoc *d, const struct jnode *obj,
    struct err *e)
{
	const struct jnode **v, *first = NULL, *dup = NULL;
	size_t i;
	int rc = 0;

	if (obj->nkids < 2)
		return 0;
	if (obj->nkids <= 16) {		/* most objects: no sorting */
		for (i = 1; i < obj->nkids && dup == NULL; i++) {
			size_t j;

			for (j = 0; j < i; j++)
				if (strcmp(obj->kids[i].key,
				    obj->kids[j].key) == 0) {
					dup = &obj->kids[i];
					first = &obj->kids[j];
					break;
				}
		}
		if (dup == NULL)
			return 0;
		return err_set(e, AS_EINPUT, d->file, dup->kline, dup->kcol,
		    "duplicate key '%s' (first at %u:%u)", dup->key,
		    first->kline, first->kcol);
	}
	if ((v = malloc(obj->nkids * sizeof(*v))) == NULL)
		return err_nomem(e);
	for (i = 0; i < obj->nkids; i++)
		v[i] = &obj->kids[i];
	qsort(v, obj->nkids, sizeof(*v), cmp_member);
	/* sorted by key, then position: a repeat follows its first use */
	for (i = 1; i < obj->nkids; i++)
		if (strcmp(v[i]->key, v[i - 1]->key) == 0 &&
		    (dup == NULL || before(v[i], dup)))
			dup = v[i];
	if (dup != NULL) {
		for (i = 0; i < obj->nkids; i++)
			if (strcmp(obj->kids[i].key, dup->key) == 0) {
				first = &obj->kids[i];
				break;
			}
		rc = err_set(e, AS_EINPUT, d->file, dup->kline, dup->kcol,
		    "duplicate key '%s' (first at %u:%u)", dup->key,
		    first->kline, first->kcol);
	}
	free(v);
	return rc;
}

/* Every object of the tree, children before their parent (the order in
 * which a repeated key is reported). */
static int
check_tree(const struct jdoc *d, const struct jnode *n, struct err *e)
{
	size_t i;

	for (i = 0; i < n->nkids; i++)
		if (n->kids[i].nkids > 0 && check_tree(d, &n->kids[i], e) != 0)
			return -1;
	return n->type == JOBJ ? check_duplicates(d, n, e) : 0;
}

int
jdoc_parse(struct jdoc *d, const char *file, const char *text, size_t len,
    struct err *e)
{
	struct scan sc;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	d->file = file;
	d->err = e;
	memset(&sc, 0, sizeof(sc));
	sc.s = text;
	sc.n = len;
	sc.cline = sc.ccol = 1;
	sc.arena = &d->arena;
	sc.file = file;
	sc.e = e;
	if (memchr(text, '\0', len) != NULL) {
		fail(&sc, (size_t)((const char *)memchr(text, '\0', len) - text),
		    "NUL byte in the file; is it really JSON?");
		goto out;
	}
	if ((d->root = arena_alloc(&d->arena, sizeof(*d->root))) == NULL) {
		err_nomem(e);
		goto out;
	}
	if (scan_document(&sc, d->root) != 0 || check_tree(d, d->root, e) != 0)
		goto out;
	rc = 0;
out:
	free(sc.stack);
	if (rc != 0)
		jdoc_release(d);
	return rc;
}

int
jdoc_read(const char *path, struct buf *text, struct err *e)
{
	struct stat st;

	/* room for the whole file at once: growing the buffer as it fills
	 * copies it and touches twice the memory */
	if (text->cap == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (unsigned long long)st.st_size < JDOC_MAX_BYTES &&
	    (text->data = malloc((size_t)st.st_size + 1)) != NULL)
		text->cap = (size_t)st.st_size + 1;
	return fsx_read(path, JDOC_MAX_BYTES, text, e);
}

int
jdoc_load(struct jdoc *d, const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	memset(d, 0, sizeof(*d));
	d->err = e;
	if (jdoc_read(path, &b, e) != 0) {
		buf_release(&b);
		return -1;
	}
	rc = jdoc_parse(d, path, b.data, b.len, e);
	buf_release(&b);
	return rc;
}

void
jdoc_release(struct jdoc *d)
{
	arena_release(&d->arena);
	d->root = NULL;
}


/* ==== Schema helpers ==== */

static int verror(const struct jdoc *, unsigned, unsigned, const char *,
    va_list) AS_PRINTF(4, 0);

static int
verror(const struct jdoc *d, unsigned line, unsigned col, const char *fmt,
    va_list ap)
{
	char msg[900];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return err_set(d->err, AS_EINPUT, d->file, line, col, "%s", msg);
}

int
jdoc_error(const struct jdoc *d, const struct jnode *n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verror(d, n->line, n->col, fmt, ap);
	va_end(ap);
	return rc;
}

int
jdoc_key_error(const struct jdoc *d, const struct jnode *n,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verror(d, n->kline ? n->kline : n->line,
	    n->kline ? n->kcol : n->col, fmt, ap);
	va_end(ap);
	return rc;
}

const char *
jdoc_typename(enum jtype t)
{
	switch (t) {
	case JNULL:
		return "null";
	case JBOOL:
		return "a boolean";
	case JNUM:
		return "a number";
	case JSTR:
		return "a string";
	case JARR:
		return "an array";
	case JOBJ:
		return "an object";
	}
	return "a value";
}

/* Keys are short and mostly differ at the first byte: look at it before
 * calling strcmp. */
static int
same_key(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

const struct jnode *
jdoc_get(const struct jnode *obj, const char *key)
{
	size_t i;

	if (obj == NULL || obj->type != JOBJ)
		return NULL;
	for (i = 0; i < obj->nkids; i++)
		if (same_key(obj->kids[i].key, key))
			return &obj->kids[i];
	return NULL;
}

int
jdoc_expect_object(const struct jdoc *d, const struct jnode *n,
    const char *const *allowed, const char *what)
{
	struct suggest s;
	size_t i, j;

	if (n->type != JOBJ)
		return jdoc_error(d, n, "%s must be an object, not %s", what,
		    jdoc_typename(n->type));
	for (i = 0; i < n->nkids; i++) {
		const char *key = n->kids[i].key;

		for (j = 0; allowed[j] != NULL; j++)
			if (same_key(key, allowed[j]))
				break;
		if (allowed[j] != NULL)
			continue;
		suggest_init(&s, key);
		for (j = 0; allowed[j] != NULL; j++)
			suggest_try(&s, allowed[j]);
		if (s.best != NULL)
			return jdoc_key_error(d, &n->kids[i], "unknown key '%s' "
			    "in %s; did you mean '%s'?", key, what, s.best);
		return jdoc_key_error(d, &n->kids[i], "unknown key '%s' in %s",
		    key, what);
	}
	return 0;
}

static const struct jnode *
member(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, int *rc)
{
	const struct jnode *n = jdoc_get(obj, key);

	*rc = 0;
	if (n == NULL && required)
		*rc = jdoc_error(d, obj, "missing required key '%s'", key);
	return n;
}

int
jdoc_string(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, size_t maxlen, const char **out)
{
	const struct jnode *n;
	size_t i;
	int rc;

	if ((n = member(d, obj, key, required, &rc)) == NULL)
		return rc;
	if (n->type != JSTR)
		return jdoc_error(d, n, "'%s' must be a string, not %s", key,
		    jdoc_typename(n->type));
	if (n->len == 0)
		return jdoc_error(d, n, "'%s' must not be empty", key);
	if (n->len > maxlen)
		return jdoc_error(d, n, "'%s' is %zu bytes long; the limit is "
		    "%zu", key, n->len, maxlen);
	for (i = 0; i + 8 <= n->len && !control8(swar_load(n->str + i));
	    i += 8)
		;
	for (; i < n->len; i++) {
		unsigned char c = (unsigned char)n->str[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			return jdoc_error(d, n, "'%s' contains the control "
			    "character 0x%02x", key, c);
	}
	*out = n->str;
	return 0;
}

int
jdoc_number(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, double *out)
{
	const struct jnode *n;
	int rc;

	if ((n = member(d, obj, key, required, &rc)) == NULL)
		return rc;
	if (n->type != JNUM)
		return jdoc_error(d, n, "'%s' must be a number, not %s", key,
		    jdoc_typename(n->type));
	*out = n->num;
	return 0;
}

int
jdoc_int(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, long min, long max, long *out)
{
	const struct jnode *n;
	int rc;

	if ((n = member(d, obj, key, required, &rc)) == NULL)
		return rc;
	if (n->type != JNUM || n->num != floor(n->num) ||
	    n->num < (double)min || n->num > (double)max)
		return jdoc_error(d, n, "'%s' must be an integer from %ld to "
		    "%ld", key, min, max);
	*out = (long)n->num;
	return 0;
}

int
jdoc_bool(const struct jdoc *d, const struct jnode *obj, const char *key,
    int *out)
{
	const struct jnode *n;
	int rc;

	if ((n = member(d, obj, key, 0, &rc)) == NULL)
		return rc;
	if (n->type != JBOOL)
		return jdoc_error(d, n, "'%s' must be true or false, not %s",
		    key, jdoc_typename(n->type));
	*out = n->boolean;
	return 0;
}

static int
container(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, enum jtype t, const struct jnode **out)
{
	const struct jnode *n;
	int rc;

	if ((n = member(d, obj, key, required, &rc)) == NULL)
		return rc;
	if (n->type != t)
		return jdoc_error(d, n, "'%s' must be %s, not %s", key,
		    jdoc_typename(t), jdoc_typename(n->type));
	*out = n;
	return 0;
}

int
jdoc_array(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, const struct jnode **out)
{
	return container(d, obj, key, required, JARR, out);
}

int
jdoc_object(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, const struct jnode **out)
{
	return container(d, obj, key, required, JOBJ, out);
}

int
jdoc_is_ident(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
			return 0;
	}
	return 1;
}

int
jdoc_ident(const struct jdoc *d, const struct jnode *n, const char *what)
{
	if (n->type != JSTR)
		return jdoc_error(d, n, "%s must be a string, not %s", what,
		    jdoc_typename(n->type));
	if (!jdoc_is_ident(n->str))
		return jdoc_error(d, n, "%s '%.80s' is not a valid identifier "
		    "(1-64 of A-Z a-z 0-9 _ . -, starting with a letter or "
		    "digit)", what, n->str);
	return 0;
}
