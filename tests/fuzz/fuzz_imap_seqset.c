/*
 * fuzz_imap_seqset.c - libFuzzer target for sequence sets as clients send
 * them (FETCH, STORE, COPY, SEARCH, UID EXPUNGE).  Checks: a parse either
 * fails with an empty set and a reason, or holds at most
 * IMAP_SEQSET_RANGES_MAX ranges with lo <= hi unless "*" is involved; the
 * text printed back parses to the same ranges; contains() agrees with the
 * ranges for numbers at their edges.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_imap_seqset runs tests/fuzz/corpus/imap_seqset/ in make check.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "imap_seqset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imap_seqset set = IMAP_SEQSET_INIT, again = IMAP_SEQSET_INIT;
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL;

	if (size > IMAP_SEQSET_TEXT_MAX + 16)
		return 0;
	if (imap_seqset_parse((const char *)data, size, &set, &why) < 0) {
		if (set.n != 0 || why == NULL || (errno != EINVAL && errno != E2BIG))
			abort();
		imap_seqset_free(&set);
		return 0;
	}
	if (set.n == 0 || set.n > IMAP_SEQSET_RANGES_MAX)
		abort();
	for (size_t i = 0; i < set.n; i++) {
		const struct imap_seq_range *r = &set.v[i];

		if (r->lo != IMAP_SEQ_STAR && r->hi != IMAP_SEQ_STAR && r->lo > r->hi)
			abort();
		if (buf_printf(&text, "%s", i ? "," : "") < 0)
			abort();
		if ((r->lo == IMAP_SEQ_STAR ? buf_putc(&text, '*') :
		     buf_printf(&text, "%u", (unsigned)r->lo)) < 0)
			abort();
		if (r->hi != r->lo && (buf_putc(&text, ':') < 0 ||
				       (r->hi == IMAP_SEQ_STAR ? buf_putc(&text, '*') :
					buf_printf(&text, "%u", (unsigned)r->hi)) < 0))
			abort();
		if (r->lo != IMAP_SEQ_STAR && r->hi != IMAP_SEQ_STAR &&
		    (!imap_seqset_contains(&set, r->lo, UINT32_MAX) ||
		     !imap_seqset_contains(&set, r->hi, UINT32_MAX)))
			abort();
	}
	if (text.len <= IMAP_SEQSET_TEXT_MAX) {
		if (imap_seqset_parse(text.data, text.len, &again, NULL) < 0 || again.n != set.n ||
		    memcmp(again.v, set.v, set.n * sizeof(*set.v)) != 0)
			abort();
	}
	imap_seqset_free(&set);
	imap_seqset_free(&again);
	buf_free(&text);
	return 0;
}
