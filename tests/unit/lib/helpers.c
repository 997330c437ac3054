/*
 * helpers.c - fixtures shared by the lib/ unit tests (see helpers.h).
 *
 * Trust:   test code; inputs are the tests' own hostile data.
 * Limits:  stderr capture goes through a temporary file, so any amount fits.
 * Tests:   used by tests/unit/lib/test_*.c
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "xmalloc.h"

uint32_t test_rand(uint32_t *state)
{
	uint32_t x = *state != 0 ? *state : 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static void mem_src_init(struct mem_src *src, const void *data, size_t len, size_t chunk)
{
	memset(src, 0, sizeof(*src));
	src->data = data;
	src->len = len;
	src->chunk = chunk;
	src->seed = 12345;
	src->last_timeout_ms = -2;
}

ssize_t mem_io_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct mem_src *src = &((struct mem_io *)ctx)->in;
	size_t want = src->chunk;

	src->reads++;
	src->last_timeout_ms = timeout_ms;
	if (n == 0) {
		errno = EINVAL;
		return -1;
	}
	if (src->fail_errno != 0 && src->pos >= src->fail_at) {
		errno = src->fail_errno;
		return -1;
	}
	if (want == 0)
		want = 1 + test_rand(&src->seed) % 4096;
	if (want > n)
		want = n;
	if (want > src->len - src->pos)
		want = src->len - src->pos;
	if (src->fail_errno != 0 && want > src->fail_at - src->pos)
		want = src->fail_at - src->pos;
	memcpy(p, src->data + src->pos, want);
	src->pos += want;
	return (ssize_t)want;
}

static void mem_sink_init(struct mem_sink *sink, size_t chunk)
{
	memset(sink, 0, sizeof(*sink));
	buf_init(&sink->out, BUF_MAX_UNLIMITED);
	sink->chunk = chunk;
}

ssize_t mem_io_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct mem_sink *sink = &((struct mem_io *)ctx)->out;

	(void)timeout_ms;
	sink->writes++;
	if (sink->fail_errno != 0) {
		errno = sink->fail_errno;
		return -1;
	}
	if (sink->chunk != 0 && n > sink->chunk)
		n = sink->chunk;
	if (buf_append(&sink->out, p, n) < 0)
		abort();
	return (ssize_t)n;
}

void mem_io_init(struct mem_io *io, const void *data, size_t len, size_t chunk)
{
	mem_src_init(&io->in, data, len, chunk);
	mem_sink_init(&io->out, 0);
}

struct stream *test_stream(struct mem_io *io, size_t line_max, size_t out_max)
{
	struct stream_limits lim = { line_max, out_max, 0, 0 };

	return stream_new_cb(mem_io_read, mem_io_write, io, &lim);
}

static int saved_stderr = -1;
static FILE *capture_fp;

void capture_stderr_begin(void)
{
	fflush(stderr);
	capture_fp = tmpfile();
	if (capture_fp == NULL)
		abort();
	saved_stderr = dup(2);
	if (saved_stderr < 0 || dup2(fileno(capture_fp), 2) < 0)
		abort();
}

void capture_stderr_end(struct buf *out)
{
	char tmp[4096];
	size_t n;

	fflush(stderr);
	if (dup2(saved_stderr, 2) < 0)
		abort();
	close(saved_stderr);
	saved_stderr = -1;
	buf_reset(out);
	rewind(capture_fp);
	while ((n = fread(tmp, 1, sizeof(tmp), capture_fp)) > 0)
		if (buf_append(out, tmp, n) < 0)
			break;
	fclose(capture_fp);
	capture_fp = NULL;
}

void child_fail(int report_fd, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(report_fd, line, (size_t)n) < 0)
		return;
}

int run_in_child(void (*fn)(int report_fd, void *arg), void *arg, struct buf *out)
{
	int fds[2], status = 0;
	char tmp[1024];
	ssize_t n;
	pid_t pid;

	buf_reset(out);
	if (pipe(fds) < 0)
		abort();
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		close(fds[0]);
		fn(fds[1], arg);
		close(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], tmp, sizeof(tmp))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (buf_append(out, tmp, (size_t)n) < 0)
			break;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status)) {
		if (buf_printf(out, "child killed by signal %d\n", WTERMSIG(status)) < 0)
			return status;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		if (buf_printf(out, "child exit %d\n", WEXITSTATUS(status)) < 0)
			return status;
	}
	return status;
}

char *test_data_path(const char *name)
{
	const char *top = getenv("top_srcdir");
	size_t n;
	char *p;

	if (top != NULL && *top != '\0') {
		n = strlen(top) + strlen(name) + sizeof("/tests/unit/lib/data/");
		p = xmalloc(n);
		snprintf(p, n, "%s/tests/unit/lib/data/%s", top, name);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	n = strlen(TEST_DATADIR) + strlen(name) + 2;
	p = xmalloc(n);
	snprintf(p, n, "%s/%s", TEST_DATADIR, name);
	return p;
}
