/*
 * utf8.c - UTF-8 decoding and the unsafe-character classes.
 */
#include <stdio.h>
#include <string.h>

#include "swar.h"
#include "utf8.h"

int
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Past the ASCII bytes from i on: eight at a time while no byte has its
 * top bit set, then one by one. */
static size_t
ascii_run(const char *s, size_t i, size_t n)
{
	uint64_t w;

	while (n - i >= 8) {
		w = swar_load(s + i);
		if (w & SWAR_HIGH)
			break;
		i += 8;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* The bytes of a four-to-seven-byte text as one word: its first four
 * and its last four (overlapping). */
static uint64_t
halves(const unsigned char *u, size_t n)
{
	uint32_t a, z;

	memcpy(&a, u, 4);
	memcpy(&z, u + n - 4, 4);
	return a | (uint64_t)z << 32;
}

int
utf8_printable(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w;
	size_t i;

	if (n >= 8) {
		for (i = 0; n - i > 8; i += 8) {
			w = swar_load(u + i);
			if (swar_unprintable(w))
				return 0;
		}
		w = swar_load(u + n - 8);	/* the last eight, overlapping */
		return swar_unprintable(w) == 0;
	}
	if (n >= 4)
		return swar_unprintable(halves(u, n)) == 0;
	for (i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] > 0x7e)
			return 0;
	return 1;
}

int
utf8_copy_printable(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, bad = 0;
	size_t i;

	if (n < 4) {
		for (i = 0; i < n; i++) {
			d[i] = s[i];
			bad |= u[i] < 0x20 || u[i] > 0x7e;
		}
		return bad == 0;
	}
	if (n < 8) {
		memcpy(d, u, 4);
		memcpy(d + n - 4, u + n - 4, 4);
		return swar_unprintable(halves(u, n)) == 0;
	}
	for (i = 0; n - i > 8; i += 8) {
		w = swar_load(u + i);
		memcpy(d + i, &w, 8);
		bad |= swar_unprintable(w);
	}
	w = swar_load(u + n - 8);	/* the last eight, overlapping */
	memcpy(d + n - 8, &w, 8);
	return (bad | swar_unprintable(w)) == 0;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i = ascii_run(s, i, n);
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

int
utf8_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return 1;
	return 0;
}

size_t
utf8_visible(char *dst, size_t size, const char *s, size_t n)
{
	size_t i = 0, o = 0;
	char esc[16];
	uint32_t cp;
	int k;

	if (size == 0)
		return 0;
	while (i < n) {
		const char *piece = s + i;
		size_t plen;

		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			snprintf(esc, sizeof(esc), "\\x%02x",
			    (unsigned char)s[i]);
			piece = esc;
			plen = strlen(esc);
			k = 1;
		} else if (utf8_is_unsafe(cp)) {
			if (cp < 0x100)
				snprintf(esc, sizeof(esc), "\\x%02x",
				    (unsigned)cp);
			else
				snprintf(esc, sizeof(esc), "\\u%04x",
				    (unsigned)cp);
			piece = esc;
			plen = strlen(esc);
		} else {
			plen = (size_t)k;
		}
		if (o + plen >= size)
			break;
		memcpy(dst + o, piece, plen);
		o += plen;
		i += (size_t)k;
	}
	dst[o] = '\0';
	return o;
}
