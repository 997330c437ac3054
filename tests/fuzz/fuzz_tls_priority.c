/*
 * fuzz_tls_priority.c - TLS_PROTOCOL and TLS_CIPHER_LIST mapping: the input
 * is split at the first NUL into the two variables; the result must never
 * name a version below TLS 1.2 or a weak cipher.
 *
 * Trust:   the input is hostile.
 * Tests:   couriertcpd/tls_priority.c (replayed by make check, libFuzzer with clang)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tls_priority.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const never[] = { "+VERS-TLS1.0", "+VERS-TLS1.1", "+VERS-SSL3.0",
					     "+ARCFOUR", "+3DES", "+NULL", "+SHA1", "+MD5",
					     ":+RSA:", "+ANON", "+DES", "+CAMELLIA" };
	struct buf out = BUF_INIT(8192);
	const char *warn = NULL, *err = NULL;
	char *s = malloc(size + 2);
	const char *proto, *ciphers;

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = s[size + 1] = '\0';
	proto = s;
	ciphers = s + strlen(s) + 1;
	if (tls_priority_build(NULL, proto, ciphers, &out, &warn, &err) == 0) {
		for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
			if (strstr(buf_cstr(&out), never[i]) != NULL)
				abort();
	}
	buf_free(&out);
	free(s);
	return 0;
}
