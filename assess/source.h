/*
 * source.h - the answer-source table: one row per input format (the
 * answers CSV, assess-answers/1 JSON, and each survey tool's export),
 * each with a sniff and a read function feeding the same sink.
 *
 * The engine opens an input and reads its head once; the head decides the
 * source, and the source reads the rest.  No source calls another.
 */
#ifndef ASSESS_SOURCE_H
#define ASSESS_SOURCE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "response.h"
#include "survey.h"

struct jdoc;
struct import_opts;

/* Called once per valid response; a non-zero return stops the read (the
 * sink has filled 'e'). */
typedef int (*answers_sink)(void *ctx, const struct response *r,
    struct err *e);

/* Called for each bad row when bad rows are skipped (assess check,
 * --keep-going), with the error in 'e' and the source's 'bad_ctx'. */
typedef void (*answers_bad)(void *ctx, const struct err *e);

/* One input, opened and started. */
struct source_in {
	const char	*path;		/* for messages; "-" is standard input */
	int		 fd;		/* the rest of the input; -1: none */
	const char	*head;		/* its start, already read */
	size_t		 nhead;
	struct jdoc	*doc;		/* JSON already parsed, or NULL */
	answers_bad	 bad;		/* set: report bad rows and go on */
	void		*bad_ctx;	/* handed to 'bad' */
	unsigned	 limit;		/* at most this many bad rows */
	const struct import_opts *import;	/* survey-tool sources: how
						   to read the export */
	int		 read_ahead;	/* CSV parsed on a second thread
					   (csvin_parse_ahead) */
	int		 keep_going;	/* --keep-going: every bad response
					   to 'bad', none an error */
	/* what a source decided on its own (responses a survey tool marks
	 * incomplete, left out), one line for standard error, or NULL */
	void		(*note)(void *ctx, const char *msg);
	void		*note_ctx;
};

/* What an input says of the survey it answers: the id it names (JSON),
 * or the names of its question columns (CSV: NUL-separated in 'cols'). */
struct source_hint {
	char		 id[80];
	struct buf	 cols;
	size_t		 ncols;
};

struct answer_source {
	const char	*name;		/* "csv", "json" */
	const char	*what;		/* "an answers CSV file" */
	/* whether the head of an input is this source's */
	int		(*sniff)(const char *head, size_t n);
	/* what the input says of its survey; may parse the input into
	 * in->doc.  NULL: the source cannot tell. */
	int		(*hint)(struct source_in *in, struct source_hint *h,
			    struct err *e);
	/* deliver the responses; the number delivered, or -1 */
	long		(*read)(struct source_in *in, const struct survey *s,
			    answers_sink sink, void *ctx, struct err *e);
};

/* The source a head belongs to (the first row whose sniff claims it). */
const struct answer_source *source_sniff(const char *head, size_t n);

/* Open 'path' ('-' is standard input) and read its head into 'head'
 * (CSVIN_HEAD_MAX bytes); then
 * source_close() when done.  0, or -1 with 'e' set (nothing to close). */
int source_open(struct source_in *in, const char *path, char *head,
    struct err *e);
void source_close(struct source_in *in);

/* All of it for one file whose survey is known: open, sniff, read,
 * close.  The number of responses, or -1. */
long source_read_file(const char *path, const struct survey *s,
    answers_sink sink, void *ctx, struct err *e);

/* The source of an opened input: JSON when its name ends in .json, else
 * by its head. */
const struct answer_source *source_pick(const struct source_in *in);

/* A source by name, or NULL. */
const struct answer_source *source_find(const char *name);

#endif
