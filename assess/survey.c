/*
 * survey.c - load and validate an assess-survey/1 questionnaire.
 *
 * Every check reports the position of the offending value.  The cJSON tree
 * stays inside jdoc; what is kept is copied into the survey's arena.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsx.h"
#include "jdoc.h"
#include "suggest.h"
#include "survey.h"
#include "swar.h"

struct ld {
	const struct jdoc	*d;
	struct survey		*s;
	const struct jnode	*optsets;	/* the option_sets object */
	const struct jnode	**idnodes;	/* dimension and question ids */
	size_t			 nids;
	struct survey_index	 ids;		/* of idnodes */
};

/* ==== Indexes of ids ==== */

typedef const char *(*idx_name)(const void *ctx, size_t i);

static size_t
id_hash(const char *p)
{
	size_t h = 2166136261u;

	for (; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

/* An empty index for up to 'n' ids, in the arena; -1 when out of memory. */
static int
idx_init(struct arena *a, struct survey_index *x, size_t n)
{
	size_t size = 8;

	while (size < 2 * n)
		size *= 2;
	if ((x->slot = arena_alloc(a, size * sizeof(*x->slot))) == NULL)
		return -1;
	x->mask = size - 1;
	return 0;
}

/* The slot of 'id' in 'x': one holding it, or the empty one where it
 * goes.  'name' gives the id of index i. */
static size_t
idx_probe(const struct survey_index *x, const char *id, idx_name name,
    const void *ctx)
{
	size_t k;

	for (k = id_hash(id) & x->mask; x->slot[k] != 0; k = (k + 1) & x->mask)
		if (strcmp(name(ctx, x->slot[k] - 1), id) == 0)
			break;
	return k;
}

static const char *
question_name(const void *ctx, size_t i)
{
	return ((const struct survey *)ctx)->qs[i].id;
}

static const char *
source_name(const void *ctx, size_t i)
{
	return ((const struct survey *)ctx)->src[i].id;
}

static const char *
idnode_name(const void *ctx, size_t i)
{
	return ((const struct ld *)ctx)->idnodes[i]->str;
}

/* Index the n ids name(ctx, 0..n-1) (the first of equal ids wins). */
static int
idx_build(struct arena *a, struct survey_index *x, size_t n, idx_name name,
    const void *ctx)
{
	size_t i, k;

	if (n == 0)
		return 0;
	if (idx_init(a, x, n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (x->slot[k = idx_probe(x, name(ctx, i), name, ctx)] == 0)
			x->slot[k] = (unsigned)i + 1;
	return 0;
}

#define A (&ld->s->arena)

static int
nomem(struct ld *ld)
{
	return err_nomem(ld->d->err);
}

static int
str(struct ld *ld, const struct jnode *obj, const char *key, int required,
    size_t max, const char **out)
{
	const char *v = NULL;

	if (jdoc_string(ld->d, obj, key, required, max, &v) != 0)
		return -1;
	if (v != NULL && (*out = arena_strdup(A, v)) == NULL)
		return nomem(ld);
	return 0;
}

static int
ident(struct ld *ld, const struct jnode *obj, const char *key,
    const char **out)
{
	const struct jnode *n = jdoc_get(obj, key);

	if (n == NULL)
		return jdoc_error(ld->d, obj, "missing required key '%s'", key);
	if (jdoc_ident(ld->d, n, key) != 0)
		return -1;
	if ((*out = arena_strdup(A, n->str)) == NULL)
		return nomem(ld);
	return 0;
}

/* An array of strings, each checked by 'check' (may be NULL). */
static int
strlist(struct ld *ld, const struct jnode *obj, const char *key,
    int (*check)(struct ld *, const struct jnode *), struct strlist *out)
{
	const struct jnode *arr = NULL;
	size_t i;

	if (jdoc_array(ld->d, obj, key, 0, &arr) != 0)
		return -1;
	if (arr == NULL)
		return 0;
	if (arr->nkids > 0 && (out->v = arena_alloc(A, arr->nkids *
	    sizeof(*out->v))) == NULL)
		return nomem(ld);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *n = &arr->kids[i];

		if (n->type != JSTR || n->len == 0 || n->len > 64 ||
		    !jdoc_is_ident(n->str))
			return jdoc_error(ld->d, n, "'%s' must list "
			    "identifiers", key);
		if (check != NULL && check(ld, n) != 0)
			return -1;
		if ((out->v[i] = arena_strdup(A, n->str)) == NULL)
			return nomem(ld);
	}
	out->n = arr->nkids;
	return 0;
}

static int
check_source(struct ld *ld, const struct jnode *n)
{
	if (survey_source(ld->s, n->str) < 0)
		return jdoc_error(ld->d, n, "unknown source '%s'; sources are "
		    "listed in the survey's \"sources\"", n->str);
	return 0;
}

/* ==== Sources (shared with targets) ==== */

int
survey_load_sources(const struct jdoc *d, const struct jnode *arr,
    struct arena *a, struct source **out, size_t *n)
{
	static const char *const keys[] = { "id", "title", "url",
	    "publisher", "year", "note", NULL };
	struct source *v;
	size_t i, j;

	*n = 0;
	if ((v = arena_alloc(a, (arr->nkids + 1) * sizeof(*v))) == NULL)
		return err_nomem(d->err);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *o = &arr->kids[i], *idn;
		const char *id = NULL, *title = NULL, *url = NULL;
		const char *pub = NULL, *note = NULL;
		long year = 0;

		if (jdoc_expect_object(d, o, keys, "a source") != 0)
			return -1;
		if ((idn = jdoc_get(o, "id")) == NULL)
			return jdoc_error(d, o, "missing required key 'id'");
		if (jdoc_ident(d, idn, "source id") != 0)
			return -1;
		if (jdoc_string(d, o, "title", 1, TEXT_MAX, &title) != 0 ||
		    jdoc_string(d, o, "url", 0, 2048, &url) != 0 ||
		    jdoc_string(d, o, "publisher", 0, 512, &pub) != 0 ||
		    jdoc_string(d, o, "note", 0, TEXT_MAX, &note) != 0 ||
		    jdoc_int(d, o, "year", 0, 1000, 9999, &year) != 0)
			return -1;
		id = idn->str;
		for (j = 0; j < i; j++)
			if (strcmp(v[j].id, id) == 0)
				return jdoc_error(d, idn, "duplicate source id "
				    "'%s'", id);
		v[i].year = (int)year;
		if ((v[i].id = arena_strdup(a, id)) == NULL ||
		    (v[i].title = arena_strdup(a, title)) == NULL ||
		    (url && (v[i].url = arena_strdup(a, url)) == NULL) ||
		    (pub && (v[i].publisher = arena_strdup(a, pub)) == NULL) ||
		    (note && (v[i].note = arena_strdup(a, note)) == NULL))
			return err_nomem(d->err);
	}
	*out = v;
	*n = arr->nkids;
	return 0;
}

/* ==== Levels and audiences ==== */

static int
load_levels(struct ld *ld, const struct jnode *arr)
{
	static const char *const keys[] = { "level", "id", "label",
	    "description", NULL };
	size_t i, j;

	if (arr->nkids != NLEVELS)
		return jdoc_error(ld->d, arr, "'levels' must have exactly %d "
		    "entries (levels 1 to %d), not %zu", NLEVELS, NLEVELS,
		    arr->nkids);
	for (i = 0; i < NLEVELS; i++) {
		const struct jnode *o = &arr->kids[i];
		struct level *l = &ld->s->levels[i];
		long lv;

		if (jdoc_expect_object(ld->d, o, keys, "a level") != 0 ||
		    jdoc_int(ld->d, o, "level", 1, 1, NLEVELS, &lv) != 0)
			return -1;
		if (lv != (long)i + 1)
			return jdoc_error(ld->d, jdoc_get(o, "level"),
			    "levels must be listed in order: expected level "
			    "%zu here, found %ld", i + 1, lv);
		l->level = (int)lv;
		if (ident(ld, o, "id", &l->id) != 0 ||
		    str(ld, o, "label", 1, 64, &l->label) != 0 ||
		    str(ld, o, "description", 1, TEXT_MAX,
		    &l->description) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(ld->s->levels[j].id, l->id) == 0)
				return jdoc_error(ld->d, jdoc_get(o, "id"),
				    "duplicate level id '%s'", l->id);
	}
	return 0;
}

static int
load_audiences(struct ld *ld, const struct jnode *arr)
{
	static const char *const keys[] = { "id", "label", "description",
	    NULL };
	struct survey *s = ld->s;
	size_t i, j;

	if (arr->nkids == 0 || arr->nkids > MAX_AUDIENCES)
		return jdoc_error(ld->d, arr, "'audiences' must have 1 to %d "
		    "entries", MAX_AUDIENCES);
	if ((s->aud = arena_alloc(A, arr->nkids * sizeof(*s->aud))) == NULL)
		return nomem(ld);
	s->org_aud = -1;
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *o = &arr->kids[i];
		struct audience *a = &s->aud[i];

		if (jdoc_expect_object(ld->d, o, keys, "an audience") != 0 ||
		    ident(ld, o, "id", &a->id) != 0 ||
		    str(ld, o, "label", 1, 256, &a->label) != 0 ||
		    str(ld, o, "description", 0, TEXT_MAX,
		    &a->description) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(s->aud[j].id, a->id) == 0)
				return jdoc_error(ld->d, jdoc_get(o, "id"),
				    "duplicate audience id '%s'", a->id);
		if (strcmp(a->id, "org") == 0)
			s->org_aud = (int)i;
		s->naud++;
	}
	if (s->org_aud < 0)
		return jdoc_error(ld->d, arr, "'audiences' must include 'org', "
		    "the role of respondents whose row names none");
	return 0;
}

/* ==== Options, bands, gates, conditions ==== */

static int
load_options(struct ld *ld, struct question *q, const struct jnode *arr)
{
	static const char *const keys[] = { "value", "label", "level", "na",
	    "exclusive", NULL };
	size_t i, j;

	if (arr->nkids < 2 || arr->nkids > MAX_OPTIONS)
		return jdoc_error(ld->d, arr, "a question needs 2 to %d "
		    "options", MAX_OPTIONS);
	if ((q->opts = arena_alloc(A, arr->nkids * sizeof(*q->opts))) == NULL)
		return nomem(ld);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *o = &arr->kids[i], *lv;
		struct choice *op = &q->opts[i];
		long level = 0;

		if (jdoc_expect_object(ld->d, o, keys, "an option") != 0 ||
		    ident(ld, o, "value", &op->value) != 0 ||
		    str(ld, o, "label", 1, TEXT_MAX, &op->label) != 0 ||
		    jdoc_bool(ld->d, o, "na", &op->na) != 0 ||
		    jdoc_bool(ld->d, o, "exclusive", &op->exclusive) != 0 ||
		    jdoc_int(ld->d, o, "level", 0, 1, NLEVELS, &level) != 0)
			return -1;
		op->level = (int)level;
		op->vlen = strlen(op->value);
		lv = jdoc_get(o, "level");
		for (j = 0; j < i; j++)
			if (strcmp(q->opts[j].value, op->value) == 0)
				return jdoc_error(ld->d, jdoc_get(o, "value"),
				    "duplicate option value '%s'", op->value);
		if (strcmp(op->value, "na") == 0 && !op->na)
			return jdoc_error(ld->d, jdoc_get(o, "value"),
			    "the value 'na' is reserved for not applicable; "
			    "mark this option \"na\": true");
		if (op->na) {
			if (q->na_opt >= 0)
				return jdoc_error(ld->d, o, "only one option "
				    "can be not applicable");
			if (lv != NULL)
				return jdoc_error(ld->d, lv, "a not-applicable "
				    "option has no level");
			q->na_opt = (int)i;
			continue;
		}
		if (q->type == Q_MULTI && lv != NULL)
			return jdoc_error(ld->d, lv, "options of a multi "
			    "question have no level; use \"bands\" on the "
			    "number of options chosen");
		if (q->type != Q_MULTI && lv == NULL)
			return jdoc_error(ld->d, o, "missing required key "
			    "'level'");
		if (op->exclusive && q->type != Q_MULTI)
			return jdoc_error(ld->d, jdoc_get(o, "exclusive"),
			    "only options of a multi question can be "
			    "exclusive");
	}
	q->nopts = arr->nkids;
	q->allow_na = q->na_opt >= 0;
	return 0;
}

