/* Unit tests for the report writers: hostile text in every field a user
 * or a rule controls comes out inert in every format. */
#include <stdlib.h>

#include <csv.h>
#include <cjson/cJSON.h>

#include "check.h"
#include "compare.h"
#include "report.h"
#include "roadmap.h"
#include "svg.h"

static const char *const hostile[] = {
	"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3", "@SUM(A1)",
	"\tleading tab", "\rleading cr", "<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
	"| a | b |", "line\nbreak", "\x1b]0;title\x07\x1b[31mred",
	"\xe2\x80\xae" "evil\xe2\x80\xac", "www.example.com http://x.example",
	"*bold* _em_ `code` ~strike~ # hash & amp",
};
#define NHOSTILE (sizeof(hostile) / sizeof(hostile[0]))

static struct result res;

static void
build(void)
{
	static const char *labels[] = { "Restricted", "Experimental",
	    "Enabled", "Managed", "Embedded" };
	static const char *ids[] = { "r", "x", "e", "m", "b" };
	struct r_strs ev = { NULL, 0 };
	size_t i;

	result_init(&res);
	res.survey_id = "s";
	res.survey_version = "1";
	res.survey_title = hostile[6];
	for (i = 0; i < 5; i++) {
		res.levels[i].level = (int)i + 1;
		res.levels[i].id = ids[i];
		res.levels[i].label = labels[i];
	}
	res.anonymity = 5;
	res.norgs = NHOSTILE;
	res.orgs = arena_alloc(&res.arena, NHOSTILE * sizeof(*res.orgs));
	for (i = 0; i < NHOSTILE; i++) {
		struct r_org *o = &res.orgs[i];

		memset(o, 0, sizeof(*o));
		o->id = hostile[i];
		o->respondents = 3;
		o->headline = 2;
		o->basis = hostile[(i + 1) % NHOSTILE];
		o->ndims = 1;
		o->dims = arena_alloc(&res.arena, sizeof(*o->dims));
		memset(o->dims, 0, sizeof(*o->dims));
		o->dims[0].id = "D";
		o->dims[0].title = hostile[(i + 2) % NHOSTILE];
		o->dims[0].level = 2;
		o->dims[0].score = 37.5;
		o->nfindings = 1;
		o->findings = arena_alloc(&res.arena, sizeof(*o->findings));
		memset(o->findings, 0, sizeof(*o->findings));
		o->findings[0].id = "f";
		o->findings[0].severity = "high";
		o->findings[0].dimension = "D";
		o->findings[0].text = hostile[(i + 3) % NHOSTILE];
		o->findings[0].evidence = ev;
		o->nrecs = 1;
		o->recs = arena_alloc(&res.arena, sizeof(*o->recs));
		memset(o->recs, 0, sizeof(*o->recs));
		o->recs[0].id = "r";
		o->recs[0].dimension = "D";
		o->recs[0].priority = 1;
		o->recs[0].from = 2;
		o->recs[0].to = 3;
		o->recs[0].text = hostile[(i + 4) % NHOSTILE];
	}
}

static int
has_raw_control(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			return 1;
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] >= 0xaa &&
		    (unsigned char)s[i + 2] <= 0xae))
			return 1;
	}
	return 0;
}

struct cells {
	int	 bad;
	int	 n;
};

static void
on_cell(void *data, size_t len, void *ctx)
{
	struct cells *c = ctx;
	const char *s = data;

	c->n++;
	if (len > 0 && strchr("=+-@\t\r", s[0]) != NULL) {
		printf("  live formula cell: %.*s\n", (int)len, s);
		c->bad++;
	}
}

static void
on_row(int ch, void *ctx)
{
	(void)ch;
	(void)ctx;
}

