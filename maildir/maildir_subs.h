/*
 * maildir_subs.h - IMAP subscriptions in <maildir>/courierimapsubscribed,
 * as Courier keeps them: one mailbox name per line in internal form
 * ("INBOX.Sent", UTF-8, '.' hierarchy), rewritten through tmp/ + rename
 * under the maildir's folder lock.
 *
 * STABLE: struct maildir_subs, maildir_subs_parse(), maildir_subs_read(),
 *   maildir_subs_has(), maildir_subs_add(), maildir_subs_remove(),
 *   maildir_subs_rename(), maildir_subs_free().
 */
#ifndef STAFETA_MAILDIR_SUBS_H
#define STAFETA_MAILDIR_SUBS_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

#define MAILDIR_SUBS_FILE      "courierimapsubscribed"
#define MAILDIR_SUBS_FILE_MAX  (4u * 1024 * 1024)   /* bytes read at most */
#define MAILDIR_SUBS_MAX       100000               /* names kept at most */

struct maildir_subs {
	char  **name;     /* in file order, no duplicates */
	size_t  n, cap;
};
#define MAILDIR_SUBS_INIT { NULL, 0, 0 }

/* Parse file content: empty lines, duplicates, lines over
   MAILDIR_FOLDER_NAME_MAX + 6 bytes or with control characters are
   dropped; a last line without newline is kept.  0, or -1 (EFBIG) past
   MAILDIR_SUBS_MAX names. */
int maildir_subs_parse(const char *text, size_t n, struct maildir_subs *s);
/* Read the file (absent = empty list).  0 or -1 with errno. */
int maildir_subs_read(const char *maildir, struct maildir_subs *s);
bool maildir_subs_has(const struct maildir_subs *s, const char *name);
/* Subscribe (a no-op if already there) / unsubscribe (a no-op if not).
   name is checked (control characters, length).  0 or -1 with errno. */
int maildir_subs_add(const char *maildir, const char *name);
int maildir_subs_remove(const char *maildir, const char *name);
/* RENAME: every entry equal to oldname or below it ("oldname.x") gets
   newname in its place.  0 or -1 with errno. */
int maildir_subs_rename(const char *maildir, const char *oldname, const char *newname);
void maildir_subs_free(struct maildir_subs *s);

#endif
