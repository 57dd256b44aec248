/*
 * answers.h - read answers files (CSV or JSON) and deliver one checked
 * response at a time.
 *
 * The CSV reader streams: it holds one record in memory, never the file.
 * Every problem is reported with the file, the line, the column (for CSV,
 * the field number counted from 1), the question and the allowed values.
 * A response reaches the sink only when all of it is valid; the first
 * error stops the read.
 */
#ifndef ASSESS_ANSWERS_H
#define ASSESS_ANSWERS_H

#include <stddef.h>

#include "err.h"
#include "response.h"
#include "survey.h"

#define ANSWERS_FIELD_MAX	((size_t)1 << 20)	/* bytes per field */
#define ANSWERS_MAX_COLUMNS	10000
#define ANSWERS_NAME_MAX	256	/* organisation and respondent ids */

/* Called once per valid response; a non-zero return stops the read (the
 * sink has filled 'e'). */
typedef int (*answers_sink)(void *ctx, const struct response *r,
    struct err *e);

/* Read 'path' ('-' is standard input).  Files ending in ".json", and
 * any input whose first byte (after a byte-order mark) is '{', are read
 * as assess-answers/1 JSON; anything else as CSV.
 * Returns the number of responses delivered, or -1. */
long answers_read(const char *path, const struct survey *s,
    answers_sink sink, void *ctx, struct err *e);

/* Whether the start of an input is JSON rather than CSV: its first
 * character after a byte-order mark, blanks and line ends is '{'. */
int answers_is_json(const char *p, size_t n);

/* Called by answers_check() for each bad row, with the error in 'e'. */
typedef void (*answers_bad)(const struct err *e);

/* Like answers_read(), for 'assess check': in CSV, a row with a bad
 * value, the wrong number of fields or a repeated respondent is passed to
 * 'bad' and skipped, and reading goes on (at most 'limit' such rows);
 * what is wrong with the file as a whole still stops it at once, and JSON
 * stops at its first error.  With any bad row the result is -1 and 'e'
 * says how many rows were bad. */
long answers_check(const char *path, const struct survey *s,
    answers_sink sink, void *ctx, answers_bad bad, unsigned limit,
    struct err *e);

/* The organisation name used for rows of a file without an organisation
 * column: the file name without directory and extension. */
void answers_default_org(const char *path, char *out, size_t size);

#endif
