#include "config.h"
/*
 * lmtp_deliver.c - one delivery: become the mailbox owner, write the trace
 * headers and the spooled body into the Maildir through libmaildir.
 *
 * Trust:   the body is untrusted bytes (copied, never parsed); the account
 *          (uid, home, maildir, quota) comes from authdaemond.
 * Runs as: the recipient's uid: a forked child that drops privileges when
 *          lmtpd is root; in-process when lmtpd already runs as that uid.
 *          Never as root: uid 0 accounts are refused.
 * Limits:  mailbox_size_limit per delivered file; LMTP_DELIVER_TIMEOUT for
 *          the child; the maildirsize quota.
 * Errors:  enum deliv_status; anything unexpected is DELIV_TEMPFAIL, and
 *          DELIV_OK is only returned after libmaildir fsynced the file and
 *          the new/ directory.
 * Tests:   tests/unit/postfix-glue/test_deliver.c, tests/protocol/lmtp/ transcripts,
 *          tests/interop/run-postfix-lmtp (crash, disk full, quota)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "lmtp_config.h"
#include "lmtp_deliver.h"
#include "lmtp_rcpt.h"
#include "log.h"
#include "maildir.h"
#include "privdrop.h"
#include "xmalloc.h"

#define COPY_CHUNK 65536

static void set_reason(struct lmtp_deliv_result *r, enum deliv_status st, int err,
		       const char *fmt, ...) ATTR_PRINTF(4, 5);
static void set_reason(struct lmtp_deliv_result *r, enum deliv_status st, int err,
		       const char *fmt, ...)
{
	va_list ap;

	r->status = st;
	r->err = err;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
}

int lmtp_deliver_headers(const struct lmtp_msg *m, const char *delivered_to,
			 const char *rcpt, struct buf *out)
{
	buf_reset(out);
	if (buf_printf(out, "Return-Path: <%s>\nDelivered-To: %s\n%s\tfor <%s>; %s\n",
		       m->return_path, delivered_to, m->received, rcpt, m->date) < 0)
		return -1;
	return 0;
}

char *lmtp_deliver_maildir(const struct lmtpd_config *cfg, const struct lmtp_target *t)
{
	const char *home = t->ai.home != NULL ? t->ai.home : "";
	const char *md = t->ai.maildir;
	struct buf p = BUF_INIT(MAILDIR_PATH_MAX);
	char *ret;

	if (md != NULL && md[0] == '/')
		return xstrdup(md);
	if (md == NULL || md[0] == '\0')
		md = cfg->home_mailbox;
	if (home[0] != '/')
		return NULL;
	if (buf_printf(&p, "%s/%s", home, md) < 0) {
		buf_free(&p);
		return NULL;
	}
	/* "Maildir/" and "./Maildir" name the same directory */
	while (p.len > 1 && p.data[p.len - 1] == '/')
		buf_truncate(&p, p.len - 1);
	ret = xstrdup(buf_cstr(&p));
	buf_free(&p);
	return ret;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copy the spool from offset 0 to fd. */
static int copy_spool(int in, uint64_t size, int out)
{
	char *chunk = xmalloc(COPY_CHUNK);
	uint64_t off = 0;
	int ret = 0;

	while (off < size) {
		size_t want = size - off > COPY_CHUNK ? COPY_CHUNK : (size_t)(size - off);
		ssize_t n = pread(in, chunk, want, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;   /* the spool shrank: never store a short copy */
			ret = -1;
			break;
		}
		if (write_all(out, chunk, (size_t)n) < 0) {
			ret = -1;
			break;
		}
		off += (uint64_t)n;
	}
	free(chunk);
	return ret;
}

/* The delivery itself, already as the right uid. */
static void deliver_here(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
			 const struct lmtp_target *t, const char *rcpt,
			 struct lmtp_deliv_result *r)
{
	struct maildir_deliv_opts opts;
	struct maildir_tmpfile tf;
	struct buf hdr = BUF_INIT(8192);
	char *md = lmtp_deliver_maildir(cfg, t), *folder = NULL;
	const char *dir, *error = NULL;
	enum deliv_status st;

