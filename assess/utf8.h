/*
 * utf8.h - UTF-8 decoding, validation and the character classes that
 * reports must neutralise (control characters, bidirectional overrides).
 *
 * Pure functions over byte ranges; no allocation, no I/O.
 */
#ifndef ASSESS_UTF8_H
#define ASSESS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one character at 's' (at most 'n' bytes).  Returns its length
 * (1-4) and stores the code point, or returns 0 for an invalid sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Return 1 if all 'n' bytes are valid UTF-8; otherwise 0 with the offset
 * of the first bad byte in '*bad' (if not NULL). */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Return 1 if all 'n' bytes are printable ASCII (0x20 to 0x7e): text
 * that is valid UTF-8 and holds no NUL, line end or other character
 * utf8_is_unsafe() flags.  A quick test that lets the common cell skip
 * the closer checks: 0 only says "look closer". */
int utf8_printable(const char *s, size_t n);

/* Copy 'n' bytes from 's' to 'd' (no NUL added) and return what
 * utf8_printable() says of them: one pass where most cells need both. */
int utf8_copy_printable(char *d, const char *s, size_t n);

/* Characters no report may pass through raw: C0 and C1 controls, DEL,
 * and the bidirectional embedding, override and isolate controls. */
int utf8_is_unsafe(uint32_t cp);

/* Copy 's' into 'dst' (always NUL-terminated) with unsafe characters and
 * invalid bytes written as visible escapes (\x1b, \u202e).  Truncates at a
 * character boundary.  Returns the number of bytes written. */
size_t utf8_visible(char *dst, size_t size, const char *s, size_t n);

#endif
