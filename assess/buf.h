/*
 * buf.h - a growable byte buffer for building reports and messages.
 *
 * Appends never fail loudly: on allocation failure the buffer remembers it
 * ('failed') and ignores further appends, so a writer can append freely and
 * check once at the end with buf_ok().  The contents are always
 * NUL-terminated (when anything was allocated).
 */
#ifndef ASSESS_BUF_H
#define ASSESS_BUF_H

#include <stddef.h>
#include <string.h>

#include "err.h"

/* Where a streaming buffer's contents go (returns 0, or -1 having
 * recorded its own error). */
typedef int (*buf_sink)(void *ctx, const char *p, size_t n);

struct buf {
	char	*data;
	size_t	 len, cap;
	int	 failed;	/* 1: an allocation failed; 2: the sink did */
	buf_sink sink;		/* if set, contents are handed on in pieces */
	void	*ctx;
};

#define BUF_INIT { NULL, 0, 0, 0, NULL, NULL }

/* A streaming buffer hands its contents on once it holds this much. */
#define BUF_STREAM_CHUNK ((size_t)64 << 10)

void buf_init(struct buf *b);
void buf_release(struct buf *b);	/* frees the contents; b is reusable */

/* len = 0, keeps the allocation (inline: a reader resets a buffer per
 * cell or per row). */
static inline void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void buf_add_slow(struct buf *b, const void *p, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) AS_PRINTF(2, 3);
/* Decimal integers, without printf's parsing of a format. */
void buf_putu(struct buf *b, unsigned long v);
void buf_putl(struct buf *b, long v);

/* Whether n more bytes (and the NUL) fit without growing or flushing,
 * in a buffer that has not failed. */
static inline int
buf_fits(const struct buf *b, size_t n)
{
	return b->cap - b->len > n && !b->failed && (b->sink == NULL ||
	    b->len + n < BUF_STREAM_CHUNK);
}

/* Copy n bytes, n at most 16, without a call: two fixed-size copies
 * that overlap as much as they must.  (cppcheck follows each branch with
 * the n of every caller, hence its suppressions.) */
static inline void
buf_copy16(char *d, const char *s, size_t n)
{
	if (n >= 8) {
		memcpy(d, s, 8);
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4) {
		memcpy(d, s, 4);
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n > 0) {
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		/* cppcheck-suppress arrayIndexOutOfBoundsCond */
		d[n - 1] = s[n - 1];
	}
}

/* Appends are inline while they fit, as most do: a report or an export
 * makes millions of small ones. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (!buf_fits(b, n)) {
		buf_add_slow(b, p, n);
		return;
	}
	if (n <= 16)
		buf_copy16(b->data + b->len, p, n);
	else
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (!buf_fits(b, 1)) {
		buf_add_slow(b, &c, 1);
		return;
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* Room to write up to n bytes in place, for a writer that would
 * otherwise make many small appends: where to write them, or NULL if the
 * buffer has failed (or fails to grow).  A streaming buffer hands its
 * contents on first when they would pass a chunk.  buf_commit() then
 * keeps the m <= n bytes written. */
char *buf_room_slow(struct buf *b, size_t n);

static inline char *
buf_room(struct buf *b, size_t n)
{
	return buf_fits(b, n) ? b->data + b->len : buf_room_slow(b, n);
}

static inline void
buf_commit(struct buf *b, size_t m)
{
	b->len += m;
	b->data[b->len] = '\0';
}

/* Hand everything appended from now on to 'sink' in pieces of about
 * 64 KiB, so a large report never sits in memory whole.  buf_flush()
 * hands on the rest. */
void buf_stream(struct buf *b, buf_sink sink, void *ctx);
int buf_flush(struct buf *b);

/* buf_ok() of a buffer that has failed. */
int buf_fail(const struct buf *b, struct err *e);

/* 0 if every append succeeded, else -1: with an out-of-memory error, or
 * (when the sink failed) with the error the sink recorded. */
static inline int
buf_ok(const struct buf *b, struct err *e)
{
	return b->failed ? buf_fail(b, e) : 0;
}

/* The contents as a string ("" when empty). */
static inline const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

#endif
