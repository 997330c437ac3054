/*
 * test_access.c - the access file: source lines (IPv4 prefixes, Courier's
 * IPv6 form, plain IPv6, CIDR expansion, -accesslocal keys), values
 * (allow/deny, variables, quotes), hostile lines, limits, the gdbm
 * compiler and the most-specific-match lookup.
 *
 * Trust:   every line is hostile.
 * Tests:   couriertcpd/tcpd_access.c
 */
#include "config.h"

#include <errno.h>
#include <gdbm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "tcpd_access.h"

/* Collects "key=value;" for every emitted pair. */
struct collect {
	struct buf out;
	size_t count;
};

static int collect_emit(void *ctx, const char *key, const char *value)
{
	struct collect *c = ctx;

	c->count++;
	if (c->count <= 4 && buf_printf(&c->out, "%s=%s;", key, value) < 0)
		return 1;
	return 0;
}

struct line_case {
	const char *in;
	int rc;              /* 0 or -1 */
	const char *want;    /* first <= 4 pairs */
	size_t count;
};

static const struct line_case line_cases[] = {
	/* 0 */ { "192.0.2.10\tallow", 0, "192.0.2.10=allow;", 1 },
	{ "192.0.2 deny", 0, "192.0.2=deny;", 1 },
	{ "192\tallow,RELAYCLIENT", 0, "192=allow,RELAYCLIENT;", 1 },
	{ "  010.001.0.0   allow  ", 0, "10.1.0.0=allow;", 1 },
	{ "*\tdeny", 0, "*=deny;", 1 },
	/* 5 */ { "# comment\tallow", 0, "", 0 },
	{ "", 0, "", 0 },
	{ "   \t  ", 0, "", 0 },
	{ "192.0.2.0/24\tallow", 0, "192.0.2=allow;", 1 },
	{ "192.0.2.0/25\tdeny", 0, "192.0.2.0=deny;192.0.2.1=deny;192.0.2.2=deny;192.0.2.3=deny;", 128 },
	/* 10 */ { "10.0.0.0/7 allow", 0, "10=allow;11=allow;", 2 },
	{ "10.20.30.40/32 allow", 0, "10.20.30.40=allow;", 1 },
	{ "0.0.0.0/0 deny", 0, "*=deny;", 1 },
	{ "192.0.2.77/24 allow", 0, "192.0.2=allow;", 1 },   /* host bits cleared */
	{ "2001:db8::/32 allow", 0, ":2001:0db8=allow;", 1 },
	/* 15 */ { "2001:db8::/31 allow", 0, ":2001:0db8=allow;:2001:0db9=allow;", 2 },
	{ "2001:db8::1 deny", 0, ":2001:0db8:0000:0000:0000:0000:0000:0001=deny;", 1 },
	{ ":2001:DB8:0:1 allow", 0, ":2001:0db8:0000:0001=allow;", 1 },
	{ "::1/128 allow", 0, ":0000:0000:0000:0000:0000:0000:0000:0001=allow;", 1 },
	{ "2001:db8::/33 allow", 0, ":2001:0db8:0000=allow;:2001:0db8:0001=allow;:2001:0db8:0002=allow;:2001:0db8:0003=allow;", 32768 },
	/* 20 */ { "127.0.0.1.143 allow,DEFDOMAIN=@example.com", 0, "127.0.0.1.143=allow,DEFDOMAIN=@example.com;", 1 },
	{ "*.993 allow,X=1", 0, "*.993=allow,X=1;", 1 },
	{ ":0000:0000:0000:0000:0000:0000:0000:0001.143 allow", 0, ":0000:0000:0000:0000:0000:0000:0000:0001.143=allow;", 1 },
	{ "192.0.2.1 allow,MSG=\"a, b\",Y", 0, "192.0.2.1=allow,MSG=\"a, b\",Y;", 1 },
	{ "192.0.2.1 allow\r\n", 0, "192.0.2.1=allow;", 1 },
	/* 25: hostile */
	{ "192.0.2.1", -1, "", 0 },
	{ "192.0.2.1 permit", -1, "", 0 },
	{ "192.0.2.256 allow", -1, "", 0 },
	{ "192.0.2.1.2.3 allow", -1, "", 0 },
	{ "192..2 allow", -1, "", 0 },
	/* 30 */ { "1234 allow", -1, "", 0 },
	{ "-1 allow", -1, "", 0 },
	{ "example.com allow", -1, "", 0 },
	{ "192.0.2.0/33 allow", -1, "", 0 },
	{ "192.0.2.0/ allow", -1, "", 0 },
	/* 35 */ { "/24 allow", -1, "", 0 },
	{ "2001:db8::/129 allow", -1, "", 0 },
	{ "2001:db8::/17 allow", 0, ":2001:0000=allow;:2001:0001=allow;:2001:0002=allow;:2001:0003=allow;", 32768 },
	{ ":12345 allow", -1, "", 0 },
	{ ":1:2:3:4:5:6:7:8:9 allow", -1, "", 0 },
	/* 40 */ { ":1::2 allow", -1, "", 0 },
	{ "2001:db8:::1 allow", -1, "", 0 },
	{ "192.0.2.1 deny,X=1", -1, "", 0 },
	{ "192.0.2.1 allow,1X=1", -1, "", 0 },
	{ "192.0.2.1 allow,X=\"unclosed", -1, "", 0 },
	/* 45 */ { "192.0.2.1 allow,X=a\"b", -1, "", 0 },
	{ "192.0.2.1 allow,LD_PRELOAD=/tmp/x.so", -1, "", 0 },
	{ "192.0.2.1 allow,X=\x01", -1, "", 0 },
	{ "192.0.2.1 allow X=1", -1, "", 0 },
	{ "*.0 allow", -1, "", 0 },
	/* 50 */ { "*.65536 allow", -1, "", 0 },
	{ "192.0.2.1.0 allow", -1, "", 0 },
	{ ":1:2:3.143 allow", -1, "", 0 },
	{ "192.0.2.1 allow,X=\"a\" b", -1, "", 0 },
	{ "0001.2.3.4 allow", -1, "", 0 },
};

