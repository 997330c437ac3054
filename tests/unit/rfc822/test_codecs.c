/*
 * test_codecs.c - the codecs: lib/base64 and lib/utf8 (generic, tested here
 * beside their mail users), the quoted-printable / base64 body decoders
 * (the bytes Debian's reformime -e gave for the same broken input), fed
 * whole and one byte at a time, charset conversion with invalid bytes,
 * LF -> CRLF conversion and sizing at every split, modified UTF-7.
 *
 * Trust:   every input here is hostile.
 * Tests:   lib/base64.c lib/utf8.c rfc822/mime_decode.c rfc822/charset.c
 *          rfc822/rfc822_crlf.c rfc822/imaputf7.c
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "charset.h"
#include "cutest.h"
#include "imaputf7.h"
#include "mime_decode.h"
#include "rfc822_crlf.h"
#include "utf8.h"

struct dec_case {
	enum mime_cte cte;
	const char *in;
	const char *out;
	size_t out_len;
};

/* Outputs: Debian's reformime -s 1 -e on the same bodies. */
static const struct dec_case dec_cases[] = {
	{ MIME_CTE_BASE64, "YWJj\n", "abc", 3 },
	{ MIME_CTE_BASE64, "YWI\n", "", 0 },
	{ MIME_CTE_BASE64, "YWJjZA\n", "abc", 3 },
	{ MIME_CTE_BASE64, "YW=Jj\n", "a\xc9", 2 },
	{ MIME_CTE_BASE64, "YQ==YWI=\n", "aab", 3 },
	{ MIME_CTE_BASE64, "YW Jj!ZA\n", "abc", 3 },
	{ MIME_CTE_BASE64, "=WJj\n", "\x8d" "bc", 3 },
	{ MIME_CTE_BASE64, "Y=Jj\n", "f2c", 3 },
	{ MIME_CTE_BASE64, "YW=j\n", "a\xe3", 2 },
	{ MIME_CTE_BASE64, "====\n", "\x8e", 1 },
	{ MIME_CTE_BASE64, "aGVs\r\nbG8K\r\n", "hello\n", 6 },
	{ MIME_CTE_QP, "a=ZZb\n", "aZZb\n", 5 },
	{ MIME_CTE_QP, "a=4 b\n", "a b\n", 4 },
	{ MIME_CTE_QP, "a=4\n", "a\n", 2 },
	{ MIME_CTE_QP, "a= in mid\n", "a", 1 },
	{ MIME_CTE_QP, "end=", "end", 3 },
	{ MIME_CTE_QP, "x=3D=3dy\n", "x==y\n", 5 },
	{ MIME_CTE_QP, "a=  \nb\n", "ab\n", 3 },
	{ MIME_CTE_QP, "a=\r\nb\n", "ab\n", 3 },
	{ MIME_CTE_QP, "tr  \nx\n", "tr  \nx\n", 7 },
	{ MIME_CTE_QP, "a=g1b\n", "ag1b\n", 5 },
	{ MIME_CTE_QP, "a=1gb\n", "agb\n", 4 },
	{ MIME_CTE_QP, "=41=4\n", "A\n", 2 },
	{ MIME_CTE_QP, "=\n=\n", "", 0 },
	{ MIME_CTE_QP, "a==41\n", "aA\n", 3 },
	{ MIME_CTE_QP, "=00=FF", "\0\xff", 2 },
	{ MIME_CTE_IDENTITY, "as =41 is\n", "as =41 is\n", 10 },
};

