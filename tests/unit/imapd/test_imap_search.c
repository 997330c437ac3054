/*
 * test_imap_search.c - imapd/imap_search.c: programs parsed with their
 * key counts, every error kind, the depth and key caps exactly and one
 * past (deep OR and NOT chains), CHARSET conversion, the case folding,
 * and evaluation over a real Maildir (flags, headers with encoded words,
 * body text through base64, dates, sizes, sets, nested OR/NOT).
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
#include "imap_parser.h"
#include "imap_search.h"
#include "imap_view.h"

/* Parses "a SEARCH <prog>" (8-bit quoted strings allowed). */
static enum imap_search_status parse(const char *prog, struct imap_search_prog **p,
				     const char **err)
{
	struct imap_parser_limits lim = { 1 << 20, 65536, 100000, 16 };
	struct imap_parser *ip = imap_parser_new(&lim);
	struct buf line = BUF_INIT(1 << 20);
	enum imap_search_status st = IMAP_SEARCH_BAD;
	size_t n;

	imap_parser_set_utf8(ip, true);
	*p = NULL;
	*err = "parser";
	CU_ASSERT_EQUAL(buf_printf(&line, "a SEARCH%s%s", prog[0] ? " " : "", prog), 0);
	if (imap_parser_feed_line(ip, line.data, line.len) == IMAP_PARSE_DONE) {
		const struct imap_arg *args = imap_parser_args(ip, &n);
		st = imap_search_parse(args, n, true, NULL, p, err);
	}
	imap_parser_free(&ip);
	buf_free(&line);
	return st;
}