TEST(csv_cells_are_inert_and_parse)
{
	struct buf b = BUF_INIT;
	struct csv_parser p;
	struct cells c = { 0, 0 };
	struct err e;

	CHECK(report_csv(&res, REPORT_FULL, &b, &e) == 0);
	CHECK(!has_raw_control(b.data, b.len));
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	CHECK(csv_parse(&p, b.data, b.len, on_cell, on_row, &c) == b.len);
	CHECK(csv_fini(&p, on_cell, on_row, &c) == 0);
	csv_free(&p);
	CHECK_INT(c.bad, 0);
	CHECK_INT(c.n, 21 * (1 + (int)NHOSTILE));
	CHECK(strstr(b.data, "\"'=HYPERLINK(\"\"http") != NULL);
	buf_release(&b);
}

TEST(json_round_trips_and_escapes)
{
	struct buf b = BUF_INIT;
	struct err e;
	cJSON *root, *orgs;
	size_t i;

	CHECK(report_json(&res, REPORT_FULL, &b, &e) == 0);
	CHECK(!has_raw_control(b.data, b.len));
	root = cJSON_ParseWithLengthOpts(b.data, b.len + 1, NULL, 1);
	CHECK(root != NULL);
	orgs = cJSON_GetObjectItemCaseSensitive(root, "organisations");
	CHECK_INT(cJSON_GetArraySize(orgs), NHOSTILE);
	for (i = 0; i < NHOSTILE; i++) {
		cJSON *o = cJSON_GetArrayItem(orgs, (int)i);

		CHECK_STR(cJSON_GetObjectItemCaseSensitive(o, "id")->valuestring,
		    hostile[i]);
	}
	cJSON_Delete(root);
	buf_release(&b);
}

