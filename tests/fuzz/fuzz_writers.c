/*
 * fuzz_writers.c - fuzzed strings placed into a struct result, then
 * report_md, report_json and report_csv, each output checked by the
 * oracles of fuzz_oracle.c.
 *
 * Input format (readable, so seeds can be written by hand):
 *
 *   line 1     the shape: each byte is one small number, taken in turn
 *              (a digit counts as its value, anything else as its byte
 *              value; spaces are skipped); the numbers wrap around
 *   lines 2-   the strings, taken in turn and wrapping around; a
 *              backslash followed by 'n' stands for a line feed
 *
 * The numbers choose how many organisations, dimensions, findings,
 * recommendations, roadmap steps, flags, roles, practices, sources and
 * business-case entries there are, the levels, scores, targets and
 * counts; the strings fill every text and id field.
 * What the engine guarantees before a result reaches a writer is kept:
 * levels 0-5, scores finite in [0, 100] (which includes -0.0: luaconv.c
 * accepts it), severities from the fixed list, a recommendation's
 * dimension is one of the dimensions, practices met/unmet name practices
 * of that dimension, every organisation has the survey's dimensions,
 * cited sources are the survey's, a business case's entries name its
 * dimensions, a roadmap step comes after earlier steps only.
 * Strings are otherwise anything, including invalid UTF-8, controls and
 * bidirectional overrides: the writers escape everything.
 *
 * The result is then built a second time from the same input with FZ_TAG
 * in front of every string, and fz_check_md_starts() compares the two
 * Markdown reports line by line to find where untrusted text begins.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "result.h"

#define MAX_STRS	256

struct in {
	const uint8_t	*shape;
	size_t		 nshape, ishape;
	char		*strs[MAX_STRS];
	size_t		 nstrs, istr;
	struct arena	*a;
	int		 tag;		/* FZ_TAG in front of every string */
};

/* The next shape number, in [0, n). */
static unsigned
take(struct in *in, unsigned n)
{
	unsigned v;
	uint8_t c;

	if (in->nshape == 0 || n == 0)
		return 0;
	c = in->shape[in->ishape++ % in->nshape];
	v = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c;
	return v % n;
}

static const char *
str(struct in *in)
{
	const char *s = in->nstrs == 0 ? "x" :
	    in->strs[in->istr++ % in->nstrs];
	size_t tl = in->tag ? strlen(FZ_TAG) : 0, n = strlen(s);
	char *t;

	/* always a copy: the builder tells dimensions apart by pointer */
	if ((t = arena_alloc(in->a, tl + n + 1)) == NULL)
		return NULL;
	memcpy(t, FZ_TAG, tl);
	memcpy(t + tl, s, n + 1);
	return t;
}

static int
parse(struct in *in, const uint8_t *data, size_t size, struct arena *tmp)
{
	size_t i, j, start;
	char *s;

	memset(in, 0, sizeof(*in));
	for (i = 0; i < size && data[i] != '\n'; i++)
		;
	in->shape = data;
	in->nshape = i;
	/* drop spaces from the shape */
	{
		uint8_t *sh = arena_alloc(tmp, i + 1);

		if (sh == NULL)
			return -1;
		for (j = 0, start = 0; j < i; j++)
			if (data[j] != ' ')
				sh[start++] = data[j];
		in->shape = sh;
		in->nshape = start;
	}
	for (start = i + 1; start <= size && in->nstrs < MAX_STRS;
	    start = i + 1) {
		for (i = start; i < size && data[i] != '\n'; i++)
			;
		if (start >= size)
			break;
		if ((s = arena_alloc(tmp, i - start + 1)) == NULL)
			return -1;
		in->strs[in->nstrs++] = s;
		for (j = start; j < i; j++) {
			if (data[j] == '\\' && j + 1 < i && data[j + 1] == 'n') {
				*s++ = '\n';
				j++;
			} else if (data[j] != '\0') {
				*s++ = (char)data[j];
			} else {
				*s++ = ' ';	/* C strings: no NUL inside */
			}
		}
		*s = '\0';
	}
	return 0;
}

