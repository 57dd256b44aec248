/*
 * import_surveymonkey.c - SurveyMonkey's "All responses data" CSV.
 *
 * Two header rows: the question's text over the first of its columns
 * (the columns after it left blank), and under each column what it
 * holds: "Response", "Open-Ended Response", an option's label (one
 * column per option of a multi-select, the label in the cell when
 * chosen), a matrix row, or "Other (please specify)".  Question texts may
 * hold HTML.  Respondent ID, Collector ID, the dates, IP address, e-mail
 * and names are metadata, as are "Custom Data" columns unless named.
 * SurveyMonkey marks no partial responses, but enforces required
 * questions on complete ones: a response missing a required answer is
 * taken as partial.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

static const char *const meta[] = { "Respondent ID", "Collector ID",
	"Start Date", "End Date", "IP Address", "Email Address", "First Name",
	"Last Name", NULL };

static const char *const whole[] = { "Response", "Open-Ended Response",
	NULL };

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	return n > 0 && import_is(f[0], len[0], "Respondent ID") ? 10 : 0;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	const struct survey *s = import_survey(im);
	int q, k;

	(void)i;
	(void)e;
	if (import_one_of(c->head, meta) ||
	    strncasecmp(c->head, "Custom Data", 11) == 0) {
		c->use = IU_META;
		c->how = "metadata";
		return 0;
	}
	if ((q = import_by_text(s, c->head)) < 0 &&
	    (q = import_by_name(s, c->head, 0)) < 0)
		return 0;	/* a matrix row, maybe: the default */
	if (c->sub == NULL || c->sub[0] == '\0' ||
	    import_one_of(c->sub, whole))
		return 0;
	if (strncasecmp(c->sub, "Other (please specify)", 22) == 0) {
		c->use = IU_OTHER;
		c->q = q;
		c->how = "Other's text";
		return 0;
	}
	if (s->qs[q].type == Q_MULTI && (k = import_option(&s->qs[q], c->sub,
	    strlen(c->sub))) >= 0) {
		c->use = IU_OPTION;
		c->q = q;
		c->opt = k;
		c->how = "option column";
		return 0;
	}
	c->how = "no such option";	/* reported as unmatched */
	return 0;
}

const struct import_tool import_surveymonkey = {
	"surveymonkey", "SurveyMonkey", 2, ",;", sniff, column, NULL, NULL,
	0, 0, 1,
};
