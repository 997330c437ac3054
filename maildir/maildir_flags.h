/*
 * maildir_flags.h - change a message's flags by rename, atomically, coping
 * with another process having renamed (re-flagged) the file meanwhile.
 *
 * These functions only rename; they never touch maildirsize.  Callers that
 * set or clear \Deleted (T) on behalf of a user should go through
 * maildir_msg_set_flags() (maildir.h), which also applies Courier's quota
 * rule (T-flagged messages are not counted).
 *
 * STABLE: maildir_flags_set(), maildir_flags_change(), maildir_flags_find(),
 *   maildir_flags_to_str(), maildir_flags_parse().
 */
#ifndef STAFETA_MAILDIR_FLAGS_H
#define STAFETA_MAILDIR_FLAGS_H

#include <stddef.h>
#include "compat.h"

struct buf;

/* Rename dir/cur/<name> to carry flags (MAILDIR_F_*; unknown letters of
   the old suffix are kept).  If name is gone, cur/ is searched once for a
   file with the same base name (another process changed its flags) and
   that one is renamed; new/<name> is also tried (moved to cur/).  newname
   gets the resulting name.  0, or -1 with errno (ENOENT: the message is
   gone). */
int maildir_flags_set(const char *dir, const char *name, unsigned flags, struct buf *newname);
/* Like maildir_flags_set, but add and remove flags relative to the flags
   the file has when it is renamed, so two processes changing different
   flags at once both win (STORE +FLAGS / -FLAGS). */
int maildir_flags_change(const char *dir, const char *name, unsigned add, unsigned del,
			 struct buf *newname);
/* Find the current name in cur/ of base name base (baselen bytes).  0 with
   found set, or -1 with errno (ENOENT). */
int maildir_flags_find(const char *dir, const char *base, size_t baselen, struct buf *found);
/* "DFRS" from a bit set (ASCII order). out needs 8 bytes. */
void maildir_flags_to_str(unsigned flags, char out[8]);
/* A bit set from letters; -1 if a letter is not one of D F P R S T. */
int maildir_flags_parse(const char *letters, unsigned *flags_r);

#endif
