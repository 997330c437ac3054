/*
 * log.h - the one logging interface.  One line per record, Courier's wording:
 *   "INFO: LOGIN, user=alice, ip=[192.0.2.7], port=[51234], protocol=IMAP"
 * To stderr by default (couriertcpd -stderrlogger / courierlogger pick it up),
 * or to syslog after log_open_syslog().
 */
#ifndef STAFETA_LOG_H
#define STAFETA_LOG_H

#include <stddef.h>
#include "compat.h"

struct buf;

enum log_level { LOGL_DEBUG, LOGL_INFO, LOGL_WARN, LOGL_ERR, LOGL_CRIT, LOGL_ALERT };

/* stderr, records prefixed "LEVEL: ".  progname is kept for syslog and die(). */
void log_init(const char *progname);
/* Switch to syslog(3) with this facility (LOG_MAIL, ...). */
void log_open_syslog(int facility);
/* Let go of the syslog socket before a child closes every other fd (the
   next message connects again).  No-op when logging goes to stderr. */
void log_detach_syslog(void);
/* Records below this level are dropped (default LOGL_DEBUG: all). */
void log_set_min_level(enum log_level lvl);
/* Add "progname: " before each stderr record (for tools run by hand). */
void log_set_prefix_progname(int on);
/* "2026-12-02T18:26:03Z " before each stderr record (UTC); log_init() turns it
   on when STAFETA_LOG_TIME=1 (mailctl sets it for services writing to their
   own log files). */
void log_set_timestamps(int on);

/* The connection's context, carried into log_conn() records.  NULL clears.
   The strings are copied (user through the log_safe() rules). */
void log_set_context(const char *ip, const char *port);
void log_set_user(const char *user);

void log_msg(enum log_level lvl, const char *fmt, ...) ATTR_PRINTF(2, 3);
/* "EVENT, user=U, ip=[IP], port=[PORT]" then ", " + fmt if fmt is non-NULL and
   non-empty; user= only when set. */
void log_conn(enum log_level lvl, const char *event, const char *fmt, ...) ATTR_PRINTF(3, 4);

/* The environment is broken (config, disk): log and exit(exitcode). */
NORETURN void die(int exitcode, const char *fmt, ...) ATTR_PRINTF(2, 3);
/* Our own bug: log and abort(). */
NORETURN void panic(const char *fmt, ...) ATTR_PRINTF(1, 2);

/* Escape untrusted text for a log line: bytes outside 0x20-0x7e and '\' as
   \xHH, cut to max input bytes with "..." appended.  The result lives in tmp. */
const char *log_safe(struct buf *tmp, const char *untrusted, size_t max);
/* Same, for binary data of length n. */
const char *log_safe_n(struct buf *tmp, const void *untrusted, size_t n, size_t max);

#endif
