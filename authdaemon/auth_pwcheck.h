/*
 * auth_pwcheck.h - verify a password against a stored hash in any format
 * Courier's authcheckpassword() accepts (userdb.md section 4), verify CRAM
 * responses against stored HMAC states (section 5), and make new hashes
 * (userdbpw, password change).
 */
#ifndef STAFETA_AUTH_PWCHECK_H
#define STAFETA_AUTH_PWCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "auth_hash.h"
#include "compat.h"

struct buf;

/* 0 when password matches stored, -1 otherwise (also for a malformed or
   empty hash).  Formats: {MD5} {MD5RAW} {SHA} {SSHA} {SHA256} {SHA512}
   {CRYPT} (prefixes case-insensitive), anything else through crypt(3):
   DES, $1$, $5$, $6$, $2b$, $y$ ...  The final comparison is constant-time. */
ATTR_WARN_UNUSED int auth_pw_check(const char *password, const char *stored);

/* Constant-time equality of two byte strings (lengths compared too). */
bool auth_const_eq(const void *a, size_t alen, const void *b, size_t blen);

/* New hashes, appended to out (0, or -1 on error with errno):
   "md5"    -> $1$ MD5-crypt with 8 random salt characters
   "sha256" -> $5$, "sha512" -> $6$, "yescrypt" -> $y$ (libcrypt)
   "des"    -> traditional DES crypt (Courier userdbpw's default)
   "hmac-md5", "hmac-sha1", "hmac-sha256" -> Courier's CRAM secret (hex)
   "{SHA512}" etc are not produced (authlib never writes them for userdb). */
ATTR_WARN_UNUSED int auth_pw_hash(const char *scheme, const char *password, struct buf *out);

/* Courier's CRAM secret: hex of the outer and inner HMAC states of key. */
ATTR_WARN_UNUSED int auth_hmac_secret_hex(enum auth_hash_alg alg, const char *key, struct buf *out);

/* Verify a CRAM response: digest_hex (from the client, case-insensitive)
   must equal HMAC(secret, challenge) where secret_hex is the stored state
   pair.  0 = match, -1 = mismatch or malformed. */
ATTR_WARN_UNUSED int auth_cram_verify(enum auth_hash_alg alg, const char *secret_hex,
				      const void *challenge, size_t chlen,
				      const char *digest_hex);

/* "cram-md5" -> AUTH_HASH_MD5 ...: 0, or -1 if authtype is not a CRAM type.
   Case-sensitive, as Courier's daemon ("CRAM-MD5" is answered FAIL). */
int auth_cram_alg(const char *authtype, enum auth_hash_alg *alg_r);
/* "md5", "sha1", "sha256" (the userdb field infix). */
const char *auth_cram_name(enum auth_hash_alg alg);

#endif
