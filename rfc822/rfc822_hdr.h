/*
 * rfc822_hdr.h - the header of a message held in memory (an mmap'ed file):
 * the one end-of-header finder, a field iterator that keeps each field's
 * exact raw bytes and offset, lookup by name, unfolding, and the
 * HEADER.FIELDS / HEADER.FIELDS.NOT filter.
 *
 * Where the header ends (used everywhere in rfc822/ and by its users): at
 * the first empty line, "\n" or "\r\n", which belongs to the header; the
 * body starts after it.  No empty line: the whole input is header and the
 * body is empty.  Any bytes (NUL, bare CR, 8-bit) are header bytes.
 */
#ifndef STAFETA_RFC822_HDR_H
#define STAFETA_RFC822_HDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Fields an iterator returns per header; later ones are not seen by
   rfc822_hdr_next(), rfc822_hdr_find() or the filter. */
#define RFC822_HDR_FIELDS_MAX 5000
/* Bytes of one unfolded value rfc822_hdr_unfold() produces at most. */
#define RFC822_HDR_VALUE_MAX 65536

/* End-of-header finder fed in pieces. */
struct rfc822_eoh {
	uint64_t pos;      /* bytes fed so far */
	uint64_t body;     /* offset of the body once found */
	int state;         /* 0 line start, 1 CR at line start, 2 in a line */
	bool found;
};
void rfc822_eoh_init(struct rfc822_eoh *e);
/* Feeds n more bytes; true once the end is found (e->body is then the
   body's offset; bytes fed after that are ignored). */
bool rfc822_eoh_feed(struct rfc822_eoh *e, const void *p, size_t n);
/* The body offset: where the blank line ended, or all input fed. */
uint64_t rfc822_eoh_finish(const struct rfc822_eoh *e);
/* One call over memory: the body's offset (n without an empty line). */
size_t rfc822_eoh_find(const void *p, size_t n);

/* One header field, pointing into the data. */
struct rfc822_field {
	size_t off;              /* offset of its first byte in the data */
	size_t len;              /* raw bytes, continuation lines and last line end included */
	const char *name;        /* NULL for a line that is no field (no colon, or
				    a continuation with no field before it) */
	size_t name_len;         /* without spaces before the colon */
	const char *value;       /* after the colon, up to the last line end */
	size_t value_len;
};

struct rfc822_hdr_iter {
	const char *data;
	size_t len;              /* the header's size (rfc822_eoh_find) */
	size_t pos;
	unsigned count;
};
/* Iterate the fields of data[0..hdr_len); the blank line is not a field. */
void rfc822_hdr_iter_init(struct rfc822_hdr_iter *it, const void *data, size_t hdr_len);
bool rfc822_hdr_next(struct rfc822_hdr_iter *it, struct rfc822_field *f);
/* The first field named name (ASCII case-insensitive). */
bool rfc822_hdr_find(const void *data, size_t hdr_len, const char *name, struct rfc822_field *f);
/* Appends the value unfolded (RFC 5322 2.2.3: each line end before a
   space or tab removed, a final line end removed), leading and trailing
   spaces and tabs dropped.  0, or -1 at out's cap (out holds what fitted). */
int rfc822_hdr_unfold(const char *value, size_t n, struct buf *out);
/* BODY[HEADER.FIELDS (names)] (not = false) or .NOT (not = true): the raw
   bytes of the fields whose name is (is not) one of names, in order,
   then the header's empty line as it is (LF or CRLF) if it had one.  Raw
   bytes: convert with rfc822_crlf for the wire.  Lines that are no field
   are left out of both.  0, or -1 at out's cap. */
int rfc822_hdr_filter(const void *data, size_t hdr_len, const char *const *names,
		      size_t nnames, bool not, struct buf *out);

#endif
