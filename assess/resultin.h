/*
 * resultin.h - read an assess-result/1 file (what `score -f json` writes)
 * back into the result model, so that compare and trend accept results
 * and agencies can share results instead of raw answers.
 *
 * A result file comes from someone else like any input: every field is
 * checked (types, ranges, levels 1-5, a score in its level's band, a
 * gap consistent with its target and level, labels that are the
 * survey's, practices the target lists, the same questions in every
 * organisation), and the first problem is a
 * one-line error naming the file, line, column and field.
 */
#ifndef ASSESS_RESULTIN_H
#define ASSESS_RESULTIN_H

#include <stddef.h>

#include "err.h"
#include "result.h"

#define RESULT_FORMAT "assess-result/1"

/* Load 'path' ('-' is standard input) into 'res' (initialised by the
 * caller, who releases it also on failure).  0, or -1 with 'e' set. */
int resultin_load(const char *path, struct result *res, struct err *e);

/* The same for a document already parsed (the JSON source that found
 * "format": "assess-result/1").  'd' stays the caller's. */
struct jdoc;
int resultin_doc(struct jdoc *d, struct result *res, struct err *e);

/* Whether a JSON document is a result file: its "format" says so. */
int resultin_is_result(const struct jdoc *d);

#endif
