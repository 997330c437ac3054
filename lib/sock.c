/*
 * sock.c - listening and connecting sockets, IPv4, IPv6 and unix, with
 * timeouts.  Numeric addresses only: no DNS.
 *
 * Trust:   addresses come from config files and peers' sockaddrs.
 * Tests:   tests/unit/lib/test_sock.c
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sock.h"
#include "strnum.h"

int sock_set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, fl);
}

int sock_set_cloexec(int fd, int on)
{
	int fl = fcntl(fd, F_GETFD);

	if (fl < 0)
		return -1;
	fl = on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC;
	return fcntl(fd, F_SETFD, fl);
}

static int is_wildcard(const char *addr)
{
	return addr == NULL || *addr == '\0' || strcmp(addr, "0") == 0 || strcmp(addr, "*") == 0;
}

/* Fill ss from a numeric address; 0 or -1. */
static int make_addr(const char *addr, unsigned port, struct sockaddr_storage *ss,
		     socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (port > 65535)
		return -1;
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		*len = sizeof(*in4);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return 0;
	}
	return -1;
}

static int listen_one(const struct sockaddr *sa, socklen_t len, int backlog, int v6only,
		      const char **error_r)
{
	int one = 1;
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0) {
		*error_r = "socket() failed";
		return -1;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (sa->sa_family == AF_INET6)
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
	if (bind(fd, sa, len) < 0) {
		*error_r = errno == EADDRINUSE ? "address already in use" : "bind() failed";
		close(fd);
		return -1;
	}
	if (listen(fd, backlog > 0 ? backlog : SOMAXCONN) < 0) {
		*error_r = "listen() failed";
		close(fd);
		return -1;
	}
	return fd;
}

int sock_listen_tcp(const char *addr, unsigned port, int backlog, int *fds, int max_fds,
		    const char **error_r)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	if (max_fds < 1 || port > 65535) {
		*error_r = "bad port";
		return -1;
	}
	if (!is_wildcard(addr)) {
		if (make_addr(addr, port, &ss, &len) < 0) {
			*error_r = "not a numeric IPv4 or IPv6 address";
			return -1;
		}
		fd = listen_one((struct sockaddr *)&ss, len, backlog, 1, error_r);
		if (fd < 0)
			return -1;
		fds[0] = fd;
		return 1;
	}
	/* wildcard: dual-stack IPv6, else IPv4 only */
	(void)make_addr("::", port, &ss, &len);
	fd = listen_one((struct sockaddr *)&ss, len, backlog, 0, error_r);
	if (fd >= 0) {
		fds[0] = fd;
		return 1;
	}
	(void)make_addr("0.0.0.0", port, &ss, &len);
	fd = listen_one((struct sockaddr *)&ss, len, backlog, 0, error_r);
	if (fd < 0)
		return -1;
	fds[0] = fd;
	return 1;
}

int sock_listen_unix(const char *path, int mode, int backlog, const char **error_r)
{
	struct sockaddr_un sun;
	struct stat st;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		*error_r = "unix socket path too long";
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			*error_r = "path exists and is not a socket";
			return -1;
		}
		(void)unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		*error_r = "socket() failed";
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		*error_r = "bind() failed";
		close(fd);
		return -1;
	}
	if (chmod(path, (mode_t)mode) < 0 || listen(fd, backlog > 0 ? backlog : SOMAXCONN) < 0) {
		*error_r = "chmod() or listen() failed";
		close(fd);
		(void)unlink(path);
		return -1;
	}
	return fd;
}