/* ==== Option lookup ==== */

static int
lowest_bit(uint64_t m)
{
	int k = 0;

	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
}

/* Cell text as matched against options: ASCII letters in lower case,
 * each run of spaces and tabs as one space.  norm_next() gives the next
 * byte of that form, advancing *i. */
static int
norm_next(const char *s, size_t n, size_t *i)
{
	unsigned char c;

	if (*i >= n)
		return -1;
	c = (unsigned char)s[(*i)++];
	if (c == ' ' || c == '\t') {
		while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
			(*i)++;
		return ' ';
	}
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* FNV-1a of the normalised form (norm_next's), in one pass: this runs
 * for every answered cell. */
static uint32_t
norm_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	int space = 0;

	for (i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];

		if (c == ' ' || c == '\t') {
			if (space)
				continue;
			space = 1;
			c = ' ';
		} else {
			space = 0;
			if (c - 'A' < 26u)
				c += 'a' - 'A';
		}
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* Whether 's' normalised is 'norm' (already normalised, NUL-ended). */
static int
norm_equal(const char *s, size_t n, const char *norm)
{
	size_t i = 0;
	int c;

	while ((c = norm_next(s, n, &i)) >= 0)
		if (*norm == '\0' || (unsigned char)*norm++ != c)
			return 0;
	return *norm == '\0';
}

static char *
norm_copy(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *p = arena_alloc(a, n + 1);
	int c;

	if (p == NULL)
		return NULL;
	while ((c = norm_next(s, n, &i)) >= 0)
		p[o++] = (char)c;
	p[o] = '\0';
	return p;
}

static void
index_put(struct question *q, const char *norm, unsigned char tag)
{
	uint32_t h = norm_hash(norm, strlen(norm));
	size_t j;

	for (j = h & q->omask; q->oslot[j] != 0; j = (j + 1) & q->omask)
		;
	q->oslot[j] = tag;
	q->ohash[j] = h;
}

static void
value_put(struct question *q, size_t i)
{
	uint32_t h = (uint32_t)swar_hash(q->opts[i].value,
	    q->opts[i].vlen);
	size_t j;

	for (j = h & q->omask; q->vslot[j] != 0; j = (j + 1) & q->omask)
		;
	q->vslot[j] = (unsigned char)(i + 1);
	q->vhash[j] = h;
}

/* The option whose value is exactly s[0..n), or -1. */
static int
exact_value(const struct question *q, const char *s, size_t n)
{
	uint32_t h = (uint32_t)swar_hash(s, n);
	size_t j;

	for (j = h & q->omask; q->vslot[j] != 0; j = (j + 1) & q->omask) {
		const struct choice *o = &q->opts[q->vslot[j] - 1];

		if (q->vhash[j] == h && o->vlen == n &&
		    memcmp(o->value, s, n) == 0)
			return q->vslot[j] - 1;
	}
	return -1;
}

/* The lookup tables of a choice question: every value and label, and
 * the values as written. */
static int
index_options(struct ld *ld, struct question *q)
{
	size_t slots = 8, i;

	while (slots < 4 * q->nopts)
		slots *= 2;
	if ((q->oslot = arena_alloc(A, slots)) == NULL ||
	    (q->ohash = arena_alloc(A, slots * sizeof(*q->ohash))) == NULL ||
	    (q->vslot = arena_alloc(A, slots)) == NULL ||
	    (q->vhash = arena_alloc(A, slots * sizeof(*q->vhash))) == NULL)
		return nomem(ld);
	memset(q->oslot, 0, slots);
	memset(q->vslot, 0, slots);
	q->omask = slots - 1;
	for (i = 0; i < q->nopts; i++) {
		struct choice *o = &q->opts[i];

		if ((o->nvalue = norm_copy(A, o->value)) == NULL ||
		    (o->nlabel = norm_copy(A, o->label)) == NULL)
			return nomem(ld);
		index_put(q, o->nvalue, (unsigned char)(i + 1));
		index_put(q, o->nlabel, (unsigned char)((i + 1) | 0x80));
		value_put(q, i);
	}
	return 0;
}

int
survey_is_label(const struct question *q, size_t i, const char *s, size_t n)
{
	return q->opts[i].nlabel != NULL && norm_equal(s, n, q->opts[i].nlabel);
}

int
survey_find_option(const struct question *q, const char *s, size_t n)
{
	uint64_t values = 0, labels = 0;
	uint32_t h;
	size_t j;
	int x;

	if (q->oslot == NULL || n == 0)
		return -1;
	if ((x = exact_value(q, s, n)) >= 0)	/* a value as written wins */
		return x;
	h = norm_hash(s, n);
	for (j = h & q->omask; q->oslot[j] != 0; j = (j + 1) & q->omask) {
		unsigned tag = q->oslot[j], k = (tag & 0x7F) - 1;
		const struct choice *o = &q->opts[k];

		if (q->ohash[j] != h)
			continue;
		if (tag & 0x80) {
			if (norm_equal(s, n, o->nlabel))
				labels |= 1ULL << k;
		} else if (norm_equal(s, n, o->nvalue)) {
			values |= 1ULL << k;
		}
	}
	if (values != 0)
		return (values & (values - 1)) == 0 ? lowest_bit(values) : -1;
	if (labels != 0)
		return (labels & (labels - 1)) == 0 ? lowest_bit(labels) :
		    SURVEY_AMBIGUOUS;
	return -1;
}

static int
check_yesno(struct ld *ld, const struct question *q, const struct jnode *at)
{
	int yes = survey_option(q, "yes"), no = survey_option(q, "no");
	size_t i;

	for (i = 0; i < q->nopts; i++)
		if (!q->opts[i].na && strcmp(q->opts[i].value, "yes") != 0 &&
		    strcmp(q->opts[i].value, "no") != 0)
			return jdoc_error(ld->d, at, "a yesno question's "
			    "options are 'yes' and 'no' (and optionally 'na'), "
			    "not '%s'", q->opts[i].value);
	if (yes < 0 || no < 0)
		return jdoc_error(ld->d, at, "a yesno question needs the "
		    "options 'yes' and 'no'");
	return 0;
}

static int
load_choices(struct ld *ld, struct question *q, const struct jnode *o)
{
	const struct jnode *opts = jdoc_get(o, "options");
	const struct jnode *set = jdoc_get(o, "option_set"), *at;

	if (opts != NULL && set != NULL)
		return jdoc_error(ld->d, set, "give either 'options' or "
		    "'option_set', not both");
	if (opts == NULL && set == NULL)
		return jdoc_error(ld->d, o, "a %s question needs 'options' or "
		    "'option_set'", survey_type_name(q->type));
	if (set != NULL) {
		if (set->type != JSTR)
			return jdoc_error(ld->d, set, "'option_set' must be a "
			    "string, not %s", jdoc_typename(set->type));
		if ((opts = jdoc_get(ld->optsets, set->str)) == NULL)
			return jdoc_error(ld->d, set, "unknown option set "
			    "'%s'", set->str);
	}
	if (opts->type != JARR)
		return jdoc_error(ld->d, opts, "options must be an array, not "
		    "%s", jdoc_typename(opts->type));
	at = set != NULL ? set : opts;
	if (load_options(ld, q, opts) != 0 || index_options(ld, q) != 0)
		return -1;
	if (q->type == Q_YESNO && check_yesno(ld, q, at) != 0)
		return -1;
	return 0;
}

static int
band_value(struct ld *ld, const struct jnode *n, int nullok, double *out)
{
	if (n->type == JNULL && nullok)
		return 1;
	if (n->type != JNUM)
		return jdoc_error(ld->d, n, "a band bound must be a number%s",
		    nullok ? " or null" : "");
	*out = n->num;
	return 0;
}

static int
load_bands(struct ld *ld, struct question *q, const struct jnode *arr)
{
	size_t i;
	int rc;

	if (arr->nkids == 0 || arr->nkids > 20)
		return jdoc_error(ld->d, arr, "'bands' must have 1 to 20 "
		    "entries");
	if ((q->bands = arena_alloc(A, arr->nkids * sizeof(*q->bands))) ==
	    NULL)
		return nomem(ld);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *b = &arr->kids[i];
		struct band *bd = &q->bands[i];

		if (b->type != JARR || b->nkids != 3)
			return jdoc_error(ld->d, b, "a band is [min, max, "
			    "level]");
		if (band_value(ld, &b->kids[0], 0, &bd->min) != 0)
			return -1;
		if ((rc = band_value(ld, &b->kids[1], 1, &bd->max)) < 0)
			return -1;
		bd->open = rc == 1;
		if (bd->open && i + 1 != arr->nkids)
			return jdoc_error(ld->d, &b->kids[1], "only the last "
			    "band can have no upper bound");
		if (!bd->open && bd->max <= bd->min)
			return jdoc_error(ld->d, b, "a band's max must be "
			    "greater than its min");
		if (b->kids[2].type != JNUM || b->kids[2].num < 1 ||
		    b->kids[2].num > NLEVELS ||
		    b->kids[2].num != floor(b->kids[2].num))
			return jdoc_error(ld->d, &b->kids[2], "a band's level "
			    "must be an integer from 1 to %d", NLEVELS);
		bd->level = (int)b->kids[2].num;
		if (i > 0 && bd->min != q->bands[i - 1].max)
			return jdoc_error(ld->d, b, "bands must be sorted and "
			    "contiguous: this band starts at %g but the one "
			    "before ends at %g", bd->min, q->bands[i - 1].max);
	}
	q->nbands = arr->nkids;
	return 0;
}

/* Check that bands cover what a question's answers can be. */
static int
check_coverage(struct ld *ld, struct question *q, const struct jnode *o)
{
	const struct band *first = &q->bands[0], *last = &q->bands[q->nbands
	    - 1];
	const struct jnode *at = jdoc_get(o, "bands");
	double lo, hi;
	size_t i, n = 0;

	if (q->type == Q_MULTI) {
		for (i = 0; i < q->nopts; i++)
			n += !q->opts[i].na && !q->opts[i].exclusive;
		lo = 0;
		hi = (double)n;
	} else {
		if (!q->has_min) {
			q->min = first->min;
			q->has_min = 1;
		}
		if (!q->has_max && !last->open) {
			q->max = last->max;
			q->has_max = 1;
		}
		if (q->has_min && q->has_max && q->min > q->max)
			return jdoc_error(ld->d, o, "'min' is greater than "
			    "'max'");
		lo = q->min;
		hi = q->has_max ? q->max : HUGE_VAL;
	}
	if (lo < first->min || (!last->open && hi > last->max))
		return jdoc_error(ld->d, at, "bands must cover %s from %g to "
		    "%g", q->type == Q_MULTI ? "the number of options chosen" :
		    "the answers", lo, hi);
	return 0;
}

static int
load_gate(struct ld *ld, struct question *q, const struct jnode *g)
{
	static const char *const keys[] = { "requires_for", NULL };
	long lv;

	if (g->type == JSTR && strcmp(g->str, "anchor") == 0) {
		q->gate = GATE_ANCHOR;
		return 0;
	}
	if (g->type != JOBJ)
		return jdoc_error(ld->d, g, "'gate' must be \"anchor\" or "
		    "{\"requires_for\": LEVEL}");
	if (jdoc_expect_object(ld->d, g, keys, "a gate") != 0 ||
	    jdoc_int(ld->d, g, "requires_for", 1, 2, NLEVELS, &lv) != 0)
		return -1;
	q->gate = GATE_THRESHOLD;
	q->gate_level = (int)lv;
	return 0;
}

static const struct {
	const char	*op;
	enum when_op	 w;
} when_ops[] = {
	{ "!=", W_NE }, { "<=", W_LE }, { ">=", W_GE },
	{ "=", W_EQ }, { "<", W_LT }, { ">", W_GT },
};

static int
when_values(struct ld *ld, struct question *q, const struct question *ref,
    const char *list, const struct jnode *n)
{
	char buf[1024], *tok, *save = NULL;
	int k;

	if (strlen(list) >= sizeof(buf))
		return jdoc_error(ld->d, n, "'when' is too long");
	strcpy(buf, list);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		tok[strcspn(tok, " ")] = '\0';
		if (*tok == '\0')
			continue;
		if ((k = survey_option(ref, tok)) < 0)
			return jdoc_error(ld->d, n, "'when': '%s' is not an "
			    "option of %s", tok, ref->id);
		q->when.vals |= 1ULL << k;
	}
	if (q->when.vals == 0)
		return jdoc_error(ld->d, n, "'when' needs at least one value");
	return 0;
}

