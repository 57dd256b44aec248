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

int
main(void)
{
	RUN(decodes_valid_sequences);
	RUN(refuses_invalid_sequences);
	RUN(unsafe_characters);
	RUN(visible_escapes);
	return check_done();
}
