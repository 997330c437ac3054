/*
 * tcpd_server.h - couriertcpd's accept loop: listeners, limits, access file,
 * children, signals.
 */
#ifndef STAFETA_TCPD_SERVER_H
#define STAFETA_TCPD_SERVER_H

#include "compat.h"
#include "tcpd_opts.h"

#define TCPD_LISTEN_MAX     (2 * TCPD_PORTS_MAX)
#define TCPD_ACCEPT_BURST   64     /* accepts per listener per wakeup */

/* Listen on every port of o (dies with a clear message when one fails).
   Call before dropping privileges.  Returns how many sockets. */
int tcpd_server_listen(const struct tcpd_opts *o, int *fds, int max_fds);

/* Run the accept loop on the listening fds until SIGTERM/SIGINT (then the
   listeners are closed and running children are left alone).  stderr_fd is
   the -stderrlogger pipe for the children or -1; logger_restart, when
   non-NULL, is called with the exited pid and returns the new logger's pid.
   Returns the process exit code. */
int tcpd_server_run(const struct tcpd_opts *o, const int *fds, int nfds, int stderr_fd,
		    pid_t logger_pid, pid_t (*logger_restart)(void));

#endif
