/*
 * lmtp_session.h - one LMTP (RFC 2033) or SMTP (RFC 5321, -smtp) session:
 * the command table, the state machine, the replies with enhanced status
 * codes (RFC 2034/3463), PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME
 * (RFC 6152) and, in SMTP mode, STARTTLS (RFC 3207) through couriertls.
 */
#ifndef STAFETA_LMTP_SESSION_H
#define STAFETA_LMTP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"
#include "lmtp_deliver.h"
#include "lmtp_rcpt.h"
#include "smtp_parse.h"
#include "sock.h"

struct stream;
struct lmtpd_config;

#define LMTP_HELO_MAX 255   /* bytes of the LHLO/EHLO argument kept */

/* States as bits, for the command table. */
enum lmtp_state {
	LMTP_ST_INIT = 1,   /* before LHLO/EHLO/HELO */
	LMTP_ST_READY = 2,  /* greeted, no transaction */
	LMTP_ST_MAIL = 4,   /* MAIL accepted, no recipient yet */
	LMTP_ST_RCPT = 8,   /* at least one recipient accepted */
};

typedef void lmtp_deliver_fn(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
			     const struct lmtp_target *t, const char *rcpt,
			     struct lmtp_deliv_result *r);

typedef void lmtp_quota_fn(const struct lmtpd_config *cfg, const struct lmtp_target *t,
			   uint64_t size, struct lmtp_deliv_result *r);

struct lmtp_rcpt_entry {
	struct smtp_addr addr;
	struct lmtp_rcpt_result res;
	size_t *tx;          /* indices into the session's tx[] */
	size_t ntx;
};

/* One delivery target of the transaction: recipients that resolve to the
   same mailbox and folder share one (duplicate_filter_limit), so the
   message is stored there once and every such recipient gets its result. */
struct lmtp_tx_target {
	char *key;                      /* owner uid, Maildir path, folder */
	const struct lmtp_target *t;    /* in the first recipient's res */
	size_t entry;                   /* that recipient's index in rcpts[] */
	bool done;
	struct lmtp_deliv_result res;
};

struct lmtp_session {
	const struct lmtpd_config *cfg;
	const struct lmtp_rcpt_backend *be;
	lmtp_deliver_fn *deliver;       /* lmtp_deliver, or a test double */
	lmtp_quota_fn *quota_check;     /* lmtp_deliver_quota_check (SMTP RCPT) */
	struct stream *s;
	int client_fd;                  /* for STARTTLS; -1 when not a socket */
	bool smtp;                      /* SMTP mode */
	bool esmtp;                     /* EHLO/LHLO (not HELO) */
	bool tls;                       /* STARTTLS done */
	bool tls_offered;               /* STARTTLS can be offered */
	bool in_mynetworks;
	bool quit;
	bool no_error_count;            /* replies now are not command errors */
	enum lmtp_state state;
	char helo[LMTP_HELO_MAX + 1];
	char peer_ip[SOCK_ADDR_MAX];    /* "" for a unix socket or stdio */
	struct smtp_mail_args mail;
	struct lmtp_rcpt_entry *rcpts;
	size_t nrcpts;
	size_t rcpts_tried;
	struct lmtp_tx_target *tx;      /* distinct delivery targets */
	size_t ntx;
	bool bare_lf_excluded;          /* smtpd_forbid_bare_newline_exclusions */
	unsigned errors;
	unsigned long msgno;
};

/* Set up a session over s (not owned).  peer_ip may be "" or NULL. */
void lmtp_session_init(struct lmtp_session *ss, const struct lmtpd_config *cfg,
		       const struct lmtp_rcpt_backend *be, struct stream *s, bool smtp,
		       const char *peer_ip, int client_fd);
void lmtp_session_deinit(struct lmtp_session *ss);

/* Send the greeting and serve commands until QUIT, EOF, a timeout, the
   session time limit or the error limit.  Returns 0 after QUIT, -1 otherwise. */
int lmtp_session_run(struct lmtp_session *ss);

/* Handle one command line (len bytes, CRLF stripped).  0 = go on, -1 = end
   the session (QUIT, lost connection, too many errors).  (For tests.) */
int lmtp_session_command(struct lmtp_session *ss, const char *line, size_t len);

#endif
