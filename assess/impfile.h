/*
 * impfile.h - survey-tool exports as answer sources: the CSV module
 * (csvin) reads the file, the importer (import.c) makes the responses.
 *
 * One row of the answer-source table per tool, found by name (the tool
 * rows never claim an input by its content: 'score --from TOOL' and
 * 'import' choose them).  When the importer must see the rows twice (the
 * role found by content) the file is read again; standard input cannot
 * be, and says so.
 */
#ifndef ASSESS_IMPFILE_H
#define ASSESS_IMPFILE_H

#include "err.h"
#include "import.h"
#include "source.h"

extern const struct answer_source impfile_google, impfile_msforms,
    impfile_limesurvey, impfile_kobo, impfile_odk, impfile_surveymonkey,
    impfile_qualtrics;

/* Read 'path' ('-': standard input) to the end into 'im'.  0, or -1 with
 * 'e' set. */
int impfile_read(const char *path, struct import *im, struct err *e);

#endif
