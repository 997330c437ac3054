/*
 * test_userdb.c - userdb records and source lines (hostile layouts),
 * makeuserdb (atomic build, refusals, directory form), the GDBM reader
 * (reopen after a rebuild) and the userdb editor.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adhelpers.h"
#include "buf.h"
#include "cutest.h"
#include "userdb_db.h"
#include "userdb_edit.h"
#include "userdb_make.h"
#include "userdb_rec.h"

static void test_get(void)
{
	static const char rec[] = "uid=5|gid=6|home=/h|homedir=/x|flag|mail=|empty|quota=1S|x=a=b";
	static const struct { const char *f, *want; } c[] = {
		{ "uid", "5" }, { "gid", "6" }, { "home", "/h" }, { "homedir", "/x" },
		{ "flag", "" }, { "mail", "" }, { "quota", "1S" }, { "x", "a=b" },
		{ "hom", NULL }, { "shell", NULL }, { "", NULL }, { "a", NULL },
	};

	for (size_t i = 0; i < N_ELEMENTS(c); i++) {
		char *v = userdb_get(rec, strlen(rec), c[i].f);

		if ((v == NULL) != (c[i].want == NULL) || (v != NULL && strcmp(v, c[i].want) != 0))
			printf("case %zu (%s): got %s, want %s\n", i, c[i].f, v ? v : "NULL",
			       c[i].want ? c[i].want : "NULL");
		CU_ASSERT((v == NULL) == (c[i].want == NULL));
		if (v != NULL && c[i].want != NULL)
			CU_ASSERT_STRING_EQUAL(v, c[i].want);
		free(v);
	}
	/* not NUL-terminated: the length is authoritative */
	{
		char *v = userdb_get("uid=5|gid=7", 5, "gid");

		CU_ASSERT_PTR_NULL(v);
		v = userdb_get("||||", 4, "uid");
		CU_ASSERT_PTR_NULL(v);
		v = userdb_get("", 0, "uid");
		CU_ASSERT_PTR_NULL(v);
	}
}

static void test_split(void)
{
	char *n = NULL, *m = NULL, *s = NULL;
	const char *e = NULL;

	CU_ASSERT_EQUAL(userdb_split_line("joe\tuid=1|gid=2|home=/h|systempw=x|imappw=y|hmac-md5pw=z|mail=/m",
					  "sub/", &n, &m, &s, &e), 1);
	CU_ASSERT_STRING_EQUAL(n, "joe");
	CU_ASSERT_STRING_EQUAL(m, "uid=1|gid=2|home=/h|mail=/m|_=sub/");
	CU_ASSERT_STRING_EQUAL(s, "systempw=x|imappw=y|hmac-md5pw=z");
	free(n); free(m); free(s);
	CU_ASSERT_EQUAL(userdb_split_line("joe\tuid=1||gid=2|", NULL, &n, &m, &s, &e), 1);
	CU_ASSERT_STRING_EQUAL(m, "uid=1|gid=2");
	CU_ASSERT_STRING_EQUAL(s, "");
	free(n); free(m); free(s);
	CU_ASSERT_EQUAL(userdb_split_line("1000=\tjoe", NULL, &n, &m, &s, &e), 1);
	CU_ASSERT_STRING_EQUAL(n, "1000=");
	CU_ASSERT_STRING_EQUAL(m, "joe");
	free(n); free(m); free(s);
	CU_ASSERT_EQUAL(userdb_split_line("lonely", NULL, &n, &m, &s, &e), 1);
	CU_ASSERT_STRING_EQUAL(m, "1");
	free(n); free(m); free(s);
	CU_ASSERT_EQUAL(userdb_split_line("", NULL, &n, &m, &s, &e), 0);
	CU_ASSERT_EQUAL(userdb_split_line("# comment\tx", NULL, &n, &m, &s, &e), 0);
	CU_ASSERT_EQUAL(userdb_split_line("\tuid=1", NULL, &n, &m, &s, &e), -1);
	CU_ASSERT_EQUAL(userdb_split_line("joe\tuid=1\tgid=2", NULL, &n, &m, &s, &e), -1);
	CU_ASSERT_EQUAL(userdb_split_line("joe\tuid=1\r", NULL, &n, &m, &s, &e), -1);
	CU_ASSERT_EQUAL(userdb_split_line("jo\x1b" "e\tuid=1", NULL, &n, &m, &s, &e), -1);
	CU_ASSERT_TRUE(userdb_field_is_secret("systempw", 8));
	CU_ASSERT_TRUE(userdb_field_is_secret("imap-hmac-md5pw", 15));
	CU_ASSERT_FALSE(userdb_field_is_secret("pw", 1));
	CU_ASSERT_FALSE(userdb_field_is_secret("home", 4));
}

