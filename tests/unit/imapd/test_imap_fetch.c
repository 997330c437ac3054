/*
 * test_imap_fetch.c - imapd/imap_fetch.c over a real Maildir: the exact
 * response bytes of FLAGS/UID/INTERNALDATE/RFC822.SIZE (no parse),
 * ENVELOPE, BODYSTRUCTURE and streamed sections with partials, \Seen set
 * by a non-PEEK fetch (and FLAGS then sent), a message expunged under the
 * view, and a 5 MB message sent from the file.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "imap_fetch.h"
#include "imap_fetch_body.h"
#include "imap_parser.h"
#include "imap_view.h"
#include "imapd_test.h"
#include "stream.h"

static char tmpl[64];

static void put(const char *dir, const char *name, const char *data, size_t n, time_t mtime)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/cur/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(write(fd, data, n), (ssize_t)n);
	close(fd);
	struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
	CU_ASSERT_EQUAL(utimes(path, tv), 0);
}

static const char *mkmaildir(void)
{
	char p[600];
	snprintf(tmpl, sizeof(tmpl), "/tmp/unit_imap_fetch.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpl));
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpl, i == 0 ? "cur" : i == 1 ? "new" : "tmp");
		CU_ASSERT_EQUAL_FATAL(mkdir(p, 0700), 0);
	}
	return tmpl;
}

static void rmmaildir(void)
{
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

/* Runs "FETCH <set> <items>" and returns the output in io->out. */
static void run(struct imap_view *v, const char *set, const char *items, bool uid,
		struct buf *got, struct imap_fetch_result *res)
{
	struct imap_parser *p = imap_parser_new(NULL);
	struct buf line = BUF_INIT(100000);
	struct imap_seqset ss = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct imap_fetch_req req;
	struct test_io io;
	const char *err;
	size_t n;

