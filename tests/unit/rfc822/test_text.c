/*
 * test_text.c - what IMAP reads out of header values and bodies: RFC 2047
 * encoded words, RFC 5322 dates (obsolete forms, "no date"), INTERNALDATE,
 * address lists into ENVELOPE form with the RFC 5256 / 5957 keys, the
 * RFC 5256 base subject, message-id lists, the text extractor, the
 * preview, and charset conversion fed one byte at a time.  Each cap is hit
 * exactly and one past.
 *
 * Trust:   every input here is hostile.
 * Tests:   rfc822/rfc2047.c rfc822/rfc822_date.c rfc822/rfc822_addr.c
 *          rfc822/rfc822_thread.c rfc822/mime_text.c rfc822/charset.c lib/array.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cutest.h"
#include "mime.h"
#include "mime_text.h"
#include "rfc2047.h"
#include "rfc822_addr.h"
#include "rfc822_date.h"
#include "rfc822_thread.h"

struct str_case {
	const char *in;
	const char *want;
};

static const struct str_case w2047[] = {
	{ "plain text", "plain text" },
	{ "=?utf-8?q?caf=C3=A9?=", "caf\xc3\xa9" },
	{ "=?UTF-8?B?Y2Fmw6k=?=", "caf\xc3\xa9" },
	{ "=?iso-8859-2?q?=BF=F3=B3=E6?= test", "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 test" },
	{ "a =?utf-8?q?b?= =?utf-8?q?c?= d", "a bc d" },             /* space between words dropped */
	{ "=?utf-8?q?a_b?=", "a b" },
	{ "=?utf-8?b?4oI=?= =?utf-8?b?rA==?=", "\xe2\x82\xac" },   /* a character split over two words */
	{ "=?utf-8*en?q?x?=", "x" },                                /* RFC 2231 language */
	{ "=?utf-8?x?abc?=", "=?utf-8?x?abc?=" },                   /* unknown encoding: raw */
	{ "=?utf-8?q?abc", "=?utf-8?q?abc" },                       /* no end: raw */
	{ "=?utf-8?b?!!!?=", "=?utf-8?b?!!!?=" },                   /* bad base64: raw */
	{ "=?x-unknown?q?abc?=", "=?x-unknown?q?abc?=" },           /* unknown charset: raw */
	{ "=?iso-8859-1?q?caf=E9?==?utf-8?q?x?=", "caf\xc3\xa9x" },
	{ "8bit caf\xe9 header", "8bit caf\xef\xbf\xbd header" },
	{ "=?utf-8?q?=ZZ?=", "=ZZ" },
	/* glibc takes "ut`f-8" for UTF-8 and passes F7 91 91 91 through */
	{ "=?ut`f-8?q?a=F7=91=91=91?=", "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "", "" },
};

static void test_rfc2047(void)
{
	for (size_t i = 0; i < N_ELEMENTS(w2047); i++) {
		struct buf out = BUF_INIT(4096);
		CU_ASSERT_EQUAL(rfc2047_decode(w2047[i].in, strlen(w2047[i].in), &out), 0);
		if (strcmp(buf_cstr(&out), w2047[i].want) != 0)
			printf("case %zu: got '%s', want '%s'\n", i, buf_cstr(&out), w2047[i].want);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), w2047[i].want);
		buf_free(&out);
	}
	/* the word cap: RFC2047_WORDS_MAX decoded, the next one kept raw */
	for (unsigned extra = 0; extra < 2; extra++) {
		struct buf in = BUF_INIT(BUF_MAX_UNLIMITED), out = BUF_INIT(BUF_MAX_UNLIMITED);
		for (unsigned i = 0; i < RFC2047_WORDS_MAX - 1 + extra; i++)
			CU_ASSERT_EQUAL(buf_append_str(&in, "=?utf-8?q?a?= "), 0);
		CU_ASSERT_EQUAL(buf_append_str(&in, "=?utf-8?q?Z?="), 0);
		CU_ASSERT_EQUAL(rfc2047_decode(in.data, in.len, &out), 0);
		const char *tail = out.data + out.len - (extra ? 14 : 1);
		CU_ASSERT_STRING_EQUAL(tail, extra ? " =?utf-8?q?Z?=" : "Z");
		buf_free(&in);
		buf_free(&out);
	}
	struct buf tiny = BUF_INIT(2);
	CU_ASSERT_EQUAL(rfc2047_decode("=?utf-8?q?abc?=", 15, &tiny), -1);
	buf_free(&tiny);
}

