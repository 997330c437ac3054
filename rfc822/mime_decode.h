/*
 * mime_decode.h - Content-Transfer-Encoding decoding as a stream:
 * base64 (lib/base64), quoted-printable, and identity for everything else.
 *
 * Lenient, as real mail needs, and the same bytes as Courier's decoders
 * for broken input: base64 as lib/base64.h says; in quoted-printable
 * "=XX" (hex, either case) is a byte, "=" before a line end, space, tab or
 * CR is a soft break that drops the rest of that line, and a "=" (or "=X")
 * not followed by what an escape needs is dropped.
 * The state between feeds is a few bytes, whatever the body size.
 */
#ifndef STAFETA_MIME_DECODE_H
#define STAFETA_MIME_DECODE_H

#include <stddef.h>

#include "base64.h"
#include "buf.h"

enum mime_cte { MIME_CTE_IDENTITY, MIME_CTE_BASE64, MIME_CTE_QP };

struct mime_decoder {
	enum mime_cte cte;
	struct base64_decoder b64;
	char pend[4];        /* quoted-printable bytes after a '=' not yet decided */
	size_t npend;
};

/* The decoding a Content-Transfer-Encoding value names (NULL = identity). */
enum mime_cte mime_cte_of(const char *encoding);
void mime_decode_init(struct mime_decoder *d, enum mime_cte cte);
/* Appends the decoded form of src[0..n) to dst: 0, or -1 at dst's cap. */
int mime_decode_feed(struct mime_decoder *d, const void *src, size_t n, struct buf *dst);
/* The end of the body: an unfinished escape or quantum is dropped.  0. */
int mime_decode_finish(struct mime_decoder *d, struct buf *dst);

#endif
