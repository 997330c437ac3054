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

		/* iconv's UTF-8 may hold what RFC 3629 forbids: clean it */
		if (utf8_clean((unsigned char *)tmp, sizeof(tmp) - ol, out) < 0) {
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
		if (utf8_clean((unsigned char *)tmp, sizeof(tmp) - ol, out) < 0)
			rc = -1;
	}
	iconv_close(cd);
	if (rc < 0)
		errno = EMSGSIZE;
	return rc;
}

void charset_conv_init(struct charset_conv *c, const char *cs)
{
	c->cd = NULL;
	c->npend = 0;
	if (cs != NULL && cs[0] != '\0' && !charset_is_utf8(cs)) {
		iconv_t cd = iconv_open("UTF-8", cs);
		if (cd != (iconv_t)-1)
			c->cd = cd;
	}
}

/* UTF-8 input: hold back an incomplete sequence at the end. */
static size_t utf8_tail(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char b = s[n - k];
		if ((b & 0xc0) == 0x80)
			continue;
		size_t need = (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

static int conv_chunk(struct charset_conv *c, const char *in, size_t n, struct buf *out, bool last)
{
	if (c->cd == NULL) {
		size_t hold = last ? 0 : utf8_tail((const unsigned char *)in, n);
		if (utf8_clean((const unsigned char *)in, n - hold, out) < 0)
			return -1;
		memcpy(c->pend, in + n - hold, hold);
		c->npend = hold;
		return 0;
	}
	char *ip = (char *)(uintptr_t)in, tmp[4096];
	size_t il = n;
	c->npend = 0;
	while (il > 0) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		size_t r = iconv((iconv_t)c->cd, &ip, &il, &op, &ol);
		int e = errno;
		if (utf8_clean((unsigned char *)tmp, sizeof(tmp) - ol, out) < 0)
			return -1;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !last && il < sizeof(c->pend)) {
			memcpy(c->pend, ip, il);     /* continued by the next feed */
			c->npend = il;
			return 0;
		}
		if (put_replacement(out) < 0)
			return -1;
		ip++;
		il--;
		iconv((iconv_t)c->cd, NULL, NULL, NULL, NULL);
	}
	return 0;
}

int charset_conv_feed(struct charset_conv *c, const void *in, size_t n, struct buf *out)
{
	const char *s = in;

	/* first finish a held character with the bytes it needs */
	while (c->npend > 0 && n > 0) {
		char tmp[sizeof(c->pend) + 1];
		size_t k = c->npend;
		memcpy(tmp, c->pend, k);
		tmp[k++] = *s++;
		n--;
		if (conv_chunk(c, tmp, k, out, false) < 0)
			return -1;
		if (c->npend == sizeof(c->pend) - 1) {
			/* never completes: give it up */
			if (put_replacement(out) < 0)
				return -1;
			c->npend = 0;
		}
	}
	return n > 0 ? conv_chunk(c, s, n, out, false) : 0;
}

int charset_conv_finish(struct charset_conv *c, struct buf *out)
{
	int rc = 0;

	if (c->npend > 0) {
		char tmp[sizeof(c->pend)];
		size_t k = c->npend;
		memcpy(tmp, c->pend, k);
		rc = conv_chunk(c, tmp, k, out, true);
	}
	if (c->cd != NULL)
		iconv_close((iconv_t)c->cd);
	c->cd = NULL;
	c->npend = 0;
	return rc;
}

int charset_convert_strict(const char *from, const char *to, const void *in, size_t n,
			   struct buf *out)
{
	iconv_t cd = iconv_open(to, from);
	char *ip = (char *)(uintptr_t)in, tmp[4096];
	size_t il = n, start = out->len;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -1;
	for (;;) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		size_t r = il > 0 ? iconv(cd, &ip, &il, &op, &ol) : iconv(cd, NULL, NULL, &op, &ol);
		int e = errno;
		if (buf_append(out, tmp, sizeof(tmp) - ol) < 0 || (r == (size_t)-1 && e != E2BIG) ||
		    (r != (size_t)-1 && r > 0)) {
			/* r > 0: characters glibc replaced irreversibly */
			rc = -1;
			break;
		}
		if (r != (size_t)-1 && il == 0 && op == tmp)
			break;
	}
	iconv_close(cd);
	if (rc < 0)
		buf_truncate(out, start);
	return rc;
}
