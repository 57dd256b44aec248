/*
 * csvin.h - the one CSV reader: libcsv in strict mode behind a record
 * callback, for the answers reader and every importer.
 *
 * It owns what every CSV input needs and nothing about what the columns
 * mean: the byte-order mark, the delimiter (',' ';' or tab, decided on
 * the header line), line counting (LF, CRLF and lone CR), a cap on field
 * size, UTF-8 and NUL checks, and positions for messages.  It streams: one
 * record in memory (a few batches of them when reading ahead), never the
 * file.  This is the only file that includes
 * <csv.h>.
 */
#ifndef ASSESS_CSVIN_H
#define ASSESS_CSVIN_H

#include <stddef.h>

#include "err.h"

#define CSVIN_FIELD_MAX		((size_t)1 << 20)	/* bytes per field */
#define CSVIN_MAX_COLUMNS	10000
#define CSVIN_HEAD_MAX		((size_t)1 << 16)

struct csvin;

/* Called at the end of every record, blank ones included; the fields can
 * be read until it returns.  A non-zero return stops the read: the
 * callback has set the error (csvin_fail). */
typedef int (*csvin_record)(void *ctx, struct csvin *c);

/* Parse the CSV text whose first 'n' bytes are 'head' (already read, a
 * byte-order mark included) and whose rest is read from 'fd' (-1: there
 * is no rest).  'path' names the input in messages.  0, or -1 with 'e'
 * set. */
int csvin_parse(const char *path, const char *head, size_t n, int fd,
    csvin_record fn, void *ctx, struct err *e);

/* The same, with the parsing done on a second thread while the
 * callback runs on the caller's: the same records, lines, errors and
 * positions, in the same order (the first error in the input wins, as
 * above).  The callback is only ever called on the caller's thread.
 * Reads on one thread when 'fd' is -1 or no thread can be started. */
int csvin_parse_ahead(const char *path, const char *head, size_t n, int fd,
    csvin_record fn, void *ctx, struct err *e);

/* The record: number of fields, field 'i' (from 0; "" when empty, with
 * its length in *len when 'len' is not NULL), the line the record starts
 * on and the line being read now (after a field spanning lines, later). */
size_t csvin_nf(const struct csvin *c);
const char *csvin_field(const struct csvin *c, size_t i, size_t *len);
unsigned csvin_line(const struct csvin *c);
unsigned csvin_now(const struct csvin *c);

/* Every field of the record at once, for the record callback: arrays of
 * csvin_nf(c) fields ("" when empty) and of their lengths, good until it
 * returns. */
const char *const *csvin_fields(const struct csvin *c, const size_t **len);

/* The line where field 'i' of the record starts. */
unsigned csvin_field_line(const struct csvin *c, size_t i);

/* Whether every field of the record is empty or blanks. */
int csvin_blank(const struct csvin *c);

/* The input's name and the error record, for callbacks that report. */
const char *csvin_path(const struct csvin *c);
struct err *csvin_err(struct csvin *c);

/* Record an input error at 'line', column 'col' (from 1; 0 for the
 * whole row) and return -1.  Given the record's first line, a cell of a
 * record that spans lines is placed on the line where the cell starts. */
int csvin_fail(struct csvin *c, unsigned line, size_t col,
    const char *fmt, ...) AS_PRINTF(4, 5);

/* ==== The start of an input, before it is known to be CSV ==== */

/* Read the start of 'fd' into 'head' (CSVIN_HEAD_MAX bytes): up to the
 * end of the first line with text (a byte-order mark and blank lines do
 * not count), or the end of the input.  Deciding the kind of input and
 * the delimiter on it means they never depend on how a pipe splits the
 * input. */
int csvin_read_head(int fd, const char *path, char *head, size_t *n,
    struct err *e);

/* The length of a UTF-8 byte-order mark at 'p' (0 or 3), and the first
 * position from 'i' that is not a blank or a line end. */
size_t csvin_bom(const char *p, size_t n);
size_t csvin_skip_blank(const char *p, size_t n, size_t i);

/* Refuse what is plainly not text: a workbook, UTF-16, HTML or XML.
 * 'p' starts after any byte-order mark. */
int csvin_refuse_binary(const char *path, const char *p, size_t n,
    struct err *e);

#endif
