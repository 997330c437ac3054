/*
 * maildir_lock.h - locks on a Maildir.
 *
 * Folder lock: Courier's NFS-safe dot-lock tmp/courier.lock (spec section 9):
 * a temp file holding "<pid>:<host>" is link()ed to the lock name; a lock
 * whose pid is dead on this host, or older than 120 s, is stale and broken.
 * Held only around a rescan/uiddb or keywords update, never for a session.
 *
 * POP3 lock: one exclusive POP3 session per maildir (-ERR [IN-USE]): an
 * flock() on <maildir>/courierpop3dlock held for the session; the kernel
 * drops it when the process dies, so it is never stale.
 *
 * STABLE: maildir_lock_folder(), maildir_unlock_folder(), maildir_pop3_lock(),
 *   maildir_pop3_unlock().
 */
#ifndef STAFETA_MAILDIR_LOCK_H
#define STAFETA_MAILDIR_LOCK_H

#include "compat.h"

#define MAILDIR_LOCK_FILE       "tmp/courier.lock"
#define MAILDIR_LOCK_STALE_SECS 120
#define MAILDIR_LOCK_WAIT_SECS  60    /* give up (ETIMEDOUT) after this */
#define MAILDIR_POP3_LOCK_FILE  "courierpop3dlock"

/* Take the dot-lock of folder dir, waiting (short sleeps) up to
   MAILDIR_LOCK_WAIT_SECS.  0, or -1 with errno (ETIMEDOUT, or the error
   creating the temp file). */
ATTR_WARN_UNUSED int maildir_lock_folder(const char *dir);
/* Release it (only if the lock file is still ours). */
void maildir_unlock_folder(const char *dir);

/* Exclusive POP3 lock of maildir, no waiting.  fd (keep it open for the
   session), or -1 with errno EWOULDBLOCK when another session holds it
   (-> "-ERR [IN-USE] ..."), other errno on failure. */
ATTR_WARN_UNUSED int maildir_pop3_lock(const char *maildir);
/* Close the fd (and so release the lock); sets *fd to -1. */
void maildir_pop3_unlock(int *fd);

#endif
