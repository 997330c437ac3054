/*
 * fuzz_auth_reply.c - libFuzzer target for libcourierauth's reply parser
 * and option lookups: what a (compromised or buggy) daemon might send.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_auth_reply runs corpus/auth_reply/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "courierauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct auth_info ai;
	enum auth_result r = auth_parse_reply((const char *)data, size, &ai);
	char *opts, *v;

	if (r == AUTH_OK) {
		if (ai.address == NULL || (ai.username == NULL && !ai.have_uid))
			abort();
		(void)auth_option_int(ai.options, "disablepop3", 0);
		auth_info_free(&ai);
	} else if (ai.home != NULL || ai.address != NULL) {
		abort();   /* failures leave the struct empty */
	}
	opts = malloc(size + 1);
	if (opts == NULL)
		return 0;
	memcpy(opts, data, size);
	opts[size] = '\0';
	(void)auth_option_int(opts, "disableimap", 7);
	(void)auth_option_int(opts, "a", 7);
	v = auth_option_str(opts, "mailhost");
	free(v);
	free(opts);
	return 0;
}
