/*
 * test_imap_session.c - imapd/imap_session.c: the command table's state
 * rules (the selected state, which no part-A command reaches over the
 * wire), UID folding, the bad-command counter and its reset, LOGOUT, EOF,
 * all through a stream that gives one byte per read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_session.h"
#include "imapd_test.h"

static char *run(const char *input, enum imap_state state, enum imap_end *end_r)
{
	struct imap_config cfg;
	struct imap_client c;
	struct test_io io;
	struct stream *s;
	const char *error;
	char *out;

	unsetenv("IMAP_CAPABILITY");
	CU_ASSERT_FATAL(imap_config_load(&cfg, &error) == 0);
	test_io_init(&io, input, strlen(input), 1);
	s = test_io_stream(&io, IMAP_LINE_MAX);
	imap_client_init(&c, s, &cfg, "joe");
	c.state = state;
	*end_r = imap_session_run(&c);
	(void)stream_flush(s);
	out = xstrdup_test(buf_cstr(&io.out));
	imap_client_deinit(&c);
	stream_free(&s);
	test_io_deinit(&io);
	imap_config_free(&cfg);
	return out;
}

static void test_states(void)
{
	enum imap_end end;
	char *out;

	/* ENABLE only before SELECT (RFC 5161) */
	out = run("a ENABLE UTF8=ACCEPT\r\nb NOOP\r\n", IMAP_ST_SELECTED, &end);
	CU_ASSERT_STRING_EQUAL(out, "a BAD Not valid in this state\r\nb OK NOOP completed\r\n");
	CU_ASSERT_EQUAL(end, IMAP_END_EOF);
	free(out);
	out = run("a ENABLE UTF8=ACCEPT\r\n", IMAP_ST_AUTH, &end);
	CU_ASSERT_STRING_EQUAL(out, "* ENABLED UTF8=ACCEPT\r\na OK Options enabled\r\n");
	free(out);
	/* UID folds into the command; no part-A command takes it */
	out = run("a uid list \"\" *\r\nb UID (x)\r\n", IMAP_ST_SELECTED, &end);
	CU_ASSERT_STRING_EQUAL(out, "a BAD UID not valid with this command\r\n"
			       "b BAD UID needs a command\r\n");
	free(out);
}

static void test_logout_and_counter(void)
{
	enum imap_end end;
	struct buf in = BUF_INIT(4096), want = BUF_INIT(4096);
	char *out;

	out = run("a LOGOUT\r\nb NOOP\r\n", IMAP_ST_AUTH, &end);
	CU_ASSERT_STRING_EQUAL(out, "* BYE Courier-IMAP server shutting down\r\n"
			       "a OK LOGOUT completed\r\n");
	CU_ASSERT_EQUAL(end, IMAP_END_LOGOUT);
	free(out);
	/* nine errors, a good command resets the count, then ten end it */
	for (int i = 0; i < 9; i++) {
		(void)!buf_printf(&in, "x%d FOO\r\n", i);
		(void)!buf_printf(&want, "x%d BAD Unknown command\r\n", i);
	}
	(void)!buf_append_str(&in, "n NOOP\r\n");
	(void)!buf_append_str(&want, "n OK NOOP completed\r\n");
	for (int i = 0; i < 10; i++) {
		(void)!buf_printf(&in, "y%d FOO\r\n", i);
		(void)!buf_printf(&want, "y%d BAD Unknown command\r\n", i);
	}
	(void)!buf_append_str(&in, "z NOOP\r\n");
	(void)!buf_append_str(&want, "* BYE [ALERT] Fatal error: TOO MANY CONSECUTIVE PROTOCOL "
			      "VIOLATIONS\r\n");
	out = run(buf_cstr(&in), IMAP_ST_AUTH, &end);
	CU_ASSERT_STRING_EQUAL(out, buf_cstr(&want));
	CU_ASSERT_EQUAL(end, IMAP_END_CLOSE);
	free(out);
	buf_free(&in);
	buf_free(&want);
}

static void test_lookup(void)
{
	CU_ASSERT_PTR_NOT_NULL(imap_cmd_lookup("LIST"));
	CU_ASSERT_PTR_NULL(imap_cmd_lookup("list"));
	CU_ASSERT_PTR_NULL(imap_cmd_lookup("LOGIN"));
	CU_ASSERT_PTR_NULL(imap_cmd_lookup(""));
	CU_ASSERT_EQUAL(imap_cmd_lookup("ENABLE")->states, IMAP_ST_AUTH);
}

void suite_imap_session(void);
void suite_imap_session(void)
{
	CU_pSuite s = cutest_suite("imap_session");

	cutest_add(s, "states", test_states);
	cutest_add(s, "logout_and_counter", test_logout_and_counter);
	cutest_add(s, "lookup", test_lookup);
}
