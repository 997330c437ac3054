/*
 * fuzz_tcpd_ports.c - couriertcpd's port list and -address= parsers.
 *
 * Trust:   the input is hostile.
 * Tests:   couriertcpd/tcpd_ports.c (replayed by make check, libFuzzer with clang)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcpd_ports.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcpd_port p[TCPD_PORTS_MAX];
	char addr[SOCK_ADDR_MAX];
	const char *why = NULL;
	size_t n = 0;
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (tcpd_ports_parse(s, p, TCPD_PORTS_MAX, &n, &why) == 0) {
		if (n == 0 || n > TCPD_PORTS_MAX)
			abort();
		for (size_t i = 0; i < n; i++)
			if (p[i].port == 0 || p[i].port > 65535 ||
			    strlen(p[i].addr) >= SOCK_ADDR_MAX)
				abort();
	} else if (why == NULL) {
		abort();
	}
	if (tcpd_address_parse(s, addr, &why) == 0 && strlen(addr) >= SOCK_ADDR_MAX)
		abort();
	free(s);
	return 0;
}
