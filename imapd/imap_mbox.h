/*
 * imap_mbox.h - IMAP mailbox names as Courier has them (spec section 4):
 * the personal namespace "INBOX." with '.' as the separator, "INBOX"
 * case-insensitive, wire form modified UTF-7 (RFC 3501 5.1.3) unless the
 * client enabled UTF8=ACCEPT, internal/disk form UTF-8 ("INBOX.Sent.2024"
 * is Maildir/.Sent.2024); LIST wildcards; SPECIAL-USE attributes by name.
 */
#ifndef STAFETA_IMAP_MBOX_H
#define STAFETA_IMAP_MBOX_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;

#define IMAP_HIERARCHY_SEP     '.'
/* LIST/LSUB patterns with more wildcards are refused (Courier's 10). */
#define IMAP_PATTERN_WILDCARDS_MAX 10

/* Wire name -> internal name ("INBOX" or "INBOX.<folder>", UTF-8), checked
   with maildir/'s rules; a trailing '.' is dropped when strip_sep (DELETE
   and CREATE accept "INBOX.a.").  Names outside the personal namespace are
   refused.  0 with out set, or -1 with *error_r (a reason for NO). */
ATTR_WARN_UNUSED int imap_mbox_from_wire(const char *wire, size_t len, bool utf8, bool strip_sep,
					 struct buf *out, const char **error_r);
/* A LIST/LSUB reference or pattern from the wire, decoded like a name
   (modified UTF-7 or UTF-8) but with no namespace or level checks;
   appended to out.  0, or -1 with *error_r. */
ATTR_WARN_UNUSED int imap_mbox_pattern_from_wire(const char *wire, size_t len, bool utf8,
						 struct buf *out, const char **error_r);
/* Internal name -> wire name (modified UTF-7, or UTF-8 after UTF8=ACCEPT),
   appended to out.  -1 when the name is not valid UTF-8 or out is full. */
ATTR_WARN_UNUSED int imap_mbox_to_wire(const char *name, bool utf8, struct buf *out);

/* Does name match the LIST pattern?  '*' matches anything, '%' anything
   but the separator; "INBOX" at the start of both is compared without case.
   Linear in len(pattern) * len(name). */
bool imap_mbox_match(const char *pattern, const char *name);
/* Count '*' and '%' in a pattern. */
size_t imap_mbox_wildcards(const char *pattern);

/* The RFC 6154 attribute of a folder by its name below INBOX ("\\Trash"
   for INBOX.Trash or INBOX.<IMAP_TRASHFOLDERNAME>, "\\Sent", "\\Drafts",
   "\\Junk", "\\Archive"), or NULL. */
const char *imap_mbox_special_use(const char *name, const char *trash_name);

#endif
