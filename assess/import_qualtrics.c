/*
 * import_qualtrics.c - Qualtrics' CSV export, three header rows: the
 * field names (metadata, then each question's export tag: Q1, Q5_2 for a
 * choice of a split multi-select or a matrix statement, Q5_4_TEXT for
 * an "Other" text box, Q5_DO for display order), the question texts
 * (localised, may hold HTML; "Question - Selected Choice - Choice" for a
 * split choice), and {"ImportId":...} per column.
 *
 * Answers are choice texts, or the recode values (by default 1 for the
 * first choice); a multi-select not split is one cell joined by ','; -99
 * is a question seen and not answered.  Finished 0/False is a partial
 * response; Status other than a normal response, and the preview and
 * test distribution channels, are rejected.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

enum { ST_STATUS = 1, ST_FINISHED, ST_CHANNEL };

#define CHOSEN " - Selected Choice"

static const char *const meta[] = { "StartDate", "EndDate", "IPAddress",
	"Progress", "Duration (in seconds)", "RecordedDate", "ResponseId",
	"ResponseID", "RecipientLastName", "RecipientFirstName",
	"RecipientEmail", "ExternalReference", "ExternalDataReference",
	"LocationLatitude", "LocationLongitude", "UserLanguage", NULL };

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	size_t i;
	int id = 0, fin = 0;

	for (i = 0; i < n; i++) {
		id |= import_is(f[i], len[i], "ResponseId");
		fin |= import_is(f[i], len[i], "Finished");
	}
	return id && fin ? 10 : 0;
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), l = strlen(end);

	return n >= l && strcasecmp(s + n - l, end) == 0;
}

/* The text before 'sep' in 's', into 't'; 0, or -1 if 'sep' is absent. */
static int
before(const char *s, const char *sep, char *t, size_t size)
{
	const char *cut = s ? strstr(s, sep) : NULL;
	size_t n;

	if (cut == NULL || (n = (size_t)(cut - s)) >= size)
		return -1;
	memcpy(t, s, n);
	t[n] = '\0';
	return 0;
}

/* The question of a tag with a suffix (Q5_4_TEXT, Q5_2): by the text
 * before " - " in row 2, else by the tag before its first '_'. */
static int
base_question(const struct survey *s, const struct import_col *c)
{
	char t[TEXT_MAX];
	int q;

	if ((before(c->alt, CHOSEN, t, sizeof(t)) == 0 ||
	    before(c->alt, " - ", t, sizeof(t)) == 0) &&
	    (q = import_by_text(s, t)) >= 0)
		return q;
	return before(c->head, "_", t, sizeof(t)) == 0 ?
	    import_by_name(s, t, 1) : -1;
}

/* A choice of a split multi-select: "... - Selected Choice - Label". */
static int
split_choice(const struct survey *s, struct import_col *c)
{
	const char *cut = c->alt ? strstr(c->alt, CHOSEN " - ") : NULL;
	const char *label;
	int q, k;

	if (cut == NULL || (q = base_question(s, c)) < 0 ||
	    s->qs[q].type != Q_MULTI)
		return -1;
	label = cut + strlen(CHOSEN " - ");
	if ((k = import_option(&s->qs[q], label, strlen(label))) < 0)
		return -1;
	c->use = IU_OPTION;
	c->q = q;
	c->opt = k;
	c->how = "choice column";
	return 0;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	const struct survey *s = import_survey(im);
	int q;

	(void)i;
	(void)e;
	c->status = strcmp(c->head, "Status") == 0 ? ST_STATUS :
	    strcmp(c->head, "Finished") == 0 ? ST_FINISHED :
	    strcmp(c->head, "DistributionChannel") == 0 ? ST_CHANNEL : 0;
	if (c->status != 0) {
		c->use = IU_STATUS;
		c->how = "completion";
	} else if (import_one_of(c->head, meta) ||
	    strncmp(c->head, "Q_", 2) == 0 || ends_with(c->head, "_DO")) {
		c->use = IU_META;
		c->how = "metadata";
	} else if (ends_with(c->head, "_TEXT")) {
		c->use = (q = base_question(s, c)) >= 0 ? IU_OTHER : IU_IGNORE;
		c->q = q;
		c->how = "Other's text";
	} else if ((q = import_by_name(s, c->head, 1)) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = "export tag";
	} else if (split_choice(s, c) != 0 && c->alt != NULL &&
	    ends_with(c->alt, CHOSEN) && (q = base_question(s, c)) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = "text";
	}
	return 0;
}

static enum import_state
state(int status, const char *p, size_t n)
{
	if (n == 0)
		return IS_KEEP;
	switch (status) {
	case ST_STATUS:
		return import_is(p, n, "0") || import_is(p, n, "IP Address") ||
		    import_is(p, n, "4") || import_is(p, n, "Imported") ?
		    IS_KEEP : IS_REJECT;
	case ST_FINISHED:
		return import_is(p, n, "0") || import_is(p, n, "False") ?
		    IS_PARTIAL : IS_KEEP;
	case ST_CHANNEL:
		return import_is(p, n, "preview") || import_is(p, n, "test") ?
		    IS_REJECT : IS_KEEP;
	}
	return IS_KEEP;
}

static int
blank(const char *p, size_t n)
{
	return import_is(p, n, "-99");
}

const struct import_tool import_qualtrics = {
	"qualtrics", "Qualtrics", 3, ",", sniff, column, state, blank, 0, 1, 0,
};
