/*
 * The output-injection matrix: hostile text placed in every field a
 * report shows that comes from someone else — organisation names (answers
 * files), survey and dimension titles, level labels, target titles and
 * practice texts (survey and target files), findings, headline bases and
 * recommendations (rule scripts) — goes through the real pipeline into
 * every format — one organisation's report, and compare and trend over
 * it — and none of it survives live: CSV read back with libcsv
 * has no formula trigger at the start of a cell, JSON parsed with cJSON
 * gives the text back exactly, and no format carries a raw control,
 * escape or bidirectional character or unescaped Markdown markup, and no
 * Markdown block (heading, list, quote, code) opened by text that begins
 * a line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <unistd.h>

#include <csv.h>
#include <cjson/cJSON.h>

#include "../fuzz/md_contract.h"

#include "aggregate.h"
#include "answers.h"
#include "check.h"
#include "compare.h"
#include "fsx.h"
#include "paths.h"
#include "report.h"
#include "rules.h"
#include "score.h"
#include "trend.h"

/* Each payload as raw bytes. */
static const char *const payloads[] = {
	"=HYPERLINK(\"http://evil.example\",\"x\")",
	"+SUM(1,2)", "-2+3", "@cmd|' /C calc'!A0", "\tTAB first", "\rCR first",
	"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
	"<svg onload=alert(1)>", "[link](javascript:alert(1))",
	"**bold** _em_ | pipe | `code`", "\x1b[31mred\x1b[0m",
	"\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
	"abc\xe2\x80\xae" "fed", "\xe2\x81\xa6isolated\xe2\x81\xa9",
	"line\nbreak", "'quote' & <amp> ~~strike~~ # not a heading",
	"# heading", "- item", "12) item", "> quote", "---", "    code",
	"a. item", "(b) item", "iv) item", ": definition",
};
#define NP (sizeof(payloads) / sizeof(payloads[0]))
#define NFIELDS 18

static char dir[64];
static int escapes;

/* ==== Writing the fixtures ==== */

static void
json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void
lua_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++)
		fprintf(fp, "\\%03u", (unsigned char)*s);
	fputc('"', fp);
}

static char *
path_of(const char *name)
{
	return fsx_join(dir, name);
}

/* The mini survey with payloads in its shown texts. */
static void
write_survey(const char *p)
{
	char *path = path_of("survey.json");
	FILE *fp = fopen(path, "w");

	fputs("{\"format\": \"assess-survey/1\", \"id\": \"inj\", \"version\": "
	    "\"1\", \"title\": ", fp);
	json_str(fp, p);
	fputs(", \"rules\": \"inj.lua\", \"sources\": [{\"id\": \"s1\", "
	    "\"url\": \"javascript:alert(1)\", \"title\": ", fp);
	json_str(fp, p);
	fputs("}, {\"id\": \"s2\", \"url\": \"https://example.org/a?b=1&c=2\", "
	    "\"title\": ", fp);
	json_str(fp, p);
	fputs("}], \"levels\": [", fp);
	fputs("{\"level\": 1, \"id\": \"l1\", \"label\": ", fp);
	json_str(fp, p);
	fputs(", \"description\": \"d\"}, {\"level\": 2, \"id\": \"l2\", "
	    "\"label\": \"Two\", \"description\": \"d\"}, {\"level\": 3, \"id\": "
	    "\"l3\", \"label\": \"Three\", \"description\": \"d\"}, {\"level\": "
	    "4, \"id\": \"l4\", \"label\": \"Four\", \"description\": \"d\"}, "
	    "{\"level\": 5, \"id\": \"l5\", \"label\": \"Five\", "
	    "\"description\": \"d\"}], \"audiences\": [{\"id\": \"org\", "
	    "\"label\": \"o\"}], \"dimensions\": [{\"id\": \"D\", \"title\": ",
	    fp);
	json_str(fp, p);
	fputs(", \"critical\": true, \"ladder\": {\"1\": \"a\", \"2\": \"b\", "
	    "\"3\": \"c\", \"4\": \"d\", \"5\": \"e\"}, \"questions\": [{\"id\": "
	    "\"Q\", \"type\": \"single\", \"text\": ", fp);
	json_str(fp, p);
	fputs(", \"options\": [{\"value\": \"a\", \"label\": \"A\", \"level\": "
	    "1}, {\"value\": \"b\", \"label\": \"B\", \"level\": 2}]}]}]}\n", fp);
	fclose(fp);
	free(path);
}

