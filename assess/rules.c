/*
 * rules.c - the Lua sandbox: state, limits, loading, calling.
 *
 * Limits, each independent of the others:
 *   memory        a counting allocator refuses growth past the cap; the
 *                 refusal also arms the hook, so a script that catches the
 *                 memory error with pcall is stopped at its next step;
 *   instructions  (only when a budget is set: off by default) a count
 *                 hook spends a per-call budget; once it runs out the hook
 *                 re-arms itself to fire on every instruction and raises
 *                 each time, so pcall cannot swallow it.  Any count hook
 *                 makes Lua trace every instruction, whatever its interval,
 *                 so without a budget no hook is set until a limit trips;
 *   time          a POSIX timer on the CPU-time clock of the thread that
 *                 runs the rule (CLOCK_THREAD_CPUTIME_ID), delivered to
 *                 that thread (SIGEV_THREAD_ID) as SIGALRM, arms the same
 *                 hook once the call has used its CPU time (Lua's own lua.c
 *                 does this for Ctrl-C); if Lua does not get control back
 *                 within half a second more of CPU (a slow string pattern
 *                 runs entirely in C), the handler writes a prepared
 *                 message and ends the process with status 1.  CPU time,
 *                 not wall-clock time: a loaded machine does not stop a
 *                 rule early, and every thread's rules have their own
 *                 clock.  The signal carries its rules object, so each
 *                 thread's watchdog stops only its own rule.
 * No report has been written at that point, so nothing partial is left.
 */
#define _GNU_SOURCE 1	/* SIGEV_THREAD_ID, gettid() */

#include <sys/syscall.h>
#include <sys/time.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "buf.h"
#include "fsx.h"
#include "luaconv.h"
#include "rules.h"
#include "utf8.h"

#if LUA_VERSION_NUM != 504
#error "assess needs Lua 5.4"
#endif

#define HOOK_EVERY	1000
#define SUBJECT_MAX	65536
#define PATTERN_MAX	512
#define LOG_MAX		200
#define TRACE		"assess.trace"		/* registry: the trace */
#define TRACE_ORG	"assess.trace.org"	/* and whose it is */

enum trip { TRIP_NONE, TRIP_INSTR, TRIP_MEMORY, TRIP_TIME };

/* Small blocks (see "Memory"): sizes up to POOL_MAX, in classes
 * POOL_STEP apart, carved from one region of POOL_REGION bytes. */
#define POOL_STEP	16
#define POOL_MAX	512
#define POOL_CLASSES	(POOL_MAX / POOL_STEP)
#define POOL_REGION	((size_t)8 << 20)

struct pool {
	void	*free[POOL_CLASSES];	/* freed blocks of each class,
					   linked through their first word */
	char	*base, *next, *end;	/* the region, and its unused part */
};

struct rules {
	lua_State		*L;
	char			*path, *display;
	struct rules_dir	*libdirs;
	size_t			 nlibdirs;
	struct rules_limits	 lim;
	size_t			 used;		/* bytes held by Lua */
	struct pool		 pool;
	long long		 budget;	/* instructions left */
	enum trip		 tripped;
	volatile sig_atomic_t	 alarmed;	/* 1: soft limit, 2: hard */
	volatile sig_atomic_t	 line;		/* last line seen */
	char			 where[200];	/* "file:line" of a trip */
	int			 hooks, survey, target;	/* registry refs */
	const struct survey	*s;
	const struct target	*t;
	struct luaconv_live	 live;		/* what the proxies read */
	rules_log_fn		 log;
	void			*logctx;
	unsigned		 nlog;
	int			 explain;	/* assess.explaining() traces */
	char			 kill_head[300], kill_tail[512];
	struct sigaction	 old_alarm;
	timer_t			 timer;		/* the watchdog, on 'tid' */
	pid_t			 tid;		/* 0: no timer yet */
	volatile sig_atomic_t	 armed;
};

/* The rules objects that exist, so that a late signal for one already
 * freed is told apart (the signal carries the object's address). */
#define LIVE_MAX 256
static struct rules *volatile live[LIVE_MAX];

static struct rules *
get_rules(lua_State *L)
{
	return *(struct rules **)lua_getextraspace(L);
}

/* ==== Memory ==== */

