/*
 * score.h - turning accumulated answers into the result model: one
 * organisation at a time, through the rules.
 *
 * What is generic stays here in C: counting answered, not-applicable and
 * unanswered questions, evaluating a target profile's conditions, gaps,
 * and the anonymity threshold for role breakdowns.  What a level means is
 * the rules' business.
 */
#ifndef ASSESS_SCORE_H
#define ASSESS_SCORE_H

#include "aggregate.h"
#include "err.h"
#include "result.h"
#include "rules.h"
#include "survey.h"
#include "target.h"

#define SCORE_ANONYMITY 5

/* Fill the result's header (survey, levels, target) and make room for
 * 'norgs' organisations. */
int score_begin(struct result *res, const struct survey *s,
    const struct target *t, unsigned anonymity, size_t norgs,
    struct err *e);

/* Score organisation 'oa' into res->orgs[res->norgs++]. */
int score_org(struct result *res, struct rules *r, const struct survey *s,
    const struct target *t, struct agg *a, const struct orgagg *oa,
    struct err *e);

/* Whether target practice 'p' holds for the accumulator 'c' of view 'v':
 * PRACTICE_MET, PRACTICE_UNMET, or PRACTICE_UNANSWERED when it is not
 * met only because questions it needs were answered by nobody;
 * PRACTICE_UNJUDGED when the survey does not ask what it tests. */
enum { PRACTICE_UNMET, PRACTICE_MET, PRACTICE_UNANSWERED,
    PRACTICE_UNJUDGED };

int score_practice(const struct survey *s, const struct practice *p,
    const struct view *v, const struct acc *c);

#endif
