/*
 * buf.c - the growable, binary-safe string with a hard cap.  All growth and
 * overflow arithmetic of the project lives here.
 *
 * Trust:   contents are arbitrary bytes; lengths are checked against max.
 * Limits:  len <= max always; -1/EMSGSIZE rather than truncation.
 * Tests:   tests/unit/lib/test_buf.c
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

/* Ensure room for n more bytes plus the NUL; -1 if len + n > max. */
static int buf_grow(struct buf *b, size_t n)
{
	size_t need, ncap;

	/* the second test keeps len + n + 1 from wrapping when max is SIZE_MAX */
	if (n > b->max - b->len || n >= ((size_t)-1) - b->len) {
		errno = EMSGSIZE;
		return -1;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap < 64 ? 64 : b->cap;
	while (ncap < need)
		ncap = ncap > ((size_t)-1) / 2 ? need : ncap * 2;
	/* never allocate far past what max allows */
	if (b->max < ((size_t)-1) - 1 && ncap > b->max + 1)
		ncap = b->max + 1 > need ? b->max + 1 : need;
	b->data = xrealloc(b->data, ncap);
	b->cap = ncap;
	return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_append_str(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if (buf_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

int buf_set(struct buf *b, const void *p, size_t n)
{
	if (n > b->max) {
		errno = EMSGSIZE;
		return -1;
	}
	buf_reset(b);
	return buf_append(b, p, n);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void buf_truncate(struct buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}

void buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		buf_reset(b);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

char *buf_reserve(struct buf *b, size_t n)
{
	if (buf_grow(b, n) < 0)
		return NULL;
	return b->data + b->len;
}

void buf_commit(struct buf *b, size_t n)
{
	if (b->data == NULL || n > b->cap - b->len - 1)
		return;
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_free_secure(struct buf *b)
{
	if (b->data != NULL)
		secure_zero(b->data, b->cap);
	buf_free(b);
}

const char *buf_cstr(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

int buf_has_nul(const struct buf *b)
{
	return b->len > 0 && memchr(b->data, '\0', b->len) != NULL;
}
