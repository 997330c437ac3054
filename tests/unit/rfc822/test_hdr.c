/*
 * test_hdr.c - the end-of-header finder (every split, one byte at a time),
 * the field iterator's raw bytes and offsets, lookup, unfolding, the
 * HEADER.FIELDS filter, and the field-count cap exactly and one past.
 *
 * Trust:   every header here is hostile input.
 * Tests:   rfc822/rfc822_hdr.c, rfc822/rfc822_tok.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "rfc822_hdr.h"
#include "rfc822_tok.h"
#include "xmalloc.h"

struct eoh_case {
	const char *in;
	size_t body;     /* body offset; strlen(in) if no blank line */
};

static const struct eoh_case eoh_cases[] = {
	{ "A: b\n\nbody", 6 },
	{ "A: b\r\n\r\nbody", 8 },
	{ "A: b\n\r\nbody", 7 },
	{ "\nbody", 1 },
	{ "\r\nbody", 2 },
	{ "A: b\n", 5 },
	{ "A: b", 4 },
	{ "", 0 },
	{ "A: b\n \nC: d\n\nx", 13 },       /* a line of a space is no blank line */
	{ "A: b\n\r\r\nC: d\n\nx", 14 },    /* nor CR CR LF */
	{ "A: b\r\nC\rD: e\n\n", 14 },
	{ "A:\0b\n\nx", 6 },
};

static void test_eoh(void)
{
	for (size_t i = 0; i < N_ELEMENTS(eoh_cases); i++) {
		const char *in = eoh_cases[i].in;
		size_t n = i == N_ELEMENTS(eoh_cases) - 1 ? 7 : strlen(in);
		size_t got = rfc822_eoh_find(in, n);
		if (got != eoh_cases[i].body)
			printf("case %zu: got %zu, want %zu\n", i, got, eoh_cases[i].body);
		CU_ASSERT_EQUAL(got, eoh_cases[i].body);
		/* any split in two, and one byte at a time */
		for (size_t cut = 0; cut <= n; cut++) {
			struct rfc822_eoh e;
			rfc822_eoh_init(&e);
			rfc822_eoh_feed(&e, in, cut);
			rfc822_eoh_feed(&e, in + cut, n - cut);
			CU_ASSERT_EQUAL(rfc822_eoh_finish(&e), eoh_cases[i].body);
		}
		struct rfc822_eoh e;
		rfc822_eoh_init(&e);
		bool found = false;
		for (size_t k = 0; k < n; k++)
			found = rfc822_eoh_feed(&e, in + k, 1);
		CU_ASSERT_EQUAL(rfc822_eoh_finish(&e), eoh_cases[i].body);
		CU_ASSERT_EQUAL(found, e.found);
	}
}

static const char hdr[] =
	"Received: from a\r\n"
	"\tby b\r\n"
	" with c\r\n"
	"Subject :  Hello  \n"
	"no colon here\n"
	"From: x@y\n"
	"X-8bit: caf\xe9\n"
	"subject: second\n"
	"\n"
	"body\n";

static void test_iter(void)
{
	struct rfc822_hdr_iter it;
	struct rfc822_field f;
	size_t hl = rfc822_eoh_find(hdr, strlen(hdr));
	struct {
		size_t off, len;
		const char *name;
		const char *value;
	} want[] = {
		{ 0, 34, "Received", " from a\r\n\tby b\r\n with c" },
		{ 34, 19, "Subject", "  Hello  " },
		{ 53, 14, NULL, NULL },
		{ 67, 10, "From", " x@y" },
		{ 77, 13, "X-8bit", " caf\xe9" },
		{ 90, 16, "subject", " second" },
	};
	size_t k = 0;

	CU_ASSERT_EQUAL(hl, 107);
	rfc822_hdr_iter_init(&it, hdr, hl);
	while (rfc822_hdr_next(&it, &f)) {
		CU_ASSERT_FATAL(k < N_ELEMENTS(want));
		CU_ASSERT_EQUAL(f.off, want[k].off);
		CU_ASSERT_EQUAL(f.len, want[k].len);
		if (want[k].name == NULL) {
			CU_ASSERT_PTR_NULL(f.name);
		} else {
			CU_ASSERT_EQUAL(f.name_len, strlen(want[k].name));
			CU_ASSERT_EQUAL(memcmp(f.name, want[k].name, f.name_len), 0);
			CU_ASSERT_EQUAL(f.value_len, strlen(want[k].value));
			CU_ASSERT_EQUAL(memcmp(f.value, want[k].value, f.value_len), 0);
		}
		k++;
	}
	CU_ASSERT_EQUAL(k, N_ELEMENTS(want));

	CU_ASSERT_TRUE(rfc822_hdr_find(hdr, hl, "SUBJECT", &f));
	CU_ASSERT_EQUAL(f.off, 34);
	CU_ASSERT_FALSE(rfc822_hdr_find(hdr, hl, "To", &f));
	CU_ASSERT_FALSE(rfc822_hdr_find(hdr, hl, "no colon here", &f));

	struct buf v = BUF_INIT(1024);
	CU_ASSERT_TRUE(rfc822_hdr_find(hdr, hl, "received", &f));
	CU_ASSERT_EQUAL(rfc822_hdr_unfold(f.value, f.value_len, &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "from a\tby b with c");
	buf_reset(&v);
	CU_ASSERT_TRUE(rfc822_hdr_find(hdr, hl, "subject", &f));
	CU_ASSERT_EQUAL(rfc822_hdr_unfold(f.value, f.value_len, &v), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&v), "Hello");
	buf_free(&v);
	/* a cap too small for the value */
	struct buf small = BUF_INIT(4);
	CU_ASSERT_TRUE(rfc822_hdr_find(hdr, hl, "received", &f));
	CU_ASSERT_EQUAL(rfc822_hdr_unfold(f.value, f.value_len, &small), -1);
	buf_free(&small);
}

