/*
 * test_session.c - whole LMTP and SMTP sessions over memory streams, with a
 * fake authdaemond and a fake delivery: every reply code, pipelined input
 * fed whole and one byte per read, state errors, limits.
 *
 * Tests:   postfix-glue/lmtp_session.c
 */
#include "config.h"

#include <errno.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "lmtp_config.h"
#include "lmtp_session.h"
#include "pfhelpers.h"
#include "xmalloc.h"

static enum auth_result s_pre(void *ctx, const char *service, const char *user,
			      struct auth_info *ai)
{
	(void)ctx;
	(void)service;
	if (strcmp(user, "down") == 0)
		return AUTH_TEMPFAIL;
	if (strcmp(user, "alice") != 0 && strcmp(user, "full") != 0 &&
	    strcmp(user, "disk") != 0 && strcmp(user, "bob@example.com") != 0)
		return AUTH_FAIL;
	ai->have_uid = true;
	ai->uid = getuid();
	ai->gid = getgid();
	ai->home = xstrdup("/nonexistent");
	return AUTH_OK;
}

static int s_alias(void *ctx, const char *name, struct buf *out)
{
	(void)ctx;
	(void)name;
	(void)out;
	return 0;
}

static const struct lmtp_rcpt_backend s_be = { s_pre, s_alias, NULL };

/* What the fake delivery saw. */
static struct buf seen;

static void s_deliver(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
		      const struct lmtp_target *t, const char *rcpt, struct lmtp_deliv_result *r)
{
	char body[4096];
	ssize_t n = pread(m->spool_fd, body, sizeof(body) - 1, 0);
	struct buf hdr = BUF_INIT(8192);

	(void)cfg;
	memset(r, 0, sizeof(*r));
	CU_ASSERT_EQUAL((size_t)n, m->spool_size);
	body[n > 0 ? n : 0] = '\0';
	CU_ASSERT_EQUAL(lmtp_deliver_headers(m, t->address, rcpt, &hdr), 0);
	(void)!buf_printf(&seen, "[%s|%s|%s]%s", t->address, rcpt, m->return_path, body);
	if (strstr(buf_cstr(&hdr), "\tby mx.example.org (Stafeta) with ") == NULL ||
	    strncmp(buf_cstr(&hdr), "Return-Path: <", 14) != 0)
		(void)!buf_printf(&seen, "BAD HEADERS: %s", buf_cstr(&hdr));
	buf_free(&hdr);
	if (strcmp(t->address, "full") == 0)
		r->status = DELIV_OVERQUOTA;
	else if (strcmp(t->address, "disk") == 0) {
		r->status = DELIV_TEMPFAIL;
		r->err = ENOSPC;
	} else
		r->status = DELIV_OK;
}

static void s_quota(const struct lmtpd_config *cfg, const struct lmtp_target *t, uint64_t size,
		    struct lmtp_deliv_result *r)
{
	(void)cfg;
	memset(r, 0, sizeof(*r));
	r->status = strcmp(t->address, "full") == 0 && size > 0 ? DELIV_OVERQUOTA : DELIV_OK;
}

static const char *cfgtext =
	"myhostname = mx.example.org\nmydestination = $myhostname, localhost\n"
	"virtual_mailbox_domains = example.com\nmessage_size_limit = 2000\n"
	"smtpd_recipient_limit = 3\nsmtpd_hard_error_limit = 50\n";

/* Run a whole session over in (chunk bytes per read); returns the output. */
static char *session(const char *in, size_t chunk, bool smtp, const char *extra_cfg)
{
	struct lmtpd_config cfg;
	struct lmtp_session ss;
	struct pf_io io;
	struct stream *s;
	char text[2048];
	char *out;

	snprintf(text, sizeof(text), "%s%s", cfgtext, extra_cfg != NULL ? extra_cfg : "");
	pf_config(&cfg, text);
	s = pf_stream(&io, in, strlen(in), chunk, (size_t)cfg.line_length_limit);
	lmtp_session_init(&ss, &cfg, &s_be, s, smtp, "127.0.0.1", -1);
	ss.deliver = s_deliver;
	ss.quota_check = s_quota;
	(void)lmtp_session_run(&ss);
	lmtp_session_deinit(&ss);
	stream_free(&s);
	out = xstrdup(buf_cstr(&io.out));
	pf_io_free(&io);
	lmtp_config_free(&cfg);
	return out;
}

