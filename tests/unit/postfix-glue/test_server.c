/*
 * test_server.c - listen list parsing (hostile items) and a real listener:
 * lmtpd's accept loop on a free loopback port and a unix socket, one
 * session each, then SIGTERM.
 *
 * Tests:   postfix-glue/lmtp_server.c
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cutest.h"
#include "lmtp_config.h"
#include "lmtp_server.h"
#include "pfhelpers.h"
#include "sock.h"
#include "stream.h"

static void test_listen_parse(void)
{
	static const struct { const char *item; int ret; char type; const char *addr; unsigned port; } cases[] = {
		{ "inet:127.0.0.1:24", 0, 'i', "127.0.0.1", 24 },
		{ "inet:[::1]:2424", 0, 'i', "::1", 2424 },
		{ "inet:*:25", 0, 'i', "*", 25 },
		{ "inet::25", 0, 'i', "", 25 },
		{ "unix:/run/lmtp", 0, 'u', NULL, 0 },
		{ "unix:relative", -1, 0, NULL, 0 },
		{ "inet:127.0.0.1:0", -1, 0, NULL, 0 },
		{ "inet:127.0.0.1:65536", -1, 0, NULL, 0 },
		{ "inet:127.0.0.1:x", -1, 0, NULL, 0 },
		{ "inet:127.0.0.1", -1, 0, NULL, 0 },
		{ "tcp:127.0.0.1:24", -1, 0, NULL, 0 },
		{ "", -1, 0, NULL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lmtp_listen_item li;
		const char *error = NULL;
		int r = lmtp_listen_parse(cases[i].item, &li, &error);

		if (r != cases[i].ret)
			printf("case %zu (%s): got %d\n", i, cases[i].item, r);
		CU_ASSERT_EQUAL(r, cases[i].ret);
		if (r == 0 && cases[i].ret == 0) {
			CU_ASSERT_EQUAL(li.type, cases[i].type);
			if (li.type == 'i') {
				CU_ASSERT_STRING_EQUAL(li.addr, cases[i].addr);
				CU_ASSERT_EQUAL(li.port, cases[i].port);
			}
		} else if (r < 0) {
			CU_ASSERT_PTR_NOT_NULL(error);
		}
	}
	{
		char longpath[300];
		struct lmtp_listen_item li;
		const char *error;

		memset(longpath, 'x', sizeof(longpath));
		memcpy(longpath, "unix:/", 6);
		longpath[sizeof(longpath) - 1] = '\0';
		CU_ASSERT_EQUAL(lmtp_listen_parse(longpath, &li, &error), -1);
	}
}

/* Talk to a listening lmtpd: greeting, LHLO, QUIT. */
static void talk(int fd)
{
	struct stream *s = stream_new(fd, fd, NULL);
	struct buf line = BUF_INIT(1024);

	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "220 mx.test LMTP Stafeta");
	CU_ASSERT_EQUAL(stream_puts(s, "NOOP\r\nQUIT\r\n"), 0);
	CU_ASSERT_EQUAL(stream_flush(s), 0);
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "250 2.0.0 Ok");
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&line), "221 2.0.0 Bye");
	CU_ASSERT_EQUAL(stream_read_line(s, &line), 0);
	stream_free(&s);
	buf_free(&line);
}

static void test_listener(void)
{
	char *dir = cutest_tmpdir("server");
	unsigned port = sock_free_port();
	char text[1024], sock_path[600], list[800];
	struct lmtpd_config cfg;
	pid_t pid;
	int fd = -1, status;

	CU_ASSERT_NOT_EQUAL_FATAL(port, 0);
	snprintf(sock_path, sizeof(sock_path), "%s/lmtp", dir);
	snprintf(list, sizeof(list), "inet:127.0.0.1:%u unix:%s", port, sock_path);
	snprintf(text, sizeof(text), "myhostname = mx.test\nprocess_limit = 2\n");
	pf_config(&cfg, text);
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0)
		_exit(lmtp_server_run(&cfg, list, false));
	for (int i = 0; i < 200 && fd < 0; i++) {
		fd = sock_connect_tcp("127.0.0.1", port, 1000);
		if (fd < 0)
			usleep(10000);
	}
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	talk(fd);
	close(fd);
	fd = sock_connect_unix(sock_path, 1000);
	CU_ASSERT_TRUE(fd >= 0);
	if (fd >= 0) {
		talk(fd);
		close(fd);
	}
	kill(pid, SIGTERM);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_NOT_EQUAL(access(sock_path, F_OK), 0);   /* the socket file is removed */
	lmtp_config_free(&cfg);
	cutest_rmtree(dir);
	free(dir);
}

void suite_server(void)
{
	CU_pSuite s = cutest_suite("server");

	cutest_add(s, "listen list items", test_listen_parse);
	cutest_add(s, "listener, sessions, SIGTERM", test_listener);
}
