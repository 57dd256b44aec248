/* Unit tests for response.c: cell values, roles, audience and conditions,
 * against the mini test survey. */
#include <stdlib.h>

#include "check.h"
#include "fixtures.h"
#include "response.h"

static struct survey *s;

static const struct question *
q(const char *id)
{
	return &s->qs[survey_question(s, id)];
}

static int
parse(const char *id, const char *text, struct answer *a, char *msg)
{
	msg[0] = '\0';
	return response_parse(q(id), text, strlen(text), a, msg, 300);
}

TEST(single_choice)
{
	struct answer a;
	char msg[300];

	CHECK(parse("A1", " rule ", &a, msg) == 0);
	CHECK_INT(a.state, A_VALUE);
	CHECK_INT(a.level, 3);
	CHECK(parse("A1", "RULE", &a, msg) == 0);	/* letter case */
	CHECK_INT(a.opt, 2);
	CHECK(parse("A1", "", &a, msg) == 0);
	CHECK_INT(a.state, A_EMPTY);
	CHECK(parse("A1", "anyone", &a, msg) != 0);
	CHECK_STR(msg, "A1: 'anyone' is not an option; expected a value or "
	    "its label: none \xE2\x80\x94 Nobody; some \xE2\x80\x94 Some "
	    "people; rule \xE2\x80\x94 Written rule; all \xE2\x80\x94 "
	    "Everyone");
	/* labels, in any letter case, with runs of spaces */
	CHECK(parse("A1", " everyone ", &a, msg) == 0);
	CHECK_INT(a.opt, 3);
	CHECK_INT(a.level, 4);
	CHECK(parse("A1", "WRITTEN   rule", &a, msg) == 0);
	CHECK_INT(a.opt, 2);
	CHECK(parse("A1", "written\trule", &a, msg) == 0);
	CHECK_INT(a.opt, 2);
	CHECK(parse("A1", "writtenrule", &a, msg) != 0);
	CHECK(parse("A1", "Written rules", &a, msg) != 0);
	CHECK(parse("A5", "na", &a, msg) == 0);
	CHECK_INT(a.state, A_NA);
	CHECK(parse("A1", "na", &a, msg) != 0);
}

/* A survey whose A6 has two options with the same label but for letter
 * case and spacing (tests/data/labels). */
TEST(label_clash)
{
	struct err e;
	struct survey *ls = survey_load("tests/data/labels/survey.json", &e);
	const struct question *a6;
	struct answer a;
	char msg[300];

	CHECK(ls != NULL);
	if (ls == NULL)
		return;
	a6 = &ls->qs[survey_question(ls, "A6")];
	CHECK(response_parse(a6, "The communications team", 23, &a, msg,
	    sizeof(msg)) != 0);
	CHECK_STR(msg, "A6: 'The communications team' is the label of more "
	    "than one option (comms and comms_only); write the value instead");
	CHECK(response_parse(a6, "comms_only", 10, &a, msg, sizeof(msg)) == 0);
	CHECK_INT(a.opt, 2);
	CHECK(response_parse(a6, "COMMS", 5, &a, msg, sizeof(msg)) == 0);
	CHECK_INT(a.opt, 0);
	CHECK_INT(survey_find_option(a6, "the communications team", 23),
	    SURVEY_AMBIGUOUS);
	CHECK_INT(survey_find_option(a6, "nobody  at ALL", 14), 3);
	CHECK_INT(survey_find_option(a6, "", 0), -1);
	survey_free(ls);
}

TEST(multi_choice)
{
	struct answer a;
	char msg[300];

	CHECK(parse("A2", "dash; video ;", &a, msg) == 0);
	CHECK_INT(a.state, A_VALUE);
	CHECK_NUM(a.num, 2);
	CHECK_INT(a.level, 3);
	CHECK(parse("A2", "none", &a, msg) == 0);
	CHECK_NUM(a.num, 0);
	CHECK_INT(a.level, 1);
	CHECK(parse("A2", ";;", &a, msg) == 0);
	CHECK_INT(a.state, A_EMPTY);
	CHECK(parse("A2", "none;dash", &a, msg) != 0);
	CHECK_STR(msg, "A2: 'none' cannot be combined with other options");
	CHECK(parse("A2", "dash;DASH", &a, msg) != 0);
}

