/*
 * maildir_scan.h - one pass over cur/ and new/ of a folder into a list of
 * messages (name, size, mtime, flags), optionally moving new/ to cur/.
 *
 * STABLE: struct maildir_msg, struct maildir_list, MAILDIR_SCAN_*,
 *   maildir_scan(), maildir_list_free().
 */
#ifndef STAFETA_MAILDIR_SCAN_H
#define STAFETA_MAILDIR_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "compat.h"
#include "maildir_name.h"

struct maildir_msg {
	char     *name;      /* file name in cur/ (or new/ when in_new) */
	size_t    baselen;   /* maildir_name_baselen(name) */
	uint64_t  size;      /* bytes: ,S= or stat() */
	time_t    mtime;     /* INTERNALDATE (file mtime); 0 = not read (scan
				without MAILDIR_SCAN_STAT of a name with ,S=) */
	unsigned  flags;     /* MAILDIR_F_* */
	uint32_t  uid;       /* IMAP UID (maildir_uid_sync), 0 otherwise */
	bool      in_new;    /* still in new/ (scan without MAILDIR_SCAN_MOVE_NEW) */
	bool      recent;    /* moved from new/ by this scan or got its UID now */
};
struct maildir_list {
	struct maildir_msg *m;
	size_t n, cap;
};
#define MAILDIR_LIST_INIT { NULL, 0, 0 }

/* maildir_scan() flags */
#define MAILDIR_SCAN_MOVE_NEW  0x01u  /* rename new/x to cur/x:2, first */
#define MAILDIR_SCAN_STAT      0x02u  /* stat() every file (size, mtime) even
					 when the name has ,S= */
#define MAILDIR_SCAN_SORT      0x04u  /* sort by maildir_name_cmp() */

/* Read cur/ and new/ of dir (one readdir pass each) into list (replacing its
   content).  Entries that are not valid names (maildir_name_is_valid) are
   skipped, as are symlinks and other non-regular files.  Without
   MAILDIR_SCAN_STAT, size comes from ,S= and mtime is 0; names without ,S=
   are lstat()ed for size and mtime.
   Files that vanish meanwhile are dropped.  0 or -1 with errno. */
int maildir_scan(const char *dir, unsigned flags, struct maildir_list *list);
void maildir_list_free(struct maildir_list *list);

#endif
