/*
 * test_tls_priority.c - TLS_PRIORITY / TLS_PROTOCOL / TLS_CIPHER_LIST to a
 * GnuTLS priority string: every result is accepted by GnuTLS and never
 * enables a protocol below TLS 1.2 or a non-AEAD / weak cipher, whatever
 * the (hostile) input.
 *
 * Tests:   couriertcpd/tls_priority.c
 */
#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "tls_priority.h"

/* GnuTLS accepts p; it has no version below 1.2 and only AEAD ciphers. */
static bool priority_is_safe(const char *p, char *why, size_t n)
{
	gnutls_priority_t prio;
	const char *err = NULL;
	const unsigned *list;
	int cnt;

	if (gnutls_priority_init(&prio, p, &err) < 0) {
		snprintf(why, n, "rejected at %s", err != NULL ? err : "?");
		return false;
	}
	cnt = gnutls_priority_protocol_list(prio, &list);
	for (int i = 0; i < cnt; i++) {
		if (list[i] != GNUTLS_TLS1_2 && list[i] != GNUTLS_TLS1_3) {
			snprintf(why, n, "protocol %s", gnutls_protocol_get_name(list[i]));
			gnutls_priority_deinit(prio);
			return false;
		}
	}
	cnt = gnutls_priority_cipher_list(prio, &list);
	for (int i = 0; i < cnt; i++) {
		if (!gnutls_cipher_get_tag_size(list[i]) || list[i] == GNUTLS_CIPHER_NULL) {
			snprintf(why, n, "cipher %s", gnutls_cipher_get_name(list[i]));
			gnutls_priority_deinit(prio);
			return false;
		}
	}
	cnt = gnutls_priority_kx_list(prio, &list);
	for (int i = 0; i < cnt; i++) {
		if (list[i] != GNUTLS_KX_ECDHE_RSA && list[i] != GNUTLS_KX_ECDHE_ECDSA &&
		    list[i] != GNUTLS_KX_DHE_RSA) {
			snprintf(why, n, "kx %s", gnutls_kx_get_name(list[i]));
			gnutls_priority_deinit(prio);
			return false;
		}
	}
	gnutls_priority_deinit(prio);
	return true;
}

struct prio_case {
	const char *protocol, *ciphers;
	bool warn;
	const char *must, *mustnot;   /* substrings of the result */
};

static const struct prio_case cases[] = {
	/* 0 */ { NULL, NULL, false, TLS_PRIORITY_DEFAULT, NULL },
	{ "", "", false, TLS_PRIORITY_DEFAULT, NULL },
	{ "TLSv1.2", NULL, false, "+VERS-TLS1.2", "VERS-TLS1.3" },
	{ "TLSv1.2++", NULL, false, TLS_PRIORITY_DEFAULT, NULL },
	{ "TLSv1.3", NULL, false, "+VERS-TLS1.3", "+VERS-TLS1.2" },
	/* 5 */ { "TLSv1", NULL, true, TLS_PRIORITY_DEFAULT, NULL },
	{ "SSL3", NULL, true, TLS_PRIORITY_DEFAULT, NULL },
	{ "TLSv1.1++", NULL, true, TLS_PRIORITY_DEFAULT, NULL },
	{ "banana", NULL, true, TLS_PRIORITY_DEFAULT, NULL },
	{ NULL, "HIGH:!aNULL:!MD5:!RC4:!3DES", false, TLS_PRIORITY_DEFAULT, NULL },
	/* 10 */ { NULL, "ECDHE-RSA-AES256-GCM-SHA384", false, "+AES-256-GCM:-MAC", "AES-128" },
	{ NULL, "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305", false,
	  "+ECDHE-RSA:+ECDHE-ECDSA:", "+DHE-RSA" },
	{ NULL, "RC4-SHA:DES-CBC3-SHA:EXP-RC4-MD5", true, TLS_PRIORITY_DEFAULT, NULL },
	{ NULL, "!AESGCM", false, "+CHACHA20-POLY1305", "GCM" },
	{ NULL, "!ECDHE:!DHE", true, TLS_PRIORITY_DEFAULT, NULL },
	/* 15 */ { NULL, "TLS_AES_128_GCM_SHA256", false, "+AES-128-GCM", "AES-256" },
	{ NULL, "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256", true, "+AES-128-GCM", "AES-256" },
	{ NULL, ":::,,, \t", false, TLS_PRIORITY_DEFAULT, NULL },
	{ NULL, "@STRENGTH:@SECLEVEL=2:+HIGH", false, TLS_PRIORITY_DEFAULT, NULL },
	{ "TLSv1.2", "CHACHA20:!aECDSA", false, "+VERS-TLS1.2:-CIPHER-ALL:+CHACHA20-POLY1305", "ECDSA" },
	/* 20 */ { NULL, "eNULL:aNULL:NULL-SHA", true, TLS_PRIORITY_DEFAULT, NULL },
};

