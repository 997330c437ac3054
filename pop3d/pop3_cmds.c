/*
 * pop3_cmds.c - pop3d's command table, dispatcher and handlers.
 *
 * Trust:   command lines are the client's (parsed by pop3_proto.c); message
 *          files are the mailbox's (any bytes: pop3_msg.c encodes them).
 * Runs as: the mailbox owner, never root.
 * Limits:  lines POP3_LINE_MAX; replies built in a buffer capped at
 *          POP3_OUT_MAX, files read POP3_RETR_CHUNK at a time; idle timeout
 *          per command; POP3_BAD_COMMANDS_MAX invalid commands in a row.
 * Errors:  -ERR with Courier's text; a vanished file is "-ERR Can't open the
 *          message file - it's gone!", the session goes on.
 * Tests:   tests/unit/pop3d/test_pop3_cmds.c, tests/protocol/pop3/ *.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "log.h"
#include "maildir_lock.h"
#include "maildir_pop3.h"
#include "stream.h"
#include "xmalloc.h"
#include "pop3_cmds.h"
#include "pop3_msg.h"
#include "pop3_proto.h"

struct pop3_cmd_def {
	const char *name;
	int (*fn)(struct pop3_session *ps, const struct pop3_cmd *cmd);
};

#define ERR_INVALID_CMD  "-ERR Invalid command.\r\n"
#define ERR_INVALID_MSG  "-ERR Invalid message number.\r\n"
#define ERR_BAD_MSGNUM   "-ERR Invalid message number: digits only, after one space.\r\n"
#define ERR_BAD_LINES    "-ERR Invalid line count: digits only (no sign), at most 2^63-1.\r\n"

/* Message files are closed in runs: each RETR opens the lowest free fd, so
   the fds of consecutive messages are consecutive, and one close_range()
   closes up to POP3_RETIRE_MAX of them (a syscall costs 1.3 us on a VM;
   20% of reading a 4 KB message).  Flushed before pop3d waits for input
   and at the end of the session. */
static void fd_retire_flush(struct pop3_session *ps)
{
	if (ps->retire_lo < 0)
		return;
	fd_close_range((unsigned)ps->retire_lo, (unsigned)ps->retire_hi);
	ps->retire_lo = ps->retire_hi = -1;
}

static void fd_retire(struct pop3_session *ps, int fd)
{
	if (ps->retire_lo >= 0 && fd == ps->retire_hi + 1 &&
	    fd - ps->retire_lo < POP3_RETIRE_MAX) {
		ps->retire_hi = fd;
		return;
	}
	fd_retire_flush(ps);
	ps->retire_lo = ps->retire_hi = fd;
}

void pop3_session_init(struct pop3_session *ps, struct stream *s, struct maildir_pop3 *box)
{
	memset(ps, 0, sizeof(*ps));
	ps->s = s;
	ps->box = box;
	ps->idle_timeout = POP3_IDLE_TIMEOUT;
	buf_init(&ps->out, POP3_OUT_MAX);
	buf_init(&ps->line, POP3_LINE_MAX + 2);
	buf_init(&ps->ahead, POP3_AHEAD_MAX);
	ps->ahead_idx = ps->ahead_want = -1;
	ps->retire_lo = ps->retire_hi = -1;
	ps->filebuf = xmalloc(POP3_RETR_CHUNK);
}

void pop3_session_deinit(struct pop3_session *ps)
{
	fd_retire_flush(ps);
	buf_free(&ps->out);
	buf_free(&ps->line);
	buf_free(&ps->ahead);
	free(ps->filebuf);
	ps->filebuf = NULL;
}

/* Send what is in ps->out; keep it buffered while more commands wait. */
static int reply_send(struct pop3_session *ps)
{
	int r = stream_write(ps->s, ps->out.data, ps->out.len);

	buf_reset(&ps->out);
	if (r < 0)
		return -1;
	if (stream_input_pending(ps->s) == 0 && stream_flush(ps->s) < 0)
		return -1;
	return 0;
}

static int reply(struct pop3_session *ps, const char *text)
{
	if (buf_append_str(&ps->out, text) < 0)
		panic("pop3d: reply too long");
	return reply_send(ps);
}

