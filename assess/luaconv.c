/*
 * luaconv.c - C <-> Lua conversion for the rule sandbox.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "jdoc.h"
#include "luaconv.h"
#include "score.h"
#include "suggest.h"
#include "utf8.h"


/* ==== Read-only proxies ==== */

static int
ro_newindex(lua_State *L)
{
	return luaL_error(L, "attempt to modify a read-only table");
}

static int shared_index(lua_State *L);
static void push_shared(lua_State *L, int proxy, int map,
    const struct luaconv_live *lv);

/* The table a proxy stands for: its metatable's __index, or for a proxy
 * with the shared metatable (see "Pushing the survey"), the table that
 * __index reads. */
static void
push_original(lua_State *L, int proxy)
{
	proxy = lua_absindex(L, proxy);
	if (!lua_getmetatable(L, proxy))
		luaL_error(L, "not a read-only table");
	if (lua_getfield(L, -1, "__index") == LUA_TTABLE) {
		lua_remove(L, -2);
		return;
	}
	if (lua_tocfunction(L, -1) != shared_index)
		luaL_error(L, "not a read-only table");
	lua_getupvalue(L, -1, 1);			/* mt, fn, lv */
	lua_getupvalue(L, -2, 2);			/* mt, fn, lv, map */
	push_shared(L, proxy, lua_gettop(L), lua_touserdata(L, -2));
	lua_replace(L, -5);
	lua_pop(L, 3);
}

static int
ro_len(lua_State *L)
{
	push_original(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

/* The iterator pairs() returns for a proxy: next() over the original,
 * with the proxy itself as the state, so that the writable original never
 * reaches the script. */
static int
ro_next(lua_State *L)
{
	lua_settop(L, 2);
	push_original(L, 1);			/* proxy, key, original */
	lua_pushvalue(L, 2);
	if (lua_next(L, 3))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int
ro_pairs(lua_State *L)
{
	lua_pushcfunction(L, ro_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

#define FROZEN "read-only"

/* Whether the value on top is already a read-only proxy: its metatable
 * (read raw, past __metatable) holds our own __newindex, which no script
 * can obtain, so a table dressed up to look frozen is not taken for one. */
static int
is_proxy(lua_State *L)
{
	int yes = 0;

	if (lua_getmetatable(L, -1)) {
		lua_pushliteral(L, "__newindex");
		lua_rawget(L, -2);
		yes = lua_tocfunction(L, -1) == ro_newindex;
		lua_pop(L, 2);
	}
	return yes;
}

/* [-0, +0] The fields of a read-only metatable (on top) but __index:
 * writes refused, pairs() over the table behind, "read-only" for
 * getmetatable, and with 'len', # of the table behind. */
static void
set_ro_fields(lua_State *L, int len)
{
	lua_pushcfunction(L, ro_newindex);
	lua_setfield(L, -2, "__newindex");
	if (len) {
		lua_pushcfunction(L, ro_len);
		lua_setfield(L, -2, "__len");
	}
	lua_pushcfunction(L, ro_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, FROZEN);
	lua_setfield(L, -2, "__metatable");
}

/* [-0, +0] Make the table on top the proxy of the table at 'orig'.
 * Without 'len' it has no __len: # then counts the empty proxy, which is
 * right only for a table that will never have a [1]. */
static void
set_ro_metatable(lua_State *L, int orig, int len)
{
	orig = lua_absindex(L, orig);
	lua_createtable(L, 0, 4 + len);			/* proxy, mt */
	lua_pushvalue(L, orig);
	lua_setfield(L, -2, "__index");
	set_ro_fields(L, len);
	lua_setmetatable(L, -2);			/* proxy */
}

/* [-1, +1] table on top -> proxy; 'seen' (at absolute index) maps the
 * tables frozen so far to their proxies, so shared tables stay shared.
 * Proxies use shared C functions (no closures), so a proxy costs two
 * tables. */
static void
freeze(lua_State *L, int seen, int depth)
{
	luaL_checkstack(L, 10, "freezing a table");
	if (depth > 20)
		luaL_error(L, "table nested too deeply to freeze");
	if (is_proxy(L))
		return;
	lua_pushvalue(L, -1);
	if (lua_rawget(L, seen) == LUA_TTABLE) {	/* t, proxy */
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	lua_pushnil(L);					/* t, k */
	while (lua_next(L, -2)) {			/* t, k, v */
		if (lua_type(L, -1) == LUA_TTABLE) {
			freeze(L, seen, depth + 1);	/* t, k, proxy */
			lua_pushvalue(L, -2);		/* t, k, proxy, k */
			lua_insert(L, -2);		/* t, k, k, proxy */
			lua_rawset(L, -4);		/* t, k */
		} else {
			lua_pop(L, 1);
		}
	}
	lua_newtable(L);				/* t, proxy */
	set_ro_metatable(L, -2, 1);
	lua_pushvalue(L, -2);
	lua_pushvalue(L, -2);
	lua_rawset(L, seen);				/* seen[t] = proxy */
	lua_remove(L, -2);				/* proxy */
}

void
luaconv_freeze(lua_State *L)
{
	int seen;

	lua_newtable(L);
	lua_insert(L, -2);			/* seen, t */
	seen = lua_absindex(L, -2);
	freeze(L, seen, 0);			/* seen, proxy */
	lua_remove(L, -2);
}

/* ==== Unknown ids ==== */

/* Raise "FILE:LINE: unknown WHAT 'ID'[ of OWNER][; did you mean 'X'?]" at
 * the innermost line of Lua code, naming up to two lines that called it
 * (the misspelt id is often written there, passed down to a helper). */
static int
unknown_id(lua_State *L, const char *what, const char *id,
    const char *owner, const char *near)
{
	char msg[700], safe[200], hint[200];
	size_t o = 0;
	lua_Debug ar;
	int level, shown = 0;

	utf8_visible(safe, sizeof(safe), id, strlen(id) > 64 ? 64 :
	    strlen(id));
	hint[0] = '\0';
	if (near != NULL)
		snprintf(hint, sizeof(hint), "; did you mean '%s'?", near);
	msg[0] = '\0';
	for (level = 1; lua_getstack(L, level, &ar) && shown < 3; level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		if (shown == 0)
			o += (size_t)snprintf(msg, sizeof(msg), "%s:%d: ",
			    ar.short_src, ar.currentline);
		else
			o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%s:%d",
			    shown == 1 ? " (called from " : ", ", ar.short_src,
			    ar.currentline);
		if (o >= sizeof(msg))
			break;
		if (shown++ == 0)
			o += (size_t)snprintf(msg + o, sizeof(msg) - o,
			    "unknown %s '%s'%s%s%s", what, safe, owner ? " of " :
			    "", owner ? owner : "", hint);
		if (o >= sizeof(msg))
			break;
	}
	if (shown == 0)
		snprintf(msg, sizeof(msg), "unknown %s '%s'%s%s%s", what, safe,
		    owner ? " of " : "", owner ? owner : "", hint);
	else if (shown > 1 && o + 1 < sizeof(msg))
		snprintf(msg + o, sizeof(msg) - o, ")");
	lua_pushstring(L, msg);
	return lua_error(L);
}

static const char *
near_dimension(const struct survey *s, const char *id)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, id);
	for (i = 0; i < s->ndims; i++)
		suggest_try(&sg, s->dims[i].id);
	return sg.best;
}

static const char *
near_practice(const struct target *t, const char *id)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, id);
	for (i = 0; t != NULL && i < t->npr; i++)
		suggest_try(&sg, t->pr[i].id);
	return sg.best;
}

static const char *
near_option(const struct question *q, const char *value)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, value);
	for (i = 0; i < q->nopts; i++)
		suggest_try(&sg, q->opts[i].value);
	return sg.best;
}

