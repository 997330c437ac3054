/*
 * test_pop3_proto.c - POP3 command lines and arguments as a hostile client
 * sends them: empty lines, NULs, over-long verbs, 8-bit bytes, tabs, missing
 * and extra arguments, numbers that overflow; Courier's lenient readings
 * ("LIST  1", "LIST 01", "TOP 1 x", "TOP 1 -1"); CAPA text; hex hand-off.
 *
 * Trust:   every line here is hostile input.
 * Tests:   pop3d/pop3_proto.c
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cutest.h"
#include "buf.h"
#include "pop3_proto.h"

struct parse_case {
	const char *line;
	size_t len;           /* 0 = strlen */
	int ret;
	const char *verb, *args;
};

static const struct parse_case parse_cases[] = {
	{ "STAT", 0, 0, "STAT", "" },
	{ "stat", 0, 0, "STAT", "" },
	{ "LiSt 1", 0, 0, "LIST", "1" },
	{ "LIST  1", 0, 0, "LIST", " 1" },
	{ "USER joe doe", 0, 0, "USER", "joe doe" },
	{ "PASS ", 0, 0, "PASS", "" },
	{ "", 0, -1, NULL, NULL },
	{ " STAT", 0, -1, NULL, NULL },
	{ "ST\tAT", 0, -1, NULL, NULL },
	{ "ST\0AT", 5, -1, NULL, NULL },
	{ "STAT x\0y", 8, -1, NULL, NULL },
	{ "ST\xc3\x84T", 0, -1, NULL, NULL },
	{ "ABCDEFGHIJKLMNOP", 0, 0, "ABCDEFGHIJKLMNOP", "" },
	{ "ABCDEFGHIJKLMNOPQ", 0, -1, NULL, NULL },
	{ "ABCDEFGHIJKLMNOPQ 1", 0, -1, NULL, NULL },
	{ "\x7f", 0, -1, NULL, NULL },
};

static void test_parse(void)
{
	size_t i;

	for (i = 0; i < N_ELEMENTS(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		size_t len = c->len != 0 ? c->len : strlen(c->line);
		struct pop3_cmd cmd;
		int r = pop3_cmd_parse(c->line, len, &cmd);

		if (r != c->ret) {
			printf("case %zu: got %d, want %d\n", i, r, c->ret);
			CU_FAIL("return value");
			continue;
		}
		if (r == 0 && (strcmp(cmd.verb, c->verb) != 0 || strcmp(cmd.args, c->args) != 0)) {
			printf("case %zu: got %s/%s, want %s/%s\n", i, cmd.verb, cmd.args, c->verb,
			       c->args);
			CU_FAIL("split");
		}
	}
}

static void test_msgnum(void)
{
	unsigned long n = 77;
	const char *rest;

	CU_ASSERT_EQUAL(pop3_arg_msgnum("1", &n, &rest), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(rest, "");
	CU_ASSERT_EQUAL(pop3_arg_msgnum("01", &n, NULL), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("12 2", &n, &rest), 0);
	CU_ASSERT_EQUAL(n, 12);
	CU_ASSERT_STRING_EQUAL(rest, " 2");
	CU_ASSERT_EQUAL(pop3_arg_msgnum("0", &n, NULL), 0);
	CU_ASSERT_EQUAL(n, 0);
	n = 77;
	/* the leniencies are errors now: "RETR  1", "RETR 1x", "RETR 1 " */
	CU_ASSERT_EQUAL(pop3_arg_msgnum(" 1", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("\t1", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("1x", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("1x", &n, &rest), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("1 ", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("12 2", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("a", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("-1", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("+1", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("99999999999999999999999", &n, NULL), -1);
	CU_ASSERT_EQUAL(pop3_arg_msgnum("18446744073709551616", &n, NULL), -1);
	CU_ASSERT_EQUAL(n, 77);   /* untouched on failure */
	CU_ASSERT_EQUAL(pop3_arg_msgnum("18446744073709551615", &n, NULL), 0);
}

static void test_lines(void)
{
	long long l = 5;

	CU_ASSERT_EQUAL(pop3_arg_lines("", &l), -1);
	CU_ASSERT_EQUAL(pop3_arg_lines("   ", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" ", &l), -2);
	CU_ASSERT_EQUAL(l, 5);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 0", &l), 0);
	CU_ASSERT_EQUAL(l, 0);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 10", &l), 0);
	CU_ASSERT_EQUAL(l, 10);
	l = 5;
	CU_ASSERT_EQUAL(pop3_arg_lines(" x", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" -1", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" +1", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines("  1", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 1x", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 1 ", &l), -2);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 99999999999999999999", &l), -2);
	/* 2^63 - 1 exactly, and one past it */
	CU_ASSERT_EQUAL(pop3_arg_lines(" 9223372036854775808", &l), -2);
	CU_ASSERT_EQUAL(l, 5);
	CU_ASSERT_EQUAL(pop3_arg_lines(" 9223372036854775807", &l), 0);
	CU_ASSERT_EQUAL(l, 9223372036854775807LL);
}

static void test_capa(void)
{
	struct buf b = BUF_INIT(4096);

	CU_ASSERT_EQUAL(pop3_capa_format(&b, NULL, false), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b),
		"+OK Here's what I can do:\r\nTOP\r\nUSER\r\nLOGIN-DELAY 10\r\nPIPELINING\r\n"
		"UIDL\r\nUTF8 USER\r\nIMPLEMENTATION Courier Mail Server\r\n.\r\n");
	buf_reset(&b);
	CU_ASSERT_EQUAL(pop3_capa_format(&b, "PLAIN LOGIN", true), 0);
	CU_ASSERT(strncmp(buf_cstr(&b), "+OK Here's what I can do:\r\nSASL PLAIN LOGIN\r\n"
			  "STLS\r\nTOP\r\n", 51) == 0);
	buf_free(&b);
	buf_init(&b, 20);
	CU_ASSERT_EQUAL(pop3_capa_format(&b, NULL, false), -1);
	buf_free(&b);
}

static void test_hex(void)
{
	struct buf h = BUF_INIT(64), d = BUF_INIT(64);

	CU_ASSERT_EQUAL(pop3_hex_encode(&h, "S\0\r\n\xff", 5), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&h), "53000d0aff");
	CU_ASSERT_EQUAL(pop3_hex_decode(buf_cstr(&h), &d), 0);
	CU_ASSERT_EQUAL(d.len, 5);
	CU_ASSERT(memcmp(d.data, "S\0\r\n\xff", 5) == 0);
	buf_reset(&d);
	CU_ASSERT_EQUAL(pop3_hex_decode("abc", &d), -1);
	CU_ASSERT_EQUAL(pop3_hex_decode("zz", &d), -1);
	CU_ASSERT_EQUAL(pop3_hex_decode("0A0b", &d), 0);
	CU_ASSERT_EQUAL(d.len, 2);
	buf_free(&d);
	buf_init(&d, 1);
	CU_ASSERT_EQUAL(pop3_hex_decode("0a0b", &d), -1);
	buf_free(&d);
	buf_free(&h);
}

void suite_pop3_proto(void);
void suite_pop3_proto(void)
{
	CU_pSuite s = cutest_suite("pop3_proto");

	cutest_add(s, "command split", test_parse);
	cutest_add(s, "message numbers", test_msgnum);
	cutest_add(s, "TOP line counts", test_lines);
	cutest_add(s, "CAPA", test_capa);
	cutest_add(s, "hex hand-off", test_hex);
}
