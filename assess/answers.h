/*
 * answers.h - the answers CSV and assess-answers/1 JSON as answer
 * sources (rows of the table in source.h), and what both share.
 *
 * Every problem is reported with the file, the line, the column (for CSV,
 * the field number counted from 1), the question and the allowed values.
 * A response reaches the sink only when all of it is valid; the first
 * error stops the read, unless bad rows are being skipped (check).
 */
#ifndef ASSESS_ANSWERS_H
#define ASSESS_ANSWERS_H

#include <stddef.h>

#include "csvin.h"
#include "date.h"
#include "err.h"
#include "source.h"

#define ANSWERS_FIELD_MAX	CSVIN_FIELD_MAX	/* bytes per field */
#define ANSWERS_NAME_MAX	256	/* organisation and respondent ids */
#define ANSWERS_DATE_MAX	DATE_LEN
#define ANSWERS_FORMAT		"assess-answers/1"

extern const struct answer_source answers_csv_source;
extern const struct answer_source answers_json_source;

/* Whether the start of an input is JSON rather than CSV: its first
 * character after a byte-order mark, blanks and line ends is '{'. */
int answers_is_json(const char *p, size_t n);

struct jdoc;
struct jnode;

/* The responses of an array of assess-answers/1 response objects inside
 * another document (a rule fixture's inline answers), checked as an
 * answers file's are.  The number read, or -1. */
long answers_json_responses(struct jdoc *d, const struct jnode *arr,
    const struct survey *s, answers_sink sink, void *ctx, struct err *e);

/* The organisation name used for rows of a file without an organisation
 * column: the file name without directory and extension. */
void answers_default_org(const char *path, char *out, size_t size);

#endif
