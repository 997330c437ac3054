/*
 * test_tools.c - maildirmake, deliverquota and maildirkw as programs:
 * command lines, exit codes, files they leave.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "maildir_keywords.h"
#include "testmd.h"

static char tooldir[PATH_MAX + 16];

/* <builddir>/maildir from /proc/self/exe = <builddir>/tests/unit/maildir/unit_maildir */
static const char *tools(void)
{
	char exe[PATH_MAX];
	ssize_t n;
	int i;

	if (tooldir[0] != '\0')
		return tooldir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	CU_ASSERT_FATAL(n > 0);
	exe[n] = '\0';
	for (i = 0; i < 4; i++) {
		char *d = dirname(exe);
		memmove(exe, d, strlen(d) + 1);
	}
	snprintf(tooldir, sizeof(tooldir), "%s/maildir", exe);
	return tooldir;
}

/* Run tool with args (NULL-terminated), stdin from input (may be NULL);
   returns the exit code; stderr goes to errout (may be NULL). */
static int run(const char *input, char *errout, size_t errmax, const char *tool, ...)
{
	const char *argv[16];
	char path[PATH_MAX + 32];
	va_list ap;
	int n = 0, in[2], er[2], st;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", tools(), tool);
	argv[n++] = path;
	va_start(ap, tool);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	CU_ASSERT_FATAL(pipe(in) == 0 && pipe(er) == 0);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(devnull, 1);
		dup2(er[1], 2);
		close(in[1]);
		close(er[0]);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(er[1]);
	if (input != NULL) {
		ssize_t w = write(in[1], input, strlen(input));

		/* A tool that refuses its arguments exits without reading its
		   input; on a loaded machine it can be gone before this write
		   (EPIPE, SIGPIPE is ignored).  Its exit status is what counts. */
		CU_ASSERT(w == (ssize_t)strlen(input) || (w < 0 && errno == EPIPE));
	}
	close(in[1]);
	{
		size_t got = 0;
		ssize_t r;
		char sink[256];
		while (errout != NULL && got + 1 < errmax &&
		       (r = read(er[0], errout + got, errmax - 1 - got)) > 0)
			got += (size_t)r;
		if (errout != NULL)
			errout[got] = '\0';
		while (read(er[0], sink, sizeof(sink)) > 0)
			;
	}
	close(er[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_maildirmake(void)
{
	char *root = cutest_tmpdir("tmk"), *md = tmd_path(root, "Maildir"), *c, *p;
	struct stat st;

	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", md, NULL), 0);
	CU_ASSERT_TRUE(maildir_is_maildir(md));
	CU_ASSERT_EQUAL(stat(md, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0700);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", md, NULL), 1);   /* exists */
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-f", "Sent", md, NULL), 0);
	CU_ASSERT_TRUE(maildir_folder_exists(md, "INBOX.Sent"));
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-f", ".Bad", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-f", "a/b", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-f", "A..B", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-s", "write", "-f", "Pub", md, NULL), 0);
	p = tmd_path(md, ".Pub");
	CU_ASSERT_EQUAL(stat(p, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 01777);
	free(p);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-s", "bogus", "-f", "X", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-q", "5000S,10C", md, NULL), 0);
	c = tmd_read(md, "maildirsize");
	CU_ASSERT_STRING_EQUAL(c, "5000S,10C\n           0            0\n");
	free(c);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-q", "garbage", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--add", "pub=/srv/shared", md, NULL), 0);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--add", "x=/srv/x", md, NULL), 0);
	c = tmd_read(md, "shared-maildirs");
	CU_ASSERT_STRING_EQUAL(c, "pub\t/srv/shared\nx\t/srv/x\n");
	free(c);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--del", "pub", md, NULL), 0);
	c = tmd_read(md, "shared-maildirs");
	CU_ASSERT_STRING_EQUAL(c, "x\t/srv/x\n");
	free(c);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "-z", md, NULL), 1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_maildirmake_convutf8(void)
{
	char *root, *md = tmd_maildir("tcu", &root), *p, *c;

	p = tmd_path(md, ".R&AOk-sum&AOk-");
	CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
	free(p);
	p = tmd_path(md, ".R&D");       /* already UTF-8 (not valid modified UTF-7) */
	CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
	free(p);
	tmd_write(md, "courierimapsubscribed", "INBOX\nINBOX.R&AOk-sum&AOk-\nINBOX.R&D\n", (size_t)-1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--checkutf8", md, NULL), 0);
	p = tmd_path(md, ".R&AOk-sum&AOk-");
	CU_ASSERT_EQUAL(access(p, F_OK), 0);    /* dry run */
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--convutf8", md, NULL), 0);
	CU_ASSERT_EQUAL(access(p, F_OK), -1);
	free(p);
	p = tmd_path(md, ".R\xc3\xa9sum\xc3\xa9");
	CU_ASSERT_EQUAL(access(p, F_OK), 0);
	free(p);
	p = tmd_path(md, ".R&D");
	CU_ASSERT_EQUAL(access(p, F_OK), 0);
	free(p);
	c = tmd_read(md, "courierimapsubscribed");
	CU_ASSERT_STRING_EQUAL(c, "INBOX\nINBOX.R\xc3\xa9sum\xc3\xa9\nINBOX.R&D\n");
	free(c);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirmake", "--convutf8", NULL), 1);
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_deliverquota(void)
{
	char *root = cutest_tmpdir("tdq"), *md = tmd_path(root, "a/b/Maildir"), err[512];

	CU_ASSERT_EQUAL(run("x\n", err, sizeof(err), "deliverquota", md, NULL), 75);
	CU_ASSERT_EQUAL(run("Subject: 1\n\n0123456789\n", err, sizeof(err), "deliverquota", "-c", md, "60S", NULL), 0);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 1);
	CU_ASSERT_EQUAL(run("Subject: 2\n\n0123456789\n", err, sizeof(err), "deliverquota", md, NULL), 0);
	CU_ASSERT_EQUAL(run("Subject: 3\n\n0123456789\n", err, sizeof(err), "deliverquota", md, NULL), 77);
	CU_ASSERT_STRING_EQUAL(err, "Mail quota exceeded.\n");
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 2);
	CU_ASSERT_EQUAL(tmd_count(md, "tmp"), 0);
	CU_ASSERT_EQUAL(run("x", err, sizeof(err), "deliverquota", NULL), 73);
	CU_ASSERT_EQUAL(run("x", err, sizeof(err), "deliverquota", md, "1S", "extra", NULL), 73);
	CU_ASSERT_EQUAL(run("x", err, sizeof(err), "deliverquota", md, "junk", NULL), 73);
	CU_ASSERT_EQUAL(run("x", err, sizeof(err), "deliverquota", "-w", "200", md, NULL), 73);
	/* -w: a warning goes into INBOX once */
	CU_ASSERT_EQUAL(run("x\n", err, sizeof(err), "deliverquota", "-w", "1", "-W", "/nonexistent", md, "1000S", NULL), 0);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 4);
	CU_ASSERT_EQUAL(run("x\n", err, sizeof(err), "deliverquota", "-w", "1", md, NULL), 0);
	CU_ASSERT_EQUAL(tmd_count(md, "new"), 5);
	{
		char *q = tmd_read(md, "quotawarn");
		CU_ASSERT_PTR_NOT_NULL(q);
		free(q);
	}
	free(md);
	cutest_rmtree(root);
	free(root);
}

