/*
 * authd_penalty.h - a failed-login penalty per client address, shared by
 * every authdaemond worker (Dovecot's auth_penalty idea): the login
 * processes all ask authdaemond, so guessing from many connections at once
 * is slowed as much as guessing on one.  After AUTHD_PENALTY_FREE failures
 * from an address, its next AUTH is answered only when a window has passed
 * since its last failure; the window doubles with each further failure up
 * to AUTHD_PENALTY_MAX_MS.  The password is still checked after the wait, so
 * the right one still logs in (and clears the address's count): slowed, not
 * locked out.  One request per address waits at a time (a worker is held
 * for it); more from that address meanwhile fail at once and count, so an
 * attacker holds at most one worker per address.  Other addresses, the same
 * user from elsewhere, and PRE lookups are never affected.  State lives in
 * memory shared by the master and its workers (mapped before they fork),
 * forgotten AUTHD_PENALTY_RESET_MS after an address's last failure.
 */
#ifndef STAFETA_AUTHD_PENALTY_H
#define STAFETA_AUTHD_PENALTY_H

#include <stdbool.h>
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
/* Become the one request of addr that waits out its window: true, or false
   when another one already waits (refuse this one).  authd_penalty_release()
   afterwards. */
bool authd_penalty_claim(const char *addr, int64_t now_ms);
void authd_penalty_release(const char *addr, int64_t now_ms);
/* Record a failed AUTH from addr at now_ms (also one refused because
   another request of addr waits). */
void authd_penalty_fail(const char *addr, int64_t now_ms);
/* A successful AUTH from addr: its count is cleared. */
void authd_penalty_success(const char *addr, int64_t now_ms);
/* Failures counted for addr (tests). */
unsigned authd_penalty_failures(const char *addr, int64_t now_ms);

#endif
