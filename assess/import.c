/*
 * import.c - the matching core of 'assess import': header rows to a plan
 * of columns, data rows to checked responses.  The tools' own quirks are
 * in import_<tool>.c; the file is read elsewhere.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "arena.h"
#include "buf.h"
#include "impmap.h"
#include "import.h"
#include "memo.h"
#include "swar.h"
#include "utf8.h"

#define NORM_MAX	(TEXT_MAX + 64)
#define NAME_MAX_LEN	256	/* organisation names (answers contract) */

const struct import_tool *const import_tools[] = {
	&import_google, &import_msforms, &import_limesurvey, &import_kobo,
	&import_odk, &import_surveymonkey, &import_qualtrics, NULL,
};

const struct import_tool *
import_find_tool(const char *name)
{
	size_t i;

	for (i = 0; import_tools[i] != NULL; i++)
		if (strcmp(import_tools[i]->name, name) == 0)
			return import_tools[i];
	return NULL;
}

const struct import_tool *
import_detect(const char *const *f, const size_t *len, size_t n)
{
	const struct import_tool *best = NULL;
	int score, top = 0;
	size_t i;

	for (i = 0; import_tools[i] != NULL; i++)
		if ((score = import_tools[i]->sniff(f, len, n)) > top) {
			top = score;
			best = import_tools[i];
		}
	return best;
}

const char *
import_tool_names(void)
{
	return "google, msforms, limesurvey, kobo, odk, surveymonkey, "
	    "qualtrics";
}

/* Whether a byte must be escaped in a JSON string: controls, DEL, the
 * quote and the backslash.  Bytes of 0x80 and up pass as they are. */
static int
json_special(unsigned char c)
{
	static const uint64_t bits[4] = {
		UINT64_C(0xffffffff) | UINT64_C(1) << '"',
		UINT64_C(1) << ('\\' - 64) | UINT64_C(1) << (0x7f - 64), 0, 0
	};

	return (int)(bits[c >> 6] >> (c & 63) & 1);
}

/* The escape of a byte json_special() picks, written at d: its length. */
static size_t
json_escape(char *d, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	d[0] = '\\';
	if (c == '"' || c == '\\' || c == '\n') {
		d[1] = c == '\n' ? 'n' : (char)c;
		return 2;
	}
	memcpy(d + 1, "u00", 3);
	d[4] = hex[c >> 4];
	d[5] = hex[c & 15];
	return 6;
}

/* Whether any of eight bytes might need an escape (it can only err
 * towards looking closer).  An ASCII byte below 0x20 sets its top bit in
 * w - 0x2020...20, DEL in w + 0x0101...01 (~w keeps bytes of 0x80 and up
 * out of both), the quote and the backslash by swar_has().  A borrow or
 * carry starts only at such a byte or at 0xff, so every one shows. */
static int
any_special(uint64_t w)
{
	return ((((w - SWAR_ONES * 0x20) | (w + SWAR_ONES)) & ~w & SWAR_HIGH) |
	    swar_has(w, '"') | swar_has(w, '\\')) != 0;
}

/* The last rem (1 to 7) bytes of s[0..n), n >= 8, as the low bytes of
 * a word whose other bytes are 'a': one word test for a short tail. */
static uint64_t
tail_word(const unsigned char *u, size_t n, size_t rem)
{
	uint64_t w;

	memcpy(&w, u + n - 8, 8);
	w >>= 8 * (8 - rem);		/* the bytes before the tail out */
	return w | (SWAR_ONES * 'a' & ~UINT64_C(0) << 8 * rem);
}

/* The JSON text of s[0..n), quotes aside, written at d, which has room
 * for 6n + 8 bytes (every byte escaped, and a word's slack): its length.
 * Text that needs no escape goes eight bytes at a time, its tail as one
 * word (padded, or overlapping what went before); a text of four to
 * seven bytes as two overlapping halves of one word. */
static inline size_t
json_body(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	uint32_t lo, hi;
	uint64_t w;

	if (n >= 4 && n < 8) {
		memcpy(&lo, u, 4);
		memcpy(&hi, u + n - 4, 4);
		w = lo | (uint64_t)hi << 32;
		if (!any_special(w)) {
			memcpy(d, &lo, 4);
			memcpy(d + n - 4, &hi, 4);
			return n;
		}
	}
	for (; n - i >= 8; i += 8, o += 8) {
		memcpy(&w, u + i, 8);
		if (any_special(w))
			break;
		memcpy(d + o, &w, 8);
	}
	if (i < n && n >= 8 && n - i < 8) {
		w = tail_word(u, n, n - i);
		if (!any_special(w)) {
			memcpy(d + o, &w, 8);	/* the slack takes the padding */
			return o + (n - i);
		}
	}
	for (; i < n; i++) {
		if (json_special(u[i]))
			o += json_escape(d + o, u[i]);
		else
			d[o++] = (char)u[i];
	}
	return o;
}

/* Longer strings go in pieces, so the room asked for stays small. */
#define JSON_PIECE ((size_t)4096)

size_t
import_json_put(char *d, const char *s, size_t n)
{
	size_t o = 1 + json_body(d + 1, s, n);

	d[0] = '"';
	d[o] = '"';
	return o + 1;
}

void
import_json_string(struct buf *b, const char *s, size_t n)
{
	size_t l, o;
	char *d;

	if (n <= JSON_PIECE && (d = buf_room(b, IMPORT_JSON_ROOM(n))) !=
	    NULL) {
		buf_commit(b, import_json_put(d, s, n));
		return;
	}
	buf_putc(b, '"');
	for (; n > 0; s += l, n -= l) {	/* each piece's own quotes out */
		l = n < JSON_PIECE ? n : JSON_PIECE;
		if ((d = buf_room(b, IMPORT_JSON_ROOM(l))) == NULL)
			return;		/* the buffer has failed */
		o = import_json_put(d, s, l) - 2;
		memmove(d, d + 1, o);
		buf_commit(b, o);
	}
	buf_putc(b, '"');
}

/* ==== comparing texts ==== */

int
import_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(p, word, n) == 0;
}

int
import_one_of(const char *s, const char *const *list)
{
	size_t k;

	for (k = 0; list[k] != NULL; k++)
		if (strcasecmp(s, list[k]) == 0)
			return 1;
	return 0;
}

/* An HTML entity at s (after '&'): its plain text, and its length. */
static const char *
entity(const char *s, size_t n, size_t *used)
{
	static const char *const ents[][2] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
		{ "quot;", "\"" }, { "apos;", "'" }, { "#39;", "'" },
		{ "nbsp;", " " }, { "rsquo;", "'" }, { "lsquo;", "'" },
		{ "rdquo;", "\"" }, { "ldquo;", "\"" },
	};
	size_t k, l;

	for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
		l = strlen(ents[k][0]);
		if (l <= n && strncasecmp(s, ents[k][0], l) == 0) {
			*used = l;
			return ents[k][1];
		}
	}
	return NULL;
}

/* Typographic quotes and spaces as their plain forms, or NULL. */
static const char *
plain_char(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x2033:
		return "\"";
	case 0xA0: case 0x2002: case 0x2003: case 0x2009: case 0x202F:
		return " ";
	case 0x2013: case 0x2014:
		return "-";
	default:
		return NULL;
	}
}

struct norm {
	char	*d;
	size_t	 o, size;
	int	 space;		/* a space is pending */
};

static void
norm_put(struct norm *w, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			w->space = w->o > 0;
			continue;
		}
		if (w->space && w->o + 1 < w->size)
			w->d[w->o++] = ' ';
		w->space = 0;
		if (w->o + 1 < w->size)
			w->d[w->o++] = (char)tolower(c);
	}
}

