/* Unit tests for rules.c: the watchdog counts the CPU time of the thread
 * that runs the rule, and ignores SIGALRMs that are not its own; the
 * bundled rules compiled into the binary are used for their exact text
 * only. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "check.h"
#include "fixtures.h"
#include "fsx.h"
#include "precompiled.h"
#include "rules.h"

static struct survey *s;

struct job {
	const char		*rule;
	struct rules_limits	 lim;
	struct err		 e;
	int			 rc;
};

/* Open and prepare the rule file, where loading runs its chunk. */
static void *
prepare(void *arg)
{
	struct job *j = arg;
	struct rules *r;

	memset(&j->e, 0, sizeof(j->e));
	j->rc = -1;
	if ((r = rules_open(j->rule, j->rule, NULL, 0, &j->lim, &j->e)) !=
	    NULL)
		j->rc = rules_prepare(r, s, NULL, &j->e);
	rules_free(r);
	return NULL;
}

/* An endless loop run on a second thread, with no instruction limit to
 * speak of, is stopped by its CPU time.  (A timer on any other clock,
 * such as the main thread's CPU time while it waits, would never fire.) */
TEST(stops_on_the_rule_threads_cpu_time)
{
	struct job j;
	pthread_t t;

	memset(&j, 0, sizeof(j));
	j.rule = "tests/bad/lua/loop.lua";
	rules_default_limits(&j.lim);
	j.lim.instructions = 1LL << 60;
	j.lim.seconds = 0.2;
	CHECK(pthread_create(&t, NULL, prepare, &j) == 0);
	pthread_join(t, NULL);
	CHECK_INT(j.rc, -1);
	CHECK_STR(j.e.msg, "tests/bad/lua/loop.lua:2: time limit (0.2 s) "
	    "exceeded");
}

/* The default limits count no instructions (a count hook would make Lua
 * trace every one); a budget, when set, still trips and names itself. */
TEST(instruction_budget_only_when_set)
{
	struct job j;

	memset(&j, 0, sizeof(j));
	rules_default_limits(&j.lim);
	CHECK(j.lim.instructions == 0);
	j.rule = "tests/bad/lua/loop.lua";
	j.lim.instructions = 200000;
	j.lim.seconds = 60;	/* ample under valgrind too */
	prepare(&j);
	CHECK_INT(j.rc, -1);
	CHECK_STR(j.e.msg, "tests/bad/lua/loop.lua:2: instruction limit "
	    "(200000) exceeded");
}

static volatile sig_atomic_t host_alarms;

static void
host_alarm(int sig)
{
	(void)sig;
	host_alarms++;
}

/* SIGALRMs from the host's own interval timer, arriving while a rule
 * runs, are not the watchdog's: the rule finishes. */
TEST(ignores_other_alarms)
{
	struct sigaction sa;
	struct itimerval it, off;
	struct job j;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = host_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	memset(&off, 0, sizeof(off));
	it.it_value.tv_usec = 2000;
	it.it_interval.tv_usec = 2000;
	memset(&j, 0, sizeof(j));
	j.rule = "tests/data/sandbox/spin.lua";
	rules_default_limits(&j.lim);
	j.lim.seconds = 60;	/* ample under valgrind too */
	setitimer(ITIMER_REAL, &it, NULL);
	prepare(&j);
	setitimer(ITIMER_REAL, &off, NULL);
	/* an alarm already on its way must not find the default action,
	 * which ends the process */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGALRM, &sa, NULL);
	CHECK_INT(j.rc, 0);
	if (j.rc != 0)
		printf("  %s\n", j.e.msg);
}

/* A bundled rule file is precompiled when Lua is linked statically
 * (ASSESS_PRECOMPILED, from the Makefile), and found under its own name
 * for its exact text only: one byte more, less or other, or another
 * name, and the text is compiled as it is loaded. */
TEST(precompiled_only_for_the_same_text)
{
	const char *name = "rules/lib/stats.lua";
	struct buf b = BUF_INIT;
	struct err e;

	memset(&e, 0, sizeof(e));
	CHECK(fsx_read(name, 1 << 20, &b, &e) == 0);
	if (b.len < 100) {
		CHECK(b.len >= 100);
		return;
	}
#ifdef ASSESS_PRECOMPILED
	CHECK(precompiled_find(name, b.data, b.len) != NULL);
#else
	CHECK(precompiled_find(name, b.data, b.len) == NULL);
#endif
	CHECK(precompiled_find("rules/lib/gates.lua", b.data, b.len) == NULL);
	CHECK(precompiled_find(name, b.data, b.len - 1) == NULL);
	b.data[b.len / 2] ^= 1;
	CHECK(precompiled_find(name, b.data, b.len) == NULL);
	buf_release(&b);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

/* Peak resident memory of this process, in KiB. */
static long
peak_kib(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* Rules that fill one size class of small blocks after another, and let
 * each go, stay within the memory limit; so does the process: the blocks
 * Lua frees are kept for reuse only up to a fixed amount (without that
 * bound this load makes it hold some 200 MiB).  Not measured under
 * AddressSanitizer or valgrind, which keep freed memory themselves. */
TEST(freed_blocks_kept_within_bounds)
{
	struct job j;
	long before = peak_kib();

	memset(&j, 0, sizeof(j));
	j.rule = "tests/data/sandbox/size-classes.lua";
	rules_default_limits(&j.lim);
	j.lim.seconds = 30;	/* ample under valgrind too */
	prepare(&j);
	CHECK_INT(j.rc, 0);
	if (!UNDER_ASAN && getenv("VALGRIND") == NULL &&
	    peak_kib() - before > 110 * 1024) {
		printf("  peak memory grew by %ld MiB\n",
		    (peak_kib() - before) / 1024);
		CHECK(0);
	}
}

int
main(void)
{
	if ((s = mini_survey()) == NULL)
		return 1;
	RUN(stops_on_the_rule_threads_cpu_time);
	RUN(ignores_other_alarms);
	RUN(instruction_budget_only_when_set);
	RUN(precompiled_only_for_the_same_text);
	RUN(freed_blocks_kept_within_bounds);
	survey_free(s);
	return check_done();
}
