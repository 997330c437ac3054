/*
 * test_sasl.c - base64, the PLAIN layout, and the whole SASL exchange
 * (PLAIN, LOGIN, CRAM-*) over a memory stream against a fake authdaemond:
 * exact challenge bytes, exact request bytes, abort, hostile responses,
 * one byte at a time, EOF, and a daemon that closes without answering.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adhelpers.h"
#include "auth_sasl.h"
#include "buf.h"
#include "cutest.h"

static const char OKREPLY[] = "UID=1000\nGID=1000\nHOME=/home/joe\nADDRESS=joe\nPASSWD2=secret\n.\n";

static void test_base64_vectors(void)
{
	static const char *const plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const enc[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };

	for (size_t i = 0; i < N_ELEMENTS(plain); i++) {
		struct buf e = BUF_INIT(64), d = BUF_INIT(64);

		CU_ASSERT_EQUAL(auth_base64_encode(plain[i], strlen(plain[i]), &e), 0);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&e), enc[i]);
		CU_ASSERT_EQUAL(auth_base64_decode(enc[i], strlen(enc[i]), &d), 0);
		CU_ASSERT_EQUAL(d.len, strlen(plain[i]));
		CU_ASSERT_STRING_EQUAL(buf_cstr(&d), plain[i]);
		buf_free(&e);
		buf_free(&d);
	}
}

static void test_base64_hostile(void)
{
	static const char *const bad[] = {
		"Z", "Zg", "Zg=", "Zg===", "====", "A===", "Zm9v=", "Zm=v", "Z=9v", "Zm9v\r\n",
		"Zm 9", "Zm9\x80", "Zm9-", "Zm9_", "Zg==Zg==", "=Zg=",
	};
	struct buf small = BUF_INIT(2);

	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		struct buf d = BUF_INIT(64);
		int r = auth_base64_decode(bad[i], strlen(bad[i]), &d);

		if (r != -1)
			printf("case %zu (%s): got %d, want -1\n", i, bad[i], r);
		CU_ASSERT_EQUAL(r, -1);
		CU_ASSERT_EQUAL(d.len, 0);
		buf_free(&d);
	}
	/* Output larger than the buffer's max is an error, not a truncation. */
	CU_ASSERT_EQUAL(auth_base64_decode("Zm9vYmFy", 8, &small), -1);
	buf_free(&small);
	{
		/* Binary with NULs round-trips. */
		struct buf e = BUF_INIT(64), d = BUF_INIT(64);

		CU_ASSERT_EQUAL(auth_base64_encode("\0a\0b\xff", 5, &e), 0);
		CU_ASSERT_EQUAL(auth_base64_decode(e.data, e.len, &d), 0);
		CU_ASSERT_EQUAL(d.len, 5);
		CU_ASSERT(memcmp(d.data, "\0a\0b\xff", 5) == 0);
		buf_free(&e);
		buf_free(&d);
	}
}

static void test_plain_split(void)
{
	static const struct { const char *msg; size_t n; int ret; const char *user, *pass; } c[] = {
		{ "\0joe\0secret", 11, 0, "joe", "secret" },
		{ "joe\0joe\0secret", 14, 0, "joe", "secret" },
		{ "\0joe\0", 5, 0, "joe", "" },
		{ "ann\0joe\0secret", 14, -1, NULL, NULL },
		{ "\0\0secret", 8, -1, NULL, NULL },
		{ "joe\0secret", 10, -1, NULL, NULL },
		{ "joesecret", 9, -1, NULL, NULL },
		{ "\0joe\0sec\0ret", 12, -1, NULL, NULL },
		{ "\0jo\ne\0secret", 12, -1, NULL, NULL },
		{ "\0joe\0sec\nret", 12, -1, NULL, NULL },
		{ "\0joe\0sec\rret", 12, -1, NULL, NULL },
		{ "", 0, -1, NULL, NULL },
	};

	for (size_t i = 0; i < N_ELEMENTS(c); i++) {
		char *u = NULL, *p = NULL;
		int r = auth_sasl_plain_split(c[i].msg, c[i].n, &u, &p);

		if (r != c[i].ret)
			printf("case %zu: got %d, want %d\n", i, r, c[i].ret);
		CU_ASSERT_EQUAL(r, c[i].ret);
		if (r == 0 && c[i].ret == 0) {
			CU_ASSERT_STRING_EQUAL(u, c[i].user);
			CU_ASSERT_STRING_EQUAL(p, c[i].pass);
		}
		free(u);
		free(p);
	}
}

