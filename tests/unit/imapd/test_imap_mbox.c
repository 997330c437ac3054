/*
 * test_imap_mbox.c - imapd/imap_mbox.c: wire names to internal names
 * (namespace, INBOX case, modified UTF-7, UTF8=ACCEPT, hostile names),
 * back to the wire, LIST wildcard matching (table-driven, with the
 * pathological patterns a backtracking matcher would choke on), and
 * SPECIAL-USE by name.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "maildir.h"
#include "imap_mbox.h"

static void test_from_wire(void)
{
	static const struct {
		const char *wire;
		bool utf8, strip;
		const char *want;   /* NULL = refused */
	} cases[] = {
		{ "INBOX", false, false, "INBOX" },
		{ "inbox", false, false, "INBOX" },
		{ "InBoX.Sent", false, false, "INBOX.Sent" },
		{ "INBOX.Sent.2024", false, false, "INBOX.Sent.2024" },
		{ "INBOX.a.", false, true, "INBOX.a" },
		{ "INBOX.a.", false, false, NULL },
		{ "INBOX.", false, true, "INBOX" },
		{ "Sent", false, false, NULL },
		{ "INBOXES", false, false, NULL },
		{ "#shared.joe.x", false, false, NULL },
		{ "INBOX..a", false, false, NULL },
		{ "INBOX.a/b", false, false, NULL },
		{ "INBOX.a\x01", false, false, NULL },
		{ "INBOX.&-", false, false, "INBOX.&" },
		{ "INBOX.x&-y&-", false, false, "INBOX.x&y&" },
		{ "INBOX.&AOk-", false, false, "INBOX.\xc3\xa9" },
		{ "INBOX.&AOk-t&AOk-", false, false, "INBOX.\xc3\xa9t\xc3\xa9" },
		{ "INBOX.&AOk", false, false, NULL },           /* no '-' */
		{ "INBOX.&AGE-", false, false, NULL },          /* encodes printable ASCII */
		{ "INBOX.&2D3cAA-", false, false, "INBOX.\xf0\x9f\x90\x80" },
		{ "INBOX.&2D0-", false, false, NULL },          /* lone surrogate */
		{ "INBOX.&", false, false, NULL },
		{ "INBOX.\xc3\xa9", false, false, NULL },
		{ "INBOX.\xc3\xa9", true, false, "INBOX.\xc3\xa9" },
		{ "INBOX.\xc3", true, false, NULL },             /* not UTF-8 */
		{ "INBOX.&AOk-", true, false, "INBOX.&AOk-" },  /* UTF8=ACCEPT: taken as is */
		{ "", false, false, NULL },
		{ ".", false, true, NULL },
	};
	struct buf out = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *error = NULL;
		int r = imap_mbox_from_wire(cases[i].wire, strlen(cases[i].wire), cases[i].utf8,
					    cases[i].strip, &out, &error);
		bool ok = cases[i].want == NULL ? r == -1 && error != NULL :
			  r == 0 && strcmp(buf_cstr(&out), cases[i].want) == 0;

		if (!ok)
			printf("case %zu: got %d [%s] (%s), want %s\n", i, r, buf_cstr(&out),
			       error ? error : "", cases[i].want ? cases[i].want : "refusal");
		CU_ASSERT_TRUE(ok);
	}
	buf_free(&out);
}

static void test_length_caps(void)
{
	char name[MAILDIR_FOLDER_NAME_MAX + 10];
	struct buf out = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	const char *error;

	memcpy(name, "INBOX.", 6);
	memset(name + 6, 'x', MAILDIR_FOLDER_NAME_MAX);
	name[6 + MAILDIR_FOLDER_NAME_MAX] = '\0';
	/* the folder part exactly at the cap, then one past */
	CU_ASSERT_EQUAL(imap_mbox_from_wire(name, strlen(name), false, false, &out, &error), 0);
	name[6 + MAILDIR_FOLDER_NAME_MAX] = 'x';
	name[7 + MAILDIR_FOLDER_NAME_MAX] = '\0';
	CU_ASSERT_EQUAL(imap_mbox_from_wire(name, strlen(name), false, false, &out, &error), -1);
	CU_ASSERT_EQUAL(imap_mbox_from_wire("INBOX.a\0b", 9, false, false, &out, &error), -1);
	buf_free(&out);
}

