/*
 * fuzz_oracle.c - what every report must satisfy, checked on each output
 * of report_md, report_json and report_csv (used by fuzz_writers on
 * results built from fuzzed strings and by fuzz_rules on results that
 * fuzzed rule scripts produced).
 *
 * All formats: the output is valid UTF-8 and holds no C0/C1 control
 * character other than LF and no bidirectional control (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069).
 *
 * JSON: parses with cJSON (the Debian library, NUL-terminated, nothing
 * after the document), has the shape of surveys/FORMAT.md, and every
 * string of the result that is valid UTF-8 comes back byte for byte.
 *
 * CSV: parses with libcsv in strict mode (CSV_STRICT | CSV_STRICT_FINI);
 * one header and one row of 21 fields per organisation and dimension;
 * no cell starts with = + - @ TAB or CR; computed number cells are plain
 * non-negative numbers; text cells that were valid UTF-8 hold the text
 * with controls replaced (and an optional leading apostrophe).
 *
 * Markdown, in each report kind (full, summary, business case): nothing
 * is live markup or a link but the writer's own (md_contract.h, shared
 * with tests/unit/test_injection.c): no HTML tag or autolink, no link or
 * image target other than [title](https://...), no entity, code,
 * strike-through or bare http:// address; every table stands between
 * blank lines, has its delimiter row, and each row as many unescaped
 * pipes as the header; the full report holds the survey title, the
 * organisation names (cut as the writer cuts names), headline bases,
 * finding and recommendation texts once the backslash escapes are undone
 * as CommonMark undoes them; a report about no organisation is empty.
 * fuzz_writers also writes each report on a copy of its result whose
 * strings are tagged, to find the lines where untrusted text begins
 * (after the writer's list marker, if any): there it must not open a
 * heading, list, quote, code block, HTML block or table.
 *
 * The reference UTF-8 decoder and character classes here are written
 * independently of assess/utf8.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>

#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "md_contract.h"
#include "report.h"

#define NCSV	21
/* The characters of a name in a Markdown heading or table cell
 * (LABEL_MAX in reports/compose.c) */
#define MD_LABEL_MAX	120

/* ==== Reference UTF-8 and character classes ==== */

