/* Unit tests for answers.c and aggregate.c: the streaming CSV reader and
 * the per-organisation accumulators it feeds. */
#include <stdlib.h>
#include <unistd.h>

#include "aggregate.h"
#include "answers.h"
#include "check.h"
#include "fixtures.h"

static struct survey *s;
static char path[64];

static void
write_file(const char *text)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/assess-test-XXXXXX");
	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
}

struct collect {
	struct agg	*a;
	int		 n;
	unsigned	 lines[8];
};

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	struct collect *c = ctx;

	if (c->n < 8)
		c->lines[c->n] = r->line;
	c->n++;
	return agg_add(c->a, r, e);
}

static long
read_text(const char *text, struct collect *c, struct err *e)
{
	long n;

	memset(c, 0, sizeof(*c));
	memset(e, 0, sizeof(*e));
	c->a = agg_new(s, e);
	write_file(text);
	n = source_read_file(path, s, sink, c, e);
	unlink(path);
	return n;
}

TEST(line_numbers_follow_multiline_fields)
{
	struct collect c;
	struct err e;

	CHECK(read_text("organisation,A1,E2\nA,some,\"one\ntwo\nthree\"\n"
	    "B,rule,x\r\nC,none,\"x\r\ny\"\rD,anyone,z\n", &c, &e) < 0);
	CHECK_INT(c.n, 3);
	CHECK_INT(c.lines[0], 2);
	CHECK_INT(c.lines[1], 5);
	CHECK_INT(c.lines[2], 6);
	CHECK_INT(e.line, 8);	/* "D" starts on line 8 after CR-only */
	CHECK_INT(e.col, 2);
	agg_free(c.a);
}

TEST(delimiter_from_header)
{
	struct collect c;
	struct err e;

	CHECK(read_text("organisation;A1;A2\nA;some;\"dash;video\"\n", &c,
	    &e) == 1);
	CHECK_INT(agg_count(c.a), 1);
	agg_free(c.a);
	CHECK(read_text("organisation\tA1\nA\tsome\n", &c, &e) == 1);
	agg_free(c.a);
	/* a header with commas in quotes still counts as comma-separated */
	CHECK(read_text("\"organisation\",\"A1\"\n\"A\",\"some\"\n", &c, &e) ==
	    1);
	agg_free(c.a);
	/* delimiters inside quotes are not counted: three ';' in a quoted
	 * (ignored) column name against two ',' outside */
	CHECK(read_text("\"_a;b;c;d\",organisation,A1\nx,A,some\n", &c,
	    &e) == 1);
	agg_free(c.a);
}

TEST(organisations_accumulate_in_order)
{
	struct collect c;
	struct err e;
	const struct orgagg *o;
	const struct qstat *st;
	const struct view *v;
	int a1 = survey_question(s, "A1");

	CHECK(read_text("organisation,role,A1,T2\nZed,org,rule,\nAlpha,org,"
	    "none,\nZed,ops,,4\nZed,ops,,5\nZed,org,all,\n", &c, &e) == 5);
	CHECK_INT(agg_count(c.a), 2);
	CHECK_INT(agg_respondents(c.a), 5);
	o = agg_org(c.a, 0);
	CHECK_STR(o->id, "Alpha");
	o = agg_org(c.a, 1);
	CHECK_STR(o->id, "Zed");
	CHECK_INT(o->all.respondents, 4);
	v = agg_view(c.a, -1);
	st = agg_qstat(v, &o->all, a1);
	CHECK_INT(st->answered, 2);
	CHECK_INT(st->level[2], 1);	/* rule: level 3 */
	CHECK_INT(st->level[3], 1);	/* all: level 4 */
	CHECK_INT(agg_options(v, &o->all, a1)[2], 1);
	/* the ops view holds only the ops respondents and their questions */
	v = agg_view(c.a, survey_audience(s, "ops"));
	CHECK_INT(o->role[survey_audience(s, "ops")]->respondents, 2);
	CHECK(agg_qstat(v, o->role[survey_audience(s, "ops")], a1) == NULL);
	st = agg_qstat(v, o->role[survey_audience(s, "ops")],
	    survey_question(s, "T2"));
	CHECK_INT(st->answered, 2);
	agg_free(c.a);
}

