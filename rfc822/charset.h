/*
 * charset.h - conversion of text in any charset glibc's iconv knows to UTF-8.
 *
 * Invalid or incomplete input never stops a conversion: each byte iconv
 * cannot take becomes U+FFFD.  "us-ascii", "utf-8" and unknown-but-empty
 * names are handled without iconv.
 */
#ifndef STAFETA_CHARSET_H
#define STAFETA_CHARSET_H

#include <stddef.h>

#include "buf.h"

/* Appends the UTF-8 form of in[0..n) (in charset cs) to out.
   Returns 0; -1 with out unchanged when iconv does not know cs (errno
   EINVAL), or when out's cap would be passed (errno EMSGSIZE; out then
   holds what fitted). */
int charset_to_utf8(const char *cs, const void *in, size_t n, struct buf *out);
/* True for names of UTF-8 and its subset US-ASCII (case-insensitive). */
int charset_is_utf8(const char *cs);

#endif
