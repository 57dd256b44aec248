/*
 * check.h - a minimal unit-test harness.
 *
 * TEST(name) defines a test; RUN(name) runs it and prints "ok - name" or
 * "not ok - name" with the failed checks; check_done() prints the closing
 * "RESULT passed=N failed=N" line that tests/run adds up.  CHECK records a
 * failure and goes on.
 */
#ifndef ASSESS_CHECK_H
#define ASSESS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_fails, check_tests, check_bad;

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, \
		    #cond); \
		check_fails++; \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { \
		printf("  %s:%d: %s is %lld, expected %lld\n", __FILE__, \
		    __LINE__, #a, a_, b_); \
		check_fails++; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
		printf("  %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, \
		    __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
		check_fails++; \
	} \
} while (0)

#define CHECK_NUM(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= 1e-9)) {	/* NaN fails too */ \
		printf("  %s:%d: %s is %g, expected %g\n", __FILE__, __LINE__, \
		    #a, a_, b_); \
		check_fails++; \
	} \
} while (0)

#define TEST(name) static void name(void)
#define RUN(name) check_run(#name, name)

static void
check_run(const char *name, void (*fn)(void))
{
	int before = check_fails;

	fn();
	check_tests++;
	if (check_fails != before) {
		check_bad++;
		printf("not ok - %s\n", name);
	} else {
		printf("ok - %s\n", name);
	}
}

static int
check_done(void)
{
	printf("RESULT passed=%d failed=%d\n", check_tests - check_bad,
	    check_bad);
	return check_bad != 0;
}

#endif
