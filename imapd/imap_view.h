/*
 * imap_view.h - the selected mailbox of one imapd session: messages in
 * sequence order over the storage layer's UID view (maildir_view.h), the
 * sequence number <-> UID mapping, the deferred EXPUNGE responses of RFC
 * 3501 section 7.4.1, \Recent, and the untagged EXISTS / RECENT / EXPUNGE /
 * FETCH (FLAGS) responses that tell the client what other processes did.
 *
 * Sequence numbers are 1-based; an "index" is seq - 1 into v->msgs.  The
 * session's list only changes in imap_view_update() and in this session's
 * own EXPUNGE / MOVE / CLOSE: a message another process expunged stays in
 * the list, marked gone, until a command that may send EXPUNGE runs (its
 * file cannot be opened any more: FETCH answers what it can, RFC 3501 7.4.1).
 * So sequence numbers are stable for the whole of one FETCH, STORE, SEARCH,
 * SORT or THREAD, and of every UID form.
 *
 * \Recent (Courier's way): a message is recent in the session whose view
 * moved it from new/ to cur/, or first gave it its UID (a file put straight
 * into cur/, or a new/ file seen by EXAMINE); the UID database is written
 * under the folder lock, so no other session sees it as recent.
 *
 * STABLE (FETCH/SEARCH/SORT/THREAD build on these; only additions from now
 * on): struct imap_view, struct imap_msg, struct imap_idxset, IMAP_VIEW_*,
 * imap_view_open(), imap_view_free(), imap_view_count(), imap_view_msg(),
 * imap_view_seq_of_uid(), imap_view_resolve(), imap_idxset_free(),
 * imap_view_path(), imap_view_open_file(), imap_view_kw_name(),
 * imap_view_flags_fmt(), imap_view_update(), imap_view_recent_count(),
 * imap_view_fetch_flags_fmt().
 */
#ifndef STAFETA_IMAP_VIEW_H
#define STAFETA_IMAP_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "array.h"
#include "compat.h"
#include "imap_seqset.h"

struct buf;
struct maildir_view;

/* One message of the selected mailbox, in sequence order (ascending UID). */
struct imap_msg {
	uint32_t  uid;
	unsigned  flags;      /* MAILDIR_F_* (maildir_name.h) */
	uint32_t *kw;         /* keyword numbers (imap_view_kw_name), ascending */
	size_t    nkw;
	char     *name;       /* file name in cur/ (or new/ when in_new) */
	bool      in_new;
	uint64_t  size;       /* bytes on disk (LF line ends; RFC822.SIZE is
				 computed by FETCH) */
	time_t    internaldate; /* file mtime; 0 = not known */
	bool      recent;     /* \Recent in this session */
	bool      gone;       /* expunged elsewhere, EXPUNGE not sent yet */
};

struct imap_view {
	struct maildir_view *mv;  /* the storage view (UIDs, flags on disk) */
	char     *dir;            /* the folder directory */
	char     *mbox;           /* the IMAP name as the client gave it (UTF-8) */
	bool      readonly;       /* EXAMINE (or no write access) */
	uint32_t  uidvalidity;
	ARRAY_TYPE(struct imap_msg) msgs;  /* sequence order */
	size_t    recent;         /* how many msgs have recent (not gone) */
	size_t    exists_sent;    /* the last EXISTS count the client got */
	size_t    recent_sent;    /* the last RECENT count the client got */
	size_t    kw_sent;        /* keywords in the last FLAGS response */
	/* private: UIDs whose flags changed elsewhere, FETCH not sent yet;
	   set when UIDVALIDITY changed under the session */
	ARRAY_TYPE(uint32_t) pend_changed;
	bool      stale;
};

/* Resolved message indexes (seq - 1), ascending, no duplicates. */
struct imap_idxset {
	size_t *v;
	size_t n, cap;
};
#define IMAP_IDXSET_INIT { NULL, 0, 0 }
void imap_idxset_free(struct imap_idxset *s);

/* imap_view_open() flags */
#define IMAP_VIEW_READONLY 0x01u

/* Open folder dir (maildir_view_open: new/ moved to cur/ unless READONLY)
   as the selected mailbox called mbox.  The client has not been told
   anything yet: exists_sent = recent_sent = the counts at open, which the
   SELECT reply sends.  NULL with errno (maildir_view_open's). */
struct imap_view *imap_view_open(const char *dir, const char *mbox, unsigned flags);
/* Free the view (the storage view too); *vp = NULL.  NULL is fine. */
void imap_view_free(struct imap_view **vp);

/* Messages in the session's list (= the highest sequence number). */
size_t imap_view_count(const struct imap_view *v);
/* The message with sequence number seq (1..count), or NULL. */
const struct imap_msg *imap_view_msg(const struct imap_view *v, uint32_t seq);
/* The sequence number of uid, or 0 when not in the list (binary search). */
uint32_t imap_view_seq_of_uid(const struct imap_view *v, uint32_t uid);
/* How many messages are \Recent in this session. */
size_t imap_view_recent_count(const struct imap_view *v);

/* Resolve a parsed set to message indexes, *out reset first.  uid false:
   sequence numbers, "*" = the count; a number above the count is an
   error (-1, EINVAL: tagged BAD "Invalid message sequence number") unless
   the mailbox is empty and the set is "*" only.  uid true: UIDs, "*" =
   the highest UID; UIDs not in the list are skipped (RFC 3501 6.4.8).
   Messages gone elsewhere are included (their EXPUNGE is pending). */