/* "ID OP VALUES": the question is asked only when it holds. */
static int
load_when(struct ld *ld, struct question *q, const struct jnode *n)
{
	char id[65];
	const char *p, *rest;
	const struct question *ref;
	size_t len, i;
	int k;
	char *end;

	if (n->type != JSTR)
		return jdoc_error(ld->d, n, "'when' must be a string such as "
		    "\"ACC-01 = a,b\"");
	for (p = n->str; *p == ' '; p++)
		;
	len = strcspn(p, " =!<>");
	if (len == 0 || len >= sizeof(id))
		return jdoc_error(ld->d, n, "'when' must start with a question "
		    "id");
	memcpy(id, p, len);
	id[len] = '\0';
	if ((k = survey_question(ld->s, id)) < 0 || (size_t)k >= ld->s->nq)
		return jdoc_error(ld->d, n, "'when' refers to '%s', which is "
		    "not a question asked before this one", id);
	ref = &ld->s->qs[k];
	for (p += len; *p == ' '; p++)
		;
	for (i = 0; i < sizeof(when_ops) / sizeof(when_ops[0]); i++)
		if (strncmp(p, when_ops[i].op, strlen(when_ops[i].op)) == 0)
			break;
	if (i == sizeof(when_ops) / sizeof(when_ops[0]))
		return jdoc_error(ld->d, n, "'when' needs one of = != < <= > "
		    ">= after the question id");
	rest = p + strlen(when_ops[i].op);
	q->when.op = when_ops[i].w;
	q->when.q = k;
	if ((q->when.text = arena_strdup(A, n->str)) == NULL)
		return nomem(ld);
	if (ref->type == Q_TEXT)
		return jdoc_error(ld->d, n, "'when' cannot test a text "
		    "question");
	if (q->when.op == W_EQ || q->when.op == W_NE) {
		if (ref->type == Q_NUMBER)
			return jdoc_error(ld->d, n, "'when' on a number uses "
			    "< <= > or >=");
		return when_values(ld, q, ref, rest, n);
	}
	if (ref->type != Q_NUMBER)
		return jdoc_error(ld->d, n, "'when' compares only numbers with "
		    "< <= > >=; use = or != with option values");
	q->when.num = strtod(rest, &end);
	while (*end == ' ')
		end++;
	if (end == rest || *end != '\0' || !isfinite(q->when.num))
		return jdoc_error(ld->d, n, "'when' needs a number after the "
		    "comparison");
	return 0;
}

