/*
 * test_imap_view.c - imapd/imap_view.c on a real Maildir: sequence numbers
 * and UIDs, set resolution with "*" and bad numbers, flag lists, the
 * untagged lines after changes by "another process" (files renamed, removed
 * and delivered behind the view's back), deferred EXPUNGE while a command
 * forbids it, \Recent, this session's own STORE/EXPUNGE/MOVE.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "imap_seqset.h"
#include "imap_view.h"
#include "maildir_folder.h"
#include "maildir_name.h"

static char *dir;

static void put(const char *sub, const char *name)
{
	char p[4096];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s/%s", dir, sub, name);
	f = fopen(p, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("Subject: x\n\nbody\n", f);
	fclose(f);
}

static void mv(const char *from, const char *to)
{
	char a[4096], b[4096];

	snprintf(a, sizeof(a), "%s/cur/%s", dir, from);
	snprintf(b, sizeof(b), "%s/cur/%s", dir, to);
	CU_ASSERT_EQUAL(rename(a, b), 0);
}

static void rm(const char *name)
{
	char a[4096];

	snprintf(a, sizeof(a), "%s/cur/%s", dir, name);
	CU_ASSERT_EQUAL(unlink(a), 0);
}

/* imap_view_update's lines; the directories' mtimes are pushed back so the
   view's change test cannot miss a change in the same clock tick. */
static const char *update(struct imap_view *v, unsigned mode)
{
	static struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);

	buf_reset(&out);
	CU_ASSERT_EQUAL(imap_view_update(v, mode, true, &out), 0);
	if (getenv("TEST_VERBOSE") != NULL)
		fprintf(stderr, "update: [%s]\n", buf_cstr(&out));
	return buf_cstr(&out);
}

static const char *flags_of(struct imap_view *v, uint32_t seq)
{
	static struct buf out = BUF_INIT(1024);

	buf_reset(&out);
	CU_ASSERT_EQUAL(imap_view_flags_fmt(v, seq - 1, &out), 0);
	return buf_cstr(&out);
}

static int resolve(struct imap_view *v, const char *s, bool uid, char *got, size_t n)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	size_t k = 0;
	int r;

	CU_ASSERT_EQUAL_FATAL(imap_seqset_parse(s, strlen(s), &set, NULL), 0);
	r = imap_view_resolve(v, &set, uid, &idx);
	got[0] = '\0';
	for (size_t i = 0; i < idx.n && k + 12 < n; i++)
		k += (size_t)snprintf(got + k, n - k, "%s%zu", i ? " " : "", idx.v[i]);
	imap_seqset_free(&set);
	imap_idxset_free(&idx);
	return r;
}

static void setup(void)
{
	dir = cutest_tmpdir("imap_view");
	CU_ASSERT_EQUAL_FATAL(maildir_create(dir, 0700), 0);
	put("cur", "1700000001.M1P1.h:2,S");
	put("cur", "1700000002.M1P1.h:2,");
	put("new", "1700000003.M1P1.h");
}

