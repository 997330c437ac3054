/*
 * test_stream.c - the connection stream under hostile input: over-long lines
 * (exactly line_max, line_max + 1, resync), NUL bytes, CR without LF, input
 * fed one byte at a time or in random chunks through stream_new_cb, a peer
 * that stops mid-line (1 s read timeout over a socketpair), deadlines,
 * STARTTLS-style stream_set_fds dropping pipelined input, literals across
 * buffer boundaries and at EOF, copies to files, writes to a closed peer
 * (EPIPE) and to a peer that stops reading (write timeout).
 *
 * Trust:   every byte fed to the stream is hostile.
 * Limits:  the slowest tests wait 1 s each for a timeout.
 * Tests:   this file (lib/stream.c); tests/fuzz/fuzz_stream.c fuzzes it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "helpers.h"
#include "stream.h"
#include "timeutil.h"

/* A stream over a copy of text, chunk bytes per read (0 = random). */
struct fed {
	struct mem_io io;
	struct stream *s;
	char *copy;   /* exact-size heap copy: overreads show under ASan */
};

static void fed_open(struct fed *f, const void *text, size_t n, size_t chunk,
		     size_t line_max)
{
	f->copy = malloc(n > 0 ? n : 1);
	if (f->copy == NULL)
		abort();
	memcpy(f->copy, text, n);
	mem_io_init(&f->io, f->copy, n, chunk);
	f->s = test_stream(&f->io, line_max, 0);
}

static void fed_close(struct fed *f)
{
	stream_free(&f->s);
	buf_free(&f->io.out.out);
	free(f->copy);
}

static void test_lines_basic(void)
{
	static const char text[] = "a1 NOOP\r\na2 NOOP\n\r\n\na3 LOGOUT\r\nunterminated";
	static const size_t chunks[] = { 1, 2, 3, 7, 4096, 0 };

	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct buf line = BUF_INIT(1024);
		struct fed f;

		fed_open(&f, text, sizeof(text) - 1, chunks[c], 64);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a1 NOOP");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a2 NOOP");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);   /* "\r\n" */
		CU_ASSERT_EQUAL(line.len, 0);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);   /* "\n" */
		CU_ASSERT_EQUAL(line.len, 0);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a3 LOGOUT");
		/* a partial last line is dropped at EOF, and EOF stays EOF */
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
		CU_ASSERT_EQUAL(stream_bytes_in(f.s), sizeof(text) - 1);
		if (chunks[c] == 1)
			CU_ASSERT_TRUE(f.io.in.reads >= sizeof(text) - 1);
		fed_close(&f);
		buf_free(&line);
	}
}

static void test_line_replaces_content(void)
{
	struct buf line = BUF_INIT(64);
	struct fed f;

	CU_ASSERT_EQUAL(buf_append_str(&line, "old junk"), 0);
	fed_open(&f, "new\r\n", 5, 1, 64);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "new");
	fed_close(&f);
	buf_free(&line);
}

/* line_max 16: exactly 16 content bytes pass (with or without CR), 17 do not. */
static void test_line_max_exact(void)
{
	static const char text[] =
		"0123456789abcdef\r\n"       /* 16 + CRLF: ok */
		"0123456789abcdef\n"         /* 16 + LF: ok */
		"0123456789abcdefg\r\n"      /* 17: too long */
		"after1\r\n"
		"0123456789abcdefg\n"        /* 17 without CR: too long */
		"after2\n"
		"0123456789abcdef\r\r\n"     /* 16 + CR + CRLF = 17 content bytes */
		"0123456789abcde\r\r\n"      /* 15 + CR + CRLF: "...\r" ok */
		"after3\r\n";
	static const size_t chunks[] = { 1, 5, 16, 17, 18, 4096, 0 };

	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct buf line = BUF_INIT(1024);
		struct fed f;

		fed_open(&f, text, sizeof(text) - 1, chunks[c], 16);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "0123456789abcdef");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "0123456789abcdef");
		errno = 0;
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "after1");
		errno = 0;
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "after2");
		errno = 0;
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "0123456789abcde\r");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "after3");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
		if (CU_get_number_of_failures() != 0)
			printf("chunk size %zu\n", chunks[c]);
		fed_close(&f);
		buf_free(&line);
	}
}

