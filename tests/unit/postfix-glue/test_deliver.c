/*
 * test_deliver.c - real deliveries into temporary Maildirs: trace headers
 * and body byte for byte, recipient_delimiter folders, a missing Maildir,
 * quota, mailbox_size_limit, unusable accounts.  As root the delivery runs
 * in a child as uid 65534 (fork + privdrop); otherwise in-process.
 *
 * Tests:   postfix-glue/lmtp_deliver.c
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "lmtp_config.h"
#include "lmtp_deliver.h"
#include "lmtp_rcpt.h"
#include "pfhelpers.h"
#include "xmalloc.h"

#define TEST_UID_ROOT 65534

static uid_t test_uid(void)
{
	return getuid() == 0 ? TEST_UID_ROOT : getuid();
}

static void mkdirs(const char *base, const char *const *sub)
{
	char p[4096];

	for (size_t i = 0; sub[i] != NULL; i++) {
		snprintf(p, sizeof(p), "%s/%s", base, sub[i]);
		CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
		if (getuid() == 0)
			CU_ASSERT_EQUAL(chown(p, TEST_UID_ROOT, TEST_UID_ROOT), 0);
	}
}

/* The only file in dir (NULL when there is none or more than one). */
static char *only_file(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;
	int n = 0;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n++;
		free(found);
		found = xstrdup(de->d_name);
	}
	closedir(d);
	if (n != 1) {
		free(found);
		return NULL;
	}
	return found;
}

static char *slurp(const char *dir, const char *name)
{
	char p[8192], *data = xcalloc(1, 65536);
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, data, 65535);

		(void)n;
		close(fd);
	}
	return data;
}

struct fixture {
	char *dir;
	struct lmtpd_config cfg;
	struct lmtp_target t;
	struct lmtp_msg m;
	FILE *spool;
};

static void fixture_init(struct fixture *f, const char *body, const char *cfgtext)
{
	static const char *const dirs[] = { "home", "home/Maildir", "home/Maildir/tmp",
		"home/Maildir/new", "home/Maildir/cur", "home/Maildir/.Work",
		"home/Maildir/.Work/tmp", "home/Maildir/.Work/new", "home/Maildir/.Work/cur", NULL };
	char p[4096];

	memset(f, 0, sizeof(*f));
	f->dir = cutest_tmpdir("deliver");
	chmod(f->dir, 0755);
	mkdirs(f->dir, dirs);
	snprintf(p, sizeof(p), "%s/home/Maildir/.Work/maildirfolder", f->dir);
	close(open(p, O_CREAT | O_WRONLY, 0600));
	pf_config(&f->cfg, cfgtext);
	auth_info_init(&f->t.ai);
	f->t.ai.have_uid = true;
	f->t.ai.uid = test_uid();
	f->t.ai.gid = getuid() == 0 ? TEST_UID_ROOT : getgid();
	snprintf(p, sizeof(p), "%s/home", f->dir);
	f->t.ai.home = xstrdup(p);
	f->t.address = xstrdup("alice@example.org");
	f->spool = tmpfile();
	fputs(body, f->spool);
	fflush(f->spool);
	f->m.spool_fd = fileno(f->spool);
	f->m.spool_size = strlen(body);
	f->m.return_path = "sender@example.net";
	f->m.received = "Received: from client ([127.0.0.1])\n\tby mx (Stafeta) with LMTP id 1\n";
	f->m.date = "Sat, 28 Nov 2026 09:33:48 +0000";
}

static void fixture_free(struct fixture *f)
{
	lmtp_deliver_helpers_close();
	fclose(f->spool);
	auth_info_free(&f->t.ai);
	free(f->t.address);
	free(f->t.detail);
	lmtp_config_free(&f->cfg);
	cutest_rmtree(f->dir);
	free(f->dir);
}

static const char *const want_headers =
	"Return-Path: <sender@example.net>\nDelivered-To: alice@example.org\n"
	"Received: from client ([127.0.0.1])\n\tby mx (Stafeta) with LMTP id 1\n"
	"\tfor <alice+x@example.org>; Sat, 28 Nov 2026 09:33:48 +0000\n";

static void test_deliver_inbox_and_folder(void)
{
	struct fixture f;
	struct lmtp_deliv_result r;
	char p[4096], want[4096], *name, *data;

	fixture_init(&f, "Subject: hi\n\nbody\n", NULL);
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice+x@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OK);
	snprintf(p, sizeof(p), "%s/home/Maildir/new", f.dir);
	name = only_file(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(name);
	data = slurp(p, name);
	snprintf(want, sizeof(want), "%sSubject: hi\n\nbody\n", want_headers);
	CU_ASSERT_STRING_EQUAL(data, want);
	snprintf(want, sizeof(want), ",S=%zu", strlen(want));
	CU_ASSERT_PTR_NOT_NULL(strstr(name, want));
	free(name);
	free(data);

	/* detail "Work" -> INBOX.Work; detail "Nope" -> INBOX (a second file) */
	f.t.detail = xstrdup("Work");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice+x@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OK);
	snprintf(p, sizeof(p), "%s/home/Maildir/.Work/new", f.dir);
	name = only_file(p);
	CU_ASSERT_PTR_NOT_NULL(name);
	free(name);
	free(f.t.detail);
	f.t.detail = xstrdup("../../etc");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice+x@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OK);
	snprintf(p, sizeof(p), "%s/home/Maildir/new", f.dir);
	CU_ASSERT_PTR_NULL(only_file(p));   /* two files now */
	fixture_free(&f);
}