/* ==== Questions, recommendations, dimensions ==== */

static const char *const type_names[] = {
	"single", "multi", "likert", "yesno", "number", "text",
};

const char *
survey_type_name(enum qtype t)
{
	return type_names[t];
}

static int
check_id_unique(struct ld *ld, const struct jnode *idn)
{
	size_t k = idx_probe(&ld->ids, idn->str, idnode_name, ld), i;

	if (ld->ids.slot[k] != 0) {
		i = ld->ids.slot[k] - 1;
		return jdoc_error(ld->d, idn, "duplicate id '%s' (first "
		    "at %u:%u)", idn->str, ld->idnodes[i]->line,
		    ld->idnodes[i]->col);
	}
	ld->ids.slot[k] = (unsigned)ld->nids + 1;
	ld->idnodes[ld->nids++] = idn;
	return 0;
}

static int
load_type(struct ld *ld, struct question *q, const struct jnode *o)
{
	const struct jnode *t = jdoc_get(o, "type");
	size_t i;

	if (t == NULL)
		return jdoc_error(ld->d, o, "missing required key 'type'");
	if (t->type == JSTR)
		for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
			if (strcmp(t->str, type_names[i]) == 0) {
				q->type = (enum qtype)i;
				return 0;
			}
	return jdoc_error(ld->d, t, "'type' must be one of single, multi, "
	    "likert, yesno, number, text");
}