void
import_normalise(const char *s, size_t n, char *dst, size_t size)
{
	struct norm w = { dst, 0, size, 0 };
	size_t i = 0, used;
	const char *rep;
	uint32_t cp;
	int k;

	while (i < n) {
		if (s[i] == '<' && i + 1 < n && (isalpha((unsigned char)s[i + 1])
		    || s[i + 1] == '/') && memchr(s + i, '>', n - i) != NULL) {
			i = (size_t)((const char *)memchr(s + i, '>', n - i) -
			    s) + 1;		/* a tag */
			continue;
		}
		if (s[i] == '&' && (rep = entity(s + i + 1, n - i - 1, &used))) {
			norm_put(&w, rep, strlen(rep));
			i += used + 1;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80 &&
		    (k = utf8_decode(s + i, n - i, &cp)) > 0) {
			rep = plain_char(cp);
			norm_put(&w, rep ? rep : s + i, rep ? strlen(rep) :
			    (size_t)k);
			i += (size_t)k;
			continue;
		}
		norm_put(&w, s + i, 1);
		i++;
	}
	while (w.o > 0 && strchr(":?*", w.d[w.o - 1]) != NULL)
		w.o--;			/* "Question?", "Question *:" */
	while (w.o > 0 && w.d[w.o - 1] == ' ')
		w.o--;
	dst[w.o] = '\0';
}

/* Only letters and digits, lowered: LimeSurvey codes, "ACC01". */
static void
squeeze(const char *s, size_t n, char *dst, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < size; i++)
		if (isalnum((unsigned char)s[i]))
			dst[o++] = (char)tolower((unsigned char)s[i]);
	dst[o] = '\0';
}

int
import_by_name(const struct survey *s, const char *name, int loose)
{
	char a[128], b[128];
	size_t i;
	int found = -1;

	if ((found = survey_answer_question(s, name)) >= 0 || !loose)
		return found;
	squeeze(name, strlen(name), a, sizeof(a));
	if (a[0] == '\0')
		return -1;
	for (i = 0; i < s->nq; i++) {
		squeeze(s->qs[i].id, strlen(s->qs[i].id), b, sizeof(b));
		if (strcmp(a, b) != 0)
			continue;
		if (found >= 0)
			return -1;
		found = (int)i;
	}
	return found;
}

int
import_by_text(const struct survey *s, const char *text)
{
	static char a[NORM_MAX], b[NORM_MAX];
	size_t i;
	int found = -1;

	import_normalise(text, strlen(text), a, sizeof(a));
	if (a[0] == '\0')
		return -1;
	for (i = 0; i < s->nq; i++) {
		import_normalise(s->qs[i].text, strlen(s->qs[i].text), b,
		    sizeof(b));
		if (strcmp(a, b) != 0)
			continue;
		if (found >= 0)
			return -1;
		found = (int)i;
	}
	return found;
}

/* Find the one option for which 'same' holds; -1 none, -2 several. */
static int
one_option(const struct question *q, const char *t,
    int (*same)(const struct choice *c, const char *t))
{
	size_t i;
	int found = -1;

	for (i = 0; i < q->nopts; i++) {
		if (!same(&q->opts[i], t))
			continue;
		if (found >= 0)
			return -2;
		found = (int)i;
	}
	return found;
}

static int
same_value(const struct choice *c, const char *t)
{
	return strcasecmp(c->value, t) == 0;
}

static int
same_label(const struct choice *c, const char *t)
{
	static char b[NORM_MAX];

	import_normalise(c->label, strlen(c->label), b, sizeof(b));
	return strcmp(b, t) == 0;
}

static int
same_code(const struct choice *c, const char *t)
{
	char b[128];

	squeeze(c->value, c->vlen, b, sizeof(b));
	return t[0] != '\0' && strcmp(b, t) == 0;
}

int
import_option(const struct question *q, const char *text, size_t n)
{
	static char t[NORM_MAX];
	char v[128];
	int k;

	if (n < sizeof(v)) {
		memcpy(v, text, n);
		v[n] = '\0';
		if ((k = one_option(q, v, same_value)) != -1)
			return k;
	}
	import_normalise(text, n, t, sizeof(t));
	if ((k = one_option(q, t, same_label)) != -1)
		return k;
	squeeze(text, n, v, sizeof(v));
	return n < 64 ? one_option(q, v, same_code) : -1;
}

int
import_split_option(const struct survey *s, const char *head,
    const char *sep, const char *close, int loose, struct import_col *c)
{
	const char *cut = NULL, *p;
	char qpart[NORM_MAX];
	size_t qn, on;
	int q, k;

	for (p = head; (p = strstr(p, sep)) != NULL; p += strlen(sep))
		cut = p;
	if (cut == NULL || (qn = (size_t)(cut - head)) >= sizeof(qpart))
		return -1;
	memcpy(qpart, head, qn);
	qpart[qn] = '\0';
	if ((q = import_by_name(s, qpart, loose)) < 0 &&
	    (q = import_by_text(s, qpart)) < 0)
		return -1;
	if (s->qs[q].type != Q_MULTI)
		return -1;
	p = cut + strlen(sep);
	on = strlen(p);
	if (close != NULL) {
		size_t cl = strlen(close);

		if (on < cl || strcmp(p + on - cl, close) != 0)
			return -1;
		on -= cl;
	}
	if ((k = import_option(&s->qs[q], p, on)) < 0)
		return -1;
	c->use = IU_OPTION;
	c->q = q;
	c->opt = k;
	return 0;
}

/* Words shared by two normalised texts, for the nearest candidates. */
static unsigned
overlap(const char *a, const char *b)
{
	char wa[64];
	const char *p = a;
	unsigned n = 0;

	while (*p != '\0') {
		size_t l = strcspn(p, " ");

		if (l > 2 && l < sizeof(wa)) {
			const char *hit = b;

			memcpy(wa, p, l);
			wa[l] = '\0';
			while ((hit = strstr(hit, wa)) != NULL) {
				if ((hit == b || hit[-1] == ' ') &&
				    (hit[l] == '\0' || hit[l] == ' ')) {
					n++;
					break;
				}
				hit += l;
			}
		}
		p += l;
		while (*p == ' ')
			p++;
	}
	return n;
}

size_t
import_nearest(const struct survey *s, const char *text, int *out,
    size_t max)
{
	static char a[NORM_MAX], b[NORM_MAX];
	unsigned best[8] = { 0 };
	size_t i, j, n = 0;

	if (max > 8)
		max = 8;
	import_normalise(text, strlen(text), a, sizeof(a));
	for (i = 0; i < s->nq; i++) {
		unsigned sc;

		import_normalise(s->qs[i].text, strlen(s->qs[i].text), b,
		    sizeof(b));
		sc = overlap(a, b) * 2;
		if (strcasecmp(a, s->qs[i].id) == 0)
			sc += 100;
		if (sc == 0)
			continue;
		for (j = n < max ? n : max; j > 0 && best[j - 1] < sc; j--)
			if (j < max) {
				best[j] = best[j - 1];
				out[j] = out[j - 1];
			}
		if (j < max) {
			best[j] = sc;
			out[j] = (int)i;
			if (n < max)
				n++;
		}
	}
	return n;
}

/* ==== the importer ==== */

enum phase { PH_HEADER, PH_PROBE, PH_DATA, PH_DONE };

struct import {
	const struct survey	*s;
	struct import_opts	 o;
	const struct import_tool *tool;
	const char		*file;
	struct arena		 arena;
	enum phase		 phase;
	char			**hdr[IMPORT_MAX_HEADER_ROWS];
	size_t			 nh[IMPORT_MAX_HEADER_ROWS];
	unsigned		 nhrows, header_end, first_line;
	int			 hxl_checked;
	struct import_col	*cols;
	size_t			 ncols;
	int			 has_org, has_role, probing;
	unsigned char		*cand;		/* probe: 1 maybe, 2 seen */
	int			*qcol;		/* question -> its column */
	struct buf		*vals;		/* per question, this row */
	const char		**text;
	size_t			*tlen;
	size_t			*idlen;		/* strlen of each question id */
	struct answer		*ans;
	unsigned char		*used;		/* per question: a cell of the
						   row went to it (only these
						   are not empty) */
	size_t			*ulist, nused;	/* those questions, in the
						   order the cells came */
	struct answer		*pre;		/* per question: its answer, */
	unsigned char		*has_pre;	/* when its one cell's memo had
						   it (see option_cell) */
	char			 org[NAME_MAX_LEN + 1];
	const char		*orgp;		/* the row's: org or deforg */
	size_t			 orglen, deforglen;
	char			 deforg[NAME_MAX_LEN + 1];
	struct buf		 role, defrole;
	unsigned		 roles, defroles;
	import_sink		 sink;
	import_bad		 bad;
	void			*ctx;
	struct import_stats	 st;
	const char		**warn;
	size_t			 nwarn;
	const char		***nlabel;	/* option labels, normalised */
	const char		***ncode;	/* option values, letters and
						   digits only */
	int			*other;		/* each question's "Other"
						   option, or -1 */
	struct memo		*cmemo;		/* per column: cells read */
	struct memo		*amemo;		/* per question: answers */
	struct memo		 rmemo;		/* role cells */
};

