/* Unit tests for resultin.c: a result written as JSON and read back is
 * the same result, byte for byte when written again. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "engine.h"
#include "jdoc.h"
#include "report.h"
#include "resultin.h"

/* Score 'answers' with the mini survey and target into JSON. */
static int
score_json(const char *answers, struct buf *out)
{
	struct engine_opts eo;
	struct engine *en;
	struct result res;
	struct err e;
	int rc = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = "tests/data/mini/survey.json";
	eo.target = "tests/data/mini/targets/mini-target.json";
	eo.anonymity = 2;
	result_init(&res);
	if ((en = engine_new(&eo, &e)) != NULL &&
	    engine_add(en, answers, &e) >= 0 &&
	    engine_score(en, &res, &e) == 0 &&
	    report_json(&res, REPORT_FULL, out, &e) == 0)
		rc = 0;
	else
		printf("  cannot score %s: %s\n", answers, e.msg);
	result_release(&res);
	engine_free(en);
	return rc;
}

/* Read JSON back into a result and write it again. */
static int
round_trip(const struct buf *in, struct buf *out, struct err *e)
{
	struct result res;
	struct jdoc d;
	int rc = -1;

	result_init(&res);
	if (jdoc_parse(&d, "result.json", in->data, in->len, e) == 0) {
		if (resultin_doc(&d, &res, e) == 0 && report_json(&res, REPORT_FULL, out,
		    e) == 0)
			rc = 0;
		jdoc_release(&d);
	}
	result_release(&res);
	return rc;
}

TEST(written_again_is_identical)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct err e;

	CHECK(score_json("tests/data/mini-audit.csv", &a) == 0);
	CHECK(round_trip(&a, &b, &e) == 0);
	CHECK_INT(a.len, b.len);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_release(&a);
	buf_release(&b);
}

/* Each edit breaks one field; the error is at that field. */
static void
expect_error(const char *from, const char *to, const char *msg)
{
	struct buf a = BUF_INIT, b = BUF_INIT, edited = BUF_INIT;
	struct err e;
	const char *at;

	memset(&e, 0, sizeof(e));
	if (score_json("tests/data/mini-audit.csv", &a) != 0 ||
	    (at = strstr(a.data, from)) == NULL) {
		printf("  '%s' not found\n", from);
		check_fails++;
	} else {
		const char *rest = at + strlen(from);

		/* a 'from' ending in ": " replaces the value after it */
		if (strcmp(from + strlen(from) - 2, ": ") == 0)
			rest += strcspn(rest, ",\n");
		buf_add(&edited, a.data, (size_t)(rest - a.data) -
		    (strcmp(from + strlen(from) - 2, ": ") == 0 ?
		    (size_t)(rest - at) : strlen(from)));
		buf_puts(&edited, to);
		buf_puts(&edited, rest);
		CHECK(round_trip(&edited, &b, &e) != 0);
		CHECK(e.line > 0);
		if (strstr(e.msg, msg) == NULL) {
			printf("  message '%s' lacks '%s'\n", e.msg, msg);
			check_fails++;
		}
	}
	buf_release(&a);
	buf_release(&b);
	buf_release(&edited);
}

TEST(impossible_states_are_refused)
{
	expect_error("\"format\": \"assess-result/1\"",
	    "\"format\": \"assess-result/9\"", "'format' must be");
	expect_error("\"score\": ", "\"score\": 100.5",
	    "'score' must be a number from 0 to 100");
	expect_error("\"level\": 1,\n        \"label\"",
	    "\"level\": 6,\n        \"label\"", "from 1 to 5");
	expect_error("\"respondents\": 1,", "\"respondents\": -1,",
	    "'respondents' must be an integer from");
	expect_error("\"signal\": 1", "\"signal\": 9", "from 1 to 5");
	expect_error("\"met\": [\"ACC-R1\"", "\"met\": [\"ACC-R9\"",
	    "which the target does not list");
	expect_error("\"as_of\": \"2026-03-02\"", "\"as_of\": \"2026-02-30\"",
	    "must be a date");
	expect_error("\"to_level\": 2", "\"to_level\": 1",
	    "'to_level' must be an integer from 2 to 5");
	expect_error("\"gap\": ", "\"gap\": 3",
	    "'gap' does not match the target and level");
	expect_error("\"label\": \"Restricted\"\n    }",
	    "\"label\": \"Restricted\", \"description\": \"x\"\n    }",
	    "unknown");
}