static int
unescaped_pipes(const char *line, size_t len)
{
	size_t i;
	int n = 0;

	for (i = 0; i < len; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			n++;
	return n;
}

TEST(markdown_is_inert)
{
	struct buf b = BUF_INIT;
	struct err e;
	size_t i, start = 0;
	int pipes = -1;

	CHECK(report_md(&res, REPORT_FULL, &b, &e) == 0);
	CHECK(!has_raw_control(b.data, b.len));
	/* tags, links, entities and code from data are escaped */
	CHECK(strstr(b.data, "\\<script>") != NULL);
	CHECK(strstr(b.data, "[click\\](javascript") != NULL);
	/* emphasis and code marks are escaped, a lone '#' or '&' is not */
	CHECK(strstr(b.data, "\\*bold\\* \\_em\\_ \\`code\\` \\~strike\\~ "
	    "# hash & amp") != NULL);
	/* every row of a table has as many cell borders as its header */
	for (i = 0; i <= b.len; i++) {
		if (i < b.len && b.data[i] != '\n')
			continue;
		if (b.data[start] == '|') {
			int n = unescaped_pipes(b.data + start, i - start);

			if (pipes < 0)
				pipes = n;
			else if (n != pipes) {
				printf("  row with %d borders, header %d: %.*s\n",
				    n, pipes, (int)(i - start), b.data + start);
				CHECK(0);
			}
		} else {
			pipes = -1;
		}
		start = i + 1;
	}
	CHECK(strstr(b.data, "http://") == NULL);
	CHECK(strstr(b.data, "www.ex") == NULL);
	buf_release(&b);
}

/* Untrusted text that is all a list number ("iv", "b", "2010") where a
 * block's text begins, followed by the writer's own '.', would make a
 * lettered, roman or numbered list marker (pandoc, CommonMark): the
 * '.' is escaped; other text keeps its plain '.'. */
TEST(markdown_list_numbers_stay_text)
{
	static const char *const titles[] = { "iv", "b", "2010", "plain" };
	static const char *const want[] = { "1. iv\\.\n", "2. b\\.\n",
	    "3. 2010\\.\n", "4. plain.\n" };
	struct r_source src[4];
	const char *cite[4];
	struct r_org *o = &res.orgs[0];
	struct r_strs keep = o->recs[0].sources;
	struct r_step step = { 0, 30, NULL, 0 };
	struct buf b = BUF_INIT;
	struct err e;
	size_t i;

	memset(src, 0, sizeof(src));
	for (i = 0; i < 4; i++) {
		src[i].id = cite[i] = titles[i];
		src[i].title = titles[i];
	}
	res.sources = src;
	res.nsources = 4;
	o->recs[0].sources.v = cite;
	o->recs[0].sources.n = 4;
	o->steps = &step;	/* what the roadmap cites is listed */
	o->nsteps = 1;
	CHECK(report_md(&res, REPORT_FULL, &b, &e) == 0);
	for (i = 0; i < 4; i++) {
		CHECK(strstr(b.data, want[i]) != NULL);
		if (strstr(b.data, want[i]) == NULL)
			printf("  no '%s' in the sources\n", want[i]);
	}
	o->recs[0].sources = keep;
	o->steps = NULL;
	o->nsteps = 0;
	res.sources = NULL;
	res.nsources = 0;
	buf_release(&b);
}

/* A roadmap: recommendations as (dimension, from, priority). */
static void
plan(struct result *r, struct r_org *o, const char *const *dims,
    const int *from, const int *prio, size_t n)
{
	static struct r_order order[] = {
		{ "POL", "APR", "policy first", 3 },
		{ "ACC", "LST", "access first", 3 },
	};
	size_t i;

	result_init(r);
	r->bcase.order = order;
	r->bcase.norder = 2;
	memset(o, 0, sizeof(*o));
	o->recs = arena_alloc(&r->arena, n * sizeof(*o->recs));
	memset(o->recs, 0, n * sizeof(*o->recs));
	o->nrecs = n;
	for (i = 0; i < n; i++) {
		o->recs[i].id = dims[i];
		o->recs[i].dimension = dims[i];
		o->recs[i].from = from[i];
		o->recs[i].to = from[i] + 1;
		o->recs[i].priority = prio[i];
	}
}

static void
step_is(const struct r_org *o, size_t i, const char *dim, int from,
    int horizon, const char *after)
{
	char got[64] = "";
	size_t j;

	CHECK_STR(result_step_rec(o, i)->dimension, dim);
	CHECK_INT(result_step_rec(o, i)->from, from);
	CHECK_INT(o->steps[i].horizon, horizon);
	for (j = 0; j < o->steps[i].nafter; j++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%zu",
		    j ? "," : "", o->steps[i].after[j] + 1);
	CHECK_STR(got, after);
}

/* The policy an urgent approval step needs becomes urgent itself, and the
 * approvals follow it; access comes before listening, one rung of a
 * dimension before the next; the rest by priority. */
TEST(roadmap_sequences_by_priority_and_dependency)
{
	static const char *const dims[] = { "APR", "POL", "LST", "ACC",
	    "ACC", "ENG" };
	static const int from[] = { 2, 2, 2, 1, 2, 3 };
	static const int prio[] = { 1, 3, 1, 2, 2, 4 };
	struct result r;
	struct r_org o;

	plan(&r, &o, dims, from, prio, 6);
	CHECK(roadmap_build(&r, &o) == 0);
	CHECK_INT(o.nsteps, 6);
	step_is(&o, 0, "ACC", 1, 30, "");
	step_is(&o, 1, "POL", 2, 30, "");
	step_is(&o, 2, "APR", 2, 60, "2");
	step_is(&o, 3, "ACC", 2, 60, "1");
	step_is(&o, 4, "LST", 2, 90, "1,4");
	step_is(&o, 5, "ENG", 3, ROADMAP_LATER, "");
	CHECK_STR(roadmap_horizon(o.steps[5].horizon), "later");
	result_release(&r);
}

/* A rule applies only below its level: a policy already written (level 3)
 * does not hold back devolved approvals. */
TEST(roadmap_rule_stops_at_its_level)
{
	static const char *const dims[] = { "APR", "POL" };
	static const int from[] = { 2, 3 };
	static const int prio[] = { 1, 4 };
	struct result r;
	struct r_org o;

	plan(&r, &o, dims, from, prio, 2);
	CHECK(roadmap_build(&r, &o) == 0);
	step_is(&o, 0, "APR", 2, 30, "");
	step_is(&o, 1, "POL", 3, ROADMAP_LATER, "");
	result_release(&r);
}

/* A long label is cut at a character boundary, never inside one, and
 * says so with an ellipsis; HTML and SVG text escape the five specials. */
TEST(labels_truncate_and_escape)
{
	struct buf b = BUF_INIT;
	char big[10240];
	size_t i;

	for (i = 0; i + 2 < sizeof(big); i += 2)
		memcpy(big + i, "\xc3\xa9", 2);	/* e-acute */
	big[i] = '\0';
	report_safe_max(&b, big, 5);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	buf_reset(&b);
	report_safe_max(&b, "short", 5);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "short");
	buf_reset(&b);
	svg_text(&b, "<a href=\"x\">'&'</a>\xe2\x80\xae", 100);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
	    "\xef\xbf\xbd");
	/* the cut counts characters, an escaped one as one, in runs of
	 * plain text and out of them */
	buf_reset(&b);
	svg_text(&b, "ab<cd&ef", 4);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "ab&lt;c\xe2\x80\xa6");
	buf_reset(&b);
	svg_text(&b, "abc<", 3);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "abc\xe2\x80\xa6");
	buf_reset(&b);
	svg_text(&b, "abc<", 4);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "abc&lt;");
	buf_reset(&b);
	report_safe_max(&b, "a\tb\x01" "c\xc3\xa9" "d", 4);
	buf_putc(&b, '\0');
	CHECK_STR(b.data, "a b\xef\xbf\xbd\xe2\x80\xa6");
	buf_release(&b);
}

