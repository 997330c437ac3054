/*
 * test_pop3_msg.c - the POP3 wire form and octet size of stored messages,
 * checked against bytes Courier's courierpop3d sent for the same files
 * (Debian 5.0.13): bare LF, CRLF kept as CR CR LF, no final LF, empty file,
 * dot-stuffing, TOP header/body split; every input also fed one byte at a
 * time and in random pieces, and just over the output buffer's cap.  The
 * sizes libmaildir computes (maildir_pop3_size) must equal the bytes sent.
 * One deliberate difference from Courier: for a file without a final LF
 * Courier 5.0.13 announces bytes + LFs but sends 2 more (the CRLF it adds);
 * we count them (case 0: 46, Courier said 44).  Courier also forgets to
 * stuff a '.' on the very first line; we do not (case 5).
 *
 * Trust:   every message here is hostile input.
 * Tests:   pop3d/pop3_msg.c
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutest.h"
#include "buf.h"
#include "maildir_pop3.h"
#include "pop3_msg.h"

/* libmaildir's RFC 1939 size of n bytes, through a temporary file. */
static unsigned long long lib_size(const char *p, size_t n, int *utf8_r)
{
	FILE *fp = tmpfile();
	uint64_t size = 0;
	int utf8 = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(fwrite(p, 1, n, fp), n);
	CU_ASSERT_EQUAL(fflush(fp), 0);
	CU_ASSERT_EQUAL(maildir_pop3_size(fileno(fp), &size, &utf8), 0);
	fclose(fp);
	if (utf8_r != NULL)
		*utf8_r = utf8;
	return size;
}

struct enc_case {
	const char *in;
	long long lines;
	const char *out;       /* without the final ".\r\n" */
	unsigned long long size;
};

static const struct enc_case enc_cases[] = {
	/* Courier sends the same bytes, announcing 44 octets */
	{ "From: a@b\nSubject: one\n\nline1\n.dot\nlast", -1,
	  "From: a@b\r\nSubject: one\r\n\r\nline1\r\n..dot\r\nlast\r\n", 46 },
	/* a CR before LF is sent as it is: "body\r\r\n" (Courier: 34 octets) */
	{ "From: a@b\nSubject: two\n\nbody\r\n", -1,
	  "From: a@b\r\nSubject: two\r\n\r\nbody\r\r\n", 34 },
	/* empty file: size 0, one empty line */
	{ "", -1, "\r\n", 0 },
	{ "\n", -1, "\r\n", 2 },
	{ "x", -1, "x\r\n", 3 },
	/* every line starting with '.' is stuffed, the first one too */
	{ ".\n..\nx\n", -1, "..\r\n...\r\nx\r\n", 10 },
	{ "a\n.\n", -1, "a\r\n..\r\n", 6 },
	/* TOP: headers, the empty line, n body lines */
	{ "From: a@b\nSubject: two\n\nbody\nmore\n\n", 1,
	  "From: a@b\r\nSubject: two\r\n\r\nbody\r\n", 41 },
	{ "From: a@b\nSubject: two\n\nbody\nmore\n\n", 0,
	  "From: a@b\r\nSubject: two\r\n\r\n", 41 },
	{ "From: a@b\nSubject: two\n\nbody\nmore\n\n", 99,
	  "From: a@b\r\nSubject: two\r\n\r\nbody\r\nmore\r\n\r\n", 41 },
	/* no empty line: everything is header */
	{ "A: b\r\n\r\nl1\r\nl2\r\n", 1, "A: b\r\r\n\r\r\nl1\r\r\nl2\r\r\n", 20 },
	/* TOP 0 of a body without final LF */
	{ "H: 1\n\nbody", 0, "H: 1\r\n\r\n", 14 },
	{ "H: 1\n\nbody", 5, "H: 1\r\n\r\nbody\r\n", 14 },
	/* NULs pass through */
	{ "a\0b\n", -1, NULL, 5 },
};

static size_t case_len(const struct enc_case *c)
{
	return c->out == NULL ? 4 : strlen(c->in);
}

static void check_case(size_t idx, const struct enc_case *c, size_t chunk)
{
	struct buf out = BUF_INIT(1 << 20);
	struct pop3_enc e;
	size_t n = case_len(c), i = 0;
	const char *want = c->out != NULL ? c->out : "a\0b\r\n";
	size_t wantlen = c->out != NULL ? strlen(c->out) : 5;
	char *copy = malloc(n + 1);

	memcpy(copy, c->in, n);
	pop3_enc_init(&e, c->lines);
	while (i < n) {
		size_t k = chunk == 0 ? (size_t)(rand() % 7) + 1 : chunk;

		if (k > n - i)
			k = n - i;
		CU_ASSERT_EQUAL(pop3_enc_feed(&e, &out, copy + i, k), 0);
		i += k;
	}
	CU_ASSERT_EQUAL(pop3_enc_finish(&e, &out), 0);
	if (out.len != wantlen || memcmp(out.data, want, wantlen) != 0) {
		printf("case %zu (chunk %zu): got %zu bytes \"%s\", want \"%s\"\n", idx, chunk,
		       out.len, buf_cstr(&out), want);
		CU_FAIL("encoding differs");
	}
	if (chunk == 1 && lib_size(copy, n, NULL) != c->size) {
		printf("case %zu: size %llu, want %llu\n", idx, lib_size(copy, n, NULL), c->size);
		CU_FAIL("size differs");
	}
	free(copy);
	buf_free(&out);
}

