/*
 * fuzz_rfc822_imaputf7.c - libFuzzer target for modified UTF-7.  Checks:
 * what decodes is valid UTF-8 and encodes back to the same bytes (the form
 * is canonical, so strictness means a one-to-one mapping); valid UTF-8
 * input encodes to valid modified UTF-7 that decodes back to it.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_imaputf7 runs tests/fuzz/corpus/rfc822_imaputf7/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "imaputf7.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf u8 = BUF_INIT(1 << 20), u7 = BUF_INIT(1 << 22), back = BUF_INIT(1 << 22);
	const char *s = (const char *)data;

	if (imaputf7_to_utf8(s, size, &u8) == 0) {
		if (!utf8_is_valid(buf_cstr(&u8), u8.len))
			abort();
		/* "&AOk-&AOk-" is valid but not the canonical "&AOkA6Q-" */
		if (imaputf7_from_utf8(buf_cstr(&u8), u8.len, &u7) < 0)
			abort();
		buf_reset(&back);
		if (imaputf7_to_utf8(buf_cstr(&u7), u7.len, &back) < 0 || back.len != u8.len ||
		    memcmp(buf_cstr(&back), buf_cstr(&u8), u8.len) != 0)
			abort();
	}
	buf_reset(&u7);
	buf_reset(&back);
	if (utf8_is_valid(s, size) && memchr(s, '\0', size) == NULL) {
		if (imaputf7_from_utf8(s, size, &u7) < 0)
			abort();
		if (imaputf7_to_utf8(buf_cstr(&u7), u7.len, &back) < 0 || back.len != size ||
		    memcmp(buf_cstr(&back), s, size) != 0)
			abort();
	}
	buf_free(&u8);
	buf_free(&u7);
	buf_free(&back);
	return 0;
}
