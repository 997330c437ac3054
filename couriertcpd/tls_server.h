/*
 * tls_server.h - couriertls's GnuTLS server side: credentials from the
 * TLS_* variables, the handshake with a deadline, the TLS state as
 * environment lines, and the relay between the TLS socket and plaintext.
 */
#ifndef STAFETA_TLS_SERVER_H
#define STAFETA_TLS_SERVER_H

#include <stdbool.h>
#include "compat.h"

struct buf;
struct tls_server;

#define TLS_HANDSHAKE_TIMEOUT_MS  60000   /* the whole handshake */
#define TLS_FLUSH_TIMEOUT_MS      60000   /* last output after the program closed */
#define TLS_RELAY_BUF             16384   /* bytes buffered each way */
#define TLS_SUBJECT_FIELDS_MAX    32      /* TLS_SUBJECT_* variables */
#define TLS_SUBJECT_VALUE_MAX     256     /* bytes of one value */
#define TLS_SNI_CERTS_MAX         64      /* $TLS_CERTFILE.<name> files */

/* Courier's variables (NULL or "" = unset). */
struct tls_server_cfg {
	const char *priority, *protocol, *cipher_list;  /* TLS_PRIORITY, TLS_PROTOCOL, TLS_CIPHER_LIST */
	const char *certfile, *keyfile;  /* TLS_CERTFILE, TLS_PRIVATE_KEYFILE */
	const char *dhparams;            /* TLS_DHPARAMS (built-in ffdhe groups if unreadable) */
	const char *trustcerts;          /* TLS_TRUSTCERTS: CA file or directory */
	const char *verifypeer;          /* TLS_VERIFYPEER: NONE, PEER, REQUIREPEER */
	const char *local_ip;            /* TCPLOCALIP: prefer $TLS_CERTFILE.<ip> */
};

/* Load everything that needs root: priority, key, certificates (plus
   $TLS_CERTFILE.<name> files for SNI), DH parameters, trusted CAs.
   NULL with *error_r (valid until the next call); *warning_r for a TLS
   setting that was made safer. */
struct tls_server *tls_server_new(const struct tls_server_cfg *cfg, const char **warning_r,
				  const char **error_r);
void tls_server_free(struct tls_server **tsp);

/* Handshake on rfd/wfd (made non-blocking) within timeout_ms.  On success
   appends the status block lines to status ("TLS_CONNECTED_PROTOCOL=...",
   "TLS_SUBJECT_CN=...", then "OK") and returns 0; -1 with *error_r. */
ATTR_WARN_UNUSED int tls_server_handshake(struct tls_server *ts, int rfd, int wfd,
					  int timeout_ms, struct buf *status,
					  const char **error_r);

/* Relay until the plaintext side (localfd) has closed and its output is
   sent, or the client is gone and localfd has been told (shutdown).
   Returns 0 on a clean end, -1 after an error (logged). */
int tls_server_relay(struct tls_server *ts, int localfd);

/* Map a subject attribute name to the variable suffix ("CN" -> "CN",
   "emailAddress"/"EMAIL" -> "EMAILADDRESS", others upper-cased with
   characters outside A-Z0-9_ as '_'); false if empty or too long (>= n). */
bool tls_subject_var_name(const char *attr, char *out, size_t n);

#endif
