/*
 * mddump.c - print what libmaildir sees in a folder, for the interop and
 * benchmark scripts (not a unit test; runtests does not run it):
 *   mddump uids MAILDIR FOLDER     UIDVALIDITY, UIDNEXT, "<uid> <flags> <kw,kw>"
 *   mddump quota MAILDIR           "<bytes> <count> <definition>"
 *   mddump pop3 MAILDIR            "<n> <size> <uidl>"
 *   mddump open MAILDIR FOLDER N   time N uid syncs (benchmark), ms per open
 *
 * Trust:   arguments from the test scripts.
 * Tests:   tests/interop/run-maildir-courier, bench/run-maildir
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "maildir.h"
#include "maildir_flags.h"
#include "maildir_keywords.h"
#include "maildir_pop3.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"

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

int main(int argc, char **argv)
{
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
	fprintf(stderr, "usage: mddump uids|quota|pop3|open ...\n");
	return 2;
}
