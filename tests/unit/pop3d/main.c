/*
 * main.c - the unit_pop3d runner: every suite of tests/unit/pop3d/.
 *
 * Trust:   none needed; the suites feed pop3d/ hostile input themselves.
 * Limits:  the whole program runs in about a second.
 * Tests:   this is the test.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_pop3_msg(void);
void suite_pop3_proto(void);
void suite_pop3_login(void);
void suite_pop3_config(void);
void suite_pop3_cmds(void);

static cutest_suite_fn *const suites[] = {
	suite_pop3_msg, suite_pop3_proto, suite_pop3_login, suite_pop3_config,
	suite_pop3_cmds, NULL
};

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
