/*
 * aggregate.c - streaming accumulation of answers per organisation.
 *
 * Organisations are found through an open-addressing hash table keyed by
 * name (and, first, a table of names as rows wrote them); respondent ids
 * through a table of 64-bit fingerprints.  A row touches only the answers
 * it gave and the questions its conditions skipped: how many were asked
 * and left empty is worked out from the roles of the rows, once, when
 * the organisations are counted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "aggregate.h"
#include "fsx.h"
#include "swar.h"

/* An organisation as a row wrote its name: rows repeat a few names, and
 * finding one here spares folding it into its key and looking that up.
 * Slots are picked by the hash of the name as written; a name that fits
 * is kept in its slot, so telling it apart touches nothing else. */
#define NAMED_SLOTS	4096
#define NAMED_TEXT	40

struct named {
	struct orgagg	*o;		/* NULL: empty */
	uint64_t	 keyhash;	/* fnv1a of o->key */
	uint32_t	 sp;		/* the spelling */
	uint32_t	 len;		/* its length */
	char		 text[NAMED_TEXT];	/* it, if it fits */
};

struct agg {
	const struct survey	*s;
	struct view		 views[MAX_AUDIENCES + 1];	/* [0] = all */
	struct orgagg		**slots;	/* hash table of organisations */
	size_t			 nslots, norgs;
	struct orgagg		**sorted;	/* id order, built on demand */
	struct named		 named[NAMED_SLOTS];
	uint64_t		*seen;		/* respondent fingerprints */
	size_t			 nseen, seencap;
	size_t			 respondents;
	int			 settled;	/* 'unanswered' worked out
						   since the last response */
};

static uint64_t
fnv1a(const char *s, uint64_t h)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

/* ==== Views ==== */

static int
view_init(struct view *v, const struct survey *s, unsigned aud_mask)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	if ((v->local = malloc(s->nq * sizeof(int))) == NULL ||
	    (v->qidx = malloc(s->nq * sizeof(int))) == NULL ||
	    (v->optoff = malloc(s->nq * sizeof(uint32_t))) == NULL ||
	    (v->numidx = malloc(s->nq * sizeof(int))) == NULL)
		return -1;
	for (i = 0; i < s->nq; i++) {
		const struct question *q = &s->qs[i];

		v->local[i] = -1;
		if (!(q->audience & aud_mask))
			continue;
		v->local[i] = (int)v->nq;
		v->qidx[v->nq] = (int)i;
		v->optoff[v->nq] = (uint32_t)v->nopt;
		v->nopt += q->nopts;
		v->numidx[v->nq] = q->numidx >= 0 ? (int)v->nnum++ : -1;
		v->nq++;
	}
	return 0;
}

static void
view_release(struct view *v)
{
	free(v->local);
	free(v->qidx);
	free(v->optoff);
	free(v->numidx);
}

static int
acc_init(struct acc *c, const struct view *v)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->q = calloc(v->nq ? v->nq : 1, sizeof(*c->q));
	c->optcount = calloc(v->nopt ? v->nopt : 1, sizeof(*c->optcount));
	c->num = calloc(v->nnum ? v->nnum : 1, sizeof(*c->num));
	if (c->q == NULL || c->optcount == NULL || c->num == NULL)
		return -1;
	for (i = 0; i < v->nq; i++)
		c->q[i].opt = v->optoff[i];
	return 0;
}

static void
acc_release(struct acc *c)
{
	free(c->q);
	free(c->optcount);
	free(c->num);
}

struct agg *
agg_new(const struct survey *s, struct err *e)
{
	struct agg *a = calloc(1, sizeof(*a));
	size_t k;

	if (a == NULL) {
		err_nomem(e);
		return NULL;
	}
	a->s = s;
	if (view_init(&a->views[0], s, ~0u) != 0)
		goto fail;
	for (k = 0; k < s->naud; k++)
		if (view_init(&a->views[k + 1], s, 1u << k) != 0)
			goto fail;
	a->nslots = 64;
	if ((a->slots = calloc(a->nslots, sizeof(*a->slots))) == NULL)
		goto fail;
	return a;
fail:
	agg_free(a);
	err_nomem(e);
	return NULL;
}

