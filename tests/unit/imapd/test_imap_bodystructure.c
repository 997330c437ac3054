/*
 * test_imap_bodystructure.c - imapd/imap_bodystructure.c: exact BODY and
 * BODYSTRUCTURE bytes for a plain message, a multipart with every
 * extension field, a nested message/rfc822, IMAP's defaults, a multipart
 * without its boundary, 1,000 nested multiparts (rfc822's caps), NULs and
 * bare LFs (CRLF sizes).
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_bodystructure.h"
#include "mime.h"

static void expect_n(const char *msg, size_t n, bool ext, const char *want)
{
	struct buf b = BUF_INIT(1000000);
	struct mime_part *root = mime_parse(msg, n, IMAP_MIME_PARSE_FLAGS);
	CU_ASSERT_EQUAL(imap_bodystructure_write(&b, root, msg, n, ext, false), 0);
	if (strcmp(buf_cstr(&b), want) != 0)
		fprintf(stderr, "\ngot  %s\nwant %s\n", buf_cstr(&b), want);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), want);
	mime_free(&root);
	buf_free(&b);
}

static void expect(const char *msg, bool ext, const char *want)
{
	expect_n(msg, strlen(msg), ext, want);
}

static void test_plain(void)
{
	/* no MIME at all: IMAP's defaults; bare LFs count as CRLF */
	expect("Subject: x\n\nline1\nline2\n", false,
	       "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2)");
	expect("Subject: x\n\nline1\nline2\n", true,
	       "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2 NIL NIL NIL NIL)");
	/* Content-* without MIME-Version (or with 2.0) count, as Dovecot reads them */
	expect("Content-Type: image/gif\n\nxx", false,
	       "(\"image\" \"gif\" NIL NIL NIL \"7bit\" 2)");
	expect("MIME-Version: 2.0\nContent-Transfer-Encoding: Base64\n\neHg=\n", false,
	       "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"base64\" 6 1)");
	/* a MIME leaf with every field */
	expect("MIME-Version: 1.0\r\nContent-Type: Text/HTML; Charset=\"UTF-8\"; x=\"a b\"\r\n"
	       "Content-Transfer-Encoding: Base64\r\nContent-ID: <id@x>\r\n"
	       "Content-Description: desc\r\nContent-MD5: md5==\r\n"
	       "Content-Disposition: inline; filename=a.html\r\nContent-Language: en, de\r\n"
	       "Content-Location: http://x/\r\n\r\nPGI+\r\n", true,
	       "(\"text\" \"html\" (\"charset\" \"UTF-8\" \"x\" \"a b\") \"<id@x>\" \"desc\" "
	       "\"base64\" 6 1 \"md5==\" (\"inline\" (\"filename\" \"a.html\")) (\"en\" \"de\") "
	       "\"http://x/\")");
	/* a non-text leaf has no line count; no charset default for it */
	expect("MIME-Version: 1.0\nContent-Type: application/octet-stream\n\n\0\0\n", false,
	       "(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 0)");
}

static void test_multipart(void)
{
	const char *m =
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		"\n"
		"preamble\n"
		"--b1\n"
		"\n"
		"part one\n"
		"--b1\n"
		"Content-Type: message/rfc822\n"
		"\n"
		"Subject: inner\n"
		"From: a@b\n"
		"\n"
		"inner body\n"
		"--b1--\n"
		"epilogue\n";
	/* part 1: "part one" without the line end the boundary owns = 8;
	   part 2: the inner message = 36 CRLF octets, 3 lines */
	expect(m, false,
	       "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 0)"
	       "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 "
	       "(NIL \"inner\" ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) "
	       "((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL) "
	       "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0) 3) \"mixed\")");
	expect(m, true,
	       "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 0 NIL NIL NIL NIL)"
	       "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 "
	       "(NIL \"inner\" ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) "
	       "((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL) "
	       "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL) 3 "
	       "NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
}

static void test_hostile(void)
{
	/* the boundary never appears: one empty part keeps the syntax valid */
	expect("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\nno parts\n", false,
	       "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")");
	/* 1,000 nested multiparts: rfc822 stops nesting at its caps; the
	   output stays a bounded, balanced structure */
	struct buf msg = BUF_INIT(10000000);
	CU_ASSERT_EQUAL(buf_append_str(&msg, "MIME-Version: 1.0\n"), 0);
	for (int i = 0; i < 1000; i++) {
		CU_ASSERT_EQUAL(buf_printf(&msg, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n",
					   i, i), 0);
	}
	CU_ASSERT_EQUAL(buf_append_str(&msg, "\nleaf\n"), 0);
	struct mime_part *root = mime_parse(msg.data, msg.len, IMAP_MIME_PARSE_FLAGS);
	struct buf b = BUF_INIT(1000000);
	CU_ASSERT_EQUAL(imap_bodystructure_write(&b, root, msg.data, msg.len, true, false), 0);
	int depth = 0, maxdepth = 0;
	bool in_q = false;
	for (size_t i = 0; i < b.len; i++) {
		char c = b.data[i];
		if (in_q) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_q = false;
			continue;
		}
		if (c == '"')
			in_q = true;
		else if (c == '(' && ++depth > maxdepth)
			maxdepth = depth;
		else if (c == ')')
			depth--;
	}
	CU_ASSERT_EQUAL(depth, 0);
	CU_ASSERT(maxdepth > 50 && maxdepth < 2 * MIME_DEPTH_MAX + 10);
	mime_free(&root);
	buf_free(&msg);
	/* a full buffer is left as it was */
	root = mime_parse("a\n\nb\n", 5, IMAP_MIME_PARSE_FLAGS);
	struct buf small = BUF_INIT(20);
	CU_ASSERT_EQUAL(buf_append_str(&small, "xy"), 0);
	CU_ASSERT_EQUAL(imap_bodystructure_write(&small, root, "a\n\nb\n", 5, true, false), -1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&small), "xy");
	mime_free(&root);
	buf_free(&small);
	buf_free(&b);
}

void suite_imap_bodystructure(void);
void suite_imap_bodystructure(void)
{
	CU_pSuite s = cutest_suite("imap_bodystructure");

	cutest_add(s, "plain", test_plain);
	cutest_add(s, "multipart", test_multipart);
	cutest_add(s, "hostile", test_hostile);
}
