/*
 * rfc822_date.c - RFC 5322 dates (with obsolete forms) and IMAP dates.
 *
 * Trust:   date text is untrusted.
 * Limits:  years 1 to 9999; no allocation.
 * Tests:   tests/unit/rfc822/test_text.c, tests/fuzz/fuzz_rfc822_date.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rfc822_date.h"

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

long long rfc822_days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static unsigned days_in_month(long long y, unsigned m)
{
	static const unsigned char dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

struct lex {
	const char *s, *end;
};

/* Skips white space and (nested) comments. */
static void skip_cfws(struct lex *l)
{
	while (l->s < l->end) {
		if (*l->s == ' ' || *l->s == '\t' || *l->s == '\r' || *l->s == '\n') {
			l->s++;
		} else if (*l->s == '(') {
			int depth = 0;
			do {
				if (*l->s == '\\' && l->s + 1 < l->end)
					l->s++;
				else if (*l->s == '(')
					depth++;
				else if (*l->s == ')')
					depth--;
				l->s++;
			} while (l->s < l->end && depth > 0);
		} else {
			break;
		}
	}
}

static bool number(struct lex *l, unsigned maxdigits, unsigned *v, unsigned *ndigits)
{
	unsigned n = 0, k = 0;

	while (l->s < l->end && isdigit((unsigned char)*l->s) && k < maxdigits) {
		n = n * 10 + (unsigned)(*l->s - '0');
		l->s++;
		k++;
	}
	if (k == 0 || (l->s < l->end && isdigit((unsigned char)*l->s)))
		return false;
	*v = n;
	if (ndigits != NULL)
		*ndigits = k;
	return true;
}

static size_t alpha_run(const struct lex *l)
{
	size_t k = 0;
	while (l->s + k < l->end && isalpha((unsigned char)l->s[k]))
		k++;
	return k;
}

static int month_of(const char *s, size_t n)
{
	if (n < 3)
		return -1;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i + 1;
	return -1;
}

/* The zone in minutes east of UTC; false if there is none recognisable
   (the caller then takes +0000). */
static bool zone(struct lex *l, int *tz)
{
	static const struct {
		const char *name;
		int off;
	} names[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
		{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	};
	size_t k;

	if (l->s < l->end && (*l->s == '+' || *l->s == '-')) {
		int sign = *l->s == '-' ? -1 : 1;
		unsigned v = 0;
		size_t i;
		for (i = 1; i <= 4; i++)
			if (l->s + i >= l->end || !isdigit((unsigned char)l->s[i]))
				return false;
		for (i = 1; i <= 4; i++)
			v = v * 10 + (unsigned)(l->s[i] - '0');
		if (v % 100 >= 60 || v / 100 > 23)
			return false;
		*tz = sign * (int)((v / 100) * 60 + v % 100);
		l->s += 5;
		return true;
	}
	k = alpha_run(l);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == k && strncasecmp(l->s, names[i].name, k) == 0) {
			*tz = names[i].off;
			l->s += k;
			return true;
		}
	if (k == 1 && toupper((unsigned char)*l->s) != 'J') {
		*tz = 0;              /* military zones: -0000 (RFC 5322 4.3) */
		l->s++;
		return true;
	}
	return false;
}

int rfc822_date_parse(const char *s, size_t n, time_t *time_r, int *tz_r)
{
	struct lex l = { s, s + n };
	unsigned day, year, ydigits, hh, mm, ss = 0;
	int mon, tz = 0;
	size_t k;
	long long y, t;

	skip_cfws(&l);
	/* day name, then a comma (missing in some obsolete mail) */
	k = alpha_run(&l);
	if (k > 0) {
		l.s += k;
		skip_cfws(&l);
		if (l.s < l.end && *l.s == ',')
			l.s++;
		skip_cfws(&l);
	}
	if (!number(&l, 2, &day, NULL))
		return -1;
	skip_cfws(&l);
	if (l.s < l.end && *l.s == '-')
		l.s++;
	k = alpha_run(&l);
	if ((mon = month_of(l.s, k)) < 0)
		return -1;
	l.s += k;
	skip_cfws(&l);
	if (l.s < l.end && *l.s == '-')
		l.s++;
	if (!number(&l, 4, &year, &ydigits))
		return -1;
	y = year;
	if (ydigits == 2)
		y += year < 50 ? 2000 : 1900;
	else if (ydigits == 3)
		y += 1900;
	if (y < 1)
		return -1;
	skip_cfws(&l);
	if (!number(&l, 2, &hh, NULL))
		return -1;
	skip_cfws(&l);
	if (l.s >= l.end || *l.s != ':')
		return -1;
	l.s++;
	skip_cfws(&l);
	if (!number(&l, 2, &mm, NULL))
		return -1;
	skip_cfws(&l);
	if (l.s < l.end && *l.s == ':') {
		l.s++;
		skip_cfws(&l);
		if (!number(&l, 2, &ss, NULL))
			return -1;
		skip_cfws(&l);
	}
	if (day < 1 || day > days_in_month(y, (unsigned)mon) || hh > 23 || mm > 59 || ss > 60)
		return -1;
	if (!zone(&l, &tz))
		tz = 0;
	/* whatever follows the zone is junk we ignore */
	t = rfc822_days_from_civil(y, (unsigned)mon, day) * 86400 + hh * 3600 + mm * 60 + ss -
		(long long)tz * 60;
	*time_r = (time_t)t;
	*tz_r = tz;
	return 0;
}

