/*
 * imap_fetch_body.c - FETCH item parsing and BODY[section]<partial> plans.
 *
 * Tests:   tests/unit/imapd/test_imap_fetch_body.c,
 *          tests/fuzz/fuzz_imap_fetch_parse.c,
 *          tests/interop/run-imap-dovecot-compare
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "imap_bodystructure.h"
#include "imap_fetch_body.h"
#include "imap_parser.h"
#include "mime.h"
#include "rfc822_crlf.h"
#include "rfc822_hdr.h"
#include "xmalloc.h"

void imap_fetch_req_free(struct imap_fetch_req *req)
{
	for (size_t i = 0; i < req->nsecs; i++) {
		struct imap_fetch_section *s = &req->secs[i];
		free(s->name);
		free(s->spec);
		for (size_t j = 0; j < s->nfields; j++)
			free(s->fields[j]);
		free(s->fields);
	}
	free(req->secs);
	memset(req, 0, sizeof(*req));
}

static struct imap_fetch_section *new_section(struct imap_fetch_req *req)
{
	if (req->nsecs >= IMAP_FETCH_ITEMS_MAX)
		return NULL;
	req->secs = xreallocarray(req->secs, req->nsecs + 1, sizeof(*req->secs));
	struct imap_fetch_section *s = &req->secs[req->nsecs++];
	memset(s, 0, sizeof(*s));
	return s;
}

static bool is_field_char(unsigned char c)
{
	/* RFC 5322 ftext: printable ASCII except ":" */
	return c > 32 && c < 127 && c != ':';
}

/* The HEADER.FIELDS list at *pp: "(" name *(SP name) ")", names atoms or
   quoted strings of ftext.  Appends them to s and, as sent, to name. */
static int parse_fields(const char **pp, struct imap_fetch_section *s, struct buf *name,
			const char **err_r)
{
	const char *p = *pp;

	if (*p != '(') {
		*err_r = "Expected a list of header field names";
		return -1;
	}
	p++;
	for (;;) {
		char fld[IMAP_FETCH_FIELD_NAME_MAX + 1];
		size_t n = 0;
		if (*p == '"') {
			p++;
			while (*p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				if (*p == '\0' || !is_field_char((unsigned char)*p)) {
					*err_r = "Invalid header field name";
					return -1;
				}
				if (n >= IMAP_FETCH_FIELD_NAME_MAX) {
					*err_r = "Header field name too long";
					return -1;
				}
				fld[n++] = *p++;
			}
			p++;
		} else {
			while (is_field_char((unsigned char)*p) && *p != '(' && *p != ')' &&
			       *p != '"' && *p != ']' && *p != '\\' && *p != '{' && *p != '%' &&
			       *p != '*') {
				if (n >= IMAP_FETCH_FIELD_NAME_MAX) {
					*err_r = "Header field name too long";
					return -1;
				}
				fld[n++] = *p++;
			}
		}
		if (n == 0) {
			*err_r = "Invalid header field name";
			return -1;
		}
		if (s->nfields >= IMAP_FETCH_FIELDS_MAX) {
			*err_r = "Too many header field names";
			return -1;
		}
		fld[n] = '\0';
		s->fields = xreallocarray(s->fields, s->nfields + 1, sizeof(*s->fields));
		s->fields[s->nfields++] = xstrdup(fld);
		if (buf_append_str(name, s->nfields > 1 ? " " : "(") < 0 ||
		    buf_append(name, fld, n) < 0) {
			*err_r = "Section too long";
			return -1;
		}
		if (*p == ')')
			break;
		if (*p != ' ') {
			*err_r = "Expected a space or ) in the header field list";
			return -1;
		}
		p++;
	}
	if (buf_putc(name, ')') < 0) {
		*err_r = "Section too long";
		return -1;
	}
	*pp = p + 1;
	return 0;
}

/* A number without sign, at most 4294967295; *pp moves past it. */
static int parse_u32(const char **pp, uint64_t *v_r)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > 4294967295u)
			return -1;
		p++;
	}
	*pp = p;
	*v_r = v;
	return 0;
}

