/*
 * test_client.c - libcourierauth: reply parsing with hostile replies, the
 * exact request bytes of every call (against a fake daemon), enumeration
 * rules, options, socket path, unreachable daemon.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adhelpers.h"
#include "buf.h"
#include "courierauth.h"
#include "cutest.h"

#define PR(s, ai) auth_parse_reply(s, sizeof(s) - 1, ai)

static void test_parse_reply(void)
{
	struct auth_info ai;

	CU_ASSERT_EQUAL(PR("FAIL\n", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL_FATAL(PR("UID=5000\nGID=5001\nHOME=/h\nADDRESS=joe@x\nNAME=Joe\nMAILDIR=./M\n"
				 "QUOTA=1S\nPASSWD=$1$x\nPASSWD2=pw\nOPTIONS=a=1\nFUTURE=x\nnoequals\n.\n", &ai),
			      AUTH_OK);
	CU_ASSERT_TRUE(ai.have_uid);
	CU_ASSERT_EQUAL(ai.uid, 5000);
	CU_ASSERT_EQUAL(ai.gid, 5001);
	CU_ASSERT_STRING_EQUAL(ai.home, "/h");
	CU_ASSERT_STRING_EQUAL(ai.address, "joe@x");
	CU_ASSERT_STRING_EQUAL(ai.name, "Joe");
	CU_ASSERT_STRING_EQUAL(ai.maildir, "./M");
	CU_ASSERT_STRING_EQUAL(ai.quota, "1S");
	CU_ASSERT_STRING_EQUAL(ai.passwd, "$1$x");
	CU_ASSERT_STRING_EQUAL(ai.passwd2, "pw");
	CU_ASSERT_STRING_EQUAL(ai.options, "a=1");
	CU_ASSERT_PTR_NULL(ai.username);
	auth_info_free(&ai);
	CU_ASSERT_PTR_NULL(ai.home);
	CU_ASSERT_EQUAL_FATAL(PR("USERNAME=joe\nGID=100\nHOME=/home/joe\n.\n", &ai), AUTH_OK);
	CU_ASSERT_STRING_EQUAL(ai.username, "joe");
	CU_ASSERT_FALSE(ai.have_uid);
	CU_ASSERT_STRING_EQUAL(ai.address, "joe");   /* defaults to the user name */
	auth_info_free(&ai);
	/* incomplete, malformed, or no identity: temporary failure */
	CU_ASSERT_EQUAL(PR("", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=5\nGID=5\nHOME=/h\n", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=5\nGID=5\nHOME=/h\n.", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("GID=5\nHOME=/h\n.\n", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=-1\nGID=5\n.\n", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=99999999999\nGID=5\n.\n", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=5x\nGID=5\n.\n", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("FAIL", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(PR("UID=5\nFAIL\n", &ai), AUTH_FAIL);
	/* duplicate keys: the last wins, no leak */
	CU_ASSERT_EQUAL_FATAL(PR("UID=5\nHOME=/a\nHOME=/b\nPASSWD2=x\nPASSWD2=y\n.\n", &ai), AUTH_OK);
	CU_ASSERT_STRING_EQUAL(ai.home, "/b");
	CU_ASSERT_STRING_EQUAL(ai.passwd2, "y");
	auth_info_free(&ai);
	/* a NUL inside a line: the line is ignored */
	CU_ASSERT_EQUAL_FATAL(auth_parse_reply("UID=5\nHOME=/a\0b\n.\n", 18, &ai), AUTH_OK);
	CU_ASSERT_PTR_NULL(ai.home);
	auth_info_free(&ai);
}

static void test_options(void)
{
	char *v;

	CU_ASSERT_EQUAL(auth_option_int("disablepop3=1,x=2", "disablepop3", 0), 1);
	CU_ASSERT_EQUAL(auth_option_int("disablepop3=0", "disablepop3", 7), 0);
	CU_ASSERT_EQUAL(auth_option_int("disablepop3=yes", "disablepop3", 0), 1);
	CU_ASSERT_EQUAL(auth_option_int("disablepop3=True", "disablepop3", 0), 1);
	CU_ASSERT_EQUAL(auth_option_int("disablepop3=no", "disablepop3", 5), 0);
	CU_ASSERT_EQUAL(auth_option_int("sharedgroup=12x", "sharedgroup", 0), 12);
	CU_ASSERT_EQUAL(auth_option_int("disablepop3x=1", "disablepop3", 3), 3);
	CU_ASSERT_EQUAL(auth_option_int("a=1,disablepop3", "disablepop3", 3), 0);
	CU_ASSERT_EQUAL(auth_option_int(NULL, "disablepop3", 4), 4);
	CU_ASSERT_EQUAL(auth_option_int("", "disablepop3", 4), 4);
	CU_ASSERT_EQUAL(auth_option_int("x=99999999999999999999", "x", 0) >= 0, 1);
	v = auth_option_str("group=staff,mailhost=m.example", "mailhost");
	CU_ASSERT_STRING_EQUAL(v, "m.example");
	free(v);
	CU_ASSERT_PTR_NULL(auth_option_str("group=staff", "mailhost"));
}

static void test_socket_path(void)
{
	unsetenv("AUTHDAEMONVAR");
	CU_ASSERT_STRING_EQUAL(auth_socket_path(), AUTHDAEMON_SOCKET_DEFAULT);
	setenv("AUTHDAEMONVAR", "/tmp/x", 1);
	CU_ASSERT_STRING_EQUAL(auth_socket_path(), "/tmp/x/socket");
	setenv("AUTHDAEMONVAR", "", 1);
	CU_ASSERT_STRING_EQUAL(auth_socket_path(), AUTHDAEMON_SOCKET_DEFAULT);
	auth_set_socket_path("/tmp/y/sock");
	CU_ASSERT_STRING_EQUAL(auth_socket_path(), "/tmp/y/sock");
	auth_set_socket_path(NULL);
	unsetenv("AUTHDAEMONVAR");
}

static void test_defdomain(void)
{
	static const struct { const char *dom, *sep, *user, *want; } c[] = {
		{ NULL, NULL, "joe", "joe" },
		{ "", NULL, "joe", "joe" },
		{ "@example.com", NULL, "joe", "joe@example.com" },
		{ "@example.com", NULL, "joe@other.org", "joe@other.org" },
		{ "@example.com", "%", "joe%other", "joe%other" },
		{ "@example.com", "%", "joe", "joe@example.com" },
		{ "@example.com", "%", "joe@x", "joe@x" },
	};

	for (size_t i = 0; i < N_ELEMENTS(c); i++) {
		char *got;

		if (c[i].dom != NULL)
			setenv("DEFDOMAIN", c[i].dom, 1);
		else
			unsetenv("DEFDOMAIN");
		if (c[i].sep != NULL)
			setenv("DOMAINSEP", c[i].sep, 1);
		else
			unsetenv("DOMAINSEP");
		got = auth_apply_defdomain(c[i].user);
		if (strcmp(got, c[i].want) != 0)
			printf("case %zu: got %s, want %s\n", i, got, c[i].want);
		CU_ASSERT_STRING_EQUAL(got, c[i].want);
		free(got);
	}
	unsetenv("DEFDOMAIN");
	unsetenv("DOMAINSEP");
}

static void test_unreachable_and_bad_input(void)
{
	struct auth_info ai;

	auth_set_socket_path("/nonexistent/dir/socket");
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "pw", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(auth_pre("imap", "joe", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(auth_passwd("imap", "joe", "a", "b"), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(auth_enumerate(NULL, NULL), -1);
	/* framing-breaking input never reaches the daemon */
	CU_ASSERT_EQUAL(auth_login("imap", "jo\ne", "pw", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "p\nw", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_login("imap", "", "pw", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_login("im\nap", "joe", "pw", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_pre("imap", "jo\x01e", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_pre("im ap", "joe", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_passwd("imap", "joe", "a\tb", "c"), AUTH_FAIL);
	{
		static char big[AUTH_REQUEST_MAX + 10];

		memset(big, 'p', sizeof(big) - 1);
		CU_ASSERT_EQUAL(auth_login("imap", "joe", big, &ai), AUTH_FAIL);
	}
	auth_set_socket_path(NULL);
}

static void test_request_bytes(void)
{
	static const char *const rep[] = {
		"UID=1\nGID=1\nHOME=/h\nADDRESS=joe\n.\n", "FAIL\n", "OK\n", "FAIL\n",
		"UID=1\nGID=1\n.\n", "FAIL\n", "FAIL\n",
	};
	char *dir = cutest_tmpdir("client"), *sock = path_join(dir, "socket"), *req;
	struct auth_info ai;
	pid_t pid = fake_daemon_start(dir, rep, N_ELEMENTS(rep));

	auth_set_socket_path(sock);
	setenv("TCPREMOTEIP", "::ffff:192.0.2.7", 1);
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "secret", &ai), AUTH_OK);
	CU_ASSERT_STRING_EQUAL(ai.address, "joe");
	auth_info_free(&ai);
	unsetenv("TCPREMOTEIP");
	CU_ASSERT_EQUAL(auth_pre("pop3", "joe smith", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_passwd("imap", "joe", "old", "new"), AUTH_OK);
	CU_ASSERT_EQUAL(auth_passwd("imap", "joe", "old", "new"), AUTH_FAIL);
	setenv("TCPREMOTEIP", "bad\x01ip", 1);
	CU_ASSERT_EQUAL(auth_pre_module("authuserdb", "imap", "joe", &ai), AUTH_OK);
	auth_info_free(&ai);
	unsetenv("TCPREMOTEIP");
	setenv("DEFDOMAIN", "@example.com", 1);
	CU_ASSERT_EQUAL(auth_login("pop3", "ann", "pw", &ai), AUTH_FAIL);
	CU_ASSERT_EQUAL(auth_pre("pop3", "ann", &ai), AUTH_FAIL);
	unsetenv("DEFDOMAIN");
	CU_ASSERT_EQUAL(fake_daemon_wait(pid), 0);
	req = fake_daemon_requests(dir);
	CU_ASSERT_STRING_EQUAL(req,
		"TCPREMOTEIP=::ffff:192.0.2.7\nAUTH 22\nimap\nlogin\njoe\nsecret\n\x1e"
		"PRE . pop3 joe smith\n\x1e"
		"PASSWD imap\tjoe\told\tnew\n\x1e"
		"PASSWD imap\tjoe\told\tnew\n\x1e"
		"PRE authuserdb imap joe\n\x1e"
		"AUTH 30\npop3\nlogin\nann@example.com\npw\n\x1e"
		"PRE . pop3 ann@example.com\n\x1e");
	free(req);
	auth_set_socket_path(NULL);
	cutest_rmtree(dir);
	free(dir);
	free(sock);
}

static int collect(const struct auth_enum_entry *e, void *ctx)
{
	struct buf *b = ctx;

	return buf_printf(b, "%s|%lu|%lu|%s|%s|%s\n", e->name, (unsigned long)e->uid,
			  (unsigned long)e->gid, e->home, e->maildir, e->options) < 0 ? 9 : 0;
}

static int stop_at_first(const struct auth_enum_entry *e, void *ctx)
{
	(void)e;
	(void)ctx;
	return 42;
}

static void test_enumerate(void)
{
	static const char *const rep[] = {
		("# authuserdb\n\njoe\t1000\t1000\t/h\t./M\ta=1\nroot\t0\t0\t/root\t\t\nnotabs\n"
		 "ann\t1001\t1001\t/a\t\nbad\tx\t1\t/b\t\t\nshort\t5\t5\n# authpam\n\nsys\t200\t200\t/s\t\t\n.\n"),
		"# authuserdb\n\njoe\t1000\t1000\t/h\t\t\n",
		"# authuserdb\n\njoe\t1000\t1000\t/h\t\t\n.\n",
	};
	char *dir = cutest_tmpdir("enum"), *sock = path_join(dir, "socket");
	struct buf b = BUF_INIT(4096);
	pid_t pid = fake_daemon_start(dir, rep, N_ELEMENTS(rep));

	auth_set_socket_path(sock);
	CU_ASSERT_EQUAL(auth_enumerate(collect, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "joe|1000|1000|/h|./M|a=1\nann|1001|1001|/a||\nsys|200|200|/s||\n");
	buf_reset(&b);
	CU_ASSERT_EQUAL(auth_enumerate(collect, &b), -1);   /* no final "." */
	CU_ASSERT_EQUAL(auth_enumerate(stop_at_first, NULL), 42);
	CU_ASSERT_EQUAL(fake_daemon_wait(pid), 0);
	auth_set_socket_path(NULL);
	buf_free(&b);
	cutest_rmtree(dir);
	free(dir);
	free(sock);
}

static void test_tempfail_replies(void)
{
	static const char *const rep[] = { NULL, "UID=1\nGID=1\n", "garbage" };
	char *dir = cutest_tmpdir("tempfail"), *sock = path_join(dir, "socket");
	struct auth_info ai;
	pid_t pid = fake_daemon_start(dir, rep, N_ELEMENTS(rep));

	auth_set_socket_path(sock);
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "pw", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "pw", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(auth_login("imap", "joe", "pw", &ai), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(fake_daemon_wait(pid), 0);
	auth_set_socket_path(NULL);
	cutest_rmtree(dir);
	free(dir);
	free(sock);
}

void suite_client(void);
void suite_client(void)
{
	CU_pSuite s = cutest_suite("client");

	cutest_add(s, "reply parsing", test_parse_reply);
	cutest_add(s, "option values", test_options);
	cutest_add(s, "socket path", test_socket_path);
	cutest_add(s, "DEFDOMAIN", test_defdomain);
	cutest_add(s, "unreachable daemon and bad input", test_unreachable_and_bad_input);
	cutest_add(s, "request bytes", test_request_bytes);
	cutest_add(s, "enumeration", test_enumerate);
	cutest_add(s, "temporary failures", test_tempfail_replies);
}
