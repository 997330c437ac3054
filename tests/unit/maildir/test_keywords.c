/*
 * test_keywords.c - courierimapkeywords/: hostile :list files, update files,
 * consolidation into Courier's :list format.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_keywords.h"
#include "testmd.h"

static void test_valid(void)
{
	CU_ASSERT_TRUE(maildir_kw_is_valid("$Label1"));
	CU_ASSERT_TRUE(maildir_kw_is_valid("NonJunk"));
	CU_ASSERT_FALSE(maildir_kw_is_valid(""));
	CU_ASSERT_FALSE(maildir_kw_is_valid("\\Seen"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a b"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a(b"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a]"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a\"b"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a*"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a%"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a{"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("\xc3\xa9"));
	CU_ASSERT_FALSE(maildir_kw_is_valid("a\nb"));
}

static void test_parse_list_hostile(void)
{
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	const struct maildir_kw_msg *m;
	const char *t = "foo\nbad kw\nbar\n\nmsg1:0 2\nmsg2:1\nmsg3:7 0 x\nnocolon\n:0\n"
			"msg4:00002 0 0 99999999999999999999999\nmsg5:2";

	CU_ASSERT_EQUAL(maildir_kw_parse_list(t, strlen(t), &db), 0);
	m = maildir_kw_get(&db, "msg1", 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "foo");
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[1]], "bar");
	CU_ASSERT_PTR_NULL(maildir_kw_get(&db, "msg2", 4));    /* only the bad keyword */
	m = maildir_kw_get(&db, "msg3", 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 1);
	m = maildir_kw_get(&db, "msg4", 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	m = maildir_kw_get(&db, "msg5", 4);
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_PTR_NULL(maildir_kw_get(&db, "msg", 3));
	CU_ASSERT_PTR_NULL(maildir_kw_get(&db, "nocolon", 7));
	maildir_kwdb_free(&db);
	/* NUL bytes, no blank line, empty file */
	CU_ASSERT_EQUAL(maildir_kw_parse_list("a\0b\nc\n\nm:0 1\n", 13, &db), 0);
	m = maildir_kw_get(&db, "m", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 1);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "c");
	maildir_kwdb_free(&db);
	CU_ASSERT_EQUAL(maildir_kw_parse_list("only\nnames\n", 11, &db), 0);
	CU_ASSERT_EQUAL(db.nmsgs, 0);
	maildir_kwdb_free(&db);
	CU_ASSERT_EQUAL(maildir_kw_parse_list("", 0, &db), 0);
	maildir_kwdb_free(&db);
	/* the duplicate class (as in courierimapuiddb and the POP3 sizelist):
	   a keyword listed twice (any case) is one keyword, a message listed
	   twice is one message (the later line wins), an index repeated in a
	   line counts once */
	t = "Work\nwork\nHome\nWORK\n\nm1:0 1 3 0\nm2:2\nm1:1 2\nm2:2 2 2\n";
	CU_ASSERT_EQUAL(maildir_kw_parse_list(t, strlen(t), &db), 0);
	CU_ASSERT_EQUAL(db.nnames, 2);
	CU_ASSERT_EQUAL(db.nmsgs, 2);
	m = maildir_kw_get(&db, "m1", 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "Work");
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[1]], "Home");
	m = maildir_kw_get(&db, "m2", 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 1);
	maildir_kwdb_free(&db);
}