TEST(numbers_and_unanswered)
{
	struct collect c;
	struct err e;
	const struct orgagg *o;
	const struct numstat *ns;
	const struct qstat *st;
	const struct view *v;

	CHECK(read_text("organisation,A1,A3\nA,some,2\nA,some,\nA,some,6\n"
	    "A,some,na\n", &c, &e) == 4);
	o = agg_org(c.a, 0);
	v = agg_view(c.a, -1);
	ns = agg_numstat(v, &o->all, survey_question(s, "A3"));
	CHECK_INT(ns->n, 2);
	CHECK_NUM(ns->sum, 8);
	CHECK_NUM(ns->min, 2);
	CHECK_NUM(ns->max, 6);
	st = agg_qstat(v, &o->all, survey_question(s, "A3"));
	CHECK_INT(st->unanswered, 1);
	CHECK_INT(st->na, 1);
	agg_free(c.a);
}

TEST(duplicate_respondent_per_organisation)
{
	struct collect c;
	struct err e;

	/* the same id in two organisations is two people */
	CHECK(read_text("respondent,organisation,A1\n1,A,some\n1,B,some\n",
	    &c, &e) == 2);
	agg_free(c.a);
	CHECK(read_text("respondent,organisation,A1\n1,A,some\n2,A,some\n"
	    "1,A,rule\n", &c, &e) < 0);
	CHECK_INT(e.line, 4);
	CHECK_INT(e.col, 1);		/* the respondent column */
	CHECK_STR(e.msg, "respondent '1' of organisation 'A' appears more "
	    "than once");
	agg_free(c.a);
}

TEST(field_size_cap)
{
	struct collect c;
	struct err e;
	size_t n = ANSWERS_FIELD_MAX + 100;
	char *text = malloc(n + 64);
	size_t pre;

	strcpy(text, "organisation,A1,E2\nA,some,\"");
	pre = strlen(text);
	memset(text + pre, 'x', n);
	strcpy(text + pre + n, "\"\n");
	CHECK(read_text(text, &c, &e) < 0);
	CHECK_STR(e.msg, "a field is longer than 1 MiB (an unclosed quote?)");
	CHECK_INT(e.line, 2);
	agg_free(c.a);
	free(text);
}

/* The unanswered count of question 'id' in view 'role' (-1: all). */
static long
unanswered(struct agg *a, int role, const char *id)
{
	const struct orgagg *o = agg_org(a, 0);
	const struct acc *c = role < 0 ? &o->all : o->role[role];
	const struct qstat *st = agg_qstat(agg_view(a, role), c,
	    survey_question(s, id));

	return st != NULL ? (long)st->unanswered : -1;
}

/* Asked and left empty is counted from the roles of the responses, not
 * row by row: one role, several roles, a condition that skips, answers
 * added after the counts were read, and a response without answers. */
TEST(unanswered_by_role_set)
{
	struct collect c;
	struct err e;
	struct response r;
	int org = survey_audience(s, "org"), ops = survey_audience(s, "ops");
	int exec = survey_audience(s, "exec"), badq;
	const struct qstat *st;

	CHECK(read_text("organisation,role,A1,A5,T2,E2\nX,org,all,,,\n"
	    "X,ops;exec,,,3,\nX,org;ops,some,,,hi\nX,exec,,,,\n", &c, &e) == 4);
	CHECK_INT(agg_count(c.a), 1);
	CHECK_INT(unanswered(c.a, -1, "A1"), 0);
	CHECK_INT(unanswered(c.a, -1, "A5"), 1);	/* and one skipped */
	st = agg_qstat(agg_view(c.a, -1), &agg_org(c.a, 0)->all,
	    survey_question(s, "A5"));
	CHECK_INT(st->skipped, 1);
	CHECK_INT(unanswered(c.a, -1, "T2"), 2);
	CHECK_INT(unanswered(c.a, -1, "E2"), 3);
	CHECK_INT(unanswered(c.a, org, "A5"), 1);
	CHECK_INT(unanswered(c.a, org, "E2"), 1);
	CHECK_INT(unanswered(c.a, org, "T2"), -1);	/* not in the view */
	CHECK_INT(unanswered(c.a, ops, "T2"), 1);
	CHECK_INT(unanswered(c.a, ops, "E2"), 1);
	CHECK_INT(unanswered(c.a, exec, "T2"), 1);
	CHECK_INT(unanswered(c.a, exec, "E2"), 2);
	/* a response with no answers checked counts only as a respondent */
	memset(&r, 0, sizeof(r));
	r.org = "X";
	r.roles = 1u << org;
	r.ans = calloc(s->nq, sizeof(*r.ans));
	CHECK(agg_add(c.a, &r, &e) == 0);
	CHECK_INT(agg_org(c.a, 0)->all.respondents, 5);
	CHECK_INT(unanswered(c.a, -1, "E2"), 3);
	/* the same one checked is asked every org question */
	CHECK(response_check(s, &r, &badq, e.msg, sizeof(e.msg)) != 0);
	r.ans[survey_question(s, "A1")].state = A_VALUE;
	r.ans[survey_question(s, "A1")].opt = 1;
	CHECK(response_check(s, &r, &badq, e.msg, sizeof(e.msg)) == 0);
	CHECK(r.checked);
	CHECK(agg_add(c.a, &r, &e) == 0);
	CHECK_INT(unanswered(c.a, -1, "E2"), 4);
	CHECK_INT(unanswered(c.a, -1, "A5"), 2);
	CHECK_INT(unanswered(c.a, org, "A5"), 2);
	CHECK_INT(unanswered(c.a, -1, "T2"), 2);
	free(r.ans);
	agg_free(c.a);
}