static void test_line_table(void)
{
	for (size_t i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
		struct collect c = { BUF_INIT(4096), 0 };
		const char *why = NULL;
		const char *in = line_cases[i].in;
		int rc = tcpd_access_parse_line(in, strlen(in), collect_emit, &c, &why);
		int want_rc = line_cases[i].rc;

		if (rc != want_rc || (rc == 0 &&
				      (strcmp(buf_cstr(&c.out), line_cases[i].want) != 0 ||
				       c.count != line_cases[i].count))) {
			printf("case %zu (%s): got rc %d (%s) %s x%zu, want rc %d %s x%zu\n", i, in,
			       rc, why != NULL ? why : "-", buf_cstr(&c.out), c.count, want_rc,
			       line_cases[i].want, line_cases[i].count);
			CU_FAIL("access line");
		}
		if (rc < 0)
			CU_ASSERT_PTR_NOT_NULL(why);
		buf_free(&c.out);
	}
}

static void test_line_limits(void)
{
	char *line = malloc(TCPD_ACCESS_LINE_MAX + 16);
	struct collect c = { BUF_INIT(4096), 0 };
	const char *why = NULL;

	/* IPv6 /16 expands to 1 key, /2 to 16384 keys, /1 to 32768: at the cap */
	CU_ASSERT_EQUAL(tcpd_access_parse_line("8000::/1 allow", 14, collect_emit, &c, &why), 0);
	CU_ASSERT_EQUAL(c.count, 32768);
	/* a value just over the limit */
	strcpy(line, "1 allow,X=");
	memset(line + 10, 'a', TCPD_ACCESS_VALUE_MAX);
	line[10 + TCPD_ACCESS_VALUE_MAX] = '\0';
	CU_ASSERT_EQUAL(tcpd_access_parse_line(line, strlen(line), collect_emit, &c, &why), -1);
	/* a line over the limit */
	memset(line, ' ', TCPD_ACCESS_LINE_MAX + 1);
	memcpy(line, "1 allow", 7);
	CU_ASSERT_EQUAL(tcpd_access_parse_line(line, TCPD_ACCESS_LINE_MAX + 1, collect_emit, &c,
					       &why), -1);
	/* trailing white space up to the limit is fine */
	CU_ASSERT_EQUAL(tcpd_access_parse_line(line, TCPD_ACCESS_LINE_MAX, collect_emit, &c, &why),
			0);
	/* an embedded NUL */
	CU_ASSERT_EQUAL(tcpd_access_parse_line("1 allow\0,X=1", 12, collect_emit, &c, &why), -1);
	/* one byte at a time: every prefix of a valid line parses or fails cleanly */
	{
		const char *full = "2001:db8::/45 allow,A=\"x, y\",B";

		for (size_t n = 0; n <= strlen(full); n++) {
			c.count = 0;
			buf_reset(&c.out);
			(void)!tcpd_access_parse_line(full, n, collect_emit, &c, &why);
		}
		CU_ASSERT_EQUAL(c.count, 8);
	}
	/* too many variables */
	{
		struct buf b = BUF_INIT(8192);

		CU_ASSERT_EQUAL(buf_append_str(&b, "1 allow"), 0);
		for (int i = 0; i <= TCPD_ACCESS_VARS_MAX; i++)
			CU_ASSERT_EQUAL(buf_printf(&b, ",V%d=1", i), 0);
		CU_ASSERT_EQUAL(tcpd_access_parse_line(b.data, b.len, collect_emit, &c, &why), -1);
		buf_free(&b);
	}
	free(line);
	buf_free(&c.out);
}

