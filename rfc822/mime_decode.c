/*
 * mime_decode.c - streaming base64 / quoted-printable / identity decoding.
 *
 * Trust:   body bytes are untrusted.
 * Limits:  the destination buffer's cap; a few bytes of state.
 * Tests:   tests/unit/rfc822/test_decode.c, tests/fuzz/fuzz_rfc822_decode.c.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "hex.h"
#include "mime_decode.h"

enum mime_cte mime_cte_of(const char *encoding)
{
	if (encoding == NULL)
		return MIME_CTE_IDENTITY;
	if (strcasecmp(encoding, "base64") == 0)
		return MIME_CTE_BASE64;
	if (strcasecmp(encoding, "quoted-printable") == 0)
		return MIME_CTE_QP;
	return MIME_CTE_IDENTITY;
}

void mime_decode_init(struct mime_decoder *d, enum mime_cte cte)
{
	memset(d, 0, sizeof(*d));
	d->cte = cte;
	base64_decode_init(&d->b64);
}

/* One byte of quoted-printable, Courier's way: "=XX" is a byte (either
   case); "=" then a line end, or a space, tab or CR, is a soft break that
   drops the rest of the line; "=X" then a non-hex byte drops "=X"; "="
   then any other byte drops the "=".  State: npend 1 after "=", 2 after
   "=X" (pend[1] = X), 3 while dropping to the end of the line. */
static int qp_byte(struct mime_decoder *d, char c, struct buf *dst)
{
	for (;;) {
		switch (d->npend) {
		case 0:
			if (c == '=') {
				d->npend = 1;
				return 0;
			}
			return buf_putc(dst, c);
		case 1:
			if (hex_digit_value((unsigned char)c) >= 0) {
				d->pend[1] = c;
				d->npend = 2;
				return 0;
			}
			if (c == '\n') {
				d->npend = 0;
				return 0;
			}
			if (c == ' ' || c == '\t' || c == '\r') {
				d->npend = 3;
				return 0;
			}
			d->npend = 0;
			continue;         /* the '=' is dropped, c is read again */
		case 2:
			d->npend = 0;
			if (hex_digit_value((unsigned char)c) >= 0)
				return buf_putc(dst, (char)(hex_digit_value((unsigned char)d->pend[1]) * 16 +
							 hex_digit_value((unsigned char)c)));
			continue;         /* "=X" dropped */
		default:
			if (c == '\n')
				d->npend = 0;
			return 0;
		}
	}
}

int mime_decode_feed(struct mime_decoder *d, const void *src, size_t n, struct buf *dst)
{
	const char *s = src;

	switch (d->cte) {
	case MIME_CTE_BASE64:
		return base64_decode_feed(&d->b64, src, n, dst);
	case MIME_CTE_QP:
		for (size_t i = 0; i < n; i++) {
			if (d->npend == 0 && s[i] != '=') {
				/* copy a run without escapes at once */
				const char *eq = memchr(s + i, '=', n - i);
				size_t run = eq != NULL ? (size_t)(eq - (s + i)) : n - i;
				if (buf_append(dst, s + i, run) < 0)
					return -1;
				i += run - 1;
				continue;
			}
			if (qp_byte(d, s[i], dst) < 0)
				return -1;
		}
		return 0;
	case MIME_CTE_IDENTITY:
		break;
	}
	return buf_append(dst, src, n);
}

int mime_decode_finish(struct mime_decoder *d, struct buf *dst)
{
	(void)dst;
	/* an unfinished escape at the end is dropped */
	if (d->cte == MIME_CTE_BASE64)
		base64_decode_finish(&d->b64);
	d->npend = 0;
	return 0;
}
