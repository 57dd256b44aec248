/*
 * import_limesurvey.c - LimeSurvey's response export (CSV, a byte-order
 * mark, CRLF, every field quoted, a blank line at the end).
 *
 * Base columns: id, submitdate (empty: the response was not completed),
 * lastpage, startlanguage, seed, and token, startdate, datestamp,
 * ipaddr, refurl when enabled; timings end in "Time".  With "Question
 * code" headings a question is its code, which cannot hold '-' (ACC01 is
 * ACC-01), a multiple-choice option CODE[SQ] holding "Y" when chosen,
 * CODE[other] the text of "Other" and CODE[...comment] a comment; with
 * "Full question text" headings the title and "[Option]".  Answers are
 * codes ("-oth-" for Other) or, in the long format, labels.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

enum { ST_SUBMITDATE = 1 };

static const char *const meta[] = { "id", "lastpage", "startlanguage",
	"seed", "token", "startdate", "datestamp", "ipaddr", "refurl",
	"interviewtime", NULL };

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	return n > 2 && import_is(f[0], len[0], "id") &&
	    import_is(f[1], len[1], "submitdate") ? 10 : 0;
}

/* CODE[other], CODE[SQcomment]: Other's text, a comment. */
static int
bracket_extra(struct import *im, struct import_col *c)
{
	const char *open = strchr(c->head, '[');
	size_t n = strlen(c->head), qn;
	char code[128];
	int q;

	if (open == NULL || c->head[n - 1] != ']' ||
	    (qn = (size_t)(open - c->head)) >= sizeof(code))
		return 0;
	memcpy(code, c->head, qn);
	code[qn] = '\0';
	if ((q = import_by_name(import_survey(im), code, 1)) < 0)
		return 0;
	if (strcasecmp(open, "[other]") == 0) {
		c->use = IU_OTHER;
		c->q = q;
		c->how = "Other's text";
		return 1;
	}
	if (n > 9 && strcasecmp(c->head + n - 9, "comment]") == 0) {
		c->use = IU_IGNORE;
		c->how = "comment";
		return 1;
	}
	return 0;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	const struct survey *s = import_survey(im);
	size_t n = strlen(c->head);
	int q;

	(void)i;
	(void)e;
	if (strcasecmp(c->head, "submitdate") == 0) {
		c->use = IU_STATUS;
		c->status = ST_SUBMITDATE;
		c->how = "completion";
	} else if (import_one_of(c->head, meta) || (n > 4 &&
	    strcmp(c->head + n - 4, "Time") == 0)) {
		c->use = IU_META;
		c->how = "metadata";
	} else if (bracket_extra(im, c)) {
		return 0;
	} else if (import_split_option(s, c->head, "[", "]", 1, c) == 0) {
		c->how = "code";
	} else if ((q = import_by_name(s, c->head, 1)) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = "code";
	}
	return 0;
}

static enum import_state
state(int status, const char *p, size_t n)
{
	(void)p;
	return status == ST_SUBMITDATE && n == 0 ? IS_PARTIAL : IS_KEEP;
}

const struct import_tool import_limesurvey = {
	"limesurvey", "LimeSurvey", 1, ";", sniff, column, state, NULL,
	0, 0, 0,
};
