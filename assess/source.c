/*
 * source.c - the answer-source table.  A new input format is one row
 * here and one file of its own; the engine never names a format.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "csvin.h"
#include "fsx.h"
#include "impfile.h"
#include "jdoc.h"
#include "source.h"

/* In sniffing order: the answers CSV claims whatever is left.  The
 * survey tools' rows claim nothing by content: they are chosen by name
 * (score --from TOOL). */
static const struct answer_source *const sources[] = {
	&answers_json_source,
	&answers_csv_source,
	&impfile_google, &impfile_msforms, &impfile_limesurvey,
	&impfile_kobo, &impfile_odk, &impfile_surveymonkey,
	&impfile_qualtrics,
};

#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

const struct answer_source *
source_sniff(const char *head, size_t n)
{
	size_t i;

	for (i = 0; i < NSOURCES; i++)
		if (sources[i]->sniff(head, n))
			return sources[i];
	return NULL;
}

const struct answer_source *
source_find(const char *name)
{
	size_t i;

	for (i = 0; i < NSOURCES; i++)
		if (strcmp(sources[i]->name, name) == 0)
			return sources[i];
	return NULL;
}

int
source_open(struct source_in *in, const char *path, char *head,
    struct err *e)
{
	memset(in, 0, sizeof(*in));
	in->path = path;
	in->head = head;
	if ((in->fd = fsx_open_input(path, e)) < 0)
		return -1;
	if (csvin_read_head(in->fd, path, head, &in->nhead, e) == 0)
		return 0;
	source_close(in);
	return -1;
}

const struct answer_source *
source_pick(const struct source_in *in)
{
	if (fsx_is_json_name(in->path))
		return &answers_json_source;
	return source_sniff(in->head, in->nhead);
}

void
source_close(struct source_in *in)
{
	if (in->fd >= 0 && in->fd != STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
	if (in->doc != NULL) {
		jdoc_release(in->doc);
		free(in->doc);
		in->doc = NULL;
	}
}

long
source_read_file(const char *path, const struct survey *s,
    answers_sink sink, void *ctx, struct err *e)
{
	char *head = malloc(CSVIN_HEAD_MAX);
	struct source_in in;
	long n = -1;

	if (head == NULL)
		return err_nomem(e);
	if (source_open(&in, path, head, e) == 0) {
		n = source_pick(&in)->read(&in, s, sink, ctx, e);
		source_close(&in);
	}
	free(head);
	return n;
}
