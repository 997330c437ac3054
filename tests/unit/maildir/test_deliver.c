/*
 * test_deliver.c - delivery: Courier names, tmp/ -> new/, APPEND into cur/,
 * quota refusal, size cap, missing directories, never overwriting.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "maildir_quota.h"
#include "maildir_util.h"
#include "testmd.h"

static void test_deliver_mem_name(void)
{
	char *root, *md = tmd_maildir("dl1", &root), *name = NULL, *c, *p, want[128];
	const char *err = NULL;
	struct maildir_deliv_opts o;
	struct stat st;

	memset(&o, 0, sizeof(o));
	o.host = "mail1";
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "Subject: x\n\nbody\n", 17, &o, &name, &err), DELIV_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(name);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	p = tmd_path(md, "new");
	c = tmd_path(p, name);
	CU_ASSERT_EQUAL(stat(c, &st), 0);
	snprintf(want, sizeof(want), "V%016" PRIXMAX "I%016" PRIXMAX ".mail1,S=17",
		 (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
	CU_ASSERT_PTR_NOT_NULL(strstr(name, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(name, ".M"));
	CU_ASSERT_EQUAL(atol(name) > 1600000000, 1);
	CU_ASSERT_EQUAL(st.st_size, 17);
	free(c);
	free(p);
	free(name);
	/* host with '/' and ':' is escaped */
	o.host = "a/b:c";
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "x", 1, &o, &name, &err), DELIV_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(name, ".a\\057b\\072c,S=1"));
	free(name);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_deliver_append_cur(void)
{
	char *root, *md = tmd_maildir("dl2", &root), *name = NULL, *p;
	const char *err = NULL;
	struct maildir_deliv_opts o;
	struct stat st;

	memset(&o, 0, sizeof(o));
	o.flags = "SD";
	o.mtime = 1000000000;
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "abc", 3, &o, &name, &err), DELIV_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(name, ",S=3:2,DS"));
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 1);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 0);
	p = tmd_path(md, "cur");
	{
		char *f = tmd_path(p, name);
		CU_ASSERT_EQUAL(stat(f, &st), 0);
		CU_ASSERT_EQUAL(st.st_mtime, 1000000000);
		free(f);
	}
	free(p);
	free(name);
	o.flags = "Sx";
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "abc", 3, &o, &name, &err), DELIV_PERMFAIL);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_deliver_fd_and_limits(void)
{
	char *root, *md = tmd_maildir("dl3", &root), *name = NULL, *src;
	const char *err = NULL;
	struct maildir_deliv_opts o;
	int fd, pfd[2];

	memset(&o, 0, sizeof(o));
	src = tmd_path(root, "msg");
	fd = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_EQUAL(write(fd, "0123456789", 10), 10);
	lseek(fd, 2, SEEK_SET);
	CU_ASSERT_EQUAL(maildir_deliver_fd(md, fd, &o, &name, &err), DELIV_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(name, ",S=8"));
	free(name);
	o.max_size = 5;
	lseek(fd, 0, SEEK_SET);
	CU_ASSERT_EQUAL(maildir_deliver_fd(md, fd, &o, &name, &err), DELIV_PERMFAIL);
	/* through a pipe, the cap is found while copying */
	CU_ASSERT_EQUAL(pipe(pfd), 0);
	CU_ASSERT_EQUAL(write(pfd[1], "0123456789", 10), 10);
	close(pfd[1]);
	CU_ASSERT_EQUAL(maildir_deliver_fd(md, pfd[0], &o, &name, &err), DELIV_PERMFAIL);
	CU_ASSERT_STRING_EQUAL(err, "Message too big");
	close(pfd[0]);
	close(fd);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	/* empty message is fine */
	o.max_size = 0;
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "", 0, &o, NULL, &err), DELIV_OK);
	free(src);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_deliver_broken_maildir(void)
{
	char *root, *md = tmd_maildir("dl4", &root), *p;
	const char *err = NULL;

	p = tmd_path(md, "tmp");
	rmdir(p);
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "x", 1, NULL, NULL, &err), DELIV_TEMPFAIL);
	CU_ASSERT_STRING_EQUAL(err, "Maildir has no tmp/ directory");
	mkdir(p, 0700);
	free(p);
	p = tmd_path(md, "new");
	rmdir(p);
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "x", 1, NULL, NULL, &err), DELIV_TEMPFAIL);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	free(p);
	CU_ASSERT_EQUAL(maildir_deliver_mem("/nonexistent/dir", "x", 1, NULL, NULL, &err), DELIV_TEMPFAIL);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_deliver_quota(void)
{
	char *root, *md = tmd_maildir("dl5", &root), *f;
	const char *err = NULL;
	struct maildir_deliv_opts o;
	struct maildir_quota_usage u;

	memset(&o, 0, sizeof(o));
	o.quota = true;
	o.quota_def = "100S,2C";
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "0123456789", 10, &o, NULL, &err), DELIV_OK);
	o.quota_def = NULL;
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "0123456789", 10, &o, NULL, &err), DELIV_OK);
	CU_ASSERT_EQUAL(maildir_deliver_mem(md, "0123456789", 10, &o, NULL, &err), DELIV_OVERQUOTA);
	CU_ASSERT_STRING_EQUAL(err, "Mail quota exceeded");
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 2);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, 20);
	CU_ASSERT_EQUAL(u.count, 2);
	/* a folder's delivery counts toward the main maildir; Trash does not */
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.Trash", 0700, &err), 0);
	CU_ASSERT_EQUAL(maildir_folder_create(md, "INBOX.F", 0700, &err), 0);
	f = tmd_path(md, ".Trash");
	CU_ASSERT_EQUAL(maildir_deliver_mem(f, "0123456789", 10, &o, NULL, &err), DELIV_OK);
	free(f);
	f = tmd_path(md, ".F");
	CU_ASSERT_EQUAL(maildir_deliver_mem(f, "0123456789", 10, &o, NULL, &err), DELIV_OVERQUOTA);
	o.quota_def = "1000S";   /* the caller's quota replaces line 1 */
	CU_ASSERT_EQUAL(maildir_deliver_mem(f, "0123456789", 10, &o, NULL, &err), DELIV_OK);
	free(f);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_STRING_EQUAL(u.def, "1000S");
	CU_ASSERT_EQUAL(u.bytes, 30);
	CU_ASSERT_EQUAL(u.count, 3);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_status_strings(void)
{
	CU_ASSERT_STRING_EQUAL(maildir_deliv_status_str(DELIV_OK), "ok");
	CU_ASSERT_STRING_EQUAL(maildir_deliv_status_str(DELIV_OVERQUOTA), "over quota");
	CU_ASSERT_TRUE(maildir_errno_is_temporary(ENOSPC));
	CU_ASSERT_FALSE(maildir_errno_is_temporary(EACCES));
}

void suite_deliver(void);
void suite_deliver(void)
{
	CU_pSuite s = cutest_suite("deliver");

	cutest_add(s, "mem_name", test_deliver_mem_name);
	cutest_add(s, "append_cur", test_deliver_append_cur);
	cutest_add(s, "fd_and_limits", test_deliver_fd_and_limits);
	cutest_add(s, "broken_maildir", test_deliver_broken_maildir);
	cutest_add(s, "quota", test_deliver_quota);
	cutest_add(s, "status_strings", test_status_strings);
}
