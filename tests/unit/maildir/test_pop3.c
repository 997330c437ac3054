/*
 * test_pop3.c - RFC 1939 sizes, courierpop3dsizelist (hostile contents,
 * Courier's format), stable UIDLs, flags, deletion with quota.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_pop3.h"
#include "maildir_quota.h"
#include "testmd.h"

static uint64_t size_of(const char *root, const char *data, size_t n, int *u8)
{
	char *p = tmd_path(root, "sz");
	int fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
	uint64_t s = 0;

	CU_ASSERT_EQUAL(write(fd, data, n), (ssize_t)n);
	CU_ASSERT_EQUAL(maildir_pop3_size(fd, &s, u8), 0);
	close(fd);
	free(p);
	return s;
}

static void test_size(void)
{
	char *root = cutest_tmpdir("p3sz");
	int u8 = -1;

	CU_ASSERT_EQUAL(size_of(root, "a\nb\n", 4, &u8), 6);
	CU_ASSERT_EQUAL(u8, 0);
	CU_ASSERT_EQUAL(size_of(root, "a\nb", 3, &u8), 6);
	CU_ASSERT_EQUAL(size_of(root, "", 0, &u8), 0);
	CU_ASSERT_EQUAL(size_of(root, "S: \xc3\xa9\n\nbody\n", 12, &u8), 15);
	CU_ASSERT_EQUAL(u8, 1);
	CU_ASSERT_EQUAL(size_of(root, "S: x\n\n\xc3\xa9\n", 9, &u8), 12);
	CU_ASSERT_EQUAL(u8, 0);
	CU_ASSERT_EQUAL(size_of(root, "S: x\r\n\r\n\xc3\xa9\n", 11, &u8), 14);
	CU_ASSERT_EQUAL(u8, 0);
	cutest_rmtree(root);
	free(root);
}

static void test_uidl_strings(void)
{
	char out[MAILDIR_UIDL_MAX], longname[300];

	maildir_pop3_uidl(5, 1700000000, out);
	CU_ASSERT_STRING_EQUAL(out, "UID5-1700000000");
	maildir_pop3_uidl(5, 0, out);
	CU_ASSERT_STRING_EQUAL(out, "UID5");
	CU_ASSERT_EQUAL(maildir_pop3_uidl_legacy("12.a+b\"c' d:2,S", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "12.a+2Bb+22c+27+20d");
	memset(longname, 0x01, 250);
	longname[250] = '\0';
	CU_ASSERT_EQUAL(maildir_pop3_uidl_legacy(longname, out), -1);
}


/* The UIDL of box message i, in one of 4 rotating buffers. */
static const char *uidl_of(const struct maildir_pop3 *box, size_t i)
{
	static char bufs[4][MAILDIR_UIDL_MAX];
	static unsigned k;

	return maildir_pop3_msg_uidl(&box->m[i], bufs[k++ % 4]);
}

static void test_sizelist_parse(void)
{
	static const struct { const char *t; int ok; size_t n; } cases[] = {
		{ "/3 5 1700000000\n1.a:2,S 10 1:1700000000:0\n2.b 20 2:1700000000:1\n", 0, 2 },
		{ "/2 5 1700000000\n1.a 10 1:1700000000\n", 0, 1 },
		{ "/4 5 1\n", -1, 0 },
		{ "/3 5\n", -1, 0 },
		{ "/3 5 1", -1, 0 },                  /* no newline after the header */
		{ "3 5 1\n", -1, 0 },
		{ "", -1, 0 },
		{ "/3 5 1\nnospace\na 1\na x 1:1:0\na 1 0:1:0\na 1 1:1:0 junk\n.x 1 1:1:0\n", 0, 0 },
		{ "/3 5 1\na 99999999999999999999999 1:1:0\nb 1 2:3:1", 0, 1 },
		{ "/3 99999999999999999999 1\n", -1, 0 },
	};
	size_t i;

	for (i = 0; i < N_ELEMENTS(cases); i++) {
		struct maildir_sizelist sl = MAILDIR_SIZELIST_INIT;
		int r = maildir_sizelist_parse(cases[i].t, strlen(cases[i].t), &sl);
		if (r != cases[i].ok || (r == 0 && sl.n != cases[i].n))
			printf("case %zu: got %d/%zu, want %d/%zu\n", i, r, sl.n, cases[i].ok, cases[i].n);
		CU_ASSERT_EQUAL(r, cases[i].ok);
		if (r == 0)
			CU_ASSERT_EQUAL(sl.n, cases[i].n);
		maildir_sizelist_free(&sl);
	}
}

