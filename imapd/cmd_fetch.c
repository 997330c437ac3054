/*
 * cmd_fetch.c - FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8): every item,
 * the macros, BODY[section]<partial> down to nested message parts, \Seen
 * set by a non-PEEK body section.  The work is imap_fetch.c's.
 *
 * Trust:   the sequence set and the items are the client's; all of them are
 *          checked (BAD / NO [LIMIT]) before any response is sent.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/fetch*.t, tests/unit/imapd/test_imap_fetch*.c
 */
#include "config.h"

#include <errno.h>

#include "imap_fetch.h"
#include "imap_fetch_body.h"
#include "imap_seqset.h"
#include "imap_session.h"
#include "imap_view.h"

int cmd_fetch(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct imap_fetch_req req;
	struct imap_fetch_result res;
	const char *why = NULL;
	int r;

	/* step 1: the arguments */
	if (cmd->n != 2 || cmd->args[0].type != IMAP_ARG_ATOM)
		return imap_reply_bad(c, cmd, "FETCH needs a sequence set and items");
	if (imap_fetch_parse(&cmd->args[1], cmd->uid, &req, &why) < 0)
		return imap_reply_bad(c, cmd, why);
	if (imap_seqset_parse(cmd->args[0].str, cmd->args[0].len, &set, &why) < 0) {
		r = errno == E2BIG ? imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why) :
				     imap_reply_bad(c, cmd, why);
		goto out;
	}
	if (imap_view_resolve(c->view, &set, cmd->uid, &idx) < 0) {
		r = imap_reply_bad(c, cmd, "Invalid message sequence number");
		goto out;
	}
	/* step 2: the responses */
	if (imap_fetch_run(c->view, c->s, &idx, &req, c->utf8, &res) < 0)
		r = -1;
	else if (res.gone > 0)
		r = imap_reply_tagged(c, cmd, "NO", "[EXPUNGEISSUED] Some messages were expunged "
				      "by another session");
	else if (res.failed > 0)
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Some messages could not be read");
	else
		r = imap_reply_tagged(c, cmd, "OK", "FETCH completed");
out:
	imap_fetch_req_free(&req);
	imap_seqset_free(&set);
	imap_idxset_free(&idx);
	return r < 0 ? -1 : 0;
}
