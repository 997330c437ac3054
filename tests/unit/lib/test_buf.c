/*
 * test_buf.c - struct buf: caps at exactly max and max+1, binary content,
 * printf over the cap leaving the buffer unchanged, size_t overflow attempts.
 *
 * Trust:   the lengths below are hostile on purpose (SIZE_MAX, max+1).
 * Limits:  the largest buffer built is 1 MiB.
 * Tests:   this file (lib/buf.c).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "buf.h"

static void test_empty(void)
{
	struct buf b = BUF_INIT(16);

	CU_ASSERT_PTR_NOT_NULL(buf_cstr(&b));
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_FALSE(buf_has_nul(&b));
	buf_reset(&b);
	buf_truncate(&b, 5);
	buf_consume(&b, 5);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	CU_ASSERT_EQUAL(buf_append(&b, "", 0), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	buf_free(&b);
	buf_free(&b);   /* twice is harmless */
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(b.max, 16);
}

static void test_append_exact_max(void)
{
	struct buf b = BUF_INIT(8);

	CU_ASSERT_EQUAL(buf_append(&b, "abcd", 4), 0);
	CU_ASSERT_EQUAL(buf_append(&b, "efgh", 4), 0);   /* exactly max */
	CU_ASSERT_EQUAL(b.len, 8);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcdefgh");
	errno = 0;
	CU_ASSERT_EQUAL(buf_append(&b, "i", 1), -1);     /* max + 1 */
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(b.len, 8);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcdefgh");
	errno = 0;
	CU_ASSERT_EQUAL(buf_putc(&b, 'x'), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(buf_append_str(&b, "y"), -1);
	CU_ASSERT_EQUAL(buf_append(&b, "", 0), 0);       /* nothing still fits */
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcdefgh");
	buf_free(&b);

	/* One append of max + 1 into an empty buffer. */
	buf_init(&b, 8);
	CU_ASSERT_EQUAL(buf_append(&b, "123456789", 9), -1);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	CU_ASSERT_EQUAL(buf_append(&b, "12345678", 8), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "12345678");
	buf_free(&b);
}

static void test_max_zero(void)
{
	struct buf b = BUF_INIT(0);

	CU_ASSERT_EQUAL(buf_append(&b, "", 0), 0);
	CU_ASSERT_EQUAL(buf_putc(&b, 'a'), -1);
	CU_ASSERT_EQUAL(buf_printf(&b, "%s", ""), 0);
	CU_ASSERT_EQUAL(buf_printf(&b, "%d", 1), -1);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	buf_free(&b);
}

static void test_size_overflow(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);

	CU_ASSERT_EQUAL(buf_append(&b, "abc", 3), 0);
	/* Lengths that wrap size_t arithmetic must be refused, not wrapped;
	   p is never read because the length check comes first. */
	errno = 0;
	CU_ASSERT_EQUAL(buf_append(&b, "x", SIZE_MAX), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(buf_append(&b, "x", SIZE_MAX - 2), -1);
	CU_ASSERT_EQUAL(buf_append(&b, "x", BUF_MAX_UNLIMITED), -1);
	CU_ASSERT_PTR_NULL(buf_reserve(&b, SIZE_MAX));
	CU_ASSERT_PTR_NULL(buf_reserve(&b, SIZE_MAX - 3));
	CU_ASSERT_EQUAL(buf_set(&b, "x", SIZE_MAX), -1);
	CU_ASSERT_EQUAL(b.len, 3);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc");
	buf_free(&b);
}

static void test_max_size_max(void)
{
	/* A cap of SIZE_MAX itself: len + n + 1 must never wrap around. */
	struct buf b = BUF_INIT(SIZE_MAX);

	CU_ASSERT_EQUAL(buf_append(&b, "abc", 3), 0);
	CU_ASSERT_PTR_NULL(buf_reserve(&b, SIZE_MAX - 3));
	CU_ASSERT_PTR_NULL(buf_reserve(&b, SIZE_MAX - 2));
	CU_ASSERT_PTR_NULL(buf_reserve(&b, SIZE_MAX));
	errno = 0;
	CU_ASSERT_EQUAL(buf_append(&b, "x", SIZE_MAX - 3), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(b.len, 3);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc");
	CU_ASSERT_EQUAL(buf_append(&b, "defg", 4), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcdefg");
	buf_free(&b);
}

static void test_binary(void)
{
	struct buf b = BUF_INIT(64);
	static const char bin[] = { 'a', '\0', 'b', '\r', '\0', '\n', (char)0xff };

	CU_ASSERT_EQUAL(buf_append(&b, bin, sizeof(bin)), 0);
	CU_ASSERT_EQUAL(b.len, sizeof(bin));
	CU_ASSERT_EQUAL(memcmp(b.data, bin, sizeof(bin)), 0);
	CU_ASSERT_EQUAL(b.data[b.len], '\0');
	CU_ASSERT_TRUE(buf_has_nul(&b));
	buf_consume(&b, 2);   /* drops "a\0" */
	CU_ASSERT_EQUAL(b.len, sizeof(bin) - 2);
	CU_ASSERT_EQUAL(b.data[0], 'b');
	CU_ASSERT_TRUE(buf_has_nul(&b));
	buf_truncate(&b, 2);  /* "b\r" */
	CU_ASSERT_FALSE(buf_has_nul(&b));
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "b\r");
	CU_ASSERT_EQUAL(buf_putc(&b, '\0'), 0);
	CU_ASSERT_EQUAL(b.len, 3);
	CU_ASSERT_TRUE(buf_has_nul(&b));
	CU_ASSERT_EQUAL(b.data[3], '\0');
	buf_free(&b);
}

static void test_printf_cap_unchanged(void)
{
	struct buf b = BUF_INIT(10);

	CU_ASSERT_EQUAL(buf_printf(&b, "%s-%d", "ab", 12), 0);        /* "ab-12" */
	CU_ASSERT_EQUAL(buf_printf(&b, "%05d", 42), 0);               /* exactly 10 */
	CU_ASSERT_EQUAL(b.len, 10);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "ab-1200042");
	buf_truncate(&b, 5);
	errno = 0;
	CU_ASSERT_EQUAL(buf_printf(&b, "%s", "123456"), -1);          /* 11: max + 1 */
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(b.len, 5);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "ab-12");
	/* A format far over the cap: unchanged too, and no overrun. */
	CU_ASSERT_EQUAL(buf_printf(&b, "%5000d", 7), -1);
	CU_ASSERT_EQUAL(b.len, 5);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "ab-12");
	CU_ASSERT_EQUAL(buf_printf(&b, "%s", "12345"), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "ab-1212345");
	buf_free(&b);
}

