/*
 * mime.c - the MIME part tree: a line-at-a-time parser fed in pieces.
 *
 * Trust:   message bytes are untrusted (any bytes, NULs, bare CR, 8-bit).
 * Limits:  MIME_PARTS_MAX, MIME_DEPTH_MAX, MIME_LINE_MAX, MIME_FIELD_MAX,
 *          MIME_FIELDS_MAX, MIME_PARAMS_MAX (mime.h); memory is bounded by
 *          them, never by the message size.
 * Tests:   tests/unit/rfc822/test_mime.c, tests/fuzz/fuzz_rfc822_mime.c,
 *          tests/interop/run-reformime-compare (offsets against Courier's).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mime.h"
#include "rfc822_tok.h"
#include "xmalloc.h"

struct mime_parser {
	struct mime_part *root;
	unsigned flags;
	unsigned nparts;        /* parts appended, preambles included */
	bool stopped;           /* MIME_PARSE_COURIER_STOP and past the cap */
	uint64_t pos;           /* bytes before the current line */
	uint64_t lf, bare;      /* LFs and bare LFs before the current line */
	struct buf line;        /* a line that spans feeds */
	struct buf field;       /* the header field being unfolded */
	bool last_cr;           /* the byte before the current line was CR */
};

static struct mime_part *part_new(struct mime_parser *mp, struct mime_part *parent,
				  uint64_t pos)
{
	struct mime_part *p = xcalloc(1, sizeof(*p));

	p->start = p->body = p->end = p->endbody = pos;
	p->lf_start = p->lf_body = p->lf_endbody = mp->lf;
	p->bare_start = p->bare_body = p->bare_endbody = mp->bare;
	p->in_header = true;
	if (parent != NULL) {
		p->parent = parent;
		p->depth = parent->depth + 1;
		if (parent->last != NULL) {
			parent->last->next = p;
			p->index = parent->last->index + 1;
		} else {
			parent->first = p;
		}
		parent->last = p;
		mp->nparts++;
	}
	return p;
}

static void params_free(struct mime_param **lp)
{
	struct mime_param *p = *lp, *n;

	for (; p != NULL; p = n) {
		n = p->next;
		free(p->name);
		free(p->value);
		free(p);
	}
	*lp = NULL;
}

/* Set (replace) one parameter; value NULL removes it. */
static void param_set(struct mime_param **lp, const char *name, const char *value)
{
	struct mime_param **pp, *p;
	unsigned n = 0;

	for (pp = lp; *pp != NULL; pp = &(*pp)->next, n++) {
		if (strcmp((*pp)->name, name) == 0) {
			p = *pp;
			if (value == NULL) {
				*pp = p->next;
				free(p->name);
				free(p->value);
				free(p);
				return;
			}
			free(p->value);
			p->value = xstrdup(value);
			return;
		}
	}
	if (value == NULL || n >= MIME_PARAMS_MAX)
		return;
	p = xcalloc(1, sizeof(*p));
	p->name = xstrdup(name);
	p->value = xstrdup(value);
	*pp = p;
}

