/*
 * test_cfg.c - the config reader: Courier's shell syntax (quotes, $NAME and
 * ${NAME}, comments, continuations, export, errors with line numbers, NUL
 * bytes, over-long lines and values), Debian's real /etc/courier files as
 * fixtures, Postfix main.cf syntax ($name expansion, loops, undefined names,
 * continuation lines, expansion blow-ups), typed tables with ranges and
 * unknown names, and lmtpd -d / -n output.  Table-driven rows print
 * "case N: got X, want Y".
 *
 * Trust:   every config text below is hostile or at least careless.
 * Limits:  the largest input is a 4 MiB + 1 byte file.
 * Tests:   this file (lib/cfg.c); tests/fuzz/fuzz_cfg.c fuzzes it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "cfg.h"
#include "helpers.h"
#include "log.h"
#include "timeutil.h"

/* ---- shell syntax ------------------------------------------------------ */

struct sh_case {
	const char *text;
	const char *name;   /* variable to look at */
	const char *want;   /* its value; NULL = undefined */
	int err_line;       /* > 0: parse must fail naming this line */
};

static const struct sh_case sh_cases[] = {
	/* 0 */ { "A=1\n", "A", "1", 0 },
	{ "A=1", "A", "1", 0 },                                   /* no final newline */
	{ "A=\"a b\"\n", "A", "a b", 0 },
	{ "A=x\nB=\"a $A b\"\n", "B", "a x b", 0 },
	{ "B='single $NOEXP'\n", "B", "single $NOEXP", 0 },
	/* 5 */ { "# comment\n  # indented\n\nA=1\n", "A", "1", 0 },
	{ "A=1 # trailing comment\n", "A", "1", 0 },
	{ "A=a#b\n", "A", "a#b", 0 },                             /* # inside a word */
	{ "A=\"a \\\nb\"\n", "A", "a b", 0 },                     /* continuation in quotes */
	{ "A=a\\\nb\n", "A", "ab", 0 },                           /* continuation unquoted */
	/* 10 */ { "A=1\nB=\"abc\nC=2\n", "A", NULL, 2 },         /* unterminated " */
	{ "A=1\n\nB='abc\n", "A", NULL, 3 },                      /* unterminated ' */
	{ "export A=1\n", "A", "1", 0 },
	{ "export A\nA=2\n", "A", "2", 0 },
	{ "A=1\nA=2\n", "A", "2", 0 },                            /* later wins */
	/* 15 */ { "A=1\nB=$A\nA=2\n", "B", "1", 0 },             /* expanded at the time */
	{ "A=x\nB=${A}y\n", "B", "xy", 0 },
	{ "A=x\nB=$Ay\n", "B", "", 0 },                           /* $Ay is another name */
	{ "A=abc$\n", "A", "abc$", 0 },                           /* $ at end of line */
	{ "A=\"abc$\"\n", "A", "abc$", 0 },
	/* 20 */ { "A=abc$", "A", "abc$", 0 },                    /* $ at end of file */
	{ "A=${B\n", "A", NULL, 1 },
	{ "A=${}\n", "A", NULL, 1 },
	{ "A=\n", "A", "", 0 },                                   /* empty value */
	{ "A=\"\"\n", "A", "", 0 },
	/* 25 */ { "A=''\n", "A", "", 0 },
	{ "A='x'\"y\"z\n", "A", "xyz", 0 },
	{ "A=\"a\\\"b\"\n", "A", "a\"b", 0 },
	{ "A=\"\\$A\"\n", "A", "$A", 0 },
	{ "A=a\\ b\n", "A", "a b", 0 },
	/* 30 */ { "A=\"a\\nb\"\n", "A", "a\\nb", 0 },           /* \n is not special */
	{ "A='a\\'\n", "A", "a\\", 0 },
	{ "  A=1\n", "A", "1", 0 },
	{ "A=1\r\nB=2\r\n", "B", "2", 0 },                        /* CRLF file */
	{ "##NAME: IMAP_CAPABILITY:1\nA=1\n", "A", "1", 0 },      /* sysconftool marker */
	/* 35 */ { "A = 1\n", "A", NULL, 1 },                     /* a command, not an assignment */
	{ "A=a b\n", "A", NULL, 1 },
	{ "echo hi\n", "echo", NULL, 1 },
	{ "A=1\nrm -rf /\n", "A", NULL, 2 },
	{ "A=`id`\n", "A", NULL, 1 },
	/* 40 */ { "A=$(id)\n", "A", NULL, 1 },
	{ "A=\"$(id)\"\n", "A", NULL, 1 },
	{ "A=1; B=2\n", "B", "2", 0 },
	{ "A=1|cat\n", "A", NULL, 1 },
	{ "1A=2\n", "A", NULL, 1 },
	/* 45 */ { "A=x\nB=\"$A$A\"'$A'\n", "B", "xx$A", 0 },
	{ "A=\"multi\nline\"\nB=2\n", "A", "multi\nline", 0 },
	{ "A=\"multi\nline\"\nB=\"\n", "A", NULL, 3 },            /* line count survives */
	{ "A=1\\", "A", NULL, 1 },                                /* backslash at EOF */
	{ "A=$1\n", "A", NULL, 1 },
	/* 50 */ { "A=\"${A}\"\n", "A", "", 0 },                  /* self-reference: empty */
	{ "\n\n\n\nA=\"\n", "A", NULL, 5 },
	{ "A=x\\\n\\\n\\\ny\n", "A", "xy", 0 },
	{ "A=x\nexport B=\"$A\"\n", "B", "x", 0 },
	{ "export\n", "A", NULL, 1 },
};

static void test_shell_table(void)
{
	for (size_t i = 0; i < N_ELEMENTS(sh_cases); i++) {
		const struct sh_case *c = &sh_cases[i];
		struct cfg_vars vars = CFG_VARS_INIT;
		const char *err = NULL;
		int r = cfg_parse_text(&vars, CFG_SHELL, c->text, strlen(c->text), "t", &err);

		if (c->err_line > 0) {
			char want[32];

			snprintf(want, sizeof(want), "t:%d: ", c->err_line);
			if (r != -1 || err == NULL || strncmp(err, want, strlen(want)) != 0 ||
			    strlen(err) <= strlen(want)) {
				printf("case %zu: got %d \"%s\", want -1 \"%s<reason>\"\n", i, r,
				       err != NULL ? err : "(null)", want);
				CU_FAIL("shell syntax error case");
			}
		} else {
			const char *got = r == 0 ? cfg_vars_get(&vars, c->name) : NULL;

			if (r != 0 || (got == NULL) != (c->want == NULL) ||
			    (got != NULL && strcmp(got, c->want) != 0)) {
				printf("case %zu: got %d %s=\"%s\" (%s), want 0 \"%s\"\n", i, r,
				       c->name, got != NULL ? got : "(undef)",
				       err != NULL && r != 0 ? err : "", c->want != NULL ? c->want : "(undef)");
				CU_FAIL("shell syntax case");
			}
		}
		cfg_vars_free(&vars);
	}
}

