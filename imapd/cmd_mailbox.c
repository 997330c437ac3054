/*
 * cmd_mailbox.c - CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE on the
 * Maildir++ folders of the session's Maildir (the current directory), with
 * Courier's layout (INBOX.a.b is .a.b/) through maildir/, and RFC 5530
 * response codes on every refusal.
 *
 * Trust:   names are the client's, checked by imap_mbox.c and maildir/.
 * Runs as: the mail user, inside the Maildir.
 * Limits:  names MAILDIR_FOLDER_NAME_MAX; RENAME INBOX moves at most what
 *          INBOX holds, one rename(2) per message.
 * Tests:   tests/protocol/imap/create*.t, delete*.t, rename*.t, subscribe*.t
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "log.h"
#include "maildir.h"
#include "maildir_subs.h"
#include "imap_config.h"
#include "imap_mbox.h"
#include "imap_session.h"

/* Mailbox argument idx as an internal name in out.  0 = ok; 1 = refused
   (the reply is sent); -1 = the client is gone. */
static int mbox_arg(struct imap_client *c, const struct imap_cmd *cmd, size_t idx, bool strip,
		    struct buf *out)
{
	const char *error;

	if (idx >= cmd->n || !imap_arg_is_astring(&cmd->args[idx]))
		return imap_reply_bad(c, cmd, "Missing mailbox name") < 0 ? -1 : 1;
	if (imap_mbox_from_wire(cmd->args[idx].str, cmd->args[idx].len, c->utf8, strip, out,
				&error) < 0)
		return imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", error) < 0 ? -1 : 1;
	return 0;
}

static const char *code_for(int e)
{
	return e == EEXIST ? "[ALREADYEXISTS]" : e == ENOENT ? "[NONEXISTENT]" :
	       e == EDQUOT ? "[OVERQUOTA]" : e == ENOSPC ? "[LIMIT]" : "[CANNOT]";
}

int cmd_create(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	const char *error;
	int r;

	if (cmd->n != 1)
		return imap_reply_bad(c, cmd, "CREATE takes one mailbox name");
	if ((r = mbox_arg(c, cmd, 0, true, &name)) != 0)
		goto out;
	if (strcmp(name.data, "INBOX") == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[ALREADYEXISTS] INBOX always exists");
		goto out;
	}
	if (maildir_folder_create(".", name.data, 0700, &error) < 0) {
		int e = errno;

		r = imap_reply_tagged(c, cmd, "NO", "%s %s", code_for(e), error);
		goto out;
	}
	r = imap_reply_tagged(c, cmd, "OK", "CREATE completed");
out:
	buf_free(&name);
	return r < 0 ? -1 : 0;
}

int cmd_delete(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	const char *error;
	int r;

	if (cmd->n != 1)
		return imap_reply_bad(c, cmd, "DELETE takes one mailbox name");
	if ((r = mbox_arg(c, cmd, 0, true, &name)) != 0)
		goto out;
	if (strcmp(name.data, "INBOX") == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] INBOX cannot be deleted");
		goto out;
	}
	if (strcmp(name.data + 6, c->cfg->trashfoldername) == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] The Trash folder cannot be deleted");
		goto out;
	}
	if (!maildir_folder_exists(".", name.data)) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	if (maildir_folder_delete(".", name.data, &error) < 0) {
		int e = errno;

		r = imap_reply_tagged(c, cmd, "NO", "%s %s", code_for(e), error);
		goto out;
	}
	r = imap_reply_tagged(c, cmd, "OK", "DELETE completed");
out:
	buf_free(&name);
	return r < 0 ? -1 : 0;
}

/* RFC 3501 6.3.5: renaming INBOX moves its messages into a new folder and
   leaves INBOX empty (its sub-folders stay).  Flags travel in the names. */
