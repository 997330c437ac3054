/*
 * timeutil.h - clocks and durations.
 */
#ifndef STAFETA_TIMEUTIL_H
#define STAFETA_TIMEUTIL_H

#include <stdint.h>
#include <time.h>
#include "compat.h"

/* Milliseconds on CLOCK_MONOTONIC. */
int64_t time_mono_ms(void);
/* Milliseconds left until deadline_ms (monotonic); 0 if passed, -1 if
   deadline_ms is -1 (no deadline). */
int time_left_ms(int64_t deadline_ms);
/* Seconds with an optional Postfix unit suffix: s, m, h, d, w ("30m" = 1800). */
ATTR_WARN_UNUSED int str_to_seconds(const char *s, long long *secs_r);
/* RFC 5322 date-time for "now" or t, in local time: "Sat, 28 Nov 2026 09:33:48 +0000". */
void time_rfc822(time_t t, char out[64]);
/* IMAP INTERNALDATE form: "28-Nov-2026 09:33:48 +0000". */
void time_imap(time_t t, char out[64]);

#endif
