/*
 * mime_text.c - the UTF-8 text of a message's text parts, and a preview.
 *
 * Trust:   message bytes are untrusted; the tree is mime.c's.
 * Limits:  MIME_TEXT_PIECE bytes decoded at a time; a preview is at most
 *          MIME_PREVIEW_CHARS characters.
 * Tests:   tests/unit/rfc822/test_text.c.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "mime_decode.h"
#include "mime_text.h"

static bool is_text(const struct mime_part *p)
{
	return p->content_type == NULL || strncmp(p->content_type, "text/", 5) == 0;
}

static int part_text(const struct mime_part *p, const char *data, size_t len,
		     mime_text_fn *fn, void *ctx)
{
	struct mime_decoder d;
	struct charset_conv cv;
	struct buf dec = BUF_INIT(BUF_MAX_UNLIMITED), u = BUF_INIT(BUF_MAX_UNLIMITED);
	uint64_t off = p->body, end = mime_part_body_end(p);
	int rc = 0;

	if (end > len)
		end = len;
	mime_decode_init(&d, mime_cte_of(p->encoding));
	charset_conv_init(&cv, mime_param_get(p->type_params, "charset"));
	while (off < end && rc == 0) {
		size_t n = end - off < MIME_TEXT_PIECE ? (size_t)(end - off) : MIME_TEXT_PIECE;
		buf_reset(&dec);
		buf_reset(&u);
		if (mime_decode_feed(&d, data + off, n, &dec) < 0 ||
		    charset_conv_feed(&cv, dec.data != NULL ? dec.data : "", dec.len, &u) < 0)
			rc = -1;
		else if (u.len > 0)
			rc = fn(ctx, p, u.data, u.len);
		off += n;
	}
	buf_reset(&dec);
	buf_reset(&u);
	if (mime_decode_finish(&d, &dec) < 0 ||
	    charset_conv_feed(&cv, dec.data != NULL ? dec.data : "", dec.len, &u) < 0)
		rc = rc != 0 ? rc : -1;
	if (charset_conv_finish(&cv, &u) < 0)
		rc = rc != 0 ? rc : -1;
	if (rc == 0 && u.len > 0)
		rc = fn(ctx, p, u.data, u.len);
	if (rc == 0)
		rc = fn(ctx, p, "", 0);
	buf_free(&dec);
	buf_free(&u);
	return rc;
}

static int walk(const struct mime_part *p, const char *data, size_t len, mime_text_fn *fn,
		void *ctx)
{
	int rc;

	if (p->first == NULL) {
		if (p->is_dummy || mime_is_multipart(p) || mime_is_message(p) || !is_text(p))
			return 0;
		return part_text(p, data, len, fn, ctx);
	}
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		if ((rc = walk(c, data, len, fn, ctx)) != 0)
			return rc;
	return 0;
}

int mime_text_extract(const struct mime_part *root, const char *data, size_t len,
		      mime_text_fn *fn, void *ctx)
{
	return walk(root, data, len, fn, ctx);
}

struct preview {
	struct buf *out;
	size_t start;
	size_t chars;
	bool html, in_tag, in_entity, space;
	const struct mime_part *part;   /* the part being taken */
	int rc;
};

#define PREVIEW_DONE 2

static int preview_fn(void *ctx, const struct mime_part *part, const char *s, size_t n)
{
	struct preview *pv = ctx;

	if (pv->part != part)
		return 0;
	if (n == 0)
		return PREVIEW_DONE;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (pv->html) {
			if (pv->in_tag) {
				pv->in_tag = c != '>';
				continue;
			}
			if (pv->in_entity) {
				pv->in_entity = c != ';' && c != ' ';
				continue;
			}
			if (c == '<') {
				pv->in_tag = true;
				pv->space = true;
				continue;
			}
			if (c == '&') {
				pv->in_entity = true;
				continue;
			}
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			pv->space = true;
			continue;
		}
		if ((c & 0xc0) != 0x80) {
			if (pv->chars == MIME_PREVIEW_CHARS)
				return PREVIEW_DONE;
			if (pv->space && pv->out->len > pv->start) {
				if (buf_putc(pv->out, ' ') < 0)
					goto cap;
			}
			pv->space = false;
			pv->chars++;
		}
		if (buf_putc(pv->out, (char)c) < 0)
			goto cap;
	}
	return 0;
cap:
	pv->rc = -1;
	return PREVIEW_DONE;
}

static const struct mime_part *first_of(const struct mime_part *p, const char *type)
{
	const struct mime_part *r;

	if (p->first == NULL && !p->is_dummy && !mime_is_multipart(p) && !mime_is_message(p)) {
		const char *t = p->content_type != NULL ? p->content_type : "text/plain";
		return strcmp(t, type) == 0 ? p : NULL;
	}
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		if ((r = first_of(c, type)) != NULL)
			return r;
	return NULL;
}

int mime_text_preview(const struct mime_part *root, const char *data, size_t len,
		      struct buf *out)
{
	struct preview pv = { out, out->len, 0, false, false, false, false, NULL, 0 };

	pv.part = first_of(root, "text/plain");
	if (pv.part == NULL) {
		pv.part = first_of(root, "text/html");
		pv.html = true;
	}
	if (pv.part == NULL)
		return 0;
	(void)part_text(pv.part, data, len, preview_fn, &pv);
	return pv.rc;
}
