/*
 * rfc822_tok.c - RFC 5322 lexical tokens (see rfc822_tok.h).
 *
 * Trust:   any bytes.
 * Limits:  none needed: one pass, no allocation but the pasted copy.
 * Tests:   tests/unit/rfc822/test_tok.c, through fuzz_rfc822_mime.c.
 */
#include "config.h"

#include <string.h>

#include "rfc822_tok.h"
#include "xmalloc.h"

static bool is_special(unsigned char c, const char *specials)
{
	return c != '\0' && strchr(specials, c) != NULL;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool rfc822_tok_next(const char **sp, const char *end, struct rfc822_tok *t)
{
	return rfc822_tok_next_ex(sp, end, t, RFC822_SPECIALS);
}

bool rfc822_tok_next_ex(const char **sp, const char *end, struct rfc822_tok *t,
			const char *specials)
{
	const char *s = *sp;

	while (s < end && is_space((unsigned char)*s))
		s++;
	if (s >= end) {
		*sp = s;
		return false;
	}
	if (*s == '"') {
		t->type = '"';
		t->ptr = ++s;
		while (s < end && *s != '"') {
			if (*s == '\\' && s + 1 < end)
				s++;
			s++;
		}
		t->len = (size_t)(s - t->ptr);
		if (s < end)
			s++;
	} else if (*s == '(') {
		int depth = 1;
		t->type = '(';
		t->ptr = ++s;
		while (s < end) {
			if (*s == '\\' && s + 1 < end) {
				s += 2;
				continue;
			}
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth == 0)
				break;
			s++;
		}
		t->len = (size_t)(s - t->ptr);
		if (s < end)
			s++;
	} else if (is_special((unsigned char)*s, specials)) {
		t->type = (unsigned char)*s;
		t->ptr = s++;
		t->len = 1;
	} else {
		t->type = RFC822_TOK_ATOM;
		t->ptr = s;
		while (s < end && !is_space((unsigned char)*s) && !is_special((unsigned char)*s, specials))
			s++;
		t->len = (size_t)(s - t->ptr);
	}
	*sp = s;
	return true;
}

char *rfc822_tok_paste(const char *s, size_t n, const char *specials)
{
	const char *end = s + n;
	struct rfc822_tok t;
	char *out = xmalloc(n + 1), *o = out;

	while (rfc822_tok_next_ex(&s, end, &t, specials)) {
		if (t.type == '(')
			continue;
		memcpy(o, t.ptr, t.len);
		o += t.len;
	}
	*o = '\0';
	return out;
}
