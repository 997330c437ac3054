/*
 * imap_seqset.c - parsing RFC 3501 sequence sets.
 *
 * Trust:   the text comes from the client; every byte is checked, numbers
 *          are read with an overflow check, zero and leading zeros refused.
 * Limits:  IMAP_SEQSET_RANGES_MAX elements, IMAP_SEQSET_TEXT_MAX bytes.
 * Tests:   tests/unit/imapd/test_imap_seqset.c, tests/fuzz/fuzz_imap_seqset.c
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "array.h"
#include "imap_seqset.h"

void imap_seqset_free(struct imap_seqset *set)
{
	free(set->v);
	set->v = NULL;
	set->n = set->cap = 0;
}

/* One seq-number at s[*i]: "*" or nz-number.  0, or -1 with *why. */
static int parse_number(const char *s, size_t len, size_t *i, uint32_t *out, const char **why)
{
	uint64_t v = 0;
	size_t start = *i;

	if (*i < len && s[*i] == '*') {
		(*i)++;
		*out = IMAP_SEQ_STAR;
		return 0;
	}
	if (*i >= len || s[*i] < '0' || s[*i] > '9') {
		*why = "Invalid sequence set: number expected";
		return -1;
	}
	if (s[*i] == '0') {
		*why = "Invalid sequence set: zero or leading zero";
		return -1;
	}
	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (uint64_t)(s[*i] - '0');
		if (v > UINT32_MAX || *i - start >= 10) {
			*why = "Invalid sequence set: number too large";
			return -1;
		}
		(*i)++;
	}
	*out = (uint32_t)v;
	return 0;
}

int imap_seqset_parse(const char *s, size_t len, struct imap_seqset *set, const char **why_r)
{
	const char *why = NULL;
	size_t i = 0;

	set->n = 0;
	if (len > IMAP_SEQSET_TEXT_MAX) {
		why = "Sequence set too long";
		errno = E2BIG;
		goto fail;
	}
	if (len == 0) {
		why = "Invalid sequence set: empty";
		errno = EINVAL;
		goto fail;
	}
	for (;;) {
		struct imap_seq_range r;

		if (set->n >= IMAP_SEQSET_RANGES_MAX) {
			why = "Too many elements in sequence set";
			errno = E2BIG;
			goto fail;
		}
		if (parse_number(s, len, &i, &r.lo, &why) < 0) {
			errno = EINVAL;
			goto fail;
		}
		r.hi = r.lo;
		if (i < len && s[i] == ':') {
			i++;
			if (parse_number(s, len, &i, &r.hi, &why) < 0) {
				errno = EINVAL;
				goto fail;
			}
			if (r.lo != IMAP_SEQ_STAR && r.hi != IMAP_SEQ_STAR && r.lo > r.hi) {
				uint32_t t = r.lo;
				r.lo = r.hi;
				r.hi = t;
			}
		}
		set->v = array_grow(set->v, &set->cap, set->n, 1, sizeof(*set->v));
		set->v[set->n++] = r;
		if (i == len)
			break;
		if (s[i] != ',') {
			why = "Invalid sequence set: unexpected character";
			errno = EINVAL;
			goto fail;
		}
		i++;
	}
	return 0;
fail:
	set->n = 0;
	if (why_r != NULL)
		*why_r = why;
	return -1;
}

bool imap_seqset_contains(const struct imap_seqset *set, uint32_t n, uint32_t star)
{
	for (size_t i = 0; i < set->n; i++) {
		uint32_t lo = set->v[i].lo == IMAP_SEQ_STAR ? star : set->v[i].lo;
		uint32_t hi = set->v[i].hi == IMAP_SEQ_STAR ? star : set->v[i].hi;

		if (lo == 0 || hi == 0)
			continue;	/* "*" in an empty mailbox */
		if (lo > hi) {
			uint32_t t = lo;
			lo = hi;
			hi = t;
		}
		if (n >= lo && n <= hi)
			return true;
	}
	return false;
}
