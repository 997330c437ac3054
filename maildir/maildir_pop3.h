/*
 * maildir_pop3.h - what pop3d needs from a Maildir, Courier-compatible:
 * the INBOX scan (new/ moved to cur/), RFC 1939 sizes (CRLF counting), the
 * courierpop3dsizelist cache that keeps POP3 UIDLs stable ("UID<n>-<uidv>"),
 * flags by rename, and deletion with quota update.
 *
 *   /3 <nextuid> <uidv>\n
 *   <filename> <size> <uid>:<uidv>:<utf8>\n ...
 *
 * Typical session:
 *   fd = maildir_pop3_lock(md)            (-1/EWOULDBLOCK -> -ERR [IN-USE])
 *   maildir_pop3_open(&box, md, &err)     (STAT/LIST/UIDL from box.m[])
 *   f = maildir_pop3_msg_open(&box, i)    (RETR/TOP; then maildir_pop3_msg_seen)
 *   box.m[i].deleted = true               (DELE; RSET clears)
 *   maildir_pop3_commit(&box)             (QUIT in UPDATE state)
 *   maildir_pop3_close(&box); maildir_pop3_unlock(&fd)
 *
 * STABLE: everything declared here.
 */
#ifndef STAFETA_MAILDIR_POP3_H
#define STAFETA_MAILDIR_POP3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "compat.h"

#define MAILDIR_SIZELIST_FILE   "courierpop3dsizelist"
#define MAILDIR_SIZELIST_MAX    (256u * 1024 * 1024)  /* bytes read at most */
#define MAILDIR_UIDL_MAX        256                   /* bytes incl. NUL */
#define MAILDIR_POP3_TMP_PURGE_SECS (48 * 3600)

struct maildir_sizelist_entry {
	char    *name;     /* file name as saved (may carry ":2,flags") */
	size_t   baselen;  /* maildir_name_baselen(name) */
	uint64_t size;     /* RFC 1939 size */
	uint64_t uid;
	uint64_t uidv;
	int      utf8;     /* 1: 8-bit headers */
};
struct maildir_sizelist {
	int      version;  /* 2 or 3 */
	uint64_t nextuid;
	uint64_t uidv;
	struct maildir_sizelist_entry *e;
	size_t   n, cap;
};
#define MAILDIR_SIZELIST_INIT { 0, 0, 0, NULL, 0, 0 }

/* Parse courierpop3dsizelist content.  Header "/3 <nextuid> <uidv>" (or
   "/2 ..."); any other header: -1 (ignore the file).  Bad entry lines are
   skipped.  0 or -1. */
int maildir_sizelist_parse(const char *text, size_t n, struct maildir_sizelist *sl);
void maildir_sizelist_free(struct maildir_sizelist *sl);

/* RFC 1939 size of the message on fd (read from offset 0), Courier's rule:
   bytes + number of LFs (each sent as CRLF), + 2 when the file is not empty
   and does not end in LF.  *utf8_r (may be NULL): 1 if a header byte is
   >= 0x80.  0 or -1 with errno. */
int maildir_pop3_size(int fd, uint64_t *size_r, int *utf8_r);
/* The UIDL string: "UID<uid>-<uidv>" or "UID<uid>" when uidv is 0. */
void maildir_pop3_uidl(uint64_t uid, uint64_t uidv, char out[MAILDIR_UIDL_MAX]);
/* Legacy UIDL of a name without sizelist entry: the name up to ':', bytes
   outside 0x21-0x7e and ' " + as "+XX" (upper-case hex). -1 if too long. */
int maildir_pop3_uidl_legacy(const char *name, char out[MAILDIR_UIDL_MAX]);

struct maildir_pop3_msg {
	char     *name;      /* current file name in cur/ */
	uint64_t  size;      /* RFC 1939 size (LIST, STAT) */
	uint64_t  bytes;     /* file size */
	uint64_t  uid, uidv;  /* UIDL "UID<uid>-<uidv>" (maildir_pop3_msg_uidl) */
	char     *uidl_text;  /* or this one, when the sizelist could not be saved */
	unsigned  flags;     /* MAILDIR_F_* */
	bool      deleted;   /* DELE; pop3d sets/clears it */
};
struct maildir_pop3 {
	char   *dir;
	struct maildir_pop3_msg *m;   /* message 1 is m[0] */
	size_t  n;
	uint64_t total;               /* sum of sizes */
	int     curfd;                /* cur/, opened by the first msg_open */
};
#define MAILDIR_POP3_INIT { NULL, NULL, 0, 0, -1 }

/* The UIDL of a session message (maildir_pop3_uidl() or its uidl_text). */
const char *maildir_pop3_msg_uidl(const struct maildir_pop3_msg *m, char out[MAILDIR_UIDL_MAX]);

/* Open the maildir for a POP3 session: purge tmp/ (48 h), move new/ to cur/,
   scan cur/, read courierpop3dsizelist, compute sizes of messages it does
   not know, order by leading timestamp then name, give new messages
   nextuid++, rewrite the sizelist (tmp/ + rename) when it changed.
   0 or -1 with *error_r. */
int maildir_pop3_open(struct maildir_pop3 *box, const char *dir, const char **error_r);
/* Open message i (0-based) read-only (O_NOFOLLOW, O_NONBLOCK), following a
   flag rename by another process.  cur/ stays open in the box, so this is
   one openat() per message and no fstat(): the fd is a regular file unless
   a FIFO or directory was put in cur/ under the message's name, so read it
   bounded by m[i].bytes and fstat() it when it turns out longer (as pop3d
   does).  fd or -1 with errno. */
int maildir_pop3_msg_open(struct maildir_pop3 *box, size_t i);
/* Add the S flag to message i (after RETR), by rename.  0 or -1. */
int maildir_pop3_msg_seen(struct maildir_pop3 *box, size_t i);
/* Delete every message with deleted set (QUIT in UPDATE state), appending
   the quota deltas.  Returns how many could not be deleted (0 = all). */
size_t maildir_pop3_commit(struct maildir_pop3 *box);
void maildir_pop3_close(struct maildir_pop3 *box);

#endif