static void
write_target(const char *p)
{
	char *path = path_of("target.json");
	FILE *fp = fopen(path, "w");

	fputs("{\"format\": \"assess-target/1\", \"id\": \"t\", \"survey\": "
	    "\"inj\", \"title\": ", fp);
	json_str(fp, p);
	fputs(", \"jurisdiction\": \"j\", \"as_of\": \"2010\", \"sources\": "
	    "[{\"id\": \"s\", \"title\": \"s\"}], \"dimensions\": {\"D\": "
	    "{\"target_level\": 3, \"required_practices\": [{\"id\": \"P1\", "
	    "\"text\": ", fp);
	json_str(fp, p);
	fputs(", \"source\": \"s\", \"source_clause\": \"c\", \"satisfied_by\": "
	    "[{\"question\": \"Q\", \"in\": [\"b\"]}]}]}}}\n", fp);
	fclose(fp);
	free(path);
}

/* The survey's business case, every text a payload. */
static void
write_bcase(const char *p)
{
	char *path = path_of("business-case.json");
	FILE *fp = fopen(path, "w");

	fputs("{\"format\": \"assess-business-case/1\", \"framing\": ", fp);
	json_str(fp, p);
	fputs(", \"strategy\": ", fp);
	json_str(fp, p);
	fputs(", \"costs\": [{\"id\": \"c\", \"dimension\": \"D\", "
	    "\"title\": ", fp);
	json_str(fp, p);
	fputs(", \"text\": ", fp);
	json_str(fp, p);
	fputs(", \"evidence\": [\"Q\"], \"sources\": [\"s1\", \"s2\"]}], "
	    "\"controls\": [{\"id\": \"k\", \"title\": ", fp);
	json_str(fp, p);
	fputs(", \"concern\": ", fp);
	json_str(fp, p);
	fputs(", \"control\": ", fp);
	json_str(fp, p);
	fputs(", \"sources\": [\"s1\"]}], \"decisions\": [{\"id\": \"d\", "
	    "\"dimension\": \"D\", \"text\": ", fp);
	json_str(fp, p);
	fputs("}], \"order\": []}\n", fp);
	fclose(fp);
	free(path);
}

static void
write_rules(const char *p)
{
	char *path = path_of("inj.lua");
	FILE *fp = fopen(path, "w");

	fputs("local P = ", fp);
	lua_str(fp, p);
	fputs("\nreturn { score = function (org) return {\n"
	    "  dimensions = { D = { level = 1, score = 0 } },\n"
	    "  headline = { level = 1, basis = P },\n"
	    "  findings = { { id = \"f\", severity = \"high\", dimension = \"D\","
	    " text = P } },\n"
	    "  recommendations = { { id = \"r\", dimension = \"D\", priority = 1,"
	    " from_level = 1, to_level = 2, text = P } },\n"
	    "} end }\n", fp);
	fclose(fp);
	free(path);
}

static void
write_answers(const char *p)
{
	char *path = path_of("answers.csv");
	FILE *fp = fopen(path, "w");
	const char *s;

	fputs("organisation,Q\n\"", fp);
	for (s = p; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputs("\",a\n", fp);
	fclose(fp);
	free(path);
}

/* ==== Running the pipeline ==== */

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	return agg_add(ctx, r, e);
}

static int
pipeline(struct result *res, struct err *e)
{
	char *sp = path_of("survey.json"), *tp = path_of("target.json");
	char *ap = path_of("answers.csv");
	struct survey *s = survey_load(sp, e);
	struct target *t = s ? target_load(tp, s, e) : NULL;
	struct rules_place place;
	struct rules_limits lim;
	struct rules *r = NULL;
	struct agg *a = NULL;
	int rc = -1;

	rules_default_limits(&lim);
	memset(&place, 0, sizeof(place));
	if (t != NULL && paths_rules(s, NULL, &place, e) == 0 &&
	    (r = rules_open(place.path, place.display, place.libs, place.nlibs,
	    &lim, e)) != NULL && rules_prepare(r, s, t, e) == 0 &&
	    (a = agg_new(s, e)) != NULL &&
	    source_read_file(ap, s, sink, a, e) == 1 &&
	    score_begin(res, s, t, SCORE_ANONYMITY, 1, e) == 0 &&
	    score_org(res, r, s, t, a, agg_org(a, 0), e) == 0)
		rc = 0;
	rules_free(r);
	agg_free(a);
	paths_rules_release(&place);
	target_free(t);
	survey_free(s);
	free(sp);
	free(tp);
	free(ap);
	return rc;
}

