/*
 * test_config.c - lmtpd.cf defaults and expansion, mydestination and
 * mynetworks matching with hostile values.
 *
 * Tests:   postfix-glue/lmtp_config.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cutest.h"
#include "lmtp_config.h"
#include "pfhelpers.h"

static void test_defaults(void)
{
	struct lmtpd_config cfg;
	char want[600];

	pf_config(&cfg, "myhostname = mx.example.org\n");
	CU_ASSERT_STRING_EQUAL(cfg.myhostname, "mx.example.org");
	CU_ASSERT_STRING_EQUAL(cfg.myorigin, "mx.example.org");
	CU_ASSERT_STRING_EQUAL(cfg.smtpd_banner, "mx.example.org ESMTP Stafeta");
	CU_ASSERT_STRING_EQUAL(cfg.lmtp_banner, "mx.example.org LMTP Stafeta");
	snprintf(want, sizeof(want), "mx.example.org, localhost.%s, localhost", cfg.mydomain);
	CU_ASSERT_STRING_EQUAL(cfg.mydestination, want);
	CU_ASSERT_EQUAL(cfg.message_size_limit, 10240000);
	CU_ASSERT_EQUAL(cfg.smtpd_timeout, 300);
	CU_ASSERT_STRING_EQUAL(cfg.recipient_delimiter, "+");
	CU_ASSERT_STRING_EQUAL(cfg.home_mailbox, "Maildir/");
	lmtp_config_free(&cfg);

	pf_config(&cfg, "mydomain = example.net\nmyhostname = mail.$mydomain\n"
			"message_size_limit = 2m\nsmtpd_timeout = 5m\n"
			"mydestination = $myhostname,\n    $mydomain\n");
	CU_ASSERT_STRING_EQUAL(cfg.myhostname, "mail.example.net");
	CU_ASSERT_STRING_EQUAL(cfg.mydestination, "mail.example.net, example.net");
	CU_ASSERT_EQUAL(cfg.message_size_limit, 2 * 1024 * 1024);
	CU_ASSERT_EQUAL(cfg.smtpd_timeout, 300);
	lmtp_config_free(&cfg);
}

static void test_bad_values(void)
{
	static const char *const bad[] = {
		"message_size_limit = 10\n",          /* below the minimum */
		"message_size_limit = lots\n",
		"smtpd_recipient_limit = 0\n",
		"smtpd_use_tls = maybe\n",
		"myhostname = $myhostname\n",         /* a loop */
		"myhostname = $undefined_name\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lmtpd_config cfg;
		struct cfg_vars vars = CFG_VARS_INIT;
		const char *error = NULL;
		int r;

		memset(&cfg, 0, sizeof(cfg));
		CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_MAINCF, bad[i], strlen(bad[i]), "t", &error), 0);
		r = cfg_apply(lmtp_config_table(&cfg), &vars, CFG_MAINCF, false, &error);
		if (r != -1)
			printf("case %zu: accepted %s", i, bad[i]);
		CU_ASSERT_EQUAL(r, -1);
		cfg_vars_free(&vars);
		lmtp_config_free(&cfg);
	}
}

static void test_domains(void)
{
	const char *list = "example.org, Mail.Example.NET localhost";

	CU_ASSERT_TRUE(lmtp_domain_in_list(list, "example.org"));
	CU_ASSERT_TRUE(lmtp_domain_in_list(list, "EXAMPLE.ORG"));
	CU_ASSERT_TRUE(lmtp_domain_in_list(list, "mail.example.net"));
	CU_ASSERT_TRUE(lmtp_domain_in_list(list, "localhost"));
	CU_ASSERT_FALSE(lmtp_domain_in_list(list, "example.net"));
	CU_ASSERT_FALSE(lmtp_domain_in_list(list, "sub.example.org"));
	CU_ASSERT_FALSE(lmtp_domain_in_list(list, ""));
	CU_ASSERT_FALSE(lmtp_domain_in_list("", "example.org"));
	CU_ASSERT_FALSE(lmtp_domain_in_list(list, NULL));
}

static void test_networks(void)
{
	static const struct { const char *list, *addr; bool in; } cases[] = {
		{ "127.0.0.0/8 [::1]/128", "127.0.0.1", true },
		{ "127.0.0.0/8 [::1]/128", "127.255.1.2", true },
		{ "127.0.0.0/8 [::1]/128", "::ffff:127.0.0.5", true },
		{ "127.0.0.0/8 [::1]/128", "::1", true },
		{ "127.0.0.0/8 [::1]/128", "128.0.0.1", false },
		{ "127.0.0.0/8 [::1]/128", "::2", false },
		{ "192.0.2.0/25", "192.0.2.127", true },
		{ "192.0.2.0/25", "192.0.2.128", false },
		{ "192.0.2.7", "192.0.2.7", true },
		{ "192.0.2.7", "192.0.2.8", false },
		{ "2001:db8::/32", "2001:db8:1::5", true },
		{ "[2001:db8::]/33", "2001:db8:8000::1", false },
		{ "0.0.0.0/0", "203.0.113.9", true },
		{ "garbage 10.0.0.0/99 10.0.0.0/-1 [::1 ::1]/12", "10.1.1.1", false },
		{ "10.0.0.0/8", "", false },
		{ "10.0.0.0/8", "10.0.0.0/8", false },
		{ "10.0.0.0/8", "not-an-ip", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = lmtp_addr_in_networks(cases[i].list, cases[i].addr);

		if (got != cases[i].in)
			printf("case %zu: %s in %s: got %d\n", i, cases[i].addr, cases[i].list, got);
		CU_ASSERT_EQUAL(got, cases[i].in);
	}
}

void suite_config(void)
{
	CU_pSuite s = cutest_suite("config");

	cutest_add(s, "defaults and $name expansion", test_defaults);
	cutest_add(s, "bad values stop startup", test_bad_values);
	cutest_add(s, "domain lists", test_domains);
	cutest_add(s, "mynetworks", test_networks);
}
