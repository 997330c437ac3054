/*
 * auth_pwcheck.c - password hash verification and generation, CRAM checks.
 *
 * Trust:   the password comes from the network; the stored hash from the
 *          admin's userdb or shadow file (still parsed defensively).
 * Limits:  passwords over AUTH_PW_MAX bytes are refused before hashing.
 * Errors:  any malformed hash is a mismatch, never a crash.
 * Tests:   tests/unit/authdaemon/test_pwcheck.c (vectors for every format)
 */
#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "auth_pwcheck.h"
#include "auth_sasl.h"
#include "buf.h"
#include "hex.h"
#include "xmalloc.h"

#define AUTH_PW_MAX 4096

bool auth_const_eq(const void *a, size_t alen, const void *b, size_t blen)
{
	const volatile unsigned char *pa = a, *pb = b;
	unsigned char diff = (unsigned char)(alen != blen);
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++)
		diff |= pa[i] ^ pb[i];
	return diff == 0;
}

static int check_digest_b64(enum auth_hash_alg alg, const char *pw, const char *b64)
{
	unsigned char d[AUTH_HASH_MAX_DIGEST];
	struct buf enc = BUF_INIT(256);
	int ret;

	auth_hash(alg, pw, strlen(pw), d);
	if (auth_base64_encode(d, auth_hash_digest_len(alg), &enc) < 0) {
		buf_free(&enc);
		return -1;
	}
	ret = auth_const_eq(enc.data, enc.len, b64, strlen(b64)) ? 0 : -1;
	buf_free(&enc);
	return ret;
}

static int check_md5raw(const char *pw, const char *hex)
{
	static const char xd[] = "0123456789abcdef";
	unsigned char d[16];
	char out[33];

	auth_hash(AUTH_HASH_MD5, pw, strlen(pw), d);
	for (int i = 0; i < 16; i++) {
		out[2 * i] = xd[d[i] >> 4];
		out[2 * i + 1] = xd[d[i] & 15];
	}
	out[32] = '\0';
	return auth_const_eq(out, 32, hex, strlen(hex)) ? 0 : -1;
}

static int check_ssha(const char *pw, const char *b64)
{
	struct buf raw = BUF_INIT(1024);
	struct auth_hash_ctx c;
	unsigned char d[20];
	int ret = -1;

	if (auth_base64_decode(b64, strlen(b64), &raw) == 0 && raw.len > 20) {
		auth_hash_init(&c, AUTH_HASH_SHA1);
		auth_hash_update(&c, pw, strlen(pw));
		auth_hash_update(&c, raw.data + 20, raw.len - 20);
		auth_hash_final(&c, d);
		ret = auth_const_eq(d, 20, raw.data, 20) ? 0 : -1;
	}
	buf_free(&raw);
	return ret;
}

static int check_crypt(const char *pw, const char *stored)
{
	struct crypt_data *cd;
	const char *res;
	int ret = -1;

	if (*stored == '\0')
		return -1;
	cd = xcalloc(1, sizeof(*cd));
	res = crypt_rn(pw, stored, cd, (int)sizeof(*cd));
	if (res != NULL && res[0] != '*')
		ret = auth_const_eq(res, strlen(res), stored, strlen(stored)) ? 0 : -1;
	secure_zero(cd, sizeof(*cd));
	free(cd);
	return ret;
}

int auth_pw_check(const char *password, const char *stored)
{
	if (password == NULL || stored == NULL || strlen(password) > AUTH_PW_MAX)
		return -1;
	if (strncasecmp(stored, "{MD5}", 5) == 0)
		return check_digest_b64(AUTH_HASH_MD5, password, stored + 5);
	if (strncasecmp(stored, "{MD5RAW}", 8) == 0)
		return check_md5raw(password, stored + 8);
	if (strncasecmp(stored, "{SHA}", 5) == 0)
		return check_digest_b64(AUTH_HASH_SHA1, password, stored + 5);
	if (strncasecmp(stored, "{SSHA}", 6) == 0)
		return check_ssha(password, stored + 6);
	if (strncasecmp(stored, "{SHA256}", 8) == 0)
		return check_digest_b64(AUTH_HASH_SHA256, password, stored + 8);
	if (strncasecmp(stored, "{SHA512}", 8) == 0)
		return check_digest_b64(AUTH_HASH_SHA512, password, stored + 8);
	if (strncasecmp(stored, "{CRYPT}", 7) == 0)
		return check_crypt(password, stored + 7);
	return check_crypt(password, stored);
}

