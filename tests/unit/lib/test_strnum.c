/*
 * test_strnum.c - strict number parsing: exact overflow boundaries, signs,
 * white space, empty input, trailing garbage, leading zeros, unterminated
 * byte ranges.  Table-driven: a failing row prints "case N: got X, want Y".
 *
 * Trust:   every input string is hostile.
 * Limits:  none beyond the tables.
 * Tests:   this file (lib/strnum.c).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "strnum.h"

/* want_errno 0 = success with value want. */
struct u64_case {
	const char *in;
	int want_errno;
	uint64_t want;
};

#define SENTINEL_U64 0x5a5a5a5a5a5a5a5aULL

static const struct u64_case u64_cases[] = {
	/* 0 */ { "0", 0, 0 },
	{ "1", 0, 1 },
	{ "18446744073709551615", 0, UINT64_MAX },
	{ "18446744073709551616", ERANGE, 0 },
	{ "18446744073709551620", ERANGE, 0 },
	/* 5 */ { "99999999999999999999", ERANGE, 0 },
	{ "184467440737095516150", ERANGE, 0 },
	{ "0000000000000000000000000000000000000000018446744073709551615", 0, UINT64_MAX },
	{ "007", 0, 7 },
	{ "", EINVAL, 0 },
	/* 10 */ { " 1", EINVAL, 0 },
	{ "1 ", EINVAL, 0 },
	{ "\t1", EINVAL, 0 },
	{ "1\n", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	/* 15 */ { "-1", EINVAL, 0 },
	{ "-0", EINVAL, 0 },
	{ "1a", EINVAL, 0 },
	{ "0x10", EINVAL, 0 },
	{ "1e3", EINVAL, 0 },
	/* 20 */ { "1.0", EINVAL, 0 },
	{ "1,000", EINVAL, 0 },
	{ "a1", EINVAL, 0 },
	{ "\xd9\xa1", EINVAL, 0 },   /* Arabic-Indic digit one */
	{ "18446744073709551615x", EINVAL, 0 },
};

static void test_uint64_table(void)
{
	for (size_t i = 0; i < N_ELEMENTS(u64_cases); i++) {
		const struct u64_case *c = &u64_cases[i];
		uint64_t v = SENTINEL_U64;
		int r;

		errno = 0;
		r = str_to_uint64(c->in, &v);
		if (c->want_errno == 0) {
			if (r != 0 || v != c->want) {
				printf("case %zu: got %d %" PRIu64 ", want 0 %" PRIu64 "\n",
				       i, r, v, c->want);
				CU_FAIL("str_to_uint64");
			}
		} else if (r != -1 || errno != c->want_errno || v != SENTINEL_U64) {
			printf("case %zu: got %d errno %d value %s, want -1 errno %d untouched\n",
			       i, r, errno, v == SENTINEL_U64 ? "untouched" : "written",
			       c->want_errno);
			CU_FAIL("str_to_uint64");
		}
	}
}

/* One table for the narrower unsigned parsers: max and max+1 of each. */
static void test_narrow_unsigned(void)
{
	char s[64];
	unsigned int ui = 7;
	unsigned long ul = 7;
	uint32_t u32 = 7;
	size_t sz = 7;

	snprintf(s, sizeof(s), "%u", UINT_MAX);
	CU_ASSERT_EQUAL(str_to_uint(s, &ui), 0);
	CU_ASSERT_EQUAL(ui, UINT_MAX);
	snprintf(s, sizeof(s), "%llu", (unsigned long long)UINT_MAX + 1);
	ui = 7;
	errno = 0;
	CU_ASSERT_EQUAL(str_to_uint(s, &ui), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
	CU_ASSERT_EQUAL(ui, 7);
	CU_ASSERT_EQUAL(str_to_uint("-1", &ui), -1);
	CU_ASSERT_EQUAL(ui, 7);

	CU_ASSERT_EQUAL(str_to_uint32("4294967295", &u32), 0);
	CU_ASSERT_EQUAL(u32, UINT32_MAX);
	u32 = 7;
	errno = 0;
	CU_ASSERT_EQUAL(str_to_uint32("4294967296", &u32), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
	CU_ASSERT_EQUAL(u32, 7);

	snprintf(s, sizeof(s), "%lu", ULONG_MAX);
	CU_ASSERT_EQUAL(str_to_ulong(s, &ul), 0);
	CU_ASSERT_EQUAL(ul, ULONG_MAX);
	CU_ASSERT_EQUAL(str_to_ulong("", &ul), -1);

	snprintf(s, sizeof(s), "%zu", SIZE_MAX);
	CU_ASSERT_EQUAL(str_to_size(s, &sz), 0);
	CU_ASSERT_EQUAL(sz, SIZE_MAX);
	sz = 7;
	CU_ASSERT_EQUAL(str_to_size("1 ", &sz), -1);
	CU_ASSERT_EQUAL(sz, 7);
#if SIZE_MAX == UINT64_MAX
	CU_ASSERT_EQUAL(str_to_size("18446744073709551616", &sz), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
#endif
}

struct ll_case {
	const char *in;
	int want_errno;
	long long want;
};

static const struct ll_case ll_cases[] = {
	/* 0 */ { "0", 0, 0 },
	{ "-0", 0, 0 },
	{ "-1", 0, -1 },
	{ "9223372036854775807", 0, LLONG_MAX },
	{ "9223372036854775808", ERANGE, 0 },
	/* 5 */ { "-9223372036854775808", 0, LLONG_MIN },
	{ "-9223372036854775809", ERANGE, 0 },
	{ "-18446744073709551616", ERANGE, 0 },
	{ "-", EINVAL, 0 },
	{ "--1", EINVAL, 0 },
	/* 10 */ { "+1", EINVAL, 0 },
	{ "- 1", EINVAL, 0 },
	{ " -1", EINVAL, 0 },
	{ "-1-", EINVAL, 0 },
	{ "", EINVAL, 0 },
	/* 15 */ { "-007", 0, -7 },
};

static void test_llong_table(void)
{
	for (size_t i = 0; i < N_ELEMENTS(ll_cases); i++) {
		const struct ll_case *c = &ll_cases[i];
		long long v = 0x5a5a;
		int r;

		errno = 0;
		r = str_to_llong(c->in, &v);
		if (c->want_errno == 0 ? (r != 0 || v != c->want)
				       : (r != -1 || errno != c->want_errno || v != 0x5a5a)) {
			printf("case %zu: got %d errno %d value %lld, want %d errno %d value %lld\n",
			       i, r, errno, v, c->want_errno == 0 ? 0 : -1, c->want_errno,
			       c->want_errno == 0 ? c->want : 0x5a5a);
			CU_FAIL("str_to_llong");
		}
	}
}

static void test_int_bounds(void)
{
	static const struct {
		const char *in;
		int ok;
		int want;
	} cases[] = {
		{ "2147483647", 1, INT_MAX },
		{ "2147483648", 0, 0 },
		{ "-2147483648", 1, INT_MIN },
		{ "-2147483649", 0, 0 },
		{ "99999999999999999999999", 0, 0 },
		{ "-99999999999999999999999", 0, 0 },
		{ "12x", 0, 0 },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		int v = 4242, r = str_to_int(cases[i].in, &v);

		if (cases[i].ok ? (r != 0 || v != cases[i].want) : (r != -1 || v != 4242)) {
			printf("case %zu: got %d %d, want %d %d\n", i, r, v,
			       cases[i].ok ? 0 : -1, cases[i].ok ? cases[i].want : 4242);
			CU_FAIL("str_to_int");
		}
	}
}

static void test_uid_gid(void)
{
	uid_t u = 5;
	gid_t g = 5;

	CU_ASSERT_EQUAL(str_to_uid("0", &u), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(str_to_uid("65534", &u), 0);
	CU_ASSERT_EQUAL(u, 65534);
	u = 5;
	/* (uid_t)-1 is "no change" to setuid() and friends: never an id. */
	CU_ASSERT_EQUAL(str_to_uid("4294967295", &u), -1);
	CU_ASSERT_EQUAL(str_to_uid("4294967296", &u), -1);
	CU_ASSERT_EQUAL(str_to_uid("-1", &u), -1);
	CU_ASSERT_EQUAL(str_to_uid("root", &u), -1);
	CU_ASSERT_EQUAL(u, 5);
	CU_ASSERT_EQUAL(str_to_gid("4294967294", &g), 0);
	CU_ASSERT_EQUAL(g, 4294967294u);
	g = 5;
	CU_ASSERT_EQUAL(str_to_gid("4294967295", &g), -1);
	CU_ASSERT_EQUAL(str_to_gid("", &g), -1);
	CU_ASSERT_EQUAL(g, 5);
}

static void test_prefix(void)
{
	uint64_t v = SENTINEL_U64;
	const char *end = NULL;
	const char *s;

	s = "123abc";
	CU_ASSERT_EQUAL(str_to_uint64_prefix(s, &v, &end), 0);
	CU_ASSERT_EQUAL(v, 123);
	CU_ASSERT_PTR_EQUAL(end, s + 3);
	s = "42";
	CU_ASSERT_EQUAL(str_to_uint64_prefix(s, &v, &end), 0);
	CU_ASSERT_PTR_EQUAL(end, s + 2);
	CU_ASSERT_EQUAL(*end, '\0');
	s = "18446744073709551615}";
	CU_ASSERT_EQUAL(str_to_uint64_prefix(s, &v, &end), 0);
	CU_ASSERT_EQUAL(v, UINT64_MAX);
	CU_ASSERT_EQUAL(*end, '}');

	v = SENTINEL_U64;
	end = NULL;
	errno = 0;
	CU_ASSERT_EQUAL(str_to_uint64_prefix("18446744073709551616}", &v, &end), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
	errno = 0;
	CU_ASSERT_EQUAL(str_to_uint64_prefix("abc", &v, &end), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(str_to_uint64_prefix("", &v, &end), -1);
	CU_ASSERT_EQUAL(str_to_uint64_prefix("-5", &v, &end), -1);
	CU_ASSERT_EQUAL(str_to_uint64_prefix(" 5", &v, &end), -1);
	CU_ASSERT_EQUAL(v, SENTINEL_U64);
	CU_ASSERT_PTR_NULL(end);
}

static void test_mem_range(void)
{
	/* Exactly sized heap copies: reading one byte past the range is an
	   ASan error in the sanitizer build. */
	static const struct {
		const char *in;
		size_t n;
		int want_errno;
		uint64_t want;
	} cases[] = {
		{ "12345", 3, 0, 123 },
		{ "12345", 5, 0, 12345 },
		{ "12345", 0, EINVAL, 0 },
		{ "12a45", 5, EINVAL, 0 },
		{ "12a45", 2, 0, 12 },
		{ "18446744073709551615", 20, 0, UINT64_MAX },
		{ "18446744073709551616", 20, ERANGE, 0 },
		{ "184467440737095516160", 21, ERANGE, 0 },
		{ "1\0002", 3, EINVAL, 0 },
		{ " 1", 2, EINVAL, 0 },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		char *copy = malloc(cases[i].n + 1);
		uint64_t v = SENTINEL_U64;
		int r;

		CU_ASSERT_FATAL(copy != NULL);
		memcpy(copy, cases[i].in, cases[i].n);
		errno = 0;
		r = mem_to_uint64(copy, cases[i].n, &v);
		if (cases[i].want_errno == 0 ? (r != 0 || v != cases[i].want)
					     : (r != -1 || errno != cases[i].want_errno ||
						v != SENTINEL_U64)) {
			printf("case %zu: got %d errno %d %" PRIu64 ", want errno %d %" PRIu64 "\n",
			       i, r, errno, v, cases[i].want_errno, cases[i].want);
			CU_FAIL("mem_to_uint64");
		}
		free(copy);
	}
	{
		/* A range with no NUL anywhere after it. */
		char *p = malloc(4);

		CU_ASSERT_FATAL(p != NULL);
		memcpy(p, "9876", 4);
		CU_ASSERT_EQUAL(mem_to_uint64(p, 4, &(uint64_t){ 0 }), 0);
		free(p);
	}
}

static void test_size_suffix(void)
{
	static const struct u64_case cases[] = {
		/* 0 */ { "0", 0, 0 },
		{ "10", 0, 10 },
		{ "10k", 0, 10240 },
		{ "10K", 0, 10240 },
		{ "2m", 0, 2097152 },
		/* 5 */ { "2M", 0, 2097152 },
		{ "1g", 0, 1073741824 },
		{ "3G", 0, 3221225472ULL },
		{ "0k", 0, 0 },
		{ "18014398509481983k", 0, 18446744073709550592ULL },
		/* 10 */ { "18014398509481984k", ERANGE, 0 },
		{ "17179869183g", 0, 18446744072635809792ULL },
		{ "17179869184g", ERANGE, 0 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "18446744073709551616", ERANGE, 0 },
		/* 15 */ { "k", EINVAL, 0 },
		{ "", EINVAL, 0 },
		{ "10kb", EINVAL, 0 },
		{ "10 k", EINVAL, 0 },
		{ "10t", EINVAL, 0 },
		/* 20 */ { "10kk", EINVAL, 0 },
		{ "-1k", EINVAL, 0 },
		{ "1.5m", EINVAL, 0 },
		{ "10k ", EINVAL, 0 },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		uint64_t v = SENTINEL_U64;
		int r;

		errno = 0;
		r = str_to_size_suffix(cases[i].in, &v);
		if (cases[i].want_errno == 0 ? (r != 0 || v != cases[i].want)
					     : (r != -1 || errno != cases[i].want_errno ||
						v != SENTINEL_U64)) {
			printf("case %zu: got %d errno %d %" PRIu64 ", want errno %d %" PRIu64 "\n",
			       i, r, errno, v, cases[i].want_errno, cases[i].want);
			CU_FAIL("str_to_size_suffix");
		}
	}
}

static void test_long_digit_string(void)
{
	/* 100000 digits: overflow detected, no quadratic work, no crash. */
	size_t n = 100000;
	char *s = malloc(n + 1);
	uint64_t v = SENTINEL_U64;

	CU_ASSERT_FATAL(s != NULL);
	memset(s, '9', n);
	s[n] = '\0';
	errno = 0;
	CU_ASSERT_EQUAL(str_to_uint64(s, &v), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
	memset(s, '0', n);
	s[n - 1] = '5';
	CU_ASSERT_EQUAL(str_to_uint64(s, &v), 0);
	CU_ASSERT_EQUAL(v, 5);
	free(s);
}

void suite_strnum(void);
void suite_strnum(void)
{
	CU_pSuite s = cutest_suite("strnum");

	cutest_add(s, "str_to_uint64 table", test_uint64_table);
	cutest_add(s, "narrow unsigned at max and max+1", test_narrow_unsigned);
	cutest_add(s, "str_to_llong table", test_llong_table);
	cutest_add(s, "str_to_int bounds", test_int_bounds);
	cutest_add(s, "uid and gid", test_uid_gid);
	cutest_add(s, "prefix parse", test_prefix);
	cutest_add(s, "mem_to_uint64 over unterminated ranges", test_mem_range);
	cutest_add(s, "size with suffix", test_size_suffix);
	cutest_add(s, "100000 digits", test_long_digit_string);
}
