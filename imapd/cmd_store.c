/*
 * cmd_store.c - STORE and UID STORE (RFC 3501 6.4.6): FLAGS, +FLAGS,
 * -FLAGS and their .SILENT forms, system flags as maildir flag letters,
 * keywords in courierimapkeywords/ (maildir_keywords.c) when IMAP_KEYWORDS
 * allows them, Courier's quota rules for \Deleted (maildir_view_store).
 *
 * Trust:   the sequence set and the flags are the client's; every flag is
 *          checked before anything is changed.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/store*.t, multi*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "maildir.h"
#include "stream.h"
#include "xmalloc.h"
#include "imap_config.h"
#include "imap_flags.h"
#include "imap_seqset.h"
#include "imap_session.h"
#include "imap_view.h"
#include "maildir_view.h"

int cmd_store(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_seqset set = IMAP_SEQSET_INIT;
	struct imap_idxset idx = IMAP_IDXSET_INIT;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char **kws = NULL;
	const char *item, *why = NULL;
	const struct imap_arg *fl;
	size_t nfl, nkws = 0, gone = 0;
	unsigned flags = 0;
	bool silent;
	int mode, r = 0, err = 0;

	/* step 1: the arguments */
	if (cmd->n < 3 || cmd->args[0].type != IMAP_ARG_ATOM || cmd->args[1].type != IMAP_ARG_ATOM)
		return imap_reply_bad(c, cmd, "STORE needs a sequence set, an item and flags");
	item = cmd->args[1].str;
	mode = item[0] == '+' ? 1 : item[0] == '-' ? 2 : 0;
	if (mode != 0)
		item++;
	if (strcasecmp(item, "FLAGS") == 0)
		silent = false;
	else if (strcasecmp(item, "FLAGS.SILENT") == 0)
		silent = true;
	else
		return imap_reply_bad(c, cmd, "STORE item must be FLAGS, +FLAGS or -FLAGS");
	if (cmd->n == 3 && cmd->args[2].type == IMAP_ARG_LIST) {
		fl = cmd->args[2].list;
		nfl = cmd->args[2].n;
	} else {
		fl = &cmd->args[2];
		nfl = cmd->n - 2;
	}
	kws = xcalloc(IMAP_FLAGS_KEYWORDS_MAX, sizeof(*kws));
	if ((why = imap_flags_parse(fl, nfl, &flags, kws, &nkws)) != NULL) {
		r = imap_reply_bad(c, cmd, why);
		goto out;
	}
	if (imap_seqset_parse(cmd->args[0].str, cmd->args[0].len, &set, &why) < 0) {
		r = errno == E2BIG ? imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why) :
				     imap_reply_bad(c, cmd, why);
		goto out;
	}
	if (imap_view_resolve(c->view, &set, cmd->uid, &idx) < 0) {
		r = imap_reply_bad(c, cmd, "Invalid message sequence number");
		goto out;
	}
	if (c->view->readonly) {
		r = imap_reply_tagged(c, cmd, "NO", "[READ-ONLY] Mailbox is read-only");
		goto out;
	}
	if (nkws > 0 && c->cfg->keywords == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] Keywords are disabled (IMAP_KEYWORDS=0)");
		goto out;
	}
	/* step 2: change each message, answering as we go */
	for (size_t k = 0; k < idx.n; k++) {
		size_t i = idx.v[k];
		bool changed;


		if (imap_view_store(c->view, i, mode, flags, kws, nkws, &changed) < 0) {
			if (errno == ENOENT) {
				gone++;
				continue;
			}
			err = errno;
			break;
		}
		if (!silent) {
			buf_reset(&out);
			/* a new keyword is announced before the FETCH that has it */
			if (c->view->mv->kwnames.n > c->view->kw_sent &&
			    imap_view_flags_lines(c->view, true, &out) < 0) {
				r = -1;
				goto out;
			}
			if (imap_view_fetch_flags_fmt(c->view, i, cmd->uid, &out) < 0 ||
			    stream_write(c->s, out.data, out.len) < 0) {
				r = -1;
				goto out;
			}
		}
	}
	if (err == EDQUOT)
		r = imap_reply_tagged(c, cmd, "NO", "[OVERQUOTA] Mail quota exceeded");
	else if (err != 0)
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Cannot store flags: %s", strerror(err));
	else if (gone > 0)
		r = imap_reply_tagged(c, cmd, "NO", "[EXPUNGEISSUED] Some messages were expunged "
				      "by another session");
	else
		r = imap_reply_tagged(c, cmd, "OK", "STORE completed");
out:
	free(kws);
	imap_seqset_free(&set);
	imap_idxset_free(&idx);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}