enum idkind { ID_QUESTION, ID_DIMENSION, ID_PRACTICE };

/* __index of the table behind a read-only map keyed by id, reached only
 * for keys it does not hold: an id the survey or target does not know is
 * an error, a known one (a dimension without a target level) is nil.
 * Upvalues: the live state, the kind of id. */
static int
strict_miss(lua_State *L)
{
	const struct luaconv_live *lv = lua_touserdata(L, lua_upvalueindex(1));
	const char *key;

	if (lua_type(L, 2) != LUA_TSTRING)
		return 0;
	key = lua_tostring(L, 2);
	switch (lua_tointeger(L, lua_upvalueindex(2))) {
	case ID_QUESTION:
		if (survey_question(lv->s, key) >= 0)
			return 0;
		return unknown_id(L, "question", key, NULL,
		    survey_near_question(lv->s, key));
	case ID_DIMENSION:
		if (survey_dimension(lv->s, key) >= 0)
			return 0;
		return unknown_id(L, "dimension", key, NULL,
		    near_dimension(lv->s, key));
	default:
		return unknown_id(L, "practice", key, NULL,
		    near_practice(lv->t, key));
	}
}

/* Make field 'field' of the read-only table at 'proxy' strict. */
static void
strictify(lua_State *L, int proxy, const char *field,
    struct luaconv_live *lv, enum idkind kind)
{
	proxy = lua_absindex(L, proxy);
	push_original(L, proxy);			/* orig */
	lua_getfield(L, -1, field);			/* orig, sub */
	push_original(L, lua_gettop(L));		/* orig, sub, subo */
	lua_createtable(L, 0, 1);
	lua_pushlightuserdata(L, lv);
	lua_pushinteger(L, kind);
	lua_pushcclosure(L, strict_miss, 2);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_pop(L, 3);
}

/* ==== Pushing the survey and target ==== */

/*
 * The survey and target tables are made read-only as they are built: each
 * table, once filled, is replaced by its proxy before it is stored in its
 * parent, so nothing walks them afterwards to freeze them (as
 * luaconv_freeze does for tables a script made).  A proxy is the same as
 * luaconv_freeze makes, except that records and maps (tables keyed by
 * name, which never have a [1]) need no __len.
 *
 * That proxy reads fastest, through a table __index, but costs a
 * metatable of its own.  The tables rules read over and over (the
 * survey's maps and lists, questions, dimensions, levels,
 * recommendations, options: the bundled rules walk every question's
 * options for every organisation) get one.  Those read once a run if at
 * all (a band, a question's audience and tags) share one metatable per
 * survey, whose __index is a C function that finds the table behind the
 * proxy in a map; audiences and tags, which few rules read, are not even
 * built until one is read.  Either kind of proxy behaves the same to a
 * script: it is empty, refuses writes, says "read-only", and works with
 * #, ipairs and pairs.
 */

enum lazy { LAZY_AUDIENCE, LAZY_TAGS };

/* Where the shared metatable and its map are on the stack while the
 * survey is built (absolute indices). */
struct shared {
	int	 mt, map;
};

static void push_audience(lua_State *L, const struct survey *s,
    const struct question *q);
static void push_strs(lua_State *L, const char *const *v, size_t n);

/* [-0, +1] The table behind the shared-metatable proxy at 'proxy', found
 * in the map at 'map'; a table waiting to be built is built now. */
static void
push_shared(lua_State *L, int proxy, int map, const struct luaconv_live *lv)
{
	const struct question *q;
	lua_Integer code;

	luaL_checkstack(L, 8, "reading the survey");
	lua_pushvalue(L, proxy);
	if (lua_rawget(L, map) == LUA_TTABLE)
		return;
	code = lua_tointeger(L, -1);
	lua_pop(L, 1);
	q = &lv->s->qs[code / 2];
	if (code % 2 == LAZY_AUDIENCE)
		push_audience(L, lv->s, q);
	else
		push_strs(L, q->tags.v, q->tags.n);
	lua_pushvalue(L, proxy);
	lua_pushvalue(L, -2);
	lua_rawset(L, map);				/* map[proxy] = t */
}

/* __index of the shared metatable.  Upvalues: the live state, the map. */
static int
shared_index(lua_State *L)
{
	lua_settop(L, 2);
	push_shared(L, 1, lua_upvalueindex(2),
	    lua_touserdata(L, lua_upvalueindex(1)));
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

/* [-0, +2] The shared metatable of one survey and its map, recorded in
 * 'sh'. */
static void
new_shared(lua_State *L, struct luaconv_live *lv, struct shared *sh)
{
	size_t i, n = 2 * lv->s->nq;

	for (i = 0; i < lv->s->nq; i++)
		n += lv->s->qs[i].nbands;
	lua_createtable(L, 0, 5);			/* mt */
	set_ro_fields(L, 1);
	lua_createtable(L, 0, n < INT_MAX ? (int)n : 0);	/* mt, map */
	lua_pushlightuserdata(L, lv);
	lua_pushvalue(L, -2);
	lua_pushcclosure(L, shared_index, 2);
	lua_setfield(L, -3, "__index");
	sh->mt = lua_gettop(L) - 1;
	sh->map = lua_gettop(L);
}

/* [-1, +1] The table on top -> a proxy with the shared metatable. */
static void
seal_shared(lua_State *L, const struct shared *sh)
{
	lua_newtable(L);				/* t, proxy */
	lua_pushvalue(L, sh->mt);
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_pushvalue(L, -3);
	lua_rawset(L, sh->map);				/* map[proxy] = t */
	lua_remove(L, -2);
}

/* [-0, +1] A proxy with the shared metatable for a table built when it
 * is first read: 'what' of question 'q'. */
static void
seal_lazy(lua_State *L, const struct shared *sh, enum lazy what, size_t q)
{
	lua_newtable(L);
	lua_pushvalue(L, sh->mt);
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_pushinteger(L, (lua_Integer)(q * 2 + what));
	lua_rawset(L, sh->map);
}

/* [-1, +1] The array on top -> its proxy. */
static void
seal_array(lua_State *L)
{
	lua_newtable(L);
	set_ro_metatable(L, -2, 1);
	lua_remove(L, -2);
}

/* [-1, +1] The record or map on top -> its proxy. */
static void
seal_record(lua_State *L)
{
	lua_newtable(L);
	set_ro_metatable(L, -2, 0);
	lua_remove(L, -2);
}

static void
set_str(lua_State *L, const char *key, const char *v)
{
	if (v == NULL)
		return;
	lua_pushstring(L, v);
	lua_setfield(L, -2, key);
}

static void
set_int(lua_State *L, const char *key, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, key);
}

static void
set_num(lua_State *L, const char *key, lua_Number v)
{
	lua_pushnumber(L, v);
	lua_setfield(L, -2, key);
}

static void
set_bool(lua_State *L, const char *key, int v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, key);
}