const struct survey *
import_survey(const struct import *im)
{
	return im->s;
}

const struct import_tool *
import_tool(const struct import *im)
{
	return im->tool;
}

unsigned
import_jobs(const struct import *im)
{
	return im->o.jobs;
}

const struct import_col *
import_columns(const struct import *im, size_t *n)
{
	*n = im->ncols;
	return im->cols;
}

const char *const *
import_warnings(const struct import *im)
{
	return im->warn;
}

void
import_stats(const struct import *im, struct import_stats *st)
{
	*st = im->st;
}

static int
warn(struct import *im, const char *fmt, ...) AS_PRINTF(2, 3);

static int
warn(struct import *im, const char *fmt, ...)
{
	char msg[900];
	const char **w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((w = arena_alloc(&im->arena, (im->nwarn + 2) * sizeof(*w))) ==
	    NULL)
		return -1;
	if (im->nwarn > 0)
		memcpy(w, im->warn, im->nwarn * sizeof(*w));
	if ((w[im->nwarn] = arena_strdup(&im->arena, msg)) == NULL)
		return -1;
	w[++im->nwarn] = NULL;
	im->warn = w;
	return 0;
}

/* The length of p up to the first of 'stop' (or all n bytes). */
static size_t
upto(const char *p, size_t n, const char *stop)
{
	size_t i;

	for (i = 0; i < n && strchr(stop, p[i]) == NULL; i++)
		;
	return i;
}

/* ---- audiences (roles) ---- */

/* The audience a piece of a role cell names (id or label), or -1. */
static int
audience_of(const struct survey *s, const char *p, size_t n)
{
	static char t[NORM_MAX], b[NORM_MAX];
	size_t k;

	import_normalise(p, n, t, sizeof(t));
	for (k = 0; k < s->naud; k++) {
		import_normalise(s->aud[k].label, strlen(s->aud[k].label), b,
		    sizeof(b));
		if (strcasecmp(s->aud[k].id, t) == 0 || strcmp(b, t) == 0)
			return (int)k;
	}
	return -1;
}

/* The longest audience label or id that starts 'p' and ends at a
 * separator; its length, or 0. */
static size_t
audience_prefix(const struct survey *s, const char *p, size_t n,
    const char *seps, int *which)
{
	size_t k, best = 0;
	int pass;

	for (k = 0; k < s->naud; k++)
		for (pass = 0; pass < 2; pass++) {
			const char *c = pass ? s->aud[k].label : s->aud[k].id;
			size_t l = strlen(c);

			if (l > best && l <= n && strncasecmp(p, c, l) == 0 &&
			    (l == n || strchr(seps, p[l]) != NULL ||
			    p[l] == ' ')) {
				best = l;
				*which = (int)k;
			}
		}
	return best;
}

/* A role cell into a set of audiences and their ids, ';'-joined. */
static int
parse_roles(const struct import *im, const char *p, size_t n,
    unsigned *set, struct buf *ids)
{
	const char *seps = im->tool && im->tool->split ? im->tool->split :
	    ";,";
	size_t i = 0, l;
	int k;

	*set = 0;
	buf_reset(ids);
	while (i < n) {
		while (i < n && (strchr(seps, p[i]) || p[i] == ' ' ||
		    p[i] == ';' || p[i] == ','))
			i++;
		if (i == n)
			break;
		if ((l = audience_prefix(im->s, p + i, n - i, seps, &k)) == 0) {
			l = upto(p + i, n - i, ";,");
			if ((k = audience_of(im->s, p + i, l)) < 0)
				return -1;
		}
		if (!(*set & (1u << k))) {
			if (ids->len > 0)
				buf_putc(ids, ';');
			buf_puts(ids, im->s->aud[k].id);
		}
		*set |= 1u << k;
		i += l;
	}
	return 0;
}

/* ==== the header: a plan of columns ==== */

/* The cell of a header row, NUL-ended, or "" past its end. */
static const char *
hcell(const struct import *im, unsigned row, size_t i)
{
	return row < im->nhrows && i < im->nh[row] ? im->hdr[row][i] : "";
}

/* Whether a header text names the column the user gave. */
static int
names_column(const char *given, const struct import_col *c)
{
	static char a[NORM_MAX], b[NORM_MAX];
	const char *h[3];
	size_t k;

	h[0] = c->head;
	h[1] = c->sub;
	h[2] = c->alt;
	import_normalise(given, strlen(given), a, sizeof(a));
	for (k = 0; k < 3; k++) {
		if (h[k] == NULL)
			continue;
		import_normalise(h[k], strlen(h[k]), b, sizeof(b));
		if (b[0] != '\0' && strcmp(a, b) == 0)
			return 1;
	}
	return 0;
}

static void
by_map(struct import *im, struct import_col *c)
{
	const struct impmap_col *m;

	if (im->o.map == NULL || (m = impmap_find(im->o.map, c->head,
	    c->sub)) == NULL)
		return;
	c->use = m->use;
	c->q = m->q;
	c->opt = m->opt;
	c->map = m;
	c->mapped = 1;
	c->how = "map";
}

/* What any tool's column may be when the tool's own rules say nothing. */
static void
by_default(struct import *im, struct import_col *c)
{
	static const char *const orgs[] = { "organisation", "organization",
	    "org", "organisation name", "organization name", NULL };
	static char t[NORM_MAX];
	const char *h[3];
	size_t k;
	int q;

	import_normalise(c->head, strlen(c->head), t, sizeof(t));
	for (k = 0; orgs[k] != NULL; k++)
		if (strcmp(t, orgs[k]) == 0) {
			c->use = IU_ORG;
			c->how = "header";
			return;
		}
	if (strcmp(t, "role") == 0) {
		c->use = IU_ROLE;
		c->how = "header";
		return;
	}
	h[0] = c->head;
	h[1] = c->sub;
	h[2] = c->alt;
	for (k = 0; k < 3; k++) {
		if (h[k] == NULL || h[k][0] == '\0')
			continue;
		if ((q = import_by_name(im->s, h[k], 0)) >= 0 ||
		    (q = import_by_text(im->s, h[k])) >= 0) {
			c->use = IU_QUESTION;
			c->q = q;
			c->how = strcmp(h[k], im->s->qs[q].id) == 0 ? "id" :
			    "text";
			return;
		}
	}
}

static int
classify(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	by_map(im, c);
	if (c->mapped && c->use != IU_IGNORE)
		return 0;
	if (c->mapped) {	/* ignored, unless it says what is complete */
		struct import_col t = *c;

		t.use = IU_UNMATCHED;
		if (im->tool->column(im, i, &t, e) != 0)
			return -1;
		if (t.use == IU_STATUS)
			*c = t;
		return 0;
	}
	if (im->o.org_column != NULL && names_column(im->o.org_column, c)) {
		c->use = IU_ORG;
		c->how = "--organisation-column";
		return 0;
	}
	if (im->o.role_column != NULL && names_column(im->o.role_column, c)) {
		c->use = IU_ROLE;
		c->how = "--role-column";
		return 0;
	}
	if (im->tool->column(im, i, c, e) != 0)
		return -1;
	if (c->use == IU_UNMATCHED && c->how[0] == '\0')
		by_default(im, c);
	return 0;
}

static int
plan_fail(struct import *im, size_t col, struct err *e, const char *fmt,
    ...) AS_PRINTF(4, 5);

