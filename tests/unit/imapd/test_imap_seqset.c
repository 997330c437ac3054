/*
 * test_imap_seqset.c - imapd/imap_seqset.c: the RFC 3501 grammar, ranges
 * either way round, "*", hostile input byte by byte, both caps exactly and
 * one past them, and imap_seqset_contains.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "imap_seqset.h"

/* Parse s and render the ranges as "lo:hi,..." ("*" for STAR). */
static const char *render(const char *s, int *err)
{
	static char out[4096];
	struct imap_seqset set = IMAP_SEQSET_INIT;
	const char *why = NULL;
	size_t k = 0;

	*err = 0;
	out[0] = '\0';
	if (imap_seqset_parse(s, strlen(s), &set, &why) < 0) {
		*err = errno;
		CU_ASSERT_PTR_NOT_NULL(why);
		CU_ASSERT_EQUAL(set.n, 0);
		imap_seqset_free(&set);
		return NULL;
	}
	for (size_t i = 0; i < set.n && k < sizeof(out) - 40; i++) {
		char lo[16], hi[16];

		snprintf(lo, sizeof(lo), "%u", (unsigned)set.v[i].lo);
		snprintf(hi, sizeof(hi), "%u", (unsigned)set.v[i].hi);
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%s%s:%s", i ? "," : "",
				      set.v[i].lo == IMAP_SEQ_STAR ? "*" : lo,
				      set.v[i].hi == IMAP_SEQ_STAR ? "*" : hi);
	}
	imap_seqset_free(&set);
	return out;
}

static void ok(const char *s, const char *want)
{
	int err;
	const char *got = render(s, &err);

	CU_ASSERT_PTR_NOT_NULL(got);
	if (got != NULL)
		CU_ASSERT_STRING_EQUAL(got, want);
}

static void bad(const char *s, int want_errno)
{
	int err;

	CU_ASSERT_PTR_NULL(render(s, &err));
	CU_ASSERT_EQUAL(err, want_errno);
}

static void test_grammar(void)
{
	ok("1", "1:1");
	ok("*", "*:*");
	ok("1:*", "1:*");
	ok("*:3", "*:3");
	ok("5:3", "3:5");
	ok("3:5", "3:5");
	ok("1,3:5,7:*", "1:1,3:5,7:*");
	ok("4294967295", "4294967295:4294967295");
	ok("4294967295:1", "1:4294967295");
	ok("2,2,2", "2:2,2:2,2:2");
	bad("", EINVAL);
	bad("0", EINVAL);
	bad("01", EINVAL);
	bad("1:0", EINVAL);
	bad("4294967296", EINVAL);
	bad("99999999999999999999", EINVAL);
	bad("1,", EINVAL);
	bad(",1", EINVAL);
	bad("1,,2", EINVAL);
	bad("1:", EINVAL);
	bad(":1", EINVAL);
	bad("1:2:3", EINVAL);
	bad("1 2", EINVAL);
	bad("-1", EINVAL);
	bad("+1", EINVAL);
	bad("**", EINVAL);
	bad("1*", EINVAL);
	bad("a", EINVAL);
	bad("1\n", EINVAL);
}

/* Every byte value after a valid prefix: only digits, ',' ':' and '*'
   where the grammar allows them are accepted. */
static void test_bytes(void)
{
	for (int c = 0; c < 256; c++) {
		char s[3] = { '1', (char)c, '\0' };
		struct imap_seqset set = IMAP_SEQSET_INIT;
		int r = imap_seqset_parse(s, 2, &set, NULL);

		CU_ASSERT_EQUAL(r, (c >= '0' && c <= '9') ? 0 : -1);
		imap_seqset_free(&set);
	}
	/* NUL inside the length is a byte like any other */
	{
		struct imap_seqset set = IMAP_SEQSET_INIT;

		CU_ASSERT_EQUAL(imap_seqset_parse("1\0" "2", 3, &set, NULL), -1);
		imap_seqset_free(&set);
	}
}

static void test_caps(void)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	size_t n = IMAP_SEQSET_RANGES_MAX;
	char *s = malloc(2 * n + 3);
	const char *why = NULL;

	/* exactly IMAP_SEQSET_RANGES_MAX elements: "1,1,...,1" */
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = '1';
		s[2 * i + 1] = ',';
	}
	CU_ASSERT_EQUAL(imap_seqset_parse(s, 2 * n - 1, &set, &why), 0);
	CU_ASSERT_EQUAL(set.n, n);
	/* one more */
	s[2 * n] = '1';
	CU_ASSERT_EQUAL(imap_seqset_parse(s, 2 * n + 1, &set, &why), -1);
	CU_ASSERT_EQUAL(errno, E2BIG);
	CU_ASSERT_EQUAL(set.n, 0);
	free(s);
	/* the text cap, exactly and one past */
	s = malloc(IMAP_SEQSET_TEXT_MAX + 1);
	memset(s, '9', IMAP_SEQSET_TEXT_MAX + 1);
	CU_ASSERT_EQUAL(imap_seqset_parse(s, IMAP_SEQSET_TEXT_MAX + 1, &set, &why), -1);
	CU_ASSERT_EQUAL(errno, E2BIG);
	/* exactly IMAP_SEQSET_TEXT_MAX bytes: "1:*" then "*" padding is a
	   syntax error, not the cap; a valid text that long is "11111,..." */
	for (size_t i = 0; i < IMAP_SEQSET_TEXT_MAX; i++)
		s[i] = (i % 8 == 7) ? ',' : '1';
	s[IMAP_SEQSET_TEXT_MAX - 1] = '1';
	CU_ASSERT_EQUAL(imap_seqset_parse(s, IMAP_SEQSET_TEXT_MAX, &set, &why), 0);
	CU_ASSERT_EQUAL(set.n, IMAP_SEQSET_TEXT_MAX / 8);
	imap_seqset_free(&set);
	free(s);
}

static void test_contains(void)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;

	CU_ASSERT_EQUAL(imap_seqset_parse("2,5:7,10:*", 10, &set, NULL), 0);
	CU_ASSERT_FALSE(imap_seqset_contains(&set, 1, 12));
	CU_ASSERT_TRUE(imap_seqset_contains(&set, 2, 12));
	CU_ASSERT_FALSE(imap_seqset_contains(&set, 4, 12));
	CU_ASSERT_TRUE(imap_seqset_contains(&set, 6, 12));
	CU_ASSERT_TRUE(imap_seqset_contains(&set, 12, 12));
	CU_ASSERT_FALSE(imap_seqset_contains(&set, 13, 12));
	/* "10:*" with star 8 is 8:10 (RFC 3501 6.4.8) */
	CU_ASSERT_TRUE(imap_seqset_contains(&set, 8, 8));
	CU_ASSERT_FALSE(imap_seqset_contains(&set, 9, 0));
	/* empty mailbox: "*" matches nothing */
	CU_ASSERT_EQUAL(imap_seqset_parse("*", 1, &set, NULL), 0);
	CU_ASSERT_FALSE(imap_seqset_contains(&set, 1, 0));
	imap_seqset_free(&set);
}

void suite_imap_seqset(void);
void suite_imap_seqset(void)
{
	CU_pSuite s = cutest_suite("imap_seqset");

	cutest_add(s, "grammar", test_grammar);
	cutest_add(s, "bytes", test_bytes);
	cutest_add(s, "caps", test_caps);
	cutest_add(s, "contains", test_contains);
}
