/*
 * sock.h - sockets: listen on IPv4/IPv6/unix, accept, connect with timeouts.
 * Addresses are numeric only: no DNS is ever consulted here.
 */
#ifndef STAFETA_SOCK_H
#define STAFETA_SOCK_H

#include <stdbool.h>

#include <stddef.h>
#include <sys/socket.h>
#include "compat.h"

#define SOCK_ADDR_MAX 64   /* text form incl. "::ffff:a.b.c.d" and NUL */

/* Listen on addr:port.  addr NULL, "", "0" or "*" = the wildcard: an IPv6
   socket accepting v4-mapped clients plus, if that fails, an IPv4 one.
   Fills fds (up to max_fds) and returns how many, or -1 with *error_r.
   Sockets are close-on-exec, SO_REUSEADDR, non-blocking. */
int sock_listen_tcp(const char *addr, unsigned port, int backlog, int *fds,
		    int max_fds, const char **error_r);
/* A unix stream socket at path (an existing socket file is replaced),
   chmod'ed to mode.  fd or -1 with *error_r. */
int sock_listen_unix(const char *path, int mode, int backlog, const char **error_r);
/* accept4 with close-on-exec; the returned fd is blocking.  -1 with errno
   (EAGAIN when nothing waits). */
int sock_accept(int lfd, struct sockaddr_storage *peer, socklen_t *peerlen);
/* Connect with a timeout (ms, -1 forever); the result is blocking and
   close-on-exec.  fd or -1 with errno. */
int sock_connect_unix(const char *path, int timeout_ms);
int sock_connect_tcp(const char *addr, unsigned port, int timeout_ms);
/* Numeric address text (inet_ntop; v4-mapped v6 stays "::ffff:a.b.c.d") and port. */
void sock_addr_str(const struct sockaddr *sa, char out[SOCK_ADDR_MAX], unsigned *port_r);
/* Local and remote address of a connected socket; -1 if fd is not a socket. */
int sock_peer(int fd, char addr[SOCK_ADDR_MAX], unsigned *port_r);
int sock_local(int fd, char addr[SOCK_ADDR_MAX], unsigned *port_r);
/* true for the text forms of 127.0.0.0/8, ::1 and ::ffff:127.x.y.z (as
   couriertcpd puts them in TCPREMOTEIP). */
bool sock_ip_is_loopback(const char *ip);
/* A free loopback TCP port (bind 127.0.0.1:0); 0 on failure. */
unsigned sock_free_port(void);
int sock_set_nonblock(int fd, int on);
int sock_set_cloexec(int fd, int on);
/* Parse Courier's "port" or "ip.port" list item: ip (may be empty) and port.
   "127.0.0.1.143" -> "127.0.0.1", 143; "::1.143" -> "::1", 143. */
int sock_parse_courier_port(const char *item, char addr[SOCK_ADDR_MAX], unsigned *port_r);

#endif