/* Message number n (1-based) of the args, not deleted: index, or -1 after
   the error reply (-2 if even that failed). */
static long msg_arg(struct pop3_session *ps, const char *args, const char **rest_r)
{
	unsigned long n;

	if (pop3_arg_msgnum(args, &n, rest_r) < 0)
		return reply(ps, ERR_BAD_MSGNUM) < 0 ? -2 : -1;
	if (n == 0 || n > ps->box->n || ps->box->m[n - 1].deleted)
		return reply(ps, ERR_INVALID_MSG) < 0 ? -2 : -1;
	return (long)(n - 1);
}

static int cmd_stat(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	uint64_t count = 0, octets = 0;
	size_t i;

	for (i = 0; i < ps->box->n; i++) {
		if (ps->box->m[i].deleted)
			continue;
		count++;
		octets += ps->box->m[i].size;
	}
	if (buf_printf(&ps->out, "+OK %llu %llu\r\n", (unsigned long long)count,
		       (unsigned long long)octets) < 0)
		panic("pop3d: reply too long");
	return reply_send(ps);
}

/* Append one listing line, sending the buffer when it fills up. */
static int list_line(struct pop3_session *ps, size_t i, bool uidl)
{
	char u[MAILDIR_UIDL_MAX];
	int r;

	if (ps->out.len > POP3_OUT_MAX - 512) {
		if (stream_write(ps->s, ps->out.data, ps->out.len) < 0)
			return -1;
		buf_reset(&ps->out);
	}
	if (uidl)
		r = buf_printf(&ps->out, "%zu %s\r\n", i + 1,
			       maildir_pop3_msg_uidl(&ps->box->m[i], u));
	else
		r = buf_printf(&ps->out, "%zu %llu\r\n", i + 1,
			       (unsigned long long)ps->box->m[i].size);
	if (r < 0)
		panic("pop3d: listing line too long");
	return 0;
}

static int cmd_list_common(struct pop3_session *ps, const struct pop3_cmd *cmd, bool uidl)
{
	size_t i;
	long idx;
	const char *p = cmd->args;
	char u[MAILDIR_UIDL_MAX];

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0') {
		if ((idx = msg_arg(ps, cmd->args, NULL)) < 0)
			return idx == -1 ? 0 : -1;
		if (uidl)
			(void)!buf_printf(&ps->out, "+OK %ld %s\r\n", idx + 1,
					  maildir_pop3_msg_uidl(&ps->box->m[idx], u));
		else
			(void)!buf_printf(&ps->out, "+OK %ld %llu\r\n", idx + 1,
					  (unsigned long long)ps->box->m[idx].size);
		return reply_send(ps);
	}
	if (buf_append_str(&ps->out, uidl ? "+OK\r\n" :
			   "+OK POP3 clients that break here, they violate STD53.\r\n") < 0)
		panic("pop3d: reply too long");
	for (i = 0; i < ps->box->n; i++)
		if (!ps->box->m[i].deleted && list_line(ps, i, uidl) < 0)
			return -1;
	if (buf_append_str(&ps->out, ".\r\n") < 0)
		panic("pop3d: reply too long");
	return reply_send(ps);
}

static int cmd_list(struct pop3_session *ps, const struct pop3_cmd *cmd)
{
	return cmd_list_common(ps, cmd, false);
}

static int cmd_uidl(struct pop3_session *ps, const struct pop3_cmd *cmd)
{
	return cmd_list_common(ps, cmd, true);
}

/* The message on fd, encoded after its status line into out.  The file is
   read in pieces of at most its expected size + 1 (m->bytes, from its name
   or the scan): Maildir files never change, so a short read once that much
   has arrived is its end, and a 4 KB message costs openat, read and close.  A file longer than
   expected is fstat()ed (a regular file, read up to its size then), so
   nothing else in cur/ can make it endless.  When out would pass its cap,
   spill writes it to the stream (*spilled set) or, when false, the result
   is ENC_TOO_BIG. */
enum enc_result { ENC_OK, ENC_READ_ERROR, ENC_WRITE_ERROR, ENC_TOO_BIG };

