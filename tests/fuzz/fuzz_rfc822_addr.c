/*
 * fuzz_rfc822_addr.c - libFuzzer target for address lists.  Checks: at most
 * RFC822_ADDR_MAX entries; group starts and ends pair up; every mailbox
 * has a mailbox or a host; the sort and display keys never fail.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_addr runs tests/fuzz/corpus/rfc822_addr/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "rfc822_addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rfc822_addr_list l;
	struct buf k = BUF_INIT(BUF_MAX_UNLIMITED);
	int depth = 0;

	rfc822_addr_parse((const char *)data, size, &l);
	if (rfc822_addr_count(&l) > RFC822_ADDR_MAX)
		abort();
	for (size_t i = 0; i < rfc822_addr_count(&l); i++) {
		const struct rfc822_addr *a = rfc822_addr_get(&l, i);
		if (a->kind == RFC822_ADDR_GROUP_START)
			depth++;
		else if (a->kind == RFC822_ADDR_GROUP_END)
			depth--;
		else if (a->mailbox == NULL && a->host == NULL)
			abort();
		if (depth < 0 || depth > 1)
			abort();
	}
	if (depth != 0 && rfc822_addr_count(&l) < RFC822_ADDR_MAX)
		abort();
	if (rfc822_addr_sort_key(&l, &k) < 0 || rfc822_addr_display_key(&l, &k) < 0)
		abort();
	rfc822_addr_list_free(&l);
	buf_free(&k);
	return 0;
}
