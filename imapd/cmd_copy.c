/*
 * cmd_copy.c - COPY, UID COPY, MOVE and UID MOVE (RFC 3501 6.4.7, RFC
 * 6851) with UIDPLUS COPYUID (RFC 4315), [TRYCREATE] for a missing target
 * and Courier's quota rules (maildir_view_copy/move).
 *
 * Trust:   the set and the target name are the client's.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/copy*.t, move*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "maildir.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_mbox.h"
#include "imap_seqset.h"
#include "imap_session.h"
#include "imap_view.h"

/* Append uids[0..n-1] as a compact set ("1:3,7"), in the given order
   (COPYUID pairs source and destination by position). */
static int uidset_fmt(struct buf *b, const uint32_t *uids, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		if (buf_printf(b, "%s%u", i > 0 ? "," : "", (unsigned)uids[i]) < 0 ||
		    (j > i && buf_printf(b, ":%u", (unsigned)uids[j]) < 0))
			return -1;
		i = j + 1;
	}
	return 0;
}

static int do_copy(struct imap_client *c, const struct imap_cmd *cmd, bool move)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct imap_view_copyuid map = { ARRAY_INIT, ARRAY_INIT, 0 };
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf code = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL, *verb = move ? "MOVE" : "COPY";
	char *dir = NULL;
	int r, e;

	/* step 1: the arguments */
	if (cmd->n != 2 || cmd->args[0].type != IMAP_ARG_ATOM || !imap_arg_is_astring(&cmd->args[1]))
		return imap_reply_bad(c, cmd, move ? "MOVE needs a sequence set and a mailbox" :
				      "COPY needs a sequence set and a mailbox");
	if (imap_seqset_parse(cmd->args[0].str, cmd->args[0].len, &set, &why) < 0) {
		r = errno == E2BIG ? imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why) :
				     imap_reply_bad(c, cmd, why);
		goto out;
	}
	if (imap_view_resolve(c->view, &set, cmd->uid, &idx) < 0) {
		r = imap_reply_bad(c, cmd, "Invalid message sequence number");
		goto out;
	}
	if (imap_mbox_from_wire(cmd->args[1].str, cmd->args[1].len, c->utf8, false, &name,
				&why) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", why);
		goto out;
	}
	if (!maildir_folder_exists(".", name.data) ||
	    (dir = maildir_folder_dir(".", name.data, &why)) == NULL) {
		r = imap_reply_tagged(c, cmd, "NO", "[TRYCREATE] Mailbox does not exist");
		goto out;
	}
	if (strcmp(name.data, c->view->mbox) == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s into the same mailbox is not "
				      "supported", verb);
		goto out;
	}
	if (move && c->view->readonly) {
		r = imap_reply_tagged(c, cmd, "NO", "[READ-ONLY] Mailbox is read-only");
		goto out;
	}
	/* step 2: copy or move */
	r = imap_view_copy(c->view, &idx, dir, move, &map, &out);
	e = errno;
	if (map.src.n > 0 && (buf_printf(&code, "[COPYUID %u ", (unsigned)map.uidvalidity) < 0 ||
			      uidset_fmt(&code, map.src.v, map.src.n) < 0 ||
			      buf_putc(&code, ' ') < 0 ||
			      uidset_fmt(&code, map.dst.v, map.dst.n) < 0 ||
			      buf_append_str(&code, "] ") < 0))
		buf_reset(&code);
	if (move && r == 0 && code.len > 0 &&
	    stream_printf(c->s, "* OK %sMoved\r\n", code.data) < 0) {
		r = -1;
		goto out;
	}
	if (out.len > 0 && stream_write(c->s, out.data, out.len) < 0) {
		r = -1;
		goto out;
	}
	if (r < 0 && e == EDQUOT)
		r = imap_reply_tagged(c, cmd, "NO", "[OVERQUOTA] Mail quota exceeded");
	else if (r < 0)
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] %s failed: %s", verb, strerror(e));
	else
		r = imap_reply_tagged(c, cmd, "OK", "%s%s completed", move ? "" : buf_cstr(&code), verb);
out:
	free(dir);
	imap_seqset_free(&set);
	imap_idxset_free(&idx);
	imap_view_copyuid_free(&map);
	buf_free(&name);
	buf_free(&out);
	buf_free(&code);
	return r < 0 ? -1 : 0;
}

int cmd_copy(struct imap_client *c, const struct imap_cmd *cmd)
{
	return do_copy(c, cmd, false);
}

int cmd_move(struct imap_client *c, const struct imap_cmd *cmd)
{
	return do_copy(c, cmd, true);
}