static void test_mechs(void)
{
	CU_ASSERT_TRUE(auth_sasl_mech_known("plain"));
	CU_ASSERT_TRUE(auth_sasl_mech_known("CRAM-SHA256"));
	CU_ASSERT_FALSE(auth_sasl_mech_known("DIGEST-MD5"));
	CU_ASSERT_FALSE(auth_sasl_mech_known("EXTERNAL"));
	CU_ASSERT_TRUE(auth_sasl_mech_is_plaintext("Login"));
	CU_ASSERT_FALSE(auth_sasl_mech_is_plaintext("CRAM-MD5"));
	CU_ASSERT_STRING_EQUAL(auth_sasl_mech_list(false), "CRAM-MD5 CRAM-SHA1 CRAM-SHA256");
}

/* One exchange: client input `in` (fed `chunk` bytes per read), replies of
   the fake daemon; returns the result, fills out/requests/authuser. */
struct run {
	enum auth_sasl_result r;
	char *out, *requests, *authuser;
	struct auth_info ai;
};

static void run_sasl(const char *mech, const char *ir, const char *in, size_t chunk,
		     bool plaintext, const char *const *replies, size_t nrep, struct run *res)
{
	char *dir = cutest_tmpdir("sasl"), *sock = path_join(dir, "socket");
	struct auth_sasl_params p = { "imap", "+ ", "mail.example", plaintext };
	struct mem_stream m;
	struct stream *s;
	pid_t pid = -1;

	unsetenv("TCPREMOTEIP");
	if (nrep > 0)
		pid = fake_daemon_start(dir, replies, nrep);
	auth_set_socket_path(sock);
	s = mem_stream_new(&m, in, chunk, 16384);
	res->r = auth_sasl(s, &p, mech, ir, &res->ai, &res->authuser);
	(void)stream_flush(s);
	res->out = strdup(buf_cstr(&m.out));
	if (pid > 0)
		CU_ASSERT_EQUAL(fake_daemon_wait(pid), 0);
	res->requests = fake_daemon_requests(dir);
	mem_stream_done(&m, &s);
	auth_set_socket_path(NULL);
	cutest_rmtree(dir);
	free(dir);
	free(sock);
}

static void run_free(struct run *res)
{
	free(res->out);
	free(res->requests);
	free(res->authuser);
	auth_info_free(&res->ai);
}

static void test_plain_ir(void)
{
	static const char *const rep[] = { OKREPLY };
	struct run r;

	run_sasl("PLAIN", "AGpvZQBzZWNyZXQ=", "", 0, true, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_OK);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_STRING_EQUAL(r.requests, "AUTH 22\nimap\nlogin\njoe\nsecret\n\x1e");
	CU_ASSERT_STRING_EQUAL(r.authuser, "joe");
	CU_ASSERT_STRING_EQUAL(r.ai.address, "joe");
	CU_ASSERT_EQUAL(r.ai.uid, 1000);
	CU_ASSERT_STRING_EQUAL(r.ai.passwd2, "secret");
	run_free(&r);
}

static void test_plain_challenge_dribble(void)
{
	static const char *const rep[] = { "FAIL\n" };
	struct run r;

	run_sasl("plain", NULL, "AGpvZQB3cm9uZw==\r\n", 1, true, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_FAIL);
	CU_ASSERT_STRING_EQUAL(r.out, "+ \r\n");
	CU_ASSERT_STRING_EQUAL(r.requests, "AUTH 21\nimap\nlogin\njoe\nwrong\n\x1e");
	CU_ASSERT_STRING_EQUAL(r.authuser, "joe");
	run_free(&r);
}

static void test_login(void)
{
	static const char *const rep[] = { OKREPLY };
	struct run r;

	run_sasl("LOGIN", NULL, "am9l\r\nc2VjcmV0\r\n", 3, true, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_OK);
	CU_ASSERT_STRING_EQUAL(r.out, "+ VXNlcm5hbWU6\r\n+ UGFzc3dvcmQ6\r\n");
	CU_ASSERT_STRING_EQUAL(r.requests, "AUTH 22\nimap\nlogin\njoe\nsecret\n\x1e");
	run_free(&r);
	/* Initial response = the user name. */
	run_sasl("LOGIN", "am9l", "c2VjcmV0\n", 0, true, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_OK);
	CU_ASSERT_STRING_EQUAL(r.out, "+ UGFzc3dvcmQ6\r\n");
	run_free(&r);
}