const char *mime_param_get(const struct mime_param *list, const char *name)
{
	for (; list != NULL; list = list->next)
		if (strcmp(list->name, name) == 0)
			return list->value;
	return NULL;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

static void lower(char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* A new part of a multipart gets its parent's encoding and charset. */
static void inherit(struct mime_part *np, const struct mime_part *p)
{
	set_str(&np->encoding, p->encoding);
	param_set(&np->type_params, "charset", mime_param_get(p->type_params, "charset"));
}

static void part_free(struct mime_part *p)
{
	struct mime_part *c, *n;

	for (c = p->first; c != NULL; c = n) {
		n = c->next;
		part_free(c);
	}
	free(p->mime_version);
	free(p->content_type);
	params_free(&p->type_params);
	free(p->encoding);
	free(p->disposition);
	params_free(&p->disp_params);
	free(p->content_id);
	free(p->description);
	free(p->language);
	free(p->md5);
	free(p->location);
	free(p);
}

void mime_free(struct mime_part **rootp)
{
	if (*rootp != NULL)
		part_free(*rootp);
	*rootp = NULL;
}

struct mime_parser *mime_parser_new(unsigned flags)
{
	struct mime_parser *mp = xcalloc(1, sizeof(*mp));

	mp->flags = flags;
	buf_init(&mp->line, MIME_LINE_MAX);
	buf_init(&mp->field, MIME_FIELD_MAX);
	mp->root = part_new(mp, NULL, 0);
	return mp;
}

/* The end of a line (and its body end) for p and every part above it. */
static void update(struct mime_parser *mp, struct mime_part *p, size_t cnt, size_t endcnt,
		   bool has_lf, bool bare_lf, unsigned nlines)
{
	uint64_t end = mp->pos + cnt, endbody = mp->pos + endcnt;
	bool whole = endcnt == cnt && has_lf;
	uint64_t lf = mp->lf + (whole ? 1 : 0), bare = mp->bare + (whole && bare_lf ? 1 : 0);
	uint64_t lf_end = mp->lf + (has_lf ? 1 : 0), bare_end = mp->bare + (has_lf && bare_lf ? 1 : 0);

	for (; p != NULL; p = p->parent) {
		p->end = end;
		p->lf_end = lf_end;
		p->bare_end = bare_end;
		p->endbody = endbody;
		p->lf_endbody = lf;
		p->bare_endbody = bare;
		p->nlines += nlines;
		if (!p->in_header)
			p->nbodylines += nlines;
	}
}

/* "type/subtype; name=value; ..." (Content-Type, Content-Disposition):
   the lowercased first part, parameters into *list (existing ones of the
   same name are replaced, as a repeated field does in Courier). */
static char *parse_params(const char *s, const char *end, struct mime_param **list)
{
	const char *semi = s;
	struct rfc822_tok t;
	char *type;

	/* the value up to the first ';' outside quotes and comments */
	for (const char *x = s; rfc822_tok_next_ex(&x, end, &t, RFC822_MIME_SPECIALS);) {
		if (t.type == ';') {
			semi = t.ptr;
			break;
		}
		semi = x;
	}
	type = rfc822_tok_paste(s, (size_t)(semi - s), RFC822_MIME_SPECIALS);
	lower(type);
	s = semi;
	while (s < end) {
		struct buf name = BUF_INIT(256), value = BUF_INIT(MIME_FIELD_MAX);
		bool have_eq = false, first_val = true, quoted_first = false;

		bool semi_seen = false;

		if (*s == ';')
			s++;
		while (rfc822_tok_next_ex(&s, end, &t, RFC822_MIME_SPECIALS)) {
			if (t.type == ';') {
				semi_seen = true;
				break;
			}
			if (t.type == '(')
				continue;
			if (!have_eq) {
				if (t.type == '=') {
					have_eq = true;
					continue;
				}
				if (buf_append(&name, t.ptr, t.len) < 0) {
					/* over-long name: ignored below */
				}
				continue;
			}
			if (first_val)
				quoted_first = t.type == '"';
			else if (quoted_first)
				continue;
			first_val = false;
			if (buf_append(&value, t.ptr, t.len) < 0) {
				/* capped */
			}
		}
		if (have_eq && name.len > 0 && !buf_has_nul(&name)) {
			lower(name.data);
			param_set(list, name.data, buf_cstr(&value));
		}
		buf_free(&name);
		buf_free(&value);
		if (semi_seen)
			s = t.ptr;
		else
			break;
	}
	return type;
}

/* Unfolded field "Name: value" complete: keep what MIME needs. */
static void do_field(struct mime_part *p, struct buf *f)
{
	const char *s = f->data, *colon;
	size_t n = f->len, namelen;
	char name[32];

	if (n == 0)
		return;
	/* The name is one atom followed by ':' (spaces between are allowed). */
	colon = memchr(s, ':', n);
	if (colon == NULL)
		return;
	namelen = (size_t)(colon - s);
	while (namelen > 0 && (s[namelen - 1] == ' ' || s[namelen - 1] == '\t'))
		namelen--;
	if (namelen == 0 || namelen >= sizeof(name))
		return;
	for (size_t i = 0; i < namelen; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c >= 127 || strchr("()<>@,;:\\\".[]", c) != NULL)
			return;
		name[i] = (char)tolower(c);
	}
	name[namelen] = '\0';
	if (strncmp(name, "content-", 8) != 0 && strcmp(name, "mime-version") != 0)
		return;
	/* only MIME's fields count: a flood of others hides nothing */
	if (p->nfields >= MIME_FIELDS_MAX)
		return;
	p->nfields++;

	const char *v = colon + 1, *vend = s + n;
	if (strcmp(name, "mime-version") == 0) {
		char *x = rfc822_tok_paste(v, (size_t)(vend - v), RFC822_MIME_SPECIALS);
		free(p->mime_version);
		p->mime_version = x;
	} else if (strcmp(name, "content-type") == 0) {
		char *x = parse_params(v, vend, &p->type_params);
		free(p->content_type);
		p->content_type = x;
	} else if (strcmp(name, "content-transfer-encoding") == 0) {
		char *x = rfc822_tok_paste(v, (size_t)(vend - v), RFC822_MIME_SPECIALS);
		lower(x);
		free(p->encoding);
		p->encoding = x;
	} else if (strcmp(name, "content-disposition") == 0) {
		char *x = parse_params(v, vend, &p->disp_params);
		free(p->disposition);
		p->disposition = x;
	} else if (strcmp(name, "content-id") == 0) {
		char *x = rfc822_tok_paste(v, (size_t)(vend - v), RFC822_MIME_SPECIALS);
		free(p->content_id);
		p->content_id = x;
	} else if (strcmp(name, "content-location") == 0) {
		char *x = rfc822_tok_paste(v, (size_t)(vend - v), RFC822_MIME_SPECIALS);
		free(p->location);
		p->location = x;
	} else {
		char **dst = NULL;
		if (strcmp(name, "content-description") == 0)
			dst = &p->description;
		else if (strcmp(name, "content-language") == 0)
			dst = &p->language;
		else if (strcmp(name, "content-md5") == 0)
			dst = &p->md5;
		if (dst == NULL)
			return;
		while (v < vend && isspace((unsigned char)*v))
			v++;
		free(*dst);
		*dst = xstrndup(v, (size_t)(vend - v));
	}
}

static bool is_mime1(const char *v)
{
	if (v == NULL)
		return false;
	return atoi(v) == 1;
}

bool mime_is_multipart(const struct mime_part *p)
{
	return p->content_type != NULL && strncmp(p->content_type, "multipart/", 10) == 0;
}

static bool is_global(const struct mime_part *p)
{
	return p->content_type != NULL && strcmp(p->content_type, "message/global") == 0;
}

bool mime_is_message(const struct mime_part *p)
{
	if (p->content_type == NULL)
		return false;
	return strcmp(p->content_type, "message/rfc822") == 0 || (is_global(p) && p->first != NULL);
}

bool mime_is_mime(const struct mime_part *p)
{
	return is_mime1(p->mime_version);
}

static const char *boundary_of(const struct mime_part *p)
{
	if (!mime_is_multipart(p))
		return NULL;
	return mime_param_get(p->type_params, "boundary");
}

static void end_of_header(struct mime_parser *mp, struct mime_part *p, size_t cnt,
			  bool bare_lf)
{
	struct mime_part *np;

	do_field(p, &mp->field);
	buf_reset(&mp->field);
	p->in_header = false;
	p->body = mp->pos + cnt;
	p->lf_body = mp->lf + 1;
	p->bare_body = mp->bare + (bare_lf ? 1 : 0);
	update(mp, p, cnt, cnt, true, bare_lf, 1);
	p->nbodylines--;
	if (!is_mime1(p->mime_version) && !(mp->flags & MIME_PARSE_ANY_VERSION)) {
		set_str(&p->content_type, NULL);
		params_free(&p->type_params);
		set_str(&p->disposition, NULL);
		params_free(&p->disp_params);
	} else if (p->content_type == NULL || p->content_type[0] == '\0') {
		const char *def = "text/plain";
		if (p->parent != NULL && p->parent->content_type != NULL &&
		    strcmp(p->parent->content_type, "multipart/digest") == 0)
			def = "message/rfc822";
		set_str(&p->content_type, def);
	}
	if (!mime_is_multipart(p))
		param_set(&p->type_params, "boundary", NULL);
	bool nest = mime_is_message(p) || (is_global(p) && !(mp->flags & MIME_PARSE_NO_GLOBAL));

	if ((nest || boundary_of(p) != NULL) &&
	    !(mp->flags & MIME_PARSE_COURIER_STOP) &&
	    (p->depth >= MIME_DEPTH_MAX || mp->nparts >= MIME_PARTS_MAX)) {
		/* Past a cap: the body is opaque bytes. */
		p->opaque = true;
		return;
	}
	if (nest) {
		np = part_new(mp, p, p->body);
		np->lf_start = np->lf_body = np->lf_endbody = p->lf_body;
		np->bare_start = np->bare_body = np->bare_endbody = p->bare_body;
		return;
	}
	if (boundary_of(p) != NULL) {
		np = part_new(mp, p, p->body);
		np->lf_start = np->lf_body = np->lf_endbody = p->lf_body;
		np->bare_start = np->bare_body = np->bare_endbody = p->bare_body;
		inherit(np, p);
		np->in_header = false;
		np->is_dummy = true;
	}
}

/* One line: c[0..cnt) with its LF (has_lf) or the last bytes of the input. */
static void do_line(struct mime_parser *mp, const char *c, size_t cnt, bool has_lf)
{
	struct mime_part *p = mp->root, *q, *np;
	size_t n = has_lf ? cnt - 1 : cnt;
	bool bare_lf = false;

	if (has_lf)
		bare_lf = cnt >= 2 ? c[cnt - 2] != '\r' : !mp->last_cr;
	if (mp->stopped)
		goto done;
	if (mp->nparts > MIME_PARTS_MAX && (mp->flags & MIME_PARSE_COURIER_STOP)) {
		mp->stopped = true;
		goto done;
	}
	if (has_lf && n > 0 && c[n - 1] == '\r')
		n--;

	/* A piece after a long line's first one starts where that one was. */
	for (q = mp->root; q->last != NULL && !q->last->closed; q = q->last) {
		if (boundary_of(q) == NULL || q->in_header || q->opaque)
			continue;
		if (q->last->informdata) {
			p = q->last;
			p->informdata = false;
			break;
		}
	}

	/* MIME_PARSE_BOUNDARY_EXACT: the one multipart whose boundary may take
	   this line, found first */
	const struct mime_part *best = NULL;
	if (mp->flags & MIME_PARSE_BOUNDARY_EXACT) {
		size_t bestl = 0;
		for (q = p; q->last != NULL && !q->opaque && !q->last->closed; q = q->last) {
			const char *qb = boundary_of(q);
			size_t ql = qb != NULL ? strlen(qb) : 0;
			if (qb == NULL || q->in_header)
				continue;
			if (n >= 2 + ql && c[0] == '-' && c[1] == '-' && strncmp(qb, c + 2, ql) == 0 &&
			    ql >= bestl) {
				best = q;
				bestl = ql;
			}
		}
	}

	while (p->last != NULL && !p->opaque) {
		const char *cb;
		size_t l;

		if (p->last->closed) {
			update(mp, p, cnt, n, has_lf, bare_lf, has_lf);
			goto done;
		}
		cb = boundary_of(p);
		if (cb == NULL || p->in_header) {
			p = p->last;
			continue;
		}
		l = strlen(cb);
		if (n >= 2 + l && c[0] == '-' && c[1] == '-' &&
		    ((mp->flags & MIME_PARSE_BOUNDARY_EXACT) ? p == best :
							       strncasecmp(cb, c + 2, l) == 0) &&
		    (mp->nparts < MIME_PARTS_MAX || (mp->flags & MIME_PARSE_COURIER_STOP) ||
		     (n >= 4 + l && c[2 + l] == '-' && c[3 + l] == '-'))) {
			if (n >= 4 + l && c[2 + l] == '-' && c[3 + l] == '-') {
				p->last->closed = true;
				update(mp, p, cnt, cnt, has_lf, bare_lf, has_lf);
				goto done;
			}
			update(mp, p, cnt, n, has_lf, bare_lf, has_lf);
			/* the new part starts after this line */
			mp->pos += cnt;
			mp->lf += has_lf;
			mp->bare += has_lf && bare_lf;
			np = part_new(mp, p, mp->pos);
			inherit(np, p);
			set_str(&np->mime_version, p->mime_version);
			mp->last_cr = false;
			return;
		}
		p = p->last;
	}

	if (!p->in_header) {
		size_t upd = cnt;
		if (p->parent != NULL && mime_is_multipart(p->parent))
			upd = n;
		update(mp, p, cnt, upd, has_lf, bare_lf, has_lf);
		goto done;
	}
	if (has_lf && n == 0) {
		end_of_header(mp, p, cnt, bare_lf);
		goto done;
	}
	update(mp, p, cnt, n, has_lf, bare_lf, has_lf);
	if (!has_lf) {
		/* a piece of a long header line, or the end of the input */
		goto done;
	}
	if (n > 0 && isspace((unsigned char)c[0])) {
		if (buf_putc(&mp->field, ' ') < 0 || buf_append(&mp->field, c, n) < 0) {
			/* over MIME_FIELD_MAX: the rest is not parsed */
		}
	} else {
		do_field(p, &mp->field);
		buf_reset(&mp->field);
		if (buf_append(&mp->field, c, n < MIME_FIELD_MAX ? n : MIME_FIELD_MAX) < 0) {
			/* cannot happen: n is capped */
		}
	}
done:
	mp->pos += cnt;
	mp->lf += has_lf;
	mp->bare += has_lf && bare_lf;
	if (cnt > 0)
		mp->last_cr = c[cnt - 1] == '\r';
}

/* A line too long to hold: pass its start on as data, Courier's way. */
static void flush_long(struct mime_parser *mp)
{
	struct mime_part *p;
	size_t l = mp->line.len;

	for (p = mp->root; p->last != NULL && !p->last->closed && !p->opaque; p = p->last)
		;
	if (l > 0 && mp->line.data[l - 1] == '\r')
		l--;
	if (!mp->stopped)
		update(mp, p, l, l, false, false, 0);
	p->informdata = true;
	mp->pos += l;
	if (l > 0)
		mp->last_cr = mp->line.data[l - 1] == '\r';
	buf_consume(&mp->line, l);
}

void mime_parser_feed(struct mime_parser *mp, const void *data, size_t n)
{
	const char *s = data;

	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t l = nl != NULL ? (size_t)(nl - s) + 1 : n;

		if (mp->line.len > 0 || nl == NULL) {
			size_t room = mp->line.max - mp->line.len;
			size_t take = l < room ? l : room;
			if (buf_append(&mp->line, s, take) < 0) {
				/* cannot happen: take fits */
			}
			s += take;
			n -= take;
			if (take == l && nl != NULL) {
				do_line(mp, mp->line.data, mp->line.len, true);
				buf_reset(&mp->line);
			} else if (mp->line.len >= mp->line.max) {
				flush_long(mp);
			}
			continue;
		}
		do_line(mp, s, l, true);
		s += l;
		n -= l;
	}
	if ((mp->flags & MIME_PARSE_COURIER_FLUSH) && mp->line.len > MIME_COURIER_FLUSH_MIN)
		flush_long(mp);
}

