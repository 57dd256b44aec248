/*
 * sha256.h - SHA-256 (FIPS 180-4) of a byte string, and its base64 form
 * as a Content-Security-Policy hash source takes it ('sha256-...').
 *
 * Used to allow exactly the form's own inline script and style.  Pure
 * functions: no allocation, no I/O.
 */
#ifndef ASSESS_SHA256_H
#define ASSESS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32
#define SHA256_B64	45	/* 44 characters and a NUL */

void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

/* The digest of 'data' in base64 (with padding), NUL-terminated. */
void sha256_base64(const void *data, size_t len, char out[SHA256_B64]);

#endif
