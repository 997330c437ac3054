/*
 * imap_quote.h - writing IMAP strings (RFC 3501 section 4.3): the form is
 * chosen from the bytes, so any value goes out in a form the client parses
 * back to the same bytes.
 */
#ifndef STAFETA_IMAP_QUOTE_H
#define STAFETA_IMAP_QUOTE_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;

/* Longest value sent as a quoted string; longer ones become literals. */
#define IMAP_QUOTED_MAX 1024

/* Append s (n bytes) as a string: quoted ("..." with \" and \\) when it
   is at most IMAP_QUOTED_MAX bytes of printable text (8-bit bytes only with
   utf8), else a literal {n}CRLF followed by the bytes.  0, or -1 (EMSGSIZE). */
ATTR_WARN_UNUSED int imap_quote_string(struct buf *out, const char *s, size_t n, bool utf8);
/* The same, but a bare atom when s is a non-empty atom that is not NIL. */
ATTR_WARN_UNUSED int imap_quote_astring(struct buf *out, const char *s, size_t n, bool utf8);
/* NIL for s == NULL, else imap_quote_string(). */
ATTR_WARN_UNUSED int imap_quote_nstring(struct buf *out, const char *s, size_t n, bool utf8);

#endif
