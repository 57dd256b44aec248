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
	survey_free(s);
	return check_done();
}
