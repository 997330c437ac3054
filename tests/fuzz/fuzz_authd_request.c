/*
 * fuzz_authd_request.c - libFuzzer target for authdaemond's request framing:
 * the input is parsed from memory and again through a stream fed in chunks
 * of 1..7 bytes (sized from the first byte); both must agree, and a parsed
 * request must have the fields its type promises.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_authd_request runs corpus/authd_request/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth_proto.h"
#include "buf.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src { const uint8_t *p; size_t n, pos, chunk; };

static ssize_t rd(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct src *s = ctx;
	size_t left = s->n - s->pos;

	(void)timeout_ms;
	if (left == 0)
		return 0;
	if (n > s->chunk)
		n = s->chunk;
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

static void check(const struct authd_request *r)
{
	switch (r->type) {
	case AUTHD_REQ_PRE:
		if (r->module == NULL || r->service == NULL || r->user == NULL || r->user[0] == '\0')
			abort();
		break;
	case AUTHD_REQ_AUTH:
		if (r->service == NULL || r->authtype == NULL || r->authdata == NULL ||
		    strchr(r->service, '\n') != NULL || strchr(r->authtype, '\n') != NULL)
			abort();
		break;
	case AUTHD_REQ_PASSWD:
		if (r->service == NULL || r->user == NULL || r->oldpw == NULL || r->newpw == NULL)
			abort();
		break;
	case AUTHD_REQ_ENUMERATE:
		break;
	}
	if (r->remoteip != NULL && strlen(r->remoteip) > AUTHD_REMOTEIP_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stream_limits lim = { AUTHD_LINE_MAX, 4096, 1, 1 };
	struct src s = { data, size, 0, size > 0 ? (size_t)(data[0] % 7) + 1 : 1 };
	struct authd_request a, b;
	struct stream *st;
	const char *why = NULL;
	int ra, rb;

	ra = authd_parse_request(data, size, &a, &why);
	if (ra == 0)
		check(&a);
	st = stream_new_cb(rd, wr, &s, &lim);
	rb = authd_read_request(st, &b, &why);
	stream_free(&st);
	if (rb == 0)
		check(&b);
	/* Memory and stream parsing agree on the outcome (the stream may
	   stop at a partial line where memory sees the same). */
	if (ra != rb)
		abort();
	if (ra == 0 && a.type != b.type)
		abort();
	if (ra == 0)
		authd_request_free(&a);
	if (rb == 0)
		authd_request_free(&b);
	return 0;
}
