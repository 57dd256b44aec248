/*
 * fuzz_rules.c - fuzzed Lua source -> the rule engine, as `assess score`
 * runs it: paths_rules() with the file as -r, rules_open(),
 * rules_set_log(), rules_prepare() with the mini survey and its target,
 * then score_begin() and score_org() for every organisation of
 * tests/data/mini-audit.csv, read as cmd_score.c reads answers
 * (answers_read into agg_add, then agg_end_input); score_org calls
 * rules_score(), which also rates the role with five respondents.  A
 * result that scores is
 * then written by report_md, report_json and report_csv and checked by
 * the oracles of fuzz_oracle.c: rule output is as untrusted as any input.
 * Lines passed to the log callback must be printable as they are.
 *
 * Limits are tight, so that bombs end quickly: 8 MiB of Lua memory,
 * 1,000,000 instructions, 0.1 s per call and 0.1 s of grace.  An
 * infinite loop or a memory bomb therefore ends in a Lua error, which is
 * fine.
 *
 * The time limit, and why this harness intercepts the watchdog.
 * rules.c stops a call that is stuck inside a C library function (a
 * catastrophic string pattern) with SIGALRM from a POSIX timer on the
 * rule thread's CPU clock: after the time limit it arms a hook, and if
 * Lua has not got control back within the grace period the handler
 * writes a message and calls _exit(1) on purpose.
 * Under libFuzzer that _exit would end the whole campaign with no
 * reproducer, and treating it as a crash would report designed
 * behaviour; ignoring it would hide real hangs.  So:
 *
 *  - after rules_open() this harness puts its own SA_SIGINFO handler in
 *    front of the engine's and forwards every SIGALRM to it (the grace is
 *    0.1 s: a Lua that is not stuck in C regains control within an
 *    instruction, so a short grace only makes the designed stop cheaper);
 *  - it defines _exit(): when the engine's handler calls _exit(1), control
 *    comes back to the front handler, which now knows the grace period is
 *    over and looks at where the process was interrupted;
 *  - if the interrupted instruction is inside Lua's standard library (the
 *    string, table, utf8, math and base libraries, which the build puts in
 *    a section of their own, assess_fuzz_lualib), this is the designed
 *    stop at a safe point: the harness leaves the call with siglongjmp,
 *    frees the state with rules_free() (lua_close) and counts it; nothing
 *    is reported;
 *  - anywhere else (memcpy or the allocator called from the library, the
 *    Lua core growing a stack or collecting garbage, the engine's own C
 *    code), jumping could leave a lock or a half-updated structure behind,
 *    so the harness lets the code run for another millisecond and asks
 *    again (the engine's handler is called again, its message silenced).
 *    Code that is merely slow finishes, raises the limit's error and
 *    returns through the engine's normal path; code that never gets
 *    anywhere runs into the backstop below and is reported as a hang;
 *  - a separate POSIX timer (not SIGALRM, which the engine owns while a
 *    rules object exists) aborts any input that runs longer than 5 s, so
 *    no hang can hide behind the engine taking over SIGALRM;
 *  - _exit() called at any other time during the engine calls (the Lua
 *    panic handler exits with 3) aborts: it is always a bug.
 *
 * The designed stop costs about 0.2 s per input; exec/s drops if the
 * corpus fills with slow patterns.  The number of designed stops is
 * printed when the process exits.  With the system Lua library (no
 * instrumented build), "inside the standard library" can only be told as
 * "inside liblua5.4.so", core included, which is weaker (a stop in the
 * middle of the core could make lua_close() misbehave); fuzz.mk and
 * tests/fuzz/fetch-libs say loudly when they fall back.
 *
 * Leaving a call that way skips what the engine's frames would have
 * freed; no frame holds C heap across a call into Lua (rules_prepare()
 * frees the rule text before the chunk runs), so anything left behind is
 * a leak and is reported.
 *
 * rules_open() installs the engine's SIGALRM handler and rules_free()
 * restores the previous one (libFuzzer's); the engine's watchdog is its
 * own POSIX timer and leaves ITIMER_REAL alone, which the harness uses
 * to ask again, saving it before each input and restoring it after.  A
 * SIGALRM that is not the watchdog's (si_code not SI_TIMER) is ignored by
 * the engine, so the harness hands on the watchdog's last siginfo when
 * it asks again.
 */
#define _GNU_SOURCE 1

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <execinfo.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "aggregate.h"
#include "answers.h"
#include "buf.h"
#include "err.h"
#include "fsx.h"
#include "fuzz.h"
#include "paths.h"
#include "result.h"
#include "rules.h"
#include "score.h"
#include "survey.h"
#include "target.h"

#define BACKSTOP_SECONDS	5
#define LIMIT_SECONDS		0.1	/* rules_limits.seconds */
#define GRACE_SECONDS		0.1	/* rules_limits.grace */

