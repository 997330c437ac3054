#include "config.h"
/*
 * array.c - the one growable array (array.h): typed arrays and struct array
 * share one growth function.
 *
 * Trust:   sizes come from our own code, but are checked anyway.
 * Limits:  size_t; overflow and out-of-memory end the process via die().
 * Errors:  none returned (see array.h).
 * Tests:   tests/unit/lib/test_array.c, tests/unit/rfc822/test_text.c (address lists)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "log.h"
#include "xmalloc.h"

void *array_grow(void *v, size_t *cap, size_t n, size_t extra, size_t elsize)
{
	size_t need, ncap;

	if (elsize == 0)
		panic("array_grow: element size 0");
	if (n > SIZE_MAX - extra || n + extra > SIZE_MAX / elsize)
		die(75, "array_grow: %zu + %zu elements of %zu bytes overflow", n, extra, elsize);
	need = n + extra;
	if (need <= *cap && v != NULL)
		return v;
	ncap = *cap < ARRAY_MIN_CAP ? ARRAY_MIN_CAP : *cap;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (ncap > SIZE_MAX / elsize)
		ncap = need;
	v = xreallocarray(v, ncap, elsize);
	*cap = ncap;
	return v;
}

void array_init(struct array *a, size_t elem)
{
	a->data = NULL;
	a->n = a->cap = 0;
	a->elem = elem;
}

void *array_push(struct array *a)
{
	char *p;

	a->data = array_grow(a->data, &a->cap, a->n, 1, a->elem);
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
