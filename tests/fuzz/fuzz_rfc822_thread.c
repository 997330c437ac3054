/*
 * fuzz_rfc822_thread.c - libFuzzer target for the RFC 5256 base subject
 * and message-id lists.  Checks: the base subject is valid UTF-8, is its
 * own base subject (the algorithm is idempotent) unless it had to keep a
 * lone blob; message-ids lie inside the value, between '<' and '>'.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_thread runs tests/fuzz/corpus/rfc822_thread/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rfc822_thread.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rfc822_msgids ids;
	struct buf a = BUF_INIT(BUF_MAX_UNLIMITED), b = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *s = (const char *)data;
	bool reply;

	if (rfc822_base_subject(s, size, &a, &reply) < 0 || !utf8_is_valid(buf_cstr(&a), a.len))
		abort();
	if (memchr(buf_cstr(&a), '=', a.len) == NULL &&
	    (rfc822_base_subject(buf_cstr(&a), a.len, &b, &reply) < 0 || reply))
		abort();
	rfc822_msgid_parse(s, size, &ids);
	if (ids.n > RFC822_MSGID_MAX)
		abort();
	for (size_t i = 0; i < ids.n; i++) {
		if (ids.ids[i].off == 0 || ids.ids[i].off + ids.ids[i].len >= size + 1 ||
		    s[ids.ids[i].off - 1] != '<' || s[ids.ids[i].off + ids.ids[i].len] != '>' ||
		    ids.ids[i].len == 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
