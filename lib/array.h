/*
 * array.h - the one growable array (Dovecot ARRAY_TYPE, Postfix ARGV): a
 * pointer, a count and a capacity, grown by doubling with every size
 * computation checked, so no caller writes "cap * 2" again.
 *
 * New code declares typed arrays:
 *
 *	ARRAY_TYPE(uint32_t) uids = ARRAY_INIT;
 *	*ARRAY_PUSH(&uids) = 42;
 *	ARRAY_FREE(&uids);
 *
 * Existing structs with their own field names (struct maildir_list { m, n,
 * cap }) call array_grow() directly:
 *
 *	l->m = array_grow(l->m, &l->cap, l->n, 1, sizeof(*l->m));
 *
 * A struct array holds elements whose size is known only at run time
 * (array_init/array_push/array_idx/array_free; rfc822's address lists).
 *
 * Memory comes from xmalloc: running out, or a size that would overflow
 * size_t, ends the process through die() like every other allocation, so
 * these calls never fail.
 */
#ifndef STAFETA_ARRAY_H
#define STAFETA_ARRAY_H

#include <stddef.h>
#include <stdlib.h>
#include "compat.h"

/* Smallest capacity (elements) the first growth allocates. */
#define ARRAY_MIN_CAP 8

/* Make room for extra more elements after the n in use: returns v, or a
   reallocated copy, holding at least n + extra elements of elsize bytes,
   and sets *cap to the new capacity (at least double the old one when it
   grows, at least ARRAY_MIN_CAP).  Elements past n are uninitialised.
   v may be NULL with *cap 0.  Dies (log.h die()) when n + extra or the
   byte size overflows, or memory runs out. */
ATTR_WARN_UNUSED void *array_grow(void *v, size_t *cap, size_t n, size_t extra,
				  size_t elsize);

/* An array of elements of elem bytes each, the size known at run time. */
struct array {
	void   *data;
	size_t  n;       /* elements in use */
	size_t  cap;     /* elements allocated */
	size_t  elem;    /* size of one element */
};
#define ARRAY_UNTYPED_INIT(elemsize) { NULL, 0, 0, (elemsize) }

void array_init(struct array *a, size_t elem);
/* A new zeroed element at the end (the array may move). */
void *array_push(struct array *a);
/* Element i (< n; panic() otherwise). */
void *array_idx(const struct array *a, size_t i);
/* Back to the initial state, memory released (elements are not freed). */
void array_free(struct array *a);

/* A typed array: v[0..n-1] in use, cap allocated. */
#define ARRAY_TYPE(type) struct { type *v; size_t n, cap; }
#define ARRAY_INIT { NULL, 0, 0 }
/* Room for extra more elements (a is evaluated more than once). */
#define ARRAY_RESERVE(a, extra) \
	((a)->v = array_grow((a)->v, &(a)->cap, (a)->n, (extra), sizeof(*(a)->v)))
/* Append one element and return a pointer to it, uninitialised (a is
   evaluated more than once). */
#define ARRAY_PUSH(a) (ARRAY_RESERVE((a), 1), &(a)->v[(a)->n++])
/* Free the elements' storage (not what they point to); back to ARRAY_INIT
   (a is evaluated more than once). */
#define ARRAY_FREE(a) (free((a)->v), (a)->v = NULL, (a)->n = (a)->cap = 0)

#endif
