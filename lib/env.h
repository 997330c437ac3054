/*
 * env.h - the one place that reads the environment: the hand-off variables
 * (TCPREMOTEIP, AUTHENTICATED, MAILDIR, ...) and Courier's exported config.
 */
#ifndef STAFETA_ENV_H
#define STAFETA_ENV_H

#include <stddef.h>

/* The value, or NULL when unset. */
const char *env_get(const char *name);
/* The value, or def when unset or empty. */
const char *env_get_default(const char *name, const char *def);
/* Courier's test: true when set and the first character is y, Y or 1. */
int env_is_yes(const char *name);

/* Call fn with the name (not NUL-terminated: len bytes) of every
   environment variable whose name starts with prefix; stops early and
   returns fn's value when it is non-zero, else 0.  (Warnings about
   settings nothing reads.) */
int env_foreach_name(const char *prefix, int (*fn)(const char *name, size_t len, void *ctx),
		     void *ctx);

#endif
