/*
 * main.c - the unit_maildir runner: every suite of tests/unit/maildir/.
 *
 * Trust:   none needed; the suites write hostile maildir contents themselves.
 * Limits:  the whole program runs in seconds (concurrency and crash suites
 *          use a few hundred messages and a few dozen kills).
 * Tests:   this is the test.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_maildir(void);
void suite_flags(void);
void suite_lock(void);
void suite_deliver(void);
void suite_quota(void);
void suite_uiddb(void);
void suite_keywords(void);
void suite_pop3(void);
void suite_purge(void);
void suite_tools(void);
void suite_concurrency(void);
void suite_crash(void);
void suite_subs(void);
void suite_view(void);

static cutest_suite_fn *const suites[] = {
	suite_maildir, suite_flags, suite_lock, suite_deliver, suite_quota, suite_uiddb,
	suite_keywords, suite_pop3, suite_purge, suite_subs, suite_tools, suite_concurrency,
	suite_crash, suite_view, NULL
};

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
