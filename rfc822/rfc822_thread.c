/*
 * rfc822_thread.c - RFC 5256 base subject and message-id lists.
 *
 * Trust:   header values are untrusted.
 * Limits:  RFC822_MSGID_MAX ids; the output buffer's cap; each removal
 *          step shortens the subject, so the loop ends.
 * Tests:   tests/unit/rfc822/test_text.c, tests/fuzz/fuzz_rfc822_thread.c.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "rfc2047.h"
#include "rfc822_thread.h"

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* "[...]" at s (no '[' or ']' inside): its length, 0 if none. */
static size_t blob_len(const char *s, size_t n)
{
	if (n == 0 || s[0] != '[')
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (s[i] == '[')
			return 0;
		if (s[i] == ']')
			return i + 1;
	}
	return 0;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

/* subj-refwd: ("re" / ("fw" ["d"])) *WSP *subj-blob ":" at s; its length. */
static size_t refwd_len(const char *s, size_t n)
{
	size_t i;

	if (n >= 3 && strncasecmp(s, "fwd", 3) == 0)
		i = 3;
	else if (n >= 2 && (strncasecmp(s, "re", 2) == 0 || strncasecmp(s, "fw", 2) == 0))
		i = 2;
	else
		return 0;
	for (;;) {
		size_t b;
		i = skip_ws(s, n, i);
		b = blob_len(s + i, n - i);
		if (b == 0)
			break;
		i += b;
	}
	return i < n && s[i] == ':' ? i + 1 : 0;
}

int rfc822_base_subject(const char *value, size_t n, struct buf *out, bool *is_reply_r)
{
	struct buf dec = BUF_INIT(out->max);
	char *s;
	size_t len, o = 0, start = 0;
	bool reply = false;
	int rc = 0;

	if (rfc2047_decode(value, n, &dec) < 0) {
		buf_free(&dec);
		return -1;
	}
	/* white space runs -> one space */
	s = dec.data != NULL ? dec.data : (char *)"";
	for (size_t i = 0; i < dec.len; i++) {
		if (is_ws(s[i])) {
			if (o > 0 && s[o - 1] == ' ')
				continue;
			s[o++] = ' ';
		} else {
			s[o++] = s[i];
		}
	}
	len = o;
	for (;;) {
		bool changed;
		/* (2) trailing (fwd) and white space */
		do {
			changed = false;
			while (len > start && s[len - 1] == ' ') {
				len--;
				changed = true;
			}
			if (len - start >= 5 && strncasecmp(s + len - 5, "(fwd)", 5) == 0) {
				len -= 5;
				changed = true;
			}
		} while (changed);
		/* (3) leading subj-leader and subj-blob, repeatedly */
		do {
			size_t k, b;
			changed = false;
			k = skip_ws(s, len, start);
			if (k != start) {
				start = k;
				changed = true;
			}
			/* *subj-blob subj-refwd */
			k = start;
			while ((b = blob_len(s + k, len - k)) > 0)
				k = skip_ws(s, len, k + b);
			if ((b = refwd_len(s + k, len - k)) > 0) {
				start = k + b;
				reply = true;
				changed = true;
				continue;
			}
			/* subj-blob, unless it is all that is left */
			b = blob_len(s + start, len - start);
			if (b > 0 && skip_ws(s, len, start + b) < len) {
				start += b;
				changed = true;
			}
		} while (changed);
		/* (5) "[fwd:" subject "]" */
		if (len - start >= 6 && strncasecmp(s + start, "[fwd:", 5) == 0 && s[len - 1] == ']') {
			start += 5;
			len--;
			reply = true;
			continue;
		}
		break;
	}
	rc = buf_append(out, s + start, len - start);
	buf_free(&dec);
	if (rc == 0 && is_reply_r != NULL)
		*is_reply_r = reply;
	return rc;
}

void rfc822_msgid_parse(const char *value, size_t n, struct rfc822_msgids *out)
{
	size_t i = 0;

	out->n = 0;
	while (i < n) {
		const char *lt = memchr(value + i, '<', n - i), *gt, *lt2;
		size_t off;

		if (lt == NULL)
			break;
		off = (size_t)(lt - value) + 1;
		gt = memchr(value + off, '>', n - off);
		if (gt == NULL)
			break;
		lt2 = memchr(value + off, '<', (size_t)(gt - (value + off)));
		if (lt2 != NULL) {
			/* "<a <b@c>": the inner '<' starts over */
			i = (size_t)(lt2 - value);
			continue;
		}
		if (gt > value + off) {
			if (out->n == RFC822_MSGID_MAX) {
				memmove(out->ids, out->ids + 1, (RFC822_MSGID_MAX - 1) * sizeof(out->ids[0]));
				out->n--;
			}
			out->ids[out->n].off = off;
			out->ids[out->n].len = (size_t)(gt - (value + off));
			out->n++;
		}
		i = (size_t)(gt - value) + 1;
	}
}