struct date_case {
	const char *in;
	long long t;      /* -1: no date */
	int tz;
};

static const struct date_case dates[] = {
	{ "Wed, 2 Dec 2026 10:15:00 +0100", 1796202900LL, 60 },
	{ "2 Dec 2026 10:15 +0100", 1796202900LL, 60 },              /* no weekday, no seconds */
	{ "Wed,02 Dec 2026 09:15:00 GMT", 1796202900LL, 0 },
	{ " Wed , 2 Dec 26 04:15:00 EST", 1796202900LL, -300 },        /* two-digit year, named zone */
	{ "2 Dec 99 09:15:00 +0000", 944126100LL, 0 },                 /* 99 -> 1999 */
	{ "2 Dec 126 09:15:00 +0000", 1796202900LL, 0 },               /* three digits: +1900 */
	{ "2 Dec 2026 09:15:00 Z", 1796202900LL, 0 },
	{ "2 Dec 2026 09:15:00 A", 1796202900LL, 0 },                  /* military: -0000 */
	{ "2 Dec 2026 09:15:00", 1796202900LL, 0 },                    /* no zone */
	{ "2 Dec 2026 09:15:00 -0330 (NST) junk after", 1796215500LL, -210 },
	{ "(comment) 2 (c) Dec 2026 09:15:00 +0000", 1796202900LL, 0 },
	{ "2-Dec-2026 09:15:00 +0000", 1796202900LL, 0 },
	{ "29 Feb 2024 00:00:00 +0000", 1709164800LL, 0 },
	{ "29 Feb 2023 00:00:00 +0000", -1, 0 },
	{ "32 Dec 2026 09:15:00 +0000", -1, 0 },
	{ "2 Dex 2026 09:15:00 +0000", -1, 0 },
	{ "2 Dec 2026 24:00:00 +0000", -1, 0 },
	{ "2 Dec 2026 09:60 +0000", -1, 0 },
	{ "2 Dec 2026 09:15:00 +8100", 1796202900LL, 0 },              /* no such zone: +0000 */
	{ "garbage", -1, 0 },
	{ "", -1, 0 },
	{ "2 Dec", -1, 0 },
	{ "123 Dec 2026 09:15 +0000", -1, 0 },
};