static void test_session(void)
{
	char *root, *md = tmd_maildir("p3s", &root), *c, *uidv_s, uidl1[MAILDIR_UIDL_MAX];
	struct maildir_pop3 box = MAILDIR_POP3_INIT;
	const char *err;
	struct maildir_quota_usage u;
	int fd;
	char buf[16];

	tmd_write(md, "new/300.c,S=4", "ccc\n", 4);
	tmd_write(md, "new/100.a", "a\nb\n", 4);
	tmd_write(md, "cur/200.b:2,S", "bb", 2);
	CU_ASSERT_EQUAL(maildir_quota_set(md, "1000S", &err), 0);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 3);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 0);
	CU_ASSERT_STRING_EQUAL(box.m[0].name, "100.a:2,");
	CU_ASSERT_EQUAL(box.m[0].size, 6);
	CU_ASSERT_EQUAL(box.m[1].size, 4);     /* "bb" + CRLF added */
	CU_ASSERT_EQUAL(box.m[2].size, 5);
	CU_ASSERT_EQUAL(box.total, 15);
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 0), "UID1-", 5), 0);
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 1), "UID2-", 5), 0);
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 2), "UID3-", 5), 0);
	strcpy(uidl1, uidl_of(&box, 0));
	uidv_s = strchr(uidl1, '-') + 1;
	c = tmd_read(md, "courierpop3dsizelist");
	{
		char want[512];
		snprintf(want, sizeof(want), "/3 4 %s\n100.a:2, 6 1:%s:0\n200.b:2,S 4 2:%s:0\n"
			 "300.c,S=4:2, 5 3:%s:0\n", uidv_s, uidv_s, uidv_s, uidv_s);
		CU_ASSERT_STRING_EQUAL(c, want);
	}
	free(c);
	fd = maildir_pop3_msg_open(&box, 0);
	CU_ASSERT(fd >= 0);
	CU_ASSERT_EQUAL(read(fd, buf, sizeof(buf)), 4);
	close(fd);
	CU_ASSERT_EQUAL(maildir_pop3_msg_seen(&box, 0), 0);
	CU_ASSERT_STRING_EQUAL(box.m[0].name, "100.a:2,S");
	CU_ASSERT_EQUAL(maildir_pop3_msg_open(&box, 99), -1);
	box.m[1].deleted = true;
	CU_ASSERT_EQUAL(maildir_pop3_commit(&box), 0);
	maildir_pop3_close(&box);
	CU_ASSERT_EQUAL(maildir_quota_read(md, &u), 1);
	CU_ASSERT_EQUAL(u.bytes, 8);
	CU_ASSERT_EQUAL(u.count, 2);
	/* a new message and a reopen: old UIDLs stay, the new one gets UID4 */
	tmd_write(md, "new/50.d", "d\n", 2);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 3);
	CU_ASSERT_STRING_EQUAL(box.m[0].name, "50.d:2,");
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 0), "UID4-", 5), 0);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 1), uidl1);
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 2), "UID3-", 5), 0);
	maildir_pop3_close(&box);
	/* a garbage sizelist: new UIDV, sizes recomputed */
	tmd_write(md, "courierpop3dsizelist", "\x00\xff junk", 7);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL(box.n, 3);
	CU_ASSERT_EQUAL(strncmp(uidl_of(&box, 0), "UID1-", 5), 0);
	maildir_pop3_close(&box);
	/* version 2 is upgraded, its UIDs kept */
	tmd_write(md, "courierpop3dsizelist", "/2 10 77\n50.d:2, 3 8:77\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 0), "UID8-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 1), "UID10-77");
	maildir_pop3_close(&box);
	c = tmd_read(md, "courierpop3dsizelist");
	CU_ASSERT_EQUAL(strncmp(c, "/3 12 77\n50.d:2, 3 8:77:0\n", 26), 0);
	free(c);
	free(md);
	cutest_rmtree(root);
	free(root);
}