/* 1 MiB without a newline, then a good line: one EMSGSIZE, then in step. */
static void test_huge_line_resync(void)
{
	static const size_t chunks[] = { 1, 4096, 0 };
	size_t n = 1 << 20;
	char *text = malloc(n + 32);

	CU_ASSERT_FATAL(text != NULL);
	memset(text, 'A', n);
	memcpy(text + n, "\r\na2 NOOP\r\n", 11);
	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
		struct fed f;

		fed_open(&f, text, n + 11, chunks[c], 8192);
		errno = 0;
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
		CU_ASSERT_EQUAL(errno, EMSGSIZE);
		/* the line buffer never held more than the limit allows */
		CU_ASSERT_TRUE(line.cap <= 4 * 8192);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a2 NOOP");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
		fed_close(&f);
		buf_free(&line);
	}
	free(text);
}

/* Several over-long lines back to back, and one cut by EOF. */
static void test_many_long_lines(void)
{
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf line = BUF_INIT(1024);
	struct fed f;
	int i;

	for (i = 0; i < 50; i++) {
		for (int j = 0; j < 100 + i; j++)
			CU_ASSERT_EQUAL_FATAL(buf_putc(&text, 'x'), 0);
		CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "\r\nok\r\n"), 0);
	}
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"), 0);
	fed_open(&f, text.data, text.len, 0, 32);
	for (i = 0; i < 50; i++) {
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "ok");
	}
	/* an over-long partial line cut by EOF: never a line, then EOF */
	CU_ASSERT_NOT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
	fed_close(&f);
	buf_free(&line);
	buf_free(&text);
}

/* The caller's line buffer smaller than line_max: an error, not an overrun. */
static void test_line_buf_smaller_than_max(void)
{
	struct buf line = BUF_INIT(4);
	struct fed f;

	fed_open(&f, "abcdefgh\r\nabc\r\n", 15, 1, 64);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_TRUE(line.len <= 4);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "abc");
	fed_close(&f);
	buf_free(&line);
}

static void test_nul_and_cr(void)
{
	static const char text[] = "a\0b\r\n\0\r\na\rb\r\n\r\r\n\rx\n\r";
	static const size_t chunks[] = { 1, 3, 0 };

	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct buf line = BUF_INIT(64);
		struct fed f;

		fed_open(&f, text, sizeof(text) - 1, chunks[c], 64);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_EQUAL(line.len, 3);
		CU_ASSERT_EQUAL(memcmp(line.data, "a\0b", 3), 0);
		CU_ASSERT_TRUE(buf_has_nul(&line));
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_EQUAL(line.len, 1);
		CU_ASSERT_EQUAL(line.data[0], '\0');
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);   /* CR mid-line kept */
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a\rb");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);   /* only one CR stripped */
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "\r");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "\rx");
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);   /* lone CR at EOF */
		fed_close(&f);
		buf_free(&line);
	}
}

/* stream_line_crlf(): CR LF vs bare LF, also for an empty line, a line cut
   at line_max (the CR may be the byte past it), and in every chunking. */
static void test_line_crlf(void)
{
	static const char text[] = "a\r\nb\n\r\n\n12345678\r\n123456789\n123456789\r\n\r\r\nz";
	static const struct { int r; int crlf; const char *line; } want[] = {
		{ 1, 1, "a" }, { 1, 0, "b" }, { 1, 1, "" }, { 1, 0, "" },
		{ 1, 1, "12345678" }, { -1, 0, "" }, { -1, 1, "" }, { 1, 1, "\r" },
		{ 0, 0, "" },
	};
	static const size_t chunks[] = { 1, 2, 3, 0 };

	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct buf line = BUF_INIT(64);
		struct fed f;

		fed_open(&f, text, sizeof(text) - 1, chunks[c], 8);
		CU_ASSERT_EQUAL(stream_line_crlf(f.s), 0);
		for (size_t i = 0; i < N_ELEMENTS(want); i++) {
			int r = stream_read_line(f.s, &line);

			if (r != want[i].r || stream_line_crlf(f.s) != want[i].crlf)
				printf("chunk %zu case %zu: got %d/%d, want %d/%d\n", chunks[c], i, r,
				       stream_line_crlf(f.s), want[i].r, want[i].crlf);
			CU_ASSERT_EQUAL(r, want[i].r);
			CU_ASSERT_EQUAL(stream_line_crlf(f.s), want[i].crlf);
			if (r == 1)
				CU_ASSERT_STRING_EQUAL(buf_cstr(&line), want[i].line);
		}
		fed_close(&f);
		buf_free(&line);
	}
}