static void test_dates(void)
{
	char buf[IMAP_DATE_SIZE];
	time_t t;
	int tz;

	for (size_t i = 0; i < N_ELEMENTS(dates); i++) {
		time_t got = 12345;
		int gtz = 777;
		int rc = rfc822_date_parse(dates[i].in, strlen(dates[i].in), &got, &gtz);
		if (dates[i].t < 0) {
			if (rc != -1)
				printf("case %zu: '%s' parsed to %lld\n", i, dates[i].in, (long long)got);
			CU_ASSERT_EQUAL(rc, -1);
			CU_ASSERT_EQUAL(got, 12345);
			continue;
		}
		if (rc != 0 || (long long)got != dates[i].t || gtz != dates[i].tz)
			printf("case %zu: rc %d got %lld %d, want %lld %d\n", i, rc, (long long)got, gtz,
			       dates[i].t, dates[i].tz);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL((long long)got, dates[i].t);
		CU_ASSERT_EQUAL(gtz, dates[i].tz);
	}
	imap_date_format((time_t)1796202900LL, 60, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 2-Dec-2026 10:15:00 +0100");
	imap_date_format((time_t)1796202900LL, -210, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 2-Dec-2026 05:45:00 -0330");
	/* a leap day, a year end crossed by the zone, the 1st and the 9th */
	imap_date_format((time_t)1709251199LL, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "29-Feb-2024 23:59:59 +0000");
	imap_date_format((time_t)1709251199LL, 60, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 1-Mar-2024 00:59:59 +0100");
	imap_date_format((time_t)1767225599LL, -210, buf);
	CU_ASSERT_STRING_EQUAL(buf, "31-Dec-2025 20:29:59 -0330");
	imap_date_format((time_t)1767225599LL, 840, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 1-Jan-2026 13:59:59 +1400");
	imap_date_format((time_t)1772323200LL, -60, buf);
	CU_ASSERT_STRING_EQUAL(buf, "28-Feb-2026 23:00:00 -0100");
	imap_date_format((time_t)1767949749LL, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 9-Jan-2026 09:09:09 +0000");
	CU_ASSERT_EQUAL(rfc822_date_parse("Sat, 29 Feb 2024 23:59:59 -0000", 31, &t, &tz), 0);
	CU_ASSERT_EQUAL((long long)t, 1709251199LL);
	CU_ASSERT_EQUAL(rfc822_date_parse("Thu, 1 Jan 2026 13:59:59 +1400", 30, &t, &tz), 0);
	CU_ASSERT_EQUAL((long long)t, 1767225599LL);
	imap_date_format((time_t)0, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, " 1-Jan-1970 00:00:00 +0000");
	imap_date_format((time_t)-1, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "31-Dec-1969 23:59:59 +0000");
	CU_ASSERT_EQUAL(imap_date_parse(" 2-Dec-2026 10:15:00 +0100", &t, &tz), 0);
	CU_ASSERT_EQUAL((long long)t, 1796202900LL);
	CU_ASSERT_EQUAL(tz, 60);
	CU_ASSERT_EQUAL(imap_date_parse("2-Dec-2026 10:15:00 +0100", &t, &tz), 0);
	CU_ASSERT_EQUAL(imap_date_parse("02-Dec-2026 10:15:00 +0100", &t, &tz), 0);
	CU_ASSERT_EQUAL(imap_date_parse("02-Dec-2026 10:15:00 +0160", &t, &tz), -1);
	CU_ASSERT_EQUAL(imap_date_parse("02-Dec-2026 10:15:00", &t, &tz), -1);
	CU_ASSERT_EQUAL(imap_date_parse("30-Feb-2026 10:15:00 +0100", &t, &tz), -1);
	CU_ASSERT_EQUAL(imap_date_parse("02-Dec-2026 10:15:00 +0100x", &t, &tz), -1);
	CU_ASSERT_EQUAL(imap_day_parse("2-Dec-2026", &t), 0);
	CU_ASSERT_EQUAL((long long)t, 1796169600LL);
	CU_ASSERT_EQUAL(imap_day_parse("2-Dec-26", &t), -1);
	CU_ASSERT_EQUAL(imap_day_parse("2-Dec-2026 ", &t), -1);
	/* format and parse agree over a range of times and zones */
	for (long long x = -100000000LL; x < 4000000000LL; x += 98765431LL) {
		for (int z = -720; z <= 840; z += 195) {
			time_t back;
			int bz;
			imap_date_format((time_t)x, z, buf);
			CU_ASSERT_EQUAL(imap_date_parse(buf, &back, &bz), 0);
			CU_ASSERT_EQUAL((long long)back, x);
			CU_ASSERT_EQUAL(bz, z);
		}
	}
}

/* "kind name|route|mailbox|host" per entry, NULL as "-". */
static void addr_dump(const char *v, struct buf *out)
{
	struct rfc822_addr_list l;

	rfc822_addr_parse(v, strlen(v), &l);
	for (size_t i = 0; i < rfc822_addr_count(&l); i++) {
		const struct rfc822_addr *a = rfc822_addr_get(&l, i);
		CU_ASSERT_EQUAL(buf_printf(out, "%d %s|%s|%s|%s\n", (int)a->kind,
					   a->name ? a->name : "-", a->route ? a->route : "-",
					   a->mailbox ? a->mailbox : "-", a->host ? a->host : "-"), 0);
	}
	rfc822_addr_list_free(&l);
}

static const struct str_case addrs[] = {
	{ "alice@example.com", "0 -|-|alice|example.com\n" },
	{ "Alice Smith <alice@example.com>", "0 Alice Smith|-|alice|example.com\n" },
	{ "\"Smith, Alice\" <alice@example.com>, bob@x.org",
	  "0 Smith, Alice|-|alice|example.com\n0 -|-|bob|x.org\n" },
	{ "alice@example.com (Alice in a comment)", "0 Alice in a comment|-|alice|example.com\n" },
	{ "<@relay1,@relay2:user@host>", "0 -|@relay1,@relay2|user|host\n" },
	{ "\"quoted local\"@example.com", "0 -|-|\"quoted local\"|example.com\n" },
	{ "team: a@b, C <c@d>;, after@x",
	  "1 -|-|team|-\n0 -|-|a|b\n0 C|-|c|d\n2 -|-|-|-\n0 -|-|after|x\n" },
	{ "Undisclosed recipients:;", "1 -|-|Undisclosed recipients|-\n2 -|-|-|-\n" },
	{ "localonly", "0 -|-|localonly|-\n" },
	{ "=?utf-8?q?J=C3=B6rg?= <j@x>", "0 =?utf-8?q?J=C3=B6rg?=|-|j|x\n" },
	{ ",,, <>, @, a@b", "0 -|-|a|b\n" },
	{ "John Q. Public <jqp@a.b.c>", "0 John Q. Public|-|jqp|a.b.c\n" },
	{ "first.last @ example . com", "0 -|-|first.last|example.com\n" },
	{ "unterminated <a@b", "0 unterminated|-|a|b\n" },
	{ "grp: a@b", "1 -|-|grp|-\n0 -|-|a|b\n2 -|-|-|-\n" },
	{ "", "" },
};

static void test_addresses(void)
{
	for (size_t i = 0; i < N_ELEMENTS(addrs); i++) {
		struct buf out = BUF_INIT(4096);
		addr_dump(addrs[i].in, &out);
		if (strcmp(buf_cstr(&out), addrs[i].want) != 0)
			printf("case %zu: got\n%swant\n%s", i, buf_cstr(&out), addrs[i].want);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), addrs[i].want);
		buf_free(&out);
	}
	/* sort keys */
	struct rfc822_addr_list l;
	struct buf k = BUF_INIT(256);
	const char *v = "grp: =?utf-8?q?J=C3=B6rg?= <Joerg@x.de>;, b@c";
	rfc822_addr_parse(v, strlen(v), &l);
	CU_ASSERT_EQUAL(rfc822_addr_sort_key(&l, &k), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&k), "Joerg");
	buf_reset(&k);
	CU_ASSERT_EQUAL(rfc822_addr_display_key(&l, &k), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&k), "J\xc3\xb6rg");
	rfc822_addr_list_free(&l);
	buf_reset(&k);
	rfc822_addr_parse("bob@x.org", 9, &l);
	CU_ASSERT_EQUAL(rfc822_addr_display_key(&l, &k), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&k), "bob@x.org");
	rfc822_addr_list_free(&l);
	buf_reset(&k);
	rfc822_addr_parse("garbage:;", 9, &l);
	CU_ASSERT_EQUAL(rfc822_addr_sort_key(&l, &k), 0);
	CU_ASSERT_EQUAL(rfc822_addr_display_key(&l, &k), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&k), "");
	rfc822_addr_list_free(&l);
	buf_free(&k);
	/* the cap: RFC822_ADDR_MAX kept, the rest of the value not parsed */
	for (unsigned extra = 0; extra < 2; extra++) {
		struct buf in = BUF_INIT(BUF_MAX_UNLIMITED);
		for (unsigned i = 0; i < RFC822_ADDR_MAX + extra; i++)
			CU_ASSERT_EQUAL(buf_printf(&in, "u%u@h, ", i), 0);
		rfc822_addr_parse(in.data, in.len, &l);
		CU_ASSERT_EQUAL(rfc822_addr_count(&l), RFC822_ADDR_MAX);
		CU_ASSERT_STRING_EQUAL(rfc822_addr_get(&l, RFC822_ADDR_MAX - 1)->mailbox, "u999");
		rfc822_addr_list_free(&l);
		buf_free(&in);
	}
}