static int
plan_fail(struct import *im, size_t col, struct err *e, const char *fmt,
    ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(e, AS_EINPUT, im->file, im->first_line,
	    (unsigned)col, "%s", msg);
}

/* "A1 (Who can open...), A5 (...)" for messages. */
static void
nearest_text(const struct survey *s, const char *head, char *dst,
    size_t size)
{
	int near[3];
	size_t k, n = import_nearest(s, head, near, 3), o = 0;

	dst[0] = '\0';
	for (k = 0; k < n && o + 1 < size; k++) {
		int w = snprintf(dst + o, size - o, "%s%s ('%.50s%s')",
		    k ? ", " : "", s->qs[near[k]].id, s->qs[near[k]].text,
		    strlen(s->qs[near[k]].text) > 50 ? "..." : "");

		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
	if (n == 0)
		snprintf(dst, size, "none");
}

/* Two columns for one question, or two organisation columns, cannot
 * both be read. */
static int
check_duplicates(struct import *im, struct err *e)
{
	size_t i, j;

	for (i = 0; i < im->ncols; i++) {
		struct import_col *a = &im->cols[i];

		if (a->use != IU_QUESTION && a->use != IU_OPTION &&
		    a->use != IU_ORG && a->use != IU_ROLE)
			continue;
		for (j = 0; j < i; j++) {
			struct import_col *b = &im->cols[j];

			if (a->use != b->use || ((a->use == IU_QUESTION ||
			    a->use == IU_OPTION) && (a->q != b->q ||
			    a->opt != b->opt)))
				continue;
			return plan_fail(im, i + 1, e, "columns '%.80s' (%zu) "
			    "and '%.80s' (%zu) are both %s%s; name the one to "
			    "use in a mapping file (-m)", b->head, j + 1,
			    a->head, i + 1, a->use == IU_ORG ? "the "
			    "organisation" : a->use == IU_ROLE ? "the role" :
			    "answers to ", a->q >= 0 ? im->s->qs[a->q].id : "");
		}
	}
	return 0;
}

/* A question read from one column per option keeps no summary column. */
static void
drop_summaries(struct import *im)
{
	size_t i, j;

	for (i = 0; i < im->ncols; i++) {
		if (im->cols[i].use != IU_QUESTION)
			continue;
		for (j = 0; j < im->ncols; j++)
			if (im->cols[j].use == IU_OPTION &&
			    im->cols[j].q == im->cols[i].q) {
				im->cols[i].use = IU_IGNORE;
				im->cols[i].how = "summary of option columns";
				break;
			}
	}
}

static int
check_named(struct import *im, const char *given, enum import_use use,
    const char *opt, struct err *e)
{
	size_t i;

	if (given == NULL)
		return 0;
	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].use == use && names_column(given,
		    &im->cols[i]))
			return 0;
	return err_set(e, AS_EINPUT, im->file, im->first_line, 0, "%s '%.80s': "
	    "no column of the export has that header", opt, given);
}

/* Not one column is a question: another form's export, most likely. */
static int
no_answers(struct import *im, struct err *e)
{
	char near[600];
	size_t i;

	for (i = 0; i < im->ncols && (im->cols[i].use != IU_UNMATCHED ||
	    im->cols[i].head[0] == '\0'); i++)
		;
	if (i == im->ncols)
		return plan_fail(im, 0, e, "no column matches a question of "
		    "survey '%s'; is this an export of another form?",
		    im->s->id);
	nearest_text(im->s, im->cols[i].head, near, sizeof(near));
	return plan_fail(im, i + 1, e, "no column matches a question of "
	    "survey '%s'; is this an export of another form? (column "
	    "'%.60s': nearest %s)", im->s->id, im->cols[i].head, near);
}

/* Columns nothing matched: an error with --strict, else a warning; the
 * role may still be found among them by content. */
static int
report_unmatched(struct import *im, struct err *e)
{
	char near[600];
	size_t i, answers = 0;

	for (i = 0; i < im->ncols; i++)
		answers += im->cols[i].use == IU_QUESTION ||
		    im->cols[i].use == IU_OPTION;
	if (answers == 0 && !im->o.plan_only)
		return no_answers(im, e);
	for (i = 0; i < im->ncols; i++) {
		struct import_col *c = &im->cols[i];

		if (c->use != IU_UNMATCHED || c->head[0] == '\0')
			continue;
		if (im->o.plan_only)
			continue;
		nearest_text(im->s, c->head, near, sizeof(near));
		if (im->o.strict)
			return plan_fail(im, i + 1, e, "column '%.80s' matches "
			    "no question of survey '%s' (nearest: %s); map it "
			    "with -m (see --init-map)", c->head, im->s->id,
			    near);
		if (warn(im, "%s: column '%.80s' matches no question and is "
		    "left out (nearest: %s)", im->file, c->head, near) != 0)
			return err_nomem(e);
	}
	return 0;
}

static int
start_probe(struct import *im, struct err *e)
{
	size_t i, n = 0;

	if (im->has_role || im->o.role != NULL)
		return 0;
	if ((im->cand = calloc(im->ncols + 1, 1)) == NULL)
		return err_nomem(e);
	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].use == IU_UNMATCHED && im->cols[i].head[0]) {
			im->cand[i] = 1;
			n++;
		}
	im->probing = n > 0;
	return 0;
}

static int
build_plan(struct import *im, struct err *e)
{
	size_t i, n = im->nh[0];

	if (n > IMPORT_MAX_COLUMNS)
		return plan_fail(im, 0, e, "%zu columns; at most %d are read",
		    n, IMPORT_MAX_COLUMNS);
	if ((im->cols = arena_alloc(&im->arena, (n + 1) * sizeof(*im->cols)))
	    == NULL)
		return err_nomem(e);
	im->ncols = n;
	for (i = 0; i < n; i++) {
		struct import_col *c = &im->cols[i];
		size_t k = i;

		c->q = c->opt = -1;
		c->how = "";
		if (im->tool->header_rows == 2)	/* carried over blank cells */
			while (k > 0 && hcell(im, 0, k)[0] == '\0')
				k--;
		c->head = hcell(im, 0, k);
		if (im->tool->header_rows == 2)
			c->sub = hcell(im, 1, i);
		if (im->tool->header_rows == 3)
			c->alt = hcell(im, 1, i);
		if (classify(im, i, c, e) != 0)
			return -1;
		im->has_org |= c->use == IU_ORG;
		im->has_role |= c->use == IU_ROLE;
	}
	drop_summaries(im);
	if (check_duplicates(im, e) != 0 ||
	    check_named(im, im->o.org_column, IU_ORG,
	    "--organisation-column", e) != 0 ||
	    check_named(im, im->o.role_column, IU_ROLE, "--role-column", e)
	    != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (im->cols[i].use == IU_QUESTION ||
		    im->cols[i].use == IU_OPTION)
			im->qcol[im->cols[i].q] = (int)i;
	if (start_probe(im, e) != 0)
		return -1;
	return im->probing ? 0 : report_unmatched(im, e);
}

/* Keep a header row (copied: the caller's cells do not outlive the
 * call). */
static int
keep_header(struct import *im, const char *const *f, const size_t *len,
    size_t n, struct err *e)
{
	char **row;
	size_t i;

	if ((row = arena_alloc(&im->arena, (n + 1) * sizeof(*row))) == NULL)
		return err_nomem(e);
	for (i = 0; i < n; i++) {
		size_t bad;

		if (!utf8_valid(f[i], len[i], &bad))
			return err_set(e, AS_EINPUT, im->file, im->first_line,
			    (unsigned)i + 1, "the header is not UTF-8 (byte "
			    "0x%02X); export it as \"CSV UTF-8\"",
			    (unsigned char)f[i][bad]);
		if ((row[i] = arena_strndup(&im->arena, f[i], len[i])) == NULL)
			return err_nomem(e);
	}
	im->hdr[im->nhrows] = row;
	im->nh[im->nhrows++] = n;
	return 0;
}

static int
blank_row(const char *const *f, const size_t *len, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < len[i]; j++)
			if (f[i][j] != ' ' && f[i][j] != '\t')
				return 0;
	return 1;
}

