/*
 * lmtp_anvil.h - per-client-address session counts and connection rates for
 * lmtpd's listener (Postfix's anvil idea: smtpd_client_connection_count_limit,
 * smtpd_client_connection_rate_limit per anvil_rate_time_unit), so one
 * address cannot take every process_limit slot.  Kept by the master, which
 * sees every accept and every session's end.
 */
#ifndef STAFETA_LMTP_ANVIL_H
#define STAFETA_LMTP_ANVIL_H

#include <stddef.h>
#include <stdint.h>
#include "compat.h"

#define LMTP_ANVIL_MAX 4096   /* addresses remembered at once */

enum lmtp_anvil_verdict {
	LMTP_ANVIL_OK,        /* counted: call lmtp_anvil_disconnect() when it ends */
	LMTP_ANVIL_COUNT,     /* over the concurrency limit: not counted */
	LMTP_ANVIL_RATE,      /* over the rate limit: not counted */
};

struct lmtp_anvil_limits {
	long long count_limit;   /* sessions at once per address; 0 = no limit */
	long long rate_limit;    /* connection attempts per unit; 0 = no limit */
	int64_t unit_ms;         /* the rate's time unit */
};

struct lmtp_anvil;

struct lmtp_anvil *lmtp_anvil_new(const struct lmtp_anvil_limits *lim);
void lmtp_anvil_free(struct lmtp_anvil **ap);

/* A connection attempt from addr (numeric) at now_ms (monotonic).  Every
   attempt counts towards the rate, refused ones too (Postfix's "connection
   attempts"); a session is counted only with LMTP_ANVIL_OK.  When the table
   is full of live addresses a new one is let through uncounted for the rate
   (its sessions are still bounded by process_limit) but counted for the
   concurrency limit when there is room. */
enum lmtp_anvil_verdict lmtp_anvil_connect(struct lmtp_anvil *a, const char *addr,
					   int64_t now_ms);
/* A session from addr that lmtp_anvil_connect() counted has ended. */
void lmtp_anvil_disconnect(struct lmtp_anvil *a, const char *addr);
/* Sessions counted for addr now (tests). */
long long lmtp_anvil_sessions(const struct lmtp_anvil *a, const char *addr);

#endif
