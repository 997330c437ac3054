#include "config.h"
/*
 * smtp_parse.c - SMTP/LMTP command lines and envelope addresses.
 *
 * Trust:   every byte is the client's; nothing is assumed NUL-free or short.
 * Runs as: the lmtpd session process.
 * Limits:  SMTP_VERB_MAX, SMTP_ADDR_MAX, SMTP_LOCAL_MAX, SMTP_DOMAIN_MAX,
 *          SMTP_PARAMS_MAX; output goes to fixed arrays sized by those caps.
 * Errors:  enum smtp_parse_err / -1; output is written only on success.
 * Tests:   tests/unit/postfix-glue/test_smtp_parse.c, tests/fuzz/fuzz_smtp_cmd.c,
 *          tests/fuzz/fuzz_smtp_addr.c
 */
#include <string.h>
#include <strings.h>

#include "smtp_parse.h"
#include "strnum.h"

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 5322 atext */
static bool is_atext(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

int smtp_parse_command(const char *line, size_t len, char verb_r[SMTP_VERB_MAX + 1],
		       const char **args_r)
{
	size_t i, n = 0;
	char verb[SMTP_VERB_MAX + 1];

	if (len == 0 || memchr(line, '\0', len) != NULL)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -1;
	}
	for (i = 0; i < len && line[i] != ' '; i++) {
		unsigned char c = (unsigned char)line[i];

		if (!is_alpha(c) || n >= SMTP_VERB_MAX)
			return -1;
		verb[n++] = (char)(c >= 'a' ? c - 'a' + 'A' : c);
	}
	if (n == 0)
		return -1;
	verb[n] = '\0';
	memcpy(verb_r, verb, n + 1);
	*args_r = i < len ? line + i + 1 : line + len;
	return 0;
}

bool smtp_domain_valid(const char *s, size_t len)
{
	size_t i, label = 0;

	if (len == 0 || len > SMTP_DOMAIN_MAX)
		return false;
	if (s[0] == '[') {
		/* address literal: [dcontent...] with printable non-bracket bytes */
		if (len < 3 || s[len - 1] != ']')
			return false;
		for (i = 1; i < len - 1; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c < 33 || c > 126 || c == '[' || c == ']' || c == '\\')
				return false;
		}
		return true;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_')
			return false;
		if (label == 0 && c == '-')
			return false;
		if (++label > 63)
			return false;
	}
	return label != 0 && s[len - 1] != '-';
}

/* Local part: dot-string (leniently: atext and dots) or quoted string.
   Writes the unquoted text into out (size SMTP_LOCAL_MAX + 1); returns the
   bytes consumed or 0 on error.  *quoted_r says whether quoting is needed
   to write it back. */
static size_t parse_local(const char *s, size_t len, char *out, bool *needs_quote_r)
{
	size_t i = 0, n = 0;
	bool needs_quote = false;

	if (len == 0)
		return 0;
	if (s[0] == '"') {
		for (i = 1; i < len && s[i] != '"'; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == '\\') {
				if (++i >= len)
					return 0;
				c = (unsigned char)s[i];
			}
			if (c < 32 || c > 126)
				return 0;
			if (n >= SMTP_LOCAL_MAX)
				return 0;
			if (!is_atext(c) && c != '.')
				needs_quote = true;
			out[n++] = (char)c;
		}
		if (i >= len)
			return 0;   /* no closing quote */
		i++;
		if (n == 0)
			needs_quote = true;
		else if (out[0] == '.' || out[n - 1] == '.' || memmem(out, n, "..", 2) != NULL)
			needs_quote = true;
	} else {
		for (i = 0; i < len && s[i] != '@'; i++) {
			unsigned char c = (unsigned char)s[i];

			if (!is_atext(c) && c != '.')
				return 0;
			if (n >= SMTP_LOCAL_MAX)
				return 0;
			out[n++] = (char)c;
		}
		if (n == 0)
			return 0;
	}
	out[n] = '\0';
	*needs_quote_r = needs_quote;
	return i;
}

