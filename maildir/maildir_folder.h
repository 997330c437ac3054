/*
 * maildir_folder.h - maildirs and folders: create a maildir, check folder
 * names (UTF-8 disk form and the client's modified UTF-7), the directory of
 * a folder, folder create/list/rename/delete, the main maildir of a folder
 * and the Trash folder.
 *
 * STABLE: maildir_create(), maildir_create_parents(), maildir_is_maildir(),
 *   maildir_folder_*(), maildir_main_dir(), maildir_is_trash(),
 *   maildir_set_trash_name(); struct maildir_folder_info may gain fields.
 */
#ifndef STAFETA_MAILDIR_FOLDER_H
#define STAFETA_MAILDIR_FOLDER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "compat.h"
#include "maildir_limits.h"

/* Create a maildir (dir itself if missing, then tmp/ new/ cur/) with mode
   (0700 normally; parent directories are not created).  An existing
   complete maildir is not an error.  0, or -1 with errno. */
int maildir_create(const char *dir, mode_t mode);
/* Same, creating missing parents too (deliverquota -c). */
int maildir_create_parents(const char *dir, mode_t mode);
/* true if dir has tmp/, new/ and cur/ directories (not symlinks). */
bool maildir_is_maildir(const char *dir);

/* Check a folder name in Courier's internal form without "INBOX.": "A.B"
   (UTF-8, '.' separates levels).  Refused, with *error_r saying why: empty,
   over MAILDIR_FOLDER_NAME_MAX, an empty level ("A..B", ".A", "A."), a
   level "." or "..", a level starting with '.', '/', control characters
   (including NUL: use the _n variant for counted input), invalid UTF-8.
   0 or -1. */
int maildir_folder_check(const char *name, const char **error_r);
int maildir_folder_check_n(const char *name, size_t n, const char **error_r);
/* Check a name as an IMAP client sends it (RFC 3501 modified UTF-7) before
   the IMAP layer converts it to the UTF-8 disk form: printable ASCII only,
   '&' starts a base64 (A-Z a-z 0-9 + ,) run ended by '-', "&-" is '&', the
   run decodes to whole UTF-16 units with zero padding bits and no lone
   surrogates, no run encodes printable ASCII, and two runs never touch.
   0, or -1 with *error_r ("Invalid modified UTF-7 in folder name"). */
int maildir_folder_check_mutf7(const char *name, const char **error_r);
/* The directory of a folder.  imapname is "INBOX" (case-insensitive) for the
   maildir itself or "INBOX.A.B" for dir/.A.B; a name without the "INBOX."
   prefix is taken as a folder below it ("A.B" = "INBOX.A.B").  Returns a
   malloc'ed path, or NULL with *error_r when the name is refused. */
char *maildir_folder_dir(const char *maildir, const char *imapname, const char **error_r);
/* true if the folder exists (a real directory, not a symlink, with cur/).
   imapname as for maildir_folder_dir(); "INBOX" is always true for a
   maildir.  lmtpd: user+detail -> maildir_folder_exists(md, detail). */
bool maildir_folder_exists(const char *maildir, const char *imapname);
/* Create folder dir/.<name> with tmp/ new/ cur/ and an empty maildirfolder
   (0600).  mode is the directory mode (0700; maildirmake -s: 0755, 01777,
   0750).  Refuses "INBOX" and existing folders (errno EEXIST with *error_r).
   0 or -1 with *error_r (errno set). */
int maildir_folder_create(const char *maildir, const char *imapname, mode_t mode,
			  const char **error_r);
/* Delete a folder's directory and everything in it (never following a
   symlink; sub-folders are separate directories and stay).  INBOX refused.
   0 or -1 with *error_r. */
int maildir_folder_delete(const char *maildir, const char *imapname, const char **error_r);
/* Rename a folder and all its sub-folders (INBOX.A -> INBOX.B moves .A, .A.x,
   .A.x.y ...).  Refused if old does not exist, new (or any renamed
   sub-folder name) exists, new is below old, or either is INBOX.
   0 or -1 with *error_r. */
int maildir_folder_rename(const char *maildir, const char *oldname, const char *newname,
			  const char **error_r);

struct maildir_folder_info {
	char *name;          /* "INBOX" or "INBOX.A.B" (UTF-8, internal form) */
	bool  exists;        /* false: only a hierarchy level above real folders */
	bool  has_children;  /* some folder "name.*" exists */
};
struct maildir_folder_list {
	struct maildir_folder_info *f;
	size_t n, cap;
};
#define MAILDIR_FOLDER_LIST_INIT { NULL, 0, 0 }
/* Every folder of the maildir, INBOX first, then sorted bytewise; hierarchy
   levels that are no folder themselves appear with exists = false.
   Symlinked folder directories and invalid names are skipped.  0 or -1. */
int maildir_folder_list(const char *maildir, struct maildir_folder_list *list);
void maildir_folder_list_free(struct maildir_folder_list *list);

/* The main maildir of dir: dir itself, or its parent when dir contains a
   maildirfolder file.  malloc'ed. */
char *maildir_main_dir(const char *dir);

/* true if dir is the Trash folder of its maildir (its directory is named
   ".Trash", or "."+IMAP_TRASHFOLDERNAME as set by maildir_set_trash_name). */
bool maildir_is_trash(const char *dir);
/* The Trash folder name without "INBOX." ("Trash" by default). */
void maildir_set_trash_name(const char *name);

#endif
