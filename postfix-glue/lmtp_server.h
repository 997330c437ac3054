/*
 * lmtp_server.h - lmtpd's listener: the lmtp_listen / smtp_listen addresses
 * ("inet:127.0.0.1:24", "inet:[::1]:24", "inet:*:25", "unix:/run/courier/lmtp"),
 * one forked process per connection up to process_limit, SIGTERM to stop.
 */
#ifndef STAFETA_LMTP_SERVER_H
#define STAFETA_LMTP_SERVER_H

#include <stdbool.h>
#include "compat.h"
#include "sock.h"

struct lmtpd_config;

#define LMTP_LISTEN_MAX 16   /* listening sockets */

/* One listen item: type 'i' (inet) with addr/port, or 'u' with path. */
struct lmtp_listen_item {
	char type;
	char addr[SOCK_ADDR_MAX];
	unsigned port;
	char path[4096];
};

/* Parse one listen item.  0, or -1 with *error_r. */
int lmtp_listen_parse(const char *item, struct lmtp_listen_item *out, const char **error_r);

/* Listen on every item of the list, then serve until SIGTERM/SIGINT.
   Returns the exit code. */
int lmtp_server_run(const struct lmtpd_config *cfg, const char *listen_list, bool smtp);

/* Serve one session on fds 0/1 (inetd style, tests): the peer is taken from
   TCPREMOTEIP.  Returns the exit code. */
int lmtp_server_stdio(const struct lmtpd_config *cfg, bool smtp);

#endif