/* "file:line" of the innermost Lua function, or the rule file. */
static void
note_where(struct rules *r, lua_State *L)
{
	lua_Debug ar;
	int level;

	snprintf(r->where, sizeof(r->where), "%s", r->display);
	if (L == NULL)
		return;
	for (level = 0; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			snprintf(r->where, sizeof(r->where), "%s:%d",
			    ar.short_src, ar.currentline);
			return;
		}
}

/*
 * Every organisation's call makes and drops thousands of small Lua
 * objects (tables and their parts, strings, closures), so blocks of up
 * to POOL_MAX bytes are carved from one region and kept on a free list
 * per size class when freed, to be handed out again, instead of going
 * through malloc and free each time.  Lua tells the allocator the size
 * of every block it frees or resizes, so the class of a block is known
 * from its size, and whether it is the pool's from its address.  The
 * region is of a fixed size and blocks beyond it come from malloc, so
 * what the free lists hold (which the limit, counting the bytes Lua
 * holds, does not see) never passes POOL_REGION: a rule that fills one
 * size class after another cannot make the process hold many times the
 * limit.
 */
static size_t
pool_class(size_t n)
{
	return (n - 1) / POOL_STEP;
}

static int
pool_owns(const struct pool *p, const void *b)
{
	return (uintptr_t)b - (uintptr_t)p->base < POOL_REGION &&
	    p->base != NULL;
}

static void *
pool_get(struct pool *p, size_t n)
{
	size_t c = pool_class(n), size = (c + 1) * POOL_STEP;
	char *b = p->free[c];

	if (b != NULL) {
		p->free[c] = *(void **)b;
		return b;
	}
	if (p->base == NULL && (p->base = malloc(POOL_REGION)) != NULL) {
		p->next = p->base;
		p->end = p->base + POOL_REGION;
	}
	if ((size_t)(p->end - p->next) < size)
		return malloc(n);	/* the region is used up */
	b = p->next;
	p->next += size;
	return b;
}

static void
block_free(struct pool *p, void *b, size_t n)
{
	if (n > POOL_MAX || !pool_owns(p, b)) {
		free(b);
		return;
	}
	*(void **)b = p->free[pool_class(n)];
	p->free[pool_class(n)] = b;
}

/* realloc() for blocks of the pool or of malloc, by their sizes and
 * addresses. */
static void *
block_resize(struct pool *p, void *b, size_t osize, size_t nsize)
{
	void *to;

	if (b != NULL && !pool_owns(p, b) && (osize > POOL_MAX ||
	    nsize > POOL_MAX))
		return realloc(b, nsize);
	if (b != NULL && pool_owns(p, b) && nsize <= POOL_MAX &&
	    pool_class(osize) == pool_class(nsize))
		return b;
	if ((to = nsize <= POOL_MAX ? pool_get(p, nsize) : malloc(nsize)) ==
	    NULL)
		return NULL;
	if (b != NULL) {
		memcpy(to, b, osize < nsize ? osize : nsize);
		block_free(p, b, osize);
	}
	return to;
}

static void
pool_release(struct pool *p)
{
	free(p->base);
	memset(p, 0, sizeof(*p));
}

static void hook(lua_State *, lua_Debug *);

static void *
budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct rules *r = ud;
	void *p;

	if (ptr == NULL)
		osize = 0;		/* osize is a type tag then */
	if (nsize == 0) {
		if (ptr != NULL)
			block_free(&r->pool, ptr, osize);
		r->used -= osize;
		return NULL;
	}
	if (nsize > osize && (nsize - osize > r->lim.memory ||
	    r->used + (nsize - osize) > r->lim.memory)) {
		if (r->tripped == TRIP_NONE && r->L != NULL) {
			r->tripped = TRIP_MEMORY;
			note_where(r, r->L);
			lua_sethook(r->L, hook, LUA_MASKCOUNT, 1);
		}
		return NULL;
	}
	if ((p = block_resize(&r->pool, ptr, osize, nsize)) != NULL)
		r->used = r->used - osize + nsize;
	return p;
}

/* ==== Instructions and time ==== */

