/*
 * mddump.c - print what libmaildir sees in a folder, for the interop and
 * benchmark scripts (not a unit test; runtests does not run it):
 *   mddump uids MAILDIR FOLDER     UIDVALIDITY, UIDNEXT, "<uid> <flags> <kw,kw>"
 *   mddump quota MAILDIR           "<bytes> <count> <definition>"
 *   mddump pop3 MAILDIR            "<n> <size> <uidl>"
 *   mddump open MAILDIR FOLDER N   time N uid syncs (benchmark), ms per open
 *   mddump view MAILDIR FOLDER     as "uids", through maildir_view
 *   mddump viewstore MAILDIR FOLDER UID LETTERS [KW...]   +FLAGS through the view
 *   mddump viewcopy MAILDIR FROM TO UID [move]   COPY/MOVE: "COPYUID <v> <src> <dst>"
 *   mddump viewsync MAILDIR FOLDER N   time N no-change and N changed view syncs
 *
 * Trust:   arguments from the test scripts.
 * Tests:   tests/interop/run-maildir-courier, bench/run-maildir
 */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "maildir.h"
#include "maildir_flags.h"
#include "maildir_keywords.h"
#include "maildir_pop3.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"
#include "maildir_view.h"

static int dump_uids(const char *md, const char *folder)
{
	const char *err;
	char *dir = maildir_folder_dir(md, folder, &err);
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	size_t i, j;

	if (dir == NULL || maildir_uid_sync(dir, 0, &v) != 0 || maildir_kw_read(dir, &db) != 0) {
		perror(folder);
		return 1;
	}
	printf("UIDVALIDITY %u\nUIDNEXT %u\n", v.uidvalidity, v.nextuid);
	for (i = 0; i < v.list.n; i++) {
		const struct maildir_kw_msg *k = maildir_kw_get(&db, v.list.m[i].name, v.list.m[i].baselen);
		char fl[8];
		maildir_flags_to_str(v.list.m[i].flags, fl);
		printf("%u %s ", v.list.m[i].uid, fl[0] ? fl : "-");
		for (j = 0; k != NULL && j < k->n; j++)
			printf("%s%s", j ? "," : "", db.names[k->idx[j]]);
		printf("%s\n", k == NULL ? "-" : "");
	}
	maildir_kwdb_free(&db);
	maildir_uid_view_free(&v);
	free(dir);
	return 0;
}

static struct maildir_view *view_of(const char *md, const char *folder, char **dir_r)
{
	const char *err;
	char *dir = maildir_folder_dir(md, folder, &err);
	struct maildir_view *v = dir != NULL ? maildir_view_open(dir, 0) : NULL;

	if (v == NULL)
		perror(folder);
	*dir_r = dir;
	return v;
}

static int dump_view(const char *md, const char *folder)
{
	char *dir;
	struct maildir_view *v = view_of(md, folder, &dir);
	size_t i, j;

	if (v == NULL)
		return 1;
	printf("UIDVALIDITY %u\nUIDNEXT %u\n", v->uidvalidity, v->nextuid);
	for (i = 0; i < v->msgs.n; i++) {
		const struct maildir_view_msg *m = &v->msgs.v[i];
		char fl[8];
		maildir_flags_to_str(m->m.flags, fl);
		printf("%u %s ", m->m.uid, fl[0] ? fl : "-");
		for (j = 0; j < m->nkw; j++)
			printf("%s%s", j ? "," : "", maildir_view_kw_name(v, m->kw[j]));
		printf("%s\n", m->nkw == 0 ? "-" : "");
	}
	maildir_view_free(&v);
	free(dir);
	return 0;
}

static int view_store(const char *md, const char *folder, const char *uid, const char *letters,
		      const char *const *kws, size_t nkws)
{
	char *dir;
	struct maildir_view *v = view_of(md, folder, &dir);
	unsigned fl;
	int rc;

	if (v == NULL || maildir_flags_parse(letters, &fl) != 0)
		return 1;
	rc = maildir_view_store(v, (uint32_t)atol(uid), MAILDIR_VIEW_STORE_ADD, fl, kws, nkws, NULL);
	if (rc != 0)
		perror("store");
	maildir_view_free(&v);
	free(dir);
	return rc != 0;
}

static int view_copy(const char *md, const char *from, const char *to, const char *uid, bool move)
{
	const char *err;
	char *dir, *dst = maildir_folder_dir(md, to, &err);
	struct maildir_view *v = view_of(md, from, &dir);
	struct maildir_view_copied c = MAILDIR_VIEW_COPIED_INIT;
	struct maildir_uidset rm = ARRAY_INIT;
	uint32_t u = (uint32_t)atol(uid);
	int rc;

	if (v == NULL || dst == NULL)
		return 1;
	rc = move ? maildir_view_move(v, &u, 1, dst, &c, &rm) : maildir_view_copy(v, &u, 1, dst, &c);
	if (rc != 0 || c.dst.n != 1)
		perror("copy");
	else
		printf("COPYUID %u %u %u\n", c.dst_uidvalidity, c.src.v[0], c.dst.v[0]);
	maildir_view_copied_free(&c);
	ARRAY_FREE(&rm);
	maildir_view_free(&v);
	free(dir);
	free(dst);
	return rc != 0;
}

