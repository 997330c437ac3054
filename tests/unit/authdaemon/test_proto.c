/*
 * test_proto.c - authdaemond request framing with hostile input (every
 * limit, just over it, one byte at a time), reply formatting and
 * DEFAULTOPTIONS merging.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adhelpers.h"
#include "auth_proto.h"
#include "buf.h"
#include "cutest.h"

static int parse(const char *s, size_t n, struct authd_request *req)
{
	const char *why = NULL;

	return authd_parse_request(s, n, req, &why);
}

#define P(s, req) parse(s, sizeof(s) - 1, req)

static void test_pre(void)
{
	struct authd_request req;

	CU_ASSERT_EQUAL_FATAL(P("PRE . imap joe@example.com\n", &req), 0);
	CU_ASSERT_EQUAL(req.type, AUTHD_REQ_PRE);
	CU_ASSERT_STRING_EQUAL(req.module, ".");
	CU_ASSERT_STRING_EQUAL(req.service, "imap");
	CU_ASSERT_STRING_EQUAL(req.user, "joe@example.com");
	CU_ASSERT_PTR_NULL(req.remoteip);
	authd_request_free(&req);
	CU_ASSERT_EQUAL_FATAL(P("TCPREMOTEIP=::ffff:192.0.2.7\nX=y\nPRE  authuserdb   pop3  joe smith\n", &req), 0);
	CU_ASSERT_STRING_EQUAL(req.remoteip, "::ffff:192.0.2.7");
	CU_ASSERT_STRING_EQUAL(req.module, "authuserdb");
	CU_ASSERT_STRING_EQUAL(req.service, "pop3");
	CU_ASSERT_STRING_EQUAL(req.user, "joe smith");
	authd_request_free(&req);
	/* CRLF is accepted like LF */
	CU_ASSERT_EQUAL(P("PRE . imap joe\r\n", &req), 0);
	CU_ASSERT_STRING_EQUAL(req.user, "joe");
	authd_request_free(&req);
}

static void test_meta_limits(void)
{
	struct authd_request req;
	struct buf b = BUF_INIT(1 << 16);

	/* TCPREMOTEIP is cut to 39 bytes, odd bytes replaced */
	CU_ASSERT_EQUAL_FATAL(P("TCPREMOTEIP=0123456789012345678901234567890123456789XYZ\nENUMERATE\n", &req), 0);
	CU_ASSERT_EQUAL(strlen(req.remoteip), 39);
	authd_request_free(&req);
	CU_ASSERT_EQUAL_FATAL(P("TCPREMOTEIP=1.2\x7f.3\nENUMERATE\n", &req), 0);
	CU_ASSERT_STRING_EQUAL(req.remoteip, "1.2?.3");
	authd_request_free(&req);
	/* too many meta lines */
	for (int i = 0; i <= AUTHD_META_LINES_MAX; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "V%d=x\n", i), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "ENUMERATE\n"), 0);
	CU_ASSERT_EQUAL(parse(b.data, b.len, &req), -1);
	buf_free(&b);
}

static void test_pre_bad(void)
{
	static const char *const bad[] = {
		"PRE\n", "PRE .\n", "PRE . imap\n", "PRE . imap \n", "PRE\t. imap joe\n",
		"PRE . imap jo\x01e\n", "PRE . imap joe", "", "\n", "pre . imap joe\n",
		"PRE . imap jo\0e\n",
	};

	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		struct authd_request req;
		size_t n = i == N_ELEMENTS(bad) - 1 ? 16 : strlen(bad[i]);
		int r = parse(bad[i], n, &req);

		if (r != -1)
			printf("case %zu: got %d, want -1\n", i, r);
		CU_ASSERT_EQUAL(r, -1);
	}
}

static void test_auth(void)
{
	struct authd_request req;

	CU_ASSERT_EQUAL_FATAL(P("AUTH 22\nimap\nlogin\njoe\nsecret\n", &req), 0);
	CU_ASSERT_EQUAL(req.type, AUTHD_REQ_AUTH);
	CU_ASSERT_STRING_EQUAL(req.service, "imap");
	CU_ASSERT_STRING_EQUAL(req.authtype, "login");
	CU_ASSERT_STRING_EQUAL(req.authdata, "joe\nsecret\n");
	authd_request_free(&req);
	/* Cyrus SASL's extra LF after the counted bytes is ignored */
	CU_ASSERT_EQUAL_FATAL(P("AUTH 22\nsmtp\nlogin\njoe\nsecret\n\n", &req), 0);
	CU_ASSERT_STRING_EQUAL(req.authdata, "joe\nsecret\n");
	authd_request_free(&req);
	/* authdata may be empty */
	CU_ASSERT_EQUAL_FATAL(P("AUTH 11\nimap\nlogin\n", &req), 0);
	CU_ASSERT_STRING_EQUAL(req.authdata, "");
	authd_request_free(&req);
}

