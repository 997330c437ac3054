/*
 * maildir_keywords.h - IMAP keywords in courierimapkeywords/ as Courier
 * stores them (spec section 5):
 *
 *   :list               "<kw0>\n<kw1>\n\n<basename>:0 1\n..."
 *   <basename>          an update: the message's full new set, one per line
 *   .<N>.<basename>     a processed or timestamped update
 *
 * maildir_kw_read() consolidates (under the folder lock) and rewrites :list;
 * maildir_kw_set() writes one update file via tmp/ + rename, which Courier
 * picks up the same way.
 *
 * STABLE: struct maildir_kwdb, maildir_kw_read(), maildir_kw_get(),
 *   maildir_kw_set(), maildir_kw_parse_list(), maildir_kw_is_valid(),
 *   maildir_kwdb_free().
 */
#ifndef STAFETA_MAILDIR_KEYWORDS_H
#define STAFETA_MAILDIR_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

#define MAILDIR_KW_DIR       "courierimapkeywords"
#define MAILDIR_KW_MAX_LEN   255        /* bytes in one keyword */
#define MAILDIR_KW_MAX_PER_MSG 256
#define MAILDIR_KW_MAX_NAMES 65536      /* distinct keywords in a folder */
#define MAILDIR_KW_FILE_MAX  (64u * 1024 * 1024)

struct maildir_kw_msg {
	char   *base;      /* message base name */
	size_t *idx;       /* indices into kwdb.names */
	size_t  n;
};
struct maildir_kwdb {
	char  **names;     /* distinct keywords, as first written */
	size_t  nnames, capnames;
	struct maildir_kw_msg *msgs;  /* sorted by base for lookup */
	size_t  nmsgs, capmsgs;
};
#define MAILDIR_KWDB_INIT { NULL, 0, 0, NULL, 0, 0 }

/* true if kw can be a keyword: 1..MAILDIR_KW_MAX_LEN bytes of printable
   ASCII excluding IMAP atom-specials ( ) { space % * " \ ] and not starting
   with '\'. */
bool maildir_kw_is_valid(const char *kw);
/* Parse a :list file (n bytes) into db.  Invalid keywords, lines without
   ':', bad or out-of-range indices are skipped; a message line without a
   newline at EOF is taken.  0, or -1 when the limits are exceeded. */
int maildir_kw_parse_list(const char *text, size_t n, struct maildir_kwdb *db);
/* Consolidate and read the keywords of folder dir (Courier's algorithm; the
   folder lock is taken inside).  Messages no longer in cur/ or new/ lose
   their update files after 15 minutes.  0 or -1 with errno. */
int maildir_kw_read(const char *dir, struct maildir_kwdb *db);
/* The keywords of message base name (the part before ':'), or NULL/0. */
const struct maildir_kw_msg *maildir_kw_get(const struct maildir_kwdb *db,
					    const char *base, size_t baselen);
/* Set the complete keyword set of one message (n = 0 clears): writes
   courierimapkeywords/<base> through tmp/ + rename.  Invalid keywords are
   refused (EINVAL).  0 or -1 with errno. */
int maildir_kw_set(const char *dir, const char *base, size_t baselen,
		   const char *const *kws, size_t n);
void maildir_kwdb_free(struct maildir_kwdb *db);

#endif
