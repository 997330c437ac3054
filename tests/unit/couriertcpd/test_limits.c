/*
 * test_limits.c - the child table behind -maxprocs/-maxperip/-maxperc:
 * counts per address and C block, v4 vs v4-mapped equality, full table,
 * removal of unknown pids.
 *
 * Tests:   couriertcpd/tcpd_limits.c
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "cutest.h"
#include "tcpd_limits.h"

static struct tcpd_addr v4(const char *s)
{
	struct sockaddr_in sin;
	struct tcpd_addr a;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	CU_ASSERT_EQUAL(inet_pton(AF_INET, s, &sin.sin_addr), 1);
	CU_ASSERT_EQUAL(tcpd_addr_from_sockaddr((struct sockaddr *)&sin, &a), 0);
	return a;
}

static struct tcpd_addr v6(const char *s)
{
	struct sockaddr_in6 sin6;
	struct tcpd_addr a;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	CU_ASSERT_EQUAL(inet_pton(AF_INET6, s, &sin6.sin6_addr), 1);
	CU_ASSERT_EQUAL(tcpd_addr_from_sockaddr((struct sockaddr *)&sin6, &a), 0);
	return a;
}

static void test_counts(void)
{
	struct tcpd_limits t;
	struct tcpd_addr a1 = v4("127.0.0.1"), a1m = v6("::ffff:127.0.0.1"), a2 = v4("127.0.0.2"),
			 b = v4("127.0.1.1"), x = v6("2001:db8::1"), y = v6("2001:db8::2");

	tcpd_limits_init(&t, 5);
	CU_ASSERT_EQUAL(memcmp(&a1, &a1m, sizeof(a1)), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 100, &a1), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 101, &a1m), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 102, &a2), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 103, &b), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 104, &x), 0);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 105, &y), -1);   /* full */
	CU_ASSERT_EQUAL(t.n, 5);
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &a1), 2);
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &a2), 1);
	CU_ASSERT_EQUAL(tcpd_limits_count_cblock(&t, &a1), 3);
	CU_ASSERT_EQUAL(tcpd_limits_count_cblock(&t, &b), 1);
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &y), 0);
	CU_ASSERT_EQUAL(tcpd_limits_count_cblock(&t, &y), 1);   /* last byte differs */
	CU_ASSERT_TRUE(tcpd_limits_remove(&t, 101));
	CU_ASSERT_FALSE(tcpd_limits_remove(&t, 101));
	CU_ASSERT_FALSE(tcpd_limits_remove(&t, 999));
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &a1), 1);
	CU_ASSERT_EQUAL(tcpd_limits_add(&t, 105, &y), 0);
	for (pid_t p = 100; p <= 105; p++)
		tcpd_limits_remove(&t, p);
	CU_ASSERT_EQUAL(t.n, 0);
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &a1), 0);
	tcpd_limits_deinit(&t);
}

static void test_many(void)
{
	struct tcpd_limits t;
	struct tcpd_addr a = v4("10.0.0.1");

	tcpd_limits_init(&t, 10000);
	for (pid_t p = 1; p <= 10000; p++) {
		a.b[15] = (unsigned char)(p % 7);
		CU_ASSERT_EQUAL(tcpd_limits_add(&t, p, &a), 0);
	}
	a.b[15] = 3;
	CU_ASSERT_EQUAL(tcpd_limits_count_ip(&t, &a), 1429);
	CU_ASSERT_EQUAL(tcpd_limits_count_cblock(&t, &a), 10000);
	for (pid_t p = 1; p <= 10000; p += 2)
		CU_ASSERT_TRUE(tcpd_limits_remove(&t, p));
	CU_ASSERT_EQUAL(t.n, 5000);
	tcpd_limits_deinit(&t);
}

static void test_other_family(void)
{
	struct sockaddr sa;
	struct tcpd_addr a;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNIX;
	CU_ASSERT_EQUAL(tcpd_addr_from_sockaddr(&sa, &a), -1);
}

void suite_limits(void);
void suite_limits(void)
{
	CU_pSuite s = cutest_suite("limits");

	cutest_add(s, "per address and C block", test_counts);
	cutest_add(s, "10,000 children", test_many);
	cutest_add(s, "non-IP address refused", test_other_family);
}
