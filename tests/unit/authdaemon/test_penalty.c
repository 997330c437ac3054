/*
 * test_penalty.c - the per-address login penalty: free failures, the window
 * doubling to its maximum (each exactly and 1 ms before its end), refused
 * attempts keeping it open, addresses kept apart, the reset, no address.
 *
 * Tests:   authdaemon/authd_penalty.c
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "authd_penalty.h"
#include "cutest.h"

static void test_windows(void)
{
	const char *ip = "192.0.2.50";
	int64_t t = 1000000;

	CU_ASSERT_EQUAL_FATAL(authd_penalty_init(), 0);
	for (int i = 0; i < AUTHD_PENALTY_FREE; i++) {
		CU_ASSERT_EQUAL(authd_penalty_wait(ip, t), 0);
		authd_penalty_fail(ip, t);
	}
	/* the third failure opens the first window: 1 s */
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t), AUTHD_PENALTY_BASE_MS);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t + AUTHD_PENALTY_BASE_MS - 1), 1);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t + AUTHD_PENALTY_BASE_MS), 0);
	/* each further failure doubles it: 2, 4, 8, then 15 s at most */
	{
		static const int64_t want[] = { 2000, 4000, 8000, 15000, 15000, 15000 };

		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			t += 100;
			authd_penalty_fail(ip, t);
			if (authd_penalty_wait(ip, t) != want[i])
				printf("case %zu: got %lld, want %lld\n", i,
				       (long long)authd_penalty_wait(ip, t), (long long)want[i]);
			CU_ASSERT_EQUAL(authd_penalty_wait(ip, t), want[i]);
		}
	}
	CU_ASSERT_EQUAL(authd_penalty_failures(ip, t), AUTHD_PENALTY_FREE + 6);
	/* other addresses and no address are never penalised */
	CU_ASSERT_EQUAL(authd_penalty_wait("192.0.2.51", t), 0);
	CU_ASSERT_EQUAL(authd_penalty_wait("", t), 0);
	CU_ASSERT_EQUAL(authd_penalty_wait(NULL, t), 0);
	authd_penalty_fail(NULL, t);
	authd_penalty_fail("", t);
	/* forgotten AUTHD_PENALTY_RESET_MS after the last failure */
	CU_ASSERT_EQUAL(authd_penalty_failures(ip, t + AUTHD_PENALTY_RESET_MS - 1),
			AUTHD_PENALTY_FREE + 6);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t + AUTHD_PENALTY_RESET_MS), 0);
	CU_ASSERT_EQUAL(authd_penalty_failures(ip, t + AUTHD_PENALTY_RESET_MS), 0);
	authd_penalty_fail(ip, t + AUTHD_PENALTY_RESET_MS);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t + AUTHD_PENALTY_RESET_MS), 0);
}

static void test_claim_and_success(void)
{
	const char *ip = "192.0.2.60";
	int64_t t = 3000000;

	CU_ASSERT_EQUAL_FATAL(authd_penalty_init(), 0);
	/* no entry, no address: always claimable */
	CU_ASSERT_TRUE(authd_penalty_claim(ip, t));
	CU_ASSERT_TRUE(authd_penalty_claim(NULL, t));
	for (int i = 0; i < AUTHD_PENALTY_FREE + 1; i++)
		authd_penalty_fail(ip, t);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t), 2 * AUTHD_PENALTY_BASE_MS);
	/* one waiter per address */
	CU_ASSERT_TRUE(authd_penalty_claim(ip, t));
	CU_ASSERT_FALSE(authd_penalty_claim(ip, t + 1));
	CU_ASSERT_TRUE(authd_penalty_claim("192.0.2.61", t + 1));
	authd_penalty_release(ip, t + 2);
	CU_ASSERT_TRUE(authd_penalty_claim(ip, t + 3));
	/* a claim whose holder died frees itself after the longest window + 5 s */
	CU_ASSERT_FALSE(authd_penalty_claim(ip, t + 3 + AUTHD_PENALTY_MAX_MS + 4999));
	CU_ASSERT_TRUE(authd_penalty_claim(ip, t + 3 + AUTHD_PENALTY_MAX_MS + 5000));
	authd_penalty_release(ip, t + 4);
	/* a success clears the count: no window any more */
	authd_penalty_success(ip, t + 5);
	CU_ASSERT_EQUAL(authd_penalty_failures(ip, t + 5), 0);
	CU_ASSERT_EQUAL(authd_penalty_wait(ip, t + 5), 0);
}

static void test_full_table(void)
{
	char ip[64];
	int64_t t = 5000000;

	CU_ASSERT_EQUAL_FATAL(authd_penalty_init(), 0);
	/* more addresses than slots: the least recently failed is replaced,
	   the newest keep their counts */
	for (int i = 0; i < AUTHD_PENALTY_SLOTS + 10; i++) {
		snprintf(ip, sizeof(ip), "10.9.%d.%d", i / 250, i % 250);
		for (int k = 0; k < AUTHD_PENALTY_FREE; k++)
			authd_penalty_fail(ip, t + i);
	}
	snprintf(ip, sizeof(ip), "10.9.%d.%d", (AUTHD_PENALTY_SLOTS + 9) / 250,
		 (AUTHD_PENALTY_SLOTS + 9) % 250);
	CU_ASSERT_EQUAL(authd_penalty_failures(ip, t + AUTHD_PENALTY_SLOTS + 9), AUTHD_PENALTY_FREE);
	CU_ASSERT(authd_penalty_wait(ip, t + AUTHD_PENALTY_SLOTS + 9) > 0);
	/* an over-long address is ignored */
	CU_ASSERT_EQUAL(authd_penalty_wait("0123456789012345678901234567890123456789012345678901", t), 0);
}

void suite_penalty(void);
void suite_penalty(void)
{
	CU_pSuite s = cutest_suite("penalty");

	cutest_add(s, "windows, reset, addresses", test_windows);
	cutest_add(s, "full table", test_full_table);
	cutest_add(s, "one waiter per address, success clears", test_claim_and_success);
}