static const struct str_case subjects[] = {
	{ "Hello", "Hello" },
	{ "Re: Hello", "Hello" },
	{ "RE: re: Fwd: Hello", "Hello" },
	{ "Re[2]: Hello", "Hello" },
	{ "Re [list] : Hello", "Hello" },
	{ "[list] Re: Hello", "Hello" },
	{ "[list] [other] Hello", "Hello" },
	{ "[only a blob]", "[only a blob]" },
	{ "Hello (fwd)", "Hello" },
	{ "Hello (fwd) (FWD)  ", "Hello" },
	{ "[Fwd: Re: Hello]", "Hello" },
	{ "Fw: [Fwd: Hello] (fwd)", "Hello" },
	{ "  many   spaces\t\there  ", "many spaces here" },
	{ "=?utf-8?q?Re=3A_caf=C3=A9?=", "caf\xc3\xa9" },
	{ "Re:", "" },
	{ "Reply: not a leader", "Reply: not a leader" },
	{ "", "" },
};

static void test_base_subject(void)
{
	for (size_t i = 0; i < N_ELEMENTS(subjects); i++) {
		struct buf out = BUF_INIT(4096);
		bool reply = false;
		CU_ASSERT_EQUAL(rfc822_base_subject(subjects[i].in, strlen(subjects[i].in), &out, &reply), 0);
		if (strcmp(buf_cstr(&out), subjects[i].want) != 0)
			printf("case %zu: got '%s', want '%s'\n", i, buf_cstr(&out), subjects[i].want);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), subjects[i].want);
		buf_free(&out);
	}
	struct buf out = BUF_INIT(4096);
	bool reply = true;
	CU_ASSERT_EQUAL(rfc822_base_subject("Hello (fwd)", 11, &out, &reply), 0);
	CU_ASSERT_FALSE(reply);
	buf_reset(&out);
	CU_ASSERT_EQUAL(rfc822_base_subject("Re: Hello", 9, &out, &reply), 0);
	CU_ASSERT_TRUE(reply);
	buf_free(&out);
}

