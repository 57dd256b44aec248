/* Unit tests for utf8.c. */
#include "check.h"
#include "utf8.h"

TEST(decodes_valid_sequences)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(utf8_decode("\xc3\xa9", 2, &cp), 2);
	CHECK_INT(cp, 0xE9);
	CHECK_INT(utf8_decode("\xe2\x80\xae", 3, &cp), 3);
	CHECK_INT(cp, 0x202E);
	CHECK_INT(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	CHECK_INT(cp, 0x10FFFF);
}

TEST(refuses_invalid_sequences)
{
	static const char *bad[] = {
		"\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xc3", "\xe2\x80", "\xff", "\xc3\x41",
	};
	uint32_t cp;
	size_t i, off = 99;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_INT(utf8_decode(bad[i], strlen(bad[i]), &cp), 0);
	CHECK(!utf8_valid("ok \xc3\xa9 \xff", 7, &off));
	CHECK_INT(off, 6);
	CHECK(utf8_valid("ok \xc3\xa9", 6, NULL));
}

TEST(unsafe_characters)
{
	CHECK(utf8_is_unsafe(0x1B));
	CHECK(utf8_is_unsafe(0x7F));
	CHECK(utf8_is_unsafe(0x85));
	CHECK(utf8_is_unsafe(0x202E));
	CHECK(utf8_is_unsafe(0x2066));
	CHECK(!utf8_is_unsafe('a'));
	CHECK(!utf8_is_unsafe(0xE9));
}

TEST(visible_escapes)
{
	char out[64];

	utf8_visible(out, sizeof(out), "a\x1b[31mb\xe2\x80\xae\xff", 11);
	CHECK_STR(out, "a\\x1b[31mb\\u202e\\xff");
	/* truncation never splits a character */
	utf8_visible(out, 4, "ab\xc3\xa9", 4);
	CHECK_STR(out, "ab");
}

/* The quick test for text that needs no closer look: each of the 256
 * byte values at every position of a word and of the tail, among bytes at
 * either end of the printable range, is taken exactly when it is
 * printable ASCII itself.  A text printable but for two bytes is refused
 * too (a carry from one must not hide the other). */
TEST(printable_ascii_test)
{
	static const char around[] = { ' ', '~' };
	char s[40];
	size_t len, at, k, wrong = 0;
	int v;

	CHECK(utf8_printable("", 0));
	CHECK(utf8_printable("Dashboards, schedulers and link shorteners", 42));
	CHECK(!utf8_printable("caf\xc3\xa9 au lait", 13));
	CHECK(!utf8_printable("0123456789\x7f\xff", 12));
	CHECK(!utf8_printable("0123456\x1f\x7f", 9));
	CHECK(utf8_printable("abc\n", 3));	/* nothing past n is read */
	for (len = 1; len < sizeof(s); len++)
		for (k = 0; k < sizeof(around); k++)
			for (at = 0; at < len; at++)
				for (v = 0; v < 256; v++) {
					memset(s, around[k], len);
					s[at] = (char)v;
					wrong += utf8_printable(s, len) !=
					    (v >= 0x20 && v <= 0x7e);
				}
	CHECK_INT(wrong, 0);
}

/* The copy that tests on the way: every length, every byte value at
 * every position; the bytes arrive whole, nothing past n is written. */
TEST(copy_printable_test)
{
	char s[40], d[48];
	size_t len, at, wrong = 0;
	int v;

	for (len = 0; len < sizeof(s); len++)
		for (at = 0; at < len || (len == 0 && at == 0); at++)
			for (v = 0; v < 256; v++) {
				memset(s, 'x', len);
				if (len > 0)
					s[at] = (char)v;
				memset(d, '#', sizeof(d));
				wrong += utf8_copy_printable(d, s, len) !=
				    utf8_printable(s, len);
				wrong += memcmp(d, s, len) != 0 ||
				    d[len] != '#';
			}
	CHECK_INT(wrong, 0);
}

int
main(void)
{
	RUN(decodes_valid_sequences);
	RUN(refuses_invalid_sequences);
	RUN(unsafe_characters);
	RUN(visible_escapes);
	RUN(printable_ascii_test);
	RUN(copy_printable_test);
	return check_done();
}
