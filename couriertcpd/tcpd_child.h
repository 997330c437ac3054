/*
 * tcpd_child.h - what couriertcpd does in the forked child before it execs
 * the program: the TCP* environment, access-file variables, the optional
 * DNS and ident lookups (bounded by short timeouts), -drop, stderr, exec.
 */
#ifndef STAFETA_TCPD_CHILD_H
#define STAFETA_TCPD_CHILD_H

#include <sys/socket.h>
#include "compat.h"
#include "sock.h"
#include "tcpd_access.h"
#include "tcpd_opts.h"

#define TCPD_DNS_TIMEOUT_MS    5000   /* reverse + forward lookups together */
#define TCPD_IDENT_TIMEOUT_MS  5000   /* RFC 1413 query, connect to reply */
#define TCPD_HOSTNAME_MAX      255
#define TCPD_IDENT_LINE_MAX    1000   /* RFC 1413 bound on a reply */

struct tcpd_conn {
	int fd;                                 /* the accepted socket */
	char remote_ip[SOCK_ADDR_MAX], local_ip[SOCK_ADDR_MAX];
	unsigned remote_port, local_port;
	struct sockaddr_storage remote, local;  /* for the lookups */
	const struct tcpd_access_rule *rule;    /* access variables or NULL */
	const struct tcpd_access_rule *local_rule; /* -accesslocal variables or NULL */
};

/* In the child: set up and exec o->prog_argv.  stderr_fd >= 0 becomes the
   program's stderr (the -stderrlogger pipe).  Never returns (exit 1 when
   the exec fails, 0 when -drop drops the connection). */
NORETURN void tcpd_child_run(const struct tcpd_opts *o, const struct tcpd_conn *c,
			     int stderr_fd);

/* true when nothing has to run between fork and exec (no DNS or ident
   lookup, no -drop, no -stderr=FILE): the program can then be started with
   tcpd_child_spawn(), which is cheaper than a full fork. */
bool tcpd_child_can_spawn(const struct tcpd_opts *o);

/* In the parent: start o->prog_argv with posix_spawn (a vfork-style clone),
   its environment built here (the inherited one without stale TCP*
   variables, then TCPREMOTEIP ... and the access-file variables), fds 0/1
   the socket, signals at their defaults.  The pid, or -1 with errno (the
   exec failed or no process could be made). */
pid_t tcpd_child_spawn(const struct tcpd_opts *o, const struct tcpd_conn *c, int stderr_fd);

/* Parse an RFC 1413 reply line "rport , lport : USERID : os : user" for the
   expected ports; the user id (trimmed, bytes outside 0x21-0x7e replaced
   by '_', at most 512) goes to out.  -1 for ERROR replies, other ports or
   bad syntax.  Exposed for tests. */
ATTR_WARN_UNUSED int tcpd_ident_parse(const char *line, unsigned rport, unsigned lport,
				      char out[513]);

/* true when name is a plausible host name for TCPREMOTEHOST: 1-255 bytes of
   letters, digits, '-', '_' and '.'.  Exposed for tests. */
bool tcpd_hostname_ok(const char *name);

#endif
