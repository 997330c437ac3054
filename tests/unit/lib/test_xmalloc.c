/*
 * test_xmalloc.c - allocation that cannot fail, and the environment reader:
 * impossible sizes end the process with exit 75 and a log line (never a
 * NULL, never a wrapped multiplication), xstrndup stops at n or NUL,
 * secure_zero wipes; env_get/env_get_default/env_is_yes on hostile values.
 *
 * Trust:   the sizes and environment values below are hostile.
 * Limits:  the dying allocations run in forked children.
 * Tests:   this file (lib/xmalloc.c, lib/env.c).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cutest.h"
#include "buf.h"
#include "env.h"
#include "helpers.h"
#include "log.h"
#include "xmalloc.h"

/* In the sanitizer build, let malloc report impossible sizes with NULL as
   libc does, so xmalloc's own handling is what runs. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void child_overflow(int report, void *arg)
{
	(void)report;
	(void)arg;
	log_init("unit_lib");
	(void)xreallocarray(NULL, SIZE_MAX / 2 + 2, 2);   /* wraps to 2 bytes */
	_exit(0);
}

static void child_huge(int report, void *arg)
{
	(void)report;
	(void)arg;
	log_init("unit_lib");
	(void)xmalloc(SIZE_MAX - 16);
	_exit(0);
}

static void child_huge_calloc(int report, void *arg)
{
	(void)report;
	(void)arg;
	log_init("unit_lib");
	(void)xcalloc(SIZE_MAX / 8, 16);
	_exit(0);
}

static void expect_death(void (*fn)(int, void *), const char *want_log)
{
	struct buf out = BUF_INIT(4096), err = BUF_INIT(BUF_MAX_UNLIMITED);
	int status;

	capture_stderr_begin();
	status = run_in_child(fn, NULL, &out);
	capture_stderr_end(&err);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 75 ||
	    strstr(buf_cstr(&err), want_log) == NULL) {
		printf("got status 0x%x, log \"%s\"; want exit 75 and \"%s\"\n", status,
		       buf_cstr(&err), want_log);
		CU_FAIL("an impossible allocation did not end the process with exit 75");
	}
	buf_free(&out);
	buf_free(&err);
}

static void test_impossible_sizes(void)
{
	expect_death(child_overflow, "CRIT: allocation size overflow");
	expect_death(child_huge, "CRIT: out of memory");
	expect_death(child_huge_calloc, "CRIT: out of memory");
}

static void test_small_cases(void)
{
	char *p = xmalloc(0), *q;
	char secret[16];

	CU_ASSERT_PTR_NOT_NULL(p);
	p = xrealloc(p, 0);
	CU_ASSERT_PTR_NOT_NULL(p);
	free(p);
	p = xcalloc(0, 0);
	CU_ASSERT_PTR_NOT_NULL(p);
	free(p);
	p = xreallocarray(NULL, 0, SIZE_MAX);
	CU_ASSERT_PTR_NOT_NULL(p);
	free(p);
	p = xcalloc(4, 4);
	CU_ASSERT_EQUAL(memcmp(p, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16), 0);
	free(p);

	q = xstrndup("abcdef", 3);
	CU_ASSERT_STRING_EQUAL(q, "abc");
	free(q);
	q = xstrndup("ab", 100);                /* stops at the NUL */
	CU_ASSERT_STRING_EQUAL(q, "ab");
	free(q);
	{
		/* an unterminated array: xstrndup reads at most n bytes */
		char *raw = malloc(4);

		CU_ASSERT_FATAL(raw != NULL);
		memcpy(raw, "wxyz", 4);
		q = xstrndup(raw, 4);
		CU_ASSERT_STRING_EQUAL(q, "wxyz");
		free(q);
		free(raw);
	}
	q = xstrdup("");
	CU_ASSERT_STRING_EQUAL(q, "");
	free(q);

	memset(secret, 'S', sizeof(secret));
	secure_zero(secret, sizeof(secret));
	for (size_t i = 0; i < sizeof(secret); i++)
		CU_ASSERT_EQUAL(secret[i], 0);
}

static void test_env(void)
{
	static const struct {
		const char *value;   /* NULL = unset */
		int yes;
	} cases[] = {
		{ NULL, 0 }, { "", 0 }, { "y", 1 }, { "Y", 1 }, { "1", 1 }, { "yes", 1 },
		{ "YES", 1 }, { "10", 1 }, { "0", 0 }, { "n", 0 }, { "no", 0 }, { " y", 0 },
		{ "true", 0 },   /* Courier looks at the first character only */
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		if (cases[i].value != NULL)
			setenv("STAFETA_TEST_YES", cases[i].value, 1);
		else
			unsetenv("STAFETA_TEST_YES");
		if (env_is_yes("STAFETA_TEST_YES") != cases[i].yes) {
			printf("case %zu (\"%s\"): got %d, want %d\n", i,
			       cases[i].value != NULL ? cases[i].value : "(unset)",
			       env_is_yes("STAFETA_TEST_YES"), cases[i].yes);
			CU_FAIL("env_is_yes");
		}
	}
	unsetenv("STAFETA_TEST_YES");
	CU_ASSERT_PTR_NULL(env_get("STAFETA_TEST_YES"));
	CU_ASSERT_STRING_EQUAL(env_get_default("STAFETA_TEST_YES", "dflt"), "dflt");
	setenv("STAFETA_TEST_YES", "", 1);
	CU_ASSERT_STRING_EQUAL(env_get("STAFETA_TEST_YES"), "");
	CU_ASSERT_STRING_EQUAL(env_get_default("STAFETA_TEST_YES", "dflt"), "dflt");
	setenv("STAFETA_TEST_YES", "v\na\x01l", 1);
	CU_ASSERT_STRING_EQUAL(env_get_default("STAFETA_TEST_YES", "dflt"), "v\na\x01l");
	unsetenv("STAFETA_TEST_YES");
}

void suite_xmalloc(void);
void suite_xmalloc(void)
{
	CU_pSuite s = cutest_suite("xmalloc");

	cutest_add(s, "impossible sizes exit 75", test_impossible_sizes);
	cutest_add(s, "zero sizes, xstrndup, secure_zero", test_small_cases);
	cutest_add(s, "environment values", test_env);
}
