/*
 * fuzz_maildir_sizelist.c - libFuzzer target for the courierpop3dsizelist
 * parser; every entry it keeps must have a valid name and a non-zero UID,
 * and its UIDL string must fit.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir_pop3.c's.
 * Tests:   replay_maildir_sizelist runs tests/fuzz/corpus/maildir_sizelist/.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maildir.h"
#include "maildir_pop3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maildir_sizelist sl = MAILDIR_SIZELIST_INIT;
	char uidl[MAILDIR_UIDL_MAX];
	size_t i;

	if (maildir_sizelist_parse((const char *)data, size, &sl) == 0) {
		for (i = 0; i < sl.n; i++) {
			if (sl.e[i].uid == 0 || !maildir_name_is_valid(sl.e[i].name))
				abort();
			maildir_pop3_uidl(sl.e[i].uid, sl.e[i].uidv, uidl);
			if (strlen(uidl) >= MAILDIR_UIDL_MAX)
				abort();
			(void)maildir_pop3_uidl_legacy(sl.e[i].name, uidl);
		}
	}
	maildir_sizelist_free(&sl);
	return 0;
}
