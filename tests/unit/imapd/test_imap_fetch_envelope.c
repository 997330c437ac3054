/*
 * test_imap_fetch_envelope.c - imapd/imap_fetch_envelope.c: exact ENVELOPE
 * bytes for plain, folded, grouped, 8-bit, NUL-holding and encoded-word
 * headers, the Sender/Reply-To default, and a full buffer left unchanged.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_fetch_envelope.h"

static void expect_n(const char *hdr, size_t n, bool utf8, const char *want)
{
	struct buf b = BUF_INIT(100000);
	CU_ASSERT_EQUAL(imap_envelope_write(&b, hdr, n, utf8), 0);
	if (strcmp(buf_cstr(&b), want) != 0)
		fprintf(stderr, "\ngot  %s\nwant %s\n", buf_cstr(&b), want);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), want);
	buf_free(&b);
}

static void expect(const char *hdr, const char *want)
{
	expect_n(hdr, strlen(hdr), false, want);
}

static void test_basic(void)
{
	expect("Date: Mon, 7 Feb 1994 21:52:25 -0800\n"
	       "From: Fred Foobar <foobar@Blurdybloop.COM>\n"
	       "Subject: afternoon meeting\n"
	       "To: mooch@owatagu.siam.edu\n"
	       "Message-Id: <B27397-0100000@Blurdybloop.COM>\n"
	       "\n",
	       "(\"Mon, 7 Feb 1994 21:52:25 -0800\" \"afternoon meeting\" "
	       "((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.COM\")) "
	       "((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.COM\")) "
	       "((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.COM\")) "
	       "((NIL NIL \"mooch\" \"owatagu.siam.edu\")) NIL NIL NIL "
	       "\"<B27397-0100000@Blurdybloop.COM>\")");
	expect("", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
	expect("\n", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
}

static void test_fields(void)
{
	/* folding, first field wins, white space trimmed, CRLF header */
	expect("Subject:   a\r\n\tb  \r\nSubject: second\r\nSender: <s@h>\r\n"
	       "Reply-To: r@h, \"q\\\"x\" <t@h>\r\nIn-Reply-To: <x@y>\r\n\r\n",
	       "(NIL {3}\r\na\tb NIL ((NIL NIL \"s\" \"h\")) ((NIL NIL \"r\" \"h\")"
	       "(\"q\\\"x\" NIL \"t\" \"h\")) NIL NIL NIL \"<x@y>\" NIL)");
	/* groups, routes, quoted local parts, missing domain, empty list */
	expect("To: team: a@b, \"c d\"@e;, <@r1,@r2:u@h>, loc\nCc: \nBcc: ,,\n",
	       "(NIL NIL NIL NIL NIL ((NIL NIL \"team\" NIL)(NIL NIL \"a\" \"b\")"
	       "(NIL NIL \"c d\" \"e\")(NIL NIL NIL NIL)(NIL \"@r1,@r2\" \"u\" \"h\")"
	       "(NIL NIL \"loc\" NIL)) NIL NIL NIL NIL)");
	/* encoded words are not decoded */
	expect("Subject: =?utf-8?q?caf=C3=A9?=\nFrom: =?iso-8859-1?q?J=F6rg?= <j@x>\n",
	       "(NIL \"=?utf-8?q?caf=C3=A9?=\" ((\"=?iso-8859-1?q?J=F6rg?=\" NIL \"j\" \"x\")) "
	       "((\"=?iso-8859-1?q?J=F6rg?=\" NIL \"j\" \"x\")) "
	       "((\"=?iso-8859-1?q?J=F6rg?=\" NIL \"j\" \"x\")) NIL NIL NIL NIL NIL)");
}

static void test_hostile(void)
{
	/* 8-bit bytes: a literal, or quoted under UTF8=ACCEPT */
	expect_n("Subject: caf\xc3\xa9\n", 14, false,
		 "(NIL {5}\r\ncaf\xc3\xa9 NIL NIL NIL NIL NIL NIL NIL NIL)");
	expect_n("Subject: caf\xc3\xa9\n", 14, true,
		 "(NIL \"caf\xc3\xa9\" NIL NIL NIL NIL NIL NIL NIL NIL)");
	/* a NUL in a value: a literal keeps it */
	struct buf b = BUF_INIT(1000);
	CU_ASSERT_EQUAL(imap_envelope_write(&b, "Subject: a\0b\n", 13, false), 0);
	CU_ASSERT_EQUAL(b.len, 46);
	CU_ASSERT_EQUAL(memcmp(b.data, "(NIL {3}\r\na\0b NIL NIL NIL NIL NIL NIL NIL NIL)", 46), 0);
	buf_free(&b);
	/* no header end, garbage addresses: what rfc822_addr salvages */
	expect("From: <<<>>>, @@, \"unterminated",
	       "(NIL NIL ((NIL NIL \"<<\" NIL)(NIL NIL \"@\" NIL)(NIL NIL \"unterminated\" NIL)) "
	       "((NIL NIL \"<<\" NIL)(NIL NIL \"@\" NIL)(NIL NIL \"unterminated\" NIL)) "
	       "((NIL NIL \"<<\" NIL)(NIL NIL \"@\" NIL)(NIL NIL \"unterminated\" NIL)) "
	       "NIL NIL NIL NIL NIL)");
}

static void test_full(void)
{
	const char *h = "Subject: x\nFrom: a@b\n";
	struct buf b = BUF_INIT(20);
	CU_ASSERT_EQUAL(buf_append_str(&b, "* 1 "), 0);
	CU_ASSERT_EQUAL(imap_envelope_write(&b, h, strlen(h), false), -1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "* 1 ");
	buf_free(&b);
}

void suite_imap_fetch_envelope(void);
void suite_imap_fetch_envelope(void)
{
	CU_pSuite s = cutest_suite("imap_fetch_envelope");

	cutest_add(s, "basic", test_basic);
	cutest_add(s, "fields", test_fields);
	cutest_add(s, "hostile", test_hostile);
	cutest_add(s, "full", test_full);
}
