/*
 * test_aliases.c - aliases(5) parsing (hostile files), compile to gdbm,
 * lookups.
 *
 * Tests:   postfix-glue/aliases.c
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aliases.h"
#include "buf.h"
#include "cutest.h"
#include "pfhelpers.h"

struct collect {
	struct buf out;
	int n;
};

static int collect_fn(void *ctx, const char *name, const char *const *targets, size_t n,
		      unsigned lineno)
{
	struct collect *c = ctx;

	(void)!buf_printf(&c->out, "%u:%s=", lineno, name);
	for (size_t i = 0; i < n; i++)
		(void)!buf_printf(&c->out, "%s%s", i > 0 ? "|" : "", targets[i]);
	(void)!buf_putc(&c->out, ';');
	c->n++;
	return 0;
}

static int parse(const char *text, struct collect *c, struct buf *err)
{
	buf_init(&c->out, 1 << 20);
	c->n = 0;
	return aliases_parse(text, strlen(text), collect_fn, c, err);
}

static void test_parse_ok(void)
{
	struct collect c;
	struct buf err = BUF_INIT(1024);
	const char *text =
		"# comment\n"
		"postmaster: root\n"
		"\n"
		"Root: alice, bob@example.org\n"
		"  # a comment inside a continuation is skipped\n"
		"list: alice,\n"
		"\tbob ,\r\n"
		"   carol\n"
		"\"quoted name\": \"john doe\"@example.org, \\alice\n"
		"x:a,,b\n"
		"last:alice";

	CU_ASSERT_EQUAL(parse(text, &c, &err), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&c.out),
			       "2:postmaster=root;4:root=alice|bob@example.org;"
			       "6:list=alice|bob|carol;9:quoted name=\"john doe\"@example.org|\\alice;"
			       "10:x=a|b;11:last=alice;");
	CU_ASSERT_EQUAL(c.n, 6);
	buf_free(&c.out);
	buf_free(&err);
}

static void test_parse_refused(void)
{
	static const struct { const char *text; const char *err; } cases[] = {
		{ "a: |/bin/sh\n", "line 1: alias \"a\": delivery to a command is not supported" },
		{ "a: \"|/usr/bin/procmail -f-\"\n", "line 1: alias \"a\": delivery to a command is not supported" },
		{ "a: /var/mail/a\n", "line 1: alias \"a\": delivery to a file is not supported" },
		{ "ok: b\nlist: :include:/etc/list\n", "line 2: alias \"list\": :include: files is not supported" },
		{ "nocolon\n", "line 1: missing ':' after the alias name" },
		{ "a b: c\n", "line 1: missing ':' after the alias name" },
		{ ": c\n", "line 1: empty alias name" },
		{ "a:\n", "line 1: alias \"a\" has no targets" },
		{ "a: , ,\n", "line 1: alias \"a\" has no targets" },
		{ "  leading: x\n", "line 1: continuation line without an alias" },
		{ "a: \"unterminated\n", "line 1: missing closing quote" },
		{ "\"a: b\n", "line 1: missing closing quote in name" },
		{ "a: b c\n", "line 1: alias \"a\": bad address: b c" },
		{ "a: b@\n", "line 1: alias \"a\": bad address: b@" },
		{ "a: b\x01\n", "line 1: alias \"a\": bad address: b\\x01" },
		{ "a\x01: b\n", "line 1: control character or space in alias name" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct collect c;
		struct buf err = BUF_INIT(1024);
		int r = parse(cases[i].text, &c, &err);

		CU_ASSERT_EQUAL(r, -1);
		if (strncmp(buf_cstr(&err), cases[i].err, strlen(cases[i].err)) != 0)
			printf("case %zu: got \"%s\", want \"%s...\"\n", i, buf_cstr(&err), cases[i].err);
		CU_ASSERT_EQUAL(strncmp(buf_cstr(&err), cases[i].err, strlen(cases[i].err)), 0);
		buf_free(&c.out);
		buf_free(&err);
	}
}

static void test_parse_limits(void)
{
	struct collect c;
	struct buf err = BUF_INIT(1024), text = BUF_INIT(1 << 22);
	int i;

	/* a NUL byte anywhere */
	buf_init(&c.out, 1024);
	CU_ASSERT_EQUAL(aliases_parse("a: b\0c\n", 7, collect_fn, &c, &err), -1);
	buf_free(&c.out);
	/* ALIASES_TARGETS_MAX targets pass, one more does not */
	(void)!buf_append_str(&text, "big: t0");
	for (i = 1; i < ALIASES_TARGETS_MAX; i++)
		(void)!buf_printf(&text, ",t%d", i);
	CU_ASSERT_EQUAL(parse(buf_cstr(&text), &c, &err), 0);
	buf_free(&c.out);
	(void)!buf_append_str(&text, ",one-more");
	CU_ASSERT_EQUAL(parse(buf_cstr(&text), &c, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&err), "more than"));
	buf_free(&c.out);
	/* a logical line over ALIASES_LINE_MAX through continuations */
	buf_reset(&text);
	(void)!buf_append_str(&text, "long: a\n");
	for (i = 0; i < ALIASES_LINE_MAX / 90 + 10; i++)
		(void)!buf_printf(&text, " ,%090d\n", i);
	CU_ASSERT_EQUAL(parse(buf_cstr(&text), &c, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&err), "longer than"));
	buf_free(&c.out);
	/* an over-long name */
	buf_reset(&text);
	for (i = 0; i < ALIASES_NAME_MAX + 1; i++)
		(void)!buf_putc(&text, 'n');
	(void)!buf_append_str(&text, ": x\n");
	CU_ASSERT_EQUAL(parse(buf_cstr(&text), &c, &err), -1);
	buf_free(&c.out);
	buf_free(&text);
	buf_free(&err);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_compile_lookup(void)
{
	char *dir = cutest_tmpdir("aliases");
	struct buf src = BUF_INIT(4096), db = BUF_INIT(4096), out = BUF_INIT(ALIASES_DB_VALUE_MAX),
		   err = BUF_INIT(1024);
	int n;

	(void)!buf_printf(&src, "%s/aliases", dir);
	(void)!buf_printf(&db, "%s/aliases.db", dir);
	write_file(buf_cstr(&src), "Postmaster: alice\nteam: alice, bob@example.org\npostmaster: bob\n");
	n = aliases_compile(buf_cstr(&src), buf_cstr(&db), &err);
	CU_ASSERT_EQUAL(n, 2);   /* the duplicate is ignored */
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "POSTMASTER", &out, &err), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "alice");
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "team", &out, &err), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "alice\nbob@example.org");
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "nobody", &out, &err), 0);
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "", &out, &err), 0);

	/* a bad source leaves the old database in place */
	write_file(buf_cstr(&src), "x: |/bin/false\n");
	CU_ASSERT_EQUAL(aliases_compile(buf_cstr(&src), buf_cstr(&db), &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&err), "aliases: line 1"));
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "team", &out, &err), 1);

	/* an empty file makes an empty database */
	write_file(buf_cstr(&src), "");
	CU_ASSERT_EQUAL(aliases_compile(buf_cstr(&src), buf_cstr(&db), &err), 0);
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "team", &out, &err), 0);

	/* missing source, missing or corrupt database */
	CU_ASSERT_EQUAL(aliases_compile("/nonexistent/aliases", buf_cstr(&db), &err), -1);
	buf_reset(&db);
	(void)!buf_printf(&db, "%s/none.db", dir);
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "team", &out, &err), -1);
	write_file(buf_cstr(&db), "this is not a gdbm file at all, just text\n");
	CU_ASSERT_EQUAL(aliases_lookup(buf_cstr(&db), "team", &out, &err), -1);

	/* map names */
	CU_ASSERT_EQUAL(aliases_map_paths("gdbm:/etc/x", &db, &src), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&db), "/etc/x.db");
	CU_ASSERT_STRING_EQUAL(buf_cstr(&src), "/etc/x");
	CU_ASSERT_EQUAL(aliases_map_paths("hash:/etc/x", &db, &src), -1);
	CU_ASSERT_EQUAL(aliases_map_paths("gdbm:", &db, &src), -1);

	cutest_rmtree(dir);
	free(dir);
	buf_free(&src);
	buf_free(&db);
	buf_free(&out);
	buf_free(&err);
}

static void test_target(void)
{
	struct buf out = BUF_INIT(1024), err = BUF_INIT(1024);

	CU_ASSERT_EQUAL(aliases_parse_target("  Bob@EXAMPLE.org ", 18, &out, &err), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "Bob@example.org");
	CU_ASSERT_EQUAL(aliases_parse_target("\\root", 5, &out, &err), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "\\root");
	CU_ASSERT_EQUAL(aliases_parse_target("", 0, &out, &err), -1);
	CU_ASSERT_EQUAL(aliases_parse_target(":INCLUDE:/x", 11, &out, &err), -1);
	buf_free(&out);
	buf_free(&err);
}

void suite_aliases(void)
{
	CU_pSuite s = cutest_suite("aliases");

	cutest_add(s, "parse a valid file", test_parse_ok);
	cutest_add(s, "refuse pipes, files, includes, bad syntax", test_parse_refused);
	cutest_add(s, "limits", test_parse_limits);
	cutest_add(s, "compile and look up", test_compile_lookup);
	cutest_add(s, "targets", test_target);
}