	CU_ASSERT_EQUAL(buf_printf(&line, "a FETCH %s %s", set, items), 0);
	CU_ASSERT_EQUAL_FATAL(imap_parser_feed_line(p, line.data, line.len), IMAP_PARSE_DONE);
	const struct imap_arg *args = imap_parser_args(p, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL_FATAL(imap_seqset_parse(args[0].str, args[0].len, &ss, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(imap_view_resolve(v, &ss, uid, &idx), 0);
	CU_ASSERT_EQUAL_FATAL(imap_fetch_parse(&args[1], uid, &req, &err), 0);
	test_io_init(&io, "", 0, 0);
	struct stream *s = test_io_stream(&io, 1000);
	CU_ASSERT_EQUAL(imap_fetch_run(v, s, &idx, &req, false, res), 0);
	buf_reset(got);
	CU_ASSERT_EQUAL(buf_append(got, io.out.data != NULL ? io.out.data : "", io.out.len), 0);
	stream_free(&s);
	test_io_deinit(&io);
	imap_fetch_req_free(&req);
	imap_idxset_free(&idx);
	imap_seqset_free(&ss);
	imap_parser_free(&p);
	buf_free(&line);
}

static void expect(struct imap_view *v, const char *set, const char *items, bool uid,
		   const char *want)
{
	struct buf got = BUF_INIT(BUF_MAX_UNLIMITED);
	struct imap_fetch_result res;
	run(v, set, items, uid, &got, &res);
	if (strcmp(buf_cstr(&got), want) != 0)
		fprintf(stderr, "\n%s: got [%s]\n", items, buf_cstr(&got));
	CU_ASSERT_STRING_EQUAL(buf_cstr(&got), want);
	CU_ASSERT_EQUAL(res.gone + res.failed, 0);
	buf_free(&got);
}

static const char M1[] = "From: a@b\nSubject: one\n\nbody\n";
static const char M2[] =
	"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n"
	"--x\n\nfirst\n--x\nContent-Type: text/html\n\n<p>\n--x--\n";

static void test_fetch(void)
{
	const char *dir = mkmaildir();
	put(dir, "1000000000.M1P1.h,S=29:2,", M1, strlen(M1), 1000000000);
	put(dir, "1000000001.M1P1.h,S=97:2,F", M2, strlen(M2), 1000000001);
	struct imap_view *v = imap_view_open(dir, "INBOX", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL_FATAL(imap_view_count(v), 2);

	expect(v, "1:*", "(FLAGS UID RFC822.SIZE INTERNALDATE)", false,
	       "* 1 FETCH (UID 1 FLAGS (\\Recent) INTERNALDATE \" 9-Sep-2001 01:46:40 +0000\" RFC822.SIZE 33)\r\n"
	       "* 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent) INTERNALDATE \" 9-Sep-2001 01:46:41 +0000\" "
	       "RFC822.SIZE 122)\r\n");
	expect(v, "2", "UID", true, "* 2 FETCH (UID 2)\r\n");
	expect(v, "1", "ENVELOPE", false,
	       "* 1 FETCH (ENVELOPE (NIL \"one\" ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) "
	       "((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL))\r\n");
	expect(v, "2", "BODYSTRUCTURE", false,
	       "* 2 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0 "
	       "NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL "
	       "NIL NIL) \"mixed\" (\"boundary\" \"x\") NIL NIL NIL))\r\n");
	expect(v, "2", "(BODY.PEEK[2] BODY.PEEK[1.MIME] BODY.PEEK[3] BODY.PEEK[]<3.6>)", false,
	       "* 2 FETCH (BODY[2] {3}\r\n<p> BODY[1.MIME] {2}\r\n\r\n BODY[3] \"\" "
	       "BODY[]<3> {6}\r\nE-Vers)\r\n");
	/* a non-PEEK fetch sets \Seen and sends FLAGS */
	expect(v, "1", "BODY[TEXT]", false,
	       "* 1 FETCH (FLAGS (\\Seen \\Recent) BODY[TEXT] {6}\r\nbody\r\n)\r\n");
	expect(v, "1", "(RFC822.HEADER FLAGS)", false,
	       "* 1 FETCH (FLAGS (\\Seen \\Recent) RFC822.HEADER {27}\r\nFrom: a@b\r\nSubject: one\r\n\r\n)\r\n");
	expect(v, "1", "RFC822", false,
	       "* 1 FETCH (RFC822 {33}\r\nFrom: a@b\r\nSubject: one\r\n\r\nbody\r\n)\r\n");

	/* the file went away under the view: counted, nothing sent */
	char path[600];
	snprintf(path, sizeof(path), "%s/cur/1000000001.M1P1.h,S=97:2,F", dir);
	CU_ASSERT_EQUAL(unlink(path), 0);
	struct buf got = BUF_INIT(BUF_MAX_UNLIMITED);
	struct imap_fetch_result res;
	run(v, "1:2", "(UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])", false, &got, &res);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&got),
			       "* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: one\r\n\r\n)\r\n");
	CU_ASSERT_EQUAL(res.gone, 1);
	/* FLAGS alone needs no file */
	run(v, "2", "FLAGS", false, &got, &res);
	CU_ASSERT_EQUAL(strncmp(buf_cstr(&got), "* 2 FETCH (FLAGS (\\Flagged", 26), 0);
	CU_ASSERT_EQUAL(res.gone, 0);
	buf_free(&got);
	imap_view_free(&v);
	rmmaildir();
}

static void test_big(void)
{
	const char *dir = mkmaildir();
	size_t n = 5u * 1024 * 1024;
	char *big = malloc(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memcpy(big, "Subject: big\n\n", 14);
	for (size_t i = 14; i < n; i++)
		big[i] = (i % 64) == 63 ? '\n' : 'a';
	put(dir, "1000000000.M1P1.h:2,S", big, n, 1000000000);
	struct imap_view *v = imap_view_open(dir, "INBOX", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	struct buf got = BUF_INIT(BUF_MAX_UNLIMITED);
	struct imap_fetch_result res;
	run(v, "1", "(RFC822.SIZE BODY[TEXT]<1000000.10>)", false, &got, &res);
	/* LFs in the file: 2 header + one per 64 bytes of the body */
	size_t lfs = 2;
	for (size_t i = 14; i < n; i++)
		lfs += big[i] == '\n';
	char want[200];
	snprintf(want, sizeof(want), "* 1 FETCH (RFC822.SIZE %zu BODY[TEXT]<1000000> {10}\r\n", n + lfs);
	CU_ASSERT_EQUAL(strncmp(buf_cstr(&got), want, strlen(want)), 0);
	CU_ASSERT_EQUAL(got.len, strlen(want) + 10 + 3);
	run(v, "1", "BODY.PEEK[]", false, &got, &res);
	CU_ASSERT_EQUAL(got.len, strlen("* 1 FETCH (BODY[] {}\r\n)\r\n") + 7 + n + lfs);
	buf_free(&got);
	free(big);
	imap_view_free(&v);
	rmmaildir();
}

void suite_imap_fetch(void);
void suite_imap_fetch(void)
{
	CU_pSuite s = cutest_suite("imap_fetch");

	cutest_add(s, "fetch", test_fetch);
	cutest_add(s, "big", test_big);
}
