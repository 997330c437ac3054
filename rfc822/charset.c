/*
 * charset.c - text in a named charset to UTF-8 through glibc's iconv.
 *
 * Trust:   the charset name and the bytes are untrusted.
 * Limits:  the output buffer's cap; input is converted in one pass.
 * Tests:   tests/unit/rfc822/test_charset.c.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <stdbool.h>
#include <stdint.h>
#include <strings.h>

#include "charset.h"
#include "utf8.h"

int charset_is_utf8(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
		strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

static int put_replacement(struct buf *out)
{
	return buf_append(out, "\xef\xbf\xbd", 3);
}

/* Valid UTF-8 copied, each invalid byte replaced. */
static int utf8_clean(const unsigned char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len > 0) {
			if (buf_append(out, s + i, len) < 0)
				return -1;
			i += len;
		} else {
			if (put_replacement(out) < 0)
				return -1;
			i++;
		}
	}
	return 0;
}

int charset_to_utf8(const char *cs, const void *in, size_t n, struct buf *out)
{
	iconv_t cd;
	char *ip = (char *)(uintptr_t)in;
	size_t il = n;
	char tmp[4096];
	int rc = 0;

	if (cs == NULL || cs[0] == '\0' || charset_is_utf8(cs))
		return utf8_clean(in, n, out);
	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		errno = EINVAL;
		return -1;
	}
	while (il > 0) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		int e = errno;

		if (buf_append(out, tmp, sizeof(tmp) - ol) < 0) {
			rc = -1;
			break;
		}
		if (r == (size_t)-1) {
			if (e == E2BIG)
				continue;
			/* EILSEQ or EINVAL: one byte becomes U+FFFD */
			if (put_replacement(out) < 0) {
				rc = -1;
				break;
			}
			ip++;
			il--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	if (rc == 0) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		iconv(cd, NULL, NULL, &op, &ol);
		if (buf_append(out, tmp, sizeof(tmp) - ol) < 0)
			rc = -1;
	}
	iconv_close(cd);
	if (rc < 0)
		errno = EMSGSIZE;
	return rc;
}