static void test_encode_cases(void)
{
	size_t i;

	for (i = 0; i < N_ELEMENTS(enc_cases); i++) {
		check_case(i, &enc_cases[i], 1 << 20);
		check_case(i, &enc_cases[i], 1);
		check_case(i, &enc_cases[i], 0);
		check_case(i, &enc_cases[i], 0);
	}
}

/* The RETR size on the status line equals the bytes sent (without the
   stuffing dots and the final dot line): the invariant clients check. */
static void test_size_matches_output(void)
{
	static const char alphabet[] = "ab.\n\r\x80";
	int round;

	srand(7);
	for (round = 0; round < 500; round++) {
		char msg[64];
		size_t n = (size_t)(rand() % (int)sizeof(msg)), i, dots = 0;
		struct buf out = BUF_INIT(4096);

		for (i = 0; i < n; i++)
			msg[i] = alphabet[rand() % 6];
		CU_ASSERT_EQUAL_FATAL(pop3_msg_encode(&out, msg, n, -1), 0);
		/* count stuffing dots: a '.' at a line start of the output */
		for (i = 0; i < out.len; i++)
			if ((i == 0 || out.data[i - 1] == '\n') && out.data[i] == '.')
				dots++;
		if (n == 0) {
			CU_ASSERT_EQUAL(lib_size(msg, n, NULL), 0);
		} else if (out.len - dots != lib_size(msg, n, NULL)) {
			printf("round %d: sent %zu, size %llu\n", round, out.len - dots,
			       lib_size(msg, n, NULL));
			CU_FAIL("size and output disagree");
		}
		/* every LF of the output is preceded by CR, and it ends in CRLF */
		for (i = 0; i < out.len; i++)
			if (out.data[i] == '\n' && (i == 0 || out.data[i - 1] != '\r')) {
				CU_FAIL("bare LF in output");
			}
		CU_ASSERT(out.len >= 2 && memcmp(out.data + out.len - 2, "\r\n", 2) == 0);
		buf_free(&out);
	}
}

static void test_8bit_header(void)
{
	int u = -1;

	lib_size("H: \xc3\xa9\n\nb\n", 9, &u);
	CU_ASSERT_EQUAL(u, 1);
	lib_size("H: a\n\n\xc3\xa9\n", 9, &u);
	CU_ASSERT_EQUAL(u, 0);
}

/* Just over the cap: -1/EMSGSIZE and the buffer is unchanged. */
static void test_output_cap(void)
{
	const char *m = "\n\n\n\n";   /* 4 bytes, up to 2*4+2 reserved */
	struct buf out = BUF_INIT(9);
	struct pop3_enc e;

	CU_ASSERT_EQUAL(buf_append(&out, "x", 1), 0);
	pop3_enc_init(&e, -1);
	errno = 0;
	CU_ASSERT_EQUAL(pop3_enc_feed(&e, &out, m, 4), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(out.len, 1);
	buf_free(&out);

	buf_init(&out, 10);
	pop3_enc_init(&e, -1);
	CU_ASSERT_EQUAL(pop3_enc_feed(&e, &out, m, 4), 0);
	CU_ASSERT_EQUAL(out.len, 8);
	buf_free(&out);
}

/* TOP stops reading: once done, further input is ignored. */
static void test_top_done(void)
{
	struct buf out = BUF_INIT(1024);
	struct pop3_enc e;

	pop3_enc_init(&e, 1);
	CU_ASSERT_EQUAL(pop3_enc_feed(&e, &out, "H: 1\n\nb1\nb2\n", 12), 0);
	CU_ASSERT(pop3_enc_is_done(&e));
	CU_ASSERT_EQUAL(pop3_enc_feed(&e, &out, "more\n", 5), 0);
	CU_ASSERT_EQUAL(pop3_enc_finish(&e, &out), 0);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), "H: 1\r\n\r\nb1\r\n");
	CU_ASSERT_EQUAL(e.src_bytes, 9);
	buf_free(&out);
}

void suite_pop3_msg(void);
void suite_pop3_msg(void)
{
	CU_pSuite s = cutest_suite("pop3_msg");

	cutest_add(s, "encode cases (whole, 1 byte, random pieces)", test_encode_cases);
	cutest_add(s, "size equals bytes sent", test_size_matches_output);
	cutest_add(s, "8-bit header (libmaildir)", test_8bit_header);
	cutest_add(s, "output cap", test_output_cap);
	cutest_add(s, "TOP done", test_top_done);
}