static int
header_row(struct import *im, const char *const *f, const size_t *len,
    size_t n, unsigned line, struct err *e)
{
	if (im->nhrows == 0) {
		const struct import_tool *seen = import_detect(f, len, n);

		im->first_line = line;
		if (im->tool == NULL && (im->tool = seen) == NULL)
			return err_set(e, AS_EINPUT, im->file, line, 0, "cannot "
			    "tell which survey tool wrote this export; give "
			    "--from with one of %s", import_tool_names());
		if (seen != NULL && seen != im->tool &&
		    im->tool->sniff(f, len, n) == 0)
			return err_set(e, AS_EINPUT, im->file, line, 0, "this "
			    "header is from %s, not %s; give --from %s (or "
			    "leave --from out)", seen->title, im->tool->title,
			    seen->name);
	}
	if (keep_header(im, f, len, n, e) != 0)
		return -1;
	im->header_end = line;
	if (im->nhrows < im->tool->header_rows)
		return 0;
	im->phase = PH_DATA;
	if (build_plan(im, e) != 0)
		return -1;
	if (im->probing)
		im->phase = PH_PROBE;
	return 0;
}

/* ==== data rows: cells to answers ==== */

struct rowerr {
	unsigned	 line;
	size_t		 col;
	char		 msg[900];
};

static int
row_err(struct rowerr *r, size_t col, const char *fmt, ...)
    AS_PRINTF(3, 4);

static int
row_err(struct rowerr *r, size_t col, const char *fmt, ...)
{
	va_list ap;

	r->col = col;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	return -1;
}

#define BLANK(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n')

static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && BLANK(**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && BLANK((*p)[*n - 1]))
		(*n)--;
}

/* Add an option value to a question's answer, once. */
static void
add_value(struct buf *b, const char *v)
{
	size_t l = strlen(v), i = 0;

	while (i < b->len) {
		size_t j = upto(b->data + i, b->len - i, ";");

		if (j == l && memcmp(b->data + i, v, l) == 0)
			return;
		i += j + 1;
	}
	if (b->len > 0)
		buf_putc(b, ';');
	buf_puts(b, v);
}

static int
other_option(const struct question *q)
{
	size_t k;

	for (k = 0; k < q->nopts; k++)
		if (strcasecmp(q->opts[k].value, "other") == 0 ||
		    strcasecmp(q->opts[k].label, "other") == 0)
			return (int)k;
	return -1;
}

/* Y/N, 1/0, True/False for a yes/no question: its yes or no option. */
static int
yesno_option(const struct question *q, const char *p, size_t n)
{
	static const char *const yes[] = { "y", "1", "true", NULL };
	static const char *const no[] = { "n", "0", "false", NULL };
	const char *want = NULL;
	size_t k;

	for (k = 0; yes[k] != NULL; k++) {
		if (import_is(p, n, yes[k]))
			want = "yes";
		if (import_is(p, n, no[k]))
			want = "no";
	}
	if (q->type != Q_YESNO || want == NULL)
		return -1;
	for (k = 0; k < q->nopts; k++)
		if (strcasecmp(q->opts[k].value, want) == 0 ||
		    strcasecmp(q->opts[k].label, want) == 0)
			return (int)k;
	return -1;
}

/* import_option() with the survey's texts normalised once, not per
 * cell: the per-row cost of an import is mostly this. */
static int
row_option(const struct import *im, const struct question *q,
    const char *p, size_t n)
{
	static char t[NORM_MAX];
	const char *const *lab = im->nlabel[q - im->s->qs];
	const char *const *code = im->ncode[q - im->s->qs];
	char v[128];
	size_t k;
	int found = -1;

	for (k = 0; k < q->nopts; k++)
		if (q->opts[k].vlen == n && strncasecmp(q->opts[k].value, p,
		    n) == 0)
			return (int)k;
	for (k = 0; k < q->nopts; k++)	/* the label as the survey has it */
		if (strncmp(q->opts[k].label, p, n) == 0 &&
		    q->opts[k].label[n] == '\0')
			return (int)k;
	import_normalise(p, n, t, sizeof(t));
	for (k = 0; k < q->nopts; k++)
		if (strcmp(lab[k], t) == 0) {
			if (found >= 0)
				return -2;
			found = (int)k;
		}
	if (found >= 0 || n >= 64)
		return found;
	squeeze(p, n, v, sizeof(v));
	for (k = 0; v[0] != '\0' && k < q->nopts; k++)
		if (strcmp(code[k], v) == 0) {
			if (found >= 0)
				return -2;
			found = (int)k;
		}
	return found;
}

/* Each option's label normalised and value squeezed, once. */
static int
prepare_options(struct import *im)
{
	static char t[NORM_MAX];
	size_t q, k;

	if ((im->nlabel = arena_alloc(&im->arena, im->s->nq *
	    sizeof(*im->nlabel))) == NULL || (im->ncode = arena_alloc(
	    &im->arena, im->s->nq * sizeof(*im->ncode))) == NULL ||
	    (im->other = arena_alloc(&im->arena, im->s->nq *
	    sizeof(*im->other))) == NULL)
		return -1;
	for (q = 0; q < im->s->nq; q++) {
		const struct question *qq = &im->s->qs[q];

		im->other[q] = other_option(qq);

		if ((im->nlabel[q] = arena_alloc(&im->arena, (qq->nopts + 1) *
		    sizeof(char *))) == NULL || (im->ncode[q] = arena_alloc(
		    &im->arena, (qq->nopts + 1) * sizeof(char *))) == NULL)
			return -1;
		for (k = 0; k < qq->nopts; k++) {
			import_normalise(qq->opts[k].label,
			    strlen(qq->opts[k].label), t, sizeof(t));
			if ((im->nlabel[q][k] = arena_strdup(&im->arena, t)) ==
			    NULL)
				return -1;
			squeeze(qq->opts[k].value, qq->opts[k].vlen, t, 128);
			if ((im->ncode[q][k] = arena_strdup(&im->arena, t)) ==
			    NULL)
				return -1;
		}
	}
	return 0;
}

/* The option a piece of a cell means, by every rule in turn; -1 none,
 * -2 two options. */
static int
match_option(const struct import *im, const struct import_col *c,
    const struct question *q, const char *p, size_t n, const char **val)
{
	int k;

	*val = NULL;
	if (c->map != NULL && (*val = impmap_value(c->map, p, n)) != NULL)
		return 0;
	if ((k = row_option(im, q, p, n)) != -1)
		return k;
	if ((k = yesno_option(q, p, n)) >= 0)
		return k;
	if (import_is(p, n, "-oth-"))
		return im->other[q - im->s->qs];
	if (im->tool->recode && n > 0 && n < 4 && strspn(p, "0123456789")
	    >= n) {
		long v = strtol(p, NULL, 10);

		if (v >= 1 && (size_t)v <= q->nopts)
			return (int)v - 1;
	}
	return -1;
}

static int
not_an_option(struct rowerr *r, size_t col, const struct question *q,
    const char *p, size_t n, int k)
{
	char allowed[400];
	size_t i, o = 0;
	int a = -1, b = -1;

	if (k == -2) {
		static char t[NORM_MAX];
		char v[64];

		import_normalise(p, n, t, sizeof(t));
		squeeze(p, n, v, sizeof(v));
		for (i = 0; i < q->nopts; i++)
			if (same_label(&q->opts[i], t) ||
			    same_code(&q->opts[i], v)) {
				if (a < 0)
					a = (int)i;
				else if (b < 0)
					b = (int)i;
			}
		return row_err(r, col, "%s: '%.*s' matches more than one "
		    "option ('%s' and '%s'); say which in a mapping file (-m)",
		    q->id, (int)(n > 60 ? 60 : n), p,
		    a >= 0 ? q->opts[a].value : "?",
		    b >= 0 ? q->opts[b].value : "?");
	}
	allowed[0] = '\0';
	for (i = 0; i < q->nopts && o + 80 < sizeof(allowed); i++)
		o += (size_t)snprintf(allowed + o, sizeof(allowed) - o,
		    "%s%s ('%.40s')", i ? ", " : "", q->opts[i].value,
		    q->opts[i].label);
	return row_err(r, col, "%s: '%.*s' is not an option; expected a value "
	    "or label of %s", q->id, (int)(n > 60 ? 60 : n), p, allowed);
}

