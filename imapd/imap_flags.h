/*
 * imap_flags.h - IMAP flag lists from the wire (STORE, APPEND): system
 * flags as maildir flag bits, keywords as names for courierimapkeywords/.
 */
#ifndef STAFETA_IMAP_FLAGS_H
#define STAFETA_IMAP_FLAGS_H

#include <stddef.h>
#include "compat.h"

struct imap_arg;

/* Keywords in one flag list.  One more is refused ([LIMIT]). */
#define IMAP_FLAGS_KEYWORDS_MAX 256

/* Parse the n flags a[0..n-1] (atoms): \Answered \Flagged \Deleted \Seen
   \Draft (any case) into *flags (MAILDIR_F_*), \Recent ignored (RFC 3501
   2.3.2: not settable), keywords (maildir_kw_is_valid) appended to
   kws[*nkws] (the caller's array of at least IMAP_FLAGS_KEYWORDS_MAX;
   pointers into the arguments).  NULL, or the reason for a BAD. */
const char *imap_flags_parse(const struct imap_arg *a, size_t n, unsigned *flags,
			     const char **kws, size_t *nkws);
/* The maildir letters of flags ("DFRST" order) into out (at least 8 bytes). */
void imap_flags_letters(unsigned flags, char *out);

#endif
