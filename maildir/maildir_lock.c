#include "config.h"
/*
 * maildir_lock.c - Courier's dot-lock tmp/courier.lock for folder updates,
 * and the flock()-based exclusive POP3 session lock.
 *
 * Trust:   the lock file content ("<pid>:<host>") may be garbage; it is
 *          only used to judge staleness.
 * Runs as: the mailbox owner.
 * Limits:  waits at most MAILDIR_LOCK_WAIT_SECS; a lock whose pid is dead
 *          on this host or older than MAILDIR_LOCK_STALE_SECS is broken.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_lock.c, tests/unit/maildir/test_concurrency.c
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "timeutil.h"
#include "xmalloc.h"
#include "maildir_limits.h"
#include "maildir_lock.h"
#include "maildir_util.h"

/* Our lock content. */
static void lock_content(struct buf *b)
{
	buf_reset(b);
	if (buf_printf(b, "%ld:%s", (long)getpid(), md_hostname()) < 0)
		buf_reset(b);
}

/* Create a unique temp file in dir/tmp holding content; its path in *p. */
static int make_temp(const char *dir, const char *tag, const struct buf *content, char **p)
{
	struct buf name = BUF_INIT(MAILDIR_PATH_MAX);
	int fd = -1, i;

	*p = NULL;
	for (i = 0; i < 50 && fd < 0; i++) {
		md_uniq(&name);
		if (buf_printf(&name, "_%s%d.%s", tag, i, md_hostname()) < 0)
			break;
		free(*p);
		*p = md_join3(dir, "tmp", buf_cstr(&name));
		if (*p == NULL)
			break;
		fd = open(*p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	buf_free(&name);
	if (fd < 0) {
		int e = errno;
		free(*p);
		*p = NULL;
		errno = e;
		return -1;
	}
	if (content != NULL && fd_write_all(fd, content->data, content->len) != 0) {
		int e = errno;
		close(fd);
		unlink(*p);
		free(*p);
		*p = NULL;
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

/* Is the lock at path (with stat st) stale? */
static bool lock_is_stale(const char *path, const struct stat *st)
{
	struct buf c = BUF_INIT(512);
	bool stale = false;
	char *colon;
	long pid;

	if (time(NULL) - st->st_mtime > MAILDIR_LOCK_STALE_SECS) {
		buf_free(&c);
		return true;
	}
	if (md_read_file(path, 511, &c, NULL) == 1 && c.len > 0) {
		colon = memchr(c.data, ':', c.len);
		if (colon != NULL) {
			char *end;
			*colon = '\0';
			pid = strtol(c.data, &end, 10);
			if (*end == '\0' && pid > 0 && strcmp(colon + 1, md_hostname()) == 0 &&
			    kill((pid_t)pid, 0) != 0 && errno == ESRCH)
				stale = true;
		}
	}
	buf_free(&c);
	return stale;
}

/* Break the stale lock whose inode is ino: rename it aside, check that we
   took exactly that file, put it back if not. */
static void lock_break(const char *dir, const char *path, ino_t ino)
{
	char *aside;
	struct stat st;

	if (make_temp(dir, "courierlockbrk", NULL, &aside) != 0)
		return;
	if (rename(path, aside) != 0) {
		unlink(aside);
		free(aside);
		return;
	}
	if (lstat(aside, &st) == 0 && st.st_ino != ino)
		if (link(aside, path) != 0) {
			/* Someone locked meanwhile: theirs stands. */
		}
	unlink(aside);
	free(aside);
}

int maildir_lock_folder(const char *dir)
{
	char *lockpath = md_join(dir, MAILDIR_LOCK_FILE);
	struct buf content = BUF_INIT(512);
	int64_t deadline = time_mono_ms() + (int64_t)MAILDIR_LOCK_WAIT_SECS * 1000;
	unsigned sleep_us = 500;
	int rc = -1, e = ETIMEDOUT;

	if (lockpath == NULL)
		return -1;
	lock_content(&content);
	while (time_mono_ms() < deadline) {
		char *tmp;
		struct stat st;

		if (make_temp(dir, "courierlock", &content, &tmp) != 0) {
			e = errno;
			break;
		}
		if (link(tmp, lockpath) == 0 || errno == EEXIST) {
			/* NFS: link() may report failure after succeeding. */
			if (lstat(tmp, &st) == 0 && st.st_nlink == 2) {
				unlink(tmp);
				free(tmp);
				rc = 0;
				break;
			}
		} else {
			e = errno;
			unlink(tmp);
			free(tmp);
			break;
		}
		unlink(tmp);
		free(tmp);
		if (lstat(lockpath, &st) == 0 && lock_is_stale(lockpath, &st)) {
			lock_break(dir, lockpath, st.st_ino);
			continue;
		}
		usleep(sleep_us);
		if (sleep_us < 50000)
			sleep_us *= 2;
	}
	buf_free(&content);
	free(lockpath);
	if (rc != 0)
		errno = e;
	return rc;
}

void maildir_unlock_folder(const char *dir)
{
	char *lockpath = md_join(dir, MAILDIR_LOCK_FILE);
	struct buf mine = BUF_INIT(512), c = BUF_INIT(512);

	if (lockpath == NULL)
		return;
	lock_content(&mine);
	if (md_read_file(lockpath, 511, &c, NULL) == 1 && c.len == mine.len &&
	    memcmp(c.data, mine.data, c.len) == 0)
		unlink(lockpath);
	buf_free(&mine);
	buf_free(&c);
	free(lockpath);
}

int maildir_pop3_lock(const char *maildir)
{
	char *p = md_join(maildir, MAILDIR_POP3_LOCK_FILE);
	int fd, e;

	if (p == NULL)
		return -1;
	fd = open(p, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(p);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		e = errno == EAGAIN ? EWOULDBLOCK : errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void maildir_pop3_unlock(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
