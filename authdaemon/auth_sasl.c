/*
 * auth_sasl.c - server-side SASL (PLAIN RFC 4616, LOGIN, CRAM-MD5 RFC 2195,
 * CRAM-SHA1, CRAM-SHA256) over a line stream, and base64 (RFC 4648).
 *
 * Trust:   every response line is hostile: length-capped, strictly decoded,
 *          names and passwords with NUL/CR/LF refused before they reach the
 *          daemon request.
 * Runs as: imaplogin/pop3login (root, pre-auth).
 * Limits:  AUTH_SASL_LINE_MAX per response; the stream's read timeout.
 * Tests:   tests/unit/authdaemon/test_sasl.c, tests/fuzz/fuzz_sasl.c
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "auth_sasl.h"
#include "buf.h"
#include "stream.h"
#include "xmalloc.h"

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int auth_base64_encode(const void *in, size_t n, struct buf *out)
{
	const unsigned char *p = in;
	char q[4];

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64chars[(v >> 18) & 63];
		q[1] = b64chars[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64chars[v & 63] : '=';
		if (buf_append(out, q, 4) < 0)
			return -1;
	}
	if (out->data == NULL && buf_append(out, "", 0) < 0)
		return -1;
	return 0;
}

static int b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int auth_base64_decode(const char *in, size_t n, struct buf *out)
{
	size_t start = out->len;

	if (n % 4 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4], pad = 0;
		unsigned char o[3];

		for (int j = 0; j < 4; j++) {
			unsigned char c = (unsigned char)in[i + j];

			if (c == '=' && i + 4 == n && j >= 2) {
				v[j] = 0;
				pad++;
				continue;
			}
			if (pad > 0 || (v[j] = b64val(c)) < 0) {
				buf_truncate(out, start);
				return -1;
			}
		}
		o[0] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		o[1] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		o[2] = (unsigned char)((v[2] & 3) << 6 | v[3]);
		if (buf_append(out, o, (size_t)(3 - pad)) < 0) {
			buf_truncate(out, start);
			return -1;
		}
	}
	if (out->data == NULL && buf_append(out, "", 0) < 0)
		return -1;
	return 0;
}

static bool clean_part(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\0' || p[i] == '\r' || p[i] == '\n')
			return false;
	return true;
}

int auth_sasl_plain_split(const char *msg, size_t n, char **user_r, char **pass_r)
{
	const char *z1 = memchr(msg, '\0', n), *z2;
	size_t zlen, ulen, plen;

	if (z1 == NULL)
		return -1;
	z2 = memchr(z1 + 1, '\0', n - (size_t)(z1 + 1 - msg));
	if (z2 == NULL)
		return -1;
	zlen = (size_t)(z1 - msg);
	ulen = (size_t)(z2 - z1 - 1);
	plen = n - (size_t)(z2 + 1 - msg);
	if (ulen == 0 || !clean_part(msg, zlen) || !clean_part(z1 + 1, ulen) ||
	    !clean_part(z2 + 1, plen))
		return -1;
	if (zlen != 0 && (zlen != ulen || memcmp(msg, z1 + 1, ulen) != 0))
		return -1;
	*user_r = xstrndup(z1 + 1, ulen);
	*pass_r = xstrndup(z2 + 1, plen);
	return 0;
}

bool auth_sasl_mech_known(const char *mech)
{
	return strcasecmp(mech, "PLAIN") == 0 || strcasecmp(mech, "LOGIN") == 0 ||
	       strcasecmp(mech, "CRAM-MD5") == 0 || strcasecmp(mech, "CRAM-SHA1") == 0 ||
	       strcasecmp(mech, "CRAM-SHA256") == 0;
}

bool auth_sasl_mech_is_plaintext(const char *mech)
{
	return strcasecmp(mech, "PLAIN") == 0 || strcasecmp(mech, "LOGIN") == 0;
}

const char *auth_sasl_mech_list(bool plaintext)
{
	return plaintext ? "PLAIN LOGIN CRAM-MD5 CRAM-SHA1 CRAM-SHA256"
			 : "CRAM-MD5 CRAM-SHA1 CRAM-SHA256";
}

static enum auth_sasl_result map_result(enum auth_result r)
{
	switch (r) {
	case AUTH_OK: return AUTH_SASL_OK;
	case AUTH_FAIL: return AUTH_SASL_FAIL;
	case AUTH_TEMPFAIL: return AUTH_SASL_TEMPFAIL;
	}
	return AUTH_SASL_TEMPFAIL;
}

/* Send prefix + base64(data) and read the base64 response, decoded into
   *out (which is reset).  raw, when non-NULL, receives the undecoded line. */
