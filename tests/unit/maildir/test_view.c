/*
 * test_view.c - the session view (maildir_view.c): Courier's UID order, the
 * cheap change test, the diff of a sync under changes by other processes
 * (forked children delivering Courier-format files into new/, renaming into
 * cur/ with other flags, unlinking, writing keywords, running Courier's
 * rescan), STORE with the quota rules for \Deleted and Trash, EXPUNGE,
 * COPY and MOVE keeping INTERNALDATE, flags and keywords, the UIDs of
 * added messages, a recreated uiddb, read-only views and inotify watches.
 *
 * Trust:   the other processes are hostile in timing only.
 * Limits:  a few hundred messages; every child is waited for.
 * Tests:   this file (maildir/maildir_view.c).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "buf.h"
#include "cutest.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "maildir_keywords.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"
#include "maildir_view.h"
#include "testmd.h"

/* Courier-format names (spec section 2), out of name order on purpose:
   "999..." sorts before "1000..." numerically. */
#define N1 "1000000001.M100P10V0000000000000803I0000000000000001.host,S=6"
#define N2 "999999999.M100P10V0000000000000803I0000000000000002.host,S=6"
#define N3 "1000000001.M099P10V0000000000000803I0000000000000003.host,S=6"
#define N4 "1700000000.M123456P4321V0000000000000803I00000000000A1B2C.mail1,S=6"

static void put(const char *md, const char *sub, const char *name)
{
	char *d = tmd_path(md, sub);

	tmd_write(d, name, "hello\n", 6);
	free(d);
}

/* Move every directory's mtime 100 s into the past, so the view's change
   test can tell the next change from the last sync. */
static void backdate(const char *md)
{
	static const char *const subs[] = { "cur", "new", "courierimapkeywords" };
	struct timespec ts[2];
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= 100;
	ts[1] = ts[0];
	for (i = 0; i < 3; i++) {
		char *p = tmd_path(md, subs[i]);
		(void)utimensat(AT_FDCWD, p, ts, 0);
		free(p);
	}
}

static void sync_settled(struct maildir_view *v, struct maildir_view_diff *d)
{
	backdate(v->dir);
	CU_ASSERT_FATAL(maildir_view_sync(v, d) == 0);
}

static bool set_is(const struct maildir_uidset *s, const uint32_t *want, size_t n)
{
	size_t i;

	if (s->n != n) {
		printf("set has %zu UIDs, want %zu:", s->n, n);
		for (i = 0; i < s->n; i++)
			printf(" %u", s->v[i]);
		printf("\n");
		return false;
	}
	for (i = 0; i < n; i++)
		if (s->v[i] != want[i]) {
			printf("UID %zu: got %u, want %u\n", i, s->v[i], want[i]);
			return false;
		}
	return true;
}

static const struct maildir_view_msg *by_base(const struct maildir_view *v, const char *base)
{
	size_t i, l = strlen(base);

	for (i = 0; i < v->msgs.n; i++)
		if (v->msgs.v[i].m.baselen == l && memcmp(v->msgs.v[i].m.name, base, l) == 0)
			return &v->msgs.v[i];
	return NULL;
}

