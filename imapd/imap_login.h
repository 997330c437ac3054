/*
 * imap_login.h - imaplogin's not-authenticated state (RFC 3501 6.1, 6.2;
 * RFC 2595 STARTTLS, RFC 4959 SASL-IR, RFC 2971 ID): CAPABILITY, NOOP,
 * LOGOUT, STARTTLS, LOGIN, AUTHENTICATE, ID, with Courier's replies and
 * log lines (spec/imap-pop3-behaviour.md section 1).  On success the caller
 * becomes the account (auth_become) and execs imapd, which answers the
 * login's tag ("<tag> OK LOGIN Ok.") after its own start-up checks.
 */
#ifndef STAFETA_IMAP_LOGIN_H
#define STAFETA_IMAP_LOGIN_H

#include <stdbool.h>
#include "buf.h"
#include "compat.h"
#include "courierauth.h"
#include "imap_parser.h"

struct stream;
struct imap_config;

/* Failed logins before the connection is closed. */
#define IMAP_LOGIN_FAILURES_MAX   3
/* Consecutive protocol errors before the connection is closed (Courier: 10). */
#define IMAP_BAD_COMMANDS_MAX     10
/* Longest user name or password accepted (bytes). */
#define IMAP_LOGIN_FIELD_MAX      1024
/* The pre-login line cap (bytes): LOGIN, AUTHENTICATE with SASL-IR. */
#define IMAP_LOGIN_LINE_MAX       8192
/* In-memory literals of one pre-login command (bytes). */
#define IMAP_LOGIN_LITERAL_MAX    4096
/* Commands pipelined behind the login travel to imapd hex-encoded in this
   variable (login/login_postauth.h), at most this many bytes. */
#define IMAP_PIPELINED_ENV        "STAFETA_IMAP_PIPELINED"
#define IMAP_PIPELINED_MAX        (64u * 1024)
/* The tag of the LOGIN/AUTHENTICATE, for imapd's tagged OK (Courier's name). */
#define IMAP_LOGINTAG_ENV         "IMAPLOGINTAG"

enum imap_login_end {
	IMAP_LOGIN_OK,        /* ai filled, tag set: become the account, exec imapd */
	IMAP_LOGIN_LOGOUT,    /* LOGOUT */
	IMAP_LOGIN_EOF,       /* the client went away */
	IMAP_LOGIN_TIMEOUT,   /* the pre-auth deadline passed */
	IMAP_LOGIN_CLOSE      /* we closed: failures, violations, authdaemond down,
				 STARTTLS failed */
};

struct imap_login {
	struct stream       *s;
	struct imap_config  *cfg;
	struct imap_parser  *p;
	const char          *remote_ip;
	bool                 tls;
	bool                 starttls_done;
	unsigned             failures;
	unsigned             bad_cmds;
	struct auth_info     ai;
	char                 tag[IMAP_TAG_MAX + 1];
	struct buf           line;
};

void imap_login_init(struct imap_login *l, struct stream *s, struct imap_config *cfg,
		     const char *remote_ip);
void imap_login_deinit(struct imap_login *l);
/* Send the greeting, then run commands until a login succeeds or the
   session ends. */
enum imap_login_end imap_login_run(struct imap_login *l);

/* Service name for authdaemond: $AUTHSERVICE<TCPLOCALPORT> if set, else "imap". */
const char *imap_auth_service(void);
/* May cleartext passwords be used now?  Encrypted, loopback, or
   IMAP_PLAINTEXT_INSECURE. */
bool imap_login_plaintext_ok(const struct imap_login *l);
/* Is STARTTLS offered now? */
bool imap_login_starttls_offered(const struct imap_login *l);

#endif