/* A part whose header a boundary cut off: its body starts (empty) where
   the header's last line ended. */
static void end_open_headers(struct mime_part *p)
{
	if (p->in_header) {
		p->in_header = false;
		p->body = p->endbody;
		p->lf_body = p->lf_endbody;
		p->bare_body = p->bare_endbody;
	}
	for (struct mime_part *c = p->first; c != NULL; c = c->next)
		end_open_headers(c);
}

struct mime_part *mime_parser_finish(struct mime_parser **mpp)
{
	struct mime_parser *mp = *mpp;
	struct mime_part *root, *p;
	size_t l = mp->line.len;

	/* The last bytes without LF (one CR before the end dropped) are data
	   of the innermost open part, as in Courier. */
	if (l > 0 && mp->line.data[l - 1] == '\r')
		l--;
	for (p = mp->root; p->last != NULL && !p->last->closed && !p->opaque; p = p->last)
		;
	if (p->in_header) {
		/* A header that never ended: the body starts at the end of its
		   last whole line, or after the bytes of a first, partial one. */
		do_field(p, &mp->field);
		p->in_header = false;
		if (p->nlines > 0 || l == 0) {
			p->body = p->endbody;
			p->lf_body = p->lf_endbody;
			p->bare_body = p->bare_endbody;
		} else {
			p->body = mp->pos + l;
			p->lf_body = mp->lf;
			p->bare_body = mp->bare;
		}
	}
	if (mp->line.len > 0 && !mp->stopped) {
		update(mp, p, l, l, false, false, 0);
		mp->pos += l;
	}
	root = mp->root;
	end_open_headers(root);
	buf_free(&mp->line);
	buf_free(&mp->field);
	free(mp);
	*mpp = NULL;
	return root;
}