int
fz_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int
fz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0;
	int k;

	while (i < n) {
		if ((k = fz_utf8_next(p + i, n - i, &cp)) == 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* General category Cc, and the Unicode Bidi_Control property. */
int
fz_unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	    cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* What a valid UTF-8 string must become in a text report: line breaks
 * and tabs as spaces, other unsafe characters as U+FFFD; with 'max', only
 * that many characters and then an ellipsis (U+2026) if any were left. */
static void
ref_safe(struct buf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, chars = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		if (chars++ == max) {
			buf_puts(b, "\xE2\x80\xA6");
			break;
		}
		k = fz_utf8_next(p + i, n - i, &cp);
		if (k == 0)
			fz_fail("ref_safe on invalid UTF-8");
		if (cp == '\n' || cp == '\r' || cp == '\t')
			buf_putc(b, ' ');
		else if (fz_unsafe_cp(cp))
			buf_puts(b, "\xEF\xBF\xBD");
		else
			buf_add(b, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_add(b, "", 0);
}

static int
valid(const char *s)
{
	return s != NULL && fz_utf8_valid(s, strlen(s));
}

/* Valid UTF-8 with no unsafe character (except LF when allowed). */
void
fz_check_text(const char *fmt, const char *s, size_t n, int allow_lf)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0;
	int k;

	while (i < n) {
		if ((k = fz_utf8_next(p + i, n - i, &cp)) == 0)
			fz_fail("%s: invalid UTF-8 at byte %zu", fmt, i);
		if ((cp != '\n' || !allow_lf) && fz_unsafe_cp(cp))
			fz_fail("%s: raw control or bidi character U+%04X at "
			    "byte %zu", fmt, (unsigned)cp, i);
		i += (size_t)k;
	}
}

/* ==== JSON ==== */

static const cJSON *
jget(const cJSON *o, const char *key, const char *where)
{
	const cJSON *v;

	fz_check(cJSON_IsObject(o), "json: %s is not an object", where);
	v = cJSON_GetObjectItemCaseSensitive(o, key);
	fz_check(v != NULL, "json: %s has no '%s'", where, key);
	return v;
}

static void
jstr(const cJSON *v, const char *want, const char *what)
{
	if (want == NULL) {
		fz_check(cJSON_IsNull(v), "json: %s should be null", what);
		return;
	}
	fz_check(cJSON_IsString(v) && v->valuestring != NULL,
	    "json: %s is not a string", what);
	if (valid(want))
		fz_check(strcmp(v->valuestring, want) == 0, "json: %s does not "
		    "round-trip: wrote '%s', read '%s'", what, want,
		    v->valuestring);
}

static void
jint(const cJSON *v, long want, const char *what)
{
	fz_check(cJSON_IsNumber(v) && v->valuedouble == (double)want,
	    "json: %s should be %ld", what, want);
}

/* 0 = none: null */
static void
jopt(const cJSON *v, int want, const char *what)
{
	if (want == 0)
		fz_check(cJSON_IsNull(v), "json: %s should be null", what);
	else
		jint(v, want, what);
}

static void
jstrs(const cJSON *v, const struct r_strs *l, const char *what)
{
	const cJSON *it;
	size_t i = 0;

	fz_check(cJSON_IsArray(v), "json: %s is not an array", what);
	for (it = v ? v->child : NULL; it != NULL; it = it->next) {
		fz_check(i < l->n, "json: %s has too many entries", what);
		jstr(it, l->v[i], what);
		i++;
	}
	fz_check(i == l->n, "json: %s has %zu entries, not %zu", what, i,
	    l->n);
}

static size_t
jcount(const cJSON *v, const char *what)
{
	fz_check(cJSON_IsArray(v) || cJSON_IsObject(v), "json: %s is not an "
	    "array or object", what);
	return (size_t)cJSON_GetArraySize(v);
}

static void
json_dim(const struct result *r, const struct r_dim *d, const cJSON *j)
{
	const cJSON *s = jget(j, "score", "dimension"), *p;
	int gap = result_gap(d);

	jstr(jget(j, "id", "dimension"), d->id, "dimension id");
	jstr(jget(j, "title", "dimension"), d->title, "dimension title");
	fz_check(cJSON_IsBool(jget(j, "critical", "dimension")) &&
	    !!cJSON_IsTrue(jget(j, "critical", "dimension")) == !!d->critical,
	    "json: dimension critical");
	if (d->level == 0)
		fz_check(cJSON_IsNull(s), "json: unrated score not null");
	else
		fz_check(cJSON_IsNumber(s) && fabs(s->valuedouble - d->score) <=
		    0.05 + 1e-9, "json: score %g written as %g", d->score,
		    cJSON_IsNumber(s) ? s->valuedouble : -1.0);
	jopt(jget(j, "level", "dimension"), d->level, "dimension level");
	jstr(jget(j, "label", "dimension"), result_label(r, d->level),
	    "dimension label");
	jopt(jget(j, "target", "dimension"), d->target, "dimension target");
	if (gap < 0)
		fz_check(cJSON_IsNull(jget(j, "gap", "dimension")),
		    "json: gap should be null");
	else
		jint(jget(j, "gap", "dimension"), gap, "gap");
	jstrs(jget(j, "capped_by", "dimension"), &d->capped_by, "capped_by");
	p = jget(j, "practices", "dimension");
	if (d->target == 0) {
		fz_check(cJSON_IsNull(p), "json: practices should be null");
	} else {
		jstrs(jget(p, "met", "practices"), &d->met, "practices met");
		jstrs(jget(p, "unmet", "practices"), &d->unmet,
		    "practices unmet");
		jstrs(jget(p, "unanswered", "practices"), &d->no_answers,
		    "practices unanswered");
	}
	jint(jget(j, "answered", "dimension"), (long)d->answered, "answered");
	jint(jget(j, "not_applicable", "dimension"), (long)d->na, "na");
	jint(jget(j, "unanswered", "dimension"), (long)d->unanswered,
	    "unanswered");
}

static void
json_org(const struct result *r, const struct r_org *o, const cJSON *j)
{
	const cJSON *h = jget(j, "headline", "organisation"), *v, *it, *dv;
	size_t i, k;

	jstr(jget(j, "id", "organisation"), o->id, "organisation id");
	jint(jget(j, "respondents", "organisation"), (long)o->respondents,
	    "respondents");
	jopt(jget(h, "level", "headline"), o->headline, "headline level");
	jstr(jget(h, "label", "headline"), result_label(r, o->headline),
	    "headline label");
	jstr(jget(h, "basis", "headline"), o->basis, "headline basis");
	v = jget(j, "dimensions", "organisation");
	fz_check(jcount(v, "dimensions") == o->ndims, "json: dimensions");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next)
		json_dim(r, &o->dims[i++], it);
	v = jget(j, "findings", "organisation");
	fz_check(jcount(v, "findings") == o->nfindings, "json: findings");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next) {
		const struct r_finding *f = &o->findings[i++];

		jstr(jget(it, "id", "finding"), f->id, "finding id");
		jstr(jget(it, "severity", "finding"), f->severity, "severity");
		jstr(jget(it, "dimension", "finding"), f->dimension,
		    "finding dimension");
		jstr(jget(it, "text", "finding"), f->text, "finding text");
		jstrs(jget(it, "evidence", "finding"), &f->evidence,
		    "finding evidence");
	}
	v = jget(j, "recommendations", "organisation");
	fz_check(jcount(v, "recommendations") == o->nrecs, "json: recs");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next) {
		const struct r_rec *rc = &o->recs[i++];

		jstr(jget(it, "id", "rec"), rc->id, "rec id");
		jstr(jget(it, "dimension", "rec"), rc->dimension,
		    "rec dimension");
		jint(jget(it, "priority", "rec"), rc->priority, "priority");
		jint(jget(it, "from_level", "rec"), rc->from, "from_level");
		jint(jget(it, "to_level", "rec"), rc->to, "to_level");
		jstr(jget(it, "text", "rec"), rc->text, "rec text");
		jstrs(jget(it, "evidence", "rec"), &rc->evidence,
		    "rec evidence");
	}
	jstrs(jget(j, "flags", "organisation"), &o->flags, "flags");
	/* roles: an object keyed by role id, walked in order */
	v = jget(j, "roles", "organisation");
	fz_check(cJSON_IsObject(v) && jcount(v, "roles") == o->nroles,
	    "json: roles");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next) {
		const struct r_role *rl = &o->roles[i++];

		if (valid(rl->id))
			fz_check(strcmp(it->string, rl->id) == 0, "json: role "
			    "key '%s' read as '%s'", rl->id, it->string);
		jint(jget(it, "respondents", "role"), (long)rl->respondents,
		    "role respondents");
		if (rl->suppressed) {
			fz_check(cJSON_IsTrue(jget(it, "suppressed", "role")),
			    "json: suppressed role");
			continue;
		}
		dv = jget(it, "dimensions", "role");
		fz_check(cJSON_IsObject(dv) && jcount(dv, "role dims") ==
		    o->ndims, "json: role dimensions");
		k = 0;
		for (dv = dv->child; dv != NULL; dv = dv->next, k++) {
			if (valid(o->dims[k].id))
				fz_check(strcmp(dv->string, o->dims[k].id) == 0,
				    "json: role dimension key");
			jopt(dv, rl->levels[k], "role level");
		}
	}
}

