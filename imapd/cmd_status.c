/*
 * cmd_status.c - STATUS (RFC 3501 6.3.10) with Courier's items MESSAGES
 * RECENT UIDNEXT UIDVALIDITY UNSEEN.  RECENT counts the messages still in
 * new/, as Courier does; the selected mailbox answers from the session.
 *
 * Trust:   the name and the item list are the client's.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/status*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "maildir.h"
#include "maildir_view.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_mbox.h"
#include "imap_quote.h"
#include "imap_session.h"
#include "imap_view.h"

#define ST_MESSAGES    0x01u
#define ST_RECENT      0x02u
#define ST_UIDNEXT     0x04u
#define ST_UIDVALIDITY 0x08u
#define ST_UNSEEN      0x10u

static const struct {
	const char *name;
	unsigned bit;
} items[] = {
	{ "MESSAGES", ST_MESSAGES }, { "RECENT", ST_RECENT }, { "UIDNEXT", ST_UIDNEXT },
	{ "UIDVALIDITY", ST_UIDVALIDITY }, { "UNSEEN", ST_UNSEEN },
};

int cmd_status(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf wire = BUF_INIT(BUF_MAX_UNLIMITED);
	const struct imap_arg *l;
	unsigned want[8], nwant = 0, seen = 0;
	uint64_t val[5] = { 0, 0, 0, 0, 0 };
	const char *why = NULL;
	char *dir = NULL;
	int r;

	/* step 1: the arguments */
	if (cmd->n != 2 || !imap_arg_is_astring(&cmd->args[0]) || cmd->args[1].type != IMAP_ARG_LIST ||
	    cmd->args[1].n == 0)
		return imap_reply_bad(c, cmd, "STATUS needs a mailbox and a list of items");
	l = cmd->args[1].list;
	for (size_t i = 0; i < cmd->args[1].n; i++) {
		size_t k;

		if (l[i].type != IMAP_ARG_ATOM)
			return imap_reply_bad(c, cmd, "Unknown STATUS item");
		for (k = 0; k < sizeof(items) / sizeof(items[0]); k++)
			if (strcasecmp(l[i].str, items[k].name) == 0)
				break;
		if (k == sizeof(items) / sizeof(items[0]))
			return imap_reply_bad(c, cmd, "Unknown STATUS item");
		if ((seen & items[k].bit) == 0 && nwant < 8)
			want[nwant++] = (unsigned)k;
		seen |= items[k].bit;
	}
	if (imap_mbox_from_wire(cmd->args[0].str, cmd->args[0].len, c->utf8, false, &name,
				&why) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", why);
		goto out;
	}
	if (!maildir_folder_exists(".", name.data) ||
	    (dir = maildir_folder_dir(".", name.data, &why)) == NULL) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	/* step 2: count */
	if (c->view != NULL && strcmp(c->view->mbox, name.data) == 0) {
		struct imap_view *v = c->view;

		if (imap_send_updates(c) < 0) {
			r = -1;
			goto out;
		}
		val[0] = imap_view_count(v);
		for (size_t i = 0; i < v->msgs.n; i++) {
			if (v->msgs.v[i].in_new)
				val[1]++;
			if ((v->msgs.v[i].flags & MAILDIR_F_SEEN) == 0)
				val[4]++;
		}
		val[2] = v->mv->nextuid;
		val[3] = v->uidvalidity;
	} else {
		struct maildir_view *mv = maildir_view_open(dir, MAILDIR_VIEW_READONLY);

		if (mv == NULL) {
			r = imap_reply_tagged(c, cmd, "NO", "[UNAVAILABLE] Cannot read mailbox: %s",
					      strerror(errno));
			goto out;
		}
		val[0] = mv->msgs.n;
		for (size_t i = 0; i < mv->msgs.n; i++) {
			if (mv->msgs.v[i].m.in_new)
				val[1]++;
			if ((mv->msgs.v[i].m.flags & MAILDIR_F_SEEN) == 0)
				val[4]++;
		}
		val[2] = mv->nextuid;
		val[3] = mv->uidvalidity;
		maildir_view_free(&mv);
	}
	if (imap_mbox_to_wire(name.data, c->utf8, &wire) < 0 ||
	    buf_append_str(&line, "* STATUS ") < 0 ||
	    imap_quote_string(&line, wire.data, wire.len, c->utf8) < 0 ||
	    buf_append_str(&line, " (") < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] Mailbox name cannot be sent");
		goto out;
	}
	for (unsigned i = 0; i < nwant; i++)
		if (buf_printf(&line, "%s%s %llu", i > 0 ? " " : "", items[want[i]].name,
			       (unsigned long long)val[want[i]]) < 0)
			goto toolong;
	if (buf_putc(&line, ')') < 0)
		goto toolong;
	if (imap_reply_raw(c, &line) < 0) {
		r = -1;
		goto out;
	}
	r = imap_reply_tagged(c, cmd, "OK", "STATUS Completed.");
	goto out;
toolong:
	r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Reply too long");
out:
	free(dir);
	buf_free(&name);
	buf_free(&line);
	buf_free(&wire);
	return r < 0 ? -1 : 0;
}