static void test_open_courier_order(void)
{
	char *root, *md = tmd_maildir("view-open", &root), *db;
	struct maildir_view *v;
	char want[1024];

	put(md, "new", N1);
	put(md, "new", N2);
	put(md, "cur", N3 ":2,S");
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT_EQUAL(v->msgs.n, 3);
	CU_ASSERT_EQUAL(v->nextuid, 4);
	/* name order: 999999999 < 1000000001.M099 < 1000000001.M100 */
	CU_ASSERT_EQUAL(by_base(v, N2)->m.uid, 1);
	CU_ASSERT_EQUAL(by_base(v, N3)->m.uid, 2);
	CU_ASSERT_EQUAL(by_base(v, N1)->m.uid, 3);
	CU_ASSERT(by_base(v, N3)->m.flags == MAILDIR_F_SEEN);
	CU_ASSERT(by_base(v, N1)->m.recent);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 0);
	db = tmd_read(md, "courierimapuiddb");
	snprintf(want, sizeof(want), "1 %u 4\n1 " N2 "\n2 " N3 "\n3 " N1 "\n", v->uidvalidity);
	CU_ASSERT_STRING_EQUAL(db, want);
	/* the same db maildir_uid_sync (Courier's rescan) keeps */
	{
		struct maildir_uid_view uv = MAILDIR_UID_VIEW_INIT;
		CU_ASSERT(maildir_uid_sync(md, 0, &uv) == 0);
		CU_ASSERT_EQUAL(uv.list.n, 3);
		CU_ASSERT_EQUAL(uv.uidvalidity, v->uidvalidity);
		maildir_uid_view_free(&uv);
		free(db);
		db = tmd_read(md, "courierimapuiddb");
		CU_ASSERT_STRING_EQUAL(db, want);
	}
	CU_ASSERT(v->msgs.v[0].m.mtime > 0);
	free(db);
	maildir_view_free(&v);
	CU_ASSERT_PTR_NULL(v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static void test_changed_is_cheap_and_exact(void)
{
	char *root, *md = tmd_maildir("view-changed", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	uint32_t one = 1;

	put(md, "cur", N3 ":2,");
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	sync_settled(v, &d);
	CU_ASSERT_FALSE(maildir_view_changed(v));
	/* a no-change sync reads nothing and reports nothing */
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	CU_ASSERT_EQUAL(d.appeared.n + d.vanished.n + d.changed.n, 0);
	put(md, "new", N1);
	CU_ASSERT_TRUE(maildir_view_changed(v));
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	one = 2;
	CU_ASSERT(set_is(&d.appeared, &one, 1));
	/* right after a change the test stays true (same clock tick) */
	CU_ASSERT_TRUE(maildir_view_changed(v));
	sync_settled(v, &d);
	CU_ASSERT_EQUAL(d.appeared.n + d.vanished.n + d.changed.n, 0);
	CU_ASSERT_FALSE(maildir_view_changed(v));
	/* a keyword update by someone else */
	{
		const char *kw = "Project";
		CU_ASSERT(maildir_kw_set(md, N1, strlen(N1), &kw, 1) == 0);
	}
	CU_ASSERT_TRUE(maildir_view_changed(v));
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

/* Children: deliver Courier-style into new/, re-flag by rename, unlink. */
static void child_deliver(const char *md)
{
	char *tmp = tmd_path(md, "tmp/" N4), *nw = tmd_path(md, "new/" N4);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);

	if (fd < 0 || write(fd, "hello\n", 6) != 6 || close(fd) != 0 || link(tmp, nw) != 0 ||
	    unlink(tmp) != 0)
		_exit(1);
	_exit(0);
}

static void child_rename(const char *md, const char *from, const char *to)
{
	char *a = tmd_path(md, from), *b = tmd_path(md, to);

	_exit(rename(a, b) == 0 ? 0 : 1);
}

static void child_unlink(const char *md, const char *name)
{
	char *a = tmd_path(md, name);

	_exit(unlink(a) == 0 ? 0 : 1);
}

static void run_child(void (*fn)(const char *, const char *, const char *), const char *md,
		      const char *a, const char *b)
{
	int st;
	pid_t pid = fork();

	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		fn(md, a, b);
	CU_ASSERT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void c_deliver(const char *md, const char *a, const char *b)
{
	(void)a;
	(void)b;
	child_deliver(md);
}
static void c_rename(const char *md, const char *a, const char *b)
{
	child_rename(md, a, b);
}
static void c_unlink(const char *md, const char *a, const char *b)
{
	(void)b;
	child_unlink(md, a);
}
static void c_keyword(const char *md, const char *a, const char *b)
{
	const char *kw = b;
	_exit(maildir_kw_set(md, a, strlen(a), &kw, 1) == 0 ? 0 : 1);
}
static void c_courier_rescan(const char *md, const char *a, const char *b)
{
	struct maildir_uid_view uv = MAILDIR_UID_VIEW_INIT;
	(void)a;
	(void)b;
	_exit(maildir_uid_sync(md, 0, &uv) == 0 ? 0 : 1);
}

static void test_diff_other_processes(void)
{
	char *root, *md = tmd_maildir("view-diff", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	const struct maildir_view_msg *m;
	uint32_t want[3];

	put(md, "cur", N2 ":2,");
	put(md, "cur", N3 ":2,S");
	put(md, "cur", N1 ":2,");
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL && v->msgs.n == 3);
	sync_settled(v, &d);
	/* another process delivers into new/, another re-flags N3 in cur/,
	   another deletes N2 */
	run_child(c_deliver, md, NULL, NULL);
	run_child(c_rename, md, "cur/" N3 ":2,S", "cur/" N3 ":2,FS");
	run_child(c_unlink, md, "cur/" N2 ":2,", NULL);
	CU_ASSERT_TRUE(maildir_view_changed(v));
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	want[0] = 4;
	CU_ASSERT(set_is(&d.appeared, want, 1));
	want[0] = 1;
	CU_ASSERT(set_is(&d.vanished, want, 1));
	want[0] = 2;
	CU_ASSERT(set_is(&d.changed, want, 1));
	CU_ASSERT_FALSE(d.uidvalidity_changed);
	m = maildir_view_find(v, 2);
	CU_ASSERT_FATAL(m != NULL);
	CU_ASSERT_EQUAL(m->m.flags, MAILDIR_F_FLAGGED | MAILDIR_F_SEEN);
	CU_ASSERT_STRING_EQUAL(m->m.name, N3 ":2,FS");
	CU_ASSERT_PTR_NULL(maildir_view_find(v, 1));
	m = maildir_view_find(v, 4);
	CU_ASSERT_FATAL(m != NULL);
	CU_ASSERT_STRING_EQUAL(m->m.name, N4 ":2,");
	CU_ASSERT(m->m.recent);
	CU_ASSERT(m->modseq > maildir_view_find(v, 3)->modseq);
	CU_ASSERT_EQUAL(v->highestmodseq, m->modseq);

	/* keywords written by another process: a change, with the name */
	sync_settled(v, &d);
	run_child(c_keyword, md, N1, "$Important");
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	want[0] = 3;
	CU_ASSERT(set_is(&d.changed, want, 1));
	m = maildir_view_find(v, 3);
	CU_ASSERT_FATAL(m != NULL && m->nkw == 1);
	CU_ASSERT_STRING_EQUAL(maildir_view_kw_name(v, m->kw[0]), "$Important");

	/* Courier's imapd (here: its rescan) assigns the next UID first: the
	   view takes that UID instead of handing out its own */
	sync_settled(v, &d);
	put(md, "new", "1800000000.M1P1.other,S=6");
	run_child(c_courier_rescan, md, NULL, NULL);
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	want[0] = 5;
	CU_ASSERT(set_is(&d.appeared, want, 1));
	CU_ASSERT_EQUAL(v->nextuid, 6);
	CU_ASSERT_FALSE(maildir_view_find(v, 5)->m.recent);   /* Courier's recent */

	/* another process moves a delivery from new/ into cur/ with flags
	   before the view looks: it appears with those flags */
	sync_settled(v, &d);
	put(md, "new", "1850000000.M1P1.other,S=6");
	run_child(c_rename, md, "new/1850000000.M1P1.other,S=6",
		  "cur/1850000000.M1P1.other,S=6:2,RS");
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	want[0] = 6;
	CU_ASSERT(set_is(&d.appeared, want, 1));
	CU_ASSERT_EQUAL(d.changed.n + d.vanished.n, 0);
	CU_ASSERT_EQUAL(maildir_view_find(v, 6)->m.flags, MAILDIR_F_REPLIED | MAILDIR_F_SEEN);

	/* the uiddb removed: a new UIDVALIDITY, every message again */
	sync_settled(v, &d);
	{
		char *p = tmd_path(md, "courierimapuiddb");
		uint32_t old = v->uidvalidity;
		unlink(p);
		free(p);
		put(md, "new", "1900000000.M1P1.x,S=6");
		CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
		CU_ASSERT_TRUE(d.uidvalidity_changed);
		CU_ASSERT_NOT_EQUAL(v->uidvalidity, old);
		CU_ASSERT_EQUAL(d.vanished.n, 5);
		CU_ASSERT_EQUAL(d.appeared.n, 6);
		CU_ASSERT_EQUAL(v->msgs.n, 6);
		CU_ASSERT_EQUAL(v->msgs.v[0].m.uid, 1);
	}
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

/* A file that vanishes and comes back after the view reported it gone
   gets a fresh UID (the old one was expunged for the client). */
static void test_vanish_and_return(void)
{
	char *root, *md = tmd_maildir("view-return", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	uint32_t want;

	put(md, "cur", N1 ":2,");
	put(md, "cur", N2 ":2,");
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	sync_settled(v, &d);
	{
		char *a = tmd_path(md, "cur/" N2 ":2,"), *b = tmd_path(md, "tmp/hold");
		CU_ASSERT(rename(a, b) == 0);
		sync_settled(v, &d);
		want = 1;
		CU_ASSERT(set_is(&d.vanished, &want, 1));
		/* an old db still listing it (a rescan that never saw it go) */
		{
			char text[512];
			snprintf(text, sizeof(text), "1 %u 3\n1 " N2 "\n2 " N1 "\n", v->uidvalidity);
			tmd_write(md, "courierimapuiddb", text, (size_t)-1);
		}
		CU_ASSERT(rename(b, a) == 0);
		free(a);
		free(b);
	}
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	want = 3;
	CU_ASSERT(set_is(&d.appeared, &want, 1));
	CU_ASSERT_EQUAL(d.vanished.n, 0);
	CU_ASSERT_EQUAL(by_base(v, N2)->m.uid, 3);
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

/* Several processes deliver and run Courier's rescan while the view syncs:
   every message ends up in the view once, UIDs ascend, the view and the
   uiddb agree, and the appeared sets add up to everything. */
static void test_concurrent_delivery(void)
{
	enum { NCHILD = 3, PER = 40 };
	char *root, *md = tmd_maildir("view-conc", &root);
	struct maildir_view *v = maildir_view_open(md, 0);
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
	pid_t pids[NCHILD];
	size_t total = 0, i, k;
	int st, c;

	CU_ASSERT_FATAL(v != NULL);
	for (c = 0; c < NCHILD; c++) {
		pids[c] = fork();
		CU_ASSERT_FATAL(pids[c] >= 0);
		if (pids[c] == 0) {
			struct maildir_deliv_opts o;
			struct maildir_uid_view uv = MAILDIR_UID_VIEW_INIT;
			int r, bad = 0;
			memset(&o, 0, sizeof(o));
			o.no_fsync = true;
			for (r = 0; r < PER; r++) {
				const char *err;
				if (maildir_deliver_mem(md, "x\n", 2, &o, NULL, &err) != DELIV_OK)
					bad = 1;
				if (c == 0 && r % 5 == 0 && maildir_uid_sync(md, 0, &uv) != 0)
					bad = 1;
			}
			maildir_uid_view_free(&uv);
			_exit(bad);
		}
	}
	for (k = 0; k < 200; k++) {
		CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
		CU_ASSERT_FALSE(d.uidvalidity_changed);
		CU_ASSERT_EQUAL(d.vanished.n, 0);
		for (i = 0; i < d.appeared.n; i++)
			CU_ASSERT(d.appeared.v[i] > (i > 0 ? d.appeared.v[i - 1] : 0));
		total += d.appeared.n;
		if (total == NCHILD * PER)
			break;
		usleep(2000);
	}
	for (c = 0; c < NCHILD; c++)
		CU_ASSERT(waitpid(pids[c], &st, 0) == pids[c] && WIFEXITED(st) &&
			  WEXITSTATUS(st) == 0);
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	total += d.appeared.n;
	CU_ASSERT_EQUAL(total, NCHILD * PER);
	CU_ASSERT_EQUAL(v->msgs.n, NCHILD * PER);
	for (i = 1; i < v->msgs.n; i++)
		CU_ASSERT(v->msgs.v[i].m.uid > v->msgs.v[i - 1].m.uid);
	CU_ASSERT(maildir_uiddb_read(md, &db) == 1);
	CU_ASSERT_EQUAL(db.n, v->msgs.n);
	for (i = 0; i < db.n && i < v->msgs.n; i++) {
		CU_ASSERT_EQUAL(db.e[i].uid, v->msgs.v[i].m.uid);
		CU_ASSERT(strncmp(db.e[i].base, v->msgs.v[i].m.name, v->msgs.v[i].m.baselen) == 0);
	}
	CU_ASSERT_EQUAL(db.nextuid, v->nextuid);
	maildir_uiddb_free(&db);
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

/* While the view syncs, one child delivers, another re-flags and unlinks
   whatever it finds in cur/ (pop3d deleting, another imapd flagging).  The
   diffs must add up: the UIDs that appeared minus those that vanished are
   exactly the view, every UID appears once, and at the end the view holds
   exactly the files on disk with their flags. */
static void test_concurrent_expunge_and_flags(void)
{
	enum { PER = 60 };
	char *root, *md = tmd_maildir("view-churn", &root), *cur;
	struct maildir_view *v = maildir_view_open(md, 0);
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	unsigned char *live = calloc(4096, 1);
	pid_t deliverer, churner;
	size_t i, k, nlive = 0, nvanished = 0, nchanged = 0;
	int st, bad = 0;

	CU_ASSERT_FATAL(v != NULL && live != NULL);
	cur = tmd_path(md, "cur");
	deliverer = fork();
	CU_ASSERT_FATAL(deliverer >= 0);
	if (deliverer == 0) {
		struct maildir_deliv_opts o;
		int r, fail = 0;
		memset(&o, 0, sizeof(o));
		o.no_fsync = true;
		for (r = 0; r < PER; r++) {
			const char *err;
			if (maildir_deliver_mem(md, "x\n", 2, &o, NULL, &err) != DELIV_OK)
				fail = 1;
			usleep(500);
		}
		_exit(fail);
	}
	churner = fork();
	CU_ASSERT_FATAL(churner >= 0);
	if (churner == 0) {
		int r;
		srand((unsigned)getpid());
		for (r = 0; r < 400; r++) {
			DIR *dd = opendir(cur);
			struct dirent *de;
			while (dd != NULL && (de = readdir(dd)) != NULL) {
				char a[4200], b[4200];
				if (de->d_name[0] == '.' || rand() % 4 != 0)
					continue;
				snprintf(a, sizeof(a), "%s/%s", cur, de->d_name);
				if (rand() % 3 == 0) {
					(void)unlink(a);
				} else {
					char *colon = strrchr(de->d_name, ':');
					int l = colon != NULL ? (int)(colon - de->d_name) : (int)strlen(de->d_name);
					snprintf(b, sizeof(b), "%s/%.*s:2,%s", cur, l, de->d_name,
						 rand() % 2 ? "S" : "FR");
					(void)rename(a, b);
				}
			}
			if (dd != NULL)
				closedir(dd);
			usleep(300);
		}
		_exit(0);
	}
	for (k = 0; k < 3000; k++) {
		int r;
		if (maildir_view_sync(v, &d) != 0) {
			bad = 1;
			break;
		}
		CU_ASSERT_FALSE(d.uidvalidity_changed);
		for (i = 0; i < d.appeared.n; i++) {
			uint32_t u = d.appeared.v[i];
			if (u >= 4096 || live[u] != 0) {
				printf("UID %u appeared twice or out of range\n", u);
				bad = 1;
				continue;
			}
			live[u] = 1;
			nlive++;
		}
		for (i = 0; i < d.vanished.n; i++) {
			uint32_t u = d.vanished.v[i];
			if (u >= 4096 || live[u] != 1) {
				printf("UID %u vanished without being there\n", u);
				bad = 1;
				continue;
			}
			live[u] = 2;
			nlive--;
		}
		for (i = 0; i < d.changed.n; i++)
			if (d.changed.v[i] >= 4096 || live[d.changed.v[i]] != 1)
				bad = 1;
		nvanished += d.vanished.n;
		nchanged += d.changed.n;
		if (nlive != v->msgs.n)
			bad = 1;
		if (waitpid(churner, &st, WNOHANG) == churner) {
			churner = 0;
			if (waitpid(deliverer, &st, 0) != deliverer || !WIFEXITED(st) ||
			    WEXITSTATUS(st) != 0)
				bad = 1;
			break;
		}
		r = (int)(k % 3);
		usleep((useconds_t)(500 + r * 300));
	}
	if (churner != 0) {
		CU_ASSERT(waitpid(churner, &st, 0) == churner);
		CU_ASSERT(waitpid(deliverer, &st, 0) == deliverer);
	}
	CU_ASSERT_FALSE(bad);
	/* the children really raced the syncs */
	CU_ASSERT(nvanished > 0);
	CU_ASSERT(nchanged > 0);
	/* settle, then the view is the disk */
	sync_settled(v, &d);
	for (i = 0; i < d.appeared.n; i++)
		nlive++;
	nlive -= d.vanished.n;
	CU_ASSERT_EQUAL(nlive, v->msgs.n);
	CU_ASSERT_EQUAL((int)v->msgs.n, tmd_count(md, "cur") + tmd_count(md, "new"));
	for (i = 0; i < v->msgs.n; i++) {
		char *p = tmd_path(cur, v->msgs.v[i].m.name);
		struct stat sb;
		CU_ASSERT(stat(p, &sb) == 0);
		CU_ASSERT_EQUAL(v->msgs.v[i].m.flags, maildir_name_flags(v->msgs.v[i].m.name));
		if (i > 0)
			CU_ASSERT(v->msgs.v[i].m.uid > v->msgs.v[i - 1].m.uid);
		free(p);
	}
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	free(live);
	free(cur);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static int64_t quota_bytes(const char *md, int64_t *count_r)
{
	struct maildir_quota_usage u;

	CU_ASSERT_FATAL(maildir_quota_read(md, &u) == 1);
	*count_r = u.count;
	return u.bytes;
}

static void test_store(void)
{
	char *root, *md = tmd_maildir("view-store", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	const struct maildir_view_msg *m;
	const char *err, *kws[] = { "Work", "$Label1" }, *kwdel[] = { "work" };
	int64_t b, n;
	bool ch;

	put(md, "cur", N1 ":2,S");
	put(md, "cur", N2 ":2,");
	CU_ASSERT_FATAL(maildir_quota_set(md, "20S", &err) == 0);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 12);
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	/* +FLAGS \Deleted: renamed, -6 -1 in maildirsize */
	CU_ASSERT(maildir_view_store(v, 2, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_TRASHED, NULL, 0,
				     &ch) == 0);
	CU_ASSERT_TRUE(ch);
	m = maildir_view_find(v, 2);
	CU_ASSERT_STRING_EQUAL(m->m.name, N1 ":2,ST");
	CU_ASSERT(tmd_count(md, "cur") == 2);
	b = quota_bytes(md, &n);
	CU_ASSERT_EQUAL(b, 6);
	CU_ASSERT_EQUAL(n, 1);
	/* the same again: nothing changes, no quota line */
	CU_ASSERT(maildir_view_store(v, 2, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_TRASHED, NULL, 0,
				     &ch) == 0);
	CU_ASSERT_FALSE(ch);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 6);
	/* fill the quota with another process's delivery, then undelete:
	   refused with EDQUOT and nothing renamed */
	put(md, "cur", "1200000000.M1P1.h,S=10:2,");
	{
		char *p = tmd_path(md, "maildirsize");
		FILE *f = fopen(p, "a");
		fprintf(f, "%12d %12d\n", 10, 1);
		fclose(f);
		free(p);
	}
	errno = 0;
	CU_ASSERT(maildir_view_store(v, 2, MAILDIR_VIEW_STORE_DEL, MAILDIR_F_TRASHED, NULL, 0,
				     &ch) == -1);
	CU_ASSERT_EQUAL(errno, EDQUOT);
	CU_ASSERT_STRING_EQUAL(maildir_view_find(v, 2)->m.name, N1 ":2,ST");
	/* keywords: add two, remove one case-insensitively, flags kept */
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_SEEN, kws, 2, &ch) ==
		  0);
	m = maildir_view_find(v, 1);
	CU_ASSERT_EQUAL(m->nkw, 2);
	CU_ASSERT_EQUAL(m->m.flags, MAILDIR_F_SEEN);
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_DEL, 0, kwdel, 1, &ch) == 0);
	CU_ASSERT_TRUE(ch);
	m = maildir_view_find(v, 1);
	CU_ASSERT_FATAL(m->nkw == 1);
	CU_ASSERT_STRING_EQUAL(maildir_view_kw_name(v, m->kw[0]), "$Label1");
	{
		struct maildir_kwdb kdb = MAILDIR_KWDB_INIT;
		const struct maildir_kw_msg *km;
		CU_ASSERT(maildir_kw_read(md, &kdb) == 0);
		km = maildir_kw_get(&kdb, N2, strlen(N2));
		CU_ASSERT_FATAL(km != NULL && km->n == 1);
		CU_ASSERT_STRING_EQUAL(kdb.names[km->idx[0]], "$Label1");
		maildir_kwdb_free(&kdb);
	}
	/* SET replaces flags and keywords */
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_SET, MAILDIR_F_FLAGGED, NULL, 0,
				     &ch) == 0);
	m = maildir_view_find(v, 1);
	CU_ASSERT_EQUAL(m->nkw, 0);
	CU_ASSERT_STRING_EQUAL(m->m.name, N2 ":2,F");
	/* a bad keyword, an unknown UID */
	{
		const char *bad[] = { "a b" };
		errno = 0;
		CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, 0, bad, 1, NULL) == -1);
		CU_ASSERT_EQUAL(errno, EINVAL);
		errno = 0;
		CU_ASSERT(maildir_view_store(v, 99, MAILDIR_VIEW_STORE_ADD, 0, NULL, 0, NULL) == -1);
		CU_ASSERT_EQUAL(errno, ENOENT);
	}
	/* another process deletes it: ENOENT now, vanished at the next sync */
	run_child(c_unlink, md, "cur/" N2 ":2,F", NULL);
	errno = 0;
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_SEEN, NULL, 0, NULL) ==
		  -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	{
		uint32_t one = 1;
		CU_ASSERT(set_is(&d.vanished, &one, 1));
	}
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static void test_store_trash_no_quota(void)
{
	char *root, *md = tmd_maildir("view-trash", &root), *trash;
	struct maildir_view *v;
	const char *err;
	int64_t n;

	CU_ASSERT_FATAL(maildir_folder_create(md, "INBOX.Trash", 0700, &err) == 0);
	trash = tmd_path(md, ".Trash");
	put(trash, "cur", N1 ":2,");
	CU_ASSERT_FATAL(maildir_quota_set(md, "1000S", &err) == 0);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 0);   /* Trash is not counted */
	v = maildir_view_open(trash, 0);
	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_TRASHED, NULL, 0,
				     NULL) == 0);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(trash);
	free(md);
}

