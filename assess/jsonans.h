/*
 * jsonans.h - read assess-answers/1 JSON files (what interviews, forms and
 * importers write) into checked responses.
 *
 * Values are checked by the same code as CSV cells (response.c), with
 * errors at the JSON value's line and column.
 */
#ifndef ASSESS_JSONANS_H
#define ASSESS_JSONANS_H

#include "answers.h"

#define ANSWERS_FORMAT "assess-answers/1"

long jsonans_read(const char *path, const struct survey *s,
    answers_sink sink, void *ctx, struct err *e);

/* The same for a document already read: 'text' holds 'len' bytes and a
 * NUL after them; 'path' names it in messages. */
long jsonans_parse(const char *path, const char *text, size_t len,
    const struct survey *s, answers_sink sink, void *ctx, struct err *e);

#endif