static int
load_audience_list(struct ld *ld, struct question *q, const struct jnode *o)
{
	const struct jnode *arr = NULL;
	size_t i;
	int k;

	if (jdoc_array(ld->d, o, "audience", 0, &arr) != 0)
		return -1;
	if (arr == NULL) {
		q->audience = 1u << ld->s->org_aud;
		return 0;
	}
	if (arr->nkids == 0)
		return jdoc_error(ld->d, arr, "'audience' must not be empty");
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *n = &arr->kids[i];

		if (n->type != JSTR || (k = survey_audience(ld->s,
		    n->str)) < 0)
			return jdoc_error(ld->d, n, "unknown audience; the "
			    "survey's audiences are listed in \"audiences\"");
		q->audience |= 1u << k;
	}
	return 0;
}

static int
load_number_fields(struct ld *ld, struct question *q, const struct jnode *o)
{
	if (jdoc_number(ld->d, o, "min", 0, &q->min) != 0 ||
	    jdoc_number(ld->d, o, "max", 0, &q->max) != 0 ||
	    str(ld, o, "unit", 0, 32, &q->unit) != 0)
		return -1;
	q->has_min = jdoc_get(o, "min") != NULL;
	q->has_max = jdoc_get(o, "max") != NULL;
	return 0;
}

/* Keys that only some types may have. */
static int
check_type_keys(struct ld *ld, const struct question *q,
    const struct jnode *o)
{
	static const struct {
		const char	*key;
		unsigned	 types;	/* bit per enum qtype */
	} only[] = {
		{ "options", 1 << Q_SINGLE | 1 << Q_MULTI | 1 << Q_LIKERT |
		    1 << Q_YESNO },
		{ "option_set", 1 << Q_SINGLE | 1 << Q_MULTI | 1 << Q_LIKERT |
		    1 << Q_YESNO },
		{ "bands", 1 << Q_NUMBER | 1 << Q_MULTI },
		{ "min", 1 << Q_NUMBER }, { "max", 1 << Q_NUMBER },
		{ "unit", 1 << Q_NUMBER },
		{ "allow_na", 1 << Q_NUMBER | 1 << Q_TEXT },
		{ "gate", ~(1u << Q_TEXT) },
	};
	const struct jnode *n;
	size_t i;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		if ((n = jdoc_get(o, only[i].key)) != NULL &&
		    !(only[i].types & (1u << q->type)))
			return jdoc_key_error(ld->d, n, "a %s question cannot "
			    "have '%s'", survey_type_name(q->type),
			    only[i].key);
	return 0;
}

