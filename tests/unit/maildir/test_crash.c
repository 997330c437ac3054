/*
 * test_crash.c - kill -9 delivering and rescanning processes at random
 * moments, many times: never a partial or duplicate message in new/ or
 * cur/, a stale lock never blocks, and after recalculation the quota count
 * matches what is really there.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"
#include "testmd.h"

enum { KILLS = 40, BODY = 20000 };

/* A child delivering self-describing messages: "Id: <pid>-<n>\nLen: <n>\n\n"
   + BODY bytes, written in small pieces so a kill lands mid-write. */
static NORETURN void deliverer(const char *md)
{
	struct maildir_deliv_opts o;
	char *body = malloc(BODY);
	unsigned n;

	memset(&o, 0, sizeof(o));
	o.quota = true;
	memset(body, 'x', BODY);
	for (n = 0;; n++) {
		struct maildir_tmpfile t;
		const char *err;
		char hdr[128];
		int hl = snprintf(hdr, sizeof(hdr), "Id: %ld-%u\nLen: %d\n\n", (long)getpid(), n, BODY);
		size_t off;

		if (maildir_tmp_open(&t, md, &o, &err) != DELIV_OK)
			_exit(2);
		if (write(t.fd, hdr, (size_t)hl) != hl)
			_exit(3);
		for (off = 0; off < BODY; off += 1000)
			if (write(t.fd, body + off, 1000) != 1000)
				_exit(3);
		if (maildir_tmp_commit(&t, &o, NULL, &err) != DELIV_OK)
			_exit(4);
		if (n % 3 == 0) {
			struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
			(void)maildir_uid_sync(md, 0, &v);
			maildir_uid_view_free(&v);
		}
	}
}

/* Check every message file; returns the number of bad ones. */
static int check_dir(const char *md, const char *sub, char ***ids, size_t *nids,
		     long long *bytes, long long *count)
{
	char *p = tmd_path(md, sub);
	DIR *d = opendir(p);
	struct dirent *de;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL) {
		char *c, id[64];
		int len;
		uint64_t sz;
		struct stat st;
		char *fp;

		if (de->d_name[0] == '.')
			continue;
		fp = tmd_path(p, de->d_name);
		c = tmd_read(p, de->d_name);
		if (c == NULL || stat(fp, &st) != 0 || sscanf(c, "Id: %63s\nLen: %d\n", id, &len) != 2 ||
		    st.st_size != (off_t)(strstr(c, "\n\n") - c + 2 + len) ||
		    maildir_name_size(de->d_name, &sz) != 0 || sz != (uint64_t)st.st_size) {
			printf("bad message %s/%s\n", sub, de->d_name);
			bad++;
		} else {
			*ids = realloc(*ids, (*nids + 1) * sizeof(**ids));
			(*ids)[(*nids)++] = strdup(id);
			*bytes += st.st_size;
			(*count)++;
		}
		free(c);
		free(fp);
	}
	closedir(d);
	free(p);
	return bad;
}

static int cmp_s(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_kill9_delivery(void)
{
	char *root, *md = tmd_maildir("crash", &root), **ids = NULL;
	size_t nids = 0, k;
	long long bytes = 0, count = 0;
	int i, bad = 0, dups = 0;
	const char *err;
	struct maildir_quota_usage u;
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;

	CU_ASSERT_EQUAL(maildir_quota_set(md, "1000000000S", &err), 0);
	srand((unsigned)time(NULL));
	for (i = 0; i < KILLS; i++) {
		pid_t pid = fork();
		int st;
		if (pid == 0)
			deliverer(md);
		usleep((useconds_t)(rand() % 30000));
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		CU_ASSERT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	}
	bad += check_dir(md, "new", &ids, &nids, &bytes, &count);
	bad += check_dir(md, "cur", &ids, &nids, &bytes, &count);
	CU_ASSERT_EQUAL(bad, 0);
	qsort(ids, nids, sizeof(*ids), cmp_s);
	for (k = 1; k < nids; k++)
		if (strcmp(ids[k], ids[k - 1]) == 0)
			dups++;
	CU_ASSERT_EQUAL(dups, 0);
	CU_ASSERT(nids > 0);
	for (k = 0; k < nids; k++)
		free(ids[k]);
	free(ids);
	/* a lock left by a killed rescan does not block, UIDs cover everything */
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_EQUAL(v.list.n, (size_t)count);
	for (k = 1; k < v.list.n; k++)
		CU_ASSERT(v.list.m[k].uid > v.list.m[k - 1].uid);
	maildir_uid_view_free(&v);
	/* the quota after recalculation is exactly what is there */
	CU_ASSERT_EQUAL(maildir_quota_recalc(md, NULL, &u), 0);
	CU_ASSERT_EQUAL(u.bytes, bytes);
	CU_ASSERT_EQUAL(u.count, count);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, bytes);
	CU_ASSERT_EQUAL(u.count, count);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_crash(void);
void suite_crash(void)
{
	CU_pSuite s = cutest_suite("crash");

	cutest_add(s, "kill9_delivery", test_kill9_delivery);
}