struct mime_part *mime_parse(const void *data, size_t n, unsigned flags)
{
	struct mime_parser *mp = mime_parser_new(flags);

	mime_parser_feed(mp, data, n);
	return mime_parser_finish(&mp);
}

uint64_t mime_part_body_end(const struct mime_part *p)
{
	return p->parent != NULL && mime_is_multipart(p->parent) ? p->endbody : p->end;
}

uint64_t mime_part_header_size_crlf(const struct mime_part *p)
{
	return (p->body - p->start) + (p->bare_body - p->bare_start);
}

uint64_t mime_part_body_size_crlf(const struct mime_part *p)
{
	if (p->parent == NULL || !mime_is_multipart(p->parent))
		return (p->end - p->body) + (p->bare_end - p->bare_body);
	return (p->endbody - p->body) + (p->bare_endbody - p->bare_body);
}

uint64_t mime_part_body_lines(const struct mime_part *p)
{
	if (p->parent == NULL || !mime_is_multipart(p->parent))
		return p->lf_end - p->lf_body;
	return p->lf_endbody - p->lf_body;
}

struct mime_part *mime_part_child(const struct mime_part *p, unsigned n)
{
	struct mime_part *c;

	for (c = p->first; c != NULL; c = c->next)
		if (!c->is_dummy && --n == 0)
			return c;
	return NULL;
}

