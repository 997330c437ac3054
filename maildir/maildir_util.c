#include "config.h"
/*
 * maildir_util.c - small helpers of libmaildir: paths, host name, bounded
 * reads, atomic file replacement, directory removal without following links.
 *
 * Trust:   file contents are untrusted (read with a cap); paths come from
 *          callers that validated names.
 * Runs as: the mailbox owner.
 * Limits:  MAILDIR_PATH_MAX for paths; callers give the read cap.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_maildir.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "xmalloc.h"
#include "maildir_limits.h"
#include "maildir_util.h"

static char *hostname_cache;

char *md_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p;

	if (la + lb + 2 > MAILDIR_PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	p = xmalloc(la + lb + 2);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

char *md_join3(const char *a, const char *b, const char *c)
{
	char *ab = md_join(a, b), *abc;

	if (ab == NULL)
		return NULL;
	abc = md_join(ab, c);
	free(ab);
	return abc;
}

void md_set_hostname(const char *host)
{
	free(hostname_cache);
	hostname_cache = NULL;
	if (host != NULL)
		hostname_cache = xstrdup(host);
}

const char *md_hostname(void)
{
	char raw[256];
	struct buf b = BUF_INIT(1024);
	size_t i;

	if (hostname_cache != NULL)
		return hostname_cache;
	if (gethostname(raw, sizeof(raw) - 1) != 0 || raw[0] == '\0')
		strcpy(raw, "localhost");
	raw[sizeof(raw) - 1] = '\0';
	for (i = 0; raw[i] != '\0'; i++) {
		int r;
		if (raw[i] == '/')
			r = buf_append_str(&b, "\\057");
		else if (raw[i] == ':')
			r = buf_append_str(&b, "\\072");
		else
			r = buf_putc(&b, raw[i]);
		if (r < 0)
			break;
	}
	hostname_cache = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return hostname_cache;
}

int md_read_file(const char *path, size_t max, struct buf *out, bool *full_r)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	bool full = false;

	buf_reset(out);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	/* the size it has now, + 1 to see the end: one read and one that
	   returns 0, into a buffer that does not need to grow */
	size_t hint = (uint64_t)st.st_size < max ? (size_t)st.st_size + 1 : max;
	for (;;) {
		size_t want = max - out->len;
		size_t step = hint > out->len ? hint - out->len : 65536;
		char *p;
		ssize_t r;

		if (want == 0) {
			full = true;
			break;
		}
		if (want > step)
			want = step;
		p = buf_reserve(out, want);
		if (p == NULL) {
			full = true;
			break;
		}
		r = read(fd, p, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		buf_commit(out, (size_t)r);
	}
	close(fd);
	if (full_r != NULL)
		*full_r = full;
	return 1;
}

void md_uniq(struct buf *out)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	buf_reset(out);
	if (buf_printf(out, "%lld.M%ldP%ld", (long long)tv.tv_sec, (long)tv.tv_usec,
		       (long)getpid()) < 0)
		buf_reset(out);
}

int md_replace_file(const char *dir, const char *final, const char *tag,
		    const void *data, size_t n, mode_t mode)
{
	struct buf name = BUF_INIT(MAILDIR_PATH_MAX);
	char *tmp = NULL, *dst = NULL;
	int fd = -1, e, tries;

	for (tries = 0; tries < 100; tries++) {
		md_uniq(&name);
		if (buf_printf(&name, "_%s_%u.%s", tag, (unsigned)tries, md_hostname()) < 0)
			goto toolong;
		free(tmp);
		tmp = md_join3(dir, "tmp", buf_cstr(&name));
		if (tmp == NULL)
			goto fail;
		if (tries == 0) {
			/* tmp/ must be a real directory, not a way out of the maildir */
			char *td = md_join(dir, "tmp");
			struct stat tst;
			int ok = td != NULL && lstat(td, &tst) == 0 && S_ISDIR(tst.st_mode);
			free(td);
			if (!ok) {
				errno = ENOTDIR;
				goto fail;
			}
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0)
		goto fail;
	if (fchmod(fd, mode) != 0 || fd_write_all(fd, data, n) != 0 || fsync(fd) != 0)
		goto fail_unlink;
	if (close(fd) != 0) {
		fd = -1;
		goto fail_unlink;
	}
	fd = -1;
	dst = md_join(dir, final);
	if (dst == NULL || rename(tmp, dst) != 0)
		goto fail_unlink;
	free(tmp);
	free(dst);
	buf_free(&name);
	return 0;
toolong:
	errno = ENAMETOOLONG;
	goto fail;
fail_unlink:
	e = errno;
	unlink(tmp);
	errno = e;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	free(tmp);
	free(dst);
	buf_free(&name);
	errno = e;
	return -1;
}

int md_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r, e;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

bool md_is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int rmtree_at(int parent, const char *name, int depth)
{
	int fd;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (depth > 64) {
		errno = ELOOP;
		return -1;
	}
	if (unlinkat(parent, name, 0) == 0)
		return 0;
	if (errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (rmtree_at(dirfd(d), de->d_name, depth + 1) != 0)
			rc = -1;
	}
	closedir(d);
	if (unlinkat(parent, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
		rc = -1;
	return rc;
}

int md_rmtree(const char *path)
{
	return rmtree_at(AT_FDCWD, path, 0);
}

void md_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

int md_subdir_fd(const char *dir, const char *sub)
{
	char *p = md_join(dir, sub);
	int fd;

	if (p == NULL)
		return -1;
	fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(p);
	return fd;
}

int md_msg_openat(int dfd, const char *name, struct stat *st_r)
{
	struct stat st;
	int fd = openat(dfd, name, MD_MSG_OPEN_FLAGS);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if (st_r != NULL)
		*st_r = st;
	return fd;
}

DIR *md_opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (d == NULL) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

/* Word-at-a-time hash of a name (names are ~60 bytes; this runs twice per
   message on every open). */
uint64_t md_hash_mem(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}
