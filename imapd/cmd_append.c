/*
 * cmd_append.c - APPEND (RFC 3501 6.3.11) with UIDPLUS APPENDUID (RFC
 * 4315) and LITERAL+ (RFC 7888).  The message literal never sits in
 * memory: the parser's literal hook (imap_append_hook) streams it, CRLF
 * turned into LF as Courier stores mail, into a tmp/ file of the target
 * folder; the handler then checks the flags and the date, commits the file
 * (fsync, quota, link into cur/ with the flags and the INTERNALDATE as its
 * mtime: maildir_tmp_commit), writes its keywords and asks for its UID.
 * OK comes only after the link; over quota nothing is stored.
 *
 * Trust:   the name, flags, date and octets are the client's.
 * Runs as: the mail user, inside the Maildir.
 * Limits:  one message per APPEND (no MULTIAPPEND); a literal of at most
 *          4294967295 octets (the parser's), bounded in practice by quota.
 * Tests:   tests/protocol/run-imapd (literals split at every byte, over
 *          quota), tests/protocol/imap/append*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "maildir_keywords.h"
#include "maildir_view.h"
#include "rfc822_date.h"
#include "stream.h"
#include "xmalloc.h"
#include "imap_config.h"
#include "imap_flags.h"
#include "imap_mbox.h"
#include "imap_session.h"

/* Bytes read from the client at a time. */
#define APPEND_CHUNK 65536

struct imap_append {
	struct maildir_tmpfile t;
	bool     open;        /* t holds a tmp file */
	char    *dir;         /* the target folder */
	const char *err;      /* the refusal to give instead, or NULL */
	int      err_errno;
	uint64_t octets;      /* as sent */
};

static void append_reset(struct imap_append *a)
{
	if (a->open)
		maildir_tmp_abort(&a->t);
	a->open = false;
	free(a->dir);
	a->dir = NULL;
	a->err = NULL;
	a->err_errno = 0;
	a->octets = 0;
}

void imap_append_free(struct imap_client *c)
{
	if (c->append == NULL)
		return;
	append_reset(c->append);
	free(c->append);
	c->append = NULL;
}

/* Write b[0..n-1] with CRLF -> LF; *cr: the last chunk ended in CR. */
static int write_lf(int fd, const char *b, size_t n, bool *cr)
{
	char out[APPEND_CHUNK + 1];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (*cr) {
			*cr = false;
			if (b[i] != '\n')
				out[k++] = '\r';
		}
		if (b[i] == '\r') {
			*cr = true;
			continue;
		}
		out[k++] = b[i];
		if (k >= APPEND_CHUNK) {
			if (fd_write_all(fd, out, k) < 0)
				return -1;
			k = 0;
		}
	}
	return k > 0 ? fd_write_all(fd, out, k) : 0;
}

int imap_append_hook(void *ctx, struct imap_parser *p, struct stream *s)
{
	struct imap_client *c = ctx;
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	struct buf chunk = BUF_INIT(APPEND_CHUNK);
	const struct imap_arg *args;
	struct imap_append *a;
	struct maildir_deliv_opts opts;
	const char *pname = imap_parser_name(p), *why = NULL;
	uint64_t left;
	bool cr = false;
	size_t n;
	int r = 1;

	if (pname == NULL || strcmp(pname, "APPEND") != 0 || imap_parser_depth(p) > 0)
		return 0;
	args = imap_parser_args(p, &n);
	if (n < 1 || n > 3 || (c->append != NULL && (c->append->open || c->append->err != NULL)))
		return 0;	/* the name, or a second message: in memory, refused */
	if (c->append == NULL)
		c->append = xcalloc(1, sizeof(*c->append));
	a = c->append;
	append_reset(a);
	a->octets = imap_parser_literal_size(p);
	memset(&opts, 0, sizeof(opts));
	if (!imap_arg_is_astring(&args[0]) ||
	    imap_mbox_from_wire(args[0].str, args[0].len, c->utf8, false, &name, &why) < 0) {
		a->err = "[CANNOT] Invalid mailbox name";
	} else if (!maildir_folder_exists(".", name.data) ||
		   (a->dir = maildir_folder_dir(".", name.data, &why)) == NULL) {
		a->err = "[TRYCREATE] Mailbox does not exist";
	} else if (maildir_tmp_open(&a->t, a->dir, &opts, &why) != DELIV_OK) {
		a->err = "[SERVERBUG] Cannot create a temporary file";
		a->err_errno = errno;
	} else {
		a->open = true;
	}
	if (imap_parser_literal_sync(p) && (stream_puts(s, "+ OK\r\n") < 0 || stream_flush(s) < 0)) {
		r = -1;
		goto out;
	}
	for (left = a->octets; left > 0;) {
		size_t want = left > APPEND_CHUNK ? APPEND_CHUNK : (size_t)left;
		int rr;

		buf_reset(&chunk);
		rr = stream_read_exact(s, &chunk, want);
		if (rr <= 0) {
			if (rr == 0)
				errno = ECONNRESET;
			r = -1;
			goto out;
		}
		left -= want;
		if (a->open && write_lf(a->t.fd, chunk.data, chunk.len, &cr) < 0) {
			a->err = "[SERVERBUG] Cannot write the message";
			a->err_errno = errno;
			maildir_tmp_abort(&a->t);
			a->open = false;
		}
	}
	if (cr && a->open && fd_write_all(a->t.fd, "\r", 1) < 0) {
		a->err = "[SERVERBUG] Cannot write the message";
		a->err_errno = errno;
		maildir_tmp_abort(&a->t);
		a->open = false;
	}
	if (imap_parser_literal_external(p) == IMAP_PARSE_ERROR) {
		errno = EPROTO;
		r = -1;
	}
out:
	buf_free(&name);
	buf_free(&chunk);
	return r;
}