static void test_shell_env(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	static const char text[] = "B=\"[$STAFETA_TEST_ENV]\"\nC=$STAFETA_TEST_UNSET\n";

	setenv("STAFETA_TEST_ENV", "from env", 1);
	unsetenv("STAFETA_TEST_UNSET");
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text, sizeof(text) - 1, "t", &err), 0);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "B"), "[]");
	cfg_vars_free(&vars);
	vars.use_env = true;
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text, sizeof(text) - 1, "t", &err), 0);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "B"), "[from env]");
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "C"), "");
	/* a file's own assignment wins over the environment */
	cfg_vars_free(&vars);
	vars.use_env = true;
	{
		static const char t2[] = "STAFETA_TEST_ENV=mine\nB=$STAFETA_TEST_ENV\n";

		CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, t2, sizeof(t2) - 1, "t", &err), 0);
		CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "B"), "mine");
	}
	cfg_vars_free(&vars);
	unsetenv("STAFETA_TEST_ENV");
}

static void test_shell_nul(void)
{
	static const char text[] = "A=1\nB=x\0y\nC=3\n";
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;

	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text, sizeof(text) - 1, "t", &err), -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	CU_ASSERT_EQUAL(strncmp(err, "t:2: ", 5), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "NUL"));
	cfg_vars_free(&vars);
	/* the same in main.cf syntax */
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_MAINCF, "a = 1\nb = \0\n", 12, "m", &err), -1);
	CU_ASSERT_EQUAL(strncmp(err, "m:2: ", 5), 0);
	cfg_vars_free(&vars);
}

static void test_shell_long(void)
{
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	const char *v;

	/* just under the value limit: fine */
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "A=\""), 0);
	for (int i = 0; i < 60000; i++)
		CU_ASSERT_EQUAL_FATAL(buf_putc(&text, (char)('a' + i % 26)), 0);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "\"\nB=2\n"), 0);
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text.data, text.len, "t", &err), 0);
	v = cfg_vars_get(&vars, "A");
	CU_ASSERT_TRUE(v != NULL && strlen(v) == 60000);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "B"), "2");
	cfg_vars_free(&vars);

	/* 200000-byte value: an error naming line 1, not a truncation */
	buf_reset(&text);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "X=1\nA="), 0);
	for (int i = 0; i < 200000; i++)
		CU_ASSERT_EQUAL_FATAL(buf_putc(&text, 'v'), 0);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "\n"), 0);
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text.data, text.len, "t", &err), -1);
	CU_ASSERT_EQUAL(strncmp(err, "t:2: ", 5), 0);
	cfg_vars_free(&vars);

	/* expansion doubling: A, then B=$A$A..., C=$B$B...: capped, quickly */
	buf_reset(&text);
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "A=0123456789012345678901234567890123456789\n"), 0);
	for (int l = 1; l < 30; l++)
		CU_ASSERT_EQUAL_FATAL(buf_printf(&text, "A=\"$A$A\"\n"), 0);
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text.data, text.len, "t", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err != NULL ? strstr(err, "long") : NULL);
	cfg_vars_free(&vars);
	buf_free(&text);
}

static void many_vars_child(int report, void *arg)
{
	/* 100000 distinct names (a 1.3 MB file): parsed or refused, in well
	   under the time a quadratic name lookup would take. */
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL, *v;
	int64_t t0, dt;
	int r;

	(void)arg;
	alarm(20);
	for (int i = 0; i < 100000; i++)
		if (buf_printf(&text, "V%d=%d\n", i, i) < 0)
			child_fail(report, "buf_printf");
	t0 = time_mono_ms();
	r = cfg_parse_text(&vars, CFG_SHELL, text.data, text.len, "t", &err);
	dt = time_mono_ms() - t0;
	if (dt > 3000)
		child_fail(report, "shell: 100000 variables took %lld ms", (long long)dt);
	v = cfg_vars_get(&vars, "V99999");
	if (r == 0 ? v == NULL || strcmp(v, "99999") != 0 : err == NULL)
		child_fail(report, "shell: 100000 variables: got %d, V99999=%s", r,
			   v != NULL ? v : "(undef)");
	cfg_vars_free(&vars);
	buf_reset(&text);
	for (int i = 0; i < 100000; i++)
		if (buf_printf(&text, "v%d = %d\n", i, i) < 0)
			child_fail(report, "buf_printf");
	t0 = time_mono_ms();
	r = cfg_parse_text(&vars, CFG_MAINCF, text.data, text.len, "m", &err);
	dt = time_mono_ms() - t0;
	if (dt > 3000)
		child_fail(report, "main.cf: 100000 variables took %lld ms", (long long)dt);
	if (r != 0 && err == NULL)
		child_fail(report, "main.cf: -1 without a reason");
	cfg_vars_free(&vars);

	/* The worst case for name lookups: 1000 names sharing a 240-byte
	   prefix, then 3 MB of references to the last one. */
	buf_reset(&text);
	for (int i = 0; i < 1000; i++) {
		for (int j = 0; j < 240; j++)
			if (buf_putc(&text, 'P') < 0)
				child_fail(report, "buf_putc");
		if (buf_printf(&text, "%04d=\n", i) < 0)
			child_fail(report, "buf_printf");
	}
	for (int l = 0; l < 60; l++) {
		if (buf_append_str(&text, "B=\"") < 0)
			child_fail(report, "buf_append_str");
		for (int k = 0; k < 200; k++) {
			if (buf_putc(&text, '$') < 0)
				child_fail(report, "buf_putc");
			for (int j = 0; j < 240; j++)
				if (buf_putc(&text, 'P') < 0)
					child_fail(report, "buf_putc");
			if (buf_append_str(&text, "0999") < 0)
				child_fail(report, "buf_append_str");
		}
		if (buf_append_str(&text, "\"\n") < 0)
			child_fail(report, "buf_append_str");
	}
	t0 = time_mono_ms();
	r = cfg_parse_text(&vars, CFG_SHELL, text.data, text.len, "t", &err);
	dt = time_mono_ms() - t0;
	if (dt > 5000)
		child_fail(report, "shell: 3 MB of references to 1000 long names took %lld ms",
			   (long long)dt);
	if (r != 0 || (v = cfg_vars_get(&vars, "B")) == NULL || *v != '\0')
		child_fail(report, "shell: long-name references: got %d %s", r,
			   r != 0 && err != NULL ? err : "");
	cfg_vars_free(&vars);
	buf_free(&text);
}

