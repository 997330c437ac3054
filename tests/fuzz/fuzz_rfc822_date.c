/*
 * fuzz_rfc822_date.c - libFuzzer target for RFC 5322 dates and IMAP dates.
 * Checks: a parsed date formats as an INTERNALDATE that parses back to the
 * same time and zone; imap_date_parse and imap_day_parse never crash.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_date runs tests/fuzz/corpus/rfc822_date/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rfc822_date.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[IMAP_DATE_SIZE], *s;
	time_t t, back;
	int tz, btz;

	if (rfc822_date_parse((const char *)data, size, &t, &tz) == 0) {
		if (tz <= -1440 || tz >= 1440)
			abort();
		imap_date_format(t, tz, buf);
		if (strlen(buf) != IMAP_DATE_SIZE - 1 ||
		    imap_date_parse(buf, &back, &btz) < 0 || back != t || btz != tz)
			abort();
	}
	s = xstrndup((const char *)data, size);
	(void)imap_date_parse(s, &t, &tz);
	(void)imap_day_parse(s, &t);
	free(s);
	return 0;
}