static void test_printf_large(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	char *big = malloc(100001);

	CU_ASSERT_FATAL(big != NULL);
	memset(big, 'q', 100000);
	big[100000] = '\0';
	CU_ASSERT_EQUAL(buf_printf(&b, "<%s>", big), 0);
	CU_ASSERT_EQUAL(b.len, 100002);
	CU_ASSERT_EQUAL(b.data[0], '<');
	CU_ASSERT_EQUAL(b.data[100001], '>');
	CU_ASSERT_EQUAL(b.data[100002], '\0');
	CU_ASSERT_EQUAL(buf_printf(&b, "%c%%", 'z'), 0);
	CU_ASSERT_STRING_EQUAL(b.data + 100002, "z%");
	free(big);
	buf_free(&b);
}

static void test_printf_table(void)
{
	static const struct {
		size_t max;
		const char *pre;
		long long num;
		const char *want;   /* NULL: -1 and unchanged */
	} cases[] = {
		{ 3, "", 123, "123" },
		{ 3, "", 1234, NULL },
		{ 3, "a", 12, "a12" },
		{ 3, "a", 123, NULL },
		{ 20, "", -9223372036854775807LL - 1, "-9223372036854775808" },
		{ 19, "", -9223372036854775807LL - 1, NULL },
		{ 1, "", 0, "0" },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		struct buf b = BUF_INIT(cases[i].max);
		const char *want = cases[i].want != NULL ? cases[i].want : cases[i].pre;
		int r;

		if (buf_append_str(&b, cases[i].pre) < 0)
			CU_FAIL("prefix");
		r = buf_printf(&b, "%lld", cases[i].num);
		if (r != (cases[i].want != NULL ? 0 : -1) || strcmp(buf_cstr(&b), want) != 0) {
			printf("case %zu: got %d \"%s\", want %d \"%s\"\n", i, r, buf_cstr(&b),
			       cases[i].want != NULL ? 0 : -1, want);
			CU_FAIL("buf_printf table");
		}
		buf_free(&b);
	}
}

