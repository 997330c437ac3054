/*
 * rfc822_hdr.c - end of header, header fields with raw bytes and offsets.
 *
 * Trust:   message bytes are untrusted.
 * Limits:  RFC822_HDR_FIELDS_MAX fields, RFC822_HDR_VALUE_MAX unfolded bytes;
 *          no allocation except the caller's buffers.
 * Tests:   tests/unit/rfc822/test_hdr.c, tests/fuzz/fuzz_rfc822_hdr.c.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "rfc822_hdr.h"

void rfc822_eoh_init(struct rfc822_eoh *e)
{
	memset(e, 0, sizeof(*e));
}

bool rfc822_eoh_feed(struct rfc822_eoh *e, const void *p, size_t n)
{
	const char *s = p, *end = s + n;

	if (e->found)
		return true;
	while (s < end) {
		if (e->state == 2) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			if (nl == NULL) {
				e->pos += (size_t)(end - s);
				return false;
			}
			e->pos += (size_t)(nl - s) + 1;
			s = nl + 1;
			e->state = 0;
			continue;
		}
		char c = *s++;
		e->pos++;
		if (c == '\n') {
			e->found = true;
			e->body = e->pos;
			return true;
		}
		e->state = c == '\r' && e->state == 0 ? 1 : 2;
	}
	return false;
}

uint64_t rfc822_eoh_finish(const struct rfc822_eoh *e)
{
	return e->found ? e->body : e->pos;
}

size_t rfc822_eoh_find(const void *p, size_t n)
{
	struct rfc822_eoh e;

	rfc822_eoh_init(&e);
	rfc822_eoh_feed(&e, p, n);
	return (size_t)rfc822_eoh_finish(&e);
}

void rfc822_hdr_iter_init(struct rfc822_hdr_iter *it, const void *data, size_t hdr_len)
{
	it->data = data;
	it->len = hdr_len;
	it->pos = 0;
	it->count = 0;
}

/* Length of the line at s (through its LF, or to end). */
static size_t line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	return nl != NULL ? (size_t)(nl - s) + 1 : (size_t)(end - s);
}

static bool is_blank_line(const char *s, size_t l)
{
	return (l == 1 && s[0] == '\n') || (l == 2 && s[0] == '\r' && s[1] == '\n');
}

bool rfc822_hdr_next(struct rfc822_hdr_iter *it, struct rfc822_field *f)
{
	const char *s = it->data + it->pos, *end = it->data + it->len, *p;
	size_t l;

	if (s >= end || it->count >= RFC822_HDR_FIELDS_MAX)
		return false;
	l = line_len(s, end);
	if (is_blank_line(s, l))
		return false;
	it->count++;
	f->off = it->pos;
	f->name = NULL;
	f->name_len = 0;
	f->value = NULL;
	f->value_len = 0;
	/* the field runs on over lines that start with a space or tab */
	p = s + l;
	while (p < end && (*p == ' ' || *p == '\t'))
		p += line_len(p, end);
	f->len = (size_t)(p - s);
	it->pos += f->len;
	if (*s != ' ' && *s != '\t') {
		const char *colon = memchr(s, ':', l);
		if (colon != NULL) {
			size_t nl = (size_t)(colon - s);
			bool ok = true;
			while (nl > 0 && (s[nl - 1] == ' ' || s[nl - 1] == '\t'))
				nl--;
			for (size_t i = 0; i < nl; i++) {
				unsigned char c = (unsigned char)s[i];
				if (c <= ' ' || c >= 127)
					ok = false;
			}
			if (ok && nl > 0) {
				const char *vend = p;
				f->name = s;
				f->name_len = nl;
				f->value = colon + 1;
				if (vend > f->value && vend[-1] == '\n')
					vend--;
				if (vend > f->value && vend[-1] == '\r')
					vend--;
				f->value_len = (size_t)(vend - f->value);
			}
		}
	}
	return true;
}

bool rfc822_hdr_find(const void *data, size_t hdr_len, const char *name, struct rfc822_field *f)
{
	struct rfc822_hdr_iter it;
	size_t n = strlen(name);

	rfc822_hdr_iter_init(&it, data, hdr_len);
	while (rfc822_hdr_next(&it, f))
		if (f->name != NULL && f->name_len == n && strncasecmp(f->name, name, n) == 0)
			return true;
	return false;
}

int rfc822_hdr_unfold(const char *value, size_t n, struct buf *out)
{
	const char *s = value, *end = value + n;
	size_t start = out->len;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *seg_end = nl != NULL ? nl : end;
		const char *e = seg_end;
		if (nl != NULL && e > s && e[-1] == '\r')
			e--;
		if (out->len - start + (size_t)(e - s) > RFC822_HDR_VALUE_MAX ||
		    buf_append(out, s, (size_t)(e - s)) < 0)
			return -1;
		s = nl != NULL ? nl + 1 : end;
	}
	while (out->len > start && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\t'))
		buf_truncate(out, out->len - 1);
	return 0;
}

int rfc822_hdr_filter(const void *data, size_t hdr_len, const char *const *names,
		      size_t nnames, bool not, struct buf *out)
{
	struct rfc822_hdr_iter it;
	struct rfc822_field f;
	const char *d = data;

	rfc822_hdr_iter_init(&it, data, hdr_len);
	while (rfc822_hdr_next(&it, &f)) {
		bool listed = false;
		if (f.name == NULL)
			continue;
		for (size_t i = 0; i < nnames && !listed; i++)
			listed = strlen(names[i]) == f.name_len &&
				strncasecmp(names[i], f.name, f.name_len) == 0;
		if (listed != not && buf_append(out, d + f.off, f.len) < 0)
			return -1;
	}
	/* the empty line, if the header had one */
	if (hdr_len > 0 && d[hdr_len - 1] == '\n') {
		size_t l = hdr_len >= 2 && d[hdr_len - 2] == '\r' ? 2 : 1;
		if (is_blank_line(d + hdr_len - l, l) && (hdr_len == l || d[hdr_len - l - 1] == '\n'))
			return buf_append(out, d + hdr_len - l, l);
	}
	return 0;
}