static void test_random_chunks_equivalent(void)
{
	/* The same input read in many chunkings gives the same lines. */
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf want = BUF_INIT(BUF_MAX_UNLIMITED);
	uint32_t seed = 7;

	for (int i = 0; i < 3000; i++) {
		size_t len = test_rand(&seed) % 90;

		for (size_t j = 0; j < len; j++) {
			char ch = (char)(test_rand(&seed) % 256);

			if (ch == '\n')
				ch = 'n';
			CU_ASSERT_EQUAL_FATAL(buf_putc(&text, ch), 0);
		}
		CU_ASSERT_EQUAL_FATAL(buf_append(&text, i % 2 ? "\r\n" : "\n", i % 2 ? 2 : 1), 0);
	}
	for (uint32_t run = 0; run < 8; run++) {
		struct buf line = BUF_INIT(1024);
		struct buf got = BUF_INIT(BUF_MAX_UNLIMITED);
		struct fed f;
		int r;

		fed_open(&f, text.data, text.len, run == 0 ? 1 : 0, 64);
		f.io.in.seed = run * 7919 + 1;
		while ((r = stream_read_line(f.s, &line)) != 0) {
			if (r < 0) {
				CU_ASSERT_EQUAL_FATAL(buf_append_str(&got, "<E>\n"), 0);
			} else {
				CU_ASSERT_EQUAL_FATAL(buf_append(&got, line.data, line.len), 0);
				CU_ASSERT_EQUAL_FATAL(buf_putc(&got, '\n'), 0);
			}
		}
		if (run == 0) {
			CU_ASSERT_EQUAL_FATAL(buf_set(&want, got.data, got.len), 0);
		} else if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0) {
			printf("case %u: got %zu bytes of lines, want %zu\n", run, got.len, want.len);
			CU_FAIL("chunking changed the lines");
		}
		fed_close(&f);
		buf_free(&line);
		buf_free(&got);
	}
	buf_free(&text);
	buf_free(&want);
}

static void test_source_error_and_timeout_passed(void)
{
	struct buf line = BUF_INIT(64);
	struct stream_limits lim = { 64, 0, 7, 0 };
	struct mem_io io;
	struct stream *s;

	mem_io_init(&io, "ok\r\npartial", 11, 3);
	io.in.fail_at = 6;
	io.in.fail_errno = EIO;
	s = stream_new_cb(mem_io_read, mem_io_write, &io, &lim);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "ok");
	CU_ASSERT_EQUAL(io.in.last_timeout_ms, 7000);   /* read_timeout reaches the source */
	errno = 0;
	CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
	CU_ASSERT_EQUAL(errno, EIO);
	stream_set_read_timeout(s, 0);
	io.in.fail_errno = 0;
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	CU_ASSERT_EQUAL(io.in.last_timeout_ms, -1);      /* 0 = wait forever */
	/* a timeout far beyond what milliseconds in an int can hold */
	stream_set_read_timeout(s, INT_MAX);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	stream_free(&s);
	CU_ASSERT_PTR_NULL(s);
	stream_free(&s);   /* freeing NULL is harmless */
	buf_free(&io.out.out);
	buf_free(&line);
}

static void test_large_timeout_values(void)
{
	/* INT_MAX seconds must not overflow into a negative or tiny wait. */
	struct buf line = BUF_INIT(64);
	struct stream_limits lim = { 64, 0, INT_MAX, INT_MAX };
	struct mem_io io;
	struct stream *s;

	mem_io_init(&io, "a\r\nb", 4, 1);
	s = stream_new_cb(mem_io_read, mem_io_write, &io, &lim);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_TRUE(io.in.last_timeout_ms == -1 || io.in.last_timeout_ms >= 1000000);
	CU_ASSERT_EQUAL(stream_puts(s, "x"), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&io.out.out), "x");
	stream_free(&s);
	buf_free(&io.out.out);
	buf_free(&line);
}