static void run_child_test(void (*fn)(int, void *), void *arg)
{
	struct buf out = BUF_INIT(16384);

	run_in_child(fn, arg, &out);
	if (out.len > 0) {
		printf("%s", buf_cstr(&out));
		CU_FAIL("see the lines above");
	}
	buf_free(&out);
}

static void test_shell_many_vars(void)
{
	run_child_test(many_vars_child, NULL);
}

/* ---- Debian's real Courier files ---------------------------------------- */

struct want_var {
	const char *name, *value;   /* value NULL: must be undefined */
};

static void check_file(const char *fixture, const struct want_var *want, size_t n)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	char *path = test_data_path(fixture);

	if (cfg_parse_file(&vars, CFG_SHELL, path, &err) != 0) {
		printf("%s: %s\n", path, err != NULL ? err : "?");
		CU_FAIL("parse a Debian Courier file");
	}
	for (size_t i = 0; i < n; i++) {
		const char *got = cfg_vars_get(&vars, want[i].name);

		if ((got == NULL) != (want[i].value == NULL) ||
		    (got != NULL && strcmp(got, want[i].value) != 0)) {
			printf("case %zu (%s %s): got \"%s\", want \"%s\"\n", i, fixture,
			       want[i].name, got != NULL ? got : "(undef)",
			       want[i].value != NULL ? want[i].value : "(undef)");
			CU_FAIL("Debian Courier file value");
		}
	}
	cfg_vars_free(&vars);
	free(path);
}

#define CAPS "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE"
#define CAPS_ORIG "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT " \
	"THREAD=REFERENCES SORT QUOTA AUTH=CRAM-MD5 AUTH=CRAM-SHA1 AUTH=CRAM-SHA256 IDLE"

static void test_courier_imapd(void)
{
	static const struct want_var want[] = {
		{ "ADDRESS", "0" },
		{ "PORT", "143" },
		{ "MAXDAEMONS", "40" },
		{ "MAXPERIP", "20" },
		{ "PIDFILE", "/run/courier/imapd.pid" },
		{ "TCPDOPTS", "-nodnslookup -noidentlookup" },
		{ "LOGGEROPTS", "-name=imapd" },
		{ "IMAP_CAPABILITY", CAPS },
		{ "IMAP_CAPABILITY_ORIG", CAPS_ORIG },
		{ "IMAP_CAPABILITY_TLS", CAPS " AUTH=PLAIN" },
		{ "IMAP_CAPABILITY_TLS_ORIG", CAPS_ORIG " AUTH=PLAIN" },
		{ "IMAP_IDLE_TIMEOUT", "60" },
		{ "IMAP_DISABLETHREADSORT", "0" },
		{ "IMAP_CHECK_ALL_FOLDERS", "0" },
		{ "IMAP_ULIMITD", "131072" },
		{ "IMAP_USELOCKS", "1" },
		{ "IMAP_TRASHFOLDERNAME", "Trash" },
		{ "IMAP_EMPTYTRASH", "Trash:7" },
		{ "IMAP_MOVE_EXPUNGE_TO_TRASH", "0" },
		{ "IMAP_UMASK", "022" },
		{ "IMAP_SHAREDINDEXFILE", "/etc/courier/shared/index" },
		{ "SENDMAIL", "/usr/sbin/sendmail" },
		{ "HEADERFROM", "X-IMAP-Sender" },
		{ "IMAPDSTART", "YES" },
		{ "MAILDIRPATH", "Maildir" },
		{ "DEFDOMAIN", NULL },            /* commented out in the file */
		{ "IMAP_LOG_DELETIONS", NULL },
		{ "OUTBOX", NULL },
	};

	check_file("courier-imapd", want, N_ELEMENTS(want));
}

static void test_courier_imapd_ssl(void)
{
	static const struct want_var want[] = {
		{ "SSLPORT", "993" },
		{ "SSLADDRESS", "0" },
		{ "SSLLOGGEROPTS", "-name=imapd-ssl" },
		{ "IMAPDSTARTTLS", "YES" },
		{ "IMAP_TLS_REQUIRED", "0" },
		{ "COURIERTLS", "/usr/bin/couriertls" },
		{ "TLS_STARTTLS_PROTOCOL", "" },  /* "$TLS_PROTOCOL", which is commented out */
		{ "TLS_PROTOCOL", NULL },
		{ "TLS_CERTFILE", "/etc/courier/imapd.pem" },
		{ "TLS_VERIFYPEER", "NONE" },
		{ "TLS_CACHEFILE", "/var/lib/courier/couriersslpop3cache" },
		{ "TLS_CACHESIZE", "524288" },
		{ "MAILDIRPATH", "Maildir" },
	};

	check_file("courier-imapd-ssl", want, N_ELEMENTS(want));
}