/* The longest option label or value that starts 'p' and ends at a
 * separator; its length (0 if none) and option in '*which'. */
static size_t
option_prefix(const struct question *q, const char *p, size_t n,
    const char *seps, int *which)
{
	size_t k, best = 0;
	int pass;

	for (k = 0; k < q->nopts; k++)
		for (pass = 0; pass < 2; pass++) {
			const char *c = pass ? q->opts[k].label :
			    q->opts[k].value;
			size_t l = strlen(c);

			if (l > best && l <= n && strncasecmp(p, c, l) == 0 &&
			    (l == n || strchr(seps, p[l]) != NULL ||
			    (p[l] == ' ' && strchr(seps, ' ') != NULL))) {
				best = l;
				*which = (int)k;
			}
		}
	return best;
}

/* A multi-select cell: the tool's separators, longest label first
 * (labels may hold the separator); a piece no option claims is the text
 * of an "Other" choice where the tool puts it there. */
static int
multi_cell(const struct import *im, const struct import_col *c,
    const struct question *q, const char *p, size_t n, struct buf *out,
    struct rowerr *r, size_t col)
{
	const char *seps = im->tool->split ? im->tool->split : ";";
	const char *val;
	size_t i = 0, l;
	int k, oth = im->other[q - im->s->qs];

	while (i < n) {
		while (i < n && (strchr(seps, p[i]) != NULL || p[i] == ' '))
			i++;
		if (i == n)
			break;
		if ((l = option_prefix(q, p + i, n - i, seps, &k)) > 0) {
			add_value(out, q->opts[k].value);
			i += l;
			continue;
		}
		l = upto(p + i, n - i, seps);
		while (l > 0 && p[i + l - 1] == ' ')
			l--;
		k = match_option(im, c, q, p + i, l, &val);
		if (val != NULL)
			add_value(out, val);
		else if (k >= 0)
			add_value(out, q->opts[k].value);
		else if (k == -1 && im->tool->other_inline && oth >= 0)
			add_value(out, q->opts[oth].value);
		else
			return not_an_option(r, col, q, p + i, l, k);
		i += l;
	}
	return 0;
}

static int
choice_cell(const struct import *im, const struct import_col *c,
    const struct question *q, const char *p, size_t n, struct buf *out,
    struct rowerr *r, size_t col)
{
	const char *val;
	int k, oth = im->other[q - im->s->qs];

	if (import_is(p, n, "na") && import_option(q, p, n) < 0) {
		buf_puts(out, "na");	/* response.c decides if allowed */
		return 0;
	}
	k = match_option(im, c, q, p, n, &val);
	if (val != NULL) {
		buf_puts(out, val);
		return 0;
	}
	if (k == -1 && im->tool->other_inline && oth >= 0)
		k = oth;
	if (k < 0)
		return not_an_option(r, col, q, p, n, k);
	buf_puts(out, q->opts[k].value);
	return 0;
}

/* Whether a cell of a one-column-per-option export means "chosen". */
static int
chosen(const char *p, size_t n)
{
	static const char *const no[] = { "0", "n", "no", "false", "n/a",
	    NULL };
	size_t k;

	if (n == 0)
		return 0;
	for (k = 0; no[k] != NULL; k++)
		if (import_is(p, n, no[k]))
			return 0;
	return 1;
}

static int
unsafe_name(const char *p, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	int k;

	if (utf8_printable(p, n))
		return 0;		/* the usual name: nothing to look at */
	while (i < n) {
		if ((unsigned char)p[i] >= 0x20 && (unsigned char)p[i] < 0x7f) {
			i++;		/* printable ASCII: safe as it is */
			continue;
		}
		if ((k = utf8_decode(p + i, n - i, &cp)) == 0 ||
		    utf8_is_unsafe(cp))
			return 1;
		i += (size_t)k;
	}
	return 0;
}

static int
org_cell(struct import *im, const char *p, size_t n, struct rowerr *r,
    size_t col)
{
	if (n == 0)
		return 0;
	if (n > NAME_MAX_LEN)
		return row_err(r, col, "the organisation name is longer than "
		    "%d bytes", NAME_MAX_LEN);
	if (unsafe_name(p, n))
		return row_err(r, col, "the organisation name holds a control "
		    "character or is not UTF-8");
	memcpy(im->org, p, n);
	im->org[n] = '\0';
	im->orgp = im->org;
	im->orglen = n;
	return 0;
}

/* A role cell's result kept: the set, then the audience ids. */
static void
remember_roles(struct import *im, const char *p, size_t n)
{
	char v[sizeof(unsigned) + 256];

	if (im->role.len > sizeof(v) - sizeof(im->roles))
		return;
	memcpy(v, &im->roles, sizeof(im->roles));
	memcpy(v + sizeof(im->roles), im->role.data, im->role.len);
	memo_put(&im->rmemo, p, n, v, sizeof(im->roles) + im->role.len);
}

static int
role_cell(struct import *im, const char *p, size_t n, struct rowerr *r,
    size_t col)
{
	const struct buf *m;
	char list[300];
	size_t k, o = 0;

	if (n == 0)
		return 0;
	if ((m = memo_get(&im->rmemo, p, n)) != NULL) {
		memcpy(&im->roles, m->data, sizeof(im->roles));
		buf_reset(&im->role);
		buf_add(&im->role, m->data + sizeof(im->roles),
		    m->len - sizeof(im->roles));
		return buf_ok(&im->role, NULL) == 0 ? 0 : row_err(r, col,
		    "out of memory");
	}
	if (parse_roles(im, p, n, &im->roles, &im->role) == 0) {
		remember_roles(im, p, n);
		return buf_ok(&im->role, NULL) == 0 ? 0 : row_err(r, col,
		    "out of memory");
	}
	list[0] = '\0';
	for (k = 0; k < im->s->naud && o + 60 < sizeof(list); k++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s ('%.30s')",
		    k ? ", " : "", im->s->aud[k].id, im->s->aud[k].label);
	return row_err(r, col, "role '%.*s' is not an audience of survey '%s'; "
	    "expected an id or label of %s", (int)(n > 60 ? 60 : n), p,
	    im->s->id, list);
}

/* What a choice cell's memo keeps: whether the answer that its text
 * parses to follows, the answer, then the text (option values). */
#define CELL_HEAD (1 + sizeof(struct answer))
#define CELL_KEPT_MAX 512

/* A choice cell's text kept for the next time, with its answer when the
 * text parses (a question of one column is answered by it alone: the
 * row need not parse it again).  An error is never kept. */
static void
remember_cell(struct import *im, struct memo *m, const struct question *q,
    const char *p, size_t n, const struct buf *out)
{
	char v[CELL_HEAD + CELL_KEPT_MAX], msg[700];
	struct answer a;

	if (out->len > CELL_KEPT_MAX)
		return;
	v[0] = (char)(response_parse(q, out->data, out->len, &a, msg,
	    sizeof(msg)) == 0);
	memcpy(v + 1, &a, sizeof(a));
	memcpy(v + CELL_HEAD, out->data, out->len);
	memo_put(m, p, n, v, CELL_HEAD + out->len);
	if (v[0]) {
		im->pre[q - im->s->qs] = a;
		im->has_pre[q - im->s->qs] = 1;
	}
}

/* A cell of a choice or multi-select question: what the same text in
 * this column gave before, or matched now. */
static int
option_cell(struct import *im, size_t i, const char *p, size_t n,
    struct buf *out, struct rowerr *r)
{
	const struct import_col *c = &im->cols[i];
	const struct question *q = &im->s->qs[c->q];
	struct memo *m = im->cmemo != NULL && out->len == 0 ? &im->cmemo[i] :
	    NULL;
	const struct buf *v;
	int rc;

