/*
 * memo.h - a few recent results of a pure function, kept by the text
 * they came from.
 *
 * Answer files repeat themselves: a choice column holds a handful of
 * texts, a role column a few.  A reader keeps what a text gave in a memo
 * (one per column or question) and looks it up before working it out
 * again.  Only results are kept, never errors, so every message still
 * comes from the code that checks.  A memo is zeroed memory to begin
 * with (calloc or '= { 0 }'), needs no set-up, and is not thread-safe.
 */
#ifndef ASSESS_MEMO_H
#define ASSESS_MEMO_H

#include <stddef.h>

#include "buf.h"

#define MEMO_SLOTS 8

struct memo {
	size_t		 klen[MEMO_SLOTS];	/* a slot's key length + 1, 0
						   when it holds nothing */
	struct buf	 key[MEMO_SLOTS], val[MEMO_SLOTS];
	unsigned	 next;		/* the slot the next result replaces */
};

/* The value kept for text p[0..n), or NULL. */
const struct buf *memo_get(const struct memo *m, const char *p, size_t n);

/* Keep value v[0..vn) for text p[0..n), replacing the oldest; out of
 * memory, it is simply not kept. */
void memo_put(struct memo *m, const char *p, size_t n, const void *v,
    size_t vn);

void memo_release(struct memo *m);

#endif