static void test_courier_pop3d(void)
{
	static const struct want_var want[] = {
		{ "PIDFILE", "/run/courier/pop3d.pid" },
		{ "MAXDAEMONS", "40" },
		{ "MAXPERIP", "4" },
		{ "POP3AUTH", "" },
		{ "POP3AUTH_ORIG", "PLAIN LOGIN CRAM-MD5 CRAM-SHA1 CRAM-SHA256" },
		{ "POP3AUTH_TLS", "" },
		{ "POP3AUTH_TLS_ORIG", "LOGIN PLAIN" },
		{ "PORT", "110" },
		{ "ADDRESS", "0" },
		{ "TCPDOPTS", "-nodnslookup -noidentlookup" },
		{ "POP3DSTART", "YES" },
		{ "MAILDIRPATH", "Maildir" },
		{ "MIME_UNICODE_MESSAGE_TYPE", "message/global" },
		{ "DEFDOMAIN", NULL },
	};
	static const struct want_var want_ssl[] = {
		{ "SSLPORT", "995" },
		{ "SSLPIDFILE", "/run/courier/pop3d-ssl.pid" },
		{ "TLS_CERTFILE", "/etc/courier/pop3d.pem" },
		{ "TLS_CACHEFILE", "/var/lib/courier/couriersslimapcache" },
		{ "TLS_STARTTLS_PROTOCOL", "" },
	};
	static const struct want_var want_auth[] = {
		{ "authmodulelist", "authpam" },
		{ "authmodulelistorig",
		  "authuserdb authpam authpgsql authldap authmysql authsqlite authcustom authpipe" },
		{ "daemons", "5" },
		{ "authdaemonvar", "/run/courier/authdaemon" },
		{ "DEBUG_LOGIN", "0" },
		{ "DEFAULTOPTIONS", "" },
		{ "LOGGEROPTS", "" },
	};

	check_file("courier-pop3d", want, N_ELEMENTS(want));
	check_file("courier-pop3d-ssl", want_ssl, N_ELEMENTS(want_ssl));
	check_file("courier-authdaemonrc", want_auth, N_ELEMENTS(want_auth));
}

/* The start script's order for port 143: imapd, then imapd-ssl; the later
   file wins for duplicates (MAILDIRPATH is in both). */
static void test_courier_two_files(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	char *a = test_data_path("courier-imapd"), *b = test_data_path("courier-imapd-ssl");

	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, a, &err), 0);
	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, b, &err), 0);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "IMAP_CAPABILITY_TLS"), CAPS " AUTH=PLAIN");
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "TLS_CERTFILE"), "/etc/courier/imapd.pem");
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "PORT"), "143");
	cfg_vars_free(&vars);
	free(a);
	free(b);
}

/* Typed values from the real file through a table, as imapd would. */
static long long t_maxdaemons, t_maxperip, t_idle, t_ulimitd;
static bool t_uselocks, t_disable;
static char *t_caps, *t_trash;

static const struct cfg_param courier_tab[] = {
	{ "IMAP_CAPABILITY", CFG_STR, "IMAP4rev1", &t_caps, 0, 0 },
	{ "IMAP_DISABLETHREADSORT", CFG_BOOL, "0", &t_disable, 0, 0 },
	{ "IMAP_IDLE_TIMEOUT", CFG_SECONDS, "60", &t_idle, 1, 3600 },
	{ "IMAP_TRASHFOLDERNAME", CFG_STR, "Trash", &t_trash, 0, 0 },
	{ "IMAP_ULIMITD", CFG_INT, "", &t_ulimitd, 0, 0 },
	{ "IMAP_USELOCKS", CFG_BOOL, "1", &t_uselocks, 0, 0 },
	{ "MAXDAEMONS", CFG_INT, "40", &t_maxdaemons, 1, 100000 },
	{ "MAXPERIP", CFG_INT, "4", &t_maxperip, 1, 100000 },
	{ NULL, CFG_STR, NULL, NULL, 0, 0 }
};

static void test_courier_load_typed(void)
{
	const char *err = NULL;
	char *path = test_data_path("courier-imapd");
	struct buf cap = BUF_INIT(BUF_MAX_UNLIMITED);
	int r;

	log_init("unit_lib");
	capture_stderr_begin();   /* unknown names are warned about */
	r = cfg_load(path, CFG_SHELL, courier_tab, &err);
	capture_stderr_end(&cap);
	if (r != 0)
		printf("cfg_load: %s\n", err != NULL ? err : "?");
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(t_maxdaemons, 40);
	CU_ASSERT_EQUAL(t_maxperip, 20);
	CU_ASSERT_EQUAL(t_idle, 60);
	CU_ASSERT_EQUAL(t_ulimitd, 131072);
	CU_ASSERT_TRUE(t_uselocks);
	CU_ASSERT_FALSE(t_disable);
	CU_ASSERT_STRING_EQUAL(t_caps != NULL ? t_caps : "", CAPS);
	CU_ASSERT_STRING_EQUAL(t_trash != NULL ? t_trash : "", "Trash");
	CU_ASSERT_PTR_NOT_NULL(strstr(buf_cstr(&cap), "WARN: unknown parameter PIDFILE"));
	cfg_free(courier_tab);
	CU_ASSERT_PTR_NULL(t_caps);
	buf_free(&cap);
	free(path);
}

static void test_parse_file_errors(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	char *dir = cutest_tmpdir("cfg");
	char path[4096];
	int fd;

	/* missing */
	snprintf(path, sizeof(path), "%s/missing", dir);
	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err != NULL ? strstr(err, path) : NULL);
	/* a directory */
	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, dir, &err), -1);
	/* 4 MiB + 1 byte */
	snprintf(path, sizeof(path), "%s/big", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(ftruncate(fd, 4 * 1024 * 1024 + 1), 0);
	close(fd);
	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, path, &err), -1);
	/* exactly 4 MiB of comment and blank lines is accepted */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	{
		char *big = malloc(4 * 1024 * 1024);

		CU_ASSERT_FATAL(big != NULL);
		memset(big, '\n', 4 * 1024 * 1024);
		memcpy(big, "A=1\n#", 5);
		CU_ASSERT_EQUAL(write(fd, big, 4 * 1024 * 1024), 4 * 1024 * 1024);
		free(big);
	}
	close(fd);
	CU_ASSERT_EQUAL(cfg_parse_file(&vars, CFG_SHELL, path, &err), 0);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "A") != NULL ? cfg_vars_get(&vars, "A") : "", "1");
	cfg_vars_free(&vars);
	cutest_rmtree(dir);
	free(dir);
}

/* A FIFO where a config file should be: refused, never waited on. */
static void fifo_child(int report, void *arg)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;

	alarm(5);
	if (cfg_parse_file(&vars, CFG_SHELL, arg, &err) != -1)
		child_fail(report, "a FIFO was accepted as a config file");
	cfg_vars_free(&vars);
}