static const char *
trip_text(struct rules *r, char *buf, size_t size)
{
	switch (r->tripped) {
	case TRIP_MEMORY:
		snprintf(buf, size, "memory limit (%zu MiB) exceeded",
		    r->lim.memory >> 20);
		break;
	case TRIP_TIME:
		snprintf(buf, size, "time limit (%g s) exceeded",
		    r->lim.seconds);
		break;
	default:
		snprintf(buf, size, "instruction limit (%lld) exceeded",
		    r->lim.instructions);
		break;
	}
	return buf;
}

static void
hook(lua_State *L, lua_Debug *ar)
{
	struct rules *r = get_rules(L);
	char msg[128];

	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
		r->line = ar->currentline;
	if (r->tripped == TRIP_NONE) {
		if (r->alarmed)
			r->tripped = TRIP_TIME;
		else if (r->lim.instructions > 0 &&
		    (r->budget -= HOOK_EVERY) <= 0)
			r->tripped = TRIP_INSTR;
		else
			return;
	}
	/* sticky: from now on every instruction raises again */
	lua_sethook(L, hook, LUA_MASKCOUNT, 1);
	lua_pushfstring(L, "%s:%d: %s", ar->short_src, ar->currentline,
	    trip_text(r, msg, sizeof(msg)));
	lua_error(L);
}

static void
write_all(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Start (or, with 0, stop) the watchdog: 'seconds' of this thread's CPU
 * time from now.  timer_settime() may be called from a signal handler. */
static void
set_timer(struct rules *r, double seconds)
{
	struct itimerspec it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = (time_t)seconds;
	it.it_value.tv_nsec = (long)((seconds - (double)(time_t)seconds) *
	    1e9);
	if (r->tid != 0)
		timer_settime(r->timer, 0, &it, NULL);
}

static int
is_live(const struct rules *r)
{
	size_t i;

	for (i = 0; i < LIVE_MAX; i++)
		if (live[i] == r)
			return 1;
	return 0;
}

static void
on_alarm(int sig, siginfo_t *si, void *uctx)
{
	struct rules *r;
	char num[24];
	int i = (int)sizeof(num) - 1, line;

	(void)sig;
	(void)uctx;
	if (si == NULL || si->si_code != SI_TIMER)
		return;		/* not the watchdog's */
	r = si->si_value.sival_ptr;
	if (r == NULL || !is_live(r) || !r->armed)
		return;
	if (!r->alarmed) {
		r->alarmed = 1;
		lua_sethook(r->L, hook, LUA_MASKCOUNT, 1);
		set_timer(r, r->lim.grace);
		return;
	}
	/* Lua never got control back: stuck inside a C library call */
	line = r->line;
	num[i] = '\0';
	do {
		num[--i] = (char)('0' + line % 10);
		line /= 10;
	} while (line > 0 && i > 0);
	write_all(r->kill_head);
	write_all(num + i);
	write_all(r->kill_tail);
	_exit(1);
}

/* The watchdog timer of the calling thread (made again if the rules
 * moved to another thread). */
static int
own_timer(struct rules *r)
{
	struct sigevent sev;
	pid_t tid = (pid_t)syscall(SYS_gettid);

	if (r->tid == tid)
		return 0;
	if (r->tid != 0)
		timer_delete(r->timer);
	r->tid = 0;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGALRM;
	sev.sigev_value.sival_ptr = r;
	sev._sigev_un._tid = tid;
	if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &r->timer) != 0)
		return -1;
	r->tid = tid;
	return 0;
}

static int
register_live(struct rules *r)
{
	size_t i;

	errno = 0;
	for (i = 0; i < LIVE_MAX; i++)
		if (live[i] == NULL) {
			live[i] = r;
			return 0;
		}
	return -1;
}

static void
arm(struct rules *r, const char *context)
{
	char safe[300];

	r->budget = r->lim.instructions;
	r->alarmed = 0;
	utf8_visible(safe, sizeof(safe), context, strlen(context));
	snprintf(r->kill_head, sizeof(r->kill_head), "assess: %s:",
	    r->display);
	snprintf(r->kill_tail, sizeof(r->kill_tail), ": rule stopped after "
	    "%g s without getting back to Lua code (a slow string pattern, or "
	    "runaway recursion?)%s%s%s\n", r->lim.seconds + r->lim.grace,
	    safe[0] ? " (" : "", safe, safe[0] ? ")" : "");
	if (r->lim.instructions > 0)
		lua_sethook(r->L, hook, LUA_MASKCOUNT, HOOK_EVERY);
	else
		lua_sethook(r->L, NULL, 0, 0);	/* the timer sets it */
	r->armed = 1;
	set_timer(r, r->lim.seconds);
}

