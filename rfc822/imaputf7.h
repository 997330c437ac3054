/*
 * imaputf7.h - IMAP mailbox names: modified UTF-7 (RFC 3501 5.1.3) to and
 * from UTF-8, strict both ways.
 *
 * Invalid modified UTF-7: a byte outside 0x20-0x7e; "&" without its "-";
 * an empty "&-" used for anything but "&"; a base64 character outside
 * the modified alphabet (A-Z a-z 0-9 + ,); leftover bits that are not
 * zero or are 6 or more; UTF-16 that is an odd number of bytes, an
 * unpaired surrogate, U+0000, or a printable US-ASCII character (which
 * must stand for itself).  Invalid UTF-8 is RFC 3629's (lib/utf8.h), NUL included.
 */
#ifndef STAFETA_IMAPUTF7_H
#define STAFETA_IMAPUTF7_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Appends the UTF-8 form of in[0..n) to out.  0, or -1 with errno EINVAL
   (invalid; out keeps what came before the error) or EMSGSIZE (cap). */
int imaputf7_to_utf8(const char *in, size_t n, struct buf *out);
/* Appends the modified UTF-7 form of UTF-8 in[0..n) to out.  0, or -1
   with errno EINVAL (invalid UTF-8 or a NUL) or EMSGSIZE (cap). */
int imaputf7_from_utf8(const char *in, size_t n, struct buf *out);
/* true if s is valid modified UTF-7. */
bool imaputf7_is_valid(const char *s, size_t n);

#endif