static void test_abort_and_hostile(void)
{
	struct run r;

	run_sasl("LOGIN", NULL, "*\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_ABORTED);
	run_free(&r);
	run_sasl("LOGIN", NULL, "am9l\r\n*\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_ABORTED);
	CU_ASSERT_STRING_EQUAL(r.authuser, "joe");
	run_free(&r);
	run_sasl("PLAIN", "*", "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_ABORTED);
	run_free(&r);
	run_sasl("PLAIN", NULL, "!!!!\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	run_sasl("PLAIN", "=", "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	/* authzid that is not the user */
	run_sasl("PLAIN", "YW5uAGpvZQBzZWNyZXQ=", "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	/* a LF inside the password (would forge the request) */
	run_sasl("LOGIN", NULL, "am9l\r\nc2VjCnJldA==\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	/* empty user name */
	run_sasl("LOGIN", NULL, "\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	/* EOF in the middle */
	run_sasl("LOGIN", NULL, "am9l\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_IOERR);
	run_free(&r);
	/* unknown mechanism, plaintext not allowed */
	run_sasl("DIGEST-MD5", NULL, "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_NOMECH);
	run_free(&r);
	run_sasl("PLAIN", "AGpvZQBzZWNyZXQ=", "", 0, false, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_NOMECH);
	run_free(&r);
	/* CRAM takes no initial response */
	run_sasl("CRAM-MD5", "am9l", "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
}

static void test_overlong(void)
{
	char *in = malloc(AUTH_SASL_LINE_MAX + 200);
	struct run r;

	memset(in, 'A', AUTH_SASL_LINE_MAX + 100);
	memcpy(in + AUTH_SASL_LINE_MAX + 100, "\r\n", 3);
	run_sasl("PLAIN", NULL, in, 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	free(in);
}

static void test_cram(void)
{
	static const char *const rep[] = { OKREPLY };
	struct run r;
	struct buf chal = BUF_INIT(1024), dec = BUF_INIT(1024);
	char *want;

	/* "joe 0123456789abcdef0123456789abcdef" */
	run_sasl("CRAM-MD5", NULL, "am9lIDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm\r\n", 0, true,
		 rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_OK);
	CU_ASSERT_STRING_EQUAL(r.authuser, "joe");
	CU_ASSERT_EQUAL_FATAL(strncmp(r.out, "+ ", 2), 0);
	CU_ASSERT_EQUAL_FATAL(buf_append(&chal, r.out + 2, strlen(r.out) - 4), 0);
	CU_ASSERT_EQUAL(auth_base64_decode(chal.data, chal.len, &dec), 0);
	CU_ASSERT_EQUAL(dec.data[0], '<');
	CU_ASSERT(strstr(dec.data, "@mail.example>") != NULL);
	want = malloc(chal.len + 200);
	sprintf(want, "AUTH %zu\nimap\ncram-md5\n%s\nam9lIDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm\n\x1e",
		strlen("imap\ncram-md5\n") + chal.len + 1 + 48 + 1, chal.data);
	CU_ASSERT_STRING_EQUAL(r.requests, want);
	free(want);
	buf_free(&chal);
	buf_free(&dec);
	run_free(&r);
	/* no space: not "user digest" */
	run_sasl("CRAM-SHA256", NULL, "am9l\r\n", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_BADPROTO);
	run_free(&r);
	/* CRAM is allowed without plaintext permission */
	run_sasl("CRAM-SHA1", NULL, "am9lIDAx\r\n", 0, false, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_OK);
	CU_ASSERT(strstr(r.requests, "\ncram-sha1\n") != NULL);
	run_free(&r);
}

static void test_tempfail(void)
{
	static const char *const rep[] = { NULL };
	static const char *const partial[] = { "UID=5\nGID=5\n" };
	struct run r;

	run_sasl("PLAIN", "AGpvZQBzZWNyZXQ=", "", 0, true, rep, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_TEMPFAIL);
	run_free(&r);
	run_sasl("PLAIN", "AGpvZQBzZWNyZXQ=", "", 0, true, partial, 1, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_TEMPFAIL);
	run_free(&r);
	/* No daemon at all. */
	run_sasl("PLAIN", "AGpvZQBzZWNyZXQ=", "", 0, true, NULL, 0, &r);
	CU_ASSERT_EQUAL(r.r, AUTH_SASL_TEMPFAIL);
	run_free(&r);
}

void suite_sasl(void);
void suite_sasl(void)
{
	CU_pSuite s = cutest_suite("sasl");

	cutest_add(s, "base64 vectors", test_base64_vectors);
	cutest_add(s, "base64 hostile input", test_base64_hostile);
	cutest_add(s, "PLAIN layout", test_plain_split);
	cutest_add(s, "mechanism names", test_mechs);
	cutest_add(s, "PLAIN with initial response", test_plain_ir);
	cutest_add(s, "PLAIN challenge, one byte at a time", test_plain_challenge_dribble);
	cutest_add(s, "LOGIN", test_login);
	cutest_add(s, "abort and hostile responses", test_abort_and_hostile);
	cutest_add(s, "over-long response", test_overlong);
	cutest_add(s, "CRAM exchange", test_cram);
	cutest_add(s, "temporary failures", test_tempfail);
}
