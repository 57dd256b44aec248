/*
 * engine.c - the scoring pipeline: survey, target and rules in; answers
 * streamed into accumulators; the result model out.
 *
 * It prints nothing and knows no input format: an input's head picks its
 * row of the source table (source.c), which reads the rest.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "answers.h"
#include "csvin.h"
#include "engine.h"
#include "fsx.h"
#include "jdoc.h"
#include "paths.h"
#include "rules.h"
#include "score.h"

struct engine {
	const struct engine_opts *o;
	struct survey	*s;
	struct target	*t;
	struct rules	*r;
	struct agg	*a;
	char		*survey_path, *target_path;
	struct rules_place place;
	int		 loaded;
	/* the inputs read so far, for "given twice" and file-named
	 * organisations */
	const char	**paths;
	int		 *named;	/* rows filed under the file's name */
	size_t		  npaths;
	size_t		  cur;		/* the input being read */
};

/* ==== Loading ==== */

/* A rules state of its own, prepared with the survey and target. */
static struct rules *
open_rules(struct engine *en, struct err *e)
{
	struct rules_limits lim;
	struct rules *r;

	rules_default_limits(&lim);
	if ((r = rules_open(en->place.path, en->place.display,
	    en->place.libs, en->place.nlibs, &lim, e)) == NULL)
		return NULL;
	if (en->o->log != NULL)
		rules_set_log(r, en->o->log, en->o->ctx);
	rules_set_explain(r, en->o->explain);
	if (rules_prepare(r, en->s, en->t, e) != 0) {
		rules_free(r);
		return NULL;
	}
	return r;
}

static int
load(struct engine *en, const char *survey, struct err *e)
{
	const struct engine_opts *o = en->o;

	if (en->s == NULL && ((en->survey_path = paths_survey(survey, e)) ==
	    NULL || (en->s = survey_load(en->survey_path, e)) == NULL))
		return -1;
	if (o->answers_only) {
		en->loaded = 1;
		return (en->a = agg_new(en->s, e)) != NULL ? 0 : -1;
	}
	if (o->target != NULL && ((en->target_path = paths_target(o->target,
	    en->s, e)) == NULL || (en->t = target_load(en->target_path, en->s,
	    e)) == NULL))
		return -1;
	if (paths_rules(en->s, o->rules, &en->place, e) != 0)
		return -1;
	if (o->loaded != NULL && o->loaded(o->ctx, en, e) != 0)
		return -1;
	if ((en->r = open_rules(en, e)) == NULL ||
	    (en->a = agg_new(en->s, e)) == NULL)
		return -1;
	en->loaded = 1;
	return 0;
}

struct engine *
engine_new(const struct engine_opts *o, struct err *e)
{
	struct engine *en = calloc(1, sizeof(*en));

	if (en == NULL) {
		err_nomem(e);
		return NULL;
	}
	en->o = o;
	if (o->survey != NULL && load(en, o->survey, e) != 0) {
		engine_free(en);
		return NULL;
	}
	return en;
}

void
engine_free(struct engine *en)
{
	if (en == NULL)
		return;
	rules_free(en->r);
	agg_free(en->a);
	target_free(en->t);
	survey_free(en->s);
	paths_rules_release(&en->place);
	free(en->survey_path);
	free(en->target_path);
	free(en->paths);
	free(en->named);
	free(en);
}

const struct survey *
engine_survey(const struct engine *en)
{
	return en->s;
}

const struct target *
engine_target(const struct engine *en)
{
	return en->t;
}

size_t
engine_orgs(const struct engine *en)
{
	return en->a != NULL ? agg_count(en->a) : 0;
}

/* Whether 'path' names the survey, target or rule file of the run,
 * however they were named (an id, a folder, a path). */
int
engine_is_input(const struct engine *en, const char *path)
{
	return (en->survey_path && fsx_same_file(path, en->survey_path)) ||
	    (en->target_path && fsx_same_file(path, en->target_path)) ||
	    (en->place.path && fsx_same_file(path, en->place.path));
}

/* ==== Choosing the survey from the first input ==== */

/* The bundled surveys some of the columns belong to, and whether all do:
 * one survey holding every column is chosen; columns split between
 * surveys are refused. */
struct survey_choice {
	char		 id[80];	/* the survey holding every column */
	struct survey	*s;		/* it, loaded (kept, not read twice) */
	char		*path;
	int		 nfull;
	char		 owner[2][80];	/* two surveys holding some */
	char		 col[2][80];	/* a column of each */
	int		 nowners;
};

