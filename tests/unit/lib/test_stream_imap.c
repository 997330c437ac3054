/*
 * test_stream_imap.c - the stream calls IMAP needs: the literal announced
 * at the end of an over-long line and skipping it (fed one byte at a time:
 * {n+}, a literal holding CRLF and '{', a second literal on the rest of the
 * line, sizes at and past 2^32-1, digits past the remembered tail), sending
 * a file with LF -> CRLF (CRLF across every chunk boundary, cut at n, a
 * file that is shorter or longer than announced, a pipe that delivers one
 * byte per read, a socket reader that takes one byte per read), and
 * waiting for input together with an inotify descriptor.
 *
 * Trust:   the input bytes are hostile; the files are ours.
 * Limits:  files of a few tens of KiB; waits of at most 2 s.
 * Tests:   this file (lib/stream.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "cutest.h"
#include "buf.h"
#include "helpers.h"
#include "stream.h"
#include "timeutil.h"

/* ---- literals after an over-long line ---------------------------------------- */

static void test_literal_parse_table(void)
{
	static const struct {
		const char *in;
		int rc;
		uint64_t n;
		bool nonsync;
	} cases[] = {
		{ "a APPEND x {5}", 1, 5, false },
		{ "a APPEND x {5+}", 1, 5, true },
		{ "a APPEND x {5+}\r", 1, 5, true },
		{ "a APPEND x ~{12}", 1, 12, false },
		{ "{0}", 1, 0, false },
		{ "{4294967295}", 1, 4294967295u, false },
		{ "{4294967296}", -1, 0, false },
		{ "{99999999999999999999}", -1, 0, false },
		{ "{00000000000000000000000000007}", 1, 7, false },
		{ "{}", 0, 0, false },
		{ "{+}", 0, 0, false },
		{ "{5++}", 0, 0, false },
		{ "{5}x", 0, 0, false },
		{ "{5 }", 0, 0, false },
		{ "{-5}", 0, 0, false },
		{ "5}", 0, 0, false },
		{ "}", 0, 0, false },
		{ "", 0, 0, false },
		{ "{5}\r\r", 0, 0, false },
	};
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		uint64_t n = 12345;
		bool ns = false;
		int rc;

		errno = 0;
		rc = stream_literal_parse(cases[i].in, strlen(cases[i].in), &n, &ns);
		if (rc != cases[i].rc || (rc == 1 && (n != cases[i].n || ns != cases[i].nonsync)) ||
		    (rc == -1 && errno != ERANGE)) {
			printf("case %zu \"%s\": got %d n=%llu ns=%d, want %d n=%llu ns=%d\n", i,
			       cases[i].in, rc, (unsigned long long)n, ns, cases[i].rc,
			       (unsigned long long)cases[i].n, cases[i].nonsync);
			CU_FAIL("literal announcement parsed wrong");
		}
	}
}

/* The session loop of stream.h's example: returns the next good line. */
static int read_skipping(struct stream *s, struct buf *line, int *skipped, int *bad)
{
	int r = stream_read_line(s, line);
	uint64_t n;
	bool ns;

	while (r < 0 && errno == EMSGSIZE) {
		int lr = stream_overlong_literal(s, &n, &ns);
		(*bad)++;
		if (lr < 0)
			return -2;
		if (lr == 0 || !ns)
			return r;
		if (stream_skip(s, (size_t)n) <= 0)
			return -3;
		(*skipped)++;
		r = stream_read_line(s, line);
	}
	return r;
}