static void test_parse_fifo(void)
{
	struct buf out = BUF_INIT(4096);
	char *dir = cutest_tmpdir("cfgfifo");
	char path[4096];

	snprintf(path, sizeof(path), "%s/fifo", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
	run_in_child(fifo_child, path, &out);
	if (out.len > 0)
		printf("%s", buf_cstr(&out));
	CU_ASSERT_EQUAL(out.len, 0);
	cutest_rmtree(dir);
	free(dir);
	buf_free(&out);
}

/* ---- main.cf syntax ---------------------------------------------------- */

static char *m_myhostname, *m_mydomain, *m_myorigin, *m_mydestination, *m_banner,
	*m_home, *m_relay;
static long long m_size, m_mbox, m_timeout;
static bool m_flag;

/* in alphabetical order, as postconf prints */
static const struct cfg_param maincf_tab[] = {
	{ "home_mailbox", CFG_STR, "Maildir/", &m_home, 0, 0 },
	{ "mailbox_size_limit", CFG_SIZE, "51200000", &m_mbox, 0, 0 },
	{ "message_size_limit", CFG_SIZE, "10240000", &m_size, 1, 1073741824 },
	{ "mydestination", CFG_LIST, "$myhostname, localhost.$mydomain, localhost",
	  &m_mydestination, 0, 0 },
	{ "mydomain", CFG_STR, "localdomain", &m_mydomain, 0, 0 },
	{ "myhostname", CFG_STR, "host.localdomain", &m_myhostname, 0, 0 },
	{ "myorigin", CFG_STR, "$myhostname", &m_myorigin, 0, 0 },
	{ "relayhost", CFG_STR, "", &m_relay, 0, 0 },
	{ "smtp_banner", CFG_STR, "$myhostname ESMTP $mail_name", &m_banner, 0, 0 },
	{ "smtpd_timeout", CFG_SECONDS, "300s", &m_timeout, 1, 86400 },
	{ "strict_flag", CFG_BOOL, "no", &m_flag, 0, 0 },
	{ NULL, CFG_STR, NULL, NULL, 0, 0 }
};

static int maincf_apply(const char *text, const char **err)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	int r = cfg_parse_text(&vars, CFG_MAINCF, text, strlen(text), "lmtpd.cf", err);

	if (r == 0)
		r = cfg_apply(maincf_tab, &vars, CFG_MAINCF, false, err);
	cfg_vars_free(&vars);
	return r;
}

static void test_maincf_expand(void)
{
	const char *err = NULL;
	static const char text[] =
		"# lmtpd.cf\n"
		"myhostname = mx.example.org\n"
		"mydomain=example.org\n"
		"mail_name = Stafeta\n"
		"   # indented comment\n"
		"mydestination = $myhostname,\n"
		"    localhost.${mydomain},\n"
		"\tlocalhost   \n"
		"message_size_limit = 20m\n"
		"smtpd_timeout = 5m\n"
		"strict_flag = yes\n";
	char *list[8];
	size_t pos = 0, n = 0;
	char *item;

	CU_ASSERT_EQUAL_FATAL(maincf_apply(text, &err), 0);
	CU_ASSERT_STRING_EQUAL(m_myhostname, "mx.example.org");
	CU_ASSERT_STRING_EQUAL(m_myorigin, "mx.example.org");           /* default expanded */
	CU_ASSERT_STRING_EQUAL(m_banner, "mx.example.org ESMTP Stafeta");
	CU_ASSERT_STRING_EQUAL(m_home, "Maildir/");
	CU_ASSERT_STRING_EQUAL(m_relay, "");
	CU_ASSERT_EQUAL(m_size, 20 * 1024 * 1024);
	CU_ASSERT_EQUAL(m_mbox, 51200000);
	CU_ASSERT_EQUAL(m_timeout, 300);
	CU_ASSERT_TRUE(m_flag);
	while (n < N_ELEMENTS(list) && (item = cfg_list_next(m_mydestination, &pos)) != NULL)
		list[n++] = item;
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_STRING_EQUAL(list[0], "mx.example.org");
	CU_ASSERT_STRING_EQUAL(list[1], "localhost.example.org");
	CU_ASSERT_STRING_EQUAL(list[2], "localhost");
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	cfg_free(maincf_tab);
}

struct mc_case {
	const char *text;
	const char *expr;   /* expanded with cfg_expand_maincf */
	const char *want;   /* NULL = must fail */
	const char *err_has;
};

static void test_maincf_table(void)
{
	static const struct mc_case cases[] = {
		/* 0 */ { "a = 1\nb = $a 2\n", "$b", "1 2", NULL },
		{ "a = 1\nb = ${a}2\n", "$b", "12", NULL },
		{ "a = 1\nb = $(a)2\n", "$b", "12", NULL },
		{ "a = $b\nb = $a\n", "$a", NULL, "loop" },
		{ "a = $a\n", "$a", NULL, "loop" },
		/* 5 */ { "a = $b\nb = $c\nc = $a\n", "x $c y", NULL, "loop" },
		{ "a = 1\n", "$nope", NULL, "nope" },
		{ "a = $undefined_thing\n", "$a", NULL, "undefined_thing" },
		{ "a = 1\n", "$$a", "$a", NULL },
		{ "a = 1\n", "cost $", NULL, NULL },
		/* 10 */ { "a = 1\n", "${a", NULL, NULL },
		{ "a = 1\n", "${}", NULL, NULL },
		{ "a = x\n", "${a?yes}${a:no}", "yes", NULL },
		{ "a =\n", "${a?yes}${a:no}", "no", NULL },
		{ "a = 1\n", "$mydomain", "localdomain", NULL },      /* table default */
		/* 15 */ { "a = 1\n  2\n", "$a", "1 2", NULL },       /* continuation */
		{ "a = 1\n\n  2\n", "$a", "1 2", NULL },              /* blank line between */
		{ "a = 1\n#c\n  2\n", "$a", "1 2", NULL },
		{ "a=1\nb  =  2  \n", "$a$b", "12", NULL },
		{ "a = 1 = 2\n", "$a", "1 = 2", NULL },
		/* 20 */ { "a = 1\nA = 2\n", "$a$A", "12", NULL },    /* names are case sensitive */
		{ "a = 1\na = 2\n", "$a", "2", NULL },                /* later wins */
		{ "a = $b\nb = 1\n", "$a", "1", NULL },               /* lazy: order does not matter */
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		struct cfg_vars vars = CFG_VARS_INIT;
		const char *err = NULL;
		char *out = NULL;
		int r = cfg_parse_text(&vars, CFG_MAINCF, cases[i].text, strlen(cases[i].text),
				       "m", &err);

		if (r == 0)
			r = cfg_expand_maincf(&vars, maincf_tab, cases[i].expr, &out, &err);
		if (cases[i].want != NULL ? (r != 0 || out == NULL || strcmp(out, cases[i].want) != 0)
					  : (r != -1 || err == NULL ||
					     (cases[i].err_has != NULL &&
					      strstr(err, cases[i].err_has) == NULL))) {
			printf("case %zu: got %d \"%s\" (%s), want %s \"%s\"\n", i, r,
			       out != NULL ? out : "", err != NULL && r != 0 ? err : "",
			       cases[i].want != NULL ? "0" : "-1 mentioning",
			       cases[i].want != NULL ? cases[i].want :
			       cases[i].err_has != NULL ? cases[i].err_has : "anything");
			CU_FAIL("main.cf case");
		}
		free(out);
		cfg_vars_free(&vars);
	}
}

