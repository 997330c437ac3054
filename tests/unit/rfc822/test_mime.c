/*
 * test_mime.c - the MIME part tree: exact offsets and line counts (the
 * numbers Debian's reformime -i printed for the same bytes), the CRLF sizes
 * of RFC 3501, section numbers, every cap hit exactly and one past it,
 * input cut at every offset, fed one byte at a time, 1,000 nested
 * multiparts, a 1,000-character boundary, NUL, bare CR, 8-bit headers.
 *
 * Trust:   every message here is hostile input.
 * Tests:   rfc822/mime.c, rfc822/rfc2231.c, rfc822/rfc822_tok.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "mime.h"
#include "xmalloc.h"

/* "section start body end lines bodylines" per part, Courier's view, like
   reformime -i prints them. */
static void dump(const struct mime_part *p, struct buf *out)
{
	struct buf name = BUF_INIT(4096);
	uint64_t end = p->end, nl = p->nlines, nbl = p->nbodylines;

	if (p->parent != NULL) {
		end = p->endbody;
		nl -= nl > 0;
		nbl -= nbl > 0;
	}
	if (!p->is_dummy) {
		CU_ASSERT_EQUAL(mime_part_name(p, &name), 0);
		CU_ASSERT_EQUAL(buf_printf(out, "%s %s %llu %llu %llu %llu %llu\n", buf_cstr(&name),
					   p->content_type != NULL ? p->content_type : "-",
					   (unsigned long long)p->start, (unsigned long long)p->body,
					   (unsigned long long)end, (unsigned long long)nl,
					   (unsigned long long)nbl), 0);
	}
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		dump(c, out);
	buf_free(&name);
}

static char *tree_of(const char *msg, size_t n, size_t piece)
{
	struct buf out = BUF_INIT(1 << 20);
	struct mime_part *root;
	char *s;

	if (piece == 0) {
		root = mime_parse(msg, n, MIME_PARSE_COURIER_STOP);
	} else {
		struct mime_parser *mp = mime_parser_new(MIME_PARSE_COURIER_STOP);
		for (size_t i = 0; i < n; i += piece)
			mime_parser_feed(mp, msg + i, n - i < piece ? n - i : piece);
		root = mime_parser_finish(&mp);
		CU_ASSERT_PTR_NULL(mp);
	}
	dump(root, &out);
	mime_free(&root);
	CU_ASSERT_PTR_NULL(root);
	s = xstrdup(buf_cstr(&out));
	buf_free(&out);
	return s;
}

struct tree_case {
	const char *msg;
	const char *want;
};