static enum enc_result encode_file(struct pop3_session *ps, const struct maildir_pop3_msg *m,
				   int fd, struct pop3_enc *enc, struct buf *out, bool spill,
				   bool *spilled)
{
	uint64_t left = m->bytes < UINT64_MAX ? m->bytes + 1 : UINT64_MAX, got = 0;
	bool checked = false;

	while (!pop3_enc_is_done(enc)) {
		size_t ask = left < POP3_RETR_CHUNK ? (size_t)left : POP3_RETR_CHUNK;
		ssize_t n;

		if (ask == 0) {
			struct stat st;
			/* longer than expected: take what the file really holds */
			if (checked)
				break;
			if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
				errno = EINVAL;
				return ENC_READ_ERROR;
			}
			checked = true;
			left = (uint64_t)st.st_size > got ? (uint64_t)st.st_size - got : 0;
			continue;
		}
		n = read(fd, ps->filebuf, ask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return ENC_READ_ERROR;
		}
		if (n == 0)
			break;
		left -= (uint64_t)n;
		got += (uint64_t)n;
		/* room for the worst case of this piece (every byte a LF) */
		if (out->len + 2 * (size_t)n + 2 > out->max - 8) {
			if (!spill)
				return ENC_TOO_BIG;
			if (stream_write(ps->s, out->data, out->len) < 0)
				return ENC_WRITE_ERROR;
			buf_reset(out);
			*spilled = true;
		}
		if (pop3_enc_feed(enc, out, ps->filebuf, (size_t)n) < 0)
			panic("pop3d: RETR chunk does not fit the reply buffer");
		if (spill && out->len >= POP3_RETR_CHUNK) {
			if (stream_write(ps->s, out->data, out->len) < 0)
				return ENC_WRITE_ERROR;
			buf_reset(out);
			*spilled = true;
		}
		/* Short of what was asked, with all that was expected read: the
		   end of the file, without one more read to be told so.  Short
		   before that (a FUSE or network file system may return less
		   than asked mid-file) reads on until read() says 0. */
		if ((size_t)n < ask && !checked && got >= m->bytes)
			break;
	}
	if (pop3_enc_finish(enc, out) < 0 || buf_append_str(out, ".\r\n") < 0)
		return ENC_TOO_BIG;
	return ENC_OK;
}

static void status_line(struct buf *out, const struct maildir_pop3_msg *m, bool top)
{
	if (!top)
		(void)!buf_printf(out, "+OK %llu octets follow.\r\n", (unsigned long long)m->size);
	else
		(void)!buf_append_str(out, "+OK headers follow.\r\n");
}

/* RETR (top false) and TOP (lines < 0: all of it): the status line, the
   encoded message and the final dot, in one write when the message fits in
   one chunk.  0: sent; 1: an -ERR went out instead; -1: end the session. */
static int send_message(struct pop3_session *ps, size_t idx, bool top, long long lines)
{
	struct maildir_pop3_msg *m = &ps->box->m[idx];
	struct pop3_enc enc;
	size_t oldlen = ps->out.len;
	bool sent = false;
	enum enc_result r;
	int fd;

	fd = maildir_pop3_msg_open(ps->box, idx);
	if (fd < 0 && errno == EMFILE) {
		fd_retire_flush(ps);     /* a low RLIMIT_NOFILE: no fds held back */
		fd = maildir_pop3_msg_open(ps->box, idx);
	}
	if (fd < 0) {
		log_msg(LOGL_ERR, "pop3d: cannot open message %s: %s", m->name, strerror(errno));
		return reply(ps, errno == ENOENT ?
			     "-ERR Can't open the message file - it's gone!\r\n" :
			     "-ERR Can't open the message file.\r\n") < 0 ? -1 : 1;
	}
	status_line(&ps->out, m, top);
	pop3_enc_init(&enc, top ? lines : -1);
	r = encode_file(ps, m, fd, &enc, &ps->out, true, &sent);
	if (r == ENC_READ_ERROR)
		log_msg(LOGL_ERR, "I/O error while reading message file %s: %s", m->name,
			strerror(errno));
	fd_retire(ps, fd);
	if (r == ENC_TOO_BIG)
		panic("pop3d: reply too long");
	if (r == ENC_WRITE_ERROR || (r == ENC_READ_ERROR && sent))
		return -1;    /* part of it is out: only ending the connection tells */
	if (r == ENC_READ_ERROR) {
		buf_truncate(&ps->out, oldlen);
		return reply(ps, "-ERR Can't read the message file.\r\n") < 0 ? -1 : 1;
	}
	if (!top)
		ps->retr_bytes += enc.src_bytes;
	else
		ps->top_bytes += enc.src_bytes;
	return reply_send(ps);
}

