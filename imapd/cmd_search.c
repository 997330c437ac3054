/*
 * cmd_search.c - SEARCH and UID SEARCH (RFC 3501 6.4.4, 6.4.8): the
 * program is parsed and checked whole (BAD, NO [BADCHARSET], NO [LIMIT])
 * before the answer, then run over every message of the view.
 *
 * Trust:   the program is the client's (imap_search.c checks it).
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/search.t, tests/unit/imapd/test_imap_search.c
 */
#include "config.h"

#include <inttypes.h>

#include "buf.h"
#include "imap_search.h"
#include "imap_session.h"
#include "imap_view.h"
#include "stream.h"

int cmd_search(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_search_prog *prog = NULL;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL;
	int r = 0;

	/* step 1: the program */
	switch (imap_search_parse(cmd->args, cmd->n, true, NULL, &prog, &why)) {
	case IMAP_SEARCH_OK:
		break;
	case IMAP_SEARCH_BAD:
		return imap_reply_bad(c, cmd, why);
	case IMAP_SEARCH_BADCHARSET:
		return imap_reply_tagged(c, cmd, "NO", "[BADCHARSET (US-ASCII UTF-8)] %s", why) < 0 ?
			-1 : 0;
	case IMAP_SEARCH_LIMIT:
		return imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why) < 0 ? -1 : 0;
	}
	/* step 2: every message */
	size_t n = imap_view_count(c->view);
	if (buf_append_str(&out, "* SEARCH") < 0)
		r = -1;
	for (size_t i = 0; i < n && r == 0; i++) {
		if (!imap_search_match(prog, c->view, i, NULL))
			continue;
		const struct imap_msg *m = imap_view_msg(c->view, (uint32_t)(i + 1));
		if (buf_printf(&out, " %" PRIu32, cmd->uid ? m->uid : (uint32_t)(i + 1)) < 0)
			r = -1;
	}
	if (r == 0 && (buf_append_str(&out, "\r\n") < 0 || stream_write(c->s, out.data, out.len) < 0))
		r = -1;
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "SEARCH completed");
	imap_search_free(&prog);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}