static void
disarm(struct rules *r)
{
	set_timer(r, 0);
	r->armed = 0;
}

/* ==== Protected calls ==== */

/* Message handler: any error value to "file:line: text". */
static int
msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	lua_Debug ar;
	int level;

	if (msg == NULL)
		msg = lua_pushfstring(L, "error object is a %s value",
		    luaL_typename(L, 1));
	for (level = 1; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		if (strncmp(msg, ar.short_src, strlen(ar.short_src)) != 0)
			lua_pushfstring(L, "%s:%d: %s", ar.short_src,
			    ar.currentline, msg);
		else
			lua_pushstring(L, msg);
		return 1;
	}
	lua_pushstring(L, msg);
	return 1;
}

/* Run fn(ud) protected, with the limits armed; 'context' ends up in
 * messages ("scoring organisation 'X'"). */
static int
run(struct rules *r, lua_CFunction fn, void *ud, const char *context,
    struct err *e)
{
	lua_State *L = r->L;
	char msg[128];
	int base = lua_gettop(L), status;

	if (r->tripped != TRIP_NONE)
		return err_set(e, AS_ERULE, NULL, 0, 0, "%s: the rules were "
		    "already stopped", r->display);
	if (!lua_checkstack(L, 4))
		return err_nomem(e);
	if (own_timer(r) != 0)
		return err_set(e, AS_ESYS, NULL, 0, 0, "cannot start the rules' "
		    "watchdog timer: %s", strerror(errno));
	lua_pushcfunction(L, msgh);
	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, ud);
	arm(r, context);
	status = lua_pcall(L, 1, 0, base + 1);
	disarm(r);
	if (status == LUA_OK) {
		lua_settop(L, base);
		return 0;
	}
	if (status == LUA_ERRMEM || (r->tripped == TRIP_MEMORY &&
	    status != LUA_ERRRUN))
		err_set(e, AS_ERULE, NULL, 0, 0, "%s: %s", r->where,
		    trip_text(r, msg, sizeof(msg)));
	else if (lua_type(L, -1) == LUA_TSTRING)
		err_set(e, AS_ERULE, NULL, 0, 0, "%s", lua_tostring(L, -1));
	else
		err_set(e, AS_ERULE, NULL, 0, 0, "%s: error while handling an "
		    "error", r->display);
	if (context[0] != '\0')
		err_context(e, "%s", context);
	lua_settop(L, base);
	return -1;
}

/* ==== Loading source text ==== */

static precompiled_fn find_precompiled;	/* set once, by main */

void
rules_use_precompiled(precompiled_fn find)
{
	find_precompiled = find;
}

/* [-0, +1] Rule text as a chunk named 'chunkname' ("@" and the name
 * shown for the file): the bytecode compiled from the very same text
 * when the binary was built, else the text itself. */
static int
load_chunk(lua_State *L, const struct buf *src, const char *chunkname)
{
	const struct precompiled *c = find_precompiled == NULL ? NULL :
	    find_precompiled(chunkname + 1, src->data, src->len);

	if (c != NULL)
		return luaL_loadbufferx(L, (const char *)c->code, c->codelen,
		    chunkname, "b");
	return luaL_loadbufferx(L, src->data, src->len, chunkname, "t");
}

/* Read a rule file and make it loadable: refuse binary chunks and NUL
 * bytes, blank out a UTF-8 byte-order mark and a '#' first line (keeping
 * line numbers). */
static int
read_source(const char *path, const char *display, struct buf *b,
    struct err *e)
{
	size_t i;

	if (fsx_read(path, RULES_FILE_MAX, b, e) != 0) {
		snprintf(e->file, sizeof(e->file), "%s", display);
		return -1;
	}
	if (b->len > 0 && b->data[0] == LUA_SIGNATURE[0])
		return err_set(e, AS_ERULE, display, 1, 0, "precompiled "
		    "(binary) chunks are not accepted; give the Lua source");
	if (memchr(b->data, '\0', b->len) != NULL)
		return err_set(e, AS_ERULE, display, 0, 0, "contains NUL bytes; "
		    "a rule file is Lua source text");
	i = 0;
	if (b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0) {
		memset(b->data, ' ', 3);
		i = 3;
	}
	if (i < b->len && b->data[i] == '#')
		for (; i < b->len && b->data[i] != '\n'; i++)
			b->data[i] = ' ';
	return 0;
}

