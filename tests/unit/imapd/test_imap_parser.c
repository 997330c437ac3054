/*
 * test_imap_parser.c - imapd/imap_parser.c: every token kind, literals
 * (synchronising, LITERAL+, literal8, external), each cap hit exactly and
 * one past, errors with their tags and the skip of a LITERAL+ behind them,
 * and whole commands read from a stream that gives one byte per read.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "stream.h"
#include "imap_parser.h"
#include "imapd_test.h"

/* Render the arguments as a compact string: atoms bare, quoted as "..",
   literals as {n:bytes}, NIL as NIL, lists as (..). */
static void render(struct buf *out, const struct imap_arg *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			(void)!buf_putc(out, ' ');
		switch (a[i].type) {
		case IMAP_ARG_ATOM:
			(void)!buf_append(out, a[i].str, a[i].len);
			break;
		case IMAP_ARG_NIL:
			(void)!buf_append_str(out, "NIL");
			break;
		case IMAP_ARG_QUOTED:
			(void)!buf_printf(out, "\"%s\"", a[i].str);
			break;
		case IMAP_ARG_LITERAL:
			(void)!buf_printf(out, "{%s%zu:", a[i].literal8 ? "~" : "", a[i].len);
			(void)!buf_append(out, a[i].str, a[i].len);
			(void)!buf_putc(out, '}');
			break;
		case IMAP_ARG_LITERAL_EXT:
			(void)!buf_printf(out, "{ext%zu}", a[i].len);
			break;
		case IMAP_ARG_LIST:
			(void)!buf_putc(out, '(');
			render(out, a[i].list, a[i].n);
			(void)!buf_putc(out, ')');
			break;
		}
	}
}

/* Parse input (CRLF lines and literals) through read_command with chunk
   bytes per read; "tag NAME args" or "ERR tag: reason" per command,
   joined with '|'.  The continuation lines the server sent go to *sent. */
static char *parse_all(const char *input, size_t chunk, const struct imap_parser_limits *lim,
		       char **sent)
{
	struct test_io io;
	struct stream *s;
	struct imap_parser *p = imap_parser_new(lim);
	struct buf line = BUF_INIT(IMAP_LINE_MAX_DEFAULT + 2), out = BUF_INIT(1 << 20);
	int r;

	test_io_init(&io, input, strlen(input), chunk);
	s = test_io_stream(&io, lim != NULL ? lim->line_max : IMAP_LINE_MAX_DEFAULT);
	for (;;) {
		r = imap_parser_read_command(p, s, &line);
		if (r == 0)
			break;
		if (out.len > 0)
			(void)!buf_putc(&out, '|');
		if (r == 1) {
			size_t n;
			const struct imap_arg *a = imap_parser_args(p, &n);

			(void)!buf_printf(&out, "%s %s", imap_parser_tag(p), imap_parser_name(p));
			if (n > 0) {
				(void)!buf_putc(&out, ' ');
				render(&out, a, n);
			}
		} else if (errno == EPROTO) {
			(void)!buf_printf(&out, "ERR %s: %s", imap_parser_tag(p) ? imap_parser_tag(p) : "*",
					  imap_parser_error(p));
		} else {
			(void)!buf_printf(&out, "IOERR %d", errno);
			break;
		}
	}
	(void)stream_flush(s);
	if (sent != NULL)
		*sent = xstrdup_test(buf_cstr(&io.out));
	stream_free(&s);
	imap_parser_free(&p);
	buf_free(&line);
	test_io_deinit(&io);
	{
		char *res = xstrdup_test(buf_cstr(&out));

		buf_free(&out);
		return res;
	}
}

static void check(int i, const char *input, const char *want, const struct imap_parser_limits *lim)
{
	static const size_t chunks[] = { 0, 1, 3 };

	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		char *got = parse_all(input, chunks[c], lim, NULL);

		if (strcmp(got, want) != 0)
			printf("case %d (chunk %zu): got [%s], want [%s]\n", i, chunks[c], got, want);
		CU_ASSERT_STRING_EQUAL(got, want);
		free(got);
	}
}