TEST(numbers)
{
	struct answer a;
	char msg[300];

	CHECK(parse("A3", "2.5", &a, msg) == 0);
	CHECK_NUM(a.num, 2.5);
	CHECK_INT(a.level, 4);
	CHECK(parse("A3", "20", &a, msg) == 0);
	CHECK_INT(a.level, 1);		/* 20 starts the open last band */
	CHECK(parse("T1", "100", &a, msg) == 0);
	CHECK_INT(a.level, 4);		/* the last band includes its max */
	CHECK(parse("T1", "-1", &a, msg) != 0);
	CHECK_STR(msg, "T1: -1 is outside the allowed range, from 0 to 100 %");
	CHECK(parse("A3", "3,5", &a, msg) != 0);
	CHECK(parse("A3", "1e3", &a, msg) != 0);
	CHECK(parse("A3", "12.", &a, msg) != 0);
	CHECK(parse("A3", "na", &a, msg) == 0);	/* allow_na */
	CHECK_INT(a.state, A_NA);
	/* whole numbers (read without strtod up to 15 digits) */
	CHECK(parse("A3", "0", &a, msg) == 0);
	CHECK(a.num == 0 && !signbit(a.num));
	CHECK(parse("A3", "-0", &a, msg) == 0);
	CHECK(a.num == 0 && signbit(a.num));
	CHECK(parse("A3", "007", &a, msg) == 0);
	CHECK_NUM(a.num, 7);
	CHECK_INT(a.level, 3);
	CHECK(parse("A3", "000000000000365", &a, msg) == 0);
	CHECK_NUM(a.num, 365);
	CHECK(parse("A3", "0000000000000365", &a, msg) == 0);
	CHECK_NUM(a.num, 365);
	CHECK(parse("T1", "999999999999999", &a, msg) != 0);
	CHECK_STR(msg, "T1: 1e+15 is outside the allowed range, from 0 to "
	    "100 %");
	CHECK(parse("T1", "-123456789012345", &a, msg) != 0);
	CHECK_STR(msg, "T1: -1.23457e+14 is outside the allowed range, from "
	    "0 to 100 %");
	CHECK(parse("A3", "-", &a, msg) != 0);
	CHECK(parse("A3", "1-2", &a, msg) != 0);
}

TEST(roles)
{
	unsigned roles;
	char msg[300];

	CHECK(response_roles(s, "", 0, &roles, msg, sizeof(msg)) == 0);
	CHECK_INT(roles, 1u << s->org_aud);
	CHECK(response_roles(s, "ops; EXEC", 9, &roles, msg, sizeof(msg)) ==
	    0);
	CHECK_INT(roles, (1u << survey_audience(s, "ops")) |
	    (1u << survey_audience(s, "exec")));
	CHECK(response_roles(s, "boss", 4, &roles, msg, sizeof(msg)) != 0);
}

TEST(audience_and_conditions)
{
	struct answer *ans = calloc(s->nq, sizeof(*ans));
	struct response r;
	char msg[300];
	int bad = -1;

	memset(&r, 0, sizeof(r));
	r.ans = ans;
	r.roles = 1u << survey_audience(s, "ops");
	CHECK(parse("T2", "4", &ans[survey_question(s, "T2")], msg) == 0);
	CHECK(response_check(s, &r, &bad, msg, sizeof(msg)) == 0);
	CHECK(ans[survey_question(s, "T2")].asked);
	CHECK(!ans[survey_question(s, "A1")].asked);
	/* an org respondent must answer A1; A5 only when A1 != all */
	r.roles = 1u << s->org_aud;
	memset(ans, 0, s->nq * sizeof(*ans));
	CHECK(response_check(s, &r, &bad, msg, sizeof(msg)) != 0);
	CHECK_STR(s->qs[bad].id, "A1");
	CHECK(parse("A1", "all", &ans[survey_question(s, "A1")], msg) == 0);
	CHECK(parse("A5", "local", &ans[survey_question(s, "A5")], msg) == 0);
	CHECK(response_check(s, &r, &bad, msg, sizeof(msg)) != 0);
	CHECK_STR(msg, "A5 is only asked when A1 != all, which does not hold "
	    "for this respondent");
	CHECK(parse("A1", "rule", &ans[survey_question(s, "A1")], msg) == 0);
	CHECK(response_check(s, &r, &bad, msg, sizeof(msg)) == 0);
	free(ans);
}

