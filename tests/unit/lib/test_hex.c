/*
 * test_hex.c - lib/hex.c: encoding, strict decoding, the output cap hit
 * exactly and one past.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "hex.h"

static void test_roundtrip(void)
{
	struct buf h = BUF_INIT(64), b = BUF_INIT(64);

	CU_ASSERT_EQUAL(hex_encode(&h, "\x00\x7f\xff a", 5), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&h), "007fff2061");
	CU_ASSERT_EQUAL(hex_decode(h.data, h.len, &b), 0);
	CU_ASSERT_EQUAL(b.len, 5);
	CU_ASSERT(memcmp(b.data, "\x00\x7f\xff a", 5) == 0);
	buf_reset(&b);
	CU_ASSERT_EQUAL(hex_decode("AbCd", 4, &b), 0);
	CU_ASSERT(memcmp(b.data, "\xab\xcd", 2) == 0);
	buf_free(&h);
	buf_free(&b);
}

/* Every byte value: exactly 0-9 a-f A-F have a value; negative (a signed
   char past 0x7f) and EOF are not digits. */
static void test_digit_value(void)
{
	static const char digits[] = "0123456789abcdef";

	for (int c = -128; c < 256; c++) {
		const char *p = c > 0 ? strchr(digits, c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c) : NULL;
		int want = p != NULL && *p != '\0' ? (int)(p - digits) : -1;

		if (hex_digit_value(c) != want) {
			printf("case %d: got %d, want %d\n", c, hex_digit_value(c), want);
			CU_FAIL("hex_digit_value");
		}
	}
	CU_ASSERT_EQUAL(hex_digit_value(-1), -1);
	CU_ASSERT_EQUAL(hex_digit_value('g'), -1);
	CU_ASSERT_EQUAL(hex_digit_value('F'), 15);
}

static void test_hostile(void)
{
	struct buf b = BUF_INIT(2);

	CU_ASSERT_EQUAL(hex_decode("abc", 3, &b), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(hex_decode("0g", 2, &b), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(hex_decode("0\0", 2, &b), -1);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(hex_decode("0102", 4, &b), 0);        /* exactly the cap */
	buf_reset(&b);
	CU_ASSERT_EQUAL(hex_decode("010203", 6, &b), -1);     /* one past */
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(hex_encode(&b, "a", 1), 0);
	CU_ASSERT_EQUAL(hex_encode(&b, "a", 1), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "61");
	buf_free(&b);
}

void suite_hex(void);
void suite_hex(void)
{
	CU_pSuite s = cutest_suite("hex");

	cutest_add(s, "roundtrip", test_roundtrip);
	cutest_add(s, "hostile", test_hostile);
	cutest_add(s, "digit_value", test_digit_value);
}
