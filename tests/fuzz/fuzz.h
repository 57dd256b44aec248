/*
 * fuzz.h - what the libFuzzer harnesses in tests/fuzz/ share: a private
 * temporary directory the inputs are written to (the loaders read files,
 * so the harnesses hand them files, exactly as the command line does),
 * paths into the source tree for the fixed fixtures, and the oracles that
 * check every report writer's output.
 *
 * Nothing here prints during a run.  A broken oracle prints one line that
 * says what was wrong and aborts, which libFuzzer turns into a crash
 * report with a reproducer.
 */
#ifndef ASSESS_FUZZ_H
#define ASSESS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "result.h"

/* The libFuzzer entry points (defined by each harness). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FUZZ_ROOT/rel: a file of the source tree (static storage, kept). */
const char *fz_src(const char *rel);

/* Write the input to 'name' in the private temporary directory and return
 * its path.  The directory is made on first use and removed at exit. */
const char *fz_write(const char *name, const uint8_t *data, size_t size);

/* The private temporary directory. */
const char *fz_tmpdir(void);

struct survey;
struct target;

/* The mini test survey and its target profile (tests/data/mini), loaded
 * once at set-up; a failure aborts. */
void fz_load_mini(struct survey **s, struct target **t);

/* Set-up failed (a fixture did not load): print and abort. */
void fz_setup_fail(const char *what, const char *detail)
    __attribute__((noreturn));

/* An oracle was violated: print what and abort (libFuzzer saves the
 * input).  fz_check() does so when 'ok' is false. */
void fz_fail(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
#define fz_check(ok, ...) do { if (!(ok)) fz_fail(__VA_ARGS__); } while (0)

/* NULL if data is one strict RFC 8259 JSON text (fuzz_json.c), else why
 * not: the differential oracle for what the JSON loaders accept. */
const char *fz_json_strict(const uint8_t *data, size_t size);

/* An error's line must lie inside the input. */
void fz_check_position(const struct err *e, const uint8_t *data,
    size_t size);

/* Run report_md, report_json and report_csv on 'r', streaming as
 * cmd_score.c does (buf_stream, the writer, buf_flush), and check each
 * output (fuzz_oracle.c). */
void fz_check_reports(const struct result *r);

/* What fuzz_writers puts in front of every string of a second, tagged
 * copy of its result (U+E000, which the writers pass on as it is), so
 * that fz_check_md_starts() can tell where untrusted text begins. */
#define FZ_TAG	"\xEE\x80\x80"

/* Wherever untrusted text starts a line of report_md's output for 'r'
 * (in every report kind), as the same report on 'tagged' shows, it must
 * not open a block there: a heading, list, quote, code or table. */
void fz_check_md_starts(const struct result *r,
    const struct result *tagged);

/* Independent reference helpers used by the oracles. */
int fz_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
int fz_utf8_valid(const char *s, size_t n);
int fz_unsafe_cp(uint32_t cp);

/* 's' is valid UTF-8 without control or bidi characters (LF allowed when
 * 'allow_lf'); 'what' names it in the failure message. */
void fz_check_text(const char *what, const char *s, size_t n, int allow_lf);

#endif