static void test_overlong_literal_bytewise(void)
{
	/* line_max 16: the APPEND line is too long; its {6+} literal holds
	   CRLF and '{', the rest of the line is too long again and ends in a
	   second literal {3+}; then a synchronising {4} (nothing follows);
	   then the session goes on */
	static const char in[] =
		"a1 APPEND INBOX (\\Seen) {6+}\r\n"
		"x\r\n{3}\r"
		" and more text here {3+}\r\n"
		"abc\r\n"
		"a2 LOGIN aaaaaaaaaaaaaaaaaaa {4}\r\n"
		"a3 NOOP\r\n";
	size_t chunk;

	for (chunk = 1; chunk <= 7; chunk++) {
		struct mem_io io;
		struct stream *s;
		struct buf line = BUF_INIT(64);
		int skipped = 0, bad = 0;
		uint64_t n;
		bool ns = true;

		mem_io_init(&io, in, sizeof(in) - 1, chunk);
		s = test_stream(&io, 16, 64);
		/* a1: two literals skipped, then the empty end of the command */
		CU_ASSERT_EQUAL(read_skipping(s, &line, &skipped, &bad), 1);
		CU_ASSERT_EQUAL(skipped, 2);
		CU_ASSERT_EQUAL(bad, 2);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "");
		/* a2: a synchronising literal is reported, nothing skipped */
		CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		CU_ASSERT_EQUAL(stream_overlong_literal(s, &n, &ns), 1);
		CU_ASSERT_EQUAL(n, 4);
		CU_ASSERT_FALSE(ns);
		CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a3 NOOP");
		/* a good line leaves no literal behind */
		CU_ASSERT_EQUAL(stream_overlong_literal(s, &n, &ns), 0);
		CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
		stream_free(&s);
		buf_free(&line);
		buf_free(&io.out.out);
	}
}

static void test_overlong_literal_hostile(void)
{
	static const struct {
		const char *in;
		int rc;
		uint64_t n;
	} cases[] = {
		/* the bogus size: the session cannot stay in step */
		{ "a1 APPEND INBOX {99999999999999999999}\r\n", -1, 0 },
		{ "a1 APPEND INBOX {4294967296+}\r\n", -1, 0 },
		{ "a1 APPEND INBOX {4294967295+}\r\n", 1, 4294967295u },
		/* 40 digits: the '{' is beyond the remembered tail */
		{ "a1 X {0000000000000000000000000000000000000005}\r\n", -1, 0 },
		/* 29 digits + "{" + "}" + CR fit the tail */
		{ "a1 X {00000000000000000000000000005}\r\n", 1, 5 },
		/* digits that only look like a literal */
		{ "a1 X yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy5}\r\n", 0, 0 },
		{ "a1 X {5}zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n", 0, 0 },
		/* a bare LF, NUL bytes in the line */
		{ "a1 X\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0 {2+}\n", 1, 2 },
	};
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		struct mem_io io;
		struct stream *s;
		struct buf line = BUF_INIT(64);
		size_t len = strlen(cases[i].in);
		uint64_t n = 0;
		bool ns;
		int rc;

		if (i == 7)
			len = sizeof("a1 X\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0 {2+}\n") - 1;
		mem_io_init(&io, cases[i].in, len, 1);
		s = test_stream(&io, 16, 64);
		CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		errno = 0;
		rc = stream_overlong_literal(s, &n, &ns);
		if (rc != cases[i].rc || (rc == 1 && n != cases[i].n) || (rc < 0 && errno != ERANGE)) {
			printf("case %zu: got %d n=%llu, want %d n=%llu\n", i, rc,
			       (unsigned long long)n, cases[i].rc, (unsigned long long)cases[i].n);
			CU_FAIL("over-long line's literal misread");
		}
		stream_free(&s);
		buf_free(&line);
		buf_free(&io.out.out);
	}
}

static void test_skip_eof(void)
{
	struct mem_io io;
	struct stream *s;
	struct buf line = BUF_INIT(64);
	uint64_t n;
	bool ns;

	mem_io_init(&io, "a1 APPEND INBOX {10+}\r\nshort", 28, 1);
	s = test_stream(&io, 8, 64);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
	CU_ASSERT_EQUAL(stream_overlong_literal(s, &n, &ns), 1);
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT_EQUAL(stream_skip(s, (size_t)n), 0);   /* EOF inside the literal */
	stream_free(&s);
	buf_free(&line);
	buf_free(&io.out.out);
}

/* ---- sending files ---------------------------------------------------------- */

static int tmp_file(const void *data, size_t n)
{
	char path[] = "/tmp/stafeta-sendfd-XXXXXX";
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	unlink(path);
	CU_ASSERT_FATAL(write(fd, data, n) == (ssize_t)n);
	return fd;
}

/* The reference conversion: bare LF -> CRLF. */
static void crlf_ref(const char *in, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'))
			CU_ASSERT_FATAL(buf_append(out, "\r", 1) == 0);
		CU_ASSERT_FATAL(buf_append(out, in + i, 1) == 0);
	}
}