/* ==== Oracles ==== */

/* A raw control, escape, DEL, C1 or bidirectional character. */
static int
raw_unsafe(const char *b, size_t n, int newline_ok)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];

		if (c == '\n' && newline_ok)
			continue;
		if (c < 0x20 || c == 0x7f)
			return 1;
		if (c == 0xc2 && i + 1 < n && (unsigned char)b[i + 1] >= 0x80 &&
		    (unsigned char)b[i + 1] <= 0x9f)
			return 1;
		if (c == 0xe2 && i + 2 < n && (((unsigned char)b[i + 1] == 0x80 &&
		    (unsigned char)b[i + 2] >= 0xaa &&
		    (unsigned char)b[i + 2] <= 0xae) ||
		    ((unsigned char)b[i + 1] == 0x81 &&
		    (unsigned char)b[i + 2] >= 0xa6 &&
		    (unsigned char)b[i + 2] <= 0xa9)))
			return 1;
	}
	return 0;
}

static void
escaped(const char *fmt, size_t k, const char *what)
{
	printf("  payload %zu through %s: %s\n", k, fmt, what);
	escapes++;
}

static void
on_cell(void *data, size_t len, void *ctx)
{
	const char *s = data;
	size_t k = *(size_t *)ctx;

	if (len > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		escaped("csv", k, "a cell starts with a formula trigger");
	if (raw_unsafe(s, len, 0))
		escaped("csv", k, "a cell holds a raw control character");
}

static void
on_row(int c, void *ctx)
{
	(void)c;
	(void)ctx;
}

static void
check_csv(const struct buf *b, size_t k)
{
	struct csv_parser p;

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_parse(&p, b->data, b->len, on_cell, on_row, &k) != b->len ||
	    csv_fini(&p, on_cell, on_row, &k) != 0)
		escaped("csv", k, "the report is not valid CSV");
	csv_free(&p);
}

static int
json_has(const cJSON *item, const char *text)
{
	const cJSON *c;

	if (cJSON_IsString(item) && strcmp(item->valuestring, text) == 0)
		return 1;
	for (c = item ? item->child : NULL; c != NULL; c = c->next)
		if (json_has(c, text))
			return 1;
	return 0;
}

/* Whether organisations[0].KEY.SUB (.KEY[0].SUB for an array) is
 * payload k exactly. */
static int
json_at(const cJSON *root, size_t k, const char *key, const char *sub)
{
	const cJSON *o = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
	    root, "organisations"), 0);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsArray(v))
		v = cJSON_GetArrayItem(v, 0);
	v = cJSON_GetObjectItemCaseSensitive(v, sub);
	return cJSON_IsString(v) && strcmp(v->valuestring, payloads[k]) == 0;
}

/* Whether the organisation is payload k as a CSV cell gives it: without
 * surrounding spaces and tabs (FORMAT.md). */
static int
json_org(const cJSON *root, size_t k)
{
	const cJSON *o = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
	    root, "organisations"), 0);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
	const char *p = payloads[k];
	size_t n;

	p += strspn(p, " \t");
	for (n = strlen(p); n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t');
	    n--)
		;
	return cJSON_IsString(v) && strlen(v->valuestring) == n &&
	    strncmp(v->valuestring, p, n) == 0;
}

static void
check_json(const struct buf *b, size_t k)
{
	cJSON *root = cJSON_ParseWithLengthOpts(b->data, b->len + 1, NULL, 1);

	if (raw_unsafe(b->data, b->len, 1))
		escaped("json", k, "a raw control character");
	if (root == NULL) {
		escaped("json", k, "the report does not parse");
		return;
	}
	if (!json_has(root, payloads[k]))
		escaped("json", k, "the text does not come back exactly");
	/* and in each place it was put: the organisation (answers), the
	 * headline basis, the finding and the recommendation (rules) */
	if (!json_org(root, k) ||
	    !json_at(root, k, "headline", "basis") ||
	    !json_at(root, k, "findings", "text") ||
	    !json_at(root, k, "recommendations", "text"))
		escaped("json", k, "a field does not come back exactly");
	cJSON_Delete(root);
}

