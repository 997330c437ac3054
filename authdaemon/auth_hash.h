/*
 * auth_hash.h - MD5, SHA-1, SHA-256, SHA-512 and HMAC for password checks
 * and CRAM, with access to the raw chaining state: Courier stores CRAM
 * secrets as the HMAC intermediate states (userdb.md section 5), so the
 * compression function state must be exported and resumed.
 */
#ifndef STAFETA_AUTH_HASH_H
#define STAFETA_AUTH_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "compat.h"

enum auth_hash_alg { AUTH_HASH_MD5, AUTH_HASH_SHA1, AUTH_HASH_SHA256, AUTH_HASH_SHA512 };

#define AUTH_HASH_MAX_DIGEST 64
#define AUTH_HASH_MAX_BLOCK  128

struct auth_hash_ctx {
	enum auth_hash_alg alg;
	union {
		uint32_t s32[8];
		uint64_t s64[8];
	} st;
	uint64_t      total;      /* bytes hashed so far */
	unsigned char blk[AUTH_HASH_MAX_BLOCK];
	size_t        blen;       /* bytes waiting in blk */
};

/* Digest length (16, 20, 32, 64) and block length (64, 64, 64, 128). */
size_t auth_hash_digest_len(enum auth_hash_alg alg);
size_t auth_hash_block_len(enum auth_hash_alg alg);
void auth_hash_init(struct auth_hash_ctx *c, enum auth_hash_alg alg);
void auth_hash_update(struct auth_hash_ctx *c, const void *p, size_t n);
/* Writes auth_hash_digest_len() bytes. */
void auth_hash_final(struct auth_hash_ctx *c, unsigned char *out);
/* One-shot digest. */
void auth_hash(enum auth_hash_alg alg, const void *p, size_t n, unsigned char *out);

/* The chaining state after whole blocks, serialized like a digest (MD5
   little-endian words, SHA big-endian): digest_len bytes.  Only valid when
   a whole number of blocks has been hashed. */
void auth_hash_export_state(const struct auth_hash_ctx *c, unsigned char *out);
/* Resume from an exported state as if one block had been hashed. */
void auth_hash_import_state(struct auth_hash_ctx *c, enum auth_hash_alg alg,
			    const unsigned char *state);

/* Courier's HMAC precomputation: outer state then inner state, each
   digest_len bytes, so out gets 2 * digest_len bytes. */
void auth_hmac_precompute(enum auth_hash_alg alg, const void *key, size_t keylen,
			  unsigned char *out);
/* HMAC from a precomputed pair (as above) over msg; digest_len bytes. */
void auth_hmac_from_states(enum auth_hash_alg alg, const unsigned char *states,
			   const void *msg, size_t n, unsigned char *out);
/* Plain HMAC(key, msg). */
void auth_hmac(enum auth_hash_alg alg, const void *key, size_t keylen,
	       const void *msg, size_t n, unsigned char *out);

#endif
