/*
 * test_postauth.c - login/login_postauth.c: the post-login checks in
 * Courier's order, the Maildir choice, and the pipelined-command hand-off
 * with hostile values (bad hex, odd length, one byte over the cap).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "stream.h"
#include "login_postauth.h"

static char *tmp;
static char oldcwd[PATH_MAX];

/* a home with Maildir/ and Other/, cwd = the home; the environment clean */
static void setup(void)
{
	char p[PATH_MAX];

	tmp = cutest_tmpdir("postauth");
	CU_ASSERT_FATAL(getcwd(oldcwd, sizeof(oldcwd)) != NULL);
	snprintf(p, sizeof(p), "%s/Maildir", tmp);
	CU_ASSERT_FATAL(mkdir(p, 0700) == 0);
	snprintf(p, sizeof(p), "%s/Other", tmp);
	CU_ASSERT_FATAL(mkdir(p, 0700) == 0);
	CU_ASSERT_FATAL(chdir(tmp) == 0);
	unsetenv("AUTHENTICATED");
	unsetenv("OPTIONS");
	unsetenv("MAILDIR");
}

static void teardown(void)
{
	CU_ASSERT(chdir(oldcwd) == 0);
	cutest_rmtree(tmp);
	free(tmp);
	unsetenv("AUTHENTICATED");
	unsetenv("OPTIONS");
	unsetenv("MAILDIR");
}

static const char *cwd_base(char *b, size_t n)
{
	const char *s;

	if (getcwd(b, n) == NULL)
		return "";
	s = strrchr(b, '/');
	return s != NULL ? s + 1 : b;
}

static struct postauth_params params(const char *service)
{
	struct postauth_params p = { service, false, NULL, NULL, "Maildir", false };

	return p;
}

static void test_not_logged_in(void)
{
	struct postauth_params p = params("imap");
	struct postauth r;

	setup();
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_NOT_LOGGED_IN);
	CU_ASSERT_PTR_NULL(r.user);
	setenv("AUTHENTICATED", "", 1);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_NOT_LOGGED_IN);
	p.stdio_user = "";
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_NOT_LOGGED_IN);
	teardown();
}

static void test_ok_and_maildir_choice(void)
{
	struct postauth_params p = params("pop3");
	struct postauth r;
	char b[PATH_MAX];

	setup();
	setenv("AUTHENTICATED", "joe@example.com", 1);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(r.user, "joe@example.com");
	CU_ASSERT_FALSE(r.preauth);
	CU_ASSERT_STRING_EQUAL(r.maildir, "Maildir");
	CU_ASSERT_STRING_EQUAL(cwd_base(b, sizeof(b)), "Maildir");
	/* the argument beats MAILDIRPATH, $MAILDIR beats both */
	CU_ASSERT(chdir(tmp) == 0);
	p.arg_maildir = "Other";
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(cwd_base(b, sizeof(b)), "Other");
	CU_ASSERT(chdir(tmp) == 0);
	setenv("MAILDIR", "Maildir", 1);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(cwd_base(b, sizeof(b)), "Maildir");
	/* an empty MAILDIR counts as unset */
	CU_ASSERT(chdir(tmp) == 0);
	setenv("MAILDIR", "", 1);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(cwd_base(b, sizeof(b)), "Other");
	teardown();
}

static void test_stdio_user(void)
{
	struct postauth_params p = params("imap");
	struct postauth r;

	setup();
	p.stdio_user = "alice";
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(r.user, "alice");
	CU_ASSERT_TRUE(r.preauth);
	/* AUTHENTICATED wins over -stdio */
	CU_ASSERT(chdir(tmp) == 0);
	setenv("AUTHENTICATED", "bob", 1);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	CU_ASSERT_STRING_EQUAL(r.user, "bob");
	CU_ASSERT_FALSE(r.preauth);
	teardown();
}

static void test_options(void)
{
	static const struct {
		const char *service, *options;
		bool tls;
		enum postauth_status want;
	} cases[] = {
		{ "pop3", "disablepop3=1", false, POSTAUTH_DISABLED },
		{ "pop3", "disablepop3=1", true, POSTAUTH_DISABLED },
		{ "pop3", "disablepop3=0", false, POSTAUTH_OK },
		{ "pop3", "disableimap=1", false, POSTAUTH_OK },
		{ "imap", "disableimap=1", false, POSTAUTH_DISABLED },
		{ "imap", "x=1,disableimap=y,z=2", false, POSTAUTH_DISABLED },
		{ "imap", "disablepop3=1", false, POSTAUTH_OK },
		{ "imap", "disableinsecureimap=1", false, POSTAUTH_INSECURE },
		{ "imap", "disableinsecureimap=1", true, POSTAUTH_OK },
		{ "pop3", "disableinsecurepop3=1", false, POSTAUTH_INSECURE },
		{ "pop3", "disableinsecurepop3=1", true, POSTAUTH_OK },
		{ "pop3", "disableinsecureimap=1", false, POSTAUTH_OK },
		/* disable wins over insecure */
		{ "imap", "disableinsecureimap=1,disableimap=1", false, POSTAUTH_DISABLED },
		{ "imap", "", false, POSTAUTH_OK },
		{ "imap", "disableimap", false, POSTAUTH_OK },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct postauth_params p = params(cases[i].service);
		struct postauth r;
		enum postauth_status got;

		setup();
		setenv("AUTHENTICATED", "joe", 1);
		setenv("OPTIONS", cases[i].options, 1);
		p.tls = cases[i].tls;
		got = postauth_start(&p, &r);
		if (got != cases[i].want)
			printf("case %zu: got %d, want %d\n", i, (int)got, (int)cases[i].want);
		CU_ASSERT_EQUAL(got, cases[i].want);
		teardown();
	}
}

