/*
 * rfc2047.h - encoded words (RFC 2047) in a header value, to UTF-8.
 *
 * =?charset?B?...?= and =?charset?Q?...?= (either case; "charset*lang"
 * allowed), converted by iconv; white space between two encoded words is
 * dropped and adjacent words of one charset are joined before conversion,
 * so a character split across them survives.  A broken word (unknown
 * encoding, missing "?=", bad base64 characters, an unknown charset) is
 * kept as it is.  Bytes outside encoded words are taken as UTF-8, each
 * invalid byte becoming U+FFFD; a value is never rejected.
 */
#ifndef STAFETA_RFC2047_H
#define STAFETA_RFC2047_H

#include <stddef.h>

#include "buf.h"

/* Encoded words decoded per value; later ones are kept as they are. */
#define RFC2047_WORDS_MAX 1000

/* Appends the UTF-8 text of value[0..n) to out.  0, or -1 at out's cap. */
int rfc2047_decode(const char *value, size_t n, struct buf *out);

#endif
