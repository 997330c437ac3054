/*
 * clock_shim.c - an LD_PRELOAD library that moves the wall clock of a test
 * run by a fixed number of seconds (STAFETA_TEST_CLOCK_OFFSET, negative or
 * positive), so the suites can run on a leap day, the 1st of a month or a
 * DST change whatever the real date is.  tests/with-clock builds and loads it.
 *
 * Only the wall clock moves: time(), gettimeofday(), timespec_get() and
 * clock_gettime() for CLOCK_REALTIME and CLOCK_REALTIME_COARSE.  The monotonic
 * clocks, sleeps, timers and file times stay real, so timeouts behave as
 * always and nothing is shared between processes (libfaketime keeps a
 * semaphore in /dev/shm that a process after setuid cannot open, and turns
 * Python 3.11's absolute monotonic sleep into EINVAL).
 *
 * make itself keeps the real clock: it compares the clock with file times,
 * which stay real, and would warn "Clock skew detected" on every run; what it
 * starts (the suites) gets the moved one.
 *
 * Trust:   the offset comes from the test environment; a value that is not
 *          a decimal integer moves nothing.
 * Tests:   tests/with-clock checks the shim before running anything.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

typedef int clock_gettime_fn(clockid_t, struct timespec *);

static long long offset_secs(void)
{
	static int done;
	static long long off;

	if (!done) {
		const char *s = getenv("STAFETA_TEST_CLOCK_OFFSET");
		const char *self = program_invocation_short_name;
		char *end;
		long long v;

		errno = 0;
		v = s != NULL ? strtoll(s, &end, 10) : 0;
		if (s != NULL && *s != '\0' && *end == '\0' && errno == 0 &&
		    strcmp(self, "make") != 0 && strcmp(self, "gmake") != 0)
			off = v;
		done = 1;
	}
	return off;
}

static clock_gettime_fn *real_clock_gettime(void)
{
	static clock_gettime_fn *fn;

	if (fn == NULL)
		fn = (clock_gettime_fn *)dlsym(RTLD_NEXT, "clock_gettime");
	return fn;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	clock_gettime_fn *fn = real_clock_gettime();
	int r;

	if (fn == NULL) {
		errno = ENOSYS;
		return -1;
	}
	r = fn(id, ts);
	if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
		ts->tv_sec += (time_t)offset_secs();
	return r;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (time_t)-1;
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0)
		return 0;
	return base;
}
