/*
 * test_import.c - the import core over rows of cells: tool detection,
 * column and cell matching, every multi-select encoding, roles found by
 * content, incomplete and bad responses.  No file is read: rows are
 * handed over as the CSV module would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "import.h"

static struct survey *s, *qc;

/* What the sink saw: one line per response, "org|role|Q=v,Q=v". */
struct seen {
	struct buf	 out;
	int		 bad;
	char		 last_bad[1200];
};

static int
sink(void *ctx, const struct import_resp *ir, struct err *e)
{
	struct seen *sn = ctx;
	size_t k;

	(void)e;
	buf_printf(&sn->out, "%s|%s|", ir->r->org, ir->role ? ir->role : "");
	for (k = 0; k < s->nq; k++)
		if (ir->text[k] != NULL)
			buf_printf(&sn->out, "%s=%s,", s->qs[k].id, ir->text[k]);
	buf_putc(&sn->out, '\n');
	return 0;
}

static void
bad(void *ctx, const struct err *e)
{
	struct seen *sn = ctx;

	sn->bad++;
	snprintf(sn->last_bad, sizeof(sn->last_bad), "%u:%u: %s", e->line,
	    e->col, e->msg);
}

/* Feed rows given as strings whose cells are separated by '|'; returns
 * what import_end() says (feeding twice when asked). */
static int
feed(struct import *im, const char *const *rows, struct err *e)
{
	const char *f[32];
	size_t len[32];
	int pass, rc = -1;

	for (pass = 0; pass < 2; pass++) {
		size_t r;

		for (r = 0; rows[r] != NULL; r++) {
			const char *p = rows[r];
			size_t n = 0;

			for (;;) {
				size_t l = strcspn(p, "|");

				f[n] = p;
				len[n++] = l;
				if (p[l] == '\0')
					break;
				p += l + 1;
			}
			if (import_row(im, f, len, n, (unsigned)r + 1, e) != 0)
				return -1;
		}
		if ((rc = import_end(im, e)) != 1)
			return rc;
	}
	return rc;
}

static int
run(const char *const *rows, const struct import_opts *o,
    struct seen *sn, struct err *e)
{
	struct import *im;
	int rc;

	buf_reset(&sn->out);
	sn->bad = 0;
	if ((im = import_new(s, o, "x.csv", sink, bad, sn, e)) == NULL)
		return -1;
	rc = feed(im, rows, e);
	import_free(im);
	return rc;
}

TEST(normalise_headers)
{
	char t[256];

	import_normalise("  <b>Does a parent body set the &quot;access "
	    "rules&quot;  for you?</b> ", 70, t, sizeof(t));
	CHECK_STR(t, "does a parent body set the \"access rules\" for you");
	import_normalise("Don\xE2\x80\x99t  KNOW:", 15, t, sizeof(t));
	CHECK_STR(t, "don't know");
	import_normalise("a < b", 5, t, sizeof(t));
	CHECK_STR(t, "a < b");
}

TEST(questions_by_code_and_text)
{
	CHECK_INT(import_by_name(qc, "QCACC01", 1), 0);
	CHECK_INT(import_by_name(qc, "QCACC01", 0), -1);
	CHECK_INT(import_by_name(qc, "qc-acc-01", 0), 0);
	CHECK_INT(import_by_text(s, "WHICH tools can you use from work"), 1);
	CHECK_INT(import_by_text(s, "Which tools?"), -1);
}

TEST(options_by_value_label_and_code)
{
	const struct question *a1 = &s->qs[0];

	CHECK_INT(import_option(a1, "rule", 4), 2);
	CHECK_INT(import_option(a1, "  everyone ", 11), 3);
	CHECK_INT(import_option(a1, "Some people, by exception", 25), 1);
	CHECK_INT(import_option(a1, "Somebody", 8), -1);
}

TEST(detect_each_tool)
{
	static const struct {
		const char *cells[6];
		const char *tool;
	} heads[] = {
		{ { "Timestamp", "Q" }, "google" },
		{ { "ID", "Start time", "Completion time", "Email" },
		  "msforms" },
		{ { "id", "submitdate", "lastpage" }, "limesurvey" },
		{ { "start", "A1", "_uuid", "_submission_time", "_index" },
		  "kobo" },
		{ { "SubmissionDate", "A1", "KEY" }, "odk" },
		{ { "Respondent ID", "Collector ID" }, "surveymonkey" },
		{ { "StartDate", "Finished", "ResponseId", "Q1" },
		  "qualtrics" },
		{ { "respondent", "organisation", "A1" }, NULL },
	};
	size_t i, n, len[6];

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		const struct import_tool *t;

		for (n = 0; n < 6 && heads[i].cells[n]; n++)
			len[n] = strlen(heads[i].cells[n]);
		t = import_detect(heads[i].cells, len, n);
		CHECK_STR(t ? t->name : "(none)", heads[i].tool ?
		    heads[i].tool : "(none)");
	}
}

