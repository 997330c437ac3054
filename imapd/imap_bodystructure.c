/*
 * imap_bodystructure.c - BODY and BODYSTRUCTURE.
 *
 * Tests:   tests/unit/imapd/test_imap_bodystructure.c,
 *          tests/interop/run-imap-dovecot-compare
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "buf.h"
#include "imap_bodystructure.h"
#include "imap_fetch_envelope.h"
#include "imap_quote.h"
#include "mime.h"
#include "rfc822_hdr.h"

#define EMPTY_PART "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)"
#define EMPTY_PART_EXT \
	"(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"

static int nstr(struct buf *out, const char *s, bool utf8)
{
	return imap_quote_nstring(out, s, s != NULL ? strlen(s) : 0, utf8);
}

/* Whether the last line of part a (ending at a->end) is a boundary line
   of a multipart inside a, on the chain of last parts: Dovecot gives such
   a line its own line end, so none is left for the next boundary. */
static bool ends_in_inner_boundary(const struct mime_part *a, const char *data, size_t size)
{
	uint64_t e = a->end, ls;

	if (e == 0 || e > size || data[e - 1] != '\n')
		return false;
	ls = e - 1;
	while (ls > a->start && data[ls - 1] != '\n')
		ls--;
	if (e - ls < 3 || data[ls] != '-' || data[ls + 1] != '-')
		return false;
	for (const struct mime_part *d = a; d != NULL; d = d->last) {
		if (!mime_is_multipart(d))
			continue;
		const char *bd = mime_param_get(d->type_params, "boundary");
		size_t bl = bd != NULL ? strlen(bd) : 0;
		if (bl > 0 && e - ls - 2 >= bl && memcmp(data + ls + 2, bd, bl) == 0)
			return true;
	}
	return false;
}

/* The end of part a's body as its own parent's boundary leaves it. */
static uint64_t own_end(const struct mime_part *a, const char *data, size_t size)
{
	if (a->parent == NULL || !mime_is_multipart(a->parent) || a->end > size)
		return a->end;
	if (ends_in_inner_boundary(a, data, size))
		return a->end;
	if (a->endbody != a->end)
		return a->endbody;
	/* rfc822 (Courier) keeps the line end for a message/rfc822 part */
	uint64_t ae = a->end;
	if (ae + 1 >= size || data[ae] != '-' || data[ae + 1] != '-' || ae <= a->body ||
	    data[ae - 1] != '\n')
		return ae;
	ae--;
	if (ae > a->body && data[ae - 1] == '\r')
		ae--;
	return ae;
}

/* The end before clamping to the body start. */
static uint64_t raw_end(const struct mime_part *p, const char *data, size_t size)
{
	uint64_t e = own_end(p, data, size);

	for (const struct mime_part *a = p->parent; a != NULL; a = a->parent) {
		uint64_t ae = own_end(a, data, size);
		if (ae < e)
			e = ae;
	}
	return e;
}

uint64_t imap_part_body_start(const struct mime_part *p, const char *data, size_t size)
{
	uint64_t e = raw_end(p, data, size);

	if (e > size || p->start > e)
		return p->body;
	uint64_t hb = p->start + rfc822_eoh_find(data + p->start, (size_t)(e - p->start));
	if (hb < p->body)
		hb = p->body;
	/* an empty line right before the boundary: its line end is the
	   boundary's, the header ends before it */
	return hb > e ? e : hb;
}

uint64_t imap_part_body_end(const struct mime_part *p, const char *data, size_t size)
{
	uint64_t e = raw_end(p, data, size), b = imap_part_body_start(p, data, size);
	return e < b ? b : e;
}

void imap_part_body_sizes(const struct mime_part *p, const char *data, size_t size,
			  uint64_t *octets_r, uint64_t *lines_r)
{
	uint64_t e = imap_part_body_end(p, data, size), b = imap_part_body_start(p, data, size);

	if (b == p->body && e == mime_part_body_end(p)) {
		/* rfc822's own counts */
		*octets_r = mime_part_body_size_crlf(p);
		*lines_r = mime_part_body_lines(p);
		return;
	}
	uint64_t octets = 0, lines = 0;
	for (uint64_t i = b; i < e; i++) {
		octets++;
		if (data[i] == '\n') {
			lines++;
			if (!(i > 0 && data[i - 1] == '\r'))
				octets++;
		}
	}
	*octets_r = octets;
	*lines_r = lines;
}

/* RFC 2231 continuation ("name*0", "name*1*"): the length of the base
   name, with *num_r the piece number and *ext_r whether it is extended;
   0 for any other parameter. */
