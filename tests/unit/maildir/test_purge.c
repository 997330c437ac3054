/*
 * test_purge.c - tmp/ cleanup by age, IMAP_EMPTYTRASH parsing (hostile
 * values) and emptying by ctime.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_purge.h"
#include "maildir_quota.h"
#include "testmd.h"

static void age(const char *dir, const char *name, long secs)
{
	char *p = tmd_path(dir, name);
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= secs;
	tv[1] = tv[0];
	CU_ASSERT_EQUAL(utimes(p, tv), 0);
	free(p);
}

static void test_purge_tmp(void)
{
	char *root, *md = tmd_maildir("pt", &root), *p;

	tmd_write(md, "tmp/old", "x", 1);
	tmd_write(md, "tmp/new", "x", 1);
	tmd_write(md, "tmp/courier.lock", "1:h", 3);
	age(md, "tmp/old", 37 * 3600);
	age(md, "tmp/courier.lock", 37 * 3600);
	p = tmd_path(md, "tmp/olddir");
	mkdir(p, 0700);
	free(p);
	tmd_write(root, "target", "keep", 4);
	age(root, "target", 37 * 3600);
	{
		char *t = tmd_path(root, "target");
		p = tmd_path(md, "tmp/link");
		CU_ASSERT_EQUAL(symlink(t, p), 0);
		free(p);
		free(t);
	}
	CU_ASSERT_EQUAL(maildir_purge_tmp(md, MAILDIR_TMP_PURGE_SECS), 1);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 4);
	p = tmd_read(root, "target");
	CU_ASSERT_PTR_NOT_NULL(p);
	free(p);
	CU_ASSERT_EQUAL(maildir_purge_tmp("/nonexistent", 1), -1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_emptytrash_parse(void)
{
	struct maildir_emptytrash *it;
	size_t n;
	const char *err;

	CU_ASSERT_EQUAL(maildir_emptytrash_parse("Trash:7,Sent:30", "Trash", &it, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(it[0].folder, "Trash");
	CU_ASSERT_EQUAL(it[0].days, 7);
	CU_ASSERT_STRING_EQUAL(it[1].folder, "Sent");
	CU_ASSERT_EQUAL(it[1].days, 30);
	maildir_emptytrash_free(it, n);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("14", "Deleted", &it, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(it[0].folder, "Deleted");
	CU_ASSERT_EQUAL(it[0].days, 14);
	maildir_emptytrash_free(it, n);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("Trash:0,X:-3", "Trash", &it, &n, &err), 0);
	CU_ASSERT_EQUAL(it[0].days, 1);
	CU_ASSERT_EQUAL(it[1].days, 1);
	maildir_emptytrash_free(it, n);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("", "Trash", &it, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 0);
	maildir_emptytrash_free(it, n);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("Trash:x", "Trash", &it, &n, &err), -1);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("Trash:", "Trash", &it, &n, &err), -1);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("../etc:7", "Trash", &it, &n, &err), -1);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse("Trash:99999999999999999999", "Trash", &it, &n, &err), -1);
	CU_ASSERT_EQUAL(maildir_emptytrash_parse(":7", "Trash", &it, &n, &err), -1);
}

static void test_purge_folders(void)
{
	char *root, *md = tmd_maildir("pf", &root), probe[4096];
	struct maildir_emptytrash it[2] = { { "Trash", 7 }, { "Sent", 1 } };
	struct stat st;
	const char *err;
	struct maildir_quota_usage u;

	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Trash", 0700, &err), 0);
	tmd_write(md, ".Trash/cur/1.a,S=1:2,S", "x", 1);
	tmd_write(md, ".Trash/new/2.b,S=1", "x", 1);
	/* ctime cannot be set back: every file counts as just changed, so the
	   test uses a "now" 8 days after the files' own ctime (not the wall
	   clock's, which tests/with-clock moves while file times stay real) */
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Sent", 0700, &err), 0);
	tmd_write(md, ".Sent/cur/3.c,S=1:2,S", "x", 1);
	tmd_write(md, "cur/4.d,S=1:2,S", "x", 1);
	CU_ASSERT_EQUAL(maildir_quota_set(md, "100S", &err), 0);
	CU_ASSERT_EQUAL(maildir_purge_folders(md, it, 2, time(NULL)), 0);
	CU_ASSERT_EQUAL(tmd_count(md, ".Trash/new"), 0);   /* moved to cur/ */
	CU_ASSERT_EQUAL(tmd_count(md, ".Trash/cur"), 2);
	tmd_write(md, "tmp/ctime-probe", "x", 1);
	snprintf(probe, sizeof(probe), "%s/tmp/ctime-probe", md);
	CU_ASSERT_FATAL(stat(probe, &st) == 0);
	CU_ASSERT_EQUAL(maildir_purge_folders(md, it, 1, st.st_ctime + 6 * 86400), 0);
	CU_ASSERT_EQUAL(maildir_purge_folders(md, it, 2, st.st_ctime + 8 * 86400), 3);
	CU_ASSERT_EQUAL(tmd_count(md, ".Trash/cur"), 0);
	CU_ASSERT_EQUAL(tmd_count(md, ".Sent/cur"), 0);
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 1);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, 1);    /* Sent's message left the count */
	CU_ASSERT_EQUAL(u.count, 1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_purge(void);
void suite_purge(void)
{
	CU_pSuite s = cutest_suite("purge");

	cutest_add(s, "purge_tmp", test_purge_tmp);
	cutest_add(s, "emptytrash_parse", test_emptytrash_parse);
	cutest_add(s, "purge_folders", test_purge_folders);
}
