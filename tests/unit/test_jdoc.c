/* Unit tests for jdoc.c: strict JSON with positions. */
#include "check.h"
#include "jdoc.h"

static int
parse(struct jdoc *d, const char *text, struct err *e)
{
	memset(e, 0, sizeof(*e));
	return jdoc_parse(d, "t.json", text, strlen(text), e);
}

TEST(positions_of_values_and_keys)
{
	struct jdoc d;
	struct err e;
	const struct jnode *n;

	CHECK(parse(&d, "{\n  \"a\": [1, \"x\"],\n\t\"b\": {\"c\": null}\n}",
	    &e) == 0);
	n = jdoc_get(d.root, "a");
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 8);
	CHECK_INT(n->kline, 2);
	CHECK_INT(n->kcol, 3);
	CHECK_INT(n->kids[1].col, 12);
	n = jdoc_get(jdoc_get(d.root, "b"), "c");
	CHECK_INT(n->line, 3);
	CHECK_INT(n->col, 13);	/* a tab is one column */
	CHECK_INT(n->type, JNULL);
	jdoc_release(&d);
}

TEST(columns_count_characters)
{
	struct jdoc d;
	struct err e;

	/* "é" is two bytes but one column */
	CHECK(parse(&d, "{\"\xc3\xa9\": 1, \"b\": x}", &e) != 0);
	CHECK_INT(e.line, 1);
	CHECK_INT(e.col, 15);
}

TEST(strings_are_decoded)
{
	struct jdoc d;
	struct err e;
	const struct jnode *n;

	CHECK(parse(&d, "{\"s\": \"a\\n\\u00e9\\ud83d\\ude00\\\"\"}", &e) == 0);
	n = jdoc_get(d.root, "s");
	CHECK_STR(n->str, "a\n\xc3\xa9\xf0\x9f\x98\x80\"");
	CHECK_INT(n->len, 9);
	jdoc_release(&d);
}

/* Parsed once, by jdoc's own parser: every escape, escaped keys, empty
 * and nested containers, and a syntax error after a repeated key is the
 * one reported (the whole text is checked before the keys). */
TEST(one_pass_tree)
{
	struct jdoc d;
	struct err e;
	const struct jnode *n;

	CHECK(parse(&d, "{\"k\\u0041\": \"\\b\\f\\r\\t\\/\\\\\\u00ff\\u0800\", "
	    "\"e\": {}, \"f\": [], \"g\": [[1, [false]], {\"h\": null}]}", &e) == 0);
	n = jdoc_get(d.root, "kA");
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(n->str, "\b\f\r\t/\\\xc3\xbf\xe0\xa0\x80");
		CHECK_INT(n->len, 11);
	}
	CHECK_INT(jdoc_get(d.root, "e")->nkids, 0);
	CHECK_INT(jdoc_get(d.root, "e")->type, JOBJ);
	CHECK_INT(jdoc_get(d.root, "f")->type, JARR);
	n = jdoc_get(d.root, "g");
	CHECK_INT(n->nkids, 2);
	CHECK_INT(n->kids[0].kids[1].kids[0].type, JBOOL);
	CHECK_INT(n->kids[0].kids[1].kids[0].boolean, 0);
	CHECK_INT(n->kids[1].kids[0].type, JNULL);
	CHECK_STR(n->kids[1].kids[0].key, "h");
	CHECK_INT(n->kids[1].kids[0].kcol, 80);
	jdoc_release(&d);
	CHECK(parse(&d, "{\"a\": 1, \"a\": 2,\n \"b\": [1,]}", &e) != 0);
	CHECK_INT(e.line, 2);
	CHECK_STR(e.msg, "invalid JSON: trailing comma before ']'");
}

TEST(duplicate_key_names_first_position)
{
	struct jdoc d;
	struct err e;

	CHECK(parse(&d, "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", &e) != 0);
	CHECK_INT(e.line, 3);
	CHECK_INT(e.col, 2);
	CHECK_STR(e.msg, "duplicate key 'a' (first at 1:2)");
}

TEST(rejects_what_cjson_would_accept)
{
	static const char *bad[] = {
		"{} x", "[1] [2]", "{\"a\": 0123}", "{\"a\": \"\\u0000\"}",
		"{\"a\": \"\x01\"}", "{\"a\": \"\xff\"}", "{\"a\": 1e400}",
		"{\"a\": 1,}", "[1,]", "{\"a\": NaN}", "{\"a\": .5}",
		"{\"a\": \"\\ud800\"}", "{\"a\": \"\\x\"}", "",
	};
	struct jdoc d;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&d, bad[i], &e) == 0) {
			printf("  accepted: %s\n", bad[i]);
			CHECK(0);
			jdoc_release(&d);
		}
		CHECK_INT(e.code, AS_EINPUT);
		CHECK(e.line >= 1);
	}
}