static int stop_emit(void *ctx, const char *key, const char *value)
{
	(void)key;
	(void)value;
	return ++*(int *)ctx == 3 ? 42 : 0;
}

static void test_emit_stops(void)
{
	int n = 0;
	const char *why = NULL;

	CU_ASSERT_EQUAL(tcpd_access_parse_line("10.0.0.0/6 allow", 16, stop_emit, &n, &why), 42);
	CU_ASSERT_EQUAL(n, 3);
}

#define PV(lit, r, why) tcpd_access_parse_value(lit, sizeof(lit) - 1, r, why)

static void test_values(void)
{
	struct tcpd_access_rule r = { 0 };
	const char *why = NULL;

	CU_ASSERT_EQUAL(PV("ALLOW", &r, &why), 0);
	CU_ASSERT_FALSE(r.deny);
	CU_ASSERT_EQUAL(r.nvars, 0);
	CU_ASSERT_EQUAL(PV("deny", &r, &why), 0);
	CU_ASSERT_TRUE(r.deny);
	CU_ASSERT_EQUAL(PV("allow,A=1, B ,C=\"x,y\",,MAXCPERIP=7,", &r, &why), 0);
	CU_ASSERT_EQUAL(r.nvars, 4);
	if (r.nvars == 4) {
		CU_ASSERT_STRING_EQUAL(r.vars[0], "A=1");
		CU_ASSERT_STRING_EQUAL(r.vars[1], "B=");
		CU_ASSERT_STRING_EQUAL(r.vars[2], "C=x,y");
		CU_ASSERT_STRING_EQUAL(r.vars[3], "MAXCPERIP=7");
	}
	CU_ASSERT_EQUAL(tcpd_access_rule_maxcperip(&r), 7);
	tcpd_access_rule_free(&r);
	CU_ASSERT_EQUAL(PV("allow,MAXCPERIP=x", &r, &why), 0);
	CU_ASSERT_EQUAL(tcpd_access_rule_maxcperip(&r), -1);
	tcpd_access_rule_free(&r);
	CU_ASSERT_EQUAL(PV("allow,MAXCPERIP=0", &r, &why), 0);
	CU_ASSERT_EQUAL(tcpd_access_rule_maxcperip(&r), 0);
	tcpd_access_rule_free(&r);
	CU_ASSERT_EQUAL(PV("", &r, &why), -1);
	CU_ASSERT_EQUAL(PV("allowed", &r, &why), -1);
	CU_ASSERT_EQUAL(PV("allow,=1", &r, &why), -1);
	tcpd_access_rule_free(&r);
	CU_ASSERT_EQUAL(PV("allow,A=\"1", &r, &why), -1);
	tcpd_access_rule_free(&r);
	/* binary garbage as a stored value (a foreign or corrupt .dat) */
	CU_ASSERT_EQUAL(PV("allow,A=\0\xff", &r, &why), -1);
	tcpd_access_rule_free(&r);
}