static void test_tokens(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "a1 NOOP\r\n", "a1 NOOP" },
		{ "a1 noop\r\n", "a1 NOOP" },
		{ "A.1] login joe secret\r\n", "A.1] LOGIN joe secret" },
		{ "a LOGIN \"joe\" \"p\\\"w\\\\d\"\r\n", "a LOGIN \"joe\" \"p\"w\\d\"" },
		{ "a LOGIN \"\" \"\"\r\n", "a LOGIN \"\" \"\"" },
		{ "a X NIL nil Nil NILS\r\n", "a X NIL NIL NIL NILS" },
		{ "a LIST \"\" *\r\n", "a LIST \"\" *" },
		{ "a LIST \"\" INBOX.%\r\n", "a LIST \"\" INBOX.%" },
		{ "a STORE 1:*,3 +FLAGS.SILENT (\\Seen \\Deleted)\r\n",
		  "a STORE 1:*,3 +FLAGS.SILENT (\\Seen \\Deleted)" },
		{ "a FETCH 1 (BODY.PEEK[HEADER.FIELDS (From To)]<0.100> UID)\r\n",
		  "a FETCH 1 (BODY.PEEK[HEADER.FIELDS (From To)]<0.100> UID)" },
		{ "a X () (()) ((a) b)\r\n", "a X () (()) ((a) b)" },
		{ "a ID (\"name\" \"x\" \"version\" NIL)\r\n", "a ID (\"name\" \"x\" \"version\" NIL)" },
		{ "a LOGIN {3}\r\njoe {6}\r\nsecret\r\n", "a LOGIN {3:joe} {6:secret}" },
		{ "a LOGIN {3+}\r\njoe {0+}\r\n\r\n", "a LOGIN {3:joe} {0:}" },
		{ "a X ({2}\r\nab)\r\n", "a X ({2:ab})" },
		{ "a X ({2}\r\nab {1}\r\nc) d\r\n", "a X ({2:ab} {1:c}) d" },
		{ "a APPEND INBOX ~{3}\r\nx\0y\r\n", "a APPEND INBOX {~3:x" },
		{ "a X {5}\r\n\r\n\r\n.\r\n", "a X {5:\r\n\r\n.}" },
		{ "a1 NOOP\r\na2 NOOP\r\n", "a1 NOOP|a2 NOOP" },
		{ "a NOOP\n", "a NOOP" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (i == 16)
			continue;   /* embedded NUL: below */
		check((int)i, cases[i].in, cases[i].want, NULL);
	}
}

static void test_errors(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "\r\n", "ERR *: Missing or invalid tag" },
		{ " a NOOP\r\n", "ERR *: Missing or invalid tag" },
		{ "+ NOOP\r\n", "ERR *: Missing or invalid tag" },
		{ "a*b NOOP\r\n", "ERR a: Invalid character in tag" },
		{ "a\r\n", "ERR a: Missing command" },
		{ "a \r\n", "ERR a: Missing command" },
		{ "a(b NOOP\r\n", "ERR a: Invalid character in tag" },
		{ "a NOOP \r\n", "ERR a: Trailing space" },
		{ "a X  b\r\n", "ERR a: Extra space" },
		{ "a X b)\r\n", "ERR a: Unexpected )" },
		{ "a X (b\r\n", "ERR a: Missing ) at the end of the command" },
		{ "a X (b )\r\n", "ERR a: Unexpected )" },
		{ "a X ( b)\r\n", "ERR a: Extra space" },
		{ "a X (b)c\r\n", "ERR a: Missing space between arguments" },
		{ "a X \"abc\r\n", "ERR a: Unterminated quoted string" },
		{ "a X \"a\\b\"\r\n", "ERR a: Invalid escape in quoted string" },
		{ "a X \"a\tb\"\r\n", "ERR a: Control character in quoted string" },
		{ "a X \"\xc3\xa9\"\r\n", "ERR a: 8-bit character in quoted string" },
		{ "a X \xc3\xa9\r\n", "ERR a: Invalid character in command" },
		{ "a X BODY[HEADER\r\n", "ERR a: Missing ] in atom" },
		{ "a X {3} x\r\n", "ERR a: Literal must end the line" },
		{ "a X {}\r\n", "ERR a: Invalid literal size" },
		{ "a X {3x}\r\n", "ERR a: Invalid literal" },
		{ "a X {12345678901}\r\n", "ERR a: [LIMIT] Literal size too large" },
		{ "a X {4294967296}\r\n", "ERR a: [LIMIT] Literal size too large" },
		{ "a X {99999}\r\n", "ERR a: [LIMIT] Literal too large" },
		/* a LITERAL+ behind an error is skipped with the rest of the command */
		{ "a X \"bad\\x\" {3+}\r\nabc more {2+}\r\nxy end\r\nb NOOP\r\n",
		  "ERR a: Invalid escape in quoted string|b NOOP" },
		/* a synchronising one is not sent: the next line is a command */
		{ "a X \"bad\\x\" {3}\r\nb NOOP\r\n", "ERR a: Invalid escape in quoted string|b NOOP" },
		{ "a X {3}\r\nabc)\r\nb NOOP\r\n", "ERR a: Unexpected )|b NOOP" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check((int)i, cases[i].in, cases[i].want, NULL);
}