/* Lua's standard library code, when built by fuzz.mk (weak: absent with
 * the system library). */
extern const char __start_assess_fuzz_lualib[] __attribute__((weak));
extern const char __stop_assess_fuzz_lualib[] __attribute__((weak));

static struct survey *s;
static struct target *t;
static struct agg *a;
static struct rules_place place;

static struct rules *cur;
static struct result res;
static sigjmp_buf stop_jb, exit_jb;
static struct sigaction engine_sa;
static siginfo_t watchdog_si;	/* the engine watchdog's last signal */
static volatile sig_atomic_t in_engine, in_engine_alarm, waiting;
static int devnull = -1;
static unsigned long designed_stops, inputs;
static timer_t backstop;

/* ==== Where was the process interrupted? ==== */

static int
in_lualib(const void *pc)
{
	const char *p = pc;
	Dl_info info;

	/* weak: NULL when the library is the system's */
	/* cppcheck-suppress knownConditionTrueFalse */
	if (__start_assess_fuzz_lualib != NULL)
		return p >= __start_assess_fuzz_lualib &&
		    p < __stop_assess_fuzz_lualib;
	/* system library: anything in liblua5.4.so */
	return dladdr(pc, &info) != 0 && info.dli_fname != NULL &&
	    strstr(info.dli_fname, "liblua5.4") != NULL;
}

static const void *
interrupted_pc(void *uctx)
{
	const ucontext_t *uc = uctx;

#if defined(__x86_64__)
	return (const void *)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (const void *)uc->uc_mcontext.pc;
#else
	(void)uc;
	return NULL;
#endif
}

static int
lualib_on_stack(void)
{
	void *pcs[128];
	int i, n = backtrace(pcs, 128);

	for (i = 0; i < n; i++)
		if (in_lualib(pcs[i]))
			return 1;
	return 0;
}

static void
say(const char *msg)
{
	size_t n = strlen(msg);

	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, msg, n);

		if (w <= 0)
			return;
		msg += w;
		n -= (size_t)w;
	}
}

/* ==== The front SIGALRM handler and _exit ==== */

static void
again_in(long usec)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = usec;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void
restore_stderr(int saved)
{
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
}

/* Every SIGALRM goes to the engine's handler.  When that handler decides
 * the grace period is over (it calls _exit(1), which comes back here),
 * the process is stopped if it is at a safe instruction inside a Lua
 * library call (the designed stop); otherwise it is let run for another
 * millisecond and asked again.  Meanwhile the engine's own error path may
 * end the call (its disarm() cancels the timer), or, if nothing ever
 * does, the 5 s backstop reports a hang. */
static void
front_alarm(int sig, siginfo_t *si, void *uctx)
{
	int saved = -1;
	const void *pc;

	if (waiting && devnull >= 0) {	/* it printed its message once */
		saved = dup(STDERR_FILENO);
		dup2(devnull, STDERR_FILENO);
	}
	/* the engine's watchdog is a POSIX timer whose signal carries the
	 * rules object; the harness's own re-asking (again_in) comes from
	 * ITIMER_REAL, so it hands on the watchdog's last signal instead */
	if (si != NULL && si->si_code == SI_TIMER)
		watchdog_si = *si;
	else if (waiting)
		si = &watchdog_si;
	if (sigsetjmp(exit_jb, 0) == 0) {
		in_engine_alarm = 1;
		if (engine_sa.sa_flags & SA_SIGINFO)
			engine_sa.sa_sigaction(sig, si, uctx);
		else if (engine_sa.sa_handler != SIG_IGN &&
		    engine_sa.sa_handler != SIG_DFL)
			engine_sa.sa_handler(sig);
		in_engine_alarm = 0;
		restore_stderr(saved);
		return;
	}
	/* the engine's handler called _exit(1): the grace period is over */
	in_engine_alarm = 0;
	restore_stderr(saved);
	pc = interrupted_pc(uctx);
	if (pc != NULL ? in_lualib(pc) : lualib_on_stack()) {
		designed_stops++;
		siglongjmp(stop_jb, 1);
	}
	waiting = 1;
	again_in(1000);
}

/* The engine's watchdog and Lua panic handler call _exit(). */
void
_exit(int status)
{
	if (in_engine_alarm && status == 1)
		siglongjmp(exit_jb, 1);
	if (in_engine) {
		say("fuzz_rules: the engine called _exit() during a rules call "
		    "outside the watchdog (the Lua panic handler?)\n");
		abort();
	}
	syscall(SYS_exit_group, status);
	for (;;)
		;
}

static void
on_backstop(int sig)
{
	(void)sig;
	say("fuzz_rules: one input ran for more than 5 s: a hang the rule "
	    "limits did not stop (if the watchdog fired, the process never "
	    "reached a safe point inside a Lua library call)\n");
	abort();
}

static void
take_over_alarm(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = front_alarm;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &engine_sa);
}

