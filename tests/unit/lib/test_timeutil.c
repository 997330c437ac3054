/*
 * test_timeutil.c - monotonic clock and deadlines, Postfix-style durations
 * (units, overflow, garbage), RFC 5322 and IMAP date formats in fixed
 * POSIX time zones, and times localtime() cannot represent.
 *
 * Trust:   duration strings are hostile config values.
 * Limits:  sleeps at most 60 ms.
 * Tests:   this file (lib/timeutil.c).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "timeutil.h"

static void test_mono(void)
{
	int64_t a = time_mono_ms(), b;
	struct timespec ts = { 0, 60 * 1000000L };

	CU_ASSERT_TRUE(a >= 0);
	nanosleep(&ts, NULL);
	b = time_mono_ms();
	CU_ASSERT_TRUE(b - a >= 59);
	CU_ASSERT_TRUE(b - a < 5000);
}

static void test_time_left(void)
{
	int64_t now = time_mono_ms();
	int left;

	CU_ASSERT_EQUAL(time_left_ms(-1), -1);
	CU_ASSERT_EQUAL(time_left_ms(0), 0);
	CU_ASSERT_EQUAL(time_left_ms(now - 1000), 0);
	left = time_left_ms(now + 10000);
	CU_ASSERT_TRUE(left > 9000 && left <= 10000);
	/* Far future: clamped, never negative or wrapped. */
	CU_ASSERT_EQUAL(time_left_ms(now + (int64_t)INT_MAX * 1000), INT_MAX);
	CU_ASSERT_EQUAL(time_left_ms(INT64_MAX), INT_MAX);
}

struct sec_case {
	const char *in;
	int ok;
	long long want;
};

static void test_seconds_table(void)
{
	static const struct sec_case cases[] = {
		/* 0 */ { "0", 1, 0 },
		{ "30", 1, 30 },
		{ "30s", 1, 30 },
		{ "30m", 1, 1800 },
		{ "2h", 1, 7200 },
		/* 5 */ { "1d", 1, 86400 },
		{ "1w", 1, 604800 },
		{ "9223372036854775807", 1, LLONG_MAX },
		{ "9223372036854775807s", 1, LLONG_MAX },
		{ "9223372036854775808", 0, 0 },
		/* 10 */ { "153722867280912931m", 0, 0 },
		{ "153722867280912930m", 1, 9223372036854775800LL },
		{ "15250284452471w", 1, 15250284452471LL * 604800 },
		{ "15250284452472w", 0, 0 },
		{ "", 0, 0 },
		/* 15 */ { "m", 0, 0 },
		{ "1x", 0, 0 },
		{ "1mm", 0, 0 },
		{ "-1", 0, 0 },
		{ "1 m", 0, 0 },
		/* 20 */ { " 1", 0, 0 },
		{ "1M", 0, 0 },   /* Postfix units are lower case */
		{ "1.5h", 0, 0 },
		{ "99999999999999999999999d", 0, 0 },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		long long v = -42;
		int r = str_to_seconds(cases[i].in, &v);

		if (cases[i].ok ? (r != 0 || v != cases[i].want) : (r != -1 || v != -42)) {
			printf("case %zu (\"%s\"): got %d %lld, want %d %lld\n", i, cases[i].in,
			       r, v, cases[i].ok ? 0 : -1, cases[i].ok ? cases[i].want : -42);
			CU_FAIL("str_to_seconds");
		}
	}
}

