/*
 * test_imap_quote.c - imapd/imap_quote.c: which form each value gets, the
 * IMAP_QUOTED_MAX boundary, and that a full buffer is left unchanged.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_quote.h"

static void expect(int kind, const char *s, size_t n, bool utf8, const char *want)
{
	struct buf b = BUF_INIT(10000);
	int r = kind == 0 ? imap_quote_string(&b, s, n, utf8) :
		kind == 1 ? imap_quote_astring(&b, s, n, utf8) : imap_quote_nstring(&b, s, n, utf8);

	CU_ASSERT_EQUAL(r, 0);
	if (strcmp(buf_cstr(&b), want) != 0)
		CU_FAIL("unexpected quoting");
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_forms(void)
{
	expect(0, "INBOX", 5, false, "\"INBOX\"");
	expect(1, "INBOX", 5, false, "INBOX");
	expect(1, "INBOX.Sent", 10, false, "INBOX.Sent");
	expect(1, "", 0, false, "\"\"");
	expect(1, "NIL", 3, false, "\"NIL\"");
	expect(1, "nil", 3, false, "\"nil\"");
	expect(1, "a b", 3, false, "\"a b\"");
	expect(1, "a%", 2, false, "\"a%\"");
	expect(1, "a*", 2, false, "\"a*\"");
	expect(1, "a\\b", 3, false, "\"a\\\\b\"");
	expect(1, "a\"b", 3, false, "\"a\\\"b\"");
	expect(1, "(x)", 3, false, "\"(x)\"");
	expect(1, "{1}", 3, false, "\"{1}\"");
	expect(1, "a]", 2, false, "a]");
	expect(1, "a[", 2, false, "\"a[\"");
	expect(0, "a\r\nb", 4, false, "{4}\r\na\r\nb");
	expect(0, "a\0b", 3, false, "{3}\r\na");
	expect(0, "\xc3\xa9", 2, false, "{2}\r\n\xc3\xa9");
	expect(0, "\xc3\xa9", 2, true, "\"\xc3\xa9\"");
	expect(1, "\xc3\xa9", 2, true, "\"\xc3\xa9\"");
	expect(2, NULL, 0, false, "NIL");
	expect(2, "NIL", 3, false, "\"NIL\"");
}

static void test_boundary(void)
{
	char s[IMAP_QUOTED_MAX + 1];
	struct buf b = BUF_INIT(5000), small = BUF_INIT(4);

	memset(s, 'x', sizeof(s));
	CU_ASSERT_EQUAL(imap_quote_string(&b, s, IMAP_QUOTED_MAX, false), 0);
	CU_ASSERT_EQUAL(b.len, IMAP_QUOTED_MAX + 2);
	CU_ASSERT_EQUAL(b.data[0], '"');
	buf_reset(&b);
	CU_ASSERT_EQUAL(imap_quote_string(&b, s, IMAP_QUOTED_MAX + 1, false), 0);
	CU_ASSERT(strncmp(b.data, "{1025}\r\n", 8) == 0);
	CU_ASSERT_EQUAL(b.len, 8 + IMAP_QUOTED_MAX + 1);
	/* no room: -1 and nothing half-written */
	CU_ASSERT_EQUAL(buf_append_str(&small, "ab"), 0);
	CU_ASSERT_EQUAL(imap_quote_string(&small, "xyz", 3, false), -1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&small), "ab");
	CU_ASSERT_EQUAL(imap_quote_astring(&small, "xyz", 3, false), -1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&small), "ab");
	buf_free(&b);
	buf_free(&small);
}

void suite_imap_quote(void);
void suite_imap_quote(void)
{
	CU_pSuite s = cutest_suite("imap_quote");

	cutest_add(s, "forms", test_forms);
	cutest_add(s, "boundary", test_boundary);
}
