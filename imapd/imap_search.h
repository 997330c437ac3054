/*
 * imap_search.h - SEARCH programs (RFC 3501 section 6.4.4): parsed and
 * checked from the command's arguments before anything is sent, then
 * evaluated message by message over the session view.
 *
 * Every key of RFC 3501: ALL ANSWERED BCC BEFORE BODY CC DELETED DRAFT
 * FLAGGED FROM HEADER KEYWORD LARGER NEW NOT OLD ON OR RECENT SEEN
 * SENTBEFORE SENTON SENTSINCE SINCE SMALLER SUBJECT TEXT TO UID UNANSWERED
 * UNDELETED UNDRAFT UNFLAGGED UNKEYWORD UNSEEN, a sequence set, and
 * parenthesised groups; keys side by side are ANDed.
 *
 * Strings are converted from the CHARSET (UTF-8 or US-ASCII by default;
 * any charset iconv knows, else NO [BADCHARSET]) to UTF-8 and matched as
 * case-insensitive substrings (RFC 3501): both sides are folded to lower
 * case, ASCII and the Latin, Greek and Cyrillic letters.  Header keys
 * match the field's unfolded value with encoded words decoded (rfc2047);
 * BODY matches the decoded text of the text parts (mime_text), TEXT the
 * decoded header and that text.  Dates: BEFORE/ON/SINCE compare the day of
 * INTERNALDATE (local time), SENT* the day of the Date: field in its own
 * zone (no valid Date: never matches).  LARGER/SMALLER: RFC822.SIZE.
 *
 * Caps: IMAP_SEARCH_KEYS_MAX keys and IMAP_SEARCH_DEPTH_MAX nesting (OR,
 * NOT, groups); one past either is NO [LIMIT].
 */
#ifndef STAFETA_IMAP_SEARCH_H
#define STAFETA_IMAP_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct imap_arg;
struct imap_view;
struct buf;

#define IMAP_SEARCH_KEYS_MAX  1000
#define IMAP_SEARCH_DEPTH_MAX 100
/* Bytes of one search string (after conversion to UTF-8). */
#define IMAP_SEARCH_STRING_MAX 4096

enum imap_search_status {
	IMAP_SEARCH_OK = 0,
	IMAP_SEARCH_BAD,         /* syntax: tagged BAD */
	IMAP_SEARCH_BADCHARSET,  /* NO [BADCHARSET] */
	IMAP_SEARCH_LIMIT        /* NO [LIMIT] */
};

struct imap_search_prog;

/* Parse the keys args[0..n) (after an optional "CHARSET name", which
   this parses too when allow_charset).  charset: the charset of the
   strings when no CHARSET is given (NULL = US-ASCII / UTF-8).  On error
   *prog_r is NULL and *err_r the reason. */
ATTR_WARN_UNUSED enum imap_search_status
imap_search_parse(const struct imap_arg *args, size_t n, bool allow_charset,
		  const char *charset, struct imap_search_prog **prog_r, const char **err_r);
void imap_search_free(struct imap_search_prog **progp);
/* How many keys the program holds (for tests). */
size_t imap_search_nkeys(const struct imap_search_prog *prog);

/* Whether message index i of v matches.  A message whose file cannot be
   read matches only keys that need no file; *gone_r (may be NULL) is set
   when its file was gone. */
bool imap_search_match(const struct imap_search_prog *prog, struct imap_view *v, size_t i,
		       bool *gone_r);

/* Case folding used for matching: appends the folded UTF-8 of s[0..n). */
int imap_search_fold(const char *s, size_t n, struct buf *out);

#endif
