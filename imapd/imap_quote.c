/*
 * imap_quote.c - atom, quoted string or literal for a value we send.
 *
 * Trust:   the values come from disk or the client (mailbox names, ID
 *          fields); every byte is classified, nothing is sent raw that the
 *          client could read as syntax.
 * Limits:  IMAP_QUOTED_MAX for the quoted form; the output buf's max.
 * Tests:   tests/unit/imapd/test_imap_quote.c
 */
#include "config.h"

#include <strings.h>

#include "buf.h"
#include "imap_quote.h"

/* RFC 3501 ASTRING-CHAR, without '[' (our parser reads "x[...]" as one
   atom with spaces allowed inside the brackets, so a lone '[' is quoted). */
static bool is_astring_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '"' &&
	       c != '\\' && c != '%' && c != '*' && c != '[';
}

static bool quotable(const char *s, size_t n, bool utf8)
{
	if (n > IMAP_QUOTED_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8))
			return false;
	}
	return true;
}

int imap_quote_string(struct buf *out, const char *s, size_t n, bool utf8)
{
	size_t was = out->len;

	if (!quotable(s, n, utf8)) {
		if (buf_printf(out, "{%zu}\r\n", n) < 0 || buf_append(out, s, n) < 0)
			goto full;
		return 0;
	}
	if (buf_putc(out, '"') < 0)
		goto full;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '"' || s[i] == '\\') && buf_putc(out, '\\') < 0)
			goto full;
		if (buf_putc(out, s[i]) < 0)
			goto full;
	}
	if (buf_putc(out, '"') < 0)
		goto full;
	return 0;
full:
	buf_truncate(out, was);
	return -1;
}

int imap_quote_astring(struct buf *out, const char *s, size_t n, bool utf8)
{
	size_t i;

	if (n == 0 || (n == 3 && strncasecmp(s, "NIL", 3) == 0))
		return imap_quote_string(out, s, n, utf8);
	for (i = 0; i < n; i++)
		if (!is_astring_char((unsigned char)s[i]))
			return imap_quote_string(out, s, n, utf8);
	return buf_append(out, s, n);
}

int imap_quote_nstring(struct buf *out, const char *s, size_t n, bool utf8)
{
	if (s == NULL)
		return buf_append_str(out, "NIL");
	return imap_quote_string(out, s, n, utf8);
}
