/*
 * utf8.h - strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */
#ifndef STAFETA_UTF8_H
#define STAFETA_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Decodes the sequence at s[0..n): its length (1-4) and the code point in
   *cp_r, or 0 if it is invalid or cut short (n > 0). */
size_t utf8_decode(const void *s, size_t n, uint32_t *cp_r);
/* true if all of s[0..n) is valid UTF-8. */
bool utf8_is_valid(const void *s, size_t n);
/* Appends the UTF-8 form of cp (<= 0x10FFFF, no surrogate): 0, or -1
   (cap, or errno EINVAL for a code point that has no UTF-8 form). */
int utf8_append(struct buf *out, uint32_t cp);

#endif