static enum auth_sasl_result challenge(struct stream *s, const struct auth_sasl_params *p,
				       const void *data, size_t n, struct buf *out, struct buf *raw)
{
	struct buf enc = BUF_INIT(AUTH_SASL_LINE_MAX);
	struct buf line = BUF_INIT(AUTH_SASL_LINE_MAX);
	enum auth_sasl_result ret;
	int r;

	if (auth_base64_encode(data, n, &enc) < 0) {
		buf_free(&enc);
		return AUTH_SASL_BADPROTO;
	}
	r = stream_printf(s, "%s%s\r\n", p->prefix != NULL ? p->prefix : "+ ", buf_cstr(&enc));
	buf_free(&enc);
	if (r < 0 || stream_flush(s) < 0)
		return AUTH_SASL_IOERR;
	r = stream_read_line(s, &line);
	if (r == 0 || (r < 0 && errno != EMSGSIZE)) {
		buf_free(&line);
		return AUTH_SASL_IOERR;
	}
	buf_reset(out);
	if (r < 0)
		ret = AUTH_SASL_BADPROTO;
	else if (line.len == 1 && line.data[0] == '*')
		ret = AUTH_SASL_ABORTED;
	else if (auth_base64_decode(buf_cstr(&line), line.len, out) < 0)
		ret = AUTH_SASL_BADPROTO;
	else
		ret = AUTH_SASL_OK;
	if (ret == AUTH_SASL_OK && raw != NULL && buf_set(raw, line.data, line.len) < 0)
		ret = AUTH_SASL_BADPROTO;
	buf_free_secure(&line);
	return ret;
}

/* The initial response decoded into *out: "=" is empty. */
static enum auth_sasl_result initial(const char *ir, struct buf *out)
{
	if (strcmp(ir, "=") == 0)
		return buf_set(out, "", 0) < 0 ? AUTH_SASL_BADPROTO : AUTH_SASL_OK;
	if (strcmp(ir, "*") == 0)
		return AUTH_SASL_ABORTED;
	return auth_base64_decode(ir, strlen(ir), out) < 0 ? AUTH_SASL_BADPROTO : AUTH_SASL_OK;
}

static enum auth_sasl_result do_plain(struct stream *s, const struct auth_sasl_params *p,
				      const char *ir, struct auth_info *ai, char **authuser_r)
{
	struct buf msg = BUF_INIT(AUTH_SASL_LINE_MAX);
	enum auth_sasl_result r;
	char *user = NULL, *pass = NULL;

	r = ir != NULL ? initial(ir, &msg) : challenge(s, p, "", 0, &msg, NULL);
	if (r == AUTH_SASL_OK) {
		if (auth_sasl_plain_split(msg.data, msg.len, &user, &pass) < 0) {
			r = AUTH_SASL_BADPROTO;
		} else {
			if (authuser_r != NULL)
				*authuser_r = xstrdup(user);
			r = map_result(auth_login(p->service, user, pass, ai));
		}
	}
	free(user);
	if (pass != NULL) {
		secure_zero(pass, strlen(pass));
		free(pass);
	}
	buf_free_secure(&msg);
	return r;
}

static enum auth_sasl_result do_login(struct stream *s, const struct auth_sasl_params *p,
				      const char *ir, struct auth_info *ai, char **authuser_r)
{
	struct buf user = BUF_INIT(AUTH_SASL_LINE_MAX), pass = BUF_INIT(AUTH_SASL_LINE_MAX);
	enum auth_sasl_result r;

	r = ir != NULL ? initial(ir, &user) : challenge(s, p, "Username:", 9, &user, NULL);
	if (r == AUTH_SASL_OK && (user.len == 0 || !clean_part(user.data, user.len)))
		r = AUTH_SASL_BADPROTO;
	if (r == AUTH_SASL_OK) {
		if (authuser_r != NULL)
			*authuser_r = xstrdup(user.data);
		r = challenge(s, p, "Password:", 9, &pass, NULL);
	}
	if (r == AUTH_SASL_OK && !clean_part(buf_cstr(&pass), pass.len))
		r = AUTH_SASL_BADPROTO;
	if (r == AUTH_SASL_OK)
		r = map_result(auth_login(p->service, user.data, buf_cstr(&pass), ai));
	buf_free(&user);
	buf_free_secure(&pass);
	return r;
}

