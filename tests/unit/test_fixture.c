/* Unit tests for fixture.c: reading rule fixtures and comparing their
 * expectations with a result. */
#include <stdlib.h>

#include "check.h"
#include "fixture.h"

static int
parse(struct fixture *f, const char *text, struct err *e)
{
	memset(e, 0, sizeof(*e));
	return fixture_parse(f, "fx/t.json", text, strlen(text), e);
}

#define HEAD "{\"format\": \"assess-rule-fixture/1\", \"responses\": " \
	"[{\"organisation\": \"A\", \"answers\": {}}],\n"

TEST(reads_every_kind_in_order)
{
	struct fixture f;
	struct err e;

	CHECK(parse(&f, HEAD "\"expect\": {\"headline\": null, \"levels\": "
	    "{\"ACC\": 2, \"APR\": null}, \"scores\": {\"ACC\": 37.5},\n"
	    "\"findings\": [\"a\"], \"no_findings\": [\"b\"], "
	    "\"recommendations\": [\"ACC-2-3\"], \"flags\": [\"c\"]}}",
	    &e) == 0);
	CHECK_INT(f.nex, 8);
	CHECK_INT(f.ex[0].kind, FX_HEADLINE);
	CHECK_INT(f.ex[0].level, 0);
	CHECK_INT(f.ex[1].kind, FX_LEVEL);
	CHECK_STR(f.ex[1].id, "ACC");
	CHECK_INT(f.ex[1].level, 2);
	CHECK_INT(f.ex[2].level, 0);
	CHECK_INT(f.ex[3].kind, FX_SCORE);
	CHECK_NUM(f.ex[3].score, 37.5);
	CHECK_INT(f.ex[4].kind, FX_FINDING);
	CHECK_INT(f.ex[5].kind, FX_NO_FINDING);
	CHECK_INT(f.ex[6].kind, FX_REC);
	CHECK_INT(f.ex[7].kind, FX_FLAG);
	/* where each is written */
	CHECK_INT(f.ex[4].at->line, 3);
	CHECK_INT(f.ex[4].at->col, 14);
	CHECK(f.responses != NULL && f.answers == NULL);
	CHECK(f.survey == NULL);
	fixture_release(&f);
}

TEST(answers_file_is_relative_to_the_fixture)
{
	struct fixture f;
	struct err e;
	const char *text = "{\"format\": \"assess-rule-fixture/1\", "
	    "\"survey\": \"quick-check\", \"answers\": \"../../../surveys/"
	    "quick-check/examples/library-quick-check.csv\", "
	    "\"expect\": {\"headline\": 1}}";

	memset(&e, 0, sizeof(e));
	CHECK(fixture_parse(&f, "rules/fixtures/quick-check/x.json", text,
	    strlen(text), &e) == 0);
	CHECK_STR(f.answers, "rules/fixtures/quick-check/../../../surveys/"
	    "quick-check/examples/library-quick-check.csv");
	CHECK_STR(f.survey, "quick-check");
	fixture_release(&f);
	/* a file that is not there is an error at its name */
	CHECK(parse(&f, "{\"format\": \"assess-rule-fixture/1\",\n"
	    "  \"answers\": \"nope.csv\", \"expect\": {\"headline\": 1}}",
	    &e) != 0);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 14);
	CHECK_STR(e.msg, "no answers file 'fx/nope.csv'");
}

/* One bad fixture: the error's line, column and message. */
static void
bad(const char *expect, unsigned line, unsigned col, const char *msg)
{
	struct fixture f;
	struct err e;
	char text[600];

	snprintf(text, sizeof(text), HEAD "\"expect\": %s}", expect);
	CHECK(parse(&f, text, &e) != 0);
	if (e.line != line || e.col != col || strcmp(e.msg, msg) != 0) {
		printf("  %s: %u:%u: %s\n", expect, e.line, e.col, e.msg);
		check_fails++;
	}
}

TEST(bad_expectations_say_where)
{
	bad("{}", 2, 11, "'expect' expects nothing: give a headline, levels, "
	    "scores, findings, no_findings, recommendations or flags");
	bad("{\"headline\": 0}", 2, 24, "a level must be an integer from 1 "
	    "to 5, or null for not rated");
	bad("{\"headline\": \"2\"}", 2, 24, "a level must be an integer from 1 "
	    "to 5, or null for not rated");
	bad("{\"scores\": {\"ACC\": -1}}", 2, 30, "a score must be a number "
	    "from 0 to 100");
	bad("{\"levels\": {\"AC C\": 1}}", 2, 23, "'AC C' is not a dimension "
	    "id");
	bad("{\"flags\": [1]}", 2, 22, "expected an id (a string), not a "
	    "number");
	bad("{\"findings\": [\"x\"], \"no_findings\": [\"x\"]}", 2, 47,
	    "finding 'x' is also expected in \"findings\"");
	bad("{\"levels\": [1]}", 2, 22, "'levels' must be an object, not an "
	    "array");
}

TEST(format_is_required)
{
	struct fixture f;
	struct err e;

	CHECK(parse(&f, "{\"responses\": [], \"expect\": {}}", &e) != 0);
	CHECK_STR(e.msg, "'format' must be \"assess-rule-fixture/1\"");
	CHECK(parse(&f, "[]", &e) != 0);
	CHECK(parse(&f, "{\"format\": \"assess-rule-fixture/1\", \"answer\": "
	    "\"a.csv\", \"expect\": {\"headline\": 1}}", &e) != 0);
	CHECK_STR(e.msg, "unknown key 'answer' in a rule fixture; did you "
	    "mean 'answers'?");
}

