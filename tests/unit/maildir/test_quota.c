/*
 * test_quota.c - maildirsize: definitions, hostile contents (truncated,
 * garbage, huge numbers, negatives, missing newline, oversized file), the
 * check/recalculate rules, Trash and T-flagged files.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_quota.h"
#include "testmd.h"

static void test_parse_def(void)
{
	static const struct { const char *d; int ok; uint64_t b, c; bool hb, hc; } cases[] = {
		{ "10000000S,1000C", 0, 10000000, 1000, true, true },
		{ "5000S", 0, 5000, 0, true, false },
		{ "7C", 0, 0, 7, false, true },
		{ "", 0, 0, 0, false, false },
		{ "100S,80W", 0, 100, 0, true, false },
		{ "100", -1, 0, 0, false, false },
		{ "S", -1, 0, 0, false, false },
		{ "100S,", 0, 100, 0, true, false },
		{ "100S;5C", -1, 0, 0, false, false },
		{ "-5S", -1, 0, 0, false, false },
		{ "99999999999999999999S", -1, 0, 0, false, false },
		{ "9223372036854775807S", 0, 9223372036854775807ULL, 0, true, false },
		{ "9223372036854775808S", -1, 0, 0, false, false },
		{ "1S 2C", -1, 0, 0, false, false },
	};
	size_t i;
	const char *err;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		struct maildir_quota q;
		int r = maildir_quota_parse_def(cases[i].d, &q, &err);
		if (r != cases[i].ok)
			printf("case %zu: got %d, want %d\n", i, r, cases[i].ok);
		CU_ASSERT_EQUAL(r, cases[i].ok);
		if (r == 0) {
			CU_ASSERT_EQUAL(q.has_bytes, cases[i].hb);
			CU_ASSERT_EQUAL(q.has_count, cases[i].hc);
			if (q.has_bytes)
				CU_ASSERT_EQUAL(q.bytes, cases[i].b);
			if (q.has_count)
				CU_ASSERT_EQUAL(q.count, cases[i].c);
		}
	}
}

static void test_parse_contents(void)
{
	static const struct { const char *t; int ok; bool recalc; long long b, c; size_t lines; } cases[] = {
		{ "100S\n          10            1\n", 0, false, 10, 1, 1 },
		{ "100S\n10 1\n-5 -1\n  7\t2  \n", 0, false, 12, 2, 3 },
		{ "100S\n10 1", 0, false, 10, 1, 1 },                 /* missing newline */
		{ "100S\n10 1\n5", 0, true, 0, 0, 0 },                /* truncated line */
		{ "100S\n10 1\ngarbage\n", 0, true, 0, 0, 0 },
		{ "100S\n10 1 3\n", 0, true, 0, 0, 0 },
		{ "100S\n-10 -1\n", 0, true, 0, 0, 0 },               /* negative total */
		{ "100S\n9223372036854775807 1\n1 1\n", 0, true, 0, 0, 0 },   /* overflow */
		{ "100S\n99999999999999999999 1\n", 0, true, 0, 0, 0 },
		{ "100S", 0, true, 0, 0, 0 },                         /* no data line */
		{ "100S\n", 0, true, 0, 0, 0 },
		{ "", 0, true, 0, 0, 0 },
		{ "junk\n1 1\n", -1, false, 0, 0, 0 },
		{ "100S\n10 1\r\n", 0, false, 10, 1, 1 },
		{ "100S\n\n\n10 1\n", 0, false, 10, 1, 1 },
	};
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		struct maildir_quota_usage u;
		int r = maildir_quota_parse(cases[i].t, strlen(cases[i].t), &u);
		if (r != cases[i].ok || (r == 0 && u.needs_recalc != cases[i].recalc))
			printf("case %zu: got %d/%d, want %d/%d\n", i, r, u.needs_recalc,
			       cases[i].ok, cases[i].recalc);
		CU_ASSERT_EQUAL(r, cases[i].ok);
		if (r != 0)
			continue;
		CU_ASSERT_EQUAL(u.needs_recalc, cases[i].recalc);
		if (!cases[i].recalc) {
			CU_ASSERT_EQUAL(u.bytes, cases[i].b);
			CU_ASSERT_EQUAL(u.count, cases[i].c);
			CU_ASSERT_EQUAL(u.lines, cases[i].lines);
		}
	}
	{
		struct maildir_quota_usage u;
		CU_ASSERT_EQUAL(maildir_quota_parse("100S\0\n1 1\n", 10, &u), -1);
	}
}

static void age_file(const char *dir, const char *name, int secs)
{
	char *p = tmd_path(dir, name);
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= secs;
	tv[1] = tv[0];
	CU_ASSERT_EQUAL(utimes(p, tv), 0);
	free(p);
}

