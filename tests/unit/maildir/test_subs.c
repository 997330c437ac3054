/*
 * test_subs.c - courierimapsubscribed: hostile contents, subscribe,
 * unsubscribe, rename with sub-folders, concurrent subscribers.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_subs.h"
#include "testmd.h"

static void test_parse_hostile(void)
{
	struct maildir_subs s = MAILDIR_SUBS_INIT;
	const char t[] = "INBOX\nINBOX.Sent\n\nINBOX.Sent\nbad\x01name\nINBOX.A\r\nx\0y\nlast";

	CU_ASSERT_EQUAL(maildir_subs_parse(t, sizeof(t) - 1, &s), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 4);
	CU_ASSERT_STRING_EQUAL(s.name[0], "INBOX");
	CU_ASSERT_STRING_EQUAL(s.name[1], "INBOX.Sent");
	CU_ASSERT_STRING_EQUAL(s.name[2], "INBOX.A");
	CU_ASSERT_STRING_EQUAL(s.name[3], "last");
	CU_ASSERT_TRUE(maildir_subs_has(&s, "INBOX.A"));
	CU_ASSERT_FALSE(maildir_subs_has(&s, "INBOX.B"));
	maildir_subs_free(&s);
	CU_ASSERT_EQUAL(maildir_subs_parse("", 0, &s), 0);
	CU_ASSERT_EQUAL(s.n, 0);
	{
		char *big = malloc(2000);
		memset(big, 'a', 1999);
		big[1999] = '\0';
		CU_ASSERT_EQUAL(maildir_subs_parse(big, 1999, &s), 0);
		CU_ASSERT_EQUAL(s.n, 0);
		free(big);
	}
	maildir_subs_free(&s);
}

static void test_update(void)
{
	char *root, *md = tmd_maildir("subs", &root), *c;
	struct maildir_subs s = MAILDIR_SUBS_INIT;

	CU_ASSERT_EQUAL(maildir_subs_read(md, &s), 0);
	CU_ASSERT_EQUAL(s.n, 0);
	CU_ASSERT_EQUAL(maildir_subs_add(md, "INBOX.Work"), 0);
	CU_ASSERT_EQUAL(maildir_subs_add(md, "INBOX.Work.Q1"), 0);
	CU_ASSERT_EQUAL(maildir_subs_add(md, "INBOX.Workshop"), 0);
	CU_ASSERT_EQUAL(maildir_subs_add(md, "INBOX.Work"), 0);
	CU_ASSERT_EQUAL(maildir_subs_add(md, "bad\nname"), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	c = tmd_read(md, "courierimapsubscribed");
	CU_ASSERT_STRING_EQUAL(c, "INBOX.Work\nINBOX.Work.Q1\nINBOX.Workshop\n");
	free(c);
	CU_ASSERT_EQUAL(maildir_subs_rename(md, "INBOX.Work", "INBOX.Job"), 0);
	c = tmd_read(md, "courierimapsubscribed");
	CU_ASSERT_STRING_EQUAL(c, "INBOX.Job\nINBOX.Job.Q1\nINBOX.Workshop\n");
	free(c);
	CU_ASSERT_EQUAL(maildir_subs_remove(md, "INBOX.Job"), 0);
	CU_ASSERT_EQUAL(maildir_subs_remove(md, "INBOX.Nope"), 0);
	CU_ASSERT_EQUAL(maildir_subs_read(md, &s), 0);
	CU_ASSERT_EQUAL(s.n, 2);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	maildir_subs_free(&s);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_concurrent(void)
{
	char *root, *md = tmd_maildir("subs2", &root);
	struct maildir_subs s = MAILDIR_SUBS_INIT;
	pid_t pids[3];
	int k, st;

	for (k = 0; k < 3; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			int i, bad = 0;
			char name[64];
			for (i = 0; i < 20; i++) {
				snprintf(name, sizeof(name), "INBOX.p%d.f%d", k, i);
				bad |= maildir_subs_add(md, name);
			}
			_exit(bad ? 1 : 0);
		}
	}
	for (k = 0; k < 3; k++) {
		waitpid(pids[k], &st, 0);
		CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	CU_ASSERT_EQUAL(maildir_subs_read(md, &s), 0);
	CU_ASSERT_EQUAL(s.n, 60);     /* no update lost */
	maildir_subs_free(&s);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_subs(void);
void suite_subs(void)
{
	CU_pSuite s = cutest_suite("subs");

	cutest_add(s, "parse_hostile", test_parse_hostile);
	cutest_add(s, "update", test_update);
	cutest_add(s, "concurrent", test_concurrent);
}
