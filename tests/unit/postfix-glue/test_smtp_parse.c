/*
 * test_smtp_parse.c - SMTP/LMTP command lines and envelope addresses, with
 * hostile input: NULs, control bytes, over-long parts, broken quoting.
 *
 * Tests:   postfix-glue/smtp_parse.c
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cutest.h"
#include "pfhelpers.h"
#include "smtp_parse.h"

static void test_command_split(void)
{
	static const struct { const char *line; int ret; const char *verb, *args; } cases[] = {
		{ "LHLO client.example", 0, "LHLO", "client.example" },
		{ "lhlo x", 0, "LHLO", "x" },
		{ "QUIT", 0, "QUIT", "" },
		{ "MAIL FROM:<a@b>", 0, "MAIL", "FROM:<a@b>" },
		{ "NOOP  two spaces", 0, "NOOP", " two spaces" },
		{ "", -1, NULL, NULL },
		{ " MAIL", -1, NULL, NULL },
		{ "MA1L FROM:<>", -1, NULL, NULL },
		{ "ABCDEFGHIJKLMNOPQ", -1, NULL, NULL },          /* 17 letters */
		{ "ABCDEFGHIJKLMNOP", 0, "ABCDEFGHIJKLMNOP", "" }, /* 16 letters */
		{ "RCPT TO:<a\x01@b>", -1, NULL, NULL },
		{ "DATA\x7f", -1, NULL, NULL },
		{ "\xff\xfe", -1, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char verb[SMTP_VERB_MAX + 1];
		const char *args = NULL;
		int r = smtp_parse_command(cases[i].line, strlen(cases[i].line), verb, &args);

		if (r != cases[i].ret)
			printf("case %zu: got %d, want %d\n", i, r, cases[i].ret);
		CU_ASSERT_EQUAL(r, cases[i].ret);
		if (r == 0 && cases[i].ret == 0) {
			CU_ASSERT_STRING_EQUAL(verb, cases[i].verb);
			CU_ASSERT_STRING_EQUAL(args, cases[i].args);
		}
	}
	/* a NUL inside the counted line */
	{
		char verb[SMTP_VERB_MAX + 1];
		const char *args;

		CU_ASSERT_EQUAL(smtp_parse_command("NOOP\0x", 6, verb, &args), -1);
	}
}