/* ==== Comparing ==== */

struct diffs {
	char	 text[10][300];
	unsigned line[10];
	size_t	 n;
};

static void
collect(void *ctx, const struct fixture *f, const struct fx_expect *x,
    const char *msg)
{
	struct diffs *d = ctx;

	(void)f;
	if (d->n < 10) {
		snprintf(d->text[d->n], sizeof(d->text[0]), "%s", msg);
		d->line[d->n++] = x->at->line;
	}
}

/* A result of one organisation: headline 2, ACC at level 2 (score
 * 37.46), APR not rated, two findings, one recommendation, one flag. */
static struct result res;
static struct r_org org;

static void
fake_result(void)
{
	static const char *levels[] = { "One", "Two", "Three", "Four",
	    "Five" };
	static const char *flags[] = { "f1" };
	static struct r_dim dims[2];
	static struct r_finding fnd[2];
	static struct r_rec rec[1];
	size_t i;

	for (i = 0; i < 5; i++) {
		res.levels[i].level = (int)i + 1;
		res.levels[i].label = levels[i];
	}
	dims[0].id = "ACC";
	dims[0].level = 2;
	dims[0].score = 37.46;
	dims[1].id = "APR";
	fnd[0].id = "access-blocked";
	fnd[1].id = "thin-rating";
	rec[0].id = "ACC-2-3";
	org.headline = 2;
	org.dims = dims;
	org.ndims = 2;
	org.findings = fnd;
	org.nfindings = 2;
	org.recs = rec;
	org.nrecs = 1;
	org.flags.v = flags;
	org.flags.n = 1;
}

/* The differences of a fixture expecting 'expect' from the fake result:
 * how many, their messages and lines in 'd'. */
static size_t
differences(const char *expect, struct diffs *d)
{
	struct fixture f;
	struct err e;
	char text[1000];
	size_t n = 1000;

	snprintf(text, sizeof(text), HEAD "\"expect\": %s}", expect);
	memset(d, 0, sizeof(*d));
	CHECK(parse(&f, text, &e) == 0);
	if (f.parsed) {
		n = fixture_compare(&f, &res, &org, collect, d);
		fixture_release(&f);
	}
	return n;
}

TEST(compare_all_met)
{
	struct diffs d;

	/* 37.5 is 37.46 to one decimal */
	CHECK_INT(differences("{\"headline\": 2, \"levels\": {\"ACC\": 2, "
	    "\"APR\": null}, \"scores\": {\"ACC\": 37.5}, \"findings\": "
	    "[\"thin-rating\"], \"no_findings\": [\"x\"], "
	    "\"recommendations\": [\"ACC-2-3\"], \"flags\": [\"f1\"]}", &d),
	    0);
}

TEST(compare_reports_each_difference)
{
	struct diffs d;

	CHECK_INT(differences("{\"headline\": null,\n\"levels\": {\"ACC\": 3, "
	    "\"APR\": 1}, \"scores\": {\"ACC\": 37.4, \"APR\": 0},\n"
	    "\"findings\": [\"x\"], \"no_findings\": [\"access-blocked\"],\n"
	    "\"recommendations\": [\"ACC-3-4\"], \"flags\": [\"f2\"]}", &d),
	    9);
	CHECK_STR(d.text[0], "headline: expected not rated, got 2 (Two)");
	CHECK_STR(d.text[1], "level of ACC: expected 3 (Three), got 2 (Two)");
	CHECK_STR(d.text[2], "level of APR: expected 1 (One), got not rated");
	CHECK_STR(d.text[3], "score of ACC: expected 37.4, got 37.5");
	CHECK_STR(d.text[4], "score of APR: expected 0, got not rated");
	CHECK_STR(d.text[5], "finding 'x': expected, but the rules did not "
	    "raise it (raised: access-blocked, thin-rating)");
	CHECK_STR(d.text[6], "finding 'access-blocked': expected absent, but "
	    "the rules raised it");
	CHECK_STR(d.text[7], "recommendation 'ACC-3-4': expected, but the "
	    "rules did not give it (given: ACC-2-3)");
	CHECK_STR(d.text[8], "flag 'f2': expected, but the rules did not set "
	    "it (set: f1)");
	CHECK_INT(d.line[0], 2);
	CHECK_INT(d.line[5], 4);
	/* a dimension the result does not have (run refuses it first) */
	CHECK_INT(differences("{\"levels\": {\"XYZ\": 1}}", &d), 1);
	CHECK_STR(d.text[0], "dimension XYZ: not in the result");
}

TEST(files_of_a_folder_are_sorted)
{
	struct paths_names n;
	struct err e;

	memset(&e, 0, sizeof(e));
	CHECK(fixture_files("rules/fixtures/quick-check", &n, &e) == 0);
	CHECK_INT(n.n, 5);
	if (n.n == 5) {
		CHECK_STR(n.v[0], "rules/fixtures/quick-check/all-embedded.json");
		CHECK_STR(n.v[4], "rules/fixtures/quick-check/weakest-link.json");
	}
	paths_names_release(&n);
	CHECK(fixture_files("x.json", &n, &e) == 0);
	CHECK_INT(n.n, 1);
	CHECK_STR(n.v[0], "x.json");
	paths_names_release(&n);
}

int
main(void)
{
	RUN(reads_every_kind_in_order);
	RUN(answers_file_is_relative_to_the_fixture);
	RUN(bad_expectations_say_where);
	RUN(format_is_required);
	fake_result();
	RUN(compare_all_met);
	RUN(compare_reports_each_difference);
	RUN(files_of_a_folder_are_sorted);
	return check_done();
}
