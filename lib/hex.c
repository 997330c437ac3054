/*
 * hex.c - hex encoding and strict decoding into a struct buf.
 *
 * Trust:   the decoder's input is untrusted (an environment variable another
 *          process wrote, a file); every character is checked first.
 * Limits:  the output buf's max.
 * Tests:   tests/unit/lib/test_hex.c
 */
#include "config.h"

#include <errno.h>

#include "buf.h"
#include "hex.h"

int hex_encode(struct buf *out, const void *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;
	char *d;
	size_t i;

	if (n > BUF_MAX_UNLIMITED / 2 || (d = buf_reserve(out, 2 * n)) == NULL) {
		errno = EMSGSIZE;
		return -1;
	}
	for (i = 0; i < n; i++) {
		d[2 * i] = digits[b[i] >> 4];
		d[2 * i + 1] = digits[b[i] & 15];
	}
	buf_commit(out, 2 * n);
	return 0;
}

int hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *hex, size_t n, struct buf *out)
{
	size_t i;
	char *d;

	if (n % 2 != 0) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++)
		if (hex_digit_value(hex[i]) < 0) {
			errno = EINVAL;
			return -1;
		}
	if ((d = buf_reserve(out, n / 2)) == NULL) {
		errno = EMSGSIZE;
		return -1;
	}
	for (i = 0; i < n / 2; i++)
		d[i] = (char)(hex_digit_value(hex[2 * i]) << 4 | hex_digit_value(hex[2 * i + 1]));
	buf_commit(out, n / 2);
	return 0;
}
