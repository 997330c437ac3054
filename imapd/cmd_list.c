/*
 * cmd_list.c - LIST and LSUB (RFC 3501 6.3.8, 6.3.9) with Courier's
 * attributes (spec section 4): \Noselect for hierarchy levels that are no
 * folder, \Marked/\Unmarked (new mail) for INBOX or, with
 * IMAP_CHECK_ALL_FOLDERS, every folder, \HasChildren/\HasNoChildren
 * (\Noinferiors with IMAP_OBSOLETE_CLIENT), and RFC 6154 special-use
 * attributes by name when SPECIAL-USE is advertised.  Names are always
 * quoted.
 *
 * Trust:   patterns are the client's; the folder list comes from disk
 *          (maildir_folder_list skips symlinks and invalid names).
 * Runs as: the mail user, inside the Maildir.
 * Limits:  IMAP_PATTERN_WILDCARDS_MAX wildcards; matching is linear per name.
 * Tests:   tests/protocol/imap/list*.t, lsub*.t; tests/unit/imapd/test_imap_mbox.c
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "maildir.h"
#include "maildir_subs.h"
#include "xmalloc.h"
#include "imap_capa.h"
#include "imap_config.h"
#include "imap_mbox.h"
#include "imap_quote.h"
#include "imap_session.h"

/* The pattern of LIST/LSUB: reference + mailbox, decoded.  0 = ok with
   *empty_r telling "" was asked; 1 = refused (reply sent); -1 = gone. */
static int get_pattern(struct imap_client *c, const struct imap_cmd *cmd, struct buf *pat,
		       bool *empty_r)
{
	const char *error;

	if (cmd->n != 2 || !imap_arg_is_astring(&cmd->args[0]) ||
	    !imap_arg_is_astring(&cmd->args[1]))
		return imap_reply_bad(c, cmd, "Needs a reference and a mailbox pattern") < 0 ? -1 : 1;
	*empty_r = cmd->args[1].len == 0;
	if (imap_mbox_pattern_from_wire(cmd->args[0].str, cmd->args[0].len, c->utf8, pat,
					&error) < 0 ||
	    imap_mbox_pattern_from_wire(cmd->args[1].str, cmd->args[1].len, c->utf8, pat,
					&error) < 0)
		return imap_reply_tagged(c, cmd, "NO", "[CANNOT] %s", error) < 0 ? -1 : 1;
	if (imap_mbox_wildcards(buf_cstr(pat)) > IMAP_PATTERN_WILDCARDS_MAX)
		return imap_reply_tagged(c, cmd, "NO", "[LIMIT] Too many wildcards in the pattern") < 0 ?
			-1 : 1;
	return 0;
}

static bool has_new_mail(const char *name)
{
	const char *error;
	char *dir = maildir_folder_dir(".", name, &error);
	struct buf p = BUF_INIT(MAILDIR_PATH_MAX);
	DIR *d;
	struct dirent *de;
	bool found = false;

	if (dir == NULL || buf_printf(&p, "%s/new", dir) < 0 || (d = opendir(p.data)) == NULL) {
		free(dir);
		buf_free(&p);
		return false;
	}
	while (!found && (de = readdir(d)) != NULL)
		found = maildir_name_is_valid(de->d_name);
	closedir(d);
	free(dir);
	buf_free(&p);
	return found;
}

/* "* <verb> (<attrs>) "." <name>"; 0, or -1 when the client is gone.
   Names that cannot be written in the client's form are left out. */
