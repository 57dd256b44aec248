/* Unit tests for the small modules: err, buf, suggest, arena, paths. */
#include <limits.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "check.h"
#include "err.h"
#include "explain.h"
#include "paths.h"
#include "suggest.h"

TEST(error_records)
{
	struct err e;

	CHECK_INT(err_set(&e, AS_EINPUT, "f.json", 3, 7, "bad %s", "thing"),
	    -1);
	CHECK_STR(e.file, "f.json");
	CHECK_STR(e.msg, "bad thing");
	err_context(&e, "scoring '%s'", "X");
	CHECK_STR(e.msg, "bad thing (scoring 'X')");
	CHECK_INT(err_set(NULL, AS_ESYS, NULL, 0, 0, "x"), -1);
}

TEST(buffers)
{
	struct buf b = BUF_INIT;
	struct err e;
	int i;

	CHECK_STR(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK_INT(b.len, 3890);
	CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_reset(&b);
	buf_puts(&b, "x");
	CHECK_STR(b.data, "x");
	CHECK(buf_ok(&b, &e) == 0);
	b.failed = 1;		/* an allocation failed earlier */
	buf_puts(&b, "y");
	CHECK_STR(b.data, "x");
	CHECK(buf_ok(&b, &e) != 0);
	CHECK_STR(e.msg, "out of memory");
	buf_release(&b);
}

/* A sink that keeps what it is handed, and how many times. */
struct handed {
	struct buf	 all;
	int		 calls;
};

static int
keep_handed(void *ctx, const char *p, size_t n)
{
	struct handed *h = ctx;

	h->calls++;
	buf_add(&h->all, p, n);
	return 0;
}

/* Room written in place: kept as committed, short copies whole, and a
 * streaming buffer hands on what it holds before the room would take
 * it past a chunk, so the bytes arrive in order. */
TEST(buffer_room)
{
	struct handed h = { BUF_INIT, 0 };
	struct buf b = BUF_INIT;
	char *d;
	size_t n;

	for (n = 0; n <= 16; n++)		/* the short copies */
		buf_add(&b, "abcdefghijklmnop", n);
	CHECK_INT(b.len, 136);
	CHECK(strncmp(b.data + 120, "abcdefghijklmnop", 16) == 0);
	CHECK(strncmp(b.data + 105, "abcdefghijklmno", 15) == 0);
	buf_reset(&b);
	if ((d = buf_room(&b, 10)) != NULL) {
		memcpy(d, "xyz", 3);
		buf_commit(&b, 3);
	}
	CHECK_STR(buf_str(&b), "xyz");
	buf_release(&b);

	buf_stream(&b, keep_handed, &h);
	for (n = 0; n < BUF_STREAM_CHUNK - 100; n++)
		buf_putc(&b, (char)('a' + n % 26));
	CHECK_INT(h.calls, 0);
	d = buf_room(&b, 200);			/* would pass the chunk */
	CHECK_INT(h.calls, 1);
	CHECK_INT(b.len, 0);
	if (d != NULL) {
		memcpy(d, "tail", 4);
		buf_commit(&b, 4);
	}
	CHECK(buf_flush(&b) == 0);
	CHECK_INT(h.all.len, BUF_STREAM_CHUNK - 100 + 4);
	CHECK(memcmp(h.all.data + h.all.len - 4, "tail", 4) == 0);
	b.failed = 1;				/* a buffer that failed */
	CHECK(buf_room(&b, 1) == NULL);
	buf_release(&b);
	buf_release(&h.all);
}

TEST(suggestions)
{
	static const char *const words[] = { "questions", "dimensions",
	    "title", "id" };
	struct suggest s;
	size_t i;

	suggest_init(&s, "quesitons");
	for (i = 0; i < 4; i++)
		suggest_try(&s, words[i]);
	CHECK_STR(s.best, "questions");
	suggest_init(&s, "ID");
	for (i = 0; i < 4; i++)
		suggest_try(&s, words[i]);
	CHECK_STR(s.best, "id");
	suggest_init(&s, "frobnicate");
	for (i = 0; i < 4; i++)
		suggest_try(&s, words[i]);
	CHECK(s.best == NULL);
}

TEST(arenas)
{
	struct arena a = ARENA_INIT;
	char *big, *p = arena_strdup(&a, "hello");
	int *z = arena_alloc(&a, 100 * sizeof(int));

	CHECK_STR(p, "hello");
	CHECK_INT(z[99], 0);
	big = arena_alloc(&a, (size_t)1 << 20);	/* larger than a chunk */
	CHECK(big != NULL);
	if (big != NULL)
		memset(big, 1, (size_t)1 << 20);
	CHECK_STR(arena_strndup(&a, "abcdef", 3), "abc");
	arena_release(&a);
	CHECK(a.head == NULL);
}

TEST(bundled_ids_and_paths)
{
	struct err e;
	char *p;

	CHECK(paths_is_path("x/survey.json"));
	CHECK(paths_is_path("mine.json"));
	CHECK(!paths_is_path("quick-check"));
	setenv("ASSESS_PATH", ".", 1);
	p = paths_survey("quick-check", &e);
	CHECK_STR(p, "surveys/quick-check/survey.json");
	free(p);
	CHECK(paths_survey("no-such-survey", &e) == NULL);
	CHECK_INT(e.code, AS_EUSAGE);
	p = paths_survey("tests/data/mini", &e);
	CHECK_STR(p, "tests/data/mini/survey.json");
	free(p);
}

/* Decimal appends agree with printf at the edges, and single bytes
 * appended one at a time cross every growth step intact. */
TEST(buffer_integers)
{
	struct buf b = BUF_INIT, ref = BUF_INIT;
	static const long l[] = { 0, 7, -1, 10, -10, 1234567, LONG_MAX,
	    LONG_MIN };
	size_t i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		buf_putl(&b, l[i]);
		buf_putc(&b, ' ');
		buf_printf(&ref, "%ld ", l[i]);
	}
	buf_putu(&b, ULONG_MAX);
	buf_putu(&b, 0);
	buf_printf(&ref, "%lu%lu", ULONG_MAX, 0UL);
	CHECK_STR(buf_str(&b), buf_str(&ref));
	buf_reset(&b);
	for (i = 0; i < 5000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	CHECK(b.len == 5000 && b.data[5000] == '\0');
	CHECK(b.data[4999] == (char)('a' + 4999 % 26));
	buf_release(&b);
	buf_release(&ref);
}

TEST(explain_choices)
{
	static struct r_xdim traced[2] = { { "ACC", NULL, 0, NULL, 0 },
	    { NULL, NULL, 0, NULL, 0 } };
	static struct r_dim dims[2] = { { .id = "ACC" }, { .id = "APR" } };
	static const char *alias[] = { "Town  library " };
	static struct r_org orgs[2] = {
		{ .id = "Town Library", .dims = dims, .ndims = 2,
		  .explain = traced, .aliases = { alias, 1 } },
		{ .id = "Kestrel Bay Tourism Board", .dims = dims, .ndims = 2,
		  .explain = traced },
	};
	struct result r;
	struct explain x;
	struct err e = { 0 };

	CHECK(explain_same_name("  Town   LIBRARY", "town library "));
	CHECK(!explain_same_name("Town Library", "TownLibrary"));
	CHECK(!explain_same_name("Town", "Town Library"));
	memset(&r, 0, sizeof(r));
	r.orgs = orgs;
	r.norgs = 2;
	CHECK_INT(explain_select(&x, &r, "kestrel bay tourism board", "acc",
	    &e), 0);
	CHECK(x.one && x.org == 1 && x.dim == 0);
	CHECK(explain_shows_org(&x, 1) && !explain_shows_org(&x, 0));
	CHECK_INT(explain_select(&x, &r, "Kestrel Bay", NULL, &e), -1);
	CHECK_STR(e.msg, "no organisation 'Kestrel Bay' in the answers; the "
	    "nearest is 'Kestrel Bay Tourism Board'");
	CHECK_INT(explain_select(&x, &r, "Town Libary", NULL, &e), -1);
	CHECK_STR(e.msg, "no organisation 'Town Libary' in the answers; the "
	    "nearest is 'Town Library'");
	CHECK_INT(explain_select(&x, &r, "zzz", NULL, &e), -1);
	CHECK_STR(e.msg, "no organisation 'zzz' in the answers; the first "
	    "they name is 'Town Library'");
	CHECK_INT(explain_select(&x, &r, NULL, "APR", &e), -1);
	CHECK_STR(e.msg, "the rules recorded no explanation (a rule script "
	    "explains its levels through rules/lib/profile.lua or "
	    "assess.explaining)");
	CHECK_INT(explain_select(&x, &r, NULL, "APX", &e), -1);
	CHECK_STR(e.msg, "no dimension 'APX' in the survey; did you mean "
	    "'APR'?");
	CHECK_INT(explain_select(&x, &r, " town library", NULL, &e), 0);
	CHECK(x.org == 0 && x.dim == -1);
}

int
main(void)
{
	RUN(error_records);
	RUN(buffers);
	RUN(buffer_integers);
	RUN(buffer_room);
	RUN(suggestions);
	RUN(arenas);
	RUN(bundled_ids_and_paths);
	RUN(explain_choices);
	return check_done();
}
