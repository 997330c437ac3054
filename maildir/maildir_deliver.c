#include "config.h"
/*
 * maildir_deliver.c - write one message into a Maildir: tmp/, fsync, quota
 * check, link into new/ (or cur/ for APPEND), fsync the directory.
 *
 * Trust:   message bytes are untrusted (copied, never parsed); the maildir
 *          path comes from authdaemond or the caller.
 * Runs as: the mailbox owner, never root.
 * Limits:  opts->max_size caps the size; quota is checked before the link.
 * Errors:  DELIV_TEMPFAIL for anything a retry might fix; a crash at any
 *          point leaves no message or one whole message (tmp/ leftovers
 *          are purged after 36 h).
 * Tests:   tests/unit/maildir/test_deliver.c, tests/unit/maildir/test_crash.c
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "xmalloc.h"
#include "maildir_folder.h"
#include "maildir_name.h"
#include "maildir_deliver.h"
#include "maildir_flags.h"
#include "maildir_quota.h"
#include "maildir_util.h"

#define TMP_CREATE_RETRIES 200
#define COPY_CHUNK         65536

const char *maildir_deliv_status_str(enum deliv_status st)
{
	switch (st) {
	case DELIV_OK:        return "ok";
	case DELIV_TEMPFAIL:  return "temporary failure";
	case DELIV_PERMFAIL:  return "permanent failure";
	case DELIV_OVERQUOTA: return "over quota";
	}
	return "unknown";
}

bool maildir_errno_is_temporary(int e)
{
	switch (e) {
	case ENOSPC: case EDQUOT: case EIO: case EAGAIN: case ENOMEM: case EINTR:
	case ETIMEDOUT: case EMFILE: case ENFILE: case EBUSY: case ENOLCK:
	case ESTALE: case EROFS:
		return true;
	default:
		return false;
	}
}

static void tmp_clear(struct maildir_tmpfile *t)
{
	free(t->dir);
	free(t->tmppath);
	free(t->uniq);
	free(t->host);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
}

static char *escape_host(const char *h)
{
	struct buf b = BUF_INIT(1024);
	char *r;

	for (; *h != '\0'; h++) {
		int x;
		if (*h == '/')
			x = buf_append_str(&b, "\\057");
		else if (*h == ':')
			x = buf_append_str(&b, "\\072");
		else if ((unsigned char)*h < 0x20 || *h == 0x7f)
			x = buf_putc(&b, '_');
		else
			x = buf_putc(&b, *h);
		if (x < 0)
			break;
	}
	r = xstrdup(b.len > 0 ? buf_cstr(&b) : "localhost");
	buf_free(&b);
	return r;
}

enum deliv_status maildir_tmp_open(struct maildir_tmpfile *t, const char *dir,
				   const struct maildir_deliv_opts *opts,
				   const char **error_r)
{
	struct buf uniq = BUF_INIT(128), name = BUF_INIT(MAILDIR_NAME_MAX + 1);
	int i, e = EEXIST, tfd;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->dir = xstrdup(dir);
	t->host = opts != NULL && opts->host != NULL ? escape_host(opts->host)
						     : xstrdup(md_hostname());
	if (opts != NULL && opts->flags != NULL) {
		unsigned f;
		if (maildir_flags_parse(opts->flags, &f) != 0) {
			*error_r = "Invalid message flags";
			tmp_clear(t);
			buf_free(&uniq);
			buf_free(&name);
			return DELIV_PERMFAIL;
		}
	}
	tfd = md_subdir_fd(dir, "tmp");
	if (tfd < 0) {
		e = errno;
		*error_r = e == ENOENT ? "Maildir has no tmp/ directory"
		           : e == ELOOP || e == ENOTDIR ? "Maildir tmp/ is not a directory"
		                                        : "Cannot open tmp/";
		tmp_clear(t);
		buf_free(&uniq);
		buf_free(&name);
		return DELIV_TEMPFAIL;
	}
	for (i = 0; i < TMP_CREATE_RETRIES; i++) {
		md_uniq(&uniq);
		buf_reset(&name);
		if (buf_printf(&name, "%s.%s", buf_cstr(&uniq), t->host) < 0 ||
		    name.len + 64 > MAILDIR_NAME_MAX) {
			*error_r = "Host name too long for a message file name";
			e = ENAMETOOLONG;
			break;
		}
		free(t->tmppath);
		t->tmppath = md_join3(dir, "tmp", buf_cstr(&name));
		if (t->tmppath == NULL) {
			*error_r = "Maildir path too long";
			e = ENAMETOOLONG;
			break;
		}
		t->fd = openat(tfd, buf_cstr(&name), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			       0600);
		if (t->fd >= 0)
			break;
		e = errno;
		if (e != EEXIST) {
			*error_r = e == ENOENT ? "Maildir has no tmp/ directory"
					       : "Cannot create a file in tmp/";
			break;
		}
		usleep(1000);
	}
	close(tfd);
	if (t->fd < 0) {
		if (i == TMP_CREATE_RETRIES)
			*error_r = "Cannot create a unique file in tmp/";
		tmp_clear(t);
		buf_free(&uniq);
		buf_free(&name);
		return e == ENAMETOOLONG ? DELIV_PERMFAIL : DELIV_TEMPFAIL;
	}
	t->uniq = xstrdup(buf_cstr(&uniq));
	buf_free(&uniq);
	buf_free(&name);
	return DELIV_OK;
}

void maildir_tmp_abort(struct maildir_tmpfile *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmppath != NULL)
		unlink(t->tmppath);
	tmp_clear(t);
}

static enum deliv_status fail(struct maildir_tmpfile *t, enum deliv_status st,
			      const char *why, const char **error_r)
{
	*error_r = why;
	maildir_tmp_abort(t);
	return st;
}

/* link() into the directory dfd without ever replacing an existing name;
   rename() where the filesystem has no hard links. */
