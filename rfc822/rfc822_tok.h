/*
 * rfc822_tok.h - RFC 5322 lexical tokens of a header field value: atoms,
 * quoted strings, comments and specials, over a byte range (no copy).
 *
 * Unterminated quoted strings and comments end at the end of the range;
 * a comment nests and a backslash quotes the next byte in both.  NULs and
 * 8-bit bytes are atom bytes.
 */
#ifndef STAFETA_RFC822_TOK_H
#define STAFETA_RFC822_TOK_H

#include <stdbool.h>
#include <stddef.h>

/* Token types: RFC822_TOK_ATOM, '"' (quoted string, ptr/len inside the
   quotes, backslashes kept), '(' (comment, inside the parentheses), or the
   special character itself: ( ) < > @ , ; : \ . [ ] */
#define RFC822_TOK_ATOM 'a'

struct rfc822_tok {
	int type;
	const char *ptr;
	size_t len;
};

/* RFC 5322's specials, and MIME's (RFC 2045 tspecials as Courier's
   library splits Content-* values: '=', '/', '?' and more are specials). */
#define RFC822_SPECIALS "()<>@,;:\\\".[]"
#define RFC822_MIME_SPECIALS "()<>@,;:\\\".[]%!?=/"

/* The next token of [*sp, end); *sp moves past it.  false at the end. */
bool rfc822_tok_next(const char **sp, const char *end, struct rfc822_tok *t);
/* The same with another set of specials. */
bool rfc822_tok_next_ex(const char **sp, const char *end, struct rfc822_tok *t,
			const char *specials);
/* The tokens of [s, s+n) pasted without spaces and comments: atoms and
   quoted strings' contents as they are, specials as themselves.  A
   malloc'ed string (never NULL). */
char *rfc822_tok_paste(const char *s, size_t n, const char *specials);

#endif
