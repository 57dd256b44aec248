/*
 * impwrite.h - write imported responses as an answers file, JSON or CSV,
 * into a buffer (the command decides where the bytes go).
 */
#ifndef ASSESS_IMPWRITE_H
#define ASSESS_IMPWRITE_H

#include "buf.h"
#include "import.h"
#include "survey.h"

/* The start, one response ('n' = how many were written before it), and
 * the end of an answers file; 'csv' chooses the answers CSV. */
void impwrite_begin(struct buf *b, const struct survey *s, int csv);
void impwrite_response(struct buf *b, const struct survey *s,
    const struct import_resp *ir, int csv, long n);
void impwrite_end(struct buf *b, int csv);

#endif
