/*
 * test_concurrency.c - several processes delivering, syncing UIDs (which
 * moves new/ to cur/), flagging and reading keywords on one Maildir at
 * once.  Afterwards every message is there exactly once, UIDs are unique
 * and ascending, and no process ever saw a UID on two messages or a
 * message under two UIDs.
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
#include "maildir_deliver.h"
#include "maildir_flags.h"
#include "maildir_keywords.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"
#include "testmd.h"

enum { NPROC = 4, ROUNDS = 40 };

static int worker(const char *md, const char *logpath, int id)
{
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
	struct maildir_deliv_opts o;
	FILE *log = fopen(logpath, "w");
	int r, bad = 0;
	size_t i;

	if (log == NULL)
		return 1;
	memset(&o, 0, sizeof(o));
	o.quota = true;
	o.no_fsync = true;
	srand((unsigned)getpid());
	for (r = 0; r < ROUNDS; r++) {
		char msg[128];
		const char *err;
		int n = snprintf(msg, sizeof(msg), "Subject: p%d r%d\n\nbody\n", id, r);
		if (maildir_deliver_mem(md, msg, (size_t)n, &o, NULL, &err) != DELIV_OK)
			bad = 1;
		if (maildir_uid_sync(md, 0, &v) != 0) {
			bad = 1;
			continue;
		}
		for (i = 0; i < v.list.n; i++)
			fprintf(log, "%u %.*s\n", v.list.m[i].uid, (int)v.list.m[i].baselen,
				v.list.m[i].name);
		for (i = 1; i < v.list.n; i++)
			if (v.list.m[i].uid <= v.list.m[i - 1].uid)
				bad = 1;
		if (v.list.n > 0) {
			struct buf nn = BUF_INIT(300);
			size_t k = (size_t)rand() % v.list.n;
			unsigned add = (r & 1) ? MAILDIR_F_SEEN : MAILDIR_F_FLAGGED;
			if (maildir_flags_change(md, v.list.m[k].name, add, 0, &nn) != 0)
				bad = 1;
			buf_free(&nn);
		}
		if (r % 10 == 0) {
			struct maildir_kwdb db = MAILDIR_KWDB_INIT;
			const char *kw = "busy";
			if (v.list.n > 0)
				(void)maildir_kw_set(md, v.list.m[0].name, v.list.m[0].baselen, &kw, 1);
			if (maildir_kw_read(md, &db) != 0)
				bad = 1;
			maildir_kwdb_free(&db);
		}
	}
	maildir_uid_view_free(&v);
	fclose(log);
	return bad;
}

static int cmp_u(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static void test_many_processes(void)
{
	char *root, *md = tmd_maildir("conc", &root), logs[NPROC][512];
	pid_t pids[NPROC];
	int i, st;
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
	struct maildir_quota_usage u;
	const char *err;
	char **uid2base;
	unsigned maxuid, *uids;
	size_t k, conflicts = 0;

	CU_ASSERT_EQUAL(maildir_quota_set(md, "100000000S", &err), 0);
	for (i = 0; i < NPROC; i++) {
		snprintf(logs[i], sizeof(logs[i]), "%s/log%d", root, i);
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(md, logs[i], i));
	}
	for (i = 0; i < NPROC; i++) {
		CU_ASSERT_EQUAL(waitpid(pids[i], &st, 0), pids[i]);
		CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_EQUAL(v.list.n, NPROC * ROUNDS);
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), NPROC * ROUNDS);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 0);
	CU_ASSERT_FALSE(v.created);
	uids = calloc(v.list.n + 1, sizeof(*uids));
	for (k = 0; k < v.list.n; k++)
		uids[k] = v.list.m[k].uid;
	for (k = 1; k < v.list.n; k++)
		CU_ASSERT(v.list.m[k].uid > v.list.m[k - 1].uid);
	qsort(uids, v.list.n, sizeof(*uids), cmp_u);
	for (k = 1; k < v.list.n; k++)
		CU_ASSERT(uids[k] != uids[k - 1]);
	free(uids);
	/* every UID any process saw names one message, the final one */
	maxuid = v.nextuid;
	uid2base = calloc(maxuid + 1, sizeof(*uid2base));
	for (k = 0; k < v.list.n; k++)
		uid2base[v.list.m[k].uid] = strndup(v.list.m[k].name, v.list.m[k].baselen);
	for (i = 0; i < NPROC; i++) {
		FILE *f = fopen(logs[i], "r");
		unsigned uid;
		char base[300];
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		while (fscanf(f, "%u %299s", &uid, base) == 2) {
			if (uid >= maxuid || uid2base[uid] == NULL || strcmp(uid2base[uid], base) != 0)
				conflicts++;
		}
		fclose(f);
	}
	if (conflicts)
		printf("uid conflicts: %zu\n", conflicts);
	CU_ASSERT_EQUAL(conflicts, 0);
	for (k = 0; k <= maxuid; k++)
		free(uid2base[k]);
	free(uid2base);
	/* quota deltas from all writers add up */
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.count, NPROC * ROUNDS);
	maildir_uid_view_free(&v);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_concurrency(void);
void suite_concurrency(void)
{
	CU_pSuite s = cutest_suite("concurrency");

	cutest_add(s, "many_processes", test_many_processes);
}
