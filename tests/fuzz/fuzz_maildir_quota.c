/*
 * fuzz_maildir_quota.c - libFuzzer target for the maildirsize parser and
 * the quota definition parser: usage totals that are used (no recalc flag)
 * must never be negative.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir_quota.c's (5120-byte reads happen before parsing).
 * Tests:   replay_maildir_quota runs tests/fuzz/corpus/maildir_quota/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maildir_quota.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maildir_quota_usage u;
	struct maildir_quota q;
	const char *err;
	char *s;

	if (maildir_quota_parse((const char *)data, size, &u) == 0) {
		if (!u.needs_recalc && (u.bytes < 0 || u.count < 0 || u.lines == 0))
			abort();
		(void)maildir_quota_percent(&u);
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)maildir_quota_parse_def(s, &q, &err);
	free(s);
	return 0;
}
