/*
 * test_rcpt.c - recipient resolution over a fake authdaemond and alias map:
 * whole address first, local part for mydestination, details, aliases
 * (nested, self-referencing, looping, too large), relay refusal in SMTP mode,
 * temporary failures.
 *
 * Tests:   postfix-glue/lmtp_rcpt.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cutest.h"
#include "lmtp_config.h"
#include "lmtp_rcpt.h"
#include "pfhelpers.h"
#include "smtp_parse.h"
#include "xmalloc.h"

static const char *const users[] = { "alice@example.com", "bob", "root", "tmp-fail", NULL };
static const char *const aliases[][2] = {
	{ "team", "alice@example.com\nbob" },
	{ "postmaster", "root" },
	{ "root", "root\nbob" },          /* self reference: root itself + bob */
	{ "loop1", "loop2" },
	{ "loop2", "loop1" },
	{ "dup", "bob\nbob@mx.example.org\nBOB" },
	{ "broken", "tmp-fail" },
	{ "ghost", "nobody-here" },
	{ "halfghost", "nobody-here\nbob" },
	{ "aliasfail", NULL },
	{ NULL, NULL }
};
static unsigned pre_calls;

static enum auth_result fake_pre(void *ctx, const char *service, const char *user,
				 struct auth_info *ai)
{
	(void)ctx;
	pre_calls++;
	CU_ASSERT_STRING_EQUAL(service, "smtp");
	for (size_t i = 0; users[i] != NULL; i++) {
		if (strcmp(users[i], user) == 0) {
			if (strcmp(user, "tmp-fail") == 0)
				return AUTH_TEMPFAIL;
			ai->have_uid = true;
			ai->uid = 1000 + (uid_t)i;
			ai->gid = 1000;
			ai->home = xstrdup("/home/x");
			ai->address = xstrdup(user);
			return AUTH_OK;
		}
	}
	return AUTH_FAIL;
}

static int fake_alias(void *ctx, const char *name, struct buf *out)
{
	(void)ctx;
	for (size_t i = 0; aliases[i][0] != NULL; i++) {
		if (strcasecmp(aliases[i][0], name) == 0) {
			if (aliases[i][1] == NULL)
				return -1;
			buf_reset(out);
			return buf_append_str(out, aliases[i][1]) < 0 ? -1 : 1;
		}
	}
	return 0;
}

static const struct lmtp_rcpt_backend fake_be = { fake_pre, fake_alias, NULL };

static void resolve(struct lmtpd_config *cfg, const char *addr, bool smtp,
		    struct lmtp_rcpt_result *res)
{
	struct smtp_addr a;
	char args[600];

	snprintf(args, sizeof(args), "TO:<%s>", addr);
	CU_ASSERT_EQUAL_FATAL(smtp_parse_rcpt(args, &a), SMTP_PARSE_OK);
	lmtp_rcpt_resolve(cfg, &fake_be, &a, smtp, res);
}

static void targets_str(const struct lmtp_rcpt_result *res, char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < res->ntargets; i++) {
		size_t l = strlen(out);

		snprintf(out + l, n - l, "%s%s%s%s", i > 0 ? "," : "", res->targets[i].address,
			 res->targets[i].detail != NULL ? "/" : "",
			 res->targets[i].detail != NULL ? res->targets[i].detail : "");
	}
}

