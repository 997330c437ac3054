/*
 * test_pop3_config.c - the pop3 parameter table read from the environment
 * as couriertcpd hands it down: defaults, Courier's boolean test on odd
 * values ("", "YES", "no", "1x"), out-of-range test hooks refused.
 *
 * Trust:   the environment values here are hostile.
 * Tests:   pop3d/pop3_config.c
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "pop3_config.h"

static const char *const vars[] = {
	"MAILDIRPATH", "POP3AUTH", "POP3AUTH_TLS", "POP3_TLS", "POP3_STARTTLS",
	"POP3_TLS_REQUIRED", "COURIERTLS", "TLS_USER", "POP3_LOG_DELETIONS",
	"POP3_PLAINTEXT_INSECURE", "DEFDOMAIN",
	"STAFETA_TEST_POP3_LOGIN_DELAY", "STAFETA_TEST_POP3_LOGIN_DEADLINE",
	"STAFETA_TEST_POP3_IDLE_TIMEOUT", NULL
};

static void clear_env(void)
{
	size_t i;

	for (i = 0; vars[i] != NULL; i++)
		unsetenv(vars[i]);
}

static void test_defaults(void)
{
	struct pop3_config c;
	const char *err = NULL;

	clear_env();
	CU_ASSERT_EQUAL_FATAL(pop3_config_load(&c, &err), 0);
	CU_ASSERT_STRING_EQUAL(c.maildirpath, "Maildir");
	CU_ASSERT_STRING_EQUAL(c.pop3auth, "");
	CU_ASSERT(!c.pop3_tls);
	CU_ASSERT(!c.tls_required);
	CU_ASSERT_EQUAL(c.login_delay, 5);
	CU_ASSERT_EQUAL(c.login_deadline, 60);
	CU_ASSERT_EQUAL(c.idle_timeout, 300);
	pop3_config_free(&c);
}

static void test_values(void)
{
	struct pop3_config c;
	const char *err = NULL;

	clear_env();
	setenv("POP3_TLS", "YES", 1);
	setenv("POP3_TLS_REQUIRED", "", 1);
	setenv("POP3_LOG_DELETIONS", "1x", 1);
	setenv("POP3_PLAINTEXT_INSECURE", "no", 1);
	setenv("POP3AUTH", "LOGIN CRAM-MD5", 1);
	setenv("STAFETA_TEST_POP3_LOGIN_DELAY", "0", 1);
	CU_ASSERT_EQUAL_FATAL(pop3_config_load(&c, &err), 0);
	CU_ASSERT(c.pop3_tls);
	CU_ASSERT(!c.tls_required);
	CU_ASSERT(c.log_deletions);
	CU_ASSERT(!c.plain_insecure);
	CU_ASSERT_STRING_EQUAL(c.pop3auth, "LOGIN CRAM-MD5");
	CU_ASSERT_EQUAL(c.login_delay, 0);
	pop3_config_free(&c);
	clear_env();
}

static void test_out_of_range(void)
{
	struct pop3_config c;
	const char *err = NULL;

	clear_env();
	setenv("STAFETA_TEST_POP3_IDLE_TIMEOUT", "0", 1);
	CU_ASSERT_EQUAL(pop3_config_load(&c, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err);
	setenv("STAFETA_TEST_POP3_IDLE_TIMEOUT", "abc", 1);
	CU_ASSERT_EQUAL(pop3_config_load(&c, &err), -1);
	setenv("STAFETA_TEST_POP3_IDLE_TIMEOUT", "99999999999999999999999", 1);
	CU_ASSERT_EQUAL(pop3_config_load(&c, &err), -1);
	clear_env();
}

void suite_pop3_config(void);
void suite_pop3_config(void)
{
	CU_pSuite s = cutest_suite("pop3_config");

	cutest_add(s, "defaults", test_defaults);
	cutest_add(s, "Courier booleans", test_values);
	cutest_add(s, "out of range", test_out_of_range);
}
