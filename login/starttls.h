/*
 * starttls.h - STARTTLS/STLS for the login programs (login/liblogin.a).
 *
 * imaplogin and pop3login link login/liblogin.a (with $(LIBSTAFETA))
 * and call starttls_start() after they have sent their "Begin SSL/TLS
 * negotiation now." reply.  It spawns
 *
 *     couriertls -server -tcpd -localfd=3 -statusfd=4 [-user=U]
 *
 * with the client socket as couriertls's stdin/stdout and one end of a
 * socketpair as fd 3, waits until the handshake is done (or failed), exports
 * the TLS state into this process's environment as Courier does, and hands
 * back the other end of the socketpair: plaintext from then on.  couriertls
 * stays running as the relay (a child of this process; it ends when either
 * side closes).
 *
 * Caller's part, in this order:
 *   1. flush the OK reply, call starttls_start();
 *   2. on success, stream_set_fds(s, rfd, wfd): this discards any plaintext
 *      the client pipelined before the handshake (CVE-2021-38084);
 *   3. set IMAP_TLS=1, IMAP_STARTTLS=NO, IMAP_TLS_REQUIRED=0 (POP3_* for
 *      pop3login) and go on; a later exec of imapd/pop3d inherits fds 0/1.
 * On failure the client is mid-handshake and cannot be spoken to in
 * plaintext any more: log the reason and end the session.
 *
 * Environment exported on success (setenv, visible to the post-auth program):
 *   TLS_CONNECTED_PROTOCOL  Courier's form, e.g. "TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384"
 *   TLS_PROTOCOL_VERSION    e.g. "TLS1.3"
 *   TLS_CIPHER              e.g. "AES-256-GCM"
 *   TLS_SUBJECT_<FIELD>     one per subject field of a verified client
 *                           certificate, names upper-cased (TLS_SUBJECT_CN,
 *                           TLS_SUBJECT_EMAILADDRESS, ...); none without one
 * couriertls reads its own settings (TLS_CERTFILE, TLS_PRIORITY, ...) from
 * the environment it inherits from this process.
 */
#ifndef STAFETA_STARTTLS_H
#define STAFETA_STARTTLS_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

#define STARTTLS_TIMEOUT_DEFAULT 60     /* seconds for the whole handshake */
#define STARTTLS_STATUS_MAX      16384  /* bytes of status couriertls may send */

struct starttls_opts {
	const char *couriertls;  /* path of couriertls ($COURIERTLS); required */
	const char *user;        /* passed as -user= (couriertls drops to it after
				    loading key and cert); NULL = couriertls's
				    default ($TLS_USER, else no change) */
	int client_fd;           /* the client socket; 0 under couriertcpd */
	int timeout_secs;        /* <= 0: STARTTLS_TIMEOUT_DEFAULT */
};

/* true when path names an executable regular file: STARTTLS/STLS is offered
   only then (Courier: "$COURIERTLS is executable"). */
bool starttls_available(const char *couriertls);

/* Run the handshake through couriertls as described above.
   On success returns 0 with *rfd_r and *wfd_r set to the plaintext fds:
   when client_fd is 0, fds 0 and 1 now both refer to the plaintext socket
   (the client socket is no longer open in this process) and *rfd_r = 0,
   *wfd_r = 1; otherwise client_fd is closed and both are a new fd.
   On failure returns -1 with *error_r (e.g. "TLS handshake failed: An
   unexpected TLS packet was received."; valid until the next call); the
   client socket is left open as it was.  Needs SIGCHLD not ignored (couriertls is reaped by the
   caller's later exit or exec). */
ATTR_WARN_UNUSED int starttls_start(const struct starttls_opts *o, int *rfd_r, int *wfd_r,
				    const char **error_r);

/* Parse couriertls's status block (the -statusfd protocol, text lines
   "NAME=value", then "OK" or "ERROR=reason") and, when it ends in OK,
   setenv() every TLS_* variable it names.  0 = OK; -1 with *error_r (valid
   until the next call) when the block says ERROR, is malformed, or names a
   variable outside TLS_*.  Exposed for tests; starttls_start() calls it. */
ATTR_WARN_UNUSED int starttls_parse_status(const char *text, size_t n, const char **error_r);

#endif
