/*
 * test_uiddb.c - courierimapuiddb: hostile contents, Courier's format, the
 * rescan keeping and assigning UIDs, new/ -> cur/ keeping UIDs, read-only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_uiddb.h"
#include "testmd.h"

static void test_parse_hostile(void)
{
	static const struct { const char *t; int ok; size_t n; } cases[] = {
		{ "1 700000000 5\n1 a\n2 b\n4 c\n", 0, 3 },
		{ "1 700000000 5\n1 a\n2 b\n4 c", 0, 3 },            /* missing newline */
		{ "1 700000000 5\n1 a\n2 b\n4", 0, 2 },              /* truncated */
		{ "2 700000000 5\n1 a\n", -1, 0 },                   /* version */
		{ "1 700000000\n", -1, 0 },
		{ "1 700000000 0\n", -1, 0 },                        /* nextuid 0 */
		{ "1 99999999999 5\n", -1, 0 },                      /* uidv > 32 bit */
		{ "1 7 99999999999\n", -1, 0 },
		{ "1 7 5 junk\n", -1, 0 },
		{ "", -1, 0 },
		{ "\n", -1, 0 },
		{ "garbage\x00\xff\n1 a\n", -1, 0 },
		/* 5 and 9 are at/above nextuid: kept, nextuid raised (below) */
		{ "1 7 5\n0 zero\n5 toohigh\n9 higher\nx a\n3\n3 \n2 ok\n", 0, 3 },
		{ "1 7 5\n4294967295 max\n4294967294 below\n", 0, 1 },
		{ "1 7 10\n2 dup\n2 again\n1 first\n", 0, 2 },        /* dup UID, unsorted */
		{ "1 7 10\n1 a/b\n2 .x\n3 c:2,S\n4 ok\r\n", 0, 1 },
		{ "1 7 10\n99999999999999999999 a\n", 0, 0 },
		{ "1  7\t10 \n1 a\n", 0, 1 },
	};
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
		size_t len = strlen(cases[i].t);
		int r;
		if (i == 11)
			len = 14;
		if (i == 12)
			CU_ASSERT_EQUAL(maildir_uiddb_parse(cases[i].t, len, &db) == 0 &&
					db.nextuid == 10 && db.repaired, true);
		r = maildir_uiddb_parse(cases[i].t, len, &db);
		if (r != cases[i].ok || (r == 0 && db.n != cases[i].n))
			printf("case %zu: got %d/%zu, want %d/%zu\n", i, r, db.n, cases[i].ok, cases[i].n);
		CU_ASSERT_EQUAL(r, cases[i].ok);
		if (r == 0)
			CU_ASSERT_EQUAL(db.n, cases[i].n);
		maildir_uiddb_free(&db);
	}
	{
		struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
		const char *t = "1 7 10\n2 dup\n2 again\n1 first\n";
		CU_ASSERT_EQUAL(maildir_uiddb_parse(t, strlen(t), &db), 0);
		CU_ASSERT_EQUAL(db.e[0].uid, 1);
		CU_ASSERT_STRING_EQUAL(db.e[0].base, "first");
		CU_ASSERT_EQUAL(db.e[1].uid, 2);
		CU_ASSERT_EQUAL(db.uidvalidity, 7);
		CU_ASSERT_EQUAL(db.nextuid, 10);
		CU_ASSERT_TRUE(db.repaired);   /* the duplicate */
		maildir_uiddb_free(&db);
	}
}

