/*
 * test_log.c - the logger's exact record format (stderr captured through a
 * temporary file), level filtering, the connection context of log_conn,
 * hostile user names, log_safe escaping and cutting, die() and panic() in
 * child processes.
 *
 * Trust:   the "client" strings below carry control bytes, NULs, 8-bit bytes.
 * Limits:  records up to 10 KB are produced to test the record cut.
 * Tests:   this file (lib/log.c).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "helpers.h"
#include "log.h"

static struct buf captured = BUF_INIT(BUF_MAX_UNLIMITED);

static void reset_log(void)
{
	log_init("unit_lib");
	log_set_min_level(LOGL_DEBUG);
	log_set_prefix_progname(0);
	log_set_context(NULL, NULL);
	log_set_user(NULL);
}

static void test_levels_format(void)
{
	reset_log();
	capture_stderr_begin();
	log_msg(LOGL_DEBUG, "d %d", 1);
	log_msg(LOGL_INFO, "hello %s", "world");
	log_msg(LOGL_WARN, "w");
	log_msg(LOGL_ERR, "e");
	log_msg(LOGL_CRIT, "c");
	log_msg(LOGL_ALERT, "a");
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured),
			       "DEBUG: d 1\nINFO: hello world\nWARN: w\nERR: e\n"
			       "CRIT: c\nALERT: a\n");

	log_set_min_level(LOGL_WARN);
	capture_stderr_begin();
	log_msg(LOGL_DEBUG, "dropped");
	log_msg(LOGL_INFO, "dropped");
	log_msg(LOGL_WARN, "kept");
	log_conn(LOGL_INFO, "LOGIN", NULL);
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured), "WARN: kept\n");

	reset_log();
	log_init("/usr/lib/courier/courier/imaplogin");
	log_set_prefix_progname(1);
	capture_stderr_begin();
	log_msg(LOGL_INFO, "x");
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured), "imaplogin: INFO: x\n");
	reset_log();
}

static void test_conn_format(void)
{
	reset_log();
	capture_stderr_begin();
	log_set_context("192.0.2.7", "51234");
	log_conn(LOGL_INFO, "Connection", NULL);
	log_set_user("alice");
	log_conn(LOGL_INFO, "LOGIN", "protocol=%s", "IMAP");
	log_conn(LOGL_INFO, "LOGOUT", "rcvd=%d, sent=%d", 12, 345);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-zero-length"
	log_conn(LOGL_INFO, "DISCONNECTED", "");   /* empty fmt: no ", " */
#pragma GCC diagnostic pop
	log_set_context("::ffff:127.0.0.1", "143");
	log_conn(LOGL_ERR, "TIMEOUT", NULL);
	log_set_user(NULL);
	log_set_context(NULL, NULL);
	log_conn(LOGL_INFO, "BARE", "x=1");
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured),
		"INFO: Connection, ip=[192.0.2.7], port=[51234]\n"
		"INFO: LOGIN, user=alice, ip=[192.0.2.7], port=[51234], protocol=IMAP\n"
		"INFO: LOGOUT, user=alice, ip=[192.0.2.7], port=[51234], rcvd=12, sent=345\n"
		"INFO: DISCONNECTED, user=alice, ip=[192.0.2.7], port=[51234]\n"
		"ERR: TIMEOUT, user=alice, ip=[::ffff:127.0.0.1], port=[143]\n"
		"INFO: BARE, x=1\n");
	reset_log();
}