static void test_maincf_syntax_errors(void)
{
	static const struct {
		const char *text;
		int line;
	} cases[] = {
		{ "  a = 1\n", 1 },          /* continuation with nothing to continue */
		{ "a = 1\nnovalue\n", 2 },
		{ "a = 1\n= 2\n", 2 },
		{ "a = 1\nb c = 2\n", 2 },
		{ "a = 1\n\n\nb c = 2\n", 4 },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		struct cfg_vars vars = CFG_VARS_INIT;
		const char *err = NULL;
		char want[32];
		int r = cfg_parse_text(&vars, CFG_MAINCF, cases[i].text, strlen(cases[i].text),
				       "m", &err);

		snprintf(want, sizeof(want), "m:%d: ", cases[i].line);
		if (r != -1 || err == NULL || strncmp(err, want, strlen(want)) != 0) {
			printf("case %zu: got %d \"%s\", want -1 \"%s...\"\n", i, r,
			       err != NULL ? err : "", want);
			CU_FAIL("main.cf syntax error");
		}
		cfg_vars_free(&vars);
	}
}

/* Expand expr against text; report if slower than 2 s, if the result is
   not want (NULL: must fail), or if want_either and neither. */
static void blowup_one(int report, const char *what, const struct buf *text, const char *expr,
		       int must_fail, const char *want_if_ok)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	char *out = NULL;
	int64_t t0, dt;
	int r;

	if (cfg_parse_text(&vars, CFG_MAINCF, text->data, text->len, "m", &err) != 0) {
		child_fail(report, "%s: parse failed: %s", what, err != NULL ? err : "?");
		return;
	}
	t0 = time_mono_ms();
	r = cfg_expand_maincf(&vars, NULL, expr, &out, &err);
	dt = time_mono_ms() - t0;
	if (dt > 2000)
		child_fail(report, "%s: took %lld ms", what, (long long)dt);
	if (must_fail && r != -1)
		child_fail(report, "%s: got %d, want -1", what, r);
	if (r == 0 && want_if_ok != NULL && strcmp(out, want_if_ok) != 0)
		child_fail(report, "%s: got \"%.40s\", want \"%s\"", what, out, want_if_ok);
	if (r != 0 && err == NULL)
		child_fail(report, "%s: -1 without a reason", what);
	free(out);
	cfg_vars_free(&vars);
}

static void blowup_child(int report, void *arg)
{
	/* Doubling references: values over CFG_VALUE_MAX, or (with empty
	   values) 3^30 expansions of nothing: an error or a result, fast. */
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	int bad = 0;

	(void)arg;
	alarm(20);
	bad |= buf_append_str(&text, "a0 = xxxxxxxxxxxxxxxx\n");
	for (int i = 1; i <= 30; i++)
		bad |= buf_printf(&text, "a%d = $a%d$a%d\n", i, i - 1, i - 1);
	blowup_one(report, "doubling values", &text, "$a30", 1, NULL);

	buf_reset(&text);
	bad |= buf_append_str(&text, "a0 =\n");
	for (int i = 1; i <= 30; i++)
		bad |= buf_printf(&text, "a%d = $a%d$a%d$a%d\n", i, i - 1, i - 1, i - 1);
	blowup_one(report, "3^30 empty expansions", &text, "$a30", 0, "");

	/* deep nesting of ${a?...}: no stack exhaustion, no quadratic scan */
	buf_reset(&text);
	bad |= buf_append_str(&text, "a = 1\nb = ");
	for (int i = 0; i < 12000; i++)
		bad |= buf_append_str(&text, "${a?");
	bad |= buf_putc(&text, 'x');
	for (int i = 0; i < 12000; i++)
		bad |= buf_putc(&text, '}');
	bad |= buf_putc(&text, '\n');
	blowup_one(report, "12000 nested ${a?...}", &text, "$b", 0, "x");

	/* a chain deeper than CFG_EXPAND_DEPTH */
	buf_reset(&text);
	bad |= buf_append_str(&text, "c0 = end\n");
	for (int i = 1; i <= CFG_EXPAND_DEPTH + 5; i++)
		bad |= buf_printf(&text, "c%d = $c%d\n", i, i - 1);
	blowup_one(report, "chain of 10", &text, "$c10", 0, "end");
	blowup_one(report, "chain deeper than CFG_EXPAND_DEPTH", &text, "$c37", 1, NULL);
	if (bad)
		child_fail(report, "building the texts failed");
	buf_free(&text);
}

static void test_maincf_blowup(void)
{
	run_child_test(blowup_child, NULL);
}

static void test_maincf_long_line(void)
{
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;

	/* one logical line over CFG_LINE_MAX, built from continuations */
	CU_ASSERT_EQUAL_FATAL(buf_append_str(&text, "a = 1\nb = x\n"), 0);
	for (int i = 0; i < 2000; i++)
		CU_ASSERT_EQUAL_FATAL(buf_append_str(&text,
			"  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"), 0);
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_MAINCF, text.data, text.len, "m", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err != NULL ? strstr(err, "m:") : NULL);
	cfg_vars_free(&vars);
	buf_free(&text);
}

/* ---- typed tables ------------------------------------------------------ */

static long long ty_int, ty_secs, ty_size;
static bool ty_bool;
static char *ty_str, *ty_list;

static const struct cfg_param typed_tab[] = {
	{ "NUM", CFG_INT, "5", &ty_int, 1, 10 },
	{ "SECS", CFG_SECONDS, "1m", &ty_secs, 0, 0 },
	{ "SIZE", CFG_SIZE, "1k", &ty_size, 0, 0 },
	{ "FLAG", CFG_BOOL, "no", &ty_bool, 0, 0 },
	{ "STR", CFG_STR, "dflt", &ty_str, 0, 0 },
	{ "LIST", CFG_LIST, "a b", &ty_list, 0, 0 },
	{ NULL, CFG_STR, NULL, NULL, 0, 0 }
};

