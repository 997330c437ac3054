/*
 * test_server.c - authdaemond's dispatch over a real userdb: PRE, AUTH
 * (login and CRAM), PASSWD, ENUMERATE, module selection, the non-root rule,
 * a missing database (temporary failure), and authdaemonrc loading.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adhelpers.h"
#include "auth_hash.h"
#include "auth_pwcheck.h"
#include "auth_sasl.h"
#include "authd_server.h"
#include "buf.h"
#include "cutest.h"
#include "userdb_db.h"
#include "userdb_make.h"

static char *dir, *src;
static struct authd_config cfg;
static unsigned long me, other;

static void setup(void)
{
	struct buf text = BUF_INIT(8192), err = BUF_INIT(1024);

	dir = cutest_tmpdir("server");
	src = path_join(dir, "userdb");
	me = (unsigned long)geteuid();
	other = me + 4242;
	CU_ASSERT_EQUAL(buf_printf(&text,
		"joe\tuid=%lu|gid=%lu|home=/h/joe|mail=./M|quota=5S|gecos=Joe,x|systempw=$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1|"
		"hmac-md5pw=cd3ba7deaad6e5ca23448ba42e379747a9e0f7f1fbc00c8a81bbaac395731b56|options=a=1\n"
		"other\tuid=%lu|gid=%lu|home=/h/o|systempw=$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1\n"
		"1000=\tjoe\n",
		me, me, other, other), 0);
	write_file(src, text.data, 0600);
	setenv("USERDB", src, 1);
	CU_ASSERT_EQUAL(userdb_make(src, &err), 0);
	memset(&cfg, 0, sizeof(cfg));
	cfg.modules[0] = authd_module_find("authuserdb");
	cfg.nmodules = 1;
	cfg.defaultoptions = strdup("b=2");
	cfg.debug_login = 0;
	buf_free(&text);
	buf_free(&err);
}

static void teardown(void)
{
	userdb_db_close();
	unsetenv("USERDB");
	free(cfg.defaultoptions);
	cutest_rmtree(dir);
	free(dir);
	free(src);
}

/* Run one raw request through the parser and the dispatcher. */
static int handle(const char *raw, struct buf *out)
{
	struct authd_request req;
	const char *why;
	int r = authd_parse_request(raw, strlen(raw), &req, &why);

	buf_reset(out);
	if (r != 0)
		return 100 + r;
	r = authd_handle(&cfg, &req, out);
	authd_request_free(&req);
	return r;
}

