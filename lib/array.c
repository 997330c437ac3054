/*
 * array.c - growable array (see array.h).
 *
 * Trust:   callers' sizes; overflow is checked by xreallocarray.
 * Limits:  callers cap the element count.
 * Tests:   tests/unit/rfc822/test_text.c (through the address lists).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "log.h"
#include "xmalloc.h"

void array_init(struct array *a, size_t elem)
{
	a->data = NULL;
	a->n = a->cap = 0;
	a->elem = elem;
}

void *array_push(struct array *a)
{
	char *p;

	if (a->n == a->cap) {
		size_t ncap = a->cap < 8 ? 8 : a->cap;
		if (a->cap >= 8) {
			if (ncap > ((size_t)-1) / 2)
				panic("array_push: too many elements");
			ncap *= 2;
		}
		a->data = xreallocarray(a->data, ncap, a->elem);
		a->cap = ncap;
	}
	p = (char *)a->data + a->n * a->elem;
	memset(p, 0, a->elem);
	a->n++;
	return p;
}

void *array_idx(const struct array *a, size_t i)
{
	if (i >= a->n)
		panic("array_idx: %zu out of %zu", i, a->n);
	return (char *)a->data + i * a->elem;
}

void array_free(struct array *a)
{
	free(a->data);
	array_init(a, a->elem);
}
