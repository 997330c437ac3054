#include "config.h"
/*
 * array.c - growth of the one growable array (array.h).
 *
 * Trust:   sizes come from our own code, but are checked anyway.
 * Limits:  size_t; overflow and out-of-memory end the process via die().
 * Errors:  none returned (see array.h).
 * Tests:   tests/unit/lib/test_array.c
 */
#include <stdint.h>

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
