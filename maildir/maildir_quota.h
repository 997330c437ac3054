/*
 * maildir_quota.h - Maildir++ quota in <main maildir>/maildirsize, by
 * Courier's rules (spec section 8):
 *
 *   <quota>\n                    "10000000S,1000C" (S bytes, C messages)
 *   <bytes> <count>\n ...        deltas; all lines are summed
 *
 * Read at most 5120 bytes (a larger file is recalculated); a check that goes
 * over quota recalculates unless the file has one data line and is younger
 * than 15 minutes; recalculation sums new/ + cur/ of the maildir and every
 * folder except Trash (and symlinked folders), skipping T-flagged files, and
 * replaces the file via tmp/ + rename.  Deltas are appended as
 * "%12s %12s\n" lines, O_APPEND, so concurrent writers never mix lines.
 *
 * All functions take the MAIN maildir (maildir_main_dir() of a folder).
 *
 * STABLE: struct maildir_quota, maildir_quota_parse_def(),
 *   maildir_quota_parse(), struct maildir_quota_usage, maildir_quota_read(),
 *   maildir_quota_check(), maildir_quota_add(), maildir_quota_recalc(),
 *   maildir_quota_set(), enum maildir_quota_result.
 */
#ifndef STAFETA_MAILDIR_QUOTA_H
#define STAFETA_MAILDIR_QUOTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"

#define MAILDIR_QUOTA_FILE        "maildirsize"
#define MAILDIR_QUOTA_READ_MAX    5120     /* bytes; a fuller file is recalculated */
#define MAILDIR_QUOTA_FRESH_SECS  (15 * 60)
#define MAILDIR_QUOTA_DEF_MAX     200      /* bytes in line 1 */

struct maildir_quota {
	uint64_t bytes;   /* limit; valid when has_bytes */
	uint64_t count;   /* limit; valid when has_count */
	bool has_bytes, has_count;
};

/* Parse a quota definition ("10000000S,1000C", "5000000S", "" = none).
   Items are <digits><letter>, comma-separated; S and C set limits, other
   letters are accepted and ignored (Courier's warning percentage etc.).
   -1 with *error_r on garbage, overflow, or a definition over
   MAILDIR_QUOTA_DEF_MAX bytes. */
int maildir_quota_parse_def(const char *def, struct maildir_quota *q, const char **error_r);

struct maildir_quota_usage {
	struct maildir_quota q;
	char    def[MAILDIR_QUOTA_DEF_MAX + 1];  /* line 1 as written */
	int64_t bytes;        /* sum of all data lines */
	int64_t count;
	size_t  lines;        /* data lines */
	bool    needs_recalc; /* file full (>= 5120 bytes), bad line, overflow
				 or negative totals */
};

/* Parse maildirsize content (n bytes).  Data lines are two signed decimal
   numbers separated by any white space; a bad line, a sum that overflows,
   or a missing line 1 sets needs_recalc (the totals are then not used).
   -1 only when line 1 is not a valid quota definition. */
int maildir_quota_parse(const char *text, size_t n, struct maildir_quota_usage *u);

/* Read maildir/maildirsize (recalculating when needed).  1 = a quota is set
   (u filled), 0 = no maildirsize (no quota), -1 = error (errno). */
int maildir_quota_read(const char *maildir, struct maildir_quota_usage *u);

enum maildir_quota_result { MAILDIR_QUOTA_OK = 0, MAILDIR_QUOTA_OVER = 1,
			    MAILDIR_QUOTA_ERROR = -1 };
/* Would adding bytes/count stay within quota?  Courier's algorithm,
   including the recalculation rules above.  No maildirsize = OK.  Does not
   append anything (call maildir_quota_add after the link). */
enum maildir_quota_result maildir_quota_check(const char *maildir, int64_t bytes,
					      int64_t count);
/* Append a delta line if maildirsize exists (else nothing).  0 or -1. */
int maildir_quota_add(const char *maildir, int64_t bytes, int64_t count);
/* Recount and rewrite maildirsize with definition def (NULL = keep line 1
   of the existing file; no file and def NULL = nothing to do, returns 0).
   u (may be NULL) gets the result.  0 or -1 with errno. */
int maildir_quota_recalc(const char *maildir, const char *def,
			 struct maildir_quota_usage *u);
/* maildirmake -q / deliverquota QUOTA: make def the quota, recalculating if
   it differs from line 1 or there is no maildirsize.  0 or -1 with *error_r. */
int maildir_quota_set(const char *maildir, const char *def, const char **error_r);
/* Usage in percent of the tighter limit (for deliverquota -w); 0 if none. */
int maildir_quota_percent(const struct maildir_quota_usage *u);

#endif