/* [-1, +1] Give the function on top a strict environment of its own:
 * an empty table whose reads go to the sandbox's base table (a plain
 * table lookup, no C call, for every global a rule uses), and from there,
 * for a name it does not have, to an error. */
static int
env_index(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "undefined global '%s'",
		    lua_tostring(L, 2));
	return luaL_error(L, "undefined global");
}

static int
env_newindex(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "assignment to undeclared global '%s' "
		    "(declare it 'local')", lua_tostring(L, 2));
	return luaL_error(L, "assignment to an undeclared global");
}

static void
set_env(lua_State *L)
{
	lua_newtable(L);				/* fn, env */
	lua_createtable(L, 0, 3);			/* fn, env, mt */
	lua_getfield(L, LUA_REGISTRYINDEX, "assess.base");
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, env_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushliteral(L, "locked");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* fn, env */
	if (lua_setupvalue(L, -2, 1) == NULL)		/* fn */
		lua_pop(L, 1);
}

/* ==== The assess table ==== */

static int
valid_lib_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Find library 'name': its path (malloc'd) and display name, or NULL
 * with a message in 'why'. */
static char *
find_lib(struct rules *r, const char *name, char *display, size_t size,
    char *why, size_t whysize)
{
	char file[80], *path;
	size_t i;

	snprintf(file, sizeof(file), "%s.lua", name);
	for (i = 0; i < r->nlibdirs; i++) {
		if ((path = fsx_join(r->libdirs[i].path, file)) == NULL) {
			snprintf(why, whysize, "out of memory");
			return NULL;
		}
		if (fsx_is_file(path)) {
			snprintf(display, size, "%s/%s", r->libdirs[i].display,
			    file);
			return path;
		}
		free(path);
	}
	snprintf(why, whysize, "no rule library '%s' (looked for %s in the "
	    "rules' lib folders)", name, file);
	return NULL;
}

static int
api_import(lua_State *L)
{
	struct rules *r = get_rules(L);
	const char *name = luaL_checkstring(L, 1);
	struct buf src = BUF_INIT;
	char display[300], why[300];
	struct err e;
	char *path;
	int status;

	if (!valid_lib_name(name))
		return luaL_error(L, "import: '%s' is not a library name "
		    "(lowercase letters, digits, '_')", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "assess.libs");	/* name, libs */
	if (lua_getfield(L, 2, name) == LUA_TTABLE)
		return 1;
	if (lua_toboolean(L, -1))
		return luaL_error(L, "import: '%s' imports itself", name);
	lua_pop(L, 1);
	lua_pushboolean(L, 1);
	lua_setfield(L, 2, name);		/* mark as loading */
	if ((path = find_lib(r, name, display, sizeof(display), why,
	    sizeof(why))) == NULL)
		return luaL_error(L, "import: %s", why);
	lua_pushfstring(L, "@%s", display);	/* name, libs, chunkname */
	/* no Lua call may raise while 'path' and 'src' are held */
	memset(&e, 0, sizeof(e));
	status = read_source(path, display, &src, &e);
	free(path);
	if (status == 0)
		status = load_chunk(L, &src, lua_tostring(L, -1));
	else
		status = -1;
	buf_release(&src);
	if (status == -1)
		return luaL_error(L, "%s: %s", e.file, e.msg);
	if (status != LUA_OK)
		return lua_error(L);
	lua_remove(L, -2);			/* name, libs, fn */
	set_env(L);
	lua_call(L, 0, 1);			/* name, libs, lib */
	if (!lua_istable(L, -1))
		return luaL_error(L, "%s must return a table", display);
	luaconv_freeze(L);
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

static int
api_log(lua_State *L)
{
	struct rules *r = get_rules(L);
	char where[220] = "", safe[LOG_MAX * 4 + 1];
	luaL_Buffer b;
	lua_Debug ar;
	int i, n = lua_gettop(L);
	size_t len;
	const char *msg;

	if (r->log == NULL || r->nlog > 100)
		return 0;
	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		luaL_tolstring(L, i, NULL);
		if (i > 1)
			luaL_addchar(&b, ' ');
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	msg = lua_tolstring(L, -1, &len);
	utf8_visible(safe, sizeof(safe), msg, len > LOG_MAX ? LOG_MAX : len);
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar))
		snprintf(where, sizeof(where), "%s:%d", ar.short_src,
		    ar.currentline);
	if (++r->nlog > 100)
		r->log(r->logctx, r->display, "further log lines are dropped");
	else
		r->log(r->logctx, where, safe);
	return 0;
}