	if (m != NULL && (v = memo_get(m, p, n)) != NULL) {
		buf_add(out, v->data + CELL_HEAD, v->len - CELL_HEAD);
		if (v->data[0]) {
			memcpy(&im->pre[c->q], v->data + 1, sizeof(im->pre[0]));
			im->has_pre[c->q] = 1;
		}
		return 0;
	}
	rc = q->type == Q_MULTI ? multi_cell(im, c, q, p, n, out, r, i + 1) :
	    choice_cell(im, c, q, p, n, out, r, i + 1);
	if (rc == 0 && m != NULL && out->len > 0)
		remember_cell(im, m, q, p, n, out);
	return rc;
}

/* One cell of a data row into the row's answers. */
static int
cell(struct import *im, size_t i, const char *p, size_t n,
    enum import_state *state, struct rowerr *r)
{
	const struct import_col *c = &im->cols[i];
	const struct question *q;
	struct buf *out;
	enum import_state st;

	if (c->use == IU_STATUS) {
		if ((st = im->tool->state(c->status, p, n)) > *state)
			*state = st;
		return 0;
	}
	if (n == 0 || c->use == IU_UNMATCHED || c->use == IU_IGNORE ||
	    c->use == IU_META)
		return 0;	/* an empty cell adds nothing to any column */
	q = c->q >= 0 ? &im->s->qs[c->q] : NULL;
	out = c->q >= 0 ? &im->vals[c->q] : NULL;
	if (c->q >= 0) {
		if (!im->used[c->q]) {
			im->used[c->q] = 1;
			im->ulist[im->nused++] = (size_t)c->q;
		}
		im->has_pre[c->q] = 0;	/* another cell: parse the whole */
	}
	if ((q == NULL || q->type != Q_TEXT) && (BLANK(p[0]) ||
	    BLANK(p[n - 1])))
		trim(&p, &n);
	if (im->tool->blank != NULL && im->tool->blank(p, n))
		n = 0;
	switch (c->use) {
	case IU_ORG:
		return org_cell(im, p, n, r, i + 1);
	case IU_ROLE:
		return role_cell(im, p, n, r, i + 1);
	case IU_OPTION:
		if (chosen(p, n))
			add_value(out, q->opts[c->opt].value);
		return 0;
	case IU_OTHER:
		if (n > 0 && im->other[c->q] >= 0 && (q->type == Q_MULTI ||
		    out->len == 0))
			add_value(out, q->opts[im->other[c->q]].value);
		return 0;
	default:
		break;
	}
	if (n == 0)
		return 0;
	if (out->len > 0 && q->type != Q_MULTI)
		return row_err(r, i + 1, "%s is answered twice in this row", q->id);
	switch (q->type) {
	case Q_MULTI:
	case Q_SINGLE:
	case Q_LIKERT:
	case Q_YESNO:
		return option_cell(im, i, p, n, out, r);
	case Q_NUMBER:
	case Q_TEXT:
		buf_add(out, p, n);
		return 0;
	}
	return 0;
}

/* A required question this respondent was asked and left empty (for
 * tools that mark no partial responses but enforce required answers). */
static int
misses_required(const struct import *im)
{
	size_t k;

	for (k = 0; k < im->s->nq; k++) {
		const struct question *q = &im->s->qs[k];

		if (q->required && q->when.op == W_NONE &&
		    (q->audience & im->roles) != 0 && im->vals[k].len == 0)
			return 1;
	}
	return 0;
}

/* A question's text as the answers readers parse it, or as the same
 * text parsed before (choices only: numbers and texts rarely repeat). */
static int
parse_answer(struct import *im, size_t k, const struct buf *b,
    struct answer *a, char *msg, size_t size)
{
	const struct question *q = &im->s->qs[k];
	struct memo *m = im->amemo != NULL && q->type != Q_NUMBER &&
	    q->type != Q_TEXT ? &im->amemo[k] : NULL;
	const struct buf *v;

	if (m != NULL && (v = memo_get(m, b->data, b->len)) != NULL &&
	    v->len == sizeof(*a)) {
		memcpy(a, v->data, sizeof(*a));
		return 0;
	}
	if (response_parse(q, b->data, b->len, a, msg, size) != 0)
		return -1;
	if (m != NULL)
		memo_put(m, b->data, b->len, a, sizeof(*a));
	return 0;
}

/* The questions the row used in question order, so that the first bad
 * answer is the one reported (a handful: insertion sort). */
static void
sort_used(struct import *im)
{
	size_t i, j, k;

	for (i = 1; i < im->nused; i++) {
		k = im->ulist[i];
		for (j = i; j > 0 && im->ulist[j - 1] > k; j--)
			im->ulist[j] = im->ulist[j - 1];
		im->ulist[j] = k;
	}
}

/* The row's answers, checked as the answers readers check them. */
static int
make_response(struct import *im, struct response *resp, unsigned line,
    struct rowerr *r)
{
	char msg[700];
	size_t j, k;
	int badq;

	memset(resp, 0, sizeof(*resp));
	resp->file = im->file;
	resp->line = line;
	resp->org = im->orgp;
	resp->roles = im->roles;
	resp->ans = im->ans;
	sort_used(im);
	for (j = 0; j < im->nused; j++) {	/* the others are empty */
		struct buf *b = &im->vals[k = im->ulist[j]];

		if (buf_ok(b, NULL) != 0)
			return row_err(r, 0, "out of memory");
		im->text[k] = b->len > 0 ? buf_str(b) : NULL;
		im->tlen[k] = b->len;
		if (im->has_pre[k])
			im->ans[k] = im->pre[k];
		else if (b->len > 0 && parse_answer(im, k, b, &im->ans[k],
		    msg, sizeof(msg)) != 0)
			return row_err(r, (size_t)im->qcol[k] + 1, "%s", msg);
	}
	if (response_check(im->s, resp, &badq, msg, sizeof(msg)) != 0)
		return row_err(r, im->qcol[badq] >= 0 ?
		    (size_t)im->qcol[badq] + 1 : 0, "%s", msg);
	return 0;
}

/* A fresh row: the questions the last one used emptied again, and no
 * question asked yet (response_check sets that for every question). */
static void
start_row(struct import *im)
{
	size_t j, k;

	for (j = 0; j < im->nused; j++) {
		struct answer *a = &im->ans[k = im->ulist[j]];

		buf_reset(&im->vals[k]);
		im->text[k] = NULL;
		im->tlen[k] = 0;
		memset(a, 0, sizeof(*a));
		a->opt = -1;
		im->used[k] = 0;
	}
	im->nused = 0;
	for (k = 0; k < im->s->nq; k++)
		im->ans[k].asked = im->ans[k].skipped = 0;
	im->orgp = im->deforg;
	im->orglen = im->deforglen;
	im->roles = im->defroles;
	buf_reset(&im->role);
	buf_add(&im->role, im->defrole.data, im->defrole.len);
}

/* A bad row: the error, or with --keep-going a note and the next row. */
static int
bad_row(struct import *im, const struct rowerr *r, struct err *e)
{
	struct err tmp;

	err_set(&tmp, AS_EINPUT, im->file, r->line, (unsigned)r->col, "%s",
	    r->msg);
	if (!im->o.keep_going) {
		*e = tmp;
		return -1;
	}
	im->st.excluded++;
	if (im->bad != NULL)
		im->bad(im->ctx, &tmp);
	return 0;
}

/* An HXL hashtag row under the header: every filled cell a #tag. */
static int
hxl_row(const char *const *f, const size_t *len, size_t n)
{
	size_t i, tags = 0;

	for (i = 0; i < n; i++) {
		if (len[i] == 0)
			continue;
		if (f[i][0] != '#')
			return 0;
		tags++;
	}
	return tags > 0;
}