/* The peer sends half a line and stops: the 1 s read timeout fires. */
static void test_read_timeout_socketpair(void)
{
	struct stream_limits lim = { 1024, 0, 1, 1 };
	struct buf line = BUF_INIT(1024);
	struct stream *s;
	int sv[2];
	int64_t t0, dt;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	CU_ASSERT_EQUAL(write(sv[1], "a1 NOOP\r\na2 NOO", 15), 15);
	s = stream_new(sv[0], sv[0], &lim);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a1 NOOP");
	t0 = time_mono_ms();
	errno = 0;
	CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	dt = time_mono_ms() - t0;
	CU_ASSERT_TRUE(dt >= 950 && dt < 3000);
	if (dt < 950 || dt >= 3000)
		printf("timeout after %lld ms, want about 1000\n", (long long)dt);
	CU_ASSERT_EQUAL(stream_rfd(s), sv[0]);
	stream_free(&s);
	close(sv[0]);
	close(sv[1]);
	buf_free(&line);
}

/* An absolute deadline ends a read even with no read timeout. */
static void test_deadline(void)
{
	struct buf line = BUF_INIT(1024);
	struct buf lit = BUF_INIT(1024);
	struct stream *s;
	int sv[2];
	int64_t t0, dt;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s = stream_new(sv[0], sv[0], NULL);
	t0 = time_mono_ms();
	stream_set_deadline(s, t0 + 300);
	errno = 0;
	CU_ASSERT_EQUAL(stream_read_line(s, &line), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	dt = time_mono_ms() - t0;
	CU_ASSERT_TRUE(dt >= 250 && dt < 2000);
	/* a deadline already past: at once, for lines and literals alike */
	stream_set_deadline(s, time_mono_ms() - 1);
	t0 = time_mono_ms();
	CU_ASSERT_EQUAL(stream_read_exact(s, &lit, 10), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	CU_ASSERT_TRUE(time_mono_ms() - t0 < 200);
	/* cleared: buffered data and new data are read normally */
	stream_set_deadline(s, -1);
	CU_ASSERT_EQUAL(write(sv[1], "late\r\n", 6), 6);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "late");
	stream_free(&s);
	close(sv[0]);
	close(sv[1]);
	buf_free(&line);
	buf_free(&lit);
}

/* STARTTLS: plaintext pipelined after the command is never executed. */
static void test_set_fds_discards(void)
{
	static const char pipelined[] = "a STARTTLS\r\nb LOGIN x y\r\n";
	struct buf line = BUF_INIT(1024);
	struct stream *s;
	int plain[2], tls[2];

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, plain), 0);
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, tls), 0);
	CU_ASSERT_EQUAL(write(plain[1], pipelined, sizeof(pipelined) - 1),
			(ssize_t)sizeof(pipelined) - 1);
	s = stream_new(plain[0], plain[0], NULL);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a STARTTLS");
	CU_ASSERT_EQUAL(stream_input_pending(s), 13);
	CU_ASSERT_EQUAL(write(tls[1], "c NOOP\r\n", 8), 8);
	CU_ASSERT_EQUAL(stream_set_fds(s, tls[0], tls[0]), 13);
	CU_ASSERT_EQUAL(stream_input_pending(s), 0);
	CU_ASSERT_EQUAL(stream_rfd(s), tls[0]);
	CU_ASSERT_EQUAL(stream_wfd(s), tls[0]);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "c NOOP");
	/* writes go to the new fd */
	CU_ASSERT_EQUAL(stream_puts(s, "* OK\r\n"), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	{
		char got[16] = "";

		CU_ASSERT_EQUAL(read(tls[1], got, sizeof(got)), 6);
		CU_ASSERT_EQUAL(memcmp(got, "* OK\r\n", 6), 0);
	}
	/* switching after EOF on the old fds reads the new ones */
	close(tls[1]);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	CU_ASSERT_EQUAL(write(plain[1], "d\r\n", 3), 3);
	CU_ASSERT_EQUAL(stream_set_fds(s, plain[0], plain[0]), 0);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "d");
	stream_free(&s);
	close(plain[0]);
	close(plain[1]);
	close(tls[0]);
	buf_free(&line);
}

static void test_discard_input(void)
{
	struct buf line = BUF_INIT(64);
	struct fed f;

	fed_open(&f, "one\r\ntwo\r\nthree\r\n", 17, 4096, 64);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_EQUAL(stream_input_pending(f.s), 12);
	CU_ASSERT_EQUAL(stream_discard_input(f.s), 12);
	CU_ASSERT_EQUAL(stream_discard_input(f.s), 0);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
	fed_close(&f);
	buf_free(&line);
}

