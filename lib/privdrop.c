/*
 * privdrop.c - give up root for good: setgroups, setgid, setuid, each checked,
 * then proof that the old identity cannot be regained.
 *
 * Trust:   uid/gid come from authdaemond or the config; uid 0 is refused
 *          unless the caller explicitly allows it.
 * Runs as: root (the drop) or any user (then only a no-op is possible).
 * Tests:   tests/unit/lib/test_privdrop.c
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "privdrop.h"
#include "strnum.h"

int privdrop(uid_t uid, gid_t gid, const gid_t *groups, size_t ngroups, int allow_root,
	     const char **error_r)
{
	if (uid == 0 && !allow_root) {
		*error_r = "refusing to run as uid 0";
		return -1;
	}
	if (geteuid() != 0) {
		/* Not root: nothing can change; only our own identity is acceptable. */
		if (getuid() != uid || geteuid() != uid || getgid() != gid || getegid() != gid) {
			*error_r = "not running as root and the target uid/gid is not ours";
			return -1;
		}
		return 0;
	}
	if (setgroups(groups != NULL ? ngroups : 1, groups != NULL ? groups : &gid) < 0) {
		*error_r = "setgroups failed";
		return -1;
	}
	if (setresgid(gid, gid, gid) < 0) {
		*error_r = "setgid failed";
		return -1;
	}
	if (setresuid(uid, uid, uid) < 0) {
		*error_r = "setuid failed";
		return -1;
	}
	if (getuid() != uid || geteuid() != uid || getgid() != gid || getegid() != gid) {
		*error_r = "identity after setuid/setgid is not the requested one";
		return -1;
	}
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		*error_r = "could regain root after dropping privileges";
		return -1;
	}
	return 0;
}

int privdrop_lookup_user(const char *name, uid_t *uid_r, gid_t *gid_r)
{
	struct passwd *pw;
	uid_t uid;

	if (str_to_uid(name, &uid) == 0)
		pw = getpwuid(uid);
	else
		pw = getpwnam(name);
	if (pw == NULL) {
		errno = ENOENT;
		return -1;
	}
	*uid_r = pw->pw_uid;
	*gid_r = pw->pw_gid;
	return 0;
}

int privdrop_lookup_group(const char *name, gid_t *gid_r)
{
	struct group *gr;
	gid_t gid;

	if (str_to_gid(name, &gid) == 0) {
		*gid_r = gid;
		return 0;
	}
	gr = getgrnam(name);
	if (gr == NULL) {
		errno = ENOENT;
		return -1;
	}
	*gid_r = gr->gr_gid;
	return 0;
}

int privdrop_user(const char *name, const char **error_r)
{
	struct passwd *pw = getpwnam(name);
	gid_t groups[256];
	int n = (int)N_ELEMENTS(groups);

	if (pw == NULL) {
		uid_t uid;

		if (str_to_uid(name, &uid) == 0)
			pw = getpwuid(uid);
	}
	if (pw == NULL) {
		*error_r = "no such user";
		return -1;
	}
	if (geteuid() != 0)
		return privdrop(pw->pw_uid, pw->pw_gid, NULL, 0, 0, error_r);
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0) {
		*error_r = "user is in too many groups";
		return -1;
	}
	return privdrop(pw->pw_uid, pw->pw_gid, groups, (size_t)n, 0, error_r);
}
