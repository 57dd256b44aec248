/*
 * swar.h - tests of eight bytes at a time, for the scanners and writers
 * that pass over long runs of plain text (JSON reading and writing, the
 * UTF-8 checks), and a hash of text taken the same way.  A word is eight
 * bytes loaded in memory order; a test's result has the top bit of a
 * byte set where the byte matches.
 */
#ifndef ASSESS_SWAR_H
#define ASSESS_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES	UINT64_C(0x0101010101010101)
#define SWAR_HIGH	UINT64_C(0x8080808080808080)

static inline uint64_t
swar_load(const void *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* The top bit of each byte that is not printable ASCII (0x20 to 0x7e),
 * and maybe of later ones.  A byte below 0x20 sets its top bit in
 * w - 0x2020...20, one of 0x7f in w + 0x0101...01, one of 0x80 and up in
 * w: the borrow or carry of a byte in range never spreads, so the first
 * byte out of range always shows (later ones may show falsely, which
 * does not change whether any does). */
static inline uint64_t
swar_unprintable(uint64_t w)
{
	return ((w - SWAR_ONES * 0x20) | (w + SWAR_ONES) | w) & SWAR_HIGH;
}

/* The top bit of each byte equal to 'c' (exactly: ~y keeps a borrow
 * from marking a byte that is not zero). */
static inline uint64_t
swar_has(uint64_t w, unsigned char c)
{
	uint64_t y = w ^ SWAR_ONES * c;

	return (y - SWAR_ONES) & ~y & SWAR_HIGH;
}

/* A 64-bit hash of 'n' bytes exactly as they are, eight at a time, with
 * no per-byte work for text of eight bytes or more (the last word
 * overlaps the one before if need be): option values, cells, names and
 * respondent ids, interned texts. */
static inline uint64_t
swar_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, w = 0;
	size_t i, len = n;

	for (; n > 8; s += 8, n -= 8) {
		h = (h ^ swar_load(s)) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (len >= 8)
		w = swar_load(s + n - 8);
	else
		for (i = 0; i < n; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

#endif
