/*
 * fuzz_tcpd_access.c - couriertcpd's access file: the input is split into a
 * source line (up to the first NUL-free newline), parsed with every emitted
 * key checked, then fed whole as a stored gdbm value and as an address for
 * the key generator.
 *
 * Trust:   the input is hostile.
 * Tests:   couriertcpd/tcpd_access.c (replayed by make check, libFuzzer with clang)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcpd_access.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_emit(void *ctx, const char *key, const char *value)
{
	size_t *n = ctx;

	if (strlen(key) >= TCPD_ACCESS_KEY_MAX || key[0] == '\0' ||
	    strlen(value) > TCPD_ACCESS_VALUE_MAX)
		abort();
	if (++*n > TCPD_ACCESS_EXPAND_MAX)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcpd_access_rule rule = { 0 };
	const char *why = NULL;
	size_t n = 0;
	char keys[TCPD_ACCESS_KEYS_MAX][TCPD_ACCESS_KEY_MAX];
	char *s;

	(void)!tcpd_access_parse_line((const char *)data, size, check_emit, &n, &why);
	if (tcpd_access_parse_value((const char *)data, size, &rule, &why) == 0) {
		if (rule.nvars > TCPD_ACCESS_VARS_MAX)
			abort();
		for (size_t i = 0; i < rule.nvars; i++)
			if (strchr(rule.vars[i], '=') == NULL)
				abort();
		(void)tcpd_access_rule_maxcperip(&rule);
	}
	tcpd_access_rule_free(&rule);
	s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (tcpd_access_keys(s, 0, keys) > TCPD_ACCESS_KEYS_MAX ||
	    tcpd_access_keys(s, 143, keys) > TCPD_ACCESS_KEYS_MAX)
		abort();
	free(s);
	return 0;
}
