/*
 * test_anvil.c - per-client session counts and connection rates: each limit
 * exactly and one past it, the window rolling over, exempt-free bookkeeping
 * on disconnect, addresses kept apart, a full table.
 *
 * Tests:   postfix-glue/lmtp_anvil.c
 */
#include "config.h"

#include <stdio.h>

#include "cutest.h"
#include "lmtp_anvil.h"
#include "pfhelpers.h"

static void test_count_limit(void)
{
	struct lmtp_anvil_limits lim = { 3, 0, 60000 };
	struct lmtp_anvil *a = lmtp_anvil_new(&lim);

	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 0), LMTP_ANVIL_OK);
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 3);
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 0), LMTP_ANVIL_COUNT);
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 3);
	/* another address is not affected */
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "2001:db8::1", 0), LMTP_ANVIL_OK);
	lmtp_anvil_disconnect(a, "192.0.2.1");
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 1), LMTP_ANVIL_OK);
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 1), LMTP_ANVIL_COUNT);
	/* disconnects never go below zero, unknown addresses are ignored */
	for (int i = 0; i < 5; i++)
		lmtp_anvil_disconnect(a, "192.0.2.1");
	lmtp_anvil_disconnect(a, "198.51.100.9");
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 0);
	lmtp_anvil_free(&a);
	CU_ASSERT_PTR_NULL(a);
}

static void test_rate_limit(void)
{
	struct lmtp_anvil_limits lim = { 0, 4, 60000 };
	struct lmtp_anvil *a = lmtp_anvil_new(&lim);

	for (int i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 1000 + i), LMTP_ANVIL_OK);
		lmtp_anvil_disconnect(a, "192.0.2.1");
	}
	/* the fifth attempt in the unit is refused, and so is every later one
	   in it (refused attempts count) */
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 2000), LMTP_ANVIL_RATE);
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 60999), LMTP_ANVIL_RATE);
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 0);
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.2", 2000), LMTP_ANVIL_OK);
	/* a new unit from the first attempt's time (1000 + 60000) */
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 61000), LMTP_ANVIL_OK);
	lmtp_anvil_free(&a);
}

static void test_full_table(void)
{
	struct lmtp_anvil_limits lim = { 1, 1, 1000 };
	struct lmtp_anvil *a = lmtp_anvil_new(&lim);
	char ip[64];

	for (int i = 0; i < LMTP_ANVIL_MAX; i++) {
		snprintf(ip, sizeof(ip), "10.%d.%d.1", i / 256, i % 256);
		CU_ASSERT_EQUAL(lmtp_anvil_connect(a, ip, 0), LMTP_ANVIL_OK);
	}
	/* full of live sessions: a new address is let through, uncounted */
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 5000), LMTP_ANVIL_OK);
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 0);
	/* once sessions end and their window is over, entries are reused */
	lmtp_anvil_disconnect(a, "10.0.0.1");
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 5000), LMTP_ANVIL_OK);
	CU_ASSERT_EQUAL(lmtp_anvil_sessions(a, "192.0.2.1"), 1);
	CU_ASSERT_EQUAL(lmtp_anvil_connect(a, "192.0.2.1", 5000), LMTP_ANVIL_RATE);
	lmtp_anvil_free(&a);
}

void suite_anvil(void)
{
	CU_pSuite s = cutest_suite("anvil");

	cutest_add(s, "count limit at and over", test_count_limit);
	cutest_add(s, "rate limit at and over, next unit", test_rate_limit);
	cutest_add(s, "full table", test_full_table);
}
