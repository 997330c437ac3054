/*
 * maildir_uiddb.h - IMAP UIDs in courierimapuiddb, exactly as Courier keeps
 * them, and the locked rescan that assigns them.
 *
 *   1 <uidvalidity> <nextuid>\n
 *   <uid> <basename>\n ...          (ascending UIDs, basename without ":2,")
 *
 * maildir_uid_sync() is the one way UIDs are handed out: under the folder
 * lock (maildir_lock.h) it reads the db, reads cur/ and new/ once, moves
 * new/ to cur/, gives new messages nextuid++ in Courier's order and rewrites
 * the db through tmp/ + rename when anything changed.  Any number of
 * processes doing this concurrently never hand out a UID twice.
 *
 * STABLE: struct maildir_uiddb, struct maildir_uid_entry, maildir_uiddb_parse(),
 *   maildir_uiddb_read(), maildir_uiddb_write_msgs(), maildir_uiddb_free(),
 *   maildir_uiddb_new_uidvalidity(),
 *   maildir_uid_sync(),
 *   struct maildir_uid_view, MAILDIR_UIDSYNC_*.
 */
#ifndef STAFETA_MAILDIR_UIDDB_H
#define STAFETA_MAILDIR_UIDDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"
#include "maildir_scan.h"

#define MAILDIR_UIDDB_FILE     "courierimapuiddb"
#define MAILDIR_UIDDB_MAX_SIZE (256u * 1024 * 1024)  /* bytes read at most */

struct maildir_uid_entry {
	uint32_t uid;
	char    *base;     /* base name, no ":2," part */
};
struct maildir_uiddb {
	uint32_t uidvalidity;
	uint32_t nextuid;
	struct maildir_uid_entry *e;  /* ascending UIDs */
	size_t n, cap;
	char *arena;       /* when parsed: the bases point into this copy of the
			      file (freed by maildir_uiddb_free); NULL: each
			      base is the caller's */
	bool repaired;     /* parsing dropped a duplicate or raised nextuid */
};
#define MAILDIR_UIDDB_INIT { 0, 0, NULL, 0, 0, NULL, false }

/* Parse file content (n bytes, need not be NUL-terminated).  Line 1 must be
   "1 <uidvalidity> <nextuid>" (version 1, numbers that fit 32 bits, nextuid
   >= 1); otherwise -1 (the caller treats the file as absent and starts a new
   UIDVALIDITY).  Entry lines without a space, with a non-numeric, zero or
   2^32-1 UID, a UID already listed (the first line keeps it), or an
   invalid name are skipped; a UID at or above nextuid is kept and nextuid
   raised past the highest (repaired is set for either).  A last
   line without newline is taken if complete.  0 or -1. */
int maildir_uiddb_parse(const char *text, size_t n, struct maildir_uiddb *db);
/* Read dir/courierimapuiddb.  1 = read, 0 = absent or invalid (db empty),
   -1 = read error (errno). */
int maildir_uiddb_read(const char *dir, struct maildir_uiddb *db);
/* Write db (entries must be in ascending UID order) to dir/tmp/ and rename
   it over dir/courierimapuiddb, fsynced.  0 or -1 with errno. */
int maildir_uiddb_write(const char *dir, const struct maildir_uiddb *db);
/* The same from messages: the UIDs and base names of m[0..n-1] (ascending
   UIDs), where message i is at (char *)m + i * stride (stride = the size of
   a struct that starts with a struct maildir_msg).  0 or -1 with errno. */
int maildir_uiddb_write_msgs(const char *dir, uint32_t uidvalidity, uint32_t nextuid,
			     const struct maildir_msg *m, size_t n, size_t stride);
void maildir_uiddb_free(struct maildir_uiddb *db);
/* A UIDVALIDITY for a db made now, as Courier picks it: time() - 10^9
   (never 0, and not old). */
uint32_t maildir_uiddb_new_uidvalidity(uint32_t old);

/* maildir_uid_sync() flags */
#define MAILDIR_UIDSYNC_READONLY 0x01u  /* EXAMINE: move nothing, write nothing;
					   new messages get provisional UIDs */
#define MAILDIR_UIDSYNC_NOLOCK   0x02u  /* caller holds the folder lock */
#define MAILDIR_UIDSYNC_STAT     0x04u  /* stat() every file (see maildir_scan) */

struct maildir_uid_view {
	uint32_t uidvalidity;
	uint32_t nextuid;       /* UIDNEXT */
	struct maildir_list list;  /* every message, ascending UID; m[i].recent
				      for those that got their UID now */
	bool     created;       /* the db was (re)created: a new UIDVALIDITY */
};
#define MAILDIR_UID_VIEW_INIT { 0, 0, MAILDIR_LIST_INIT, false }

/* Courier's rescan (spec section 3) of dir: purge tmp/ files over 36 h,
   take the lock, read the db, read cur/ and new/ once each, keep known UIDs,
   move new/ -> cur/ (new messages keep the same base name so their UIDs are
   assigned once), assign nextuid++ to new ones in maildir_name_cmp order,
   rewrite the db when anything changed, release the lock.  view is
   replaced.  0 or -1 with errno. */
int maildir_uid_sync(const char *dir, unsigned flags, struct maildir_uid_view *view);
void maildir_uid_view_free(struct maildir_uid_view *view);

#endif
