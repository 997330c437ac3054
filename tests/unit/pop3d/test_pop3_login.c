/*
 * test_pop3_login.c - pop3login's policy helpers: which addresses count as
 * loopback (v4, v6, v4-mapped, look-alikes that must not), when cleartext
 * passwords are allowed, and which SASL mechanisms are offered from
 * POP3AUTH/POP3AUTH_TLS (case, duplicates, unknown names, junk separators).
 *
 * Trust:   config values and addresses here are hostile.
 * Tests:   pop3d/pop3_login.c (the exchange itself: tests/protocol/pop3/login_*.t)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "buf.h"
#include "pop3_config.h"
#include "pop3_login.h"

static void test_loopback(void)
{
	CU_ASSERT(pop3_ip_is_loopback("127.0.0.1"));
	CU_ASSERT(pop3_ip_is_loopback("127.255.1.2"));
	CU_ASSERT(pop3_ip_is_loopback("::1"));
	CU_ASSERT(pop3_ip_is_loopback("::ffff:127.0.0.1"));
	CU_ASSERT(!pop3_ip_is_loopback("::ffff:192.0.2.7"));
	CU_ASSERT(!pop3_ip_is_loopback("192.0.2.7"));
	CU_ASSERT(!pop3_ip_is_loopback("1127.0.0.1"));
	CU_ASSERT(!pop3_ip_is_loopback("::11"));
	CU_ASSERT(!pop3_ip_is_loopback("::1 "));
	CU_ASSERT(!pop3_ip_is_loopback(""));
	CU_ASSERT(!pop3_ip_is_loopback(NULL));
}

static void cfg_init(struct pop3_config *c, const char *auth, const char *auth_tls)
{
	memset(c, 0, sizeof(*c));
	c->pop3auth = (char *)auth;
	c->pop3auth_tls = (char *)auth_tls;
	c->defdomain = (char *)"";
}

struct mech_case {
	const char *auth, *auth_tls, *ip;
	bool tls, insecure;
	const char *want;
};

static const struct mech_case mech_cases[] = {
	{ "", "", "127.0.0.1", false, false, "" },
	{ "LOGIN PLAIN CRAM-MD5", "", "127.0.0.1", false, false, "LOGIN PLAIN CRAM-MD5" },
	{ "LOGIN PLAIN CRAM-MD5", "", "192.0.2.1", false, false, "CRAM-MD5" },
	{ "LOGIN PLAIN CRAM-MD5", "", "192.0.2.1", false, true, "LOGIN PLAIN CRAM-MD5" },
	{ "CRAM-MD5", "LOGIN PLAIN", "192.0.2.1", true, false, "LOGIN PLAIN" },
	{ "CRAM-MD5", "", "192.0.2.1", true, false, "CRAM-MD5" },
	{ "login, plain,,cram-sha256", "", "::1", false, false, "LOGIN PLAIN CRAM-SHA256" },
	{ "PLAIN PLAIN plain GSSAPI X", "", "::1", false, false, "PLAIN" },
	{ "CRAM-MD5 CRAM-MD5X XCRAM-MD5 CRAM-MD5", "", "::1", false, false, "CRAM-MD5" },
};

static void test_mechs(void)
{
	size_t i;

	for (i = 0; i < N_ELEMENTS(mech_cases); i++) {
		const struct mech_case *m = &mech_cases[i];
		struct pop3_config c;
		struct pop3_login pl;
		struct buf out = BUF_INIT(1024);

		cfg_init(&c, m->auth, m->auth_tls);
		c.plain_insecure = m->insecure;
		memset(&pl, 0, sizeof(pl));
		pl.cfg = &c;
		pl.remote_ip = m->ip;
		pl.tls = m->tls;
		pop3_login_mechs(&pl, &out);
		if (strcmp(buf_cstr(&out), m->want) != 0) {
			printf("case %zu: got \"%s\", want \"%s\"\n", i, buf_cstr(&out), m->want);
			CU_FAIL("mechanism list");
		}
		buf_free(&out);
	}
}

static void test_plaintext_ok(void)
{
	struct pop3_config c;
	struct pop3_login pl;

	cfg_init(&c, "", "");
	memset(&pl, 0, sizeof(pl));
	pl.cfg = &c;
	pl.remote_ip = "203.0.113.9";
	CU_ASSERT(!pop3_login_plaintext_ok(&pl));
	pl.tls = true;
	CU_ASSERT(pop3_login_plaintext_ok(&pl));
	pl.tls = false;
	c.plain_insecure = true;
	CU_ASSERT(pop3_login_plaintext_ok(&pl));
	c.plain_insecure = false;
	pl.remote_ip = "::ffff:127.0.0.1";
	CU_ASSERT(pop3_login_plaintext_ok(&pl));
	pl.remote_ip = "";
	CU_ASSERT(!pop3_login_plaintext_ok(&pl));
}

static void test_auth_service(void)
{
	unsetenv("TCPLOCALPORT");
	setenv("AUTHSERVICE995", "pop3s", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	setenv("TCPLOCALPORT", "995", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3s");
	setenv("TCPLOCALPORT", "110", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	setenv("AUTHSERVICE110", "", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	setenv("TCPLOCALPORT", "99999999999999999999", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	setenv("TCPLOCALPORT", "995x", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	setenv("TCPLOCALPORT", "", 1);
	CU_ASSERT_STRING_EQUAL(pop3_auth_service(), "pop3");
	unsetenv("TCPLOCALPORT");
	unsetenv("AUTHSERVICE995");
	unsetenv("AUTHSERVICE110");
}

void suite_pop3_login(void);
void suite_pop3_login(void)
{
	CU_pSuite s = cutest_suite("pop3_login");

	cutest_add(s, "loopback addresses", test_loopback);
	cutest_add(s, "SASL mechanisms offered", test_mechs);
	cutest_add(s, "cleartext policy", test_plaintext_ok);
	cutest_add(s, "AUTHSERVICE<port>", test_auth_service);
}
