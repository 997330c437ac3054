/*
 * maildir_msg.h - operations on one scanned message: open it, change its
 * flags, delete it, following a rename by another process and applying
 * Courier's quota rules (maildir_quota.h).  The top layer of maildir.h.
 *
 * STABLE: maildir_msg_open(), maildir_msg_set_flags(), maildir_msg_delete().
 */
#ifndef STAFETA_MAILDIR_MSG_H
#define STAFETA_MAILDIR_MSG_H

#include "compat.h"
#include "maildir_scan.h"

struct stat;

/* Open a message read-only (O_NOFOLLOW, a regular file only; *st_r, may be
   NULL, gets its fstat()).  If msg->name is gone because another process
   changed its flags, cur/ is searched for the same base name and msg->name
   updated.  fd, or -1 with errno (ENOENT: expunged). */
int maildir_msg_open(const char *dir, struct maildir_msg *msg, struct stat *st_r);
/* Change a message's flags by rename (maildir_flags_set) and update msg.
   Quota (Courier's rule, recalculation skips T-flagged files): setting
   \Deleted (T) appends -size -1 to maildirsize, clearing it +size +1, both
   only when dir is not the Trash folder and a maildirsize exists.
   0, or -1 with errno (ENOENT: expunged meanwhile). */
int maildir_msg_set_flags(const char *dir, struct maildir_msg *msg, unsigned flags);
/* Unlink a message (following a rename as maildir_msg_open does) and append
   the quota delta -size -1 when the file was not T-flagged, dir is not the
   Trash folder and the main maildir has a maildirsize.
   0, or -1 with errno (ENOENT: already gone; callers that expunge may
   ignore it). */
int maildir_msg_delete(const char *dir, struct maildir_msg *msg);

#endif
