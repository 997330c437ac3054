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
#include <stdbool.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "lmtp_config.h"
#include "lmtp_deliver.h"
#include "lmtp_rcpt.h"
#include "log.h"
#include "maildir.h"
#include "maildir_quota.h"
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
		if (fd_write_all(out, chunk, (size_t)n) < 0) {
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
	if (m->spool_fd < 0) {
		/* only the quota check at RCPT time (SMTP): a mailbox already full
		   is refused for this recipient; any doubt is left to the delivery */
		if (maildir_is_maildir(md) &&
		    maildir_quota_check(md, (int64_t)m->spool_size, 1) == MAILDIR_QUOTA_OVER)
			set_reason(r, DELIV_OVERQUOTA, EDQUOT, "over quota");
		else
			set_reason(r, DELIV_OK, 0, "quota ok");
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
	if (fd_write_all(tf.fd, hdr.data, hdr.len) < 0 || copy_spool(m->spool_fd, m->spool_size, tf.fd) < 0) {
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

/*
 * As root, deliveries run in helper processes: one per mailbox owner and
 * session, forked on first use, dropped to that uid/gid (privdrop), then
 * fed one job per recipient over a socketpair (the spool fd passed with
 * SCM_RIGHTS) until the session ends.  So the fork + setuid happens once
 * per owner and session, not once per message.
 */
#define JOB_NSTR 10
#define JOB_MAX  (64 * 1024)   /* bytes of one job (strings) */

struct job_hdr {
	uint32_t check_only;       /* 1: quota check, no spool fd passed */
	uint64_t spool_size;
	uint64_t mailbox_size_limit;   /* the session's settings travel with the job */
	uint32_t len[JOB_NSTR];    /* UINT32_MAX = NULL */
};

struct helper {
	pid_t pid;
	int fd;
	bool by_name;
	uid_t uid;
	gid_t gid;
	char *username;
	unsigned long used;        /* for replacing the least recently used */
};

static struct helper helpers[LMTP_HELPERS_MAX];
static unsigned long helper_clock;

static void helper_drop(struct helper *h)
{
	int status;

	if (h->pid <= 0)
		return;
	close(h->fd);
	kill(h->pid, SIGKILL);
	while (waitpid(h->pid, &status, 0) < 0 && errno == EINTR)
		;
	free(h->username);
	memset(h, 0, sizeof(*h));
}

void lmtp_deliver_helpers_close(void)
{
	for (size_t i = 0; i < LMTP_HELPERS_MAX; i++) {
		if (helpers[i].pid > 0) {
			int status;

			close(helpers[i].fd);   /* EOF: the helper exits */
			while (waitpid(helpers[i].pid, &status, 0) < 0 && errno == EINTR)
				;
			free(helpers[i].username);
			memset(&helpers[i], 0, sizeof(helpers[i]));
		}
	}
}

static int read_full(int fd, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The helper's loop: read a job (and its spool fd), deliver, answer. */
static NORETURN void helper_main(const struct lmtpd_config *cfg, int fd)
{
	for (;;) {
		struct job_hdr hdr;
		struct msghdr mh;
		struct iovec iov = { &hdr, sizeof(hdr) };
		union { struct cmsghdr c; char b[CMSG_SPACE(sizeof(int))]; } cbuf;
		struct cmsghdr *cm;
		char *strs[JOB_NSTR], *data;
		size_t total = 0, off = 0;
		int spool = -1;
		ssize_t n;
		struct lmtp_target t;
		struct lmtp_msg m;
		struct lmtp_deliv_result r;
		struct lmtpd_config c = *cfg;

		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		do
			n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			_exit(0);   /* the session is over */
		for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
				memcpy(&spool, CMSG_DATA(cm), sizeof(int));
		if ((size_t)n < sizeof(hdr) &&
		    read_full(fd, (char *)&hdr + n, sizeof(hdr) - (size_t)n) < 0)
			_exit(1);
		for (size_t i = 0; i < JOB_NSTR; i++) {
			if (hdr.len[i] != UINT32_MAX)
				total += hdr.len[i] + 1u;
			if (total > JOB_MAX)
				_exit(1);
		}
		data = xmalloc(total + 1);
		if (read_full(fd, data, total) < 0)
			_exit(1);
		for (size_t i = 0; i < JOB_NSTR; i++) {
			if (hdr.len[i] == UINT32_MAX) {
				strs[i] = NULL;
				continue;
			}
			strs[i] = data + off;
			off += hdr.len[i] + 1u;
			strs[i][hdr.len[i]] = '\0';
		}
		memset(&t, 0, sizeof(t));
		auth_info_init(&t.ai);
		t.ai.home = strs[0];
		t.ai.maildir = strs[1];
		t.ai.quota = strs[2];
		t.address = strs[3];
		t.detail = strs[4];
		m.return_path = strs[6] != NULL ? strs[6] : "";
		m.received = strs[7] != NULL ? strs[7] : "";
		m.date = strs[8] != NULL ? strs[8] : "";
		m.queue_id = "";
		m.message_id = "";
		m.spool_fd = spool;
		m.spool_size = hdr.spool_size;
		c.home_mailbox = strs[9] != NULL ? strs[9] : cfg->home_mailbox;
		c.mailbox_size_limit = (long long)hdr.mailbox_size_limit;
		memset(&r, 0, sizeof(r));
		if (hdr.check_only) {
			if (spool >= 0)
				close(spool);
			spool = -1;
			m.spool_fd = -1;
			deliver_here(&c, &m, &t, "", &r);
		} else if (spool < 0)
			set_reason(&r, DELIV_TEMPFAIL, 0, "no spool file passed");
		else
			deliver_here(&c, &m, &t, strs[5] != NULL ? strs[5] : "", &r);
		if (spool >= 0)
			close(spool);
		free(data);
		if (fd_write_all(fd, &r, sizeof(r)) < 0)
			_exit(1);
	}
}

/* The helper for t's owner, forked when there is none. */
static bool fd_is_socket(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

static struct helper *helper_get(const struct lmtpd_config *cfg, const struct lmtp_target *t,
				 struct lmtp_deliv_result *r)
{
	struct helper *h = NULL, *lru = &helpers[0];
	int sv[2];
	pid_t pid;

	if (t->ai.username == NULL && !t->ai.have_uid) {
		set_reason(r, DELIV_TEMPFAIL, 0, "authdaemond gave neither UID nor USERNAME");
		return NULL;
	}
	for (size_t i = 0; i < LMTP_HELPERS_MAX; i++) {
		struct helper *c = &helpers[i];

		if (c->pid > 0 &&
		    (t->ai.username != NULL
		     ? c->by_name && strcmp(c->username, t->ai.username) == 0
		     : !c->by_name && c->uid == t->ai.uid && c->gid == t->ai.gid)) {
			c->used = ++helper_clock;
			return c;
		}
		if (c->pid <= 0 || c->used < lru->used)
			lru = c;
		if (lru->pid > 0 && c->pid <= 0)
			lru = c;
	}
	h = lru;
	helper_drop(h);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		set_reason(r, DELIV_TEMPFAIL, errno, "socketpair: %s", strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		set_reason(r, DELIV_TEMPFAIL, errno, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return NULL;
	}
	if (pid == 0) {
		const char *error = NULL;
		int rc, chan;

		/* Nothing of the session may stay open in a process that runs
		   as a mailbox owner (who may ptrace it): not the client
		   socket, not the spool of the message that made it fork, not
		   the other helpers' channels.  It keeps stderr (the log, unless
		   that is a socket), its job socket and /dev/null as stdin/out;
		   each job's spool comes over the socket, read-only. */
		log_detach_syslog();
		chan = fd_close_all_but(sv[1]);
		if (chan < 0)
			_exit(75);
		/* stdin/stdout are the client under lmtpd -stdio, and so is
		   stderr when a spawner hands the socket as all three */
		rc = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (rc < 0 || dup2(rc, 0) < 0 || dup2(rc, 1) < 0 ||
		    (fd_is_socket(2) && dup2(rc, 2) < 0))
			_exit(75);
		if (rc > 3)
			close(rc);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		if (t->ai.username != NULL)
			rc = privdrop_user(t->ai.username, &error);
		else
			rc = privdrop(t->ai.uid, t->ai.gid, NULL, 0, 0, &error);
		if (rc < 0) {
			log_msg(LOGL_ERR, "delivery helper: cannot become the mailbox owner: %s", error);
			_exit(75);
		}
		umask(077);
		helper_main(cfg, chan);
	}
	close(sv[1]);
	h->pid = pid;
	h->fd = sv[0];
	h->by_name = t->ai.username != NULL;
	h->username = t->ai.username != NULL ? xstrdup(t->ai.username) : NULL;
	h->uid = t->ai.uid;
	h->gid = t->ai.gid;
	h->used = ++helper_clock;
	return h;
}

static int helper_job(const struct lmtpd_config *cfg, struct helper *h,
		      const struct lmtp_msg *m, const struct lmtp_target *t,
		      const char *rcpt, struct lmtp_deliv_result *r)
{
	const char *strs[JOB_NSTR] = { t->ai.home, t->ai.maildir, t->ai.quota, t->address,
				       t->detail, rcpt, m->return_path, m->received, m->date,
				       cfg->home_mailbox };
	struct job_hdr hdr;
	struct buf data = BUF_INIT(JOB_MAX);
	struct msghdr mh;
	struct iovec iov = { &hdr, sizeof(hdr) };
	union { struct cmsghdr c; char b[CMSG_SPACE(sizeof(int))]; } cbuf;
	struct cmsghdr *cm;
	struct pollfd pfd;
	ssize_t n;
	int ret = -1;

	memset(&hdr, 0, sizeof(hdr));
	hdr.check_only = m->spool_fd < 0;
	hdr.spool_size = m->spool_size;
	hdr.mailbox_size_limit = (uint64_t)cfg->mailbox_size_limit;
	for (size_t i = 0; i < JOB_NSTR; i++) {
		if (strs[i] == NULL) {
			hdr.len[i] = UINT32_MAX;
			continue;
		}
		hdr.len[i] = (uint32_t)strlen(strs[i]);
		if (buf_append(&data, strs[i], hdr.len[i] + 1u) < 0) {
			set_reason(r, DELIV_TEMPFAIL, 0, "delivery job too large");
			goto out;
		}
	}
	memset(&mh, 0, sizeof(mh));
	memset(&cbuf, 0, sizeof(cbuf));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (m->spool_fd >= 0) {
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &m->spool_fd, sizeof(int));
	}
	do
		n = sendmsg(h->fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(hdr) || fd_write_all(h->fd, data.data, data.len) < 0) {
		set_reason(r, DELIV_TEMPFAIL, errno, "delivery helper gone: %s", strerror(errno));
		goto out;
	}
	pfd.fd = h->fd;
	pfd.events = POLLIN;
	do
		n = poll(&pfd, 1, LMTP_DELIVER_TIMEOUT * 1000);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || read_full(h->fd, r, sizeof(*r)) < 0) {
		memset(r, 0, sizeof(*r));
		set_reason(r, DELIV_TEMPFAIL, 0, "delivery helper %s",
			   n == 0 ? "timed out" : "failed");
		goto out;
	}
	r->reason[LMTP_REASON_MAX] = '\0';
	if ((unsigned)r->status > DELIV_OVERQUOTA)
		set_reason(r, DELIV_TEMPFAIL, 0, "bad answer from the delivery helper");
	ret = 0;
out:
	buf_free(&data);
	return ret;
}

void lmtp_deliver(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
		  const struct lmtp_target *t, const char *rcpt, struct lmtp_deliv_result *r)
{
	struct helper *h;

	memset(r, 0, sizeof(*r));
	r->status = DELIV_TEMPFAIL;
	if (getuid() != 0 && geteuid() != 0) {
		if (same_user(t, r) == 0)
			deliver_here(cfg, m, t, rcpt, r);
		return;
	}
	h = helper_get(cfg, t, r);
	if (h == NULL)
		return;
	if (helper_job(cfg, h, m, t, rcpt, r) < 0)
		helper_drop(h);   /* a new helper next time */
}

void lmtp_deliver_quota_check(const struct lmtpd_config *cfg, const struct lmtp_target *t,
			      uint64_t size, struct lmtp_deliv_result *r)
{
	struct lmtp_msg m = { -1, size, "", "", "", "", "" };

	lmtp_deliver(cfg, &m, t, "", r);
}
