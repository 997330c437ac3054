/*
 * imap_seqset.h - RFC 3501 sequence sets ("1,3:5,7:*") for message
 * sequence numbers and UIDs, parsed from the wire and resolved against
 * the selected mailbox (imap_view.h).
 *
 * Grammar (RFC 3501 section 9): sequence-set = (seq-number / seq-range)
 * *("," sequence-set); seq-number = nz-number / "*"; seq-range =
 * seq-number ":" seq-number, either way round ("5:3" is "3:5").  nz-number
 * is 1..4294967295 without leading zeros.  No spaces, no empty elements.
 *
 * "*" is kept as IMAP_SEQ_STAR and replaced when the set is resolved: with
 * the highest sequence number (or UID) in use; in an empty mailbox "*"
 * matches nothing.  A UID range "n:*" with n above every UID still holds
 * the highest UID (RFC 3501 6.4.8).
 *
 * STABLE (FETCH/SEARCH/SORT build on these; only additions from now on):
 *   struct imap_seqset, struct imap_seq_range, IMAP_SEQ_STAR,
 *   IMAP_SEQSET_RANGES_MAX, imap_seqset_parse(), imap_seqset_free(),
 *   imap_seqset_contains().
 */
#ifndef STAFETA_IMAP_SEQSET_H
#define STAFETA_IMAP_SEQSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"

/* "*" before resolution.  0 is never a valid seq-number, so it is free. */
#define IMAP_SEQ_STAR 0u
/* Elements (numbers or ranges) of one set.  One more is E2BIG: NO [LIMIT]. */
#define IMAP_SEQSET_RANGES_MAX 10000
/* Bytes of one set's text.  One more is E2BIG. */
#define IMAP_SEQSET_TEXT_MAX 65536

/* lo <= hi after parsing, except that either may be IMAP_SEQ_STAR. */
struct imap_seq_range {
	uint32_t lo, hi;
};

/* The elements in the order sent (not sorted, not merged). */
struct imap_seqset {
	struct imap_seq_range *v;
	size_t n, cap;
};
#define IMAP_SEQSET_INIT { NULL, 0, 0 }

/* Parse s[0..len-1] into *set (reset first).  0, or -1 with errno:
   EINVAL a syntax error (tagged BAD; *why_r, may be NULL, gets a short
   reason), E2BIG more than IMAP_SEQSET_RANGES_MAX elements or more than
   IMAP_SEQSET_TEXT_MAX bytes (tagged NO [LIMIT]).  On error *set is
   empty. */
ATTR_WARN_UNUSED int imap_seqset_parse(const char *s, size_t len, struct imap_seqset *set,
				       const char **why_r);
void imap_seqset_free(struct imap_seqset *set);

/* Whether n is in the set, "*" standing for star (the highest number in
   use; 0 = an empty mailbox, where "*" matches nothing).  Cost: one pass
   over the elements (SEARCH on a set: resolve once with imap_view_resolve
   instead). */
bool imap_seqset_contains(const struct imap_seqset *set, uint32_t n, uint32_t star);

#endif