TEST(google_comma_joined_labels_holding_commas)
{
	static const char *const rows[] = {
		"Timestamp|Organisation|Who can open the social sites from a "
		    "work computer?|Which tools can you use from work?",
		"t|Alpha|Everyone|Dashboards, schedulers and link shorteners, "
		    "Monitoring, listening, Our own blog, with comments",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	o.tool = &import_google;
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "Alpha||A1=all,A2=dash;monitor;other,\n");
	buf_release(&sn.out);
}

/* A Microsoft Forms header: its metadata, a multi-select and a choice. */
#define MSFORMS_HEAD "ID|Start time|Completion time|Which tools can you " \
	"use from work?|Who can open the social sites from a work computer?"

TEST(msforms_trailing_semicolon)
{
	static const char *const rows[] = {
		MSFORMS_HEAD,
		"1|a|b|Video;None of these;|Nobody",
		"2|a|b|Video;Monitoring, listening;|Nobody",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	o.keep_going = 1;
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	/* 'none' is exclusive: the first row is left out, and said why */
	CHECK_STR(buf_str(&sn.out), "x||A1=none,A2=video;monitor,\n");
	CHECK_INT(sn.bad, 1);
	CHECK(strstr(sn.last_bad, "2:4: A2: 'none' cannot be combined") !=
	    NULL);
	buf_release(&sn.out);
}

/* Cells that repeat are matched once and reused, but a cell that gave an
 * error gives it again on every row that holds it. */
TEST(repeated_cells_give_the_same_answers_and_errors)
{
	static const char *const rows[] = {
		MSFORMS_HEAD,
		"1|a|b|Video;Monitoring, listening;|Nobody",
		"2|a|b|Video;None of these;|Nobody",
		"3|a|b|Video;Monitoring, listening;|Nobody",
		"4|a|b|Video;None of these;|Nobody",
		"5|a|b|Video;Monitoring, listening;|Sometimes",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	o.keep_going = 1;
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "x||A1=none,A2=video;monitor,\n"
	    "x||A1=none,A2=video;monitor,\n");
	CHECK_INT(sn.bad, 3);
	CHECK(strstr(sn.last_bad, "6:5: A1: 'Sometimes' is not an option") !=
	    NULL);
	buf_release(&sn.out);
}

/* A repeated choice cell's answer, kept with the cell, still decides a
 * condition each time: A5 is asked only when A1 is not 'all'. */
TEST(repeated_cells_decide_conditions_each_time)
{
	static const char *const rows[] = {
		"Timestamp|Organisation|Who can open the social sites from a "
		    "work computer?|Does a parent body set the \"access "
		    "rules\" for you?",
		"t|Alpha|Nobody|We can vary them",
		"t|Beta|Everyone|We can vary them",
		"t|Alpha|Nobody|We can vary them",
		"t|Beta|Everyone|We can vary them",
		"t|Gamma|Everyone|",
		"t|Alpha|Nobody|Yes, without exceptions",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	o.tool = &import_google;
	o.keep_going = 1;
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "Alpha||A1=none,A5=local,\n"
	    "Alpha||A1=none,A5=local,\nGamma||A1=all,\n"
	    "Alpha||A1=none,A5=parent,\n");
	CHECK_INT(sn.bad, 2);
	CHECK(strstr(sn.last_bad, "5:4: A5 is only asked when") != NULL);
	buf_release(&sn.out);
}

TEST(kobo_names_option_columns_and_hxl)
{
	static const char *const rows[] = {
		"g/A1|g/A2|g/A2/dash|g/A2/video|_uuid|_submission_time|_index|"
		    "_validation_status",
		"|#tools||||||",
		"all|dash video|1|1|u1|t|1|",
		"none||0|0|u2|t|2|Not Approved",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };
	struct import *im;
	struct import_stats st;

	im = import_new(s, &o, "k.csv", sink, bad, &sn, &e);
	CHECK(im != NULL);
	if (im == NULL)
		return;
	CHECK_INT(feed(im, rows, &e), 0);
	import_stats(im, &st);
	CHECK_STR(import_tool(im)->name, "kobo");
	CHECK_INT(st.responses, 1);
	CHECK_INT(st.rejected, 1);
	CHECK_STR(buf_str(&sn.out), "k||A1=all,A2=dash;video,\n");
	import_free(im);
	buf_release(&sn.out);
}

TEST(role_found_by_content_in_a_second_pass)
{
	static const char *const rows[] = {
		"Timestamp|Team|Who can open the social sites from a work "
		    "computer?|I feel confident answering the public.",
		"t|Coordinator|Nobody|",
		"t|Operators, Executives||Agree",
		"t||Everyone|",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	o.organisation = "Beta";
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "Beta|org|A1=none,\nBeta|ops;exec|T2=4,\n"
	    "Beta||A1=all,\n");
	buf_release(&sn.out);
}

TEST(limesurvey_codes_and_partial)
{
	static const char *const rows[] = {
		"id|submitdate|lastpage|A1|A2[dash]|A2[other]|A4",
		"1|2026-01-01|2|rule|Y|Blog|N",
		"2||1|some|||",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "x||A1=rule,A2=dash;other,A4=no,\n");
	o.partial = 1;
	CHECK_INT(run(rows, &o, &sn, &e), 0);
	CHECK_STR(buf_str(&sn.out), "x||A1=rule,A2=dash;other,A4=no,\n"
	    "x||A1=some,\n");
	buf_release(&sn.out);
}

TEST(bad_rows_name_line_and_column)
{
	static const char *const short_row[] = {
		"Timestamp|Who can open the social sites from a work computer?",
		"t",
		NULL,
	};
	static const char *const bad_value[] = {
		"Timestamp|Who can open the social sites from a work computer?",
		"t|Sometimes",
		NULL,
	};
	struct import_opts o = { 0 };
	struct seen sn = { BUF_INIT, 0, "" };
	struct err e = { 0 };

	CHECK_INT(run(short_row, &o, &sn, &e), -1);
	CHECK_INT(e.line, 2);
	CHECK_STR(e.msg, "1 fields, but the header has 2; is the file cut "
	    "short?");
	CHECK_INT(run(bad_value, &o, &sn, &e), -1);
	CHECK_INT(e.col, 2);
	CHECK(strncmp(e.msg, "A1: 'Sometimes' is not an option", 32) == 0);
	buf_release(&sn.out);
}

/* JSON strings against a byte-at-a-time writer of the same rules:
 * texts of every length up to past two words, each byte value at every
 * position among plain text or next to a quote, in place and through a
 * buffer, also in pieces longer than the in-place limit. */
static size_t
json_by_hand(char *d, const char *t, size_t n)
{
	size_t i, o = 0;

	d[o++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '"' || c == '\\')
			o += (size_t)sprintf(d + o, "\\%c", c);
		else if (c == '\n')
			o += (size_t)sprintf(d + o, "\\n");
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)sprintf(d + o, "\\u%04x", c);
		else
			d[o++] = (char)c;
	}
	d[o++] = '"';
	return o;
}

