/*
 * test_flags.c - flag changes by rename, following renames by others.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "maildir.h"
#include "maildir_flags.h"
#include "testmd.h"

static void test_set_and_change(void)
{
	char *root, *md = tmd_maildir("flags1", &root);
	struct buf nn = BUF_INIT(300);
	unsigned f;
	char s[8];

	tmd_write(md, "cur/1.a:2,S", "x", 1);
	CU_ASSERT_EQUAL(maildir_flags_set(md, "1.a:2,S", MAILDIR_F_SEEN | MAILDIR_F_FLAGGED, &nn), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&nn), "1.a:2,FS");
	/* stale name: found by base name */
	CU_ASSERT_EQUAL(maildir_flags_change(md, "1.a:2,S", MAILDIR_F_REPLIED, MAILDIR_F_FLAGGED, &nn), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&nn), "1.a:2,RS");
	/* same flags: no rename, still ok */
	CU_ASSERT_EQUAL(maildir_flags_change(md, "1.a:2,RS", MAILDIR_F_SEEN, 0, &nn), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&nn), "1.a:2,RS");
	/* still in new/: moved to cur/ */
	tmd_write(md, "new/2.b", "y", 1);
	CU_ASSERT_EQUAL(maildir_flags_set(md, "2.b", MAILDIR_F_SEEN, &nn), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&nn), "2.b:2,S");
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 0);
	/* gone */
	CU_ASSERT_EQUAL(maildir_flags_set(md, "3.c:2,", MAILDIR_F_SEEN, &nn), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	/* hostile names */
	CU_ASSERT_EQUAL(maildir_flags_set(md, "../../etc/passwd", MAILDIR_F_SEEN, &nn), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(maildir_flags_set(md, "", MAILDIR_F_SEEN, &nn), -1);
	CU_ASSERT_EQUAL(maildir_flags_parse("DFPRST", &f), 0);
	CU_ASSERT_EQUAL(f, MAILDIR_F_ALL);
	CU_ASSERT_EQUAL(maildir_flags_parse("Sx", &f), -1);
	maildir_flags_to_str(MAILDIR_F_SEEN | MAILDIR_F_DRAFT, s);
	CU_ASSERT_STRING_EQUAL(s, "DS");
	buf_free(&nn);
	free(md);
	cutest_rmtree(root);
	free(root);
}

/* Two processes flip different flags on the same messages at once: in the
   end every message carries both flags and still exists exactly once. */
static void test_concurrent_flaggers(void)
{
	char *root, *md = tmd_maildir("flags2", &root);
	enum { NMSG = 40, ROUNDS = 30 };
	pid_t pids[2];
	int i, k, status;
	char name[64];

	for (i = 0; i < NMSG; i++) {
		snprintf(name, sizeof(name), "cur/%d.m:2,", 1000 + i);
		tmd_write(md, name, "x", 1);
	}
	for (k = 0; k < 2; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			struct buf nn = BUF_INIT(300);
			unsigned fl = k == 0 ? MAILDIR_F_SEEN : MAILDIR_F_FLAGGED;
			int r, bad = 0;
			for (r = 0; r < ROUNDS; r++) {
				for (i = 0; i < NMSG; i++) {
					snprintf(name, sizeof(name), "%d.m:2,", 1000 + i);
					if (r == ROUNDS - 1 || r % 2 == 0)
						bad |= maildir_flags_change(md, name, fl, 0, &nn);
					else
						bad |= maildir_flags_change(md, name, 0, fl, &nn);
				}
			}
			_exit(bad ? 1 : 0);
		}
	}
	for (k = 0; k < 2; k++) {
		CU_ASSERT_EQUAL(waitpid(pids[k], &status, 0), pids[k]);
		CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), NMSG);
	{
		struct maildir_list l = MAILDIR_LIST_INIT;
		CU_ASSERT_EQUAL(maildir_scan(md, 0, &l), 0);
		for (i = 0; i < (int)l.n; i++)
			CU_ASSERT_EQUAL(l.m[i].flags, MAILDIR_F_SEEN | MAILDIR_F_FLAGGED);
		maildir_list_free(&l);
	}
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_flags(void);
void suite_flags(void)
{
	CU_pSuite s = cutest_suite("flags");

	cutest_add(s, "set_and_change", test_set_and_change);
	cutest_add(s, "concurrent_flaggers", test_concurrent_flaggers);
}
