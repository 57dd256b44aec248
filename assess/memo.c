/*
 * memo.c - a few recent results kept by their text (see memo.h).  A
 * linear look through eight slots: faster than hashing for the short
 * texts of a survey's cells.
 */
#include <string.h>

#include "memo.h"

const struct buf *
memo_get(const struct memo *m, const char *p, size_t n)
{
	unsigned i;

	for (i = 0; i < MEMO_SLOTS; i++)	/* the lengths first: they sit
						   together */
		if (m->klen[i] == n + 1 && memcmp(m->key[i].data, p, n) == 0)
			return &m->val[i];
	return NULL;
}

void
memo_put(struct memo *m, const char *p, size_t n, const void *v, size_t vn)
{
	unsigned i = m->next++ % MEMO_SLOTS;

	buf_reset(&m->key[i]);
	buf_add(&m->key[i], p, n);
	buf_reset(&m->val[i]);
	buf_add(&m->val[i], v, vn);
	m->klen[i] = m->key[i].failed || m->val[i].failed ? 0 : n + 1;
}

void
memo_release(struct memo *m)
{
	unsigned i;

	for (i = 0; i < MEMO_SLOTS; i++) {
		buf_release(&m->key[i]);
		buf_release(&m->val[i]);
		m->klen[i] = 0;
	}
	m->next = 0;
}
