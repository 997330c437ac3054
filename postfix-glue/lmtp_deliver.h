/*
 * lmtp_deliver.h - deliver one spooled message to one mailbox: as the
 * mailbox owner (fork + privdrop when lmtpd runs as root), trace headers
 * first (Return-Path:, Delivered-To:, Received:), then the body, through
 * libmaildir (tmp/, fsync, quota, link into new/, directory fsync).
 */
#ifndef STAFETA_LMTP_DELIVER_H
#define STAFETA_LMTP_DELIVER_H

#include <stdint.h>
#include "compat.h"
#include "maildir_deliver.h"

struct lmtpd_config;
struct lmtp_target;
struct buf;

#define LMTP_DELIVER_TIMEOUT 600      /* seconds one delivery child may take */
#define LMTP_REASON_MAX      200      /* bytes of failure text kept */
#define LMTP_HELPERS_MAX     8        /* delivery helpers (mailbox owners) per session */

/* The message as lmtpd spooled it. */
struct lmtp_msg {
	int spool_fd;            /* body with LF endings, read from offset 0 */
	uint64_t spool_size;     /* bytes in spool_fd */
	const char *return_path; /* envelope sender ("" for <>) */
	const char *received;    /* "Received: from ...\n\tby ... id X\n": the
				    caller's part of the Received: header */
	const char *date;        /* RFC 5322 date for the Received: header */
	const char *queue_id;    /* the id of the Received: header and the 250 reply */
	const char *message_id;  /* the Message-ID: header's value, "" if none (log) */
};

struct lmtp_deliv_result {
	enum deliv_status status;
	int err;                 /* errno behind a DELIV_TEMPFAIL (0 if none) */
	char reason[LMTP_REASON_MAX + 1];
};

/* Deliver m to t (rcpt is the envelope address, for "for <...>").
   As root the work is done by a helper process running as the mailbox
   owner (forked and dropped to that uid once per owner and session);
   otherwise in this process, for mailboxes with our own uid only.
   Never returns DELIV_OK unless the message is fsynced and linked into new/
   and the directory is fsynced. */
void lmtp_deliver(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
		  const struct lmtp_target *t, const char *rcpt, struct lmtp_deliv_result *r);

/* Is t's mailbox already over its Maildir++ quota for size more bytes?
   (SMTP mode asks at RCPT time, so a full mailbox gets its own 452 4.2.2.)
   DELIV_OVERQUOTA or DELIV_OK; errors are DELIV_TEMPFAIL and are best left
   to the delivery itself. */
void lmtp_deliver_quota_check(const struct lmtpd_config *cfg, const struct lmtp_target *t,
			      uint64_t size, struct lmtp_deliv_result *r);

/* End the session's delivery helpers (root only; they also end by
   themselves when the session process exits). */
void lmtp_deliver_helpers_close(void);

/* The trace header block for one recipient, as written before the body. */
int lmtp_deliver_headers(const struct lmtp_msg *m, const char *delivered_to,
			 const char *rcpt, struct buf *out);

/* The Maildir of a target: MAILDIR (absolute, or relative to HOME), else
   HOME/home_mailbox.  malloc'ed, or NULL when HOME is needed but empty. */
char *lmtp_deliver_maildir(const struct lmtpd_config *cfg, const struct lmtp_target *t);

#endif