TEST(json_strings_escape_every_byte)
{
	static const char around[] = { 'a', '"' };
	char txt[20], want[200], got[IMPORT_JSON_ROOM(20)];
	size_t len, at, k, wl, wrong = 0;
	struct buf b = BUF_INIT;
	char *big;
	int v;

	for (len = 0; len < sizeof(txt); len++)
		for (k = 0; k < sizeof(around); k++)
			for (at = 0; at < len; at++)
				for (v = 0; v < 256; v++) {
					memset(txt, around[k], len);
					txt[at] = (char)v;
					wl = json_by_hand(want, txt, len);
					wrong += import_json_put(got, txt, len) != wl ||
					    memcmp(got, want, wl) != 0;
					buf_reset(&b);
					import_json_string(&b, txt, len);
					wrong += b.len != wl ||
					    memcmp(b.data, want, wl) != 0;
				}
	CHECK_INT(wrong, 0);
	/* a long text goes in pieces, with the same result */
	big = malloc(10000);
	if (big != NULL) {
		char *w = malloc(6 * 10000 + 2);

		for (len = 0; len < 10000; len++)
			big[len] = len % 97 == 0 ? '"' : len % 89 == 0 ? '\x01' :
			    (char)('a' + len % 26);
		if (w != NULL) {
			wl = json_by_hand(w, big, 10000);
			buf_reset(&b);
			import_json_string(&b, big, 10000);
			CHECK(b.len == wl && memcmp(b.data, w, wl) == 0);
		}
		free(w);
	}
	free(big);
	buf_release(&b);
}

int
main(void)
{
	struct err e;

	if ((s = survey_load("tests/data/import/survey.json", &e)) == NULL ||
	    (qc = survey_load("surveys/quick-check/survey.json", &e)) ==
	    NULL) {
		printf("cannot load a survey: %s\n", e.msg);
		return 1;
	}
	RUN(normalise_headers);
	RUN(questions_by_code_and_text);
	RUN(options_by_value_label_and_code);
	RUN(detect_each_tool);
	RUN(google_comma_joined_labels_holding_commas);
	RUN(msforms_trailing_semicolon);
	RUN(repeated_cells_give_the_same_answers_and_errors);
	RUN(repeated_cells_decide_conditions_each_time);
	RUN(kobo_names_option_columns_and_hxl);
	RUN(role_found_by_content_in_a_second_pass);
	RUN(limesurvey_codes_and_partial);
	RUN(bad_rows_name_line_and_column);
	RUN(json_strings_escape_every_byte);
	survey_free(s);
	survey_free(qc);
	return check_done();
}