static void test_keys(void)
{
	char k[TCPD_ACCESS_KEYS_MAX][TCPD_ACCESS_KEY_MAX];
	size_t n;

	n = tcpd_access_keys("192.0.2.7", 0, k);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_STRING_EQUAL(k[0], "192.0.2.7");
	CU_ASSERT_STRING_EQUAL(k[1], "192.0.2");
	CU_ASSERT_STRING_EQUAL(k[3], "192");
	CU_ASSERT_STRING_EQUAL(k[4], "*");
	n = tcpd_access_keys("::ffff:192.0.2.7", 0, k);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_STRING_EQUAL(k[0], "192.0.2.7");
	n = tcpd_access_keys("2001:db8::1", 0, k);
	CU_ASSERT_EQUAL(n, 9);
	CU_ASSERT_STRING_EQUAL(k[0], ":2001:0db8:0000:0000:0000:0000:0000:0001");
	CU_ASSERT_STRING_EQUAL(k[7], ":2001");
	CU_ASSERT_STRING_EQUAL(k[8], "*");
	n = tcpd_access_keys("garbage", 0, k);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(k[0], "*");
	n = tcpd_access_keys("::ffff:127.0.0.1", 143, k);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_STRING_EQUAL(k[0], "127.0.0.1.143");
	CU_ASSERT_STRING_EQUAL(k[1], "127.0.0.1");
	CU_ASSERT_STRING_EQUAL(k[2], "*.143");
	n = tcpd_access_keys("", 993, k);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(k[0], "*.993");
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
}

static int lookup(struct tcpd_access_db *db, const char *ip, unsigned port, char *out,
		  size_t outlen)
{
	struct tcpd_access_rule r = { 0 };
	const char *why = NULL;
	int rc = tcpd_access_lookup(db, ip, port, &r, &why);
	size_t len = 0;

	out[0] = '\0';
	if (rc == 1) {
		len += (size_t)snprintf(out, outlen, "%s", r.deny ? "deny" : "allow");
		for (size_t i = 0; i < r.nvars && len < outlen; i++)
			len += (size_t)snprintf(out + len, outlen - len, ",%s", r.vars[i]);
	}
	tcpd_access_rule_free(&r);
	return rc;
}