ATTR_WARN_UNUSED int imap_view_resolve(const struct imap_view *v, const struct imap_seqset *set,
				       bool uid, struct imap_idxset *out);

/* dir/cur/<name> (or new/) of message index i into *path (reset first).
   0, or -1 (EMSGSIZE: path->max). */
ATTR_WARN_UNUSED int imap_view_path(const struct imap_view *v, size_t i, struct buf *path);
/* Open message index i read-only, following a rename by another process
   (flags changed elsewhere: the folder is re-read once and the new name
   used; the session's flags are not changed until imap_view_update).  The
   fd, or -1 with errno ENOENT when the file is gone (expunged elsewhere). */
int imap_view_open_file(struct imap_view *v, size_t i);

/* The name of keyword number k (as the storage view numbers them). */
const char *imap_view_kw_name(const struct imap_view *v, uint32_t k);

/* Append message i's flags as an IMAP flag list, "(\Answered \Seen \Recent kw)", in
   the order of Courier's FLAGS list (\Draft \Answered \Flagged \Deleted
   \Seen \Recent), then keywords in the storage view's numbering.  0, or -1 (out->max). */
ATTR_WARN_UNUSED int imap_view_flags_fmt(const struct imap_view *v, size_t i, struct buf *out);
/* "* <seq> FETCH (FLAGS (...))\r\n" for message i, plus " UID <uid>" before
   the closing parenthesis when with_uid (UID STORE, RFC 3501 6.4.8).
   0, or -1 (out->max). */
ATTR_WARN_UNUSED int imap_view_fetch_flags_fmt(const struct imap_view *v, size_t i,
					       bool with_uid, struct buf *out);

/* imap_view_update() modes */
#define IMAP_VIEW_UPD_EXPUNGE 0x01u  /* EXPUNGE responses may be sent (NOOP,
					CHECK, IDLE, SELECT's end, EXPUNGE,
					CLOSE, APPEND, COPY, CREATE...: every
					command but FETCH, STORE, SEARCH, SORT,
					THREAD and their UID forms) */
#define IMAP_VIEW_UPD_NOSYNC  0x02u  /* do not read the folder; only send
					what earlier syncs left pending */

/* Sync with the folder (maildir_view_sync) and append the untagged lines
   the client must see to *out, in this order: EXPUNGE for messages gone
   (each "* n EXPUNGE" counted against the list as it shrinks, highest
   first; only with IMAP_VIEW_UPD_EXPUNGE, else they stay pending), FETCH
   (FLAGS ...) for flag or keyword changes by other processes, a FLAGS and
   PERMANENTFLAGS pair when a new keyword appeared (imap_keywords:
   IMAP_KEYWORDS; only then), EXISTS when the count differs from what the
   client knows (EXPUNGE responses count down), and RECENT with every
   EXISTS that grew the mailbox.
   0, or -1 with errno: EIO/ENOENT... the folder is unreadable (nothing
   appended; the session goes on with the old list), ESTALE UIDVALIDITY
   changed (the session must BYE, RFC 3501 2.3.1.1). */
ATTR_WARN_UNUSED int imap_view_update(struct imap_view *v, unsigned mode, bool imap_keywords,
				      struct buf *out);

/* Courier's FLAGS and PERMANENTFLAGS lines for SELECT and for a new
   keyword: "* FLAGS (kw... \Draft \Answered \Flagged \Deleted \Seen
   \Recent)\r\n* OK [PERMANENTFLAGS (kw... \* \Draft ...)] Limited\r\n",
   read-only: "PERMANENTFLAGS ()] No permanent flags permitted".
   0, or -1 (out->max). */
ATTR_WARN_UNUSED int imap_view_flags_lines(struct imap_view *v, bool imap_keywords,
					   struct buf *out);

/* This session's changes, each keeping the list and the storage view in
   step.  Indexes refer to the list before the call. */

/* STORE on message i: mode as maildir_view_store (0 set, 1 add, 2 del),
   flags MAILDIR_F_*, kws keyword names.  A message gone elsewhere is
   ENOENT.  *changed_r (may be NULL) whether anything changed.  0, or -1
   with errno (maildir_view_store's). */
ATTR_WARN_UNUSED int imap_view_store(struct imap_view *v, size_t i, int mode, unsigned flags,
				     const char *const *kws, size_t nkws, bool *changed_r);
/* Expunge the messages idx (ascending) that carry \Deleted, or all those
   with \Deleted when idx is NULL (EXPUNGE, CLOSE), plus every message gone
   elsewhere: "* n EXPUNGE" lines go to *out unless out is NULL (CLOSE).
   0, or -1 with errno (the list holds what was removed). */
ATTR_WARN_UNUSED int imap_view_expunge(struct imap_view *v, const struct imap_idxset *idx,
				       struct buf *out);
/* Map of a COPY/MOVE: source and new UIDs, for COPYUID. */
struct imap_view_copyuid {
	ARRAY_TYPE(uint32_t) src;
	ARRAY_TYPE(uint32_t) dst;
	uint32_t uidvalidity;
};
void imap_view_copyuid_free(struct imap_view_copyuid *c);
/* COPY (move false) or MOVE of the messages idx into folder dstdir.  MOVE
   removes them from the list and appends "* n EXPUNGE" lines to *out.
   0, or -1 with errno (EDQUOT over quota, nothing copied; ENOENT dstdir
   missing). */
ATTR_WARN_UNUSED int imap_view_copy(struct imap_view *v, const struct imap_idxset *idx,
				    const char *dstdir, bool move, struct imap_view_copyuid *map,
				    struct buf *out);

#endif
