/*
 * cmd_select.c - SELECT, EXAMINE, CLOSE, UNSELECT (RFC 3691), CHECK and
 * EXPUNGE / UID EXPUNGE (RFC 4315): entering and leaving the selected
 * state, with Courier's SELECT reply order and texts (spec section 1).
 *
 * Trust:   mailbox names and UID sets are the client's (imap_mbox.c,
 *          imap_seqset.c check them).
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/select*.t, expunge*.t, close*.t, multi*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "maildir.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_mbox.h"
#include "imap_seqset.h"
#include "imap_session.h"
#include "imap_view.h"

static int do_select(struct imap_client *c, const struct imap_cmd *cmd, bool examine)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *error = NULL;
	char *dir = NULL;
	struct imap_view *v;
	int r;

	/* step 1: the arguments */
	if (cmd->n != 1 || !imap_arg_is_astring(&cmd->args[0]))
		return imap_reply_bad(c, cmd, examine ? "EXAMINE takes one mailbox name" :
				      "SELECT takes one mailbox name");
	/* RFC 3501 6.3.1: a failed SELECT leaves no mailbox selected, and the
	   old one is closed (without expunging) before the new one opens */
	imap_client_unselect(c);
	if (imap_mbox_from_wire(cmd->args[0].str, cmd->args[0].len, c->utf8, false, &name,
				&error) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", error);
		goto out;
	}
	if (!maildir_folder_exists(".", name.data) ||
	    (dir = maildir_folder_dir(".", name.data, &error)) == NULL) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	/* step 2: open and answer */
	v = imap_view_open(dir, name.data, examine ? IMAP_VIEW_READONLY : 0);
	if (v == NULL) {
		r = imap_reply_tagged(c, cmd, "NO", "[UNAVAILABLE] Cannot open mailbox: %s",
				      strerror(errno));
		goto out;
	}
	if (imap_view_flags_lines(v, c->cfg->keywords != 0, &out) < 0 ||
	    buf_printf(&out, "* %zu EXISTS\r\n* %zu RECENT\r\n* OK [UIDVALIDITY %u] Ok\r\n",
		       imap_view_count(v), imap_view_recent_count(v), (unsigned)v->uidvalidity) < 0 ||
	    (c->cfg->acl && buf_printf(&out, "* OK [MYRIGHTS \"%s\"] ACL\r\n",
				       examine ? "lrs" : "acdilrstwx") < 0)) {
		imap_view_free(&v);
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Reply too long");
		goto out;
	}
	if (stream_write(c->s, out.data, out.len) < 0) {
		imap_view_free(&v);
		r = -1;
		goto out;
	}
	c->view = v;
	c->state = IMAP_ST_SELECTED;
	r = imap_reply_tagged(c, cmd, "OK", examine ? "[READ-ONLY] Ok" : "[READ-WRITE] Ok");
out:
	free(dir);
	buf_free(&name);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}

int cmd_select(struct imap_client *c, const struct imap_cmd *cmd)
{
	return do_select(c, cmd, false);
}

int cmd_examine(struct imap_client *c, const struct imap_cmd *cmd)
{
	return do_select(c, cmd, true);
}

int cmd_close(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "CLOSE takes no arguments");
	/* RFC 3501 6.4.2: expunge silently, unless read-only */
	if (!c->view->readonly && imap_view_expunge(c->view, NULL, NULL) < 0)
		log_msg(LOGL_WARN, "CLOSE: cannot expunge %s: %s", c->view->dir, strerror(errno));
	imap_client_unselect(c);
	return imap_reply_tagged(c, cmd, "OK", "CLOSE completed");
}

int cmd_unselect(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "UNSELECT takes no arguments");
	imap_client_unselect(c);
	return imap_reply_tagged(c, cmd, "OK", "UNSELECT completed");
}

int cmd_check(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "CHECK takes no arguments");
	return imap_reply_tagged(c, cmd, "OK", "CHECK completed");
}

int cmd_expunge(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL;
	int r;

	/* step 1: the arguments */
	if (!cmd->uid && cmd->n != 0)
		return imap_reply_bad(c, cmd, "EXPUNGE takes no arguments");
	if (cmd->uid) {
		if (cmd->n != 1 || cmd->args[0].type != IMAP_ARG_ATOM)
			return imap_reply_bad(c, cmd, "UID EXPUNGE takes one UID set");
		if (imap_seqset_parse(cmd->args[0].str, cmd->args[0].len, &set, &why) < 0) {
			r = errno == E2BIG ? imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why) :
					     imap_reply_bad(c, cmd, why);
			goto out;
		}
	}
	if (c->view->readonly) {
		r = imap_reply_tagged(c, cmd, "NO", "[READ-ONLY] Mailbox is read-only");
		goto out;
	}
	/* step 2: expunge what carries \Deleted (in the set, for UID) */
	if (cmd->uid && imap_view_resolve(c->view, &set, true, &idx) < 0) {
		r = imap_reply_bad(c, cmd, "Invalid UID set");
		goto out;
	}
	r = imap_view_expunge(c->view, cmd->uid ? &idx : NULL, &out);
	if (out.len > 0 && stream_write(c->s, out.data, out.len) < 0) {
		r = -1;
		goto out;
	}
	if (r < 0)
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Cannot expunge: %s", strerror(errno));
	else
		r = imap_reply_tagged(c, cmd, "OK", "EXPUNGE completed");
out:
	imap_seqset_free(&set);
	imap_idxset_free(&idx);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}
