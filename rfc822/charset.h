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
/* A conversion fed in pieces: a character split between two feeds is
   converted whole.  Unknown charsets convert as UTF-8 (each invalid byte
   U+FFFD), so text is never lost. */
struct charset_conv {
	void *cd;             /* iconv_t, or NULL for UTF-8 / unknown */
	char pend[8];         /* bytes of an unfinished character */
	size_t npend;
};
void charset_conv_init(struct charset_conv *c, const char *cs);
/* Appends UTF-8 to out: 0, or -1 at out's cap. */
int charset_conv_feed(struct charset_conv *c, const void *in, size_t n, struct buf *out);
/* Flushes an unfinished character as U+FFFD and frees the converter. */
int charset_conv_finish(struct charset_conv *c, struct buf *out);

/* Strict: appends in[0..n) converted from charset from to charset to;
   -1 (out as before) if iconv knows either not, or any input byte is
   invalid or has no form in to. */
int charset_convert_strict(const char *from, const char *to, const void *in, size_t n,
			   struct buf *out);

/* True for names of UTF-8 and its subset US-ASCII (case-insensitive). */
int charset_is_utf8(const char *cs);

#endif
