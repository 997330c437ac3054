/*
 * courierauth.h - libcourierauth, the client side of Courier's authdaemond
 * protocol (../shared/spec/authdaemon-protocol.md): log in, look up (PRE),
 * enumerate, change a password.  Every call opens one connection to the
 * socket, sends one request and reads the reply up to the daemon's close.
 *
 * Link: authdaemon/libcourierauth.a and $(LIBSTAFETA).  Include path:
 * -I$(top_srcdir)/authdaemon.
 *
 * Three outcomes, as Courier's clients see them:
 *   AUTH_OK        the daemon answered with the account ("KEY=VALUE" ... ".")
 *   AUTH_FAIL      the daemon said "FAIL": bad password or unknown user
 *   AUTH_TEMPFAIL  no socket, connect/read timeout, EOF before ".", or a reply
 *                  that does not parse: Courier then says "Temporary problem,
 *                  please try again later" (IMAP "* BYE", POP3 "-ERR").
 *
 * The remote address sent to the daemon (meta line "TCPREMOTEIP=") is taken
 * from the environment variable TCPREMOTEIP (couriertcpd sets it), as Courier's
 * library does; values with control bytes are not sent.  DEFDOMAIN (and
 * DOMAINSEP) from the environment are applied to the user name of
 * auth_login() and auth_pre*(), as Courier's library does.
 */
#ifndef STAFETA_COURIERAUTH_H
#define STAFETA_COURIERAUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "compat.h"

enum auth_result { AUTH_OK = 0, AUTH_FAIL = 1, AUTH_TEMPFAIL = 2 };

/* What authdaemond returned for an account.  Strings are malloc'ed and owned
   by the struct (NULL when the daemon did not send the key); release with
   auth_info_free().  passwd2 (cleartext) is wiped by auth_info_free(). */
struct auth_info {
	char  *username;   /* USERNAME=: a system account to become (PAM, passwd) */
	bool   have_uid;   /* UID= was sent (userdb): become uid/gid numerically */
	uid_t  uid;        /* UID= */
	gid_t  gid;        /* GID= (0 if not sent) */
	char  *home;       /* HOME= */
	char  *address;    /* ADDRESS=: the canonical login id -> AUTHENTICATED */
	char  *name;       /* NAME=: full name (GECOS up to the first ',') */
	char  *maildir;    /* MAILDIR=: relative to HOME or absolute */
	char  *quota;      /* QUOTA=: Maildir++ quota string */
	char  *passwd;     /* PASSWD=: stored (encrypted) password */
	char  *passwd2;    /* PASSWD2=: cleartext password */
	char  *options;    /* OPTIONS=: "name=value,..." (DEFAULTOPTIONS merged) */
};

/* Client timeouts, seconds (Courier's TIMEOUT_SOCK, TIMEOUT_WRITE,
   TIMEOUT_READ; the read timeout is a deadline for the whole reply). */
#define AUTH_TIMEOUT_CONNECT_DEFAULT  10
#define AUTH_TIMEOUT_WRITE_DEFAULT    10
#define AUTH_TIMEOUT_READ_DEFAULT     30
/* A reply must fit in this many bytes (Courier's BUFSIZ). */
#define AUTH_REPLY_MAX                8192
/* The AUTH payload count must be below this (Courier's server limit). */
#define AUTH_REQUEST_MAX              8192

/* All fields NULL/0. */
void auth_info_init(struct auth_info *ai);
/* Free every string (passwd2 and passwd wiped first); back to the init state. */
void auth_info_free(struct auth_info *ai);

/* The socket path: $AUTHDAEMONVAR/socket when AUTHDAEMONVAR is set and not
   empty, else AUTHDAEMON_SOCKET_DEFAULT (config.h).  The string stays valid
   until the next call. */
const char *auth_socket_path(void);
/* Use this socket path instead (tests, tools with -S); NULL = back to the
   rule above.  The string is copied. */
void auth_set_socket_path(const char *path);

/* Courier's DEFDOMAIN rule: user + $DEFDOMAIN when DEFDOMAIN is set and user
   contains neither DEFDOMAIN's first character nor (when DOMAINSEP is set)
   any DOMAINSEP character; else user unchanged.  malloc'ed. */
char *auth_apply_defdomain(const char *user);

/* AUTH with authtype "login": authdata "user\npassword\n".  service is the
   protocol name ("imap", "pop3", "smtp", ...).  user and password must not
   contain '\n'; such input is answered AUTH_FAIL without asking the daemon.
   On AUTH_OK *ai is filled (call auth_info_free() afterwards); otherwise *ai
   is left in the init state. */
ATTR_WARN_UNUSED enum auth_result auth_login(const char *service, const char *user,
					     const char *password, struct auth_info *ai);
/* AUTH with any authtype ("login", "cram-md5", "cram-sha1", "cram-sha256")
   and its raw authdata (for CRAM: "base64(challenge)\nbase64(response)\n").
   authtype is sent lower-case as given. */
ATTR_WARN_UNUSED enum auth_result auth_generic(const char *service, const char *authtype,
					       const char *authdata, struct auth_info *ai);
/* PRE: look the account up without a password ("PRE . service user"), as for
   delivery (lmtpd), EXTERNAL and authtest.  Same outcomes as auth_login. */
ATTR_WARN_UNUSED enum auth_result auth_pre(const char *service, const char *user,
					   struct auth_info *ai);
/* The same with one module only ("authuserdb", "authpam", "authpwd"); "." or
   NULL = every module in authmodulelist order. */
ATTR_WARN_UNUSED enum auth_result auth_pre_module(const char *module, const char *service,
						  const char *user, struct auth_info *ai);

/* PASSWD: change user's password for service.  AUTH_OK = changed, AUTH_FAIL =
   refused (wrong old password, no module could change it, bad characters),
   AUTH_TEMPFAIL = the daemon could not be reached or gave no answer. */
ATTR_WARN_UNUSED enum auth_result auth_passwd(const char *service, const char *user,
					      const char *oldpw, const char *newpw);

/* One account of ENUMERATE.  Strings are valid during the callback only;
   maildir and options may be "" (never NULL). */
struct auth_enum_entry {
	const char *name;
	uid_t       uid;
	gid_t       gid;
	const char *home;
	const char *maildir;
	const char *options;
};
/* Called per account; return 0 to go on, non-zero to stop (that value is
   then returned by auth_enumerate). */
typedef int auth_enum_fn(const struct auth_enum_entry *e, void *ctx);
/* ENUMERATE: cb for every account whose uid and gid are non-zero (Courier's
   rule).  0 when the list ended with ".", -1 (TEMPFAIL) when the daemon was
   unreachable or the list was cut short, or the callback's non-zero value. */
int auth_enumerate(auth_enum_fn *cb, void *ctx);

/* Courier's option test on an OPTIONS string: the value of "name" as an
   integer (atoi, or 1 when it starts with t/T/y/Y), def when absent.
   auth_option_int("disablepop3=1,x=2", "disablepop3", 0) == 1. */
int auth_option_int(const char *options, const char *name, int def);
/* The text value of "name" in options (malloc'ed), or NULL when absent. */
char *auth_option_str(const char *options, const char *name);

/* Parse one reply of PRE/AUTH (the bytes up to and including ".\n" or
   "FAIL\n"): AUTH_OK with *ai filled, AUTH_FAIL, or AUTH_TEMPFAIL when it is
   incomplete or malformed.  (Exposed for tests and fuzzing.) */
enum auth_result auth_parse_reply(const char *reply, size_t n, struct auth_info *ai);

#endif