static enum auth_sasl_result do_cram(struct stream *s, const struct auth_sasl_params *p,
				     const char *mech, const char *ir, struct auth_info *ai,
				     char **authuser_r)
{
	struct buf chal = BUF_INIT(512), chal64 = BUF_INIT(1024);
	struct buf resp = BUF_INIT(AUTH_SASL_LINE_MAX), resp64 = BUF_INIT(AUTH_SASL_LINE_MAX);
	struct buf data = BUF_INIT(AUTH_REQUEST_MAX);
	char host[256], type[16];
	unsigned char rnd[8];
	enum auth_sasl_result r;
	const char *sp;

	if (ir != NULL)
		return AUTH_SASL_BADPROTO;   /* CRAM starts with the server's challenge */
	if (p->hostname != NULL && *p->hostname != '\0' && strlen(p->hostname) < sizeof(host)) {
		memcpy(host, p->hostname, strlen(p->hostname) + 1);
	} else if (gethostname(host, sizeof(host)) < 0) {
		memcpy(host, "localhost", sizeof("localhost"));
	}
	host[sizeof(host) - 1] = '\0';
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return AUTH_SASL_TEMPFAIL;
	if (buf_printf(&chal, "<%02x%02x%02x%02x%02x%02x%02x%02x.%lld@%s>", rnd[0], rnd[1],
		       rnd[2], rnd[3], rnd[4], rnd[5], rnd[6], rnd[7], (long long)time(NULL),
		       host) < 0 ||
	    auth_base64_encode(chal.data, chal.len, &chal64) < 0) {
		r = AUTH_SASL_TEMPFAIL;
		goto out;
	}
	r = challenge(s, p, chal.data, chal.len, &resp, &resp64);
	if (r != AUTH_SASL_OK)
		goto out;
	/* "user hexdigest": the user is everything before the last space. */
	sp = resp.len > 0 ? memrchr(resp.data, ' ', resp.len) : NULL;
	if (sp == NULL || sp == resp.data || !clean_part(resp.data, resp.len)) {
		r = AUTH_SASL_BADPROTO;
		goto out;
	}
	if (authuser_r != NULL)
		*authuser_r = xstrndup(resp.data, (size_t)(sp - resp.data));
	for (size_t i = 0; mech[i] != '\0' && i < sizeof(type) - 1; i++)
		type[i] = (char)(mech[i] >= 'A' && mech[i] <= 'Z' ? mech[i] + 32 : mech[i]);
	type[strlen(mech) < sizeof(type) - 1 ? strlen(mech) : sizeof(type) - 1] = '\0';
	if (buf_printf(&data, "%s\n%s\n", chal64.data, resp64.data) < 0) {
		r = AUTH_SASL_BADPROTO;
		goto out;
	}
	r = map_result(auth_generic(p->service, type, data.data, ai));
out:
	buf_free(&chal);
	buf_free(&chal64);
	buf_free(&resp);
	buf_free(&resp64);
	buf_free(&data);
	return r;
}

enum auth_sasl_result auth_sasl(struct stream *s, const struct auth_sasl_params *p,
				const char *mech, const char *initial_response,
				struct auth_info *ai, char **authuser_r)
{
	auth_info_init(ai);
	if (authuser_r != NULL)
		*authuser_r = NULL;
	if (!auth_sasl_mech_known(mech))
		return AUTH_SASL_NOMECH;
	if (auth_sasl_mech_is_plaintext(mech) && !p->allow_plaintext)
		return AUTH_SASL_NOMECH;
	if (initial_response != NULL && strlen(initial_response) > AUTH_SASL_LINE_MAX)
		return AUTH_SASL_BADPROTO;
	if (strcasecmp(mech, "PLAIN") == 0)
		return do_plain(s, p, initial_response, ai, authuser_r);
	if (strcasecmp(mech, "LOGIN") == 0)
		return do_login(s, p, initial_response, ai, authuser_r);
	return do_cram(s, p, mech, initial_response, ai, authuser_r);
}