/* Read-ahead: clients that download everything (fetchmail, getmail, mpop)
   ask for RETR n+1 after RETR n.  While pop3d would only wait for that
   command, it builds the whole reply of message n+1 (up to
   POP3_AHEAD_MAX) into ps->ahead, so the RETR that follows is one write.
   Any other command leaves it unused; message files never change, so the
   reply is the same as one built later. */
static void read_ahead(struct pop3_session *ps)
{
	long idx = ps->ahead_want;
	struct maildir_pop3_msg *m;
	struct pop3_enc enc;
	int fd;

	ps->ahead_want = -1;
	ps->ahead_idx = -1;
	if (idx < 0 || (size_t)idx >= ps->box->n)
		return;
	m = &ps->box->m[idx];
	if (m->deleted || m->bytes > POP3_AHEAD_MAX / 2 - 64)
		return;
	fd = maildir_pop3_msg_open(ps->box, (size_t)idx);
	if (fd < 0)
		return;      /* the RETR itself will say why */
	buf_reset(&ps->ahead);
	status_line(&ps->ahead, m, false);
	pop3_enc_init(&enc, -1);
	if (encode_file(ps, m, fd, &enc, &ps->ahead, false, NULL) == ENC_OK) {
		ps->ahead_idx = idx;
		ps->ahead_src = enc.src_bytes;
	}
	fd_retire(ps, fd);
}

static int cmd_retr(struct pop3_session *ps, const struct pop3_cmd *cmd)
{
	long idx = msg_arg(ps, cmd->args, NULL);
	int seen;

	if (idx < 0)
		return idx == -1 ? 0 : -1;
	if (idx == ps->ahead_idx) {
		ps->ahead_idx = -1;
		if (stream_write(ps->s, ps->ahead.data, ps->ahead.len) < 0)
			return -1;
		ps->retr_bytes += ps->ahead_src;
		if (stream_input_pending(ps->s) == 0 && stream_flush(ps->s) < 0)
			return -1;
	} else {
		int r = send_message(ps, (size_t)idx, false, -1);
		if (r != 0)
			return r < 0 ? -1 : 0;   /* -ERR: not retrieved, not seen */
	}
	ps->ahead_want = (size_t)idx + 1 < ps->box->n ? idx + 1 : -1;
	/* Courier marks the message seen right away, QUIT or not */
	seen = maildir_pop3_msg_seen(ps->box, (size_t)idx);
	if (seen < 0 && errno == EMFILE) {
		fd_retire_flush(ps);      /* a low RLIMIT_NOFILE */
		seen = maildir_pop3_msg_seen(ps->box, (size_t)idx);
	}
	if (seen < 0)
		log_msg(LOGL_WARN, "pop3d: cannot mark %s seen: %s", ps->box->m[idx].name,
			strerror(errno));
	return 0;
}

static int cmd_top(struct pop3_session *ps, const struct pop3_cmd *cmd)
{
	const char *rest;
	unsigned long n;
	long long lines;
	long idx;
	int r;

	/* the line count is checked before the number's range */
	if (pop3_arg_msgnum(cmd->args, &n, &rest) < 0)
		return reply(ps, ERR_BAD_MSGNUM);
	r = pop3_arg_lines(rest, &lines);
	if (r == -1)
		return reply(ps, ERR_INVALID_CMD);
	if (r < 0)
		return reply(ps, ERR_BAD_LINES);
	if ((idx = msg_arg(ps, cmd->args, &rest)) < 0)
		return idx == -1 ? 0 : -1;
	return send_message(ps, (size_t)idx, true, lines) < 0 ? -1 : 0;
}

static int cmd_dele(struct pop3_session *ps, const struct pop3_cmd *cmd)
{
	long idx = msg_arg(ps, cmd->args, NULL);

	if (idx < 0)
		return idx == -1 ? 0 : -1;
	ps->box->m[idx].deleted = true;
	return reply(ps, "+OK Deleted.\r\n");
}

