/*
 * test_env.c - lib/env.c: env_foreach_name by prefix, early stop.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "env.h"

static int count(const char *name, size_t len, void *ctx)
{
	(void)name;
	(void)len;
	(*(int *)ctx)++;
	return 0;
}

static int stop_at_b(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	return len == 10 && strncmp(name, "TENVTEST_B", 10) == 0 ? 7 : 0;
}

static void test_foreach(void)
{
	int n = 0;

	setenv("TENVTEST_A", "1", 1);
	setenv("TENVTEST_B", "", 1);
	setenv("TENVTESTX", "x=y", 1);
	CU_ASSERT_EQUAL(env_foreach_name("TENVTEST_", count, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	n = 0;
	CU_ASSERT_EQUAL(env_foreach_name("TENVTEST", count, &n), 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(env_foreach_name("TENVTEST_", stop_at_b, NULL), 7);
	n = 0;
	CU_ASSERT_EQUAL(env_foreach_name("NO_SUCH_PREFIX_ZZ", count, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	unsetenv("TENVTEST_A");
	unsetenv("TENVTEST_B");
	unsetenv("TENVTESTX");
}

void suite_env(void);
void suite_env(void)
{
	CU_pSuite s = cutest_suite("env");

	cutest_add(s, "foreach", test_foreach);
}