static void test_nul_and_literal8(void)
{
	static const char in[] = "a APPEND INBOX ~{3}\r\nx\0y\r\nb X a\0b\r\n";
	struct test_io io;
	struct stream *s;
	struct imap_parser *p = imap_parser_new(NULL);
	struct buf line = BUF_INIT(1000);
	const struct imap_arg *a;
	size_t n;

	test_io_init(&io, in, sizeof(in) - 1, 1);
	s = test_io_stream(&io, 1000);
	CU_ASSERT_EQUAL(imap_parser_read_command(p, s, &line), 1);
	a = imap_parser_args(p, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL(a[1].type, IMAP_ARG_LITERAL);
	CU_ASSERT_TRUE(a[1].literal8);
	CU_ASSERT_EQUAL(a[1].len, 3);
	CU_ASSERT(memcmp(a[1].str, "x\0y", 3) == 0);
	CU_ASSERT_PTR_NULL(imap_arg_astring(&a[1]));
	CU_ASSERT_STRING_EQUAL(imap_arg_astring(&a[0]), "INBOX");
	CU_ASSERT_EQUAL(imap_parser_read_command(p, s, &line), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	CU_ASSERT_STRING_EQUAL(imap_parser_error(p), "NUL byte in command");
	CU_ASSERT_EQUAL(imap_parser_read_command(p, s, &line), 0);
	stream_free(&s);
	imap_parser_free(&p);
	buf_free(&line);
	test_io_deinit(&io);
}

static void test_continuations(void)
{
	char *sent;
	char *got = parse_all("a LOGIN {3}\r\njoe {2+}\r\npw\r\nb X {1}\r\nz\r\n", 1, NULL, &sent);

	CU_ASSERT_STRING_EQUAL(got, "a LOGIN {3:joe} {2:pw}|b X {1:z}");
	/* one "+ OK" per synchronising literal, none for LITERAL+ */
	CU_ASSERT_STRING_EQUAL(sent, "+ OK\r\n+ OK\r\n");
	free(got);
	free(sent);
	got = parse_all("a X {3}\r\n\"bad\\\"\r\n", 1, NULL, &sent);
	free(got);
	free(sent);
}

/* Caps: exactly at each limit passes, one past fails. */
static void test_caps(void)
{
	struct imap_parser_limits lim = { 40, 10, 5, 3 };
	struct buf in = BUF_INIT(1000);

	/* depth: 3 levels fine, 4 too deep */
	check(100, "a X (((b)))\r\n", "a X (((b)))", &lim);
	check(101, "a X ((((b))))\r\n", "ERR a: [LIMIT] Lists nested too deep", &lim);
	/* arguments: 5 fine, 6 too many (lists count) */
	check(102, "a X 1 2 3 4 5\r\n", "a X 1 2 3 4 5", &lim);
	check(103, "a X 1 2 3 4 5 6\r\n", "ERR a: [LIMIT] Too many arguments", &lim);
	check(104, "a X (1 2 3) 4\r\n", "a X (1 2 3) 4", &lim);
	check(105, "a X (1 2 3) 4 5\r\n", "ERR a: [LIMIT] Too many arguments", &lim);
	check(106, "a X ((((\r\n", "ERR a: [LIMIT] Lists nested too deep", &lim);
	/* literals: 10 octets in all fine, 11 too many */
	check(107, "a X {4}\r\nabcd {6}\r\nefghij\r\n", "a X {4:abcd} {6:efghij}", &lim);
	check(108, "a X {4}\r\nabcd {7}\r\nb NOOP\r\n", "ERR a: [LIMIT] Literal too large|b NOOP", &lim);
	check(109, "a X {4}\r\nabcd {7+}\r\nefghijk\r\nb NOOP\r\n",
	      "ERR a: [LIMIT] Literal too large|b NOOP", &lim);
	/* line: 40 fine, 41 too long (the stream's line_max, as in the server) */
	(void)!buf_append_str(&in, "a X ");
	while (in.len < 40)
		(void)!buf_putc(&in, 'x');
	(void)!buf_append_str(&in, "\r\nb NOOP\r\n");
	check(110, buf_cstr(&in), "a X xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|b NOOP", &lim);
	buf_reset(&in);
	(void)!buf_append_str(&in, "a X ");
	while (in.len < 41)
		(void)!buf_putc(&in, 'x');
	(void)!buf_append_str(&in, "\r\nb NOOP\r\n");
	check(111, buf_cstr(&in), "IOERR 90", &lim);
	/* tag: 64 fine, 65 too long */
	buf_reset(&in);
	while (in.len < IMAP_TAG_MAX)
		(void)!buf_putc(&in, 't');
	(void)!buf_append_str(&in, " NOOP\r\n");
	{
		char want[100];

		snprintf(want, sizeof(want), "%.*s NOOP", IMAP_TAG_MAX, in.data);
		check(112, buf_cstr(&in), want, NULL);
	}
	buf_reset(&in);
	while (in.len < IMAP_TAG_MAX + 1)
		(void)!buf_putc(&in, 't');
	(void)!buf_append_str(&in, " NOOP\r\n");
	check(113, buf_cstr(&in), "ERR *: [LIMIT] Tag too long", NULL);
	/* the skip of LITERAL+ octets after an error is capped: the session ends */
	check(114, "a X \"\\x\" {16777217+}\r\n", "IOERR 7", NULL);
	buf_free(&in);
}

/* The parser's own API, without a stream: external literals, misuse. */
#define FEED(p, str) imap_parser_feed_line((p), (str), strlen(str))

static void test_api(void)
{
	struct imap_parser *p = imap_parser_new(NULL);
	const struct imap_arg *a;
	size_t n;

	CU_ASSERT_EQUAL(FEED(p, "a APPEND INBOX (\\Seen) {100000000}"),
			IMAP_PARSE_LITERAL);
	CU_ASSERT_EQUAL(imap_parser_literal_size(p), 100000000);
	CU_ASSERT_TRUE(imap_parser_literal_sync(p));
	/* a pending literal must be taken first */
	CU_ASSERT_EQUAL(FEED(p, "x"), IMAP_PARSE_ERROR);
	imap_parser_reset(p);
	CU_ASSERT_EQUAL(FEED(p, "a APPEND INBOX {100000000+}"),
			IMAP_PARSE_LITERAL);
	CU_ASSERT_FALSE(imap_parser_literal_sync(p));
	CU_ASSERT_EQUAL(imap_parser_literal_external(p), IMAP_PARSE_DONE);
	CU_ASSERT_EQUAL(FEED(p, ""), IMAP_PARSE_DONE);
	a = imap_parser_args(p, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL(a[1].type, IMAP_ARG_LITERAL_EXT);
	CU_ASSERT_EQUAL(a[1].len, 100000000);
	/* complete: more input is misuse */
	CU_ASSERT_EQUAL(FEED(p, "b NOOP"), IMAP_PARSE_ERROR);
	imap_parser_reset(p);
	/* a wrong literal length is refused */
	CU_ASSERT_EQUAL(FEED(p, "a X {3}"), IMAP_PARSE_LITERAL);
	CU_ASSERT_EQUAL(imap_parser_feed_literal(p, "ab", 2), IMAP_PARSE_ERROR);
	imap_parser_reset(p);
	/* UTF-8 in quoted strings after ENABLE UTF8=ACCEPT */
	imap_parser_set_utf8(p, true);
	CU_ASSERT_EQUAL(FEED(p, "a CREATE \"\xc3\xa9t\xc3\xa9\""),
			IMAP_PARSE_DONE);
	a = imap_parser_args(p, &n);
	CU_ASSERT_STRING_EQUAL(imap_arg_astring(&a[0]), "\xc3\xa9t\xc3\xa9");
	CU_ASSERT_TRUE(imap_arg_is_string(&a[0]));
	imap_parser_free(&p);
	CU_ASSERT_PTR_NULL(p);
}

void suite_imap_parser(void);
void suite_imap_parser(void)
{
	CU_pSuite s = cutest_suite("imap_parser");

	cutest_add(s, "tokens", test_tokens);
	cutest_add(s, "errors", test_errors);
	cutest_add(s, "nul_and_literal8", test_nul_and_literal8);
	cutest_add(s, "continuations", test_continuations);
	cutest_add(s, "caps", test_caps);
	cutest_add(s, "api", test_api);
}