static int cmd_noop(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	return reply(ps, "+OK Yup.\r\n");
}

static int cmd_rset(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	size_t i;

	for (i = 0; i < ps->box->n; i++)
		ps->box->m[i].deleted = false;
	return reply(ps, "+OK Resurrected.\r\n");
}

static int cmd_capa(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	if (pop3_capa_format(&ps->out, NULL, false) < 0)
		panic("pop3d: CAPA too long");
	return reply_send(ps);
}

/* RFC 6856; messages are sent as stored either way (as Debian's Courier) */
static int cmd_utf8(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	return reply(ps, "+OK UTF8 enabled\r\n");
}

static int cmd_quit(struct pop3_session *ps, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	size_t i, ndel = 0;

	fd_retire_flush(ps);    /* the deletions may need every fd there is */
	/* UPDATE state: the deletions happen here and nowhere else */
	for (i = 0; i < ps->box->n; i++) {
		if (!ps->box->m[i].deleted)
			continue;
		ndel++;
		if (ps->log_deletions)
			log_conn(LOGL_INFO, "DELETED", "filename=%s", ps->box->m[i].name);
	}
	if (ndel > 0)
		ps->ndeleted_failed = maildir_pop3_commit(ps->box);
	if (ps->lockfd != NULL)
		maildir_pop3_unlock(ps->lockfd);
	ps->quit = true;
	if (ps->ndeleted_failed > 0)
		(void)reply(ps, "-ERR Some deleted messages not removed.\r\n");
	else
		(void)reply(ps, "+OK Bye-bye.\r\n");
	return -1;
}

static const struct pop3_cmd_def pop3_cmds[] = {
	{ "STAT", cmd_stat },
	{ "LIST", cmd_list },
	{ "UIDL", cmd_uidl },
	{ "RETR", cmd_retr },
	{ "TOP",  cmd_top },
	{ "DELE", cmd_dele },
	{ "NOOP", cmd_noop },
	{ "RSET", cmd_rset },
	{ "CAPA", cmd_capa },
	{ "UTF8", cmd_utf8 },
	{ "QUIT", cmd_quit },
	{ NULL, NULL }
};

int pop3_session_command(struct pop3_session *ps, const char *line, size_t len)
{
	const struct pop3_cmd_def *d;
	struct pop3_cmd cmd;

	if (pop3_cmd_parse(line, len, &cmd) == 0) {
		for (d = pop3_cmds; d->name != NULL; d++) {
			if (strcmp(d->name, cmd.verb) == 0) {
				ps->bad_cmds = 0;
				return d->fn(ps, &cmd);
			}
		}
	}
	if (++ps->bad_cmds >= POP3_BAD_COMMANDS_MAX) {
		(void)reply(ps, "-ERR Too many invalid commands, closing connection.\r\n");
		return -1;
	}
	return reply(ps, ERR_INVALID_CMD);
}

enum pop3_end pop3_session_run(struct pop3_session *ps)
{
	stream_set_read_timeout(ps->s, ps->idle_timeout);
	for (;;) {
		int r;

		if (stream_input_pending(ps->s) == 0) {
			if (ps->ahead_want >= 0)
				read_ahead(ps);
			fd_retire_flush(ps);
		}
		r = stream_read_line(ps->s, &ps->line);
		if (r == 0)
			return POP3_END_EOF;
		if (r < 0) {
			if (errno == ETIMEDOUT) {
				(void)reply(ps, "-ERR Disconnected for inactivity.\r\n");
				return POP3_END_TIMEOUT;
			}
			if (errno == EMSGSIZE) {
				if (++ps->bad_cmds >= POP3_BAD_COMMANDS_MAX) {
					(void)reply(ps, "-ERR Too many invalid commands, "
						    "closing connection.\r\n");
					return POP3_END_ERROR;
				}
				if (reply(ps, "-ERR Command line too long.\r\n") < 0)
					return POP3_END_ERROR;
				continue;
			}
			return POP3_END_EOF;
		}
		if (pop3_session_command(ps, ps->line.data, ps->line.len) < 0)
			return ps->quit ? POP3_END_QUIT : POP3_END_ERROR;
	}
}