static void test_filter(void)
{
	struct buf out = BUF_INIT(4096);
	size_t hl = rfc822_eoh_find(hdr, strlen(hdr));
	const char *names[] = { "subject", "FROM" };

	CU_ASSERT_EQUAL(rfc822_hdr_filter(hdr, hl, names, 2, false, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "Subject :  Hello  \nFrom: x@y\nsubject: second\n\n");
	buf_reset(&out);
	CU_ASSERT_EQUAL(rfc822_hdr_filter(hdr, hl, names, 2, true, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "Received: from a\r\n\tby b\r\n with c\r\nX-8bit: caf\xe9\n\n");
	buf_reset(&out);
	/* no blank line: no blank line out */
	CU_ASSERT_EQUAL(rfc822_hdr_filter("From: a\nTo: b", 13, names, 2, false, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "From: a\n");
	buf_reset(&out);
	/* an empty header is just its blank line */
	CU_ASSERT_EQUAL(rfc822_hdr_filter("\r\n", 2, names, 2, false, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "\r\n");
	buf_free(&out);
	struct buf tiny = BUF_INIT(5);
	CU_ASSERT_EQUAL(rfc822_hdr_filter(hdr, hl, names, 2, false, &tiny), -1);
	buf_free(&tiny);
}

static void test_field_cap(void)
{
	for (unsigned extra = 0; extra < 2; extra++) {
		struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
		struct rfc822_field f;
		for (unsigned i = 1; i < RFC822_HDR_FIELDS_MAX + extra; i++)
			CU_ASSERT_EQUAL(buf_printf(&b, "X-%u: v\n", i), 0);
		CU_ASSERT_EQUAL(buf_append_str(&b, "Last: here\n\n"), 0);
		CU_ASSERT_EQUAL(rfc822_hdr_find(b.data, b.len, "last", &f), extra == 0);
		buf_free(&b);
	}
}

static void test_tok(void)
{
	const char *v = " a (comment (nested) \\) ) \"q\\\"s\" b.c@d;e=f [g] \"unterminated";
	const char *s = v, *end = v + strlen(v);
	struct rfc822_tok t;
	const char *want[] = { "a", "(", "\"", "b", ".", "c", "@", "d", ";", "e=f", "[", "g", "]", "\"" };
	const char *wantv[] = { "a", "comment (nested) \\) ", "q\\\"s", "b", ".", "c", "@", "d", ";",
				"e=f", "[", "g", "]", "unterminated" };
	size_t k = 0;

	while (rfc822_tok_next(&s, end, &t)) {
		CU_ASSERT_FATAL(k < N_ELEMENTS(want));
		CU_ASSERT_EQUAL(t.type, want[k][0] == '(' || want[k][0] == '"' ||
				strchr(RFC822_SPECIALS, want[k][0]) != NULL ? want[k][0] : RFC822_TOK_ATOM);
		CU_ASSERT_EQUAL(t.len, strlen(wantv[k]));
		CU_ASSERT_EQUAL(memcmp(t.ptr, wantv[k], t.len), 0);
		k++;
	}
	CU_ASSERT_EQUAL(k, N_ELEMENTS(want));
	char *p = rfc822_tok_paste(" text / Plain (c) ", 18, RFC822_MIME_SPECIALS);
	CU_ASSERT_STRING_EQUAL(p, "text/Plain");
	free(p);
	p = rfc822_tok_paste("(unterminated", 13, RFC822_MIME_SPECIALS);
	CU_ASSERT_STRING_EQUAL(p, "");
	free(p);
}

void suite_hdr(void);
void suite_hdr(void)
{
	CU_pSuite s = cutest_suite("hdr");

	cutest_add(s, "end of header, every split", test_eoh);
	cutest_add(s, "fields: raw bytes, offsets, lookup, unfold", test_iter);
	cutest_add(s, "HEADER.FIELDS and .NOT", test_filter);
	cutest_add(s, "field count cap exactly and one past", test_field_cap);
	cutest_add(s, "tokens", test_tok);
}