static double ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1e3 + (b.tv_nsec - a->tv_nsec) / 1e6;
}

/* Benchmark: no-change syncs (the directories' mtimes moved back so the
   change test can trust them), then syncs after one re-flag each. */
static int view_bench(const char *md, const char *folder, int n)
{
	static const char *const subs[] = { "cur", "new" };
	char *dir;
	struct maildir_view *v = view_of(md, folder, &dir);
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	struct timespec a, ts[2];
	double idle, changed;
	int i;
	size_t k;

	if (v == NULL)
		return 1;
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= 100;
	ts[1] = ts[0];
	for (k = 0; k < 2; k++) {
		char p[4200];
		snprintf(p, sizeof(p), "%s/%s", dir, subs[k]);
		(void)utimensat(AT_FDCWD, p, ts, 0);
	}
	if (maildir_view_sync(v, &d) != 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		if (maildir_view_sync(v, &d) != 0 || d.appeared.n + d.changed.n + d.vanished.n != 0)
			return 1;
	idle = ms_since(&a) / n;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n && v->msgs.n > 0; i++) {
		const struct maildir_msg *m = &v->msgs.v[(size_t)i % v->msgs.n].m;
		bool flagged = (m->flags & MAILDIR_F_FLAGGED) != 0;
		/* toggle \Flagged: every store is a real rename */
		if (maildir_view_store(v, m->uid, flagged ? MAILDIR_VIEW_STORE_DEL : MAILDIR_VIEW_STORE_ADD,
				       MAILDIR_F_FLAGGED, NULL, 0, NULL) != 0 ||
		    maildir_view_sync(v, &d) != 0)
			return 1;
	}
	changed = ms_since(&a) / n;
	printf("%zu messages, %.3f ms per no-change sync, %.2f ms per store + changed sync\n",
	       v->msgs.n, idle, changed);
	maildir_view_diff_free(&d);
	maildir_view_free(&v);
	free(dir);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "view") == 0)
		return dump_view(argv[2], argv[3]);
	if (argc >= 6 && strcmp(argv[1], "viewstore") == 0)
		return view_store(argv[2], argv[3], argv[4], argv[5], (const char *const *)argv + 6,
				  (size_t)(argc - 6));
	if ((argc == 6 || argc == 7) && strcmp(argv[1], "viewcopy") == 0)
		return view_copy(argv[2], argv[3], argv[4], argv[5], argc == 7);
	if (argc == 5 && strcmp(argv[1], "viewsync") == 0)
		return view_bench(argv[2], argv[3], atoi(argv[4]));
	if (argc == 4 && strcmp(argv[1], "uids") == 0)
		return dump_uids(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "quota") == 0) {
		struct maildir_quota_usage u;
		if (maildir_quota_read(argv[2], &u) != 1)
			return 1;
		printf("%lld %lld %s\n", (long long)u.bytes, (long long)u.count, u.def);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "pop3") == 0) {
		struct maildir_pop3 box = MAILDIR_POP3_INIT;
		const char *err;
		char u[MAILDIR_UIDL_MAX];
		size_t i;
		if (maildir_pop3_open(&box, argv[2], &err) != 0)
			return 1;
		for (i = 0; i < box.n; i++)
			printf("%zu %llu %s\n", i + 1, (unsigned long long)box.m[i].size,
			       maildir_pop3_msg_uidl(&box.m[i], u));
		maildir_pop3_close(&box);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "open") == 0) {
		const char *err;
		char *dir = maildir_folder_dir(argv[2], argv[3], &err);
		int n = atoi(argv[4]), i;
		struct timespec a, b;
		struct rusage ra, rb;
		struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
		size_t msgs = 0;
		getrusage(RUSAGE_SELF, &ra);
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (i = 0; i < n; i++) {
			if (dir == NULL || maildir_uid_sync(dir, 0, &v) != 0)
				return 1;
			msgs = v.list.n;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		getrusage(RUSAGE_SELF, &rb);
		printf("%zu messages, %.2f ms per open, %.2f ms CPU per open\n", msgs,
		       ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / n,
		       ((rb.ru_utime.tv_sec - ra.ru_utime.tv_sec + rb.ru_stime.tv_sec -
			 ra.ru_stime.tv_sec) * 1e3 +
			(rb.ru_utime.tv_usec - ra.ru_utime.tv_usec + rb.ru_stime.tv_usec -
			 ra.ru_stime.tv_usec) / 1e3) / n);
		maildir_uid_view_free(&v);
		free(dir);
		return 0;
	}
	fprintf(stderr, "usage: mddump uids|quota|pop3|open|view|viewstore|viewcopy|viewsync ...\n");
	return 2;
}
