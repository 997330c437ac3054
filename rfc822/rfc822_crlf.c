/*
 * rfc822_crlf.c - LF -> CRLF conversion and CRLF sizing, in pieces.
 *
 * Trust:   any bytes.
 * Limits:  the destination buffer's cap; the state is one flag.
 * Tests:   tests/unit/rfc822/test_crlf.c, tests/fuzz/fuzz_rfc822_hdr.c.
 */
#include "config.h"

#include <string.h>

#include "rfc822_crlf.h"

void rfc822_crlf_init(struct rfc822_crlf *c)
{
	memset(c, 0, sizeof(*c));
}

void rfc822_crlf_count(struct rfc822_crlf *c, const void *src, size_t n)
{
	const char *s = src, *end = s + n;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL) {
			c->size += (size_t)(end - s);
			c->last_cr = end[-1] == '\r';
			return;
		}
		bool cr_before = nl > s ? nl[-1] == '\r' : c->last_cr;
		c->size += (size_t)(nl - s) + (cr_before ? 1 : 2);
		c->lines++;
		c->last_cr = false;
		s = nl + 1;
	}
}

int rfc822_crlf_feed(struct rfc822_crlf *c, const void *src, size_t n, struct buf *dst)
{
	const char *s = src, *end = s + n;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *upto = nl != NULL ? nl : end;
		if (upto > s) {
			if (buf_append(dst, s, (size_t)(upto - s)) < 0)
				return -1;
			c->size += (size_t)(upto - s);
			c->last_cr = upto[-1] == '\r';
		}
		if (nl == NULL)
			break;
		if (c->last_cr ? buf_putc(dst, '\n') < 0 : buf_append(dst, "\r\n", 2) < 0)
			return -1;
		c->size += c->last_cr ? 1 : 2;
		c->lines++;
		c->last_cr = false;
		s = nl + 1;
	}
	return 0;
}

uint64_t rfc822_crlf_size(const void *src, size_t n)
{
	struct rfc822_crlf c;

	rfc822_crlf_init(&c);
	rfc822_crlf_count(&c, src, n);
	return c.size;
}
