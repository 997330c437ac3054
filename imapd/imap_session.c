/*
 * imap_session.c - imapd's command table, dispatcher, replies and loop.
 *
 * Trust:   the client (logged in, still untrusted); runs as the mail user.
 * Limits:  IMAP_LINE_MAX lines, IMAP_LITERAL_MAX literals per command, the
 *          autologout idle timeout (STAFETA_TEST_IMAP_AUTOLOGOUT, 1800 s),
 *          IMAP_CONT_TIMEOUT for the rest of a command, IMAP_SESSION_BAD_MAX
 *          protocol errors in a row.
 * Errors:  BAD with the parser's reason; "* BYE" before we close.
 * Tests:   tests/protocol/run-imapd, tests/unit/imapd/test_imap_session.c
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "log.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_parser.h"
#include "imap_session.h"
#include "imap_view.h"

#define ANY_AUTH (IMAP_ST_AUTH | IMAP_ST_SELECTED)

static const struct imap_cmd_def imap_cmds[] = {
	{ "CAPABILITY",  cmd_capability,  ANY_AUTH, 0 },
	{ "NOOP",        cmd_noop,        ANY_AUTH, 0 },
	{ "LOGOUT",      cmd_logout,      ANY_AUTH, 0 },
	{ "ID",          cmd_id,          ANY_AUTH, 0 },
	{ "ENABLE",      cmd_enable,      IMAP_ST_AUTH, 0 },
	{ "NAMESPACE",   cmd_namespace,   ANY_AUTH, 0 },
	{ "CREATE",      cmd_create,      ANY_AUTH, 0 },
	{ "DELETE",      cmd_delete,      ANY_AUTH, 0 },
	{ "RENAME",      cmd_rename,      ANY_AUTH, 0 },
	{ "SUBSCRIBE",   cmd_subscribe,   ANY_AUTH, 0 },
	{ "UNSUBSCRIBE", cmd_unsubscribe, ANY_AUTH, 0 },
	{ "LIST",        cmd_list,        ANY_AUTH, 0 },
	{ "LSUB",        cmd_lsub,        ANY_AUTH, 0 },
	{ "SELECT",      cmd_select,      ANY_AUTH, 0 },
	{ "EXAMINE",     cmd_examine,     ANY_AUTH, 0 },
	{ "CLOSE",       cmd_close,       IMAP_ST_SELECTED, 0 },
	{ "UNSELECT",    cmd_unselect,    IMAP_ST_SELECTED, 0 },
	{ "CHECK",       cmd_check,       IMAP_ST_SELECTED, 0 },
	{ "EXPUNGE",     cmd_expunge,     IMAP_ST_SELECTED, IMAP_CMD_UID_OK },
	{ "STORE",       cmd_store,       IMAP_ST_SELECTED, IMAP_CMD_UID_OK | IMAP_CMD_NO_EXPUNGE },
	{ "FETCH",       cmd_fetch,       IMAP_ST_SELECTED, IMAP_CMD_UID_OK | IMAP_CMD_NO_EXPUNGE },
	{ "SEARCH",      cmd_search,      IMAP_ST_SELECTED, IMAP_CMD_UID_OK | IMAP_CMD_NO_EXPUNGE },
	{ "SORT",        cmd_sort,        IMAP_ST_SELECTED, IMAP_CMD_UID_OK | IMAP_CMD_NO_EXPUNGE },
	{ "THREAD",      cmd_thread,      IMAP_ST_SELECTED, IMAP_CMD_UID_OK | IMAP_CMD_NO_EXPUNGE },
	{ "COPY",        cmd_copy,        IMAP_ST_SELECTED, IMAP_CMD_UID_OK },
	{ "MOVE",        cmd_move,        IMAP_ST_SELECTED, IMAP_CMD_UID_OK },
	{ "APPEND",      cmd_append,      ANY_AUTH, 0 },
	{ "STATUS",      cmd_status,      ANY_AUTH, 0 },
	{ "IDLE",        cmd_idle,        ANY_AUTH, 0 },
	{ "GETQUOTA",    cmd_getquota,    ANY_AUTH, 0 },
	{ "GETQUOTAROOT", cmd_getquotaroot, ANY_AUTH, 0 },
	{ "SETQUOTA",    cmd_setquota,    ANY_AUTH, 0 },
	{ NULL, NULL, 0, 0 }
};

/* Commands a client may send in the not-authenticated state: after the
   login they are answered as out of state, not as unknown. */
