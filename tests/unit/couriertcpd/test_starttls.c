/*
 * test_starttls.c - libstarttls: the status block parser (hostile blocks)
 * and starttls_start() against stand-in couriertls scripts that succeed,
 * fail, hang or die, checking fds, environment and timeouts.
 *
 * Tests:   couriertcpd/starttls.c
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cutest.h"
#include "starttls.h"

#define ST(lit, why) starttls_parse_status(lit, sizeof(lit) - 1, why)

static void test_parse(void)
{
	const char *why = NULL;

	unsetenv("TLS_CONNECTED_PROTOCOL");
	unsetenv("TLS_SUBJECT_CN");
	CU_ASSERT_EQUAL(ST("TLS_CONNECTED_PROTOCOL=TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384\n"
			   "TLS_SUBJECT_CN=Joe User\nOK\n", &why), 0);
	CU_ASSERT_STRING_EQUAL(getenv("TLS_CONNECTED_PROTOCOL"),
			       "TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384");
	CU_ASSERT_STRING_EQUAL(getenv("TLS_SUBJECT_CN"), "Joe User");
	CU_ASSERT_EQUAL(ST("OK\n", &why), 0);
	CU_ASSERT_EQUAL(ST("TLS_X=\nOK\n", &why), 0);

	CU_ASSERT_EQUAL(ST("ERROR=TLS handshake failed: bad record\n", &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "TLS handshake failed: bad record");
	CU_ASSERT_EQUAL(ST("ERROR=a\x01\x1b[31mb\n", &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "a??[31mb");

	/* hostile blocks: nothing is exported from any of them */
	unsetenv("TLS_EVIL");
	static const struct { const char *s; size_t n; } bad[] = {
		{ "", 0 },
		{ "OK", 2 },                             /* no newline */
		{ "TLS_EVIL=1\n", 11 },                  /* no OK */
		{ "TLS_EVIL=1\nOK\nTLS_X=2\n", 22 },     /* data after OK */
		{ "LD_PRELOAD=/x.so\nOK\n", 20 },        /* outside TLS_* */
		{ "PATH=/tmp\nOK\n", 13 },
		{ "TLS_=x\nOK\n", 10 },
		{ "tls_lower=x\nOK\n", 15 },
		{ "TLS_A B=x\nOK\n", 13 },
		{ "TLS_EVIL\nOK\n", 12 },                /* no '=' */
		{ "TLS_EVIL=a\rb\nOK\n", 16 },           /* control character */
		{ "TLS_EVIL=a\0b\nOK\n", 16 },
		{ "TLS_EVIL=1\nOK\r\n", 15 },
		{ "TLS_EVIL=1\nERROR=\n", 18 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (starttls_parse_status(bad[i].s, bad[i].n, &why) != -1 || why == NULL) {
			printf("case %zu: accepted\n", i);
			CU_FAIL("bad status accepted");
		}
	}
	CU_ASSERT_PTR_NULL(getenv("TLS_EVIL"));

	/* too many variables, too long */
	{
		char *big = malloc(STARTTLS_STATUS_MAX + 64);
		size_t len = 0;

		for (int i = 0; i < 65; i++)
			len += (size_t)sprintf(big + len, "TLS_V%d=x\n", i);
		len += (size_t)sprintf(big + len, "OK\n");
		CU_ASSERT_EQUAL(starttls_parse_status(big, len, &why), -1);
		memset(big, 'A', STARTTLS_STATUS_MAX + 1);
		CU_ASSERT_EQUAL(starttls_parse_status(big, STARTTLS_STATUS_MAX + 1, &why), -1);
		free(big);
	}
	/* one byte at a time: every prefix of a good block is refused */
	{
		static const char good[] = "TLS_CIPHER=AES-256-GCM\nOK\n";

		for (size_t n = 0; n < sizeof(good) - 1; n++)
			CU_ASSERT_EQUAL(starttls_parse_status(good, n, &why), -1);
		CU_ASSERT_EQUAL(starttls_parse_status(good, sizeof(good) - 1, &why), 0);
	}
}

static char *fake_tls(const char *dir, const char *name, const char *body)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *fp;

	sprintf(path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fprintf(fp, "#!/bin/sh\n%s\n", body);
	fclose(fp);
	chmod(path, 0755);
	return path;
}

