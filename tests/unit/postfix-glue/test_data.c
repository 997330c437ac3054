/*
 * test_data.c - the DATA reader: dot-unstuffing, CRLF to LF, the size cap
 * exactly at and just over the limit, over-long lines, hop counting, EOF in
 * the middle, one byte per read; the spool (memory up to LMTP_SPOOL_MEM_MAX,
 * then a file, with the same bytes).
 *
 * Tests:   postfix-glue/lmtp_data.c
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "lmtp_data.h"
#include "pfhelpers.h"

/* Run the reader over in; the file content goes to *file; returns the
   status and leaves the next line of input (after the body) in next. */
static enum lmtp_data_status run_data(const char *in, size_t len, size_t chunk, uint64_t limit,
				      struct buf *file, struct buf *next, struct lmtp_data_result *res_r)
{
	struct pf_io io;
	struct stream *s = pf_stream(&io, in, len, chunk, 512);
	struct lmtp_data_result res;
	FILE *fp = tmpfile();
	char chunkbuf[4096];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	lmtp_data_read(s, fileno(fp), limit, 512, &res);
	rewind(fp);
	buf_reset(file);
	while ((n = fread(chunkbuf, 1, sizeof(chunkbuf), fp)) > 0)
		(void)!buf_append(file, chunkbuf, n);
	fclose(fp);
	buf_reset(next);
	if (res.status != LMTP_DATA_LOST && stream_read_line(s, next) != 1)
		buf_reset(next);
	stream_free(&s);
	pf_io_free(&io);
	if (res_r != NULL)
		*res_r = res;
	return res.status;
}

static void test_unstuff(void)
{
	const char *in = "Subject: x\r\n\r\n..leading dot\r\n.\r\nbare LF line\nmid\rCR\r\n"
			 "..\r\n.x\r\n.\r\nNOOP\r\n";
	struct buf file = BUF_INIT(1 << 20), next = BUF_INIT(1024);
	struct lmtp_data_result res;

	for (size_t chunk = 0; chunk <= 1; chunk++) {
		CU_ASSERT_EQUAL(run_data(in, strlen(in), chunk, 0, &file, &next, &res), LMTP_DATA_OK);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&file), "Subject: x\n\n.leading dot\n");
		CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "bare LF line");
	}
	/* the body may contain a lone "." only stuffed; "..": one dot */
	CU_ASSERT_EQUAL(run_data("..\r\n.x\r\n.\r\n", 11, 1, 0, &file, &next, &res), LMTP_DATA_OK);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&file), ".\nx\n");
	CU_ASSERT_EQUAL(res.file_bytes, 4);
	CU_ASSERT_EQUAL(res.wire_bytes, 6);
	/* empty body */
	CU_ASSERT_EQUAL(run_data(".\r\n", 3, 0, 0, &file, &next, &res), LMTP_DATA_OK);
	CU_ASSERT_EQUAL(file.len, 0);
	/* NUL and 8-bit bytes are kept as they are */
	CU_ASSERT_EQUAL(run_data("a\0b\xff\r\n.\r\n", 9, 1, 0, &file, &next, &res), LMTP_DATA_OK);
	CU_ASSERT_EQUAL(file.len, 5);
	CU_ASSERT_EQUAL(memcmp(file.data, "a\0b\xff\n", 5), 0);
	buf_free(&file);
	buf_free(&next);
}

static void test_size_limit(void)
{
	struct buf file = BUF_INIT(1 << 20), next = BUF_INIT(1024);
	const char *in = "0123456789\r\n0123456789\r\n.\r\nQUIT\r\n";   /* 24 wire bytes */

	CU_ASSERT_EQUAL(run_data(in, strlen(in), 0, 24, &file, &next, NULL), LMTP_DATA_OK);
	CU_ASSERT_EQUAL(run_data(in, strlen(in), 0, 23, &file, &next, NULL), LMTP_DATA_TOO_BIG);
	/* the rest of the body was still read: the session is in step */
	CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "QUIT");
	buf_free(&file);
	buf_free(&next);
}

