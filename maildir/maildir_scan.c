#include "config.h"
/*
 * maildir_scan.c - the cur/ + new/ scan every reader starts from, with the
 * optional move of new/ to cur/.
 *
 * Trust:   file names on disk are untrusted and validated.
 * Runs as: the mailbox owner.
 * Limits:  one readdir pass per directory; symlinks and non-regular files
 *          are skipped; files that vanish meanwhile are dropped.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_maildir.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_scan.h"
#include "maildir_util.h"

/* ---- scanning ----------------------------------------------------------- */

static struct maildir_msg *list_push(struct maildir_list *l, const char *name)
{
	struct maildir_msg *m;

	l->m = array_grow(l->m, &l->cap, l->n, 1, sizeof(*l->m));
	m = &l->m[l->n++];
	memset(m, 0, sizeof(*m));
	m->name = xstrdup(name);
	m->baselen = maildir_name_baselen(name);
	m->flags = maildir_name_flags(name);
	return m;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_msg(const void *a, const void *b)
{
	const struct maildir_msg *x = a, *y = b;

	return maildir_name_cmp(x->name, y->name);
}

/* Fill size (and mtime) of the last pushed message; false if it vanished. */
static bool msg_fill(int dfd, struct maildir_msg *m, unsigned flags, unsigned char dtype)
{
	struct stat st;

	if (dtype == DT_LNK)
		return false;
	if ((flags & MAILDIR_SCAN_STAT) == 0 && maildir_name_size(m->name, &m->size) == 0 &&
	    (dtype == DT_REG))
		return true;
	if (fstatat(dfd, m->name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return false;
	if ((flags & MAILDIR_SCAN_STAT) || maildir_name_size(m->name, &m->size) != 0)
		m->size = (uint64_t)st.st_size;
	m->mtime = st.st_mtime;
	return true;
}

static void msg_free(struct maildir_msg *m)
{
	free(m->name);
	m->name = NULL;
}

/* Move new/ entries to cur/; moved names (their cur/ names) are returned
   sorted for lookups. */
static int move_new(const char *dir, char ***moved_r, size_t *n_r)
{
	char *np = md_join(dir, "new"), *cp = md_join(dir, "cur");
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int nfd, cfd;
	struct buf target = BUF_INIT(MAILDIR_NAME_MAX + 8);

	*moved_r = NULL;
	*n_r = 0;
	if (np == NULL || cp == NULL) {
		free(np);
		free(cp);
		return -1;
	}
	d = md_opendir(np);
	cfd = open(cp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(np);
	free(cp);
	if (d == NULL || cfd < 0) {
		int e = errno;
		if (d != NULL)
			closedir(d);
		if (cfd >= 0)
			close(cfd);
		errno = e;
		return -1;
	}
	nfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (!maildir_name_is_valid(de->d_name) ||
		    (de->d_type != DT_REG && de->d_type != DT_UNKNOWN))
			continue;
		buf_reset(&target);
		if (buf_append_str(&target, de->d_name) < 0 ||
		    (strchr(de->d_name, ':') == NULL && buf_append_str(&target, ":2,") < 0) ||
		    target.len > MAILDIR_NAME_MAX)
			continue;
		if (de->d_type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(nfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode))
				continue;
		}
		if (renameat(nfd, de->d_name, cfd, buf_cstr(&target)) != 0)
			continue;   /* someone else moved it: it is in cur/ */
		v = array_grow(v, &cap, n, 1, sizeof(*v));
		v[n++] = xstrdup(buf_cstr(&target));
	}
	closedir(d);
	close(cfd);
	buf_free(&target);
	if (n > 1)
		md_qsort(v, n, sizeof(*v), cmp_str);
	*moved_r = v;
	*n_r = n;
	return 0;
}

static int scan_dir(const char *dir, const char *sub, unsigned flags, bool in_new,
		    char **moved, size_t nmoved, struct maildir_list *list)
{
	char *p = md_join(dir, sub);
	DIR *d;
	struct dirent *de;
	int dfd;

	if (p == NULL)
		return -1;
	d = md_opendir(p);
	free(p);
	if (d == NULL)
		return -1;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		struct maildir_msg *m;
		const char *key = de->d_name;

		if (!maildir_name_is_valid(de->d_name) || de->d_type == DT_LNK ||
		    de->d_type == DT_DIR)
			continue;
		m = list_push(list, de->d_name);
		if (!msg_fill(dfd, m, flags, de->d_type)) {
			msg_free(m);
			list->n--;
			continue;
		}
		m->in_new = in_new;
		if (nmoved > 0 && bsearch(&key, moved, nmoved, sizeof(*moved), cmp_str) != NULL)
			m->recent = true;
	}
	closedir(d);
	return 0;
}

int maildir_scan(const char *dir, unsigned flags, struct maildir_list *list)
{
	char **moved = NULL;
	size_t nmoved = 0, i;
	int rc = 0;

	maildir_list_free(list);
	if ((flags & MAILDIR_SCAN_MOVE_NEW) && move_new(dir, &moved, &nmoved) != 0)
		return -1;
	if (scan_dir(dir, "cur", flags, false, moved, nmoved, list) != 0)
		rc = -1;
	else if ((flags & MAILDIR_SCAN_MOVE_NEW) == 0 &&
		 scan_dir(dir, "new", flags, true, NULL, 0, list) != 0)
		rc = -1;
	for (i = 0; i < nmoved; i++)
		free(moved[i]);
	free(moved);
	if (rc != 0) {
		int e = errno;
		maildir_list_free(list);
		errno = e;
		return -1;
	}
	if (flags & MAILDIR_SCAN_SORT)
		md_qsort(list->m, list->n, sizeof(*list->m), cmp_msg);
	return 0;
}

void maildir_list_free(struct maildir_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->m[i].name);
	free(list->m);
	list->m = NULL;
	list->n = list->cap = 0;
}

