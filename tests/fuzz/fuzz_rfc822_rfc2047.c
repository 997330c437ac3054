/*
 * fuzz_rfc822_rfc2047.c - libFuzzer target for encoded words.  Checks: the
 * output is valid UTF-8; decoding never fails below the cap.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_rfc2047 runs tests/fuzz/corpus/rfc822_rfc2047/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "rfc2047.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);

	if (rfc2047_decode((const char *)data, size, &out) < 0)
		abort();
	if (!utf8_is_valid(buf_cstr(&out), out.len))
		abort();
	buf_free(&out);
	return 0;
}