/* The bands as the one place C knows them: edges, rounding as printed,
 * and nothing outside 0-100. */
TEST(score_bands)
{
	static const double edges[][2] = { { 0, 12.4 }, { 12.5, 37.4 },
	    { 37.5, 62.4 }, { 62.5, 87.4 }, { 87.5, 100 } };
	double lo, hi;
	int l;

	for (l = 1; l <= RESULT_LEVELS; l++) {
		result_score_band(l, &lo, &hi);
		CHECK(fabs(lo - edges[l - 1][0]) < 1e-9);
		CHECK(fabs(hi - edges[l - 1][1]) < 1e-9);
		CHECK_INT(result_score_level(lo), l);
		CHECK_INT(result_score_level(hi), l);
		if (l < RESULT_LEVELS)
			CHECK_INT(result_score_level(hi + 0.1), l + 1);
	}
	CHECK_INT(result_score_level(37.44), 2);	/* printed 37.4 */
	CHECK_INT(result_score_level(37.46), 3);	/* printed 37.5 */
	CHECK_INT(result_score_level(-0.04), 1);	/* printed -0.0 */
	CHECK_INT(result_score_level(-0.5), 0);
	CHECK_INT(result_score_level(100.04), 5);
	CHECK_INT(result_score_level(100.5), 0);
	CHECK_INT(result_score_level(NAN), 0);
	CHECK_INT(result_score_level(1e300), 0);
}

/* The level of a score as printed with "%.1f", worked out the slow way. */
static int
printed_level(double score)
{
	char shown[32];
	long t;

	snprintf(shown, sizeof(shown), "%.1f", score);
	t = lround(strtod(shown, NULL) * 10);
	if (t < 0 || t > 1000)
		return 0;
	return (int)((t + 125) / 250) + 1;
}

/* The same level as printing gives: at and a few doubles either side of
 * every half tenth, where printing decides, at the edges of the range
 * asked to print, and at whole tenths and between. */
static int
differs(double v)
{
	return result_score_level(v) != printed_level(v);
}

TEST(score_level_as_printed)
{
	long k;
	int bad = 0, step;

	for (k = -10; k <= 1010; k++) {
		double half = (k + 0.5) / 10, below = half, above = half;

		bad += differs(half);
		for (step = 0; step < 3; step++) {
			below = nextafter(below, -1e9);
			above = nextafter(above, 1e9);
			bad += differs(below) + differs(above);
		}
		bad += differs((k + 0.49) / 10) + differs((k + 0.51) / 10);
		bad += differs(k / 10.0) + differs(k / 10.0 + 0.0123);
	}
	CHECK_INT(bad, 0);
}

TEST(score_band_messages)
{
	char why[96];

	CHECK_INT(result_score_fits(2, 37.4, why, sizeof(why)), 0);
	CHECK_INT(result_score_fits(2, 37.5, why, sizeof(why)), -1);
	CHECK_STR(why, "37.5 is above the band of level 2 (12.5 to 37.4)");
	CHECK_INT(result_score_fits(5, 87.4, why, sizeof(why)), -1);
	CHECK_STR(why, "87.4 is below the band of level 5 (87.5 to 100.0)");
	CHECK_INT(result_score_fits(1, 0, why, sizeof(why)), 0);
}

int
main(void)
{
	setenv("ASSESS_PATH", ".", 1);	/* the rule libraries of the tree */
	RUN(written_again_is_identical);
	RUN(impossible_states_are_refused);
	RUN(score_bands);
	RUN(score_level_as_printed);
	RUN(score_band_messages);
	return check_done();
}