struct ty_case {
	const char *text;   /* shell syntax */
	int ok;
	const char *err_has;
};

static void test_apply_table(void)
{
	static const struct ty_case cases[] = {
		/* 0 */ { "", 1, NULL },
		{ "NUM=1\n", 1, NULL },                 /* exactly min */
		{ "NUM=10\n", 1, NULL },                /* exactly max */
		{ "NUM=0\n", 0, "NUM" },                /* min - 1 */
		{ "NUM=11\n", 0, "NUM" },               /* max + 1 */
		/* 5 */ { "NUM=-1\n", 0, "NUM" },
		{ "NUM=abc\n", 0, "NUM" },
		{ "NUM=\n", 0, "NUM" },
		{ "NUM=99999999999999999999\n", 0, "NUM" },
		{ "NUM=\" 5\"\n", 0, "NUM" },
		/* 10 */ { "SECS=2h\n", 1, NULL },
		{ "SECS=2x\n", 0, "SECS" },
		{ "SIZE=10m\n", 1, NULL },
		{ "SIZE=18446744073709551615\n", 0, "SIZE" },   /* over long long */
		{ "SIZE=10q\n", 0, "SIZE" },
		/* 15 */ { "FLAG=yes\n", 1, NULL },
		{ "FLAG=maybe\n", 0, "FLAG" },
		{ "STR=\"any thing\"\n", 1, NULL },
		{ "UNKNOWN=1\n", 1, NULL },
	};

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		struct cfg_vars vars = CFG_VARS_INIT;
		const char *err = NULL;
		int r = cfg_parse_text(&vars, CFG_SHELL, cases[i].text, strlen(cases[i].text),
				       "t", &err);

		if (r == 0)
			r = cfg_apply(typed_tab, &vars, CFG_SHELL, false, &err);
		if (cases[i].ok ? r != 0
				: (r != -1 || err == NULL || strstr(err, cases[i].err_has) == NULL)) {
			printf("case %zu: got %d \"%s\", want %s\n", i, r,
			       err != NULL && r != 0 ? err : "",
			       cases[i].ok ? "0" : cases[i].err_has);
			CU_FAIL("cfg_apply case");
		}
		cfg_vars_free(&vars);
	}
	cfg_free(typed_tab);
}

static void test_apply_values(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	static const char text[] = "SECS=2h\nSIZE=3g\nFLAG=Y\nSTR=\"s t r\"\nLIST=\"x, y,z\"\n";
	size_t pos = 0;
	char *item;

	CU_ASSERT_EQUAL(cfg_defaults(typed_tab, &err), 0);
	CU_ASSERT_EQUAL(ty_int, 5);
	CU_ASSERT_EQUAL(ty_secs, 60);
	CU_ASSERT_EQUAL(ty_size, 1024);
	CU_ASSERT_FALSE(ty_bool);
	CU_ASSERT_STRING_EQUAL(ty_str, "dflt");
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text, sizeof(text) - 1, "t", &err), 0);
	CU_ASSERT_EQUAL(cfg_apply(typed_tab, &vars, CFG_SHELL, false, &err), 0);
	CU_ASSERT_EQUAL(ty_int, 5);
	CU_ASSERT_EQUAL(ty_secs, 7200);
	CU_ASSERT_EQUAL(ty_size, 3LL << 30);
	CU_ASSERT_TRUE(ty_bool);
	CU_ASSERT_STRING_EQUAL(ty_str, "s t r");
	item = cfg_list_next(ty_list, &pos);
	CU_ASSERT_STRING_EQUAL(item, "x");
	free(item);
	item = cfg_list_next(ty_list, &pos);
	CU_ASSERT_STRING_EQUAL(item, "y");
	free(item);
	item = cfg_list_next(ty_list, &pos);
	CU_ASSERT_STRING_EQUAL(item, "z");
	free(item);
	CU_ASSERT_PTR_NULL(cfg_list_next(ty_list, &pos));
	/* applying again replaces (and frees: ASan's leak check) the strings */
	CU_ASSERT_EQUAL(cfg_apply(typed_tab, &vars, CFG_SHELL, false, &err), 0);
	cfg_free(typed_tab);
	CU_ASSERT_PTR_NULL(ty_str);
	CU_ASSERT_PTR_NULL(ty_list);
	cfg_vars_free(&vars);

	/* a string variable still pointing at its default is not freed */
	ty_str = (char *)typed_tab[4].def;
	ty_list = NULL;
	CU_ASSERT_EQUAL(cfg_defaults(typed_tab, &err), 0);
	CU_ASSERT_STRING_EQUAL(ty_str, "dflt");
	cfg_free(typed_tab);
}

static void test_apply_unknown_warns(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	struct buf cap = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *err = NULL;
	static const char text[] = "NUM=3\nNUMM=4\nEVIL=\"x\\\\y\"\n";

	log_init("unit_lib");
	log_set_min_level(LOGL_DEBUG);
	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, text, sizeof(text) - 1, "t", &err), 0);
	capture_stderr_begin();
	CU_ASSERT_EQUAL(cfg_apply(typed_tab, &vars, CFG_SHELL, true, &err), 0);
	capture_stderr_end(&cap);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&cap),
			       "WARN: unknown parameter NUMM (ignored)\n"
			       "WARN: unknown parameter EVIL (ignored)\n");
	CU_ASSERT_EQUAL(ty_int, 3);
	capture_stderr_begin();
	CU_ASSERT_EQUAL(cfg_apply(typed_tab, &vars, CFG_SHELL, false, &err), 0);
	capture_stderr_end(&cap);
	CU_ASSERT_EQUAL(cap.len, 0);
	cfg_free(typed_tab);
	cfg_vars_free(&vars);
	buf_free(&cap);
}

static void test_error_r_untouched_on_success(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = "untouched";

	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_SHELL, "NUM=2\n", 6, "t", &err), 0);
	CU_ASSERT_EQUAL(cfg_apply(typed_tab, &vars, CFG_SHELL, false, &err), 0);
	CU_ASSERT_STRING_EQUAL(err, "untouched");
	cfg_free(typed_tab);
	cfg_vars_free(&vars);
}