static void test_msgids(void)
{
	static struct rfc822_msgids ids;
	const char *v = " <a@b> garbage <c@d>(comment)<no-at> <> <x <inner@y> <unterminated";
	const char *want[] = { "a@b", "c@d", "no-at", "inner@y" };

	rfc822_msgid_parse(v, strlen(v), &ids);
	CU_ASSERT_EQUAL_FATAL(ids.n, N_ELEMENTS(want));
	for (size_t i = 0; i < ids.n; i++) {
		CU_ASSERT_EQUAL(ids.ids[i].len, strlen(want[i]));
		CU_ASSERT_EQUAL(memcmp(v + ids.ids[i].off, want[i], ids.ids[i].len), 0);
	}
	rfc822_msgid_parse("", 0, &ids);
	CU_ASSERT_EQUAL(ids.n, 0);
	/* the cap: the last RFC822_MSGID_MAX are kept */
	for (unsigned extra = 0; extra < 2; extra++) {
		struct buf in = BUF_INIT(BUF_MAX_UNLIMITED);
		for (unsigned i = 0; i < RFC822_MSGID_MAX + extra; i++)
			CU_ASSERT_EQUAL(buf_printf(&in, "<%u@x> ", i), 0);
		rfc822_msgid_parse(in.data, in.len, &ids);
		CU_ASSERT_EQUAL(ids.n, RFC822_MSGID_MAX);
		CU_ASSERT_EQUAL(memcmp(in.data + ids.ids[0].off, extra ? "1@x" : "0@x", 3), 0);
		buf_free(&in);
	}
}

static int collect(void *ctx, const struct mime_part *part, const char *s, size_t n)
{
	struct buf *b = ctx;
	(void)part;
	if (n == 0)
		return buf_putc(b, '|');
	return buf_append(b, s, n);
}

static const char text_msg[] =
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/mixed; boundary=b\n"
	"\n"
	"--b\n"
	"Content-Type: text/plain; charset=iso-8859-2\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"za=BF=F3=B3=E6 g=EA=B6l=B1 ja=BC=F1\n"
	"--b\n"
	"Content-Type: image/png\n"
	"Content-Transfer-Encoding: base64\n"
	"\n"
	"iVBORw0KGgo=\n"
	"--b\n"
	"Content-Type: text/html; charset=utf-8\n"
	"Content-Transfer-Encoding: base64\n"
	"\n"
	"PHA+SGVsbG8gPGI+d29ybGQ8L2I+ICZhbXA7IGFsbDwvcD4=\n"
	"--b\n"
	"Content-Type: message/rfc822\n"
	"\n"
	"Subject: inner\n"
	"\n"
	"inner text\n"
	"--b--\n";