static void
check_json(const struct result *r, const struct buf *out)
{
	const char *end = NULL;
	const cJSON *v, *it;
	cJSON *root;
	size_t i;

	fz_check_text("json", out->data, out->len, 1);
	root = cJSON_ParseWithOpts(out->data, &end, 1);
	fz_check(root != NULL, "json: the report does not parse (near byte "
	    "%td)", end != NULL ? end - out->data : (ptrdiff_t)-1);
	fz_check(strlen(out->data) == out->len, "json: NUL inside the report");
	jstr(jget(root, "format", "report"), "assess-result/1", "format");
	v = jget(root, "survey", "report");
	jstr(jget(v, "id", "survey"), r->survey_id, "survey id");
	jstr(jget(v, "version", "survey"), r->survey_version, "version");
	jstr(jget(v, "title", "survey"), r->survey_title, "survey title");
	v = jget(root, "target", "report");
	if (!r->has_target) {
		fz_check(cJSON_IsNull(v), "json: target should be null");
	} else {
		jstr(jget(v, "id", "target"), r->target_id, "target id");
		jstr(jget(v, "title", "target"), r->target_title,
		    "target title");
		jstr(jget(v, "jurisdiction", "target"), r->jurisdiction,
		    "jurisdiction");
		jstr(jget(v, "as_of", "target"), r->as_of, "as_of");
		v = jget(v, "practices", "target");
		fz_check(jcount(v, "practices") == r->npractices,
		    "json: practices");
		i = 0;
		for (it = v ? v->child : NULL; it != NULL; it = it->next) {
			const struct r_practice *p = &r->practices[i++];

			jstr(jget(it, "id", "practice"), p->id, "practice id");
			jstr(jget(it, "dimension", "practice"), p->dimension,
			    "practice dimension");
			jstr(jget(it, "text", "practice"), p->text,
			    "practice text");
			jstr(jget(it, "source_clause", "practice"), p->clause,
			    "practice clause");
		}
	}
	v = jget(root, "levels", "report");
	fz_check(jcount(v, "levels") == RESULT_LEVELS, "json: levels");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next) {
		jint(jget(it, "level", "level"), r->levels[i].level, "level");
		jstr(jget(it, "id", "level"), r->levels[i].id, "level id");
		jstr(jget(it, "label", "level"), r->levels[i].label,
		    "level label");
		i++;
	}
	v = jget(root, "organisations", "report");
	fz_check(jcount(v, "organisations") == r->norgs, "json: orgs");
	i = 0;
	for (it = v ? v->child : NULL; it != NULL; it = it->next)
		json_org(r, &r->orgs[i++], it);
	cJSON_Delete(root);
}