/* Expected values: Debian's reformime -i on the same bytes. */
static const struct tree_case tree_cases[] = {
	{ "Subject: x\n\nbody\n", "1 - 0 12 17 3 1\n" },
	{ "Content-Type: message/rfc822\n\nSubject: inner\n\nbody\n", "1 - 0 30 51 5 3\n" },
	{ "Mime-Version: 1.0\nContent-Type: message/rfc822\n\nSubject: inner\n\nbody\n",
	  "1 message/rfc822 0 48 69 6 3\n1.1 - 48 64 69 2 0\n" },
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\n\nx\n--a\n"
	  "Content-Type: message/rfc822\n\nA: b\n\nbody\nline2\n\n--a--\n",
	  "1 multipart/mixed 0 61 126 15 12\n1.1 text/plain 65 66 67 1 0\n"
	  "1.2 message/rfc822 72 102 120 6 4\n1.2.1 - 102 108 120 4 2\n" },
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: "
	  "multipart/alternative; boundary=b\n\n--b\n\nx\n--b--\nepi\n--a\nContent-Type: "
	  "message/rfc822\n\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=c\n\n"
	  "--c\n\ny\n--c--\nz\n\n--a--\n",
	  "1 multipart/mixed 0 61 248 24 21\n1.1 multipart/alternative 65 114 130 6 4\n"
	  "1.1.1 text/plain 118 119 120 1 0\n1.2 message/rfc822 135 165 241 10 8\n"
	  "1.2.1 multipart/mixed 165 226 241 8 5\n1.2.1.1 text/plain 230 231 232 1 0\n" },
	/* a header that never ends, a first partial line, a CR at the end */
	{ "Subject: x\n", "1 - 0 10 11 1 0\n" },
	{ "Subject: x\nFoo: y", "1 - 0 10 17 1 0\n" },
	{ "Subject: x\r\n\r\nbody\r", "1 - 0 14 18 2 0\n" },
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\nFoo: bar",
	  "1 multipart/mixed 0 61 73 4 1\n1.1 - 65 73 73 0 0\n" },
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\nFoo: bar\n--a\n\nx\n--a--\n",
	  "1 multipart/mixed 0 61 87 9 6\n1.1 - 65 73 73 0 0\n1.2 text/plain 78 79 80 1 0\n" },
	/* digest: parts default to message/rfc822 */
	{ "MIME-Version: 1.0\nContent-Type: multipart/digest; boundary=a\n\n--a\n\nFoo: bar\nBar: x\n--a--\n",
	  "1 multipart/digest 0 62 89 8 5\n1.1 message/rfc822 66 67 82 2 1\n1.1.1 - 67 82 82 1 0\n" },
	/* no boundary parameter: one part; an empty boundary is a boundary */
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--\n\nx\n",
	  "1 multipart/mixed 0 49 55 6 3\n" },
	/* a boundary that is a prefix of another: the outer one wins */
	{ "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\n"
	  "Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\ninner\n--a\n\nouter two\n--ab\n\nlate\n--a--\n",
	  "1 multipart/mixed 0 61 153 16 13\n1.1 multipart/mixed 65 109 109 1 0\n"
	  "1.2 text/plain 114 115 120 1 0\n1.3 text/plain 125 126 135 1 0\n"
	  "1.4 text/plain 141 142 146 1 0\n" },
	/* NUL, bare CR and 8-bit bytes are plain bytes */
	{ "Subject: caf\xe9\0\r\n\r\nNUL\0x\rCR\n", "1 - 0 18 27 3 1\n" },
	{ "", "1 - 0 0 0 0 0\n" },
	{ "\n", "1 - 0 1 1 1 0\n" },
};

static void test_tree_cases(void)
{
	for (size_t i = 0; i < N_ELEMENTS(tree_cases); i++) {
		const char *m = tree_cases[i].msg;
		size_t n = strlen(m);
		if (i == 13)
			n = 27;          /* the case with NULs */
		char *got = tree_of(m, n, 0);
		if (strcmp(got, tree_cases[i].want) != 0)
			printf("case %zu: got\n%swant\n%s", i, got, tree_cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, tree_cases[i].want);
		/* the same tree fed one byte at a time and in 7-byte pieces */
		for (size_t piece = 1; piece <= 7; piece += 6) {
			char *g2 = tree_of(m, n, piece);
			if (strcmp(g2, got) != 0)
				printf("case %zu piece %zu: got\n%swant\n%s", i, piece, g2, got);
			CU_ASSERT_STRING_EQUAL(g2, got);
			free(g2);
		}
		free(got);
	}
}

static const char fields_msg[] =
	"MIME-Version: 1.0 (generated)\n"
	"Content-Type: Text / HTML ; Charset=\"ISO-8859-1\" (c); name*=iso-8859-1'en'caf%E9.txt;\n"
	"\tfoo = a=b; =c; bare\n"
	"Content-Transfer-Encoding: BASE64 (x)\n"
	"Content-Disposition: ATTACHMENT; filename*0=\"long\"; filename*1=\"er.txt\"; size=3\n"
	"Content-ID: <id@x>\n"
	"Content-Description:   some desc\n"
	"Content-Language: en, fr\n"
	"Content-MD5: abc\n"
	"Content-Location: http://y/\n"
	"\n"
	"aGk=\n";