static void test_decoders(void)
{
	for (size_t i = 0; i < N_ELEMENTS(dec_cases); i++) {
		const struct dec_case *c = &dec_cases[i];
		for (int bytewise = 0; bytewise < 2; bytewise++) {
			struct mime_decoder d;
			struct buf out = BUF_INIT(1024);
			size_t n = strlen(c->in);
			mime_decode_init(&d, c->cte);
			if (bytewise) {
				for (size_t k = 0; k < n; k++)
					CU_ASSERT_EQUAL(mime_decode_feed(&d, c->in + k, 1, &out), 0);
			} else {
				CU_ASSERT_EQUAL(mime_decode_feed(&d, c->in, n, &out), 0);
			}
			CU_ASSERT_EQUAL(mime_decode_finish(&d, &out), 0);
			if (out.len != c->out_len || memcmp(buf_cstr(&out), c->out, out.len) != 0)
				printf("case %zu%s: got %zu bytes '%s', want '%s'\n", i,
				       bytewise ? " bytewise" : "", out.len, buf_cstr(&out), c->out);
			CU_ASSERT_EQUAL(out.len, c->out_len);
			CU_ASSERT_EQUAL(memcmp(buf_cstr(&out), c->out, c->out_len), 0);
			buf_free(&out);
		}
	}
	CU_ASSERT_EQUAL(mime_cte_of("BASE64"), MIME_CTE_BASE64);
	CU_ASSERT_EQUAL(mime_cte_of("quoted-printable"), MIME_CTE_QP);
	CU_ASSERT_EQUAL(mime_cte_of("8bit"), MIME_CTE_IDENTITY);
	CU_ASSERT_EQUAL(mime_cte_of(NULL), MIME_CTE_IDENTITY);
	/* the cap */
	struct mime_decoder d;
	struct buf small = BUF_INIT(2);
	mime_decode_init(&d, MIME_CTE_QP);
	CU_ASSERT_EQUAL(mime_decode_feed(&d, "abc", 3, &small), -1);
	buf_free(&small);
}