/* A damaged sizelist: UIDs listed twice, and a header counter below UIDs in
   use.  No UIDL is served twice or handed out again; only the colliding
   entries change; the repaired file is written back. */
static void test_sizelist_repair(void)
{
	char *root, *md = tmd_maildir("p3r", &root), *c;
	struct maildir_pop3 box = MAILDIR_POP3_INIT;
	const char *err;

	tmd_write(md, "cur/100.a:2,", "a\n", 2);
	tmd_write(md, "cur/200.b:2,", "b\n", 2);
	tmd_write(md, "cur/300.c:2,", "c\n", 2);
	tmd_write(md, "cur/400.d:2,", "d\n", 2);
	/* b and c both claim UID 5, d claims 7; the counter says 3; UID 9 was a
	   message deleted since (its entry is still there); 6 has another UIDV */
	tmd_write(md, "courierpop3dsizelist",
		  "/3 3 77\n100.a:2, 3 1:77:0\n200.b:2, 3 5:77:0\n300.c:2, 3 5:77:0\n"
		  "400.d:2, 3 7:77:0\ngone:2, 3 9:77:0\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 4);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 0), "UID1-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 1), "UID5-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 2), "UID10-77");   /* past 9, not 3 */
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 3), "UID7-77");
	maildir_pop3_close(&box);
	c = tmd_read(md, "courierpop3dsizelist");
	CU_ASSERT_STRING_EQUAL(c, "/3 11 77\n100.a:2, 3 1:77:0\n200.b:2, 3 5:77:0\n"
			       "300.c:2, 3 10:77:0\n400.d:2, 3 7:77:0\n");
	free(c);
	/* the next message gets 11, and the repaired file stays as it is */
	tmd_write(md, "new/500.e", "e\n", 2);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 5);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 2), "UID10-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 4), "UID11-77");
	maildir_pop3_close(&box);
	/* the same UID with another UIDV is a different UIDL: kept */
	tmd_write(md, "courierpop3dsizelist",
		  "/3 20 77\n100.a:2, 3 5:66:0\n200.b:2, 3 5:77:0\n300.c:2, 3 6:77:0\n"
		  "400.d:2, 3 7:77:0\n500.e:2, 3 8:77:0\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 5);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 0), "UID5-66");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 1), "UID5-77");
	maildir_pop3_close(&box);
	/* every entry the same UID: the first keeps it, the rest in box order */
	tmd_write(md, "courierpop3dsizelist",
		  "/3 1 77\n100.a:2, 3 4:77:0\n200.b:2, 3 4:77:0\n300.c:2, 3 4:77:0\n"
		  "400.d:2, 3 4:77:0\n500.e:2, 3 4:77:0\n", (size_t)-1);
	CU_ASSERT_EQUAL(maildir_pop3_open(&box, md, &err), 0);
	CU_ASSERT_EQUAL_FATAL(box.n, 5);
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 0), "UID4-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 1), "UID5-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 2), "UID6-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 3), "UID7-77");
	CU_ASSERT_STRING_EQUAL(uidl_of(&box, 4), "UID8-77");
	maildir_pop3_close(&box);
	c = tmd_read(md, "courierpop3dsizelist");
	CU_ASSERT_EQUAL(strncmp(c, "/3 9 77\n", 8), 0);
	free(c);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_pop3(void);
void suite_pop3(void)
{
	CU_pSuite s = cutest_suite("pop3");

	cutest_add(s, "size", test_size);
	cutest_add(s, "uidl_strings", test_uidl_strings);
	cutest_add(s, "sizelist_parse", test_sizelist_parse);
	cutest_add(s, "session", test_session);
	cutest_add(s, "damaged sizelist: no UIDL twice or again", test_sizelist_repair);
}