/* [-0, +1] A plain array of strings. */
static void
push_strs(lua_State *L, const char *const *v, size_t n)
{
	size_t i;

	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* [-0, +1] The ids of a question's audiences, as a plain array. */
static void
push_audience(lua_State *L, const struct survey *s, const struct question *q)
{
	size_t k, n = 0;

	lua_newtable(L);
	for (k = 0; k < s->naud; k++)
		if (q->audience & (1u << k)) {
			lua_pushstring(L, s->aud[k].id);
			lua_rawseti(L, -2, (lua_Integer)++n);
		}
}

static void
push_options(lua_State *L, const struct question *q)
{
	size_t i;

	lua_createtable(L, (int)q->nopts, 0);
	for (i = 0; i < q->nopts; i++) {
		const struct choice *o = &q->opts[i];

		lua_createtable(L, 0, 5);
		set_str(L, "value", o->value);
		set_str(L, "label", o->label);
		if (o->level > 0)
			set_int(L, "level", o->level);
		set_bool(L, "na", o->na);
		set_bool(L, "exclusive", o->exclusive);
		seal_record(L);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	seal_array(L);
}

static void
push_bands(lua_State *L, const struct question *q, const struct shared *sh)
{
	size_t i;

	lua_createtable(L, (int)q->nbands, 0);
	for (i = 0; i < q->nbands; i++) {
		lua_createtable(L, 0, 3);
		set_num(L, "min", q->bands[i].min);
		if (!q->bands[i].open)
			set_num(L, "max", q->bands[i].max);
		set_int(L, "level", q->bands[i].level);
		seal_shared(L, sh);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	seal_array(L);
}

static void
push_question(lua_State *L, const struct survey *s, size_t i,
    const struct shared *sh)
{
	const struct question *q = &s->qs[i];

	lua_createtable(L, 0, 14);
	set_str(L, "id", q->id);
	set_str(L, "dimension", s->dims[q->dim].id);
	set_str(L, "type", survey_type_name(q->type));
	set_str(L, "text", q->text);
	seal_lazy(L, sh, LAZY_AUDIENCE, i);
	lua_setfield(L, -2, "audience");
	if (q->gate == GATE_ANCHOR)
		set_str(L, "gate", "anchor");
	if (q->gate == GATE_THRESHOLD) {
		set_str(L, "gate", "threshold");
		set_int(L, "requires_for", q->gate_level);
	}
	set_bool(L, "required", q->required);
	set_bool(L, "evidence", q->evidence);
	if (q->nopts > 0) {
		push_options(L, q);
		lua_setfield(L, -2, "options");
	}
	if (q->nbands > 0) {
		push_bands(L, q, sh);
		lua_setfield(L, -2, "bands");
	}
	if (q->has_min)
		set_num(L, "min", q->min);
	if (q->has_max)
		set_num(L, "max", q->max);
	seal_lazy(L, sh, LAZY_TAGS, i);
	lua_setfield(L, -2, "tags");
	seal_record(L);
}

static void
push_recs(lua_State *L, const struct dimension *d)
{
	size_t i;

	lua_createtable(L, (int)d->nrecs, 0);
	for (i = 0; i < d->nrecs; i++) {
		lua_createtable(L, 0, 4);
		set_str(L, "id", d->recs[i].id);
		set_int(L, "from_level", d->recs[i].from);
		set_int(L, "to_level", d->recs[i].to);
		set_str(L, "text", d->recs[i].text);
		seal_record(L);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	seal_array(L);
}

static void
push_dimension(lua_State *L, const struct survey *s,
    const struct dimension *d)
{
	size_t i;

	lua_createtable(L, 0, 8);
	set_str(L, "id", d->id);
	set_str(L, "title", d->title);
	set_bool(L, "critical", d->critical);
	set_num(L, "weight", d->weight);
	lua_createtable(L, (int)d->nq, 0);
	for (i = 0; i < d->nq; i++) {
		lua_pushstring(L, s->qs[d->first + i].id);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	seal_array(L);
	lua_setfield(L, -2, "questions");
	push_recs(L, d);
	lua_setfield(L, -2, "recommendations");
	seal_record(L);
}

/* [-0, +1] survey.levels */
static void
push_survey_levels(lua_State *L, const struct survey *s)
{
	size_t i;

	lua_createtable(L, NLEVELS, 0);
	for (i = 0; i < NLEVELS; i++) {
		lua_createtable(L, 0, 3);
		set_int(L, "level", s->levels[i].level);
		set_str(L, "id", s->levels[i].id);
		set_str(L, "label", s->levels[i].label);
		seal_record(L);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	seal_array(L);
}

/* [-0, +0] survey.dimensions and survey.dimension into the table on top. */
static void
set_dimensions(lua_State *L, const struct survey *s)
{
	size_t i;

	lua_createtable(L, (int)s->ndims, 0);		/* survey, dims */
	lua_createtable(L, 0, (int)s->ndims);		/* survey, dims, byid */
	for (i = 0; i < s->ndims; i++) {
		push_dimension(L, s, &s->dims[i]);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, s->dims[i].id);
		lua_rawseti(L, -3, (lua_Integer)i + 1);
	}
	seal_record(L);
	lua_setfield(L, -3, "dimension");
	seal_array(L);
	lua_setfield(L, -2, "dimensions");
}

void
luaconv_push_survey(lua_State *L, struct luaconv_live *lv)
{
	const struct survey *s = lv->s;
	struct shared sh;
	size_t i;

	luaL_checkstack(L, 14, "pushing the survey");
	new_shared(L, lv, &sh);				/* mt, map */
	lua_createtable(L, 0, 8);
	set_str(L, "id", s->id);
	set_str(L, "version", s->version);
	set_str(L, "title", s->title);
	push_survey_levels(L, s);
	lua_setfield(L, -2, "levels");
	set_dimensions(L, s);
	lua_createtable(L, 0, (int)s->nq);
	for (i = 0; i < s->nq; i++) {
		push_question(L, s, i, &sh);
		lua_setfield(L, -2, s->qs[i].id);
	}
	seal_record(L);
	lua_setfield(L, -2, "questions");
	seal_record(L);					/* mt, map, survey */
	lua_replace(L, sh.mt);
	lua_settop(L, sh.mt);
	strictify(L, -1, "questions", lv, ID_QUESTION);
	strictify(L, -1, "dimension", lv, ID_DIMENSION);
}

void
luaconv_push_target(lua_State *L, struct luaconv_live *lv)
{
	const struct survey *s = lv->s;
	const struct target *t = lv->t;
	size_t i, j;

	if (t == NULL) {
		lua_pushnil(L);
		return;
	}
	luaL_checkstack(L, 10, "pushing the target");
	lua_createtable(L, 0, 6);
	set_str(L, "id", t->id);
	set_str(L, "title", t->title);
	set_str(L, "jurisdiction", t->jurisdiction);
	set_str(L, "as_of", t->as_of);
	lua_createtable(L, 0, (int)s->ndims);
	for (i = 0; i < s->ndims; i++) {
		const struct tdim *td = &t->dims[i];

		if (td->level == 0)
			continue;
		lua_createtable(L, 0, 2);
		set_int(L, "target_level", td->level);
		lua_createtable(L, (int)td->n, 0);
		for (j = 0; j < td->n; j++) {
			lua_pushstring(L, t->pr[td->first + j].id);
			lua_rawseti(L, -2, (lua_Integer)j + 1);
		}
		seal_array(L);
		lua_setfield(L, -2, "practices");
		seal_record(L);
		lua_setfield(L, -2, s->dims[i].id);
	}
	seal_record(L);
	lua_setfield(L, -2, "dimensions");
	lua_createtable(L, 0, (int)t->npr);
	for (i = 0; i < t->npr; i++) {
		lua_createtable(L, 0, 4);
		set_str(L, "id", t->pr[i].id);
		set_str(L, "dimension", s->dims[t->pr[i].dim].id);
		set_str(L, "text", t->pr[i].text);
		set_str(L, "source_clause", t->pr[i].clause);
		seal_record(L);
		lua_setfield(L, -2, t->pr[i].id);
	}
	seal_record(L);
	lua_setfield(L, -2, "practices");
	seal_record(L);
	strictify(L, -1, "dimensions", lv, ID_DIMENSION);
	strictify(L, -1, "practices", lv, ID_PRACTICE);
}

/* ==== Pushing an organisation view ==== */

/*
 * The statistics a rule reads are not copied into Lua tables for every
 * organisation.  Once per run, each view (every respondent, or one
 * audience) gets a read-only map from question id to a proxy whose fields
 * are read from the C accumulators of the organisation being scored when
 * the rule asks for them; the proxies are made on first use and reused
 * for every organisation.  Only 'org' itself, its 'roles' and 'by_role'
 * are new tables per call.  The proxies show the organisation of the
 * call in progress; between calls they refuse to be read.
 */

#define VIEWS		"assess.views"
#define FIELDS		"assess.fields"
#define PRACTICES	"assess.practices"
#define QINDEX		"assess.qindex"

enum field { F_ANSWERED, F_NA, F_UNANSWERED, F_SKIPPED, F_EVIDENCED, F_N,
	F_LEVELS, F_MEDIAN, F_MEAN, F_SD, F_OPTIONS, F_VALUE };

static const char *const field_names[] = { "answered", "na", "unanswered",
	"skipped", "evidenced", "n", "levels", "median", "mean", "sd",
	"options", "value", NULL };

/* One question in one view: full userdata, an upvalue of its proxies. */
struct sref {
	struct luaconv_live	*lv;
	int			 view;		/* 0: all; k + 1: audience k */
	int			 q;
};

static const char *
view_name(const struct sref *r)
{
	return r->view == 0 ? "all respondents" : r->lv->s->aud[r->view - 1].id;
}

/* The accumulator a proxy reads now. */
static const struct acc *
live_acc(lua_State *L, const struct sref *r, const struct view **v)
{
	const struct rules_view *in = r->lv->in;
	const struct acc *c;

	if (in == NULL)
		luaL_error(L, "the statistics of %s were kept after the "
		    "score() call that received them", r->lv->s->qs[r->q].id);
	if (r->view == 0) {
		*v = in->v;
		return in->c;
	}
	c = in->oa->role[r->view - 1];
	if (c == NULL || c->respondents < in->anonymity)
		luaL_error(L, "the statistics of role '%s' were kept from "
		    "another organisation's score() call", view_name(r));
	*v = agg_view(in->a, r->view - 1);
	return c;
}

static void
push_levels(lua_State *L, const struct qstat *st)
{
	int i;

	lua_createtable(L, NLEVELS, 0);
	for (i = 0; i < NLEVELS; i++) {
		lua_pushinteger(L, st->level[i]);
		lua_rawseti(L, -2, i + 1);
	}
}

/* How many answers gave a level signal. */
static uint32_t
level_count(const struct qstat *st)
{
	uint32_t n = 0;
	int i;

	for (i = 0; i < NLEVELS; i++)
		n += st->level[i];
	return n;
}

/* n, mean and standard deviation of the level signals. */
static uint32_t
level_stats(const struct qstat *st, double *mean, double *sd)
{
	uint32_t n = 0, k, sum = 0;
	double var = 0;
	int i;

	for (i = 0; i < NLEVELS; i++) {
		n += st->level[i];
		sum += st->level[i] * (uint32_t)(i + 1);
	}
	if (n == 0)
		return 0;
	*mean = (double)sum / n;
	for (i = 0; i < NLEVELS; i++) {
		k = st->level[i];
		var += k * ((i + 1) - *mean) * ((i + 1) - *mean);
	}
	*sd = sqrt(var / n);
	return n;
}

static void
push_numbers(lua_State *L, const struct numstat *ns)
{
	double mean, var;

	lua_createtable(L, 0, 5);
	set_int(L, "n", ns->n);
	if (ns->n > 0) {
		mean = ns->sum / ns->n;
		var = ns->sumsq / ns->n - mean * mean;
		set_num(L, "mean", mean);
		set_num(L, "min", ns->min);
		set_num(L, "max", ns->max);
		set_num(L, "sd", var > 0 ? sqrt(var) : 0);
	}
}

static int
bad_field(lua_State *L, const struct sref *r)
{
	char list[200];
	size_t i, o = 0;

	for (i = 0; field_names[i] != NULL && o < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
		    i ? ", " : "", field_names[i]);
	if (lua_type(L, 2) == LUA_TSTRING)
		return unknown_id(L, "field", lua_tostring(L, 2),
		    r->lv->s->qs[r->q].id, NULL);
	return luaL_error(L, "the statistics of %s have only the fields %s",
	    r->lv->s->qs[r->q].id, list);
}

static int opt_index(lua_State *);
static int opt_pairs(lua_State *);
static void sref_proxy(lua_State *, lua_CFunction, int, lua_CFunction);

/* A statistics proxy's 'options': the option counts' proxy, made the
 * first time it is read and kept as upvalue 3 (false until then); none
 * for a question without options. */
static int
push_options_of(lua_State *L, const struct sref *r)
{
	if (r->lv->s->qs[r->q].nopts == 0)
		return 0;
	if (!lua_toboolean(L, lua_upvalueindex(3))) {
		lua_pushvalue(L, lua_upvalueindex(1));
		sref_proxy(L, opt_index, 1, opt_pairs);
		lua_copy(L, -1, lua_upvalueindex(3));
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(3));
	return 1;
}

/* __index of a question's statistics.  Upvalues: the sref, the field
 * name table, the options proxy (false until first read). */
static int
stat_index(lua_State *L)
{
	const struct sref *r = lua_touserdata(L, lua_upvalueindex(1));
	const struct qstat *st;
	const struct numstat *ns;
	const struct view *v;
	const struct acc *c;
	double mean = 0, sd = 0;
	uint32_t n;

	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER)
		return bad_field(L, r);
	c = live_acc(L, r, &v);
	st = agg_qstat(v, c, r->q);
	switch ((enum field)lua_tointeger(L, -1)) {
	case F_ANSWERED: lua_pushinteger(L, st->answered); return 1;
	case F_NA: lua_pushinteger(L, st->na); return 1;
	case F_UNANSWERED: lua_pushinteger(L, st->unanswered); return 1;
	case F_SKIPPED: lua_pushinteger(L, st->skipped); return 1;
	case F_EVIDENCED: lua_pushinteger(L, st->evidenced); return 1;
	case F_LEVELS: push_levels(L, st); return 1;
	case F_OPTIONS:
		return push_options_of(L, r);
	case F_VALUE:
		if ((ns = agg_numstat(v, c, r->q)) == NULL)
			return 0;
		push_numbers(L, ns);
		return 1;
	case F_N:
		lua_pushinteger(L, level_count(st));
		return 1;
	case F_MEDIAN:
		if (level_count(st) == 0)
			return 0;
		lua_pushinteger(L, agg_lower_median(st));
		return 1;
	default:
		break;
	}
	n = level_stats(st, &mean, &sd);
	switch ((enum field)lua_tointeger(L, -1)) {
	case F_MEAN:
		if (n == 0)
			return 0;
		lua_pushnumber(L, mean);
		return 1;
	default:
		if (n == 0)
			return 0;
		lua_pushnumber(L, sd);
		return 1;
	}
}

static int
snap_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* __pairs of statistics and option counts: a snapshot of the fields that
 * are there now.  Upvalue: the NULL-ended names, as light userdata, or
 * nothing for the option values of the sref at upvalue 1. */
static int
stat_pairs(lua_State *L)
{
	size_t i;

	lua_newtable(L);
	for (i = 0; field_names[i] != NULL; i++) {
		if (lua_getfield(L, 1, field_names[i]) == LUA_TNIL)
			lua_pop(L, 1);
		else
			lua_setfield(L, -2, field_names[i]);
	}
	lua_pushcfunction(L, snap_next);
	lua_insert(L, -2);
	lua_pushnil(L);
	return 3;
}

/* __index of a question's option counts.  Upvalue: the sref. */
static int
opt_index(lua_State *L)
{
	const struct sref *r = lua_touserdata(L, lua_upvalueindex(1));
	const struct question *q = &r->lv->s->qs[r->q];
	const struct view *v;
	const struct acc *c;
	const char *key;
	int k;

	if (lua_type(L, 2) != LUA_TSTRING)
		return 0;
	key = lua_tostring(L, 2);
	if ((k = survey_option(q, key)) < 0)
		return unknown_id(L, "option", key, q->id, near_option(q, key));
	c = live_acc(L, r, &v);
	lua_pushinteger(L, agg_options(v, c, r->q)[k]);
	return 1;
}

static int
opt_pairs(lua_State *L)
{
	const struct sref *r = lua_touserdata(L, lua_upvalueindex(1));
	const struct question *q = &r->lv->s->qs[r->q];
	const struct view *v;
	const struct acc *c = live_acc(L, r, &v);
	const uint32_t *counts = agg_options(v, c, r->q);
	size_t i;

	lua_createtable(L, 0, (int)q->nopts);
	for (i = 0; i < q->nopts; i++) {
		lua_pushinteger(L, counts[i]);
		lua_setfield(L, -2, q->opts[i].value);
	}
	lua_pushcfunction(L, snap_next);
	lua_insert(L, -2);
	lua_pushnil(L);
	return 3;
}

static int
zero_len(lua_State *L)
{
	lua_pushinteger(L, 0);
	return 1;
}

/* [-1, +1] The value on top (the sref) -> an empty table whose metatable
 * has __index = fn(sref, extra...) with 'nextra' values below the sref
 * as further upvalues, and __pairs = pairs_fn(sref). */
static void
sref_proxy(lua_State *L, lua_CFunction index, int nup, lua_CFunction pairs)
{
	int top = lua_gettop(L), sref = top - nup + 1;

	lua_newtable(L);				/* ..., proxy */
	lua_createtable(L, 0, 5);			/* ..., proxy, mt */
	lua_pushvalue(L, sref);
	lua_pushcclosure(L, pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushcfunction(L, ro_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, zero_len);
	lua_setfield(L, -2, "__len");
	lua_pushliteral(L, FROZEN);
	lua_setfield(L, -2, "__metatable");
	lua_rotate(L, sref, 2);				/* proxy, mt, ups... */
	lua_pushcclosure(L, index, nup);		/* proxy, mt, fn */
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);			/* proxy */
	(void)top;
}

/* [-0, +1] The statistics proxy of question 'q' in view 'view'. */
static void
new_stat(lua_State *L, struct luaconv_live *lv, int view, int q)
{
	struct sref *r = lua_newuserdatauv(L, sizeof(*r), 0);

	r->lv = lv;
	r->view = view;
	r->q = q;
	lua_getfield(L, LUA_REGISTRYINDEX, FIELDS);	/* r, fields */
	lua_pushboolean(L, 0);			/* r, fields, (options) */
	sref_proxy(L, stat_index, 3, stat_pairs);
}

static int
in_view(const struct survey *s, int view, int q)
{
	return view == 0 || (s->qs[q].audience & (1u << (view - 1))) != 0;
}

/* __index of a view's question table, for an id it does not hold yet:
 * the statistics proxy, made now and kept; nil for a question outside
 * the view; an error for an id the survey does not have.  Upvalues: the
 * live state, the view, the question index by id. */
static int
view_miss(lua_State *L)
{
	struct luaconv_live *lv = lua_touserdata(L, lua_upvalueindex(1));
	int view = (int)lua_tointeger(L, lua_upvalueindex(2)), q;
	const char *key;

	if (lua_type(L, 2) != LUA_TSTRING)
		return 0;
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(3)) != LUA_TNUMBER) {
		key = lua_tostring(L, 2);
		return unknown_id(L, "question", key, NULL,
		    survey_near_question(lv->s, key));
	}
	q = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (!in_view(lv->s, view, q))
		return 0;
	new_stat(L, lv, view, q);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 1);
	return 1;
}

/* __pairs of a view: make every proxy of the view, then iterate. */
static int
view_pairs(lua_State *L)
{
	struct luaconv_live *lv = lua_touserdata(L, lua_upvalueindex(1));
	int view = (int)lua_tointeger(L, lua_upvalueindex(2));
	size_t i;

	for (i = 0; i < lv->s->nq; i++)
		if (in_view(lv->s, view, (int)i)) {
			lua_getfield(L, 1, lv->s->qs[i].id);
			lua_pop(L, 1);
		}
	return ro_pairs(L);
}

/* [-0, +1] The read-only question map of one view. */
static void
new_view(lua_State *L, struct luaconv_live *lv, int view)
{
	lua_newtable(L);				/* t */
	lua_createtable(L, 0, 1);
	lua_pushlightuserdata(L, lv);
	lua_pushinteger(L, view);
	lua_getfield(L, LUA_REGISTRYINDEX, QINDEX);
	lua_pushcclosure(L, view_miss, 3);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	luaconv_freeze(L);				/* proxy */
	lua_getmetatable(L, -1);
	lua_pushlightuserdata(L, lv);
	lua_pushinteger(L, view);
	lua_pushcclosure(L, view_pairs, 2);
	lua_setfield(L, -2, "__pairs");
	lua_pop(L, 1);
}

/* __index of org.practices.  Upvalues: the live state, id -> index. */
static int
practice_index(lua_State *L)
{
	const struct luaconv_live *lv = lua_touserdata(L, lua_upvalueindex(1));

	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER) {
		if (lua_type(L, 2) != LUA_TSTRING)
			return 0;
		return unknown_id(L, "practice", lua_tostring(L, 2), NULL,
		    near_practice(lv->t, lua_tostring(L, 2)));
	}
	if (lv->in == NULL || lv->in->met == NULL)
		return luaL_error(L, "org.practices was kept after the score() "
		    "call that received it");
	lua_pushboolean(L, lv->in->met[lua_tointeger(L, -1)] == PRACTICE_MET);
	return 1;
}