static unsigned long rnd_state = 12345;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* A new answer to question 'i' as a reader parses one: flags clear. */
static void
random_answer(const struct survey *sv, size_t i, struct answer *a)
{
	const struct question *qq = &sv->qs[i];

	memset(a, 0, sizeof(*a));
	a->opt = -1;
	a->state = rnd(8) == 0 && qq->allow_na ? A_NA : A_VALUE;
	if (qq->type == Q_MULTI)
		a->multi = (1ULL << rnd((unsigned)qq->nopts)) |
		    (1ULL << rnd((unsigned)qq->nopts));
	else if (qq->nopts > 0)
		a->opt = (int)rnd((unsigned)qq->nopts);
	a->num = rnd(200);
}

/* One row as the CSV reader makes it: the answers of the row before are
 * emptied (flags left as they are), new ones parsed (flags clear), mostly
 * within the audience of the row's roles; the list of those given. */
static void
random_row(const struct survey *sv, struct answer *ans, unsigned roles,
    int *given, size_t *ngiven)
{
	size_t i, k;

	for (k = 0; k < *ngiven; k++)
		ans[given[k]].state = A_EMPTY;
	*ngiven = 0;
	for (i = 0; i < sv->nq; i++) {
		int in = (sv->qs[i].audience & roles) != 0;

		if (rnd(in ? 10 : 400) < (in ? 7u : 1u)) {
			random_answer(sv, i, &ans[i]);
			given[(*ngiven)++] = (int)i;
		}
	}
	for (k = 1; k < *ngiven; k++) {		/* in any order */
		size_t j = rnd((unsigned)k + 1);
		int x = given[k];

		given[k] = given[j];
		given[j] = x;
	}
}

/* The plan a reader keeps over its rows gives what a check of every
 * question gives: the same verdict, message, flags and fold list, over
 * many rows of random role sets (more than the plan keeps) and
 * answers. */
TEST(planned_check_is_the_full_check)
{
	struct err e;
	struct survey *big = survey_load(
	    "surveys/social-media-readiness/survey.json", &e);
	const struct survey *sv = big != NULL ? big : s;
	struct answer *ans = calloc(sv->nq, sizeof(*ans));
	struct answer *all = calloc(sv->nq, sizeof(*all));
	int *given = calloc(sv->nq, sizeof(*given));
	int *f1 = calloc(sv->nq, sizeof(*f1)), *f2 = calloc(sv->nq,
	    sizeof(*f2));
	struct response_plan plan;
	struct response r1, r2;
	char m1[300], m2[300];
	size_t ngiven = 0, i, row, fails = 0;
	int b1, b2, rc1, rc2;

	CHECK(big != NULL && sv->naud >= 5);
	memset(&plan, 0, sizeof(plan));
	for (row = 0; row < 4000; row++) {
		unsigned set = 1u + rnd((1u << sv->naud) - 1);

		random_row(sv, ans, set, given, &ngiven);
		memcpy(all, ans, sv->nq * sizeof(*ans));
		memset(&r1, 0, sizeof(r1));
		r1.ans = ans;
		r1.roles = set;
		r1.fold = f1;
		r1.given = given;
		r1.ngiven = ngiven;
		r1.plan = &plan;
		r2 = r1;
		r2.ans = all;
		r2.fold = f2;
		r2.given = NULL;
		r2.plan = NULL;
		rc1 = response_check(sv, &r1, &b1, m1, sizeof(m1));
		rc2 = response_check(sv, &r2, &b2, m2, sizeof(m2));
		CHECK_INT(rc1, rc2);
		CHECK_INT(r1.checked, r2.checked);
		if (rc1 != 0) {
			fails++;
			CHECK_INT(b1, b2);
			CHECK_STR(m1, m2);
			continue;
		}
		CHECK_INT(r1.nfold, r2.nfold);
		for (i = 0; i < r1.nfold && i < r2.nfold; i++)
			CHECK_INT(f1[i], f2[i]);
		for (i = 0; i < sv->nq; i++) {
			CHECK_INT(ans[i].asked, all[i].asked);
			CHECK_INT(ans[i].skipped, all[i].skipped);
		}
	}
	CHECK(fails > 100 && fails < 3900);	/* both kinds of rows */
	response_plan_release(&plan);
	free(ans);
	free(all);
	free(given);
	free(f1);
	free(f2);
	survey_free(big);
}

int
main(void)
{
	if ((s = mini_survey()) == NULL)
		return 1;
	RUN(single_choice);
	RUN(label_clash);
	RUN(multi_choice);
	RUN(numbers);
	RUN(roles);
	RUN(audience_and_conditions);
	RUN(planned_check_is_the_full_check);
	survey_free(s);
	return check_done();
}
