/*
 * rfc2047.c - encoded-word decoding (see rfc2047.h).
 *
 * Trust:   header values are untrusted.
 * Limits:  RFC2047_WORDS_MAX words; the output buffer's cap; one word is
 *          at most the value's length.
 * Tests:   tests/unit/rfc822/test_text.c, tests/fuzz/fuzz_rfc822_rfc2047.c.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base64.h"
#include "charset.h"
#include "hex.h"
#include "rfc2047.h"

struct word {
	const char *cs;      /* charset, without *language */
	size_t cs_len;
	char enc;            /* 'B' or 'Q' */
	const char *text;
	size_t text_len;
	size_t len;          /* of the whole word */
};

/* An encoded word at s[0..n)? */
static bool parse_word(const char *s, size_t n, struct word *w)
{
	const char *end = s + n, *p, *q;

	if (n < 8 || s[0] != '=' || s[1] != '?')
		return false;
	p = s + 2;
	q = memchr(p, '?', (size_t)(end - p));
	if (q == NULL || q == p)
		return false;
	w->cs = p;
	w->cs_len = (size_t)(q - p);
	for (size_t i = 0; i < w->cs_len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= ' ' || c >= 127 || strchr("()<>@,;:\"/[]?.=", c) != NULL)
			return false;
		if (c == '*') {
			w->cs_len = i;
			break;
		}
	}
	if (w->cs_len == 0 || q + 2 >= end || q[2] != '?')
		return false;
	w->enc = (char)(q[1] & ~0x20);
	if (w->enc != 'B' && w->enc != 'Q')
		return false;
	w->text = q + 3;
	for (p = w->text; p + 1 < end; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			return false;
		if (p[0] == '?' && p[1] == '=') {
			w->text_len = (size_t)(p - w->text);
			w->len = (size_t)(p + 2 - s);
			if (w->enc == 'B')
				for (size_t i = 0; i < w->text_len; i++) {
					unsigned char c = (unsigned char)w->text[i];
					if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
					      (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
						return false;
				}
			return true;
		}
	}
	return false;
}

static int word_bytes(const struct word *w, struct buf *raw)
{
	if (w->enc == 'B') {
		struct base64_decoder d;
		base64_decode_init(&d);
		return base64_decode_feed(&d, w->text, w->text_len, raw);
	}
	for (size_t i = 0; i < w->text_len; i++) {
		char c = w->text[i];
		int h, l;
		if (c == '_')
			c = ' ';
		else if (c == '=' && i + 2 < w->text_len &&
			 (h = hex_digit_value((unsigned char)w->text[i + 1])) >= 0 &&
			 (l = hex_digit_value((unsigned char)w->text[i + 2])) >= 0) {
			c = (char)(h * 16 + l);
			i += 2;
		}
		if (buf_putc(raw, c) < 0)
			return -1;
	}
	return 0;
}

/* Converts what is pending (bytes of one charset) and appends it. */
static int flush(struct buf *raw, char *cs, const char *raw_words, size_t raw_len,
		 struct buf *out)
{
	int rc = 0;

	if (raw_len == 0)
		return 0;
	if (charset_to_utf8(cs, raw->data != NULL ? raw->data : "", raw->len, out) < 0) {
		/* unknown charset (or cap): the words as they were */
		rc = charset_to_utf8(NULL, raw_words, raw_len, out);
	}
	buf_reset(raw);
	return rc;
}

int rfc2047_decode(const char *value, size_t n, struct buf *out)
{
	struct buf raw = BUF_INIT(n + 16);
	const char *s = value, *end = value + n;
	const char *pend_start = NULL, *pend_end = NULL;   /* the words held */
	char cs[64] = "";
	unsigned words = 0;
	int rc = 0;

	while (s < end && rc == 0) {
		struct word w;
		const char *lit = s;

		/* white space, then maybe a word */
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		if (words < RFC2047_WORDS_MAX && parse_word(s, (size_t)(end - s), &w)) {
			bool same = pend_start != NULL && w.cs_len < sizeof(cs) &&
				strlen(cs) == w.cs_len && strncasecmp(cs, w.cs, w.cs_len) == 0;
			words++;
			if (!same) {
				rc = flush(&raw, cs, pend_start, (size_t)(pend_end - pend_start), out);
				pend_start = NULL;
				/* space before a first word is kept, between words dropped */
				if (rc == 0 && lit < s && pend_end == NULL)
					rc = charset_to_utf8(NULL, lit, (size_t)(s - lit), out);
				if (w.cs_len < sizeof(cs)) {
					memcpy(cs, w.cs, w.cs_len);
					cs[w.cs_len] = '\0';
				} else {
					cs[0] = '\0';
				}
				pend_start = s;
			}
			if (rc == 0 && word_bytes(&w, &raw) < 0)
				rc = -1;
			s += w.len;
			pend_end = s;
			continue;
		}
		/* not a word: what is held goes out, then this text up to the next space */
		rc = flush(&raw, cs, pend_start, pend_start != NULL ? (size_t)(pend_end - pend_start) : 0, out);
		pend_start = pend_end = NULL;
		while (s < end && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			s++;
		if (rc == 0)
			rc = charset_to_utf8(NULL, lit, (size_t)(s - lit), out);
	}
	if (rc == 0 && pend_start != NULL)
		rc = flush(&raw, cs, pend_start, (size_t)(pend_end - pend_start), out);
	buf_free(&raw);
	return rc;
}