static void test_send_fd_crlf(void)
{
	/* lines of every length 0..300 with LF, CRLF and CR endings, so a
	   CRLF and a bare LF fall on every offset of the 8 KiB read chunks */
	struct buf src = BUF_INIT(BUF_MAX_UNLIMITED), want = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t len, i;
	int fd;

	for (len = 0; len < 300; len++) {
		for (i = 0; i < len; i++)
			CU_ASSERT_FATAL(buf_append(&src, "x", 1) == 0);
		CU_ASSERT_FATAL(buf_append_str(&src, len % 3 == 0 ? "\n" : len % 3 == 1 ? "\r\n"
										   : "\r") == 0);
	}
	crlf_ref(src.data, src.len, &want);
	fd = tmp_file(src.data, src.len);
	for (i = 0; i < 3; i++) {
		static const size_t outs[] = { 1, 7, 65536 };
		struct mem_io io;
		struct stream *s;

		mem_io_init(&io, "", 0, 1);
		io.out.chunk = i == 0 ? 1 : 0;   /* a writer that takes 1 byte a call */
		s = test_stream(&io, 64, outs[i]);
		CU_ASSERT_EQUAL(stream_send_fd(s, fd, 0, want.len, STREAM_SEND_CRLF),
				(int64_t)want.len);
		CU_ASSERT_EQUAL(stream_flush(s), 0);
		CU_ASSERT_EQUAL(io.out.out.len, want.len);
		CU_ASSERT(memcmp(io.out.out.data, want.data, want.len) == 0);
		CU_ASSERT_EQUAL(lseek(fd, 0, SEEK_CUR), (off_t)src.len);   /* untouched */
		stream_free(&s);
		buf_free(&io.out.out);
	}
	/* in two pieces at every offset: the same bytes as whole (a CRLF split
	   between the pieces stays one CRLF) */
	{
		static const char t[] = "a\r\nb\nc\r\n\r\nd\n";
		static const char full[] = "a\r\nb\r\nc\r\n\r\nd\r\n";
		int f2 = tmp_file(t, sizeof(t) - 1);
		size_t cut;
		for (cut = 0; cut <= sizeof(t) - 1; cut++) {
			struct mem_io io;
			struct stream *s;
			struct buf head = BUF_INIT(64);
			mem_io_init(&io, "", 0, 1);
			s = test_stream(&io, 64, 64);
			crlf_ref(t, cut, &head);
			CU_ASSERT_EQUAL(stream_send_fd(s, f2, 0, head.len, STREAM_SEND_CRLF),
					(int64_t)head.len);
			CU_ASSERT(stream_send_fd(s, f2, cut, sizeof(full), STREAM_SEND_CRLF) >= 0);
			CU_ASSERT_EQUAL(stream_flush(s), 0);
			if (io.out.out.len != sizeof(full) - 1 ||
			    memcmp(io.out.out.data, full, sizeof(full) - 1) != 0) {
				printf("cut %zu: got \"%s\"\n", cut, buf_cstr(&io.out.out));
				CU_FAIL("two pieces differ from the whole");
			}
			stream_free(&s);
			buf_free(&io.out.out);
			buf_free(&head);
		}
		close(f2);
	}
	/* cut at every n around a CRLF the conversion makes: exactly n bytes */
	{
		static const char t[] = "ab\ncd\r\nef\n";
		int f2 = tmp_file(t, sizeof(t) - 1);
		static const char full[] = "ab\r\ncd\r\nef\r\n";
		size_t k;
		for (k = 0; k <= sizeof(full) - 1; k++) {
			struct mem_io io;
			struct stream *s;
			mem_io_init(&io, "", 0, 1);
			s = test_stream(&io, 64, 64);
			CU_ASSERT_EQUAL(stream_send_fd(s, f2, 0, k, STREAM_SEND_CRLF), (int64_t)k);
			CU_ASSERT_EQUAL(stream_flush(s), 0);
			CU_ASSERT_EQUAL(io.out.out.len, k);
			CU_ASSERT(k == 0 || memcmp(io.out.out.data, full, k) == 0);
			stream_free(&s);
			buf_free(&io.out.out);
		}
		close(f2);
	}
	close(fd);
	buf_free(&src);
	buf_free(&want);
}

