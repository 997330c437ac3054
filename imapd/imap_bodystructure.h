/*
 * imap_bodystructure.h - FETCH BODY and BODYSTRUCTURE (RFC 3501 section
 * 7.4.2) from rfc822's MIME tree of a message held in memory (an mmap'ed
 * file; only the headers of nested messages are read, for their ENVELOPE).
 *
 * Sizes are CRLF octets and lines are LF counts of each part's body, the
 * line end before a boundary being the boundary's (as Dovecot counts).
 * Defaults are IMAP's: a part that says nothing is "text" "plain"
 * ("charset" "us-ascii") "7bit"; a text part without a charset gets
 * ("charset" "us-ascii").  Values are as rfc822 keeps them: type, subtype
 * and encoding lowercased, parameters with their names lowercased and
 * their values as written.  A multipart without any part (no boundary
 * found) gets one empty text/plain part, so the result always parses.
 */
#ifndef STAFETA_IMAP_BODYSTRUCTURE_H
#define STAFETA_IMAP_BODYSTRUCTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"
#include "mime.h"

struct buf;
struct mime_part;

/* How imapd parses a message for BODY, BODYSTRUCTURE and sections
   (mime_parse flags), as Dovecot does: boundaries match exactly (RFC 2046),
   the longest open one winning; Content-* fields count without
   MIME-Version 1.0 too, as clients read such messages. */
#define IMAP_MIME_PARSE_FLAGS (MIME_PARSE_BOUNDARY_EXACT | MIME_PARSE_ANY_VERSION)

/* Appends the body structure of part p (the root for the message) of the
   message data[0..size).  extended: BODYSTRUCTURE (with extension data),
   else BODY.  0, or -1 at out's cap (out is left as it was). */
ATTR_WARN_UNUSED int imap_bodystructure_write(struct buf *out, const struct mime_part *p,
					      const char *data, size_t size, bool extended,
					      bool utf8);

/* Where part p's body ends for IMAP.  rfc822 follows Courier for a
   message/rfc822 part of a multipart: its range (and its inner message's)
   keeps the line end before the next boundary.  IMAP (and Dovecot) give
   that line end to the boundary, as for every other part; this is the
   corrected end, never before p->body. */
uint64_t imap_part_body_end(const struct mime_part *p, const char *data, size_t size);
/* Where part p's body starts for IMAP: rfc822 makes a last header line
   without LF (and a header without an empty line before the part's end)
   body data; IMAP's one definition (rfc822_eoh_find, and Dovecot) keeps it
   in the header, leaving the body empty. */
uint64_t imap_part_body_start(const struct mime_part *p, const char *data, size_t size);
/* The body's CRLF octets and LF count up to imap_part_body_end(). */
void imap_part_body_sizes(const struct mime_part *p, const char *data, size_t size,
			  uint64_t *octets_r, uint64_t *lines_r);

#endif
