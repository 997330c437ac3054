/*
 * fuzz_imap_parser.c - libFuzzer target for the IMAP command parser: the
 * input is a client's byte stream, read by imap_parser_read_command over a
 * stream that hands out the bytes in pieces whose sizes come from the
 * input's first byte (so commands, literals and continuations are split
 * everywhere); every command and every argument tree is walked and its
 * invariants checked, then each astring is quoted back and re-parsed.
 *
 * Trust:   the whole input is hostile.
 * Limits:  small caps (line 256, literals 512, 64 arguments, depth 4) so
 *          the fuzzer reaches every cap quickly.
 * Tests:   replay_imap_parser runs tests/fuzz/corpus/imap_parser/ in make check.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "buf.h"
#include "stream.h"
#include "imap_parser.h"
#include "imap_quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src {
	const uint8_t *p;
	size_t len, pos, chunk;
};

static ssize_t src_read(void *ctx, void *out, size_t n, int timeout_ms)
{
	struct src *s = ctx;
	size_t want = s->chunk;

	(void)timeout_ms;
	if (want > n)
		want = n;
	if (want > s->len - s->pos)
		want = s->len - s->pos;
	memcpy(out, s->p + s->pos, want);
	s->pos += want;
	return (ssize_t)want;
}

static ssize_t sink_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)p;
	(void)timeout_ms;
	return (ssize_t)n;
}

static size_t walk(const struct imap_arg *a, size_t n, unsigned depth)
{
	size_t count = 0;

	if (depth > 4)
		abort();
	for (size_t i = 0; i < n; i++) {
		count++;
		switch (a[i].type) {
		case IMAP_ARG_LIST:
			count += walk(a[i].list, a[i].n, depth + 1);
			break;
		case IMAP_ARG_ATOM:
		case IMAP_ARG_NIL:
		case IMAP_ARG_QUOTED:
		case IMAP_ARG_LITERAL:
			if (a[i].str == NULL || a[i].str[a[i].len] != '\0')
				abort();
			if (a[i].type != IMAP_ARG_LITERAL && memchr(a[i].str, '\0', a[i].len))
				abort();
			if (a[i].type == IMAP_ARG_ATOM && a[i].len == 0)
				abort();
			break;
		default:
			abort();
		}
	}
	return count;
}

/* Quote each top-level astring and parse it back: the same bytes. */
static void roundtrip(const struct imap_arg *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf line = BUF_INIT(4096);
		struct imap_parser *p;
		const struct imap_arg *b;
		size_t bn;

		bool ctl = false;

		if (a[i].type == IMAP_ARG_LIST || a[i].len > IMAP_QUOTED_MAX)
			continue;
		for (size_t j = 0; j < a[i].len; j++)
			if ((unsigned char)a[i].str[j] < 0x20 || a[i].str[j] == 0x7f)
				ctl = true;
		if (ctl)   /* sent as a literal: not one line */
			continue;
		if (buf_append_str(&line, "t X ") < 0 ||
		    imap_quote_astring(&line, a[i].str, a[i].len, true) < 0) {
			buf_free(&line);
			continue;
		}
		p = imap_parser_new(NULL);
		imap_parser_set_utf8(p, true);
		if (imap_parser_feed_line(p, line.data, line.len) != IMAP_PARSE_DONE)
			abort();
		b = imap_parser_args(p, &bn);
		if (bn != 1 || b[0].len != a[i].len || memcmp(b[0].str, a[i].str, a[i].len) != 0)
			abort();
		imap_parser_free(&p);
		buf_free(&line);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imap_parser_limits lim = { 256, 512, 64, 4 };
	struct stream_limits slim = { 256, 4096, 0, 0 };
	struct src src;
	struct stream *s;
	struct imap_parser *p;
	struct buf line = BUF_INIT(4096);

	if (size < 1)
		return 0;
	src.p = data + 1;
	src.len = size - 1;
	src.pos = 0;
	src.chunk = 1 + data[0] % 17;
	s = stream_new_cb(src_read, sink_write, &src, &slim);
	p = imap_parser_new(&lim);
	imap_parser_set_utf8(p, (data[0] & 0x80) != 0);
	for (int guard = 0; guard < 10000; guard++) {
		int r = imap_parser_read_command(p, s, &line);

		if (r == 0)
			break;
		if (r == 1) {
			size_t n;
			const struct imap_arg *a = imap_parser_args(p, &n);

			if (imap_parser_tag(p) == NULL || imap_parser_name(p) == NULL)
				abort();
			if (walk(a, n, 0) > lim.args_max)
				abort();
			roundtrip(a, n);
		} else if (errno == EPROTO) {
			if (imap_parser_error(p) == NULL)
				abort();
		} else if (errno != EMSGSIZE) {
			break;
		}
	}
	imap_parser_free(&p);
	stream_free(&s);
	buf_free(&line);
	return 0;
}
