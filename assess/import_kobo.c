/*
 * import_kobo.c - KoboToolbox's CSV export: ';' between fields, every
 * field quoted, CRLF, no byte-order mark, maybe a row of HXL hashtags
 * under the header.
 *
 * Headers are the XLSForm names ("XML values and headers") or the
 * labels, with the group path before a '/' when groups are included.  A
 * select_multiple question has a summary column (names, or labels,
 * joined by spaces) and one column per choice, QUESTION/CHOICE, holding
 * 1 or 0; the choice columns are read and the summary left.  The
 * metadata Kobo appends starts with '_'; _validation_status "Not
 * Approved" marks a rejected submission.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

enum { ST_VALIDATION = 1 };

static const char *const meta[] = { "start", "end", "today", "deviceid",
	"username", "phonenumber", "simserial", "subscriberid", "audit",
	"meta/instanceID", "formhub/uuid", "rootUuid", NULL };

static int
has(const char *const *f, const size_t *len, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (import_is(f[i], len[i], word))
			return 1;
	return 0;
}

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	if (!has(f, len, n, "_uuid") || !has(f, len, n, "_submission_time"))
		return 0;
	return has(f, len, n, "_index") ? 10 : 8;
}

/* The last part of a group path "g1/sg1/name", or the header itself. */
static const char *
last_part(const char *head)
{
	const char *p = strrchr(head, '/');

	return p != NULL && p[1] != '\0' ? p + 1 : head;
}

/* The last two parts, "name/choice", of "g1/name/choice". */
static const char *
two_parts(const char *head)
{
	const char *p = strrchr(head, '/');

	while (p != NULL && p > head && p[-1] != '/')
		p--;
	return p != NULL && p > head ? p : head;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	const struct survey *s = import_survey(im);
	int q;

	(void)i;
	(void)e;
	if (strcasecmp(c->head, "_validation_status") == 0) {
		c->use = IU_STATUS;
		c->status = ST_VALIDATION;
		c->how = "validation";
	} else if (c->head[0] == '_' || import_one_of(c->head, meta)) {
		c->use = IU_META;
		c->how = "metadata";
	} else if (import_by_name(s, c->head, 0) >= 0 ||
	    import_by_text(s, c->head) >= 0) {
		return 0;	/* a whole name or label: the default */
	} else if (import_split_option(s, c->head, "/", NULL, 0, c) == 0 ||
	    import_split_option(s, two_parts(c->head), "/", NULL, 0, c) ==
	    0) {
		c->how = "choice column";
	} else if ((q = import_by_name(s, last_part(c->head), 0)) >= 0 ||
	    (q = import_by_text(s, last_part(c->head))) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = "group path";
	}
	return 0;
}

static enum import_state
state(int status, const char *p, size_t n)
{
	if (status == ST_VALIDATION && (import_is(p, n, "Not Approved") ||
	    import_is(p, n, "validation_status_not_approved")))
		return IS_REJECT;
	return IS_KEEP;
}

const struct import_tool import_kobo = {
	"kobo", "KoboToolbox", 1, " ", sniff, column, state, NULL, 0, 0, 0,
};