static void
org_free(struct orgagg *o)
{
	size_t k;

	if (o == NULL)
		return;
	acc_release(&o->all);
	for (k = 0; k < MAX_AUDIENCES; k++)
		if (o->role[k] != NULL) {
			acc_release(o->role[k]);
			free(o->role[k]);
		}
	for (k = 0; k < o->nsp; k++)
		free(o->sp[k].text);
	free(o->sp);
	free(o->sets);
	free(o->key);
	free(o);
}

void
agg_free(struct agg *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; a->slots != NULL && i < a->nslots; i++)
		org_free(a->slots[i]);
	for (i = 0; i <= MAX_AUDIENCES; i++)
		view_release(&a->views[i]);
	free(a->slots);
	free(a->sorted);
	free(a->seen);
	free(a);
}

/* ==== Organisations ==== */

static int
grow_orgs(struct agg *a)
{
	size_t n = a->nslots * 2, i, j;
	struct orgagg **slots = calloc(n, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (i = 0; i < a->nslots; i++) {
		if (a->slots[i] == NULL)
			continue;
		j = fnv1a(a->slots[i]->key, FNV_BASIS) & (n - 1);
		while (slots[j] != NULL)
			j = (j + 1) & (n - 1);
		slots[j] = a->slots[i];
	}
	free(a->slots);
	a->slots = slots;
	a->nslots = n;
	return 0;
}

void
agg_name_key(const char *name, char *key)
{
	size_t n = 0;
	int space = 0;

	for (; *name != '\0'; name++) {
		unsigned char c = (unsigned char)*name;

		if (c == ' ' || c == '\t') {
			space = n > 0;
			continue;
		}
		if (space)
			key[n++] = ' ';
		space = 0;
		key[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	key[n] = '\0';
}

/* Count one more response spelling the name 'id'. */
static int
spelt(struct orgagg *o, const char *id)
{
	struct spelling *sp;
	size_t k;

	for (k = 0; k < o->nsp; k++)
		if (strcmp(o->sp[k].text, id) == 0) {
			o->sp[k].n++;
			return 0;
		}
	if ((sp = realloc(o->sp, (o->nsp + 1) * sizeof(*sp))) == NULL)
		return -1;
	o->sp = sp;
	if ((sp[o->nsp].text = fsx_strdup(id)) == NULL)
		return -1;
	sp[o->nsp++].n = 1;
	if (o->nsp == 1)
		o->id = sp[0].text;
	return 0;
}

static struct orgagg *
new_org(struct agg *a, const char *key, size_t j)
{
	struct orgagg *o = calloc(1, sizeof(*o));

	if (o == NULL)
		return NULL;
	if ((o->key = fsx_strdup(key)) == NULL ||
	    acc_init(&o->all, &a->views[0]) != 0) {
		org_free(o);
		return NULL;
	}
	a->slots[j] = o;
	a->norgs++;
	free(a->sorted);
	a->sorted = NULL;
	return o;
}

/* The organisation whose key is 'key' (its fnv1a 'h'), made if new. */
static struct orgagg *
find_key(struct agg *a, const char *key, uint64_t h)
{
	size_t j;

	j = h & (a->nslots - 1);
	for (; a->slots[j] != NULL; j = (j + 1) & (a->nslots - 1))
		if (strcmp(a->slots[j]->key, key) == 0)
			return a->slots[j];
	if (2 * (a->norgs + 1) > a->nslots) {
		if (grow_orgs(a) != 0)
			return NULL;
		return find_key(a, key, h);
	}
	return new_org(a, key, j);
}

/* The organisation a response names, whose key is 'key' (its fnv1a 'h'),
 * counting its spelling, which slot 'nm' then holds. */
static struct orgagg *
find_org(struct agg *a, const char *id, const char *key, uint64_t h,
    struct named *nm)
{
	struct orgagg *o;

	if ((o = find_key(a, key, h)) == NULL || spelt(o, id) != 0)
		return NULL;
	for (nm->sp = 0; strcmp(o->sp[nm->sp].text, id) != 0; nm->sp++)
		;
	nm->keyhash = h;
	nm->len = (uint32_t)strlen(id);
	if (nm->len <= NAMED_TEXT)
		memcpy(nm->text, id, nm->len);
	return nm->o = o;
}

/* After the last response: each organisation is named by the spelling
 * most of its responses used. */
static void
choose_ids(struct agg *a)
{
	size_t i, k;

	for (i = 0; i < a->nslots; i++) {
		struct orgagg *o = a->slots[i];

		if (o == NULL)
			continue;
		for (k = 1; k < o->nsp; k++)
			if (o->sp[k].n > o->sp[0].n || (o->sp[k].n ==
			    o->sp[0].n && strcmp(o->sp[k].text,
			    o->sp[0].text) < 0)) {
				struct spelling t = o->sp[0];

				o->sp[0] = o->sp[k];
				o->sp[k] = t;
			}
		o->id = o->sp[0].text;
	}
	memset(a->named, 0, sizeof(a->named));	/* spellings moved */
}

/* ==== Respondent fingerprints ====
 *
 * One 64-bit hash of organisation and respondent id per respondent, in
 * an open-addressing table kept at most 80% full and grown by a quarter:
 * the one part of reading that grows with respondents, so it is kept
 * tight (a million respondents take 10 MiB, 18 while it grows, where a
 * half-full table of a power-of-two size would take 16, and 24). */

/* The slot a fingerprint starts looking from: its bits mixed once more
 * (a fingerprint with any pattern in its high bits would make long runs
 * of full slots), the high half scaled to the table's size, which need
 * not be a power of two. */
static size_t
home(uint64_t h, size_t cap)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)(((h >> 32) * (uint64_t)cap) >> 32);
}

static size_t
put_seen(const uint64_t *t, size_t cap, uint64_t h)
{
	size_t j;

	for (j = home(h, cap); t[j] != 0 && t[j] != h; j = j + 1 < cap ? j + 1 :
	    0)
		;
	return j;
}

static int
grow_seen(struct agg *a)
{
	size_t n = a->seencap ? a->seencap + a->seencap / 4 : 1024, i;
	uint64_t *t;

	if (n > UINT32_MAX || (t = calloc(n, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < a->seencap; i++)
		if (a->seen[i] != 0)
			t[put_seen(t, n, a->seen[i])] = a->seen[i];
	free(a->seen);
	a->seen = t;
	a->seencap = n;
	return 0;
}

/* The fingerprint of a respondent id in the organisation whose key has
 * the fnv1a 'orgh' (never 0, which marks an empty slot). */
static uint64_t
fingerprint(uint64_t orgh, const char *respondent)
{
	uint64_t h = swar_hash(respondent, strlen(respondent)) ^
	    orgh * 0x9e3779b97f4a7c15ULL;

	return h != 0 ? h : 1;
}

/* 1 if fingerprint 'h' was seen before, 0 if new, -1 when out of
 * memory. */
static int
seen_before(struct agg *a, uint64_t h)
{
	size_t j;

	if (5 * (a->nseen + 1) > 4 * a->seencap && grow_seen(a) != 0)
		return -1;
	j = put_seen(a->seen, a->seencap, h);
	if (a->seen[j] == h)
		return 1;
	a->seen[j] = h;
	a->nseen++;
	return 0;
}

/* ==== Folding a response in ==== */

/* An answer that was skipped, or given (a value or na); the asked and
 * empty ones are counted by settle(). */
static void
add_answer(const struct view *v, struct acc *c, int qi,
    const struct answer *ans)
{
	int li = v->local[qi];
	struct qstat *st;
	unsigned long long m;
	size_t k;

	if (li < 0)
		return;
	st = &c->q[li];
	if (ans->skipped) {
		st->skipped++;
		return;
	}
	if (ans->state == A_NA) {
		st->na++;
		return;
	}
	st->answered++;
	st->evidenced += ans->evidence;
	if (ans->level > 0)
		st->level[ans->level - 1]++;
	if (ans->multi != 0) {	/* a multi question's (response.c) */
		for (k = 0, m = ans->multi; m != 0; k++, m >>= 1)
			if (m & 1)
				c->optcount[st->opt + k]++;
	} else if (ans->opt >= 0) {
		c->optcount[st->opt + (size_t)ans->opt]++;
	}
	if (v->numidx[li] >= 0) {
		struct numstat *ns = &c->num[v->numidx[li]];

		if (ns->n == 0 || ans->num < ns->min)
			ns->min = ans->num;
		if (ns->n == 0 || ans->num > ns->max)
			ns->max = ans->num;
		ns->sum += ans->num;
		ns->sumsq += ans->num * ans->num;
		ns->n++;
	}
}

static struct acc *
role_acc(struct agg *a, struct orgagg *o, size_t k)
{
	if (o->role[k] == NULL) {
		if ((o->role[k] = malloc(sizeof(*o->role[k]))) == NULL)
			return NULL;
		if (acc_init(o->role[k], &a->views[k + 1]) != 0) {
			acc_release(o->role[k]);
			free(o->role[k]);
			o->role[k] = NULL;
			return NULL;
		}
	}
	return o->role[k];
}

static int
duplicate(const struct response *r, struct err *e)
{
	return err_set(e, AS_EINPUT, r->file, r->rline ? r->rline : r->line,
	    r->rcol, "respondent '%.80s' of organisation '%.80s' appears more "
	    "than once", r->respondent, r->org);
}

static int
has_id(const struct response *r)
{
	return r->respondent != NULL && r->respondent[0] != '\0';
}

/* Whether the response's respondent id was seen before in the
 * organisation whose key has the fnv1a 'orgh': 1, 0, or -1. */
static int
repeated(struct agg *a, const struct response *r, uint64_t orgh)
{
	return has_id(r) ? seen_before(a, fingerprint(orgh,
	    r->respondent)) : 0;
}

#if defined(__GNUC__)
#define PREFETCH(p)	__builtin_prefetch((p), 1)
#else
#define PREFETCH(p)	((void)(p))
#endif

/* Ask for the counters of accumulator 'c' (view 'v') that a response
 * will add to. */
static void
warm_acc(const struct view *v, const struct acc *c,
    const struct response *r)
{
	size_t f;

	for (f = 0; c != NULL && c->q != NULL && f < r->nfold; f++) {
		int i = r->fold[f], li = v->local[i], opt = r->ans[i].opt;

		if (li < 0)
			continue;
		PREFETCH(&c->q[li]);
		if (opt >= 0)
			PREFETCH(&c->optcount[v->optoff[li] + (uint32_t)opt]);
	}
}

/* Rows that mix organisations rarely find an organisation's counters,
 * or the slot of a fingerprint, in the cache: ask for them all before
 * the first is needed, so that the waits overlap. */
static void
warm(const struct agg *a, const struct orgagg *o, const struct response *r,
    uint64_t fp)
{
	size_t k;

	if (has_id(r) && a->seen != NULL)
		PREFETCH(&a->seen[home(fp, a->seencap)]);
	if (r->fold == NULL || !r->checked)
		return;
	warm_acc(&a->views[0], &o->all, r);
	for (k = 0; k < a->s->naud; k++)
		if (r->roles & (1u << k))
			warm_acc(&a->views[k + 1], o->role[k], r);
}

/* The organisation of a response, refusing a respondent id seen before
 * in the same organisation (however its name was spelt). */
static int
lookup(struct agg *a, const struct response *r, struct orgagg **o,
    struct err *e)
{
	char small[512], *key;
	struct named *nm;
	size_t n;
	uint64_t h;
	int dup;

	*o = NULL;
	n = strlen(r->org);
	nm = &a->named[swar_hash(r->org, n) % NAMED_SLOTS];
	if (nm->o != NULL && nm->len == n && (n <= NAMED_TEXT ?
	    memcmp(nm->text, r->org, n) == 0 :
	    strcmp(nm->o->sp[nm->sp].text, r->org) == 0)) {
		h = has_id(r) ? fingerprint(nm->keyhash, r->respondent) : 0;
		warm(a, nm->o, r, h);
		if ((dup = has_id(r) ? seen_before(a, h) : 0) != 0)
			return dup > 0 ? duplicate(r, e) : err_nomem(e);
		nm->o->sp[nm->sp].n++;
		*o = nm->o;
		return 0;
	}
	if (n < sizeof(small))
		key = small;
	else if ((key = malloc(n + 1)) == NULL)
		return err_nomem(e);
	agg_name_key(r->org, key);
	h = fnv1a(key, FNV_BASIS);
	if ((dup = repeated(a, r, h)) == 0)
		*o = find_org(a, r->org, key, h, nm);
	if (key != small)
		free(key);
	if (dup > 0)
		return duplicate(r, e);
	return *o == NULL ? err_nomem(e) : 0;
}

/* Count one more checked response with the role set 'roles'. */
static int
count_set(struct orgagg *o, unsigned roles)
{
	struct roleset *sets;
	size_t k;

	for (k = 0; k < o->nsets; k++)
		if (o->sets[k].roles == roles) {
			o->sets[k].n++;
			return 0;
		}
	if ((sets = realloc(o->sets, (o->nsets + 1) * sizeof(*sets))) == NULL)
		return -1;
	o->sets = sets;
	sets[o->nsets].roles = roles;
	sets[o->nsets++].n = 1;
	return 0;
}

int
agg_add(struct agg *a, const struct response *r, struct err *e)
{
	const struct survey *s = a->s;
	struct acc *roles[MAX_AUDIENCES];
	const struct view *rv[MAX_AUDIENCES];	/* the respondent's roles */
	struct orgagg *o;
	size_t f, k, nr = 0, j;

	if (lookup(a, r, &o, e) != 0)
		return -1;
	a->settled = 0;
	o->all.respondents++;
	a->respondents++;
	if (r->submitted != NULL && strcmp(r->submitted, o->as_of) > 0)
		snprintf(o->as_of, sizeof(o->as_of), "%s", r->submitted);
	for (k = 0; k < s->naud; k++) {
		if (!(r->roles & (1u << k)))
			continue;
		if ((roles[nr] = role_acc(a, o, k)) == NULL)
			return err_nomem(e);
		roles[nr]->respondents++;
		rv[nr++] = &a->views[k + 1];
	}
	if (!r->checked)
		return 0;
	if (count_set(o, r->roles) != 0)
		return err_nomem(e);
	/* the skipped and the given; each role only over the questions of
	 * its own audience */
	for (f = 0; f < (r->fold != NULL ? r->nfold : s->nq); f++) {
		int i = r->fold != NULL ? r->fold[f] : (int)f;
		const struct answer *ans = &r->ans[i];

		if (!ans->skipped && (!ans->asked || ans->state == A_EMPTY))
			continue;
		add_answer(&a->views[0], &o->all, i, ans);
		for (j = 0; j < nr; j++)
			add_answer(rv[j], roles[j], i, ans);
	}
	return 0;
}

/* The asked and empty answers of one accumulator: of the checked
 * responses whose roles the question is asked of (within the view's
 * audience 'mask'), those neither skipped, na nor answered. */
static void
settle_acc(const struct survey *s, const struct view *v, struct acc *c,
    const struct orgagg *o, unsigned mask)
{
	size_t li, k;

	if (c == NULL || c->q == NULL)
		return;
	for (li = 0; li < v->nq; li++) {
		struct qstat *st = &c->q[li];
		unsigned aud = s->qs[v->qidx[li]].audience & mask;
		uint32_t in = 0;

		for (k = 0; k < o->nsets; k++)
			if (o->sets[k].roles & aud)
				in += o->sets[k].n;
		st->unanswered = in - st->skipped - st->na - st->answered;
	}
}

static void
settle(struct agg *a)
{
	size_t i, k;

	for (i = 0; i < a->nslots; i++) {
		struct orgagg *o = a->slots[i];

		if (o == NULL)
			continue;
		settle_acc(a->s, &a->views[0], &o->all, o, ~0u);
		for (k = 0; k < a->s->naud; k++)
			settle_acc(a->s, &a->views[k + 1], o->role[k], o,
			    1u << k);
	}
	a->settled = 1;
}

/* Freed accumulators are small blocks scattered through the heap, which
 * the results being built do not fit into; every 64 organisations, hand
 * the whole free pages among them back to the system, so that memory
 * stays near the larger of the two rather than their sum. */
static void
give_back(size_t i)
{
#ifdef __GLIBC__
	if (i % 64 == 63)
		malloc_trim(0);
#else
	(void)i;
#endif
}

void
agg_done(struct agg *a, size_t i)
{
	struct orgagg *o;
	size_t k;

	if (i >= agg_count(a))
		return;
	o = a->sorted[i];
	acc_release(&o->all);
	memset(&o->all, 0, sizeof(o->all));
	for (k = 0; k < MAX_AUDIENCES; k++) {
		if (o->role[k] != NULL)
			acc_release(o->role[k]);
		free(o->role[k]);
		o->role[k] = NULL;
	}
	free(o->sets);
	o->sets = NULL;
	o->nsets = 0;
	give_back(i);
}

void
agg_end_input(struct agg *a)
{
	free(a->seen);
	a->seen = NULL;
	a->nseen = a->seencap = 0;
}

/* ==== Reading the accumulators ==== */

static int
cmp_org(const void *x, const void *y)
{
	const struct orgagg *a = *(const struct orgagg *const *)x;
	const struct orgagg *b = *(const struct orgagg *const *)y;

	return strcmp(a->id, b->id);
}

size_t
agg_count(struct agg *a)
{
	size_t i, n = 0;

	if (!a->settled)
		settle(a);
	if (a->sorted == NULL && a->norgs > 0) {
		if ((a->sorted = malloc(a->norgs * sizeof(*a->sorted))) ==
		    NULL)
			return 0;
		choose_ids(a);
		for (i = 0; i < a->nslots; i++)
			if (a->slots[i] != NULL)
				a->sorted[n++] = a->slots[i];
		qsort(a->sorted, n, sizeof(*a->sorted), cmp_org);
	}
	return a->sorted != NULL ? a->norgs : 0;
}

const struct orgagg *
agg_org(struct agg *a, size_t i)
{
	return i < agg_count(a) ? a->sorted[i] : NULL;
}

size_t
agg_respondents(const struct agg *a)
{
	return a->respondents;
}

const struct view *
agg_view(const struct agg *a, int role)
{
	return &a->views[role + 1];
}

const struct qstat *
agg_qstat(const struct view *v, const struct acc *c, int q)
{
	int li = v->local[q];

	return li >= 0 ? &c->q[li] : NULL;
}

const struct numstat *
agg_numstat(const struct view *v, const struct acc *c, int q)
{
	int li = v->local[q];

	return li >= 0 && v->numidx[li] >= 0 ? &c->num[v->numidx[li]] : NULL;
}

const uint32_t *
agg_options(const struct view *v, const struct acc *c, int q)
{
	int li = v->local[q];

	return li >= 0 ? &c->optcount[c->q[li].opt] : NULL;
}

int
agg_lower_median(const struct qstat *st)
{
	uint32_t n = 0, seen = 0;
	int i;

	for (i = 0; i < NLEVELS; i++)
		n += st->level[i];
	if (n == 0)
		return 0;
	for (i = 0; i < NLEVELS; i++) {
		seen += st->level[i];
		if (seen > (n - 1) / 2)
			return i + 1;
	}
	return 0;
}
