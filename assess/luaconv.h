/*
 * luaconv.h - values between C and the rule sandbox.
 *
 * Pushing builds plain Lua tables from the survey, the target and an
 * organisation's aggregates.  Reading turns the table a rule returns into
 * the result model, checking every field (type, range, finiteness, UTF-8,
 * length, references) and raising a Lua error that names the field when
 * something is wrong.  Every function here may raise a Lua error: call
 * them only inside a protected call.  Nothing allocated with malloc is held
 * across them; strings are copied into the result's arena at once.
 */
#ifndef ASSESS_LUACONV_H
#define ASSESS_LUACONV_H

#include <lua.h>

#include "result.h"
#include "rules.h"
#include "survey.h"
#include "target.h"

/* [-0, +1] The survey as a deep read-only table. */
void luaconv_push_survey(lua_State *L, const struct survey *s);

/* [-0, +1] The target as a deep read-only table, or nil. */
void luaconv_push_target(lua_State *L, const struct survey *s,
    const struct target *t);

/* [-0, +1] One organisation: respondents, per-question statistics, the
 * same for each role large enough to show, practices met. */
void luaconv_push_view(lua_State *L, const struct survey *s,
    const struct target *t, const struct rules_view *in);

/* [-0, +0] Read the score() result at 'idx' into 'out' (whose roles
 * are already listed). */
void luaconv_to_org(lua_State *L, int idx, const char *who,
    const struct survey *s, struct result *res, struct r_org *out);

/* [-1, +1] Replace the table on top with a deep read-only proxy. */
void luaconv_freeze(lua_State *L);

#endif
