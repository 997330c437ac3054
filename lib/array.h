/*
 * array.h - the one growable array of fixed-size elements (growth and
 * overflow arithmetic live only in array.c, as buf's live in buf.c).
 */
#ifndef STAFETA_ARRAY_H
#define STAFETA_ARRAY_H

#include <stddef.h>

struct array {
	void   *data;
	size_t  n;       /* elements in use */
	size_t  cap;     /* elements allocated */
	size_t  elem;    /* size of one element */
};
#define ARRAY_INIT(elemsize) { NULL, 0, 0, (elemsize) }

void array_init(struct array *a, size_t elem);
/* A new zeroed element at the end (the array may move). */
void *array_push(struct array *a);
/* Element i (< n). */
void *array_idx(const struct array *a, size_t i);
/* Back to the ARRAY_INIT state, memory released (elements are not freed). */
void array_free(struct array *a);

#endif
