/*
 * lmtp_rcpt.h - who gets a message for an envelope recipient: the address
 * looked up whole through authdaemond (userdb "user@domain", as Postfix's
 * virtual_transport hands it over), then, for domains in mydestination, the
 * aliases from alias_maps and the local part through authdaemond;
 * recipient_delimiter ("user+detail" -> folder INBOX.detail if it exists).
 */
#ifndef STAFETA_LMTP_RCPT_H
#define STAFETA_LMTP_RCPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"
#include "courierauth.h"

struct buf;
struct lmtpd_config;
struct smtp_addr;

#define LMTP_ALIAS_DEPTH_MAX 10   /* nested alias expansions */

/* The lookups, replaceable for tests.  pre: as auth_pre().  alias: 1 found
   (targets separated by "\n" in out), 0 not found, -1 temporary failure. */
struct lmtp_rcpt_backend {
	enum auth_result (*pre)(void *ctx, const char *service, const char *user,
				struct auth_info *ai);
	int (*alias)(void *ctx, const char *name, struct buf *out);
	void *ctx;
};

/* One mailbox to deliver to. */
struct lmtp_target {
	struct auth_info ai;   /* from authdaemond */
	char *address;         /* the address that matched (Delivered-To:) */
	char *detail;          /* the part after the delimiter, or NULL */
};

enum lmtp_rcpt_status {
	LMTP_RCPT_OK,          /* targets filled */
	LMTP_RCPT_UNKNOWN,     /* 550 5.1.1 */
	LMTP_RCPT_RELAY,       /* SMTP: not a local or virtual domain: 554 5.7.1 */
	LMTP_RCPT_TEMPFAIL,    /* lookup failed: 451 4.3.0 */
	LMTP_RCPT_LIMIT,       /* alias expansion too large or deep: 550 5.4.6 */
};

struct lmtp_rcpt_result {
	enum lmtp_rcpt_status status;
	struct lmtp_target *targets;
	size_t ntargets;
};

#define LMTP_PRE_CACHE_SIZE 32        /* lookups remembered per session */
#define LMTP_PRE_CACHE_MS    30000    /* for this long (ms) */

typedef enum auth_result lmtp_pre_fn(const char *service, const char *user,
				     struct auth_info *ai);
/* pre(service, user, ai) through the session's cache: an answer (AUTH_OK
   or AUTH_FAIL; never AUTH_TEMPFAIL) younger than LMTP_PRE_CACHE_MS is
   reused, so a session delivering many messages to one mailbox asks
   authdaemond once.  Cached accounts carry no password fields.  now_ms is
   the monotonic clock. */
enum auth_result lmtp_rcpt_pre_cached(lmtp_pre_fn *pre, const char *service, const char *user,
				      struct auth_info *ai, int64_t now_ms);
/* Forget every cached answer. */
void lmtp_rcpt_cache_clear(void);

/* The backend that asks authdaemond (auth_pre, cached as above) and the
   gdbm alias_maps. */
void lmtp_rcpt_backend_default(struct lmtp_rcpt_backend *be, const struct lmtpd_config *cfg);

/* Resolve one RCPT address.  smtp_mode: the domain must be local
   (mydestination) or in virtual_mailbox_domains, else LMTP_RCPT_RELAY.
   res is always initialised; free it with lmtp_rcpt_result_free(). */
void lmtp_rcpt_resolve(const struct lmtpd_config *cfg, const struct lmtp_rcpt_backend *be,
		       const struct smtp_addr *rcpt, bool smtp_mode,
		       struct lmtp_rcpt_result *res);
void lmtp_rcpt_result_free(struct lmtp_rcpt_result *res);

/* Split local at the first recipient_delimiter character: base length in
   *baselen_r and the detail (after the delimiter) in *detail_r.  false when
   there is no delimiter or the base would be empty. */
bool lmtp_rcpt_split_detail(const char *local, const char *delims, size_t *baselen_r,
			    const char **detail_r);

#endif