static size_t continuation(const char *name, unsigned *num_r, bool *ext_r)
{
	const char *star = strchr(name, '*');
	if (star == NULL || star == name || !isdigit((unsigned char)star[1]))
		return 0;
	const char *q = star + 1;
	unsigned n = 0;
	while (isdigit((unsigned char)*q)) {
		if (n > 100000)
			return 0;
		n = n * 10 + (unsigned)(*q++ - '0');
	}
	if (*q == '*')
		q++;
	if (*q != '\0')
		return 0;
	*num_r = n;
	*ext_r = q[-1] == '*';
	return (size_t)(star - name);
}

/* The pieces of one continued parameter joined in number order, as
   Dovecot reports them: "name" when no piece is extended, else "name*". */
static int write_joined(struct buf *out, const struct mime_param *list, const char *base,
			size_t blen, bool utf8)
{
	struct buf v = BUF_INIT(1024 * 1024);
	bool ext = false;
	int r = 0;

	for (unsigned want = 0; want < MIME_PARAMS_MAX && r == 0; want++) {
		const struct mime_param *found = NULL;
		for (const struct mime_param *q = list; q != NULL; q = q->next) {
			unsigned num;
			bool e;
			if (continuation(q->name, &num, &e) == blen && num == want &&
			    strncmp(q->name, base, blen) == 0) {
				found = q;
				ext = ext || e;
			}
		}
		if (found != NULL)
			r = buf_append_str(&v, found->value);
	}
	char name[256];
	if (blen > sizeof(name) - 2)
		blen = sizeof(name) - 2;
	memcpy(name, base, blen);
	if (ext)
		name[blen++] = '*';
	if (r == 0 && imap_quote_string(out, name, blen, utf8) < 0)
		r = -1;
	if (r == 0 && (buf_putc(out, ' ') < 0 ||
		       imap_quote_string(out, v.data != NULL ? v.data : "", v.len, utf8) < 0))
		r = -1;
	buf_free(&v);
	return r;
}

/* ("name" "value" ...) or NIL: the parameters as written, then RFC 2231
   continuations joined, then (charset_default, when the list has no
   charset) "charset" "us-ascii", in Dovecot's order. */
static int write_params(struct buf *out, const struct mime_param *list, bool charset_default,
			bool utf8)
{
	bool any = false, has_cs = false;

	for (const struct mime_param *q = list; q != NULL; q = q->next) {
		if (strcmp(q->name, "charset") == 0)
			has_cs = true;
	}
	if (list == NULL && !charset_default)
		return buf_append_str(out, "NIL");
	if (buf_putc(out, '(') < 0)
		return -1;
	for (const struct mime_param *q = list; q != NULL; q = q->next) {
		unsigned num;
		bool e;
		if (continuation(q->name, &num, &e) > 0)
			continue;
		if ((any && buf_putc(out, ' ') < 0) || nstr(out, q->name, utf8) < 0 ||
		    buf_putc(out, ' ') < 0 || nstr(out, q->value, utf8) < 0)
			return -1;
		any = true;
	}
	for (const struct mime_param *q = list; q != NULL; q = q->next) {
		unsigned num;
		bool e, seen = false;
		size_t blen = continuation(q->name, &num, &e);
		if (blen == 0)
			continue;
		for (const struct mime_param *o = list; o != q; o = o->next) {
			unsigned n2;
			bool e2;
			if (continuation(o->name, &n2, &e2) == blen &&
			    strncmp(o->name, q->name, blen) == 0)
				seen = true;
		}
		if (seen)
			continue;
		if ((any && buf_putc(out, ' ') < 0) || write_joined(out, list, q->name, blen, utf8) < 0)
			return -1;
		any = true;
	}
	if (charset_default && !has_cs) {
		if ((any && buf_putc(out, ' ') < 0) ||
		    buf_append_str(out, "\"charset\" \"us-ascii\"") < 0)
			return -1;
		any = true;
	}
	return buf_putc(out, ')');
}

/* Extension data shared by both kinds: disposition, language, location. */
static int write_ext_tail(struct buf *out, const struct mime_part *p, bool utf8)
{
	if (buf_putc(out, ' ') < 0)
		return -1;
	if (p->disposition == NULL) {
		if (buf_append_str(out, "NIL") < 0)
			return -1;
	} else if (buf_putc(out, '(') < 0 || nstr(out, p->disposition, utf8) < 0 ||
		   buf_putc(out, ' ') < 0 || write_params(out, p->disp_params, false, utf8) < 0 ||
		   buf_putc(out, ')') < 0) {
		return -1;
	}
	if (buf_putc(out, ' ') < 0)
		return -1;
	if (p->language == NULL) {
		if (buf_append_str(out, "NIL") < 0)
			return -1;
	} else {
		/* a list of the comma-separated tags */
		const char *s = p->language;
		bool any = false;
		if (buf_putc(out, '(') < 0)
			return -1;
		while (*s != '\0') {
			while (*s == ',' || *s == ' ' || *s == '\t')
				s++;
			size_t n = strcspn(s, ", \t");
			if (n == 0)
				break;
			if ((any && buf_putc(out, ' ') < 0) || imap_quote_string(out, s, n, utf8) < 0)
				return -1;
			any = true;
			s += n;
		}
		if (!any && buf_append_str(out, "\"\"") < 0)
			return -1;
		if (buf_putc(out, ')') < 0)
			return -1;
	}
	if (buf_putc(out, ' ') < 0 || nstr(out, p->location, utf8) < 0)
		return -1;
	return 0;
}

