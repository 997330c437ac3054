/*
 * strnum.c - strict decimal parsing with overflow detection.
 *
 * Trust:   input is untrusted text (protocol arguments, file contents).
 * Limits:  digits only; no sign, white space or trailing bytes unless a
 *          _prefix function is used; results written only on success.
 * Tests:   tests/unit/lib/test_strnum.c
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>

#include "strnum.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int str_to_uint64_prefix(const char *s, uint64_t *num_r, const char **end_r)
{
	uint64_t n = 0;
	const char *p = s;

	if (!is_digit(*p)) {
		errno = EINVAL;
		return -1;
	}
	for (; is_digit(*p); p++) {
		unsigned d = (unsigned)(*p - '0');

		if (n > (UINT64_MAX - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		n = n * 10 + d;
	}
	*num_r = n;
	*end_r = p;
	return 0;
}

int mem_to_uint64(const char *s, size_t len, uint64_t *num_r)
{
	uint64_t n = 0;

	if (len == 0) {
		errno = EINVAL;
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned d;

		if (!is_digit(s[i])) {
			errno = EINVAL;
			return -1;
		}
		d = (unsigned)(s[i] - '0');
		if (n > (UINT64_MAX - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		n = n * 10 + d;
	}
	*num_r = n;
	return 0;
}

int str_to_uint64(const char *s, uint64_t *num_r)
{
	const char *end;
	uint64_t n;

	if (str_to_uint64_prefix(s, &n, &end) < 0)
		return -1;
	if (*end != '\0') {
		errno = EINVAL;
		return -1;
	}
	*num_r = n;
	return 0;
}

/* Parse into uint64 and check against max. */
static int str_to_max(const char *s, uint64_t max, uint64_t *num_r)
{
	uint64_t n;

	if (str_to_uint64(s, &n) < 0)
		return -1;
	if (n > max) {
		errno = ERANGE;
		return -1;
	}
	*num_r = n;
	return 0;
}

int str_to_uint(const char *s, unsigned int *num_r)
{
	uint64_t n;

	if (str_to_max(s, UINT_MAX, &n) < 0)
		return -1;
	*num_r = (unsigned int)n;
	return 0;
}

int str_to_ulong(const char *s, unsigned long *num_r)
{
	uint64_t n;

	if (str_to_max(s, ULONG_MAX, &n) < 0)
		return -1;
	*num_r = (unsigned long)n;
	return 0;
}

int str_to_uint32(const char *s, uint32_t *num_r)
{
	uint64_t n;

	if (str_to_max(s, UINT32_MAX, &n) < 0)
		return -1;
	*num_r = (uint32_t)n;
	return 0;
}

int str_to_size(const char *s, size_t *num_r)
{
	uint64_t n;

	if (str_to_max(s, SIZE_MAX, &n) < 0)
		return -1;
	*num_r = (size_t)n;
	return 0;
}

int str_to_llong(const char *s, long long *num_r)
{
	int neg = *s == '-';
	uint64_t n;

	if (str_to_uint64(s + neg, &n) < 0)
		return -1;
	if (neg ? n > (uint64_t)LLONG_MAX + 1 : n > (uint64_t)LLONG_MAX) {
		errno = ERANGE;
		return -1;
	}
	if (neg)
		*num_r = n == (uint64_t)LLONG_MAX + 1 ? LLONG_MIN : -(long long)n;
	else
		*num_r = (long long)n;
	return 0;
}

int str_to_int(const char *s, int *num_r)
{
	long long n;

	if (str_to_llong(s, &n) < 0)
		return -1;
	if (n < INT_MIN || n > INT_MAX) {
		errno = ERANGE;
		return -1;
	}
	*num_r = (int)n;
	return 0;
}

int str_to_uid(const char *s, uid_t *num_r)
{
	uint64_t n;

	/* (uid_t)-1 means "no change" to setuid-family calls: never a real id */
	if (str_to_max(s, (uint64_t)(uid_t)-1 - 1, &n) < 0)
		return -1;
	*num_r = (uid_t)n;
	return 0;
}

int str_to_gid(const char *s, gid_t *num_r)
{
	uint64_t n;

	if (str_to_max(s, (uint64_t)(gid_t)-1 - 1, &n) < 0)
		return -1;
	*num_r = (gid_t)n;
	return 0;
}

int str_to_size_suffix(const char *s, uint64_t *num_r)
{
	const char *end;
	uint64_t n, mult = 1;

	if (str_to_uint64_prefix(s, &n, &end) < 0)
		return -1;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': mult = 1024; end++; break;
	case 'm': case 'M': mult = 1024 * 1024; end++; break;
	case 'g': case 'G': mult = 1024 * 1024 * 1024; end++; break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (*end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (n > UINT64_MAX / mult) {
		errno = ERANGE;
		return -1;
	}
	*num_r = n * mult;
	return 0;
}
