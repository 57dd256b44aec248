/*
 * luaconv.h - values between C and the rule sandbox.
 *
 * The survey and target become deep read-only tables once per run.  An
 * organisation's statistics are not copied: read-only proxies made once
 * per run read the C accumulators of the organisation being scored when
 * a rule asks (see luaconv_push_view).  Reading turns the table a rule returns into
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

/* What the Lua side reads through: the survey and target of the run, and
 * the organisation being scored ('in', NULL between calls).  Owned by the
 * caller; it must outlive the lua_State. */
struct luaconv_live {
	const struct survey	*s;
	const struct target	*t;	/* NULL without a target */
	const struct rules_view	*in;
};

/* [-0, +1] The survey as a deep read-only table.  survey.questions[id]
 * and survey.dimension[id] raise an error naming the rule's line for an
 * id the survey does not have. */
void luaconv_push_survey(lua_State *L, struct luaconv_live *lv);

/* [-0, +1] The target as a deep read-only table, or nil; its dimensions
 * and practices maps are strict as the survey's are. */
void luaconv_push_target(lua_State *L, struct luaconv_live *lv);

/* [-0, +0] Once per run, after the survey and target: the reusable
 * read-only maps through which every organisation's statistics are read
 * (org.questions, org.by_role[r].questions, org.practices). */
void luaconv_prepare_views(lua_State *L, struct luaconv_live *lv);

/* [-0, +1] The organisation lv->in: id, respondents, roles, and the
 * prepared maps, which read its accumulators while lv->in points to it. */
void luaconv_push_view(lua_State *L, const struct luaconv_live *lv);

/* [-0, +0] Read the score() result at 'idx' into 'out' (whose roles
 * are already listed). */
void luaconv_to_org(lua_State *L, int idx, const char *who,
    const struct survey *s, struct result *res, struct r_org *out);

/* [-0, +0] Read the explain trace at 'idx' (dimension id -> {answers,
 * steps}, see rules/API.md, assess.explaining) into out->explain, one
 * entry per survey dimension; every question of a traced dimension must
 * be listed once. */
void luaconv_to_explain(lua_State *L, int idx, const char *who,
    const struct survey *s, struct result *res, struct r_org *out);

/* [-1, +1] Replace the table on top with a deep read-only proxy. */
void luaconv_freeze(lua_State *L);

#endif