static void test_resolve_table(void)
{
	static const struct { const char *addr; bool smtp; enum lmtp_rcpt_status st; const char *targets; } cases[] = {
		{ "alice@example.com", false, LMTP_RCPT_OK, "alice@example.com" },
		{ "ALICE@Example.Com", false, LMTP_RCPT_OK, "alice@example.com" }, /* case-insensitive */
		{ "BOB+Work@MX.example.org", false, LMTP_RCPT_OK, "bob/Work" },
		{ "alice+list@example.com", false, LMTP_RCPT_OK, "alice@example.com/list" },
		{ "bob@mx.example.org", false, LMTP_RCPT_OK, "bob" },
		{ "bob@localhost", false, LMTP_RCPT_OK, "bob" },
		{ "bob+Work@mx.example.org", false, LMTP_RCPT_OK, "bob/Work" },
		{ "bob+a+b@mx.example.org", false, LMTP_RCPT_OK, "bob/a+b" },
		{ "+bob@mx.example.org", false, LMTP_RCPT_UNKNOWN, "" },
		{ "bob@elsewhere.example", false, LMTP_RCPT_UNKNOWN, "" },
		{ "bob@elsewhere.example", true, LMTP_RCPT_RELAY, "" },
		{ "alice@example.com", true, LMTP_RCPT_OK, "alice@example.com" },
		{ "carol@example.com", true, LMTP_RCPT_UNKNOWN, "" },
		{ "Postmaster", true, LMTP_RCPT_OK, "root,bob" },
		{ "team@mx.example.org", false, LMTP_RCPT_OK, "alice@example.com,bob" },
		{ "team+x@mx.example.org", false, LMTP_RCPT_OK, "alice@example.com,bob" },
		{ "root@localhost", false, LMTP_RCPT_OK, "root,bob" },
		{ "loop1@localhost", false, LMTP_RCPT_LIMIT, "" },
		{ "dup@localhost", false, LMTP_RCPT_OK, "bob" },
		{ "broken@localhost", false, LMTP_RCPT_TEMPFAIL, "" },
		{ "tmp-fail@localhost", false, LMTP_RCPT_TEMPFAIL, "" },
		{ "ghost@localhost", false, LMTP_RCPT_UNKNOWN, "" },
		{ "halfghost@localhost", false, LMTP_RCPT_OK, "bob" },
		{ "aliasfail@localhost", false, LMTP_RCPT_TEMPFAIL, "" },
		{ "team@example.com", false, LMTP_RCPT_UNKNOWN, "" },   /* aliases only for mydestination */
	};
	struct lmtpd_config cfg;

	pf_config(&cfg, "myhostname = mx.example.org\nmydestination = $myhostname localhost\n"
			"virtual_mailbox_domains = example.com\nalias_maps = gdbm:/unused\n");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lmtp_rcpt_result res;
		char got[1000];

		resolve(&cfg, cases[i].addr, cases[i].smtp, &res);
		targets_str(&res, got, sizeof(got));
		if (res.status != cases[i].st || strcmp(got, cases[i].targets) != 0)
			printf("case %zu (%s): got %d [%s], want %d [%s]\n", i, cases[i].addr,
			       res.status, got, cases[i].st, cases[i].targets);
		CU_ASSERT_EQUAL(res.status, cases[i].st);
		CU_ASSERT_STRING_EQUAL(got, cases[i].targets);
		lmtp_rcpt_result_free(&res);
	}
	lmtp_config_free(&cfg);
}

static void test_expansion_limit(void)
{
	struct lmtpd_config cfg;
	struct lmtp_rcpt_result res;

	pf_config(&cfg, "mydestination = localhost\nalias_maps = gdbm:/unused\n"
			"alias_expansion_limit = 1\n");
	resolve(&cfg, "team@localhost", false, &res);
	CU_ASSERT_EQUAL(res.status, LMTP_RCPT_LIMIT);
	CU_ASSERT_EQUAL(res.ntargets, 0);
	lmtp_rcpt_result_free(&res);
	lmtp_config_free(&cfg);

	/* no delimiter configured: "bob+x" is just unknown */
	pf_config(&cfg, "mydestination = localhost\nrecipient_delimiter =\n");
	pre_calls = 0;
	resolve(&cfg, "bob+x@localhost", false, &res);
	CU_ASSERT_EQUAL(res.status, LMTP_RCPT_UNKNOWN);
	CU_ASSERT_EQUAL(pre_calls, 2);   /* whole address, local part: nothing else */
	lmtp_rcpt_result_free(&res);
	lmtp_config_free(&cfg);
}

