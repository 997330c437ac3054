/*
 * compat.h - compiler attributes shared by every module.
 */
#ifndef STAFETA_COMPAT_H
#define STAFETA_COMPAT_H

#define ATTR_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define ATTR_WARN_UNUSED __attribute__((warn_unused_result))
#define ATTR_UNUSED __attribute__((unused))
#define NORETURN _Noreturn

#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

#endif
