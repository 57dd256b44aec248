/*
 * import_google.c - Google Forms: a "Download responses" CSV or the
 * linked Sheet saved as CSV.
 *
 * The first column is "Timestamp"; "Email address" (older exports:
 * "Email Address") and a quiz's "Score" follow when collected; every
 * other header is the question's title, and a grid's rows are
 * "Title [Row]".  Checkbox answers are the chosen labels in one cell,
 * joined by ", " (labels may hold a comma: split by the longest known
 * label) or by ";", with the text of an "Other" choice among them.
 */
#include <string.h>

#include "import.h"

static const char *const meta[] = { "Timestamp", "Email address", "Score",
	"Email", NULL };

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	return n > 0 && import_is(f[0], len[0], "Timestamp") ? 10 : 0;
}

/* "Title [Row]": a grid row, the question being the row's text. */
static void
grid_row(struct import *im, struct import_col *c)
{
	const struct survey *s = import_survey(im);
	const char *open = strrchr(c->head, '[');
	size_t n = strlen(c->head);
	char row[TEXT_MAX];
	int q;

	if (open == NULL || n < 2 || c->head[n - 1] != ']' ||
	    import_by_text(s, c->head) >= 0)
		return;
	n = n - 1 - (size_t)(open + 1 - c->head);
	if (n >= sizeof(row))
		return;
	memcpy(row, open + 1, n);
	row[n] = '\0';
	if ((q = import_by_text(s, row)) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = "grid row";
	}
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	(void)i;
	(void)e;
	if (import_one_of(c->head, meta)) {
		c->use = IU_META;
		c->how = "metadata";
		return 0;
	}
	grid_row(im, c);
	return 0;
}

const struct import_tool import_google = {
	"google", "Google Forms", 1, ",;", sniff, column, NULL, NULL,
	1, 0, 0,
};
