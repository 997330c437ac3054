/*
 * fdio.c - whole reads and writes on plain file descriptors.
 *
 * Trust:   file contents are untrusted bytes; sizes are capped by the buf.
 * Tests:   tests/unit/lib/test_fdio.c
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"

int fd_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int fd_read_all(int fd, struct buf *b)
{
	for (;;) {
		size_t room = b->max - b->len < 65536 ? b->max - b->len : 65536;
		char *p;
		ssize_t n;

		if (room == 0) {
			char probe;

			/* full: an error only if there is more to read */
			do {
				n = read(fd, &probe, 1);
			} while (n < 0 && errno == EINTR);
			if (n < 0)
				return -1;
			if (n == 0)
				return 0;
			errno = EMSGSIZE;
			return -1;
		}
		p = buf_reserve(b, room);
		if (p == NULL) {
			errno = EMSGSIZE;
			return -1;
		}
		n = read(fd, p, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		buf_commit(b, (size_t)n);
	}
}

int fd_read_file(const char *path, struct buf *b)
{
	struct stat st;
	int fd, r, e;

	buf_reset(b);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	r = fd_read_all(fd, b);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

void fd_close_range(unsigned lo, unsigned hi)
{
	long max;
	unsigned fd, end;

	if (close_range(lo, hi, 0) == 0)
		return;
	max = sysconf(_SC_OPEN_MAX);
	end = max > 0 && max < 1 << 20 ? (unsigned)max : 1u << 16;
	for (fd = lo; fd <= hi && fd < end; fd++)
		(void)close((int)fd);
}

int fd_close_all_but(int keep)
{
	if (keep < 0) {
		errno = EINVAL;
		return -1;
	}
	/* one of 0-2 (started with stdio closed) stays where it is too: the
	   caller points those at /dev/null */
	if (keep != 3) {
		if (dup2(keep, 3) < 0)
			return -1;
		keep = 3;
	}
	fd_close_range(4, ~0U);
	return keep;
}
