/*
 * fuzz_journal.c - bytes -> journal_parse(), as `assess interview
 * --resume` reads an interview journal, against the mini survey
 * (tests/data/mini: every question type, a 'when' condition, several
 * audiences).
 *
 * Oracles: a journal that parses keeps only whole lines (what it keeps
 * ends at a line end; a last line without one is reported as cut, not
 * read), names a role of the survey and questions of that role, and
 * every answer it holds parses again as the interview replays it and
 * could be appended again unchanged (no tab, line end or control
 * character in it).  A journal that does not parse says why, at a line
 * inside the input, and holds nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "journal.h"
#include "survey.h"
#include "target.h"
#include "utf8.h"

static struct survey *s;
static struct target *t;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_load_mini(&s, &t);
	return 0;
}

static void
check_entry(const struct journal *j, const struct journal_entry *en)
{
	struct answer a;
	char msg[700];
	size_t n, i;

	fz_check(en->q >= 0 && (size_t)en->q < s->nq, "question index %d",
	    en->q);
	fz_check(s->qs[en->q].audience & (1u << j->role), "%s is not of the "
	    "journal's role", s->qs[en->q].id);
	n = strlen(en->value);
	for (i = 0; i < n; i++)
		fz_check(en->value[i] != '\t' && en->value[i] != '\n' &&
		    en->value[i] != '\r', "an answer holds a tab or line end");
	fz_check(utf8_valid(en->value, n, NULL), "an answer is not UTF-8");
	fz_check(journal_value(&s->qs[en->q], en->value, &a, msg,
	    sizeof(msg)) == 0, "a kept answer does not parse again: %s", msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct journal j;
	struct err e;
	char *text = malloc(size + 1);
	size_t i;

	if (text == NULL)
		fz_setup_fail("malloc", "");
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&e, 0, sizeof(e));
	if (journal_parse("fuzz.journal", text, size, s, &j, &e) != 0) {
		fz_check(e.code != AS_OK && e.msg[0] != '\0', "failed without "
		    "a message");
		fz_check_position(&e, data, size);
		fz_check(j.n == 0 && j.v == NULL, "a failed parse holds "
		    "entries");
	} else {
		fz_check(j.valid > 0 && j.valid <= size &&
		    text[j.valid - 1] == '\n', "kept %zu bytes, not whole "
		    "lines", j.valid);
		fz_check((j.cut_line > 0) == (j.valid < size), "cut line %u, "
		    "kept %zu of %zu bytes", j.cut_line, j.valid, size);
		fz_check(j.role >= 0 && (size_t)j.role < s->naud, "role %d",
		    j.role);
		fz_check(strcmp(j.survey, s->id) == 0 &&
		    strcmp(j.version, s->version) == 0, "another survey");
		for (i = 0; i < j.n; i++)
			check_entry(&j, &j.v[i]);
		journal_release(&j);
	}
	free(text);
	return 0;
}
