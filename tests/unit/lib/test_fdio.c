/*
 * test_fdio.c - whole reads and writes on plain fds: the buf's cap at
 * exactly max and max + 1, empty files, FIFOs and directories refused
 * without blocking, short writes through a pipe to a slow reader, writes
 * to a pipe with no reader (EPIPE).
 *
 * Trust:   file contents and types are hostile.
 * Limits:  the largest file is 300 KB.
 * Tests:   this file (lib/fdio.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "fdio.h"
#include "helpers.h"

static char *write_file(const char *dir, const char *name, const char *data, size_t n)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);
	int fd;

	if (path == NULL)
		abort();
	snprintf(path, len, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || fd_write_all(fd, data, n) < 0)
		abort();
	close(fd);
	return path;
}

static void test_read_file_caps(void)
{
	char *dir = cutest_tmpdir("fdio");
	struct buf b = BUF_INIT(10);
	char *p;

	/* exactly max */
	p = write_file(dir, "ten", "0123456789", 10);
	CU_ASSERT_EQUAL(buf_append_str(&b, "old"), 0);
	CU_ASSERT_EQUAL(fd_read_file(p, &b), 0);          /* reset first */
	CU_ASSERT_EQUAL(b.len, 10);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "0123456789");
	free(p);
	/* max + 1 */
	p = write_file(dir, "eleven", "0123456789A", 11);
	errno = 0;
	CU_ASSERT_EQUAL(fd_read_file(p, &b), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_TRUE(b.len <= 10);
	free(p);
	/* empty, and binary with NULs */
	p = write_file(dir, "empty", "", 0);
	CU_ASSERT_EQUAL(fd_read_file(p, &b), 0);
	CU_ASSERT_EQUAL(b.len, 0);
	free(p);
	p = write_file(dir, "nul", "a\0b\0", 4);
	CU_ASSERT_EQUAL(fd_read_file(p, &b), 0);
	CU_ASSERT_EQUAL(b.len, 4);
	CU_ASSERT_EQUAL(memcmp(b.data, "a\0b\0", 4), 0);
	free(p);
	/* missing */
	errno = 0;
	CU_ASSERT_EQUAL(fd_read_file("/nonexistent/stafeta/x", &b), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	/* a directory */
	errno = 0;
	CU_ASSERT_EQUAL(fd_read_file(dir, &b), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	buf_free(&b);
	cutest_rmtree(dir);
	free(dir);
}

static void test_read_file_large(void)
{
	char *dir = cutest_tmpdir("fdio");
	size_t n = 300000;
	char *data = malloc(n);
	struct buf b = BUF_INIT(n);
	char *p;

	CU_ASSERT_FATAL(data != NULL);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)(i * 7 % 256);
	p = write_file(dir, "big", data, n);
	CU_ASSERT_EQUAL(fd_read_file(p, &b), 0);
	CU_ASSERT_EQUAL(b.len, n);
	CU_ASSERT_TRUE(b.len == n && memcmp(b.data, data, n) == 0);
	buf_free(&b);
	buf_init(&b, n - 1);
	CU_ASSERT_EQUAL(fd_read_file(p, &b), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	buf_free(&b);
	free(p);
	free(data);
	cutest_rmtree(dir);
	free(dir);
}

static void fifo_child(int report, void *arg)
{
	struct buf b = BUF_INIT(100);

	alarm(5);
	errno = 0;
	if (fd_read_file(arg, &b) != -1 || errno != EINVAL)
		child_fail(report, "a FIFO: got errno %d, want -1 EINVAL", errno);
	buf_free(&b);
}

static void test_read_file_fifo(void)
{
	char *dir = cutest_tmpdir("fdio");
	struct buf out = BUF_INIT(4096);
	char path[4096];

	snprintf(path, sizeof(path), "%s/fifo", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
	run_in_child(fifo_child, path, &out);
	if (out.len > 0)
		printf("%s", buf_cstr(&out));
	CU_ASSERT_EQUAL(out.len, 0);
	buf_free(&out);
	cutest_rmtree(dir);
	free(dir);
}

static void test_read_all_pipe(void)
{
	/* fd_read_all appends; the pipe delivers in pieces. */
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	int p[2];
	pid_t pid;
	int status;

	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		for (int i = 0; i < 1000; i++)
			if (fd_write_all(p[1], "0123456789", 10) < 0)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	CU_ASSERT_EQUAL(buf_append_str(&b, "pre"), 0);
	CU_ASSERT_EQUAL(fd_read_all(p[0], &b), 0);
	CU_ASSERT_EQUAL(b.len, 10003);
	CU_ASSERT_EQUAL(memcmp(b.data, "pre0123456789", 13), 0);
	close(p[0]);
	waitpid(pid, &status, 0);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	buf_free(&b);

	/* a buffer already full: fine at EOF, EMSGSIZE if more follows */
	buf_init(&b, 3);
	CU_ASSERT_EQUAL(buf_append_str(&b, "abc"), 0);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	close(p[1]);
	CU_ASSERT_EQUAL(fd_read_all(p[0], &b), 0);
	close(p[0]);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	CU_ASSERT_EQUAL(write(p[1], "d", 1), 1);
	close(p[1]);
	errno = 0;
	CU_ASSERT_EQUAL(fd_read_all(p[0], &b), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc");
	close(p[0]);
	buf_free(&b);
	/* a bad fd */
	errno = 0;
	CU_ASSERT_EQUAL(fd_read_all(-1, &b), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	buf_free(&b);
}

static void test_write_all(void)
{
	int p[2];
	char big[200000];
	struct buf got = BUF_INIT(BUF_MAX_UNLIMITED);
	pid_t pid;
	int status;

	/* more than a pipe holds: short writes are retried until all is out */
	memset(big, 'w', sizeof(big));
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		_exit(fd_write_all(p[1], big, sizeof(big)) == 0 ? 0 : 1);
	}
	close(p[1]);
	CU_ASSERT_EQUAL(fd_read_all(p[0], &got), 0);
	CU_ASSERT_EQUAL(got.len, sizeof(big));
	close(p[0]);
	waitpid(pid, &status, 0);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	buf_free(&got);

	/* no reader: EPIPE (SIGPIPE is ignored by main()) */
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	close(p[0]);
	errno = 0;
	CU_ASSERT_EQUAL(fd_write_all(p[1], "x", 1), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	close(p[1]);
	CU_ASSERT_EQUAL(fd_write_all(-1, "x", 1), -1);
	CU_ASSERT_EQUAL(fd_write_all(-1, "", 0), 0);   /* nothing to write */
}

/* fd_close_range closes exactly lo..hi. */
static void test_close_range(void)
{
	int p1[2], p2[2];

	CU_ASSERT_FATAL(pipe(p1) == 0 && pipe(p2) == 0);
	CU_ASSERT_FATAL(dup2(p1[0], 60) == 60 && dup2(p1[1], 61) == 61 &&
			dup2(p2[0], 62) == 62 && dup2(p2[1], 63) == 63);
	fd_close_range(61, 62);
	CU_ASSERT(fcntl(60, F_GETFD) != -1);
	CU_ASSERT(fcntl(61, F_GETFD) == -1 && errno == EBADF);
	CU_ASSERT(fcntl(62, F_GETFD) == -1 && errno == EBADF);
	CU_ASSERT(fcntl(63, F_GETFD) != -1);
	close(60);
	close(63);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
}

/* In a child: only 0-2 and the kept fd (now 3, still working) stay open,
   whatever number it had and whatever was open around it. */
static int close_all_but_child(void)
{
	int p1[2], p2[2], p3[2], keep, fd;
	char c = 0;

	if (pipe(p1) < 0 || pipe(p2) < 0 || pipe(p3) < 0)
		return 10;
	if (dup2(p2[0], 40) < 0)
		return 11;
	keep = fd_close_all_but(p3[1]);
	if (keep != 3)
		return 12;
	for (fd = 4; fd < 64; fd++)
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			return 13;
	if (fcntl(0, F_GETFD) < 0 || fcntl(2, F_GETFD) < 0)
		return 14;
	/* p3[0] is closed now: writing to the kept end gives EPIPE */
	signal(SIGPIPE, SIG_IGN);
	if (write(3, &c, 1) != -1 || errno != EPIPE)
		return 15;
	if (fd_close_all_but(-1) != -1 || errno != EINVAL)
		return 16;
	return 0;
}

static void test_close_all_but(void)
{
	int status = -1;
	pid_t pid = fork();

	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		_exit(close_all_but_child());
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
}

void suite_fdio(void);
void suite_fdio(void)
{
	CU_pSuite s = cutest_suite("fdio");

	cutest_add(s, "read_file at max and max+1", test_read_file_caps);
	cutest_add(s, "read_file of 300 KB", test_read_file_large);
	cutest_add(s, "read_file refuses a FIFO without blocking", test_read_file_fifo);
	cutest_add(s, "read_all from a pipe", test_read_all_pipe);
	cutest_add(s, "write_all: short writes and EPIPE", test_write_all);
	cutest_add(s, "close_range closes exactly its range", test_close_range);
	cutest_add(s, "close_all_but in a child", test_close_all_but);
}
