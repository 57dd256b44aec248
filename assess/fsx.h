/*
 * fsx.h - file system helpers: bounded whole-file reads, crash-safe
 * report writes, and path manipulation.
 *
 * Input files come from other people: fsx_read() refuses anything but a
 * regular file and anything over its size cap before reading a byte.
 * Output is written with write, fsync, rename, fsync of the directory, so a
 * failed run never leaves a half-written report and never loses the
 * previous one.  A symbolic link is followed and the file it names
 * replaced; a device or FIFO is written in place, and a socket is refused.
 */
#ifndef ASSESS_FSX_H
#define ASSESS_FSX_H

#include <sys/types.h>

#include <stddef.h>

#include "buf.h"
#include "err.h"

/* Read all of 'path' (a regular file of at most 'cap' bytes) into 'out',
 * replacing its contents.  '-' means standard input (no regular-file check,
 * but the cap still applies). */
int fsx_read(const char *path, size_t cap, struct buf *out, struct err *e);

/* Read the rest of 'fd' (until end of file), appending to 'out', which
 * with what it held may not pass 'cap' bytes; NUL-ended.  'path' names
 * the input in messages.  0, or -1 with 'e' set. */
int fsx_read_rest(int fd, const char *path, size_t cap, struct buf *out,
    struct err *e);

/* Open 'path' for streaming ('-' is standard input).  Refuses directories,
 * FIFOs and devices other than stdin.  Returns a file descriptor or -1. */
int fsx_open_input(const char *path, struct err *e);

/* A file being written atomically: a temporary file in the directory of
 * the target (the path given, or the file a symbolic link there finally
 * names), which fsx_out_commit() fsyncs, renames over the target and
 * follows with an fsync of the directory.  Until then (and after any
 * failure, or fsx_out_abort()) the target is left as it was and no
 * temporary file remains.  An existing target keeps its permission bits.
 * A device or FIFO cannot be replaced: it is opened and written
 * directly, like standard output, with no such guarantee. */
struct fsx_out {
	int	 fd;
	int	 direct;	/* writing in place to a device or FIFO */
	off_t	 written;	/* bytes written so far */
	off_t	 flushed;	/* of which handed to the disk */
	char	*path;		/* as given, for messages */
	char	*target, *dir, *tmp;
};

int fsx_out_open(struct fsx_out *o, const char *path, struct err *e);
int fsx_out_write(struct fsx_out *o, const void *data, size_t len,
    struct err *e);
int fsx_out_commit(struct fsx_out *o, struct err *e);
void fsx_out_abort(struct fsx_out *o);

/* All of the above for 'len' bytes at once. */
int fsx_write_atomic(const char *path, const void *data, size_t len,
    struct err *e);

/* Check before any work that 'path' is not a directory, and that the
 * directory of the file it names exists and is writable (or, for a
 * device or FIFO, that 'path' itself is writable). */
int fsx_check_output(const char *path, struct err *e);

/* 1 if 'a' and 'b' name the same existing file. */
int fsx_same_file(const char *a, const char *b);

int fsx_is_dir(const char *path);
int fsx_is_file(const char *path);

/* Newly allocated "dir/name" ("name" alone when dir is empty or "."), or
 * NULL when out of memory. */
char *fsx_join(const char *dir, const char *name);

/* Newly allocated directory part of 'path' ("." when it has none). */
char *fsx_dirname(const char *path);

/* Whether a file name ends in ".json", in any letter case: the one test
 * of that every part of assess uses. */
int fsx_is_json_name(const char *path);

/* Pointer to the last component of 'path'. */
const char *fsx_basename(const char *path);

/* Newly allocated copy of 's' (NULL when out of memory). */
char *fsx_strdup(const char *s);

#endif