static void expect_ok(const char *prog, size_t nkeys)
{
	struct imap_search_prog *p;
	const char *err;
	enum imap_search_status st = parse(prog, &p, &err);
	if (st != IMAP_SEARCH_OK)
		fprintf(stderr, "\n%.60s: %s\n", prog, err);
	CU_ASSERT_EQUAL(st, IMAP_SEARCH_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	if (imap_search_nkeys(p) != nkeys)
		fprintf(stderr, "\n%s: %zu keys\n", prog, imap_search_nkeys(p));
	CU_ASSERT_EQUAL(imap_search_nkeys(p), nkeys);
	imap_search_free(&p);
	CU_ASSERT_PTR_NULL(p);
}

static void expect_err(const char *prog, enum imap_search_status st, const char *why)
{
	struct imap_search_prog *p;
	const char *err;
	CU_ASSERT_EQUAL(parse(prog, &p, &err), st);
	CU_ASSERT_PTR_NULL(p);
	if (strcmp(err, why) != 0)
		fprintf(stderr, "\n%s: %s\n", prog, err);
	CU_ASSERT_STRING_EQUAL(err, why);
}

static void test_parse(void)
{
	/* the AND of the top level counts as one key */
	expect_ok("ALL", 2);
	expect_ok("all seen UNSEEN answered deleted draft flagged new old recent", 11);
	expect_ok("unanswered undeleted undraft unflagged", 5);
	expect_ok("FROM joe TO \"a b\" CC x BCC y SUBJECT z BODY b TEXT t", 8);
	expect_ok("HEADER X-Mailer \"\" KEYWORD $Label1 UNKEYWORD foo", 4);
	expect_ok("BEFORE 1-Feb-2024 ON 01-Feb-2024 SINCE 1-Feb-2024", 4);
	expect_ok("SENTBEFORE 1-Feb-2024 SENTON 1-Feb-2024 SENTSINCE 1-Feb-2024", 4);
	expect_ok("LARGER 0 SMALLER 18446744073709551615", 3);
	expect_ok("1:* 2,4:5 * UID 1:*", 5);
	expect_ok("OR SEEN (FROM a NOT TO b) NOT NOT DELETED", 10);
	expect_ok("CHARSET UTF-8 SUBJECT \"caf\xc3\xa9\"", 2);
	expect_ok("CHARSET us-ascii ALL", 2);
	expect_ok("CHARSET ISO-8859-1 SUBJECT \"caf\xe9\"", 2);
}

static void test_errors(void)
{
	expect_err("", IMAP_SEARCH_BAD, "Empty search key list");
	expect_err("FOO", IMAP_SEARCH_BAD, "Unknown search key");
	expect_err("FROM", IMAP_SEARCH_BAD, "Missing argument of a search key");
	expect_err("OR SEEN", IMAP_SEARCH_BAD, "Missing argument of a search key");
	expect_err("NOT", IMAP_SEARCH_BAD, "Missing argument of a search key");
	expect_err("HEADER \"\" x", IMAP_SEARCH_BAD, "Header field name expected");
	expect_err("HEADER a:b x", IMAP_SEARCH_BAD, "Header field name expected");
	expect_err("FROM (x)", IMAP_SEARCH_BAD, "Search string expected");
	expect_err("SINCE 30-Feb-2024x", IMAP_SEARCH_BAD, "Invalid search date (d-Mon-yyyy expected)");
	expect_err("SINCE \"1-Feb-2024\" ON 1-Foo-2024", IMAP_SEARCH_BAD,
		   "Invalid search date (d-Mon-yyyy expected)");
	expect_err("LARGER -1", IMAP_SEARCH_BAD, "Number expected");
	expect_err("LARGER 18446744073709551616", IMAP_SEARCH_BAD, "Number too large");
	expect_err("KEYWORD \\Seen", IMAP_SEARCH_BAD, "Keyword expected");
	expect_err("1,,2", IMAP_SEARCH_BAD, "Invalid sequence set: number expected");
	expect_err("UID x", IMAP_SEARCH_BAD, "Invalid sequence set: number expected");
	expect_err("()", IMAP_SEARCH_BAD, "Empty search key list");
	expect_err("\"SEEN\"", IMAP_SEARCH_BAD, "Search key expected");
	expect_err("CHARSET", IMAP_SEARCH_BAD, "CHARSET needs a charset name");
	expect_err("CHARSET X-NO-SUCH-CHARSET ALL", IMAP_SEARCH_BADCHARSET, "Unknown charset");
	/* a string at the cap is fine, one byte more is NO [LIMIT] */
	struct buf b = BUF_INIT(100000);
	CU_ASSERT_EQUAL(buf_append_str(&b, "BODY \""), 0);
	for (int i = 0; i < IMAP_SEARCH_STRING_MAX; i++)
		CU_ASSERT_EQUAL(buf_putc(&b, 'x'), 0);
	CU_ASSERT_EQUAL(buf_putc(&b, '"'), 0);
	expect_ok(b.data, 2);
	buf_truncate(&b, b.len - 1);
	CU_ASSERT_EQUAL(buf_append_str(&b, "x\""), 0);
	expect_err(b.data, IMAP_SEARCH_LIMIT, "Search string too long");
	buf_free(&b);
}

static void test_caps(void)
{
	struct buf b = BUF_INIT(1 << 20);
	/* OR chains: the leftmost ALL at depth d; d = DEPTH_MAX - 1 is the most */
	for (int pass = 0; pass < 2; pass++) {
		int d = IMAP_SEARCH_DEPTH_MAX - 1 + pass;
		buf_reset(&b);
		for (int i = 0; i < d; i++)
			CU_ASSERT_EQUAL(buf_append_str(&b, "OR "), 0);
		for (int i = 0; i <= d; i++)
			CU_ASSERT_EQUAL(buf_append_str(&b, i ? " ALL" : "ALL"), 0);
		if (pass == 0)
			expect_ok(b.data, (size_t)(2 * d + 2));
		else
			expect_err(b.data, IMAP_SEARCH_LIMIT, "Search program nested too deeply");
	}
	for (int pass = 0; pass < 2; pass++) {
		buf_reset(&b);
		for (int i = 0; i < IMAP_SEARCH_DEPTH_MAX - 1 + pass; i++)
			CU_ASSERT_EQUAL(buf_append_str(&b, "NOT "), 0);
		CU_ASSERT_EQUAL(buf_append_str(&b, "SEEN"), 0);
		if (pass == 0)
			expect_ok(b.data, IMAP_SEARCH_DEPTH_MAX + 1);
		else
			expect_err(b.data, IMAP_SEARCH_LIMIT, "Search program nested too deeply");
	}
	/* keys: the AND plus KEYS_MAX - 1 keys is the most */
	for (int pass = 0; pass < 2; pass++) {
		buf_reset(&b);
		for (int i = 0; i < IMAP_SEARCH_KEYS_MAX - 1 + pass; i++)
			CU_ASSERT_EQUAL(buf_append_str(&b, i ? " SEEN" : "SEEN"), 0);
		if (pass == 0)
			expect_ok(b.data, IMAP_SEARCH_KEYS_MAX);
		else
			expect_err(b.data, IMAP_SEARCH_LIMIT, "Too many search keys");
	}
	/* a wide and deep OR tree within both caps */
	buf_reset(&b);
	for (int i = 0; i < 30; i++)
		CU_ASSERT_EQUAL(buf_append_str(&b, "OR (OR SEEN NOT FROM x) "), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "ALL"), 0);
	expect_ok(b.data, 30 * 6 + 2);
	buf_free(&b);
}

