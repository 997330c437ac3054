/*
 * strnum.h - strict number parsing: only decimal digits (no sign, space, or
 * trailing garbage unless a _prefix variant is used), overflow is an error.
 * Output arguments are written only on success; -1 sets errno to EINVAL
 * (syntax) or ERANGE (overflow).
 */
#ifndef STAFETA_STRNUM_H
#define STAFETA_STRNUM_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include "compat.h"

ATTR_WARN_UNUSED int str_to_uint(const char *s, unsigned int *num_r);
ATTR_WARN_UNUSED int str_to_ulong(const char *s, unsigned long *num_r);
ATTR_WARN_UNUSED int str_to_uint32(const char *s, uint32_t *num_r);
ATTR_WARN_UNUSED int str_to_uint64(const char *s, uint64_t *num_r);
ATTR_WARN_UNUSED int str_to_size(const char *s, size_t *num_r);
/* Optional leading '-', then digits. */
ATTR_WARN_UNUSED int str_to_int(const char *s, int *num_r);
ATTR_WARN_UNUSED int str_to_llong(const char *s, long long *num_r);
ATTR_WARN_UNUSED int str_to_uid(const char *s, uid_t *num_r);
ATTR_WARN_UNUSED int str_to_gid(const char *s, gid_t *num_r);
/* Leading digits of s (at least one); *end_r points after them. */
ATTR_WARN_UNUSED int str_to_uint64_prefix(const char *s, uint64_t *num_r, const char **end_r);
/* Same over a byte range [s, s+n) that need not be NUL-terminated. */
ATTR_WARN_UNUSED int mem_to_uint64(const char *s, size_t n, uint64_t *num_r);
/* A byte count with an optional suffix k/K, m/M, g/G (powers of 1024). */
ATTR_WARN_UNUSED int str_to_size_suffix(const char *s, uint64_t *num_r);

#endif
