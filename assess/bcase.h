/*
 * bcase.h - the business-case content a survey ships beside its
 * survey.json (business-case.json, format assess-business-case/1): the
 * costs of the barriers, the controls that answer IT's objections, the
 * decisions to ask for, and which dimensions must move before others.
 *
 * The content is copied into the result (r->bcase) so the report writers
 * can use it; the domain knowledge stays in the file, not in C.
 */
#ifndef ASSESS_BCASE_H
#define ASSESS_BCASE_H

#include "err.h"
#include "result.h"
#include "survey.h"

#define BCASE_FORMAT	"assess-business-case/1"
#define BCASE_FILE	"business-case.json"

/* Load 'path' into res->bcase, checking every dimension, question and
 * source it names against 's'. */
int bcase_load(const char *path, const struct survey *s, struct result *res,
    struct err *e);

/* Load the survey's business-case.json when there is one; 0 if absent. */
int bcase_load_beside(const struct survey *s, struct result *res,
    struct err *e);

#endif