static int
practice_pairs(lua_State *L)
{
	const struct luaconv_live *lv = lua_touserdata(L, lua_upvalueindex(1));
	size_t j;

	lua_newtable(L);
	for (j = 0; j < lv->t->npr; j++) {
		lua_getfield(L, 1, lv->t->pr[j].id);
		lua_setfield(L, -2, lv->t->pr[j].id);
	}
	lua_pushcfunction(L, snap_next);
	lua_insert(L, -2);
	lua_pushnil(L);
	return 3;
}

static void
new_practices(lua_State *L, struct luaconv_live *lv)
{
	size_t j;

	lua_pushlightuserdata(L, lv);
	lua_createtable(L, 0, (int)lv->t->npr);
	for (j = 0; j < lv->t->npr; j++) {
		lua_pushinteger(L, (lua_Integer)j);
		lua_setfield(L, -2, lv->t->pr[j].id);
	}
	lua_pushlightuserdata(L, lv);			/* lv, ids, lv */
	lua_rotate(L, -3, 1);				/* lv, lv, ids */
	sref_proxy(L, practice_index, 2, practice_pairs);
	lua_remove(L, -2);
}

void
luaconv_prepare_views(lua_State *L, struct luaconv_live *lv)
{
	size_t k;

	luaL_checkstack(L, 12, "preparing the organisation views");
	lua_createtable(L, 0, 12);
	for (k = 0; field_names[k] != NULL; k++) {
		lua_pushinteger(L, (lua_Integer)k);
		lua_setfield(L, -2, field_names[k]);
	}
	lua_setfield(L, LUA_REGISTRYINDEX, FIELDS);
	lua_createtable(L, 0, (int)lv->s->nq);
	for (k = 0; k < lv->s->nq; k++) {
		lua_pushinteger(L, (lua_Integer)k);
		lua_setfield(L, -2, lv->s->qs[k].id);
	}
	lua_setfield(L, LUA_REGISTRYINDEX, QINDEX);
	lua_createtable(L, (int)lv->s->naud + 1, 0);
	for (k = 0; k <= lv->s->naud; k++) {
		new_view(L, lv, (int)k);
		lua_rawseti(L, -2, (lua_Integer)k + 1);
	}
	lua_setfield(L, LUA_REGISTRYINDEX, VIEWS);
	if (lv->t != NULL) {
		new_practices(L, lv);
		lua_setfield(L, LUA_REGISTRYINDEX, PRACTICES);
	}
}