static void test_conn_hostile_user(void)
{
	struct buf big = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *out;

	reset_log();
	log_set_context("192.0.2.7", "1");
	/* A user name that tries to forge a second record. */
	log_set_user("bob\r\nINFO: LOGIN, user=root\\");
	capture_stderr_begin();
	log_conn(LOGL_INFO, "LOGIN FAILED", NULL);
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured),
		"INFO: LOGIN FAILED, user=bob\\x0d\\x0aINFO: LOGIN, user=root\\x5c, "
		"ip=[192.0.2.7], port=[1]\n");

	/* 10000-byte user name: one record, one newline, cut. */
	for (int i = 0; i < 10000; i++)
		if (buf_putc(&big, (char)(i % 3 == 0 ? '\n' : 'u')) < 0)
			CU_FAIL("putc");
	log_set_user(buf_cstr(&big));
	capture_stderr_begin();
	log_conn(LOGL_INFO, "LOGIN FAILED", "reason=%s", "bad password");
	capture_stderr_end(&captured);
	out = buf_cstr(&captured);
	CU_ASSERT_PTR_EQUAL(strchr(out, '\n'), out + captured.len - 1);
	CU_ASSERT_EQUAL(out[captured.len - 1], '\n');
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "..."));
	CU_ASSERT_TRUE(captured.len < 5000);
	CU_ASSERT_EQUAL(strncmp(out, "INFO: LOGIN FAILED, user=\\x0auu\\x0auu", 37), 0);
	buf_free(&big);
	reset_log();
}

static void test_record_cut(void)
{
	/* A record far over the record size is cut, still ends with one
	   newline, and is written as a single record. */
	struct buf big = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t newlines = 0;

	for (int i = 0; i < 10000; i++)
		if (buf_putc(&big, 'z') < 0)
			CU_FAIL("putc");
	reset_log();
	capture_stderr_begin();
	log_msg(LOGL_INFO, "%s", buf_cstr(&big));
	log_msg(LOGL_INFO, "after");
	capture_stderr_end(&captured);
	for (size_t i = 0; i < captured.len; i++)
		newlines += captured.data[i] == '\n';
	CU_ASSERT_EQUAL(newlines, 2);
	CU_ASSERT_TRUE(captured.len < 9000);
	CU_ASSERT_EQUAL(strncmp(captured.data, "INFO: zzzz", 10), 0);
	CU_ASSERT_TRUE(captured.len > 13 &&
		       strcmp(captured.data + captured.len - 13, "\nINFO: after\n") == 0);
	buf_free(&big);
}

struct safe_case {
	const char *in;
	size_t n;       /* bytes of in (may contain NUL) */
	size_t max;
	const char *want;
};

static void test_safe_table(void)
{
	static const struct safe_case cases[] = {
		/* 0 */ { "", 0, 10, "" },
		{ "alice", 5, 10, "alice" },
		{ "alice", 5, 5, "alice" },             /* exactly max: not cut */
		{ "alice", 5, 4, "alic..." },            /* max + 1 */
		{ "alice", 5, 0, "..." },
		/* 5 */ { "a\\b", 3, 10, "a\\x5cb" },
		{ "a\rb\n", 4, 10, "a\\x0db\\x0a" },
		{ "\x01\x1f\x7f\x80\xff", 5, 10, "\\x01\\x1f\\x7f\\x80\\xff" },
		{ " ~", 2, 10, " ~" },
		{ "a\0b", 3, 10, "a\\x00b" },
		/* 10 */ { "\x01\x02\x03\x04", 4, 2, "\\x01\\x02..." },
		{ "\"[x]\"", 5, 10, "\"[x]\"" },
		{ "\t", 1, 1, "\\x09" },
	};
	struct buf tmp = BUF_INIT(BUF_MAX_UNLIMITED);

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		const char *got = log_safe_n(&tmp, cases[i].in, cases[i].n, cases[i].max);

		if (strcmp(got, cases[i].want) != 0) {
			printf("case %zu: got \"%s\", want \"%s\"\n", i, got, cases[i].want);
			CU_FAIL("log_safe_n");
		}
		if (memchr(cases[i].in, '\0', cases[i].n) == NULL) {
			got = log_safe(&tmp, cases[i].in, cases[i].max);
			if (strcmp(got, cases[i].want) != 0) {
				printf("case %zu: log_safe got \"%s\", want \"%s\"\n", i, got,
				       cases[i].want);
				CU_FAIL("log_safe");
			}
		}
	}
	/* The result replaces what tmp held. */
	CU_ASSERT_EQUAL(buf_append_str(&tmp, "junk"), 0);
	CU_ASSERT_STRING_EQUAL(log_safe(&tmp, "ok", 10), "ok");
	buf_free(&tmp);
}