/* "BODY[" or "BODY.PEEK[" has been seen; p points after the '['. */
static int parse_section(struct imap_fetch_req *req, const char *p, bool peek,
			 const char **err_r)
{
	struct imap_fetch_section *s = new_section(req);
	struct buf name = BUF_INIT(8192), spec = BUF_INIT(8192);
	unsigned depth = 0;

	if (s == NULL) {
		*err_r = "Too many FETCH items";
		return -1;
	}
	s->peek = peek;
	if (buf_append_str(&name, "BODY[") < 0)
		goto toolong;
	/* part numbers */
	while (isdigit((unsigned char)*p)) {
		uint64_t n;
		const char *st = p;
		if (*p == '0' || parse_u32(&p, &n) < 0) {
			*err_r = "Invalid section part number";
			goto fail;
		}
		if (++depth > IMAP_FETCH_PART_DEPTH_MAX) {
			*err_r = "Section nested too deeply";
			goto fail;
		}
		if (buf_append(&name, st, (size_t)(p - st)) < 0 ||
		    buf_append(&spec, st, (size_t)(p - st)) < 0)
			goto toolong;
		if (*p != '.')
			break;
		p++;
		if (buf_putc(&name, '.') < 0 || buf_putc(&spec, '.') < 0)
			goto toolong;
		if (!isdigit((unsigned char)*p) && *p == ']') {
			*err_r = "Section ends in a dot";
			goto fail;
		}
	}
	s->what = IMAP_SEC_ALL;
	if (*p != ']') {
		static const struct { const char *kw; enum imap_fetch_sec_what w; } kws[] = {
			{ "HEADER.FIELDS.NOT", IMAP_SEC_FIELDS_NOT },
			{ "HEADER.FIELDS", IMAP_SEC_FIELDS },
			{ "HEADER", IMAP_SEC_HEADER },
			{ "TEXT", IMAP_SEC_TEXT },
			{ "MIME", IMAP_SEC_MIME },
		};
		size_t i, kl = 0;
		for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
			kl = strlen(kws[i].kw);
			if (strncasecmp(p, kws[i].kw, kl) == 0 &&
			    (p[kl] == ']' || p[kl] == ' '))
				break;
		}
		if (i == sizeof(kws) / sizeof(kws[0]) || (depth == 0 && kws[i].w == IMAP_SEC_MIME)) {
			*err_r = "Invalid section";
			goto fail;
		}
		s->what = kws[i].w;
		if (buf_append_str(&name, kws[i].kw) < 0 || buf_append_str(&spec, kws[i].kw) < 0)
			goto toolong;
		p += kl;
		if (s->what == IMAP_SEC_FIELDS || s->what == IMAP_SEC_FIELDS_NOT) {
			if (*p != ' ' || buf_putc(&name, ' ') < 0) {
				*err_r = "Expected a list of header field names";
				goto fail;
			}
			p++;
			if (parse_fields(&p, s, &name, err_r) < 0)
				goto fail;
		}
		if (*p != ']') {
			*err_r = "Expected ] after the section";
			goto fail;
		}
	}
	p++;
	if (buf_putc(&name, ']') < 0)
		goto toolong;
	if (*p == '<') {
		p++;
		if (parse_u32(&p, &s->origin) < 0 || *p != '.') {
			*err_r = "Invalid partial range";
			goto fail;
		}
		p++;
		if (parse_u32(&p, &s->count) < 0 || s->count == 0 || *p != '>') {
			*err_r = "Invalid partial range";
			goto fail;
		}
		p++;
		s->partial = true;
		if (buf_printf(&name, "<%llu>", (unsigned long long)s->origin) < 0)
			goto toolong;
	}
	if (*p != '\0') {
		*err_r = "Junk after the section";
		goto fail;
	}
	s->name = xstrdup(buf_cstr(&name));
	s->spec = xstrdup(buf_cstr(&spec));
	buf_free(&name);
	buf_free(&spec);
	if (!peek)
		req->sets_seen = true;
	req->needs_file = true;
	if (depth > 0 || s->what == IMAP_SEC_MIME)
		req->needs_parse = true;
	return 0;
toolong:
	*err_r = "Section too long";
fail:
	buf_free(&name);
	buf_free(&spec);
	return -1;
}

static int add_simple_section(struct imap_fetch_req *req, const char *name, const char *spec,
			      enum imap_fetch_sec_what what, bool peek, const char **err_r)
{
	struct imap_fetch_section *s = new_section(req);
	if (s == NULL) {
		*err_r = "Too many FETCH items";
		return -1;
	}
	s->name = xstrdup(name);
	s->spec = xstrdup(spec);
	s->what = what;
	s->peek = peek;
	if (!peek)
		req->sets_seen = true;
	req->needs_file = true;
	return 0;
}

