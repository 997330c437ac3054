/*
 * imaputf7.c - modified UTF-7 <-> UTF-8 (see imaputf7.h).
 *
 * Trust:   names come from clients and from disk: untrusted.
 * Limits:  the output buffer's cap.
 * Tests:   tests/unit/rfc822/test_imaputf7.c, tests/fuzz/fuzz_rfc822_imaputf7.c.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>

#include "imaputf7.h"
#include "utf8.h"

static const char mb64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

static int mb64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == ',')
		return 63;
	return -1;
}

static int fail(int e)
{
	errno = e;
	return -1;
}

int imaputf7_to_utf8(const char *in, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)in[i];
		if (c < 0x20 || c > 0x7e)
			return fail(EINVAL);
		if (c != '&') {
			if (buf_putc(out, (char)c) < 0)
				return fail(EMSGSIZE);
			i++;
			continue;
		}
		i++;
		if (i < n && in[i] == '-') {
			if (buf_putc(out, '&') < 0)
				return fail(EMSGSIZE);
			i++;
			continue;
		}
		/* a base64 run of UTF-16BE up to '-' */
		uint32_t bits = 0, high = 0;
		unsigned nbits = 0;
		size_t units = 0;
		for (;;) {
			int v;
			if (i >= n)
				return fail(EINVAL);
			if (in[i] == '-') {
				i++;
				break;
			}
			v = mb64_value((unsigned char)in[i++]);
			if (v < 0)
				return fail(EINVAL);
			bits = (bits << 6) | (uint32_t)v;
			nbits += 6;
			if (nbits < 16)
				continue;
			nbits -= 16;
			uint32_t u = (bits >> nbits) & 0xffff;
			bits &= (1u << nbits) - 1;
			units++;
			if (high != 0) {
				if (u < 0xdc00 || u > 0xdfff)
					return fail(EINVAL);
				u = 0x10000 + ((high - 0xd800) << 10) + (u - 0xdc00);
				high = 0;
			} else if (u >= 0xd800 && u <= 0xdbff) {
				high = u;
				continue;
			} else if (u >= 0xdc00 && u <= 0xdfff) {
				return fail(EINVAL);
			} else if ((u >= 0x20 && u <= 0x7e) || u == 0) {
				return fail(EINVAL);
			}
			if (utf8_append(out, u) < 0)
				return fail(errno == EINVAL ? EINVAL : EMSGSIZE);
		}
		if (units == 0 || high != 0 || nbits >= 6 || bits != 0)
			return fail(EINVAL);
	}
	return 0;
}

/* "&", the modified base64 of the UTF-16BE bytes u[0..n), "-". */
static int flush_b64(struct buf *out, const unsigned char *u, size_t n)
{
	uint32_t bits = 0;
	unsigned nbits = 0;

	if (buf_putc(out, '&') < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		bits = (bits << 8) | u[i];
		nbits += 8;
		while (nbits >= 6) {
			nbits -= 6;
			if (buf_putc(out, mb64[(bits >> nbits) & 63]) < 0)
				return -1;
		}
		bits &= (1u << nbits) - 1;
	}
	if (nbits > 0 && buf_putc(out, mb64[(bits << (6 - nbits)) & 63]) < 0)
		return -1;
	return buf_putc(out, '-');
}

static int put16(struct buf *u, uint32_t v)
{
	char b[2] = { (char)(v >> 8), (char)(v & 0xff) };
	return buf_append(u, b, 2);
}

int imaputf7_from_utf8(const char *in, size_t n, struct buf *out)
{
	struct buf u = BUF_INIT(out->max);
	size_t i = 0;
	int rc = 0;

	while (i < n && rc == 0) {
		uint32_t cp;
		size_t l = utf8_decode(in + i, n - i, &cp);
		if (l == 0 || cp == 0) {
			rc = fail(EINVAL);
			break;
		}
		i += l;
		if (cp >= 0x20 && cp <= 0x7e) {
			if (u.len > 0 && flush_b64(out, (unsigned char *)u.data, u.len) < 0)
				rc = fail(EMSGSIZE);
			buf_reset(&u);
			if (rc == 0 && (cp == '&' ? buf_append(out, "&-", 2) : buf_putc(out, (char)cp)) < 0)
				rc = fail(EMSGSIZE);
			continue;
		}
		if (cp >= 0x10000) {
			if (put16(&u, 0xd800 + ((cp - 0x10000) >> 10)) < 0 ||
			    put16(&u, 0xdc00 + ((cp - 0x10000) & 0x3ff)) < 0)
				rc = fail(EMSGSIZE);
		} else if (put16(&u, cp) < 0) {
			rc = fail(EMSGSIZE);
		}
	}
	if (rc == 0 && u.len > 0 && flush_b64(out, (unsigned char *)u.data, u.len) < 0)
		rc = fail(EMSGSIZE);
	buf_free(&u);
	return rc;
}

bool imaputf7_is_valid(const char *s, size_t n)
{
	struct buf tmp = BUF_INIT(BUF_MAX_UNLIMITED);
	bool ok = imaputf7_to_utf8(s, n, &tmp) == 0;

	buf_free(&tmp);
	return ok;
}