static void test_basics(void)
{
	struct imap_view *v;
	char got[256];

	setup();
	v = imap_view_open(dir, "INBOX", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(imap_view_count(v), 3);
	/* recent: moved from new/, or first given a UID, by this view */
	CU_ASSERT_EQUAL(imap_view_recent_count(v), 3);
	CU_ASSERT_EQUAL(imap_view_msg(v, 1)->uid, 1);
	CU_ASSERT_EQUAL(imap_view_msg(v, 3)->uid, 3);
	CU_ASSERT_PTR_NULL(imap_view_msg(v, 0));
	CU_ASSERT_PTR_NULL(imap_view_msg(v, 4));
	CU_ASSERT_EQUAL(imap_view_seq_of_uid(v, 2), 2);
	CU_ASSERT_EQUAL(imap_view_seq_of_uid(v, 9), 0);
	CU_ASSERT_STRING_EQUAL(flags_of(v, 1), "(\\Seen \\Recent)");
	CU_ASSERT_STRING_EQUAL(flags_of(v, 2), "(\\Recent)");
	CU_ASSERT_STRING_EQUAL(flags_of(v, 3), "(\\Recent)");
	/* sets */
	CU_ASSERT_EQUAL(resolve(v, "3,1:2,2", false, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "0 1 2");
	CU_ASSERT_EQUAL(resolve(v, "*", false, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "2");
	CU_ASSERT_EQUAL(resolve(v, "*:2", false, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "1 2");
	CU_ASSERT_EQUAL(resolve(v, "4", false, got, sizeof(got)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(resolve(v, "1:4294967295", false, got, sizeof(got)), -1);
	CU_ASSERT_EQUAL(resolve(v, "2:4294967295", true, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "1 2");
	CU_ASSERT_EQUAL(resolve(v, "7:*", true, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "2");	/* "n:*" holds the highest UID */
	CU_ASSERT_EQUAL(resolve(v, "5,6", true, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "");
	/* the file opens, and again after a rename behind the view's back */
	{
		int fd = imap_view_open_file(v, 1);

		CU_ASSERT(fd >= 0);
		if (fd >= 0)
			close(fd);
		mv("1700000002.M1P1.h:2,", "1700000002.M1P1.h:2,F");
		fd = imap_view_open_file(v, 1);
		CU_ASSERT(fd >= 0);
		if (fd >= 0)
			close(fd);
	}
	/* the rename is a flag change the client is told about */
	CU_ASSERT_STRING_EQUAL(update(v, IMAP_VIEW_UPD_EXPUNGE), "* 2 FETCH (FLAGS (\\Flagged \\Recent))\r\n");
	CU_ASSERT_STRING_EQUAL(update(v, IMAP_VIEW_UPD_EXPUNGE), "");
	imap_view_free(&v);
	CU_ASSERT_PTR_NULL(v);
	cutest_rmtree(dir);
	free(dir);
}

static void test_deferred(void)
{
	struct imap_view *v, *w;
	struct imap_idxset all = IMAP_IDXSET_INIT;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	char got[256];
	bool changed;

	setup();
	v = imap_view_open(dir, "INBOX", 0);
	w = imap_view_open(dir, "INBOX", 0);	/* a second session */
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(imap_view_recent_count(w), 0);	/* v moved it */
	/* another process expunges message 1 and delivers one */
	rm("1700000001.M1P1.h:2,S");
	put("new", "1700000004.M1P1.h");
	/* during FETCH/STORE/SEARCH: EXISTS yes, EXPUNGE no, numbers stay */
	CU_ASSERT_STRING_EQUAL(update(v, 0), "* 4 EXISTS\r\n* 3 RECENT\r\n");
	CU_ASSERT_EQUAL(imap_view_count(v), 4);
	CU_ASSERT_TRUE(imap_view_msg(v, 1)->gone);
	CU_ASSERT_EQUAL(imap_view_open_file(v, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_EQUAL(imap_view_store(v, 0, 1, 0x10u, NULL, 0, &changed), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_EQUAL(resolve(v, "1:*", false, got, sizeof(got)), 0);
	CU_ASSERT_STRING_EQUAL(got, "0 1 2 3");
	CU_ASSERT_STRING_EQUAL(update(v, 0), "");
	/* then a command that allows it */
	CU_ASSERT_STRING_EQUAL(update(v, IMAP_VIEW_UPD_EXPUNGE), "* 1 EXPUNGE\r\n");
	CU_ASSERT_EQUAL(imap_view_count(v), 3);
	CU_ASSERT_EQUAL(imap_view_msg(v, 1)->uid, 2);
	/* the other session: everything at once, EXPUNGE first */
	CU_ASSERT_STRING_EQUAL(update(w, IMAP_VIEW_UPD_EXPUNGE),
			       "* 1 EXPUNGE\r\n* 3 EXISTS\r\n* 0 RECENT\r\n");
	/* v stores; w sees the flags, v does not hear its own change again */
	CU_ASSERT_EQUAL(imap_view_store(v, 0, 1, MAILDIR_F_TRASHED, NULL, 0, &changed), 0);
	CU_ASSERT_TRUE(changed);
	CU_ASSERT_EQUAL(imap_view_store(v, 0, 1, MAILDIR_F_TRASHED, NULL, 0, &changed), 0);
	CU_ASSERT_FALSE(changed);
	CU_ASSERT_STRING_EQUAL(update(v, IMAP_VIEW_UPD_EXPUNGE), "");
	CU_ASSERT_STRING_EQUAL(update(w, IMAP_VIEW_UPD_EXPUNGE), "* 1 FETCH (FLAGS (\\Deleted))\r\n");
	/* v expunges what has \Deleted */
	CU_ASSERT_EQUAL(imap_view_expunge(v, NULL, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "* 1 EXPUNGE\r\n");
	CU_ASSERT_EQUAL(imap_view_count(v), 2);
	CU_ASSERT_STRING_EQUAL(update(w, 0), "");
	CU_ASSERT_STRING_EQUAL(update(w, IMAP_VIEW_UPD_EXPUNGE), "* 1 EXPUNGE\r\n");
	CU_ASSERT_EQUAL(imap_view_count(w), 2);
	/* MOVE to a folder: COPYUID map and EXPUNGE lines */
	{
		char fdir[4096];
		struct imap_view_copyuid map = { ARRAY_INIT, ARRAY_INIT, 0 };

		snprintf(fdir, sizeof(fdir), "%s/.F", dir);
		CU_ASSERT_EQUAL_FATAL(maildir_create(fdir, 0700), 0);
		CU_ASSERT_EQUAL(resolve(v, "1:*", false, got, sizeof(got)), 0);
		all.v = calloc(2, sizeof(*all.v));
		all.v[0] = 0;
		all.v[1] = 1;
		all.n = all.cap = 2;
		buf_reset(&out);
		CU_ASSERT_EQUAL(imap_view_copy(v, &all, fdir, true, &map, &out), 0);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "* 2 EXPUNGE\r\n* 1 EXPUNGE\r\n");
		CU_ASSERT_EQUAL(map.src.n, 2);
		CU_ASSERT_EQUAL(map.dst.n, 2);
		if (map.dst.n == 2) {
			CU_ASSERT_EQUAL(map.dst.v[0], 1);
			CU_ASSERT_EQUAL(map.dst.v[1], 2);
		}
		CU_ASSERT_EQUAL(imap_view_count(v), 0);
		imap_view_copyuid_free(&map);
	}
	CU_ASSERT_STRING_EQUAL(update(w, IMAP_VIEW_UPD_EXPUNGE), "* 2 EXPUNGE\r\n* 1 EXPUNGE\r\n");
	imap_idxset_free(&all);
	buf_free(&out);
	imap_view_free(&v);
	imap_view_free(&w);
	cutest_rmtree(dir);
	free(dir);
}

static void test_readonly(void)
{
	struct imap_view *v;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);

	setup();
	v = imap_view_open(dir, "INBOX", IMAP_VIEW_READONLY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_TRUE(imap_view_msg(v, 3)->in_new);
	CU_ASSERT_EQUAL(imap_view_store(v, 0, 1, MAILDIR_F_SEEN, NULL, 0, NULL), -1);
	CU_ASSERT_EQUAL(errno, EROFS);
	CU_ASSERT_EQUAL(imap_view_expunge(v, NULL, &out), -1);
	CU_ASSERT_EQUAL(errno, EROFS);
	CU_ASSERT_EQUAL(imap_view_flags_lines(v, true, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out),
			       "* FLAGS (\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)\r\n"
			       "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n");
	buf_free(&out);
	imap_view_free(&v);
	cutest_rmtree(dir);
	free(dir);
}

void suite_imap_view(void);
void suite_imap_view(void)
{
	CU_pSuite s = cutest_suite("imap_view");

	cutest_add(s, "basics", test_basics);
	cutest_add(s, "deferred", test_deferred);
	cutest_add(s, "readonly", test_readonly);
}
