/*
 * err.h - the error record every library function fills instead of printing.
 *
 * A function that can fail takes a 'struct err *' and returns -1 (or NULL)
 * after err_set(); the CLI layer prints it with err_print().  Recording an
 * error never allocates, so it works when memory has run out.  This module
 * must not decide exit codes or print anything but through err_print().
 */
#ifndef ASSESS_ERR_H
#define ASSESS_ERR_H

#include <stddef.h>
#include <stdio.h>

enum err_code {
	AS_OK = 0,
	AS_EINPUT,	/* bad survey, target, rules, answers: exit 1 */
	AS_ERULE,	/* a rule script failed or broke a limit: exit 1 */
	AS_EUSAGE,	/* bad command line: exit 2 */
	AS_ESYS,	/* I/O error, out of memory: exit 3 */
};

struct err {
	enum err_code	code;
	unsigned	line, col;	/* 1-based; 0 = not known */
	char		file[512];
	char		msg[1024];
};

#if defined(__GNUC__)
#define AS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define AS_PRINTF(a, b)
#endif

/* Fill 'e' (if not NULL) and return -1.  'file' may be NULL. */
int err_set(struct err *e, enum err_code code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...) AS_PRINTF(6, 7);

/* Shorthand for an out-of-memory error. */
int err_nomem(struct err *e);

/* Append " (...)" context to an existing message, e.g. the organisation. */
void err_context(struct err *e, const char *fmt, ...) AS_PRINTF(2, 3);

/* Print "assess: FILE:LINE:COL: msg" with control characters made
 * visible, so hostile input cannot drive the terminal. */
void err_print(const struct err *e, FILE *fp);

/* Print a message made visible in the same way (used for warnings). */
void err_print_text(FILE *fp, const char *text);

#endif
