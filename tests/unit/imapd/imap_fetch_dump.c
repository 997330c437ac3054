/*
 * imap_fetch_dump.c - a check program for tests/interop/run-imap-dovecot-
 * compare: opens a Maildir folder as the session view and writes the
 * untagged FETCH responses of "FETCH <set> <items>" to stdout, through the
 * same code imapd's FETCH runs (imap_fetch_parse, imap_view_resolve,
 * imap_fetch_run).  Read-only: the folder is opened as EXAMINE opens it.
 *
 * Usage: imap_fetch_dump FOLDER SET ITEMS      (ITEMS as on the wire)
 * Exit: 0; 2 usage or bad arguments; 1 the folder cannot be read.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "imap_fetch.h"
#include "imap_fetch_body.h"
#include "imap_parser.h"
#include "imap_seqset.h"
#include "imap_view.h"
#include "stream.h"

int main(int argc, char **argv)
{
	struct imap_parser *p;
	struct buf line = BUF_INIT(65536);
	struct imap_seqset ss = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct imap_fetch_req req;
	struct imap_fetch_result res;
	const struct imap_arg *args;
	const char *err = NULL;
	size_t n;

	if (argc != 4) {
		fprintf(stderr, "usage: imap_fetch_dump FOLDER SET ITEMS\n");
		return 2;
	}
	struct imap_view *v = imap_view_open(argv[1], "INBOX", IMAP_VIEW_READONLY);
	if (v == NULL) {
		perror(argv[1]);
		return 1;
	}
	p = imap_parser_new(NULL);
	if (buf_printf(&line, "a FETCH %s %s", argv[2], argv[3]) < 0 ||
	    imap_parser_feed_line(p, line.data, line.len) != IMAP_PARSE_DONE ||
	    (args = imap_parser_args(p, &n)) == NULL || n != 2 ||
	    imap_seqset_parse(args[0].str, args[0].len, &ss, &err) < 0 ||
	    imap_view_resolve(v, &ss, false, &idx) < 0 ||
	    imap_fetch_parse(&args[1], false, &req, &err) < 0) {
		fprintf(stderr, "imap_fetch_dump: bad arguments: %s\n", err != NULL ? err : "syntax");
		return 2;
	}
	struct stream *s = stream_new(0, 1, NULL);
	int r = imap_fetch_run(v, s, &idx, &req, false, &res);
	stream_free(&s);
	imap_fetch_req_free(&req);
	imap_idxset_free(&idx);
	imap_seqset_free(&ss);
	imap_parser_free(&p);
	imap_view_free(&v);
	buf_free(&line);
	if (r < 0 || res.gone + res.failed > 0) {
		fprintf(stderr, "imap_fetch_dump: %zu gone, %zu failed\n", res.gone, res.failed);
		return 1;
	}
	return 0;
}