int smtp_parse_mailbox(const char *s, size_t len, bool allow_no_domain,
		       struct smtp_addr *out_r)
{
	struct smtp_addr a;
	bool needs_quote = false;
	size_t used, dlen, i, n = 0;
	const char *dom;

	if (len == 0 || len > SMTP_ADDR_MAX || memchr(s, '\0', len) != NULL)
		return -1;
	used = parse_local(s, len, a.local, &needs_quote);
	if (used == 0)
		return -1;
	if (used == len) {
		if (!allow_no_domain)
			return -1;
		dom = "";
		dlen = 0;
	} else {
		if (s[used] != '@')
			return -1;
		dom = s + used + 1;
		dlen = len - used - 1;
		if (!smtp_domain_valid(dom, dlen))
			return -1;
	}
	for (i = 0; i < dlen; i++) {
		char c = dom[i];

		a.domain[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	a.domain[dlen] = '\0';

	/* canonical form for headers: local part quoted only when needed */
	if (needs_quote) {
		a.addr[n++] = '"';
		for (i = 0; a.local[i] != '\0'; i++) {
			if (n + 4 > SMTP_ADDR_MAX)
				return -1;
			if (a.local[i] == '"' || a.local[i] == '\\')
				a.addr[n++] = '\\';
			a.addr[n++] = a.local[i];
		}
		a.addr[n++] = '"';
	} else {
		size_t ll = strlen(a.local);

		if (ll > SMTP_ADDR_MAX)
			return -1;
		memcpy(a.addr, a.local, ll);
		n = ll;
	}
	if (dlen > 0) {
		if (n + 1 + dlen > SMTP_ADDR_MAX)
			return -1;
		a.addr[n++] = '@';
		memcpy(a.addr + n, a.domain, dlen);
		n += dlen;
	}
	a.addr[n] = '\0';
	*out_r = a;
	return 0;
}

/* Parse a path starting at s: "<...>" or a bare address up to a space.
   *end_r points after it.  null_ok allows "<>". */
static int parse_path(const char *s, bool null_ok, bool allow_no_domain,
		      struct smtp_addr *out_r, const char **end_r)
{
	const char *p = s, *start, *end;
	bool bracket = false;

	if (*p == '<') {
		bracket = true;
		p++;
		/* find the closing bracket, skipping quoted strings */
		start = p;
		for (end = p; *end != '\0' && *end != '>'; end++) {
			if (*end == '"') {
				for (end++; *end != '\0' && *end != '"'; end++) {
					if (*end == '\\' && end[1] != '\0')
						end++;
				}
				if (*end == '\0')
					return -1;
			}
		}
		if (*end != '>')
			return -1;
	} else {
		start = p;
		for (end = p; *end != '\0' && *end != ' '; end++) {
			if (*end == '"') {
				for (end++; *end != '\0' && *end != '"'; end++) {
					if (*end == '\\' && end[1] != '\0')
						end++;
				}
				if (*end == '\0')
					return -1;
			}
		}
	}
	if (end == start) {
		if (!null_ok || !bracket)
			return -1;
		memset(out_r, 0, sizeof(*out_r));
		*end_r = end + 1;
		return 0;
	}
	/* source route "@a,@b:" is accepted and ignored (RFC 5321 4.1.2) */
	if (*start == '@') {
		const char *colon = memchr(start, ':', (size_t)(end - start));

		if (colon == NULL)
			return -1;
		start = colon + 1;
	}
	if (smtp_parse_mailbox(start, (size_t)(end - start), allow_no_domain, out_r) < 0)
		return -1;
	if (allow_no_domain && out_r->domain[0] == '\0' &&
	    strcasecmp(out_r->local, "postmaster") != 0)
		return -1;
	*end_r = bracket ? end + 1 : end;
	return 0;
}

/* "FROM:" / "TO:" prefix, case-insensitive, then optional spaces. */
static const char *skip_keyword(const char *args, const char *kw)
{
	size_t n = strlen(kw);

	if (strncasecmp(args, kw, n) != 0)
		return NULL;
	args += n;
	while (*args == ' ')
		args++;
	return args;
}

enum smtp_parse_err smtp_parse_mail(const char *args, struct smtp_mail_args *out_r)
{
	struct smtp_mail_args m;
	const char *p;
	unsigned nparams = 0;

	memset(&m, 0, sizeof(m));
	p = skip_keyword(args, "FROM:");
	if (p == NULL || *p == '\0')
		return SMTP_PARSE_SYNTAX;
	if (parse_path(p, true, false, &m.from, &p) < 0)
		return SMTP_PARSE_BAD_ADDR;
	while (*p != '\0') {
		char kw[32];
		const char *val;
		size_t klen, vlen;

		if (*p != ' ')
			return SMTP_PARSE_SYNTAX;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (++nparams > SMTP_PARAMS_MAX)
			return SMTP_PARSE_SYNTAX;
		for (klen = 0; p[klen] != '\0' && p[klen] != ' ' && p[klen] != '='; klen++)
			;
		if (klen == 0 || klen >= sizeof(kw))
			return SMTP_PARSE_BAD_PARAM;
		memcpy(kw, p, klen);
		kw[klen] = '\0';
		p += klen;
		val = NULL;
		vlen = 0;
		if (*p == '=') {
			val = ++p;
			while (p[vlen] != '\0' && p[vlen] != ' ')
				vlen++;
			p += vlen;
		}
		if (strcasecmp(kw, "SIZE") == 0) {
			char num[24];

			if (val == NULL || vlen == 0 || vlen >= sizeof(num) || m.has_size)
				return SMTP_PARSE_BAD_SIZE;
			memcpy(num, val, vlen);
			num[vlen] = '\0';
			if (str_to_uint64(num, &m.size) < 0)
				return SMTP_PARSE_BAD_SIZE;
			m.has_size = true;
		} else if (strcasecmp(kw, "BODY") == 0) {
			if (val == NULL || m.body != SMTP_BODY_NONE)
				return SMTP_PARSE_BAD_BODY;
			if (vlen == 4 && strncasecmp(val, "7BIT", 4) == 0)
				m.body = SMTP_BODY_7BIT;
			else if (vlen == 8 && strncasecmp(val, "8BITMIME", 8) == 0)
				m.body = SMTP_BODY_8BITMIME;
			else
				return SMTP_PARSE_BAD_BODY;
		} else {
			return SMTP_PARSE_BAD_PARAM;
		}
	}
	*out_r = m;
	return SMTP_PARSE_OK;
}

enum smtp_parse_err smtp_parse_rcpt(const char *args, struct smtp_addr *out_r)
{
	struct smtp_addr a;
	const char *p = skip_keyword(args, "TO:");

	if (p == NULL || *p == '\0')
		return SMTP_PARSE_SYNTAX;
	if (parse_path(p, false, true, &a, &p) < 0)
		return SMTP_PARSE_BAD_ADDR;
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return SMTP_PARSE_BAD_PARAM;
	*out_r = a;
	return SMTP_PARSE_OK;
}

const char *smtp_parse_strerror(enum smtp_parse_err e)
{
	switch (e) {
	case SMTP_PARSE_OK:
		return "Ok";
	case SMTP_PARSE_SYNTAX:
		return "Syntax error";
	case SMTP_PARSE_BAD_ADDR:
		return "Bad address syntax";
	case SMTP_PARSE_BAD_PARAM:
		return "Unsupported option";
	case SMTP_PARSE_BAD_SIZE:
		return "Bad message size syntax";
	case SMTP_PARSE_BAD_BODY:
		return "Bad BODY keyword";
	}
	return "Syntax error";
}
