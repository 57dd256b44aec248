/*
 * rules.h - running a survey's Lua rule script in a sandbox.
 *
 * A rule file gets a fresh lua_State with only the base, string, table,
 * math and utf8 libraries (no io, os, package, debug, coroutine, load,
 * dofile, collectgarbage, string.dump or print), read-only library
 * tables, a locked string metatable, a setmetatable that refuses __gc, a
 * counting allocator, a sticky instruction budget that pcall cannot
 * swallow, and a watchdog on the CPU time of the thread running the rule
 * (for time spent inside C library calls).  Every entry into Lua is a protected call.  Errors come back as
 * "rules/FILE.lua:LINE: message".
 *
 * This module and luaconv.c are the only ones that include Lua headers.
 */
#ifndef ASSESS_RULES_H
#define ASSESS_RULES_H

#include <stddef.h>

#include "aggregate.h"
#include "err.h"
#include "precompiled.h"
#include "result.h"
#include "survey.h"
#include "target.h"

#define RULES_FILE_MAX	((size_t)1 << 20)

struct rules_limits {
	size_t		memory;		/* bytes of live Lua memory */
	long long	instructions;	/* per call into the rules; 0: no
					   count (the time limit stops loops) */
	double		seconds;	/* CPU time per call, then stopped */
	double		grace;		/* then this long for Lua to stop, or
					   the process ends (status 1) */
};

/* Defaults: 64 MiB, no instruction count, 1 s, 0.5 s. */
void rules_default_limits(struct rules_limits *l);

/* What one call scores: every respondent of an organisation, with the
 * roles large enough to show (by the anonymity threshold) alongside. */
struct rules_view {
	const char		*org;
	const struct view	*v;
	const struct acc	*c;
	const struct orgagg	*oa;		/* for role counts */
	const struct agg	*a;		/* for role views */
	unsigned		 anonymity;	/* roles shown from this size */
	const unsigned char	*met;		/* per practice; NULL without
						   a target */
};

struct rules;

/* Called for each assess.log() line, already made safe to print. */
typedef void (*rules_log_fn)(void *ctx, const char *where, const char *msg);

/* A folder searched by assess.import(): its path, and how files in it
 * are named in messages ("rules/lib"). */
struct rules_dir {
	const char	*path, *display;
};

/* Where rule files compiled when the binary was built are found (main
 * sets it once, before anything is loaded; without it, or for any text
 * it does not hold, rule files are compiled as they are loaded). */
void rules_use_precompiled(precompiled_fn find);

/* Open the rule file 'path' (shown as 'display' in messages), with
 * libraries for assess.import() searched in 'libdirs' (in order). */
struct rules *rules_open(const char *path, const char *display,
    const struct rules_dir *libdirs, size_t nlibdirs,
    const struct rules_limits *lim, struct err *e);
void rules_free(struct rules *r);

void rules_set_log(struct rules *r, rules_log_fn fn, void *ctx);

/* Whether assess.explaining() hands the rules a trace table for the
 * organisation being scored, read back into r_org.explain (off by
 * default: tracing costs nothing then). */
void rules_set_explain(struct rules *r, int on);

/* Give the rules the survey and target (frozen tables), run the file and
 * check that it returns a table with a score function. */
int rules_prepare(struct rules *r, const struct survey *s,
    const struct target *t, struct err *e);

/* Score a whole organisation into 'out' (allocating in res->arena);
 * out->roles must already list the roles, the rules fill in the levels
 * of those not suppressed. */
int rules_score(struct rules *r, const struct rules_view *in,
    struct result *res, struct r_org *out, struct err *e);

#endif