static int parse_item(struct imap_fetch_req *req, const struct imap_arg *a, const char **err_r)
{
	static const struct { const char *name; unsigned bit; } simple[] = {
		{ "FLAGS", IMAP_FETCH_FLAGS },
		{ "INTERNALDATE", IMAP_FETCH_INTERNALDATE },
		{ "RFC822.SIZE", IMAP_FETCH_RFC822_SIZE },
		{ "ENVELOPE", IMAP_FETCH_ENVELOPE },
		{ "BODY", IMAP_FETCH_BODY },
		{ "BODYSTRUCTURE", IMAP_FETCH_BODYSTRUCTURE },
		{ "UID", IMAP_FETCH_UID },
	};
	const char *s = a->str;

	if (a->type != IMAP_ARG_ATOM) {
		*err_r = "Invalid FETCH item";
		return -1;
	}
	for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
		if (strcasecmp(s, simple[i].name) == 0) {
			req->items |= simple[i].bit;
			if (simple[i].bit & (IMAP_FETCH_ENVELOPE | IMAP_FETCH_BODY |
					     IMAP_FETCH_BODYSTRUCTURE))
				req->needs_file = true;
			if (simple[i].bit & (IMAP_FETCH_BODY | IMAP_FETCH_BODYSTRUCTURE))
				req->needs_parse = true;
			return 0;
		}
	}
	if (strcasecmp(s, "RFC822") == 0)
		return add_simple_section(req, "RFC822", "", IMAP_SEC_ALL, false, err_r);
	if (strcasecmp(s, "RFC822.HEADER") == 0)
		return add_simple_section(req, "RFC822.HEADER", "HEADER", IMAP_SEC_HEADER, true,
					  err_r);
	if (strcasecmp(s, "RFC822.TEXT") == 0)
		return add_simple_section(req, "RFC822.TEXT", "TEXT", IMAP_SEC_TEXT, false, err_r);
	if (strncasecmp(s, "BODY[", 5) == 0)
		return parse_section(req, s + 5, false, err_r);
	if (strncasecmp(s, "BODY.PEEK[", 10) == 0)
		return parse_section(req, s + 10, true, err_r);
	*err_r = "Invalid FETCH item";
	return -1;
}

int imap_fetch_parse(const struct imap_arg *arg, bool uid, struct imap_fetch_req *req,
		     const char **err_r)
{
	memset(req, 0, sizeof(*req));
	if (uid)
		req->items |= IMAP_FETCH_UID;
	if (arg->type == IMAP_ARG_ATOM) {
		unsigned m = 0;
		if (strcasecmp(arg->str, "ALL") == 0)
			m = IMAP_FETCH_FLAGS | IMAP_FETCH_INTERNALDATE | IMAP_FETCH_RFC822_SIZE |
			    IMAP_FETCH_ENVELOPE;
		else if (strcasecmp(arg->str, "FAST") == 0)
			m = IMAP_FETCH_FLAGS | IMAP_FETCH_INTERNALDATE | IMAP_FETCH_RFC822_SIZE;
		else if (strcasecmp(arg->str, "FULL") == 0)
			m = IMAP_FETCH_FLAGS | IMAP_FETCH_INTERNALDATE | IMAP_FETCH_RFC822_SIZE |
			    IMAP_FETCH_ENVELOPE | IMAP_FETCH_BODY;
		if (m != 0) {
			req->items |= m;
			req->needs_file = (m & IMAP_FETCH_ENVELOPE) != 0;
			req->needs_parse = (m & IMAP_FETCH_BODY) != 0;
			return 0;
		}
		if (parse_item(req, arg, err_r) < 0)
			goto fail;
		return 0;
	}
	if (arg->type != IMAP_ARG_LIST || arg->n == 0) {
		*err_r = "Expected FETCH items";
		goto fail;
	}
	if (arg->n > IMAP_FETCH_ITEMS_MAX) {
		*err_r = "Too many FETCH items";
		goto fail;
	}
	for (size_t i = 0; i < arg->n; i++) {
		if (parse_item(req, &arg->list[i], err_r) < 0)
			goto fail;
	}
	return 0;
fail:
	imap_fetch_req_free(req);
	return -1;
}

uint64_t imap_fetch_crlf_size(const char *data, uint64_t off, uint64_t len)
{
	uint64_t n = len;
	for (uint64_t i = off; i < off + len; i++) {
		if (data[i] == '\n' && !(i > 0 && data[i - 1] == '\r'))
			n++;
	}
	return n;
}