static int write_part(struct buf *out, const struct mime_part *p, const char *data, size_t size,
		      bool ext, bool utf8);

static int write_multipart(struct buf *out, const struct mime_part *p, const char *data,
			   size_t size, bool ext, bool utf8)
{
	bool any = false;
	const char *sub = strchr(p->content_type, '/') + 1;

	if (buf_putc(out, '(') < 0)
		return -1;
	for (const struct mime_part *c = p->first; c != NULL; c = c->next) {
		if (c->is_dummy)
			continue;
		if (write_part(out, c, data, size, ext, utf8) < 0)
			return -1;
		any = true;
	}
	if (!any && buf_append_str(out, ext ? EMPTY_PART_EXT : EMPTY_PART) < 0)
		return -1;
	if (buf_putc(out, ' ') < 0 || imap_quote_string(out, sub, strlen(sub), utf8) < 0)
		return -1;
	if (ext && (buf_putc(out, ' ') < 0 || write_params(out, p->type_params, false, utf8) < 0 ||
		    write_ext_tail(out, p, utf8) < 0))
		return -1;
	return buf_putc(out, ')');
}

static int write_part(struct buf *out, const struct mime_part *p, const char *data, size_t size,
		      bool ext, bool utf8)
{
	/* rfc822 leaves content_type NULL where the fields do not count */
	bool mime = p->content_type != NULL && strchr(p->content_type, '/') != NULL;
	const char *type = "text", *sub = "plain";
	size_t tlen = 4;

	if (mime && mime_is_multipart(p))
		return write_multipart(out, p, data, size, ext, utf8);
	if (mime) {
		type = p->content_type;
		sub = strchr(type, '/') + 1;
		tlen = (size_t)(sub - 1 - type);
	}
	bool text = tlen == 4 && memcmp(type, "text", 4) == 0;
	const struct mime_param *params = mime ? p->type_params : NULL;
	const char *enc = p->encoding != NULL ? p->encoding : "7bit";
	uint64_t octets, lines;

	imap_part_body_sizes(p, data, size, &octets, &lines);

	if (buf_putc(out, '(') < 0 || imap_quote_string(out, type, tlen, utf8) < 0 ||
	    buf_putc(out, ' ') < 0 || imap_quote_string(out, sub, strlen(sub), utf8) < 0 ||
	    buf_putc(out, ' ') < 0 || write_params(out, params, text, utf8) < 0 ||
	    buf_putc(out, ' ') < 0 || nstr(out, p->content_id, utf8) < 0 ||
	    buf_putc(out, ' ') < 0 || nstr(out, p->description, utf8) < 0 ||
	    buf_putc(out, ' ') < 0 || nstr(out, enc, utf8) < 0 ||
	    buf_printf(out, " %" PRIu64, octets) < 0)
		return -1;
	if (mime && mime_is_message(p)) {
		const struct mime_part *m = p->first;
		if (m == NULL || m->body > size) {
			if ((buf_append_str(out, " (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ") < 0 ||
			     buf_append_str(out, ext ? EMPTY_PART_EXT : EMPTY_PART) < 0))
				return -1;
		} else if (buf_putc(out, ' ') < 0 ||
			   imap_envelope_write(out, data + m->start, (size_t)(m->body - m->start),
					       utf8) < 0 ||
			   buf_putc(out, ' ') < 0 || write_part(out, m, data, size, ext, utf8) < 0) {
			return -1;
		}
		if (buf_printf(out, " %" PRIu64, lines) < 0)
			return -1;
	} else if (text && buf_printf(out, " %" PRIu64, lines) < 0) {
		return -1;
	}
	if (ext) {
		if (buf_putc(out, ' ') < 0 || nstr(out, p->md5, utf8) < 0)
			return -1;
		if (write_ext_tail(out, p, utf8) < 0)
			return -1;
	}
	return buf_putc(out, ')');
}

int imap_bodystructure_write(struct buf *out, const struct mime_part *p, const char *data,
			     size_t size, bool extended, bool utf8)
{
	size_t was = out->len;

	if (write_part(out, p, data, size, extended, utf8) < 0) {
		buf_truncate(out, was);
		return -1;
	}
	return 0;
}