static void test_fields(void)
{
	struct mime_part *root = mime_parse(fields_msg, strlen(fields_msg), 0);
	struct buf v = BUF_INIT(1024);

	CU_ASSERT_STRING_EQUAL(root->mime_version, "1.0");
	CU_ASSERT_TRUE(mime_is_mime(root));
	CU_ASSERT_STRING_EQUAL(root->content_type, "text/html");
	CU_ASSERT_STRING_EQUAL(mime_param_get(root->type_params, "charset"), "ISO-8859-1");
	CU_ASSERT_STRING_EQUAL(mime_param_get(root->type_params, "foo"), "a=b");
	CU_ASSERT_PTR_NULL(mime_param_get(root->type_params, "bare"));
	CU_ASSERT_EQUAL(mime_param_decode(root->type_params, "name", &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "caf\xc3\xa9.txt");
	CU_ASSERT_STRING_EQUAL(root->encoding, "base64");
	CU_ASSERT_STRING_EQUAL(root->disposition, "attachment");
	CU_ASSERT_EQUAL(mime_param_decode(root->disp_params, "filename", &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "longer.txt");
	CU_ASSERT_EQUAL(mime_param_decode(root->disp_params, "size", &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "3");
	CU_ASSERT_EQUAL(mime_param_decode(root->disp_params, "nothere", &v), -1);
	CU_ASSERT_STRING_EQUAL(root->content_id, "<id@x>");
	CU_ASSERT_STRING_EQUAL(root->description, "some desc");
	CU_ASSERT_STRING_EQUAL(root->language, "en, fr");
	CU_ASSERT_STRING_EQUAL(root->md5, "abc");
	CU_ASSERT_STRING_EQUAL(root->location, "http://y/");
	mime_free(&root);

	/* without MIME-Version the Content-* fields say nothing */
	const char *nomime = "Content-Type: multipart/mixed; boundary=a\n\n--a\n\nx\n";
	root = mime_parse(nomime, strlen(nomime), 0);
	CU_ASSERT_FALSE(mime_is_mime(root));
	CU_ASSERT_PTR_NULL(root->content_type);
	CU_ASSERT_PTR_NULL(root->first);
	mime_free(&root);

	/* a repeated Content-Type: the last wins, parameters add up */
	const char *rep = "MIME-Version: 1.0\nContent-Type: text/plain; name=\"a\"; name=\"b\"\n"
			  "content-type: text/html\n\nx\n";
	root = mime_parse(rep, strlen(rep), 0);
	CU_ASSERT_STRING_EQUAL(root->content_type, "text/html");
	CU_ASSERT_STRING_EQUAL(mime_param_get(root->type_params, "name"), "b");
	mime_free(&root);
	/* message/global is a nested message, or a leaf as in Courier */
	const char *glob = "MIME-Version: 1.0\nContent-Type: message/global\n\nSubject: i\n\nbody\n";
	root = mime_parse(glob, strlen(glob), 0);
	CU_ASSERT_TRUE(mime_is_message(root));
	CU_ASSERT_PTR_NOT_NULL(root->first);
	mime_free(&root);
	root = mime_parse(glob, strlen(glob), MIME_PARSE_NO_GLOBAL);
	CU_ASSERT_FALSE(mime_is_message(root));
	CU_ASSERT_PTR_NULL(root->first);
	mime_free(&root);
	/* a boundary in another case: Courier's rule takes it, the exact one
	   (MIME_PARSE_BOUNDARY_EXACT) leaves it body text of part 1 */
	const char *bc = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=Ab\n\n"
			 "--Ab\n\none\n--AB\n\ntwo\n--Ab--\n";
	root = mime_parse(bc, strlen(bc), 0);
	CU_ASSERT_PTR_NOT_NULL(mime_part_child(root, 2));
	mime_free(&root);
	root = mime_parse(bc, strlen(bc), MIME_PARSE_BOUNDARY_EXACT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mime_part_child(root, 1));
	CU_ASSERT_PTR_NULL(mime_part_child(root, 2));
	CU_ASSERT_EQUAL(mime_part_child(root, 1)->body, 68);
	CU_ASSERT_EQUAL(mime_part_child(root, 1)->endbody, 81);
	mime_free(&root);
	/* "--n10" inside n1's part: the outermost prefix (n1) for Courier,
	   the longest boundary (n10) with the exact rule */
	const char *pre = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=n1\n\n"
			  "--n1\nContent-Type: multipart/mixed; boundary=n10\n\n--n10\n\nin\n--n10--\n"
			  "--n1--\n";
	root = mime_parse(pre, strlen(pre), 0);
	CU_ASSERT_PTR_NOT_NULL(mime_part_child(root, 2));
	mime_free(&root);
	root = mime_parse(pre, strlen(pre), MIME_PARSE_BOUNDARY_EXACT);
	CU_ASSERT_PTR_NULL(mime_part_child(root, 2));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mime_part_child(root, 1));
	CU_ASSERT_PTR_NOT_NULL(mime_part_child(mime_part_child(root, 1), 1));
	mime_free(&root);
	/* RFC 2231 with an unknown charset keeps the bytes */
	const char *unk = "MIME-Version: 1.0\nContent-Type: text/plain; name*=x-nope''a%41%zz\n\n";
	root = mime_parse(unk, strlen(unk), 0);
	CU_ASSERT_EQUAL(mime_param_decode(root->type_params, "name", &v), 1);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "aA%zz");
	mime_free(&root);
	/* continuation pieces join in order of their numbers, gaps skipped */
	const char *gap = "MIME-Version: 1.0\nContent-Type: text/plain; n*2=\"c\"; n*1*=%62; n*0*=utf-8''a\n\n";
	root = mime_parse(gap, strlen(gap), 0);
	CU_ASSERT_EQUAL(mime_param_decode(root->type_params, "n", &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "abc");
	mime_free(&root);
	const char *gap2 = "MIME-Version: 1.0\nContent-Type: text/plain; n*1=x\n\n";
	root = mime_parse(gap2, strlen(gap2), 0);
	CU_ASSERT_EQUAL(mime_param_decode(root->type_params, "n", &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "x");
	mime_free(&root);
	buf_free(&v);
}

/* A multipart of a text part and a message/rfc822 (bare LF, and CRLF). */
static const char sec_msg[] =
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/mixed; boundary=XX\n"
	"\n"
	"--XX\n"
	"Content-Type: text/plain\n"
	"\n"
	"hello\n"
	"world\n"
	"--XX\n"
	"Content-Type: message/rfc822\n"
	"\n"
	"Subject: inner\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/alternative; boundary=YY\n"
	"\n"
	"--YY\n"
	"\n"
	"alt one\n"
	"--YY\n"
	"Content-Type: text/html\n"
	"\n"
	"<b>two</b>\n"
	"--YY--\n"
	"--XX--\n";

static void want_range(const struct mime_part *root, const char *spec, const char *want,
		       enum mime_section_kind want_kind)
{
	uint64_t off, len;
	enum mime_section_kind kind;
	const struct mime_part *p;
	int rc = mime_section_resolve(root, spec, &off, &len, &kind, &p);

	if (want == NULL) {
		if (rc != -1)
			printf("section %s: resolved, want none\n", spec);
		CU_ASSERT_EQUAL(rc, -1);
		return;
	}
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(kind, want_kind);
	if (len != strlen(want) || memcmp(sec_msg + off, want, len) != 0)
		printf("section %s: got '%.*s' want '%s'\n", spec, (int)len, sec_msg + off, want);
	CU_ASSERT_EQUAL(len, strlen(want));
	CU_ASSERT_EQUAL(memcmp(sec_msg + off, want, len), 0);
}

static void test_sections(void)
{
	struct mime_part *root = mime_parse(sec_msg, strlen(sec_msg), 0);

	want_range(root, "", sec_msg, MIME_SEC_ALL);
	want_range(root, "1", "hello\nworld", MIME_SEC_BODY);
	want_range(root, "1.MIME", "Content-Type: text/plain\n\n", MIME_SEC_MIME);
	want_range(root, "2.MIME", "Content-Type: message/rfc822\n\n", MIME_SEC_MIME);
	want_range(root, "2.HEADER", "Subject: inner\nMIME-Version: 1.0\nContent-Type: "
		   "multipart/alternative; boundary=YY\n\n", MIME_SEC_HEADER);
	want_range(root, "2.HEADER.FIELDS", "Subject: inner\nMIME-Version: 1.0\nContent-Type: "
		   "multipart/alternative; boundary=YY\n\n", MIME_SEC_HEADER);
	want_range(root, "2.1", "alt one", MIME_SEC_BODY);
	want_range(root, "2.2", "<b>two</b>", MIME_SEC_BODY);
	want_range(root, "2.2.MIME", "Content-Type: text/html\n\n", MIME_SEC_MIME);
	want_range(root, "2.TEXT", "--YY\n\nalt one\n--YY\nContent-Type: text/html\n\n<b>two</b>\n--YY--\n",
		   MIME_SEC_TEXT);
	want_range(root, "HEADER", "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n",
		   MIME_SEC_HEADER);
	want_range(root, "TEXT", sec_msg + 62, MIME_SEC_TEXT);
	want_range(root, "3", NULL, 0);
	want_range(root, "0", NULL, 0);
	want_range(root, "1.HEADER", NULL, 0);
	want_range(root, "MIME", NULL, 0);
	want_range(root, "2.3", NULL, 0);
	want_range(root, "1.1", NULL, 0);
	want_range(root, "2.1.1", NULL, 0);
	want_range(root, "1x", NULL, 0);
	want_range(root, "2.BOGUS", NULL, 0);
	want_range(root, "99999999999999999999", NULL, 0);

	/* Courier's names */
	CU_ASSERT_PTR_EQUAL(mime_find_courier(root, "1"), root);
	CU_ASSERT_PTR_NOT_NULL(mime_find_courier(root, "1.2.1.2"));
	CU_ASSERT_PTR_NULL(mime_find_courier(root, "1.2.1.3"));
	CU_ASSERT_PTR_NULL(mime_find_courier(root, "2"));
	CU_ASSERT_PTR_NULL(mime_find_courier(root, "1."));
	CU_ASSERT_PTR_NULL(mime_find_courier(root, "1.0"));
	mime_free(&root);

	/* a non-multipart message: part 1 is its body */
	const char *one = "Subject: s\n\nbody\n";
	root = mime_parse(one, strlen(one), 0);
	uint64_t off, len;
	enum mime_section_kind k;
	CU_ASSERT_EQUAL(mime_section_resolve(root, "1", &off, &len, &k, NULL), 0);
	CU_ASSERT_EQUAL(off, 12);
	CU_ASSERT_EQUAL(len, 5);
	CU_ASSERT_EQUAL(mime_section_resolve(root, "2", &off, &len, &k, NULL), -1);
	mime_free(&root);
}

/* RFC 3501 sizes are the same for the LF and the CRLF form of a message. */
static void test_crlf_sizes(void)
{
	size_t n = strlen(sec_msg);
	char *crlf = xmalloc(2 * n + 1), *o = crlf;
	struct mime_part *a, *b;

	for (size_t i = 0; i < n; i++) {
		if (sec_msg[i] == '\n')
			*o++ = '\r';
		*o++ = sec_msg[i];
	}
	a = mime_parse(sec_msg, n, 0);
	b = mime_parse(crlf, (size_t)(o - crlf), 0);
	const char *specs[] = { "1", "2", "2.1", "2.2" };
	for (size_t i = 0; i < N_ELEMENTS(specs); i++) {
		const struct mime_part *pa, *pb;
		uint64_t off, len, offb, lenb;
		enum mime_section_kind k;
		CU_ASSERT_EQUAL_FATAL(mime_section_resolve(a, specs[i], &off, &len, &k, &pa), 0);
		CU_ASSERT_EQUAL_FATAL(mime_section_resolve(b, specs[i], &offb, &lenb, &k, &pb), 0);
		CU_ASSERT_EQUAL(mime_part_body_size_crlf(pa), lenb);
		CU_ASSERT_EQUAL(mime_part_body_size_crlf(pa), mime_part_body_size_crlf(pb));
		CU_ASSERT_EQUAL(mime_part_header_size_crlf(pa), mime_part_header_size_crlf(pb));
		CU_ASSERT_EQUAL(mime_part_header_size_crlf(pb), pb->body - pb->start);
		CU_ASSERT_EQUAL(mime_part_body_lines(pa), mime_part_body_lines(pb));
	}
	const struct mime_part *p1 = mime_part_child(a, 1);
	CU_ASSERT_EQUAL(mime_part_body_size_crlf(p1), 12);    /* "hello\r\nworld" */
	CU_ASSERT_EQUAL(mime_part_body_lines(p1), 1);
	CU_ASSERT_EQUAL(mime_part_header_size_crlf(a), 65);
	CU_ASSERT_EQUAL(mime_part_body_size_crlf(a), (uint64_t)(o - crlf) - 65);
	CU_ASSERT_EQUAL(mime_part_body_lines(a), 21);
	mime_free(&a);
	mime_free(&b);
	free(crlf);
}

/* n parts in one multipart: "--r\n\nI\n" each. */
static char *many_parts(unsigned n, size_t *len_r)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	char *s;

	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=r\n\n"), 0);
	for (unsigned i = 0; i < n; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "--r\n\n%u\n", i), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "--r--\n"), 0);
	*len_r = b.len;
	s = xstrdup(b.data);
	buf_free(&b);
	return s;
}

