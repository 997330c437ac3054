/*
 * test_sock.c - sockets on loopback only: listening on 127.0.0.1 and ::1,
 * the dual-stack wildcard and the v4-mapped text form of its peers, the
 * connect timeout (against a full listen queue), refused connections, unix
 * sockets (modes, replacing a stale socket, refusing to replace a file,
 * over-long paths), address text of hand-made sockaddrs, and Courier's
 * "ip.port" list items with hostile variants.
 *
 * Trust:   addresses and port items below are hostile config text.
 * Limits:  only 127.0.0.1 and ::1 are ever connected to; one wildcard
 *          listener exists for a moment to test dual-stack accept.
 * Tests:   this file (lib/sock.c).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "sock.h"
#include "timeutil.h"

static int has_flag(int fd, int getcmd, int flag)
{
	int fl = fcntl(fd, getcmd);

	return fl >= 0 && (fl & flag) != 0;
}

static int have_ipv6_loopback(void)
{
	struct sockaddr_in6 in6;
	int fd = socket(AF_INET6, SOCK_STREAM, 0), ok;

	if (fd < 0)
		return 0;
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_addr = in6addr_loopback;
	ok = bind(fd, (struct sockaddr *)&in6, sizeof(in6)) == 0;
	close(fd);
	return ok;
}

/* Listen on addr port 0, connect to connect_addr, accept; check both ends'
   address text.  want_peer is what the server sees. */