static void test_set(void)
{
	struct buf b = BUF_INIT(4);

	CU_ASSERT_EQUAL(buf_set(&b, "abcd", 4), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcd");
	errno = 0;
	CU_ASSERT_EQUAL(buf_set(&b, "vwxyz", 5), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abcd");
	CU_ASSERT_EQUAL(buf_set(&b, "z", 1), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "z");
	CU_ASSERT_EQUAL(buf_set(&b, "", 0), 0);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	buf_free(&b);
}

static void test_consume_truncate(void)
{
	struct buf b = BUF_INIT(32);

	CU_ASSERT_EQUAL(buf_append_str(&b, "0123456789"), 0);
	buf_consume(&b, 3);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "3456789");
	buf_consume(&b, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "3456789");
	buf_truncate(&b, 100);        /* n > len: no change */
	CU_ASSERT_EQUAL(b.len, 7);
	buf_truncate(&b, 4);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "3456");
	buf_consume(&b, SIZE_MAX);    /* n > len drops everything */
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	CU_ASSERT_EQUAL(buf_append_str(&b, "again"), 0);
	buf_truncate(&b, 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	buf_free(&b);
}

static void test_reserve_commit(void)
{
	struct buf b = BUF_INIT(8);
	char *p;

	p = buf_reserve(&b, 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memcpy(p, "hello", 5);
	buf_commit(&b, 5);
	CU_ASSERT_EQUAL(b.len, 5);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "hello");
	CU_ASSERT_PTR_NULL(buf_reserve(&b, 4));   /* 9 > max */
	CU_ASSERT_EQUAL(b.len, 5);
	p = buf_reserve(&b, 3);                    /* exactly max */
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memcpy(p, "!!", 2);
	buf_commit(&b, 2);                         /* fewer than reserved */
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "hello!!");
	buf_free(&b);
}

static void test_growth_bytewise(void)
{
	struct buf b = BUF_INIT(1 << 20);
	size_t i;
	int bad = 0;

	for (i = 0; i < (1u << 20); i++)
		if (buf_putc(&b, (char)('a' + i % 26)) < 0)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(b.len, 1u << 20);
	CU_ASSERT_TRUE(b.cap >= b.len + 1);
	CU_ASSERT_EQUAL(buf_putc(&b, 'x'), -1);
	for (i = 0; i < b.len; i++)
		if (b.data[i] != (char)('a' + i % 26))
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(b.data[b.len], '\0');
	buf_free_secure(&b);
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(b.max, 1u << 20);
	/* usable again after free */
	CU_ASSERT_EQUAL(buf_append_str(&b, "x"), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "x");
	buf_free(&b);
}

static void test_reset_keeps_memory(void)
{
	struct buf b = BUF_INIT(100);
	char *before;

	CU_ASSERT_EQUAL(buf_append_str(&b, "some text"), 0);
	before = b.data;
	buf_reset(&b);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_PTR_EQUAL(b.data, before);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "");
	buf_free(&b);
}

void suite_buf(void);
void suite_buf(void)
{
	CU_pSuite s = cutest_suite("buf");

	cutest_add(s, "empty buffer", test_empty);
	cutest_add(s, "append at exactly max and max+1", test_append_exact_max);
	cutest_add(s, "max 0", test_max_zero);
	cutest_add(s, "size_t overflow lengths refused", test_size_overflow);
	cutest_add(s, "max SIZE_MAX never wraps", test_max_size_max);
	cutest_add(s, "binary content with NUL", test_binary);
	cutest_add(s, "printf over the cap leaves buffer unchanged", test_printf_cap_unchanged);
	cutest_add(s, "printf of 100 KB", test_printf_large);
	cutest_add(s, "printf table", test_printf_table);
	cutest_add(s, "set", test_set);
	cutest_add(s, "consume and truncate", test_consume_truncate);
	cutest_add(s, "reserve and commit", test_reserve_commit);
	cutest_add(s, "1 MiB one byte at a time", test_growth_bytewise);
	cutest_add(s, "reset keeps memory", test_reset_keeps_memory);
}