static void test_deliver_creates_maildir(void)
{
	struct fixture f;
	struct lmtp_deliv_result r;
	char p[4096], *name;

	fixture_init(&f, "x\n", "home_mailbox = Mail/box/\n");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OK);
	snprintf(p, sizeof(p), "%s/home/Mail/box/new", f.dir);
	name = only_file(p);
	CU_ASSERT_PTR_NOT_NULL(name);
	free(name);
	fixture_free(&f);
}

static void test_deliver_quota_and_size(void)
{
	struct fixture f;
	struct lmtp_deliv_result r;
	char p[4096], body[3000];

	memset(body, 'b', sizeof(body) - 2);
	body[sizeof(body) - 2] = '\n';
	body[sizeof(body) - 1] = '\0';
	fixture_init(&f, body, "mailbox_size_limit = 2000\n");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_PERMFAIL);
	lmtp_config_free(&f.cfg);
	pf_config(&f.cfg, NULL);
	/* QUOTA from authdaemond: 1000 bytes */
	f.t.ai.quota = xstrdup("1000S");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OVERQUOTA);
	snprintf(p, sizeof(p), "%s/home/Maildir/new", f.dir);
	CU_ASSERT_PTR_NULL(only_file(p));
	snprintf(p, sizeof(p), "%s/home/Maildir/tmp", f.dir);
	CU_ASSERT_PTR_NULL(only_file(p));   /* nothing half-written left */
	free(f.t.ai.quota);
	f.t.ai.quota = xstrdup("100000S");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_OK);
	fixture_free(&f);
}

static void test_deliver_bad_accounts(void)
{
	struct fixture f;
	struct lmtp_deliv_result r;
	char *md;

	fixture_init(&f, "x\n", NULL);
	free(f.t.ai.home);
	f.t.ai.home = xstrdup("relative/home");
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_TEMPFAIL);
	f.t.ai.maildir = xstrdup("/nonexistent-root-dir/x/Maildir");
	md = lmtp_deliver_maildir(&f.cfg, &f.t);
	CU_ASSERT_STRING_EQUAL(md, "/nonexistent-root-dir/x/Maildir");
	free(md);
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_TEMPFAIL);
	free(f.t.ai.maildir);
	f.t.ai.maildir = xstrdup("./Maildir");
	free(f.t.ai.home);
	f.t.ai.home = xstrdup("/h");
	md = lmtp_deliver_maildir(&f.cfg, &f.t);
	CU_ASSERT_STRING_EQUAL(md, "/h/./Maildir");
	free(md);
	/* neither UID nor USERNAME */
	f.t.ai.have_uid = false;
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_TEMPFAIL);
	/* a uid that is not ours (as non-root) or uid 0 (as root) */
	f.t.ai.have_uid = true;
	f.t.ai.uid = getuid() == 0 ? 0 : getuid() + 1;
	lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
	CU_ASSERT_EQUAL(r.status, DELIV_TEMPFAIL);
	fixture_free(&f);
}

/* As root: more mailbox owners than LMTP_HELPERS_MAX in one session, in
   turns, so helpers are replaced and reused; every message lands in its
   owner's Maildir, owned by that uid. */
static void test_helpers_many_owners(void)
{
	struct fixture f;
	struct lmtp_deliv_result r;
	enum { OWNERS = LMTP_HELPERS_MAX + 3 };
	char p[4096];

	if (getuid() != 0)
		return;   /* without root every delivery is in-process (tested above) */
	fixture_init(&f, "x\n", NULL);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < OWNERS; i++) {
			uid_t uid = (uid_t)(60000 + i);
			struct stat st;
			char *name;

			snprintf(p, sizeof(p), "%s/u%d", f.dir, i);
			if (round == 0) {
				CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
				CU_ASSERT_EQUAL(chown(p, uid, uid), 0);
			}
			free(f.t.ai.home);
			f.t.ai.home = xstrdup(p);
			f.t.ai.uid = uid;
			f.t.ai.gid = uid;
			lmtp_deliver(&f.cfg, &f.m, &f.t, "alice@example.org", &r);
			CU_ASSERT_EQUAL(r.status, DELIV_OK);
			snprintf(p, sizeof(p), "%s/u%d/Maildir/new", f.dir, i);
			if (round == 0) {
				name = only_file(p);
				CU_ASSERT_PTR_NOT_NULL_FATAL(name);
				snprintf(p, sizeof(p), "%s/u%d/Maildir/new/%s", f.dir, i, name);
				CU_ASSERT_EQUAL(stat(p, &st), 0);
				CU_ASSERT_EQUAL(st.st_uid, uid);
				free(name);
			}
		}
	}
	fixture_free(&f);
}

void suite_deliver(void)
{
	CU_pSuite s = cutest_suite("deliver");

	cutest_add(s, "INBOX and detail folder, exact bytes", test_deliver_inbox_and_folder);
	cutest_add(s, "missing Maildir is created", test_deliver_creates_maildir);
	cutest_add(s, "quota and mailbox_size_limit", test_deliver_quota_and_size);
	cutest_add(s, "unusable accounts", test_deliver_bad_accounts);
	cutest_add(s, "delivery helpers for many owners", test_helpers_many_owners);
}
