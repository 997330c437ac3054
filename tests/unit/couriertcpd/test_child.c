/*
 * test_child.c - the checks couriertcpd's child applies to what the network
 * tells it: RFC 1413 ident replies and DNS host names.
 *
 * Tests:   couriertcpd/tcpd_child.c
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cutest.h"
#include "tcpd_child.h"

static void test_ident(void)
{
	static const struct { const char *in; int ok; const char *user; } t[] = {
		{ "6193 , 23 : USERID : UNIX : stjohns\r\n", 1, "stjohns" },
		{ "6193,23:USERID:UNIX:stjohns", 1, "stjohns" },
		{ "6193 , 23 : USERID : OTHER,US-ASCII : a b\tc  \r\n", 1, "a_b_c" },
		{ "6193 , 23 : USERID : UNIX : x:y:z\n", 1, "x:y:z" },
		{ "6193 , 23 : ERROR : NO-USER\r\n", 0, NULL },
		{ "6194 , 23 : USERID : UNIX : wrongport\r\n", 0, NULL },
		{ "6193 , 24 : USERID : UNIX : wrongport\r\n", 0, NULL },
		{ "6193 , 23 : USERID : UNIX : \r\n", 0, NULL },
		{ "6193 , 23 : USERID : UNIX\r\n", 0, NULL },
		{ "", 0, NULL },
		{ "garbage", 0, NULL },
		{ "99999999 , 23 : USERID : UNIX : x", 0, NULL },
		{ "6193 , 23 : USERID : UNIX : \x1b[2Jevil\x7f", 1, "_[2Jevil_" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char out[513] = "";
		int rc = tcpd_ident_parse(t[i].in, 6193, 23, out);

		if ((rc == 0) != t[i].ok || (rc == 0 && strcmp(out, t[i].user) != 0)) {
			printf("case %zu: got rc %d \"%s\", want %s\n", i, rc, out,
			       t[i].user ? t[i].user : "error");
			CU_FAIL("ident");
		}
	}
	{
		char line[2000], out[513];

		strcpy(line, "6193 , 23 : USERID : UNIX : ");
		memset(line + strlen(line), 'u', 1000);
		line[28 + 1000] = '\0';
		CU_ASSERT_EQUAL(tcpd_ident_parse(line, 6193, 23, out), 0);
		CU_ASSERT_EQUAL(strlen(out), 512);
	}
}

static void test_hostname(void)
{
	char big[300];

	CU_ASSERT_TRUE(tcpd_hostname_ok("mail.example.com"));
	CU_ASSERT_TRUE(tcpd_hostname_ok("host-1_a.example"));
	CU_ASSERT_FALSE(tcpd_hostname_ok(""));
	CU_ASSERT_FALSE(tcpd_hostname_ok("evil host"));
	CU_ASSERT_FALSE(tcpd_hostname_ok("evil\nINFO: LOGIN"));
	CU_ASSERT_FALSE(tcpd_hostname_ok("a;rm -rf"));
	CU_ASSERT_FALSE(tcpd_hostname_ok("\xc3\xa9.example"));
	memset(big, 'a', 255);
	big[255] = '\0';
	CU_ASSERT_TRUE(tcpd_hostname_ok(big));
	big[255] = 'a';
	big[256] = '\0';
	CU_ASSERT_FALSE(tcpd_hostname_ok(big));
}

void suite_child(void);
void suite_child(void)
{
	CU_pSuite s = cutest_suite("child");

	cutest_add(s, "RFC 1413 replies", test_ident);
	cutest_add(s, "host names", test_hostname);
}
