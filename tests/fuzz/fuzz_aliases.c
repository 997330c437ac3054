#include "config.h"
/*
 * fuzz_aliases.c - libFuzzer target: the aliases(5) parser
 * (postfix-glue/aliases.c) over arbitrary file contents; every entry it
 * accepts must have a non-empty lower-case name and valid targets.
 *
 * Tests:   itself (replay_aliases over corpus/aliases in make check).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aliases.h"
#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_entry(void *ctx, const char *name, const char *const *targets, size_t n,
		       unsigned lineno)
{
	(void)ctx;
	(void)lineno;
	if (name[0] == '\0' || n == 0 || n > ALIASES_TARGETS_MAX)
		abort();
	for (const char *p = name; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			abort();
	for (size_t i = 0; i < n; i++)
		if (targets[i][0] == '\0' || targets[i][0] == '|' || targets[i][0] == '/')
			abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT(4096);

	(void)aliases_parse(size > 0 ? (const char *)data : "", size, check_entry, NULL, &err);
	buf_free(&err);
	return 0;
}
