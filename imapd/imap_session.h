/*
 * imap_session.h - imapd's session: the client state, the command table
 * with its state rules (STYLE.md section 6), the dispatcher, the reply
 * helpers and the loop with its idle timeout (Courier's 30-minute
 * autologout).  Handlers live in cmd_<family>.c.
 */
#ifndef STAFETA_IMAP_SESSION_H
#define STAFETA_IMAP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "compat.h"
#include "imap_parser.h"

struct stream;
struct imap_config;
struct imap_view;
struct imap_append;

enum imap_state { IMAP_ST_NOAUTH = 1 /* imaplogin */, IMAP_ST_AUTH = 2, IMAP_ST_SELECTED = 4 };

/* imap_cmd_def.flags */
#define IMAP_CMD_UID_OK  0x01u   /* may follow "UID" */
#define IMAP_CMD_NO_EXPUNGE 0x02u /* RFC 3501 7.4.1: no EXPUNGE responses while
				     it runs (FETCH, STORE, SEARCH, SORT,
				     THREAD, and their UID forms) */

/* Post-login line cap (bytes) and in-memory literals of one command. */
#define IMAP_LINE_MAX            65536
#define IMAP_LITERAL_MAX         65536
/* Seconds to wait for the rest of a command (literals, continuations). */
#define IMAP_CONT_TIMEOUT        60
#define IMAP_WRITE_TIMEOUT       600
/* Consecutive protocol errors before the session ends. */
#define IMAP_SESSION_BAD_MAX     10

enum imap_end { IMAP_END_LOGOUT, IMAP_END_EOF, IMAP_END_TIMEOUT, IMAP_END_CLOSE };

struct imap_client {
	struct stream       *s;
	struct imap_config  *cfg;
	struct imap_parser  *p;
	enum imap_state      state;
	const char          *user;
	bool                 utf8;        /* ENABLE UTF8=ACCEPT */
	bool                 logout;
	unsigned             bad_cmds;    /* protocol errors in a row */
	bool                 last_bad;    /* the current command got a BAD */
	struct buf           line;
	struct buf           out;         /* scratch for replies */
	struct imap_view    *view;        /* the selected mailbox (SELECTED) */
	struct imap_append  *append;      /* APPEND's message on its way to tmp/ */
	unsigned             cmd_flags;   /* the running command's IMAP_CMD_* */
	bool                 idle_updates_off; /* no automatic updates (IDLE
						sends its own) */
};

struct imap_cmd {
	const char             *tag;
	const char             *name;     /* upper case, without "UID" */
	bool                    uid;
	const struct imap_arg  *args;
	size_t                  n;
};

struct imap_cmd_def {
	const char *name;
	int       (*fn)(struct imap_client *c, const struct imap_cmd *cmd);
	unsigned    states;
	unsigned    flags;
};

void imap_client_init(struct imap_client *c, struct stream *s, struct imap_config *cfg,
		      const char *user);
void imap_client_deinit(struct imap_client *c);

/* The command table's entry for name (upper case), or NULL. */
const struct imap_cmd_def *imap_cmd_lookup(const char *name);
/* Check the state rules and run the handler.  0 = keep the session,
   -1 = close the connection (after LOGOUT or a write error). */
int imap_dispatch(struct imap_client *c, const struct imap_cmd *cmd);
/* Serve commands until LOGOUT, EOF, the idle timeout or a fatal error. */
enum imap_end imap_session_run(struct imap_client *c);

/* Replies.  Each writes one CRLF-terminated line and returns 0 or -1 (the
   client is gone).  tagged: "<tag> <status> <text>". */
int imap_reply_tagged(struct imap_client *c, const struct imap_cmd *cmd, const char *status,
		      const char *fmt, ...) ATTR_PRINTF(4, 5);
int imap_reply_untagged(struct imap_client *c, const char *fmt, ...) ATTR_PRINTF(2, 3);
/* A line built by the caller (may hold literals); CRLF is added. */
int imap_reply_raw(struct imap_client *c, const struct buf *line);
/* A BAD for a handler's argument check: counts toward IMAP_SESSION_BAD_MAX. */
int imap_reply_bad(struct imap_client *c, const struct imap_cmd *cmd, const char *why);

/* The selected mailbox's news (imap_view_update: EXPUNGE only when the
   running command allows it, see IMAP_CMD_NO_EXPUNGE), written to the
   client.  imap_reply_tagged calls it before every OK and NO while a
   mailbox is selected, so handlers need not.  0; -1 when the client is
   gone or the mailbox's UIDVALIDITY changed (then "* BYE" was sent and the
   session must end). */
int imap_send_updates(struct imap_client *c);
/* Leave the selected state (CLOSE, UNSELECT, a failed SELECT). */
void imap_client_unselect(struct imap_client *c);

/* Handlers (cmd_misc.c, cmd_mailbox.c, cmd_list.c). */
int cmd_capability(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_noop(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_logout(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_id(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_enable(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_namespace(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_create(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_delete(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_rename(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_subscribe(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_unsubscribe(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_list(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_lsub(struct imap_client *c, const struct imap_cmd *cmd);
/* cmd_select.c, cmd_store.c, cmd_copy.c, cmd_append.c, cmd_status.c,
   cmd_idle.c, cmd_quota.c */
/* cmd_append.c: the parser's literal hook (installed by imap_client_init)
   that streams APPEND's message to tmp/, and its cleanup after a command. */
int imap_append_hook(void *ctx, struct imap_parser *p, struct stream *s);
void imap_append_free(struct imap_client *c);
int cmd_select(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_examine(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_close(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_unselect(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_check(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_expunge(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_store(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_copy(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_move(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_append(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_status(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_idle(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_getquota(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_getquotaroot(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_setquota(struct imap_client *c, const struct imap_cmd *cmd);

/* cmd_fetch.c, cmd_search.c */
int cmd_fetch(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_search(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_sort(struct imap_client *c, const struct imap_cmd *cmd);
int cmd_thread(struct imap_client *c, const struct imap_cmd *cmd);

#endif
