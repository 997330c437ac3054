/*
 * pop3_login.h - pop3login's AUTHORIZATION state (RFC 1939, 2449, 2595,
 * 5034): CAPA, STLS, USER/PASS, AUTH, UTF8, QUIT, with Courier's replies
 * (spec/imap-pop3-behaviour.md section 5).  On success the caller becomes the
 * account (auth_become) and execs pop3d, which says "+OK logged in.".
 */
#ifndef STAFETA_POP3_LOGIN_H
#define STAFETA_POP3_LOGIN_H

#include <stdbool.h>
#include "buf.h"
#include "compat.h"
#include "courierauth.h"

struct stream;
struct pop3_config;

/* Failed logins (PASS or AUTH) before the connection is closed. */
#define POP3_LOGIN_FAILURES_MAX 3
/* Longest user name accepted by USER (bytes). */
#define POP3_USER_MAX           512

enum pop3_login_end {
	POP3_LOGIN_OK,        /* *ai filled: become the account, exec pop3d */
	POP3_LOGIN_QUIT,      /* QUIT before login */
	POP3_LOGIN_EOF,       /* the client went away */
	POP3_LOGIN_TIMEOUT,   /* the pre-auth deadline passed */
	POP3_LOGIN_CLOSE      /* we closed: too many failures/bad commands,
				 authdaemond unreachable, STLS failed */
};

struct pop3_login {
	struct stream       *s;
	struct pop3_config  *cfg;
	const char          *remote_ip;   /* TCPREMOTEIP ("" when unknown) */
	bool                 tls;         /* encrypted: POP3_TLS=1 or after STLS */
	bool                 stls_done;
	bool                 utf8;        /* the client sent UTF8 */
	char                *user;        /* after USER */
	unsigned             failures;
	unsigned             bad_cmds;
	struct auth_info     ai;          /* on POP3_LOGIN_OK */
	struct buf           line;
};

void pop3_login_init(struct pop3_login *pl, struct stream *s, struct pop3_config *cfg,
		     const char *remote_ip);
void pop3_login_deinit(struct pop3_login *pl);

/* Run the AUTHORIZATION state until a login succeeds or the session ends.
   The greeting is sent first. */
enum pop3_login_end pop3_login_run(struct pop3_login *pl);

/* The service name sent to authdaemond: $AUTHSERVICE<TCPLOCALPORT> when
   couriertcpd's TCPLOCALPORT is set and that variable is non-empty (e.g.
   AUTHSERVICE995=pop3s), else "pop3" (Courier's rule).  The string lives in
   the environment or is static. */
const char *pop3_auth_service(void);

/* true for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z. */
bool pop3_ip_is_loopback(const char *ip);
/* May cleartext passwords (USER/PASS, SASL PLAIN and LOGIN) be used now?
   Yes on an encrypted session, from a loopback address, or when
   POP3_PLAINTEXT_INSECURE is set. */
bool pop3_login_plaintext_ok(const struct pop3_login *pl);
/* The mechanisms offered now: POP3AUTH_TLS when encrypted (POP3AUTH when
   that is empty), else POP3AUTH; only mechanisms the SASL engine knows, and
   without PLAIN/LOGIN when cleartext is not allowed.  Upper-cased,
   space-separated, into out (replaced). */
void pop3_login_mechs(const struct pop3_login *pl, struct buf *out);

#endif