/* ==== CSV ==== */

struct csvp {
	struct buf	 text;		/* fields, each NUL-terminated */
	size_t		*off;		/* field offsets */
	size_t		*rowlen;	/* fields per row */
	size_t		 nf, nrows, capf, capr;
	size_t		 inrow;
};

static void
on_field(void *data, size_t len, void *ctx)
{
	struct csvp *c = ctx;

	if (c->nf == c->capf) {
		c->capf = c->capf ? c->capf * 2 : 64;
		if ((c->off = realloc(c->off, c->capf * sizeof(*c->off))) ==
		    NULL)
			fz_fail("csv: out of memory");
	}
	c->off[c->nf++] = c->text.len;
	fz_check(data == NULL || memchr(data, '\0', len) == NULL,
	    "csv: NUL byte in a cell");
	buf_add(&c->text, data != NULL ? data : "", data != NULL ? len : 0);
	buf_putc(&c->text, '\0');
	c->inrow++;
}

static void
on_row(int term, void *ctx)
{
	struct csvp *c = ctx;

	(void)term;
	if (c->nrows == c->capr) {
		c->capr = c->capr ? c->capr * 2 : 16;
		if ((c->rowlen = realloc(c->rowlen, c->capr *
		    sizeof(*c->rowlen))) == NULL)
			fz_fail("csv: out of memory");
	}
	c->rowlen[c->nrows++] = c->inrow;
	c->inrow = 0;
}

/* A cell for text 's' (NULL = empty): the text made safe, or the same
 * after an apostrophe that defuses a formula. */
static void
csv_text(const char *cell, const char *s, const char *what)
{
	struct buf want = BUF_INIT;

	fz_check(cell[0] == '\0' || strchr("=+-@\t\r", cell[0]) == NULL,
	    "csv: %s cell starts with a formula character: '%s'", what, cell);
	if (s == NULL) {
		fz_check(cell[0] == '\0', "csv: %s should be empty", what);
		return;
	}
	if (!valid(s))
		return;
	ref_safe(&want, s, (size_t)-1);
	fz_check(strcmp(cell, want.data) == 0 || (cell[0] == '\'' &&
	    strcmp(cell + 1, want.data) == 0), "csv: %s does not round-trip: "
	    "wrote '%s', read '%s'", what, want.data, cell);
	buf_release(&want);
}

static void
csv_list(const char *cell, const struct r_strs *l, const char *what)
{
	struct buf t = BUF_INIT;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_putc(&t, ';');
		buf_puts(&t, l->v[i]);
	}
	buf_add(&t, "", 0);
	csv_text(cell, t.data, what);
	buf_release(&t);
}

/* A number cell: "" when absent, else digits (and one decimal for a
 * score) within rounding of the value; never a sign. */