void
luaconv_push_view(lua_State *L, const struct luaconv_live *lv)
{
	const struct rules_view *in = lv->in;
	const struct survey *s = lv->s;
	size_t k;

	luaL_checkstack(L, 12, "pushing an organisation");
	lua_createtable(L, 0, 6);
	set_str(L, "id", in->org);
	set_int(L, "respondents", in->c->respondents);
	lua_newtable(L);
	for (k = 0; k < s->naud; k++)
		if (in->oa->role[k] != NULL)
			set_int(L, s->aud[k].id, in->oa->role[k]->respondents);
	lua_setfield(L, -2, "roles");
	lua_getfield(L, LUA_REGISTRYINDEX, VIEWS);	/* org, views */
	lua_rawgeti(L, -1, 1);
	lua_setfield(L, -3, "questions");
	lua_newtable(L);				/* org, views, by_role */
	for (k = 0; k < s->naud; k++) {
		if (in->oa->role[k] == NULL ||
		    in->oa->role[k]->respondents < in->anonymity)
			continue;
		lua_createtable(L, 0, 2);
		set_int(L, "respondents", in->oa->role[k]->respondents);
		lua_rawgeti(L, -3, (lua_Integer)k + 2);
		lua_setfield(L, -2, "questions");
		lua_setfield(L, -2, s->aud[k].id);
	}
	lua_setfield(L, -3, "by_role");
	lua_pop(L, 1);
	if (lv->t != NULL && in->met != NULL) {
		lua_getfield(L, LUA_REGISTRYINDEX, PRACTICES);
		lua_setfield(L, -2, "practices");
	}
}