static void test_expunge(void)
{
	char *root, *md = tmd_maildir("view-expunge", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	struct maildir_uidset rm = ARRAY_INIT;
	const char *err;
	uint32_t ex[] = { 3, 1, 2, 1, 77 }, want[] = { 1, 2, 3 };
	int64_t b, n;

	put(md, "cur", N2 ":2,T");    /* uid 1, not counted */
	put(md, "cur", N3 ":2,");     /* uid 2 */
	put(md, "cur", N1 ":2,S");    /* uid 3: renamed by another process */
	put(md, "cur", N4 ":2,");     /* uid 4: stays */
	CU_ASSERT_FATAL(maildir_quota_set(md, "1000S", &err) == 0);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 18);
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	sync_settled(v, &d);
	run_child(c_rename, md, "cur/" N1 ":2,S", "cur/" N1 ":2,RS");
	CU_ASSERT(maildir_view_expunge(v, ex, 5, &rm) == 0);
	CU_ASSERT(set_is(&rm, want, 3));
	CU_ASSERT_EQUAL(v->msgs.n, 1);
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 1);
	b = quota_bytes(md, &n);
	CU_ASSERT_EQUAL(b, 6);
	CU_ASSERT_EQUAL(n, 1);
	/* already removed by someone else: still reported removed */
	put(md, "cur", "1950000000.M1P1.h,S=6:2,");
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	CU_ASSERT_EQUAL(d.appeared.n, 1);
	run_child(c_unlink, md, "cur/1950000000.M1P1.h,S=6:2,", NULL);
	want[0] = d.appeared.v[0];
	CU_ASSERT(maildir_view_expunge(v, want, 1, &rm) == 0);
	CU_ASSERT(set_is(&rm, want, 1));
	/* and not reported again */
	CU_ASSERT(maildir_view_sync(v, &d) == 0);
	CU_ASSERT_EQUAL(d.vanished.n, 0);
	CU_ASSERT_EQUAL(v->msgs.n, 1);
	ARRAY_FREE(&rm);
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static time_t file_mtime(const char *dir, const char *sub, const char *name)
{
	char *d = tmd_path(dir, sub), *p = tmd_path(d, name);
	struct stat st;
	time_t t = stat(p, &st) == 0 ? st.st_mtime : 0;

	free(d);
	free(p);
	return t;
}