static void test_maildirkw(void)
{
	char *root, *md = tmd_maildir("tkw", &root), out[512];
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	const struct maildir_kw_msg *m;

	tmd_write(md, "cur/1.a:2,S", "x", 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", md, "1.a:2,S", "one", "two", NULL), 0);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", "-a", md, "1.a", "three", "ONE", NULL), 0);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", "-r", md, "cur/1.a:2,S", "two", NULL), 0);
	CU_ASSERT_EQUAL(maildir_kw_read(md, &db), 0);
	m = maildir_kw_get(&db, "1.a", 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->n, 2);
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[0]], "one");
	CU_ASSERT_STRING_EQUAL(db.names[m->idx[1]], "three");
	maildir_kwdb_free(&db);
	CU_ASSERT_EQUAL(run(NULL, out, sizeof(out), "maildirkw", md, "1.a", "bad(kw", NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", "-a", "-r", md, "1.a", "x", NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", md, NULL), 1);
	CU_ASSERT_EQUAL(run(NULL, NULL, 0, "maildirkw", "-L", md, NULL), 0);
	free(md);
	cutest_rmtree(root);
	free(root);
}

void suite_tools(void);
void suite_tools(void)
{
	CU_pSuite s = cutest_suite("tools");

	cutest_add(s, "maildirmake", test_maildirmake);
	cutest_add(s, "maildirmake_convutf8", test_maildirmake_convutf8);
	cutest_add(s, "deliverquota", test_deliverquota);
	cutest_add(s, "maildirkw", test_maildirkw);
}