static int
load_question(struct ld *ld, struct question *q, const struct jnode *o,
    int dim)
{
	static const char *const keys[] = { "id", "type", "audience", "text",
	    "help", "options", "option_set", "bands", "min", "max", "unit",
	    "allow_na", "gate", "when", "required", "evidence", "sources",
	    "tags", NULL };
	const struct jnode *n;
	int allow_na = 0;

	q->dim = dim;
	q->na_opt = -1;
	q->numidx = -1;
	if (jdoc_expect_object(ld->d, o, keys, "a question") != 0 ||
	    ident(ld, o, "id", &q->id) != 0 ||
	    check_id_unique(ld, jdoc_get(o, "id")) != 0 ||
	    load_type(ld, q, o) != 0 || check_type_keys(ld, q, o) != 0 ||
	    load_audience_list(ld, q, o) != 0 ||
	    str(ld, o, "text", 1, TEXT_MAX, &q->text) != 0 ||
	    str(ld, o, "help", 0, TEXT_MAX, &q->help) != 0 ||
	    jdoc_bool(ld->d, o, "required", &q->required) != 0 ||
	    jdoc_bool(ld->d, o, "evidence", &q->evidence) != 0 ||
	    jdoc_bool(ld->d, o, "allow_na", &allow_na) != 0 ||
	    strlist(ld, o, "sources", check_source, &q->sources) != 0 ||
	    strlist(ld, o, "tags", NULL, &q->tags) != 0)
		return -1;
	if (q->type != Q_NUMBER && q->type != Q_TEXT &&
	    load_choices(ld, q, o) != 0)
		return -1;
	if (q->type == Q_NUMBER && load_number_fields(ld, q, o) != 0)
		return -1;
	q->allow_na |= allow_na;
	if ((n = jdoc_get(o, "bands")) != NULL) {
		if (n->type != JARR)
			return jdoc_error(ld->d, n, "'bands' must be an array");
		if (load_bands(ld, q, n) != 0 || check_coverage(ld, q, o) != 0)
			return -1;
	} else if (q->type == Q_NUMBER) {
		return jdoc_error(ld->d, o, "a number question needs 'bands' "
		    "to turn answers into levels");
	}
	if (q->type == Q_NUMBER || q->type == Q_MULTI)
		q->numidx = (int)ld->s->nnum++;
	if ((n = jdoc_get(o, "gate")) != NULL && load_gate(ld, q, n) != 0)
		return -1;
	if (q->gate != GATE_NONE && q->type == Q_MULTI && q->nbands == 0)
		return jdoc_error(ld->d, n, "a gate needs a level signal; give "
		    "this multi question 'bands'");
	if ((n = jdoc_get(o, "when")) != NULL && load_when(ld, q, n) != 0)
		return -1;
	return 0;
}

static int
load_recs(struct ld *ld, struct dimension *dm, const struct jnode *arr)
{
	static const char *const keys[] = { "id", "from_level", "to_level",
	    "text", "sources", NULL };
	size_t i;

	if (arr->nkids > 0 && (dm->recs = arena_alloc(A, arr->nkids *
	    sizeof(*dm->recs))) == NULL)
		return nomem(ld);
	for (i = 0; i < arr->nkids; i++) {
		const struct jnode *o = &arr->kids[i];
		struct recommendation *r = &dm->recs[i];
		long from, to;

		if (jdoc_expect_object(ld->d, o, keys, "a recommendation") != 0 ||
		    ident(ld, o, "id", &r->id) != 0 ||
		    check_id_unique(ld, jdoc_get(o, "id")) != 0 ||
		    jdoc_int(ld->d, o, "from_level", 1, 1, NLEVELS - 1,
		    &from) != 0 ||
		    jdoc_int(ld->d, o, "to_level", 1, 2, NLEVELS, &to) != 0 ||
		    str(ld, o, "text", 1, TEXT_MAX, &r->text) != 0 ||
		    strlist(ld, o, "sources", check_source, &r->sources) != 0)
			return -1;
		if (to <= from)
			return jdoc_error(ld->d, jdoc_get(o, "to_level"),
			    "'to_level' must be above 'from_level'");
		r->from = (int)from;
		r->to = (int)to;
		dm->nrecs++;
	}
	return 0;
}

static int
load_ladder(struct ld *ld, struct dimension *dm, const struct jnode *o)
{
	static const char *const keys[] = { "1", "2", "3", "4", "5", NULL };
	const struct jnode *lad = NULL;
	int i;

	if (jdoc_object(ld->d, o, "ladder", 1, &lad) != 0 ||
	    jdoc_expect_object(ld->d, lad, keys, "a ladder") != 0)
		return -1;
	for (i = 0; i < NLEVELS; i++)
		if (str(ld, lad, keys[i], 1, TEXT_MAX, &dm->ladder[i]) != 0)
			return -1;
	return 0;
}

static int
load_dimension(struct ld *ld, const struct jnode *o, int di)
{
	static const char *const keys[] = { "id", "title", "description",
	    "critical", "weight", "ladder", "sources", "questions",
	    "recommendations", NULL };
	struct survey *s = ld->s;
	struct dimension *dm = &s->dims[di];
	const struct jnode *qs = NULL, *recs = NULL;
	size_t i;

	dm->weight = 1;
	if (jdoc_expect_object(ld->d, o, keys, "a dimension") != 0 ||
	    ident(ld, o, "id", &dm->id) != 0 ||
	    check_id_unique(ld, jdoc_get(o, "id")) != 0 ||
	    str(ld, o, "title", 1, 256, &dm->title) != 0 ||
	    str(ld, o, "description", 0, TEXT_MAX, &dm->description) != 0 ||
	    jdoc_bool(ld->d, o, "critical", &dm->critical) != 0 ||
	    jdoc_number(ld->d, o, "weight", 0, &dm->weight) != 0 ||
	    load_ladder(ld, dm, o) != 0 ||
	    strlist(ld, o, "sources", check_source, &dm->sources) != 0 ||
	    jdoc_array(ld->d, o, "questions", 1, &qs) != 0 ||
	    jdoc_array(ld->d, o, "recommendations", 0, &recs) != 0)
		return -1;
	if (!(dm->weight > 0) || dm->weight > 1000)
		return jdoc_error(ld->d, jdoc_get(o, "weight"), "'weight' must "
		    "be a number above 0 and at most 1000");
	if (qs->nkids == 0)
		return jdoc_error(ld->d, qs, "a dimension needs at least one "
		    "question");
	if (s->nq + qs->nkids > MAX_QUESTIONS)
		return jdoc_error(ld->d, qs, "a survey can have at most %d "
		    "questions", MAX_QUESTIONS);
	dm->first = s->nq;
	for (i = 0; i < qs->nkids; i++) {
		if (load_question(ld, &s->qs[s->nq], &qs->kids[i], di) != 0)
			return -1;
		s->nq++;
		dm->nq++;
	}
	if (recs != NULL && load_recs(ld, dm, recs) != 0)
		return -1;
	s->ndims++;
	return 0;
}

/* ==== The document ==== */

