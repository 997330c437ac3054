#include "config.h"
/*
 * maildir_purge.c - remove tmp/ leftovers (36 h, 48 h for pop3d) and empty
 * Trash-like folders after N days (IMAP_EMPTYTRASH, by ctime as Courier).
 *
 * Trust:   IMAP_EMPTYTRASH comes from the admin's config, still checked;
 *          directory entries are untrusted (no symlink is followed).
 * Runs as: the mailbox owner.
 * Limits:  one readdir pass per directory.
 * Errors:  -1 with errno / *error_r.
 * Tests:   tests/unit/maildir/test_purge.c
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
#include "maildir_folder.h"
#include "maildir_scan.h"
#include "maildir_lock.h"
#include "maildir_purge.h"
#include "maildir_quota.h"
#include "maildir_util.h"

int maildir_purge_tmp(const char *dir, time_t max_age)
{
	char *p = md_join(dir, "tmp");
	DIR *d;
	struct dirent *de;
	time_t now = time(NULL);
	int n = 0;

	if (p == NULL)
		return -1;
	d = md_opendir(p);
	free(p);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "courier.lock") == 0)
			continue;
		if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || now - st.st_mtime <= max_age)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int maildir_emptytrash_parse(const char *spec, const char *trash_name,
			     struct maildir_emptytrash **items_r, size_t *n_r,
			     const char **error_r)
{
	struct maildir_emptytrash *v = NULL;
	size_t n = 0, cap = 0, pos = 0;
	const char *err;

	*items_r = NULL;
	*n_r = 0;
	while (spec[pos] != '\0') {
		size_t start, len;
		const char *colon, *item;
		char *folder, *end;
		long days;

		while (spec[pos] == ',' || spec[pos] == ' ' || spec[pos] == '\t')
			pos++;
		if (spec[pos] == '\0')
			break;
		start = pos;
		while (spec[pos] != '\0' && spec[pos] != ',' && spec[pos] != ' ' && spec[pos] != '\t')
			pos++;
		len = pos - start;
		item = spec + start;
		colon = memchr(item, ':', len);
		if (colon == NULL) {
			folder = xstrdup(trash_name != NULL ? trash_name : "Trash");
			colon = item - 1;
		} else {
			folder = xstrndup(item, (size_t)(colon - item));
		}
		{
			char *num = xstrndup(colon + 1, (size_t)(item + len - colon - 1));
			errno = 0;
			days = strtol(num, &end, 10);
			if (num[0] == '\0' || *end != '\0' || errno != 0 || days > 100000 ||
			    days < -100000) {
				free(num);
				free(folder);
				maildir_emptytrash_free(v, n);
				*error_r = "IMAP_EMPTYTRASH: bad number of days";
				return -1;
			}
			free(num);
		}
		if (maildir_folder_check(folder, &err) != 0) {
			free(folder);
			maildir_emptytrash_free(v, n);
			*error_r = "IMAP_EMPTYTRASH: bad folder name";
			return -1;
		}
		v = array_grow(v, &cap, n, 1, sizeof(*v));
		v[n].folder = folder;
		v[n].days = days <= 0 ? 1 : (int)days;
		n++;
	}
	*items_r = v;
	*n_r = n;
	return 0;
}

void maildir_emptytrash_free(struct maildir_emptytrash *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(items[i].folder);
	free(items);
}

long maildir_purge_folders(const char *maildir, const struct maildir_emptytrash *items,
			   size_t n, time_t now)
{
	long removed = 0;
	size_t i, j;

	for (i = 0; i < n; i++) {
		const char *err;
		char *full = xmalloc(strlen(items[i].folder) + 7);
		char *dir, *cur;
		struct maildir_list l = MAILDIR_LIST_INIT;
		time_t limit = now - (time_t)items[i].days * 86400;
		bool counts;
		int cfd;

		/* On-disk names: "INBOX" here is the folder .INBOX, not the maildir. */
		sprintf(full, "INBOX.%s", items[i].folder);
		dir = maildir_folder_dir(maildir, full, &err);
		free(full);
		if (dir == NULL)
			continue;
		if (!maildir_is_maildir(dir) || maildir_scan(dir, MAILDIR_SCAN_MOVE_NEW, &l) != 0) {
			free(dir);
			continue;
		}
		counts = !maildir_is_trash(dir);
		cur = md_join(dir, "cur");
		cfd = cur != NULL ? open(cur, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
		for (j = 0; cfd >= 0 && j < l.n; j++) {
			struct stat st;
			if (fstatat(cfd, l.m[j].name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode) || st.st_ctime >= limit)
				continue;
			if (unlinkat(cfd, l.m[j].name, 0) != 0)
				continue;
			removed++;
			if (counts && (l.m[j].flags & MAILDIR_F_TRASHED) == 0)
				(void)maildir_quota_add(maildir, -(int64_t)l.m[j].size, -1);
		}
		if (cfd >= 0)
			close(cfd);
		free(cur);
		maildir_list_free(&l);
		free(dir);
	}
	return removed;
}