int mime_part_name(const struct mime_part *p, struct buf *out)
{
	unsigned nums[MIME_PARTS_MAX + 2];   /* depth <= parts, in either mode */
	size_t k = 0;

	buf_reset(out);
	for (; p->parent != NULL && k < N_ELEMENTS(nums) - 1; p = p->parent) {
		unsigned n = 0;
		const struct mime_part *c;
		for (c = p->parent->first; c != NULL; c = c->next) {
			if (!c->is_dummy)
				n++;
			if (c == p)
				break;
		}
		nums[k++] = n;
	}
	if (buf_putc(out, '1') < 0)
		return -1;
	while (k > 0)
		if (buf_printf(out, ".%u", nums[--k]) < 0)
			return -1;
	return 0;
}

struct mime_part *mime_find_courier(const struct mime_part *root, const char *name)
{
	const struct mime_part *p = root;
	const char *s = name;
	char *end;
	unsigned long n;

	n = strtoul(s, &end, 10);
	if (end == s || n != 1)
		return NULL;
	s = end;
	while (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return NULL;
		n = strtoul(s, &end, 10);
		s = end;
		if (n == 0 || n > 1000000 || (p = mime_part_child(p, (unsigned)n)) == NULL)
			return NULL;
	}
	return *s == '\0' ? (struct mime_part *)p : NULL;
}