static void test_mail(void)
{
	static const struct {
		const char *args;
		enum smtp_parse_err err;
		const char *addr, *domain;
		int has_size;
		unsigned long long size;
		enum smtp_body body;
	} cases[] = {
		{ "FROM:<alice@Example.ORG>", SMTP_PARSE_OK, "alice@example.org", "example.org", 0, 0, SMTP_BODY_NONE },
		{ "from:<>", SMTP_PARSE_OK, "", "", 0, 0, SMTP_BODY_NONE },
		{ "FROM: <a@b.c>", SMTP_PARSE_OK, "a@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:a@b.c", SMTP_PARSE_OK, "a@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<a@b.c> SIZE=1000", SMTP_PARSE_OK, "a@b.c", "b.c", 1, 1000, SMTP_BODY_NONE },
		{ "FROM:<a@b.c> size=0 body=8bitmime", SMTP_PARSE_OK, "a@b.c", "b.c", 1, 0, SMTP_BODY_8BITMIME },
		{ "FROM:<a@b.c> BODY=7BIT", SMTP_PARSE_OK, "a@b.c", "b.c", 0, 0, SMTP_BODY_7BIT },
		{ "FROM:<@relay.example,@r2.example:a@b.c>", SMTP_PARSE_OK, "a@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<\"john doe\"@b.c>", SMTP_PARSE_OK, "\"john doe\"@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<\"plain\"@b.c>", SMTP_PARSE_OK, "plain@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<\"a\\\"b\"@b.c>", SMTP_PARSE_OK, "\"a\\\"b\"@b.c", "b.c", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<a@[127.0.0.1]>", SMTP_PARSE_OK, "a@[127.0.0.1]", "[127.0.0.1]", 0, 0, SMTP_BODY_NONE },
		{ "FROM:<a@b.c> SIZE=99999999999999999999999", SMTP_PARSE_BAD_SIZE, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> SIZE=-1", SMTP_PARSE_BAD_SIZE, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> SIZE=", SMTP_PARSE_BAD_SIZE, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> SIZE=1 SIZE=2", SMTP_PARSE_BAD_SIZE, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> BODY=BINARYMIME", SMTP_PARSE_BAD_BODY, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> RET=FULL", SMTP_PARSE_BAD_PARAM, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> =x", SMTP_PARSE_BAD_PARAM, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c>junk", SMTP_PARSE_SYNTAX, NULL, NULL, 0, 0, 0 },
		{ "FROM:", SMTP_PARSE_SYNTAX, NULL, NULL, 0, 0, 0 },
		{ "FRM:<a@b>", SMTP_PARSE_SYNTAX, NULL, NULL, 0, 0, 0 },
		{ "", SMTP_PARSE_SYNTAX, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<@b.c>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a b@c.d>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b..c>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@-b.c>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c->", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<\"unterminated@b.c>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@[1.2.3.4>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a\xc3\xa9@b.c>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<postmaster>", SMTP_PARSE_BAD_ADDR, NULL, NULL, 0, 0, 0 },
		{ "FROM:<a@b.c> A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8 I=9 J=1 K=1 L=1 M=1 N=1 O=1 P=1 Q=1",
		  SMTP_PARSE_BAD_PARAM, NULL, NULL, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct smtp_mail_args m;
		enum smtp_parse_err e;

		memset(&m, 0x5a, sizeof(m));
		e = smtp_parse_mail(cases[i].args, &m);
		if (e != cases[i].err)
			printf("case %zu (%s): got %d, want %d\n", i, cases[i].args, e, cases[i].err);
		CU_ASSERT_EQUAL(e, cases[i].err);
		if (e == SMTP_PARSE_OK && cases[i].err == SMTP_PARSE_OK) {
			CU_ASSERT_STRING_EQUAL(m.from.addr, cases[i].addr);
			CU_ASSERT_STRING_EQUAL(m.from.domain, cases[i].domain);
			CU_ASSERT_EQUAL(m.has_size, cases[i].has_size != 0);
			if (m.has_size)
				CU_ASSERT_EQUAL(m.size, cases[i].size);
			CU_ASSERT_EQUAL(m.body, cases[i].body);
		}
	}
}

static void test_rcpt(void)
{
	static const struct { const char *args; enum smtp_parse_err err; const char *addr, *local; } cases[] = {
		{ "TO:<bob@example.org>", SMTP_PARSE_OK, "bob@example.org", "bob" },
		{ "to:<Bob+Work@Example.ORG>", SMTP_PARSE_OK, "Bob+Work@example.org", "Bob+Work" },
		{ "TO:<Postmaster>", SMTP_PARSE_OK, "Postmaster", "Postmaster" },
		{ "TO:<bob@example.org> ", SMTP_PARSE_OK, "bob@example.org", "bob" },
		{ "TO:<bob>", SMTP_PARSE_BAD_ADDR, NULL, NULL },
		{ "TO:<>", SMTP_PARSE_BAD_ADDR, NULL, NULL },
		{ "TO:<bob@example.org> NOTIFY=NEVER", SMTP_PARSE_BAD_PARAM, NULL, NULL },
		{ "TO:", SMTP_PARSE_SYNTAX, NULL, NULL },
		{ "FROM:<bob@example.org>", SMTP_PARSE_SYNTAX, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct smtp_addr a;
		enum smtp_parse_err e = smtp_parse_rcpt(cases[i].args, &a);

		if (e != cases[i].err)
			printf("case %zu (%s): got %d, want %d\n", i, cases[i].args, e, cases[i].err);
		CU_ASSERT_EQUAL(e, cases[i].err);
		if (e == SMTP_PARSE_OK && cases[i].err == SMTP_PARSE_OK) {
			CU_ASSERT_STRING_EQUAL(a.addr, cases[i].addr);
			CU_ASSERT_STRING_EQUAL(a.local, cases[i].local);
		}
	}
}

static void test_limits(void)
{
	char big[2 * SMTP_ADDR_MAX];
	char args[3 * SMTP_ADDR_MAX];
	struct smtp_addr a;
	struct smtp_mail_args m;

	/* local part at the limit is fine, one over is refused */
	memset(big, 'a', SMTP_LOCAL_MAX);
	big[SMTP_LOCAL_MAX] = '\0';
	snprintf(args, sizeof(args), "TO:<%s@b.c>", big);
	CU_ASSERT_EQUAL(smtp_parse_rcpt(args, &a), SMTP_PARSE_OK);
	memset(big, 'a', SMTP_LOCAL_MAX + 1);
	big[SMTP_LOCAL_MAX + 1] = '\0';
	snprintf(args, sizeof(args), "TO:<%s@b.c>", big);
	CU_ASSERT_EQUAL(smtp_parse_rcpt(args, &a), SMTP_PARSE_BAD_ADDR);
	/* a 64-byte label is over RFC 1035's 63 */
	memset(big, 'd', 64);
	big[64] = '\0';
	snprintf(args, sizeof(args), "FROM:<a@%s.c>", big);
	CU_ASSERT_EQUAL(smtp_parse_mail(args, &m), SMTP_PARSE_BAD_ADDR);
	big[63] = '\0';
	snprintf(args, sizeof(args), "FROM:<a@%s.c>", big);
	CU_ASSERT_EQUAL(smtp_parse_mail(args, &m), SMTP_PARSE_OK);
	/* a whole address over SMTP_ADDR_MAX */
	memset(big, 'x', SMTP_ADDR_MAX + 10);
	big[SMTP_ADDR_MAX + 10] = '\0';
	snprintf(args, sizeof(args), "FROM:<%s>", big);
	CU_ASSERT_EQUAL(smtp_parse_mail(args, &m), SMTP_PARSE_BAD_ADDR);
	/* quoted local part that needs quoting and escaping near the cap */
	memset(big, '"', SMTP_LOCAL_MAX);
	CU_ASSERT_EQUAL(smtp_parse_mailbox("\"\\\"\\\"\"@b.c", 10, false, &a), 0);
	CU_ASSERT_STRING_EQUAL(a.addr, "\"\\\"\\\"\"@b.c");
	CU_ASSERT_STRING_EQUAL(a.local, "\"\"");
}

static void test_domains(void)
{
	CU_ASSERT_TRUE(smtp_domain_valid("example.org", 11));
	CU_ASSERT_TRUE(smtp_domain_valid("a", 1));
	CU_ASSERT_TRUE(smtp_domain_valid("[IPv6:::1]", 10));
	CU_ASSERT_FALSE(smtp_domain_valid("", 0));
	CU_ASSERT_FALSE(smtp_domain_valid(".a", 2));
	CU_ASSERT_FALSE(smtp_domain_valid("a.", 2));
	CU_ASSERT_FALSE(smtp_domain_valid("[]", 2));
	CU_ASSERT_FALSE(smtp_domain_valid("[a]b]", 5));
	CU_ASSERT_FALSE(smtp_domain_valid("a\0b", 3));
	CU_ASSERT_STRING_EQUAL(smtp_parse_strerror(SMTP_PARSE_BAD_SIZE), "Bad message size syntax");
}

void suite_smtp_parse(void)
{
	CU_pSuite s = cutest_suite("smtp_parse");

	cutest_add(s, "command split", test_command_split);
	cutest_add(s, "MAIL FROM arguments", test_mail);
	cutest_add(s, "RCPT TO arguments", test_rcpt);
	cutest_add(s, "length limits", test_limits);
	cutest_add(s, "domain syntax", test_domains);
}