static const char *const noauth_only[] = { "LOGIN", "AUTHENTICATE", "STARTTLS", NULL };

void imap_client_init(struct imap_client *c, struct stream *s, struct imap_config *cfg,
		      const char *user)
{
	struct imap_parser_limits lim = { IMAP_LINE_MAX, IMAP_LITERAL_MAX,
					  IMAP_ARGS_MAX_DEFAULT, IMAP_DEPTH_MAX_DEFAULT };

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->cfg = cfg;
	c->user = user;
	c->state = IMAP_ST_AUTH;
	c->p = imap_parser_new(&lim);
	imap_parser_set_literal_hook(c->p, imap_append_hook, c);
	buf_init(&c->line, IMAP_LINE_MAX + 2);
	buf_init(&c->out, BUF_MAX_UNLIMITED);
}

void imap_client_deinit(struct imap_client *c)
{
	imap_view_free(&c->view);
	imap_append_free(c);
	imap_parser_free(&c->p);
	buf_free(&c->line);
	buf_free(&c->out);
}

const struct imap_cmd_def *imap_cmd_lookup(const char *name)
{
	for (const struct imap_cmd_def *d = imap_cmds; d->name != NULL; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

static int send_line(struct imap_client *c, const char *fmt, va_list ap) ATTR_PRINTF(2, 0);
static int send_line(struct imap_client *c, const char *fmt, va_list ap)
{
	buf_reset(&c->out);
	if (buf_vprintf(&c->out, fmt, ap) < 0)
		panic("imapd: reply too long");
	return imap_reply_raw(c, &c->out);
}

int imap_reply_raw(struct imap_client *c, const struct buf *line)
{
	if (stream_write(c->s, line->data, line->len) < 0 || stream_write(c->s, "\r\n", 2) < 0)
		return -1;
	return 0;
}

int imap_reply_untagged(struct imap_client *c, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = send_line(c, fmt, ap);
	va_end(ap);
	return r;
}

void imap_client_unselect(struct imap_client *c)
{
	imap_view_free(&c->view);
	if (c->state == IMAP_ST_SELECTED)
		c->state = IMAP_ST_AUTH;
}

int imap_send_updates(struct imap_client *c)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	unsigned mode = (c->cmd_flags & IMAP_CMD_NO_EXPUNGE) ? 0 : IMAP_VIEW_UPD_EXPUNGE;
	int r;

	if (c->view == NULL || c->state != IMAP_ST_SELECTED)
		return 0;
	r = imap_view_update(c->view, mode, c->cfg->keywords != 0, &out);
	if (r < 0 && errno == ESTALE) {
		buf_free(&out);
		(void)imap_reply_untagged(c, "* BYE [ALERT] The mailbox was reset "
					  "(UIDVALIDITY changed), please reconnect");
		(void)stream_flush(c->s);
		c->logout = true;
		return -1;
	}
	r = out.len > 0 && stream_write(c->s, out.data, out.len) < 0 ? -1 : 0;
	buf_free(&out);
	return r;
}

int imap_reply_tagged(struct imap_client *c, const struct imap_cmd *cmd, const char *status,
		      const char *fmt, ...)
{
	struct buf text = BUF_INIT(BUF_MAX_UNLIMITED);
	va_list ap;
	int r;

	if (strcmp(status, "BAD") != 0 && !c->idle_updates_off && imap_send_updates(c) < 0)
		return -1;

	va_start(ap, fmt);
	if (buf_vprintf(&text, fmt, ap) < 0)
		panic("imapd: reply too long");
	va_end(ap);
	r = imap_reply_untagged(c, "%s %s %s", cmd->tag, status, buf_cstr(&text));
	buf_free(&text);
	if (r == 0 && stream_flush(c->s) < 0)
		r = -1;
	return r;
}

int imap_reply_bad(struct imap_client *c, const struct imap_cmd *cmd, const char *why)
{
	c->last_bad = true;
	if (imap_reply_tagged(c, cmd, "BAD", "%s", why) < 0)
		return -1;
	if (++c->bad_cmds >= IMAP_SESSION_BAD_MAX) {
		(void)imap_reply_untagged(c, "* BYE [ALERT] Fatal error: "
					  "TOO MANY CONSECUTIVE PROTOCOL VIOLATIONS");
		(void)stream_flush(c->s);
		return -1;
	}
	return 0;
}

int imap_dispatch(struct imap_client *c, const struct imap_cmd *cmd)
{
	const struct imap_cmd_def *d = imap_cmd_lookup(cmd->name);

	if (d == NULL) {
		for (size_t i = 0; noauth_only[i] != NULL; i++)
			if (strcmp(noauth_only[i], cmd->name) == 0)
				return imap_reply_bad(c, cmd, "Already logged in");
		return imap_reply_bad(c, cmd, "Unknown command");
	}
	if ((d->states & c->state) == 0)
		return imap_reply_bad(c, cmd, "Not valid in this state");
	if (cmd->uid && (d->flags & IMAP_CMD_UID_OK) == 0)
		return imap_reply_bad(c, cmd, "UID not valid with this command");
	c->cmd_flags = d->flags;
	return d->fn(c, cmd);
}

/* The parsed command, with "UID x" folded into x. */
static int run_parsed(struct imap_client *c)
{
	struct imap_cmd cmd;
	char name[IMAP_NAME_MAX + 1];

	cmd.tag = imap_parser_tag(c->p);
	cmd.name = imap_parser_name(c->p);
	cmd.args = imap_parser_args(c->p, &cmd.n);
	cmd.uid = false;
	if (strcmp(cmd.name, "UID") == 0) {
		size_t i;

		if (cmd.n == 0 || cmd.args[0].type != IMAP_ARG_ATOM ||
		    cmd.args[0].len > IMAP_NAME_MAX)
			return imap_reply_bad(c, &cmd, "UID needs a command");
		for (i = 0; i < cmd.args[0].len; i++) {
			char ch = cmd.args[0].str[i];

			name[i] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
		}
		name[i] = '\0';
		cmd.name = name;
		cmd.uid = true;
		cmd.args++;
		cmd.n--;
	}
	return imap_dispatch(c, &cmd);
}

enum imap_end imap_session_run(struct imap_client *c)
{
	for (;;) {
		int r;

		if (stream_flush(c->s) < 0)
			return IMAP_END_EOF;
		stream_set_read_timeout(c->s, (int)c->cfg->autologout);
		imap_parser_set_utf8(c->p, c->utf8);
		imap_parser_set_continuation_timeout(c->p, IMAP_CONT_TIMEOUT);
		r = imap_parser_read_command(c->p, c->s, &c->line);
		if (r <= 0)
			imap_append_free(c);	/* a bad APPEND's tmp file */
		if (r == 0)
			return IMAP_END_EOF;
		if (r < 0) {
			struct imap_cmd bad = { "*", "", false, NULL, 0 };

			if (errno == ETIMEDOUT) {
				(void)imap_reply_untagged(c, "* BYE Disconnected for inactivity.");
				(void)stream_flush(c->s);
				return IMAP_END_TIMEOUT;
			}
			if (errno == E2BIG) {
				(void)imap_reply_untagged(c, "* BYE [LIMIT] Literal too large, "
							  "closing connection.");
				(void)stream_flush(c->s);
				return IMAP_END_CLOSE;
			}
			if (errno != EMSGSIZE && errno != EPROTO)
				return IMAP_END_EOF;
			if (errno == EPROTO && imap_parser_tag(c->p) != NULL)
				bad.tag = imap_parser_tag(c->p);
			if (imap_reply_bad(c, &bad, errno == EMSGSIZE ?
					   "[LIMIT] Command line too long" :
					   imap_parser_error(c->p)) < 0)
				return IMAP_END_CLOSE;
			continue;
		}
		c->last_bad = false;
		r = run_parsed(c);
		imap_append_free(c);
		if (!c->last_bad)
			c->bad_cmds = 0;
		imap_parser_reset(c->p);
		if (c->logout)
			return IMAP_END_LOGOUT;
		if (r < 0)
			return IMAP_END_CLOSE;
	}
}
