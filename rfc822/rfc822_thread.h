/*
 * rfc822_thread.h - the keys of SORT and THREAD (RFC 5256): the base
 * subject, and Message-ID / In-Reply-To / References as message-id lists.
 */
#ifndef STAFETA_RFC822_THREAD_H
#define STAFETA_RFC822_THREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Message-ids kept per list (References of a long thread); past it, the
   last ones are kept, since THREAD needs the nearest parents. */
#define RFC822_MSGID_MAX 500

/* RFC 5256 section 2.1 base subject of a Subject value, appended to out
   in UTF-8: encoded words decoded, white space runs made one space,
   trailing "(fwd)" and leading "Re:", "Fw:", "Fwd:" (with "[blob]"s) and
   "[blob]" removed until none is left, "[Fwd: ...]" unwrapped.  Case is
   kept: comparisons fold it (i;unicode-casemap).  *is_reply_r (may be
   NULL) says whether anything but white space and (fwd) trailers was
   removed, as THREAD=ORDEREDSUBJECT needs.  0, or -1 at out's cap. */
int rfc822_base_subject(const char *value, size_t n, struct buf *out, bool *is_reply_r);

struct rfc822_msgid {
	size_t off;    /* of the id's first byte after '<' in the value */
	size_t len;    /* up to the '>' (white space inside is kept) */
};

struct rfc822_msgids {
	struct rfc822_msgid ids[RFC822_MSGID_MAX];
	size_t n;
};

/* The "<...>" message-ids of a Message-ID, In-Reply-To or References
   value, in order, as offsets into it.  Garbage between them (words,
   comments, stray '>' or unbracketed text) is skipped; an id without '@'
   is kept (real clients write them); an empty "<>" or one with a '<'
   inside is not. */
void rfc822_msgid_parse(const char *value, size_t n, struct rfc822_msgids *out);

#endif