static void test_copy_move(void)
{
	char *root, *md = tmd_maildir("view-copy", &root), *other, *trash;
	struct maildir_view *v, *ov;
	struct maildir_view_copied c = MAILDIR_VIEW_COPIED_INIT;
	struct maildir_uidset rm = ARRAY_INIT;
	const struct maildir_view_msg *m;
	const char *err, *kw = "Travel";
	uint32_t uids[] = { 1, 2, 3 };
	struct timespec ts[2] = { { 1234567890, 0 }, { 1234567890, 0 } };
	int64_t n;

	CU_ASSERT_FATAL(maildir_folder_create(md, "INBOX.Other", 0700, &err) == 0);
	CU_ASSERT_FATAL(maildir_folder_create(md, "INBOX.Trash", 0700, &err) == 0);
	other = tmd_path(md, ".Other");
	trash = tmd_path(md, ".Trash");
	put(md, "cur", N2 ":2,RS");
	put(md, "cur", N3 ":2,");
	{
		char *p = tmd_path(md, "cur/" N2 ":2,RS");
		CU_ASSERT(utimensat(AT_FDCWD, p, ts, 0) == 0);
		free(p);
	}
	put(other, "cur", N1 ":2,");   /* Other already has UID 1 */
	CU_ASSERT_FATAL(maildir_quota_set(md, "30S", &err) == 0);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 18);
	v = maildir_view_open(md, 0);
	ov = maildir_view_open(other, 0);
	CU_ASSERT_FATAL(v != NULL && ov != NULL);
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, 0, &kw, 1, NULL) == 0);

	/* COPY 1:3 (3 does not exist) into Other */
	CU_ASSERT(maildir_view_copy(v, uids, 3, other, &c) == 0);
	CU_ASSERT_EQUAL(c.src.n, 2);
	CU_ASSERT_EQUAL(c.dst.n, 2);
	CU_ASSERT_EQUAL(c.src.v[0], 1);
	CU_ASSERT_EQUAL(c.dst.v[0], 2);
	CU_ASSERT_EQUAL(c.dst.v[1], 3);
	CU_ASSERT_EQUAL(c.dst_uidvalidity, ov->uidvalidity);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 30);
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 2);
	{
		struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
		uint32_t want[] = { 2, 3 };
		CU_ASSERT(maildir_view_sync(ov, &d) == 0);
		CU_ASSERT(set_is(&d.appeared, want, 2));
		m = maildir_view_find(ov, 2);
		CU_ASSERT_FATAL(m != NULL);
		CU_ASSERT_EQUAL(m->m.flags, MAILDIR_F_REPLIED | MAILDIR_F_SEEN);
		CU_ASSERT_EQUAL(m->m.mtime, 1234567890);   /* INTERNALDATE kept */
		CU_ASSERT_EQUAL(file_mtime(other, "cur", m->m.name), 1234567890);
		CU_ASSERT_FATAL(m->nkw == 1);
		CU_ASSERT_STRING_EQUAL(maildir_view_kw_name(ov, m->kw[0]), "Travel");
		maildir_view_diff_free(&d);
	}
	/* over quota: nothing copied */
	errno = 0;
	CU_ASSERT(maildir_view_copy(v, uids, 1, other, &c) == -1);
	CU_ASSERT_EQUAL(errno, EDQUOT);
	CU_ASSERT_EQUAL(tmd_count(other, "cur"), 3);
	/* copy into the folder itself is refused */
	errno = 0;
	CU_ASSERT(maildir_view_copy(v, uids, 1, md, &c) == -1);
	CU_ASSERT_EQUAL(errno, EINVAL);

	/* MOVE 1 into Trash: the same file, -6 -1, keywords along */
	CU_ASSERT(maildir_view_move(v, uids, 1, trash, &c, &rm) == 0);
	CU_ASSERT_EQUAL(rm.n, 1);
	CU_ASSERT_EQUAL(rm.v[0], 1);
	CU_ASSERT_EQUAL(c.dst.n, 1);
	CU_ASSERT_EQUAL(c.dst.v[0], 1);
	CU_ASSERT_PTR_NULL(maildir_view_find(v, 1));
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 1);
	CU_ASSERT_EQUAL(file_mtime(trash, "cur", N2 ":2,RS"), 1234567890);
	CU_ASSERT_EQUAL(quota_bytes(md, &n), 24);
	{
		struct maildir_view *tv = maildir_view_open(trash, 0);
		CU_ASSERT_FATAL(tv != NULL && tv->msgs.n == 1);
		CU_ASSERT_EQUAL(tv->msgs.v[0].m.uid, 1);
		CU_ASSERT_EQUAL(tv->msgs.v[0].nkw, 1);
		/* and back out of Trash: a delivery, checked: 24 + 6 fits 30 */
		CU_ASSERT(maildir_view_move(tv, uids, 1, md, &c, &rm) == 0);
		CU_ASSERT_EQUAL(c.dst.n, 1);
		CU_ASSERT_EQUAL(c.dst.v[0], 3);
		CU_ASSERT_EQUAL(quota_bytes(md, &n), 30);
		CU_ASSERT_EQUAL(tv->msgs.n, 0);
		/* once more into Trash and out again: over quota now */
		maildir_view_free(&tv);
	}
	{
		struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
		uint32_t three = 3;
		CU_ASSERT(maildir_view_sync(v, &d) == 0);
		CU_ASSERT(set_is(&d.appeared, &three, 1));
		put(md, "cur", "1960000000.M1P1.h,S=6:2,");
		CU_ASSERT(maildir_quota_add(md, 6, 1) == 0);
		CU_ASSERT(maildir_view_move(v, &three, 1, trash, &c, &rm) == 0);
		maildir_view_diff_free(&d);
	}
	{
		struct maildir_view *tv = maildir_view_open(trash, 0);
		uint32_t u;
		CU_ASSERT_FATAL(tv != NULL && tv->msgs.n == 1);
		u = tv->msgs.v[0].m.uid;
		CU_ASSERT(maildir_quota_add(md, 6, 1) == 0);   /* 30 + 6: full */
		errno = 0;
		CU_ASSERT(maildir_view_move(tv, &u, 1, md, &c, &rm) == -1);
		CU_ASSERT_EQUAL(errno, EDQUOT);
		CU_ASSERT_EQUAL(tv->msgs.n, 1);
		maildir_view_free(&tv);
	}
	ARRAY_FREE(&rm);
	maildir_view_copied_free(&c);
	maildir_view_free(&v);
	maildir_view_free(&ov);
	cutest_rmtree(root);
	free(root);
	free(other);
	free(trash);
	free(md);
}