static void test_start(void)
{
	char *dir = cutest_tmpdir("starttls");
	int sv[2], rfd = -1, wfd = -1;
	const char *why = NULL;
	struct starttls_opts o = { NULL, NULL, -1, 2 };
	char *ok, *fail, *hang, *dies, *noexec, buf[256];
	ssize_t n;

	/* success: the stand-in echoes its argv on the plaintext fd, then relays
	   one line from the "client" socket to the plaintext side */
	ok = fake_tls(dir, "ok", "printf 'TLS_CONNECTED_PROTOCOL=TLS1.3 X\\nTLS_SUBJECT_CN=u\\nOK\\n' >&4\n"
		      "exec 4>&-\necho \"args $*\" >&3\nread line\necho \"relay $line\" >&3");
	fail = fake_tls(dir, "fail", "echo 'ERROR=TLS handshake failed: garbage' >&4");
	hang = fake_tls(dir, "hang", "exec sleep 30");
	dies = fake_tls(dir, "dies", "exit 1");
	noexec = fake_tls(dir, "noexec", "exit 0");
	chmod(noexec, 0644);

	CU_ASSERT_FALSE(starttls_available(NULL));
	CU_ASSERT_FALSE(starttls_available(""));
	CU_ASSERT_FALSE(starttls_available(noexec));
	CU_ASSERT_FALSE(starttls_available(dir));
	CU_ASSERT_TRUE(starttls_available(ok));

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	o.client_fd = sv[0];
	o.couriertls = ok;
	o.user = "nobody";
	unsetenv("TLS_SUBJECT_CN");
	CU_ASSERT_EQUAL_FATAL(starttls_start(&o, &rfd, &wfd, &why), 0);
	CU_ASSERT_EQUAL(rfd, wfd);
	CU_ASSERT_NOT_EQUAL(rfd, sv[0]);
	CU_ASSERT_EQUAL(fcntl(sv[0], F_GETFD), -1);   /* the client socket was handed over */
	CU_ASSERT_STRING_EQUAL(getenv("TLS_SUBJECT_CN"), "u");
	CU_ASSERT_STRING_EQUAL(getenv("TLS_CONNECTED_PROTOCOL"), "TLS1.3 X");
	CU_ASSERT_EQUAL(write(sv[1], "hello\n", 6), 6);
	{
		size_t got = 0;
		const char *want = "args -server -tcpd -localfd=3 -statusfd=4 -user=nobody\nrelay hello\n";

		while (got < strlen(want) && (n = read(rfd, buf + got, sizeof(buf) - 1 - got)) > 0)
			got += (size_t)n;
		buf[got] = '\0';
		CU_ASSERT_STRING_EQUAL(buf, want);
	}
	close(rfd);
	close(sv[1]);
	while (waitpid(-1, NULL, 0) > 0)
		;

	/* failure with a reason; the client socket stays ours */
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	o.client_fd = sv[0];
	o.couriertls = fail;
	o.user = NULL;
	CU_ASSERT_EQUAL(starttls_start(&o, &rfd, &wfd, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "TLS handshake failed: garbage");
	CU_ASSERT_NOT_EQUAL(fcntl(sv[0], F_GETFD), -1);

	/* dies without a word */
	o.couriertls = dies;
	CU_ASSERT_EQUAL(starttls_start(&o, &rfd, &wfd, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "TLS handshake failed");

	/* hangs: the timeout (2 s) ends it, and it is killed */
	{
		struct timespec t0, t1;

		o.couriertls = hang;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CU_ASSERT_EQUAL(starttls_start(&o, &rfd, &wfd, &why), -1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		CU_ASSERT_STRING_EQUAL(why, "TLS handshake timed out");
		CU_ASSERT(t1.tv_sec - t0.tv_sec >= 1 && t1.tv_sec - t0.tv_sec <= 4);
		CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1);   /* nothing left to reap */
	}
	o.couriertls = noexec;
	CU_ASSERT_EQUAL(starttls_start(&o, &rfd, &wfd, &why), -1);
	close(sv[0]);
	close(sv[1]);
	free(ok);
	free(fail);
	free(hang);
	free(dies);
	free(noexec);
	cutest_rmtree(dir);
	free(dir);
}

void suite_starttls(void);
void suite_starttls(void)
{
	CU_pSuite s = cutest_suite("starttls");

	cutest_add(s, "status block parser", test_parse);
	cutest_add(s, "starttls_start with stand-in couriertls", test_start);
}