/* assess.explaining(org): the trace table of the organisation being
 * explained, when 'org' is the one score() was given and explaining is
 * on; else nil, so that role views and rules that make up their own
 * organisation tables record nothing. */
static int
api_explaining(lua_State *L)
{
	lua_settop(L, 1);
	if (lua_getfield(L, LUA_REGISTRYINDEX, TRACE_ORG) == LUA_TNIL ||
	    !lua_rawequal(L, 1, 2))
		return 0;
	lua_getfield(L, LUA_REGISTRYINDEX, TRACE);
	return 1;
}

/* assess.median(list): the lower median of a plain list of integers (a
 * table without a metatable whose items 1 to #list are integers, such as
 * level signals), or nil for an empty one; false for any other list,
 * which stats.median sorts in Lua as before, so that its errors and its
 * choice among equal numbers of different types stay the same. */
#define MEDIAN_MAX	256

static int
api_median(lua_State *L)
{
	lua_Integer v[MEDIAN_MAX], x;
	size_t n, i, j;

	if (lua_type(L, 1) != LUA_TTABLE || lua_getmetatable(L, 1) ||
	    (n = lua_rawlen(L, 1)) > MEDIAN_MAX) {
		lua_pushboolean(L, 0);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TNUMBER ||
		    !lua_isinteger(L, -1)) {
			lua_pushboolean(L, 0);
			return 1;
		}
		x = lua_tointeger(L, -1);
		lua_pop(L, 1);
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	if (n == 0)
		lua_pushnil(L);
	else
		lua_pushinteger(L, v[(n + 1) / 2 - 1]);
	return 1;
}

/* ==== The sandbox ==== */

static int
api_setmetatable(lua_State *L)
{
	int t = lua_type(L, 2);

	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2,
	    "nil or table");
	if (t == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "__gc metamethods are not allowed "
			    "in rules");
		lua_pop(L, 1);
	}
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* string.find, match, gmatch and gsub with bounded subject and pattern;
 * the line is noted for the watchdog's message. */
static int
api_pattern(lua_State *L)
{
	struct rules *r = get_rules(L);
	size_t sl, pl;
	lua_Debug ar;

	luaL_checklstring(L, 1, &sl);
	luaL_checklstring(L, 2, &pl);
	if (sl > SUBJECT_MAX)
		return luaL_error(L, "pattern matching on a string longer "
		    "than %d bytes is not allowed", SUBJECT_MAX);
	if (pl > PATTERN_MAX)
		return luaL_error(L, "patterns longer than %d bytes are not "
		    "allowed", PATTERN_MAX);
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) &&
	    ar.currentline > 0)
		r->line = ar.currentline;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static void
patch_string(lua_State *L)
{
	static const char *const wrapped[] = { "find", "match", "gmatch",
	    "gsub", NULL };
	int i;

	lua_getglobal(L, "string");			/* string */
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	for (i = 0; wrapped[i] != NULL; i++) {
		lua_getfield(L, -1, wrapped[i]);
		lua_pushcclosure(L, api_pattern, 1);
		lua_setfield(L, -2, wrapped[i]);
	}
	lua_pop(L, 1);
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);			/* "", mt */
	lua_pushliteral(L, "locked");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
}