static void roundtrip(const char *listen_addr, const char *connect_addr, const char *want_peer)
{
	const char *err = NULL;
	char a[SOCK_ADDR_MAX], b[SOCK_ADDR_MAX];
	unsigned lport = 0, cport = 0, pport = 0;
	struct sockaddr_storage peer;
	socklen_t plen = 0;
	int fds[4], n, c, s;
	char byte = 0;

	n = sock_listen_tcp(listen_addr, 0, 16, fds, 4, &err);
	if (n < 1) {
		printf("listen on %s: %s\n", listen_addr != NULL ? listen_addr : "(wildcard)",
		       err != NULL ? err : "?");
		CU_FAIL("sock_listen_tcp");
		return;
	}
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_TRUE(has_flag(fds[0], F_GETFL, O_NONBLOCK));
	CU_ASSERT_TRUE(has_flag(fds[0], F_GETFD, FD_CLOEXEC));
	{
		int one = 0;
		socklen_t ol = sizeof(one);

		CU_ASSERT_EQUAL(getsockopt(fds[0], SOL_SOCKET, SO_REUSEADDR, &one, &ol), 0);
		CU_ASSERT_TRUE(one != 0);
	}
	CU_ASSERT_EQUAL(sock_local(fds[0], a, &lport), 0);
	CU_ASSERT_TRUE(lport > 0);
	/* nothing waiting yet: EAGAIN, not a block */
	errno = 0;
	CU_ASSERT_EQUAL(sock_accept(fds[0], NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EAGAIN);

	c = sock_connect_tcp(connect_addr, lport, 2000);
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_FALSE(has_flag(c, F_GETFL, O_NONBLOCK));
	CU_ASSERT_TRUE(has_flag(c, F_GETFD, FD_CLOEXEC));
	for (int tries = 0; tries < 2000; tries++) {   /* at most about 2 s */
		s = sock_accept(fds[0], &peer, &plen);
		if (s >= 0 || errno != EAGAIN)
			break;
		usleep(1000);
	}
	CU_ASSERT_FATAL(s >= 0);
	CU_ASSERT_FALSE(has_flag(s, F_GETFL, O_NONBLOCK));
	CU_ASSERT_TRUE(has_flag(s, F_GETFD, FD_CLOEXEC));
	CU_ASSERT_TRUE(plen > 0);
	sock_addr_str((struct sockaddr *)&peer, a, &pport);
	if (strcmp(a, want_peer) != 0) {
		printf("listen %s, connect %s: peer got \"%s\", want \"%s\"\n",
		       listen_addr != NULL ? listen_addr : "(wildcard)", connect_addr, a, want_peer);
		CU_FAIL("peer address text");
	}
	CU_ASSERT_EQUAL(sock_peer(s, b, &cport), 0);
	CU_ASSERT_STRING_EQUAL(b, a);
	CU_ASSERT_EQUAL(cport, pport);
	CU_ASSERT_EQUAL(sock_local(c, b, &cport), 0);
	CU_ASSERT_EQUAL(cport, pport);
	CU_ASSERT_EQUAL(sock_peer(c, b, &cport), 0);
	CU_ASSERT_EQUAL(cport, lport);
	CU_ASSERT_STRING_EQUAL(b, connect_addr);
	CU_ASSERT_EQUAL(write(c, "z", 1), 1);
	CU_ASSERT_EQUAL(read(s, &byte, 1), 1);
	CU_ASSERT_EQUAL(byte, 'z');
	close(c);
	close(s);
	close(fds[0]);
}

static void test_ipv4(void)
{
	roundtrip("127.0.0.1", "127.0.0.1", "127.0.0.1");
}

static void test_ipv6(void)
{
	if (!have_ipv6_loopback()) {
		cutest_skip("no IPv6 loopback on this kernel, ::1 not tested");
		return;
	}
	roundtrip("::1", "::1", "::1");
}

static void test_wildcard_dual_stack(void)
{
	static const char *const wild[] = { NULL, "", "0", "*" };

	for (size_t i = 0; i < N_ELEMENTS(wild); i++) {
		/* An IPv4 client of the dual-stack socket shows as ::ffff:a.b.c.d,
		   like Courier's TCPREMOTEIP; with no IPv6 it is plain IPv4. */
		roundtrip(wild[i], "127.0.0.1",
			  have_ipv6_loopback() ? "::ffff:127.0.0.1" : "127.0.0.1");
	}
	if (have_ipv6_loopback())
		roundtrip(NULL, "::1", "::1");
}

static void test_listen_errors(void)
{
	static const char *const bad[] = {
		"localhost", "256.1.1.1", "127.0.0.1.", "1.2.3", "::1::", "127.0.0.1 ",
		" 127.0.0.1", "[::1]", "example.org", "127.0.0.1:143", "0x7f000001",
	};
	const char *err;
	int fds[2];

	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		err = NULL;
		if (sock_listen_tcp(bad[i], 0, 1, fds, 2, &err) != -1 || err == NULL) {
			printf("case %zu (\"%s\"): got a listener, want -1 with a reason\n", i, bad[i]);
			CU_FAIL("sock_listen_tcp accepted a bad address");
		}
	}
	err = NULL;
	CU_ASSERT_EQUAL(sock_listen_tcp("127.0.0.1", 65536, 1, fds, 2, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err);
	CU_ASSERT_EQUAL(sock_listen_tcp("127.0.0.1", 0, 1, fds, 0, &err), -1);
	/* the same port twice */
	{
		int a[1], b[1];
		unsigned port;
		char s[SOCK_ADDR_MAX];

		CU_ASSERT_EQUAL_FATAL(sock_listen_tcp("127.0.0.1", 0, 1, a, 1, &err), 1);
		CU_ASSERT_EQUAL(sock_local(a[0], s, &port), 0);
		err = NULL;
		CU_ASSERT_EQUAL(sock_listen_tcp("127.0.0.1", port, 1, b, 1, &err), -1);
		CU_ASSERT_PTR_NOT_NULL(err);
		close(a[0]);
	}
	/* connect: a name, not a number, is refused without DNS */
	errno = 0;
	CU_ASSERT_EQUAL(sock_connect_tcp("localhost", 143, 100), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sock_connect_tcp("127.0.0.1", 70000, 100), -1);
}

static void test_connect_refused(void)
{
	unsigned port = sock_free_port();
	int64_t t0 = time_mono_ms();

	CU_ASSERT_TRUE(port > 0);
	errno = 0;
	CU_ASSERT_EQUAL(sock_connect_tcp("127.0.0.1", port, 2000), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	CU_ASSERT_TRUE(time_mono_ms() - t0 < 1000);
}

/* A listener with backlog 1 that never accepts: once its queue is full the
   kernel drops SYNs, and connect must give up at the timeout. */
static void test_connect_timeout(void)
{
	const char *err = NULL;
	char a[SOCK_ADDR_MAX];
	unsigned port;
	int lfd[1], conns[16], nconn = 0, timed_out = 0;

	CU_ASSERT_EQUAL_FATAL(sock_listen_tcp("127.0.0.1", 0, 1, lfd, 1, &err), 1);
	CU_ASSERT_EQUAL(sock_local(lfd[0], a, &port), 0);
	for (int i = 0; i < 16 && !timed_out; i++) {
		int64_t t0 = time_mono_ms(), dt;
		int fd = sock_connect_tcp("127.0.0.1", port, 300);

		dt = time_mono_ms() - t0;
		if (fd >= 0) {
			conns[nconn++] = fd;
			continue;
		}
		CU_ASSERT_EQUAL(errno, ETIMEDOUT);
		CU_ASSERT_TRUE(dt >= 250 && dt < 2000);
		if (dt < 250 || dt >= 2000)
			printf("connect gave up after %lld ms, want about 300\n", (long long)dt);
		timed_out = 1;
	}
	CU_ASSERT_TRUE(timed_out);
	for (int i = 0; i < nconn; i++)
		close(conns[i]);
	close(lfd[0]);
}

static void test_unix(void)
{
	char *dir = cutest_tmpdir("sock");
	char path[512], a[SOCK_ADDR_MAX];
	const char *err = NULL;
	struct stat st;
	int l, c, s;
	char byte = 0;

	snprintf(path, sizeof(path), "%s/socket", dir);
	l = sock_listen_unix(path, 0660, 4, &err);
	CU_ASSERT_FATAL(l >= 0);
	CU_ASSERT_EQUAL(lstat(path, &st), 0);
	CU_ASSERT_TRUE(S_ISSOCK(st.st_mode));
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0660);
	CU_ASSERT_TRUE(has_flag(l, F_GETFD, FD_CLOEXEC));
	c = sock_connect_unix(path, 1000);
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_TRUE(has_flag(c, F_GETFD, FD_CLOEXEC));
	CU_ASSERT_FALSE(has_flag(c, F_GETFL, O_NONBLOCK));
	s = sock_accept(l, NULL, NULL);
	CU_ASSERT_FATAL(s >= 0);
	CU_ASSERT_EQUAL(write(c, "u", 1), 1);
	CU_ASSERT_EQUAL(read(s, &byte, 1), 1);
	CU_ASSERT_EQUAL(byte, 'u');
	CU_ASSERT_EQUAL(sock_peer(s, a, NULL), 0);   /* no crash on AF_UNIX */
	close(s);
	close(c);
	close(l);

	/* a stale socket file is replaced (daemon restart) */
	l = sock_listen_unix(path, 0600, 4, &err);
	CU_ASSERT_FATAL(l >= 0);
	CU_ASSERT_EQUAL(lstat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
	close(l);

	/* a regular file is never removed to make room */
	snprintf(path, sizeof(path), "%s/file", dir);
	{
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

		CU_ASSERT_FATAL(fd >= 0);
		CU_ASSERT_EQUAL(write(fd, "keep", 4), 4);
		close(fd);
	}
	err = NULL;
	CU_ASSERT_EQUAL(sock_listen_unix(path, 0600, 4, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err);
	CU_ASSERT_EQUAL(lstat(path, &st), 0);
	CU_ASSERT_TRUE(S_ISREG(st.st_mode) && st.st_size == 4);

	/* nothing there, and a path far too long for sun_path */
	snprintf(path, sizeof(path), "%s/none", dir);
	errno = 0;
	CU_ASSERT_EQUAL(sock_connect_unix(path, 100), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	{
		char longp[300];

		memset(longp, 'x', sizeof(longp) - 1);
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		err = NULL;
		CU_ASSERT_EQUAL(sock_listen_unix(longp, 0600, 1, &err), -1);
		CU_ASSERT_PTR_NOT_NULL(err);
		CU_ASSERT_EQUAL(sock_connect_unix(longp, 100), -1);
	}
	/* sock_peer on a non-socket */
	{
		int p[2];

		CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
		CU_ASSERT_EQUAL(sock_peer(p[0], a, NULL), -1);
		CU_ASSERT_EQUAL(sock_local(p[0], a, NULL), -1);
		close(p[0]);
		close(p[1]);
	}
	cutest_rmtree(dir);
	free(dir);
}

static void test_addr_str(void)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct sockaddr_storage other;
	char out[SOCK_ADDR_MAX];
	unsigned port = 0;

	memset(&in4, 0, sizeof(in4));
	in4.sin_family = AF_INET;
	in4.sin_port = htons(51234);
	CU_ASSERT_EQUAL(inet_pton(AF_INET, "192.0.2.7", &in4.sin_addr), 1);
	sock_addr_str((struct sockaddr *)&in4, out, &port);
	CU_ASSERT_STRING_EQUAL(out, "192.0.2.7");
	CU_ASSERT_EQUAL(port, 51234);

	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_port = htons(993);
	CU_ASSERT_EQUAL(inet_pton(AF_INET6, "::ffff:192.0.2.7", &in6.sin6_addr), 1);
	sock_addr_str((struct sockaddr *)&in6, out, &port);
	CU_ASSERT_STRING_EQUAL(out, "::ffff:192.0.2.7");
	CU_ASSERT_EQUAL(port, 993);
	/* the longest text form fits */
	CU_ASSERT_EQUAL(inet_pton(AF_INET6, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
				  &in6.sin6_addr), 1);
	sock_addr_str((struct sockaddr *)&in6, out, NULL);
	CU_ASSERT_TRUE(strlen(out) > 30 && strlen(out) < SOCK_ADDR_MAX);

	memset(&other, 0, sizeof(other));
	other.ss_family = AF_APPLETALK;
	port = 77;
	memset(out, 'X', sizeof(out));
	sock_addr_str((struct sockaddr *)&other, out, &port);
	CU_ASSERT_PTR_NOT_NULL(memchr(out, '\0', sizeof(out)));
	CU_ASSERT_EQUAL(port, 0);
}

struct port_case {
	const char *item;
	int ok;
	const char *addr;
	unsigned port;
};

static void test_courier_port(void)
{
	static const struct port_case cases[] = {
		/* 0 */ { "143", 1, "", 143 },
		{ "127.0.0.1.143", 1, "127.0.0.1", 143 },
		{ "::1.143", 1, "::1", 143 },
		{ "::ffff:127.0.0.1.993", 1, "::ffff:127.0.0.1", 993 },
		{ "0.0.0.0.110", 1, "0.0.0.0", 110 },
		/* 5 */ { "fe80::1.995", 1, "fe80::1", 995 },
		{ "65535", 1, "", 65535 },
		{ "65536", 0, NULL, 0 },
		{ "0", 0, NULL, 0 },
		{ "", 0, NULL, 0 },
		/* 10 */ { ".", 0, NULL, 0 },
		{ "127.0.0.1.", 0, NULL, 0 },
		{ "127.0.0.1", 0, NULL, 0 },          /* "1" would be the port of "127.0.0" */
		{ "143x", 0, NULL, 0 },
		{ "-1", 0, NULL, 0 },
		/* 15 */ { " 143", 0, NULL, 0 },
		{ "143 ", 0, NULL, 0 },
		{ "localhost.143", 0, NULL, 0 },
		{ "1.2.3.4.5.143", 0, NULL, 0 },
		{ "127.0.0.1.99999999999999999999", 0, NULL, 0 },
		/* 20 */ { "::1", 0, NULL, 0 },
		{ "[::1].143", 0, NULL, 0 },
		{ "127.0.0.1:143", 0, NULL, 0 },
		{ "256.0.0.1.143", 0, NULL, 0 },
		{ "+143", 0, NULL, 0 },
	};
	char addr[SOCK_ADDR_MAX];

	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		unsigned port = 4242;
		int r;

		memset(addr, 'X', sizeof(addr));
		r = sock_parse_courier_port(cases[i].item, addr, &port);
		if (cases[i].ok ? (r != 0 || strcmp(addr, cases[i].addr) != 0 ||
				   port != cases[i].port)
				: (r != -1 || port != 4242)) {
			printf("case %zu (\"%s\"): got %d \"%.*s\" %u, want %d \"%s\" %u\n", i,
			       cases[i].item, r, r == 0 ? SOCK_ADDR_MAX : 0, addr, port,
			       cases[i].ok ? 0 : -1, cases[i].addr != NULL ? cases[i].addr : "",
			       cases[i].ok ? cases[i].port : 4242);
			CU_FAIL("sock_parse_courier_port");
		}
	}
	/* an address part far longer than any address: refused, no overflow */
	{
		struct buf item = BUF_INIT(BUF_MAX_UNLIMITED);
		unsigned port = 4242;

		for (int i = 0; i < 1000; i++)
			CU_ASSERT_EQUAL_FATAL(buf_append_str(&item, "1:"), 0);
		CU_ASSERT_EQUAL_FATAL(buf_append_str(&item, ".143"), 0);
		CU_ASSERT_EQUAL(sock_parse_courier_port(buf_cstr(&item), addr, &port), -1);
		CU_ASSERT_EQUAL(port, 4242);
		buf_free(&item);
	}
}

static void test_flags_and_free_port(void)
{
	int p[2];
	unsigned port = sock_free_port();
	const char *err;
	int fds[1];

	CU_ASSERT_TRUE(port > 0 && port <= 65535);
	/* free means bindable right now */
	CU_ASSERT_EQUAL(sock_listen_tcp("127.0.0.1", port, 1, fds, 1, &err), 1);
	close(fds[0]);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	CU_ASSERT_EQUAL(sock_set_nonblock(p[0], 1), 0);
	CU_ASSERT_TRUE(has_flag(p[0], F_GETFL, O_NONBLOCK));
	CU_ASSERT_EQUAL(sock_set_nonblock(p[0], 0), 0);
	CU_ASSERT_FALSE(has_flag(p[0], F_GETFL, O_NONBLOCK));
	CU_ASSERT_EQUAL(sock_set_cloexec(p[0], 1), 0);
	CU_ASSERT_TRUE(has_flag(p[0], F_GETFD, FD_CLOEXEC));
	CU_ASSERT_EQUAL(sock_set_cloexec(p[0], 0), 0);
	CU_ASSERT_FALSE(has_flag(p[0], F_GETFD, FD_CLOEXEC));
	close(p[0]);
	close(p[1]);
	CU_ASSERT_EQUAL(sock_set_nonblock(p[0], 1), -1);   /* closed fd */
	CU_ASSERT_EQUAL(sock_set_cloexec(-1, 1), -1);
}

void suite_sock(void);
void suite_sock(void)
{
	CU_pSuite s = cutest_suite("sock");

	cutest_add(s, "127.0.0.1", test_ipv4);
	cutest_add(s, "::1", test_ipv6);
	cutest_add(s, "wildcard: dual stack, v4-mapped peers", test_wildcard_dual_stack);
	cutest_add(s, "bad listen and connect addresses", test_listen_errors);
	cutest_add(s, "connection refused", test_connect_refused);
	cutest_add(s, "connect timeout", test_connect_timeout);
	cutest_add(s, "unix sockets", test_unix);
	cutest_add(s, "sock_addr_str", test_addr_str);
	cutest_add(s, "Courier ip.port items", test_courier_port);
	cutest_add(s, "flags and free ports", test_flags_and_free_port);
}
