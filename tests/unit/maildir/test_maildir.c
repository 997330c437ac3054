/*
 * test_maildir.c - message names, flag suffixes, folder names (hostile),
 * folder create/list/rename/delete, the cur/+new/ scan, symlinks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "testmd.h"

static void test_name_valid(void)
{
	static const struct { const char *n; bool ok; } cases[] = {
		{ "1700000000.M1P2.host,S=10:2,S", true },
		{ "1.2.host", true },
		{ "", false }, { ".hidden", false }, { "a/b", false }, { "a\nb", false },
		{ "a\tb", false }, { "a\x7f" "b", false }, { "..", false }, { ".", false },
		{ "x\xc3\xa9", true },
	};
	char longname[300];
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		bool got = maildir_name_is_valid(cases[i].n);
		if (got != cases[i].ok)
			printf("case %zu: got %d, want %d\n", i, got, cases[i].ok);
		CU_ASSERT_EQUAL(got, cases[i].ok);
	}
	memset(longname, 'a', 255);
	longname[255] = '\0';
	CU_ASSERT_TRUE(maildir_name_is_valid(longname));
	longname[255] = 'a';
	longname[256] = '\0';
	CU_ASSERT_FALSE(maildir_name_is_valid(longname));
}

static void test_name_parts(void)
{
	uint64_t sz = 0;

	CU_ASSERT_EQUAL(maildir_name_baselen("abc:2,S"), 3);
	CU_ASSERT_EQUAL(maildir_name_baselen("abc"), 3);
	CU_ASSERT_EQUAL(maildir_name_baselen("a:b:2,S"), 3);
	CU_ASSERT_EQUAL(maildir_name_flags("x:2,FRS"), MAILDIR_F_FLAGGED | MAILDIR_F_REPLIED | MAILDIR_F_SEEN);
	CU_ASSERT_EQUAL(maildir_name_flags("x:2,DFPRST"), MAILDIR_F_ALL);
	CU_ASSERT_EQUAL(maildir_name_flags("x:2,abcS"), MAILDIR_F_SEEN);
	CU_ASSERT_EQUAL(maildir_name_flags("x:1,S"), 0);
	CU_ASSERT_EQUAL(maildir_name_flags("x"), 0);
	CU_ASSERT_EQUAL(maildir_name_flags("x:2"), 0);
	CU_ASSERT_EQUAL(maildir_name_flags("x:2,s"), 0);
	CU_ASSERT_EQUAL(maildir_name_size("1.M2P3.h,S=2318:2,S", &sz), 0);
	CU_ASSERT_EQUAL(sz, 2318);
	CU_ASSERT_EQUAL(maildir_name_size("1.M2P3.h,S=5,W=7", &sz), 0);
	CU_ASSERT_EQUAL(sz, 5);
	CU_ASSERT_EQUAL(maildir_name_size("1.h,S=1,S=9", &sz), 0);
	CU_ASSERT_EQUAL(sz, 9);
	CU_ASSERT_EQUAL(maildir_name_size("1.h", &sz), -1);
	CU_ASSERT_EQUAL(maildir_name_size("1.h,S=", &sz), -1);
	CU_ASSERT_EQUAL(maildir_name_size("1.h,S=x", &sz), -1);
	CU_ASSERT_EQUAL(maildir_name_size("1.h:2,S=5", &sz), -1);   /* after ':' */
	CU_ASSERT_EQUAL(maildir_name_size("1.h,S=99999999999999999999999", &sz), -1);
	CU_ASSERT_EQUAL(maildir_name_size("1.h,S=18446744073709551615", &sz), 0);
	CU_ASSERT_EQUAL(sz, UINT64_MAX);
}

