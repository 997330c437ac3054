/*
 * authd_penalty.h - a failed-login penalty per client address, shared by
 * every authdaemond worker (Dovecot's auth_penalty idea): the login
 * processes all ask authdaemond, so guessing from many connections at once
 * is slowed as much as guessing on one.  After AUTHD_PENALTY_FREE failures
 * from an address, AUTH requests from it fail at once, without a password
 * check, for a window that doubles with each further failure up to
 * AUTHD_PENALTY_MAX_MS; other addresses, the same user from elsewhere, and
 * PRE lookups are never affected.  State lives in memory shared by the
 * master and its workers (mapped before they fork), and is forgotten
 * AUTHD_PENALTY_RESET_MS after an address's last failure.
 */
#ifndef STAFETA_AUTHD_PENALTY_H
#define STAFETA_AUTHD_PENALTY_H

#include <stdint.h>
#include "compat.h"

#define AUTHD_PENALTY_SLOTS     4096            /* addresses remembered */
#define AUTHD_PENALTY_FREE      3               /* failures without a penalty */
#define AUTHD_PENALTY_BASE_MS   1000            /* window after the first penalised one */
#define AUTHD_PENALTY_MAX_MS    15000           /* longest window */
#define AUTHD_PENALTY_RESET_MS  (15 * 60 * 1000) /* forget an address after this */

/* Map the shared table (call once, before forking workers).  0, or -1 with
   errno: then there is no penalty (every check says 0). */
int authd_penalty_init(void);
/* Milliseconds addr must still wait before its next AUTH is checked (0 =
   now).  addr NULL or "" (no TCPREMOTEIP) is never penalised. */
int64_t authd_penalty_wait(const char *addr, int64_t now_ms);
/* Record a failed AUTH from addr at now_ms (also one refused for the
   penalty: guessing on keeps the window open). */
void authd_penalty_fail(const char *addr, int64_t now_ms);
/* Failures counted for addr (tests). */
unsigned authd_penalty_failures(const char *addr, int64_t now_ms);

#endif
