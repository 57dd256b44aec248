/*
 * import_msforms.c - Microsoft Forms, its Excel workbook saved as CSV.
 *
 * Fixed leading columns (ID, Start time, Completion time, Email, Name,
 * Last modified time) and a quiz's points and feedback columns are
 * metadata; the rest are question titles, in an order that need not be
 * the form's.  Multi-select answers are the chosen labels joined by ';'
 * with a trailing ';', an "Other" choice's text among them.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

static const char *const meta[] = { "ID", "Start time", "Completion time",
	"Email", "Name", "Last modified time", "Total points",
	"Quiz feedback", "Grade posted time", NULL };

static int
has(const char *const *f, const size_t *len, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		if (import_is(f[i], len[i], word))
			return 1;
	return 0;
}

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	return has(f, len, n, "ID") && has(f, len, n, "Start time") &&
	    has(f, len, n, "Completion time") ? 10 : 0;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	(void)im;
	(void)i;
	(void)e;
	if (import_one_of(c->head, meta) ||
	    strncasecmp(c->head, "Points - ", 9) == 0 ||
	    strncasecmp(c->head, "Feedback - ", 11) == 0) {
		c->use = IU_META;
		c->how = "metadata";
	}
	return 0;
}

const struct import_tool import_msforms = {
	"msforms", "Microsoft Forms", 1, ";", sniff, column, NULL, NULL,
	1, 0, 0,
};