static void test_send_fd_short_long(void)
{
	int fd = tmp_file("0123456789", 10);
	struct mem_io io;
	struct stream *s;

	/* an offset and a length inside the file; a longer file is cut */
	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 64);
	CU_ASSERT_EQUAL(stream_send_fd(s, fd, 3, 4, 0), 4);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_EQUAL(io.out.out.len, 4);
	CU_ASSERT(memcmp(io.out.out.data, "3456", 4) == 0);
	stream_free(&s);
	buf_free(&io.out.out);
	/* the file shrank after the size was announced: short, or padded */
	CU_ASSERT(ftruncate(fd, 6) == 0);
	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 64);
	CU_ASSERT_EQUAL(stream_send_fd(s, fd, 0, 10, 0), 6);
	CU_ASSERT_EQUAL(stream_send_fd(s, fd, 2, 10, STREAM_SEND_PAD | STREAM_SEND_CRLF), 4);
	CU_ASSERT_EQUAL(stream_send_fd(s, fd, 100, 3, STREAM_SEND_PAD), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_EQUAL(io.out.out.len, 6 + 10 + 3);
	CU_ASSERT(memcmp(io.out.out.data, "012345" "2345      " "   ", 19) == 0);
	stream_free(&s);
	buf_free(&io.out.out);
	/* a read error */
	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 64);
	errno = 0;
	CU_ASSERT_EQUAL(stream_send_fd(s, -1, 0, 3, 0), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	stream_free(&s);
	buf_free(&io.out.out);
	close(fd);
}

/* A pipe whose writer sends one byte per write, slowly: every read is
   short.  The stream's output is a socket whose reader takes one byte per
   read. */
static void test_send_fd_pipe_and_socket(void)
{
	static const char msg[] = "Subject: x\n\nline1\nline2\r\nend\n";
	static const char want[] = "line1\r\nline2\r\nend\r\n";
	int pp[2], sp[2], st;
	pid_t writer, reader;
	struct stream *s;
	char got[64];
	size_t have = 0;
	int rp[2];

	CU_ASSERT_FATAL(pipe(pp) == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0 &&
			pipe(rp) == 0);
	writer = fork();
	CU_ASSERT_FATAL(writer >= 0);
	if (writer == 0) {
		size_t i;
		close(pp[0]);
		for (i = 0; i < sizeof(msg) - 1; i++) {
			if (write(pp[1], msg + i, 1) != 1)
				_exit(1);
			usleep(200);
		}
		_exit(0);
	}
	reader = fork();
	CU_ASSERT_FATAL(reader >= 0);
	if (reader == 0) {
		char c;
		close(sp[0]);
		close(rp[0]);
		while (read(sp[1], &c, 1) == 1)
			if (write(rp[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(pp[1]);
	close(sp[1]);
	close(rp[1]);
	{
		struct stream_limits lim = { 64, 4, 5, 5 };   /* 4-byte output buffer */
		s = stream_new(sp[0], sp[0], &lim);
	}
	/* skip the 12 header bytes of the pipe, send the rest converted */
	CU_ASSERT_EQUAL(stream_send_fd(s, pp[0], 12, sizeof(want) - 1, STREAM_SEND_CRLF),
			(int64_t)(sizeof(want) - 1));
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	stream_free(&s);
	close(sp[0]);
	for (;;) {
		ssize_t r = read(rp[0], got + have, sizeof(got) - have);
		if (r <= 0)
			break;
		have += (size_t)r;
	}
	CU_ASSERT_EQUAL(have, sizeof(want) - 1);
	CU_ASSERT(memcmp(got, want, sizeof(want) - 1) == 0);
	CU_ASSERT(waitpid(writer, &st, 0) == writer && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT(waitpid(reader, &st, 0) == reader && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(pp[0]);
	close(rp[0]);
}

/* ---- waiting with another descriptor ------------------------------------------ */

#ifdef __linux__
static void test_wait_input_fd(void)
{
	int sp[2], ifd = -1, st, tfd;
	struct stream *s;
	struct buf line = BUF_INIT(64);
	char *dir = cutest_tmpdir("stream-wait"), path[4096];
	int64_t t0;

	CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
	s = stream_new(sp[0], sp[0], NULL);
	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	CU_ASSERT_FATAL(ifd >= 0);
	CU_ASSERT_FATAL(inotify_add_watch(ifd, dir, IN_CREATE | IN_MOVED_TO) >= 0);
	/* nothing: the timeout, not earlier */
	t0 = time_mono_ms();
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, ifd, 100), 0);
	CU_ASSERT(time_mono_ms() - t0 >= 90);
	/* a file appears (another process delivers) while we wait */
	{
		pid_t pid = fork();
		CU_ASSERT_FATAL(pid >= 0);
		if (pid == 0) {
			usleep(50000);
			snprintf(path, sizeof(path), "%s/newmail", dir);
			_exit(close(open(path, O_CREAT | O_WRONLY, 0600)) == 0 ? 0 : 1);
		}
		CU_ASSERT_EQUAL(stream_wait_input_fd(s, ifd, 2000), STREAM_WAIT_FD);
		CU_ASSERT(waitpid(pid, &st, 0) == pid);
	}
	/* drain inotify; then client input ("DONE") */
	{
		char ev[4096];
		while (read(ifd, ev, sizeof(ev)) > 0)
			;
	}
	CU_ASSERT(write(sp[1], "DONE\r\n", 6) == 6);
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, ifd, 2000), STREAM_WAIT_INPUT);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "DONE");
	/* both at once; buffered input counts without a read */
	CU_ASSERT(write(sp[1], "a\r\nb\r\n", 6) == 6);
	snprintf(path, sizeof(path), "%s/second", dir);
	tfd = open(path, O_CREAT | O_WRONLY, 0600);
	close(tfd);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);   /* buffers "b" too */
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, ifd, 2000), STREAM_WAIT_INPUT | STREAM_WAIT_FD);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	/* no other fd; the peer hangs up: EOF counts as input */
	close(sp[1]);
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, -1, 2000), STREAM_WAIT_INPUT);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	/* a passed deadline ends the wait at once */
	{
		char ev[4096];
		while (read(ifd, ev, sizeof(ev)) > 0)
			;
	}
	stream_free(&s);
	close(sp[0]);
	CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
	s = stream_new(sp[0], sp[0], NULL);
	stream_set_deadline(s, time_mono_ms() - 1);
	t0 = time_mono_ms();
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, ifd, 5000), 0);
	CU_ASSERT(time_mono_ms() - t0 < 1000);
	stream_free(&s);
	close(sp[0]);
	close(sp[1]);
	close(ifd);
	buf_free(&line);
	cutest_rmtree(dir);
	free(dir);
}
#else
static void test_wait_input_fd(void)
{
	cutest_skip("no inotify on this system");
}
#endif

