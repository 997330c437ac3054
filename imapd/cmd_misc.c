/*
 * cmd_misc.c - CAPABILITY, NOOP, LOGOUT, ID, ENABLE, NAMESPACE in imapd.
 *
 * Trust:   arguments are the client's, checked before anything is sent.
 * Runs as: the mail user.
 * Tests:   tests/protocol/imap/session*.t, namespace.t, enable.t
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "log.h"
#include "imap_capa.h"
#include "imap_config.h"
#include "imap_session.h"

int cmd_capability(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_capa_state st = { c->cfg->tls, false, false };
	struct buf capa = BUF_INIT(4096);
	int r;

	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "CAPABILITY takes no arguments");
	if (imap_capa_build(&capa, c->cfg, &st, IMAP_CAPA_POSTLOGIN) < 0)
		panic("imapd: capability list too long");
	r = imap_reply_untagged(c, "* CAPABILITY %s", buf_cstr(&capa));
	buf_free(&capa);
	return r < 0 ? -1 : imap_reply_tagged(c, cmd, "OK", "CAPABILITY completed");
}

int cmd_noop(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "NOOP takes no arguments");
	return imap_reply_tagged(c, cmd, "OK", "NOOP completed");
}

int cmd_logout(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "LOGOUT takes no arguments");
	c->logout = true;
	if (imap_reply_untagged(c, "* BYE Courier-IMAP server shutting down") < 0)
		return -1;
	return imap_reply_tagged(c, cmd, "OK", "LOGOUT completed");
}

int cmd_id(struct imap_client *c, const struct imap_cmd *cmd)
{
	if (!imap_args_id_ok(cmd->args, cmd->n))
		return imap_reply_bad(c, cmd, "ID takes NIL or a list of field/value strings");
	if (imap_reply_untagged(c, "* ID (\"name\" \"Courier-IMAP\")") < 0)
		return -1;
	return imap_reply_tagged(c, cmd, "OK", "ID completed");
}

/* RFC 5161: atoms; only UTF8=ACCEPT is known (Courier's one).  Unknown
   extensions are ignored, as the RFC says. */
int cmd_enable(struct imap_client *c, const struct imap_cmd *cmd)
{
	bool utf8 = false;

	if (cmd->n == 0)
		return imap_reply_bad(c, cmd, "ENABLE needs at least one capability");
	for (size_t i = 0; i < cmd->n; i++) {
		if (cmd->args[i].type != IMAP_ARG_ATOM)
			return imap_reply_bad(c, cmd, "ENABLE takes capability names");
		if (strcasecmp(cmd->args[i].str, "UTF8=ACCEPT") == 0)
			utf8 = true;
	}
	if (utf8 && !c->utf8) {
		c->utf8 = true;
		if (imap_reply_untagged(c, "* ENABLED UTF8=ACCEPT") < 0)
			return -1;
	} else if (imap_reply_untagged(c, "* ENABLED") < 0) {
		return -1;
	}
	return imap_reply_tagged(c, cmd, "OK", "Options enabled");
}

/* Courier's reply; the shared namespaces appear when this installation has
   shared folders: the virtual ones (#shared., IMAP_SHAREDINDEXFILE) or the
   filesystem ones (shared., the Maildir's shared-folders directory). */
int cmd_namespace(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct stat st;
	bool virt = c->cfg->sharedindexfile != NULL && *c->cfg->sharedindexfile != '\0' &&
		    stat(c->cfg->sharedindexfile, &st) == 0;
	bool fs = lstat("shared-folders", &st) == 0 && S_ISDIR(st.st_mode);
	int r;

	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "NAMESPACE takes no arguments");
	if (!virt && !fs)
		r = imap_reply_untagged(c, "* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL");
	else
		r = imap_reply_untagged(c, "* NAMESPACE ((\"INBOX.\" \".\")) NIL (%s%s)",
					virt ? "(\"#shared.\" \".\")" : "",
					fs ? "(\"shared.\" \".\")" : "");
	return r < 0 ? -1 : imap_reply_tagged(c, cmd, "OK", "NAMESPACE completed");
}