static void test_sync_assigns_and_keeps(void)
{
	char *root, *md = tmd_maildir("uid1", &root), *c;
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;
	uint32_t uidv;
	char want[256];

	tmd_write(md, "new/200.M1P1.h", "b", 1);
	tmd_write(md, "new/100.M1P1.h", "a", 1);
	tmd_write(md, "cur/1000.M1P1.h:2,S", "c", 1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_TRUE(v.created);
	CU_ASSERT_EQUAL(v.nextuid, 4);
	uidv = v.uidvalidity;
	CU_ASSERT(labs((long)uidv - (long)(time(NULL) - 1000000000)) < 5);
	CU_ASSERT_EQUAL_FATAL(v.list.n, 3);
	CU_ASSERT_STRING_EQUAL(v.list.m[0].name, "100.M1P1.h:2,");
	CU_ASSERT_EQUAL(v.list.m[0].uid, 1);
	CU_ASSERT_TRUE(v.list.m[0].recent);
	CU_ASSERT_STRING_EQUAL(v.list.m[1].name, "200.M1P1.h:2,");
	CU_ASSERT_EQUAL(v.list.m[1].uid, 2);
	CU_ASSERT_STRING_EQUAL(v.list.m[2].name, "1000.M1P1.h:2,S");
	CU_ASSERT_EQUAL(v.list.m[2].uid, 3);
	c = tmd_read(md, "courierimapuiddb");
	snprintf(want, sizeof(want), "1 %u 4\n1 100.M1P1.h\n2 200.M1P1.h\n3 1000.M1P1.h\n", uidv);
	CU_ASSERT_STRING_EQUAL(c, want);
	free(c);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);

	/* second sync: nothing changes, nothing recent, db untouched */
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_FALSE(v.created);
	CU_ASSERT_EQUAL(v.uidvalidity, uidv);
	CU_ASSERT_EQUAL(v.list.n, 3);
	CU_ASSERT_FALSE(v.list.m[0].recent);

	/* expunge 2, deliver 2 more, rename flags of 1 */
	{
		char *a = tmd_path(md, "cur/200.M1P1.h:2,"), *b = tmd_path(md, "cur/100.M1P1.h:2,"),
		     *bb = tmd_path(md, "cur/100.M1P1.h:2,FS");
		unlink(a);
		rename(b, bb);
		free(a);
		free(b);
		free(bb);
	}
	tmd_write(md, "new/50.M1P1.h", "d", 1);
	tmd_write(md, "new/60.M1P1.h", "e", 1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_EQUAL_FATAL(v.list.n, 4);
	CU_ASSERT_EQUAL(v.list.m[0].uid, 1);
	CU_ASSERT_EQUAL(v.list.m[0].flags, MAILDIR_F_FLAGGED | MAILDIR_F_SEEN);
	CU_ASSERT_EQUAL(v.list.m[1].uid, 3);
	CU_ASSERT_EQUAL(v.list.m[2].uid, 4);
	CU_ASSERT_STRING_EQUAL(v.list.m[2].name, "50.M1P1.h:2,");
	CU_ASSERT_EQUAL(v.list.m[3].uid, 5);
	CU_ASSERT_EQUAL(v.nextuid, 6);
	c = tmd_read(md, "courierimapuiddb");
	snprintf(want, sizeof(want), "1 %u 6\n1 100.M1P1.h\n3 1000.M1P1.h\n4 50.M1P1.h\n5 60.M1P1.h\n", uidv);
	CU_ASSERT_STRING_EQUAL(c, want);
	free(c);
	maildir_uid_view_free(&v);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_sync_hostile_db(void)
{
	char *root, *md = tmd_maildir("uid2", &root), *c;
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;

	tmd_write(md, "cur/1.a:2,", "x", 1);
	tmd_write(md, "cur/2.b:2,", "x", 1);
	tmd_write(md, "cur/3.c:2,", "x", 1);
	/* a duplicate is dropped (its message gets a fresh UID); an entry at or
	   above nextuid keeps its UID and nextuid is raised past it, so no UID
	   a client has seen is ever handed out again */
	tmd_write(md, "courierimapuiddb", "1 12345 10\n7 1.a\n12 2.b\n7 3.c\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_FALSE(v.created);
	CU_ASSERT_EQUAL(v.uidvalidity, 12345);
	CU_ASSERT_EQUAL_FATAL(v.list.n, 3);
	CU_ASSERT_EQUAL(v.list.m[0].uid, 7);
	CU_ASSERT_EQUAL(v.list.m[1].uid, 12);
	CU_ASSERT_EQUAL(v.list.m[2].uid, 13);
	CU_ASSERT_EQUAL(v.nextuid, 14);
	c = tmd_read(md, "courierimapuiddb");
	CU_ASSERT_STRING_EQUAL(c, "1 12345 14\n7 1.a\n12 2.b\n13 3.c\n");
	free(c);
	/* only nextuid damaged, every message known: still written back */
	tmd_write(md, "courierimapuiddb", "1 12345 5\n7 1.a\n12 2.b\n13 3.c\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_EQUAL(v.nextuid, 14);
	c = tmd_read(md, "courierimapuiddb");
	CU_ASSERT_STRING_EQUAL(c, "1 12345 14\n7 1.a\n12 2.b\n13 3.c\n");
	free(c);
	/* a garbage db is a new UIDVALIDITY */
	tmd_write(md, "courierimapuiddb", "\xff\xfe\x00garbage", 10);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_TRUE(v.created);
	CU_ASSERT_NOT_EQUAL(v.uidvalidity, 12345);
	CU_ASSERT_EQUAL(v.nextuid, 4);
	/* UIDs near exhaustion: start over with a new UIDVALIDITY */
	tmd_write(md, "courierimapuiddb", "1 55 4294967295\n1 1.a\n", (size_t)-1);
	tmd_write(md, "new/4.d", "x", 1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, 0, &v), 0);
	CU_ASSERT_TRUE(v.created);
	CU_ASSERT_NOT_EQUAL(v.uidvalidity, 55);
	CU_ASSERT_EQUAL(v.nextuid, 5);
	c = tmd_read(md, "courierimapuiddb");
	CU_ASSERT_PTR_NOT_NULL(strstr(c, "\n1 1.a\n2 2.b\n3 3.c\n4 4.d\n"));
	free(c);
	maildir_uid_view_free(&v);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_sync_readonly(void)
{
	char *root, *md = tmd_maildir("uid3", &root), *c;
	struct maildir_uid_view v = MAILDIR_UID_VIEW_INIT;

	tmd_write(md, "cur/1.a:2,", "x", 1);
	tmd_write(md, "new/2.b", "x", 1);
	CU_ASSERT_EQUAL(maildir_uid_sync(md, MAILDIR_UIDSYNC_READONLY, &v), 0);
	CU_ASSERT_EQUAL(v.list.n, 2);
	CU_ASSERT_EQUAL(v.nextuid, 3);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);
	c = tmd_read(md, "courierimapuiddb");
	CU_ASSERT_PTR_NULL(c);
	free(c);
	maildir_uid_view_free(&v);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_write_read(void)
{
	char *root, *md = tmd_maildir("uid4", &root);
	struct maildir_uiddb db = MAILDIR_UIDDB_INIT, db2 = MAILDIR_UIDDB_INIT;
	struct maildir_uid_entry e[2] = { { 3, "x.y" }, { 9, "z" } };

	db.uidvalidity = 42;
	db.nextuid = 10;
	db.e = e;
	db.n = 2;
	CU_ASSERT_EQUAL(maildir_uiddb_write(md, &db), 0);
	CU_ASSERT_EQUAL(maildir_uiddb_read(md, &db2), 1);
	CU_ASSERT_EQUAL(db2.uidvalidity, 42);
	CU_ASSERT_EQUAL(db2.n, 2);
	maildir_uiddb_free(&db2);
	free(md);
	cutest_rmtree(root);
	free(root);
	CU_ASSERT_EQUAL(maildir_uiddb_read("/nonexistent", &db2), 0);
}

void suite_uiddb(void);
void suite_uiddb(void)
{
	CU_pSuite s = cutest_suite("uiddb");

	cutest_add(s, "parse_hostile", test_parse_hostile);
	cutest_add(s, "sync_assigns_and_keeps", test_sync_assigns_and_keeps);
	cutest_add(s, "sync_hostile_db", test_sync_hostile_db);
	cutest_add(s, "sync_readonly", test_sync_readonly);
	cutest_add(s, "write_read", test_write_read);
}
