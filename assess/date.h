/*
 * date.h - calendar dates as assess reads and writes them: YYYY-MM-DD,
 * checked (a real day of a real month), compared as text.
 */
#ifndef ASSESS_DATE_H
#define ASSESS_DATE_H

#include <stddef.h>

#define DATE_LEN 10	/* "2026-03-02" */

/* Parse 'n' bytes that start with a YYYY-MM-DD date, optionally followed
 * by a time ('T' or a space, then anything), into 'out' (DATE_LEN + 1
 * bytes, NUL-ended).  0, or -1 when it is not such a date. */
int date_parse(const char *s, size_t n, char *out);

#endif
