/*
 * base64.c - lenient streaming base64 decoder and a plain encoder.
 *
 * Trust:   input bytes are untrusted; any byte sequence decodes to something.
 * Limits:  the destination buffer's cap; state is one quantum.
 * Tests:   tests/unit/lib/test_base64.c, tests/fuzz/fuzz_rfc822_decode.c.
 */
#include "config.h"

#include "base64.h"

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(unsigned char c)
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

void base64_decode_init(struct base64_decoder *d)
{
	d->nq = 0;
}

/* One quantum of four characters (pads included) to up to three bytes.
   A pad in the third or fourth place drops the byte it would end; a pad
   anywhere counts as the value 99, which is what Courier's decoder does,
   so broken mail decodes to the same bytes as with reformime. */
static size_t quantum(const unsigned char q[4], char *out)
{
	unsigned v[4];
	size_t o = 0;

	for (int i = 0; i < 4; i++)
		v[i] = q[i] == '=' ? 99u : (unsigned)b64_value(q[i]);
	out[o++] = (char)(((v[0] << 2) | (v[1] >> 4)) & 0xff);
	if (q[2] != '=')
		out[o++] = (char)(((v[1] << 4) | (v[2] >> 2)) & 0xff);
	if (q[3] != '=')
		out[o++] = (char)(((v[2] << 6) | v[3]) & 0xff);
	return o;
}

int base64_decode_feed(struct base64_decoder *d, const void *src, size_t n, struct buf *dst)
{
	const unsigned char *s = src;
	char out[258];
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=' && b64_value(s[i]) < 0)
			continue;
		d->q[d->nq++] = s[i];
		if (d->nq < 4)
			continue;
		d->nq = 0;
		o += quantum(d->q, out + o);
		if (o >= sizeof(out) - 3) {
			if (buf_append(dst, out, o) < 0)
				return -1;
			o = 0;
		}
	}
	return o > 0 ? buf_append(dst, out, o) : 0;
}

void base64_decode_finish(struct base64_decoder *d)
{
	d->nq = 0;
}

size_t base64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

int base64_encode(const void *src, size_t n, struct buf *dst)
{
	const unsigned char *s = src;
	char *o = buf_reserve(dst, base64_encoded_len(n));
	size_t k = 0;

	if (o == NULL)
		return -1;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		o[k++] = b64_alphabet[(v >> 18) & 63];
		o[k++] = b64_alphabet[(v >> 12) & 63];
		o[k++] = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
		o[k++] = i + 2 < n ? b64_alphabet[v & 63] : '=';
	}
	buf_commit(dst, k);
	return 0;
}