static int
check_format(const struct jdoc *d, const struct jnode *root,
    const char *want)
{
	const struct jnode *f = jdoc_get(root, "format");

	if (f == NULL)
		return jdoc_error(d, root, "missing required key 'format' "
		    "(\"%s\")", want);
	if (f->type == JSTR && strcmp(f->str, want) == 0)
		return 0;
	if (f->type == JSTR && strncmp(f->str, want, strcspn(want, "/")) ==
	    0 && f->str[strcspn(want, "/")] == '/')
		return jdoc_error(d, f, "format '%.40s' is not supported by this "
		    "version of assess, which reads '%s'", f->str, want);
	if (f->type == JSTR && strncmp(f->str, "assess-", 7) == 0)
		return jdoc_error(d, f, "this file's format is '%.40s'; expected "
		    "'%s'", f->str, want);
	return jdoc_error(d, f, "'format' must be \"%s\"", want);
}

static int
check_rules_path(const struct jdoc *d, const struct jnode *root,
    const char *p)
{
	const struct jnode *n = jdoc_get(root, "rules");

	if (p[0] == '/' || strstr(p, "..") != NULL || strchr(p, '\\') != NULL)
		return jdoc_error(d, n, "rule path must stay inside the survey's "
		    "folder or the rules folder: no absolute paths, no '..'");
	return 0;
}

static int
load_body(struct ld *ld, const struct jnode *root)
{
	static const char *const keys[] = { "format", "id", "version",
	    "title", "description", "rules", "sources", "levels",
	    "audiences", "option_sets", "dimensions", NULL };
	struct survey *s = ld->s;
	const struct jnode *src = NULL, *lv = NULL, *au = NULL, *dims = NULL;
	size_t i, total = 0;

	if (jdoc_expect_object(ld->d, root, keys, "a survey") != 0 ||
	    check_format(ld->d, root, SURVEY_FORMAT) != 0 ||
	    ident(ld, root, "id", &s->id) != 0 ||
	    str(ld, root, "version", 1, 64, &s->version) != 0 ||
	    str(ld, root, "title", 1, 256, &s->title) != 0 ||
	    str(ld, root, "description", 0, TEXT_MAX, &s->description) != 0 ||
	    str(ld, root, "rules", 1, 256, &s->rules) != 0 ||
	    check_rules_path(ld->d, root, s->rules) != 0 ||
	    jdoc_array(ld->d, root, "sources", 0, &src) != 0 ||
	    jdoc_array(ld->d, root, "levels", 1, &lv) != 0 ||
	    jdoc_array(ld->d, root, "audiences", 1, &au) != 0 ||
	    jdoc_object(ld->d, root, "option_sets", 0, &ld->optsets) != 0 ||
	    jdoc_array(ld->d, root, "dimensions", 1, &dims) != 0)
		return -1;
	if (src != NULL && survey_load_sources(ld->d, src, A, &s->src,
	    &s->nsrc) != 0)
		return -1;
	if (idx_build(A, &s->srcindex, s->nsrc, source_name, s) != 0)
		return nomem(ld);
	if (load_levels(ld, lv) != 0 || load_audiences(ld, au) != 0)
		return -1;
	if (dims->nkids == 0 || dims->nkids > MAX_DIMENSIONS)
		return jdoc_error(ld->d, dims, "'dimensions' must have 1 to %d "
		    "entries", MAX_DIMENSIONS);
	for (i = 0; i < dims->nkids; i++) {
		const struct jnode *qs = jdoc_get(&dims->kids[i], "questions");
		const struct jnode *rs = jdoc_get(&dims->kids[i],
		    "recommendations");

		total += 1 + (qs && qs->type == JARR ? qs->nkids : 0) +
		    (rs && rs->type == JARR ? rs->nkids : 0);
	}
	if ((s->dims = arena_alloc(A, dims->nkids * sizeof(*s->dims))) ==
	    NULL || (s->qs = arena_alloc(A, (total < MAX_QUESTIONS ? total :
	    MAX_QUESTIONS) * sizeof(*s->qs))) == NULL ||
	    (ld->idnodes = malloc(total * sizeof(*ld->idnodes))) == NULL ||
	    idx_init(A, &ld->ids, total) != 0)
		return nomem(ld);
	for (i = 0; i < dims->nkids; i++)
		if (load_dimension(ld, &dims->kids[i], (int)i) != 0)
			return -1;
	if ((s->qaud = arena_alloc(A, (s->nq ? s->nq : 1) *
	    sizeof(*s->qaud))) == NULL)
		return nomem(ld);
	for (i = 0; i < s->nq; i++)
		s->qaud[i] = s->qs[i].audience;
	return idx_build(A, &s->qindex, s->nq, question_name, s) != 0 ?
	    nomem(ld) : 0;
}

/* survey_load() of the text in 'text', read from 'path' (read it when
 * 'text' is NULL or empty). */
static struct survey *
survey_parse(const char *path, const struct buf *text, struct err *e)
{
	struct survey *s;
	struct jdoc d;
	struct ld ld;
	int rc = -1;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	memset(&ld, 0, sizeof(ld));
	if ((text != NULL && text->len > 0 ? jdoc_parse(&d, path, text->data,
	    text->len, e) : jdoc_load(&d, path, e)) != 0)
		goto out;
	ld.d = &d;
	ld.s = s;
	if ((s->path = arena_strdup(&s->arena, path)) == NULL) {
		err_nomem(e);
		goto out;
	}
	{
		char *dir = fsx_dirname(path);

		if (dir == NULL || (s->dir = arena_strdup(&s->arena, dir)) ==
		    NULL) {
			free(dir);
			err_nomem(e);
			goto out;
		}
		free(dir);
	}
	rc = load_body(&ld, d.root);
out:
	free(ld.idnodes);
	jdoc_release(&d);
	if (rc != 0) {
		survey_free(s);
		return NULL;
	}
	return s;
}

struct survey *
survey_load(const char *path, struct err *e)
{
	return survey_parse(path, NULL, e);
}

void
survey_free(struct survey *s)
{
	if (s == NULL)
		return;
	arena_release(&s->arena);
	free(s);
}

/* ==== Ruling a survey out without loading it ==== */

/*
 * Choosing the survey an answers file belongs to asks, of every bundled
 * survey, which of the file's columns it has questions for.  Loading a
 * survey to learn that it has none of them costs as much as loading the
 * one that is chosen, so the file's text is looked at first: a question
 * id is a JSON string of the file, so a survey none of whose strings
 * equals a column (ignoring letter case) cannot answer any of them.  The
 * look is cautious: a string with an escape that might spell a column is
 * taken as a possible match, as is a file that cannot be read.
 */

#define MENTION_SLOTS_MAX 4096