/* A 100000-byte literal in 7-byte pieces, crossing every internal buffer
   boundary, then the next command. */
static void test_read_exact_boundaries(void)
{
	size_t n = 100000;
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf line = BUF_INIT(1024);
	struct buf lit = BUF_INIT(BUF_MAX_UNLIMITED);
	static const size_t chunks[] = { 7, 1, 16383, 16384, 16385, 0 };

	CU_ASSERT_EQUAL_FATAL(buf_printf(&text, "a APPEND INBOX {%zu}\r\n", n), 0);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(buf_putc(&text, (char)(i * 31 % 251)), 0);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "\r\nb NOOP\r\n"), 0);
	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct fed f;
		int bad = 0;

		fed_open(&f, text.data, text.len, chunks[c], 1024);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_EQUAL(buf_append_str(&lit, "pre"), 0);   /* read_exact appends */
		CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, n), 1);
		CU_ASSERT_EQUAL(lit.len, n + 3);
		for (size_t i = 0; i < n && lit.len == n + 3; i++)
			if (lit.data[3 + i] != (char)(i * 31 % 251))
				bad++;
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_EQUAL(memcmp(lit.data, "pre", 3), 0);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);   /* rest of APPEND line */
		CU_ASSERT_EQUAL(line.len, 0);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "b NOOP");
		CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 0), 1);  /* n = 0 at EOF */
		buf_reset(&lit);
		fed_close(&f);
	}
	buf_free(&text);
	buf_free(&line);
	buf_free(&lit);
}

static void test_read_exact_eof_and_cap(void)
{
	struct buf lit = BUF_INIT(10);
	struct buf line = BUF_INIT(64);
	struct fed f;

	/* destination too small: EMSGSIZE, but the 20 bytes are consumed */
	fed_open(&f, "01234567890123456789next\r\n", 26, 3, 64);
	errno = 0;
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 20), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_TRUE(lit.len <= 10);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "next");
	fed_close(&f);

	/* only 50 of 100 announced bytes before EOF */
	buf_free(&lit);
	buf_init(&lit, 1000);
	{
		char text[50];

		memset(text, 'z', sizeof(text));
		fed_open(&f, text, sizeof(text), 1, 64);
	}
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 100), 0);
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 1), 0);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 0);
	fed_close(&f);

	/* exactly the bytes there are, then EOF */
	buf_reset(&lit);
	fed_open(&f, "abc", 3, 1, 64);
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 3), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&lit), "abc");
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, 1), 0);
	fed_close(&f);

	/* a literal far bigger than any buffer, announced and not sent */
	buf_reset(&lit);
	fed_open(&f, "tiny", 4, 0, 64);
	CU_ASSERT_EQUAL(stream_read_exact(f.s, &lit, SIZE_MAX), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&lit), "tiny");
	fed_close(&f);
	buf_free(&lit);
	buf_free(&line);
}

static char *tmp_file(int *fd_r, char **dir_r)
{
	char *dir = cutest_tmpdir("stream");
	size_t n = strlen(dir) + 16;
	char *path = malloc(n);

	if (path == NULL)
		abort();
	snprintf(path, n, "%s/body", dir);
	*fd_r = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	*dir_r = dir;
	return path;
}

static int file_equals(int fd, const char *want, size_t n)
{
	char *got = malloc(n + 1);
	ssize_t r;
	int ok;

	if (got == NULL)
		abort();
	r = pread(fd, got, n + 1, 0);
	ok = r == (ssize_t)n && memcmp(got, want, n) == 0;
	free(got);
	return ok;
}

static void test_copy_to_fd(void)
{
	size_t n = 200000;
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf line = BUF_INIT(64);
	static const size_t chunks[] = { 1, 777, 16384, 0 };
	char *dir, *path;
	int fd;

	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "DATA\r\n"), 0);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(buf_putc(&text, (char)(i % 253)), 0);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "QUIT\r\n"), 0);
	for (size_t c = 0; c < N_ELEMENTS(chunks); c++) {
		struct fed f;

		path = tmp_file(&fd, &dir);
		CU_ASSERT_FATAL(fd >= 0);
		fed_open(&f, text.data, text.len, chunks[c], 64);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_EQUAL(stream_copy_to_fd(f.s, fd, n), 1);
		CU_ASSERT_TRUE(file_equals(fd, text.data + 6, n));
		CU_ASSERT_EQUAL(stream_copy_to_fd(f.s, fd, 0), 1);
		CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "QUIT");
		/* EOF before the announced size */
		CU_ASSERT_EQUAL(stream_copy_to_fd(f.s, fd, 10), 0);
		fed_close(&f);
		close(fd);
		free(path);
		cutest_rmtree(dir);
		free(dir);
	}
	buf_free(&text);
	buf_free(&line);
}

