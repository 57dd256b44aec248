/*
 * import_odk.c - ODK Central's submissions CSV (the root table of its
 * ZIP): ',' between fields, quoting only where needed, LF, no byte-order
 * mark.
 *
 * The first column is SubmissionDate; fields are the XLSForm names with
 * their group path joined by '-' (g1-q2; XLSForm names may hold '-'
 * too, so the longest ending that is a question's name wins).  A
 * select_multiple answer is its choice names joined by spaces, and with
 * split columns also NAME/CHOICE holding 1 or 0 (only for the choices
 * seen).  Trailing metadata from KEY to FormVersion; ReviewState
 * "rejected" marks a rejected submission.
 */
#include <string.h>
#include <strings.h>

#include "import.h"

enum { ST_REVIEW = 1 };

static const char *const meta[] = { "SubmissionDate", "KEY", "SubmitterID",
	"SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
	"Status", "DeviceID", "Edits", "FormVersion", "start", "end",
	"today", "deviceid", "username", "phonenumber", "audit",
	"instanceID", NULL };

static int
sniff(const char *const *f, const size_t *len, size_t n)
{
	size_t i;

	if (n == 0 || !import_is(f[0], len[0], "SubmissionDate"))
		return 0;
	for (i = 1; i < n; i++)
		if (import_is(f[i], len[i], "KEY"))
			return 10;
	return 6;
}

/* The question a field path names: the whole path, else the longest
 * ending after a '-'. */
static int
by_path(const struct survey *s, const char *path)
{
	const char *p;
	int q;

	if ((q = import_by_name(s, path, 0)) >= 0)
		return q;
	for (p = strchr(path, '-'); p != NULL; p = strchr(p + 1, '-'))
		if ((q = import_by_name(s, p + 1, 0)) >= 0)
			return q;
	return -1;
}

/* PATH/CHOICE: a split select_multiple column. */
static int
choice_column(const struct survey *s, struct import_col *c)
{
	const char *slash = strrchr(c->head, '/');
	char path[256];
	size_t n;
	int q, k;

	if (slash == NULL || (n = (size_t)(slash - c->head)) >= sizeof(path))
		return -1;
	memcpy(path, c->head, n);
	path[n] = '\0';
	if ((q = by_path(s, path)) < 0 || s->qs[q].type != Q_MULTI ||
	    (k = import_option(&s->qs[q], slash + 1, strlen(slash + 1))) < 0)
		return -1;
	c->use = IU_OPTION;
	c->q = q;
	c->opt = k;
	return 0;
}

static int
column(struct import *im, size_t i, struct import_col *c, struct err *e)
{
	const struct survey *s = import_survey(im);
	int q;

	(void)i;
	(void)e;
	if (strcasecmp(c->head, "ReviewState") == 0) {
		c->use = IU_STATUS;
		c->status = ST_REVIEW;
		c->how = "review state";
	} else if (import_one_of(c->head, meta) ||
	    strncmp(c->head, "meta-", 5) == 0) {
		c->use = IU_META;
		c->how = "metadata";
	} else if ((q = by_path(s, c->head)) >= 0) {
		c->use = IU_QUESTION;
		c->q = q;
		c->how = strchr(c->head, '-') && strcmp(c->head, s->qs[q].id) ?
		    "group path" : "name";
	} else if (choice_column(s, c) == 0) {
		c->how = "choice column";
	}
	return 0;
}

static enum import_state
state(int status, const char *p, size_t n)
{
	return status == ST_REVIEW && import_is(p, n, "rejected") ?
	    IS_REJECT : IS_KEEP;
}

const struct import_tool import_odk = {
	"odk", "ODK Central", 1, " ", sniff, column, state, NULL, 0, 0, 0,
};