static void test_long_line_and_loop(void)
{
	struct buf in = BUF_INIT(4 << 20), file = BUF_INIT(4 << 20), next = BUF_INIT(1024);

	for (size_t i = 0; i < LMTP_DATA_LINE_MAX + 10; i++)
		(void)!buf_putc(&in, 'x');
	(void)!buf_append_str(&in, "\r\nok\r\n.\r\nRSET\r\n");
	CU_ASSERT_EQUAL(run_data(in.data, in.len, 0, 0, &file, &next, NULL), LMTP_DATA_LINE_TOO_LONG);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "RSET");

	buf_reset(&in);
	for (int i = 0; i < LMTP_DATA_HOPS_MAX + 1; i++)
		(void)!buf_append_str(&in, "Received: from x by y\r\n");
	(void)!buf_append_str(&in, "\r\nbody\r\n.\r\n");
	CU_ASSERT_EQUAL(run_data(in.data, in.len, 0, 0, &file, &next, NULL), LMTP_DATA_LOOP);
	/* exactly the maximum is fine, and Received: in the body does not count */
	buf_reset(&in);
	for (int i = 0; i < LMTP_DATA_HOPS_MAX; i++)
		(void)!buf_append_str(&in, "received: from x by y\r\n");
	(void)!buf_append_str(&in, "\r\nReceived: in the body\r\n.\r\n");
	CU_ASSERT_EQUAL(run_data(in.data, in.len, 0, 0, &file, &next, NULL), LMTP_DATA_OK);
	buf_free(&in);
	buf_free(&file);
	buf_free(&next);
}

static void test_eof(void)
{
	struct buf file = BUF_INIT(1 << 20), next = BUF_INIT(1024);

	CU_ASSERT_EQUAL(run_data("half a message\r\nno end", 22, 1, 0, &file, &next, NULL), LMTP_DATA_LOST);
	CU_ASSERT_EQUAL(run_data("", 0, 0, 0, &file, &next, NULL), LMTP_DATA_LOST);
	CU_ASSERT_EQUAL(run_data("x\r\n.", 4, 0, 0, &file, &next, NULL), LMTP_DATA_LOST);
	buf_free(&file);
	buf_free(&next);
}

static void test_write_error(void)
{
	struct pf_io io;
	const char *in = "line\r\n.\r\nNOOP\r\n";
	struct stream *s = pf_stream(&io, in, strlen(in), 0, 512);
	struct lmtp_data_result res;
	struct buf next = BUF_INIT(100);
	int fds[2];

	/* a read-only fd makes every write fail */
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	lmtp_data_read(s, fds[0], 0, 512, &res);
	CU_ASSERT_EQUAL(res.status, LMTP_DATA_WRITE_ERROR);
	CU_ASSERT_EQUAL(stream_read_line(s, &next), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "NOOP");
	close(fds[0]);
	close(fds[1]);
	stream_free(&s);
	pf_io_free(&io);
	buf_free(&next);
}

/* A body of exactly len bytes of file content (lines of 100 bytes + LF). */
static void make_body(size_t len, struct buf *wire, struct buf *want)
{
	buf_reset(wire);
	buf_reset(want);
	for (size_t i = 0; want->len < len; i++) {
		size_t n = len - want->len > 101 ? 100 : len - want->len - 1;
		char line[128];

		memset(line, 'a' + (int)(i % 26), n);
		(void)!buf_append(wire, line, n);
		(void)!buf_append(wire, "\r\n", 2);
		(void)!buf_append(want, line, n);
		(void)!buf_putc(want, '\n');
	}
	(void)!buf_append(wire, ".\r\nNOOP\r\n", 9);
}