/* Cells are kept by their text: many texts of one length, each of them
 * twice, come out as they read (every letter-case spelling of two
 * options of a multi question). */
TEST(cell_texts_kept_apart)
{
	struct collect c;
	struct err e;
	struct buf b = { 0 };
	const uint32_t *opts;
	const char *word[2] = { "dash", "none" };
	int a2 = survey_question(s, "A2"), round, w, m, k, n = 0;

	buf_puts(&b, "organisation,A1,A2\n");
	for (round = 0; round < 2; round++)
		for (w = 0; w < 2; w++)
			for (m = 0; m < 16; m++) {
				buf_puts(&b, "X,some,");
				for (k = 0; k < 4; k++)
					buf_putc(&b, (char)((m & (1 << k)) ?
					    word[w][k] - 'a' + 'A' : word[w][k]));
				buf_putc(&b, '\n');
				n++;
			}
	buf_putc(&b, '\0');
	CHECK(read_text(b.data, &c, &e) == n);
	opts = agg_options(agg_view(c.a, -1), &agg_org(c.a, 0)->all, a2);
	CHECK_INT(opts[survey_option(&s->qs[a2], "dash")], 32);
	CHECK_INT(opts[survey_option(&s->qs[a2], "none")], 32);
	CHECK_INT(opts[survey_option(&s->qs[a2], "video")], 0);
	buf_release(&b);
	agg_free(c.a);
}

/* Many organisations, each written two ways, and a respondent id
 * repeated under a third spelling: more names than the table of names
 * as written holds, so rows find theirs there or fall back to the key. */
TEST(many_names_written_two_ways)
{
	struct collect c;
	struct err e;
	struct buf b = { 0 };
	char line[64];
	int k, round, norgs = 5000;

	buf_puts(&b, "respondent,organisation,A1\n");
	for (round = 0; round < 2; round++)
		for (k = 0; k < norgs; k++) {
			snprintf(line, sizeof(line), "r%d,%s %d,some\n", round,
			    round == 0 ? "Org" : "org ", k);
			buf_puts(&b, line);
		}
	buf_putc(&b, '\0');
	CHECK(read_text(b.data, &c, &e) == 2 * norgs);
	CHECK_INT(agg_count(c.a), norgs);
	CHECK_STR(agg_org(c.a, 0)->id, "Org 0");
	CHECK_INT(agg_org(c.a, 0)->all.respondents, 2);
	CHECK_INT(agg_org(c.a, 0)->nsp, 2);
	CHECK_INT(agg_org(c.a, norgs - 1)->all.respondents, 2);
	agg_free(c.a);
	buf_reset(&b);
	buf_puts(&b, "respondent,organisation,A1\n");
	for (k = 0; k < norgs; k++) {
		snprintf(line, sizeof(line), "r0,Org %d,some\n", k);
		buf_puts(&b, line);
	}
	buf_puts(&b, "r0,ORG  4321,some\n");
	buf_putc(&b, '\0');
	CHECK(read_text(b.data, &c, &e) < 0);
	CHECK_INT(e.line, norgs + 2);
	CHECK_STR(e.msg, "respondent 'r0' of organisation 'ORG  4321' appears "
	    "more than once");
	buf_release(&b);
	agg_free(c.a);
}

int
main(void)
{
	if ((s = mini_survey()) == NULL)
		return 1;
	RUN(line_numbers_follow_multiline_fields);
	RUN(delimiter_from_header);
	RUN(organisations_accumulate_in_order);
	RUN(numbers_and_unanswered);
	RUN(duplicate_respondent_per_organisation);
	RUN(unanswered_by_role_set);
	RUN(cell_texts_kept_apart);
	RUN(many_names_written_two_ways);
	RUN(field_size_cap);
	survey_free(s);
	return check_done();
}
