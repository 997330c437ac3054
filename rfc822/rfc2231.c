/*
 * rfc2231.c - MIME parameter values per RFC 2231: continuations
 * (name*0, name*1*, ...), charset'language'%XX encoding, to UTF-8.
 *
 * Trust:   parameter values are untrusted.
 * Limits:  at most MIME_PARAMS_MAX pieces (the parser keeps no more);
 *          the output buffer's cap.
 * Tests:   tests/unit/rfc822/test_mime.c (params), fuzz_rfc822_rfc2231.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "hex.h"
#include "mime.h"

/* %XX decoding of one extended value piece (a lone % stays as it is). */
static int pct_decode(const char *s, struct buf *raw)
{
	for (; *s != '\0'; s++) {
		int h, l;
		if (*s == '%' && (h = hex_digit_value(s[1])) >= 0 && (l = hex_digit_value(s[2])) >= 0) {
			if (buf_putc(raw, (char)(h * 16 + l)) < 0)
				return -1;
			s += 2;
		} else if (buf_putc(raw, *s) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Splits "charset'lang'rest": the charset into cs (capped), returns rest
   (the whole value when it has no two quotes). */
static const char *split_charset(const char *v, char *cs, size_t cs_size)
{
	const char *q1 = strchr(v, '\''), *q2;

	cs[0] = '\0';
	if (q1 == NULL || (q2 = strchr(q1 + 1, '\'')) == NULL)
		return v;
	if ((size_t)(q1 - v) < cs_size) {
		memcpy(cs, v, (size_t)(q1 - v));
		cs[q1 - v] = '\0';
	}
	return q2 + 1;
}

int mime_param_raw(const struct mime_param *list, const char *name, struct buf *raw,
		   char *cs, size_t cs_size, bool *extended_r)
{
	char key[300];
	const char *v;
	bool any = false, ext = false;
	int rc = 0;

	cs[0] = '\0';
	if (strlen(name) > 200)
		return -1;
	snprintf(key, sizeof(key), "%s*", name);
	if ((v = mime_param_get(list, key)) != NULL) {
		v = split_charset(v, cs, cs_size);
		*extended_r = true;
		return pct_decode(v, raw);
	}
	/* continuations: every piece there is, in order of its number */
	for (unsigned i = 0; i < MIME_PARAMS_MAX && rc == 0; i++) {
		snprintf(key, sizeof(key), "%s*%u*", name, i);
		if ((v = mime_param_get(list, key)) != NULL) {
			if (!any) {
				v = split_charset(v, cs, cs_size);
				ext = true;
			}
			rc = pct_decode(v, raw);
		} else {
			snprintf(key, sizeof(key), "%s*%u", name, i);
			if ((v = mime_param_get(list, key)) == NULL)
				continue;
			rc = buf_append_str(raw, v);
		}
		any = true;
	}
	if (any) {
		*extended_r = ext;
		return rc;
	}
	if ((v = mime_param_get(list, name)) == NULL)
		return -1;
	*extended_r = false;
	return buf_append_str(raw, v);
}

int mime_param_decode(const struct mime_param *list, const char *name, struct buf *out)
{
	struct buf raw = BUF_INIT(MIME_FIELD_MAX);
	char cs[64];
	bool ext;
	int rc;

	buf_reset(out);
	rc = mime_param_raw(list, name, &raw, cs, sizeof(cs), &ext);
	if (rc < 0) {
		buf_free(&raw);
		return -1;
	}
	if (!ext) {
		rc = buf_append(out, buf_cstr(&raw), raw.len);
	} else if (charset_to_utf8(cs, buf_cstr(&raw), raw.len, out) < 0) {
		/* unknown charset (or the cap): the bytes as they are */
		buf_reset(out);
		rc = buf_append(out, buf_cstr(&raw), raw.len) < 0 ? -1 : 1;
	}
	buf_free(&raw);
	return rc;
}
