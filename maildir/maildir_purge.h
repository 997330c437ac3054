/*
 * maildir_purge.h - housekeeping: old tmp/ files and IMAP_EMPTYTRASH.
 *
 * STABLE: maildir_purge_tmp(), maildir_purge_folders(), maildir_emptytrash_parse().
 */
#ifndef STAFETA_MAILDIR_PURGE_H
#define STAFETA_MAILDIR_PURGE_H

#include <stddef.h>
#include <time.h>
#include "compat.h"

#define MAILDIR_TMP_PURGE_SECS (36 * 3600)

/* Unlink regular files in dir/tmp/ whose mtime is older than max_age
   seconds (never following symlinks; courier.lock files are left to the
   lock code).  Returns how many were removed, or -1 if tmp/ can't be read. */
int maildir_purge_tmp(const char *dir, time_t max_age);

struct maildir_emptytrash {
	char *folder;   /* on-disk name without "INBOX.": "Trash", "Sent" */
	int   days;     /* >= 1 */
};
/* Parse IMAP_EMPTYTRASH: "Trash:7,Sent:30", or a bare number of days for
   trash_name.  Entries with invalid folder names or numbers are refused
   (-1 with *error_r); N <= 0 becomes 1.  *items_r is malloc'ed. */
int maildir_emptytrash_parse(const char *spec, const char *trash_name,
			     struct maildir_emptytrash **items_r, size_t *n_r,
			     const char **error_r);
void maildir_emptytrash_free(struct maildir_emptytrash *items, size_t n);
/* For each item: move new/ to cur/ and unlink files whose ctime is older
   than days (now - days * 86400), with quota deltas for folders that count
   toward quota.  Missing folders are skipped.  Returns messages removed or -1. */
long maildir_purge_folders(const char *maildir, const struct maildir_emptytrash *items,
			   size_t n, time_t now);

#endif
