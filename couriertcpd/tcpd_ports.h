/*
 * tcpd_ports.h - couriertcpd's port list ("143", "127.0.0.1.143,::1.993") and
 * listen addresses (-address=).
 */
#ifndef STAFETA_TCPD_PORTS_H
#define STAFETA_TCPD_PORTS_H

#include <stddef.h>
#include "compat.h"
#include "sock.h"

#define TCPD_PORTS_MAX      64     /* items in one port list */
#define TCPD_PORTLIST_MAX   4096   /* bytes of one port list */

struct tcpd_port {
	char     addr[SOCK_ADDR_MAX];  /* numeric address; "" = the default */
	unsigned port;                 /* 1..65535 */
};

/* Parse a comma list of "port" or "addr.port" items (the port follows the
   last '.'; addr is numeric IPv4 or IPv6, "0" or "*" meaning the wildcard,
   stored as "").  Empty items between commas are skipped; at least one item
   is required.  Fills out[0..max) and *n_r; -1 with *error_r (a static
   string) on syntax errors, bad addresses, ports outside 1..65535 or more
   than max items. */
ATTR_WARN_UNUSED int tcpd_ports_parse(const char *list, struct tcpd_port *out, size_t max,
				      size_t *n_r, const char **error_r);

/* Check a -address= value: "0", "*" or "" (the wildcard: out = "") or a
   numeric IPv4/IPv6 address (copied to out).  -1 with *error_r. */
ATTR_WARN_UNUSED int tcpd_address_parse(const char *s, char out[SOCK_ADDR_MAX], const char **error_r);

#endif
