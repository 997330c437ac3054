/*
 * test_privdrop.c - giving up root.  As root: children drop to nobody (with
 * and without supplementary groups, by uid and by name) and prove that
 * setuid(0), seteuid(0), setgid(0) and setgroups fail and root-only files
 * stay closed.  As any user (including a child that became nobody): the
 * no-op path and the refusals.  Name lookups with hostile names.
 *
 * Trust:   the names below are hostile; all identity changes happen in
 *          forked children, the runner keeps its own.
 * Limits:  a handful of fork()s.
 * Tests:   this file (lib/privdrop.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "helpers.h"
#include "privdrop.h"

static uid_t nobody_uid;
static gid_t nobody_gid;

static int find_nobody(void)
{
	struct passwd *pw = getpwnam("nobody");

	if (pw == NULL)
		return -1;
	nobody_uid = pw->pw_uid;
	nobody_gid = pw->pw_gid;
	return 0;
}

static void run_checked(void (*fn)(int, void *), void *arg, const char *what)
{
	struct buf out = BUF_INIT(16384);

	run_in_child(fn, arg, &out);
	if (out.len > 0) {
		printf("%s:\n%s", what, buf_cstr(&out));
		CU_FAIL(what);
	}
	buf_free(&out);
}

/* Everything a process that is not root must see from privdrop(). */
static void nonroot_checks(int report)
{
	const char *err = NULL;
	uid_t me = getuid();
	gid_t mygid = getgid();

	if (privdrop(me, mygid, NULL, 0, 0, &err) != 0)
		child_fail(report, "no-op drop to our own uid %u failed: %s", (unsigned)me,
			   err != NULL ? err : "?");
	err = NULL;
	if (privdrop(0, 0, NULL, 0, 0, &err) != -1 || err == NULL)
		child_fail(report, "drop to uid 0 without allow_root was not refused");
	err = NULL;
	if (privdrop(0, 0, NULL, 0, 1, &err) != -1 || err == NULL)
		child_fail(report, "a non-root process 'dropped' to root");
	err = NULL;
	if (privdrop(me + 1, mygid, NULL, 0, 0, &err) != -1 || err == NULL)
		child_fail(report, "a non-root process changed uid to %u", (unsigned)me + 1);
	err = NULL;
	if (privdrop(me, mygid + 1, NULL, 0, 0, &err) != -1 || err == NULL)
		child_fail(report, "a non-root process changed gid to %u", (unsigned)mygid + 1);
	if (getuid() != me || geteuid() != me || getgid() != mygid)
		child_fail(report, "identity changed by refused calls");
	err = NULL;
	if (privdrop_user("root", &err) != -1 || err == NULL)
		child_fail(report, "privdrop_user(root) was not refused");
	err = NULL;
	if (privdrop_user("no-such-user-stafeta", &err) != -1 || err == NULL)
		child_fail(report, "privdrop_user(unknown) did not fail");
	{
		/* our own account by name: nothing to do, so it succeeds */
		struct passwd *pw = getpwuid(me);

		err = NULL;
		if (pw != NULL && pw->pw_gid == mygid &&
		    privdrop_user(pw->pw_name, &err) != 0)
			child_fail(report, "privdrop_user(%s) as %s failed: %s", pw->pw_name,
				   pw->pw_name, err != NULL ? err : "?");
	}
}

static void child_nonroot(int report, void *arg)
{
	(void)arg;
	if (geteuid() == 0) {
		/* become nobody by hand first, so the non-root path is what runs */
		if (setgroups(1, &nobody_gid) < 0 || setresgid(nobody_gid, nobody_gid, nobody_gid) < 0 ||
		    setresuid(nobody_uid, nobody_uid, nobody_uid) < 0) {
			child_fail(report, "could not become nobody: %s", strerror(errno));
			return;
		}
	}
	nonroot_checks(report);
}

static void test_nonroot_paths(void)
{
	if (find_nobody() < 0 && geteuid() == 0) {
		CU_FAIL("no user nobody");
		return;
	}
	run_checked(child_nonroot, NULL, "non-root privdrop");
}

