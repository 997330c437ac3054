/*
 * imapd_test.c - see imapd_test.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "buf.h"
#include "stream.h"
#include "imapd_test.h"

static ssize_t io_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct test_io *io = ctx;
	size_t want = io->chunk == 0 ? n : io->chunk;

	(void)timeout_ms;
	if (want > n)
		want = n;
	if (want > io->len - io->pos)
		want = io->len - io->pos;
	memcpy(p, io->in + io->pos, want);
	io->pos += want;
	return (ssize_t)want;
}

static ssize_t io_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct test_io *io = ctx;

	(void)timeout_ms;
	if (buf_append(&io->out, p, n) < 0)
		abort();
	return (ssize_t)n;
}

void test_io_init(struct test_io *io, const char *in, size_t len, size_t chunk)
{
	io->in = in;
	io->len = len;
	io->pos = 0;
	io->chunk = chunk;
	buf_init(&io->out, BUF_MAX_UNLIMITED);
}

void test_io_deinit(struct test_io *io)
{
	buf_free(&io->out);
}

struct stream *test_io_stream(struct test_io *io, size_t line_max)
{
	struct stream_limits lim = { line_max, 65536, 0, 0 };

	return stream_new_cb(io_read, io_write, io, &lim);
}

char *xstrdup_test(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort();
	return d;
}