/* [-0, +1] A shallow copy of global library 'name' without 'drop'. */
static void
copy_lib(lua_State *L, const char *name, const char *const *drop)
{
	int i;

	lua_newtable(L);
	lua_getglobal(L, name);
	lua_pushnil(L);
	while (lua_next(L, -2)) {		/* copy, lib, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);
	}
	lua_pop(L, 1);
	for (i = 0; drop != NULL && drop[i] != NULL; i++) {
		lua_pushnil(L);
		lua_setfield(L, -2, drop[i]);
	}
}

static void
build_base(lua_State *L)
{
	static const char *const keep[] = { "assert", "error", "ipairs",
	    "next", "pairs", "pcall", "select", "tonumber", "tostring",
	    "type", "xpcall", "rawequal", "rawlen", "rawget", "getmetatable",
	    "_VERSION", NULL };
	static const char *const no_random[] = { "random", "randomseed",
	    NULL };
	static const luaL_Reg api[] = {
		{ "import", api_import }, { "log", api_log },
		{ "explaining", api_explaining }, { "median", api_median },
		{ NULL, NULL },
	};
	int i;

	lua_newtable(L);				/* base */
	for (i = 0; keep[i] != NULL; i++) {
		lua_getglobal(L, keep[i]);
		lua_setfield(L, -2, keep[i]);
	}
	lua_pushcfunction(L, api_setmetatable);
	lua_setfield(L, -2, "setmetatable");
	copy_lib(L, "string", NULL);
	lua_setfield(L, -2, "string");
	copy_lib(L, "table", NULL);
	lua_setfield(L, -2, "table");
	copy_lib(L, "math", no_random);
	lua_setfield(L, -2, "math");
	copy_lib(L, "utf8", NULL);
	lua_setfield(L, -2, "utf8");
	luaL_newlib(L, api);
	lua_setfield(L, -2, "assess");
	/* the table itself, not its read-only proxy, backs every rule's
	 * environment (no rule can reach it: the environment's metatable
	 * is locked); freezing makes its library tables read-only */
	lua_pushvalue(L, -1);
	luaconv_freeze(L);
	lua_pop(L, 1);
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, env_index);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, "assess.base");
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "assess.libs");
}

static int
setup_p(lua_State *L)
{
	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	lua_settop(L, 0);
	patch_string(L);
	build_base(L);
	/* every call builds and drops many small tables: the generational
	 * collector suits that */
	lua_gc(L, LUA_GCGEN, 0, 0);
	return 0;
}

static int
panic(lua_State *L)
{
	const char *msg = lua_tostring(L, -1);

	fprintf(stderr, "assess: internal error in the rule engine: %s\n",
	    msg != NULL ? msg : "(no message)");
	_exit(3);
}

void
rules_default_limits(struct rules_limits *l)
{
	l->memory = (size_t)64 << 20;
	l->instructions = 0;		/* no count hook: see above */
	l->seconds = 1.0;
	l->grace = 0.5;
}

void
rules_free(struct rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->L != NULL)
		lua_close(r->L);
	pool_release(&r->pool);
	for (i = 0; i < LIVE_MAX; i++)
		if (live[i] == r)
			live[i] = NULL;
	if (r->tid != 0)
		timer_delete(r->timer);
	sigaction(SIGALRM, &r->old_alarm, NULL);
	for (i = 0; i < r->nlibdirs; i++) {
		free((char *)r->libdirs[i].path);
		free((char *)r->libdirs[i].display);
	}
	free(r->libdirs);
	free(r->path);
	free(r->display);
	free(r);
}

static int
copy_dirs(struct rules *r, const struct rules_dir *dirs, size_t n)
{
	size_t i;

	if (n > 0 && (r->libdirs = calloc(n, sizeof(*r->libdirs))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		r->libdirs[i].path = fsx_strdup(dirs[i].path);
		r->libdirs[i].display = fsx_strdup(dirs[i].display);
		r->nlibdirs++;
		if (r->libdirs[i].path == NULL || r->libdirs[i].display == NULL)
			return -1;
	}
	return 0;
}

struct rules *
rules_open(const char *path, const char *display,
    const struct rules_dir *libdirs, size_t nlibdirs,
    const struct rules_limits *lim, struct err *e)
{
	struct sigaction sa;
	struct rules *r;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		err_nomem(e);
		return NULL;
	}
	r->lim = *lim;
	r->hooks = r->survey = r->target = LUA_NOREF;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &r->old_alarm);
	if (register_live(r) != 0 || own_timer(r) != 0) {
		err_set(e, AS_ESYS, NULL, 0, 0, "cannot start the rules' "
		    "watchdog timer: %s", errno ? strerror(errno) :
		    "too many rule engines");
		rules_free(r);
		return NULL;
	}
	if ((r->path = fsx_strdup(path)) == NULL ||
	    (r->display = fsx_strdup(display)) == NULL ||
	    copy_dirs(r, libdirs, nlibdirs) != 0 ||
	    (r->L = lua_newstate(budget_alloc, r)) == NULL) {
		rules_free(r);
		err_nomem(e);
		return NULL;
	}
	*(struct rules **)lua_getextraspace(r->L) = r;
	lua_atpanic(r->L, panic);
	if (lua_version(r->L) != LUA_VERSION_NUM) {
		err_set(e, AS_ESYS, NULL, 0, 0, "the Lua library is not "
		    "version 5.4");
		rules_free(r);
		return NULL;
	}
	if (run(r, setup_p, NULL, "", e) != 0) {
		rules_free(r);
		return NULL;
	}
	return r;
}

