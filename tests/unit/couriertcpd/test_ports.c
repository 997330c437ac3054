/*
 * test_ports.c - couriertcpd's port list and -address= parser: valid
 * forms, every kind of hostile item, limits.  Table-driven.
 *
 * Trust:   every input is hostile.
 * Tests:   couriertcpd/tcpd_ports.c
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cutest.h"
#include "tcpd_ports.h"

struct port_case {
	const char *in;
	int ok;
	size_t n;
	const char *addr0;
	unsigned port0;
	const char *addrlast;
	unsigned portlast;
};

static const struct port_case cases[] = {
	/* 0 */ { "143", 1, 1, "", 143, "", 143 },
	{ "127.0.0.1.143", 1, 1, "127.0.0.1", 143, "127.0.0.1", 143 },
	{ "::1.993", 1, 1, "::1", 993, "::1", 993 },
	{ "127.0.0.1.143,993", 1, 2, "127.0.0.1", 143, "", 993 },
	{ "143,,993,", 1, 2, "", 143, "", 993 },
	/* 5 */ { "0.143", 1, 1, "", 143, "", 143 },
	{ "*.143", 1, 1, "", 143, "", 143 },
	{ "::ffff:127.0.0.1.110", 1, 1, "::ffff:127.0.0.1", 110, "::ffff:127.0.0.1", 110 },
	{ "65535", 1, 1, "", 65535, "", 65535 },
	{ "1", 1, 1, "", 1, "", 1 },
	/* 10 */ { "", 0, 0, NULL, 0, NULL, 0 },
	{ ",", 0, 0, NULL, 0, NULL, 0 },
	{ "0", 0, 0, NULL, 0, NULL, 0 },
	{ "65536", 0, 0, NULL, 0, NULL, 0 },
	{ "-1", 0, 0, NULL, 0, NULL, 0 },
	/* 15 */ { "+143", 0, 0, NULL, 0, NULL, 0 },
	{ " 143", 0, 0, NULL, 0, NULL, 0 },
	{ "143 ", 0, 0, NULL, 0, NULL, 0 },
	{ "imap", 0, 0, NULL, 0, NULL, 0 },
	{ "localhost.143", 0, 0, NULL, 0, NULL, 0 },
	/* 20 */ { "127.0.0.1.", 0, 0, NULL, 0, NULL, 0 },
	{ ".143", 0, 0, NULL, 0, NULL, 0 },
	{ "127.0.0.256.143", 0, 0, NULL, 0, NULL, 0 },
	{ "1.2.3.143", 0, 0, NULL, 0, NULL, 0 },
	{ "::1::2.143", 0, 0, NULL, 0, NULL, 0 },
	/* 25 */ { "143,abc", 0, 0, NULL, 0, NULL, 0 },
	{ "99999999999999999999", 0, 0, NULL, 0, NULL, 0 },
	{ "0x8f", 0, 0, NULL, 0, NULL, 0 },
	{ "127.0.0.1.1430000", 0, 0, NULL, 0, NULL, 0 },
	{ "1.2.3.4\n.143", 0, 0, NULL, 0, NULL, 0 },
};

static void test_port_table(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tcpd_port p[TCPD_PORTS_MAX];
		size_t n = 99;
		const char *why = NULL;
		int rc = tcpd_ports_parse(cases[i].in, p, TCPD_PORTS_MAX, &n, &why);

		if ((rc == 0) != cases[i].ok) {
			printf("case %zu (%s): got rc %d (%s), want %s\n", i, cases[i].in, rc,
			       why != NULL ? why : "", cases[i].ok ? "ok" : "error");
			CU_FAIL("port list");
			continue;
		}
		if (!cases[i].ok) {
			CU_ASSERT_PTR_NOT_NULL(why);
			CU_ASSERT_EQUAL(n, 99);   /* untouched on error */
			continue;
		}
		if (n != cases[i].n || strcmp(p[0].addr, cases[i].addr0) != 0 ||
		    p[0].port != cases[i].port0 || strcmp(p[n - 1].addr, cases[i].addrlast) != 0 ||
		    p[n - 1].port != cases[i].portlast) {
			printf("case %zu (%s): got n=%zu %s/%u, want n=%zu %s/%u\n", i, cases[i].in,
			       n, p[0].addr, p[0].port, cases[i].n, cases[i].addr0, cases[i].port0);
			CU_FAIL("port list value");
		}
	}
}

static void test_port_limits(void)
{
	char big[TCPD_PORTLIST_MAX + 64];
	struct tcpd_port p[TCPD_PORTS_MAX];
	size_t n = 0, len = 0;
	const char *why = NULL;

	/* exactly TCPD_PORTS_MAX items pass, one more fails */
	for (unsigned i = 0; i < TCPD_PORTS_MAX; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "%s%u", i ? "," : "", 1000 + i);
	CU_ASSERT_EQUAL(tcpd_ports_parse(big, p, TCPD_PORTS_MAX, &n, &why), 0);
	CU_ASSERT_EQUAL(n, TCPD_PORTS_MAX);
	snprintf(big + len, sizeof(big) - len, ",2000");
	CU_ASSERT_EQUAL(tcpd_ports_parse(big, p, TCPD_PORTS_MAX, &n, &why), -1);
	/* the caller's smaller array is respected */
	CU_ASSERT_EQUAL(tcpd_ports_parse("1,2,3", p, 2, &n, &why), -1);
	/* over the byte limit */
	memset(big, ',', TCPD_PORTLIST_MAX + 1);
	big[0] = '1';
	big[TCPD_PORTLIST_MAX + 1] = '\0';
	CU_ASSERT_EQUAL(tcpd_ports_parse(big, p, TCPD_PORTS_MAX, &n, &why), -1);
	big[TCPD_PORTLIST_MAX] = '\0';
	CU_ASSERT_EQUAL(tcpd_ports_parse(big, p, TCPD_PORTS_MAX, &n, &why), 0);
	/* a long address item */
	memset(big, '1', 200);
	strcpy(big + 200, ".143");
	CU_ASSERT_EQUAL(tcpd_ports_parse(big, p, TCPD_PORTS_MAX, &n, &why), -1);
}

static void test_address(void)
{
	static const struct { const char *in; int ok; const char *out; } t[] = {
		{ "", 1, "" }, { "0", 1, "" }, { "*", 1, "" }, { "127.0.0.1", 1, "127.0.0.1" },
		{ "::", 1, "::" }, { "fe80::1", 1, "fe80::1" }, { "localhost", 0, NULL },
		{ "127.1", 0, NULL }, { "1.2.3.4 ", 0, NULL }, { "00", 0, NULL },
		{ "::1%lo", 0, NULL },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char out[SOCK_ADDR_MAX];
		const char *why = NULL;
		int rc = tcpd_address_parse(t[i].in, out, &why);

		if ((rc == 0) != t[i].ok || (rc == 0 && strcmp(out, t[i].out) != 0)) {
			printf("case %zu (%s): got rc %d\n", i, t[i].in, rc);
			CU_FAIL("address");
		}
	}
	{
		char longaddr[200], out[SOCK_ADDR_MAX];
		const char *why = NULL;

		memset(longaddr, 'a', sizeof(longaddr) - 1);
		longaddr[sizeof(longaddr) - 1] = '\0';
		CU_ASSERT_EQUAL(tcpd_address_parse(longaddr, out, &why), -1);
	}
}

void suite_ports(void);
void suite_ports(void)
{
	CU_pSuite s = cutest_suite("ports");

	cutest_add(s, "port list table", test_port_table);
	cutest_add(s, "port list limits", test_port_limits);
	cutest_add(s, "-address values", test_address);
}