static void test_to_wire(void)
{
	struct buf out = BUF_INIT(100);

	CU_ASSERT_EQUAL(imap_mbox_to_wire("INBOX.a&b", false, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "INBOX.a&-b");
	buf_reset(&out);
	CU_ASSERT_EQUAL(imap_mbox_to_wire("INBOX.\xc3\xa9t\xc3\xa9", false, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "INBOX.&AOk-t&AOk-");
	buf_reset(&out);
	CU_ASSERT_EQUAL(imap_mbox_to_wire("INBOX.\xc3", false, &out), -1);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_EQUAL(imap_mbox_to_wire("INBOX.\xc3\xa9", true, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "INBOX.\xc3\xa9");
	buf_free(&out);
}

static void test_match(void)
{
	static const struct { const char *pat, *name; bool want; } cases[] = {
		{ "*", "INBOX", true },
		{ "*", "INBOX.a.b", true },
		{ "%", "INBOX", true },
		{ "%", "INBOX.a", false },
		{ "INBOX.%", "INBOX.a", true },
		{ "INBOX.%", "INBOX.a.b", false },
		{ "INBOX.%.%", "INBOX.a.b", true },
		{ "INBOX.*", "INBOX", false },
		{ "INBOX*", "INBOX", true },
		{ "inbox", "INBOX", true },
		{ "inbox.sent", "INBOX.Sent", false },
		{ "inbox.Sent", "INBOX.Sent", true },
		{ "INBOX.S%t", "INBOX.Sent", true },
		{ "INBOX.S%t", "INBOX.S.t", false },
		{ "INBOX.S*t", "INBOX.S.t", true },
		{ "INBOX.a", "INBOX.a", true },
		{ "INBOX.a", "INBOX.ab", false },
		{ "", "INBOX", false },
		{ "%%%%", "INBOX", true },
		{ "*%*%", "INBOX.a", true },
		{ "INBOX.%a", "INBOX.a", true },
		{ "INBOX.%a", "INBOX.ba", true },
		{ "INBOX.%a", "INBOX.b.a", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = imap_mbox_match(cases[i].pat, cases[i].name);

		if (got != cases[i].want)
			printf("case %zu: %s vs %s: got %d\n", i, cases[i].pat, cases[i].name, got);
		CU_ASSERT_EQUAL(got, cases[i].want);
	}
	CU_ASSERT_EQUAL(imap_mbox_wildcards("a*b%c**"), 4);
	CU_ASSERT_EQUAL(imap_mbox_wildcards("abc"), 0);
}

/* A pattern a backtracking matcher takes exponential time for. */
static void test_match_pathological(void)
{
	char name[1001], pat[64];

	memset(name, 'a', 1000);
	name[1000] = '\0';
	snprintf(pat, sizeof(pat), "*a*a*a*a*a*a*a*a*a*ab");
	CU_ASSERT_FALSE(imap_mbox_match(pat, name));
	snprintf(pat, sizeof(pat), "%%a%%a%%a%%a%%a%%a%%a%%a%%a%%ab");
	CU_ASSERT_FALSE(imap_mbox_match(pat, name));
	name[999] = 'b';
	CU_ASSERT_TRUE(imap_mbox_match("*a*a*a*a*a*a*a*a*a*ab", name));
}

static void test_special_use(void)
{
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Trash", "Trash"), "\\Trash");
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Deleted Items", "Deleted Items"),
			       "\\Trash");
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Sent", "Trash"), "\\Sent");
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Drafts", "Trash"), "\\Drafts");
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Junk", "Trash"), "\\Junk");
	CU_ASSERT_STRING_EQUAL(imap_mbox_special_use("INBOX.Archive", "Trash"), "\\Archive");
	CU_ASSERT_PTR_NULL(imap_mbox_special_use("INBOX.Sent.2024", "Trash"));
	CU_ASSERT_PTR_NULL(imap_mbox_special_use("INBOX.sent", "Trash"));
	CU_ASSERT_PTR_NULL(imap_mbox_special_use("INBOX", "Trash"));
}

void suite_imap_mbox(void);
void suite_imap_mbox(void)
{
	CU_pSuite s = cutest_suite("imap_mbox");

	cutest_add(s, "from_wire", test_from_wire);
	cutest_add(s, "length_caps", test_length_caps);
	cutest_add(s, "to_wire", test_to_wire);
	cutest_add(s, "match", test_match);
	cutest_add(s, "match_pathological", test_match_pathological);
	cutest_add(s, "special_use", test_special_use);
}
