/*
 * main.c - the unit_imapd runner: every suite of tests/unit/imapd/.
 *
 * Tests:   this is the test.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cutest.h"

void suite_imap_parser(void);
void suite_imap_quote(void);
void suite_imap_mbox(void);
void suite_imap_capa(void);
void suite_imap_session(void);
void suite_imap_seqset(void);
void suite_imap_view(void);
void suite_imap_fetch_envelope(void);
void suite_imap_bodystructure(void);
void suite_imap_fetch_body(void);
void suite_imap_fetch(void);
void suite_imap_search(void);
void suite_imap_sort(void);

static cutest_suite_fn *const suites[] = {
	suite_imap_parser, suite_imap_quote, suite_imap_mbox, suite_imap_capa, suite_imap_session,
	suite_imap_seqset, suite_imap_view,
	suite_imap_fetch_envelope, suite_imap_bodystructure, suite_imap_fetch_body,
	suite_imap_fetch, suite_imap_search, suite_imap_sort, NULL
};

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