/* The raw range of the section, or -1 when the message has none. */
static int section_range(const struct imap_fetch_section *sec, const char *data, size_t size,
			 const struct mime_part *root, uint64_t *off_r, uint64_t *len_r)
{
	enum mime_section_kind kind;

	if (root == NULL) {
		size_t eoh = rfc822_eoh_find(data, size);
		switch (sec->what) {
		case IMAP_SEC_ALL:
			*off_r = 0;
			*len_r = size;
			return sec->spec[0] == '\0' ? 0 : -1;
		case IMAP_SEC_HEADER:
		case IMAP_SEC_FIELDS:
		case IMAP_SEC_FIELDS_NOT:
			*off_r = 0;
			*len_r = eoh;
			return strncasecmp(sec->spec, "HEADER", 6) == 0 ? 0 : -1;
		case IMAP_SEC_TEXT:
			*off_r = eoh;
			*len_r = size - eoh;
			return strcasecmp(sec->spec, "TEXT") == 0 ? 0 : -1;
		case IMAP_SEC_MIME:
			return -1;
		}
		return -1;
	}
	if (sec->spec[0] == '\0') {
		*off_r = 0;
		*len_r = size;
		return 0;
	}
	const struct mime_part *part;
	if (mime_section_resolve(root, sec->spec, off_r, len_r, &kind, &part) < 0)
		return -1;
	/* IMAP's header end and the boundary's line end (imap_bodystructure.h) */
	uint64_t b = imap_part_body_start(part, data, size), e = imap_part_body_end(part, data, size);
	switch (kind) {
	case MIME_SEC_BODY:
	case MIME_SEC_TEXT:
		*off_r = b;
		*len_r = e - b;
		break;
	case MIME_SEC_HEADER:
	case MIME_SEC_MIME:
		*off_r = part->start;
		*len_r = b - part->start;
		break;
	case MIME_SEC_ALL:
		break;
	}
	if (*off_r > size || *len_r > size - *off_r)
		return -1;
	return 0;
}

int imap_fetch_plan(const struct imap_fetch_section *sec, const char *data, size_t size,
		    const struct mime_part *root, struct imap_fetch_plan *plan)
{
	uint64_t off, len, full;

	memset(plan, 0, sizeof(*plan));
	buf_init(&plan->mem, IMAP_FETCH_HDR_MAX);
	if (section_range(sec, data, size, root, &off, &len) < 0) {
		plan->nil = true;
		return 0;
	}
	if (sec->what == IMAP_SEC_FIELDS || sec->what == IMAP_SEC_FIELDS_NOT) {
		struct buf raw = BUF_INIT(IMAP_FETCH_HDR_MAX);
		struct rfc822_crlf c;
		int r = rfc822_hdr_filter(data + off, (size_t)len, (const char *const *)sec->fields,
					  sec->nfields, sec->what == IMAP_SEC_FIELDS_NOT, &raw);
		rfc822_crlf_init(&c);
		if (r == 0)
			r = rfc822_crlf_feed(&c, raw.data != NULL ? raw.data : "", raw.len, &plan->mem);
		buf_free(&raw);
		if (r < 0) {
			buf_free(&plan->mem);
			errno = EMSGSIZE;
			return -1;
		}
		if (sec->partial) {
			if (sec->origin >= plan->mem.len) {
				buf_reset(&plan->mem);
			} else {
				buf_consume(&plan->mem, (size_t)sec->origin);
				if (plan->mem.len > sec->count)
					buf_truncate(&plan->mem, (size_t)sec->count);
			}
		}
		plan->size = plan->mem.len;
		return 0;
	}
	full = imap_fetch_crlf_size(data, off, len);
	if (!sec->partial) {
		plan->from_file = true;
		plan->raw_off = off;
		plan->size = full;
		return 0;
	}
	if (sec->origin >= full) {
		plan->size = 0;
		return 0;
	}
	/* the raw offset of converted octet origin */
	uint64_t pos = off, c = 0;
	while (c < sec->origin) {
		bool conv = data[pos] == '\n' && !(pos > 0 && data[pos - 1] == '\r');
		if (conv && c + 1 == sec->origin) {
			plan->lf_first = true;
			pos++;
			c = sec->origin;
			break;
		}
		c += conv ? 2 : 1;
		pos++;
	}
	plan->from_file = true;
	plan->raw_off = pos;
	plan->size = full - sec->origin < sec->count ? full - sec->origin : sec->count;
	return 0;
}
