/*
 * impfile.c - export files into the importer, record by record, through
 * the CSV module; and the tools' rows of the answer-source table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "csvin.h"
#include "fsx.h"
#include "impfile.h"

struct rd {
	struct import	*im;
};

static int
on_record(void *ctx, struct csvin *c)
{
	struct rd *r = ctx;
	const size_t *len;
	const char *const *f = csvin_fields(c, &len);

	return import_row(r->im, f, len, csvin_nf(c), csvin_line(c),
	    csvin_err(c));
}

/* One reading of an opened input, its head already read. */
static int
one_pass(struct rd *r, const struct source_in *in, struct err *e)
{
	size_t bom = csvin_bom(in->head, in->nhead);

	if (in->nhead == 0)
		return err_set(e, AS_EINPUT, in->path, 0, 0, "is empty");
	if (csvin_refuse_binary(in->path, in->head + bom, in->nhead - bom, e)
	    != 0)
		return -1;
	return (in->read_ahead ? csvin_parse_ahead : csvin_parse)(in->path,
	    in->head, in->nhead, in->fd, on_record, r, e);
}

/* The rest of an input: one pass, or two when the importer asks. */
static int
read_input(struct source_in *in, struct import *im, struct err *e)
{
	struct source_in again;
	struct rd r;
	char *head = NULL;
	int rc = -1, more;

	memset(&r, 0, sizeof(r));
	r.im = im;
	if (one_pass(&r, in, e) != 0 || (more = import_end(im, e)) < 0)
		goto out;
	if (more && strcmp(in->path, "-") == 0) {
		err_set(e, AS_EUSAGE, in->path, 0, 0, "the role is found by "
		    "reading the export twice, which standard input cannot be; "
		    "give --role-column or --role");
		goto out;
	}
	if (more) {
		if ((head = malloc(CSVIN_HEAD_MAX)) == NULL) {
			err_nomem(e);
			goto out;
		}
		if (source_open(&again, in->path, head, e) != 0)
			goto out;
		again.read_ahead = in->read_ahead;
		rc = one_pass(&r, &again, e) != 0 || import_end(im, e) != 0 ?
		    -1 : 0;
		source_close(&again);
		goto out;
	}
	rc = 0;
out:
	free(head);
	return rc;
}

int
impfile_read(const char *path, struct import *im, struct err *e)
{
	char *head = malloc(CSVIN_HEAD_MAX);
	struct source_in in;
	int rc = -1;

	if (head == NULL)
		return err_nomem(e);
	if (source_open(&in, path, head, e) == 0) {
		in.read_ahead = import_jobs(im) > 1;
		rc = read_input(&in, im, e);
		source_close(&in);
	}
	free(head);
	return rc;
}

/* ==== the tools' rows of the answer-source table ==== */

struct pass_on {
	answers_sink	 sink;
	answers_bad	 bad;
	void		*bad_ctx;
	void		*ctx;
	int		 named;		/* the organisation came from a column
					   or an option */
};

static int
to_sink(void *ctx, const struct import_resp *ir, struct err *e)
{
	struct pass_on *p = ctx;
	struct response r = *ir->r;

	r.org_from_file = !p->named;
	return p->sink(p->ctx, &r, e);
}

static void
to_bad(void *ctx, const struct err *e)
{
	struct pass_on *p = ctx;

	if (p->bad != NULL)
		p->bad(p->bad_ctx, e);
}

/* The responses the tool itself marks incomplete or rejected are left
 * out: say how many. */
static void
left_out_note(const struct source_in *in, const struct import_stats *st)
{
	char msg[600];

	if (in->note == NULL || st->partial + st->rejected == 0)
		return;
	snprintf(msg, sizeof(msg), "%.400s: %ld incomplete (--partial keeps "
	    "them) and %ld rejected or preview responses left out", in->path,
	    st->partial, st->rejected);
	in->note(in->note_ctx, msg);
}

static long
read_tool(const struct import_tool *t, struct source_in *in,
    const struct survey *s, answers_sink sink, void *ctx, struct err *e)
{
	struct import_opts o;
	struct import_stats st;
	struct pass_on p;
	struct import *im;
	long n = -1;

	memset(&o, 0, sizeof(o));
	if (in->import != NULL)
		o = *in->import;
	o.tool = t;
	o.keep_going = in->bad != NULL;
	p.sink = sink;
	p.bad = in->bad;
	p.bad_ctx = in->bad_ctx;
	p.ctx = ctx;
	p.named = o.organisation != NULL;
	if ((im = import_new(s, &o, in->path, to_sink, to_bad, &p, e)) == NULL)
		return -1;
	if (read_input(in, im, e) == 0) {
		import_stats(im, &st);
		n = st.responses;
		left_out_note(in, &st);
	}
	import_free(im);
	return n;
}

static int
never(const char *head, size_t n)
{
	(void)head;
	(void)n;
	return 0;
}

#define TOOL_READ(t) \
static long \
read_##t(struct source_in *in, const struct survey *s, answers_sink sink, \
    void *ctx, struct err *e) \
{ \
	return read_tool(&import_##t, in, s, sink, ctx, e); \
}

TOOL_READ(google)
TOOL_READ(msforms)
TOOL_READ(limesurvey)
TOOL_READ(kobo)
TOOL_READ(odk)
TOOL_READ(surveymonkey)
TOOL_READ(qualtrics)

const struct answer_source impfile_google = { "google",
	"a Google Forms export", never, NULL, read_google };
const struct answer_source impfile_msforms = { "msforms",
	"a Microsoft Forms export", never, NULL, read_msforms };
const struct answer_source impfile_limesurvey = { "limesurvey",
	"a LimeSurvey export", never, NULL, read_limesurvey };
const struct answer_source impfile_kobo = { "kobo",
	"a KoboToolbox export", never, NULL, read_kobo };
const struct answer_source impfile_odk = { "odk",
	"an ODK Central export", never, NULL, read_odk };
const struct answer_source impfile_surveymonkey = { "surveymonkey",
	"a SurveyMonkey export", never, NULL, read_surveymonkey };
const struct answer_source impfile_qualtrics = { "qualtrics",
	"a Qualtrics export", never, NULL, read_qualtrics };
