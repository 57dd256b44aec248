/*
 * term.h - text for people to read, for the commands that show a survey
 * (show, template, interview): survey text with control and
 * bidirectional characters made visible, wrapped at a fixed width.
 *
 * Part of the CLI layer: these functions print.  The width is fixed, not
 * taken from the terminal, so the output is the same everywhere.
 */
#ifndef ASSESS_TERM_H
#define ASSESS_TERM_H

#include <stdio.h>

#include "survey.h"

#define TERM_WIDTH 78

/* 'text' neutralised and wrapped to TERM_WIDTH columns, every line
 * starting with 'indent' spaces (the first with 'lead' instead, when
 * 'lead' is not NULL: it is printed as it is); ends with a newline.
 * Line breaks in the text start a new line. */
void term_wrap(FILE *fp, const char *lead, int indent, const char *text);

/* The same, continuing a line where the cursor is at column 'col'. */
void term_wrap_after(FILE *fp, int col, int indent, const char *text);

/* 's' neutralised, on one line (line breaks shown as spaces). */
void term_put(FILE *fp, const char *s);

/* "Coordinator (org), Operators (ops)": the audiences in 'set'. */
void term_audiences(FILE *fp, const struct survey *s, unsigned set);

/* What a question takes, in a few words: "one of 4 options", "a number
 * from 0 to 100 days", "any number of options, joined with ;". */
void term_takes(FILE *fp, const struct question *q);

/* The question's options as "N. value - label" lines (value and label
 * once when they are the same), indented by 'indent'. */
void term_options(FILE *fp, const struct question *q, int indent,
    int numbered);

/* What each level of dimension 'd' looks like, one level a line. */
void term_ladder(FILE *fp, const struct survey *s, const struct dimension *d);

#endif