/* Whether payload k, as written, begins the text of a line (after the
 * report's own list marker or indent) where it opens a block. */
static int
md_block_from(const struct buf *b, size_t k)
{
	const char *p = payloads[k], *l = b->data, *end = b->data + b->len;
	const char *nl;
	size_t pre, n = strlen(p);

	if (!md_opens_block(p, n))
		return 0;
	for (; l < end; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		pre = md_container(l, (size_t)(nl - l));
		if ((size_t)(nl - l) - pre >= n && memcmp(l + pre, p, n) == 0 &&
		    md_opens_block(l + pre, (size_t)(nl - l) - pre))
			return 1;
	}
	return 0;
}

static void
check_md(const struct buf *b, size_t k)
{
	if (raw_unsafe(b->data, b->len, 1))
		escaped("md", k, "a raw control character");
	if (md_live_at(b->data, b->len) != MD_NONE)
		escaped("md", k, "unescaped markup or a live link");
	if (md_block_from(b, k))
		escaped("md", k, "a block opened at the start of a line");
}

/* Tags the HTML report writes; anything else came from data. */
static int
allowed_tag(const char *t, size_t n)
{
	static const char *const tags[] = { "!DOCTYPE", "html", "head",
	    "meta", "title", "style", "body", "main", "section", "h1", "h2",
	    "h3", "h4", "p", "strong", "a", "ul", "ol", "li", "table",
	    "caption", "thead", "tbody", "tr", "th", "td", "br", "figure",
	    "footer", "svg", "defs", "pattern", "rect", "line", "polygon",
	    "circle", "path", "text", "span", "div", NULL };
	size_t i;

	if (n > 0 && t[0] == '/') {
		t++;
		n--;
	}
	for (i = 0; tags[i] != NULL; i++)
		if (strlen(tags[i]) == n && strncmp(tags[i], t, n) == 0)
			return 1;
	return 0;
}

/* Every tag is one the writer makes; inside tags, no event handler, no
 * script link, no number that is not finite; no raw control character
 * anywhere; the style sheet is the writer's own. */
static void
check_html(const struct buf *b, size_t k, const char *what)
{
	const char *p = b->data, *end = b->data + b->len;

	if (raw_unsafe(b->data, b->len, 1))
		escaped(what, k, "a raw control character");
	if (strstr(b->data, "javascript:") != NULL &&
	    strstr(b->data, "href=\"javascript") != NULL)
		escaped(what, k, "a script link");
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p + 1, *gt;
		int quoted = 0;

		while (q < end && (isalnum((unsigned char)*q) || *q == '/' ||
		    *q == '!'))
			q++;
		if (!allowed_tag(p + 1, (size_t)(q - p - 1))) {
			escaped(what, k, "a tag from data");
			return;
		}
		for (gt = q; gt < end && (quoted || *gt != '>'); gt++) {
			if (*gt == '"')
				quoted = !quoted;
			else if (!quoted && (strncmp(gt, " on", 3) == 0 ||
			    strncmp(gt, "nan", 3) == 0 ||
			    strncmp(gt, "inf", 3) == 0)) {
				escaped(what, k, "an attribute from data");
				return;
			}
		}
		if (p[1] != '/' && strncmp(p + 1, "style", 5) == 0 &&
		    strstr(gt, "</style>") != NULL &&
		    memchr(gt, '<', (size_t)(strstr(gt, "</style>") - gt)) !=
		    NULL) {
			escaped(what, k, "markup inside the style sheet");
			return;
		}
		p = gt;
	}
}

/* A report about many organisations in format 'fmt'. */
static void
check_one(const struct buf *b, size_t k, const char *fmt, const char *what)
{
	cJSON *root;

	if (strcmp(fmt, "md") == 0) {
		check_md(b, k);
	} else if (strcmp(fmt, "csv") == 0) {
		check_csv(b, k);
	} else if (strcmp(fmt, "html") == 0) {
		check_html(b, k, what);
	} else {
		if ((root = cJSON_ParseWithLength(b->data, b->len)) == NULL ||
		    raw_unsafe(b->data, b->len, 1))
			escaped(what, k, "JSON that does not parse or is raw");
		cJSON_Delete(root);
	}
}

/* Survey and target files refuse control characters other than tab and
 * line feed outright (the loaders say where); such payloads reach the
 * reports through answers files and rule scripts only. */