static void test_safe_every_byte(void)
{
	struct buf tmp = BUF_INIT(BUF_MAX_UNLIMITED);
	unsigned char all[256];
	const char *out;
	int bad = 0;

	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	out = log_safe_n(&tmp, all, sizeof(all), sizeof(all));
	for (const char *p = out; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	/* 95 printable minus '\' stay as they are, the other 162 bytes become 4 each. */
	CU_ASSERT_EQUAL(strlen(out), 94 + 162 * 4);
	buf_free(&tmp);
}

static void child_die(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	log_init("unit_lib");
	die(75, "cannot open %s", "/nonexistent");
}

static void child_panic(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	signal(SIGABRT, SIG_DFL);
	log_init("unit_lib");
	panic("impossible state %d", 3);
}

static void test_die_panic(void)
{
	struct buf out = BUF_INIT(4096);
	int status;

	capture_stderr_begin();
	status = run_in_child(child_die, NULL, &out);
	capture_stderr_end(&captured);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 75);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured), "CRIT: cannot open /nonexistent\n");

	capture_stderr_begin();
	status = run_in_child(child_panic, NULL, &out);
	capture_stderr_end(&captured);
	CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&captured), "CRIT: PANIC: impossible state 3\n"));
	buf_free(&out);
}

static void test_errno_kept(void)
{
	reset_log();
	capture_stderr_begin();
	errno = ENOSPC;
	log_msg(LOGL_ERR, "write: %s", "x");
	CU_ASSERT_EQUAL(errno, ENOSPC);
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured), "ERR: write: x\n");
	buf_free(&captured);
}

/* STAFETA_LOG_TIME=1: an RFC 3339 UTC stamp before the unchanged record
   (Courier's LOGIN lines stay as they are after it). */
static void test_timestamps(void)
{
	time_t before, after;
	struct tm tm;
	char want[64];
	const char *got;

	reset_log();
	setenv("STAFETA_LOG_TIME", "1", 1);
	log_init("pop3d");
	unsetenv("STAFETA_LOG_TIME");
	before = time(NULL);
	capture_stderr_begin();
	log_msg(LOGL_INFO, "LOGIN, user=joe, ip=[127.0.0.1], port=[4242]");
	capture_stderr_end(&captured);
	after = time(NULL);
	got = buf_cstr(&captured);
	CU_ASSERT_EQUAL(strlen(got), 21 + strlen("INFO: LOGIN, user=joe, ip=[127.0.0.1], port=[4242]\n"));
	CU_ASSERT_STRING_EQUAL(got + 21, "INFO: LOGIN, user=joe, ip=[127.0.0.1], port=[4242]\n");
	for (time_t t = before; t <= after; t++) {
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ ", &tm);
		if (strncmp(got, want, 21) == 0)
			break;
		if (t == after)
			CU_FAIL("no timestamp of the time of the call");
	}
	/* anything but "1" leaves them off; log_set_timestamps(0) too */
	setenv("STAFETA_LOG_TIME", "yes", 1);
	log_init("pop3d");
	unsetenv("STAFETA_LOG_TIME");
	capture_stderr_begin();
	log_msg(LOGL_INFO, "x");
	log_set_timestamps(1);
	log_set_timestamps(0);
	log_msg(LOGL_INFO, "y");
	capture_stderr_end(&captured);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&captured), "INFO: x\nINFO: y\n");
	reset_log();
}

void suite_log(void);
void suite_log(void)
{
	CU_pSuite s = cutest_suite("log");

	cutest_add(s, "levels and record format", test_levels_format);
	cutest_add(s, "timestamps for a log file of its own", test_timestamps);
	cutest_add(s, "log_conn format", test_conn_format);
	cutest_add(s, "hostile user names in the context", test_conn_hostile_user);
	cutest_add(s, "over-long record cut to one line", test_record_cut);
	cutest_add(s, "log_safe table", test_safe_table);
	cutest_add(s, "log_safe over every byte value", test_safe_every_byte);
	cutest_add(s, "die and panic", test_die_panic);
	cutest_add(s, "errno survives logging", test_errno_kept);
}
