/*
 * auth_hash.c - MD5 (RFC 1321), SHA-1/SHA-256/SHA-512 (FIPS 180-4), HMAC
 * (RFC 2104) with exportable intermediate state for Courier's CRAM secrets.
 *
 * Trust:   input bytes are arbitrary; no input changes control flow.
 * Limits:  none needed: constant memory.
 * Tests:   tests/unit/authdaemon/test_hash.c (RFC/FIPS vectors, HMAC vectors)
 */
#include "config.h"

#include <string.h>

#include "auth_hash.h"
#include "xmalloc.h"

#define ROL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

static void put_be64(unsigned char *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

/* ---- MD5 ---------------------------------------------------------------- */

static const uint32_t md5_k[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
};
static const unsigned char md5_r[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
};

static void md5_block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (int i = 0; i < 16; i++)
		w[i] = le32(p + 4 * i);
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;

		if (i < 16) {
			f = (b & c) | (~b & d); g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c); g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = b ^ c ^ d; g = (3 * i + 5) % 16;
		} else {
			f = c ^ (b | ~d); g = (7 * i) % 16;
		}
		f = f + a + md5_k[i] + w[g];
		a = d; d = c; c = b;
		b = b + ROL32(f, md5_r[i]);
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
}

/* ---- SHA-1 -------------------------------------------------------------- */

static void sha1_block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

	for (int i = 0; i < 16; i++)
		w[i] = be32(p + 4 * i);
	for (int i = 16; i < 80; i++)
		w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k, t;

		if (i < 20) {
			f = (b & c) | (~b & d); k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d; k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d; k = 0xca62c1d6;
		}
		t = ROL32(a, 5) + f + e + k + w[i];
		e = d; d = c; c = ROL32(b, 30); b = a; a = t;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

