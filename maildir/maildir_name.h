/*
 * maildir_name.h - message file names: validity, the base name, the ":2,"
 * flags suffix, ,S= sizes and Courier's name order.  Pure string functions
 * (no file system access); the lowest layer above maildir_util.
 *
 * STABLE: MAILDIR_F_*, MAILDIR_FLAG_LETTERS, maildir_name_*().
 */
#ifndef STAFETA_MAILDIR_NAME_H
#define STAFETA_MAILDIR_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"
#include "maildir_limits.h"

struct buf;

/* The maildir flags of the ":2," suffix, as a bit set. */
#define MAILDIR_F_DRAFT    0x01u   /* D  \Draft */
#define MAILDIR_F_FLAGGED  0x02u   /* F  \Flagged */
#define MAILDIR_F_PASSED   0x04u   /* P  (no IMAP flag; kept) */
#define MAILDIR_F_REPLIED  0x08u   /* R  \Answered */
#define MAILDIR_F_SEEN     0x10u   /* S  \Seen */
#define MAILDIR_F_TRASHED  0x20u   /* T  \Deleted */
#define MAILDIR_F_ALL      0x3fu
/* The flag letters in bit order: bit i of MAILDIR_F_* is letter i. */
#define MAILDIR_FLAG_LETTERS "DFPRST"

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

#endif