static void test_sticky_and_missing(void)
{
	struct postauth_params p = params("imap");
	struct postauth r;

	setup();
	setenv("AUTHENTICATED", "joe", 1);
	CU_ASSERT(chmod(tmp, 01700) == 0);
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_STICKY);
	CU_ASSERT(chmod(tmp, 0700) == 0);
	p.arg_maildir = "Nowhere";
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_NO_MAILDIR);
	CU_ASSERT_EQUAL(r.error, ENOENT);
	CU_ASSERT_STRING_EQUAL(r.maildir, "Nowhere");
	/* the sanity check passes for our own directory */
	p.arg_maildir = NULL;
	p.sanity_check = true;
	CU_ASSERT_EQUAL(postauth_start(&p, &r), POSTAUTH_OK);
	teardown();
}

/* a stream over a pipe: the hand-off reads what is buffered */
static void test_handoff(void)
{
	int fds[2];
	struct stream *s;
	struct buf line = BUF_INIT(100);
	static const char pipelined[] = "a1 NOOP\r\na2 LOGOUT\r\n";

	CU_ASSERT_FATAL(pipe(fds) == 0);
	CU_ASSERT(write(fds[1], "a0 LOGIN x y\r\n", 14) == 14);
	CU_ASSERT(write(fds[1], pipelined, strlen(pipelined)) == (ssize_t)strlen(pipelined));
	s = stream_new(fds[0], fds[1], NULL);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a0 LOGIN x y");
	/* over the cap: nothing exported */
	CU_ASSERT_EQUAL(postauth_handoff_export(s, "T_PIPE", strlen(pipelined) - 1), -1);
	CU_ASSERT_PTR_NULL(getenv("T_PIPE"));
	stream_free(&s);
	close(fds[0]);
	close(fds[1]);

	CU_ASSERT_FATAL(pipe(fds) == 0);
	CU_ASSERT(write(fds[1], "a0 LOGIN x y\r\n", 14) == 14);
	CU_ASSERT(write(fds[1], pipelined, strlen(pipelined)) == (ssize_t)strlen(pipelined));
	s = stream_new(fds[0], fds[1], NULL);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	/* exactly the cap */
	CU_ASSERT_EQUAL(postauth_handoff_export(s, "T_PIPE", strlen(pipelined)), 0);
	CU_ASSERT_STRING_EQUAL(getenv("T_PIPE"),
			       "6131204e4f4f500d0a6132204c4f474f55540d0a");
	stream_free(&s);
	close(fds[0]);
	close(fds[1]);

	/* the server side */
	CU_ASSERT_FATAL(pipe(fds) == 0);
	s = stream_new(fds[0], fds[1], NULL);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", strlen(pipelined) - 1), -1);
	CU_ASSERT_PTR_NULL(getenv("T_PIPE"));
	setenv("T_PIPE", "6131204e4f4f500d0a6132204c4f474f55540d0a", 1);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", strlen(pipelined)),
			(long)strlen(pipelined));
	CU_ASSERT_PTR_NULL(getenv("T_PIPE"));
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a1 NOOP");
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "a2 LOGOUT");
	/* hostile values: odd length, not hex, unset, empty */
	setenv("T_PIPE", "613", 1);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", 100), -1);
	setenv("T_PIPE", "zz", 1);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", 100), -1);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", 100), 0);
	setenv("T_PIPE", "", 1);
	CU_ASSERT_EQUAL(postauth_handoff_replay(s, "T_PIPE", 100), 0);
	CU_ASSERT_EQUAL(stream_input_pending(s), 0);
	stream_free(&s);
	close(fds[0]);
	close(fds[1]);
	buf_free(&line);
}

void suite_postauth(void);
void suite_postauth(void)
{
	CU_pSuite s = cutest_suite("postauth");

	cutest_add(s, "not_logged_in", test_not_logged_in);
	cutest_add(s, "ok_and_maildir_choice", test_ok_and_maildir_choice);
	cutest_add(s, "stdio_user", test_stdio_user);
	cutest_add(s, "options", test_options);
	cutest_add(s, "sticky_and_missing", test_sticky_and_missing);
	cutest_add(s, "handoff", test_handoff);
}
