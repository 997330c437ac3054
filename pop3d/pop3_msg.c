/*
 * pop3_msg.c - the POP3 wire form and octet size of a stored message.
 *
 * Trust:   message bytes are untrusted (any bytes, NULs, no final LF, CRLF).
 * Runs as: the mailbox owner (pop3d).
 * Limits:  one feed appends at most 2n + 2 bytes, reserved (and checked
 *          against out->max) before anything is written; one memchr() per
 *          line, no per-byte work on the fast path.
 * Errors:  -1/EMSGSIZE when the output would pass the buffer's cap.
 * Tests:   tests/unit/pop3d/test_pop3_msg.c, tests/fuzz/fuzz_pop3_msg.c
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "buf.h"
#include "pop3_msg.h"

void pop3_enc_init(struct pop3_enc *e, long long body_lines)
{
	e->body_left = body_lines;
	e->in_header = 1;
	e->mid_line = 0;
	e->done = 0;
	e->src_bytes = 0;
	e->fed = 0;
}

int pop3_enc_is_done(const struct pop3_enc *e)
{
	return e->done;
}

int pop3_enc_feed(struct pop3_enc *e, struct buf *out, const char *p, size_t n)
{
	char *dst, *d;
	size_t i = 0;

	if (n == 0 || e->done) {
		e->fed += n;
		return 0;
	}
	if (n > (BUF_MAX_UNLIMITED - 2) / 2 ||
	    (dst = buf_reserve(out, 2 * n + 2)) == NULL) {
		errno = EMSGSIZE;
		return -1;
	}
	d = dst;
	e->fed += n;
	while (i < n && !e->done) {
		const char *nl;
		size_t len;
		int empty;

		if (!e->mid_line && p[i] == '.')
			*d++ = '.';
		nl = memchr(p + i, '\n', n - i);
		if (nl == NULL) {
			len = n - i;
			memcpy(d, p + i, len);
			d += len;
			e->src_bytes += len;
			e->mid_line = 1;
			break;
		}
		len = (size_t)(nl - p) - i;
		empty = !e->mid_line && len == 0;
		memcpy(d, p + i, len);
		d += len;
		*d++ = '\r';
		*d++ = '\n';
		i += len + 1;
		e->src_bytes += len + 1;
		e->mid_line = 0;
		if (e->in_header) {
			if (empty) {
				e->in_header = 0;
				if (e->body_left == 0)
					e->done = 1;
			}
		} else if (e->body_left > 0) {
			if (--e->body_left == 0)
				e->done = 1;
		}
	}
	buf_commit(out, (size_t)(d - dst));
	return 0;
}

int pop3_enc_finish(struct pop3_enc *e, struct buf *out)
{
	if (e->done)
		return 0;
	if (e->mid_line || e->fed == 0) {
		if (buf_append(out, "\r\n", 2) < 0)
			return -1;
		e->mid_line = 0;
	}
	e->done = 1;
	return 0;
}

int pop3_msg_encode(struct buf *out, const char *p, size_t n, long long body_lines)
{
	struct pop3_enc e;
	size_t oldlen = out->len;

	pop3_enc_init(&e, body_lines);
	if (pop3_enc_feed(&e, out, p, n) < 0)
		return -1;
	if (pop3_enc_finish(&e, out) < 0) {
		buf_truncate(out, oldlen);
		return -1;
	}
	return 0;
}
