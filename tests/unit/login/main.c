/*
 * main.c - the unit_login runner: every suite of tests/unit/login/.
 *
 * Tests:   this is the test.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_postauth(void);

static cutest_suite_fn *const suites[] = { suite_postauth, NULL };

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
