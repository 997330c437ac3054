/*
 * mod_pwd.c - authdaemond's authpwd module (alias authshadow): system
 * accounts from the passwd database, passwords from shadow.
 *
 * Trust:   user names are hostile (looked up, never interpreted);
 *          passwd/shadow are the system's.
 * Runs as: authdaemond workers (root reads shadow; otherwise only our own
 *          uid is accepted).
 * Tests:   tests/unit/authdaemon/test_server.c, tests/interop/run-authdaemon-pam
 */
#include "config.h"

#include <pwd.h>
#include <shadow.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth_pwcheck.h"
#include "authd_module.h"
#include "log.h"
#include "xmalloc.h"

static int pw_account(const char *mod, const char *user, struct authd_account *a)
{
	struct passwd *pw;

	memset(a, 0, sizeof(*a));
	authd_debug("%s: trying this module", mod);
	if (strlen(user) > 256 || (pw = getpwnam(user)) == NULL) {
		authd_debug("%s: user not found", mod);
		return AUTHD_REJECT;
	}
	if (!authd_uid_allowed(pw->pw_uid)) {
		authd_debug("%s: uid %lu is not ours and we are not root", mod,
			    (unsigned long)pw->pw_uid);
		return AUTHD_REJECT;
	}
	a->sysusername = xstrdup(pw->pw_name);
	a->gid = pw->pw_gid;
	a->home = xstrdup(pw->pw_dir != NULL ? pw->pw_dir : "");
	a->address = xstrdup(user);
	if (pw->pw_gecos != NULL && pw->pw_gecos[0] != '\0')
		a->fullname = xstrdup(pw->pw_gecos);
	return AUTHD_OK;
}

void authd_pw_hash(const char *user, struct authd_account *a)
{
	struct spwd *sp = geteuid() == 0 ? getspnam(user) : NULL;
	struct passwd *pw;

	if (sp != NULL && sp->sp_pwdp != NULL) {
		a->passwd = xstrdup(sp->sp_pwdp);
		return;
	}
	pw = getpwnam(user);
	if (pw != NULL && pw->pw_passwd != NULL && strcmp(pw->pw_passwd, "x") != 0)
		a->passwd = xstrdup(pw->pw_passwd);
}

static int pwd_pre(const char *service, const char *user, struct authd_account *a)
{
	int r = pw_account("authpwd", user, a);

	(void)service;
	if (r == AUTHD_OK)
		authd_pw_hash(user, a);
	return r;
}

static int pwd_login(const char *service, const char *user, const char *pass,
		     struct authd_account *a)
{
	int r = pw_account("authpwd", user, a);

	(void)service;
	if (r != AUTHD_OK)
		return r;
	authd_pw_hash(user, a);
	if (a->passwd == NULL || auth_pw_check(pass, a->passwd) < 0) {
		authd_debug("authpwd: password does not match (supplied %s)", authd_debug_secret(pass));
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	a->clearpasswd = xstrdup(pass);
	return AUTHD_OK;
}

int authd_pw_enumerate(authd_enum_fn *cb, void *ctx)
{
	struct passwd *pw;

	setpwent();
	while ((pw = getpwent()) != NULL) {
		if (pw->pw_uid < AUTHD_PW_ENUM_MIN_UID || !authd_uid_allowed(pw->pw_uid))
			continue;
		cb(pw->pw_name, pw->pw_uid, pw->pw_gid, pw->pw_dir != NULL ? pw->pw_dir : "", "", "",
		   ctx);
	}
	endpwent();
	return 0;
}

const struct authd_module authd_mod_pwd = {
	"authpwd", pwd_pre, pwd_login, NULL, NULL, authd_pw_enumerate
};

int authd_pw_account(const char *mod, const char *user, struct authd_account *a)
{
	return pw_account(mod, user, a);
}
