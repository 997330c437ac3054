/*
 * auth_sasl.h - the server side of SASL for imaplogin (AUTHENTICATE) and
 * pop3login (AUTH): PLAIN, LOGIN, CRAM-MD5, CRAM-SHA1, CRAM-SHA256.
 *
 * The engine runs the whole challenge/response exchange over the caller's
 * struct stream: each challenge is written as prefix + base64 + "\r\n"
 * (prefix "+ " for IMAP and POP3) and flushed, each response is read as one
 * line of base64; a line "*" aborts.  It then asks authdaemond (PLAIN and
 * LOGIN as authtype "login", CRAM as "cram-md5"/"cram-sha1"/"cram-sha256"
 * with the challenge and response) through courierauth.h.  The caller writes
 * the final tagged/+OK/-ERR reply itself.
 */
#ifndef STAFETA_AUTH_SASL_H
#define STAFETA_AUTH_SASL_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"
#include "courierauth.h"

struct buf;
struct stream;

enum auth_sasl_result {
	AUTH_SASL_OK = 0,    /* logged in; *ai filled */
	AUTH_SASL_FAIL,      /* daemon said FAIL: wrong password / unknown user */
	AUTH_SASL_TEMPFAIL,  /* daemon unreachable or no answer ("Temporary problem") */
	AUTH_SASL_ABORTED,   /* the client answered a challenge with "*" */
	AUTH_SASL_BADPROTO,  /* malformed base64, bad PLAIN/CRAM layout, NUL or LF
				in a name or password, over-long response */
	AUTH_SASL_NOMECH,    /* unknown mechanism, or PLAIN/LOGIN while
				allow_plaintext is false */
	AUTH_SASL_IOERR      /* EOF, read timeout or write error on the stream:
				the caller should close the session */
};

struct auth_sasl_params {
	const char *service;        /* sent to authdaemond: "imap", "pop3", ... */
	const char *prefix;         /* before each challenge: "+ " */
	const char *hostname;       /* in CRAM challenges; NULL = gethostname() */
	bool        allow_plaintext; /* PLAIN and LOGIN permitted here */
};

/* Longest base64 response line accepted (bytes); longer -> AUTH_SASL_BADPROTO. */
#define AUTH_SASL_LINE_MAX 8192

/* Run mechanism mech (case-insensitive) with an optional initial response
   (NULL = none: the engine sends an empty challenge first for PLAIN; "=" =
   an empty initial response, RFC 4959/5034).  On AUTH_SASL_OK *ai is filled
   (auth_info_free() it).  *authuser_r, when authuser_r is non-NULL, receives
   the authentication identity as soon as it is known (malloc'ed, NULL if not
   known) so failures can be logged with the user; the caller frees it.
   Challenges are flushed before each read; the stream's own read timeout
   bounds each wait. */
ATTR_WARN_UNUSED enum auth_sasl_result auth_sasl(struct stream *s, const struct auth_sasl_params *p,
						 const char *mech, const char *initial_response,
						 struct auth_info *ai, char **authuser_r);

/* True if mech (case-insensitive) is one the engine implements. */
bool auth_sasl_mech_known(const char *mech);
/* True for PLAIN and LOGIN (cleartext password on the wire). */
bool auth_sasl_mech_is_plaintext(const char *mech);
/* "PLAIN LOGIN CRAM-MD5 CRAM-SHA1 CRAM-SHA256" (or without PLAIN LOGIN when
   plaintext is false): for CAPA "SASL ..." lines. */
const char *auth_sasl_mech_list(bool plaintext);

/* Building blocks, exposed for tests and fuzzing. */
/* Decode standard base64 (with '=' padding, no white space) into out.
   0, or -1 on any invalid character/length or if out's max is too small. */
int auth_base64_decode(const char *in, size_t n, struct buf *out);
/* Encode n bytes of in, appended to out; -1 only if out's max is too small. */
int auth_base64_encode(const void *in, size_t n, struct buf *out);
/* Split a decoded PLAIN message "authzid\0authcid\0passwd" into user and
   password (authzid must be empty or equal to authcid).  0, or -1 when the
   layout is wrong or a part contains NUL/LF/CR.  Outputs malloc'ed. */
int auth_sasl_plain_split(const char *msg, size_t n, char **user_r, char **pass_r);

#endif
