/*
 * fuzz_maildir_kwlist.c - libFuzzer target for the courierimapkeywords/:list
 * parser: every kept message must have indices into the name table that
 * point at valid keywords, and lookups by its base name must find it.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir_keywords.c's.
 * Tests:   replay_maildir_kwlist runs tests/fuzz/corpus/maildir_kwlist/.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maildir_keywords.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	size_t i, j;

	if (maildir_kw_parse_list((const char *)data, size, &db) == 0) {
		for (i = 0; i < db.nmsgs; i++) {
			for (j = 0; j < db.msgs[i].n; j++)
				if (db.msgs[i].idx[j] >= db.nnames ||
				    !maildir_kw_is_valid(db.names[db.msgs[i].idx[j]]))
					abort();
			if (maildir_kw_get(&db, db.msgs[i].base, strlen(db.msgs[i].base)) !=
			    &db.msgs[i])
				abort();
		}
	}
	maildir_kwdb_free(&db);
	return 0;
}
