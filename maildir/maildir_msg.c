#include "config.h"
/*
 * maildir_msg.c - open, re-flag and delete one scanned message, following
 * renames by other processes, with Courier's quota rules for \Deleted.
 *
 * Trust:   names found in cur/ are untrusted (maildir_flags_find checks).
 * Runs as: the mailbox owner.
 * Limits:  three attempts when the file keeps moving; then ENOENT.
 * Errors:  -1 with errno (ENOENT: the message is gone).
 * Tests:   tests/unit/maildir/test_maildir.c, tests/unit/maildir/test_quota.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xmalloc.h"
#include "maildir_flags.h"
#include "maildir_folder.h"
#include "maildir_msg.h"
#include "maildir_quota.h"
#include "maildir_util.h"

static void msg_rename_to(struct maildir_msg *msg, const char *name)
{
	free(msg->name);
	msg->name = xstrdup(name);
	msg->baselen = maildir_name_baselen(name);
	msg->flags = maildir_name_flags(name);
	msg->in_new = false;
}

/* The directory fd of msg (cur/ or new/), never through a symlink. */
static int msg_dirfd(const char *dir, const struct maildir_msg *msg)
{
	return md_subdir_fd(dir, msg->in_new ? "new" : "cur");
}

static int msg_relocate(const char *dir, struct maildir_msg *msg)
{
	struct buf found = BUF_INIT(MAILDIR_NAME_MAX + 1);
	int r = maildir_flags_find(dir, msg->name, msg->baselen, &found);

	if (r == 0)
		msg_rename_to(msg, buf_cstr(&found));
	buf_free(&found);
	return r;
}

int maildir_msg_open(const char *dir, struct maildir_msg *msg, struct stat *st_r)
{
	int attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		int dfd = msg_dirfd(dir, msg), fd, e;

		if (dfd < 0)
			return -1;
		fd = md_msg_openat(dfd, msg->name, st_r);
		e = errno;
		close(dfd);
		errno = e;
		if (fd >= 0)
			return fd;
		if (errno != ENOENT || msg_relocate(dir, msg) != 0)
			return -1;
	}
	errno = ENOENT;
	return -1;
}

int maildir_msg_set_flags(const char *dir, struct maildir_msg *msg, unsigned flags)
{
	struct buf nn = BUF_INIT(MAILDIR_NAME_MAX + 1);
	unsigned old;
	int r;

	/* A message still in new/ is moved into cur/ as well. */
	r = maildir_flags_set(dir, msg->name, flags, &nn);
	if (r != 0) {
		buf_free(&nn);
		return -1;
	}
	old = msg->flags;
	msg_rename_to(msg, buf_cstr(&nn));
	buf_free(&nn);
	if (((old ^ msg->flags) & MAILDIR_F_TRASHED) && !maildir_is_trash(dir)) {
		char *main_dir = maildir_main_dir(dir);
		int64_t sz = (int64_t)msg->size;
		if (msg->flags & MAILDIR_F_TRASHED)
			(void)maildir_quota_add(main_dir, -sz, -1);
		else
			(void)maildir_quota_add(main_dir, sz, 1);
		free(main_dir);
	}
	return 0;
}

int maildir_msg_delete(const char *dir, struct maildir_msg *msg)
{
	int attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		int dfd = msg_dirfd(dir, msg), r, e;

		if (dfd < 0)
			return -1;
		r = unlinkat(dfd, msg->name, 0);
		e = errno;
		close(dfd);
		errno = e;
		if (r == 0) {
			if ((msg->flags & MAILDIR_F_TRASHED) == 0 && !maildir_is_trash(dir)) {
				char *main_dir = maildir_main_dir(dir);
				(void)maildir_quota_add(main_dir, -(int64_t)msg->size, -1);
				free(main_dir);
			}
			return 0;
		}
		if (errno != ENOENT || msg_relocate(dir, msg) != 0)
			return -1;
	}
	errno = ENOENT;
	return -1;
}
