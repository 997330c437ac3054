/*
 * test_opts.c - couriertcpd's command line: Courier's option set, the rc
 * scripts' lines, defaults, empty values from unset variables, errors.
 *
 * Tests:   couriertcpd/tcpd_opts.c
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cutest.h"
#include "tcpd_opts.h"

static int parse(struct tcpd_opts *o, const char **why, ...)
{
	static char *argv[64];
	va_list ap;
	int argc = 0;
	char *a;

	argv[argc++] = (char *)"couriertcpd";
	va_start(ap, why);
	while ((a = va_arg(ap, char *)) != NULL && argc < 63)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	return tcpd_opts_parse(argc, argv, o, why);
}

static void test_courier_line(void)
{
	struct tcpd_opts o;
	const char *why = NULL;

	CU_ASSERT_EQUAL_FATAL(parse(&o, &why, "-address=0", "-maxprocs=40", "-maxperip=20",
				    "-access=/etc/courier/imapaccess.dat", "-nodnslookup",
				    "-noidentlookup", "143,127.0.0.1.1143",
				    "/usr/lib/courier/courier/imaplogin", "/usr/bin/imapd",
				    "Maildir", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.action, TCPD_RUN);
	CU_ASSERT_EQUAL(o.maxprocs, 40);
	CU_ASSERT_EQUAL(o.maxperip, 20);
	CU_ASSERT_EQUAL(o.maxperc, 40);
	CU_ASSERT_EQUAL(o.warn, 40 - 5);
	CU_ASSERT_STRING_EQUAL(o.address, "");
	CU_ASSERT_STRING_EQUAL(o.access, "/etc/courier/imapaccess.dat");
	CU_ASSERT_TRUE(o.nodnslookup);
	CU_ASSERT_TRUE(o.noidentlookup);
	CU_ASSERT_EQUAL(o.nports, 2);
	CU_ASSERT_EQUAL(o.ports[1].port, 1143);
	CU_ASSERT_STRING_EQUAL(o.ports[1].addr, "127.0.0.1");
	CU_ASSERT_STRING_EQUAL(o.prog_argv[0], "/usr/lib/courier/courier/imaplogin");
	CU_ASSERT_STRING_EQUAL(o.prog_argv[2], "Maildir");
	CU_ASSERT_PTR_NULL(o.prog_argv[3]);
}

static void test_defaults_and_empty(void)
{
	struct tcpd_opts o;
	const char *why = NULL;

	CU_ASSERT_EQUAL(parse(&o, &why, "-maxprocs=", "-maxperip=", "-address=", "110", "prog",
			      (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.maxprocs, TCPD_MAXPROCS_DEFAULT);
	CU_ASSERT_EQUAL(o.maxperip, TCPD_MAXPERIP_DEFAULT);
	CU_ASSERT_FALSE(o.nodnslookup);
	CU_ASSERT_EQUAL(o.backlog, TCPD_BACKLOG_DEFAULT);
	CU_ASSERT_EQUAL(parse(&o, &why, "-maxprocs=5", "-maxperip=0", "-maxperc=3", "-warn=4",
			      "-listen=50", "-accesslocal", "-denymsg=go away", "-drop",
			      "-stderr=socket", "-user=nobody", "-group=nogroup", "-pid=/run/x.pid",
			      "-stderrlogger=/usr/sbin/courierlogger", "-stderrloggername=imapd",
			      "-address=::1", "--", "110", "prog", "-x", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.maxprocs, 5);
	CU_ASSERT_EQUAL(o.maxperip, 0);
	CU_ASSERT_EQUAL(o.maxperc, 3);
	CU_ASSERT_EQUAL(o.warn, 4);
	CU_ASSERT_EQUAL(o.backlog, 50);
	CU_ASSERT_TRUE(o.accesslocal);
	CU_ASSERT_STRING_EQUAL(o.denymsg, "go away");
	CU_ASSERT_STRING_EQUAL(o.drop, "BLOCK");
	CU_ASSERT_EQUAL(o.stderr_mode, TCPD_STDERR_SOCKET);
	CU_ASSERT_STRING_EQUAL(o.user, "nobody");
	CU_ASSERT_STRING_EQUAL(o.address, "::1");
	CU_ASSERT_STRING_EQUAL(o.prog_argv[1], "-x");
	CU_ASSERT_EQUAL(parse(&o, &why, "-drop=RBL", "-stderr=/var/log/x", "110", "p",
			      (char *)NULL), 0);
	CU_ASSERT_STRING_EQUAL(o.drop, "RBL");
	CU_ASSERT_EQUAL(o.stderr_mode, TCPD_STDERR_FILE);
	CU_ASSERT_EQUAL(parse(&o, &why, "-maxprocs=1", "110", "p", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.warn, 0);
	CU_ASSERT_EQUAL(parse(&o, &why, "-maxprocs=10", "-warn=50", "110", "p", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.warn, 10);
}

static void test_stop_restart(void)
{
	struct tcpd_opts o;
	const char *why = NULL;

	CU_ASSERT_EQUAL(parse(&o, &why, "-pid=/run/x.pid", "-stop", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.action, TCPD_STOP);
	CU_ASSERT_EQUAL(parse(&o, &why, "-restart", "-pid=/run/x.pid", (char *)NULL), 0);
	CU_ASSERT_EQUAL(o.action, TCPD_RESTART);
	CU_ASSERT_EQUAL(parse(&o, &why, "-stop", (char *)NULL), -1);
}

static void test_errors(void)
{
	static const char *const bad[][4] = {
		{ "-maxprocs=0", "110", "p", NULL },
		{ "-maxprocs=100001", "110", "p", NULL },
		{ "-maxprocs=-1", "110", "p", NULL },
		{ "-maxprocs=1x", "110", "p", NULL },
		{ "-maxprocs", "110", "p", NULL },
		{ "-maxperip=99999999999999", "110", "p", NULL },
		{ "-listen=0", "110", "p", NULL },
		{ "-address=localhost", "110", "p", NULL },
		{ "-access=", "110", "p", NULL },
		{ "-bogus", "110", "p", NULL },
		{ "-nodnslookup=1", "110", "p", NULL },
		{ "-denymsg=a\r\nb", "110", "p", NULL },
		{ "-block=zen.example", "110", "p", NULL },
		{ "110", NULL, NULL, NULL },
		{ NULL, NULL, NULL, NULL },
		{ "0", "p", NULL, NULL },
		{ "-user=", "110", "p", NULL },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[6] = { (char *)"couriertcpd" };
		int argc = 1;
		struct tcpd_opts o;
		const char *why = NULL;

		for (int j = 0; j < 4 && bad[i][j] != NULL; j++)
			argv[argc++] = (char *)bad[i][j];
		argv[argc] = NULL;
		if (tcpd_opts_parse(argc, argv, &o, &why) != -1 || why == NULL) {
			printf("case %zu (%s): accepted\n", i, bad[i][0] ? bad[i][0] : "(none)");
			CU_FAIL("bad command line accepted");
		}
	}
}

void suite_opts(void);
void suite_opts(void)
{
	CU_pSuite s = cutest_suite("opts");

	cutest_add(s, "Courier rc script line", test_courier_line);
	cutest_add(s, "defaults, empty values, every option", test_defaults_and_empty);
	cutest_add(s, "-stop and -restart", test_stop_restart);
	cutest_add(s, "errors", test_errors);
}
