/*
 * rfc822_date.h - dates of mail: RFC 5322 Date fields with the obsolete
 * forms of its section 4.3, and IMAP's INTERNALDATE and SEARCH dates.
 *
 * Accepted: an optional day name and comma; day, month name, year (two
 * digits: 00-49 -> 20xx, 50-99 -> 19xx; three digits: +1900); hh:mm with
 * optional :ss; a zone (+hhmm / -hhmm, UT, GMT, Z, EST EDT CST CDT MST MDT
 * PST PDT, a military letter = -0000, none = +0000); comments, folding and
 * junk after the zone are ignored.  Anything else is "no date".
 */
#ifndef STAFETA_RFC822_DATE_H
#define STAFETA_RFC822_DATE_H

#include <stddef.h>
#include <time.h>

/* Longest text imap_date_format() writes, NUL included. */
#define IMAP_DATE_SIZE 27

/* The time (UTC seconds) and zone (minutes east of UTC) of a Date value.
   0, or -1 ("no date": the value is not a date) and the outputs untouched. */
int rfc822_date_parse(const char *s, size_t n, time_t *time_r, int *tz_r);
/* " 2-Dec-2026 18:30:00 +0100" ("dd-Mon-yyyy hh:mm:ss +zzzz", RFC 3501
   date-time without the quotes; the day is space-padded: " 2-Dec-..."). */
void imap_date_format(time_t t, int tz_min, char out[IMAP_DATE_SIZE]);
/* The reverse (a day of one or two digits or space-padded is accepted).
   0, or -1 for anything that is not exactly such a date-time. */
int imap_date_parse(const char *s, time_t *time_r, int *tz_r);
/* A SEARCH date "d-Mon-yyyy": the UTC midnight of that day.  0 or -1. */
int imap_day_parse(const char *s, time_t *day_r);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
long long rfc822_days_from_civil(long long y, unsigned m, unsigned d);

#endif