static int rename_inbox(const char *newname, const char **error_r)
{
	static const char *const subs[] = { "cur", "new" };
	char *dir;
	struct buf from = BUF_INIT(MAILDIR_PATH_MAX), to = BUF_INIT(MAILDIR_PATH_MAX);
	int r = 0;

	if (maildir_folder_create(".", newname, 0700, error_r) < 0)
		return -1;
	dir = maildir_folder_dir(".", newname, error_r);
	if (dir == NULL)
		return -1;
	for (size_t i = 0; i < 2 && r == 0; i++) {
		DIR *d = opendir(subs[i]);
		struct dirent *de;

		if (d == NULL)
			continue;
		while (r == 0 && (de = readdir(d)) != NULL) {
			if (!maildir_name_is_valid(de->d_name))
				continue;
			buf_reset(&from);
			buf_reset(&to);
			if (buf_printf(&from, "%s/%s", subs[i], de->d_name) < 0 ||
			    buf_printf(&to, "%s/%s/%s", dir, subs[i], de->d_name) < 0 ||
			    (rename(from.data, to.data) < 0 && errno != ENOENT)) {
				*error_r = "Cannot move a message out of INBOX";
				r = -1;
			}
		}
		closedir(d);
	}
	free(dir);
	buf_free(&from);
	buf_free(&to);
	return r;
}

int cmd_rename(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf from = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf to = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	const char *error;
	int r;

	if (cmd->n != 2)
		return imap_reply_bad(c, cmd, "RENAME takes two mailbox names");
	if ((r = mbox_arg(c, cmd, 0, false, &from)) != 0 ||
	    (r = mbox_arg(c, cmd, 1, true, &to)) != 0)
		goto out;
	if (strcmp(to.data, "INBOX") == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[ALREADYEXISTS] INBOX always exists");
		goto out;
	}
	if (strcmp(from.data, "INBOX") != 0 && !maildir_folder_exists(".", from.data)) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	if (maildir_folder_exists(".", to.data)) {
		r = imap_reply_tagged(c, cmd, "NO", "[ALREADYEXISTS] Mailbox already exists");
		goto out;
	}
	if (strcmp(from.data, "INBOX") == 0 ? rename_inbox(to.data, &error) < 0 :
	    maildir_folder_rename(".", from.data, to.data, &error) < 0) {
		int e = errno;

		r = imap_reply_tagged(c, cmd, "NO", "%s %s", code_for(e), error);
		goto out;
	}
	if (strcmp(from.data, "INBOX") != 0 && maildir_subs_rename(".", from.data, to.data) < 0)
		log_msg(LOGL_WARN, "RENAME: cannot update %s: %s", MAILDIR_SUBS_FILE,
			strerror(errno));
	r = imap_reply_tagged(c, cmd, "OK", "RENAME completed");
out:
	buf_free(&from);
	buf_free(&to);
	return r < 0 ? -1 : 0;
}

static int subscription(struct imap_client *c, const struct imap_cmd *cmd, bool add)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	int r;

	if (cmd->n != 1)
		return imap_reply_bad(c, cmd, add ? "SUBSCRIBE takes one mailbox name" :
				      "UNSUBSCRIBE takes one mailbox name");
	if ((r = mbox_arg(c, cmd, 0, false, &name)) != 0)
		goto out;
	if (add && !maildir_folder_exists(".", name.data)) {
		r = imap_reply_tagged(c, cmd, "NO", "[NONEXISTENT] Mailbox does not exist");
		goto out;
	}
	if ((add ? maildir_subs_add(".", name.data) : maildir_subs_remove(".", name.data)) < 0) {
		int e = errno;

		log_msg(LOGL_ERR, "%s: %s: %s", add ? "SUBSCRIBE" : "UNSUBSCRIBE",
			MAILDIR_SUBS_FILE, strerror(e));
		r = imap_reply_tagged(c, cmd, "NO", "%s Cannot update the subscriptions",
				      e == EFBIG ? "[LIMIT]" : "[SERVERBUG]");
		goto out;
	}
	r = imap_reply_tagged(c, cmd, "OK", add ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
out:
	buf_free(&name);
	return r < 0 ? -1 : 0;
}

int cmd_subscribe(struct imap_client *c, const struct imap_cmd *cmd)
{
	return subscription(c, cmd, true);
}

int cmd_unsubscribe(struct imap_client *c, const struct imap_cmd *cmd)
{
	return subscription(c, cmd, false);
}