static void test_rec_set(void)
{
	char *r = userdb_rec_set("uid=1|gid=2|systempw=a", "systempw", "b");

	CU_ASSERT_STRING_EQUAL(r, "uid=1|gid=2|systempw=b");
	free(r);
	r = userdb_rec_set("uid=1|gid=2", "mail", "/m");
	CU_ASSERT_STRING_EQUAL(r, "uid=1|gid=2|mail=/m");
	free(r);
	r = userdb_rec_set("uid=1|mail=/m|gid=2|mail=/n", "mail", NULL);
	CU_ASSERT_STRING_EQUAL(r, "uid=1|gid=2");
	free(r);
	r = userdb_rec_set("", "uid", "7");
	CU_ASSERT_STRING_EQUAL(r, "uid=7");
	free(r);
	r = userdb_rec_set("flag|uid=1", "flag", NULL);
	CU_ASSERT_STRING_EQUAL(r, "uid=1");
	free(r);
}

static void test_make_and_fetch(void)
{
	char *dir = cutest_tmpdir("userdb"), *src = path_join(dir, "userdb");
	char *dat = path_join(dir, "userdb.dat"), *sdat = path_join(dir, "userdbshadow.dat");
	struct buf err = BUF_INIT(1024);
	struct stat st;
	char *v = NULL;

	write_file(src, "# test\n\njoe\tuid=1|gid=2|home=/h|systempw=secret\nann\tuid=3|gid=4|home=/a\n", 0600);
	setenv("USERDB", src, 1);
	CU_ASSERT_EQUAL_FATAL(userdb_make(src, &err), 0);
	CU_ASSERT_EQUAL(stat(dat, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0644);
	CU_ASSERT_EQUAL(stat(sdat, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(userdb_db_fetch("joe", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "uid=1|gid=2|home=/h|_=");
	free(v);
	CU_ASSERT_EQUAL(userdb_db_fetch_shadow("joe", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "systempw=secret");
	free(v);
	CU_ASSERT_EQUAL(userdb_db_fetch_shadow("ann", &v), 0);
	CU_ASSERT_EQUAL(userdb_db_fetch("nobody", &v), 0);
	CU_ASSERT_EQUAL(userdb_db_fetch("jo", &v), 0);
	/* a rebuild is seen at once by the open reader */
	write_file(src, "joe\tuid=9|gid=2|home=/h\n", 0600);
	CU_ASSERT_EQUAL_FATAL(userdb_make(src, &err), 0);
	CU_ASSERT_EQUAL(userdb_db_fetch("joe", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "uid=9|gid=2|home=/h|_=");
	free(v);
	CU_ASSERT_EQUAL(userdb_db_fetch("ann", &v), 0);
	/* duplicates fail the build and keep the old database */
	write_file(src, "joe\tuid=1|gid=2|home=/h\njoe\tuid=5|gid=2|home=/x\n", 0600);
	CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
	CU_ASSERT(strstr(buf_cstr(&err), "duplicate") != NULL);
	CU_ASSERT_EQUAL(userdb_db_fetch("joe", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "uid=9|gid=2|home=/h|_=");
	free(v);
	/* group/world-readable source is refused */
	buf_reset(&err);
	write_file(src, "joe\tuid=1|gid=2|home=/h\n", 0644);
	CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
	/* a malformed line names file and line */
	buf_reset(&err);
	write_file(src, "joe\tuid=1|gid=2|home=/h\n\tuid=1\n", 0600);
	CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
	CU_ASSERT(strstr(buf_cstr(&err), ":2:") != NULL);
	/* a NUL byte in the source names file and line */
	buf_reset(&err);
	{
		FILE *fp = fopen(src, "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		CU_ASSERT_EQUAL(fwrite("joe\tuid=1|gid=2|home=/h\nann\tuid=1\0|gid=2\n", 1, 41, fp), 41);
		fclose(fp);
		CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
		CU_ASSERT(strstr(buf_cstr(&err), ":2: NUL") != NULL);
	}
	/* a symlink is refused */
	buf_reset(&err);
	{
		char *lnk = path_join(dir, "link");

		CU_ASSERT_EQUAL(symlink(src, lnk), 0);
		CU_ASSERT_EQUAL(userdb_make(lnk, &err), -1);
		free(lnk);
	}
	/* no database at all: -1 (temporary failure for the module) */
	setenv("USERDB", "/nonexistent/userdb", 1);
	CU_ASSERT_EQUAL(userdb_db_fetch("joe", &v), -1);
	userdb_db_close();
	unsetenv("USERDB");
	buf_free(&err);
	cutest_rmtree(dir);
	free(dir); free(src); free(dat); free(sdat);
}

static void test_make_dir_and_long_line(void)
{
	char *dir = cutest_tmpdir("userdbdir"), *src = path_join(dir, "userdb");
	char *sub, *f1, *f2, *v = NULL;
	struct buf err = BUF_INIT(1024), big = BUF_INIT(USERDB_LINE_MAX * 2);

	CU_ASSERT_EQUAL(mkdir(src, 0700), 0);
	sub = path_join(src, "sub");
	CU_ASSERT_EQUAL(mkdir(sub, 0700), 0);
	f1 = path_join(src, "example.com");
	f2 = path_join(sub, "other.org");
	write_file(f1, "joe@example.com\tuid=1|gid=2|home=/h\n", 0600);
	write_file(f2, "ann@other.org\tuid=3|gid=4|home=/a|systempw=x\n", 0600);
	{
		char *hidden = path_join(src, ".hidden");

		write_file(hidden, "evil\tuid=0|gid=0|home=/\n", 0600);
		free(hidden);
	}
	setenv("USERDB", src, 1);
	CU_ASSERT_EQUAL_FATAL(userdb_make(src, &err), 0);
	CU_ASSERT_EQUAL(userdb_db_fetch("joe@example.com", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "uid=1|gid=2|home=/h|_=example.com/");
	free(v);
	CU_ASSERT_EQUAL(userdb_db_fetch("ann@other.org", &v), 1);
	CU_ASSERT_STRING_EQUAL(v, "uid=3|gid=4|home=/a|_=sub/other.org/");
	free(v);
	CU_ASSERT_EQUAL(userdb_db_fetch("evil", &v), 0);
	/* duplicates across files fail */
	write_file(f2, "joe@example.com\tuid=3|gid=4|home=/a\n", 0600);
	CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
	/* a line just over the limit fails, at the limit works */
	CU_ASSERT_EQUAL(buf_append_str(&big, "long\tuid=1|gid=1|home=/"), 0);
	while (big.len < USERDB_LINE_MAX)
		CU_ASSERT_EQUAL(buf_putc(&big, 'h'), 0);
	write_file(f2, big.data, 0600);
	buf_reset(&err);
	CU_ASSERT_EQUAL(userdb_make(src, &err), 0);
	CU_ASSERT_EQUAL(buf_putc(&big, 'h'), 0);
	CU_ASSERT_EQUAL(buf_append_str(&big, "\n"), 0);
	write_file(f2, big.data, 0600);
	CU_ASSERT_EQUAL(userdb_make(src, &err), -1);
	userdb_db_close();
	unsetenv("USERDB");
	buf_free(&err);
	buf_free(&big);
	cutest_rmtree(dir);
	free(dir); free(src); free(sub); free(f1); free(f2);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	static char b[8192];
	size_t n;

	if (fp == NULL)
		return strdup("");
	n = fread(b, 1, sizeof(b) - 1, fp);
	b[n] = '\0';
	fclose(fp);
	return strdup(b);
}

static void test_edit(void)
{
	char *dir = cutest_tmpdir("userdbedit"), *src = path_join(dir, "userdb");
	struct buf err = BUF_INIT(1024);
	char *set1[] = { "uid=1", "gid=2", "home=/h" };
	char *set2[] = { "systempw=abc", "mail=/m" };
	char *unset1[] = { "mail" };
	char *badv[] = { "mail=a|b" };
	char *bad2[] = { "=x" };
	char *file = NULL, *name = NULL, *t;
	struct stat st;

	CU_ASSERT_EQUAL(userdb_edit(src, "joe", USERDB_SET, set1, 3, &err), 0);
	CU_ASSERT_EQUAL(stat(src, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(userdb_edit(src, "ann", USERDB_SET, set1, 3, &err), 0);
	CU_ASSERT_EQUAL(userdb_edit(src, "joe", USERDB_SET, set2, 2, &err), 0);
	t = slurp(src);
	CU_ASSERT_STRING_EQUAL(t, "joe\tuid=1|gid=2|home=/h|systempw=abc|mail=/m\nann\tuid=1|gid=2|home=/h\n");
	free(t);
	CU_ASSERT_EQUAL(userdb_edit(src, "joe", USERDB_UNSET, unset1, 1, &err), 0);
	CU_ASSERT_EQUAL(userdb_edit(src, "ann", USERDB_DEL, NULL, 0, &err), 0);
	t = slurp(src);
	CU_ASSERT_STRING_EQUAL(t, "joe\tuid=1|gid=2|home=/h|systempw=abc\n");
	free(t);
	CU_ASSERT_EQUAL(userdb_edit(src, "ann", USERDB_DEL, NULL, 0, &err), -1);
	CU_ASSERT_EQUAL(userdb_edit(src, "joe", USERDB_SET, badv, 1, &err), -1);
	CU_ASSERT_EQUAL(userdb_edit(src, "joe", USERDB_SET, bad2, 1, &err), -1);
	CU_ASSERT_EQUAL(userdb_edit(src, "jo\te", USERDB_SET, set1, 1, &err), -1);
	CU_ASSERT_EQUAL(userdb_edit(src, "", USERDB_SET, set1, 1, &err), -1);
	/* show */
	{
		char *out = path_join(dir, "show");
		FILE *fp = fopen(out, "w");

		CU_ASSERT_EQUAL(userdb_show(src, NULL, fp, &err), 0);
		CU_ASSERT_EQUAL(userdb_show(src, "joe", fp, &err), 0);
		CU_ASSERT_EQUAL(userdb_show(src, "nobody", fp, &err), -1);
		fclose(fp);
		t = slurp(out);
		CU_ASSERT_STRING_EQUAL(t, "joe\nuid=1\ngid=2\nhome=/h\nsystempw=abc\n");
		free(t);
		free(out);
	}
	/* targets */
	CU_ASSERT_EQUAL(userdb_edit_target(src, "joe", &file, &name, &err), 0);
	CU_ASSERT_STRING_EQUAL(file, src);
	CU_ASSERT_STRING_EQUAL(name, "joe");
	free(file); free(name);
	CU_ASSERT_EQUAL(userdb_edit_target(src, "sub/joe", &file, &name, &err), -1);
	unlink(src);
	CU_ASSERT_EQUAL(mkdir(src, 0700), 0);
	CU_ASSERT_EQUAL(userdb_edit_target(src, "example.com/joe@example.com", &file, &name, &err), 0);
	CU_ASSERT(strstr(file, "/userdb/example.com") != NULL);
	CU_ASSERT_STRING_EQUAL(name, "joe@example.com");
	free(file); free(name);
	CU_ASSERT_EQUAL(userdb_edit_target(src, "../etc/joe", &file, &name, &err), -1);
	CU_ASSERT_EQUAL(userdb_edit_target(src, "ann@other.org", &file, &name, &err), 0);
	CU_ASSERT(strstr(file, "/userdb/other.org") != NULL);
	free(file); free(name);
	buf_free(&err);
	cutest_rmtree(dir);
	free(dir); free(src);
}

void suite_userdb(void);
void suite_userdb(void)
{
	CU_pSuite s = cutest_suite("userdb");

	cutest_add(s, "record fields", test_get);
	cutest_add(s, "source lines", test_split);
	cutest_add(s, "record editing", test_rec_set);
	cutest_add(s, "makeuserdb and lookups", test_make_and_fetch);
	cutest_add(s, "directory form and line limit", test_make_dir_and_long_line);
	cutest_add(s, "userdb set/unset/del/show", test_edit);
}
