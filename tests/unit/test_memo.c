/* Unit tests for memo.c: results kept by their text, the oldest given up
 * for a new one, nothing found that was not kept. */
#include <stdio.h>

#include "check.h"
#include "memo.h"

static const char *
get(const struct memo *m, const char *key)
{
	const struct buf *v = memo_get(m, key, strlen(key));

	return v != NULL ? buf_str(v) : NULL;
}

TEST(keeps_by_text)
{
	struct memo m = { 0 };

	CHECK(get(&m, "") == NULL);		/* zeroed: holds nothing */
	CHECK(get(&m, "some") == NULL);
	memo_put(&m, "some", 4, "S", 1);
	memo_put(&m, "Some", 4, "T", 1);
	memo_put(&m, "", 0, "empty", 5);
	CHECK_STR(get(&m, "some"), "S");
	CHECK_STR(get(&m, "Some"), "T");	/* the bytes, not the letters */
	CHECK_STR(get(&m, ""), "empty");
	CHECK(get(&m, "som") == NULL);		/* a prefix is another text */
	CHECK(get(&m, "somee") == NULL);
	CHECK(memo_get(&m, "some people", 4) != NULL);	/* only n bytes */
	memo_release(&m);
	CHECK(get(&m, "some") == NULL);
	CHECK(get(&m, "") == NULL);
}

TEST(gives_up_the_oldest)
{
	struct memo m = { 0 };
	char key[16], val[16];
	int i;

	for (i = 0; i < MEMO_SLOTS + 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(val, sizeof(val), "v%d", i);
		memo_put(&m, key, strlen(key), val, strlen(val));
	}
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		CHECK(get(&m, key) == NULL);
	}
	for (i = 3; i < MEMO_SLOTS + 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(val, sizeof(val), "v%d", i);
		CHECK_STR(get(&m, key), val);
	}
	memo_release(&m);
}

/* Texts of every length up to past the short-text compare, one byte
 * apart at every position: none is taken for the other. */
TEST(one_byte_apart)
{
	char key[24], other[24];
	size_t len, at, wrong = 0;

	for (len = 1; len < sizeof(key); len++) {
		struct memo m = { 0 };

		memset(key, 'a', len);
		memo_put(&m, key, len, "v", 1);
		wrong += memo_get(&m, key, len) == NULL;
		for (at = 0; at < len; at++) {
			memcpy(other, key, len);
			other[at] = 'b';
			wrong += memo_get(&m, other, len) != NULL;
		}
		memo_release(&m);
	}
	CHECK_INT(wrong, 0);
}

int
main(void)
{
	RUN(keeps_by_text);
	RUN(gives_up_the_oldest);
	RUN(one_byte_apart);
	return check_done();
}
