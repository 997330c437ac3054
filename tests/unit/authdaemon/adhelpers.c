/*
 * adhelpers.c - fixtures of the authdaemon unit tests.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "adhelpers.h"
#include "xmalloc.h"

static ssize_t mem_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct mem_stream *m = ctx;
	size_t left = m->len - m->pos;

	(void)timeout_ms;
	if (left == 0)
		return 0;
	if (m->chunk > 0 && n > m->chunk)
		n = m->chunk;
	if (n > left)
		n = left;
	memcpy(p, m->data + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static ssize_t mem_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct mem_stream *m = ctx;

	(void)timeout_ms;
	if (buf_append(&m->out, p, n) < 0)
		return -1;
	return (ssize_t)n;
}

struct stream *mem_stream_new(struct mem_stream *m, const char *data, size_t chunk,
			      size_t line_max)
{
	struct stream_limits lim = { line_max, 4096, 5, 5 };

	m->data = data;
	m->len = strlen(data);
	m->pos = 0;
	m->chunk = chunk;
	buf_init(&m->out, 1 << 20);
	return stream_new_cb(mem_read, mem_write, m, &lim);
}

void mem_stream_done(struct mem_stream *m, struct stream **s)
{
	stream_free(s);
	buf_free(&m->out);
}

char *path_join(const char *dir, const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

void write_file(const char *path, const char *text, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	if (fchmod(fd, (mode_t)mode) < 0)
		abort();
	close(fd);
}

void hex_of(const unsigned char *p, size_t n, char *out)
{
	static const char xd[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = xd[p[i] >> 4];
		out[2 * i + 1] = xd[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Read one request: lines until a command line; AUTH also reads its payload. */
static void read_request(int fd, struct buf *req)
{
	char c;

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		const char *line;
		size_t start = 0;

		if (poll(&pfd, 1, 3000) <= 0 || read(fd, &c, 1) != 1)
			return;
		if (buf_putc(req, c) < 0)
			return;
		if (c != '\n')
			continue;
		/* find the start of the last line */
		for (size_t i = req->len - 1; i > 0; i--) {
			if (req->data[i - 1] == '\n') {
				start = i;
				break;
			}
		}
		line = req->data + start;
		if (strncmp(line, "AUTH ", 5) == 0) {
			size_t n = (size_t)strtoul(line + 5, NULL, 10);

			while (n-- > 0) {
				if (poll(&pfd, 1, 3000) <= 0 || read(fd, &c, 1) != 1 ||
				    buf_putc(req, c) < 0)
					return;
			}
			return;
		}
		{
			const char *sp = strchr(line, ' '), *eq = strchr(line, '=');

			if (eq == NULL || (sp != NULL && sp < eq))
				return;
		}
	}
}

pid_t fake_daemon_start(const char *dir, const char *const *replies, size_t n)
{
	struct sockaddr_un sun;
	char *sock = path_join(dir, "socket");
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	pid_t pid;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", sock);
	unlink(sock);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(lfd, 16) < 0)
		abort();
	free(sock);
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		char *log = path_join(dir, "requests");
		int lf = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		for (size_t i = 0; i < n; i++) {
			struct buf req = BUF_INIT(1 << 16);
			struct pollfd pfd = { lfd, POLLIN, 0 };
			int fd;

			if (poll(&pfd, 1, 10000) <= 0)
				_exit(3);
			fd = accept(lfd, NULL, NULL);
			if (fd < 0)
				_exit(2);
			read_request(fd, &req);
			if (req.len > 0 && write(lf, req.data, req.len) != (ssize_t)req.len)
				_exit(4);
			if (write(lf, "\x1e", 1) != 1)
				_exit(4);
			if (replies[i] != NULL &&
			    write(fd, replies[i], strlen(replies[i])) != (ssize_t)strlen(replies[i]))
				_exit(5);
			close(fd);
			buf_free(&req);
		}
		_exit(0);
	}
	close(lfd);
	return pid;
}

int fake_daemon_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

char *fake_daemon_requests(const char *dir)
{
	char *p = path_join(dir, "requests");
	struct buf b = BUF_INIT(1 << 20);
	char chunk[4096];
	ssize_t r;
	int fd = open(p, O_RDONLY);
	char *res;

	free(p);
	if (fd >= 0) {
		while ((r = read(fd, chunk, sizeof(chunk))) > 0)
			if (buf_append(&b, chunk, (size_t)r) < 0)
				break;
		close(fd);
	}
	res = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return res;
}