static void
try_survey(const char *id, const struct source_hint *h, struct survey_choice *c)
{
	struct err ignored;
	char *path = paths_survey(id, &ignored);
	struct survey *s = path ? survey_load_answering(path, h->cols.data,
	    h->ncols, &ignored) : NULL;
	const char *col = h->cols.data;
	size_t i, hits = 0;
	const char *first = NULL;

	for (i = 0; s != NULL && i < h->ncols; i++, col += strlen(col) + 1)
		if (survey_answer_question(s, col) >= 0 && hits++ == 0)
			first = col;
	if (s != NULL && hits == h->ncols && hits > 0 && c->nfull++ == 0) {
		snprintf(c->id, sizeof(c->id), "%s", id);
		c->s = s;
		c->path = path;
		s = NULL;
		path = NULL;
	}
	if (hits > 0 && c->nowners < 2) {
		snprintf(c->owner[c->nowners], sizeof(c->owner[0]), "%s", id);
		snprintf(c->col[c->nowners++], sizeof(c->col[0]), "%s", first);
	}
	survey_free(s);
	free(path);
}

/* With one survey chosen, it is handed over loaded, with its path, in
 * en->s and en->survey_path. */
static int
choose_by_columns(struct engine *en, const char *path,
    const struct source_hint *h, char *id, size_t size, struct err *e)
{
	struct paths_names ids;
	struct survey_choice c;
	size_t i;

	memset(&c, 0, sizeof(c));
	if (h->ncols == 0)
		return 0;
	if (paths_survey_ids(&ids, e) != 0)
		return -1;
	for (i = 0; i < ids.n; i++)
		try_survey(ids.v[i], h, &c);
	paths_names_release(&ids);
	if (c.nfull != 1) {
		survey_free(c.s);
		free(c.path);
	}
	if (c.nfull == 1) {
		en->s = c.s;
		en->survey_path = c.path;
		snprintf(id, size, "%s", c.id);
		if (en->o->note != NULL && strcmp(id, PATHS_DEFAULT_SURVEY)) {
			char msg[700];

			snprintf(msg, sizeof(msg), "%s: its columns are questions "
			    "of survey '%s', so it is scored with that survey (-s "
			    "chooses another)", path, id);
			en->o->note(en->o->ctx, msg);
		}
		return 0;
	}
	if (c.nfull == 0 && c.nowners == 2)
		return err_set(e, AS_EINPUT, path, 1, 0, "its columns belong to "
		    "different surveys ('%s' to %s, '%s' to %s); give -s, or "
		    "split the file", c.col[0], c.owner[0], c.col[1],
		    c.owner[1]);
	return 0;
}

/* The survey an input answers, when no -s named one. */
static int
choose_survey(struct engine *en, struct source_in *in,
    const struct answer_source *src, struct err *e)
{
	struct source_hint h;
	char id[80] = PATHS_DEFAULT_SURVEY;
	int rc = -1;

	memset(&h, 0, sizeof(h));
	buf_init(&h.cols);
	if (src->hint != NULL && src->hint(in, &h, e) != 0)
		goto out;
	if (h.id[0] != '\0')
		snprintf(id, sizeof(id), "%s", h.id);
	else if (choose_by_columns(en, in->path, &h, id, sizeof(id), e) != 0)
		goto out;
	rc = load(en, id, e);
out:
	buf_release(&h.cols);
	return rc;
}

/* ==== Reading ==== */

/* Two inputs without an organisation column whose names give the same
 * organisation (clientA/answers.csv, clientB/answers.csv) would be merged
 * into one: refuse, naming both. */
static int
check_named(struct engine *en, struct err *e)
{
	char a[ANSWERS_NAME_MAX + 1], b[ANSWERS_NAME_MAX + 1];
	size_t j;

	answers_default_org(en->paths[en->cur], a, sizeof(a));
	for (j = 0; j < en->cur; j++) {
		if (!en->named[j])
			continue;
		answers_default_org(en->paths[j], b, sizeof(b));
		if (strcmp(a, b) == 0)
			return err_set(e, AS_EINPUT, en->paths[en->cur], 0, 0,
			    "has no organisation column, so its answers are "
			    "filed under the file's name, '%s', and so are "
			    "those of %s: add an organisation column to keep "
			    "them apart", a, en->paths[j]);
	}
	return 0;
}

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	struct engine *en = ctx;
	struct response named;

	if (r->org_from_file && en->o->organisation != NULL) {
		named = *r;
		named.org = en->o->organisation;
		r = &named;
	} else if (r->org_from_file && !en->named[en->cur]) {
		/* checked at the first such row, before its respondents can
		 * clash with those of the other file */
		en->named[en->cur] = 1;
		if (check_named(en, e) != 0)
			return -1;
	}
	return agg_add(en->a, r, e);
}