static void test_compile_lookup(void)
{
	char *dir = cutest_tmpdir("access");
	char src[512], dat[512], tmp[512], out[512];
	struct tcpd_access_db *db;
	const char *why = NULL;

	snprintf(src, sizeof(src), "%s/imapaccess", dir);
	snprintf(dat, sizeof(dat), "%s/imapaccess.dat", dir);
	snprintf(tmp, sizeof(tmp), "%s/imapaccess.tmp", dir);
	write_file(src, "# test rules\n"
		   "127.0.0.2\tdeny\n"
		   "127.0.0\tallow,LEVEL=block\n"
		   "127\tallow,LEVEL=net,MAXCPERIP=1\n"
		   "10.0.0.0/8\tdeny\n"
		   "2001:db8::/32\tallow,V6=1\n"
		   "2001:db8:0:bad::/64\tdeny\n"
		   "*\tallow,DEFAULT=yes\n"
		   "*.993\tallow,SSL=1\n");
	CU_ASSERT_EQUAL_FATAL(tcpd_access_compile(src, dat, tmp, &why), 0);
	CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	db = tcpd_access_open(dat, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(lookup(db, "127.0.0.2", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "deny");
	CU_ASSERT_EQUAL(lookup(db, "::ffff:127.0.0.2", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "deny");
	CU_ASSERT_EQUAL(lookup(db, "127.0.0.1", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "allow,LEVEL=block");
	CU_ASSERT_EQUAL(lookup(db, "127.1.2.3", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "allow,LEVEL=net,MAXCPERIP=1");
	CU_ASSERT_EQUAL(lookup(db, "10.200.1.1", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "deny");
	CU_ASSERT_EQUAL(lookup(db, "2001:db8:1::5", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "allow,V6=1");
	CU_ASSERT_EQUAL(lookup(db, "2001:db8:0:bad::5", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "deny");
	CU_ASSERT_EQUAL(lookup(db, "192.0.2.1", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "allow,DEFAULT=yes");
	CU_ASSERT_EQUAL(lookup(db, "127.0.0.1", 993, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "allow,SSL=1");
	CU_ASSERT_EQUAL(lookup(db, "127.0.0.1", 143, out, sizeof(out)), 0);
	tcpd_access_close(&db);
	CU_ASSERT_PTR_NULL(db);

	/* a bad line: error names the line; the old .dat stays */
	write_file(src, "127.0.0.1 allow\n127.0.0.300 deny\n");
	CU_ASSERT_EQUAL(tcpd_access_compile(src, dat, tmp, &why), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "line 2"));
	CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	db = tcpd_access_open(dat, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(lookup(db, "127.0.0.2", 0, out, sizeof(out)), 1);
	CU_ASSERT_STRING_EQUAL(out, "deny");
	tcpd_access_close(&db);

	/* a directory of files, read in name order, later wins; editor files skipped */
	{
		char d2[512], f[600];

		snprintf(d2, sizeof(d2), "%s/accdir", dir);
		CU_ASSERT_EQUAL(mkdir(d2, 0755), 0);
		snprintf(f, sizeof(f), "%s/10-base", d2);
		write_file(f, "127.0.0.1 allow,FROM=base\n");
		snprintf(f, sizeof(f), "%s/20-override", d2);
		write_file(f, "127.0.0.1 allow,FROM=override\n");
		snprintf(f, sizeof(f), "%s/30-backup~", d2);
		write_file(f, "127.0.0.1 deny\n");
		snprintf(f, sizeof(f), "%s/.hidden", d2);
		write_file(f, "127.0.0.1 deny\n");
		CU_ASSERT_EQUAL(tcpd_access_compile(d2, dat, tmp, &why), 0);
		db = tcpd_access_open(dat, &why);
		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		CU_ASSERT_EQUAL(lookup(db, "127.0.0.1", 0, out, sizeof(out)), 1);
		CU_ASSERT_STRING_EQUAL(out, "allow,FROM=override");
		tcpd_access_close(&db);
	}

	/* a corrupt stored value denies (lookup -1) */
	{
		GDBM_FILE g = gdbm_open(dat, 0, GDBM_WRITER, 0644, NULL);
		datum k = { (char *)"127.0.0.9", 9 }, v = { (char *)"allow,X=\x01", 10 };

		CU_ASSERT_PTR_NOT_NULL_FATAL(g);
		CU_ASSERT_EQUAL(gdbm_store(g, k, v, GDBM_REPLACE), 0);
		gdbm_close(g);
		db = tcpd_access_open(dat, &why);
		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		CU_ASSERT_EQUAL(lookup(db, "127.0.0.9", 0, out, sizeof(out)), -1);
		tcpd_access_close(&db);
	}

	/* missing files */
	CU_ASSERT_EQUAL(tcpd_access_compile("/nonexistent/src", dat, tmp, &why), -1);
	CU_ASSERT_PTR_NULL(tcpd_access_open("/nonexistent/x.dat", &why));
	CU_ASSERT_PTR_NOT_NULL(why);
	/* not a gdbm file */
	write_file(src, "this is not gdbm\n");
	CU_ASSERT_PTR_NULL(tcpd_access_open(src, &why));
	cutest_rmtree(dir);
	free(dir);
}

void suite_access(void);
void suite_access(void)
{
	CU_pSuite s = cutest_suite("access");

	cutest_add(s, "source line table", test_line_table);
	cutest_add(s, "line limits and byte-at-a-time prefixes", test_line_limits);
	cutest_add(s, "emit callback stops parsing", test_emit_stops);
	cutest_add(s, "values", test_values);
	cutest_add(s, "lookup keys", test_keys);
	cutest_add(s, "compile and lookup", test_compile_lookup);
}