static void
csv_num(const char *cell, int present, double v, int decimals,
    const char *what)
{
	size_t i = 0;
	char *end;

	if (!present) {
		fz_check(cell[0] == '\0', "csv: %s should be empty", what);
		return;
	}
	fz_check(cell[0] != '-' && cell[0] != '+', "csv: number cell %s "
	    "starts with a sign: '%s' (value %g)", what, cell, v);
	while (cell[i] >= '0' && cell[i] <= '9')
		i++;
	if (decimals > 0 && i > 0 && cell[i] == '.')
		for (i++; cell[i] >= '0' && cell[i] <= '9'; i++)
			;
	fz_check(i > 0 && cell[i] == '\0', "csv: %s is not a plain number: "
	    "'%s'", what, cell);
	fz_check(fabs(strtod(cell, &end) - v) <= (decimals ? 0.05 + 1e-9 : 0),
	    "csv: %s is '%s' for the value %g", what, cell, v);
}

/* The roadmap steps of dimension 'd': their numbers and horizons (30,
 * 60, 90 or later), each list joined with ';'. */
static void
csv_roadmap(const char *steps, const char *when, const struct r_org *o,
    const struct r_dim *d)
{
	struct buf s = BUF_INIT, w = BUF_INIT;
	size_t i;
	int h;

	for (i = 0; i < o->nsteps; i++) {
		if (strcmp(o->recs[o->steps[i].rec].dimension, d->id) != 0)
			continue;
		h = o->steps[i].horizon;
		buf_printf(&s, "%s%zu", s.len ? ";" : "", i + 1);
		buf_printf(&w, "%s%s", w.len ? ";" : "", h == 30 ? "30" :
		    h == 60 ? "60" : h == 90 ? "90" : "later");
	}
	buf_add(&s, "", 0);
	buf_add(&w, "", 0);
	fz_check(strcmp(steps, s.data) == 0 && strcmp(when, w.data) == 0,
	    "csv: roadmap cells '%s' '%s', expected '%s' '%s'", steps, when,
	    s.data, w.data);
	buf_release(&s);
	buf_release(&w);
}

static void
check_csv(const struct result *r, const struct buf *out)
{
	struct csv_parser p;
	struct csvp c;
	size_t i, j, row = 1, got;
	const char *f[NCSV];

	fz_check_text("csv", out->data, out->len, 1);
	memset(&c, 0, sizeof(c));
	buf_init(&c.text);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fz_fail("csv: csv_init");
	got = csv_parse(&p, out->data, out->len, on_field, on_row, &c);
	fz_check(got == out->len, "csv: strict parse stops at byte %zu of "
	    "%zu: %s", got, out->len, csv_strerror(csv_error(&p)));
	fz_check(csv_fini(&p, on_field, on_row, &c) == 0, "csv: strict "
	    "csv_fini fails: %s", csv_strerror(csv_error(&p)));
	csv_free(&p);
	fz_check(c.text.failed == 0, "csv: out of memory");
	{
		size_t want = 1;

		for (i = 0; i < r->norgs; i++)
			want += r->orgs[i].ndims;
		fz_check(c.nrows == want, "csv: %zu rows, expected %zu",
		    c.nrows, want);
	}
	for (i = 0; i < c.nrows; i++)
		fz_check(c.rowlen[i] == NCSV, "csv: row %zu has %zu fields", i +
		    1, c.rowlen[i]);
	for (i = 0; i < r->norgs; i++) {
		const struct r_org *o = &r->orgs[i];

		for (j = 0; j < o->ndims; j++, row++) {
			const struct r_dim *d = &o->dims[j];
			int gap = result_gap(d), k;

			for (k = 0; k < NCSV; k++)
				f[k] = c.text.data + c.off[row * NCSV +
				    (size_t)k];
			csv_text(f[0], o->id, "organisation");
			csv_num(f[1], 1, o->respondents, 0, "respondents");
			csv_num(f[2], o->headline != 0, o->headline, 0,
			    "headline");
			csv_text(f[3], result_label(r, o->headline),
			    "headline label");
			csv_text(f[4], d->id, "dimension");
			csv_text(f[5], d->title, "title");
			csv_text(f[6], d->critical ? "yes" : "no", "critical");
			csv_num(f[7], d->level != 0, d->level, 0, "level");
			csv_text(f[8], result_label(r, d->level), "label");
			csv_num(f[9], d->level != 0, d->score, 1, "score");
			csv_num(f[10], d->target != 0, d->target, 0, "target");
			csv_num(f[11], gap >= 0, gap, 0, "gap");
			csv_list(f[12], &d->capped_by, "capped_by");
			csv_list(f[13], &d->met, "practices_met");
			csv_list(f[14], &d->unmet, "practices_unmet");
			csv_num(f[15], 1, d->answered, 0, "answered");
			csv_num(f[16], 1, d->na, 0, "not_applicable");
			csv_num(f[17], 1, d->unanswered, 0, "unanswered");
			csv_list(f[18], &d->no_answers, "practices_unanswered");
			csv_roadmap(f[19], f[20], o, d);
		}
	}
	buf_release(&c.text);
	free(c.off);
	free(c.rowlen);
}

