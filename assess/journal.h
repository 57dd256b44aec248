/*
 * journal.h - the interview's journal: every accepted answer on disk,
 * fsynced, before the next question is asked, so a killed process or a
 * power cut loses nothing that was answered.
 *
 * The journal is a text file beside the interview's output (FILE.journal):
 *
 *	assess-journal/1 TAB survey id TAB version TAB role TAB organisation
 *	question id TAB answer			(one line per accepted answer)
 *
 * An answer is what the answers CSV would hold in its cell (an option
 * value, values joined with ';', a number, 'na', free text; empty for a
 * question left unanswered).  A later line for the same question replaces
 * an earlier one (the respondent went back).  A last line without its line
 * end was cut short by a crash: it is not an answer, and is dropped when
 * the interview resumes.  Answers never hold control characters, so the
 * format needs no quoting.
 *
 * Library code: nothing here prints.
 */
#ifndef ASSESS_JOURNAL_H
#define ASSESS_JOURNAL_H

#include <stddef.h>

#include "err.h"
#include "response.h"
#include "survey.h"

#define JOURNAL_FORMAT	"assess-journal/1"
#define JOURNAL_MAX	((size_t)16 << 20)	/* bytes */

struct journal_entry {
	int		 q;		/* question index */
	char		*value;
};

struct journal {
	char		*survey, *version, *org;
	int		 role;		/* audience index */
	struct journal_entry *v;
	size_t		 n, cap;
	size_t		 valid;		/* bytes up to the end of the last
					   whole line */
	unsigned	 cut_line;	/* line number of a last line cut
					   short, 0 if none */
};

void journal_init(struct journal *j);
void journal_release(struct journal *j);

/* Parse a journal read into 'text' (NUL-terminated, 'len' bytes) and
 * check it against survey 's': the same survey and version, a role of
 * it, known questions of that role, answers the survey accepts.  'path'
 * names it in messages ("FILE:LINE: ..."). */
int journal_parse(const char *path, const char *text, size_t len,
    const struct survey *s, struct journal *j, struct err *e);

/* Text a journal line may hold: valid UTF-8 with no control or
 * bidirectional characters.  0, or -1 with why not in 'msg'. */
int journal_clean(const char *s, size_t n, char *msg, size_t size);

/* Check the text of one answer to 'q' as the journal holds it and parse
 * it into 'a': valid UTF-8 with no control or bidirectional characters,
 * and a value the survey accepts.  0, or -1 with a message in 'msg'. */
int journal_value(const struct question *q, const char *text,
    struct answer *a, char *msg, size_t size);

/* Create a new journal at 'path' (which must not exist) holding its
 * first line, fsynced with its directory.  Returns an open descriptor
 * for journal_append(), or -1. */
int journal_create(const char *path, const struct survey *s, int role,
    const char *org, struct err *e);

/* Open an existing journal to go on appending, after dropping anything
 * past 'valid' bytes (a line cut short).  A descriptor, or -1. */
int journal_reopen(const char *path, size_t valid, struct err *e);

/* Append "ID TAB VALUE" and a line end, and fsync before returning. */
int journal_append(int fd, const char *path, const char *id,
    const char *value, struct err *e);

/* Remove the journal of a finished interview, durably. */
int journal_remove(const char *path, struct err *e);

#endif