static void test_pre_auth(void)
{
	struct buf out = BUF_INIT(1 << 16), want = BUF_INIT(4096);

	setup();
	CU_ASSERT_EQUAL(handle("PRE . imap joe\n", &out), 0);
	CU_ASSERT_EQUAL(buf_printf(&want, "UID=%lu\nGID=%lu\nHOME=/h/joe\nADDRESS=joe\nNAME=Joe\nMAILDIR=./M\n"
				   "QUOTA=5S\nPASSWD=$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1\nOPTIONS=a=1,b=2\n.\n",
				   me, me), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), want.data);
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\nlogin\njoe\nsecret\n", &out), 0);
	CU_ASSERT(strstr(buf_cstr(&out), "PASSWD2=secret\n") != NULL);
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\nlogin\njoe\nSecret\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("AUTH 15\nimap\nlogin\njoe\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("AUTH 17\nimap\nlogin\n\nsecret\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("PRE . imap nobody\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("PRE . imap 1000=\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("PRE authpam imap joe\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("PRE authuserdb imap joe\n", &out), 0);
	CU_ASSERT_EQUAL(strncmp(buf_cstr(&out), "UID=", 4), 0);
	/* the non-root rule: an account with a uid that is not ours */
	CU_ASSERT_EQUAL(handle("AUTH 24\nimap\nlogin\nother\nsecret\n", &out), 0);
	if (me == 0) {
		CU_ASSERT_EQUAL(strncmp(buf_cstr(&out), "UID=", 4), 0);
	} else {
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	}
	teardown();
	buf_free(&out);
	buf_free(&want);
}

static void test_cram(void)
{
	static const char chal[] = "<1.2@x>";
	struct buf out = BUF_INIT(1 << 16), req = BUF_INIT(4096), c64 = BUF_INIT(256), r64 = BUF_INIT(256);
	unsigned char d[16];
	char hex[33], resp[64];

	setup();
	auth_hmac(AUTH_HASH_MD5, "secret", 6, chal, strlen(chal), d);
	hex_of(d, 16, hex);
	snprintf(resp, sizeof(resp), "joe %s", hex);
	CU_ASSERT_EQUAL(auth_base64_encode(chal, strlen(chal), &c64), 0);
	CU_ASSERT_EQUAL(auth_base64_encode(resp, strlen(resp), &r64), 0);
	CU_ASSERT_EQUAL(buf_printf(&req, "AUTH %zu\nimap\ncram-md5\n%s\n%s\n",
				   strlen("imap\ncram-md5\n") + c64.len + r64.len + 2, c64.data, r64.data), 0);
	CU_ASSERT_EQUAL(handle(req.data, &out), 0);
	CU_ASSERT(strstr(buf_cstr(&out), "ADDRESS=joe\n") != NULL);
	CU_ASSERT(strstr(buf_cstr(&out), "QUOTA=") == NULL);
	CU_ASSERT(strstr(buf_cstr(&out), "PASSWD") == NULL);
	/* the same response for cram-sha1: no secret of that kind */
	buf_reset(&req);
	CU_ASSERT_EQUAL(buf_printf(&req, "AUTH %zu\nimap\ncram-sha1\n%s\n%s\n",
				   strlen("imap\ncram-sha1\n") + c64.len + r64.len + 2, c64.data, r64.data), 0);
	CU_ASSERT_EQUAL(handle(req.data, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	/* malformed CRAM authdata */
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\ncram-md5\n!!!!\nam9l\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\ncram-md5\nam9l\nam9l\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("AUTH 17\nimap\nxoauth2\njoe\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	teardown();
	buf_free(&out);
	buf_free(&req);
	buf_free(&c64);
	buf_free(&r64);
}

static void test_enumerate_passwd(void)
{
	struct buf out = BUF_INIT(1 << 16), want = BUF_INIT(4096);

	setup();
	CU_ASSERT_EQUAL(handle("ENUMERATE\n", &out), 0);
	CU_ASSERT_EQUAL(strncmp(buf_cstr(&out), "# authuserdb\n\n", 14), 0);
	CU_ASSERT_EQUAL(buf_printf(&want, "joe\t%lu\t%lu\t/h/joe\t./M\ta=1,b=2\n", me, me), 0);
	CU_ASSERT(strstr(buf_cstr(&out), want.data) != NULL);
	CU_ASSERT(strstr(buf_cstr(&out), "1000=") == NULL);
	CU_ASSERT_EQUAL(strcmp(buf_cstr(&out) + out.len - 2, ".\n"), 0);
	CU_ASSERT_EQUAL(handle("PASSWD imap\tjoe\twrong\tnew1\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	CU_ASSERT_EQUAL(handle("PASSWD imap\tjoe\tsecret\tnew1\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "OK\n");
	CU_ASSERT_EQUAL(handle("AUTH 20\nimap\nlogin\njoe\nnew1\n", &out), 0);
	CU_ASSERT(strstr(buf_cstr(&out), "PASSWD2=new1\n") != NULL);
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\nlogin\njoe\nsecret\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	/* the hmac secret followed the password */
	{
		char *v = NULL;
		struct buf sec = BUF_INIT(256);

		CU_ASSERT_EQUAL(userdb_db_fetch_shadow("joe", &v), 1);
		CU_ASSERT_EQUAL(auth_hmac_secret_hex(AUTH_HASH_MD5, "new1", &sec), 0);
		CU_ASSERT(v != NULL && strstr(v, sec.data) != NULL);
		free(v);
		buf_free(&sec);
	}
	/* a new password with '|' cannot be stored */
	CU_ASSERT_EQUAL(handle("PASSWD imap\tjoe\tnew1\ta|b\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "FAIL\n");
	teardown();
	buf_free(&out);
	buf_free(&want);
}

static void test_tempfail(void)
{
	struct buf out = BUF_INIT(1 << 16);

	setup();
	setenv("USERDB", "/nonexistent/userdb", 1);
	userdb_db_close();
	CU_ASSERT_EQUAL(handle("PRE . imap joe\n", &out), -1);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_EQUAL(handle("AUTH 22\nimap\nlogin\njoe\nsecret\n", &out), -1);
	CU_ASSERT_EQUAL(out.len, 0);
	/* enumeration cut short: no final "." */
	CU_ASSERT_EQUAL(handle("ENUMERATE\n", &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "# authuserdb\n\n");
	teardown();
	buf_free(&out);
}

static void test_config(void)
{
	char *d = cutest_tmpdir("rc"), *rc = path_join(d, "authdaemonrc");
	struct authd_config c;
	const char *err = NULL;

	write_file(rc, "authmodulelist=\"authuserdb authnosuch authpam\"\ndaemons=0\nDEBUG_LOGIN=2\n"
		       "DEFAULTOPTIONS=\"x=1\"\nauthdaemonvar=/tmp/v\n", 0644);
	CU_ASSERT_EQUAL_FATAL(authd_config_load(rc, &c, &err), 0);
	CU_ASSERT_EQUAL(c.nmodules, 2);
	CU_ASSERT_STRING_EQUAL(c.modules[0]->name, "authuserdb");
	CU_ASSERT_STRING_EQUAL(c.modules[1]->name, "authpam");
	CU_ASSERT_EQUAL(c.daemons, 1);
	CU_ASSERT_EQUAL(c.debug_login, 2);
	CU_ASSERT_STRING_EQUAL(c.defaultoptions, "x=1");
	CU_ASSERT_STRING_EQUAL(c.var, "/tmp/v");
	authd_config_free(&c);
	write_file(rc, "daemons=100000\n", 0644);
	setenv("AUTHDAEMONVAR", "/tmp/fromenv", 1);
	CU_ASSERT_EQUAL_FATAL(authd_config_load(rc, &c, &err), 0);
	CU_ASSERT_EQUAL(c.daemons, AUTHD_DAEMONS_MAX);
	CU_ASSERT_STRING_EQUAL(c.var, "/tmp/fromenv");
	CU_ASSERT_EQUAL(c.nmodules, 1);
	authd_config_free(&c);
	unsetenv("AUTHDAEMONVAR");
	/* no valid module at all: refused, in the admin's terms */
	write_file(rc, "authmodulelist=\"authuserbd\"\n", 0644);
	err = NULL;
	CU_ASSERT_EQUAL(authd_config_load(rc, &c, &err), -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "authmodulelist=\"authuserbd\" names no module this "
					  "authdaemond has (authuserdb authpam authpwd); not starting"));
	CU_ASSERT_EQUAL(strncmp(err, rc, strlen(rc)), 0);
	write_file(rc, "authmodulelist=\"\"\n", 0644);
	CU_ASSERT_EQUAL(authd_config_load(rc, &c, &err), -1);
	CU_ASSERT_EQUAL(authd_config_load("/nonexistent/authdaemonrc", &c, &err), -1);
	cutest_rmtree(d);
	free(d);
	free(rc);
}

void suite_server(void);
void suite_server(void)
{
	CU_pSuite s = cutest_suite("server");

	cutest_add(s, "PRE and AUTH login", test_pre_auth);
	cutest_add(s, "AUTH CRAM", test_cram);
	cutest_add(s, "ENUMERATE and PASSWD", test_enumerate_passwd);
	cutest_add(s, "missing database", test_tempfail);
	cutest_add(s, "authdaemonrc", test_config);
}