static const char *const severities[] = { "high", "medium", "low", "info" };

/* Scores: finite values in [0, 100], including the edges, -0.0 and
 * values that round up in "%.1f". */
static double
score_of(struct in *in)
{
	static const double pool[] = { 0.0, 100.0, 37.5, 49.95, 99.96, 0.04,
	    12.345, 60.0, -0.0, 1e-300, 99.999999 };

	return pool[take(in, sizeof(pool) / sizeof(pool[0]))];
}

/* An array of fewer than 'max' items of 'size' bytes, its length in
 * *n (0 when the arena has no room). */
static void *
items(struct in *in, unsigned max, size_t size, size_t *n)
{
	void *v;

	*n = take(in, max);
	v = *n ? arena_alloc(in->a, *n * size) : NULL;
	if (v == NULL)
		*n = 0;
	return v;
}

static void
strs(struct in *in, struct r_strs *l, unsigned max)
{
	size_t i;

	l->v = items(in, max + 1, sizeof(*l->v), &l->n);
	for (i = 0; i < l->n; i++)
		l->v[i] = str(in);
}

/* The sources the survey cites.  A source's url is none, a fuzzed
 * string (which the writers link only if it passes report_url_ok) or a
 * plain web address, which they link. */
static void
sources(struct in *in, struct result *r)
{
	static const char *const urls[] = { "https://example.org/a_b-c?d=1",
	    "http://example.org/plain" };
	size_t i;

	r->sources = items(in, 4, sizeof(*r->sources), &r->nsources);
	for (i = 0; i < r->nsources; i++) {
		struct r_source *s = &r->sources[i];
		unsigned how = take(in, 3);

		s->id = str(in);
		s->title = str(in);
		s->url = how == 0 ? NULL : how == 1 ? str(in) :
		    urls[take(in, 2)];
		s->publisher = take(in, 2) ? str(in) : NULL;
		s->year = take(in, 2) ? 1990 + (int)take(in, 40) : 0;
	}
}

/* Up to 'max' ids of the result's sources (the loaders refuse others). */
static void
source_ids(struct in *in, const struct result *r, struct r_strs *l,
    unsigned max)
{
	size_t i;

	l->n = r->nsources ? take(in, max + 1) : 0;
	l->v = l->n ? arena_alloc(in->a, l->n * sizeof(*l->v)) : NULL;
	if (l->v == NULL)
		l->n = 0;
	for (i = 0; i < l->n; i++)
		l->v[i] = r->sources[take(in, (unsigned)r->nsources)].id;
}

/* Business-case content, as business-case.json gives it: costs,
 * controls, decisions and ordering rules on the survey's dimensions. */
static void
bcase(struct in *in, struct result *r, const char **dim_id, size_t ndims)
{
	struct r_bcase *b = &r->bcase;
	size_t i;

	if ((b->present = (int)take(in, 2)) == 0)
		return;
	b->framing = str(in);
	b->strategy = str(in);
	b->costs = items(in, 4, sizeof(*b->costs), &b->ncosts);
	b->controls = items(in, 3, sizeof(*b->controls), &b->ncontrols);
	b->decisions = items(in, 3, sizeof(*b->decisions), &b->ndecisions);
	b->order = items(in, 3, sizeof(*b->order), &b->norder);
	for (i = 0; i < b->ncosts; i++) {
		struct r_cost *c = &b->costs[i];

		c->id = str(in);
		c->dimension = dim_id[take(in, (unsigned)ndims)];
		c->title = str(in);
		c->text = str(in);
		c->below = 2 + (int)take(in, 5);
		strs(in, &c->evidence, 2);
		source_ids(in, r, &c->sources, 2);
	}
	for (i = 0; i < b->ncontrols; i++) {
		struct r_control *c = &b->controls[i];

		c->id = str(in);
		c->title = str(in);
		c->concern = str(in);
		c->control = str(in);
		source_ids(in, r, &c->sources, 2);
	}
	for (i = 0; i < b->ndecisions; i++) {
		struct r_decision *c = &b->decisions[i];

		c->id = str(in);
		c->dimension = dim_id[take(in, (unsigned)ndims)];
		c->text = str(in);
		c->below = 2 + (int)take(in, 5);
	}
	for (i = 0; i < b->norder; i++) {
		struct r_order *c = &b->order[i];

		c->before = dim_id[take(in, (unsigned)ndims)];
		c->after = dim_id[take(in, (unsigned)ndims)];
		c->why = str(in);
		c->until = 2 + (int)take(in, 4);
	}
}

