/*
 * env.c - the only getenv() caller: hand-off variables and exported config.
 *
 * Trust:   the environment comes from our own parent (couriertcpd, the login
 *          program); values are still treated as text of any length.
 * Tests:   tests/unit/lib/test_cfg.c (cfg_load_env)
 */
#include "config.h"

#include <stdlib.h>

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
