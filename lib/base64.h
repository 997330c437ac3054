/*
 * base64.h - base64 (RFC 4648 alphabet) decoding as a stream, and encoding.
 *
 * The decoder is lenient, as mail needs: bytes outside the alphabet (line
 * ends, spaces, stray characters) are skipped; every four alphabet or '='
 * characters are one quantum, whatever their order (a '=' in the third or
 * fourth place drops the byte it would end, elsewhere it counts as the
 * value 99, as in Courier's decoder); an unfinished last quantum is
 * dropped.  Between feeds it keeps at most three characters.
 */
#ifndef STAFETA_BASE64_H
#define STAFETA_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "compat.h"

struct base64_decoder {
	unsigned char q[4];  /* characters of the unfinished quantum */
	unsigned nq;         /* how many */
};

void base64_decode_init(struct base64_decoder *d);
/* Decodes src[0..n), appending bytes to dst.  0, or -1 if dst's cap is hit
   (dst then holds what fitted). */
ATTR_WARN_UNUSED int base64_decode_feed(struct base64_decoder *d, const void *src, size_t n,
					struct buf *dst);
/* The end: the characters of an unfinished quantum are dropped. */
void base64_decode_finish(struct base64_decoder *d);
/* Encoded form of src[0..n), padded, no line breaks, appended to dst. */
ATTR_WARN_UNUSED int base64_encode(const void *src, size_t n, struct buf *dst);
/* Length of base64_encode's output for n bytes. */
size_t base64_encoded_len(size_t n);

#endif