/* ---- SHA-256 ------------------------------------------------------------ */

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static void sha256_block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[64], v[8];

	for (int i = 0; i < 16; i++)
		w[i] = be32(p + 4 * i);
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR32(w[i - 15], 7) ^ ROR32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR32(w[i - 2], 17) ^ ROR32(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof(v));
	for (int i = 0; i < 64; i++) {
		uint32_t S1 = ROR32(v[4], 6) ^ ROR32(v[4], 11) ^ ROR32(v[4], 25);
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t t1 = v[7] + S1 + ch + sha256_k[i] + w[i];
		uint32_t S0 = ROR32(v[0], 2) ^ ROR32(v[0], 13) ^ ROR32(v[0], 22);
		uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
		uint32_t t2 = S0 + maj;

		v[7] = v[6]; v[6] = v[5]; v[5] = v[4]; v[4] = v[3] + t1;
		v[3] = v[2]; v[2] = v[1]; v[1] = v[0]; v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

/* ---- SHA-512 ------------------------------------------------------------ */

static const uint64_t sha512_k[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
	0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
	0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
	0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
	0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
	0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
	0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
	0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
	0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
	0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
	0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
	0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
	0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
	0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL
};

static void sha512_block(uint64_t *h, const unsigned char *p)
{
	uint64_t w[80], v[8];

	for (int i = 0; i < 16; i++)
		w[i] = be64(p + 8 * i);
	for (int i = 16; i < 80; i++) {
		uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
		uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof(v));
	for (int i = 0; i < 80; i++) {
		uint64_t S1 = ROR64(v[4], 14) ^ ROR64(v[4], 18) ^ ROR64(v[4], 41);
		uint64_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint64_t t1 = v[7] + S1 + ch + sha512_k[i] + w[i];
		uint64_t S0 = ROR64(v[0], 28) ^ ROR64(v[0], 34) ^ ROR64(v[0], 39);
		uint64_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
		uint64_t t2 = S0 + maj;

		v[7] = v[6]; v[6] = v[5]; v[5] = v[4]; v[4] = v[3] + t1;
		v[3] = v[2]; v[2] = v[1]; v[1] = v[0]; v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

/* ---- generic ------------------------------------------------------------ */

size_t auth_hash_digest_len(enum auth_hash_alg alg)
{
	switch (alg) {
	case AUTH_HASH_MD5: return 16;
	case AUTH_HASH_SHA1: return 20;
	case AUTH_HASH_SHA256: return 32;
	case AUTH_HASH_SHA512: return 64;
	}
	return 0;
}

size_t auth_hash_block_len(enum auth_hash_alg alg)
{
	return alg == AUTH_HASH_SHA512 ? 128 : 64;
}

void auth_hash_init(struct auth_hash_ctx *c, enum auth_hash_alg alg)
{
	static const uint32_t md5_iv[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	static const uint32_t sha1_iv[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
	static const uint32_t sha256_iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	static const uint64_t sha512_iv[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
		0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL };

	memset(c, 0, sizeof(*c));
	c->alg = alg;
	switch (alg) {
	case AUTH_HASH_MD5: memcpy(c->st.s32, md5_iv, sizeof(md5_iv)); break;
	case AUTH_HASH_SHA1: memcpy(c->st.s32, sha1_iv, sizeof(sha1_iv)); break;
	case AUTH_HASH_SHA256: memcpy(c->st.s32, sha256_iv, sizeof(sha256_iv)); break;
	case AUTH_HASH_SHA512: memcpy(c->st.s64, sha512_iv, sizeof(sha512_iv)); break;
	}
}

static void hash_block(struct auth_hash_ctx *c, const unsigned char *p)
{
	switch (c->alg) {
	case AUTH_HASH_MD5: md5_block(c->st.s32, p); break;
	case AUTH_HASH_SHA1: sha1_block(c->st.s32, p); break;
	case AUTH_HASH_SHA256: sha256_block(c->st.s32, p); break;
	case AUTH_HASH_SHA512: sha512_block(c->st.s64, p); break;
	}
}

void auth_hash_update(struct auth_hash_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t bl = auth_hash_block_len(c->alg);

	c->total += n;
	if (c->blen > 0) {
		size_t take = bl - c->blen < n ? bl - c->blen : n;

		memcpy(c->blk + c->blen, p, take);
		c->blen += take; p += take; n -= take;
		if (c->blen < bl)
			return;
		hash_block(c, c->blk);
		c->blen = 0;
	}
	while (n >= bl) {
		hash_block(c, p);
		p += bl; n -= bl;
	}
	memcpy(c->blk, p, n);
	c->blen = n;
}

void auth_hash_export_state(const struct auth_hash_ctx *c, unsigned char *out)
{
	switch (c->alg) {
	case AUTH_HASH_MD5:
		for (int i = 0; i < 4; i++)
			put_le32(out + 4 * i, c->st.s32[i]);
		break;
	case AUTH_HASH_SHA1:
		for (int i = 0; i < 5; i++)
			put_be32(out + 4 * i, c->st.s32[i]);
		break;
	case AUTH_HASH_SHA256:
		for (int i = 0; i < 8; i++)
			put_be32(out + 4 * i, c->st.s32[i]);
		break;
	case AUTH_HASH_SHA512:
		for (int i = 0; i < 8; i++)
			put_be64(out + 8 * i, c->st.s64[i]);
		break;
	}
}

void auth_hash_import_state(struct auth_hash_ctx *c, enum auth_hash_alg alg,
			    const unsigned char *state)
{
	auth_hash_init(c, alg);
	switch (alg) {
	case AUTH_HASH_MD5:
		for (int i = 0; i < 4; i++)
			c->st.s32[i] = le32(state + 4 * i);
		break;
	case AUTH_HASH_SHA1:
		for (int i = 0; i < 5; i++)
			c->st.s32[i] = be32(state + 4 * i);
		break;
	case AUTH_HASH_SHA256:
		for (int i = 0; i < 8; i++)
			c->st.s32[i] = be32(state + 4 * i);
		break;
	case AUTH_HASH_SHA512:
		for (int i = 0; i < 8; i++)
			c->st.s64[i] = be64(state + 8 * i);
		break;
	}
	c->total = auth_hash_block_len(alg);
}

void auth_hash_final(struct auth_hash_ctx *c, unsigned char *out)
{
	size_t bl = auth_hash_block_len(c->alg);
	size_t lenbytes = c->alg == AUTH_HASH_SHA512 ? 16 : 8;
	uint64_t bits = c->total * 8;
	unsigned char pad[AUTH_HASH_MAX_BLOCK * 2];
	size_t padlen;

	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	padlen = (c->blen + 1 + lenbytes <= bl) ? bl - c->blen : 2 * bl - c->blen;
	if (c->alg == AUTH_HASH_MD5) {
		put_le32(pad + padlen - 8, (uint32_t)bits);
		put_le32(pad + padlen - 4, (uint32_t)(bits >> 32));
	} else {
		put_be64(pad + padlen - 8, bits);
	}
	c->total -= padlen;   /* keep total meaningful only before final */
	auth_hash_update(c, pad, padlen);
	auth_hash_export_state(c, out);
	secure_zero(c, sizeof(*c));
}

void auth_hash(enum auth_hash_alg alg, const void *p, size_t n, unsigned char *out)
{
	struct auth_hash_ctx c;

	auth_hash_init(&c, alg);
	auth_hash_update(&c, p, n);
	auth_hash_final(&c, out);
}

void auth_hmac_precompute(enum auth_hash_alg alg, const void *key, size_t keylen,
			  unsigned char *out)
{
	size_t bl = auth_hash_block_len(alg), dl = auth_hash_digest_len(alg);
	unsigned char k[AUTH_HASH_MAX_BLOCK], blk[AUTH_HASH_MAX_BLOCK];
	struct auth_hash_ctx c;

	memset(k, 0, sizeof(k));
	if (keylen > bl)
		auth_hash(alg, key, keylen, k);
	else if (keylen > 0)
		memcpy(k, key, keylen);
	for (size_t i = 0; i < bl; i++)
		blk[i] = k[i] ^ 0x5c;
	auth_hash_init(&c, alg);
	auth_hash_update(&c, blk, bl);
	auth_hash_export_state(&c, out);
	for (size_t i = 0; i < bl; i++)
		blk[i] = k[i] ^ 0x36;
	auth_hash_init(&c, alg);
	auth_hash_update(&c, blk, bl);
	auth_hash_export_state(&c, out + dl);
	secure_zero(k, sizeof(k));
	secure_zero(blk, sizeof(blk));
	secure_zero(&c, sizeof(c));
}

void auth_hmac_from_states(enum auth_hash_alg alg, const unsigned char *states,
			   const void *msg, size_t n, unsigned char *out)
{
	size_t dl = auth_hash_digest_len(alg);
	unsigned char inner[AUTH_HASH_MAX_DIGEST];
	struct auth_hash_ctx c;

	auth_hash_import_state(&c, alg, states + dl);
	auth_hash_update(&c, msg, n);
	auth_hash_final(&c, inner);
	auth_hash_import_state(&c, alg, states);
	auth_hash_update(&c, inner, dl);
	auth_hash_final(&c, out);
	secure_zero(inner, sizeof(inner));
}

void auth_hmac(enum auth_hash_alg alg, const void *key, size_t keylen,
	       const void *msg, size_t n, unsigned char *out)
{
	unsigned char st[2 * AUTH_HASH_MAX_DIGEST];

	auth_hmac_precompute(alg, key, keylen, st);
	auth_hmac_from_states(alg, st, msg, n, out);
	secure_zero(st, sizeof(st));
}