struct mentions {
	const char	**slot;		/* open addressing, by folded hash */
	size_t		  mask;
	size_t		  minlen, maxlen;
};

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static size_t
fold_hash(const char *p, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ fold((unsigned char)p[i])) * 16777619u;
	return h;
}

/* Whether 'name' equals p[0, n) ignoring ASCII letter case. */
static int
mention_is(const char *name, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || fold((unsigned char)name[i]) !=
		    fold((unsigned char)p[i]))
			return 0;
	return name[n] == '\0';
}

static int
mention_find(const struct mentions *m, const char *p, size_t n)
{
	size_t k;

	if (n < m->minlen || n > m->maxlen)
		return 0;
	for (k = fold_hash(p, n) & m->mask; m->slot[k] != NULL;
	    k = (k + 1) & m->mask)
		if (mention_is(m->slot[k], p, n))
			return 1;
	return 0;
}

static int
mentions_init(struct mentions *m, const char *names, size_t n)
{
	size_t i, k, len, size = 16;

	while (size < 2 * n)
		size *= 2;
	if (size > MENTION_SLOTS_MAX ||
	    (m->slot = calloc(size, sizeof(*m->slot))) == NULL)
		return -1;
	m->mask = size - 1;
	m->minlen = (size_t)-1;
	m->maxlen = 0;
	for (i = 0; i < n; i++, names += len + 1) {
		len = strlen(names);
		m->minlen = len < m->minlen ? len : m->minlen;
		m->maxlen = len > m->maxlen ? len : m->maxlen;
		for (k = fold_hash(names, len) & m->mask; m->slot[k] != NULL;
		    k = (k + 1) & m->mask)
			;
		m->slot[k] = names;
	}
	return 0;
}

/* Whether some string of the JSON text p[0, n) may equal a name. */
static int
mentions_in(const struct mentions *m, const char *p, size_t n)
{
	const char *end, *q, *start;
	int escaped;

	if (p == NULL)
		return 0;
	end = p + n;
	while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		start = ++q;
		escaped = 0;
		while (q < end && *q != '"') {
			if (*q == '\\') {
				escaped = 1;
				q++;
			}
			q++;
		}
		if (q >= end)
			return 1;	/* not JSON: the loader will say so */
		if (escaped ? (size_t)(q - start) <= 6 * m->maxlen :
		    mention_find(m, start, (size_t)(q - start)))
			return 1;
		p = q + 1;
	}
	return 0;
}

struct survey *
survey_load_answering(const char *path, const char *names, size_t n,
    struct err *e)
{
	struct mentions m;
	struct buf b = BUF_INIT;
	struct survey *s = NULL;
	int maybe = 1;

	memset(&m, 0, sizeof(m));
	if (n > 0 && mentions_init(&m, names, n) == 0 &&
	    jdoc_read(path, &b, e) == 0)
		maybe = mentions_in(&m, b.data, b.len);
	free(m.slot);
	if (n == 0)
		maybe = 0;
	if (maybe)
		s = survey_parse(path, &b, e);
	buf_release(&b);
	return s;
}

/* ==== Lookups ==== */

int
survey_question(const struct survey *s, const char *id)
{
	size_t i;

	if (s->qindex.mask != 0) {
		i = idx_probe(&s->qindex, id, question_name, s);
		return (int)s->qindex.slot[i] - 1;
	}
	for (i = 0; i < s->nq; i++)
		if (strcmp(s->qs[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
survey_answer_question(const struct survey *s, const char *name)
{
	int k = survey_question(s, name), found = -1;
	size_t i;

	if (k >= 0)
		return k;
	for (i = 0; i < s->nq; i++)
		if (strcasecmp(s->qs[i].id, name) == 0) {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	return found;
}

const char *
survey_near_question(const struct survey *s, const char *name)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, name);
	for (i = 0; i < s->nq; i++)
		suggest_try(&sg, s->qs[i].id);
	return sg.best;
}

int
survey_dimension(const struct survey *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->ndims; i++)
		if (strcmp(s->dims[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
survey_audience(const struct survey *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->naud; i++)
		if (strcmp(s->aud[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
survey_source(const struct survey *s, const char *id)
{
	size_t i;

	if (s->srcindex.mask != 0) {
		i = idx_probe(&s->srcindex, id, source_name, s);
		return (int)s->srcindex.slot[i] - 1;
	}
	for (i = 0; i < s->nsrc; i++)
		if (strcmp(s->src[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
survey_option(const struct question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->nopts; i++)
		if (strcmp(q->opts[i].value, value) == 0)
			return (int)i;
	return -1;
}

int
survey_band_level(const struct question *q, double v)
{
	size_t i;

	for (i = 0; i < q->nbands; i++) {
		const struct band *b = &q->bands[i];
		int last = i + 1 == q->nbands;

		if (v >= b->min && (b->open || v < b->max ||
		    (last && v == b->max)))
			return b->level;
	}
	return 0;
}

void
survey_allowed(const struct question *q, char *dst, size_t size)
{
	size_t i, o = 0;

	dst[0] = '\0';
	for (i = 0; i < q->nopts && o + 1 < size; i++) {
		int n = snprintf(dst + o, size - o, "%s%s", i ? ", " : "",
		    q->opts[i].value);

		if (n < 0 || (size_t)n >= size - o) {
			dst[o] = '\0';	/* whole values only */
			break;
		}
		o += (size_t)n;
	}
}

/* 'label' cut to at most 'max' bytes at a character boundary, with an
 * ellipsis when cut. */
static void
short_label(const char *label, size_t max, char *dst, size_t size)
{
	size_t n = strlen(label);

	if (n <= max) {
		snprintf(dst, size, "%s", label);
		return;
	}
	while (n > max || (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80))
		n--;
	while (n > 0 && label[n - 1] == ' ')
		n--;
	snprintf(dst, size, "%.*s\xE2\x80\xA6", (int)n, label);
}

void
survey_allowed_labels(const struct question *q, char *dst, size_t size)
{
	char label[80];
	size_t i, o = 0;
	int n;

	dst[0] = '\0';
	for (i = 0; i < q->nopts; i++) {
		short_label(q->opts[i].label, 40, label, sizeof(label));
		n = snprintf(dst + o, size - o, "%s%s \xE2\x80\x94 %s", i ? "; " : "",
		    q->opts[i].value, label);
		if (n < 0 || (size_t)n + 6 >= size - o) {
			snprintf(dst + o, size - o, "%s", i ? "; \xE2\x80\xA6" : "");
			return;
		}
		o += (size_t)n;
	}
}
