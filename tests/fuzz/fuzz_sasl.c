/*
 * fuzz_sasl.c - libFuzzer target for the SASL engine's parsers and the
 * password checks that need no crypt(3) work factor: base64 decoding, the
 * PLAIN layout, {SCHEME} hash verification, CRAM verification, and a whole
 * exchange (mechanism chosen by the first byte, the rest as client lines)
 * with no daemon behind it.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_sasl runs corpus/sasl/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth_pwcheck.h"
#include "auth_sasl.h"
#include "buf.h"
#include "courierauth.h"
#include "log.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src { const uint8_t *p; size_t n, pos; };

static ssize_t rd(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct src *s = ctx;
	size_t left = s->n - s->pos;

	(void)timeout_ms;
	if (n > left)
		n = left;
	memcpy(p, s->p + s->pos, n);
	s->pos += n;
	return (ssize_t)n;
}

static ssize_t wr(void *ctx, const void *p, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)p;
	(void)timeout_ms;
	return (ssize_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const mechs[] = { "PLAIN", "LOGIN", "CRAM-MD5", "CRAM-SHA1", "CRAM-SHA256", "XYZ" };
	struct buf dec = BUF_INIT(4096);
	char *text = malloc(size + 1), *u = NULL, *pw = NULL, *z;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (auth_base64_decode(text, size, &dec) == 0 && dec.len > 0) {
		if (auth_sasl_plain_split(dec.data, dec.len, &u, &pw) == 0) {
			if (strchr(u, '\n') != NULL || strchr(pw, '\n') != NULL)
				abort();
			free(u);
			free(pw);
		}
	}
	buf_free(&dec);
	/* "password\0stored": only the {SCHEME} formats (crypt(3) could be
	   told to spend minutes on one $2b$31$ hash). */
	z = memchr(text, '\0', size);
	if (z != NULL && z[1] == '{' && strncmp(z + 1, "{CRYPT}", 7) != 0 &&
	    strncmp(z + 1, "{crypt}", 7) != 0) {
		int ok = auth_pw_check(text, z + 1);

		(void)ok;
	}
	{
		int ok = auth_cram_verify(AUTH_HASH_MD5, text, data, size, text);

		(void)ok;
	}
	if (size > 0) {
		struct stream_limits lim = { 1024, 4096, 1, 1 };
		struct src s = { data + 1, size - 1, 0 };
		struct stream *st = stream_new_cb(rd, wr, &s, &lim);
		struct auth_sasl_params p = { "imap", "+ ", "fuzz.example", data[0] & 0x80 };
		struct auth_info ai;
		char *who = NULL;
		const char *ir = (data[0] & 0x40) ? "AGpvZQBzZWNyZXQ=" : NULL;

		log_set_min_level(LOGL_CRIT);
		auth_set_socket_path("/nonexistent/stafeta-fuzz/socket");
		if (auth_sasl(st, &p, mechs[data[0] % 6], ir, &ai, &who) == AUTH_SASL_OK)
			abort();   /* no daemon: never a success */
		free(who);
		stream_free(&st);
	}
	free(text);
	return 0;
}
