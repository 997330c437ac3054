/*
 * imap_fetch_envelope.h - FETCH ENVELOPE (RFC 3501 section 7.4.2) of a
 * message header held in memory (an mmap'ed file): date, subject, the six
 * address lists, In-Reply-To and Message-ID.
 *
 * Values are the fields' unfolded raw bytes, leading and trailing white
 * space dropped, encoded words left as they are (as Dovecot sends them);
 * the first field of a name counts.  Sender and Reply-To are From when
 * absent (RFC 3501).  Addresses come from rfc822_addr: a quoted local part
 * loses its quotes, a group is (NIL NIL "name" NIL) ... (NIL NIL NIL NIL),
 * a missing domain is NIL, an empty list is NIL.
 */
#ifndef STAFETA_IMAP_FETCH_ENVELOPE_H
#define STAFETA_IMAP_FETCH_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;

/* Appends "(date subject from sender reply-to to cc bcc in-reply-to
   message-id)" for the header hdr[0..len).  utf8: 8-bit bytes may go in
   quoted strings (UTF8=ACCEPT), else they make a literal.  0, or -1 at
   out's cap (out is then left as it was). */
ATTR_WARN_UNUSED int imap_envelope_write(struct buf *out, const char *hdr, size_t len, bool utf8);

/* One address list value (raw field bytes) as ENVELOPE writes it: a
   parenthesised list of addresses, or NIL. */
ATTR_WARN_UNUSED int imap_envelope_addresses(struct buf *out, const char *value, size_t n,
					     bool utf8);

#endif
