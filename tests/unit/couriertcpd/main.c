/*
 * main.c - the unit_couriertcpd runner: every suite of tests/unit/couriertcpd/.
 *
 * Trust:   none needed; the suites feed the parsers hostile input themselves.
 * Limits:  the whole program runs in a few seconds.
 * Tests:   this is the test (couriertcpd/ parsers, tables, libstarttls).
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_ports(void);
void suite_access(void);
void suite_limits(void);
void suite_opts(void);
void suite_tls_priority(void);
void suite_starttls(void);
void suite_child(void);

static cutest_suite_fn *const suites[] = {
	suite_ports, suite_access, suite_limits, suite_opts, suite_tls_priority,
	suite_starttls, suite_child, NULL
};

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	return cutest_main(argc, argv, suites);
}
