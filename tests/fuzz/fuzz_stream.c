/*
 * fuzz_stream.c - libFuzzer target for the connection stream: the input is
 * fed through stream_new_cb in pseudo-random chunk sizes (seeded from the
 * input) and read as an IMAP-like session until EOF: lines, {N} literals
 * read with stream_read_exact or copied to /dev/null, {N+} literals at
 * the end of over-long lines skipped, limits changed
 * mid-stream, input discarded, every line echoed through a small output
 * buffer.  Checks the stream's own promises as it goes.
 *
 * Trust:   the whole input is hostile.
 * Limits:  line_max 16..1039 bytes; literals capped at 64 KiB.
 * Tests:   replay_stream runs tests/fuzz/corpus/stream/ in make check;
 *          `make fuzz` builds fuzz_stream with clang.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src {
	const uint8_t *p;
	size_t len, pos;
	uint32_t seed;
	uint64_t out_bytes;
};

static uint32_t next_rand(uint32_t *s)
{
	uint32_t x = *s != 0 ? *s : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

static ssize_t src_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct src *s = ctx;
	size_t want = 1 + next_rand(&s->seed) % 97;

	(void)timeout_ms;
	if (want > n)
		want = n;
	if (want > s->len - s->pos)
		want = s->len - s->pos;
	memcpy(p, s->p + s->pos, want);
	s->pos += want;
	return (ssize_t)want;
}

static ssize_t sink_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct src *s = ctx;
	size_t take = 1 + next_rand(&s->seed) % 300;

	(void)p;
	(void)timeout_ms;
	if (take > n)
		take = n;
	s->out_bytes += take;
	return (ssize_t)take;
}

/* The literal size announced by a line ending in "{N}" or "{N+}", or -1. */
static long long literal_size(const struct buf *line)
{
	uint64_t n;
	bool nonsync;

	if (stream_literal_parse(line->data, line->len, &n, &nonsync) != 1 || n > 65536)
		return -1;
	return (long long)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int devnull = -2;
	struct stream_limits lim;
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf lit = BUF_INIT(32768);
	struct src src;
	struct stream *s;
	size_t line_max;
	int rounds = 0;

	if (devnull == -2)
		devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (size < 4)
		return 0;
	line_max = 16 + ((size_t)data[0] << 2 | (data[1] & 3));
	lim.line_max = line_max;
	lim.out_max = 1 + data[2];
	lim.read_timeout = 0;
	lim.write_timeout = 0;
	memset(&src, 0, sizeof(src));
	src.p = data + 4;
	src.len = size - 4;
	src.seed = (uint32_t)data[3] * 2654435761u + (uint32_t)size;
	s = stream_new_cb(src_read, sink_write, &src, &lim);

	for (;;) {
		int r = stream_read_line(s, &line);
		long long n;

		if (++rounds > 1000000)
			abort();   /* no progress: the stream is stuck */
		if (r == 0)
			break;
		if (r < 0) {
			if (errno != EMSGSIZE)
				abort();   /* the callback never fails or times out */
			if (line.len != 0)
				abort();   /* an over-long line is never returned */
			{
				/* a {n+} literal at its end is skipped, as imapd does */
				uint64_t lsize;
				bool nonsync;
				int lr = stream_overlong_literal(s, &lsize, &nonsync);
				if (lr < 0 && errno != ERANGE)
					abort();
				if (lr == 1 && nonsync && lsize <= 65536 &&
				    stream_skip(s, (size_t)lsize) == 0)
					break;
			}
			continue;
		}
		if (line.len > line_max)
			abort();
		if (line.len > 0 && line.data[line.len - 1] == '\n')
			abort();
		if (stream_write(s, line.data, line.len) < 0 || stream_puts(s, "\r\n") < 0)
			abort();
		if (line.len >= 4 && memcmp(line.data, "FLSH", 4) == 0 && stream_flush(s) < 0)
			abort();
		if (line.len >= 4 && memcmp(line.data, "DROP", 4) == 0)
			(void)stream_discard_input(s);
		if (line.len >= 4 && memcmp(line.data, "LMAX", 4) == 0) {
			line_max = 16 + line.len % 200;
			stream_set_line_max(s, line_max);
		}
		n = literal_size(&line);
		if (n < 0)
			continue;
		buf_reset(&lit);
		if ((n & 1) != 0 && devnull >= 0)
			r = stream_copy_to_fd(s, devnull, (size_t)n);
		else
			r = stream_read_exact(s, &lit, (size_t)n);
		if (r == 0)
			break;
		if (r < 0 && errno != EMSGSIZE)
			abort();
		if (r == 1 && (n & 1) == 0 && lit.len != (size_t)n)
			abort();
	}
	if (stream_flush(s) < 0)
		abort();
	if (stream_bytes_in(s) != src.len || src.out_bytes != stream_bytes_out(s))
		abort();   /* everything was read; everything written came out */
	stream_free(&s);
	buf_free(&line);
	buf_free(&lit);
	return 0;
}
