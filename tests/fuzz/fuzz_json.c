/*
 * fuzz_json.c - an independent strict JSON checker, the differential
 * oracle for jdoc.c: whatever a loader accepts must be one RFC 8259 JSON
 * text (an optional UTF-8 byte-order mark allowed) with valid UTF-8, no
 * raw control characters in strings, only paired surrogate escapes, no
 * "\u0000", numbers by the grammar (no leading zeros, no '+', no NaN), no
 * duplicate keys in an object (compared after unescaping), and nothing
 * after the value but whitespace.
 *
 * Written from RFC 8259, not from jdoc.c.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fuzz.h"

struct jp {
	const unsigned char	*s;
	size_t			 n, i;
	const char		*why;
	int			 depth;
};

#define BAD(p, msg) ((p)->why = (msg), 0)

static void
ws(struct jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
	    p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static int
hex4(struct jp *p, uint32_t *v)
{
	size_t k;

	*v = 0;
	if (p->n - p->i < 4)
		return BAD(p, "short \\u escape");
	for (k = 0; k < 4; k++) {
		unsigned char c = p->s[p->i++];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return BAD(p, "bad hex digit in \\u escape");
	}
	return 1;
}

/* Append code point 'cp' as UTF-8 to out (when out != NULL). */
static void
put(unsigned char **out, uint32_t cp)
{
	unsigned char *o = *out;

	if (o == NULL)
		return;
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*out = o;
}

/* A string at p->i (at the quote); its unescaped bytes to 'out' (room for
 * the raw length is enough) when not NULL. */
static int
string(struct jp *p, unsigned char *out, size_t *outlen)
{
	unsigned char *o = out;
	uint32_t cp, lo;
	int k;

	p->i++;
	for (;;) {
		unsigned char c;

		if (p->i >= p->n)
			return BAD(p, "unterminated string");
		c = p->s[p->i];
		if (c == '"') {
			p->i++;
			break;
		}
		if (c < 0x20)
			return BAD(p, "raw control character in a string");
		if (c != '\\') {
			k = fz_utf8_next(p->s + p->i, p->n - p->i, &cp);
			if (k == 0)
				return BAD(p, "invalid UTF-8 in a string");
			if (o != NULL) {
				memcpy(o, p->s + p->i, (size_t)k);
				o += k;
			}
			p->i += (size_t)k;
			continue;
		}
		if (++p->i >= p->n)
			return BAD(p, "unterminated escape");
		c = p->s[p->i++];
		switch (c) {
		case '"': case '\\': case '/':
			put(&o, c);
			break;
		case 'b': put(&o, 8); break;
		case 'f': put(&o, 12); break;
		case 'n': put(&o, 10); break;
		case 'r': put(&o, 13); break;
		case 't': put(&o, 9); break;
		case 'u':
			if (!hex4(p, &cp))
				return 0;
			if (cp == 0)
				return BAD(p, "\\u0000 in a string");
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return BAD(p, "lone low surrogate escape");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (p->n - p->i < 2 || p->s[p->i] != '\\' ||
				    p->s[p->i + 1] != 'u')
					return BAD(p, "lone high surrogate escape");
				p->i += 2;
				if (!hex4(p, &lo))
					return 0;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return BAD(p, "high surrogate without a low "
					    "one");
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
			}
			put(&o, cp);
			break;
		default:
			return BAD(p, "unknown escape");
		}
	}
	if (outlen != NULL)
		*outlen = (size_t)(o - out);
	return 1;
}

static int
number(struct jp *p)
{
	size_t start;

	if (p->s[p->i] == '-')
		p->i++;
	if (p->i >= p->n)
		return BAD(p, "lone minus");
	if (p->s[p->i] == '0') {
		p->i++;
		if (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			return BAD(p, "leading zero");
	} else if (p->s[p->i] >= '1' && p->s[p->i] <= '9') {
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
	} else {
		return BAD(p, "bad number");
	}
	if (p->i < p->n && p->s[p->i] == '.') {
		start = ++p->i;
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
		if (p->i == start)
			return BAD(p, "no digits after '.'");
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		start = p->i;
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
		if (p->i == start)
			return BAD(p, "no digits in the exponent");
	}
	return 1;
}

static int value(struct jp *p);

struct key {
	unsigned char	*s;
	size_t		 n;
};

static int
object(struct jp *p)
{
	struct key *keys = NULL;
	size_t nkeys = 0, j, raw, start;
	int ok = 0;

	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		return 1;
	}
	for (;;) {
		struct key k;

		ws(p);
		if (p->i >= p->n || p->s[p->i] != '"') {
			BAD(p, "expected a key");
			goto out;
		}
		start = p->i;
		if (!string(p, NULL, NULL))
			goto out;
		raw = p->i - start;
		p->i = start;
		if ((k.s = malloc(raw)) == NULL)
			fz_fail("out of memory");
		(void)string(p, k.s, &k.n);
		for (j = 0; j < nkeys; j++)
			if (keys[j].n == k.n && memcmp(keys[j].s, k.s, k.n) == 0) {
				free(k.s);
				BAD(p, "duplicate key");
				goto out;
			}
		{
			struct key *grown = realloc(keys, (nkeys + 1) *
			    sizeof(*keys));

			if (grown == NULL)
				fz_fail("out of memory");
			keys = grown;
		}
		keys[nkeys++] = k;
		ws(p);
		if (p->i >= p->n || p->s[p->i] != ':') {
			BAD(p, "expected ':'");
			goto out;
		}
		p->i++;
		if (!value(p))
			goto out;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			ok = 1;
			goto out;
		}
		BAD(p, "expected ',' or '}'");
		goto out;
	}
out:
	for (j = 0; j < nkeys; j++)
		free(keys[j].s);
	free(keys);
	return ok;
}

static int
array(struct jp *p)
{
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == ']') {
		p->i++;
		return 1;
	}
	for (;;) {
		if (!value(p))
			return 0;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == ']') {
			p->i++;
			return 1;
		}
		return BAD(p, "expected ',' or ']'");
	}
}

static int
literal(struct jp *p, const char *word)
{
	size_t n = strlen(word);

	if (p->n - p->i < n || memcmp(p->s + p->i, word, n) != 0)
		return BAD(p, "unexpected character");
	p->i += n;
	return 1;
}

static int
value(struct jp *p)
{
	int ok;

	ws(p);
	if (p->i >= p->n)
		return BAD(p, "expected a value");
	if (++p->depth > 1000)
		return BAD(p, "too deep for the checker");
	switch (p->s[p->i]) {
	case '{': ok = object(p); break;
	case '[': ok = array(p); break;
	case '"': ok = string(p, NULL, NULL); break;
	case 't': ok = literal(p, "true"); break;
	case 'f': ok = literal(p, "false"); break;
	case 'n': ok = literal(p, "null"); break;
	default: ok = number(p); break;
	}
	p->depth--;
	return ok;
}

const char *
fz_json_strict(const uint8_t *data, size_t size)
{
	struct jp p;

	memset(&p, 0, sizeof(p));
	p.s = data;
	p.n = size;
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		p.i = 3;
	if (!value(&p))
		return p.why;
	ws(&p);
	if (p.i != p.n)
		return "text after the value";
	return NULL;
}

void
fz_check_position(const struct err *e, const uint8_t *data, size_t size)
{
	size_t i, lines = 1;

	for (i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n')))
			lines++;
	fz_check(e->line <= lines, "error at line %u of a %zu-line input: %s",
	    e->line, lines, e->msg);
}
