/*
 * fuzz_stream_send.c - libFuzzer target for stream_send_fd(): the input
 * (after 6 control bytes) is a message file; it is sent from a pseudo-random
 * offset with a pseudo-random output length, with or without LF -> CRLF and
 * padding, through a writer that takes pseudo-random pieces.  The output
 * must be exactly what a byte-by-byte reference conversion gives, cut at n
 * (or padded with spaces), and never longer than n.
 *
 * Trust:   the whole input is hostile (a message as stored on disk).
 * Limits:  inputs as libFuzzer gives them; the reference is in memory.
 * Tests:   replay_stream_send runs tests/fuzz/corpus/stream_send/ in make
 *          check; `make fuzz` builds fuzz_stream_send with clang.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct sink {
	struct buf out;
	uint32_t seed;
};

static ssize_t sink_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct sink *s = ctx;
	size_t take;

	(void)timeout_ms;
	s->seed = s->seed * 1103515245u + 12345u;
	take = 1 + (s->seed >> 16) % 700;
	if (take > n)
		take = n;
	if (buf_append(&s->out, p, take) < 0)
		abort();
	return (ssize_t)take;
}

static ssize_t no_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)p;
	(void)n;
	(void)timeout_ms;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stream_limits lim = { 64, 1, 0, 0 };
	struct buf want = BUF_INIT(BUF_MAX_UNLIMITED);
	struct sink sk;
	struct stream *s;
	FILE *f;
	const uint8_t *msg;
	size_t mlen, i;
	uint64_t off, n, from_file;
	unsigned flags;
	int64_t r;

	if (size < 6)
		return 0;
	flags = data[0] & (STREAM_SEND_CRLF | STREAM_SEND_PAD);
	lim.out_max = 1 + data[1];
	msg = data + 6;
	mlen = size - 6;
	off = mlen > 0 ? data[2] % (mlen + 1) : 0;
	n = (uint64_t)data[3] << 8 | data[4];
	f = tmpfile();
	if (f == NULL)
		return 0;
	if (mlen > 0 && fwrite(msg, 1, mlen, f) != mlen)
		abort();
	fflush(f);
	/* the reference */
	for (i = (size_t)off; i < mlen && want.len < n; i++) {
		if (flags & STREAM_SEND_CRLF && msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r') &&
		    buf_append(&want, "\r", 1) < 0)
			abort();
		if (buf_append(&want, msg + i, 1) < 0)
			abort();
	}
	if (want.len > n)
		buf_truncate(&want, (size_t)n);
	from_file = want.len;
	if (flags & STREAM_SEND_PAD)
		while (want.len < n)
			if (buf_append(&want, " ", 1) < 0)
				abort();
	memset(&sk, 0, sizeof(sk));
	sk.out = (struct buf)BUF_INIT(BUF_MAX_UNLIMITED);
	sk.seed = data[5];
	s = stream_new_cb(no_read, sink_write, &sk, &lim);
	r = stream_send_fd(s, fileno(f), off, n, flags);
	if (r != (int64_t)from_file || stream_flush(s) != 0)
		abort();
	if (sk.out.len != want.len || (want.len > 0 && memcmp(sk.out.data, want.data, want.len)))
		abort();
	stream_free(&s);
	buf_free(&sk.out);
	buf_free(&want);
	fclose(f);
	return 0;
}
