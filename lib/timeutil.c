/*
 * timeutil.c - monotonic clock, deadlines, duration parsing, date formats.
 *
 * Trust:   duration strings come from config files.
 * Tests:   tests/unit/lib/test_timeutil.c
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "strnum.h"
#include "timeutil.h"

int64_t time_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int time_left_ms(int64_t deadline_ms)
{
	int64_t left;

	if (deadline_ms < 0)
		return -1;
	left = deadline_ms - time_mono_ms();
	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

int str_to_seconds(const char *s, long long *secs_r)
{
	const char *end;
	uint64_t n, mult = 1;

	if (str_to_uint64_prefix(s, &n, &end) < 0)
		return -1;
	switch (*end) {
	case '\0': break;
	case 's': end++; break;
	case 'm': mult = 60; end++; break;
	case 'h': mult = 3600; end++; break;
	case 'd': mult = 86400; end++; break;
	case 'w': mult = 7 * 86400; end++; break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (*end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (n > (uint64_t)LLONG_MAX / mult) {
		errno = ERANGE;
		return -1;
	}
	*secs_r = (long long)(n * mult);
	return 0;
}

/* localtime_r, or the epoch in UTC when t does not fit struct tm (a year
   past INT_MAX): never an uninitialised tm.  Years are printed as long long,
   since tm_year + 1900 can pass INT_MAX. */
static void local_tm(time_t t, struct tm *tm)
{
	if (localtime_r(&t, tm) == NULL) {
		time_t zero = 0;

		gmtime_r(&zero, tm);
	}
}

static void format_zone(const struct tm *tm, char *out, size_t n)
{
	long off = tm->tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';

	if (off < 0)
		off = -off;
	snprintf(out, n, "%c%02d%02d", sign, (int)((off / 60) % 100), (int)(off % 60));
}

void time_rfc822(time_t t, char out[64])
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	char zone[8];

	local_tm(t, &tm);
	format_zone(&tm, zone, sizeof(zone));
	snprintf(out, 64, "%s, %d %s %04lld %02d:%02d:%02d %s", days[tm.tm_wday], tm.tm_mday,
		 mons[tm.tm_mon], tm.tm_year + 1900LL, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}

void time_imap(time_t t, char out[64])
{
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	char zone[8];

	local_tm(t, &tm);
	format_zone(&tm, zone, sizeof(zone));
	snprintf(out, 64, "%02d-%s-%04lld %02d:%02d:%02d %s", tm.tm_mday, mons[tm.tm_mon],
		 tm.tm_year + 1900LL, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}