static void test_table(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT(8192);
		const char *warn = NULL, *err = NULL;
		char why[128] = "";
		int rc = tls_priority_build(NULL, cases[i].protocol, cases[i].ciphers, &out, &warn,
					    &err);
		const char *p = buf_cstr(&out);

		if (rc != 0 || (warn != NULL) != cases[i].warn ||
		    strstr(p, cases[i].must) == NULL ||
		    (cases[i].mustnot != NULL && strstr(p, cases[i].mustnot) != NULL) ||
		    !priority_is_safe(p, why, sizeof(why))) {
			printf("case %zu (%s / %s): got rc %d warn %s \"%s\" %s\n", i,
			       cases[i].protocol ? cases[i].protocol : "-",
			       cases[i].ciphers ? cases[i].ciphers : "-", rc, warn ? warn : "-", p,
			       why);
			CU_FAIL("priority");
		}
		buf_free(&out);
	}
}

static void test_priority_passthrough(void)
{
	struct buf out = BUF_INIT(8192);
	const char *warn = NULL, *err = NULL;

	CU_ASSERT_EQUAL(tls_priority_build("NORMAL:-VERS-ALL:+VERS-TLS1.3", "TLSv1", "RC4",
					   &out, &warn, &err), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "NORMAL:-VERS-ALL:+VERS-TLS1.3");
	CU_ASSERT_PTR_NULL(warn);
	buf_free(&out);
}

static void test_limits(void)
{
	struct buf out = BUF_INIT(8192), small = BUF_INIT(16);
	const char *warn = NULL, *err = NULL;
	char *big = malloc(TLS_PRIORITY_INPUT_MAX + 2);

	memset(big, 'A', TLS_PRIORITY_INPUT_MAX + 1);
	big[TLS_PRIORITY_INPUT_MAX + 1] = '\0';
	CU_ASSERT_EQUAL(tls_priority_build(NULL, NULL, big, &out, &warn, &err), -1);
	CU_ASSERT_EQUAL(tls_priority_build(big, NULL, NULL, &out, &warn, &err), -1);
	CU_ASSERT_EQUAL(tls_priority_build(NULL, big, NULL, &out, &warn, &err), -1);
	big[TLS_PRIORITY_INPUT_MAX] = '\0';   /* at the limit: one over-long token */
	CU_ASSERT_EQUAL(tls_priority_build(NULL, big, big, &out, &warn, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(warn);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), TLS_PRIORITY_DEFAULT);
	/* many tokens of every kind */
	{
		struct buf in = BUF_INIT(TLS_PRIORITY_INPUT_MAX);
		static const char *const words[] = { "!RC4", "ECDHE-RSA-AES128-GCM-SHA256", "HIGH",
						     "x", "-AES256", "+CHACHA20", "@STRENGTH" };

		for (size_t i = 0; buf_printf(&in, "%s:", words[i % 7]) == 0; i++)
			;
		CU_ASSERT_EQUAL(tls_priority_build(NULL, NULL, buf_cstr(&in), &out, &warn, &err), 0);
		{
			char why[128];

			CU_ASSERT_TRUE(priority_is_safe(buf_cstr(&out), why, sizeof(why)));
		}
		buf_free(&in);
	}
	CU_ASSERT_EQUAL(tls_priority_build(NULL, NULL, NULL, &small, &warn, &err), -1);
	free(big);
	buf_free(&out);
	buf_free(&small);
}

void suite_tls_priority(void);
void suite_tls_priority(void)
{
	CU_pSuite s = cutest_suite("tls_priority");

	cutest_add(s, "mapping table, all results safe", test_table);
	cutest_add(s, "TLS_PRIORITY used as given", test_priority_passthrough);
	cutest_add(s, "limits", test_limits);
}
