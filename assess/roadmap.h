/*
 * roadmap.h - the recommendations of one organisation sequenced into
 * steps: within 30, 60 or 90 days, or later.
 *
 * A step's horizon comes from its priority (1: 30 days, 2: 60, 3: 90,
 * 4 and 5: later), or from the most urgent step that depends on it, and
 * is pushed past every step it depends on: an earlier
 * rung of the same dimension, and the steps of a dimension the survey's
 * business case says must move first (its "order" rules) while that
 * dimension is below the rule's level ("until").
 */
#ifndef ASSESS_ROADMAP_H
#define ASSESS_ROADMAP_H

#include "result.h"

#define ROADMAP_LATER	0

/* Fill o->steps from o->recs and res->bcase.order; -1 when out of
 * memory. */
int roadmap_build(struct result *res, struct r_org *o);

/* "30", "60", "90" or "later". */
const char *roadmap_horizon(int horizon);

#endif
