/*
 * explain.h - the explain report's model: which organisations and
 * dimensions of a scored result to explain.  The explanations themselves
 * (r_org.explain) are recorded by the rules while the engine scores with
 * engine_opts.explain set; this module only chooses what to show and
 * checks the names asked for.  It never prints.
 */
#ifndef ASSESS_EXPLAIN_H
#define ASSESS_EXPLAIN_H

#include <stddef.h>

#include "err.h"
#include "result.h"

struct explain {
	const struct result	*res;		/* borrowed */
	size_t			 org;		/* the one to explain, if 'one' */
	int			 one;		/* 0: every organisation */
	int			 dim;		/* index into dims; -1: all */
};

/* Choose what to explain in 'res': the organisation 'org' (NULL: all;
 * letter case and spacing do not matter) and the dimension 'dim' (NULL:
 * all; letter case does not matter).  An unknown name is an error that
 * names the nearest one. */
int explain_select(struct explain *x, const struct result *res,
    const char *org, const char *dim, struct err *e);

/* Whether organisation i / dimension j of it is shown. */
int explain_shows_org(const struct explain *x, size_t i);
int explain_shows_dim(const struct explain *x, size_t j);

/* Whether two organisation names differ only in letter case or spacing. */
int explain_same_name(const char *a, const char *b);

#endif