static int
loadable(const char *p)
{
	for (; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n') ||
		    *p == 0x7f)
			return 0;
	return 1;
}

/* The same result as a comparison and, dated twice, as a trend, in
 * every format: the writers for many organisations escape as the others
 * do.  JSON must parse and carry no raw control character. */
static void
check_many(struct result *res, size_t k)
{
	struct result later = *res;	/* shares res's memory: not released */
	struct r_org o = res->orgs[0];
	const struct result *two[2] = { res, NULL };
	const char *names[2] = { "a.json", "b.json" };
	const char *const fmts[] = { "md", "json", "csv", "html" };
	struct comparison c;
	struct trend t;
	struct buf b = BUF_INIT;
	struct err e;
	size_t f;
	int kind;

	compare_init(&c);
	memset(&t, 0, sizeof(t));
	memset(&e, 0, sizeof(e));
	CHECK(compare_store(&c, res, names[0], &e) == 0);
	CHECK(compare_finish(&c, &e) == 0);
	for (f = 0; f < 4; f++)
		for (kind = REPORT_FULL; kind <= REPORT_SUMMARY; kind++) {
			buf_reset(&b);
			CHECK(report_find(fmts[f])->compare(&c, kind, &b,
			    &e) == 0);
			check_one(&b, k, fmts[f], "compare");
		}
	compare_release(&c);
	res->orgs[0].as_of = "2026-01-01";
	o.as_of = "2027-01-01";
	later.orgs = &o;
	later.norgs = 1;
	two[1] = &later;
	CHECK(trend_build(&t, two, names, 2, &e) == 0);
	for (f = 0; f < 4; f++) {
		buf_reset(&b);
		CHECK(report_find(fmts[f])->trend(&t, &b, &e) == 0);
		check_one(&b, k, fmts[f], "trend");
	}
	trend_release(&t);
	buf_release(&b);
}

TEST(injection_matrix)
{
	size_t k;

	for (k = 0; k < NP; k++) {
		const char *shown = loadable(payloads[k]) ? payloads[k] : "x";
		int kind;
		struct result res;
		struct buf b = BUF_INIT;
		struct err e;

		if (!loadable(payloads[k])) {
			char *sp = path_of("survey.json");
			struct survey *s;

			write_survey(payloads[k]);
			s = survey_load(sp, &e);
			CHECK(s == NULL && strstr(e.msg, "control character"));
			survey_free(s);
			free(sp);
		}
		write_survey(shown);
		write_target(shown);
		write_bcase(shown);
		write_rules(payloads[k]);
		write_answers(payloads[k]);
		result_init(&res);
		memset(&e, 0, sizeof(e));
		if (pipeline(&res, &e) != 0) {
			printf("  payload %zu: %s\n", k, e.msg);
			CHECK(0);
			result_release(&res);
			continue;
		}
		CHECK(report_csv(&res, REPORT_FULL, &b, &e) == 0);
		check_csv(&b, k);
		buf_reset(&b);
		CHECK(report_json(&res, REPORT_FULL, &b, &e) == 0);
		check_json(&b, k);
		buf_reset(&b);
		for (kind = REPORT_FULL; kind <= REPORT_BCASE; kind++) {
			buf_reset(&b);
			CHECK(report_md(&res, kind, &b, &e) == 0);
			check_md(&b, k);
			buf_reset(&b);
			CHECK(report_html(&res, kind, &b, &e) == 0);
			check_html(&b, k, report_kind_name(kind));
			CHECK(strstr(b.data, "Content-Security-Policy") != NULL);
		}
		CHECK(res.bcase.present);
		check_many(&res, k);
		buf_release(&b);
		result_release(&res);
	}
	printf("  injection matrix: %zu payloads x %d fields x 4 formats "
	    "(md and html in 3 report kinds; compare in 2, and trend), %d "
	    "unescaped\n", NP, NFIELDS, escapes);
	CHECK_INT(escapes, 0);
}

int
main(void)
{
	static const char *const files[] = { "survey.json", "target.json",
	    "inj.lua", "answers.csv", "business-case.json" };
	size_t i;
	int rc;

	strcpy(dir, "/tmp/assess-inj-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(injection_matrix);
	rc = check_done();
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *p = path_of(files[i]);

		unlink(p);
		free(p);
	}
	rmdir(dir);
	return rc;
}