static void test_spool_memory_then_disk(void)
{
	static const size_t sizes[] = { 0, 1, 4096, LMTP_SPOOL_MEM_MAX, LMTP_SPOOL_MEM_MAX + 1,
					3 * LMTP_SPOOL_MEM_MAX + 17 };
	struct buf wire = BUF_INIT(1 << 22), want = BUF_INIT(1 << 22), got = BUF_INIT(1 << 22);
	char dir[] = "/tmp/test_spool.XXXXXX";

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct pf_io io;
		struct stream *s;
		struct lmtp_spool sp;
		struct lmtp_data_result res;
		struct buf next = BUF_INIT(100);
		char chunk[4096];
		ssize_t n;
		off_t off = 0;
		struct stat st;

		make_body(sizes[i], &wire, &want);
		s = pf_stream(&io, wire.data, wire.len, 0, 512);
		CU_ASSERT_EQUAL_FATAL(lmtp_spool_open(&sp, dir), 0);
		lmtp_data_read_spool(s, &sp, 0, 512, &res);
		CU_ASSERT_EQUAL(res.status, LMTP_DATA_OK);
		CU_ASSERT_EQUAL(res.file_bytes, sizes[i]);
		CU_ASSERT_EQUAL(sp.size, sizes[i]);
		/* in memory up to the limit (where there is memfd), on disk past it */
		if (sizes[i] > LMTP_SPOOL_MEM_MAX)
			CU_ASSERT(!sp.in_memory);
		buf_reset(&got);
		while ((n = pread(sp.fd, chunk, sizeof(chunk), off)) > 0) {
			(void)!buf_append(&got, chunk, (size_t)n);
			off += n;
		}
		if (got.len != want.len || strcmp(buf_cstr(&got), buf_cstr(&want)) != 0)
			printf("case %zu: spool holds %zu bytes, want %zu\n", i, got.len, want.len);
		CU_ASSERT(got.len == want.len && strcmp(buf_cstr(&got), buf_cstr(&want)) == 0);
		/* sealed for the helpers: no writing, no truncating, still readable */
		CU_ASSERT_EQUAL_FATAL(lmtp_spool_seal(&sp), 0);
		CU_ASSERT_EQUAL(write(sp.fd, "x", 1), -1);
		CU_ASSERT_EQUAL(pwrite(sp.fd, "x", 1, 0), -1);
		CU_ASSERT_EQUAL(ftruncate(sp.fd, (off_t)sizes[i] + 1), -1);
		if (sizes[i] > 0)
			CU_ASSERT_EQUAL(ftruncate(sp.fd, 0), -1);
		CU_ASSERT(fstat(sp.fd, &st) == 0 && (uint64_t)st.st_size == sizes[i]);
		if (sizes[i] > 0)
			CU_ASSERT(pread(sp.fd, chunk, 1, 0) == 1 && chunk[0] == want.data[0]);
		CU_ASSERT_EQUAL(stream_read_line(s, &next), 1);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "NOOP");
		lmtp_spool_close(&sp);
		CU_ASSERT_EQUAL(sp.fd, -1);
		stream_free(&s);
		pf_io_free(&io);
		buf_free(&next);
	}
	/* nothing left behind in the directory: the disk spool is unlinked */
	CU_ASSERT_EQUAL(rmdir(dir), 0);
	buf_free(&wire);
	buf_free(&want);
	buf_free(&got);
}

static void test_spool_disk_error(void)
{
	struct buf wire = BUF_INIT(1 << 20), want = BUF_INIT(1 << 20), next = BUF_INIT(100);
	char dir[] = "/tmp/test_spool.XXXXXX";
	struct pf_io io;
	struct stream *s;
	struct lmtp_spool sp;
	struct lmtp_data_result res;

	/* no usable directory: refused before any body is read */
	CU_ASSERT_EQUAL(lmtp_spool_open(&sp, "/nonexistent/dir"), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	/* a body that must move to disk after its directory went away */
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_EQUAL_FATAL(lmtp_spool_open(&sp, dir), 0);
	CU_ASSERT_EQUAL_FATAL(rmdir(dir), 0);
	make_body(LMTP_SPOOL_MEM_MAX + 1000, &wire, &want);
	s = pf_stream(&io, wire.data, wire.len, 0, 512);
	lmtp_data_read_spool(s, &sp, 0, 512, &res);
	if (sp.in_memory || res.status != LMTP_DATA_OK) {   /* else: no memfd here */
		CU_ASSERT_EQUAL(res.status, LMTP_DATA_WRITE_ERROR);
		CU_ASSERT_EQUAL(res.err, ENOENT);
	}
	CU_ASSERT_EQUAL(stream_read_line(s, &next), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&next), "NOOP");
	lmtp_spool_close(&sp);
	stream_free(&s);
	pf_io_free(&io);
	buf_free(&wire);
	buf_free(&want);
	buf_free(&next);
}

/* The Message-ID: header for the delivery log line: first one, unfolded,
   trimmed, case-insensitive name, only in the header, capped. */