/* MOVE across file systems (EXDEV): copied with its mtime, flags and
   keywords, the source unlinked. */
static void test_move_exdev(void)
{
	char *root, *md = tmd_maildir("view-exdev", &root), other[] = "/dev/shm/stafeta-exdev-XXXXXX";
	struct maildir_view *v;
	struct maildir_view_copied c = MAILDIR_VIEW_COPIED_INIT;
	struct maildir_uidset rm = ARRAY_INIT;
	struct stat a, b;
	const char *kw = "far";
	uint32_t one = 1;
	char *dst;

	/* /dev/shm is another file system almost everywhere; where it is
	   not (or missing), the same assertions hold for a link() move */
	if (mkdtemp(other) == NULL)
		snprintf(other, sizeof(other), "%s", root);
	CU_ASSERT(stat(other, &a) == 0 && stat(md, &b) == 0);
	if (a.st_dev == b.st_dev)
		printf("(no second file system: a plain move) ");
	dst = tmd_path(other, "Maildir");
	CU_ASSERT_FATAL(maildir_create(dst, 0700) == 0);
	put(md, "cur", N1 ":2,S");
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, 0, &kw, 1, NULL) == 0);
	CU_ASSERT(maildir_view_move(v, &one, 1, dst, &c, &rm) == 0);
	CU_ASSERT_EQUAL(rm.n, 1);
	CU_ASSERT_EQUAL(c.dst.n, 1);
	CU_ASSERT_EQUAL(tmd_count(md, "cur"), 0);
	CU_ASSERT_EQUAL(tmd_count(dst, "cur"), 1);
	{
		struct maildir_view *dv = maildir_view_open(dst, 0);
		CU_ASSERT_FATAL(dv != NULL && dv->msgs.n == 1);
		CU_ASSERT_EQUAL(dv->msgs.v[0].m.uid, c.dst.v[0]);
		CU_ASSERT_EQUAL(dv->msgs.v[0].m.flags, MAILDIR_F_SEEN);
		CU_ASSERT_EQUAL(dv->msgs.v[0].nkw, 1);
		maildir_view_free(&dv);
	}
	ARRAY_FREE(&rm);
	maildir_view_copied_free(&c);
	maildir_view_free(&v);
	if (strcmp(other, root) != 0)
		cutest_rmtree(other);
	cutest_rmtree(root);
	free(dst);
	free(root);
	free(md);
}