static unsigned count_real(const struct mime_part *p)
{
	unsigned n = 0;
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		n += !c->is_dummy;
	return n;
}

static void test_part_cap(void)
{
	size_t len;
	/* 299 real parts + the preamble = 300 parts: all kept */
	char *m = many_parts(MIME_PARTS_MAX - 1, &len);
	struct mime_part *root = mime_parse(m, len, 0);
	CU_ASSERT_EQUAL(count_real(root), MIME_PARTS_MAX - 1);
	CU_ASSERT_EQUAL(root->end, len);
	CU_ASSERT_TRUE(mime_part_child(root, MIME_PARTS_MAX - 1)->last == NULL);
	mime_free(&root);
	free(m);
	/* one more: the 300th real part would be part 301; its boundary line
	   and the rest are body bytes of the last part, and the end is right */
	m = many_parts(MIME_PARTS_MAX, &len);
	root = mime_parse(m, len, 0);
	CU_ASSERT_EQUAL(count_real(root), MIME_PARTS_MAX - 1);
	CU_ASSERT_EQUAL(root->end, len);
	const struct mime_part *last = mime_part_child(root, MIME_PARTS_MAX - 1);
	/* the last part holds "298\n--r\n\n299" */
	CU_ASSERT_EQUAL(last->endbody - last->body, strlen("298\n--r\n\n299"));
	mime_free(&root);
	/* Courier's way (reformime): parsing stops after part 300 */
	root = mime_parse(m, len, MIME_PARSE_COURIER_STOP);
	CU_ASSERT_EQUAL(count_real(root), MIME_PARTS_MAX);
	CU_ASSERT_TRUE(root->end < len);
	mime_free(&root);
	free(m);
}

