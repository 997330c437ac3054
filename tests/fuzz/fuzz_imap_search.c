/*
 * fuzz_imap_search.c - libFuzzer target for SEARCH programs as clients
 * send them: the input is the rest of a "t SEARCH " line (the first byte,
 * if it is '\x01', turns UTF8=ACCEPT quoting on), parsed by imap_parser and
 * then imap_search_parse.  Checks: success gives a program of at most
 * IMAP_SEARCH_KEYS_MAX keys; failure gives no program, a reason and a
 * status that is one of BAD, BADCHARSET, LIMIT; nothing leaks (ASan).
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_imap_search runs tests/fuzz/corpus/imap_search/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "imap_parser.h"
#include "imap_search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imap_parser *p;
	struct buf line = BUF_INIT(IMAP_LINE_MAX_DEFAULT);
	struct imap_search_prog *prog = NULL;
	const char *err = NULL;
	bool utf8 = size > 0 && data[0] == 1;
	size_t n;

	if (utf8) {
		data++;
		size--;
	}
	if (buf_append_str(&line, "t SEARCH ") < 0 || buf_append(&line, data, size) < 0) {
		buf_free(&line);
		return 0;
	}
	p = imap_parser_new(NULL);
	imap_parser_set_utf8(p, utf8);
	if (imap_parser_feed_line(p, line.data, line.len) == IMAP_PARSE_DONE) {
		const struct imap_arg *args = imap_parser_args(p, &n);
		enum imap_search_status st = imap_search_parse(args, n, true, NULL, &prog, &err);
		if (st == IMAP_SEARCH_OK) {
			if (prog == NULL || imap_search_nkeys(prog) == 0 ||
			    imap_search_nkeys(prog) > IMAP_SEARCH_KEYS_MAX)
				abort();
		} else if (prog != NULL || err == NULL ||
			   (st != IMAP_SEARCH_BAD && st != IMAP_SEARCH_BADCHARSET &&
			    st != IMAP_SEARCH_LIMIT)) {
			abort();
		}
		imap_search_free(&prog);
	}
	imap_parser_free(&p);
	buf_free(&line);
	return 0;
}