static void test_uid_assign(void)
{
	char *root, *md = tmd_maildir("view-assign", &root);
	struct maildir_deliv_opts o;
	char *names[3] = { NULL, NULL, NULL };
	uint32_t uids[4], uidv;
	const char *err;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.no_fsync = true;
	put(md, "new", N4);      /* someone else's, unassigned: sorts first */
	for (i = 0; i < 2; i++)
		CU_ASSERT_FATAL(maildir_deliver_mem(md, "a\n", 2, &o, &names[i], &err) == DELIV_OK);
	o.flags = "S";
	CU_ASSERT_FATAL(maildir_deliver_mem(md, "b\n", 2, &o, &names[2], &err) == DELIV_OK);
	{
		const char *nv[4] = { names[2], names[0], "1.gone.host", names[1] };
		CU_ASSERT(maildir_uid_assign(md, nv, 4, uids, &uidv) == 0);
	}
	/* Courier: N4 (1700000000) first, then the three new ones by name */
	CU_ASSERT_EQUAL(uids[2], 0);
	CU_ASSERT(uids[0] >= 2 && uids[1] >= 2 && uids[3] >= 2);
	/* Courier's name order decides, not the delivery order */
	CU_ASSERT((uids[1] < uids[3]) == (maildir_name_cmp(names[0], names[1]) < 0));
	CU_ASSERT((uids[0] < uids[1]) == (maildir_name_cmp(names[2], names[0]) < 0));
	CU_ASSERT(uidv != 0);
	{
		struct maildir_view *v = maildir_view_open(md, MAILDIR_VIEW_READONLY);
		CU_ASSERT_FATAL(v != NULL);
		CU_ASSERT_EQUAL(by_base(v, N4)->m.uid, 1);
		CU_ASSERT_EQUAL(v->nextuid, 5);
		maildir_view_free(&v);
	}
	for (i = 0; i < 3; i++)
		free(names[i]);
	cutest_rmtree(root);
	free(root);
	free(md);
}