/* The queue id of "Ok: delivered as ID" (time.pid.n: hex.hex.decimal) is
   checked for its form and replaced by <ID>. */
static void normalize_ids(char *got)
{
	static const char tag[] = "Ok: delivered as ";
	char *p = got;

	while ((p = strstr(p, tag)) != NULL) {
		char *id = p + sizeof(tag) - 1, *e = id;
		int dots = 0;

		while (isxdigit((unsigned char)*e) || *e == '.')
			dots += *e++ == '.';
		CU_ASSERT(e - id > 4 && dots == 2 && *e == '\r');
		memmove(id + 4, e, strlen(e) + 1);
		memcpy(id, "<ID>", 4);
		p = id + 4;
	}
}

static void expect_session(const char *in, bool smtp, const char *want, const char *extra)
{
	for (size_t chunk = 0; chunk <= 1; chunk++) {
		char *got = session(in, chunk, smtp, extra);

		normalize_ids(got);

		if (strcmp(got, want) != 0)
			printf("chunk %zu: got\n%s\nwant\n%s\n", chunk, got, want);
		CU_ASSERT_STRING_EQUAL(got, want);
		free(got);
	}
}

static void test_lmtp_pipelined(void)
{
	buf_init(&seen, 1 << 20);
	expect_session(
		"LHLO client.example\r\nMAIL FROM:<sender@example.net> SIZE=100 BODY=8BITMIME\r\n"
		"RCPT TO:<alice@mx.example.org>\r\nRCPT TO:<nobody@mx.example.org>\r\n"
		"RCPT TO:<bob@example.com>\r\nRCPT TO:<full@localhost>\r\nDATA\r\n"
		"Subject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n",
		false,
		"220 mx.example.org LMTP Stafeta\r\n"
		"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 2000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
		"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
		"550 5.1.1 <nobody@mx.example.org>: Recipient address rejected: User unknown\r\n"
		"250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
		"354 End data with <CR><LF>.<CR><LF>\r\n"
		"250 2.0.0 <alice@mx.example.org> Ok: delivered as <ID>\r\n"
		"250 2.0.0 <bob@example.com> Ok: delivered as <ID>\r\n"
		"452 4.2.2 <full@localhost> Mailbox full\r\n"
		"221 2.0.0 Bye\r\n", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&seen),
				      "[alice|alice@mx.example.org|sender@example.net]Subject: hi\n\n.dot\n"
				      "[bob@example.com|bob@example.com|sender@example.net]Subject: hi\n\n.dot\n"
				      "[full|full@localhost|sender@example.net]"));
	CU_ASSERT_PTR_NULL(strstr(buf_cstr(&seen), "BAD HEADERS"));
	buf_free(&seen);
}