static void test_auth_bad(void)
{
	static const char *const bad[] = {
		"AUTH\n", "AUTH x\n", "AUTH 0\n", "AUTH -5\nimap\nlogin\n", "AUTH +5\nimap\n",
		"AUTH 8192\n", "AUTH 99999999999999999999999\n", "AUTH 5 \nimap\n",
		"AUTH 30\nimap\nlogin\njoe\nsecret\n",  /* fewer bytes than counted */
		"AUTH 10\nimaplogin\n",                  /* only one LF */
		"AUTH 4\nimap",
	};

	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		struct authd_request req;
		int r = parse(bad[i], strlen(bad[i]), &req);

		if (r != -1)
			printf("case %zu: got %d, want -1\n", i, r);
		CU_ASSERT_EQUAL(r, -1);
	}
	{
		struct authd_request req;

		CU_ASSERT_EQUAL(parse("AUTH 11\nim\0p\nlogin\n", 19, &req), -1);
	}
}

static void test_auth_payload_limit(void)
{
	struct buf b = BUF_INIT(1 << 16);
	struct authd_request req;
	size_t n = AUTHD_PAYLOAD_MAX;

	/* exactly the largest count Courier accepts */
	CU_ASSERT_EQUAL(buf_printf(&b, "AUTH %zu\nimap\nlogin\njoe\n", n), 0);
	while (b.len < strlen("AUTH 8191\n") + n)
		CU_ASSERT_EQUAL(buf_putc(&b, 'x'), 0);
	CU_ASSERT_EQUAL_FATAL(parse(b.data, b.len, &req), 0);
	CU_ASSERT_EQUAL(strlen(req.authdata), n - strlen("imap\nlogin\n"));
	authd_request_free(&req);
	buf_reset(&b);
	CU_ASSERT_EQUAL(buf_printf(&b, "AUTH %zu\nimap\nlogin\n", n + 1), 0);
	CU_ASSERT_EQUAL(parse(b.data, b.len, &req), -1);
	buf_free(&b);
}

static void test_line_limit(void)
{
	struct buf b = BUF_INIT(1 << 16);
	struct authd_request req;

	CU_ASSERT_EQUAL(buf_append_str(&b, "PRE . imap "), 0);
	while (b.len < AUTHD_LINE_MAX)
		CU_ASSERT_EQUAL(buf_putc(&b, 'u'), 0);
	CU_ASSERT_EQUAL(buf_putc(&b, '\n'), 0);
	CU_ASSERT_EQUAL_FATAL(parse(b.data, b.len, &req), 0);   /* exactly the limit */
	authd_request_free(&req);
	b.len--;
	CU_ASSERT_EQUAL(buf_append_str(&b, "u\n"), 0);            /* one over */
	CU_ASSERT_EQUAL(parse(b.data, b.len, &req), -1);
	buf_free(&b);
}

static void test_passwd(void)
{
	struct authd_request req;

	CU_ASSERT_EQUAL_FATAL(P("PASSWD imap\tjoe\told pw\tnew pw\n", &req), 0);
	CU_ASSERT_EQUAL(req.type, AUTHD_REQ_PASSWD);
	CU_ASSERT_STRING_EQUAL(req.service, "imap");
	CU_ASSERT_STRING_EQUAL(req.user, "joe");
	CU_ASSERT_STRING_EQUAL(req.oldpw, "old pw");
	CU_ASSERT_STRING_EQUAL(req.newpw, "new pw");
	authd_request_free(&req);
	CU_ASSERT_EQUAL(P("PASSWD imap\tjoe\told\x01\tnew\n", &req), 1);
	/* the wrong number of fields closes without a reply, as Courier */
	CU_ASSERT_EQUAL(P("PASSWD imap\tjoe\told\n", &req), -1);
	CU_ASSERT_EQUAL(P("PASSWD imap\tjoe\told\tnew\textra\n", &req), -1);
	CU_ASSERT_EQUAL(P("PASSWD \tjoe\told\tnew\n", &req), 1);
	CU_ASSERT_EQUAL(P("PASSWD\n", &req), -1);
	CU_ASSERT_EQUAL_FATAL(P("ENUMERATE\n", &req), 0);
	CU_ASSERT_EQUAL(req.type, AUTHD_REQ_ENUMERATE);
	authd_request_free(&req);
	CU_ASSERT_EQUAL(P("ENUMERATE all\n", &req), 0);
	authd_request_free(&req);
	CU_ASSERT_EQUAL(P("HELLO\n", &req), -1);
	CU_ASSERT_EQUAL(P("HELLO there\n", &req), -1);
}

