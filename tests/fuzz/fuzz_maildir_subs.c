/*
 * fuzz_maildir_subs.c - libFuzzer target for the courierimapsubscribed
 * parser: kept names are unique, non-empty and free of control bytes.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir_subs.c's.
 * Tests:   replay_maildir_subs runs tests/fuzz/corpus/maildir_subs/.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maildir_subs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maildir_subs s = MAILDIR_SUBS_INIT;
	size_t i, j;

	if (maildir_subs_parse((const char *)data, size, &s) == 0) {
		for (i = 0; i < s.n; i++) {
			if (s.name[i][0] == '\0')
				abort();
			for (j = 0; s.name[i][j] != '\0'; j++)
				if ((unsigned char)s.name[i][j] < 0x20)
					abort();
			for (j = 0; j < i; j++)
				if (strcmp(s.name[i], s.name[j]) == 0)
					abort();
		}
	}
	maildir_subs_free(&s);
	return 0;
}
