/*
 * login_postauth.h - the start-up every post-login server (pop3d, imapd)
 * runs right after the login program exec'ed it: who is logged in, is the
 * account allowed this service on this connection, is the account locked,
 * which Maildir, enter it, and the commands the client pipelined behind its
 * login.  One module so the rules are written and tested once
 * (STYLE.md section 10, Postfix's single_server_main idea).
 *
 * The caller maps each refusal to its protocol's words (POP3 "-ERR ...",
 * IMAP "* BYE ...") and exits; nothing here writes to the client.
 */
#ifndef STAFETA_LOGIN_POSTAUTH_H
#define STAFETA_LOGIN_POSTAUTH_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct stream;

/* Bytes kept of the Maildir's path for log lines. */
#define POSTAUTH_PATH_MAX 8192

struct postauth_params {
	const char *service;      /* "pop3" or "imap": the account options
				     disable<service> and disableinsecure<service> */
	bool        tls;          /* the session is encrypted (POP3_TLS/IMAP_TLS) */
	const char *stdio_user;   /* -stdio USER (tests), or NULL */
	const char *arg_maildir;  /* the MAILDIR command-line argument, or NULL */
	const char *maildirpath;  /* MAILDIRPATH, the default under HOME */
	bool        sanity_check; /* IMAP_MAILBOX_SANITY_CHECK: the Maildir must
				     be owned by our uid */
};

enum postauth_status {
	POSTAUTH_OK = 0,
	POSTAUTH_NOT_LOGGED_IN,   /* AUTHENTICATED unset and no -stdio user */
	POSTAUTH_DISABLED,        /* OPTIONS has disable<service>=1 */
	POSTAUTH_INSECURE,        /* disableinsecure<service>=1 without TLS */
	POSTAUTH_STICKY,          /* the home directory (cwd) has the +t bit */
	POSTAUTH_NO_MAILDIR,      /* chdir into the Maildir failed (errno kept) */
	POSTAUTH_NOT_OWNER        /* sanity_check: the Maildir is not ours */
};

struct postauth {
	const char *user;         /* AUTHENTICATED, or the -stdio user */
	const char *maildir;      /* $MAILDIR, else arg_maildir, else maildirpath */
	char        path[POSTAUTH_PATH_MAX]; /* the Maildir's whole path, for log
				     lines (cut at POSTAUTH_PATH_MAX - 1 bytes) */
	bool        preauth;      /* logged in by -stdio, not by a login program */
	int         error;        /* errno of POSTAUTH_NO_MAILDIR */
};

/* true when the real or effective uid is 0: the servers refuse to run. */
bool postauth_is_root(void);

/* The checks in Courier's order, from the current directory (the home the
   login program entered): AUTHENTICATED, OPTIONS disable flags, the +t bit
   of ".", the Maildir choice, chdir into it, the owner check.  On
   POSTAUTH_OK the process is in the Maildir and *r is filled (its strings
   live in the environment or in p).  Other results fill r->user and
   r->maildir as far as they were known. */
enum postauth_status postauth_start(const struct postauth_params *p, struct postauth *r);

/* Commands a client pipelined behind its login travel from the login
   program to the server hex-encoded in an environment variable.
   Login side: take everything still buffered in s (at most max bytes) and
   export it as envname.  0; -1 when there was more than max or it could not
   be read (nothing exported: the caller logs that it dropped it). */
ATTR_WARN_UNUSED int postauth_handoff_export(struct stream *s, const char *envname, size_t max);
/* Server side: put the bytes of envname (if set) in front of s's input and
   unset the variable.  Returns the number of bytes replayed, or -1 when the
   value was malformed or did not fit in max / the stream's buffer (nothing
   replayed). */
long postauth_handoff_replay(struct stream *s, const char *envname, size_t max);

#endif
