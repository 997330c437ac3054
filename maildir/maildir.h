/*
 * maildir.h - Maildir++ basics: message file names, the ":2," flags suffix,
 * folder names and paths, folder create/list/rename/delete, and the scan of
 * cur/ + new/ that every reader (imapd, pop3d) starts from.
 *
 * Formats: ../shared/spec/maildir-formats.md (Courier 5.0.13).  Every path
 * built here stays inside the maildir: names with '/', a ".." component,
 * control characters, NUL or invalid UTF-8 are refused, and files and folder
 * directories are opened with O_NOFOLLOW / lstat so a symlink is never
 * followed out of the Maildir.
 *
 * STABLE (pop3d, imapd, lmtpd build on these; only additions from now on):
 *   MAILDIR_F_*, struct maildir_msg, struct maildir_list, maildir_scan(),
 *   maildir_list_free(), maildir_msg_open(), maildir_msg_delete(),
 *   maildir_name_*(), maildir_create(), maildir_folder_dir(),
 *   maildir_folder_exists(), maildir_folder_create(), maildir_folder_check(),
 *   maildir_folder_check_mutf7(), maildir_is_trash(), maildir_main_dir().
 * Also stable but may gain fields: struct maildir_folder_info and the
 * maildir_folder_list/rename/delete functions.
 */
#ifndef STAFETA_MAILDIR_H
#define STAFETA_MAILDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include "compat.h"

struct stat;

struct buf;

/* Limits (bytes): a message file name, a folder name, a path we build. */
#define MAILDIR_NAME_MAX        255
#define MAILDIR_FOLDER_NAME_MAX 1000
#define MAILDIR_PATH_MAX        4096

/* The maildir flags of the ":2," suffix, as a bit set. */
#define MAILDIR_F_DRAFT    0x01u   /* D  \Draft */
#define MAILDIR_F_FLAGGED  0x02u   /* F  \Flagged */
#define MAILDIR_F_PASSED   0x04u   /* P  (no IMAP flag; kept) */
#define MAILDIR_F_REPLIED  0x08u   /* R  \Answered */
#define MAILDIR_F_SEEN     0x10u   /* S  \Seen */
#define MAILDIR_F_TRASHED  0x20u   /* T  \Deleted */
#define MAILDIR_F_ALL      0x3fu

/* ---- message file names ------------------------------------------------ */

/* true if name can be a message file in cur/ or new/: non-empty, at most
   MAILDIR_NAME_MAX bytes, no '/', no control characters, not starting
   with '.'. */
bool maildir_name_is_valid(const char *name);
/* Length of the base name: the bytes before the last ':' (whole length if
   there is none).  Courier's uiddb, keywords and sizelist key on it. */
size_t maildir_name_baselen(const char *name);
/* The flags of the ":2," suffix (upper-case letters D F P R S T); 0 when
   there is no ":2," suffix.  Unknown letters are ignored here. */
unsigned maildir_name_flags(const char *name);
/* Size from the last ",S=<digits>" before the ':'.  0 with *size_r, or -1
   when absent or malformed (then the caller stat()s the file). */
int maildir_name_size(const char *name, uint64_t *size_r);
/* Replace out with name carrying flags: base + ":2," + flag letters in ASCII
   order, keeping unknown letters (lower-case keyword letters of other
   servers) of the old suffix in sorted position.  -1 (EMSGSIZE) if too long. */
ATTR_WARN_UNUSED int maildir_name_with_flags(const char *name, unsigned flags, struct buf *out);
/* Courier's order of message names (imapscanclient fnamcmp): the leading
   decimal number compared numerically, then bytewise, ':' ending a name. */
int maildir_name_cmp(const char *a, const char *b);
/* The leading number of a name (its delivery time), the first key of
   maildir_name_cmp(): equal times leave the order to the whole names. */
unsigned long long maildir_name_time(const char *name);

/* ---- maildirs and folders ---------------------------------------------- */

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

/* ---- scanning a folder -------------------------------------------------- */

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

/* true if dir is the Trash folder of its maildir (its directory is named
   ".Trash", or "."+IMAP_TRASHFOLDERNAME as set by maildir_set_trash_name). */
bool maildir_is_trash(const char *dir);
/* The Trash folder name without "INBOX." ("Trash" by default). */
void maildir_set_trash_name(const char *name);

#endif
