/*
 * fuzz_pop3_msg.c - libFuzzer target for the POP3 wire form of a message:
 * the first bytes choose TOP's line count and a piece size, the rest is the
 * stored message, fed in pieces.  Checks: the output has no bare LF, ends in
 * CRLF, never holds a line "." (the end marker), equals the one-shot
 * encoding, and for RETR its length minus the stuffing dots is the size
 * rule of libmaildir (bytes + LFs, +2 without a final LF, 0 when empty).
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_pop3_msg runs tests/fuzz/corpus/pop3_msg/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pop3_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT(1u << 24), b = BUF_INIT(1u << 24);
	struct pop3_enc e;
	long long lines;
	size_t piece, i = 0, k, dots = 0, lfs = 0;
	const char *msg;

	if (size < 2)
		return 0;
	lines = data[0] == 0xff ? -1 : (long long)(data[0] % 8);
	piece = (size_t)data[1] % 17 + 1;
	msg = (const char *)data + 2;
	size -= 2;

	pop3_enc_init(&e, lines);
	while (i < size) {
		k = size - i < piece ? size - i : piece;
		if (pop3_enc_feed(&e, &a, msg + i, k) != 0)
			abort();
		i += k;
	}
	if (pop3_enc_finish(&e, &a) != 0 || pop3_msg_encode(&b, msg, size, lines) != 0)
		abort();
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	if (a.len < 2 || memcmp(a.data + a.len - 2, "\r\n", 2) != 0)
		abort();
	for (k = 0; k < a.len; k++) {
		if (a.data[k] == '\n' && (k == 0 || a.data[k - 1] != '\r'))
			abort();
		if ((k == 0 || a.data[k - 1] == '\n') && a.data[k] == '.') {
			dots++;
			if (k + 2 < a.len && a.data[k + 1] == '\r' && a.data[k + 2] == '\n')
				abort();   /* a bare "." line would end the response */
		}
	}
	if (lines < 0) {
		uint64_t want;

		for (k = 0; k < size; k++)
			lfs += msg[k] == '\n';
		want = size + lfs + (size > 0 && msg[size - 1] != '\n' ? 2 : 0);
		if (size == 0 ? a.len != 2 : a.len - dots != want)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