int sock_accept(int lfd, struct sockaddr_storage *peer, socklen_t *peerlen)
{
	struct sockaddr_storage dummy;
	socklen_t dlen = sizeof(dummy);
	int fd;

	if (peer == NULL) {
		peer = &dummy;
		peerlen = &dlen;
	} else {
		*peerlen = sizeof(*peer);
	}
	do {
		fd = accept4(lfd, (struct sockaddr *)peer, peerlen, SOCK_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	return fd;
}

/* Connect fd to sa within timeout_ms; the fd ends up blocking. */
static int connect_timeout(int fd, const struct sockaddr *sa, socklen_t len, int timeout_ms)
{
	int err = 0;
	socklen_t elen = sizeof(err);

	if (sock_set_nonblock(fd, 1) < 0)
		return -1;
	if (connect(fd, sa, len) < 0) {
		struct pollfd pfd = { fd, POLLOUT, 0 };
		int r;

		if (errno != EINPROGRESS && errno != EAGAIN)
			return -1;
		do {
			r = poll(&pfd, 1, timeout_ms);
		} while (r < 0 && errno == EINTR);
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (r < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
			return -1;
		if (err != 0) {
			errno = err;
			return -1;
		}
	}
	return sock_set_nonblock(fd, 0);
}

int sock_connect_unix(const char *path, int timeout_ms)
{
	struct sockaddr_un sun;
	int fd, e;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect_timeout(fd, (struct sockaddr *)&sun, sizeof(sun), timeout_ms) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int sock_connect_tcp(const char *addr, unsigned port, int timeout_ms)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, e;

	if (make_addr(addr, port, &ss, &len) < 0) {
		errno = EINVAL;
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect_timeout(fd, (struct sockaddr *)&ss, len, timeout_ms) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void sock_addr_str(const struct sockaddr *sa, char out[SOCK_ADDR_MAX], unsigned *port_r)
{
	unsigned port = 0;

	out[0] = '\0';
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &in4->sin_addr, out, SOCK_ADDR_MAX);
		port = ntohs(in4->sin_port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, out, SOCK_ADDR_MAX);
		port = ntohs(in6->sin6_port);
	} else if (sa->sa_family == AF_UNIX) {
		snprintf(out, SOCK_ADDR_MAX, "unix");
	}
	if (port_r != NULL)
		*port_r = port;
}

int sock_peer(int fd, char addr[SOCK_ADDR_MAX], unsigned *port_r)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	sock_addr_str((struct sockaddr *)&ss, addr, port_r);
	return 0;
}

int sock_local(int fd, char addr[SOCK_ADDR_MAX], unsigned *port_r)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	sock_addr_str((struct sockaddr *)&ss, addr, port_r);
	return 0;
}

unsigned sock_free_port(void)
{
	struct sockaddr_in in4;
	socklen_t len = sizeof(in4);
	unsigned port = 0;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return 0;
	memset(&in4, 0, sizeof(in4));
	in4.sin_family = AF_INET;
	in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&in4, sizeof(in4)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&in4, &len) == 0)
		port = ntohs(in4.sin_port);
	close(fd);
	return port;
}

int sock_parse_courier_port(const char *item, char addr[SOCK_ADDR_MAX], unsigned *port_r)
{
	const char *dot = strrchr(item, '.');
	const char *colon = strrchr(item, ':');
	const char *portstr = item;
	size_t alen = 0;
	unsigned port;

	/* "ip.port": the port follows the last '.', unless that '.' belongs to
	   an IPv6 address's embedded IPv4 part before the last ':' (then there
	   is no ".port" at all). */
	if (dot != NULL && (colon == NULL || dot > colon)) {
		portstr = dot + 1;
		alen = (size_t)(dot - item);
	}
	if (str_to_uint(portstr, &port) < 0 || port == 0 || port > 65535)
		return -1;
	if (alen >= SOCK_ADDR_MAX)
		return -1;
	memcpy(addr, item, alen);
	addr[alen] = '\0';
	if (alen > 0) {
		struct sockaddr_storage ss;
		socklen_t len;

		if (make_addr(addr, port, &ss, &len) < 0)
			return -1;
	}
	*port_r = port;
	return 0;
}

bool sock_ip_is_loopback(const char *ip)
{
	if (ip == NULL)
		return false;
	if (strncmp(ip, "::ffff:", 7) == 0 || strncmp(ip, "::FFFF:", 7) == 0)
		ip += 7;
	return strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0;
}
