/*
 * authd_module.h - the interface of authdaemond's modules (authuserdb,
 * authpam, authpwd) and the daemon-wide settings they read.
 *
 * Return convention (Courier's): 0 = accepted (account filled),
 * AUTHD_REJECT (-1) = not mine / wrong password: try the next module,
 * AUTHD_TEMPFAIL (1) = temporary failure: stop, send nothing.
 */
#ifndef STAFETA_AUTHD_MODULE_H
#define STAFETA_AUTHD_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "auth_hash.h"
#include "auth_proto.h"
#include "compat.h"

#define AUTHD_OK        0
#define AUTHD_REJECT   (-1)
#define AUTHD_TEMPFAIL  1

/* Settings every module may read; set by authdaemond from authdaemonrc. */
struct authd_settings {
	int         debug_login;     /* DEBUG_LOGIN: 0, 1 (steps), 2 (passwords too) */
	const char *remoteip;        /* TCPREMOTEIP of the current request, or NULL */
};
extern struct authd_settings authd_settings;

/* DEBUG: line when DEBUG_LOGIN >= 1 (never give it a password unless
   DEBUG_LOGIN is 2: use authd_debug_secret()). */
void authd_debug(const char *fmt, ...) ATTR_PRINTF(1, 2);
/* The password itself at DEBUG_LOGIN=2, "<hidden>" below. */
const char *authd_debug_secret(const char *pw);

/* Callback for enumeration: one account. */
typedef void authd_enum_fn(const char *name, uid_t uid, gid_t gid, const char *home,
			   const char *maildir, const char *options, void *ctx);

struct authd_module {
	const char *name;   /* "authuserdb" */
	int (*pre)(const char *service, const char *user, struct authd_account *a);
	int (*login)(const char *service, const char *user, const char *pass,
		     struct authd_account *a);
	/* NULL when the module cannot do CRAM (only stored secrets can). */
	int (*cram)(const char *service, enum auth_hash_alg alg, const char *challenge,
		    size_t chlen, const char *user, const char *digest_hex,
		    struct authd_account *a);
	/* NULL when the module cannot change passwords. */
	int (*passwd)(const char *service, const char *user, const char *oldpw,
		      const char *newpw);
	/* NULL when the module cannot enumerate; 0 done, -1 aborted. */
	int (*enumerate)(authd_enum_fn *cb, void *ctx);
};

extern const struct authd_module authd_mod_userdb;
extern const struct authd_module authd_mod_pam;
extern const struct authd_module authd_mod_pwd;

/* The module called name ("authuserdb", "authpam", "authpwd"/"authshadow"),
   or NULL. */
const struct authd_module *authd_module_find(const char *name);

/* A system account from the passwd database (authpwd, authpam): USERNAME,
   GID, HOME, ADDRESS, NAME.  AUTHD_OK or AUTHD_REJECT (unknown, or not
   ours when not root).  mod names the module in debug lines. */
int authd_pw_account(const char *mod, const char *user, struct authd_account *a);

/* Set a->passwd from shadow (when root) or the passwd entry. */
void authd_pw_hash(const char *user, struct authd_account *a);
/* Enumerate the passwd database, skipping uids below
   AUTHD_PW_ENUM_MIN_UID (system accounts), as Courier's authpam/authpwd. */
#define AUTHD_PW_ENUM_MIN_UID 100
int authd_pw_enumerate(authd_enum_fn *cb, void *ctx);

/* When authdaemond is not root, only accounts with our own uid may log in
   (DESIGN.md); true if uid is acceptable. */
bool authd_uid_allowed(uid_t uid);

#endif