static void test_state_errors(void)
{
	buf_init(&seen, 1 << 20);
	expect_session(
		"MAIL FROM:<a@b.c>\r\nHELO x\r\nEHLO x\r\nLHLO\r\nLHLO x\r\nRCPT TO:<alice@localhost>\r\n"
		"DATA\r\nMAIL FROM:<>\r\nMAIL FROM:<>\r\nDATA\r\nRCPT TO:<nobody@localhost>\r\nDATA\r\n"
		"RSET x\r\nRSET\r\nDATA\r\nSTARTTLS\r\nVRFY alice\r\nHELP\r\nNOOP\r\nFOO\r\n\r\n"
		"MAIL FROM:<a@b.c> SIZE=2001\r\nMAIL FROM:<a@b.c> SIZE=x\r\nMAIL FROM:<a@b.c> RET=HDRS\r\n"
		"MAIL FROM:<a@b.c> BODY=BINARYMIME\r\nMAIL FROM:<a b>\r\nMAIL TO:<a@b.c>\r\n"
		"MAIL FROM:<a@b.c> SIZE=2000\r\nRCPT TO:<>\r\nRCPT FROM:<a@b.c>\r\n"
		"RCPT TO:<alice@localhost> NOTIFY=NEVER\r\nRCPT TO:<down@localhost>\r\n"
		"RCPT TO:<alice@localhost>\r\nRCPT TO:<alice@localhost>\r\nRCPT TO:<alice@localhost>\r\n"
		"RCPT TO:<alice@localhost>\r\nDATA x\r\nQUIT now\r\nQUIT\r\n",
		false,
		"220 mx.example.org LMTP Stafeta\r\n"
		"503 5.5.1 Error: send LHLO first\r\n"
		"502 5.5.2 Error: command not recognized\r\n"
		"502 5.5.2 Error: command not recognized\r\n"
		"501 5.5.4 Syntax: LHLO hostname\r\n"
		"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 2000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
		"503 5.5.1 Error: need MAIL command\r\n"
		"503 5.5.1 Error: need MAIL command\r\n"
		"250 2.1.0 Ok\r\n"
		"503 5.5.1 Error: nested MAIL command\r\n"
		"503 5.5.1 Error: need RCPT command\r\n"
		"550 5.1.1 <nobody@localhost>: Recipient address rejected: User unknown\r\n"
		"503 5.5.1 Error: no valid recipients\r\n"
		"501 5.5.4 Syntax: RSET\r\n"
		"250 2.0.0 Ok\r\n"
		"503 5.5.1 Error: need MAIL command\r\n"
		"502 5.5.2 Error: command not recognized\r\n"
		"502 5.5.1 VRFY command is disabled\r\n"
		"214 2.0.0 Commands: LHLO MAIL RCPT DATA RSET NOOP QUIT\r\n"
		"250 2.0.0 Ok\r\n"
		"502 5.5.2 Error: command not recognized\r\n"
		"500 5.5.2 Error: bad syntax\r\n"
		"552 5.3.4 Message size exceeds fixed limit\r\n"
		"501 5.5.4 Bad message size syntax\r\n"
		"555 5.5.4 Unsupported option\r\n"
		"501 5.5.4 Unsupported BODY type\r\n"
		"501 5.1.7 Bad sender address syntax\r\n"
		"501 5.5.4 Syntax: MAIL FROM:<address>\r\n"
		"250 2.1.0 Ok\r\n"
		"501 5.1.3 Bad recipient address syntax\r\n"
		"501 5.5.4 Syntax: RCPT TO:<address>\r\n"
		"555 5.5.4 Unsupported option\r\n"
		"451 4.3.0 <down@localhost>: Temporary lookup failure\r\n"
		"250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
		"452 4.5.3 Error: too many recipients\r\n"
		"501 5.5.4 Syntax: DATA\r\n"
		"501 5.5.4 Syntax: QUIT\r\n"
		"221 2.0.0 Bye\r\n", NULL);
	buf_free(&seen);
}

static void test_limits(void)
{
	struct buf in = BUF_INIT(1 << 20), want = BUF_INIT(1 << 20);

	buf_init(&seen, 1 << 20);
	/* the message over message_size_limit: one 552 per recipient */
	(void)!buf_append_str(&in, "LHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<alice@localhost>\r\n"
			      "RCPT TO:<bob@example.com>\r\nDATA\r\n");
	for (int i = 0; i < 100; i++)
		(void)!buf_append_str(&in, "0123456789012345678\r\n");  /* 21 * 100 > 2000 */
	(void)!buf_append_str(&in, ".\r\nNOOP\r\n");
	(void)!buf_append_str(&want, "220 mx.example.org LMTP Stafeta\r\n"
			      "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 2000\r\n"
			      "250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
			      "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
			      "354 End data with <CR><LF>.<CR><LF>\r\n"
			      "552 5.3.4 Message size exceeds fixed limit\r\n"
			      "552 5.3.4 Message size exceeds fixed limit\r\n"
			      "250 2.0.0 Ok\r\n");
	expect_session(buf_cstr(&in), false, buf_cstr(&want), NULL);
	CU_ASSERT_EQUAL(seen.len, 0);   /* nothing was delivered */

	/* a command line over line_length_limit, then the hard error limit */
	buf_reset(&in);
	buf_reset(&want);
	(void)!buf_append_str(&in, "LHLO x\r\n");
	for (int i = 0; i < 600; i++)
		(void)!buf_append_str(&in, "NOOP ");
	(void)!buf_append_str(&in, "\r\nNOOP\r\nBAD\r\nBAD\r\nBAD\r\nNOOP\r\n");
	(void)!buf_append_str(&want, "220 mx.example.org LMTP Stafeta\r\n"
			      "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 2000\r\n"
			      "250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
			      "500 5.5.2 Error: line too long\r\n250 2.0.0 Ok\r\n"
			      "502 5.5.2 Error: command not recognized\r\n"
			      "502 5.5.2 Error: command not recognized\r\n"
			      "421 4.7.0 mx.example.org Error: too many errors\r\n");
	expect_session(buf_cstr(&in), false, buf_cstr(&want), "smtpd_hard_error_limit = 3\n");
	buf_free(&in);
	buf_free(&want);
	buf_free(&seen);
}