/* ==== Markdown ==== */

/* Backslashes immediately before s[i]. */
static size_t
escapes_before(const char *s, size_t i)
{
	size_t k = 0;

	while (i > k && s[i - k - 1] == '\\')
		k++;
	return k;
}

/* The end of the line that starts at 'start'. */
static size_t
line_end(const char *s, size_t n, size_t start)
{
	const char *nl = memchr(s + start, '\n', n - start);

	return nl != NULL ? (size_t)(nl - s) : n;
}

/* A table is one run of lines starting with '|', after a blank line and
 * followed by one (or the end); each row has as many unescaped pipes as
 * the header, and the second line is the delimiter row. */
static void
md_tables(const char *s, size_t n)
{
	size_t start, end, i, pipes, head = 0, row = 0;
	int blank = 1;

	for (start = 0; start < n; start = end + 1) {
		end = line_end(s, n, start);
		if (end == start || s[start] != '|') {
			fz_check(row == 0 || end == start, "md: a table is not "
			    "followed by a blank line: '%.80s'", s + start);
			row = 0;
			blank = end == start;
			continue;
		}
		fz_check(row > 0 || blank, "md: a table does not follow a "
		    "blank line: '%.80s'", s + start);
		for (pipes = 0, i = start; i < end; i++)
			if (s[i] == '|' && escapes_before(s, i) % 2 == 0)
				pipes++;
		if (row == 0)
			head = pipes;
		fz_check(pipes == head, "md: a table row has %zu unescaped "
		    "pipes, its header %zu: '%.80s'", pipes, head, s + start);
		fz_check(row != 1 || strspn(s + start, "|-:") == end - start,
		    "md: a table's second line is not its delimiter row: "
		    "'%.80s'", s + start);
		row++;
	}
}

/* The text a CommonMark reader shows for 's': a backslash before ASCII
 * punctuation is dropped, and nothing else is an escape (md_live_at has
 * made sure that no entity or code span is live). */
static void
md_unescape(struct buf *plain, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && ispunct((unsigned char)s[i +
		    1]))
			i++;
		buf_putc(plain, s[i]);
	}
	buf_add(plain, "", 0);
}

/* 's' is in the shown text, made safe and, with 'max', cut to that many
 * characters and an ellipsis as the writer cuts names. */
static void
md_contains(const char *plain, const char *s, size_t max, const char *what)
{
	struct buf want = BUF_INIT;

	if (!valid(s))
		return;
	ref_safe(&want, s, max);
	fz_check(strstr(plain, want.data) != NULL, "md: %s '%s' is missing "
	    "(looked for '%s' in the unescaped report)", what, s, want.data);
	buf_release(&want);
}

/* The full report shows every text a reader needs whole. */
static void
md_texts(const struct result *r, const char *s, size_t n)
{
	struct buf plain = BUF_INIT;
	size_t i, j;

	md_unescape(&plain, s, n);
	fz_check(!plain.failed, "md: out of memory");
	md_contains(plain.data, r->survey_title, (size_t)-1, "survey title");
	for (i = 0; i < r->norgs; i++) {
		const struct r_org *o = &r->orgs[i];

		md_contains(plain.data, o->id, MD_LABEL_MAX, "organisation");
		md_contains(plain.data, o->basis, (size_t)-1, "basis");
		for (j = 0; j < o->nfindings; j++)
			md_contains(plain.data, o->findings[j].text,
			    (size_t)-1, "finding");
		for (j = 0; j < o->nrecs; j++)
			md_contains(plain.data, o->recs[j].text, (size_t)-1,
			    "recommendation");
	}
	buf_release(&plain);
}

