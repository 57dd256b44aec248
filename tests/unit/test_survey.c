/* Unit tests for survey.c and target.c: what a loaded survey and profile
 * hold, beyond what the error corpus checks. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "fsx.h"
#include "fixtures.h"
#include "survey.h"
#include "target.h"

static struct survey *s;

TEST(structure_of_the_mini_survey)
{
	const struct question *a2, *a5, *t2;

	CHECK_STR(s->id, "mini");
	CHECK_INT(s->ndims, 3);
	CHECK_INT(s->nq, 9);
	CHECK_INT(s->dims[0].first, 0);
	CHECK_INT(s->dims[0].nq, 5);
	CHECK_INT(s->dims[1].first, 5);
	CHECK(s->dims[0].critical && !s->dims[2].critical);
	CHECK_STR(s->levels[2].label, "Enabled");
	CHECK_STR(s->aud[s->org_aud].id, "org");
	a2 = &s->qs[survey_question(s, "A2")];
	CHECK_INT(a2->type, Q_MULTI);
	CHECK_INT(a2->nopts, 4);
	CHECK(a2->opts[3].exclusive);
	CHECK(a2->numidx >= 0);
	a5 = &s->qs[survey_question(s, "A5")];
	CHECK_INT(a5->when.op, W_NE);
	CHECK_INT(a5->when.q, survey_question(s, "A1"));
	CHECK_INT(a5->when.vals, 1ULL << 3);	/* "all" */
	CHECK_INT(a5->na_opt, 2);
	CHECK(a5->allow_na);
	t2 = &s->qs[survey_question(s, "T2")];
	CHECK_INT(t2->type, Q_LIKERT);
	CHECK_INT(t2->nopts, 5);		/* from the option set */
	CHECK_INT(t2->audience, (1u << survey_audience(s, "ops")) |
	    (1u << survey_audience(s, "exec")));
	CHECK_INT(s->qs[survey_question(s, "A4")].gate, GATE_THRESHOLD);
	CHECK_INT(s->qs[survey_question(s, "A4")].gate_level, 4);
	CHECK_INT(s->qs[survey_question(s, "A1")].gate, GATE_ANCHOR);
	CHECK_INT(s->dims[0].nrecs, 4);
	CHECK_INT(s->dims[0].recs[1].from, 2);
}

TEST(bands)
{
	const struct question *a3 = &s->qs[survey_question(s, "A3")];
	const struct question *t1 = &s->qs[survey_question(s, "T1")];

	CHECK_INT(survey_band_level(a3, 0), 4);
	CHECK_INT(survey_band_level(a3, 2.999), 4);
	CHECK_INT(survey_band_level(a3, 3), 3);
	CHECK_INT(survey_band_level(a3, 1e9), 1);	/* open last band */
	CHECK_INT(survey_band_level(a3, -1), 0);
	CHECK_INT(survey_band_level(t1, 100), 4);	/* closed last band */
	CHECK_INT(survey_band_level(t1, 100.5), 0);
	CHECK(a3->has_min && a3->has_max);
	CHECK_NUM(t1->max, 100);
}

TEST(allowed_values_text)
{
	char buf[32];

	survey_allowed(&s->qs[survey_question(s, "A1")], buf, sizeof(buf));
	CHECK_STR(buf, "none, some, rule, all");
	survey_allowed(&s->qs[survey_question(s, "A1")], buf, 12);
	CHECK_STR(buf, "none, some");	/* cut at a whole value */
}

TEST(target_profile)
{
	struct err e;
	struct target *t = target_load(
	    "tests/data/mini/targets/mini-target.json", s, &e);
	int acc = survey_dimension(s, "ACC"), trn = survey_dimension(s, "TRN");

	CHECK(t != NULL);
	if (t == NULL)
		return;
	CHECK_INT(t->dims[acc].level, 3);
	CHECK_INT(t->dims[acc].n, 2);
	CHECK_INT(t->dims[trn].first, 2);
	CHECK_INT(t->dims[survey_dimension(s, "ENG")].level, 0);
	CHECK_INT(t->npr, 3);
	CHECK_INT(t->pr[1].conds[0].evidence, 1);
	CHECK_INT(t->pr[1].conds[0].in, 1ULL << 0);	/* "yes" */
	CHECK_INT(t->pr[2].conds[0].nany, 2);
	CHECK(t->pr[2].conds[0].any[0].has_min);
	CHECK_INT(t->pr[2].conds[0].any[1].min_level, 4);
	target_free(t);
}