static void test_extract(void)
{
	struct mime_part *root = mime_parse(text_msg, strlen(text_msg), 0);
	struct buf out = BUF_INIT(4096);

	CU_ASSERT_EQUAL(mime_text_extract(root, text_msg, strlen(text_msg), collect, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out),
			       "za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 ja\xc5\xba\xc5\x84|"
			       "<p>Hello <b>world</b> &amp; all</p>|inner text\n|");
	buf_reset(&out);
	CU_ASSERT_EQUAL(mime_text_preview(root, text_msg, strlen(text_msg), &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 ja\xc5\xba\xc5\x84");
	mime_free(&root);

	/* html only: tags and entities go */
	const char *html = "MIME-Version: 1.0\nContent-Type: text/html\n\n<p>Hi <b>there</b>&nbsp;you</p>\n";
	root = mime_parse(html, strlen(html), 0);
	buf_reset(&out);
	CU_ASSERT_EQUAL(mime_text_preview(root, html, strlen(html), &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "Hi there you");
	mime_free(&root);

	/* a long text: MIME_PREVIEW_CHARS whole characters */
	struct buf m = BUF_INIT(BUF_MAX_UNLIMITED);
	CU_ASSERT_EQUAL(buf_append_str(&m, "Subject: x\n\n"), 0);
	for (unsigned i = 0; i < 300; i++)
		CU_ASSERT_EQUAL(buf_append_str(&m, "\xc3\xa9"), 0);
	root = mime_parse(m.data, m.len, 0);
	buf_reset(&out);
	CU_ASSERT_EQUAL(mime_text_preview(root, m.data, m.len, &out), 0);
	CU_ASSERT_EQUAL(out.len, 2 * MIME_PREVIEW_CHARS);
	mime_free(&root);
	buf_free(&m);
	buf_free(&out);
}

static void test_charset_stream(void)
{
	const char *cases[][3] = {
		{ "iso-8859-2", "\xbf\xf3\xb3\xe6", "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87" },
		{ "utf-8", "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac" },
		{ "utf-8", "a\xe2\x82", "a\xef\xbf\xbd\xef\xbf\xbd" },
		{ "shift_jis", "\x82\xa0\x82\xa2", "\xe3\x81\x82\xe3\x81\x84" },
		{ "x-unknown", "caf\xc3\xa9\xff", "caf\xc3\xa9\xef\xbf\xbd" },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		for (int bytewise = 0; bytewise < 2; bytewise++) {
			struct charset_conv cv;
			struct buf out = BUF_INIT(256);
			const char *in = cases[i][1];
			charset_conv_init(&cv, cases[i][0]);
			if (bytewise) {
				for (size_t k = 0; in[k] != '\0'; k++)
					CU_ASSERT_EQUAL(charset_conv_feed(&cv, in + k, 1, &out), 0);
			} else {
				CU_ASSERT_EQUAL(charset_conv_feed(&cv, in, strlen(in), &out), 0);
			}
			CU_ASSERT_EQUAL(charset_conv_finish(&cv, &out), 0);
			if (strcmp(buf_cstr(&out), cases[i][2]) != 0)
				printf("case %zu%s: got '%s'\n", i, bytewise ? " bytewise" : "", buf_cstr(&out));
			CU_ASSERT_STRING_EQUAL(buf_cstr(&out), cases[i][2]);
			buf_free(&out);
		}
	}
}

void suite_text(void);
void suite_text(void)
{
	CU_pSuite s = cutest_suite("text");

	cutest_add(s, "RFC 2047 encoded words, word cap", test_rfc2047);
	cutest_add(s, "dates, INTERNALDATE", test_dates);
	cutest_add(s, "address lists, sort keys, cap", test_addresses);
	cutest_add(s, "RFC 5256 base subject", test_base_subject);
	cutest_add(s, "message-id lists, cap", test_msgids);
	cutest_add(s, "text extractor and preview", test_extract);
	cutest_add(s, "charset conversion in pieces", test_charset_stream);
}
