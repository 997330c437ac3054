/*
 * fuzz_maildir_uiddb.c - libFuzzer target for the courierimapuiddb parser:
 * any bytes are parsed; a successful parse must give entries with UIDs in
 * 1..nextuid-1, strictly ascending, and valid names.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir_uiddb.c's (names, 32-bit numbers).
 * Tests:   replay_maildir_uiddb runs tests/fuzz/corpus/maildir_uiddb/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maildir.h"
#include "maildir_uiddb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
	size_t i;

	if (maildir_uiddb_parse((const char *)data, size, &db) == 0) {
		for (i = 0; i < db.n; i++) {
			if (db.e[i].uid == 0 || db.e[i].uid >= db.nextuid ||
			    (i > 0 && db.e[i].uid <= db.e[i - 1].uid) ||
			    !maildir_name_is_valid(db.e[i].base))
				abort();
		}
	}
	maildir_uiddb_free(&db);
	return 0;
}
