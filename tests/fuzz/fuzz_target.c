/*
 * fuzz_target.c - bytes -> target.json -> target_survey_of() and
 * target_load(), against a fixed survey, as `assess check TARGET` and
 * `assess score -t TARGET` do.
 *
 * Two surveys are loaded once: the test survey tests/data/mini (every
 * question type) and the bundled social-media-readiness.  The survey the
 * target names (target_survey_of, as `assess check` reads it) picks
 * which; when that fails the mini survey is used, as `score -s` would.
 * A target that loads is evaluated with score_practice() against the
 * answers of a fixed file, exactly as score_org() does for every
 * organisation.
 */
#include <string.h>

#include "aggregate.h"
#include "answers.h"
#include "err.h"
#include "fuzz.h"
#include "score.h"
#include "survey.h"
#include "target.h"

struct fixed {
	struct survey	*s;
	struct agg	*a;
};

static struct fixed mini, smr;

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	return agg_add(ctx, r, e);
}

static void
load_fixed(struct fixed *f, const char *survey, const char *answers)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	if ((f->s = survey_load(fz_src(survey), &e)) == NULL)
		fz_setup_fail(survey, e.msg);
	if ((f->a = agg_new(f->s, &e)) == NULL ||
	    source_read_file(fz_src(answers), f->s, sink, f->a, &e) < 0)
		fz_setup_fail(answers, e.msg);
	agg_end_input(f->a);
	(void)agg_count(f->a);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fz_tmpdir();
	load_fixed(&mini, "tests/data/mini/survey.json",
	    "tests/data/mini-audit.csv");
	load_fixed(&smr, "surveys/social-media-readiness/survey.json",
	    "surveys/social-media-readiness/examples/agency-audit.csv");
	return 0;
}

static void
check_cond(const struct survey *s, const struct cond *c, int depth)
{
	size_t i;

	fz_check(depth < 8, "conditions nested too deep");
	if (c->any != NULL) {
		for (i = 0; i < c->nany; i++)
			check_cond(s, &c->any[i], depth + 1);
		return;
	}
	fz_check(c->q >= 0 && (size_t)c->q < s->nq, "condition question");
	if (s->qs[c->q].nopts < 64)
		fz_check(((c->in | c->includes) >> s->qs[c->q].nopts) == 0,
		    "condition names option bits beyond the question's");
	fz_check(c->min_level >= 0 && c->min_level <= NLEVELS,
	    "condition level");
}

static void
check_target(const struct fixed *f, const struct target *t)
{
	const struct survey *s = f->s;
	const struct view *v = agg_view(f->a, -1);
	size_t i, j, k, sum = 0;

	for (i = 0; i < s->ndims; i++) {
		const struct tdim *td = &t->dims[i];

		fz_check(td->level >= 0 && td->level <= NLEVELS,
		    "target level");
		fz_check(td->first + td->n <= t->npr, "practice range");
		for (j = td->first; j < td->first + td->n; j++)
			fz_check(t->pr[j].dim == (int)i, "practice %s is in "
			    "the range of another dimension", t->pr[j].id);
		sum += td->n;
	}
	fz_check(sum == t->npr, "practices outside every dimension");
	for (j = 0; j < t->npr; j++)
		for (k = 0; k < t->pr[j].nconds; k++)
			check_cond(s, &t->pr[j].conds[k], 0);
	/* what score_org() does with a target */
	for (i = 0; i < agg_count(f->a); i++) {
		const struct orgagg *oa = agg_org(f->a, i);

		for (j = 0; j < t->npr; j++) {
			int met = score_practice(s, &t->pr[j], v, &oa->all);

			fz_check(met == PRACTICE_MET || met == PRACTICE_UNMET ||
			    met == PRACTICE_UNANSWERED, "score_practice result");
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_write("target.json", data, size);
	const struct fixed *f = &mini;
	struct target *t;
	struct err e;
	char id[80];

	memset(&e, 0, sizeof(e));
	if (target_survey_of(path, id, sizeof(id), &e) == 0) {
		const char *why = fz_json_strict(data, size);

		fz_check(why == NULL, "target_survey_of accepted what is not "
		    "strict JSON: %s", why);
		fz_check(id[0] != '\0', "target_survey_of: empty id");
		if (strcmp(id, smr.s->id) == 0)
			f = &smr;
	}
	memset(&e, 0, sizeof(e));
	if ((t = target_load(path, f->s, &e)) != NULL) {
		const char *why = fz_json_strict(data, size);

		fz_check(why == NULL, "target_load accepted what is not strict "
		    "JSON: %s", why);
		check_target(f, t);
	} else {
		fz_check(e.code != AS_OK && e.msg[0] != '\0',
		    "target_load failed without a message");
		fz_check_position(&e, data, size);
	}
	target_free(t);
	return 0;
}