static void test_copy_to_bad_fd(void)
{
	/* The file cannot be written: -1 with errno, and the announced bytes are
	   still consumed so the next command is read in step. */
	static const char text[] = "0123456789next\r\n";
	struct buf line = BUF_INIT(64);
	int ro, sv[2];
	struct fed f;

	fed_open(&f, text, sizeof(text) - 1, 4, 64);
	ro = open("/dev/null", O_RDONLY | O_CLOEXEC);
	CU_ASSERT_FATAL(ro >= 0);
	errno = 0;
	CU_ASSERT_EQUAL(stream_copy_to_fd(f.s, ro, 10), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "next");
	close(ro);
	fed_close(&f);

	/* a reader that went away (pipe-like peer closed) */
	fed_open(&f, text, sizeof(text) - 1, 0, 64);
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	errno = 0;
	CU_ASSERT_EQUAL(stream_copy_to_fd(f.s, sv[0], 10), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "next");
	close(sv[0]);
	fed_close(&f);
	buf_free(&line);
}

static void test_writes_buffered(void)
{
	struct mem_io io;
	struct stream *s;
	struct buf want = BUF_INIT(BUF_MAX_UNLIMITED);

	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 16);
	CU_ASSERT_EQUAL(stream_puts(s, "* OK "), 0);
	CU_ASSERT_EQUAL(io.out.out.len, 0);   /* buffered until flush */
	CU_ASSERT_EQUAL(stream_printf(s, "%s %d\r\n", "ready", 42), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&io.out.out), "* OK ready 42\r\n");
	CU_ASSERT_EQUAL(stream_flush(s), 0);   /* nothing pending */
	CU_ASSERT_EQUAL(stream_bytes_out(s), 15);
	/* 100 small writes through a 16-byte buffer arrive whole and in order */
	buf_reset(&io.out.out);
	for (int i = 0; i < 100; i++) {
		CU_ASSERT_EQUAL(stream_printf(s, "%d,", i), 0);
		CU_ASSERT_EQUAL(buf_printf(&want, "%d,", i), 0);
	}
	/* one write far bigger than the buffer, and a printf bigger than 512 */
	{
		char big[5000];

		memset(big, 'B', sizeof(big));
		CU_ASSERT_EQUAL(stream_write(s, big, sizeof(big)), 0);
		CU_ASSERT_EQUAL(buf_append(&want, big, sizeof(big)), 0);
		CU_ASSERT_EQUAL(stream_printf(s, "%.3000s|", big), 0);
		CU_ASSERT_EQUAL(buf_append(&want, big, 3000), 0);
		CU_ASSERT_EQUAL(buf_putc(&want, '|'), 0);
	}
	CU_ASSERT_EQUAL(stream_write(s, "", 0), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_EQUAL(io.out.out.len, want.len);
	CU_ASSERT_EQUAL(memcmp(io.out.out.data, want.data, want.len), 0);
	stream_free(&s);
	buf_free(&io.out.out);
	buf_free(&want);
}

static void test_short_writes(void)
{
	/* A sink that takes one byte per call still gets everything. */
	struct mem_io io;
	struct stream *s;

	mem_io_init(&io, "", 0, 1);
	io.out.chunk = 1;
	s = test_stream(&io, 64, 8);
	CU_ASSERT_EQUAL(stream_puts(s, "0123456789abcdefghij"), 0);
	CU_ASSERT_EQUAL(stream_puts(s, "KLM"), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&io.out.out), "0123456789abcdefghijKLM");
	CU_ASSERT_TRUE(io.out.writes >= 23);
	stream_free(&s);
	buf_free(&io.out.out);
}

