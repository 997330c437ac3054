/*
 * test_become.c - auth_become() in a child process: privilege drop to the
 * account (ours when not root, nobody-like uid when root), chdir HOME, the
 * exported environment; refusals for uid 0, no HOME, no identity.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "adhelpers.h"
#include "auth_become.h"
#include "cutest.h"

/* Run auth_become(ai) in a child; the child exits 0 when it succeeded and
   the environment/cwd checks passed, 1 when auth_become failed, 2 when a
   check failed. */
static int child_become(const struct auth_info *ai, const char *want_cwd)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		const char *err = NULL;
		char cwd[4096];

		if (auth_become(ai, &err) < 0)
			_exit(1);
		if (getcwd(cwd, sizeof(cwd)) == NULL || strcmp(cwd, want_cwd) != 0)
			_exit(2);
		if (getenv("AUTHENTICATED") == NULL || strcmp(getenv("AUTHENTICATED"), ai->address) != 0)
			_exit(2);
		if (ai->maildir != NULL && (getenv("MAILDIR") == NULL || strcmp(getenv("MAILDIR"), ai->maildir) != 0))
			_exit(2);
		if (ai->maildir == NULL && getenv("MAILDIR") != NULL)
			_exit(2);
		if (ai->options != NULL && strcmp(getenv("OPTIONS"), ai->options) != 0)
			_exit(2);
		if (ai->quota != NULL && strcmp(getenv("MAILDIRQUOTA"), ai->quota) != 0)
			_exit(2);
		if (getuid() != (ai->have_uid ? ai->uid : getuid()) || getuid() == 0)
			_exit(2);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void test_become(void)
{
	char *home = cutest_tmpdir("become");
	char real[4096];
	struct auth_info ai;

	CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(home, real));
	auth_info_init(&ai);
	ai.have_uid = true;
	ai.uid = geteuid() == 0 ? 65534 : geteuid();
	ai.gid = geteuid() == 0 ? 65534 : getegid();
	ai.home = real;
	ai.address = "joe@example.com";
	ai.maildir = "./Maildir";
	ai.options = "disablepop3=1";
	ai.quota = "100S";
	setenv("MAILDIR", "stale", 1);
	if (geteuid() == 0)
		CU_ASSERT_EQUAL(chmod(home, 0755), 0);
	CU_ASSERT_EQUAL(child_become(&ai, real), 0);
	ai.maildir = NULL;
	CU_ASSERT_EQUAL(child_become(&ai, real), 0);
	unsetenv("MAILDIR");
	/* refusals */
	ai.home = NULL;
	CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	ai.home = "/nonexistent/home";
	CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	ai.home = real;
	ai.uid = 0;
	ai.gid = 0;
	CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	ai.have_uid = false;
	CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	if (geteuid() != 0) {
		ai.have_uid = true;
		ai.uid = geteuid() + 1;
		ai.gid = getegid();
		CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	}
	/* USERNAME= (PAM, passwd): become the system account by name */
	ai.have_uid = false;
	ai.uid = 0;
	ai.username = geteuid() == 0 ? "nobody" : getpwuid(geteuid())->pw_name;
	ai.maildir = NULL;
	CU_ASSERT_EQUAL(child_become(&ai, real), 0);
	ai.username = "no-such-user-stafeta";
	CU_ASSERT_EQUAL(child_become(&ai, real), 1);
	ai.username = NULL;
	CU_ASSERT_STRING_EQUAL(auth_maildir(&ai, "./Maildir"), "./Maildir");
	ai.maildir = "/var/mail/x";
	CU_ASSERT_STRING_EQUAL(auth_maildir(&ai, "./Maildir"), "/var/mail/x");
	ai.maildir = "";
	CU_ASSERT_STRING_EQUAL(auth_maildir(&ai, NULL), "./Maildir");
	cutest_rmtree(home);
	free(home);
}

void suite_become(void);
void suite_become(void)
{
	CU_pSuite s = cutest_suite("become");

	cutest_add(s, "auth_become", test_become);
}
