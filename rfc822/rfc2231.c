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
#include "mime.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX decoding of one extended value piece (a lone % stays as it is). */
static int pct_decode(const char *s, struct buf *raw)
{
	for (; *s != '\0'; s++) {
		int h, l;
		if (*s == '%' && (h = hexval(s[1])) >= 0 && (l = hexval(s[2])) >= 0) {
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

int mime_param_decode(const struct mime_param *list, const char *name, struct buf *out)
{
	struct buf raw = BUF_INIT(MIME_FIELD_MAX);
	char key[300], cs[64] = "";
	const char *v;
	int rc = 0;

	buf_reset(out);
	if (strlen(name) > 200)
		return -1;
	snprintf(key, sizeof(key), "%s*", name);
	if ((v = mime_param_get(list, key)) != NULL) {
		v = split_charset(v, cs, sizeof(cs));
		rc = pct_decode(v, &raw);
	} else {
		unsigned i;
		bool any = false;
		for (i = 0; i < MIME_PARAMS_MAX && rc == 0; i++) {
			snprintf(key, sizeof(key), "%s*%u*", name, i);
			if ((v = mime_param_get(list, key)) != NULL) {
				if (i == 0)
					v = split_charset(v, cs, sizeof(cs));
				rc = pct_decode(v, &raw);
			} else {
				snprintf(key, sizeof(key), "%s*%u", name, i);
				if ((v = mime_param_get(list, key)) == NULL)
					break;
				rc = buf_append_str(&raw, v);
			}
			any = true;
		}
		if (!any) {
			buf_free(&raw);
			v = mime_param_get(list, name);
			if (v == NULL)
				return -1;
			return buf_append_str(out, v);
		}
	}
	if (rc == 0 && charset_to_utf8(cs, raw.data != NULL ? raw.data : "", raw.len, out) < 0) {
		/* unknown charset: the bytes as they are */
		buf_reset(out);
		rc = buf_append(out, raw.data != NULL ? raw.data : "", raw.len);
	}
	buf_free(&raw);
	return rc;
}