static void test_stream_dribble(void)
{
	static const char in[] = "TCPREMOTEIP=::1\nAUTH 22\nimap\nlogin\njoe\nsecret\n";
	struct mem_stream m;
	struct stream *s = mem_stream_new(&m, in, 1, AUTHD_LINE_MAX);
	struct authd_request req;
	const char *why = NULL;

	CU_ASSERT_EQUAL_FATAL(authd_read_request(s, &req, &why), 0);
	CU_ASSERT_STRING_EQUAL(req.remoteip, "::1");
	CU_ASSERT_STRING_EQUAL(req.authdata, "joe\nsecret\n");
	authd_request_free(&req);
	mem_stream_done(&m, &s);
	/* EOF inside the payload */
	s = mem_stream_new(&m, "AUTH 22\nimap\nlog", 1, AUTHD_LINE_MAX);
	CU_ASSERT_EQUAL(authd_read_request(s, &req, &why), -1);
	mem_stream_done(&m, &s);
}

static void test_format(void)
{
	struct authd_account a;
	struct buf out = BUF_INIT(8192);

	memset(&a, 0, sizeof(a));
	a.have_uid = true;
	a.uid = 5000;
	a.gid = 5001;
	a.home = strdup("/home/joe");
	a.address = strdup("joe");
	a.fullname = strdup("Joe User,Room 1");
	a.maildir = strdup("./Maildir");
	a.quota = strdup("100S");
	a.passwd = strdup("$1$x");
	a.clearpasswd = strdup("secret");
	a.options = strdup("disablepop3=1");
	CU_ASSERT_EQUAL(authd_format_account(&out, &a, "disablepop3=0,disablewebmail=1"), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "UID=5000\nGID=5001\nHOME=/home/joe\nADDRESS=joe\n"
			       "NAME=Joe User\nMAILDIR=./Maildir\nQUOTA=100S\nPASSWD=$1$x\n"
			       "PASSWD2=secret\nOPTIONS=disablepop3=1,disablewebmail=1\n.\n");
	/* a value with a newline would forge keys: refused, nothing appended */
	buf_reset(&out);
	free(a.home);
	a.home = strdup("/home/joe\nUID=0");
	CU_ASSERT_EQUAL(authd_format_account(&out, &a, ""), -1);
	CU_ASSERT_EQUAL(out.len, 0);
	authd_account_free(&a);
	/* system user: USERNAME, no UID; empty HOME still sent */
	memset(&a, 0, sizeof(a));
	a.sysusername = strdup("nobody");
	a.gid = 65534;
	CU_ASSERT_EQUAL(authd_format_account(&out, &a, ""), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "USERNAME=nobody\nGID=65534\nHOME=\n.\n");
	authd_account_free(&a);
	buf_free(&out);
}

static void test_merge(void)
{
	static const struct { const char *acct, *def, *want; } c[] = {
		{ NULL, NULL, NULL },
		{ "", "", NULL },
		{ NULL, "disablewebmail=1", "disablewebmail=1" },
		{ "a=1", NULL, "a=1" },
		{ "a=1", "b=2", "a=1,b=2" },
		{ "a=1,b=3", "b=2,c", "a=1,b=3,c" },
		{ "ab=1", "a=2", "ab=1,a=2" },
		{ "a", "a=2", "a" },
		{ "a=1", "a,b", "a=1,b" },
		{ "x=1", ",,b=1,", "x=1,b=1" },
	};

	for (size_t i = 0; i < N_ELEMENTS(c); i++) {
		char *got = authd_merge_options(c[i].acct, c[i].def);

		if ((got == NULL) != (c[i].want == NULL) ||
		    (got != NULL && strcmp(got, c[i].want) != 0))
			printf("case %zu: got %s, want %s\n", i, got ? got : "NULL",
			       c[i].want ? c[i].want : "NULL");
		if (c[i].want == NULL) {
			CU_ASSERT_PTR_NULL(got);
		} else {
			CU_ASSERT(got != NULL && strcmp(got, c[i].want) == 0);
		}
		free(got);
	}
}

void suite_proto(void);
void suite_proto(void)
{
	CU_pSuite s = cutest_suite("proto");

	cutest_add(s, "PRE", test_pre);
	cutest_add(s, "meta lines and their limits", test_meta_limits);
	cutest_add(s, "malformed PRE", test_pre_bad);
	cutest_add(s, "AUTH", test_auth);
	cutest_add(s, "malformed AUTH", test_auth_bad);
	cutest_add(s, "AUTH payload limit", test_auth_payload_limit);
	cutest_add(s, "line limit", test_line_limit);
	cutest_add(s, "PASSWD and ENUMERATE", test_passwd);
	cutest_add(s, "stream one byte at a time", test_stream_dribble);
	cutest_add(s, "reply format", test_format);
	cutest_add(s, "DEFAULTOPTIONS merge", test_merge);
}
