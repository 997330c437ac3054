/*
 * fuzz_rfc822_decode.c - libFuzzer target for the body decoders (lib's
 * base64, quoted-printable, identity): the first byte picks the encoding
 * and a piece size.  Checks: decoding in pieces gives the bytes of
 * decoding whole; output is never longer than input; base64 of what the
 * encoder made decodes back to the input.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_decode runs tests/fuzz/corpus/rfc822_decode/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "buf.h"
#include "mime_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT(1 << 24), b = BUF_INIT(1 << 24), enc = BUF_INIT(1 << 25);
	struct mime_decoder d;
	enum mime_cte cte;
	size_t piece;

	if (size < 1)
		return 0;
	cte = (enum mime_cte)(data[0] % 3);
	piece = (size_t)(data[0] >> 2) % 13 + 1;
	data++;
	size--;

	mime_decode_init(&d, cte);
	if (mime_decode_feed(&d, data, size, &a) < 0 || mime_decode_finish(&d, &a) < 0)
		abort();
	mime_decode_init(&d, cte);
	for (size_t i = 0; i < size; i += piece)
		if (mime_decode_feed(&d, data + i, size - i < piece ? size - i : piece, &b) < 0)
			abort();
	if (mime_decode_finish(&d, &b) < 0)
		abort();
	if (a.len != b.len || memcmp(buf_cstr(&a), buf_cstr(&b), a.len) != 0 || a.len > size)
		abort();

	if (base64_encode(data, size, &enc) < 0 || enc.len != base64_encoded_len(size))
		abort();
	buf_reset(&a);
	mime_decode_init(&d, MIME_CTE_BASE64);
	if (mime_decode_feed(&d, buf_cstr(&enc), enc.len, &a) < 0 || mime_decode_finish(&d, &a) < 0)
		abort();
	if (a.len != size || memcmp(buf_cstr(&a), data, size) != 0)
		abort();
	buf_free(&a);
	buf_free(&b);
	buf_free(&enc);
	return 0;
}