static void expect_fold(const char *in, const char *want)
{
	struct buf b = BUF_INIT(1000);
	CU_ASSERT_EQUAL(imap_search_fold(in, strlen(in), &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_fold(void)
{
	expect_fold("Hello WORLD 123", "hello world 123");
	expect_fold("\xc3\x80\xc3\x89\xc3\x8e\xc3\x97", "\xc3\xa0\xc3\xa9\xc3\xae\xc3\x97");  /* ÀÉÎ× */
	expect_fold("\xce\x91\xce\x92\xce\x93", "\xce\xb1\xce\xb2\xce\xb3");    /* ΑΒΓ */
	expect_fold("\xd0\x94\xd0\x96\xd0\x81", "\xd0\xb4\xd0\xb6\xd1\x91");    /* ДЖЁ */
	expect_fold("\xc5\x81\xc5\xbb", "\xc5\x82\xc5\xbc");                    /* ŁŻ */
	expect_fold("\xc4\x8c", "\xc4\x8d");                                    /* Č */
	expect_fold("a\xff\xc3", "a\xff\xc3");                                  /* invalid kept */
}

/* ---- evaluation over a Maildir ---- */

static char tmpl[64];

static void put(const char *name, const char *data, time_t mtime)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/cur/%s", tmpl, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	close(fd);
	struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
	CU_ASSERT_EQUAL(utimes(path, tv), 0);
}

static void expect_match(struct imap_view *v, const char *prog, const char *want)
{
	struct imap_search_prog *p;
	const char *err;
	struct buf got = BUF_INIT(1000);

	enum imap_search_status st = parse(prog, &p, &err);
	if (st != IMAP_SEARCH_OK)
		fprintf(stderr, "\n%.60s: %s\n", prog, err);
	CU_ASSERT_EQUAL_FATAL(st, IMAP_SEARCH_OK);
	for (size_t i = 0; i < imap_view_count(v); i++) {
		if (imap_search_match(p, v, i, NULL))
			CU_ASSERT_EQUAL(buf_printf(&got, "%s%zu", got.len ? " " : "", i + 1), 0);
	}
	if (strcmp(buf_cstr(&got), want) != 0)
		fprintf(stderr, "\n%s: got [%s]\n", prog, buf_cstr(&got));
	CU_ASSERT_STRING_EQUAL(buf_cstr(&got), want);
	imap_search_free(&p);
	buf_free(&got);
}

static void test_eval(void)
{
	char p[600];
	snprintf(tmpl, sizeof(tmpl), "/tmp/unit_imap_search.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpl));
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpl, i == 0 ? "cur" : i == 1 ? "new" : "tmp");
		CU_ASSERT_EQUAL_FATAL(mkdir(p, 0700), 0);
	}
	/* 2023-11-14 22:13:21 UTC and 2023-11-15 00:00:00 UTC */
	put("1700000001.M1P1.h:2,S", "From: =?iso-8859-1?q?J=F6rg?= <j@x.de>\nTo: a@b\n"
	    "Subject: Hello   World\nDate: Tue, 14 Nov 2023 23:30:00 -0100\n\nplain BODY text\n",
	    1700000001);
	put("1700006400.M2P1.h:2,FT", "From: b@c\nSubject: caf\xc3\xa9\n"
	    "Date: Wed, 15 Nov 2023 00:30:00 +0100\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
	    "w4ljb2xlIE1BVEVSTkVMTEU=\n--b--\n", 1700006400);
	struct imap_view *v = imap_view_open(tmpl, "INBOX", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL_FATAL(imap_view_count(v), 2);

	expect_match(v, "ALL", "1 2");
	expect_match(v, "SEEN", "1");
	expect_match(v, "UNSEEN FLAGGED DELETED", "2");
	expect_match(v, "FROM \"j\xc3\xb6rg\"", "1");          /* encoded word decoded */
	expect_match(v, "FROM \"J\xc3\x96RG\"", "1");          /* and folded */
	expect_match(v, "SUBJECT \"lo   wo\"", "1");
	expect_match(v, "SUBJECT \"CAF\xc3\x89\"", "2");
	expect_match(v, "CHARSET ISO-8859-1 SUBJECT \"caf\xc9\"", "2");
	expect_match(v, "BODY \"body TEXT\"", "1");
	expect_match(v, "BODY \"\xc3\xa9""cole mater\"", "2");   /* base64, folded */
	expect_match(v, "BODY hello", "");                 /* the header is not the body */
	expect_match(v, "TEXT hello", "1");
	expect_match(v, "TEXT subject", "1 2");
	expect_match(v, "HEADER to \"\"", "1");
	expect_match(v, "HEADER x-none \"\"", "");
	expect_match(v, "ON 14-Nov-2023", "1");
	expect_match(v, "SINCE 15-Nov-2023", "2");
	expect_match(v, "BEFORE 15-Nov-2023", "1");
	/* Date: in its own zone: 14 Nov 23:30 -0100 and 15 Nov 00:30 +0100 */
	expect_match(v, "SENTON 14-Nov-2023", "1");
	expect_match(v, "SENTON 15-Nov-2023", "2");
	expect_match(v, "SENTBEFORE 15-Nov-2023", "1");
	expect_match(v, "SENTSINCE 15-Nov-2023", "2");
	expect_match(v, "LARGER 100 SMALLER 200", "1");
	expect_match(v, "SMALLER 100", "");
	expect_match(v, "2:*", "2");
	expect_match(v, "*", "2");
	expect_match(v, "UID 1", "1");
	expect_match(v, "UID 5:*", "2");
	expect_match(v, "OR SEEN FROM b@c", "1 2");
	expect_match(v, "NOT (SEEN OR FROM x FROM y)", "2");
	expect_match(v, "OR (SEEN SUBJECT nope) NOT NOT FLAGGED", "2");
	expect_match(v, "RECENT NEW", "2");
	expect_match(v, "OLD", "");
	expect_match(v, "UNKEYWORD $Label1", "1 2");
	expect_match(v, "KEYWORD $Label1", "");
	imap_view_free(&v);
	snprintf(p, sizeof(p), "rm -rf '%s'", tmpl);
	CU_ASSERT_EQUAL(system(p), 0);
}

void suite_imap_search(void);
void suite_imap_search(void)
{
	CU_pSuite s = cutest_suite("imap_search");

	cutest_add(s, "parse", test_parse);
	cutest_add(s, "errors", test_errors);
	cutest_add(s, "caps", test_caps);
	cutest_add(s, "fold", test_fold);
	cutest_add(s, "eval", test_eval);
}
