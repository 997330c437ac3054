/*
 * test_lock.c - the dot-lock (incl. stale locks of dead processes and
 * garbage lock files) and the POP3 session lock.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_lock.h"
#include "testmd.h"

static void test_lock_basic(void)
{
	char *root, *md = tmd_maildir("lock1", &root), *c;

	CU_ASSERT_EQUAL(maildir_lock_folder(md), 0);
	c = tmd_read(md, "tmp/courier.lock");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(atol(c), (long)getpid());
	CU_ASSERT_PTR_NOT_NULL(strchr(c, ':'));
	free(c);
	maildir_unlock_folder(md);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_lock_stale_dead_pid(void)
{
	char *root, *md = tmd_maildir("lock2", &root), *c;
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (maildir_lock_folder(md) != 0)
			_exit(1);
		_exit(0);   /* dies holding the lock */
	}
	waitpid(pid, &st, 0);
	CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	c = tmd_read(md, "tmp/courier.lock");
	CU_ASSERT_PTR_NOT_NULL(c);
	free(c);
	CU_ASSERT_EQUAL(maildir_lock_folder(md), 0);
	c = tmd_read(md, "tmp/courier.lock");
	CU_ASSERT_EQUAL(atol(c), (long)getpid());
	free(c);
	maildir_unlock_folder(md);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_lock_stale_old_garbage(void)
{
	char *root, *md = tmd_maildir("lock3", &root), *p = NULL;
	struct timeval tv[2];

	/* garbage content, 10 minutes old */
	tmd_write(md, "tmp/courier.lock", "\xff\xfe garbage no colon", (size_t)-1);
	p = tmd_path(md, "tmp/courier.lock");
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 600;
	tv[1] = tv[0];
	CU_ASSERT_EQUAL(utimes(p, tv), 0);
	CU_ASSERT_EQUAL(maildir_lock_folder(md), 0);
	maildir_unlock_folder(md);
	free(p);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_lock_waits_for_holder(void)
{
	char *root, *md = tmd_maildir("lock4", &root);
	int pfd[2], st;
	pid_t pid;
	char c;
	struct timeval a, b;

	CU_ASSERT_EQUAL(pipe(pfd), 0);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		if (maildir_lock_folder(md) != 0)
			_exit(1);
		(void)!write(pfd[1], "x", 1);
		usleep(300000);
		maildir_unlock_folder(md);
		_exit(0);
	}
	close(pfd[1]);
	CU_ASSERT_EQUAL(read(pfd[0], &c, 1), 1);
	gettimeofday(&a, NULL);
	CU_ASSERT_EQUAL(maildir_lock_folder(md), 0);
	gettimeofday(&b, NULL);
	CU_ASSERT((b.tv_sec - a.tv_sec) * 1000000 + (b.tv_usec - a.tv_usec) > 200000);
	maildir_unlock_folder(md);
	waitpid(pid, &st, 0);
	close(pfd[0]);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_pop3_lock(void)
{
	char *root, *md = tmd_maildir("lock5", &root);
	int fd = maildir_pop3_lock(md), fd2;

	CU_ASSERT(fd >= 0);
	fd2 = maildir_pop3_lock(md);
	CU_ASSERT_EQUAL(fd2, -1);
	CU_ASSERT_EQUAL(errno, EWOULDBLOCK);
	maildir_pop3_unlock(&fd);
	CU_ASSERT_EQUAL(fd, -1);
	fd2 = maildir_pop3_lock(md);
	CU_ASSERT(fd2 >= 0);
	maildir_pop3_unlock(&fd2);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_lock(void);
void suite_lock(void)
{
	CU_pSuite s = cutest_suite("lock");

	cutest_add(s, "basic", test_lock_basic);
	cutest_add(s, "stale_dead_pid", test_lock_stale_dead_pid);
	cutest_add(s, "stale_old_garbage", test_lock_stale_old_garbage);
	cutest_add(s, "waits_for_holder", test_lock_waits_for_holder);
	cutest_add(s, "pop3_lock", test_pop3_lock);
}
