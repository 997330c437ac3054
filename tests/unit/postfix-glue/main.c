/*
 * main.c - the unit_postfix-glue runner: every suite of tests/unit/postfix-glue/.
 *
 * Trust:   none needed; the suites feed the lmtpd modules hostile input.
 * Limits:  the whole program runs in a few seconds.
 * Tests:   this is the test.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"
#include "pfhelpers.h"


static cutest_suite_fn *const suites[] = {
	suite_smtp_parse, suite_aliases, suite_config, suite_data, suite_rcpt,
	suite_session, suite_deliver, suite_server, suite_anvil, NULL
};

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