/* UIDs run out: the sync fails once, the next one starts a new UIDVALIDITY
   and numbers every message from 1 again (Courier starts over too). */
static void test_uids_exhausted(void)
{
	char *root, *md = tmd_maildir("view-exhaust", &root);
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;

	put(md, "cur", N1 ":2,");
	tmd_write(md, "courierimapuiddb", "1 5 4294967293\n4294967292 " N1 "\n", (size_t)-1);
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL && v->msgs.n == 1);
	CU_ASSERT_EQUAL(v->msgs.v[0].m.uid, 4294967292u);
	sync_settled(v, &d);
	put(md, "new", N2);
	put(md, "new", N3);
	errno = 0;
	CU_ASSERT_EQUAL(maildir_view_sync(v, &d), -1);
	CU_ASSERT_EQUAL(errno, EOVERFLOW);
	CU_ASSERT_EQUAL(v->msgs.n, 0);
	CU_ASSERT_FATAL(maildir_view_sync(v, &d) == 0);
	CU_ASSERT_TRUE(d.uidvalidity_changed);
	CU_ASSERT_EQUAL(v->msgs.n, 3);
	CU_ASSERT_NOT_EQUAL(v->uidvalidity, 5);
	CU_ASSERT_EQUAL(v->nextuid, 4);
	CU_ASSERT_EQUAL(by_base(v, N2)->m.uid, 1);
	CU_ASSERT_EQUAL(by_base(v, N1)->m.uid, 3);
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static void test_readonly(void)
{
	char *root, *md = tmd_maildir("view-ro", &root);
	struct maildir_view *v;
	struct maildir_uidset rm = ARRAY_INIT;
	uint32_t one = 1;

	put(md, "new", N1);
	v = maildir_view_open(md, MAILDIR_VIEW_READONLY);
	CU_ASSERT_FATAL(v != NULL && v->msgs.n == 1);
	CU_ASSERT_TRUE(v->msgs.v[0].m.in_new);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);   /* not moved */
	errno = 0;
	CU_ASSERT(maildir_view_store(v, 1, MAILDIR_VIEW_STORE_ADD, MAILDIR_F_SEEN, NULL, 0, NULL) ==
		  -1);
	CU_ASSERT_EQUAL(errno, EROFS);
	errno = 0;
	CU_ASSERT(maildir_view_expunge(v, &one, 1, &rm) == -1);
	CU_ASSERT_EQUAL(errno, EROFS);
	maildir_view_free(&v);
	/* a read-write view later keeps the UID the read-only one assigned */
	v = maildir_view_open(md, 0);
	CU_ASSERT_FATAL(v != NULL && v->msgs.n == 1);
	CU_ASSERT_EQUAL(v->msgs.v[0].m.uid, 1);
	CU_ASSERT_FALSE(v->msgs.v[0].m.in_new);
	maildir_view_free(&v);
	CU_ASSERT_PTR_NULL(maildir_view_open("/nonexistent/Maildir", 0));
	ARRAY_FREE(&rm);
	cutest_rmtree(root);
	free(root);
	free(md);
}