static void test_wait_input_fd_callback(void)
{
	struct mem_io io;
	struct stream *s;
	int pp[2];

	/* a callback stream with input: at once */
	mem_io_init(&io, "x\r\n", 3, 1);
	s = test_stream(&io, 64, 64);
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, -1, 1000), STREAM_WAIT_INPUT);
	stream_free(&s);
	buf_free(&io.out.out);
	/* the other fd of a callback stream */
	CU_ASSERT_FATAL(pipe(pp) == 0);
	CU_ASSERT(write(pp[1], "!", 1) == 1);
	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 64);
	/* an empty source is EOF: input (EOF) and the fd */
	CU_ASSERT_EQUAL(stream_wait_input_fd(s, pp[0], 1000), STREAM_WAIT_INPUT | STREAM_WAIT_FD);
	stream_free(&s);
	buf_free(&io.out.out);
	close(pp[0]);
	close(pp[1]);
}

void suite_stream_imap(void);
void suite_stream_imap(void)
{
	CU_pSuite s = cutest_suite("stream_imap");

	cutest_add(s, "literal announcements: table", test_literal_parse_table);
	cutest_add(s, "over-long line, literals skipped byte by byte",
		   test_overlong_literal_bytewise);
	cutest_add(s, "over-long line: hostile literal sizes", test_overlong_literal_hostile);
	cutest_add(s, "skip hits EOF", test_skip_eof);
	cutest_add(s, "send_fd: LF -> CRLF across chunks, cut at n", test_send_fd_crlf);
	cutest_add(s, "send_fd: offsets, shrunk and longer files", test_send_fd_short_long);
	cutest_add(s, "send_fd: 1-byte pipe reads, 1-byte socket reader",
		   test_send_fd_pipe_and_socket);
	cutest_add(s, "wait with inotify and a timeout", test_wait_input_fd);
	cutest_add(s, "wait on a callback stream", test_wait_input_fd_callback);
}
