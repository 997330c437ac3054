/*
 * fuzz_rfc822_hdr.c - libFuzzer target for the header lexer and the CRLF
 * codec: the first byte picks a split point.  Checks: the end-of-header
 * offset is the same whole, split and byte by byte; fields tile the
 * header (each starts where the last ended); lookup finds what the
 * iterator saw; HEADER.FIELDS and .NOT of one name list partition the
 * fields; unfolding stays within its cap; the CRLF form has no bare LF,
 * its length is the counted size, and split feeds give the same bytes.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_hdr runs tests/fuzz/corpus/rfc822_hdr/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rfc822_crlf.h"
#include "rfc822_hdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rfc822_eoh e;
	struct rfc822_hdr_iter it;
	struct rfc822_field f, g;
	struct buf v = BUF_INIT(RFC822_HDR_VALUE_MAX), yes = BUF_INIT(1 << 24),
		   no = BUF_INIT(1 << 24), c1 = BUF_INIT(1 << 25), c2 = BUF_INIT(1 << 25);
	struct rfc822_crlf cr1, cr2;
	const char *msg, *names[] = { "subject", "from", "x" };
	size_t cut, hl, pos = 0;

	if (size < 1)
		return 0;
	msg = (const char *)data + 1;
	size--;
	cut = size > 0 ? data[0] % (size + 1) : 0;

	hl = rfc822_eoh_find(msg, size);
	rfc822_eoh_init(&e);
	rfc822_eoh_feed(&e, msg, cut);
	rfc822_eoh_feed(&e, msg + cut, size - cut);
	if (rfc822_eoh_finish(&e) != hl || hl > size)
		abort();
	rfc822_eoh_init(&e);
	for (size_t i = 0; i < size; i++)
		rfc822_eoh_feed(&e, msg + i, 1);
	if (rfc822_eoh_finish(&e) != hl)
		abort();

	rfc822_hdr_iter_init(&it, msg, hl);
	while (rfc822_hdr_next(&it, &f)) {
		if (f.off != pos || f.len == 0 || f.off + f.len > hl)
			abort();
		pos += f.len;
		if (f.name != NULL) {
			char name[64];
			if (f.value < f.name || f.value + f.value_len > msg + hl)
				abort();
			buf_reset(&v);
			(void)rfc822_hdr_unfold(f.value, f.value_len, &v);
			if (f.name_len < sizeof(name) && memchr(f.name, '\0', f.name_len) == NULL) {
				memcpy(name, f.name, f.name_len);
				name[f.name_len] = '\0';
				if (!rfc822_hdr_find(msg, hl, name, &g) || g.off > f.off)
					abort();
			}
		}
	}
	if (rfc822_hdr_filter(msg, hl, names, 3, false, &yes) == 0 &&
	    rfc822_hdr_filter(msg, hl, names, 3, true, &no) == 0 && yes.len + no.len > hl + 2)
		abort();

	rfc822_crlf_init(&cr1);
	rfc822_crlf_init(&cr2);
	if (rfc822_crlf_feed(&cr1, msg, size, &c1) < 0)
		abort();
	if (rfc822_crlf_feed(&cr2, msg, cut, &c2) < 0 ||
	    rfc822_crlf_feed(&cr2, msg + cut, size - cut, &c2) < 0)
		abort();
	if (c1.len != c2.len || memcmp(buf_cstr(&c1), buf_cstr(&c2), c1.len) != 0 ||
	    c1.len != rfc822_crlf_size(msg, size) || cr1.size != c1.len)
		abort();
	for (size_t i = 0; i < c1.len; i++)
		if (c1.data[i] == '\n' && (i == 0 || c1.data[i - 1] != '\r'))
			abort();
	buf_free(&v);
	buf_free(&yes);
	buf_free(&no);
	buf_free(&c1);
	buf_free(&c2);
	return 0;
}
