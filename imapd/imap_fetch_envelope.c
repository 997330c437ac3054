/*
 * imap_fetch_envelope.c - the ENVELOPE structure of FETCH.
 *
 * Tests:   tests/unit/imapd/test_imap_fetch_envelope.c,
 *          tests/interop/run-imap-dovecot-compare
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "imap_fetch_envelope.h"
#include "imap_quote.h"
#include "rfc822_addr.h"
#include "rfc822_hdr.h"

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The unfolded, trimmed value of the first field called name, as an
   nstring (NIL when there is no such field). */
static int write_field(struct buf *out, const char *hdr, size_t len, const char *name, bool utf8)
{
	struct rfc822_field f;
	struct buf v = BUF_INIT(RFC822_HDR_VALUE_MAX);
	int r;

	if (!rfc822_hdr_find(hdr, len, name, &f))
		return buf_append_str(out, "NIL");
	/* Past RFC822_HDR_VALUE_MAX the value is cut: the bytes that fit go out. */
	r = rfc822_hdr_unfold(f.value, f.value_len, &v);
	(void)r;
	size_t s = 0, e = v.len;
	while (s < e && is_ws(v.data[s]))
		s++;
	while (e > s && is_ws(v.data[e - 1]))
		e--;
	r = imap_quote_string(out, v.data != NULL ? v.data + s : "", e - s, utf8);
	buf_free(&v);
	return r;
}

/* A local part as the client shows it: "a b" loses its quotes and the
   backslash escapes in them. */
static int write_mailbox(struct buf *out, const char *mb, bool utf8)
{
	size_t n = strlen(mb);
	if (n < 2 || mb[0] != '"')
		return imap_quote_string(out, mb, n, utf8);
	struct buf u = BUF_INIT(n);
	int r = 0;
	for (size_t i = 1; i < n && r == 0; i++) {
		if (mb[i] == '"')
			continue;
		if (mb[i] == '\\' && i + 1 < n)
			i++;
		r = buf_putc(&u, mb[i]);
	}
	if (r == 0)
		r = imap_quote_string(out, u.data != NULL ? u.data : "", u.len, utf8);
	buf_free(&u);
	return r;
}

static int nstr(struct buf *out, const char *s, bool utf8)
{
	return imap_quote_nstring(out, s, s != NULL ? strlen(s) : 0, utf8);
}

int imap_envelope_addresses(struct buf *out, const char *value, size_t n, bool utf8)
{
	struct rfc822_addr_list l;
	size_t was = out->len, count;
	int r = 0;

	rfc822_addr_parse(value, n, &l);
	count = rfc822_addr_count(&l);
	if (count == 0) {
		rfc822_addr_list_free(&l);
		return buf_append_str(out, "NIL");
	}
	r = buf_putc(out, '(');
	for (size_t i = 0; i < count && r == 0; i++) {
		const struct rfc822_addr *a = rfc822_addr_get(&l, i);
		switch (a->kind) {
		case RFC822_ADDR_GROUP_START:
			if (buf_append_str(out, "(NIL NIL ") < 0 ||
			    nstr(out, a->mailbox != NULL ? a->mailbox : "", utf8) < 0 ||
			    buf_append_str(out, " NIL)") < 0)
				r = -1;
			break;
		case RFC822_ADDR_GROUP_END:
			r = buf_append_str(out, "(NIL NIL NIL NIL)");
			break;
		case RFC822_ADDR_MAILBOX:
			if (buf_putc(out, '(') < 0 || nstr(out, a->name, utf8) < 0 ||
			    buf_putc(out, ' ') < 0 || nstr(out, a->route, utf8) < 0 ||
			    buf_putc(out, ' ') < 0 ||
			    write_mailbox(out, a->mailbox != NULL ? a->mailbox : "", utf8) < 0 ||
			    buf_putc(out, ' ') < 0 || nstr(out, a->host, utf8) < 0 ||
			    buf_putc(out, ')') < 0)
				r = -1;
			break;
		}
	}
	if (r == 0)
		r = buf_putc(out, ')');
	rfc822_addr_list_free(&l);
	if (r < 0)
		buf_truncate(out, was);
	return r;
}

/* An address field; fallback (Sender, Reply-To) is used when it is absent. */
static int write_addr_field(struct buf *out, const char *hdr, size_t len, const char *name,
			    const char *fallback, bool utf8)
{
	struct rfc822_field f;

	if (!rfc822_hdr_find(hdr, len, name, &f)) {
		if (fallback == NULL || !rfc822_hdr_find(hdr, len, fallback, &f))
			return buf_append_str(out, "NIL");
	}
	return imap_envelope_addresses(out, f.value, f.value_len, utf8);
}

int imap_envelope_write(struct buf *out, const char *hdr, size_t len, bool utf8)
{
	size_t was = out->len;

	if (buf_putc(out, '(') < 0 ||
	    write_field(out, hdr, len, "Date", utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_field(out, hdr, len, "Subject", utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "From", NULL, utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "Sender", "From", utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "Reply-To", "From", utf8) < 0 ||
	    buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "To", NULL, utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "Cc", NULL, utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_addr_field(out, hdr, len, "Bcc", NULL, utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_field(out, hdr, len, "In-Reply-To", utf8) < 0 || buf_putc(out, ' ') < 0 ||
	    write_field(out, hdr, len, "Message-ID", utf8) < 0 || buf_putc(out, ')') < 0) {
		buf_truncate(out, was);
		return -1;
	}
	return 0;
}
