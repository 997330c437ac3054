#include "config.h"
/*
 * maildir_name.c - message file names: validity, base name, the ":2,"
 * flags suffix, ,S= sizes and Courier's name order (imapscanclient fnamcmp).
 *
 * Trust:   names are untrusted (anything another program wrote on disk).
 * Runs as: the mailbox owner (pure string code).
 * Limits:  MAILDIR_NAME_MAX; ,S= overflow is refused; leading numbers are
 *          clamped so Courier's numeric order never overflows.
 * Errors:  -1 with errno (ENAMETOOLONG) or "not present".
 * Tests:   tests/unit/maildir/test_maildir.c, tests/fuzz/fuzz_maildir_name.c
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "maildir_name.h"
#include "maildir_util.h"

bool maildir_name_is_valid(const char *name)
{
	size_t i;

	if (name[0] == '\0' || name[0] == '.')
		return false;
	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];
		if (i >= MAILDIR_NAME_MAX || c < 0x20 || c == 0x7f || c == '/')
			return false;
	}
	return true;
}

size_t maildir_name_baselen(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? (size_t)(c - name) : strlen(name);
}

unsigned maildir_name_flags(const char *name)
{
	const char *c = strrchr(name, ':');
	unsigned f = 0;

	if (c == NULL || c[1] != '2' || c[2] != ',')
		return 0;
	for (c += 3; *c != '\0'; c++) {
		const char *p = strchr(MAILDIR_FLAG_LETTERS, *c);
		if (p != NULL)
			f |= 1u << (p - MAILDIR_FLAG_LETTERS);
	}
	return f;
}

int maildir_name_size(const char *name, uint64_t *size_r)
{
	size_t bl = maildir_name_baselen(name), i, start = (size_t)-1;
	uint64_t v = 0;

	for (i = 0; i + 3 <= bl; i++) {
		if (name[i] == ',' && name[i + 1] == 'S' && name[i + 2] == '=')
			start = i + 3;
	}
	if (start == (size_t)-1 || start >= bl || name[start] < '0' || name[start] > '9')
		return -1;
	for (i = start; i < bl && name[i] >= '0' && name[i] <= '9'; i++) {
		unsigned d = (unsigned)(name[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*size_r = v;
	return 0;
}

static int cmp_char(const void *a, const void *b)
{
	return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

int maildir_name_with_flags(const char *name, unsigned flags, struct buf *out)
{
	size_t bl = maildir_name_baselen(name), n = 0, i;
	const char *c = name[bl] == ':' ? name + bl : NULL;
	char letters[128];

	/* Known flags first, then unknown letters of the old suffix. */
	for (i = 0; MAILDIR_FLAG_LETTERS[i] != '\0'; i++)
		if (flags & (1u << i))
			letters[n++] = MAILDIR_FLAG_LETTERS[i];
	if (c != NULL && c[1] == '2' && c[2] == ',') {
		for (c += 3; *c != '\0' && n < sizeof(letters) - 1; c++) {
			if (strchr(MAILDIR_FLAG_LETTERS, *c) != NULL || (unsigned char)*c < 0x21 ||
			    (unsigned char)*c > 0x7e || *c == '/' || *c == ':' ||
			    memchr(letters, *c, n) != NULL)
				continue;
			letters[n++] = *c;
		}
	}
	md_qsort(letters, n, 1, cmp_char);
	letters[n] = '\0';
	buf_reset(out);
	if (buf_append(out, name, bl) < 0 || buf_append_str(out, ":2,") < 0 ||
	    buf_append_str(out, letters) < 0)
		return -1;
	if (out->len > MAILDIR_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static unsigned long long lead_num(const char **p)
{
	unsigned long long v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v < 100000000000000000ULL)
			v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
	}
	return v;
}

unsigned long long maildir_name_time(const char *name)
{
	return lead_num(&name);
}

int maildir_name_cmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b;
	unsigned long long na = lead_num(&pa), nb = lead_num(&pb);

	if (na != nb)
		return na < nb ? -1 : 1;
	for (;; a++, b++) {
		int ca = *a == ':' ? 0 : (unsigned char)*a;
		int cb = *b == ':' ? 0 : (unsigned char)*b;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca == 0)
			return 0;
	}
}

