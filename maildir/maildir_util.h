/*
 * maildir_util.h - helpers shared by the libmaildir modules and maildir/'s
 * own tools (not for programs outside maildir/): path building with a length cap, the host part of names,
 * bounded file reads, atomic replace through tmp/, directory fsync.
 */
#ifndef STAFETA_MAILDIR_UTIL_H
#define STAFETA_MAILDIR_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <sys/types.h>
#include "compat.h"

struct stat;

struct buf;

/* "a/b" or "a/b/c" malloc'ed; NULL with errno ENAMETOOLONG past
   MAILDIR_PATH_MAX. */
char *md_join(const char *a, const char *b);
char *md_join3(const char *a, const char *b, const char *c);
/* gethostname() (or "localhost"), with '/' as \057 and ':' as \072. */
const char *md_hostname(void);
/* Use this host name instead (tests); NULL = back to gethostname(). */
void md_set_hostname(const char *host);
/* Read a regular file (O_NOFOLLOW) into out, at most max bytes.
   1 = read (*full_r, if not NULL, says the file had max bytes or more),
   0 = does not exist, -1 = error (errno). */
int md_read_file(const char *path, size_t max, struct buf *out, bool *full_r);
/* The unique part of Courier temp names: "<sec>.M<usec>P<pid>". */
void md_uniq(struct buf *out);
/* Write data to dir/tmp/<uniq>_<tag>.<host> (mode), fsync, rename over
   dir/final.  0 or -1 with errno (the temp file is removed). */
int md_replace_file(const char *dir, const char *final, const char *tag,
		    const void *data, size_t n, mode_t mode);
/* fsync a directory.  0 or -1. */
int md_fsync_dir(const char *dir);
/* Open dir/sub as a directory, never through a symlink (O_NOFOLLOW):
   fd, or -1 with errno (ELOOP/ENOTDIR for a symlink). */
int md_subdir_fd(const char *dir, const char *sub);
/* Open message file name in directory dfd read-only, refusing a symlink
   (O_NOFOLLOW) and anything but a regular file (EINVAL; O_NONBLOCK on the
   open so a FIFO cannot hang it; it has no effect on a regular file's
   reads).  *st_r (may be NULL) gets its fstat().  fd, or -1 with errno. */
int md_msg_openat(int dfd, const char *name, struct stat *st_r);
/* The open(2) flags of a message file read (md_msg_openat, pop3d's RETR). */
#define MD_MSG_OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
/* opendir() that refuses a symlink as the last component. */
DIR *md_opendir(const char *path);
/* lstat says dir is a real directory. */
bool md_is_dir(const char *path);
/* Remove a directory tree without following symlinks.  0 or -1. */
int md_rmtree(const char *path);
/* A fast hash of n bytes (message names, for the uiddb and view lookups). */
uint64_t md_hash_mem(const char *s, size_t n);
/* qsort that accepts base == NULL when n < 2 (UBSan-clean). */
void md_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