static void test_name_with_flags(void)
{
	struct buf b = BUF_INIT(300);

	CU_ASSERT_EQUAL(maildir_name_with_flags("abc", MAILDIR_F_SEEN, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,S");
	CU_ASSERT_EQUAL(maildir_name_with_flags("abc:2,S", MAILDIR_F_SEEN | MAILDIR_F_DRAFT | MAILDIR_F_TRASHED, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,DST");
	CU_ASSERT_EQUAL(maildir_name_with_flags("abc:2,Sab", MAILDIR_F_REPLIED, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,Rab");
	CU_ASSERT_EQUAL(maildir_name_with_flags("abc:2,S\x01/zz", 0, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,z");
	CU_ASSERT_EQUAL(maildir_name_with_flags("abc:1,xyz", MAILDIR_F_SEEN, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,S");
	CU_ASSERT_EQUAL(maildir_name_with_flags("abc:2,", 0, &b), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&b), "abc:2,");
	buf_free(&b);
}

static void test_name_cmp(void)
{
	CU_ASSERT(maildir_name_cmp("9.a", "10.a") < 0);
	CU_ASSERT(maildir_name_cmp("10.a", "9.a") > 0);
	CU_ASSERT(maildir_name_cmp("10.a", "10.b") < 0);
	CU_ASSERT(maildir_name_cmp("10.a:2,S", "10.a:2,T") == 0);
	CU_ASSERT(maildir_name_cmp("10.a", "10.a:2,T") == 0);
	CU_ASSERT(maildir_name_cmp("abc", "abd") < 0);
	CU_ASSERT(maildir_name_cmp("99999999999999999999999999.a", "99999999999999999999999999.b") < 0);
}

static void test_folder_check(void)
{
	static const struct { const char *n; bool ok; } cases[] = {
		{ "Sent", true }, { "Sent.2024", true }, { "R\xc3\xa9sum\xc3\xa9", true },
		{ "", false }, { ".Sent", false }, { "Sent.", false }, { "A..B", false },
		{ "A/B", false }, { "..", false }, { "../etc", false }, { "A.\x01", false },
		{ "A\nB", false }, { "A\x7f", false }, { "\xff", false }, { "\xc3", false },
		{ "\xc0\xaf", false }, { "\xed\xa0\x80", false }, { "\xf4\x90\x80\x80", false },
		{ "&AOk-", true }, { "a b", true }, { "A.B.C.D", true },
	};
	size_t i;
	const char *err = NULL;
	char big[1100];

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		int got = maildir_folder_check(cases[i].n, &err);
		if ((got == 0) != cases[i].ok)
			printf("case %zu: got %d, want %d\n", i, got, cases[i].ok);
		CU_ASSERT_EQUAL(got == 0, cases[i].ok);
	}
	CU_ASSERT_EQUAL(maildir_folder_check_n("A\0B", 3, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "NUL"));
	memset(big, 'a', 1001);
	big[1001] = '\0';
	CU_ASSERT_EQUAL(maildir_folder_check(big, &err), -1);
	big[1000] = '\0';
	CU_ASSERT_EQUAL(maildir_folder_check(big, &err), 0);
}

static void test_folder_mutf7(void)
{
	static const struct { const char *n; bool ok; } cases[] = {
		{ "INBOX.R&AOk-sum&AOk-", true }, { "Entw&APw-rfe", true }, { "A&-B", true },
		{ "&Jjo-", true }, { "&2D3eAA-", true },          /* U+1F600 surrogate pair */
		{ "plain", true }, { "", true },
		{ "&", false }, { "&AOk", false }, { "&AOk-&AOk-", false },
		{ "&AOl-", false },                               /* non-zero padding bits */
		{ "&AEE-", false },                               /* encodes 'A' */
		{ "&2D0-", false },                               /* lone high surrogate */
		{ "&3gA-", false },                               /* lone low surrogate */
		{ "&A-", false }, { "&!-", false }, { "\xc3\xa9", false }, { "a\tb", false },
		{ "&AOkA6Q-", true },
	};
	size_t i;
	const char *err;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		int got = maildir_folder_check_mutf7(cases[i].n, &err);
		if ((got == 0) != cases[i].ok)
			printf("case %zu: got %d, want %d\n", i, got, cases[i].ok);
		CU_ASSERT_EQUAL(got == 0, cases[i].ok);
	}
}

static void test_folder_dir(void)
{
	const char *err;
	char *p;

	p = maildir_folder_dir("/m", "INBOX", &err);
	CU_ASSERT_STRING_EQUAL(p, "/m");
	free(p);
	p = maildir_folder_dir("/m", "inbox.Sent.X", &err);
	CU_ASSERT_STRING_EQUAL(p, "/m/.Sent.X");
	free(p);
	p = maildir_folder_dir("/m", "Sent", &err);
	CU_ASSERT_STRING_EQUAL(p, "/m/.Sent");
	free(p);
	CU_ASSERT_PTR_NULL(maildir_folder_dir("/m", "INBOX.../x", &err));
	CU_ASSERT_PTR_NULL(maildir_folder_dir("/m", "INBOX.", &err));
	CU_ASSERT_PTR_NULL(maildir_folder_dir("/m", "INBOX.a/../../b", &err));
}

static void test_folder_ops(void)
{
	char *root, *md = tmd_maildir("mdfold", &root), *p;
	struct maildir_folder_list l = MAILDIR_FOLDER_LIST_INIT;
	const char *err;
	size_t i;

	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Work.Q1", 0700, &err), 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Work.Q1.Sub", 0700, &err), 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Sent", 0700, &err), 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Sent", 0700, &err), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX", 0700, &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.a/b", 0700, &err), -1);
	p = tmd_path(md, ".Sent/maildirfolder");
	CU_ASSERT_EQUAL(access(p, F_OK), 0);
	free(p);
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX.Sent"));
	CU_ASSERT_TRUE(maildir_folder_exists(md, "Sent"));
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX"));
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.Work"));
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.Nope"));
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.../x"));
	/* a symlinked folder pointing outside is never listed or used */
	p = tmd_path(md, ".Evil");
	CU_ASSERT_EQUAL(symlink("/tmp", p), 0);
	free(p);
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.Evil"));
	/* junk in the root: a file starting with '.', a bad name */
	tmd_write(md, ".notadir", "x", (size_t)-1);
	p = tmd_path(md, "..bad");
	mkdir(p, 0700);
	free(p);

	CU_ASSERT_EQUAL(maildir_folder_list(md, &l), 0);
	CU_ASSERT_EQUAL(l.n, 5);
	if (l.n == 5) {
		static const char *const want[] = { "INBOX", "INBOX.Sent", "INBOX.Work",
						    "INBOX.Work.Q1", "INBOX.Work.Q1.Sub" };
		static const bool ex[] = { true, true, false, true, true };
		static const bool ch[] = { true, false, true, true, false };
		for (i = 0; i < 5; i++) {
			CU_ASSERT_STRING_EQUAL(l.f[i].name, want[i]);
			CU_ASSERT_EQUAL(l.f[i].exists, ex[i]);
			CU_ASSERT_EQUAL(l.f[i].has_children, ch[i]);
		}
	}
	/* rename with subfolders */
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX.Work", "INBOX.Job", &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX.Work.Q1", "INBOX.Q", &err), 0);
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX.Q"));
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX.Q.Sub"));
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.Work.Q1"));
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX.Q", "INBOX.Sent", &err), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX.Q", "INBOX.Q.Sub.Deeper", &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX", "INBOX.X", &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_rename(md, "INBOX.Q", "INBOX.../x", &err), -1);
	/* delete */
	CU_ASSERT_EQUAL(maildir_folder_delete(md, "INBOX.Q", &err), 0);
	CU_ASSERT_FALSE(maildir_folder_exists(md, "INBOX.Q"));
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX.Q.Sub"));
	CU_ASSERT_EQUAL(maildir_folder_delete(md, "INBOX.Q", &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_delete(md, "INBOX", &err), -1);
	CU_ASSERT_EQUAL(maildir_folder_delete(md, "INBOX.Evil", &err), -1);
	CU_ASSERT_EQUAL(access("/tmp", F_OK), 0);
	maildir_folder_list_free(&l);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_delete_does_not_follow_links(void)
{
	char *root, *md = tmd_maildir("mddel", &root), *p, *victim;
	const char *err;

	victim = tmd_path(root, "victim");
	mkdir(victim, 0700);
	tmd_write(victim, "precious", "x", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.F", 0700, &err), 0);
	p = tmd_path(md, ".F/cur/link");
	CU_ASSERT_EQUAL(symlink(victim, p), 0);
	free(p);
	CU_ASSERT_EQUAL(maildir_folder_delete(md, "INBOX.F", &err), 0);
	p = tmd_path(victim, "precious");
	CU_ASSERT_EQUAL(access(p, F_OK), 0);
	free(p);
	free(victim);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_main_dir(void)
{
	char *root, *md = tmd_maildir("mdmain", &root), *f, *m;
	const char *err;

	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.A", 0700, &err), 0);
	f = maildir_folder_dir(md, "INBOX.A", &err);
	m = maildir_main_dir(f);
	CU_ASSERT_STRING_EQUAL(m, md);
	free(m);
	m = maildir_main_dir(md);
	CU_ASSERT_STRING_EQUAL(m, md);
	free(m);
	free(f);
	CU_ASSERT_TRUE(maildir_is_trash("/x/Maildir/.Trash"));
	CU_ASSERT_TRUE(maildir_is_trash("/x/Maildir/.Trash/"));
	CU_ASSERT_FALSE(maildir_is_trash("/x/Maildir/.Trash.Sub"));
	CU_ASSERT_FALSE(maildir_is_trash("/x/Maildir"));
	maildir_set_trash_name("Deleted Items");
	CU_ASSERT_TRUE(maildir_is_trash("/x/.Deleted Items"));
	maildir_set_trash_name("../bad");
	CU_ASSERT_TRUE(maildir_is_trash("/x/.Trash"));
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_scan(void)
{
	char *root, *md = tmd_maildir("mdscan", &root), *p;
	struct maildir_list l = MAILDIR_LIST_INIT;
	size_t i;
	int fd;

	tmd_write(md, "new/20.M1P1.h,S=5", "hello", 5);
	tmd_write(md, "new/3.M1P1.h", "abc", 3);
	tmd_write(md, "cur/10.M1P1.h,S=2:2,S", "hi", 2);
	tmd_write(md, "cur/.hidden", "x", 1);
	tmd_write(md, "cur/bad\x01name", "x", 1);
	p = tmd_path(md, "cur/5.link:2,");
	CU_ASSERT_EQUAL(symlink("/etc/passwd", p), 0);
	free(p);
	p = tmd_path(md, "cur/6.dir:2,");
	mkdir(p, 0700);
	free(p);
	p = tmd_path(md, "new/7.fifo");
	CU_ASSERT_EQUAL(mkfifo(p, 0600), 0);
	free(p);

	CU_ASSERT_EQUAL(maildir_scan(md, MAILDIR_SCAN_SORT, &l), 0);
	CU_ASSERT_EQUAL(l.n, 3);
	if (l.n == 3) {
		CU_ASSERT_STRING_EQUAL(l.m[0].name, "3.M1P1.h");
		CU_ASSERT_TRUE(l.m[0].in_new);
		CU_ASSERT_EQUAL(l.m[0].size, 3);
		CU_ASSERT_STRING_EQUAL(l.m[1].name, "10.M1P1.h,S=2:2,S");
		CU_ASSERT_EQUAL(l.m[1].flags, MAILDIR_F_SEEN);
		CU_ASSERT_FALSE(l.m[1].in_new);
		CU_ASSERT_EQUAL(l.m[2].size, 5);
	}
	CU_ASSERT_EQUAL(maildir_scan(md, MAILDIR_SCAN_SORT | MAILDIR_SCAN_MOVE_NEW | MAILDIR_SCAN_STAT, &l), 0);
	CU_ASSERT_EQUAL(l.n, 3);
	for (i = 0; i < l.n; i++) {
		CU_ASSERT_FALSE(l.m[i].in_new);
		CU_ASSERT(l.m[i].mtime > 0);
	}
	if (l.n == 3) {
		CU_ASSERT_STRING_EQUAL(l.m[0].name, "3.M1P1.h:2,");
		CU_ASSERT_TRUE(l.m[0].recent);
		CU_ASSERT_FALSE(l.m[1].recent);
		CU_ASSERT_TRUE(l.m[2].recent);
	}
	/* the FIFO stayed in new/, the symlink was never opened */
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);
	{
		struct maildir_msg m;
		memset(&m, 0, sizeof(m));
		m.name = strdup("5.link:2,");
		m.baselen = 6;
		fd = maildir_msg_open(md, &m, NULL);
		CU_ASSERT_EQUAL(fd, -1);
		CU_ASSERT_EQUAL(errno, ELOOP);
		free(m.name);
	}
	/* open follows a flag rename by someone else */
	if (l.n == 3) {
		char *a = tmd_path(md, "cur/10.M1P1.h,S=2:2,S"), *b = tmd_path(md, "cur/10.M1P1.h,S=2:2,RS");
		char buf[8];
		CU_ASSERT_EQUAL(rename(a, b), 0);
		fd = maildir_msg_open(md, &l.m[1], NULL);
		CU_ASSERT(fd >= 0);
		CU_ASSERT_EQUAL(read(fd, buf, sizeof(buf)), 2);
		close(fd);
		CU_ASSERT_STRING_EQUAL(l.m[1].name, "10.M1P1.h,S=2:2,RS");
		CU_ASSERT_EQUAL(l.m[1].flags, MAILDIR_F_REPLIED | MAILDIR_F_SEEN);
		CU_ASSERT_EQUAL(maildir_msg_set_flags(md, &l.m[1], MAILDIR_F_FLAGGED), 0);
		CU_ASSERT_STRING_EQUAL(l.m[1].name, "10.M1P1.h,S=2:2,F");
		CU_ASSERT_EQUAL(maildir_msg_delete(md, &l.m[1]), 0);
		CU_ASSERT_EQUAL(maildir_msg_delete(md, &l.m[1]), -1);
		CU_ASSERT_EQUAL(errno, ENOENT);
		fd = maildir_msg_open(md, &l.m[1], NULL);
		CU_ASSERT_EQUAL(fd, -1);
		CU_ASSERT_EQUAL(errno, ENOENT);
		free(a);
		free(b);
	}
	maildir_list_free(&l);
	CU_ASSERT_EQUAL(maildir_scan("/nonexistent/x", 0, &l), -1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

/* A folder whose cur/, new/ or tmp/ is a symlink to a directory outside:
   nothing is read from, written to or deleted in the outside directory. */
static void test_symlinked_subdirs(void)
{
	char *root, *md = tmd_maildir("mdsym", &root), *out, *p;
	struct maildir_list l = MAILDIR_LIST_INIT;
	struct maildir_msg m;
	const char *err;
	int fd;

	out = tmd_path(root, "outside");
	mkdir(out, 0700);
	tmd_write(out, "1.secret,S=6:2,", "secret", 6);
	p = tmd_path(md, "cur");
	rmdir(p);
	CU_ASSERT_EQUAL(symlink(out, p), 0);
	free(p);
	CU_ASSERT_EQUAL(maildir_scan(md, 0, &l), -1);
	CU_ASSERT_EQUAL(l.n, 0);
	memset(&m, 0, sizeof(m));
	m.name = strdup("1.secret,S=6:2,");
	m.baselen = strlen(m.name) - 3;
	fd = maildir_msg_open(md, &m, NULL);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_EQUAL(maildir_msg_delete(md, &m), -1);
	CU_ASSERT_EQUAL(tmd_count(root, "outside"), 1);
	free(m.name);
	/* delivery into cur/ (APPEND) refuses the symlink */
	{
		struct maildir_deliv_opts o;
		memset(&o, 0, sizeof(o));
		o.flags = "S";
		CU_ASSERT_EQUAL(maildir_deliver_mem(md, "x", 1, &o, NULL, &err), DELIV_TEMPFAIL);
		CU_ASSERT_EQUAL(tmd_count(root, "outside"), 1);
		CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	}
	/* tmp/ as a symlink: no delivery, nothing written outside */
	p = tmd_path(md, "tmp");
	rmdir(p);
	CU_ASSERT_EQUAL(symlink(out, p), 0);
	free(p);
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "x", 1, NULL, NULL, &err), DELIV_TEMPFAIL);
	CU_ASSERT_EQUAL(tmd_count(root, "outside"), 1);
	maildir_list_free(&l);
	free(out);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_create(void)
{
	char *root = cutest_tmpdir("mdcreate"), *p = tmd_path(root, "a/b/c/Maildir"), *f;

	CU_ASSERT_EQUAL(maildir_create(p, 0700), -1);
	CU_ASSERT_EQUAL(maildir_create_parents(p, 0700), 0);
	CU_ASSERT_TRUE(maildir_is_maildir(p));
	CU_ASSERT_EQUAL(maildir_create(p, 0700), 0);
	f = tmd_path(p, "cur");
	rmdir(f);
	tmd_write(p, "cur", "x", 1);
	CU_ASSERT_FALSE(maildir_is_maildir(p));
	CU_ASSERT_EQUAL(maildir_create(p, 0700), -1);
	free(f);
	free(p);
	cutest_rmtree(root);
	free(root);
}

void suite_maildir(void);
void suite_maildir(void)
{
	CU_pSuite s = cutest_suite("maildir");

	cutest_add(s, "name_valid", test_name_valid);
	cutest_add(s, "name_parts", test_name_parts);
	cutest_add(s, "name_with_flags", test_name_with_flags);
	cutest_add(s, "name_cmp", test_name_cmp);
	cutest_add(s, "folder_check", test_folder_check);
	cutest_add(s, "folder_mutf7", test_folder_mutf7);
	cutest_add(s, "folder_dir", test_folder_dir);
	cutest_add(s, "folder_ops", test_folder_ops);
	cutest_add(s, "delete_no_follow", test_delete_does_not_follow_links);
	cutest_add(s, "main_dir", test_main_dir);
	cutest_add(s, "scan", test_scan);
	cutest_add(s, "symlinked_subdirs", test_symlinked_subdirs);
	cutest_add(s, "create", test_create);
}