static void test_base64(void)
{
	struct buf out = BUF_INIT(1024);
	struct base64_decoder d;
	const char *raw = "any carnal pleasure.";

	for (size_t n = 0; n <= strlen(raw); n++) {
		buf_reset(&out);
		CU_ASSERT_EQUAL(base64_encode(raw, n, &out), 0);
		CU_ASSERT_EQUAL(out.len, base64_encoded_len(n));
		struct buf back = BUF_INIT(1024);
		base64_decode_init(&d);
		CU_ASSERT_EQUAL(base64_decode_feed(&d, out.data != NULL ? out.data : "", out.len, &back), 0);
		base64_decode_finish(&d);
		CU_ASSERT_EQUAL(back.len, n);
		CU_ASSERT_EQUAL(memcmp(buf_cstr(&back), raw, n), 0);
		buf_free(&back);
	}
	buf_reset(&out);
	CU_ASSERT_EQUAL(base64_encode("\xff\xfe\xfd", 3, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "//79");
	buf_free(&out);
	struct buf tiny = BUF_INIT(3);
	CU_ASSERT_EQUAL(base64_encode("abcd", 4, &tiny), -1);
	buf_free(&tiny);
}

static void test_utf8(void)
{
	uint32_t cp;
	struct buf b = BUF_INIT(16);

	CU_ASSERT_TRUE(utf8_is_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14));
	CU_ASSERT_FALSE(utf8_is_valid("\xc0\xaf", 2));           /* overlong */
	CU_ASSERT_FALSE(utf8_is_valid("\xed\xa0\x80", 3));       /* surrogate */
	CU_ASSERT_FALSE(utf8_is_valid("\xf4\x90\x80\x80", 4));   /* > U+10FFFF */
	CU_ASSERT_FALSE(utf8_is_valid("\xe2\x82", 2));           /* cut short */
	CU_ASSERT_FALSE(utf8_is_valid("\x80", 1));
	CU_ASSERT_FALSE(utf8_is_valid("\xff", 1));
	CU_ASSERT_EQUAL(utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	CU_ASSERT_EQUAL(cp, 0x20ac);
	CU_ASSERT_EQUAL(utf8_append(&b, 0x1f600), 0);
	CU_ASSERT_EQUAL(utf8_append(&b, 0xd800), -1);
	CU_ASSERT_EQUAL(utf8_append(&b, 0x110000), -1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "\xf0\x9f\x98\x80");
	buf_free(&b);
}

static void test_charset(void)
{
	struct buf out = BUF_INIT(1024);

	/* the seed's ISO-8859-2 mail: zolc */
	CU_ASSERT_EQUAL(charset_to_utf8("ISO-8859-2", "\xbf\xf3\xb3\xe6", 4, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87");
	buf_reset(&out);
	CU_ASSERT_EQUAL(charset_to_utf8("windows-1252", "\x80", 1, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "\xe2\x82\xac");
	buf_reset(&out);
	/* invalid bytes never stop a conversion */
	CU_ASSERT_EQUAL(charset_to_utf8("utf-8", "a\xffz\xc3", 4, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "a\xef\xbf\xbdz\xef\xbf\xbd");
	buf_reset(&out);
	CU_ASSERT_EQUAL(charset_to_utf8("iso-2022-jp", "\x1b$B$\"\x1b(Bx\x1b$B\xff", 11, &out), 0);
	CU_ASSERT_TRUE(out.len > 0);
	buf_reset(&out);
	CU_ASSERT_EQUAL(charset_to_utf8("x-no-such-charset", "abc", 3, &out), -1);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_TRUE(charset_is_utf8("US-ASCII"));
	CU_ASSERT_FALSE(charset_is_utf8("latin1"));
	buf_free(&out);
	struct buf tiny = BUF_INIT(2);
	CU_ASSERT_EQUAL(charset_to_utf8("iso-8859-1", "\xe9\xe9", 2, &tiny), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	buf_free(&tiny);
}

static void test_crlf(void)
{
	const char *in = "a\nb\r\nc\rd\n\n\r";
	const char *want = "a\r\nb\r\nc\rd\r\n\r\n\r";
	size_t n = strlen(in);

	CU_ASSERT_EQUAL(rfc822_crlf_size(in, n), strlen(want));
	for (size_t cut = 0; cut <= n; cut++) {
		struct rfc822_crlf c, s;
		struct buf out = BUF_INIT(64);
		rfc822_crlf_init(&c);
		rfc822_crlf_init(&s);
		CU_ASSERT_EQUAL(rfc822_crlf_feed(&c, in, cut, &out), 0);
		CU_ASSERT_EQUAL(rfc822_crlf_feed(&c, in + cut, n - cut, &out), 0);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), want);
		CU_ASSERT_EQUAL(c.size, strlen(want));
		CU_ASSERT_EQUAL(c.lines, 4);
		rfc822_crlf_count(&s, in, cut);
		rfc822_crlf_count(&s, in + cut, n - cut);
		CU_ASSERT_EQUAL(s.size, strlen(want));
		CU_ASSERT_EQUAL(s.lines, 4);
		buf_free(&out);
	}
	/* one byte at a time, CR of one feed and LF of the next */
	struct rfc822_crlf c;
	struct buf out = BUF_INIT(64);
	rfc822_crlf_init(&c);
	for (size_t k = 0; k < n; k++)
		CU_ASSERT_EQUAL(rfc822_crlf_feed(&c, in + k, 1, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), want);
	buf_free(&out);
	struct buf tiny = BUF_INIT(2);
	rfc822_crlf_init(&c);
	CU_ASSERT_EQUAL(rfc822_crlf_feed(&c, "ab\n", 3, &tiny), -1);
	buf_free(&tiny);
	CU_ASSERT_EQUAL(rfc822_crlf_size("", 0), 0);
}

struct u7_case {
	const char *utf7;
	const char *utf8;      /* NULL: invalid modified UTF-7 */
};

static const struct u7_case u7_cases[] = {
	{ "INBOX", "INBOX" },
	{ "&-", "&" },
	{ "A&-B", "A&B" },
	{ "&AOk-t&AOk-", "\xc3\xa9t\xc3\xa9" },
	{ "~peter/mail/&U,BTFw-/&ZeVnLIqe-", "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },
	{ "&2D3eAA-", "\xf0\x9f\x98\x80" },
	{ "&AOk", NULL },              /* no '-' */
	{ "&AO-", NULL },              /* leftover bits */
	{ "&AOl-", NULL },             /* leftover bits not zero */
	{ "&AGE-", NULL },             /* 'a' encoded */
	{ "&2D0-", NULL },             /* lone high surrogate */
	{ "&3gA-", NULL },             /* lone low surrogate */
	{ "&AOk/-", NULL },            /* '/' is not modified base64 */
	{ "caf\xc3\xa9", NULL },       /* 8-bit */
	{ "a\tb", NULL },
	{ "&", NULL },
	{ "&&-", NULL },
	{ "&AAA-", NULL },             /* U+0000 */
};

static void test_imaputf7(void)
{
	for (size_t i = 0; i < N_ELEMENTS(u7_cases); i++) {
		struct buf out = BUF_INIT(1024), back = BUF_INIT(1024);
		const struct u7_case *c = &u7_cases[i];
		int rc = imaputf7_to_utf8(c->utf7, strlen(c->utf7), &out);
		if (c->utf8 == NULL) {
			if (rc != -1)
				printf("case %zu: '%s' accepted as '%s'\n", i, c->utf7, buf_cstr(&out));
			CU_ASSERT_EQUAL(rc, -1);
			CU_ASSERT_EQUAL(errno, EINVAL);
			CU_ASSERT_FALSE(imaputf7_is_valid(c->utf7, strlen(c->utf7)));
		} else {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_STRING_EQUAL(buf_cstr(&out), c->utf8);
			CU_ASSERT_EQUAL(imaputf7_from_utf8(c->utf8, strlen(c->utf8), &back), 0);
			if (strcmp(buf_cstr(&back), c->utf7) != 0)
				printf("case %zu: encoded '%s', want '%s'\n", i, buf_cstr(&back), c->utf7);
			CU_ASSERT_STRING_EQUAL(buf_cstr(&back), c->utf7);
		}
		buf_free(&out);
		buf_free(&back);
	}
	struct buf out = BUF_INIT(1024);
	CU_ASSERT_EQUAL(imaputf7_from_utf8("a\xff", 2, &out), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(imaputf7_from_utf8("a\0b", 3, &out), -1);
	buf_free(&out);
	/* a long non-ASCII run round-trips */
	struct buf u8 = BUF_INIT(BUF_MAX_UNLIMITED), u7 = BUF_INIT(BUF_MAX_UNLIMITED),
		   again = BUF_INIT(BUF_MAX_UNLIMITED);
	for (uint32_t cp = 0xa0; cp < 0x5a0; cp++)
		CU_ASSERT_EQUAL(utf8_append(&u8, cp), 0);
	CU_ASSERT_EQUAL(utf8_append(&u8, 0x1f600), 0);
	CU_ASSERT_EQUAL(imaputf7_from_utf8(u8.data, u8.len, &u7), 0);
	CU_ASSERT_EQUAL(imaputf7_to_utf8(u7.data, u7.len, &again), 0);
	CU_ASSERT_EQUAL(again.len, u8.len);
	CU_ASSERT_EQUAL(memcmp(again.data, u8.data, u8.len), 0);
	buf_free(&u8);
	buf_free(&u7);
	buf_free(&again);
	struct buf tiny = BUF_INIT(3);
	CU_ASSERT_EQUAL(imaputf7_to_utf8("&AOk-&AOk-", 10, &tiny), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	buf_free(&tiny);
}

void suite_codecs(void);
void suite_codecs(void)
{
	CU_pSuite s = cutest_suite("codecs");

	cutest_add(s, "base64 / QP body decoders as Courier's", test_decoders);
	cutest_add(s, "lib/base64 round trip", test_base64);
	cutest_add(s, "lib/utf8 strict", test_utf8);
	cutest_add(s, "charsets to UTF-8", test_charset);
	cutest_add(s, "LF -> CRLF at every split", test_crlf);
	cutest_add(s, "modified UTF-7", test_imaputf7);
}