static void test_set_read_roundtrip(void)
{
	char *root, *md = tmd_maildir("kw1", &root), *c;
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	const struct maildir_kw_msg *m;
	const char *k1[] = { "$Important", "work" };
	const char *k2[] = { "work" };
	const char *bad[] = { "bad kw" };

	tmd_write(md, "cur/100.a:2,S", "x", 1);
	tmd_write(md, "new/200.b", "x", 1);
	CU_ASSERT_EQUAL(maildir_kw_set(md, "100.a:2,S", 5, k1, 2), 0);
	CU_ASSERT_EQUAL(maildir_kw_set(md, "200.b", 5, k2, 1), 0);
	c = tmd_read(md, "courierimapkeywords/100.a");
	CU_ASSERT_STRING_EQUAL(c, "$Important\nwork\n");
	free(c);
	CU_ASSERT_EQUAL(maildir_kw_set(md, "200.b", 5, bad, 1), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(maildir_kw_set(md, "../x", 4, k2, 1), -1);
	CU_ASSERT_EQUAL(maildir_kw_read(md, &db), 0);
	m = maildir_kw_get(&db, "100.a", 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	m = maildir_kw_get(&db, "200.b", 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 1);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "work");
	c = tmd_read(md, "courierimapkeywords/:list");
	CU_ASSERT_STRING_EQUAL(c, "$Important\nwork\n\n100.a:0 1\n200.b:1\n");
	free(c);
	/* processed updates were renamed to .<T+1>.<base> */
	CU_ASSERT_EQUAL(tmd_count(md, "courierimapkeywords"), 3);
	{
		char name[128];
		snprintf(name, sizeof(name), "courierimapkeywords/.%lu.100.a",
			 (unsigned long)(time(NULL) / 300) + 1);
		c = tmd_read(md, name);
		CU_ASSERT_PTR_NOT_NULL(c);
		free(c);
	}
	/* clear one: the :list keeps the other */
	CU_ASSERT_EQUAL(maildir_kw_set(md, "100.a", 5, NULL, 0), 0);
	CU_ASSERT_EQUAL(maildir_kw_read(md, &db), 0);
	CU_ASSERT_PTR_NULL(maildir_kw_get(&db, "100.a", 5));
	c = tmd_read(md, "courierimapkeywords/:list");
	CU_ASSERT_STRING_EQUAL(c, "work\n\n200.b:0\n");
	free(c);
	/* the message goes away: its entry leaves :list */
	{
		char *p = tmd_path(md, "new/200.b");
		unlink(p);
		free(p);
	}
	CU_ASSERT_EQUAL(maildir_kw_set(md, "100.a", 5, k2, 1), 0);
	CU_ASSERT_EQUAL(maildir_kw_read(md, &db), 0);
	CU_ASSERT_PTR_NULL(maildir_kw_get(&db, "200.b", 5));
	CU_ASSERT_PTR_NOT_NULL(maildir_kw_get(&db, "100.a", 5));
	maildir_kwdb_free(&db);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_courier_dotted_updates(void)
{
	char *root, *md = tmd_maildir("kw2", &root), *p, name[128];
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	const struct maildir_kw_msg *m;
	unsigned long T = (unsigned long)(time(NULL) / 300);

	tmd_write(md, "cur/1.a:2,", "x", 1);
	p = tmd_path(md, "courierimapkeywords");
	mkdir(p, 0700);
	free(p);
	/* as Courier leaves them: an older and a newer timestamped update */
	snprintf(name, sizeof(name), "courierimapkeywords/.%lu.1.a", T - 3);
	tmd_write(md, name, "old\n", (size_t)-1);
	snprintf(name, sizeof(name), "courierimapkeywords/.%lu.1.a", T + 1);
	tmd_write(md, name, "new1\nnew2\n", (size_t)-1);
	tmd_write(md, "courierimapkeywords/.junk", "x", 1);
	tmd_write(md, "courierimapkeywords/:list", "garbage\n\n1.a:99\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_kw_read(md, &db), 0);
	m = maildir_kw_get(&db, "1.a", 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "new1");
	snprintf(name, sizeof(name), "courierimapkeywords/.%lu.1.a", T - 3);
	p = tmd_read(md, name);
	CU_ASSERT_PTR_NULL(p);
	free(p);
	maildir_kwdb_free(&db);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_keywords(void);
void suite_keywords(void)
{
	CU_pSuite s = cutest_suite("keywords");

	cutest_add(s, "valid", test_valid);
	cutest_add(s, "parse_list_hostile", test_parse_list_hostile);
	cutest_add(s, "set_read_roundtrip", test_set_read_roundtrip);
	cutest_add(s, "courier_dotted_updates", test_courier_dotted_updates);
}
