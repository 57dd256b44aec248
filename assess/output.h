/*
 * output.h - where a command's report goes: standard output, or -o's file
 * written atomically (a temporary file renamed into place once complete),
 * in the format -f names or the file's extension implies.  Shared by every
 * command that writes a report; part of the command-line layer.
 */
#ifndef ASSESS_OUTPUT_H
#define ASSESS_OUTPUT_H

#include "buf.h"
#include "err.h"
#include "report.h"

/* -o's value: NULL for "-" and "/dev/stdout", which are standard output
 * itself (a pipe, a socket, a file opened for appending). */
const char *output_arg(const char *arg);

/* The format -f names ('format', may be NULL), else the one the output
 * file's extension implies, else Markdown.  On a bad name, prints the
 * usage error for command 'cmd' and returns NULL. */
const struct report_format *output_format(const char *cmd,
    const char *format, const char *output);

/* Before any work: 'output' (NULL: standard output) must not be one of
 * the 'n' inputs ('what' they are: "an answers file"), and must be
 * writable. */
int output_check(const char *output, char *const *inputs, int n,
    const char *what, struct err *e);

/* Write a report produced by 'write' (appending to the buffer it is
 * given, in pieces) to 'output' or standard output.  Nothing is left
 * behind when it fails. */
typedef int (*output_writer)(void *ctx, struct buf *out, struct err *e);

int output_emit(const char *output, output_writer write, void *ctx,
    struct err *e);

#endif
