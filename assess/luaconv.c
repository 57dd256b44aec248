/*
 * luaconv.c - C <-> Lua conversion for the rule sandbox.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "jdoc.h"
#include "luaconv.h"
#include "score.h"
#include "utf8.h"


/* ==== Read-only proxies ==== */

static int
ro_newindex(lua_State *L)
{
	return luaL_error(L, "attempt to modify a read-only table");
}

/* The table a proxy stands for: its metatable's __index. */
static void
push_original(lua_State *L, int proxy)
{
	if (!lua_getmetatable(L, proxy) ||
	    lua_getfield(L, -1, "__index") != LUA_TTABLE)
		luaL_error(L, "not a read-only table");
	lua_remove(L, -2);
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
	lua_createtable(L, 0, 5);			/* t, proxy, mt */
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, ro_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, ro_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, ro_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, FROZEN);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* t, proxy */
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

/* ==== Pushing the survey and target ==== */

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
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static void
push_bands(lua_State *L, const struct question *q)
{
	size_t i;

	lua_createtable(L, (int)q->nbands, 0);
	for (i = 0; i < q->nbands; i++) {
		lua_createtable(L, 0, 3);
		set_num(L, "min", q->bands[i].min);
		if (!q->bands[i].open)
			set_num(L, "max", q->bands[i].max);
		set_int(L, "level", q->bands[i].level);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static void
push_question(lua_State *L, const struct survey *s, const struct question *q)
{
	size_t k, n = 0;

	lua_createtable(L, 0, 14);
	set_str(L, "id", q->id);
	set_str(L, "dimension", s->dims[q->dim].id);
	set_str(L, "type", survey_type_name(q->type));
	set_str(L, "text", q->text);
	lua_newtable(L);
	for (k = 0; k < s->naud; k++)
		if (q->audience & (1u << k)) {
			lua_pushstring(L, s->aud[k].id);
			lua_rawseti(L, -2, (lua_Integer)++n);
		}
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
		push_bands(L, q);
		lua_setfield(L, -2, "bands");
	}
	if (q->has_min)
		set_num(L, "min", q->min);
	if (q->has_max)
		set_num(L, "max", q->max);
	push_strs(L, q->tags.v, q->tags.n);
	lua_setfield(L, -2, "tags");
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
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
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
	lua_setfield(L, -2, "questions");
	push_recs(L, d);
	lua_setfield(L, -2, "recommendations");
}

void
luaconv_push_survey(lua_State *L, const struct survey *s)
{
	size_t i;

	luaL_checkstack(L, 12, "pushing the survey");
	lua_createtable(L, 0, 8);
	set_str(L, "id", s->id);
	set_str(L, "version", s->version);
	set_str(L, "title", s->title);
	lua_createtable(L, NLEVELS, 0);
	for (i = 0; i < NLEVELS; i++) {
		lua_createtable(L, 0, 3);
		set_int(L, "level", s->levels[i].level);
		set_str(L, "id", s->levels[i].id);
		set_str(L, "label", s->levels[i].label);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "levels");
	lua_createtable(L, (int)s->ndims, 0);		/* survey, dims */
	lua_createtable(L, 0, (int)s->ndims);		/* survey, dims, byid */
	for (i = 0; i < s->ndims; i++) {
		push_dimension(L, s, &s->dims[i]);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, s->dims[i].id);
		lua_rawseti(L, -3, (lua_Integer)i + 1);
	}
	lua_setfield(L, -3, "dimension");
	lua_setfield(L, -2, "dimensions");
	lua_createtable(L, 0, (int)s->nq);
	for (i = 0; i < s->nq; i++) {
		push_question(L, s, &s->qs[i]);
		lua_setfield(L, -2, s->qs[i].id);
	}
	lua_setfield(L, -2, "questions");
	luaconv_freeze(L);
}

void
luaconv_push_target(lua_State *L, const struct survey *s,
    const struct target *t)
{
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
		lua_setfield(L, -2, "practices");
		lua_setfield(L, -2, s->dims[i].id);
	}
	lua_setfield(L, -2, "dimensions");
	lua_createtable(L, 0, (int)t->npr);
	for (i = 0; i < t->npr; i++) {
		lua_createtable(L, 0, 4);
		set_str(L, "id", t->pr[i].id);
		set_str(L, "dimension", s->dims[t->pr[i].dim].id);
		set_str(L, "text", t->pr[i].text);
		set_str(L, "source_clause", t->pr[i].clause);
		lua_setfield(L, -2, t->pr[i].id);
	}
	lua_setfield(L, -2, "practices");
	luaconv_freeze(L);
}

/* ==== Pushing an organisation view ==== */

static void
push_levels(lua_State *L, const struct qstat *st)
{
	uint32_t n = 0, k, sum = 0;
	double mean, var = 0;
	int i;

	lua_createtable(L, NLEVELS, 0);
	for (i = 0; i < NLEVELS; i++) {
		lua_pushinteger(L, st->level[i]);
		lua_rawseti(L, -2, i + 1);
		n += st->level[i];
		sum += st->level[i] * (uint32_t)(i + 1);
	}
	lua_setfield(L, -2, "levels");
	set_int(L, "n", n);
	if (n == 0)
		return;
	mean = (double)sum / n;
	for (i = 0; i < NLEVELS; i++) {
		k = st->level[i];
		var += k * ((i + 1) - mean) * ((i + 1) - mean);
	}
	set_int(L, "median", agg_lower_median(st));
	set_num(L, "mean", mean);
	set_num(L, "sd", sqrt(var / n));
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
	lua_setfield(L, -2, "value");
}