/* What compare refuses before ranking: nothing given, a result scored
 * without a target, one with no organisations, one of another target. */
TEST(compare_refuses_what_it_cannot_rank)
{
	struct result empty = res, other = res;
	struct comparison c;
	struct err e;

	compare_init(&c);
	CHECK_INT(compare_finish(&c, &e), -1);
	CHECK_STR(e.msg, "nothing to compare");
	CHECK_INT(compare_store(&c, &res, "a.json", &e), -1);
	CHECK_STR(e.msg, "has no target profile to compare with; give -t");
	compare_release(&c);

	empty.has_target = other.has_target = 1;
	empty.target_id = "t";
	other.target_id = "u";
	empty.norgs = 0;
	compare_init(&c);
	CHECK_INT(compare_store(&c, &empty, "a.json", &e), 0);
	CHECK_INT(compare_store(&c, &other, "b.json", &e), -1);
	CHECK_STR(e.msg, "was scored against target 'u', not 't'; score it "
	    "again with -t t");
	CHECK_INT(compare_finish(&c, &e), -1);
	CHECK_STR(e.file, "a.json");
	CHECK_STR(e.msg, "has no organisations to compare");
	compare_release(&c);
}

TEST(format_lookup)
{
	CHECK_STR(report_find("json")->name, "json");
	CHECK_STR(report_find("html")->name, "html");
	CHECK(report_find("pdf") == NULL);
	CHECK_STR(report_for_file("out/Report.CSV")->name, "csv");
	CHECK_STR(report_for_file("r.markdown")->name, "md");
	CHECK(report_for_file("r.json.bak") == NULL);
	CHECK(report_for_file("dir.json/report") == NULL);
}

int
main(void)
{
	build();
	RUN(csv_cells_are_inert_and_parse);
	RUN(json_round_trips_and_escapes);
	RUN(markdown_is_inert);
	RUN(markdown_list_numbers_stay_text);
	RUN(format_lookup);
	RUN(compare_refuses_what_it_cannot_rank);
	RUN(labels_truncate_and_escape);
	RUN(roadmap_sequences_by_priority_and_dependency);
	RUN(roadmap_rule_stops_at_its_level);
	result_release(&res);
	return check_done();
}