static void test_inotify(void)
{
#ifdef __linux__
	char *root, *md = tmd_maildir("view-inotify", &root);
	struct maildir_view *v = maildir_view_open(md, 0);
	struct pollfd p;
	int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	CU_ASSERT_FATAL(v != NULL);
	if (ifd < 0) {
		cutest_skip("no inotify");
		maildir_view_free(&v);
		cutest_rmtree(root);
		free(root);
		free(md);
		return;
	}
	CU_ASSERT(maildir_view_inotify_add(v, ifd) == 0);
	p.fd = ifd;
	p.events = POLLIN;
	CU_ASSERT_EQUAL(poll(&p, 1, 0), 0);
	run_child(c_deliver, md, NULL, NULL);
	CU_ASSERT_EQUAL(poll(&p, 1, 1000), 1);
	close(ifd);
	maildir_view_free(&v);
	cutest_rmtree(root);
	free(root);
	free(md);
#endif
}

void suite_view(void);
void suite_view(void)
{
	CU_pSuite s = cutest_suite("view");

	cutest_add(s, "open: Courier's UID order and uiddb", test_open_courier_order);
	cutest_add(s, "changed: cheap, exact, keywords", test_changed_is_cheap_and_exact);
	cutest_add(s, "diff: deliver, re-flag, unlink, keywords, Courier rescan",
		   test_diff_other_processes);
	cutest_add(s, "a message that comes back gets a fresh UID", test_vanish_and_return);
	cutest_add(s, "concurrent delivery and rescans", test_concurrent_delivery);
	cutest_add(s, "concurrent expunges and flag changes", test_concurrent_expunge_and_flags);
	cutest_add(s, "store: flags, keywords, quota on \\Deleted", test_store);
	cutest_add(s, "store in Trash: no quota", test_store_trash_no_quota);
	cutest_add(s, "expunge: renamed, gone, quota", test_expunge);
	cutest_add(s, "copy and move: INTERNALDATE, flags, keywords, quota", test_copy_move);
	cutest_add(s, "move across file systems", test_move_exdev);
	cutest_add(s, "UIDs of appended messages", test_uid_assign);
	cutest_add(s, "UIDs run out: a new UIDVALIDITY", test_uids_exhausted);
	cutest_add(s, "read-only view", test_readonly);
	cutest_add(s, "inotify watches", test_inotify);
}