static void test_deep_nesting(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	struct mime_part *root, *p;
	unsigned depth = 0;

	/* 1,000 nested multiparts (no boundary a prefix of another) */
	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\n"), 0);
	for (unsigned i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "Content-Type: multipart/mixed; boundary=n%04u\n\n--n%04u\n", i, i), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "\nleaf\n"), 0);
	root = mime_parse(b.data, b.len, 0);
	for (p = root; p->last != NULL; p = p->last)
		depth += !p->is_dummy;
	/* the depth cap: the multipart at depth MIME_DEPTH_MAX is opaque */
	CU_ASSERT_EQUAL(depth, MIME_DEPTH_MAX);
	CU_ASSERT_TRUE(p->opaque);
	CU_ASSERT_EQUAL(root->end, b.len);
	mime_free(&root);
	buf_free(&b);

	/* depth cap: MIME_DEPTH_MAX levels of message/rfc822 exactly, then one more */
	for (unsigned extra = 0; extra < 2; extra++) {
		unsigned levels = MIME_DEPTH_MAX + extra;
		buf_init(&b, BUF_MAX_UNLIMITED);
		for (unsigned i = 0; i < levels; i++)
			CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\nContent-Type: message/rfc822\n\n"), 0);
		CU_ASSERT_EQUAL(buf_append_str(&b, "Subject: bottom\n\nbody\n"), 0);
		root = mime_parse(b.data, b.len, 0);
		depth = 0;
		for (p = root; p->first != NULL; p = p->first)
			depth++;
		CU_ASSERT_EQUAL(depth, MIME_DEPTH_MAX);
		/* past the cap the innermost message/rfc822 is opaque */
		CU_ASSERT_EQUAL(p->parent->opaque, false);
		CU_ASSERT_EQUAL(p->opaque, extra == 1);
		CU_ASSERT_EQUAL(root->end, b.len);
		mime_free(&root);
		buf_free(&b);
	}
}

