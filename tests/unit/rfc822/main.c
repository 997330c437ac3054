/*
 * main.c - the unit_rfc822 runner: every suite of tests/unit/rfc822/.
 *
 * Trust:   none needed; the suites feed rfc822/ hostile input themselves.
 * Limits:  the whole program runs in a few seconds (one 50 MB message).
 * Tests:   this is the test.
 */
#include "config.h"

#include <stdlib.h>

#include "cutest.h"

void suite_mime(void);
void suite_hdr(void);
void suite_codecs(void);
void suite_text(void);

static cutest_suite_fn *const suites[] = {
	suite_mime, suite_hdr, suite_codecs, suite_text, NULL
};

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 1);
	return cutest_main(argc, argv, suites);
}