static void test_smtp(void)
{
	buf_init(&seen, 1 << 20);
	expect_session(
		"LHLO x\r\nHELO client\r\nMAIL FROM:<a@b.c> SIZE=10\r\nEHLO client\r\n"
		"MAIL FROM:<a@b.c> SIZE=10\r\nRCPT TO:<x@relay.example>\r\nRCPT TO:<Postmaster>\r\n"
		"RCPT TO:<alice@localhost>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nhello\r\n.\r\n"
		"MAIL FROM:<>\r\nRCPT TO:<alice@localhost>\r\nRCPT TO:<disk@localhost>\r\nDATA\r\nx\r\n.\r\n"
		"MAIL FROM:<>\r\nRCPT TO:<full@localhost>\r\nDATA\r\nx\r\n.\r\n"
		"MAIL FROM:<> SIZE=100\r\nRCPT TO:<full@localhost>\r\nRCPT TO:<alice@localhost>\r\nRSET\r\n"
		"STARTTLS\r\nQUIT\r\n",
		true,
		"220 mx.example.org ESMTP Stafeta\r\n"
		"502 5.5.2 Error: command not recognized\r\n"
		"250 mx.example.org\r\n"
		"555 5.5.4 Unsupported option\r\n"
		"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 2000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
		"250 2.1.0 Ok\r\n"
		"554 5.7.1 <x@relay.example>: Relay access denied: this server only accepts mail for its own domains\r\n"
		"550 5.1.1 <Postmaster>: Recipient address rejected: User unknown\r\n"
		"250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
		"354 End data with <CR><LF>.<CR><LF>\r\n"
		"250 2.0.0 Ok: delivered as <ID>\r\n"
		"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
		"354 End data with <CR><LF>.<CR><LF>\r\n"
		"452 4.3.1 Insufficient system storage\r\n"
		"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
		"354 End data with <CR><LF>.<CR><LF>\r\n"
		"452 4.2.2 Mailbox full\r\n"
		"250 2.1.0 Ok\r\n"
		"452 4.2.2 <full@localhost>: Mailbox full\r\n"
		"250 2.1.5 Ok\r\n250 2.0.0 Ok\r\n"
		"502 5.5.1 Error: command not implemented\r\n"
		"221 2.0.0 Bye\r\n", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&seen), "[alice|alice@localhost|a@b.c]hello\n"));
	buf_free(&seen);
}

static void test_relay_outside_mynetworks(void)
{
	struct lmtpd_config cfg;
	struct lmtp_session ss;
	struct pf_io io;
	const char *in = "EHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@relay.example>\r\nQUIT\r\n";
	struct stream *s;

	pf_config(&cfg, cfgtext);
	s = pf_stream(&io, in, strlen(in), 0, 2048);
	lmtp_session_init(&ss, &cfg, &s_be, s, true, "192.0.2.7", -1);
	CU_ASSERT_FALSE(ss.in_mynetworks);
	CU_ASSERT_EQUAL(lmtp_session_run(&ss), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&io.out),
				      "\r\n554 5.7.1 <x@relay.example>: Relay access denied\r\n221"));
	lmtp_session_deinit(&ss);
	stream_free(&s);
	pf_io_free(&io);
	lmtp_config_free(&cfg);
}

static void test_eof_in_data(void)
{
	char *got;

	buf_init(&seen, 1 << 20);
	got = session("LHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<alice@localhost>\r\nDATA\r\nhalf", 1,
		      false, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "354 End data with <CR><LF>.<CR><LF>\r\n"));
	CU_ASSERT_PTR_NULL(strstr(got, "delivered"));
	CU_ASSERT_EQUAL(seen.len, 0);
	free(got);
	buf_free(&seen);
}

void suite_session(void)
{
	CU_pSuite s = cutest_suite("session");

	cutest_add(s, "LMTP pipelined transaction", test_lmtp_pipelined);
	cutest_add(s, "state and syntax errors", test_state_errors);
	cutest_add(s, "size and error limits", test_limits);
	cutest_add(s, "SMTP mode", test_smtp);
	cutest_add(s, "relay outside mynetworks", test_relay_outside_mynetworks);
	cutest_add(s, "EOF inside DATA", test_eof_in_data);
}
