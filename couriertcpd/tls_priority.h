/*
 * tls_priority.h - the GnuTLS priority string couriertls uses, from Courier's
 * variables: TLS_PRIORITY (used as given), else TLS_PROTOCOL and
 * TLS_CIPHER_LIST (OpenSSL-style names, mapped onto GnuTLS), else the
 * secure default.  Nothing below TLS 1.2 and nothing but AEAD ciphers with
 * forward-secret key exchange is ever produced from the mapped variables.
 */
#ifndef STAFETA_TLS_PRIORITY_H
#define STAFETA_TLS_PRIORITY_H

#include "compat.h"

struct buf;

#define TLS_PRIORITY_INPUT_MAX 4096   /* bytes of one variable */

/* TLS 1.2 and 1.3; AES-GCM, ChaCha20-Poly1305, AES-CCM; ECDHE or DHE. */
#define TLS_PRIORITY_DEFAULT \
	"SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:" \
	"-CIPHER-ALL:+AES-256-GCM:+CHACHA20-POLY1305:+AES-128-GCM:+AES-256-CCM:+AES-128-CCM:" \
	"-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA:+DHE-RSA:" \
	"-CTYPE-ALL:+CTYPE-X509:%SERVER_PRECEDENCE"

/* Build the priority string into out (replacing its content).  Any input
   may be NULL or empty (= not set).  *warning_r is set (else NULL) when a
   setting was raised or ignored for safety (TLS_PROTOCOL=TLSv1, a cipher
   list naming only weak suites, unknown words); the result is still
   usable.  -1 with *error_r only when an input is longer than
   TLS_PRIORITY_INPUT_MAX or out's cap is too small.  Strings returned are
   static. */
ATTR_WARN_UNUSED int tls_priority_build(const char *tls_priority, const char *tls_protocol,
					const char *tls_cipher_list, struct buf *out,
					const char **warning_r, const char **error_r);

#endif
