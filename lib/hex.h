/*
 * hex.h - lower-case hexadecimal encoding of bytes, and its strict decoder:
 * the one hex codec (hand-offs between processes, digests, test dumps).
 */
#ifndef STAFETA_HEX_H
#define STAFETA_HEX_H

#include <stddef.h>
#include "compat.h"

struct buf;

/* Append the lower-case hex of n bytes to out.  0, or -1 with errno
   EMSGSIZE when out's max is too small (out unchanged). */
ATTR_WARN_UNUSED int hex_encode(struct buf *out, const void *p, size_t n);
/* Decode n characters of hex (even count, 0-9 a-f A-F only) and append the
   bytes to out.  0, or -1 with errno EINVAL on any other input or EMSGSIZE
   when out's max is too small (out unchanged either way). */
ATTR_WARN_UNUSED int hex_decode(const char *hex, size_t n, struct buf *out);
/* The value 0-15 of one hex digit (0-9 a-f A-F), or -1 for any other c
   (quoted-printable, RFC 2047 Q, RFC 2231 %XX and the decoder above). */
int hex_digit_value(int c);

#endif
