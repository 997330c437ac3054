/*
 * pop3_cmds.h - the pop3d session: TRANSACTION-state commands of RFC 1939
 * (STAT LIST UIDL RETR TOP DELE RSET NOOP QUIT, plus CAPA) over one stream,
 * on one locked, opened INBOX, and the UPDATE state at QUIT.
 *
 * Replies are Courier's (spec/imap-pop3-behaviour.md section 5).  Each reply
 * is built whole and written with one write (RETR included, for messages up
 * to POP3_RETR_CHUNK), flushed unless more pipelined commands are waiting.
 */
#ifndef STAFETA_POP3_CMDS_H
#define STAFETA_POP3_CMDS_H

#include <stdbool.h>
#include <stdint.h>
#include "buf.h"
#include "compat.h"

struct stream;
struct maildir_pop3;

/* Bytes of a message file read (and encoded) per step of RETR/TOP. */
#define POP3_RETR_CHUNK   (1024u * 1024)
/* Cap of the reply buffer: one chunk encoded (2 x) plus the status lines. */
#define POP3_OUT_MAX      (2 * POP3_RETR_CHUNK + 4096)
/* Message fds closed together by one close_range(). */
#define POP3_RETIRE_MAX   64
/* Cap of the read-ahead reply (messages up to about half of it). */
#define POP3_AHEAD_MAX    (256u * 1024)

enum pop3_end {
	POP3_END_QUIT,       /* QUIT: deletions applied */
	POP3_END_EOF,        /* the client went away: nothing deleted */
	POP3_END_TIMEOUT,    /* idle timeout: nothing deleted */
	POP3_END_ERROR       /* write error, too many bad commands ... */
};

struct pop3_session {
	struct stream       *s;
	struct maildir_pop3 *box;
	int                  idle_timeout;   /* seconds */
	bool                 log_deletions;  /* POP3_LOG_DELETIONS */
	/* counters for the LOGOUT log line (Courier: file bytes sent) */
	uint64_t             top_bytes, retr_bytes;
	unsigned             bad_cmds;
	size_t               ndeleted_failed; /* after QUIT */
	struct buf           out;            /* the reply being built */
	struct buf           line;           /* the command being read */
	char                *filebuf;        /* POP3_RETR_CHUNK bytes */
	struct buf           ahead;          /* RETR reply of ahead_idx, built
						while waiting for the command */
	long                 ahead_idx;      /* -1: none */
	long                 ahead_want;     /* the message to read ahead, -1 */
	uint64_t             ahead_src;      /* its file bytes (LOGOUT line) */
	int                  retire_lo, retire_hi; /* read message fds not yet
						closed (-1: none) */
	bool                 quit;
	int                 *lockfd;         /* the mailbox lock (may be NULL):
						released at QUIT before the
						final reply, so a client's next
						session never finds it held */
};

/* Set up a session over s and an opened box (neither is owned). */
void pop3_session_init(struct pop3_session *ps, struct stream *s, struct maildir_pop3 *box);
void pop3_session_deinit(struct pop3_session *ps);

/* Handle one command line (CRLF already stripped).  0 = go on, -1 = end
   the session (QUIT done, or a write failed / too many bad commands). */
int pop3_session_command(struct pop3_session *ps, const char *line, size_t len);

/* Read and run commands until the session ends; the idle timeout bounds
   each wait.  QUIT applies the deletions (UPDATE state) before "+OK Bye-bye.". */
enum pop3_end pop3_session_run(struct pop3_session *ps);

#endif
