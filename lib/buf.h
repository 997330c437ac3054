/*
 * buf.h - the one growable, binary-safe string type, with a hard cap.
 *
 * data is NUL-terminated after every buf_* call (when non-NULL), so
 * buf_cstr() is usable directly, but len is authoritative: data may hold NULs.
 * -1 from an append always means "would exceed max" (errno EMSGSIZE); memory
 * exhaustion dies in xmalloc.
 */
#ifndef STAFETA_BUF_H
#define STAFETA_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "compat.h"

struct buf {
	char   *data;   /* NUL-terminated after every buf_* call */
	size_t  len;    /* bytes used, not counting the NUL */
	size_t  cap;    /* bytes allocated */
	size_t  max;    /* len never exceeds this; fixed at init */
};
#define BUF_INIT(maxlen) { NULL, 0, 0, (maxlen) }
#define BUF_MAX_UNLIMITED ((size_t)-1 / 2)

void buf_init(struct buf *b, size_t max);
/* 0, or -1 with errno EMSGSIZE when len + n would pass max (b unchanged). */
ATTR_WARN_UNUSED int buf_append(struct buf *b, const void *p, size_t n);
ATTR_WARN_UNUSED int buf_append_str(struct buf *b, const char *s);
ATTR_WARN_UNUSED int buf_putc(struct buf *b, char c);
/* Formatted append; on overflow of max, -1 and b is unchanged. */
ATTR_WARN_UNUSED int buf_printf(struct buf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);
ATTR_WARN_UNUSED int buf_vprintf(struct buf *b, const char *fmt, va_list ap) ATTR_PRINTF(2, 0);
/* Replace the content; -1 (b unchanged) if n > max. */
ATTR_WARN_UNUSED int buf_set(struct buf *b, const void *p, size_t n);
/* len = 0, keeps the memory. */
void buf_reset(struct buf *b);
/* len = min(len, n). */
void buf_truncate(struct buf *b, size_t n);
/* Drop the first n bytes (n > len drops everything). */
void buf_consume(struct buf *b, size_t n);
/* Make room for n more bytes; returns a pointer to data + len, or NULL if
   len + n would pass max.  Follow with buf_commit(). */
char *buf_reserve(struct buf *b, size_t n);
/* Account for n bytes written at buf_reserve()'s pointer. */
void buf_commit(struct buf *b, size_t n);
/* Back to the BUF_INIT(max) state, memory released. */
void buf_free(struct buf *b);
/* Like buf_free, but wipes the bytes first (passwords). */
void buf_free_secure(struct buf *b);
/* Always a valid C string ("" when empty). */
const char *buf_cstr(const struct buf *b);
/* true if the content contains a NUL byte. */
int buf_has_nul(const struct buf *b);

#endif
