/*
 * main.c - the unit_lib runner: every suite of tests/unit/lib/.
 *
 * Trust:   none needed; the suites feed lib/ hostile input themselves.
 * Limits:  the whole program runs in a few seconds (timeouts use 1 s).
 * Tests:   this is the test; run as root it also checks privilege drops.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_buf(void);
void suite_stream(void);
void suite_cfg(void);
void suite_strnum(void);
void suite_log(void);
void suite_sock(void);
void suite_privdrop(void);
void suite_timeutil(void);
void suite_xmalloc(void);
void suite_fdio(void);
void suite_array(void);
void suite_stream_imap(void);

static cutest_suite_fn *const suites[] = {
	suite_buf, suite_strnum, suite_timeutil, suite_log, suite_stream,
	suite_cfg, suite_sock, suite_privdrop, suite_xmalloc,
	suite_fdio, suite_array, suite_stream_imap, NULL
};

int main(int argc, char **argv)
{
	/* Writes to a closed peer must fail with EPIPE, not kill the runner. */
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