static void test_split_detail(void)
{
	size_t n = 0;
	const char *d = NULL;

	CU_ASSERT_TRUE(lmtp_rcpt_split_detail("a+b", "+", &n, &d));
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(d, "b");
	CU_ASSERT_TRUE(lmtp_rcpt_split_detail("a-b+c", "+-", &n, &d));
	CU_ASSERT_STRING_EQUAL(d, "b+c");
	CU_ASSERT_TRUE(lmtp_rcpt_split_detail("a+", "+", &n, &d));
	CU_ASSERT_STRING_EQUAL(d, "");
	CU_ASSERT_FALSE(lmtp_rcpt_split_detail("+a", "+", &n, &d));
	CU_ASSERT_FALSE(lmtp_rcpt_split_detail("a", "+", &n, &d));
	CU_ASSERT_FALSE(lmtp_rcpt_split_detail("a+b", "", &n, &d));
}

static unsigned cache_calls;

static enum auth_result counting_pre(const char *service, const char *user, struct auth_info *ai)
{
	(void)service;
	cache_calls++;
	if (strcmp(user, "down") == 0)
		return AUTH_TEMPFAIL;
	if (strcmp(user, "alice") != 0)
		return AUTH_FAIL;
	ai->have_uid = true;
	ai->uid = 1234;
	ai->home = xstrdup("/home/alice");
	ai->passwd = xstrdup("$6$secret");
	ai->passwd2 = xstrdup("cleartext");
	return AUTH_OK;
}

static void test_pre_cache(void)
{
	struct auth_info ai;
	char name[32];

	lmtp_rcpt_cache_clear();
	cache_calls = 0;
	for (int i = 0; i < 3; i++) {
		auth_info_init(&ai);
		CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "alice", &ai, 1000 + i), AUTH_OK);
		CU_ASSERT_EQUAL(ai.uid, 1234);
		CU_ASSERT_STRING_EQUAL(ai.home, "/home/alice");
		if (i > 0) {
			CU_ASSERT_PTR_NULL(ai.passwd);    /* secrets are never kept */
			CU_ASSERT_PTR_NULL(ai.passwd2);
		}
		auth_info_free(&ai);
	}
	CU_ASSERT_EQUAL(cache_calls, 1);
	/* unknown users are remembered too, temporary failures are not */
	auth_info_init(&ai);
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "nobody", &ai, 2000), AUTH_FAIL);
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "nobody", &ai, 2001), AUTH_FAIL);
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "down", &ai, 2002), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "down", &ai, 2003), AUTH_TEMPFAIL);
	CU_ASSERT_EQUAL(cache_calls, 4);
	/* another service is another key; an old answer is asked again */
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "imap", "alice", &ai, 2004), AUTH_OK);
	auth_info_free(&ai);
	CU_ASSERT_EQUAL(cache_calls, 5);
	auth_info_init(&ai);
	CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", "alice", &ai,
					     1000 + LMTP_PRE_CACHE_MS + 1), AUTH_OK);
	auth_info_free(&ai);
	CU_ASSERT_EQUAL(cache_calls, 6);
	/* more names than slots: the oldest go, nothing breaks */
	for (int i = 0; i < 3 * LMTP_PRE_CACHE_SIZE; i++) {
		snprintf(name, sizeof(name), "user%d", i);
		CU_ASSERT_EQUAL(lmtp_rcpt_pre_cached(counting_pre, "smtp", name, &ai, 5000 + i), AUTH_FAIL);
	}
	CU_ASSERT_EQUAL(cache_calls, 6 + 3 * LMTP_PRE_CACHE_SIZE);
	lmtp_rcpt_cache_clear();
}

void suite_rcpt(void)
{
	CU_pSuite s = cutest_suite("rcpt");

	cutest_add(s, "resolution table", test_resolve_table);
	cutest_add(s, "expansion limit, no delimiter", test_expansion_limit);
	cutest_add(s, "recipient_delimiter split", test_split_detail);
	cutest_add(s, "authdaemond answer cache", test_pre_cache);
}