/* ==== Reading a result ==== */

struct rd {
	lua_State		*L;
	const char		*who;
	const struct survey	*s;
	struct result		*res;
	/* the field being read, "head[.name][.sub][[index]]", put
	 * together only for a message; 'cut': name at most 40 bytes */
	const char		*head, *name, *sub;
	size_t			 index;
	int			 cut;
};

static int bad(struct rd *, const char *, ...) AS_PRINTF(2, 3);

static int
bad(struct rd *rd, const char *fmt, ...)
{
	char msg[400], path[160], index[32] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rd->index > 0)
		snprintf(index, sizeof(index), "[%zu]", rd->index);
	snprintf(path, sizeof(path), "%s%s%.*s%s%s%s", rd->head,
	    rd->name ? "." : "", rd->cut ? 40 : (int)sizeof(path),
	    rd->name ? rd->name : "", rd->sub ? "." : "", rd->sub ? rd->sub :
	    "", index);
	return luaL_error(rd->L, "%s: score() returned an invalid result: "
	    "%s %s", rd->who, path, msg);
}

static void
at(struct rd *rd, const char *head, const char *name, const char *sub,
    size_t index)
{
	rd->head = head;
	rd->name = name;
	rd->sub = sub;
	rd->index = index;
	rd->cut = 0;
}