TEST(bundled_surveys_load)
{
	struct err e;
	struct survey *smr = survey_load(
	    "surveys/social-media-readiness/survey.json", &e);
	struct survey *qc = survey_load("surveys/quick-check/survey.json", &e);
	size_t i, critical = 0;

	CHECK(smr != NULL && qc != NULL);
	if (smr != NULL) {
		CHECK_INT(smr->ndims, 11);
		CHECK(smr->nq >= 70);
		for (i = 0; i < smr->ndims; i++)
			critical += smr->dims[i].critical;
		CHECK_INT(critical, 4);
	}
	survey_free(smr);
	survey_free(qc);
}

/* Choosing a survey by an answers file's columns: a survey none of whose
 * JSON strings is a column is not loaded; any other is, also when the id
 * is only spelt with escapes. */
TEST(load_answering_rules_out_by_text)
{
	const char *mini = "tests/data/mini/survey.json";
	static const char none[] = "ZZ-1\0respondent\0A1X";
	static const char some[] = "zz-1\0a2";
	struct survey *t;
	struct buf b = BUF_INIT, esc = BUF_INIT;
	char path[64] = "/tmp/assess-survey-XXXXXX";
	struct err e;
	size_t i;
	int fd;

	CHECK(survey_load_answering(mini, none, 3, &e) == NULL);
	t = survey_load_answering(mini, some, 2, &e);
	CHECK(t != NULL && t->nq == 9);
	survey_free(t);
	CHECK(survey_load_answering("tests/data/no-such.json", some, 2,
	    &e) == NULL);
	/* the same survey with "A1" written "\u00411" */
	CHECK(fsx_read(mini, 1 << 20, &b, &e) == 0);
	for (i = 0; i < b.len; i++)
		if (i + 4 <= b.len && memcmp(b.data + i, "\"A1\"", 4) == 0) {
			buf_puts(&esc, "\"\\u00411\"");
			i += 3;
		} else {
			buf_putc(&esc, b.data[i]);
		}
	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, esc.data, esc.len) == (ssize_t)esc.len);
	close(fd);
	t = survey_load_answering(path, "a1", 1, &e);
	CHECK(t != NULL && survey_question(t, "A1") >= 0);
	survey_free(t);
	/* a short string with escapes is not decoded: it might be a column */
	t = survey_load_answering(path, none, 3, &e);
	CHECK(t != NULL);
	survey_free(t);
	unlink(path);
	buf_release(&b);
	buf_release(&esc);
}

/* Lookups by id go through hash indexes: every question and source of
 * the bundled surveys is found at its own index, other ids are not. */
TEST(lookups_by_id)
{
	static const char *const paths[] = { "tests/data/mini/survey.json",
	    "surveys/social-media-readiness/survey.json",
	    "surveys/quick-check/survey.json" };
	struct survey *t;
	struct err e;
	size_t i, k, found;

	for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
		t = survey_load(paths[k], &e);
		CHECK(t != NULL);
		if (t == NULL)
			continue;
		for (i = found = 0; i < t->nq; i++)
			found += survey_question(t, t->qs[i].id) == (int)i;
		CHECK_INT(found, t->nq);
		for (i = found = 0; i < t->nsrc; i++)
			found += survey_source(t, t->src[i].id) == (int)i;
		CHECK_INT(found, t->nsrc);
		CHECK_INT(survey_question(t, "NO-SUCH-1"), -1);
		CHECK_INT(survey_question(t, ""), -1);
		CHECK_INT(survey_source(t, "no-such-source"), -1);
		if (t->nq > 0)
			CHECK(survey_answer_question(t, t->qs[0].id) == 0);
		survey_free(t);
	}
}

int
main(void)
{
	if ((s = mini_survey()) == NULL)
		return 1;
	RUN(structure_of_the_mini_survey);
	RUN(bands);
	RUN(allowed_values_text);
	RUN(target_profile);
	RUN(bundled_surveys_load);
	RUN(load_answering_rules_out_by_text);
	RUN(lookups_by_id);
	survey_free(s);
	return check_done();
}