static void with_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void test_rfc822_format(void)
{
	static const struct {
		const char *tz;
		time_t t;
		const char *rfc822, *imap;
	} cases[] = {
		{ "UTC", 1795858428, "Sat, 28 Nov 2026 09:33:48 +0000",
		  "28-Nov-2026 09:33:48 +0000" },
		{ "UTC", 1707955199, "Wed, 14 Feb 2024 23:59:59 +0000",
		  "14-Feb-2024 23:59:59 +0000" },
		{ "XST-5:30", 1707955199, "Thu, 15 Feb 2024 05:29:59 +0530",
		  "15-Feb-2024 05:29:59 +0530" },
		{ "XST3", 1707955199, "Wed, 14 Feb 2024 20:59:59 -0300",
		  "14-Feb-2024 20:59:59 -0300" },
		{ "XST-14", 1795858428, "Sat, 28 Nov 2026 23:33:48 +1400",
		  "28-Nov-2026 23:33:48 +1400" },
		{ "UTC", 0, NULL, "01-Jan-1970 00:00:00 +0000" },
		/* 6: the day of month has no padding in RFC 5322 (1 or 2 digits)
		   and two digits in IMAP: leap days, month and year ends, the 1st
		   and the 9th, named zones with half-hour and 45-minute offsets and
		   both DST changes of St. John's (tzdata) */
		{ "UTC", 1709251199, "Thu, 29 Feb 2024 23:59:59 +0000",
		  "29-Feb-2024 23:59:59 +0000" },
		{ "UTC", 1709251200, "Fri, 1 Mar 2024 00:00:00 +0000",
		  "01-Mar-2024 00:00:00 +0000" },
		{ "America/St_Johns", 1709263799, "Thu, 29 Feb 2024 23:59:59 -0330",
		  "29-Feb-2024 23:59:59 -0330" },
		{ "America/St_Johns", 1709263800, "Fri, 1 Mar 2024 00:00:00 -0330",
		  "01-Mar-2024 00:00:00 -0330" },
		/* 10 */
		{ "America/St_Johns", 1710048599, "Sun, 10 Mar 2024 01:59:59 -0330",
		  "10-Mar-2024 01:59:59 -0330" },
		{ "America/St_Johns", 1710048600, "Sun, 10 Mar 2024 03:00:00 -0230",
		  "10-Mar-2024 03:00:00 -0230" },
		{ "America/St_Johns", 1730600999, "Sat, 2 Nov 2024 23:59:59 -0230",
		  "02-Nov-2024 23:59:59 -0230" },
		{ "America/St_Johns", 1730608199, "Sun, 3 Nov 2024 01:59:59 -0230",
		  "03-Nov-2024 01:59:59 -0230" },
		{ "America/St_Johns", 1730608200, "Sun, 3 Nov 2024 01:00:00 -0330",
		  "03-Nov-2024 01:00:00 -0330" },
		/* 15 */
		{ "Europe/Berlin", 1798757999, "Thu, 31 Dec 2026 23:59:59 +0100",
		  "31-Dec-2026 23:59:59 +0100" },
		{ "Europe/Berlin", 1798758000, "Fri, 1 Jan 2027 00:00:00 +0100",
		  "01-Jan-2027 00:00:00 +0100" },
		{ "Asia/Kathmandu", 1794161700, "Mon, 9 Nov 2026 00:00:00 +0545",
		  "09-Nov-2026 00:00:00 +0545" },
		{ "Pacific/Kiritimati", 1796032800, "Tue, 1 Dec 2026 00:00:00 +1400",
		  "01-Dec-2026 00:00:00 +1400" },
		{ "America/Los_Angeles", 1794211199, "Sun, 8 Nov 2026 23:59:59 -0800",
		  "08-Nov-2026 23:59:59 -0800" },
		/* 20: a POSIX rule with DST, no tzdata needed */
		{ "XST3XDT,M3.2.0,M11.1.0", 1710046800, "Sun, 10 Mar 2024 03:00:00 -0200",
		  "10-Mar-2024 03:00:00 -0200" },
	};
	char out[64];

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		with_tz(cases[i].tz);
		if (cases[i].rfc822 != NULL) {
			memset(out, 'X', sizeof(out));
			time_rfc822(cases[i].t, out);
			if (memchr(out, '\0', sizeof(out)) == NULL ||
			    strcmp(out, cases[i].rfc822) != 0) {
				printf("case %zu: got \"%.64s\", want \"%s\"\n", i, out,
				       cases[i].rfc822);
				CU_FAIL("time_rfc822");
			}
		}
		memset(out, 'X', sizeof(out));
		time_imap(cases[i].t, out);
		if (memchr(out, '\0', sizeof(out)) == NULL || strcmp(out, cases[i].imap) != 0) {
			printf("case %zu: got \"%.64s\", want \"%s\"\n", i, out, cases[i].imap);
			CU_FAIL("time_imap");
		}
	}
	with_tz("UTC");
}

static void test_unrepresentable_time(void)
{
	/* Years that do not fit struct tm: a string is still produced, NUL
	   terminated, within 64 bytes, and nothing reads out of bounds. */
	static const time_t ts[] = { (time_t)INT64_MAX, (time_t)INT64_MIN,
				     (time_t)INT64_MAX / 2, -1,
				     /* year just past INT_MAX: tm_year fits, + 1900 does not */
				     (time_t)(2147483647LL + 1000 - 1970) * 31556952 };
	char out[64];

	with_tz("UTC");
	for (size_t i = 0; i < N_ELEMENTS(ts); i++) {
		memset(out, 'X', sizeof(out));
		time_rfc822(ts[i], out);
		CU_ASSERT_PTR_NOT_NULL(memchr(out, '\0', sizeof(out)));
		memset(out, 'X', sizeof(out));
		time_imap(ts[i], out);
		CU_ASSERT_PTR_NOT_NULL(memchr(out, '\0', sizeof(out)));
	}
	time_imap(-1, out);
	CU_ASSERT_STRING_EQUAL(out, "31-Dec-1969 23:59:59 +0000");
	time_imap(ts[4], out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "-2147484"));   /* year 2147484xxx */
}

void suite_timeutil(void);
void suite_timeutil(void)
{
	CU_pSuite s = cutest_suite("timeutil");

	cutest_add(s, "monotonic clock", test_mono);
	cutest_add(s, "time_left_ms", test_time_left);
	cutest_add(s, "str_to_seconds table", test_seconds_table);
	cutest_add(s, "RFC 5322 and IMAP dates in fixed zones", test_rfc822_format);
	cutest_add(s, "times struct tm cannot hold", test_unrepresentable_time);
}