static void
set_backstop(int seconds)
{
	struct itimerspec it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	timer_settime(backstop, 0, &it, NULL);
}

/* ==== Set-up ==== */

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	return agg_add(ctx, r, e);
}

static void
report_stops(void)
{
	char line[200];

	snprintf(line, sizeof(line), "fuzz_rules: %lu of %lu inputs stopped "
	    "by the watchdog inside a Lua library call (designed "
	    "behaviour)\n", designed_stops, inputs);
	say(line);
}

static void
copy_file(const char *from, const char *to)
{
	char data[65536];
	FILE *in = fopen(from, "rb"), *out;
	size_t n;

	if (in == NULL || (out = fopen(to, "wb")) == NULL)
		fz_setup_fail("cannot copy", from);
	while ((n = fread(data, 1, sizeof(data), in)) > 0)
		fwrite(data, 1, n, out);
	fclose(in);
	if (fclose(out) != 0)
		fz_setup_fail("cannot copy", to);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sigevent sev;
	struct sigaction sa;
	struct err e;
	char dir[400], lib[500];
	void *warm[4];

	(void)argc;
	(void)argv;
	memset(&e, 0, sizeof(e));
	/* rules/lib of this tree, for assess.import() */
	setenv("ASSESS_PATH", FUZZ_ROOT, 1);
	fz_load_mini(&s, &t);
	if ((a = agg_new(s, &e)) == NULL ||
	    source_read_file(fz_src("tests/data/mini-audit.csv"), s, sink, a,
	    &e) < 0)
		fz_setup_fail("tests/data/mini-audit.csv", e.msg);
	agg_end_input(a);
	(void)agg_count(a);
	/* the rule file, and a lib/ next to it as tests/data/sandbox has */
	snprintf(dir, sizeof(dir), "%s/lib", fz_tmpdir());
	if (mkdir(dir, 0700) != 0)
		fz_setup_fail("mkdir", dir);
	snprintf(lib, sizeof(lib), "%s/probe.lua", dir);
	copy_file(fz_src("tests/data/sandbox/lib/probe.lua"), lib);
	if (paths_rules(s, fz_write("rules.lua", (const uint8_t *)"", 0),
	    &place, &e) != 0)
		fz_setup_fail("paths_rules", e.msg);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	/* the first backtrace() loads libgcc_s: not in a signal handler */
	(void)backtrace(warm, 4);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_backstop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 4, &sa, NULL);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN + 4;
	if (timer_create(CLOCK_MONOTONIC, &sev, &backstop) != 0)
		fz_setup_fail("timer_create", "");
	atexit(report_stops);
	return 0;
}

/* ==== One input ==== */

static void
quiet_log(void *ctx, const char *where, const char *msg)
{
	(void)ctx;
	fz_check_text("log location", where, strlen(where), 0);
	fz_check_text("log line", msg, strlen(msg), 0);
}

/* 1 when every organisation scored. */
static int
run_rules(void)
{
	struct rules_limits lim;
	struct err e;
	size_t i, n;
	int rc;

	memset(&e, 0, sizeof(e));
	lim.memory = (size_t)8 << 20;
	lim.instructions = 1000000;
	lim.seconds = LIMIT_SECONDS;
	lim.grace = GRACE_SECONDS;
	cur = rules_open(place.path, place.display, place.libs, place.nlibs,
	    &lim, &e);
	if (cur == NULL)
		fz_fail("rules_open: %s", e.msg);
	take_over_alarm();
	rules_set_log(cur, quiet_log, NULL);
	rc = rules_prepare(cur, s, t, &e);
	if (rc != 0) {
		fz_check(e.code != AS_OK && e.msg[0] != '\0',
		    "rules_prepare failed without a message");
		return 0;
	}
	n = agg_count(a);
	if (score_begin(&res, s, t, SCORE_ANONYMITY, n, &e) != 0)
		fz_fail("score_begin: %s", e.msg);
	for (i = 0; i < n; i++)
		if (score_org(&res, cur, s, t, a, agg_org(a, i), &e) != 0) {
			fz_check(e.code != AS_OK && e.msg[0] != '\0',
			    "score_org failed without a message");
			return 0;
		}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itimerval fuzzer_timer;
	volatile int scored = 0;

	inputs++;
	(void)fz_write("rules.lua", data, size);
	getitimer(ITIMER_REAL, &fuzzer_timer);
	result_init(&res);
	waiting = 0;
	set_backstop(BACKSTOP_SECONDS);
	if (sigsetjmp(stop_jb, 1) == 0) {
		in_engine = 1;
		scored = run_rules();
	}
	in_engine = 0;
	rules_free(cur);	/* restores the SIGALRM handler */
	cur = NULL;
	setitimer(ITIMER_REAL, &fuzzer_timer, NULL);
	if (scored)
		fz_check_reports(&res);
	set_backstop(0);
	result_release(&res);
	return 0;
}