void imap_date_format(time_t t, int tz_min, char out[IMAP_DATE_SIZE])
{
	long long local = (long long)t + (long long)tz_min * 60;
	long long days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	long long secs = local - days * 86400;
	/* civil from days */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	int a = tz_min < 0 ? -tz_min : tz_min;

	char tmp[96];

	y += m <= 2;
	snprintf(tmp, sizeof(tmp), "%2u-%s-%04lld %02lld:%02lld:%02lld %c%02d%02d", d,
		 months[(m - 1) % 12], y % 10000, secs / 3600, secs / 60 % 60, secs % 60,
		 tz_min < 0 ? '-' : '+', a / 60 % 100, a % 60);
	memcpy(out, tmp, IMAP_DATE_SIZE - 1);
	out[IMAP_DATE_SIZE - 1] = '\0';
}

/* "d-Mon-yyyy" or "dd-Mon-yyyy" or " d-Mon-yyyy" at s; the rest after it. */
static const char *day_part(const char *s, unsigned *d, int *mon, unsigned *y)
{
	unsigned v = 0;
	int k = 0;

	if (*s == ' ')
		s++;
	while (isdigit((unsigned char)*s) && k < 2) {
		v = v * 10 + (unsigned)(*s++ - '0');
		k++;
	}
	if (k == 0 || *s != '-')
		return NULL;
	*d = v;
	s++;
	if ((*mon = month_of(s, 3)) < 0 || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]) || !isalpha((unsigned char)s[2]) || s[3] != '-')
		return NULL;
	s += 4;
	v = 0;
	for (k = 0; k < 4; k++) {
		if (!isdigit((unsigned char)s[k]))
			return NULL;
		v = v * 10 + (unsigned)(s[k] - '0');
	}
	if (v < 1 || *d < 1 || *d > days_in_month(v, (unsigned)*mon))
		return NULL;
	*y = v;
	return s + 4;
}

int imap_day_parse(const char *s, time_t *day_r)
{
	unsigned d, y;
	int mon;
	const char *e = day_part(s, &d, &mon, &y);

	if (e == NULL || *e != '\0')
		return -1;
	*day_r = (time_t)(rfc822_days_from_civil(y, (unsigned)mon, d) * 86400);
	return 0;
}

int imap_date_parse(const char *s, time_t *time_r, int *tz_r)
{
	unsigned d, y, hh, mm, ss, z;
	int mon, tz;
	const char *e = day_part(s, &d, &mon, &y);

	if (e == NULL || strlen(e) != 15 || e[0] != ' ' || e[3] != ':' || e[6] != ':' ||
	    e[9] != ' ' || (e[10] != '+' && e[10] != '-'))
		return -1;
	for (int i = 1; i < 15; i++)
		if (i != 3 && i != 6 && i != 9 && i != 10 && !isdigit((unsigned char)e[i]))
			return -1;
	hh = (unsigned)((e[1] - '0') * 10 + (e[2] - '0'));
	mm = (unsigned)((e[4] - '0') * 10 + (e[5] - '0'));
	ss = (unsigned)((e[7] - '0') * 10 + (e[8] - '0'));
	z = (unsigned)((e[11] - '0') * 1000 + (e[12] - '0') * 100 + (e[13] - '0') * 10 + (e[14] - '0'));
	if (hh > 23 || mm > 59 || ss > 60 || z % 100 > 59)
		return -1;
	tz = (int)(z / 100 * 60 + z % 100) * (e[10] == '-' ? -1 : 1);
	*time_r = (time_t)(rfc822_days_from_civil(y, (unsigned)mon, d) * 86400 + hh * 3600 +
			   mm * 60 + ss - (long long)tz * 60);
	*tz_r = tz;
	return 0;
}