/* Every key of the table at 'idx' must be a string in 'allowed'. */
static void
only_keys(struct rd *rd, int idx, const char *const *allowed)
{
	size_t i;

	idx = lua_absindex(rd->L, idx);
	lua_pushnil(rd->L);
	while (lua_next(rd->L, idx)) {
		lua_pop(rd->L, 1);
		if (lua_type(rd->L, -1) != LUA_TSTRING)
			bad(rd, "has a key that is not a string");
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(lua_tostring(rd->L, -1), allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			bad(rd, "has an unknown field '%.40s'",
			    lua_tostring(rd->L, -1));
	}
}

/* Copy the string at 'idx' (field 'key' of the current path). */
static const char *
copy_text(struct rd *rd, int idx, const char *key, size_t max)
{
	size_t len;
	const char *s = lua_tolstring(rd->L, idx, &len);
	const char *p;

	if (len == 0)
		bad(rd, "field '%s' is empty", key);
	if (len > max)
		bad(rd, "field '%s' is %zu bytes long; the limit is %zu", key,
		    len, max);
	if (!utf8_valid(s, len, NULL))
		bad(rd, "field '%s' is not valid UTF-8", key);
	if (memchr(s, '\0', len) != NULL)
		bad(rd, "field '%s' contains a NUL byte", key);
	if ((p = result_intern(rd->res, s, len)) == NULL)
		luaL_error(rd->L, "out of memory");
	return p;
}

/* Field 'key' of the table at 'idx' as a string (NULL if nil and
 * optional). */
static const char *
get_text(struct rd *rd, int idx, const char *key, int required, size_t max)
{
	const char *v = NULL;
	int t = lua_getfield(rd->L, idx, key);

	if (t == LUA_TNIL && !required) {
		lua_pop(rd->L, 1);
		return NULL;
	}
	if (t != LUA_TSTRING)
		bad(rd, "field '%s' must be a string, not a %s value", key,
		    lua_typename(rd->L, t));
	v = copy_text(rd, -1, key, max);
	lua_pop(rd->L, 1);
	return v;
}

/* Field 'key' as an integer in [min, max]; 0 when nil and optional. */
static int
get_int(struct rd *rd, int idx, const char *key, int required, int min,
    int max)
{
	int t = lua_getfield(rd->L, idx, key), isint = 0;
	lua_Integer v = lua_tointegerx(rd->L, -1, &isint);

	lua_pop(rd->L, 1);
	if (t == LUA_TNIL && !required)
		return 0;
	if (t != LUA_TNUMBER || !isint || v < min || v > max)
		bad(rd, "field '%s' must be an integer from %d to %d", key, min,
		    max);
	return (int)v;
}

static const char *
check_ident(struct rd *rd, int idx)
{
	size_t len;
	const char *s;

	if (lua_type(rd->L, idx) != LUA_TSTRING)
		bad(rd, "must hold strings, not %s",
		    luaL_typename(rd->L, idx));
	s = lua_tolstring(rd->L, idx, &len);
	if (strlen(s) != len || !jdoc_is_ident(s))	/* no NUL inside */
		bad(rd, "holds '%.40s', which is not an identifier", s);
	return s;
}

/* An optional array of question ids at field 'key'. */
static void
get_qids(struct rd *rd, int idx, const char *key, struct r_strs *out)
{
	lua_Integer i, n;

	out->v = NULL;
	out->n = 0;
	if (lua_getfield(rd->L, idx, key) == LUA_TNIL) {
		lua_pop(rd->L, 1);
		return;
	}
	if (!lua_istable(rd->L, -1))
		bad(rd, "field '%s' must be an array of question ids", key);
	n = luaL_len(rd->L, -1);
	if (n > 1000)
		bad(rd, "field '%s' has more than 1000 entries", key);
	if (n > 0 && (out->v = arena_alloc(&rd->res->arena, (size_t)n *
	    sizeof(*out->v))) == NULL)
		luaL_error(rd->L, "out of memory");
	for (i = 1; i <= n; i++) {
		const char *id;

		lua_geti(rd->L, -1, i);
		id = check_ident(rd, -1);
		if (survey_question(rd->s, id) < 0)
			bad(rd, "field '%s' names '%.40s', which is not a "
			    "question of the survey", key, id);
		out->v[out->n++] = copy_text(rd, -1, key, 64);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
}

static void
read_dim(struct rd *rd, int idx, const struct dimension *d, struct r_dim *out)
{
	static const char *const keys[] = { "level", "score", "capped_by",
	    NULL };
	char why[96];
	int t;

	at(rd, "dimensions", d->id, NULL, 0);
	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	out->level = get_int(rd, idx, "level", 0, 1, NLEVELS);
	t = lua_getfield(rd->L, idx, "score");
	if (out->level == 0 && t != LUA_TNIL)
		bad(rd, "has a score but no level");
	if (out->level != 0) {
		lua_Number v = lua_tonumber(rd->L, -1);

		if (t != LUA_TNUMBER || !isfinite(v) || v < 0 || v > 100)
			bad(rd, "field 'score' must be a number from 0 to 100");
		out->score = v == 0 ? 0 : v;	/* -0.0 would print "-0.0" */
		if (result_score_fits(out->level, out->score, why,
		    sizeof(why)) != 0)
			bad(rd, "field 'score' %s", why);
	}
	lua_pop(rd->L, 1);
	get_qids(rd, idx, "capped_by", &out->capped_by);
}

/* Every key of the table at 'idx' is a dimension id of the survey. */
static void
only_dims(struct rd *rd, int idx)
{
	lua_pushnil(rd->L);
	while (lua_next(rd->L, idx)) {
		lua_pop(rd->L, 1);
		if (lua_type(rd->L, -1) != LUA_TSTRING ||
		    survey_dimension(rd->s, lua_tostring(rd->L, -1)) < 0)
			bad(rd, "has an entry that is not a dimension of the "
			    "survey");
	}
}

/* The 'dimensions' table: one entry per survey dimension, nothing else. */
static int
dims_table(struct rd *rd, int idx)
{
	size_t i;

	at(rd, "dimensions", NULL, NULL, 0);
	if (lua_getfield(rd->L, idx, "dimensions") != LUA_TTABLE)
		bad(rd, "must be a table keyed by dimension id");
	only_dims(rd, lua_gettop(rd->L));
	for (i = 0; i < rd->s->ndims; i++) {
		if (lua_getfield(rd->L, -1, rd->s->dims[i].id) == LUA_TNIL)
			bad(rd, "has no entry for dimension '%s'",
			    rd->s->dims[i].id);
		lua_pop(rd->L, 1);
	}
	return lua_gettop(rd->L);
}

static const char *const severities[] = { "high", "medium", "low", "info",
	NULL };

static void
read_finding(struct rd *rd, int idx, struct r_finding *f)
{
	static const char *const keys[] = { "id", "severity", "dimension",
	    "text", "evidence", NULL };
	size_t i;

	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	lua_getfield(rd->L, idx, "id");
	f->id = copy_text(rd, -1, "id", 64);
	check_ident(rd, -1);
	lua_pop(rd->L, 1);
	f->severity = get_text(rd, idx, "severity", 1, 16);
	for (i = 0; severities[i] != NULL; i++)
		if (strcmp(f->severity, severities[i]) == 0)
			break;
	if (severities[i] == NULL)
		bad(rd, "field 'severity' must be high, medium, low or info");
	f->severity = severities[i];
	f->dimension = get_text(rd, idx, "dimension", 0, 64);
	if (f->dimension != NULL && survey_dimension(rd->s, f->dimension) < 0)
		bad(rd, "field 'dimension' is not a dimension of the survey");
	f->text = get_text(rd, idx, "text", 1, TEXT_MAX);
	get_qids(rd, idx, "evidence", &f->evidence);
}

static void
read_rec(struct rd *rd, int idx, struct r_rec *r)
{
	static const char *const keys[] = { "id", "dimension", "priority",
	    "from_level", "to_level", "text", "evidence", NULL };

	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	lua_getfield(rd->L, idx, "id");
	r->id = copy_text(rd, -1, "id", 64);
	check_ident(rd, -1);
	lua_pop(rd->L, 1);
	r->dimension = get_text(rd, idx, "dimension", 1, 64);
	if (survey_dimension(rd->s, r->dimension) < 0)
		bad(rd, "field 'dimension' is not a dimension of the survey");
	r->priority = get_int(rd, idx, "priority", 1, 1, 5);
	r->from = get_int(rd, idx, "from_level", 1, 1, NLEVELS - 1);
	r->to = get_int(rd, idx, "to_level", 1, 2, NLEVELS);
	if (r->to <= r->from)
		bad(rd, "field 'to_level' must be above 'from_level'");
	r->text = get_text(rd, idx, "text", 1, TEXT_MAX);
	get_qids(rd, idx, "evidence", &r->evidence);
}

/* An optional array field; returns its length (0 if nil) with the table
 * left on the stack (nil pushed when absent). */
static lua_Integer
array_field(struct rd *rd, int idx, const char *key, lua_Integer limit)
{
	lua_Integer n;
	int t = lua_getfield(rd->L, idx, key);

	at(rd, key, NULL, NULL, 0);
	if (t == LUA_TNIL)
		return 0;
	if (t != LUA_TTABLE)
		bad(rd, "must be an array");
	n = luaL_len(rd->L, -1);
	if (n < 0 || n > limit)
		bad(rd, "has more than %d entries", (int)limit);
	return n;
}

static void *
alloc_array(struct rd *rd, lua_Integer n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	if ((p = arena_alloc(&rd->res->arena, (size_t)n * size)) == NULL)
		luaL_error(rd->L, "out of memory");
	return p;
}

static void
read_lists(struct rd *rd, int idx, struct r_org *out)
{
	lua_Integer i, n;

	n = array_field(rd, idx, "findings", 1000);
	out->findings = alloc_array(rd, n, sizeof(*out->findings));
	for (i = 1; i <= n; i++, out->nfindings++) {
		at(rd, "findings", NULL, NULL, (size_t)i);
		lua_geti(rd->L, -1, i);
		read_finding(rd, lua_gettop(rd->L), &out->findings[i - 1]);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
	n = array_field(rd, idx, "recommendations", 1000);
	out->recs = alloc_array(rd, n, sizeof(*out->recs));
	for (i = 1; i <= n; i++, out->nrecs++) {
		at(rd, "recommendations", NULL, NULL, (size_t)i);
		lua_geti(rd->L, -1, i);
		read_rec(rd, lua_gettop(rd->L), &out->recs[i - 1]);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
}

static void
read_flags(struct rd *rd, int idx, struct r_org *out)
{
	lua_Integer i, n = array_field(rd, idx, "flags", 100);
	size_t j;

	out->flags.v = alloc_array(rd, n, sizeof(*out->flags.v));
	for (i = 1; i <= n; i++) {
		const char *f;

		lua_geti(rd->L, -1, i);
		f = check_ident(rd, -1);
		for (j = 0; j < out->flags.n; j++)
			if (strcmp(out->flags.v[j], f) == 0)
				break;
		if (j == out->flags.n)
			out->flags.v[out->flags.n++] = copy_text(rd, -1, "flags", 64);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
}

static void
read_headline(struct rd *rd, int idx, struct r_org *out)
{
	static const char *const keys[] = { "level", "basis", NULL };

	at(rd, "headline", NULL, NULL, 0);
	if (lua_getfield(rd->L, idx, "headline") != LUA_TTABLE)
		bad(rd, "must be a table with 'level' and 'basis'");
	only_keys(rd, -1, keys);
	out->headline = get_int(rd, lua_gettop(rd->L), "level", 0, 1, NLEVELS);
	out->basis = get_text(rd, lua_gettop(rd->L), "basis", 1, TEXT_MAX);
	lua_pop(rd->L, 1);
}

/* The 'roles' table: { role = { DIM = level, ... } } for roles shown. */
static void
read_roles(struct rd *rd, int idx, struct r_org *out)
{
	size_t i, j;

	at(rd, "roles", NULL, NULL, 0);
	if (lua_getfield(rd->L, idx, "roles") == LUA_TNIL) {
		lua_pop(rd->L, 1);
		return;
	}
	if (!lua_istable(rd->L, -1))
		bad(rd, "must be a table keyed by role");
	lua_pushnil(rd->L);
	while (lua_next(rd->L, -2)) {			/* roles, k, v */
		const char *id = lua_type(rd->L, -2) == LUA_TSTRING ?
		    lua_tostring(rd->L, -2) : "";
		struct r_role *rl = NULL;

		for (i = 0; i < out->nroles; i++)
			if (strcmp(out->roles[i].id, id) == 0)
				rl = &out->roles[i];
		at(rd, "roles", id, NULL, 0);
		rd->cut = 1;
		if (rl == NULL) {
			bad(rd, "is not a role of this organisation's "
			    "respondents");
			continue;	/* not reached: bad() raises */
		}
		if (rl->suppressed)
			bad(rd, "has fewer respondents than the anonymity "
			    "threshold; its levels may not be reported");
		if (!lua_istable(rd->L, -1))
			bad(rd, "must be a table of levels keyed by dimension");
		only_dims(rd, lua_gettop(rd->L));
		for (j = 0; j < rd->s->ndims; j++)
			rl->levels[j] = get_int(rd, lua_gettop(rd->L),
			    rd->s->dims[j].id, 0, 1, NLEVELS);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
}

void
luaconv_to_org(lua_State *L, int idx, const char *who,
    const struct survey *s, struct result *res, struct r_org *out)
{
	static const char *const keys[] = { "dimensions", "headline",
	    "findings", "recommendations", "flags", "roles", NULL };
	struct rd rd = { L, who, s, res, "", NULL, NULL, 0, 0 };
	size_t i;
	int dims;

	idx = lua_absindex(L, idx);
	at(&rd, "the result", NULL, NULL, 0);
	if (!lua_istable(L, idx))
		bad(&rd, "must be a table");
	only_keys(&rd, idx, keys);
	dims = dims_table(&rd, idx);
	for (i = 0; i < s->ndims; i++) {
		struct r_dim *d = &out->dims[i];

		lua_getfield(L, dims, s->dims[i].id);
		read_dim(&rd, lua_gettop(L), &s->dims[i], d);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	read_headline(&rd, idx, out);
	read_lists(&rd, idx, out);
	read_flags(&rd, idx, out);
	read_roles(&rd, idx, out);
}

/* ==== Reading an explain trace ==== */

/* One traced answer into its question's slot of 'x' (survey order). */
static void
read_xanswer(struct rd *rd, int idx, const struct dimension *d,
    struct r_xdim *x)
{
	static const char *const keys[] = { "question", "counted", "reason",
	    "signal", "respondents", NULL };
	struct r_xanswer *a;
	const char *id;
	int q;

	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	lua_getfield(rd->L, idx, "question");
	id = check_ident(rd, -1);
	q = survey_question(rd->s, id);
	if (q < 0 || (size_t)q < d->first || (size_t)q >= d->first + d->nq)
		bad(rd, "names '%.40s', which is not a question of %s", id,
		    d->id);
	a = &x->answers[(size_t)q - d->first];
	if (a->question != NULL)
		bad(rd, "names %s a second time", id);
	a->question = copy_text(rd, -1, "question", 64);
	lua_pop(rd->L, 1);
	lua_getfield(rd->L, idx, "counted");
	a->counted = lua_toboolean(rd->L, -1);
	lua_pop(rd->L, 1);
	a->reason = get_text(rd, idx, "reason", 1, 64);
	a->signal = get_int(rd, idx, "signal", 0, 1, NLEVELS);
	a->respondents = (unsigned)get_int(rd, idx, "respondents", 1, 0,
	    INT_MAX);
}

static void
read_xstep(struct rd *rd, int idx, struct r_xstep *st)
{
	static const char *const keys[] = { "step", "value", "why", NULL };
	lua_Number v;
	int t;

	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	st->step = get_text(rd, idx, "step", 1, 64);
	st->why = get_text(rd, idx, "why", 1, 2000);
	t = lua_getfield(rd->L, idx, "value");
	v = lua_tonumber(rd->L, -1);
	lua_pop(rd->L, 1);
	if (t != LUA_TNIL && (t != LUA_TNUMBER || !isfinite(v) ||
	    fabs(v) > 1e9))
		bad(rd, "field 'value' must be a number from -1e9 to 1e9");
	st->has_value = t != LUA_TNIL;
	st->value = t == LUA_TNIL || v == 0 ? 0 : v;
}

/* The array at field 'key' of the table at 'idx': its length, pushed. */
static size_t
xlist(struct rd *rd, int idx, const char *key, size_t max)
{
	lua_Integer n;

	if (lua_getfield(rd->L, idx, key) != LUA_TTABLE)
		bad(rd, "field '%s' must be an array", key);
	n = luaL_len(rd->L, -1);
	if (n < 0 || (size_t)n > max)
		bad(rd, "field '%s' has more than %zu entries", key, max);
	return (size_t)n;
}

static void *
xalloc(struct rd *rd, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	if ((p = arena_alloc(&rd->res->arena, n * size)) == NULL)
		luaL_error(rd->L, "out of memory");
	memset(p, 0, n * size);
	return p;
}

static void
read_xdim(struct rd *rd, int idx, const struct dimension *d,
    struct r_xdim *x)
{
	static const char *const keys[] = { "answers", "steps", NULL };
	size_t i, n;

	at(rd, "explain", d->id, NULL, 0);
	if (!lua_istable(rd->L, idx))
		bad(rd, "must be a table");
	only_keys(rd, idx, keys);
	x->id = d->id;
	x->nanswers = d->nq;
	x->answers = xalloc(rd, d->nq, sizeof(*x->answers));
	n = xlist(rd, idx, "answers", d->nq);
	for (i = 0; i < n; i++) {
		at(rd, "explain", d->id, "answers", i + 1);
		lua_geti(rd->L, -1, (lua_Integer)i + 1);
		read_xanswer(rd, lua_gettop(rd->L), d, x);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
	at(rd, "explain", d->id, NULL, 0);
	for (i = 0; i < d->nq; i++)
		if (x->answers[i].question == NULL)
			bad(rd, "does not list %s", rd->s->qs[d->first + i].id);
	x->nsteps = xlist(rd, idx, "steps", 200);
	x->steps = xalloc(rd, x->nsteps, sizeof(*x->steps));
	for (i = 0; i < x->nsteps; i++) {
		at(rd, "explain", d->id, "steps", i + 1);
		lua_geti(rd->L, -1, (lua_Integer)i + 1);
		read_xstep(rd, lua_gettop(rd->L), &x->steps[i]);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
}

void
luaconv_to_explain(lua_State *L, int idx, const char *who,
    const struct survey *s, struct result *res, struct r_org *out)
{
	struct rd rd = { L, who, s, res, "explain", NULL, NULL, 0, 0 };
	size_t i;

	idx = lua_absindex(L, idx);
	out->explain = xalloc(&rd, s->ndims, sizeof(*out->explain));
	only_dims(&rd, idx);
	for (i = 0; i < s->ndims; i++) {
		if (lua_getfield(L, idx, s->dims[i].id) != LUA_TNIL)
			read_xdim(&rd, lua_gettop(L), &s->dims[i],
			    &out->explain[i]);
		lua_pop(L, 1);
	}
}