int cmd_append(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_append *a = c->append;
	const char **kws = NULL;
	const char *why = NULL, *err = NULL;
	struct maildir_deliv_opts opts;
	unsigned flags = 0;
	size_t nkws = 0, argi = 1;
	char letters[8], *fname = NULL;
	uint32_t uid = 0, uidv = 0;
	time_t when = 0;
	int tz, r;
	enum deliv_status st;

	/* step 1: the arguments: mailbox [flags] [date] literal */
	if (cmd->n < 2 || cmd->n > 4 || cmd->args[cmd->n - 1].type != IMAP_ARG_LITERAL_EXT ||
	    a == NULL || (!a->open && a->err == NULL)) {
		r = imap_reply_bad(c, cmd, cmd->n > 0 && cmd->args[cmd->n - 1].type == IMAP_ARG_LITERAL ?
				   "APPEND takes one message (no MULTIAPPEND)" :
				   "APPEND needs a mailbox, optional flags and date, and a literal");
		goto out;
	}
	kws = xcalloc(IMAP_FLAGS_KEYWORDS_MAX, sizeof(*kws));
	if (argi < cmd->n - 1 && cmd->args[argi].type == IMAP_ARG_LIST) {
		why = imap_flags_parse(cmd->args[argi].list, cmd->args[argi].n, &flags, kws, &nkws);
		if (why != NULL) {
			r = imap_reply_bad(c, cmd, why);
			goto out;
		}
		argi++;
	}
	if (argi < cmd->n - 1) {
		if (cmd->args[argi].type != IMAP_ARG_QUOTED ||
		    imap_date_parse(cmd->args[argi].str, &when, &tz) < 0) {
			r = imap_reply_bad(c, cmd, "Invalid date-time in APPEND");
			goto out;
		}
		argi++;
	}
	if (argi != cmd->n - 1) {
		r = imap_reply_bad(c, cmd, "APPEND: unexpected argument");
		goto out;
	}
	if (a->err != NULL) {
		r = imap_reply_tagged(c, cmd, "NO", "%s", a->err);
		goto out;
	}
	if (nkws > 0 && c->cfg->keywords == 0) {
		r = imap_reply_tagged(c, cmd, "NO", "[CANNOT] Keywords are disabled (IMAP_KEYWORDS=0)");
		goto out;
	}
	/* step 2: commit, keywords, UID */
	memset(&opts, 0, sizeof(opts));
	imap_flags_letters(flags, letters);
	opts.flags = letters;
	opts.mtime = when;
	opts.quota = true;
	a->open = false;	/* commit closes or removes it in every case */
	st = maildir_tmp_commit(&a->t, &opts, &fname, &err);
	if (st == DELIV_OVERQUOTA) {
		r = imap_reply_tagged(c, cmd, "NO", "[OVERQUOTA] Mail quota exceeded");
		goto out;
	}
	if (st != DELIV_OK) {
		r = imap_reply_tagged(c, cmd, "NO", "[SERVERBUG] Cannot store the message: %s",
				      err != NULL ? err : "error");
		goto out;
	}
	if (nkws > 0)
		(void)maildir_kw_set(a->dir, fname, maildir_name_baselen(fname), kws, nkws);
	{
		const char *names[1] = { fname };

		if (maildir_uid_assign(a->dir, names, 1, &uid, &uidv) < 0)
			uid = 0;
	}
	if (uid != 0)
		r = imap_reply_tagged(c, cmd, "OK", "[APPENDUID %u %u] APPEND Ok.", (unsigned)uidv,
				      (unsigned)uid);
	else
		r = imap_reply_tagged(c, cmd, "OK", "APPEND Ok.");
out:
	free(fname);
	free(kws);
	if (a != NULL)
		append_reset(a);
	return r < 0 ? -1 : 0;
}
