/*
 * buf.c - growable byte buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
	b->sink = NULL;
	b->ctx = NULL;
}

void
buf_stream(struct buf *b, buf_sink sink, void *ctx)
{
	b->sink = sink;
	b->ctx = ctx;
}

int
buf_flush(struct buf *b)
{
	if (b->failed)
		return -1;
	if (b->sink == NULL || b->len == 0)
		return 0;
	if (b->sink(b->ctx, b->data, b->len) != 0) {
		b->failed = 2;
		return -1;
	}
	buf_reset(b);
	return 0;
}

void
buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

static int
grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->failed = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

/* buf_add() when the bytes do not fit: grow, append, hand on a full
 * chunk to the sink. */
void
buf_add_slow(struct buf *b, const void *p, size_t n)
{
	if (grow(b, n) != 0)
		return;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	if (b->sink != NULL && b->len >= BUF_STREAM_CHUNK)
		buf_flush(b);
}

char *
buf_room_slow(struct buf *b, size_t n)
{
	if (b->sink != NULL && b->len > 0 && b->len + n >= BUF_STREAM_CHUNK &&
	    buf_flush(b) != 0)
		return NULL;
	return grow(b, n) == 0 ? b->data + b->len : NULL;
}

void
buf_putu(struct buf *b, unsigned long v)
{
	char d[24];
	size_t i = sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	buf_add(b, d + i, sizeof(d) - i);
}

void
buf_putl(struct buf *b, long v)
{
	if (v < 0) {
		buf_putc(b, '-');
		buf_putu(b, 0UL - (unsigned long)v);
	} else {
		buf_putu(b, (unsigned long)v);
	}
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	if (b->sink != NULL && b->len >= BUF_STREAM_CHUNK)
		buf_flush(b);
}

/* buf_ok() of a buffer that failed. */
int
buf_fail(const struct buf *b, struct err *e)
{
	if (b->failed == 2)
		return -1;	/* the sink recorded why */
	return b->failed ? err_nomem(e) : 0;
}
