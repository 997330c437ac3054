/*
 * maildir_deliver.h - put one message into a Maildir (or Maildir++ folder)
 * the way Courier does: a unique name in tmp/, write, fsync the file, quota
 * check, link() into new/ (or cur/ with flags, for IMAP APPEND), fsync the
 * directory, unlink the tmp name, append the maildirsize delta.  An existing
 * name is never overwritten (link() fails with EEXIST; a new name is made).
 *
 * Names: tmp/<sec>.M<usec>P<pid>.<host>
 *        new/<sec>.M<usec>P<pid>V<dev>I<ino>.<host>,S=<size>   (dev, ino:
 *        upper-case hex, zero-padded to the full width of dev_t / ino_t)
 *
 * STABLE (lmtpd, imapd APPEND/COPY, deliverquota): enum deliv_status,
 *   struct maildir_deliv_opts, maildir_deliver_fd(), maildir_tmp_open(),
 *   maildir_tmp_commit(), maildir_tmp_abort(), maildir_deliv_status_str().
 */
#ifndef STAFETA_MAILDIR_DELIVER_H
#define STAFETA_MAILDIR_DELIVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include "compat.h"

/* STYLE.md's delivery result, plus over-quota as its own value:
   LMTP 250 / 451 4.x / 550 5.x / 452 4.2.2; deliverquota exit 0 / 75 / 65 / 77;
   IMAP OK / NO / NO / NO [OVERQUOTA]. */
#ifndef STAFETA_DELIV_STATUS_DEFINED
#define STAFETA_DELIV_STATUS_DEFINED
enum deliv_status { DELIV_OK = 0, DELIV_TEMPFAIL, DELIV_PERMFAIL, DELIV_OVERQUOTA };
#endif

struct maildir_deliv_opts {
	const char *host;      /* name part; NULL = gethostname() ('/' and ':'
				  are written as \057 and \072) */
	const char *flags;     /* NULL: deliver into new/.  Otherwise into cur/
				  with ":2,<flags>" (letters from "DFPRST",
				  others refused): IMAP APPEND. */
	time_t      mtime;     /* > 0: set the file's mtime/atime (APPEND date) */
	bool        quota;     /* check and update the main maildir's maildirsize */
	const char *quota_def; /* non-NULL: a quota ("10000000S,1000C") that, when it
				  differs from maildirsize line 1, replaces it
				  (deliverquota's QUOTA argument, authlib QUOTA=) */
	uint64_t    max_size;  /* > 0: larger messages are DELIV_PERMFAIL */
	bool        no_fsync;  /* tests and benchmarks only */
};

/* A message being written into tmp/.  Fields are read-only for callers
   except fd, which they write the message to. */
struct maildir_tmpfile {
	int   fd;          /* -1 when closed */
	char *dir;         /* the (folder) maildir */
	char *tmppath;     /* dir/tmp/<name> */
	char *uniq;        /* "<sec>.M<usec>P<pid>" */
	char *host;        /* escaped host part */
};

/* Create a fresh tmp file (O_CREAT|O_EXCL, mode 0600, O_NOFOLLOW) in
   dir/tmp/.  If dir/tmp/ is missing but dir looks like a maildir, the error
   is DELIV_TEMPFAIL.  DELIV_OK, or another status with *error_r. */
enum deliv_status maildir_tmp_open(struct maildir_tmpfile *t, const char *dir,
				   const struct maildir_deliv_opts *opts,
				   const char **error_r);
/* Finish: fsync + fstat the file, check quota (opts->quota), link into new/
   or cur/, fsync that directory, unlink the tmp name, append the quota
   delta.  *name_r (may be NULL) gets the malloc'ed final file name (the
   base name, with ":2,<flags>" in cur/).  On every return t is closed and
   the tmp file removed (except DELIV_OK, where it has become the message).
   DELIV_OVERQUOTA when the quota refuses it. */
enum deliv_status maildir_tmp_commit(struct maildir_tmpfile *t,
				     const struct maildir_deliv_opts *opts,
				     char **name_r, const char **error_r);
/* Close and unlink the tmp file (a failed APPEND). */
void maildir_tmp_abort(struct maildir_tmpfile *t);

/* The whole delivery: copy fd (from its current offset to EOF) into a tmp
   file and commit it.  When fd is a regular file, its size is checked
   against quota and max_size before anything is written.  LF line endings
   are stored as given (lmtpd strips CR before, as Courier does). */
enum deliv_status maildir_deliver_fd(const char *dir, int fd,
				     const struct maildir_deliv_opts *opts,
				     char **name_r, const char **error_r);
/* Same from memory (tests, quota warning messages). */
enum deliv_status maildir_deliver_mem(const char *dir, const void *data, size_t n,
				      const struct maildir_deliv_opts *opts,
				      char **name_r, const char **error_r);

/* "ok", "temporary failure", "permanent failure", "over quota". */
const char *maildir_deliv_status_str(enum deliv_status st);
/* true for errno values a retry might fix (ENOSPC, EDQUOT, EIO, EAGAIN,
   ENOMEM, EINTR, ETIMEDOUT, EMFILE, ENFILE, ...). */
bool maildir_errno_is_temporary(int e);

#endif
