#include "config.h"
/*
 * maildir_flags.c - flag letters <-> bits, and flag changes by rename(2) in
 * cur/, following the file when another process renamed it first.
 *
 * Trust:   names found in cur/ are untrusted and re-validated.
 * Runs as: the mailbox owner.
 * Limits:  a few retries when the file keeps moving; then ENOENT.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_flags.c (incl. concurrent flaggers)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xmalloc.h"
#include "maildir_flags.h"
#include "maildir_name.h"
#include "maildir_util.h"

#define FLAGS_RETRIES 8

int maildir_flags_find(const char *dir, const char *base, size_t baselen, struct buf *found)
{
	char *p = md_join(dir, "cur");
	DIR *d;
	struct dirent *de;
	int rc = -1;

	if (p == NULL)
		return -1;
	d = md_opendir(p);
	free(p);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (maildir_name_baselen(de->d_name) != baselen ||
		    memcmp(de->d_name, base, baselen) != 0 || !maildir_name_is_valid(de->d_name) ||
		    de->d_type == DT_LNK || de->d_type == DT_DIR)
			continue;
		buf_reset(found);
		if (buf_append_str(found, de->d_name) == 0)
			rc = 0;
		break;
	}
	closedir(d);
	if (rc != 0)
		errno = ENOENT;
	return rc;
}

enum flags_mode { FLAGS_SET, FLAGS_CHANGE };

static int flags_update(const char *dir, const char *name, enum flags_mode mode,
			unsigned set_or_add, unsigned del, struct buf *newname)
{
	struct buf curname = BUF_INIT(MAILDIR_NAME_MAX + 1);
	struct buf target = BUF_INIT(MAILDIR_NAME_MAX + 1);
	char *curdir = md_join(dir, "cur"), *newdir = md_join(dir, "new");
	int cfd = -1, nfd = -1, attempt, rc = -1, e = ENOENT;

	if (!maildir_name_is_valid(name)) {
		e = EINVAL;
		goto out;
	}
	if (curdir == NULL || newdir == NULL) {
		e = ENAMETOOLONG;
		goto out;
	}
	cfd = open(curdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	nfd = open(newdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (cfd < 0 || nfd < 0) {
		e = errno;
		goto out;
	}
	if (buf_append_str(&curname, name) < 0) {
		e = ENAMETOOLONG;
		goto out;
	}
	for (attempt = 0; attempt < FLAGS_RETRIES; attempt++) {
		const char *cn = buf_cstr(&curname);
		unsigned f = mode == FLAGS_SET ? set_or_add
			     : (maildir_name_flags(cn) | set_or_add) & ~del;
		struct stat st;

		if (maildir_name_with_flags(cn, f, &target) != 0) {
			e = ENAMETOOLONG;
			goto out;
		}
		if (strcmp(cn, buf_cstr(&target)) == 0) {
			if (fstatat(cfd, cn, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
				rc = 0;
				break;
			}
		} else if (renameat(cfd, cn, cfd, buf_cstr(&target)) == 0) {
			rc = 0;
			break;
		} else if (errno != ENOENT) {
			e = errno;
			goto out;
		}
		/* Still in new/ (only names without an info part live there). */
		if (strchr(cn, ':') == NULL || attempt == 0) {
			struct buf base = BUF_INIT(MAILDIR_NAME_MAX + 1);
			if (buf_append(&base, cn, maildir_name_baselen(cn)) == 0 &&
			    renameat(nfd, buf_cstr(&base), cfd, buf_cstr(&target)) == 0) {
				buf_free(&base);
				rc = 0;
				break;
			}
			buf_free(&base);
		}
		/* Renamed by someone else: find its current name. */
		struct buf found = BUF_INIT(MAILDIR_NAME_MAX + 1);
		if (maildir_flags_find(dir, cn, maildir_name_baselen(cn), &found) != 0) {
			buf_free(&found);
			e = ENOENT;
			goto out;
		}
		buf_reset(&curname);
		if (buf_append(&curname, found.data, found.len) < 0) {
			buf_free(&found);
			goto out;
		}
		buf_free(&found);
	}
	if (rc == 0) {
		buf_reset(newname);
		if (buf_append(newname, target.data, target.len) < 0) {
			rc = -1;
			e = ENAMETOOLONG;
		}
	}
out:
	if (cfd >= 0)
		close(cfd);
	if (nfd >= 0)
		close(nfd);
	free(curdir);
	free(newdir);
	buf_free(&curname);
	buf_free(&target);
	if (rc != 0)
		errno = e;
	return rc;
}

int maildir_flags_set(const char *dir, const char *name, unsigned flags, struct buf *newname)
{
	return flags_update(dir, name, FLAGS_SET, flags & MAILDIR_F_ALL, 0, newname);
}

int maildir_flags_change(const char *dir, const char *name, unsigned add, unsigned del,
			 struct buf *newname)
{
	return flags_update(dir, name, FLAGS_CHANGE, add & MAILDIR_F_ALL, del & MAILDIR_F_ALL,
			    newname);
}

void maildir_flags_to_str(unsigned flags, char out[8])
{
	size_t i, n = 0;

	for (i = 0; MAILDIR_FLAG_LETTERS[i] != '\0'; i++)
		if (flags & (1u << i))
			out[n++] = MAILDIR_FLAG_LETTERS[i];
	out[n] = '\0';
}

int maildir_flags_parse(const char *letters, unsigned *flags_r)
{
	unsigned f = 0;

	for (; *letters != '\0'; letters++) {
		const char *p = strchr(MAILDIR_FLAG_LETTERS, *letters);
		if (p == NULL)
			return -1;
		f |= 1u << (p - MAILDIR_FLAG_LETTERS);
	}
	*flags_r = f;
	return 0;
}