static int
data_row(struct import *im, const char *const *f, const size_t *len,
    size_t n, unsigned line, struct err *e)
{
	enum import_state state = IS_KEEP;
	struct import_resp ir;
	struct response resp;
	struct rowerr r;
	size_t i;

	r.line = line;
	r.col = 0;
	r.msg[0] = '\0';
	if (im->cmemo == NULL)	/* no memory: every cell is matched anew */
		im->cmemo = calloc(im->ncols, sizeof(*im->cmemo));
	if (im->amemo == NULL)
		im->amemo = calloc(im->s->nq, sizeof(*im->amemo));
	if (n != im->ncols && !(n == im->ncols + 1 && len[n - 1] == 0)) {
		row_err(&r, 0, "%zu fields, but the header has %zu%s", n,
		    im->ncols, n < im->ncols ? "; is the file cut short?" : "");
		return bad_row(im, &r, e);
	}
	start_row(im);
	for (i = 0; i < im->ncols; i++)
		if (cell(im, i, f[i], len[i], &state, &r) != 0)
			return bad_row(im, &r, e);
	if (state == IS_KEEP && im->tool->partial_if_required &&
	    misses_required(im))
		state = IS_PARTIAL;
	if (state == IS_REJECT || (state == IS_PARTIAL && !im->o.partial)) {
		if (state == IS_REJECT)
			im->st.rejected++;
		else
			im->st.partial++;
		return 0;
	}
	if (buf_ok(&im->role, e) != 0)
		return -1;
	if (make_response(im, &resp, line, &r) != 0)
		return bad_row(im, &r, e);
	ir.r = &resp;
	ir.text = im->text;
	ir.tlen = im->tlen;
	ir.idlen = im->idlen;
	ir.role = im->role.len > 0 ? buf_str(&im->role) : NULL;
	ir.orglen = im->orglen;
	ir.rolelen = im->role.len;
	if (im->sink(im->ctx, &ir, e) != 0)
		return -1;
	im->st.responses++;
	return 0;
}

/* The first pass when the role is to be found by content: a column
 * whose every filled cell names audiences is the role. */
static void
probe_row(struct import *im, const char *const *f, const size_t *len,
    size_t n)
{
	unsigned set;
	size_t i;

	for (i = 0; i < im->ncols && i < n; i++) {
		const char *p = f[i];
		size_t l = len[i];

		if (!im->cand[i])
			continue;
		trim(&p, &l);
		if (l == 0)
			continue;
		if (parse_roles(im, p, l, &set, &im->role) != 0)
			im->cand[i] = 0;
		else
			im->cand[i] = 2;
	}
}

static int
end_probe(struct import *im, struct err *e)
{
	size_t i, found = 0, at = 0;

	for (i = 0; i < im->ncols; i++)
		if (im->cand[i] == 2) {
			found++;
			at = i;
		}
	if (found == 1) {
		im->cols[at].use = IU_ROLE;
		im->cols[at].how = "content";
		im->has_role = 1;
	} else if (found > 1 && warn(im, "%s: several columns hold only "
	    "roles; none is used (name one with --role-column)", im->file)
	    != 0) {
		return err_nomem(e);
	}
	im->probing = 0;
	im->phase = PH_DATA;
	im->hxl_checked = 0;
	return report_unmatched(im, e);
}

int
import_row(struct import *im, const char *const *f, const size_t *len,
    size_t n, unsigned line, struct err *e)
{
	if (im->phase == PH_HEADER) {
		if (im->nhrows == 0 && blank_row(f, len, n))
			return 0;
		return header_row(im, f, len, n, line, e);
	}
	if (line <= im->header_end || blank_row(f, len, n))
		return 0;
	if (!im->hxl_checked) {
		im->hxl_checked = 1;
		if (hxl_row(f, len, n))
			return 0;
	}
	if (im->phase == PH_PROBE) {
		probe_row(im, f, len, n);
		return 0;
	}
	return im->o.plan_only ? 0 : data_row(im, f, len, n, line, e);
}

int
import_end(struct import *im, struct err *e)
{
	if (im->phase == PH_HEADER && im->nhrows == 0)
		return err_set(e, AS_EINPUT, im->file, 0, 0, "the file is "
		    "empty: no header, no responses");
	if (im->phase == PH_HEADER)
		return err_set(e, AS_EINPUT, im->file, im->header_end, 0, "the "
		    "header is cut short: %s exports have %u header rows",
		    im->tool->title, im->tool->header_rows);
	if (im->phase == PH_PROBE)
		return end_probe(im, e) != 0 ? -1 : 1;
	im->phase = PH_DONE;
	if (im->st.responses == 0 && !im->o.plan_only)
		return err_set(e, AS_EINPUT, im->file, 0, 0, "no responses to "
		    "import (%ld incomplete, %ld rejected, %ld left out)",
		    im->st.partial, im->st.rejected, im->st.excluded);
	return 0;
}

static int
default_role(struct import *im, struct err *e)
{
	im->defroles = 1u << im->s->org_aud;
	if (im->o.role == NULL)
		return 0;
	if (parse_roles(im, im->o.role, strlen(im->o.role), &im->defroles,
	    &im->defrole) != 0 || im->defroles == 0)
		return err_set(e, AS_EUSAGE, NULL, 0, 0, "--role '%.60s' is not "
		    "an audience of survey '%s'", im->o.role, im->s->id);
	return buf_ok(&im->defrole, e);
}

struct import *
import_new(const struct survey *s, const struct import_opts *o,
    const char *file, import_sink sink, import_bad bad, void *ctx,
    struct err *e)
{
	struct import *im;
	size_t k;

	if ((im = calloc(1, sizeof(*im))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	im->s = s;
	im->o = *o;
	im->tool = o->tool;
	im->file = file;
	im->sink = sink;
	im->bad = bad;
	im->ctx = ctx;
	buf_init(&im->role);
	buf_init(&im->defrole);
	if ((im->vals = calloc(s->nq, sizeof(*im->vals))) == NULL ||
	    (im->text = calloc(s->nq, sizeof(*im->text))) == NULL ||
	    (im->tlen = calloc(s->nq, sizeof(*im->tlen))) == NULL ||
	    (im->idlen = calloc(s->nq, sizeof(*im->idlen))) == NULL ||
	    (im->ans = calloc(s->nq, sizeof(*im->ans))) == NULL ||
	    (im->used = calloc(s->nq, 1)) == NULL ||
	    (im->ulist = calloc(s->nq, sizeof(*im->ulist))) == NULL ||
	    (im->pre = calloc(s->nq, sizeof(*im->pre))) == NULL ||
	    (im->has_pre = calloc(s->nq, 1)) == NULL ||
	    (im->qcol = calloc(s->nq, sizeof(*im->qcol))) == NULL) {
		err_nomem(e);
		import_free(im);
		return NULL;
	}
	for (k = 0; k < s->nq; k++) {
		buf_init(&im->vals[k]);
		im->qcol[k] = -1;
		im->idlen[k] = strlen(s->qs[k].id);
		im->ans[k].opt = -1;	/* empty */
	}
	if (o->organisation != NULL)
		snprintf(im->deforg, sizeof(im->deforg), "%s", o->organisation);
	else
		answers_default_org(file, im->deforg, sizeof(im->deforg));
	im->deforglen = strlen(im->deforg);
	if (prepare_options(im) != 0 ? err_nomem(e) : default_role(im, e)) {
		import_free(im);
		return NULL;
	}
	return im;
}

void
import_free(struct import *im)
{
	size_t k;

	if (im == NULL)
		return;
	if (im->vals != NULL)
		for (k = 0; k < im->s->nq; k++)
			buf_release(&im->vals[k]);
	free(im->vals);
	free(im->text);
	free(im->tlen);
	free(im->idlen);
	free(im->ans);
	free(im->used);
	free(im->ulist);
	free(im->pre);
	free(im->has_pre);
	free(im->qcol);
	free(im->cand);
	buf_release(&im->role);
	memo_release(&im->rmemo);
	for (k = 0; im->cmemo != NULL && k < im->ncols; k++)
		memo_release(&im->cmemo[k]);
	for (k = 0; im->amemo != NULL && k < im->s->nq; k++)
		memo_release(&im->amemo[k]);
	free(im->cmemo);
	free(im->amemo);
	buf_release(&im->defrole);
	arena_release(&im->arena);
	free(im);
}