static void test_message_id(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "Message-ID: <a@b>\r\n\r\nbody\r\n.\r\n", "<a@b>" },
		{ "message-id:   <x@y>  \t\r\n\r\n.\r\n", "<x@y>" },
		{ "MESSAGE-ID:\r\n <fold@z>\r\nSubject: s\r\n\r\n.\r\n", "<fold@z>" },
		{ "Message-ID: <a\r\n\tb>\r\n\r\n.\r\n", "<a b>" },
		{ "Message-ID: <first@x>\r\nMessage-ID: <second@x>\r\n\r\n.\r\n", "<first@x>" },
		{ "Subject: x\r\n <not-it>\r\nMessage-ID: <m@x>\r\n <more>\r\n\r\n.\r\n",
		  "<m@x> <more>" },
		{ "Subject: x\r\n\r\nMessage-ID: <in-body@x>\r\n.\r\n", "" },
		{ "Message-IDX: <q@x>\r\nX-Message-ID: <r@x>\r\n\r\n.\r\n", "" },
		{ "Message-ID:\r\n\r\n.\r\n", "" },
		{ "..Message-ID: <dot@x>\r\n\r\n.\r\n", "" },
		{ ".\r\n", "" },
	};
	struct buf file = BUF_INIT(1 << 20), next = BUF_INIT(1024), in = BUF_INIT(1 << 20);
	struct lmtp_data_result res;

	for (size_t i = 0; i < N_ELEMENTS(cases); i++)
		for (size_t chunk = 0; chunk <= 1; chunk++) {
			CU_ASSERT_EQUAL(run_data(cases[i].in, strlen(cases[i].in), chunk, 0, &file,
						 &next, &res), LMTP_DATA_OK);
			if (strcmp(res.message_id, cases[i].want) != 0)
				printf("case %zu: got \"%s\"\n", i, res.message_id);
			CU_ASSERT_STRING_EQUAL(res.message_id, cases[i].want);
		}
	/* the cap: exactly LMTP_MSGID_MAX bytes kept whole, one more cut */
	for (size_t extra = 0; extra <= 1; extra++) {
		buf_reset(&in);
		(void)!buf_append_str(&in, "Message-ID: <");
		for (size_t k = 0; k < LMTP_MSGID_MAX - 2 + extra; k++)
			(void)!buf_putc(&in, 'x');
		(void)!buf_append_str(&in, ">\r\n\r\n.\r\n");
		CU_ASSERT_EQUAL(run_data(in.data, in.len, 0, 0, &file, &next, &res), LMTP_DATA_OK);
		CU_ASSERT_EQUAL(strlen(res.message_id), LMTP_MSGID_MAX);
		CU_ASSERT_EQUAL(res.message_id[LMTP_MSGID_MAX - 1], extra == 0 ? '>' : 'x');
	}
	/* folds past the cap add nothing and never overflow */
	buf_reset(&in);
	(void)!buf_append_str(&in, "Message-ID: <");
	for (size_t k = 0; k < 300; k++)
		(void)!buf_append_str(&in, "y\r\n ");
	(void)!buf_append_str(&in, ">\r\n\r\n.\r\n");
	CU_ASSERT_EQUAL(run_data(in.data, in.len, 1, 0, &file, &next, &res), LMTP_DATA_OK);
	CU_ASSERT_EQUAL(strlen(res.message_id), LMTP_MSGID_MAX);
	buf_free(&file);
	buf_free(&next);
	buf_free(&in);
}

void suite_data(void)
{
	CU_pSuite s = cutest_suite("data");

	cutest_add(s, "dot-unstuffing and line endings", test_unstuff);
	cutest_add(s, "size limit at and over", test_size_limit);
	cutest_add(s, "over-long line, mail loop", test_long_line_and_loop);
	cutest_add(s, "EOF inside DATA", test_eof);
	cutest_add(s, "Message-ID: for the log", test_message_id);
	cutest_add(s, "spool write error", test_write_error);
	cutest_add(s, "spool: memory, then disk past LMTP_SPOOL_MEM_MAX", test_spool_memory_then_disk);
	cutest_add(s, "spool: cannot move to disk", test_spool_disk_error);
}
