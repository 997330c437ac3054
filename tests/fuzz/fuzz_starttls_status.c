/*
 * fuzz_starttls_status.c - libstarttls's parser of couriertls's status
 * block: nothing outside TLS_* may ever reach the environment.
 *
 * Trust:   the input is hostile.
 * Tests:   couriertcpd/starttls.c (replayed by make check, libFuzzer with clang)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "starttls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;

	unsetenv("LD_PRELOAD");
	unsetenv("PATH_FUZZ");
	if (starttls_parse_status((const char *)data, size, &why) < 0 && why == NULL)
		abort();
	if (getenv("LD_PRELOAD") != NULL || getenv("PATH_FUZZ") != NULL)
		abort();
	return 0;
}
