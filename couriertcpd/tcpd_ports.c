#include "config.h"
/*
 * tcpd_ports.c - parse couriertcpd's port list and -address= value.
 *
 * Trust:   the command line comes from the admin's config (PORT=, SSLPORT=),
 *          still parsed strictly: numeric addresses only, no DNS.
 * Runs as: root, before listening.
 * Limits:  TCPD_PORTLIST_MAX bytes, TCPD_PORTS_MAX items.
 * Errors:  -1 with a static reason; nothing is half-filled on error.
 * Tests:   tests/unit/couriertcpd/test_ports.c, tests/fuzz/fuzz_tcpd_ports.c
 */
#include <arpa/inet.h>
#include <string.h>

#include "strnum.h"
#include "tcpd_ports.h"

int tcpd_address_parse(const char *s, char out[SOCK_ADDR_MAX], const char **error_r)
{
	unsigned char tmp[16];
	size_t n = strlen(s);

	if (n == 0 || strcmp(s, "0") == 0 || strcmp(s, "*") == 0) {
		out[0] = '\0';
		return 0;
	}
	if (n >= SOCK_ADDR_MAX) {
		*error_r = "address too long";
		return -1;
	}
	if (inet_pton(AF_INET, s, tmp) != 1 && inet_pton(AF_INET6, s, tmp) != 1) {
		*error_r = "not a numeric IPv4 or IPv6 address";
		return -1;
	}
	memcpy(out, s, n + 1);
	return 0;
}

static int parse_port(const char *s, size_t n, unsigned *port_r, const char **error_r)
{
	char tmp[8];
	unsigned port;

	if (n == 0 || n >= sizeof(tmp)) {
		*error_r = "bad port number";
		return -1;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (str_to_uint(tmp, &port) < 0 || port == 0 || port > 65535) {
		*error_r = "bad port number (1-65535)";
		return -1;
	}
	*port_r = port;
	return 0;
}

/* One item [s, s+n): "port" or "addr.port". */
static int parse_item(const char *s, size_t n, struct tcpd_port *p, const char **error_r)
{
	const char *dot = NULL;
	char addr[SOCK_ADDR_MAX];

	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '.') {
			dot = s + i - 1;
			break;
		}
	}
	if (dot == NULL) {
		p->addr[0] = '\0';
		return parse_port(s, n, &p->port, error_r);
	}
	if (parse_port(dot + 1, n - (size_t)(dot + 1 - s), &p->port, error_r) < 0)
		return -1;
	if ((size_t)(dot - s) >= sizeof(addr)) {
		*error_r = "address too long";
		return -1;
	}
	memcpy(addr, s, (size_t)(dot - s));
	addr[dot - s] = '\0';
	if (addr[0] == '\0') {
		*error_r = "empty address before the port";
		return -1;
	}
	return tcpd_address_parse(addr, p->addr, error_r);
}

int tcpd_ports_parse(const char *list, struct tcpd_port *out, size_t max,
		     size_t *n_r, const char **error_r)
{
	size_t len = strlen(list), count = 0, pos = 0;

	if (len > TCPD_PORTLIST_MAX) {
		*error_r = "port list too long";
		return -1;
	}
	while (pos <= len) {
		const char *comma = memchr(list + pos, ',', len - pos);
		size_t end = comma != NULL ? (size_t)(comma - list) : len;
		struct tcpd_port p;

		if (end > pos) {
			if (count >= max || count >= TCPD_PORTS_MAX) {
				*error_r = "too many ports in the list";
				return -1;
			}
			if (parse_item(list + pos, end - pos, &p, error_r) < 0)
				return -1;
			out[count++] = p;
		}
		pos = end + 1;
	}
	if (count == 0) {
		*error_r = "empty port list";
		return -1;
	}
	*n_r = count;
	return 0;
}