/* Proof, in a child that dropped to uid/gid, that root is gone for good. */
static void prove_dropped(int report, uid_t uid, gid_t gid)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	gid_t zero = 0;
	int fd;

	if (getresuid(&r, &e, &s) < 0 || r != uid || e != uid || s != uid)
		child_fail(report, "uids %u/%u/%u, want %u", (unsigned)r, (unsigned)e,
			   (unsigned)s, (unsigned)uid);
	if (getresgid(&rg, &eg, &sg) < 0 || rg != gid || eg != gid || sg != gid)
		child_fail(report, "gids %u/%u/%u, want %u", (unsigned)rg, (unsigned)eg,
			   (unsigned)sg, (unsigned)gid);
	errno = 0;
	if (setuid(0) != -1 || errno != EPERM)
		child_fail(report, "setuid(0) did not fail with EPERM");
	if (seteuid(0) != -1)
		child_fail(report, "seteuid(0) succeeded");
	if (setresuid(0, 0, 0) != -1)
		child_fail(report, "setresuid(0,0,0) succeeded");
	if (setgid(0) != -1)
		child_fail(report, "setgid(0) succeeded");
	if (setgroups(1, &zero) != -1)
		child_fail(report, "setgroups succeeded");
	fd = open("/etc/shadow", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		child_fail(report, "/etc/shadow is readable after the drop");
		close(fd);
	}
}

static void child_drop_nobody(int report, void *arg)
{
	const char *err = NULL;
	gid_t groups[64];
	int n;

	(void)arg;
	if (privdrop(nobody_uid, nobody_gid, NULL, 0, 0, &err) != 0) {
		child_fail(report, "privdrop(nobody) failed: %s", err != NULL ? err : "?");
		return;
	}
	prove_dropped(report, nobody_uid, nobody_gid);
	n = getgroups((int)N_ELEMENTS(groups), groups);
	for (int i = 0; i < n; i++)
		if (groups[i] != nobody_gid)
			child_fail(report, "supplementary group %u kept", (unsigned)groups[i]);
	/* and from here on the non-root rules hold */
	nonroot_checks(report);
}

static void child_drop_groups(int report, void *arg)
{
	const char *err = NULL;
	gid_t want[2] = { 0, 4242 };
	gid_t groups[64];
	int n, seen = 0;

	(void)arg;
	want[0] = nobody_gid;
	if (privdrop(nobody_uid, nobody_gid, want, 2, 0, &err) != 0) {
		child_fail(report, "privdrop with groups failed: %s", err != NULL ? err : "?");
		return;
	}
	prove_dropped(report, nobody_uid, nobody_gid);
	n = getgroups((int)N_ELEMENTS(groups), groups);
	for (int i = 0; i < n; i++) {
		if (groups[i] == 4242)
			seen |= 1;
		else if (groups[i] == nobody_gid)
			seen |= 2;
		else
			child_fail(report, "unexpected supplementary group %u", (unsigned)groups[i]);
	}
	if (n != 2 || seen != 3)
		child_fail(report, "got %d supplementary groups, want exactly %u and 4242", n,
			   (unsigned)nobody_gid);
}

static void child_drop_user(int report, void *arg)
{
	const char *err = NULL;

	if (privdrop_user(arg, &err) != 0) {
		child_fail(report, "privdrop_user(%s) failed: %s", (const char *)arg,
			   err != NULL ? err : "?");
		return;
	}
	prove_dropped(report, nobody_uid, nobody_gid);
}

static void child_refuse_root(int report, void *arg)
{
	const char *err = NULL;

	(void)arg;
	if (privdrop(0, 0, NULL, 0, 0, &err) != -1 || err == NULL)
		child_fail(report, "uid 0 without allow_root was not refused");
	if (getuid() != 0 || geteuid() != 0)
		child_fail(report, "the refusal changed our uid");
	err = NULL;
	if (privdrop_user("root", &err) != -1)
		child_fail(report, "privdrop_user(root) was not refused");
	err = NULL;
	if (privdrop(0, 0, NULL, 0, 1, &err) != 0)
		child_fail(report, "uid 0 with allow_root failed: %s", err != NULL ? err : "?");
	err = NULL;
	if (privdrop(nobody_uid, 0, NULL, 0, 0, &err) != 0)
		child_fail(report, "drop to nobody with gid 0 failed: %s", err != NULL ? err : "?");
	else if (setuid(0) != -1)
		child_fail(report, "setuid(0) worked after a drop with gid 0");
}