static int list_line(struct imap_client *c, const char *verb, const char *attrs,
		     const char *name)
{
	struct buf wire = BUF_INIT(4 * MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf line = BUF_INIT(8 * MAILDIR_FOLDER_NAME_MAX + 64);
	int r = 0;

	if (imap_mbox_to_wire(name, c->utf8, &wire) == 0) {
		if (buf_printf(&line, "* %s (%s) \".\" ", verb, attrs) < 0 ||
		    imap_quote_string(&line, wire.data, wire.len, c->utf8) < 0)
			panic("imapd: LIST line too long");
		r = imap_reply_raw(c, &line);
	}
	buf_free(&wire);
	buf_free(&line);
	return r;
}

static void add_attr(struct buf *a, const char *attr)
{
	if ((a->len > 0 && buf_putc(a, ' ') < 0) || buf_append_str(a, attr) < 0)
		panic("imapd: LIST attributes too long");
}

int cmd_list(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf pat = BUF_INIT(2 * MAILDIR_FOLDER_NAME_MAX + 16), attrs = BUF_INIT(256);
	struct maildir_folder_list list = MAILDIR_FOLDER_LIST_INIT;
	bool empty, special = imap_capa_has(c->cfg->capability, "SPECIAL-USE") ||
			      (c->cfg->tls && imap_capa_has(c->cfg->capability_tls, "SPECIAL-USE"));
	int r;

	if ((r = get_pattern(c, cmd, &pat, &empty)) != 0)
		goto out;
	if (empty) {
		/* the hierarchy delimiter and the root */
		r = imap_reply_untagged(c, "* LIST (\\Noselect) \".\" \"\"");
		if (r == 0)
			r = imap_reply_tagged(c, cmd, "OK", "LIST completed");
		goto out;
	}
	if (maildir_folder_list(".", &list) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Cannot read the folder list");
		goto out;
	}
	for (size_t i = 0; i < list.n && r == 0; i++) {
		const struct maildir_folder_info *f = &list.f[i];
		const char *su;

		if (!imap_mbox_match(buf_cstr(&pat), f->name))
			continue;
		buf_reset(&attrs);
		if (!f->exists)
			add_attr(&attrs, "\\Noselect");
		else if (strcmp(f->name, "INBOX") == 0 || c->cfg->check_all_folders)
			add_attr(&attrs, has_new_mail(f->name) ? "\\Marked" : "\\Unmarked");
		if (f->has_children)
			add_attr(&attrs, "\\HasChildren");
		else
			add_attr(&attrs, c->cfg->obsolete_client ? "\\Noinferiors" : "\\HasNoChildren");
		if (special && f->exists &&
		    (su = imap_mbox_special_use(f->name, c->cfg->trashfoldername)) != NULL)
			add_attr(&attrs, su);
		r = list_line(c, "LIST", buf_cstr(&attrs), f->name);
	}
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "LIST completed");
out:
	maildir_folder_list_free(&list);
	buf_free(&pat);
	buf_free(&attrs);
	return r < 0 ? -1 : 0;
}

static bool seen(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

int cmd_lsub(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf pat = BUF_INIT(2 * MAILDIR_FOLDER_NAME_MAX + 16);
	struct maildir_subs subs = MAILDIR_SUBS_INIT;
	char **implied = NULL;
	size_t nimplied = 0;
	bool empty;
	int r;

	if ((r = get_pattern(c, cmd, &pat, &empty)) != 0)
		goto out;
	if (empty) {
		r = imap_reply_untagged(c, "* LSUB (\\Noselect) \".\" \"\"");
		if (r == 0)
			r = imap_reply_tagged(c, cmd, "OK", "LSUB completed");
		goto out;
	}
	if (maildir_subs_read(".", &subs) < 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Cannot read the subscriptions");
		goto out;
	}
	for (size_t i = 0; i < subs.n && r == 0; i++) {
		const char *name = subs.name[i];

		if (imap_mbox_match(buf_cstr(&pat), name)) {
			r = list_line(c, "LSUB", "", name);
			continue;
		}
		/* RFC 3501 6.3.9: a level above a subscribed name that the
		   pattern matches, itself unsubscribed, is listed \Noselect */
		for (const char *dot = strchr(name, '.'); dot != NULL && r == 0;
		     dot = strchr(dot + 1, '.')) {
			char *parent = xstrndup(name, (size_t)(dot - name));

			if (imap_mbox_match(buf_cstr(&pat), parent) && !maildir_subs_has(&subs, parent) &&
			    !seen(implied, nimplied, parent)) {
				r = list_line(c, "LSUB", "\\Noselect", parent);
				implied = xreallocarray(implied, nimplied + 1, sizeof(*implied));
				implied[nimplied++] = parent;
			} else {
				free(parent);
			}
		}
	}
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "LSUB completed");
out:
	for (size_t i = 0; i < nimplied; i++)
		free(implied[i]);
	free(implied);
	maildir_subs_free(&subs);
	buf_free(&pat);
	return r < 0 ? -1 : 0;
}