static void
check_md(const struct result *r, const struct buf *out, int kind)
{
	const char *s = out->data;
	size_t n = out->len, at;

	fz_check_text("md", s, n, 1);
	fz_check(strlen(s) == n, "md: NUL inside the report");
	/* compose() writes nothing about no organisations; the command
	 * line refuses answers without responses before a writer runs */
	if (r->norgs == 0) {
		fz_check(n == 0, "md: a report about no organisation is not "
		    "empty: '%.80s'", s);
		return;
	}
	at = md_live_at(s, n);
	fz_check(at == MD_NONE, "md: live markup or link at byte %zu: "
	    "...%.60s", at, s + (at > 30 ? at - 30 : 0));
	md_tables(s, n);
	if (kind == REPORT_FULL)
		md_texts(r, s, n);
}

/* The line after 'start' in 's' (n bytes) and in 't' (m bytes). */
static int
next_lines(const char *s, size_t n, size_t *a, size_t *ae, const char *t,
    size_t m, size_t *b, size_t *be)
{
	if (*a >= n || *b >= m) {
		fz_check(*a >= n && *b >= m, "md: the tagged report has a "
		    "different number of lines");
		return 0;
	}
	*ae = line_end(s, n, *a);
	*be = line_end(t, m, *b);
	return 1;
}

/* 'out' is the report on the result, 'tagged' the same report on a copy
 * whose every string starts with FZ_TAG: a line of 'tagged' whose text
 * (after the writer's list marker or indent) starts with the tag starts
 * with untrusted text, and the same line of 'out' must not open a block
 * there. */
static void
md_starts(const struct buf *out, const struct buf *tagged)
{
	const char *s = out->data, *t = tagged->data, *tag;
	size_t a, ae, b, be, pre, tl = strlen(FZ_TAG);

	for (a = b = 0; next_lines(s, out->len, &a, &ae, t, tagged->len, &b,
	    &be); a = ae + 1, b = be + 1) {
		pre = md_container(t + b, be - b);
		tag = memchr(t + b, (unsigned char)FZ_TAG[0], be - b);
		if (tag == NULL || tag != t + b + pre || be - b - pre < tl ||
		    memcmp(tag, FZ_TAG, tl) != 0)
			continue;
		fz_check(ae - a >= pre && memcmp(s + a, t + b, pre) == 0,
		    "md: the tagged report's line '%.40s' does not match "
		    "'%.40s'", t + b, s + a);
		fz_check(!md_opens_block(s + a + pre, ae - a - pre), "md: "
		    "untrusted text opens a block at the start of a line: "
		    "'%.80s'", s + a);
	}
}
/* The sink of a streaming buffer: collect the pieces. */
static int
collect(void *ctx, const char *p, size_t n)
{
	struct buf *all = ctx;

	buf_add(all, p, n);
	return all->failed ? -1 : 0;
}

/* Write a report of 'kind' the way cmd_score.c does, streaming
 * (buf_stream, the writer, buf_flush), into 'all'. */
static void
write_report(int (*write)(const struct result *, int, struct buf *,
    struct err *), const struct result *r, int kind, struct buf *all,
    const char *name)
{
	struct buf out = BUF_INIT;
	struct err e;

	memset(&e, 0, sizeof(e));
	buf_init(all);
	buf_stream(&out, collect, all);
	fz_check(write(r, kind, &out, &e) == 0 && buf_flush(&out) == 0,
	    "%s failed: %s", name, e.msg);
	buf_release(&out);
	buf_add(all, "", 0);
	fz_check(!all->failed && all->data != NULL, "%s: out of memory", name);
}

void
fz_check_reports(const struct result *r)
{
	struct buf out;
	int kind;

	for (kind = REPORT_FULL; kind <= REPORT_BCASE; kind++) {
		write_report(report_md, r, kind, &out, "report_md");
		check_md(r, &out, kind);
		buf_release(&out);
	}
	write_report(report_json, r, REPORT_FULL, &out, "report_json");
	check_json(r, &out);
	buf_release(&out);
	write_report(report_csv, r, REPORT_FULL, &out, "report_csv");
	check_csv(r, &out);
	buf_release(&out);
}

void
fz_check_md_starts(const struct result *r, const struct result *tagged)
{
	struct buf out, t;
	int kind;

	for (kind = REPORT_FULL; kind <= REPORT_BCASE; kind++) {
		write_report(report_md, r, kind, &out, "report_md");
		write_report(report_md, tagged, kind, &t, "report_md (tagged)");
		md_starts(&out, &t);
		buf_release(&out);
		buf_release(&t);
	}
}