static int
remember(struct engine *en, const char *path, struct err *e)
{
	const char **p;
	int *named;
	size_t j;

	for (j = 0; j < en->npaths; j++)
		if (strcmp(path, "-") != 0 && (strcmp(path, en->paths[j]) == 0 ||
		    fsx_same_file(path, en->paths[j])))
			return err_set(e, AS_EUSAGE, path, 0, 0, "is given "
			    "twice; its answers would be counted twice");
	if ((p = realloc(en->paths, (en->npaths + 1) * sizeof(*p))) == NULL)
		return err_nomem(e);
	en->paths = p;
	if ((named = realloc(en->named, (en->npaths + 1) *
	    sizeof(*named))) == NULL)
		return err_nomem(e);
	en->named = named;
	en->paths[en->npaths] = path;
	en->named[en->npaths] = 0;
	en->cur = en->npaths++;
	return 0;
}

struct engine_input {
	struct source_in	 in;
	const struct answer_source	*src;
	char			 head[CSVIN_HEAD_MAX];
};

struct engine_input *
engine_open_input(const char *path, struct err *e)
{
	struct engine_input *ei = calloc(1, sizeof(*ei));

	if (ei == NULL) {
		err_nomem(e);
		return NULL;
	}
	if (source_open(&ei->in, path, ei->head, e) != 0) {
		free(ei);
		return NULL;
	}
	ei->src = source_pick(&ei->in);
	return ei;
}

void
engine_close_input(struct engine_input *ei)
{
	if (ei == NULL)
		return;
	source_close(&ei->in);
	free(ei);
}

int
engine_input_is_json(const struct engine_input *ei)
{
	return ei->src == &answers_json_source;
}

const struct jdoc *
engine_input_json(struct engine_input *ei, struct err *e)
{
	struct source_hint h;
	int rc;

	if (!engine_input_is_json(ei))
		return NULL;
	memset(&h, 0, sizeof(h));
	buf_init(&h.cols);
	rc = ei->src->hint(&ei->in, &h, e);	/* parses it, once */
	buf_release(&h.cols);
	return rc == 0 ? ei->in.doc : NULL;
}

long
engine_read_input(struct engine *en, struct engine_input *ei,
    struct err *e)
{
	if (remember(en, ei->in.path, e) != 0)
		return -1;
	ei->in.bad = en->o->bad;
	ei->in.bad_ctx = en->o->ctx;
	ei->in.limit = en->o->limit;
	if (en->o->from != NULL)	/* a survey tool's export, by name */
		ei->src = source_find(en->o->from);
	ei->in.import = en->o->import;
	ei->in.keep_going = en->o->keep_going;
	ei->in.read_ahead = en->o->jobs > 1;
	ei->in.note = en->o->note;
	ei->in.note_ctx = en->o->ctx;
	if (!en->loaded && choose_survey(en, &ei->in, ei->src, e) != 0)
		return -1;
	return ei->src->read(&ei->in, en->s, sink, en, e);
}

long
engine_add(struct engine *en, const char *path, struct err *e)
{
	struct engine_input *ei;
	long n;

	if ((ei = engine_open_input(path, e)) == NULL)
		return -1;
	n = engine_read_input(en, ei, e);
	engine_close_input(ei);
	return n;
}

long
engine_add_responses(struct engine *en, const char *name, struct jdoc *d,
    const struct jnode *arr, struct err *e)
{
	if (engine_ensure(en, NULL, e) != 0 || remember(en, name, e) != 0)
		return -1;
	return answers_json_responses(d, arr, en->s, sink, en, e);
}

/* ==== Scoring ==== */

int
engine_ensure(struct engine *en, const char *survey, struct err *e)
{
	if (en->loaded)
		return 0;
	return load(en, en->o->survey ? en->o->survey : survey ? survey :
	    PATHS_DEFAULT_SURVEY, e);
}

int
engine_add_empty(struct engine *en, const char *org, struct err *e)
{
	struct response resp;
	int rc;

	if (engine_ensure(en, NULL, e) != 0)
		return -1;
	memset(&resp, 0, sizeof(resp));
	resp.org = org;
	resp.roles = 1u << en->s->org_aud;
	if ((resp.ans = calloc(en->s->nq, sizeof(*resp.ans))) == NULL)
		return err_nomem(e);
	rc = agg_add(en->a, &resp, e);
	free(resp.ans);
	return rc;
}

/* ==== Scoring ==== */