void
rules_set_log(struct rules *r, rules_log_fn fn, void *ctx)
{
	r->log = fn;
	r->logctx = ctx;
}

/* ==== Preparing and scoring ==== */

/* Compile the rule text into the registry (nothing runs yet), so the
 * text can be freed before any rule code does. */
static int
compile_p(lua_State *L)
{
	struct rules *r = get_rules(L);
	const struct buf *src = lua_touserdata(L, 1);
	const char *name = lua_pushfstring(L, "@%s", r->display);

	if (load_chunk(L, src, name) != LUA_OK)
		return lua_error(L);
	set_env(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "assess.chunk");
	return 0;
}

static int
prepare_p(lua_State *L)
{
	struct rules *r = get_rules(L);

	r->live.s = r->s;
	r->live.t = r->t;
	r->live.in = NULL;
	luaconv_push_survey(L, &r->live);
	r->survey = luaL_ref(L, LUA_REGISTRYINDEX);
	luaconv_push_target(L, &r->live);
	r->target = luaL_ref(L, LUA_REGISTRYINDEX);
	luaconv_prepare_views(L, &r->live);
	lua_getfield(L, LUA_REGISTRYINDEX, "assess.chunk");
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "assess.chunk");
	lua_call(L, 0, 1);				/* hooks */
	if (!lua_istable(L, -1))
		return luaL_error(L, "%s: the file must return a table of "
		    "hooks, such as { score = function (org, survey, target) "
		    "... end }", r->display);
	if (lua_getfield(L, -1, "score") != LUA_TFUNCTION)
		return luaL_error(L, "%s: the returned table has no 'score' "
		    "function", r->display);
	lua_pop(L, 1);
	r->hooks = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

int
rules_prepare(struct rules *r, const struct survey *s,
    const struct target *t, struct err *e)
{
	struct buf src = BUF_INIT;
	int rc;

	r->s = s;
	r->t = t;
	rc = read_source(r->path, r->display, &src, e);
	if (rc == 0)
		rc = run(r, compile_p, &src, "", e);
	buf_release(&src);
	return rc != 0 ? -1 : run(r, prepare_p, NULL, "", e);
}

void
rules_set_explain(struct rules *r, int on)
{
	r->explain = on;
}

struct call {
	const struct rules_view	*in;
	struct result		*res;
	struct r_org		*out;
};

static int
score_p(lua_State *L)
{
	struct rules *r = get_rules(L);
	const struct call *c = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, r->hooks);
	lua_getfield(L, -1, "score");
	luaconv_push_view(L, &r->live);
	if (r->explain) {
		lua_newtable(L);
		lua_setfield(L, LUA_REGISTRYINDEX, TRACE);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, TRACE_ORG);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->survey);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->target);
	lua_call(L, 3, 1);
	luaconv_to_org(L, -1, r->display, r->s, c->res, c->out);
	if (r->explain) {
		lua_getfield(L, LUA_REGISTRYINDEX, TRACE);
		luaconv_to_explain(L, -1, r->display, r->s, c->res, c->out);
		lua_pushnil(L);
		lua_setfield(L, LUA_REGISTRYINDEX, TRACE_ORG);
	}
	return 0;
}

int
rules_score(struct rules *r, const struct rules_view *in, struct result *res,
    struct r_org *out, struct err *e)
{
	struct call c = { in, res, out };
	char ctx[300];
	int rc;

	snprintf(ctx, sizeof(ctx), "scoring organisation '%.200s'", in->org);
	r->live.in = in;
	rc = run(r, score_p, &c, ctx, e);
	r->live.in = NULL;
	return rc;
}