static void test_root_drops(void)
{
	if (geteuid() != 0) {
		printf("\n  note: not root, so the drops themselves are not exercised here "
		       "(CI runs as root)\n");
		return;
	}
	CU_ASSERT_EQUAL_FATAL(find_nobody(), 0);
	run_checked(child_drop_nobody, NULL, "drop to nobody");
	run_checked(child_drop_groups, NULL, "drop with supplementary groups");
	run_checked(child_drop_user, (void *)"nobody", "privdrop_user(nobody)");
	run_checked(child_drop_user, (void *)"65534", "privdrop_user(65534)");
	run_checked(child_refuse_root, NULL, "root refusals");
	/* the runner itself is unchanged */
	CU_ASSERT_EQUAL(getuid(), 0);
	CU_ASSERT_EQUAL(geteuid(), 0);
}

static void test_lookups(void)
{
	static const char *const bad[] = {
		"", "no-such-user-stafeta", "4294967295", "4294967296", "-1", " root",
		"root ", "root\n", "../root", "%s%n",
	};
	struct buf longname = BUF_INIT(BUF_MAX_UNLIMITED);
	uid_t uid = 1234;
	gid_t gid = 1234;

	CU_ASSERT_EQUAL(privdrop_lookup_user("root", &uid, &gid), 0);
	CU_ASSERT_EQUAL(uid, 0);
	CU_ASSERT_EQUAL(gid, 0);
	CU_ASSERT_EQUAL(privdrop_lookup_user("0", &uid, &gid), 0);
	CU_ASSERT_EQUAL(uid, 0);
	if (find_nobody() == 0) {
		CU_ASSERT_EQUAL(privdrop_lookup_user("nobody", &uid, &gid), 0);
		CU_ASSERT_EQUAL(uid, nobody_uid);
		CU_ASSERT_EQUAL(gid, nobody_gid);
	}
	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		uid = 1234;
		gid = 1234;
		if (privdrop_lookup_user(bad[i], &uid, &gid) != -1 || uid != 1234 || gid != 1234) {
			printf("case %zu (\"%s\"): got a user %u, want -1\n", i, bad[i],
			       (unsigned)uid);
			CU_FAIL("privdrop_lookup_user");
		}
	}
	for (int i = 0; i < 100000; i++)
		CU_ASSERT_EQUAL_FATAL(buf_putc(&longname, 'r'), 0);
	CU_ASSERT_EQUAL(privdrop_lookup_user(buf_cstr(&longname), &uid, &gid), -1);
	CU_ASSERT_EQUAL(privdrop_lookup_group(buf_cstr(&longname), &gid), -1);

	gid = 1234;
	CU_ASSERT_EQUAL(privdrop_lookup_group("root", &gid), 0);
	CU_ASSERT_EQUAL(gid, 0);
	CU_ASSERT_EQUAL(privdrop_lookup_group("4242", &gid), 0);
	CU_ASSERT_EQUAL(gid, 4242);
	gid = 1234;
	CU_ASSERT_EQUAL(privdrop_lookup_group("no-such-group-stafeta", &gid), -1);
	CU_ASSERT_EQUAL(privdrop_lookup_group("", &gid), -1);
	CU_ASSERT_EQUAL(privdrop_lookup_group("4294967295", &gid), -1);
	CU_ASSERT_EQUAL(gid, 1234);
	buf_free(&longname);
}

void suite_privdrop(void);
void suite_privdrop(void)
{
	CU_pSuite s = cutest_suite("privdrop");

	cutest_add(s, "not root: no-op and refusals", test_nonroot_paths);
	cutest_add(s, "root: drops that cannot be undone", test_root_drops);
	cutest_add(s, "user and group lookups", test_lookups);
}