static void test_write_error_sticky(void)
{
	struct mem_io io;
	struct stream *s;

	mem_io_init(&io, "", 0, 1);
	s = test_stream(&io, 64, 16);
	io.out.fail_errno = ECONNRESET;
	CU_ASSERT_EQUAL(stream_puts(s, "x"), 0);       /* only buffered */
	errno = 0;
	CU_ASSERT_EQUAL(stream_flush(s), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	io.out.fail_errno = 0;                          /* sink recovers: still failed */
	errno = 0;
	CU_ASSERT_EQUAL(stream_puts(s, "y"), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(stream_printf(s, "%d", 1), -1);
	CU_ASSERT_EQUAL(stream_flush(s), -1);
	CU_ASSERT_EQUAL(io.out.out.len, 0);
	stream_free(&s);
	buf_free(&io.out.out);
}

/* Writes to a peer that closed: EPIPE (SIGPIPE is ignored by main()). */
static void test_write_closed_peer(void)
{
	struct stream *s;
	int sv[2], pfd[2];
	int r = 0;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	s = stream_new(sv[0], sv[0], NULL);
	CU_ASSERT_EQUAL(stream_puts(s, "* BYE\r\n"), 0);
	errno = 0;
	CU_ASSERT_EQUAL(stream_flush(s), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	CU_ASSERT_EQUAL(stream_puts(s, "more"), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	stream_free(&s);
	close(sv[0]);

	/* the same over a pipe (imapd -stdio, couriertcpd children) */
	CU_ASSERT_EQUAL_FATAL(pipe(pfd), 0);
	close(pfd[0]);
	s = stream_new(-1, pfd[1], NULL);
	for (int i = 0; i < 3 && r == 0; i++)
		r = stream_write(s, "0123456789", 10) == 0 ? stream_flush(s) : -1;
	CU_ASSERT_EQUAL(r, -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	stream_free(&s);
	close(pfd[1]);
}

/* A peer that never reads: the 1 s write timeout fires, over a socket and
   over a pipe, with the default 64 KiB output buffer.  Run in a child with
   an alarm so that a hang is reported as a failure, not a stuck suite. */
struct stuck_arg {
	int wfd;
};

static void write_until_stuck(int report, void *argp)
{
	struct stuck_arg *arg = argp;
	struct stream_limits lim = { 64, 0, 1, 1 };
	struct stream *s = stream_new(-1, arg->wfd, &lim);
	char chunk[3000];
	int64_t t0 = time_mono_ms(), dt;
	int r = 0, i, e;

	alarm(10);
	memset(chunk, 'w', sizeof(chunk));
	for (i = 0; i < 6000 && r == 0; i++)   /* up to 18 MB */
		r = stream_write(s, chunk, sizeof(chunk));
	if (r == 0)
		r = stream_flush(s);
	e = errno;
	dt = time_mono_ms() - t0;
	if (r != -1 || e != ETIMEDOUT || dt < 900 || dt >= 4000)
		child_fail(report, "write to a stuck peer: got r=%d errno %d after %lld ms "
			   "(%d writes), want -1 ETIMEDOUT after about 1000 ms", r, e,
			   (long long)dt, i);
	stream_free(&s);
}

static void test_write_timeout(void)
{
	struct buf report = BUF_INIT(4096);
	struct stuck_arg arg;
	int sv[2], pfd[2], small = 4096, status;
	pid_t drainer;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	arg.wfd = sv[0];
	run_in_child(write_until_stuck, &arg, &report);
	if (report.len > 0)
		printf("socket: %s", buf_cstr(&report));
	CU_ASSERT_EQUAL(report.len, 0);
	close(sv[0]);
	close(sv[1]);

	/* Over a pipe whose reader takes 8 KiB once the pipe is full and then
	   stops: a blocking write of more than the free room must not hang. */
	CU_ASSERT_EQUAL_FATAL(pipe(pfd), 0);
	drainer = fork();
	CU_ASSERT_FATAL(drainer >= 0);
	if (drainer == 0) {
		char sink[8192];
		struct timespec ts = { 0, 300 * 1000000L };
		size_t got = 0;
		ssize_t r;

		close(pfd[1]);
		nanosleep(&ts, NULL);
		while (got < sizeof(sink) &&
		       (r = read(pfd[0], sink, sizeof(sink) - got)) > 0)
			got += (size_t)r;
		sleep(20);
		_exit(0);
	}
	arg.wfd = pfd[1];
	run_in_child(write_until_stuck, &arg, &report);
	if (report.len > 0)
		printf("pipe: %s", buf_cstr(&report));
	CU_ASSERT_EQUAL(report.len, 0);
	kill(drainer, SIGKILL);
	waitpid(drainer, &status, 0);
	close(pfd[0]);
	close(pfd[1]);
	buf_free(&report);
}

static void test_wait_input(void)
{
	struct buf line = BUF_INIT(64);
	struct stream *s;
	int sv[2];
	int64_t t0;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s = stream_new(sv[0], sv[0], NULL);
	t0 = time_mono_ms();
	CU_ASSERT_EQUAL(stream_wait_input(s, 100), 0);
	CU_ASSERT_TRUE(time_mono_ms() - t0 >= 90);
	CU_ASSERT_EQUAL(write(sv[1], "x\r\ny\r\n", 6), 6);
	CU_ASSERT_EQUAL(stream_wait_input(s, 1000), 1);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_EQUAL(stream_wait_input(s, 0), 1);   /* "y" is buffered */
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "y");
	close(sv[1]);
	CU_ASSERT_EQUAL(stream_wait_input(s, 1000), 1);  /* EOF is "readable" */
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	stream_free(&s);
	close(sv[0]);
	buf_free(&line);
}

static void test_set_line_max(void)
{
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	struct fed f;

	fed_open(&f, "12345678\r\n12345678\r\n", 20, 1, 8);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	stream_set_line_max(f.s, 7);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	fed_close(&f);
	buf_free(&line);
}

static void test_line_max_huge(void)
{
	/* "no practical limit": SIZE_MAX must not wrap to a limit of 0 */
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	struct fed f;

	fed_open(&f, "abc\r\n\r\nxyz\n", 11, 2, 64);
	stream_set_line_max(f.s, SIZE_MAX);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "abc");
	stream_set_line_max(f.s, SIZE_MAX - 1);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_EQUAL(line.len, 0);
	CU_ASSERT_EQUAL(stream_read_line(f.s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "xyz");
	fed_close(&f);
	buf_free(&line);
}

void suite_stream(void);
void suite_stream(void)
{
	CU_pSuite s = cutest_suite("stream");

	cutest_add(s, "lines in every chunking", test_lines_basic);
	cutest_add(s, "CR LF told from a bare LF", test_line_crlf);
	cutest_add(s, "read_line replaces the buffer", test_line_replaces_content);
	cutest_add(s, "line_max exactly and +1, resync", test_line_max_exact);
	cutest_add(s, "1 MiB line then resync", test_huge_line_resync);
	cutest_add(s, "50 over-long lines", test_many_long_lines);
	cutest_add(s, "line buffer smaller than line_max", test_line_buf_smaller_than_max);
	cutest_add(s, "NUL bytes and CR without LF", test_nul_and_cr);
	cutest_add(s, "random chunkings agree", test_random_chunks_equivalent);
	cutest_add(s, "source errors, timeouts passed to source", test_source_error_and_timeout_passed);
	cutest_add(s, "INT_MAX timeouts", test_large_timeout_values);
	cutest_add(s, "peer stops mid-line: 1 s timeout", test_read_timeout_socketpair);
	cutest_add(s, "deadline", test_deadline);
	cutest_add(s, "set_fds drops pipelined input", test_set_fds_discards);
	cutest_add(s, "discard_input", test_discard_input);
	cutest_add(s, "read_exact across buffer boundaries", test_read_exact_boundaries);
	cutest_add(s, "read_exact at EOF and over the cap", test_read_exact_eof_and_cap);
	cutest_add(s, "copy_to_fd", test_copy_to_fd);
	cutest_add(s, "copy_to_fd to an unwritable fd", test_copy_to_bad_fd);
	cutest_add(s, "buffered writes", test_writes_buffered);
	cutest_add(s, "short writes", test_short_writes);
	cutest_add(s, "write errors are sticky", test_write_error_sticky);
	cutest_add(s, "write to a closed peer: EPIPE", test_write_closed_peer);
	cutest_add(s, "write to a stuck peer: 1 s timeout", test_write_timeout);
	cutest_add(s, "wait_input", test_wait_input);
	cutest_add(s, "set_line_max", test_set_line_max);
	cutest_add(s, "line_max SIZE_MAX", test_line_max_huge);
}