static void test_long_boundary_and_lines(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	struct mime_part *root;
	char bnd[1001];

	memset(bnd, 'B', 1000);
	bnd[1000] = '\0';
	CU_ASSERT_EQUAL(buf_printf(&b, "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=%s\n\n"
				   "--%s\n\nx\n--%s--\n", bnd, bnd, bnd), 0);
	root = mime_parse(b.data, b.len, 0);
	CU_ASSERT_EQUAL(count_real(root), 1);
	CU_ASSERT_EQUAL(mime_part_child(root, 1)->endbody - mime_part_child(root, 1)->body, 1);
	mime_free(&root);
	buf_free(&b);

	/* a line longer than MIME_LINE_MAX, then a boundary: still found */
	buf_init(&b, BUF_MAX_UNLIMITED);
	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=q\n\n--q\n\n"), 0);
	for (size_t i = 0; i < MIME_LINE_MAX * 2 + 10; i++)
		CU_ASSERT_EQUAL(buf_putc(&b, 'x'), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "\n--q\n\ny\n--q--\n"), 0);
	root = mime_parse(b.data, b.len, 0);
	CU_ASSERT_EQUAL(count_real(root), 2);
	CU_ASSERT_EQUAL(mime_part_child(root, 1)->endbody - mime_part_child(root, 1)->body,
			MIME_LINE_MAX * 2 + 10);
	CU_ASSERT_EQUAL(root->end, b.len);
	mime_free(&root);
	buf_free(&b);

	/* a header field over MIME_FIELD_MAX: the part is still parsed */
	buf_init(&b, BUF_MAX_UNLIMITED);
	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\nX-Long: "), 0);
	for (size_t i = 0; i < MIME_FIELD_MAX; i++)
		CU_ASSERT_EQUAL(buf_append_str(&b, i % 70 == 69 ? "\n y" : "y"), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "\nContent-Type: text/html\n\nbody\n"), 0);
	root = mime_parse(b.data, b.len, 0);
	CU_ASSERT_STRING_EQUAL(root->content_type, "text/html");
	mime_free(&root);
	buf_free(&b);

	/* MIME_FIELDS_MAX MIME fields (others between them do not count):
	   the one after the cap is not parsed */
	for (unsigned extra = 0; extra < 2; extra++) {
		buf_init(&b, BUF_MAX_UNLIMITED);
		CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\n"), 0);
		for (unsigned i = 1; i < MIME_FIELDS_MAX - 1 + extra; i++)
			CU_ASSERT_EQUAL(buf_printf(&b, "Content-X%u: v\nX-Other%u: w\n", i, i), 0);
		CU_ASSERT_EQUAL(buf_append_str(&b, "Content-Type: text/html\n\nbody\n"), 0);
		root = mime_parse(b.data, b.len, 0);
		CU_ASSERT_STRING_EQUAL(root->content_type, extra == 0 ? "text/html" : "text/plain");
		mime_free(&root);
		buf_free(&b);
	}
}

