/*
 * xmalloc.h - allocation that cannot fail: on out-of-memory the process dies
 * with a log line (exit 75, EX_TEMPFAIL), so callers never test for NULL.
 */
#ifndef STAFETA_XMALLOC_H
#define STAFETA_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc(p, nmemb * size) with the multiplication checked for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Overwrite n bytes so the compiler cannot drop it (secrets). */
void secure_zero(void *p, size_t n);

#endif