TEST(accepts_bom_and_numbers)
{
	struct jdoc d;
	struct err e;
	const struct jnode *n;

	CHECK(parse(&d, "\xef\xbb\xbf{\"a\": -0.5e2, \"b\": 0, \"c\": true}",
	    &e) == 0);
	n = jdoc_get(d.root, "a");
	CHECK_NUM(n->num, -50);
	CHECK_INT(n->col, 7);	/* the mark is not a column */
	CHECK(jdoc_get(d.root, "c")->boolean == 1);
	CHECK(jdoc_get(d.root, "C") == NULL);	/* case-sensitive */
	jdoc_release(&d);
}

TEST(depth_limit)
{
	char text[200];
	struct jdoc d;
	struct err e;
	int i;

	for (i = 0; i < JDOC_MAX_DEPTH; i++)
		text[i] = '[';
	for (i = 0; i < JDOC_MAX_DEPTH; i++)
		text[JDOC_MAX_DEPTH + i] = ']';
	text[2 * JDOC_MAX_DEPTH] = '\0';
	CHECK(parse(&d, text, &e) == 0);
	jdoc_release(&d);
	memmove(text + 1, text, strlen(text) + 1);
	text[0] = '[';
	strcat(text, "]");
	CHECK(parse(&d, text, &e) != 0);
	CHECK_STR(e.msg, "nested deeper than 32 levels");
}

TEST(unknown_key_suggestion)
{
	static const char *const keys[] = { "questions", "title", NULL };
	struct jdoc d;
	struct err e;

	CHECK(parse(&d, "{\"title\": \"t\",\n  \"quesitons\": []}", &e) == 0);
	CHECK(jdoc_expect_object(&d, d.root, keys, "a dimension") != 0);
	CHECK_STR(e.msg, "unknown key 'quesitons' in a dimension; did you "
	    "mean 'questions'?");
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 3);
	jdoc_release(&d);
}

TEST(typed_members)
{
	struct jdoc d;
	struct err e;
	long v = 0;
	const char *s = NULL;

	CHECK(parse(&d, "{\"n\": 3, \"f\": 2.5, \"s\": \"\", \"t\": \"a\\u0007\"}",
	    &e) == 0);
	CHECK(jdoc_int(&d, d.root, "n", 1, 1, 5, &v) == 0 && v == 3);
	CHECK(jdoc_int(&d, d.root, "f", 1, 1, 5, &v) != 0);
	CHECK(jdoc_string(&d, d.root, "s", 1, 10, &s) != 0);
	CHECK_STR(e.msg, "'s' must not be empty");
	CHECK(jdoc_string(&d, d.root, "t", 1, 10, &s) != 0);
	CHECK(jdoc_string(&d, d.root, "missing", 0, 10, &s) == 0);
	CHECK(jdoc_int(&d, d.root, "missing", 1, 1, 5, &v) != 0);
	CHECK_STR(e.msg, "missing required key 'missing'");
	jdoc_release(&d);
}

/* Long runs of plain text are passed over eight bytes at a time: what
 * breaks a run (a quote, a backslash, a control character, a byte of a
 * multi-byte character, a CR) is still found wherever it falls. */
TEST(long_runs_keep_positions_and_checks)
{
	struct jdoc d;
	struct err e;
	const char *v;
	size_t k;

	CHECK(parse(&d, "{\"a\": \"0123456789abcdef\\\\0123456789\\\"x\","
	    "\r\n \"long key name here\": \"\xc3\xa9\xc3\xa9 123456789 "
	    "\xc3\xa9\",\r \"c\": x}", &e) != 0);
	CHECK_INT(e.line, 3);
	CHECK_INT(e.col, 7);
	CHECK(parse(&d, "{\"a\": \"0123456789abcdef\\\\0123456789\\\"x\", "
	    "\"b\": \"0123456789abcdefghij\"}", &e) == 0);
	CHECK_STR(jdoc_get(d.root, "a")->str, "0123456789abcdef\\0123456789\"x");
	CHECK_INT(jdoc_get(d.root, "b")->len, 20);
	CHECK_INT(jdoc_get(d.root, "b")->col, 47);
	jdoc_release(&d);
	CHECK(parse(&d, "{\"a\": \"0123456789abcdef\x01.\"}", &e) != 0);
	CHECK_INT(e.col, 24);
	/* control characters that only escapes can make, after eight plain
	 * bytes, are refused by the typed reader */
	for (k = 0; k < 2; k++) {
		CHECK(parse(&d, k == 0 ? "{\"t\": \"0123456789\\u0001\"}" :
		    "{\"t\": \"0123456789abcdef\\u007f\"}", &e) == 0);
		d.err = &e;
		CHECK(jdoc_string(&d, d.root, "t", 1, 100, &v) != 0);
		CHECK(strstr(e.msg, k == 0 ? "0x01" : "0x7f") != NULL);
		jdoc_release(&d);
	}
}

int
main(void)
{
	RUN(positions_of_values_and_keys);
	RUN(columns_count_characters);
	RUN(strings_are_decoded);
	RUN(one_pass_tree);
	RUN(duplicate_key_names_first_position);
	RUN(rejects_what_cjson_would_accept);
	RUN(accepts_bom_and_numbers);
	RUN(depth_limit);
	RUN(unknown_key_suggestion);
	RUN(typed_members);
	RUN(long_runs_keep_positions_and_checks);
	return check_done();
}