	if (md == NULL) {
		set_reason(r, DELIV_TEMPFAIL, 0, "account has no usable home directory");
		goto out;
	}
	if (!maildir_is_maildir(md)) {
		struct stat sst;

		if (lstat(md, &sst) == 0 || errno != ENOENT) {
			set_reason(r, DELIV_TEMPFAIL, 0, "%s is not a Maildir", md);
			goto out;
		}
		/* as Postfix does for home_mailbox: make the Maildir */
		if (maildir_create_parents(md, 0700) < 0) {
			set_reason(r, DELIV_TEMPFAIL, errno, "cannot create %s: %s", md,
				   strerror(errno));
			goto out;
		}
	}
	dir = md;
	if (t->detail != NULL && maildir_folder_check(t->detail, &error) == 0 &&
	    maildir_folder_exists(md, t->detail)) {
		folder = maildir_folder_dir(md, t->detail, &error);
		if (folder != NULL)
			dir = folder;
	}
	memset(&opts, 0, sizeof(opts));
	opts.quota = true;
	opts.quota_def = t->ai.quota != NULL && t->ai.quota[0] != '\0' ? t->ai.quota : NULL;
	opts.max_size = (uint64_t)cfg->mailbox_size_limit;
	if (lmtp_deliver_headers(m, t->address, rcpt, &hdr) < 0) {
		set_reason(r, DELIV_PERMFAIL, 0, "trace headers too long");
		goto out;
	}
	if (opts.max_size > 0 && hdr.len + m->spool_size > opts.max_size) {
		set_reason(r, DELIV_PERMFAIL, EFBIG, "message larger than mailbox_size_limit");
		goto out;
	}
	st = maildir_tmp_open(&tf, dir, &opts, &error);
	if (st != DELIV_OK) {
		int e = errno;

		set_reason(r, st == DELIV_PERMFAIL ? DELIV_TEMPFAIL : st, e, "%s",
			   error != NULL ? error : "cannot create the file in tmp/");
		goto out;
	}
	if (write_all(tf.fd, hdr.data, hdr.len) < 0 || copy_spool(m->spool_fd, m->spool_size, tf.fd) < 0) {
		int e = errno;

		maildir_tmp_abort(&tf);
		set_reason(r, DELIV_TEMPFAIL, e, "write: %s", strerror(e));
		goto out;
	}
	errno = 0;
	st = maildir_tmp_commit(&tf, &opts, NULL, &error);
	if (st == DELIV_OK)
		set_reason(r, DELIV_OK, 0, "delivered to %s", dir);
	else if (st == DELIV_OVERQUOTA)
		set_reason(r, st, EDQUOT, "over quota");
	else
		set_reason(r, st == DELIV_PERMFAIL && opts.max_size == 0 ? DELIV_TEMPFAIL : st,
			   errno, "%s", error != NULL ? error : "commit failed");
out:
	buf_free(&hdr);
	free(folder);
	free(md);
}

/* Could we deliver without changing uid?  0 yes, -1 no (reason set). */
static int same_user(const struct lmtp_target *t, struct lmtp_deliv_result *r)
{
	uid_t uid;
	gid_t gid;

	if (t->ai.username != NULL) {
		if (privdrop_lookup_user(t->ai.username, &uid, &gid) < 0) {
			set_reason(r, DELIV_TEMPFAIL, 0, "unknown system user %s", t->ai.username);
			return -1;
		}
	} else if (t->ai.have_uid) {
		uid = t->ai.uid;
	} else {
		set_reason(r, DELIV_TEMPFAIL, 0, "authdaemond gave neither UID nor USERNAME");
		return -1;
	}
	if (uid != getuid()) {
		set_reason(r, DELIV_TEMPFAIL, 0,
			   "mailbox uid %ld is not ours and lmtpd does not run as root", (long)uid);
		return -1;
	}
	return 0;
}

void lmtp_deliver(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
		  const struct lmtp_target *t, const char *rcpt, struct lmtp_deliv_result *r)
{
	int pfd[2], status;
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	memset(r, 0, sizeof(*r));
	r->status = DELIV_TEMPFAIL;
	if (getuid() != 0 && geteuid() != 0) {
		if (same_user(t, r) == 0)
			deliver_here(cfg, m, t, rcpt, r);
		return;
	}
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		set_reason(r, DELIV_TEMPFAIL, errno, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		set_reason(r, DELIV_TEMPFAIL, errno, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return;
	}
	if (pid == 0) {
		const char *error = NULL;
		int rc;

		close(pfd[0]);
		signal(SIGPIPE, SIG_DFL);
		alarm(LMTP_DELIVER_TIMEOUT);
		if (t->ai.username != NULL)
			rc = privdrop_user(t->ai.username, &error);
		else if (t->ai.have_uid)
			rc = privdrop(t->ai.uid, t->ai.gid, NULL, 0, 0, &error);
		else {
			rc = -1;
			error = "authdaemond gave neither UID nor USERNAME";
		}
		if (rc < 0)
			set_reason(r, DELIV_TEMPFAIL, 0, "cannot become the mailbox owner: %s", error);
		else {
			umask(077);
			deliver_here(cfg, m, t, rcpt, r);
		}
		(void)write_all(pfd[1], r, sizeof(*r));
		_exit(r->status == DELIV_OK ? 0 : 75);
	}
	close(pfd[1]);
	while (got < sizeof(*r)) {
		n = read(pfd[0], (char *)r + got, sizeof(*r) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != sizeof(*r) || !WIFEXITED(status) ||
	    (WEXITSTATUS(status) == 0) != (r->status == DELIV_OK)) {
		memset(r, 0, sizeof(*r));
		set_reason(r, DELIV_TEMPFAIL, 0, "delivery process failed (status %d)", status);
	}
	r->reason[LMTP_REASON_MAX] = '\0';
}
