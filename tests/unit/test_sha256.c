/* Unit tests for sha256.c: the FIPS 180-4 examples, lengths around the
 * padding boundary (checked against sha256sum), and the base64 form a
 * Content-Security-Policy hash uses. */
#include "check.h"
#include "sha256.h"

static void
hex(const void *data, size_t len, char out[65])
{
	uint8_t d[SHA256_LEN];
	size_t i;

	sha256(data, len, d);
	for (i = 0; i < SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

TEST(known_digests)
{
	char h[65];

	hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex("", 0, h);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
	CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(padding_boundaries)
{
	char h[65], a[130];

	memset(a, 'a', sizeof(a));
	hex(a, 55, h);
	CHECK_STR(h, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	hex(a, 64, h);
	CHECK_STR(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	hex(a, 129, h);
	CHECK_STR(h, "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae");
}

TEST(base64_for_csp)
{
	char b[SHA256_B64];

	sha256_base64("abc", 3, b);
	CHECK_STR(b, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

int
main(void)
{
	RUN(known_digests);
	RUN(padding_boundaries);
	RUN(base64_for_csp);
	return check_done();
}
