/*
 * tcpd_opts.h - couriertcpd's command line, Courier's options:
 *   couriertcpd [options] PORT[,PORT...] PROGRAM [ARGS...]
 *   couriertcpd -pid=FILE -stop | -restart
 */
#ifndef STAFETA_TCPD_OPTS_H
#define STAFETA_TCPD_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"
#include "sock.h"
#include "tcpd_ports.h"

#define TCPD_MAXPROCS_DEFAULT  40
#define TCPD_MAXPERIP_DEFAULT  4
#define TCPD_MAXPROCS_LIMIT    100000
#define TCPD_BACKLOG_DEFAULT   128

enum tcpd_action { TCPD_RUN, TCPD_STOP, TCPD_RESTART };
enum tcpd_stderr { TCPD_STDERR_INHERIT, TCPD_STDERR_SOCKET, TCPD_STDERR_FILE };

struct tcpd_opts {
	enum tcpd_action action;
	unsigned maxprocs;          /* -maxprocs, 1..TCPD_MAXPROCS_LIMIT */
	unsigned maxperip;          /* -maxperip, 0 = no limit */
	unsigned maxperc;           /* -maxperc, 0 = no limit (default = maxprocs) */
	unsigned warn;              /* -warn: log when this many run (0 = never) */
	int backlog;                /* -listen */
	bool nodnslookup, noidentlookup, accesslocal;
	char address[SOCK_ADDR_MAX]; /* -address ("" = wildcard) */
	const char *access;         /* -access=FILE.dat or NULL */
	const char *pidfile;        /* -pid */
	const char *user, *group;   /* -user, -group */
	const char *stderrlogger;   /* -stderrlogger=PROG */
	const char *stderrloggername; /* -stderrloggername (default: program name) */
	enum tcpd_stderr stderr_mode; /* -stderr=socket|FILE */
	const char *stderr_file;
	const char *denymsg;        /* -denymsg */
	const char *drop;           /* -drop[=VAR]: VAR ("BLOCK" by default) or NULL */
	struct tcpd_port ports[TCPD_PORTS_MAX];
	size_t nports;
	char **prog_argv;           /* PROGRAM [ARGS...], NULL-terminated (points into argv) */
};

/* Parse argv (argv[0] is the program name).  Numeric options given an
   empty value ("-maxperip=" from an unset variable) keep their default.
   0, or -1 with *error_r (valid until the next call) for an unknown option,
   a bad value, a missing port list or program, or -stop/-restart without
   -pid. */
ATTR_WARN_UNUSED int tcpd_opts_parse(int argc, char **argv, struct tcpd_opts *o,
				     const char **error_r);

#endif
