/*
 * auth_util.h - small helpers shared inside authdaemon/.
 */
#ifndef STAFETA_AUTH_UTIL_H
#define STAFETA_AUTH_UTIL_H

/* For buf_* calls on buffers whose cap cannot be hit (BUF_MAX_UNLIMITED)
   or where a cut message is acceptable (error texts): the result is
   deliberately not needed. */
static inline void buf_ignore(int r)
{
	(void)r;
}

#endif
