/*
 * mime_text.h - the text of a message for SEARCH TEXT/BODY and for a
 * preview (RFC 8970): the UTF-8 text of its text parts, decoded.
 *
 * Text parts are the leaves whose type is text/ (or that have no type:
 * a non-MIME message is text/plain), inside message/rfc822 parts too,
 * in order.  Each is decoded (base64, quoted-printable) and converted from
 * its charset (none: US-ASCII taken as UTF-8; unknown: as UTF-8) to
 * UTF-8, invalid bytes becoming U+FFFD.  The message is read where it
 * lies (an mmap'ed file) in pieces: memory does not grow with its size.
 */
#ifndef STAFETA_MIME_TEXT_H
#define STAFETA_MIME_TEXT_H

#include <stddef.h>

#include "buf.h"
#include "mime.h"

/* Bytes of one piece handed to the callback at most. */
#define MIME_TEXT_PIECE 65536
/* Characters of a preview (RFC 8970 says at most 256). */
#define MIME_PREVIEW_CHARS 256

/* Called with each piece of UTF-8 text; a non-zero return stops the walk
   and is returned by mime_text_extract().  A part's text ends with a call
   of n == 0, so callers can keep parts apart. */
typedef int mime_text_fn(void *ctx, const struct mime_part *part, const char *utf8, size_t n);

/* Walks the text parts of the tree root over the message data[0..len). */
int mime_text_extract(const struct mime_part *root, const char *data, size_t len,
		      mime_text_fn *fn, void *ctx);
/* The preview: the first text/plain part's text (else the first text/html
   part's, tags and entities dropped), white space runs made one space,
   trimmed, at most MIME_PREVIEW_CHARS characters (whole UTF-8 characters).
   Appended to out; 0, or -1 at out's cap. */
int mime_text_preview(const struct mime_part *root, const char *data, size_t len,
		      struct buf *out);

#endif