static void test_recalc_rules(void)
{
	char *root, *md = tmd_maildir("q1", &root), *c;
	const char *err;
	struct maildir_quota_usage u;

	CU_ASSERT_EQUAL(maildir_quota_check(md, 100, 1), MAILDIR_QUOTA_OK);   /* no file */
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 0);
	CU_ASSERT_EQUAL(maildir_quota_add(md, 5, 1), 0);   /* no file: nothing */
	c = tmd_read(md, "maildirsize");
	CU_ASSERT_PTR_NULL(c);
	free(c);
	tmd_write(md, "cur/1.a,S=100:2,S", "", 0);
	tmd_write(md, "cur/2.a:2,", "12345", 5);           /* no ,S=: stat */
	tmd_write(md, "cur/3.a,S=1000:2,T", "", 0);        /* deleted: not counted */
	tmd_write(md, "new/4.a,S=10", "", 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Trash", 0700, &err), 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Sub", 0700, &err), 0);
	tmd_write(md, ".Trash/cur/5.a,S=5000:2,", "", 0);
	tmd_write(md, ".Sub/new/6.a,S=20", "", 0);
	CU_ASSERT_EQUAL(maildir_quota_set(md, "1000S,10C", &err), 0);
	c = tmd_read(md, "maildirsize");
	CU_ASSERT_STRING_EQUAL(c, "1000S,10C\n         135            4\n");
	free(c);
	CU_ASSERT_EQUAL(maildir_quota_add(md, 7, 1), 0);
	CU_ASSERT_EQUAL(maildir_quota_add(md, -2, -1), 0);
	c = tmd_read(md, "maildirsize");
	CU_ASSERT_STRING_EQUAL(c, "1000S,10C\n         135            4\n"
			       "           7            1\n          -2           -1\n");
	free(c);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, 140);
	CU_ASSERT_EQUAL(u.count, 4);
	CU_ASSERT_EQUAL(u.lines, 3);
	/* over, several lines: recalculated, the true total (135) fits */
	CU_ASSERT_EQUAL(maildir_quota_check(md, 862, 1), MAILDIR_QUOTA_OK);
	CU_ASSERT_EQUAL(maildir_quota_check(md, 866, 1), MAILDIR_QUOTA_OVER);
	/* one line, fresh, wrong: refused without recalculating */
	tmd_write(md, "maildirsize", "1000S\n990 4\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_quota_check(md, 20, 1), MAILDIR_QUOTA_OVER);
	/* same but 20 minutes old: recalculated, accepted */
	age_file(md, "maildirsize", 1200);
	CU_ASSERT_EQUAL(maildir_quota_check(md, 20, 1), MAILDIR_QUOTA_OK);
	c = tmd_read(md, "maildirsize");
	CU_ASSERT_STRING_EQUAL(c, "1000S\n         135            4\n");
	free(c);
	/* removals are never refused */
	CU_ASSERT_EQUAL(maildir_quota_check(md, -100, -1), MAILDIR_QUOTA_OK);
	/* hostile contents: garbage lines and negative sums get recalculated */
	tmd_write(md, "maildirsize", "1000S\n-99999 -5\nxyz\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, 135);
	CU_ASSERT_EQUAL(u.count, 4);
	/* a file of 5120 bytes or more is recalculated */
	{
		char *big = malloc(6000);
		size_t i;
		strcpy(big, "1000S\n");
		for (i = strlen(big); i + 4 < 5990; i += 4)
			memcpy(big + i, "1 0\n", 4);
		big[i] = '\0';
		tmd_write(md, "maildirsize", big, (size_t)-1);
		free(big);
		CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
		CU_ASSERT_EQUAL(u.bytes, 135);
		c = tmd_read(md, "maildirsize");
		CU_ASSERT(strlen(c) < 100);
		free(c);
	}
	/* huge numbers in the definition: the file is not usable as quota */
	tmd_write(md, "maildirsize", "99999999999999999999999S\n1 1\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_quota_check(md, 1, 1), MAILDIR_QUOTA_OK);
	CU_ASSERT_EQUAL(maildir_quota_set(md, "bogus", &err), -1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_percent(void)
{
	struct maildir_quota_usage u;

	memset(&u, 0, sizeof(u));
	u.q.has_bytes = true;
	u.q.bytes = 1000;
	u.bytes = 900;
	CU_ASSERT_EQUAL(maildir_quota_percent(&u), 90);
	u.q.has_count = true;
	u.q.count = 10;
	u.count = 10;
	CU_ASSERT_EQUAL(maildir_quota_percent(&u), 100);
	u.q.bytes = 0;
	u.q.count = 0;
	CU_ASSERT_EQUAL(maildir_quota_percent(&u), 0);
}

/* Totals near 2^63 from a damaged maildirsize (fuzz_maildir_quota found
   "1e+20 is outside the range of long" here): capped at 100000, never a
   conversion of an out-of-range double. */
static void test_percent_huge(void)
{
	static const struct { int64_t used, limit; int want; } cases[] = {
		/* 0 */ { INT64_MAX, 1, 100000 },
		{ INT64_MAX, INT64_MAX, 100 },
		{ INT64_MAX - 1, 92233720368547758LL, 10000 },
		{ 999, 1, 99900 },
		{ 1000, 1, 100000 },
		/* 5 */ { 1001, 1, 100000 },
		{ 1, INT64_MAX, 0 },
		{ -5, 10, 0 },
		{ 5, -10, 0 },
		{ INT64_MIN, 1, 0 },
	};
	struct maildir_quota_usage u;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got;

		memset(&u, 0, sizeof(u));
		u.q.has_bytes = true;
		u.q.bytes = cases[i].limit;
		u.bytes = cases[i].used;
		got = maildir_quota_percent(&u);
		if (got != cases[i].want)
			printf("bytes case %zu: got %d, want %d\n", i, got, cases[i].want);
		CU_ASSERT_EQUAL(got, cases[i].want);
		memset(&u, 0, sizeof(u));
		u.q.has_count = true;
		u.q.count = cases[i].limit;
		u.count = cases[i].used;
		got = maildir_quota_percent(&u);
		if (got != cases[i].want)
			printf("count case %zu: got %d, want %d\n", i, got, cases[i].want);
		CU_ASSERT_EQUAL(got, cases[i].want);
	}
}

void suite_quota(void);
void suite_quota(void)
{
	CU_pSuite s = cutest_suite("quota");

	cutest_add(s, "parse_def", test_parse_def);
	cutest_add(s, "parse_contents", test_parse_contents);
	cutest_add(s, "recalc_rules", test_recalc_rules);
	cutest_add(s, "percent", test_percent);
	cutest_add(s, "percent_huge", test_percent_huge);
}
