/*
 * auth_become.c - become the authenticated account: privdrop, chdir HOME,
 * export the post-login environment (courier-config.md section 2).
 *
 * Trust:   ai comes from authdaemond (trusted peer); values are still
 *          checked for emptiness before use.
 * Runs as: root (or the invoking user in tests) in imaplogin/pop3login.
 * Errors:  -1 with a static message; the caller must not go on serving.
 * Tests:   tests/unit/authdaemon/test_become.c
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth_become.h"
#include "privdrop.h"

static int put(const char *name, const char *value)
{
	if (value == NULL)
		return unsetenv(name);
	return setenv(name, value, 1);
}

int auth_become(const struct auth_info *ai, const char **error_r)
{
	const char *err = NULL;

	if (ai->home == NULL || ai->home[0] == '\0') {
		*error_r = "account has no home directory";
		return -1;
	}
	if (ai->username != NULL && !ai->have_uid) {
		if (privdrop_user(ai->username, &err) < 0) {
			*error_r = err != NULL ? err : "cannot become the account's system user";
			return -1;
		}
	} else if (ai->have_uid) {
		if (privdrop(ai->uid, ai->gid, NULL, 0, 0, &err) < 0) {
			*error_r = err != NULL ? err : "cannot change to the account's uid/gid";
			return -1;
		}
	} else {
		*error_r = "authdaemond returned neither USERNAME nor UID";
		return -1;
	}
	if (chdir(ai->home) < 0) {
		*error_r = "cannot chdir to the account's home directory";
		return -1;
	}
	if (put("AUTHENTICATED", ai->address) < 0 || put("AUTHADDR", ai->address) < 0 ||
	    put("AUTHFULLNAME", ai->name) < 0 || put("MAILDIR", ai->maildir) < 0 ||
	    put("QUOTA", ai->quota) < 0 || put("MAILDIRQUOTA", ai->quota) < 0 ||
	    put("OPTIONS", ai->options) < 0 || put("HOME", ai->home) < 0) {
		*error_r = "cannot set the login environment";
		return -1;
	}
	return 0;
}

const char *auth_maildir(const struct auth_info *ai, const char *def)
{
	if (ai->maildir != NULL && ai->maildir[0] != '\0')
		return ai->maildir;
	return def != NULL ? def : "./Maildir";
}
