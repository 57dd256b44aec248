/* Unit tests for score.c: target conditions read what most respondents
 * said, and an unanswered question satisfies nothing. */
#include <stdlib.h>

#include "check.h"
#include "score.h"

static struct survey *s;
static struct target *t;

static struct agg *
collect(const char *const *rows, size_t n)
{
	struct err e;
	struct agg *a = agg_new(s, &e);
	size_t i;

	for (i = 0; i < n; i++) {
		struct answer *ans = calloc(s->nq, sizeof(*ans));
		struct response r;
		char msg[300], id[8], copy[200], *tok, *save = NULL;
		int bad;

		memset(&r, 0, sizeof(r));
		r.org = "O";
		r.roles = 1u << s->org_aud;
		r.ans = ans;
		snprintf(copy, sizeof(copy), "%s", rows[i]);
		/* "Q=value Q=+ev role=AUDIENCE ..." */
		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(tok, '=');
			int q;

			snprintf(id, sizeof(id), "%.*s", (int)(eq - tok), tok);
			if (strcmp(id, "role") == 0) {	/* "role=ops" */
				r.roles = 1u << survey_audience(s, eq + 1);
				continue;
			}
			q = survey_question(s, id);
			if (strcmp(eq + 1, "+ev") == 0)
				ans[q].evidence = 1;
			else
				CHECK(response_parse(&s->qs[q], eq + 1,
				    strlen(eq + 1), &ans[q], msg, 300) == 0);
		}
		CHECK(response_check(s, &r, &bad, msg, sizeof(msg)) == 0);
		CHECK(agg_add(a, &r, &e) == 0);
		free(ans);
	}
	return a;
}

static int
met(struct agg *a, const char *practice)
{
	size_t i;

	for (i = 0; i < t->npr; i++)
		if (strcmp(t->pr[i].id, practice) == 0)
			return score_practice(s, &t->pr[i], agg_view(a, -1),
			    &agg_org(a, 0)->all);
	return -1;
}

TEST(single_answer_decides)
{
	static const char *const yes[] = { "A1=rule" };
	static const char *const no[] = { "A1=some" };
	struct agg *a = collect(yes, 1);

	CHECK_INT(met(a, "ACC-R1"), 1);
	agg_free(a);
	a = collect(no, 1);
	CHECK_INT(met(a, "ACC-R1"), 0);
	agg_free(a);
}

TEST(majority_needed)
{
	static const char *const half[] = { "A1=rule", "A1=none" };
	static const char *const most[] = { "A1=rule", "A1=all", "A1=none" };
	struct agg *a = collect(half, 2);

	CHECK_INT(met(a, "ACC-R1"), 0);		/* a tie is not a majority */
	agg_free(a);
	a = collect(most, 3);
	CHECK_INT(met(a, "ACC-R1"), 1);
	agg_free(a);
}

TEST(evidence_and_all_conditions)
{
	static const char *const bare[] = { "A1=some A4=yes" };
	static const char *const ev[] = { "A1=some A4=yes A4=+ev" };
	struct agg *a = collect(bare, 1);

	CHECK_INT(met(a, "ACC-R2"), 0);
	agg_free(a);
	a = collect(ev, 1);
	CHECK_INT(met(a, "ACC-R2"), 1);
	agg_free(a);
}

TEST(any_of_number_or_level)
{
	static const char *const low[] = { "A1=some T1=30" };
	static const char *const high[] = { "A1=some T1=50" };
	struct agg *a = collect(low, 1);

	CHECK_INT(met(a, "TRN-R1"), 0);
	agg_free(a);
	a = collect(high, 1);
	CHECK_INT(met(a, "TRN-R1"), 1);		/* min is inclusive */
	agg_free(a);
}

TEST(any_by_level_alone)
{
	/* T1 unanswered; the other alternative, T2 at level 4 or more */
	static const char *const four[] = { "role=ops T2=4" };
	static const char *const three[] = { "role=ops T2=3" };
	struct agg *a = collect(four, 1);

	CHECK_INT(met(a, "TRN-R1"), PRACTICE_MET);
	agg_free(a);
	a = collect(three, 1);
	CHECK_INT(met(a, "TRN-R1"), PRACTICE_UNMET);
	agg_free(a);
}

TEST(evidence_from_most_respondents)
{
	/* two of three with evidence is most; one of three is not */
	static const char *const most[] = { "A1=some A4=yes A4=+ev",
	    "A1=some A4=yes A4=+ev", "A1=some A4=yes" };
	static const char *const few[] = { "A1=some A4=yes A4=+ev",
	    "A1=some A4=yes", "A1=some A4=yes" };
	struct agg *a = collect(most, 3);

	CHECK_INT(met(a, "ACC-R2"), PRACTICE_MET);
	agg_free(a);
	a = collect(few, 3);
	CHECK_INT(met(a, "ACC-R2"), PRACTICE_UNMET);
	agg_free(a);
}

TEST(unanswered_satisfies_nothing)
{
	static const char *const none[] = { "A1=some" };
	struct agg *a = collect(none, 1);

	/* not met, and said to be for want of answers */
	CHECK_INT(met(a, "TRN-R1"), PRACTICE_UNANSWERED);
	CHECK_INT(met(a, "ACC-R2"), PRACTICE_UNANSWERED);
	agg_free(a);
}

TEST(answered_and_failing_is_unmet)
{
	/* ACC-R2's question answered, the wrong way: plainly unmet */
	static const char *const low[] = { "A1=some A4=no" };
	struct agg *a = collect(low, 1);

	CHECK_INT(met(a, "ACC-R2"), PRACTICE_UNMET);
	agg_free(a);
}

int
main(void)
{
	struct err e;

	if ((s = survey_load("tests/data/mini/survey.json", &e)) == NULL ||
	    (t = target_load("tests/data/mini/targets/mini-target.json", s,
	    &e)) == NULL) {
		printf("cannot load the mini survey and target: %s\n", e.msg);
		return 1;
	}
	RUN(single_answer_decides);
	RUN(majority_needed);
	RUN(evidence_and_all_conditions);
	RUN(any_of_number_or_level);
	RUN(unanswered_satisfies_nothing);
	RUN(answered_and_failing_is_unmet);
	RUN(any_by_level_alone);
	RUN(evidence_from_most_respondents);
	target_free(t);
	survey_free(s);
	return check_done();
}