/* One thread's share: organisations first, first + step, ... into a
 * result of its own. */
struct worker {
	struct engine	*en;
	struct rules	*r;
	struct result	 part;
	size_t		 first, step, n;
	size_t		 failed;	/* the organisation that failed, or n */
	struct err	 e;
	pthread_t	 thread;
};

static int
score_one(struct engine *en, struct rules *r, struct result *res,
    size_t i, struct err *e)
{
	const struct engine_opts *o = en->o;
	const struct orgagg *oa = agg_org(en->a, i);

	if (score_org(res, r, en->s, en->t, en->a, oa, e) != 0)
		return -1;
	agg_done(en->a, i);	/* its answers are in the result now */
	res->orgs[res->norgs - 1].as_of = o->as_of ? result_intern(res,
	    o->as_of, strlen(o->as_of)) : oa->as_of[0] ?
	    result_intern(res, oa->as_of, strlen(oa->as_of)) : NULL;
	return 0;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	size_t i;

	for (i = w->first; i < w->n; i += w->step)
		if (score_one(w->en, w->r, &w->part, i, &w->e) != 0) {
			w->failed = i;
			break;
		}
	return NULL;
}

static unsigned
anonymity(const struct engine *en)
{
	return en->o->anonymity ? en->o->anonymity : SCORE_ANONYMITY;
}

/* Organisation i goes to worker i % jobs: interleaved, so that large and
 * small organisations spread over the threads.  Worker 0 runs on this
 * thread with the engine's own rules. */
static int
start_workers(struct engine *en, struct worker *w, size_t jobs, size_t n,
    struct err *e)
{
	size_t k;

	for (k = 0; k < jobs; k++) {
		w[k].en = en;
		w[k].first = k;
		w[k].step = jobs;
		w[k].n = n;
		w[k].failed = n;
		result_init(&w[k].part);
		if (score_begin(&w[k].part, en->s, en->t, anonymity(en),
		    (n - k + jobs - 1) / jobs, e) != 0)
			return -1;
		w[k].r = k == 0 ? en->r : open_rules(en, e);
		if (w[k].r == NULL)
			return -1;
	}
	return 0;
}

/* The workers' organisations in order into 'res', which takes over
 * their memory; the error of the first organisation that failed, as
 * one thread would have met it. */
static int
merge(struct worker *w, size_t jobs, size_t n, struct result *res,
    struct err *e)
{
	size_t i, k, first = n;

	for (k = 0; k < jobs; k++)
		if (w[k].failed < first)
			first = w[k].failed;
	if (first < n) {
		*e = w[first % jobs].e;
		return -1;
	}
	for (i = 0; i < n; i++)
		res->orgs[i] = w[i % jobs].part.orgs[i / jobs];
	res->norgs = n;
	for (k = 0; k < jobs; k++)
		arena_adopt(&res->arena, &w[k].part.arena);
	return 0;
}

static int
score_parallel(struct engine *en, struct result *res, size_t jobs,
    size_t n, struct err *e)
{
	struct worker *w = calloc(jobs, sizeof(*w));
	size_t k, started = 1;
	int rc = -1;

	if (w == NULL)
		return err_nomem(e);
	if (start_workers(en, w, jobs, n, e) != 0)
		goto out;
	for (; started < jobs; started++)
		if (pthread_create(&w[started].thread, NULL, work,
		    &w[started]) != 0)
			break;
	work(&w[0]);
	for (k = 1; k < started; k++)
		pthread_join(w[k].thread, NULL);
	if (started < jobs) {
		err_set(e, AS_ESYS, NULL, 0, 0, "cannot start %zu threads",
		    jobs);
		goto out;
	}
	rc = merge(w, jobs, n, res, e);
out:
	for (k = jobs; k-- > 0;) {	/* the last opened is freed first */
		if (w[k].r != en->r)
			rules_free(w[k].r);
		result_release(&w[k].part);
	}
	free(w);
	return rc;
}

int
engine_score(struct engine *en, struct result *res, struct err *e)
{
	size_t i, n, jobs = en->o->jobs > 1 ? en->o->jobs : 1;

	if (engine_ensure(en, NULL, e) != 0)
		return -1;
	agg_end_input(en->a);
	n = agg_count(en->a);
	if (score_begin(res, en->s, en->t, anonymity(en), n, e) != 0)
		return -1;
	if (jobs > n)
		jobs = n;
	if (jobs > 1)
		return score_parallel(en, res, jobs, n, e);
	for (i = 0; i < n; i++)
		if (score_one(en, en->r, res, i, e) != 0)
			return -1;
	return 0;
}