/* Every prefix of a message parses, with offsets inside the input. */
static void check_bounds(const struct mime_part *p, uint64_t n)
{
	CU_ASSERT_TRUE(p->start <= p->body);
	CU_ASSERT_TRUE(p->body <= p->end || p->body <= p->endbody);
	CU_ASSERT_TRUE(p->end <= n);
	CU_ASSERT_TRUE(p->endbody <= p->end);
	CU_ASSERT_TRUE(mime_part_body_end(p) >= p->body || p->parent != NULL);
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		check_bounds(c, n);
}

/* 20,000 other fields before Content-Type: still found (Debian's
   reformime finds it too). */
static void test_many_other_fields(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	struct mime_part *root;

	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\n"), 0);
	for (unsigned i = 0; i < 20000; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "X-Filler-%u: f\n", i), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "Content-Type: text/html\n\nbody\n"), 0);
	root = mime_parse(b.data, b.len, 0);
	CU_ASSERT_STRING_EQUAL(root->content_type, "text/html");
	CU_ASSERT_EQUAL(root->nlines, 20004);
	mime_free(&root);
	buf_free(&b);
}

/* MIME_PARSE_COURIER_FLUSH: a partial header line of more than 1 KB at
   the end of a feed is lost, as in Courier; without the flag the pieces
   do not matter. */