static void
push_qstat(lua_State *L, const struct question *q, const struct rules_view *in,
    int qi)
{
	const struct qstat *st = agg_qstat(in->v, in->c, qi);
	const struct numstat *ns = agg_numstat(in->v, in->c, qi);
	const uint32_t *opts = agg_options(in->v, in->c, qi);
	size_t i;

	lua_createtable(L, 0, 12);
	set_int(L, "answered", st->answered);
	set_int(L, "na", st->na);
	set_int(L, "unanswered", st->unanswered);
	set_int(L, "skipped", st->skipped);
	set_int(L, "evidenced", st->evidenced);
	push_levels(L, st);
	if (q->nopts > 0) {
		lua_createtable(L, 0, (int)q->nopts);
		for (i = 0; i < q->nopts; i++) {
			lua_pushinteger(L, opts[i]);
			lua_setfield(L, -2, q->opts[i].value);
		}
		lua_setfield(L, -2, "options");
	}
	if (ns != NULL)
		push_numbers(L, ns);
}

/* [-0, +1] The statistics of every question of a view, by id. */
static void
push_questions(lua_State *L, const struct survey *s,
    const struct rules_view *in)
{
	size_t j;

	lua_createtable(L, 0, (int)in->v->nq);
	for (j = 0; j < in->v->nq; j++) {
		int qi = in->v->qidx[j];

		push_qstat(L, &s->qs[qi], in, qi);
		lua_setfield(L, -2, s->qs[qi].id);
	}
}

void
luaconv_push_view(lua_State *L, const struct survey *s,
    const struct target *t, const struct rules_view *in)
{
	size_t j, k;

	luaL_checkstack(L, 12, "pushing an organisation");
	lua_createtable(L, 0, 6);
	set_str(L, "id", in->org);
	set_int(L, "respondents", in->c->respondents);
	lua_newtable(L);
	for (k = 0; k < s->naud; k++)
		if (in->oa->role[k] != NULL)
			set_int(L, s->aud[k].id, in->oa->role[k]->respondents);
	lua_setfield(L, -2, "roles");
	push_questions(L, s, in);
	lua_setfield(L, -2, "questions");
	lua_newtable(L);
	for (k = 0; k < s->naud; k++) {
		struct rules_view rv = *in;

		if (in->oa->role[k] == NULL ||
		    in->oa->role[k]->respondents < in->anonymity)
			continue;
		rv.v = agg_view(in->a, (int)k);
		rv.c = in->oa->role[k];
		lua_createtable(L, 0, 2);
		set_int(L, "respondents", rv.c->respondents);
		push_questions(L, s, &rv);
		lua_setfield(L, -2, "questions");
		lua_setfield(L, -2, s->aud[k].id);
	}
	lua_setfield(L, -2, "by_role");
	if (t != NULL && in->met != NULL) {
		lua_createtable(L, 0, (int)t->npr);
		for (j = 0; j < t->npr; j++) {
			lua_pushboolean(L, in->met[j] == PRACTICE_MET);
			lua_setfield(L, -2, t->pr[j].id);
		}
		lua_setfield(L, -2, "practices");
	}
}

/* ==== Reading a result ==== */

struct rd {
	lua_State		*L;
	const char		*who;
	const struct survey	*s;
	struct result		*res;
	char			 path[160];	/* field being read */
};

static int bad(struct rd *, const char *, ...) AS_PRINTF(2, 3);
static void at(struct rd *, const char *, ...) AS_PRINTF(2, 3);

static int
bad(struct rd *rd, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return luaL_error(rd->L, "%s: score() returned an invalid result: "
	    "%s %s", rd->who, rd->path, msg);
}

static void
at(struct rd *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rd->path, sizeof(rd->path), fmt, ap);
	va_end(ap);
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
	int t;

	at(rd, "dimensions.%s", d->id);
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

	at(rd, "%s", "dimensions");
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

	at(rd, "%s", key);
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
		at(rd, "findings[%d]", (int)i);
		lua_geti(rd->L, -1, i);
		read_finding(rd, lua_gettop(rd->L), &out->findings[i - 1]);
		lua_pop(rd->L, 1);
	}
	lua_pop(rd->L, 1);
	n = array_field(rd, idx, "recommendations", 1000);
	out->recs = alloc_array(rd, n, sizeof(*out->recs));
	for (i = 1; i <= n; i++, out->nrecs++) {
		at(rd, "recommendations[%d]", (int)i);
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

	at(rd, "%s", "headline");
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

	at(rd, "%s", "roles");
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
		at(rd, "roles.%.40s", id);
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
	struct rd rd = { L, who, s, res, "" };
	size_t i;
	int dims;

	idx = lua_absindex(L, idx);
	at(&rd, "%s", "the result");
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