static void test_load_env(void)
{
	const char *err = NULL;

	setenv("NUM", "7", 1);
	setenv("FLAG", "1", 1);
	unsetenv("STR");
	CU_ASSERT_EQUAL(cfg_load_env(typed_tab, &err), 0);
	CU_ASSERT_EQUAL(ty_int, 7);
	CU_ASSERT_TRUE(ty_bool);
	CU_ASSERT_STRING_EQUAL(ty_str, "dflt");
	setenv("NUM", "70", 1);
	CU_ASSERT_EQUAL(cfg_load_env(typed_tab, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err != NULL ? strstr(err, "NUM") : NULL);
	unsetenv("NUM");
	unsetenv("FLAG");
	cfg_free(typed_tab);
}

static void test_dump(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err = NULL;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	static const char text[] =
		"myhostname = mx.example.org\n"
		"mydomain = localdomain\n"       /* same as the default: not in -n */
		"unknown_name = 1\n"
		"message_size_limit = 20m\n";

	fp = open_memstream(&out, &outlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	cfg_dump(fp, maincf_tab, NULL, false);
	fclose(fp);
	CU_ASSERT_STRING_EQUAL(out,
		"home_mailbox = Maildir/\n"
		"mailbox_size_limit = 51200000\n"
		"message_size_limit = 10240000\n"
		"mydestination = $myhostname, localhost.$mydomain, localhost\n"
		"mydomain = localdomain\n"
		"myhostname = host.localdomain\n"
		"myorigin = $myhostname\n"
		"relayhost =\n"
		"smtp_banner = $myhostname ESMTP $mail_name\n"
		"smtpd_timeout = 300s\n"
		"strict_flag = no\n");
	free(out);

	CU_ASSERT_EQUAL(cfg_parse_text(&vars, CFG_MAINCF, text, sizeof(text) - 1, "m", &err), 0);
	fp = open_memstream(&out, &outlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	cfg_dump(fp, maincf_tab, &vars, true);
	fclose(fp);
	CU_ASSERT_STRING_EQUAL(out,
		"message_size_limit = 20m\n"
		"myhostname = mx.example.org\n");
	free(out);
	cfg_vars_free(&vars);
}

static void test_parse_bool_and_list(void)
{
	static const struct {
		const char *in;
		int r;
		bool v;
	} cases[] = {
		{ "yes", 0, true }, { "YES", 0, true }, { "true", 0, true }, { "on", 0, true },
		{ "1", 0, true }, { "y", 0, true }, { "no", 0, false }, { "No", 0, false },
		{ "false", 0, false }, { "off", 0, false }, { "0", 0, false }, { "", 0, false },
		{ "maybe", -1, false }, { "2", -1, false }, { " yes", -1, false },
	};
	size_t pos = 0;

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		bool v = !cases[i].v;
		int r = cfg_parse_bool(cases[i].in, &v);

		if (r != cases[i].r || (r == 0 && v != cases[i].v)) {
			printf("case %zu (\"%s\"): got %d %d, want %d %d\n", i, cases[i].in, r, v,
			       cases[i].r, cases[i].v);
			CU_FAIL("cfg_parse_bool");
		}
	}
	CU_ASSERT_PTR_NULL(cfg_list_next("", &pos));
	pos = 0;
	CU_ASSERT_PTR_NULL(cfg_list_next(" ,, \t,\r\n", &pos));
	pos = 0;
	{
		char *a = cfg_list_next(",,a,,", &pos);

		CU_ASSERT_STRING_EQUAL(a, "a");
		free(a);
		CU_ASSERT_PTR_NULL(cfg_list_next(",,a,,", &pos));
		CU_ASSERT_PTR_NULL(cfg_list_next(",,a,,", &pos));   /* stays at the end */
	}
}

static void test_vars_set_get(void)
{
	struct cfg_vars vars = CFG_VARS_INIT;

	CU_ASSERT_PTR_NULL(cfg_vars_get(&vars, "A"));
	cfg_vars_set(&vars, "A", "1");
	cfg_vars_set(&vars, "B", "");
	cfg_vars_set(&vars, "A", "2");
	CU_ASSERT_EQUAL(vars.n, 2);
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "A"), "2");
	CU_ASSERT_STRING_EQUAL(cfg_vars_get(&vars, "B"), "");
	CU_ASSERT_PTR_NULL(cfg_vars_get(&vars, "AB"));
	CU_ASSERT_PTR_NULL(cfg_vars_get(&vars, ""));
	CU_ASSERT_STRING_EQUAL(vars.v[0].name, "A");   /* file order kept */
	cfg_vars_free(&vars);
	CU_ASSERT_EQUAL(vars.n, 0);
	cfg_vars_free(&vars);
}

void suite_cfg(void);
void suite_cfg(void)
{
	CU_pSuite s = cutest_suite("cfg");

	cutest_add(s, "shell syntax table", test_shell_table);
	cutest_add(s, "shell: environment fallback", test_shell_env);
	cutest_add(s, "NUL byte in a file", test_shell_nul);
	cutest_add(s, "shell: long lines and values", test_shell_long);
	cutest_add(s, "100000 variables", test_shell_many_vars);
	cutest_add(s, "Debian /etc/courier/imapd", test_courier_imapd);
	cutest_add(s, "Debian /etc/courier/imapd-ssl", test_courier_imapd_ssl);
	cutest_add(s, "Debian pop3d, pop3d-ssl, authdaemonrc", test_courier_pop3d);
	cutest_add(s, "imapd then imapd-ssl", test_courier_two_files);
	cutest_add(s, "Debian imapd through a typed table", test_courier_load_typed);
	cutest_add(s, "file errors and the 4 MiB limit", test_parse_file_errors);
	cutest_add(s, "a FIFO as config file", test_parse_fifo);
	cutest_add(s, "main.cf expansion", test_maincf_expand);
	cutest_add(s, "main.cf table", test_maincf_table);
	cutest_add(s, "main.cf syntax errors", test_maincf_syntax_errors);
	cutest_add(s, "main.cf expansion blow-ups", test_maincf_blowup);
	cutest_add(s, "main.cf over-long logical line", test_maincf_long_line);
	cutest_add(s, "cfg_apply ranges and types", test_apply_table);
	cutest_add(s, "cfg_apply values", test_apply_values);
	cutest_add(s, "unknown names warn", test_apply_unknown_warns);
	cutest_add(s, "error_r untouched on success", test_error_r_untouched_on_success);
	cutest_add(s, "cfg_load_env", test_load_env);
	cutest_add(s, "cfg_dump -d and -n", test_dump);
	cutest_add(s, "booleans and lists", test_parse_bool_and_list);
	cutest_add(s, "vars set and get", test_vars_set_get);
}