static void test_courier_flush(void)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	struct mime_parser *mp;
	struct mime_part *root;
	size_t cut;

	CU_ASSERT_EQUAL(buf_append_str(&b, "MIME-Version: 1.0\nContent-Type: text/html; x=\""), 0);
	for (unsigned i = 0; i < 3000; i++)
		CU_ASSERT_EQUAL(buf_putc(&b, 'y'), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "\"\n\nbody\n"), 0);
	for (unsigned flags = 0; flags <= MIME_PARSE_COURIER_FLUSH; flags += MIME_PARSE_COURIER_FLUSH) {
		for (cut = 18 + MIME_COURIER_FLUSH_MIN; cut <= 18 + MIME_COURIER_FLUSH_MIN + 1; cut++) {
			mp = mime_parser_new(flags);
			mime_parser_feed(mp, b.data, cut);
			mime_parser_feed(mp, b.data + cut, b.len - cut);
			root = mime_parser_finish(&mp);
			/* 1,024 pending bytes are kept; 1,025 are passed on */
			bool lost = flags != 0 && cut - 18 > MIME_COURIER_FLUSH_MIN;
			CU_ASSERT_STRING_EQUAL(root->content_type, lost ? "text/plain" : "text/html");
			CU_ASSERT_EQUAL(root->end, b.len);
			CU_ASSERT_EQUAL(root->nlines, 4);
			mime_free(&root);
		}
	}
	buf_free(&b);
}

static void test_truncated(void)
{
	size_t n = strlen(sec_msg);

	for (size_t cut = 0; cut <= n; cut++) {
		struct mime_part *root = mime_parse(sec_msg, cut, 0);
		CU_ASSERT_EQUAL(root->end, cut);
		check_bounds(root, cut);
		mime_free(&root);
	}
	n = strlen(fields_msg);
	for (size_t cut = 0; cut <= n; cut++) {
		struct mime_part *root = mime_parse(fields_msg, cut, MIME_PARSE_COURIER_STOP);
		CU_ASSERT_EQUAL(root->end, cut);
		check_bounds(root, cut);
		mime_free(&root);
	}
}

/* A 50 MB body parses with the parser's memory (one line) and no more:
   fed in pieces from a generator, never held. */
static void test_big_message(void)
{
	struct mime_parser *mp = mime_parser_new(0);
	struct mime_part *root;
	const char *hdr = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=z\n\n--z\n\n";
	char chunk[65536];
	uint64_t total = strlen(hdr);

	for (size_t i = 0; i < sizeof(chunk); i++)
		chunk[i] = i % 77 == 76 ? '\n' : 'a';
	mime_parser_feed(mp, hdr, strlen(hdr));
	for (unsigned i = 0; i < 800; i++) {
		mime_parser_feed(mp, chunk, sizeof(chunk));
		total += sizeof(chunk);
	}
	mime_parser_feed(mp, "\n--z--\n", 7);
	total += 7;
	root = mime_parser_finish(&mp);
	CU_ASSERT_EQUAL(root->end, total);
	CU_ASSERT_EQUAL(count_real(root), 1);
	uint64_t lfs = 0;
	for (size_t i = 0; i < sizeof(chunk); i++)
		lfs += chunk[i] == '\n';
	CU_ASSERT_EQUAL(mime_part_child(root, 1)->nbodylines, 800 * lfs + 1);
	CU_ASSERT_EQUAL(mime_part_body_lines(mime_part_child(root, 1)), 800 * lfs);
	mime_free(&root);
}

void suite_mime(void);
void suite_mime(void)
{
	CU_pSuite s = cutest_suite("mime");

	cutest_add(s, "tree offsets as Courier's, any feed pieces", test_tree_cases);
	cutest_add(s, "Content-* fields and parameters", test_fields);
	cutest_add(s, "IMAP section numbers", test_sections);
	cutest_add(s, "RFC 3501 CRLF sizes", test_crlf_sizes);
	cutest_add(s, "part cap exactly and one past", test_part_cap);
	cutest_add(s, "1,000 nested multiparts, depth cap", test_deep_nesting);
	cutest_add(s, "long boundary, line, field, field count", test_long_boundary_and_lines);
	cutest_add(s, "20,000 other fields before Content-Type", test_many_other_fields);
	cutest_add(s, "Courier's cut of long lines", test_courier_flush);
	cutest_add(s, "cut at every offset", test_truncated);
	cutest_add(s, "50 MB in pieces", test_big_message);
}
