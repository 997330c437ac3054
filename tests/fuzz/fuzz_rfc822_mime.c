/*
 * fuzz_rfc822_mime.c - libFuzzer target for the MIME part tree: the first
 * byte picks a feed piece size and the Courier flag, the rest is a message.
 * Checks: the tree fed in pieces equals the tree parsed whole (unless
 * Courier's long-line flush, which depends on the pieces, is on); every offset
 * lies inside the input and in order; every Courier section name resolves
 * back to its part; every IMAP section of every part resolves inside the
 * input; every leaf decodes without passing its size by more than its
 * length; parameters decode (RFC 2231, charsets); the text extractor and
 * the preview give valid UTF-8.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_mime runs tests/fuzz/corpus/rfc822_mime/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mime.h"
#include "mime_decode.h"
#include "mime_text.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int text_fn(void *ctx, const struct mime_part *part, const char *s, size_t n)
{
	(void)ctx;
	(void)part;
	if (!utf8_is_valid(s, n))
		abort();
	return 0;
}

static void dump(const struct mime_part *p, struct buf *out)
{
	if (buf_printf(out, "%d %s %llu %llu %llu %llu %llu %llu|", p->is_dummy,
		       p->content_type != NULL ? p->content_type : "-",
		       (unsigned long long)p->start, (unsigned long long)p->body,
		       (unsigned long long)p->end, (unsigned long long)p->endbody,
		       (unsigned long long)p->nlines, (unsigned long long)p->nbodylines) < 0)
		abort();
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		dump(c, out);
}

static void check(const struct mime_part *root, const struct mime_part *p, const char *msg,
		  size_t size, unsigned *count)
{
	struct buf name = BUF_INIT(1 << 16), v = BUF_INIT(1 << 16), out = BUF_INIT(1 << 24);
	uint64_t off, len;
	enum mime_section_kind kind;

	if (++*count > 100000)
		abort();
	if (p->start > p->body || p->end > size || p->endbody > p->end ||
	    mime_part_body_end(p) > size)
		abort();
	if (!p->is_dummy) {
		if (mime_part_name(p, &name) < 0 || mime_find_courier(root, buf_cstr(&name)) != p)
			abort();
		if (mime_part_header_size_crlf(p) < p->body - p->start)
			abort();
		(void)mime_param_decode(p->type_params, "name", &v);
		(void)mime_param_decode(p->disp_params, "filename", &v);
		if (p->first == NULL && mime_part_body_end(p) >= p->body) {
			struct mime_decoder d;
			mime_decode_init(&d, mime_cte_of(p->encoding));
			if (mime_decode_feed(&d, msg + p->body, mime_part_body_end(p) - p->body, &out) < 0 ||
			    mime_decode_finish(&d, &out) < 0 || out.len > mime_part_body_end(p) - p->body)
				abort();
		}
	}
	const char *specs[] = { "", "1", "1.1", "2", "1.MIME", "2.HEADER", "1.TEXT", "TEXT",
				"HEADER", "1.2.3", "2.1.MIME" };
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (mime_section_resolve(root, specs[i], &off, &len, &kind, NULL) == 0 &&
		    (off > size || len > size - off))
			abort();
	buf_free(&name);
	buf_free(&v);
	buf_free(&out);
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		check(root, c, msg, size, count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT(1 << 26), b = BUF_INIT(1 << 26);
	struct mime_part *whole, *pieces;
	struct mime_parser *mp;
	unsigned flags, count = 0;
	size_t piece;
	const char *msg;

	if (size < 1)
		return 0;
	piece = (size_t)(data[0] & 0x3f) % 23 + 1;
	flags = (data[0] & 0x80 ? MIME_PARSE_COURIER_STOP | MIME_PARSE_NO_GLOBAL : 0) |
		(data[0] & 0x40 ? MIME_PARSE_COURIER_FLUSH : 0);
	msg = (const char *)data + 1;
	size--;

	whole = mime_parse(msg, size, flags);
	mp = mime_parser_new(flags);
	for (size_t i = 0; i < size; i += piece)
		mime_parser_feed(mp, msg + i, size - i < piece ? size - i : piece);
	pieces = mime_parser_finish(&mp);
	dump(whole, &a);
	dump(pieces, &b);
	/* Courier's flush depends on the pieces; nothing else may */
	if (!(flags & MIME_PARSE_COURIER_FLUSH) && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
		abort();
	if (whole->end != size && !(flags & MIME_PARSE_COURIER_STOP) &&
	    !(size > 0 && msg[size - 1] == '\r'))
		abort();
	check(whole, whole, msg, size, &count);
	if (mime_text_extract(whole, msg, size, text_fn, NULL) != 0)
		abort();
	buf_reset(&a);
	if (mime_text_preview(whole, msg, size, &a) < 0 || !utf8_is_valid(buf_cstr(&a), a.len))
		abort();
	mime_free(&whole);
	mime_free(&pieces);
	buf_free(&a);
	buf_free(&b);
	return 0;
}
