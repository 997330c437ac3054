/*
 * cmd_quota.c - GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 2087) as Courier
 * answers them (spec section 3): one root "ROOT" for every personal
 * mailbox, read from the Maildir's maildirsize; SETQUOTA is refused.
 * Without a quota the QUOTA response has an empty list (RFC 2087 syntax;
 * Courier leaves the list out, which no client needs).
 *
 * Trust:   mailbox and root names are the client's.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/quota*.t
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "maildir.h"
#include "maildir_quota.h"
#include "imap_mbox.h"
#include "imap_quote.h"
#include "imap_session.h"

/* "* QUOTA "ROOT" (...)" into line.  0, or -1 with errno. */
static int quota_line(struct buf *line)
{
	struct maildir_quota_usage u;
	int r = maildir_quota_read(".", &u);
	const char *sep = "";

	if (r < 0)
		return -1;
	if (buf_append_str(line, "* QUOTA \"ROOT\" (") < 0)
		return -1;
	if (r > 0 && u.q.has_bytes) {
		uint64_t used = u.bytes > 0 ? ((uint64_t)u.bytes + 1023) / 1024 : 0;

		if (buf_printf(line, "STORAGE %llu %llu", (unsigned long long)used,
			       (unsigned long long)(u.q.bytes / 1024)) < 0)
			return -1;
		sep = " ";
	}
	if (r > 0 && u.q.has_count &&
	    buf_printf(line, "%sMESSAGE %llu %llu", sep,
		       (unsigned long long)(u.count > 0 ? u.count : 0),
		       (unsigned long long)u.q.count) < 0)
		return -1;
	return buf_putc(line, ')');
}

int cmd_getquota(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	int r;

	if (cmd->n != 1 || !imap_arg_is_astring(&cmd->args[0]))
		return imap_reply_bad(c, cmd, "GETQUOTA takes one quota root");
	if (strcasecmp(cmd->args[0].str, "ROOT") != 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] No such quota root");
	} else if (quota_line(&line) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[UNAVAILABLE] Cannot read the quota: %s",
				      strerror(errno));
	} else {
		r = imap_reply_raw(c, &line);
		if (r == 0)
			r = imap_reply_tagged(c, cmd, "OK", "GETQUOTA Ok.");
	}
	buf_free(&line);
	return r < 0 ? -1 : 0;
}

int cmd_getquotaroot(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf line = BUF_INIT(BUF_MAX_UNLIMITED);
	struct buf wire = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL;
	int r;

	if (cmd->n != 1 || !imap_arg_is_astring(&cmd->args[0]))
		return imap_reply_bad(c, cmd, "GETQUOTAROOT takes one mailbox name");
	if (imap_mbox_from_wire(cmd->args[0].str, cmd->args[0].len, c->utf8, false, &name,
				&why) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", why);
		goto out;
	}
	if (!maildir_folder_exists(".", name.data)) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	if (imap_mbox_to_wire(name.data, c->utf8, &wire) < 0 ||
	    buf_append_str(&line, "* QUOTAROOT ") < 0 ||
	    imap_quote_string(&line, wire.data, wire.len, c->utf8) < 0 ||
	    buf_append_str(&line, " \"ROOT\"") < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] Mailbox name cannot be sent");
		goto out;
	}
	if ((r = imap_reply_raw(c, &line)) < 0)
		goto out;
	buf_reset(&line);
	if (quota_line(&line) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[UNAVAILABLE] Cannot read the quota: %s",
				      strerror(errno));
		goto out;
	}
	if ((r = imap_reply_raw(c, &line)) < 0)
		goto out;
	r = imap_reply_tagged(c, cmd, "OK", "GETQUOTAROOT Ok.");
out:
	buf_free(&name);
	buf_free(&line);
	buf_free(&wire);
	return r < 0 ? -1 : 0;
}

int cmd_setquota(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 2 || !imap_arg_is_astring(&cmd->args[0]) || cmd->args[1].type != IMAP_ARG_LIST)
		return imap_reply_bad(c, cmd, "SETQUOTA needs a quota root and a list");
	return imap_reply_tagged(c, cmd, "NO", "SETQUOTA No permission.");
}
