/*
 * env.c - the only getenv() caller: hand-off variables and exported config.
 *
 * Trust:   the environment comes from our own parent (couriertcpd, the login
 *          program); values are still treated as text of any length.
 * Tests:   tests/unit/lib/test_cfg.c (cfg_load_env)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "env.h"

const char *env_get(const char *name)
{
	return getenv(name);
}

const char *env_get_default(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : def;
}

int env_is_yes(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && (*v == 'y' || *v == 'Y' || *v == '1');
}

extern char **environ;

int env_foreach_name(const char *prefix, int (*fn)(const char *name, size_t len, void *ctx),
		     void *ctx)
{
	size_t pl = strlen(prefix);

	for (char **e = environ; e != NULL && *e != NULL; e++) {
		const char *eq = strchr(*e, '=');
		size_t len = eq != NULL ? (size_t)(eq - *e) : strlen(*e);
		int r;

		if (len < pl || strncmp(*e, prefix, pl) != 0)
			continue;
		if ((r = fn(*e, len, ctx)) != 0)
			return r;
	}
	return 0;
}