int mime_section_resolve(const struct mime_part *root, const char *spec,
			 uint64_t *off_r, uint64_t *len_r, enum mime_section_kind *kind_r,
			 const struct mime_part **part_r)
{
	const struct mime_part *msg = root;   /* the message numbers apply to */
	const struct mime_part *part = NULL;  /* the part named so far */
	const char *s = spec;
	enum mime_section_kind kind;
	uint64_t off, len;

	while (isdigit((unsigned char)*s)) {
		char *end;
		unsigned long n = strtoul(s, &end, 10);
		if (n == 0 || n > 1000000 || msg == NULL)
			return -1;
		if (mime_is_multipart(msg) && msg->first != NULL)
			part = mime_part_child(msg, (unsigned)n);
		else
			part = n == 1 ? msg : NULL;
		if (part == NULL)
			return -1;
		s = end;
		if (*s == '.')
			s++;
		else if (*s != '\0')
			return -1;
		/* numbers after a message/rfc822 part name its message's parts */
		msg = mime_is_message(part) && part->first != NULL ? part->first :
			(mime_is_multipart(part) ? part : NULL);
	}
	if (*s == '\0') {
		if (part == NULL) {
			kind = MIME_SEC_ALL;
			off = root->start;
			len = root->end - root->start;
		} else {
			kind = MIME_SEC_BODY;
			off = part->body;
			len = mime_part_body_end(part) - part->body;
		}
	} else if (strcasecmp(s, "MIME") == 0) {
		if (part == NULL)
			return -1;
		kind = MIME_SEC_MIME;
		off = part->start;
		len = part->body - part->start;
	} else if (strcasecmp(s, "HEADER") == 0 || strncasecmp(s, "HEADER.FIELDS", 13) == 0 ||
		   strcasecmp(s, "TEXT") == 0) {
		const struct mime_part *m = root;
		if (part != NULL) {
			if (!mime_is_message(part) || part->first == NULL)
				return -1;
			m = part->first;
		}
		if (strncasecmp(s, "TEXT", 4) == 0) {
			kind = MIME_SEC_TEXT;
			off = m->body;
			len = mime_part_body_end(m) - m->body;
		} else {
			if (s[6] != '\0' && strcasecmp(s + 6, ".FIELDS") != 0 &&
			    strcasecmp(s + 6, ".FIELDS.NOT") != 0)
				return -1;
			kind = MIME_SEC_HEADER;
			off = m->start;
			len = m->body - m->start;
		}
		part = m;
	} else {
		return -1;
	}
	*off_r = off;
	*len_r = len;
	*kind_r = kind;
	if (part_r != NULL)
		*part_r = part != NULL ? part : root;
	return 0;
}