static int link_noreplace(const char *from, int dfd, const char *to)
{
	struct stat st;

	if (linkat(AT_FDCWD, from, dfd, to, 0) == 0)
		return 0;
	if (errno != EXDEV && errno != EPERM && errno != ENOSYS)
		return -1;
	if (fstatat(dfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	return renameat(AT_FDCWD, from, dfd, to);
}

enum deliv_status maildir_tmp_commit(struct maildir_tmpfile *t,
				     const struct maildir_deliv_opts *opts,
				     char **name_r, const char **error_r)
{
	static const struct maildir_deliv_opts defaults;
	struct stat st;
	struct buf name = BUF_INIT(MAILDIR_NAME_MAX + 1);
	char *main_dir = NULL, *target = NULL, *subdir;
	bool count_quota = false;
	enum deliv_status rc = DELIV_TEMPFAIL;
	int i, subfd = -1;

	if (opts == NULL)
		opts = &defaults;
	if (t->fd < 0)
		return fail(t, DELIV_TEMPFAIL, "No message file", error_r);
	if (!opts->no_fsync && fsync(t->fd) != 0)
		return fail(t, DELIV_TEMPFAIL, "Cannot write the message (fsync)", error_r);
	if (fstat(t->fd, &st) != 0)
		return fail(t, DELIV_TEMPFAIL, "Cannot stat the message file", error_r);
	if (opts->max_size > 0 && (uint64_t)st.st_size > opts->max_size)
		return fail(t, DELIV_PERMFAIL, "Message too big", error_r);
	if (opts->quota) {
		main_dir = maildir_main_dir(t->dir);
		if (opts->quota_def != NULL) {
			const char *qerr;
			if (maildir_quota_set(main_dir, opts->quota_def, &qerr) != 0) {
				free(main_dir);
				return fail(t, DELIV_TEMPFAIL, qerr, error_r);
			}
		}
		count_quota = !maildir_is_trash(t->dir);
		if (count_quota) {
			enum maildir_quota_result q = maildir_quota_check(main_dir, st.st_size, 1);
			if (q == MAILDIR_QUOTA_OVER) {
				free(main_dir);
				return fail(t, DELIV_OVERQUOTA, "Mail quota exceeded", error_r);
			}
			if (q == MAILDIR_QUOTA_ERROR) {
				free(main_dir);
				return fail(t, DELIV_TEMPFAIL, "Cannot read maildirsize", error_r);
			}
		}
	}
	if (opts->mtime > 0) {
		struct timespec ts[2];
		ts[0].tv_sec = ts[1].tv_sec = opts->mtime;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		if (futimens(t->fd, ts) != 0) {
			free(main_dir);
			return fail(t, DELIV_TEMPFAIL, "Cannot set the message date", error_r);
		}
	}
	if (close(t->fd) != 0) {
		t->fd = -1;
		free(main_dir);
		return fail(t, DELIV_TEMPFAIL, "Cannot write the message (close)", error_r);
	}
	t->fd = -1;
	subdir = opts->flags != NULL ? "cur" : "new";
	for (i = 0; i < 100; i++) {
		buf_reset(&name);
		if (buf_printf(&name, "%sV%0*" PRIXMAX "I%0*" PRIXMAX, t->uniq,
			       (int)(sizeof(st.st_dev) * 2), (uintmax_t)st.st_dev,
			       (int)(sizeof(st.st_ino) * 2), (uintmax_t)st.st_ino) < 0 ||
		    (i > 0 && buf_printf(&name, "_%d", i) < 0) ||
		    buf_printf(&name, ".%s,S=%" PRIuMAX, t->host, (uintmax_t)st.st_size) < 0 ||
		    (opts->flags != NULL && buf_printf(&name, ":2,%s", opts->flags) < 0) ||
		    name.len > MAILDIR_NAME_MAX) {
			free(main_dir);
			buf_free(&name);
			return fail(t, DELIV_PERMFAIL, "Message file name too long", error_r);
		}
		if (opts->flags != NULL) {
			/* Flags in ASCII order, as every reader expects. */
			unsigned f;
			struct buf sorted = BUF_INIT(MAILDIR_NAME_MAX + 1);
			if (maildir_flags_parse(opts->flags, &f) != 0 ||
			    maildir_name_with_flags(buf_cstr(&name), f, &sorted) != 0) {
				buf_free(&sorted);
				free(main_dir);
				buf_free(&name);
				return fail(t, DELIV_PERMFAIL, "Invalid message flags", error_r);
			}
			buf_reset(&name);
			if (buf_append(&name, sorted.data, sorted.len) < 0) {
				buf_free(&sorted);
				free(main_dir);
				buf_free(&name);
				return fail(t, DELIV_PERMFAIL, "Message file name too long", error_r);
			}
			buf_free(&sorted);
		}
		free(target);
		target = md_join3(t->dir, subdir, buf_cstr(&name));
		if (target == NULL) {
			free(main_dir);
			buf_free(&name);
			return fail(t, DELIV_PERMFAIL, "Maildir path too long", error_r);
		}
		if (subfd < 0) {
			subfd = md_subdir_fd(t->dir, subdir);
			if (subfd < 0) {
				int e = errno;
				free(target);
				free(main_dir);
				buf_free(&name);
				return fail(t, DELIV_TEMPFAIL,
					    e == ENOENT ? "Maildir has no new/ or cur/ directory"
							: "Maildir new/ or cur/ is not a directory",
					    error_r);
			}
		}
		if (link_noreplace(t->tmppath, subfd, buf_cstr(&name)) == 0)
			break;
		if (errno != EEXIST) {
			int e = errno;
			close(subfd);
			free(target);
			free(main_dir);
			buf_free(&name);
			/* Every filesystem error while storing may pass (disk,
			   permissions being fixed): the sender keeps the message. */
			return fail(t, DELIV_TEMPFAIL,
				    e == ENOENT ? "Maildir has no new/ or cur/ directory"
						: "Cannot link the message into the maildir",
				    error_r);
		}
	}
	if (i == 100) {
		close(subfd);
		free(target);
		free(main_dir);
		buf_free(&name);
		return fail(t, DELIV_TEMPFAIL, "Cannot find a unique message name", error_r);
	}
	if (!opts->no_fsync && fsync(subfd) != 0) {
		/* Not known to be on disk: take it back, let the sender retry. */
		(void)unlinkat(subfd, buf_cstr(&name), 0);
		close(subfd);
		free(target);
		free(main_dir);
		buf_free(&name);
		return fail(t, DELIV_TEMPFAIL, "Cannot sync the maildir directory", error_r);
	}
	close(subfd);
	unlink(t->tmppath);
	if (count_quota)
		(void)maildir_quota_add(main_dir, (int64_t)st.st_size, 1);
	rc = DELIV_OK;
	if (name_r != NULL)
		*name_r = xstrdup(buf_cstr(&name));
	free(target);
	free(main_dir);
	buf_free(&name);
	tmp_clear(t);
	return rc;
}

/* Quota and size checks before writing when the size is known. */
static enum deliv_status precheck(const char *dir, uint64_t size,
				  const struct maildir_deliv_opts *opts, const char **error_r)
{
	enum deliv_status st = DELIV_OK;

	if (opts->max_size > 0 && size > opts->max_size) {
		*error_r = "Message too big";
		return DELIV_PERMFAIL;
	}
	if (opts->quota && opts->quota_def == NULL && !maildir_is_trash(dir)) {
		char *main_dir = maildir_main_dir(dir);
		enum maildir_quota_result q = maildir_quota_check(main_dir, (int64_t)size, 1);
		if (q == MAILDIR_QUOTA_OVER) {
			*error_r = "Mail quota exceeded";
			st = DELIV_OVERQUOTA;
		}
		free(main_dir);
	}
	return st;
}

enum deliv_status maildir_deliver_fd(const char *dir, int fd,
				     const struct maildir_deliv_opts *opts,
				     char **name_r, const char **error_r)
{
	static const struct maildir_deliv_opts defaults;
	struct maildir_tmpfile t;
	struct stat st;
	enum deliv_status r;
	char *chunk;
	uint64_t total = 0;

	if (opts == NULL)
		opts = &defaults;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		off_t pos = lseek(fd, 0, SEEK_CUR);
		if (pos >= 0 && st.st_size >= pos) {
			r = precheck(dir, (uint64_t)(st.st_size - pos), opts, error_r);
			if (r != DELIV_OK)
				return r;
		}
	}
	r = maildir_tmp_open(&t, dir, opts, error_r);
	if (r != DELIV_OK)
		return r;
	chunk = xmalloc(COPY_CHUNK);
	for (;;) {
		ssize_t n = read(fd, chunk, COPY_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(chunk);
			return fail(&t, DELIV_TEMPFAIL, "Cannot read the message", error_r);
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (opts->max_size > 0 && total > opts->max_size) {
			free(chunk);
			return fail(&t, DELIV_PERMFAIL, "Message too big", error_r);
		}
		if (fd_write_all(t.fd, chunk, (size_t)n) != 0) {
			free(chunk);
			return fail(&t, DELIV_TEMPFAIL,
				    errno == EDQUOT ? "Disk quota exceeded" : "Cannot write the message",
				    error_r);
		}
	}
	free(chunk);
	return maildir_tmp_commit(&t, opts, name_r, error_r);
}

enum deliv_status maildir_deliver_mem(const char *dir, const void *data, size_t n,
				      const struct maildir_deliv_opts *opts,
				      char **name_r, const char **error_r)
{
	static const struct maildir_deliv_opts defaults;
	struct maildir_tmpfile t;
	enum deliv_status r;

	if (opts == NULL)
		opts = &defaults;
	r = precheck(dir, n, opts, error_r);
	if (r != DELIV_OK)
		return r;
	r = maildir_tmp_open(&t, dir, opts, error_r);
	if (r != DELIV_OK)
		return r;
	if (fd_write_all(t.fd, data, n) != 0)
		return fail(&t, DELIV_TEMPFAIL, "Cannot write the message", error_r);
	return maildir_tmp_commit(&t, opts, name_r, error_r);
}