/* The roadmap: each recommendation a step, in order, each after up to
 * two earlier steps (indices ascending, as roadmap.c gives them). */
static void
roadmap(struct in *in, struct r_org *o)
{
	static const int horizons[] = { 30, 60, 90, 0 };
	size_t i;

	o->nsteps = o->nrecs;
	o->steps = o->nsteps ? arena_alloc(in->a, o->nsteps *
	    sizeof(*o->steps)) : NULL;
	if (o->steps == NULL)
		o->nsteps = 0;
	for (i = 0; i < o->nsteps; i++) {
		struct r_step *st = &o->steps[i];
		size_t a = i > 0 ? take(in, (unsigned)i) : 0;

		st->rec = i;
		st->horizon = horizons[take(in, 4)];
		st->nafter = i > 0 ? take(in, i > 1 ? 3 : 2) : 0;
		st->after = st->nafter ? arena_alloc(in->a, 2 *
		    sizeof(*st->after)) : NULL;
		if (st->after == NULL)
			st->nafter = 0;
		if (st->nafter > 0)
			st->after[0] = a;
		if (st->nafter > 1 && a + 1 < i)	/* another, after 'a' */
			st->after[1] = a + 1;
		else if (st->nafter > 1)
			st->nafter = 1;
	}
}

static void
build(struct in *in, struct result *r)
{
	size_t i, j, k, ndims, norgs;
	const char **dim_id, **dim_title;
	int *critical;

	r->survey_id = str(in);
	r->survey_version = str(in);
	r->survey_title = str(in);
	for (i = 0; i < RESULT_LEVELS; i++) {
		r->levels[i].level = (int)i + 1;
		r->levels[i].id = str(in);
		r->levels[i].label = str(in);
		r->levels[i].description = str(in);
	}
	r->anonymity = 1 + take(in, 10);
	ndims = 1 + take(in, 4);
	dim_id = arena_alloc(in->a, ndims * sizeof(*dim_id));
	dim_title = arena_alloc(in->a, ndims * sizeof(*dim_title));
	critical = arena_alloc(in->a, ndims * sizeof(*critical));
	if (dim_id == NULL || dim_title == NULL || critical == NULL)
		return;
	for (i = 0; i < ndims; i++) {
		dim_id[i] = str(in);
		dim_title[i] = str(in);
		critical[i] = (int)take(in, 2);
	}
	r->has_target = (int)take(in, 2);
	if (r->has_target) {
		r->target_id = str(in);
		r->target_title = str(in);
		r->jurisdiction = str(in);
		r->as_of = str(in);
		r->practices = items(in, 5, sizeof(*r->practices),
		    &r->npractices);
		for (i = 0; i < r->npractices; i++) {
			r->practices[i].id = str(in);
			r->practices[i].dimension = dim_id[take(in,
			    (unsigned)ndims)];
			r->practices[i].text = str(in);
			r->practices[i].clause = str(in);
		}
	}
	sources(in, r);
	bcase(in, r, dim_id, ndims);
	norgs = take(in, 4);
	r->orgs = norgs ? arena_alloc(in->a, norgs * sizeof(*r->orgs)) : NULL;
	if (r->orgs == NULL)
		return;
	for (k = 0; k < norgs; k++) {
		struct r_org *o = &r->orgs[k];

		o->id = str(in);
		o->respondents = take(in, 256);
		o->headline = (int)take(in, 6);
		o->basis = str(in);
		o->ndims = ndims;
		if ((o->dims = arena_alloc(in->a, ndims * sizeof(*o->dims))) ==
		    NULL)
			return;
		for (i = 0; i < ndims; i++) {
			struct r_dim *d = &o->dims[i];

			d->id = dim_id[i];
			d->title = dim_title[i];
			d->critical = critical[i];
			d->level = (int)take(in, 6);
			d->score = d->level ? score_of(in) : 0;
			d->target = r->has_target ? (int)take(in, 6) : 0;
			strs(in, &d->capped_by, 3);
			d->answered = take(in, 200);
			d->na = take(in, 20);
			d->unanswered = take(in, 20);
			if (d->target == 0 || r->npractices == 0)
				continue;
			/* the practices of this dimension, met or not */
			d->met.v = arena_alloc(in->a, r->npractices *
			    sizeof(char *));
			d->unmet.v = arena_alloc(in->a, r->npractices *
			    sizeof(char *));
			d->no_answers.v = arena_alloc(in->a, r->npractices *
			    sizeof(char *));
			if (d->met.v == NULL || d->unmet.v == NULL ||
			    d->no_answers.v == NULL)
				return;
			for (j = 0; j < r->npractices; j++) {
				unsigned how;

				if (r->practices[j].dimension != d->id)
					continue;
				/* met, unmet, or unmet for want of answers */
				how = take(in, 3);
				if (how == 1) {
					d->met.v[d->met.n++] =
					    r->practices[j].id;
					continue;
				}
				d->unmet.v[d->unmet.n++] = r->practices[j].id;
				if (how == 2)
					d->no_answers.v[d->no_answers.n++] =
					    r->practices[j].id;
			}
		}
		o->findings = items(in, 4, sizeof(*o->findings),
		    &o->nfindings);
		for (i = 0; i < o->nfindings; i++) {
			struct r_finding *f = &o->findings[i];
			unsigned how = take(in, 3);

			f->id = str(in);
			f->severity = severities[take(in, 4)];
			f->dimension = how == 0 ? NULL : how == 1 ?
			    dim_id[take(in, (unsigned)ndims)] : str(in);
			f->text = str(in);
			strs(in, &f->evidence, 3);
		}
		o->recs = items(in, 4, sizeof(*o->recs), &o->nrecs);
		for (i = 0; i < o->nrecs; i++) {
			struct r_rec *rc = &o->recs[i];

			rc->id = str(in);
			rc->dimension = dim_id[take(in, (unsigned)ndims)];
			rc->priority = 1 + (int)take(in, 5);
			rc->from = 1 + (int)take(in, 4);
			rc->to = rc->from + 1 + (int)take(in,
			    (unsigned)(5 - rc->from));
			rc->text = str(in);
			strs(in, &rc->evidence, 3);
			source_ids(in, r, &rc->sources, 2);
		}
		roadmap(in, o);
		strs(in, &o->flags, 3);
		o->roles = items(in, 4, sizeof(*o->roles), &o->nroles);
		for (i = 0; i < o->nroles; i++) {
			struct r_role *rl = &o->roles[i];

			rl->id = str(in);
			rl->respondents = take(in, 12);
			rl->suppressed = rl->respondents < r->anonymity;
			if (rl->suppressed)
				continue;
			if ((rl->levels = arena_alloc(in->a, ndims *
			    sizeof(int))) == NULL)
				return;
			for (j = 0; j < ndims; j++)
				rl->levels[j] = (int)take(in, 6);
		}
		r->norgs++;
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena tmp = ARENA_INIT;
	struct result r, tagged;
	struct in in;

	result_init(&r);
	result_init(&tagged);
	if (parse(&in, data, size, &tmp) == 0) {
		in.a = &r.arena;
		build(&in, &r);
		fz_check_reports(&r);
		/* the same result again, every string tagged */
		in.ishape = in.istr = 0;
		in.tag = 1;
		in.a = &tagged.arena;
		build(&in, &tagged);
		fz_check_md_starts(&r, &tagged);
	}
	result_release(&tagged);
	result_release(&r);
	arena_release(&tmp);
	return 0;
}