static int random_bytes(void *p, size_t n)
{
	unsigned char *c = p;

	while (n > 0) {
		ssize_t r = getrandom(c, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int crypt_scheme(const char *prefix, const char *password, struct buf *out)
{
	struct crypt_data *cd = xcalloc(1, sizeof(*cd));
	unsigned char rnd[32];
	const char *res = NULL;
	int ret = -1;

	if (random_bytes(rnd, sizeof(rnd)) == 0 &&
	    crypt_gensalt_rn(prefix, 0, (const char *)rnd, (int)sizeof(rnd), cd->setting,
			     (int)sizeof(cd->setting)) != NULL)
		res = crypt_rn(password, cd->setting, cd, (int)sizeof(*cd));
	if (res != NULL && res[0] != '*')
		ret = buf_append_str(out, res);
	else if (errno == 0)
		errno = EINVAL;
	secure_zero(cd, sizeof(*cd));
	free(cd);
	return ret;
}

int auth_hmac_secret_hex(enum auth_hash_alg alg, const char *key, struct buf *out)
{
	static const char xd[] = "0123456789abcdef";
	unsigned char st[2 * AUTH_HASH_MAX_DIGEST];
	size_t n = 2 * auth_hash_digest_len(alg);
	int ret = 0;

	auth_hmac_precompute(alg, key, strlen(key), st);
	for (size_t i = 0; i < n && ret == 0; i++) {
		ret = buf_putc(out, xd[st[i] >> 4]);
		if (ret == 0)
			ret = buf_putc(out, xd[st[i] & 15]);
	}
	secure_zero(st, sizeof(st));
	return ret;
}

int auth_pw_hash(const char *scheme, const char *password, struct buf *out)
{
	if (strlen(password) > AUTH_PW_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (strcmp(scheme, "md5") == 0)
		return crypt_scheme("$1$", password, out);
	if (strcmp(scheme, "sha256") == 0)
		return crypt_scheme("$5$", password, out);
	if (strcmp(scheme, "sha512") == 0)
		return crypt_scheme("$6$", password, out);
	if (strcmp(scheme, "yescrypt") == 0)
		return crypt_scheme("$y$", password, out);
	if (strcmp(scheme, "des") == 0)
		return crypt_scheme("", password, out);
	if (strcmp(scheme, "hmac-md5") == 0)
		return auth_hmac_secret_hex(AUTH_HASH_MD5, password, out);
	if (strcmp(scheme, "hmac-sha1") == 0)
		return auth_hmac_secret_hex(AUTH_HASH_SHA1, password, out);
	if (strcmp(scheme, "hmac-sha256") == 0)
		return auth_hmac_secret_hex(AUTH_HASH_SHA256, password, out);
	errno = EINVAL;
	return -1;
}

/* Exactly n bytes of hex into out; -1 on a bad length or digit. */
static int unhex(const char *hex, unsigned char *out, size_t n)
{
	if (strlen(hex) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit_value(hex[2 * i]), lo = hex_digit_value(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int auth_cram_verify(enum auth_hash_alg alg, const char *secret_hex,
		     const void *challenge, size_t chlen, const char *digest_hex)
{
	size_t dl = auth_hash_digest_len(alg);
	unsigned char st[2 * AUTH_HASH_MAX_DIGEST], want[AUTH_HASH_MAX_DIGEST];
	unsigned char got[AUTH_HASH_MAX_DIGEST];
	int ret = -1;

	if (unhex(secret_hex, st, 2 * dl) == 0 && unhex(digest_hex, got, dl) == 0) {
		auth_hmac_from_states(alg, st, challenge, chlen, want);
		ret = auth_const_eq(want, dl, got, dl) ? 0 : -1;
	}
	secure_zero(st, sizeof(st));
	return ret;
}

int auth_cram_alg(const char *authtype, enum auth_hash_alg *alg_r)
{
	if (strcmp(authtype, "cram-md5") == 0)
		*alg_r = AUTH_HASH_MD5;
	else if (strcmp(authtype, "cram-sha1") == 0)
		*alg_r = AUTH_HASH_SHA1;
	else if (strcmp(authtype, "cram-sha256") == 0)
		*alg_r = AUTH_HASH_SHA256;
	else
		return -1;
	return 0;
}

const char *auth_cram_name(enum auth_hash_alg alg)
{
	switch (alg) {
	case AUTH_HASH_MD5: return "md5";
	case AUTH_HASH_SHA1: return "sha1";
	case AUTH_HASH_SHA256: return "sha256";
	case AUTH_HASH_SHA512: return "sha512";
	}
	return "";
}
