/*
 * maildir_view.h - the mailbox view of a long-lived session (imapd SELECT):
 * every message of one folder by UID, with flags and keywords, kept current
 * by syncs that report what appeared, vanished and changed since the last
 * one, plus the operations a session runs on it (STORE, EXPUNGE, COPY,
 * MOVE) and the UIDs of messages it adds to other folders (APPENDUID,
 * COPYUID).
 *
 * The view knows UIDs only: sequence numbers, deferred EXPUNGE responses and
 * the \Recent bookkeeping of the protocol stay in imapd (imap_view.c).
 *
 * UIDs come from courierimapuiddb exactly as Courier hands them out
 * (maildir_uiddb.h, spec section 3): under the folder dot-lock, known base
 * names keep their UIDs, new messages get nextuid++ in maildir_name_cmp()
 * order, and the db is rewritten through tmp/ + rename.  Other processes
 * (lmtpd, pop3d, Courier's imapd, another session) change the folder at any
 * time; a file that vanishes between a scan and its use is an expunge, never
 * an error, and a UID is never handed out twice.
 *
 * Keywords come from courierimapkeywords/ (maildir_keywords.h).  Each view
 * numbers the keyword names it has seen (case-insensitively, as first
 * written); the numbers only grow during a session, so imapd can keep its
 * FLAGS/PERMANENTFLAGS list from them.
 *
 * CONDSTORE (RFC 7162) room: every message carries a modseq and the view a
 * highestmodseq counter, bumped on every change the view applies or sees.
 * Today they count changes within this view only (not persisted, so not yet
 * valid across sessions); a later CONDSTORE change stores them without
 * changing this interface.
 *
 * Performance: maildir_view_changed() is three stat() calls; a sync when
 * nothing changed returns at once; a sync after a change reads cur/ (and
 * new/) once, reads the uiddb only when another process replaced it, and
 * sorts only the new messages by name.
 *
 * STABLE (imapd builds on these; only additions from now on):
 *   struct maildir_view, struct maildir_view_msg, struct maildir_view_diff,
 *   MAILDIR_VIEW_*, maildir_view_open(), maildir_view_free(),
 *   maildir_view_changed(), maildir_view_sync(), maildir_view_diff_free(),
 *   maildir_view_find(), maildir_view_store(), maildir_view_expunge(),
 *   maildir_view_copy(), maildir_view_move(), maildir_view_kw_name(),
 *   maildir_uid_assign(), maildir_view_inotify_add().
 */
#ifndef STAFETA_MAILDIR_VIEW_H
#define STAFETA_MAILDIR_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "array.h"
#include "compat.h"
#include "maildir_scan.h"

/* maildir_view_open() flags */
#define MAILDIR_VIEW_READONLY 0x01u  /* EXAMINE: new/ is not moved to cur/
					and store/expunge/move are refused
					(EROFS); UIDs are still assigned in
					the uiddb, under the lock, so they are
					the same for every session */

/* One message.  m.name is its current file name (in cur/, or new/ when
   m.in_new), m.uid its UID, m.flags its MAILDIR_F_* flags, m.size its size,
   m.mtime its INTERNALDATE (file mtime; read with stat() when the view got
   the message), m.recent true when this view moved it from new/ or gave it
   its UID (imapd decides what \Recent means for the session). */
struct maildir_view_msg {
	struct maildir_msg m;
	uint32_t *kw;        /* keyword numbers (maildir_view_kw_name), ascending */
	size_t    nkw;
	uint64_t  modseq;    /* CONDSTORE: the view's highestmodseq when this
				message last appeared or changed */
};

struct maildir_view {
	char     *dir;            /* the folder directory */
	unsigned  flags;          /* MAILDIR_VIEW_* */
	uint32_t  uidvalidity;
	uint32_t  nextuid;        /* UIDNEXT */
	uint64_t  highestmodseq;  /* CONDSTORE: bumped on every change */
	ARRAY_TYPE(struct maildir_view_msg) msgs;  /* ascending UID */
	ARRAY_TYPE(char *) kwnames;                /* keyword number -> name */
	void     *priv;           /* change detection and lookup state */
};

/* A set of UIDs, ascending (an ARRAY_TYPE with a name, so it can be
   passed around). */
struct maildir_uidset {
	uint32_t *v;
	size_t n, cap;
};

/* What one sync found: UIDs in ascending order.  appeared: new in the view
   (all above every UID the view held before); vanished: gone from the view
   (expunged by another process, or renamed away); changed: flags or
   keywords differ from the last sync.  uidvalidity_changed: the uiddb was
   recreated (missing, corrupt, or UIDs exhausted), or an earlier sync
   failed after dropping the view: every message was dropped (vanished)
   and re-added (appeared), so the session must resynchronise the client
   (imapd: BYE, RFC 3501 2.3.1.1). */
struct maildir_view_diff {
	struct maildir_uidset appeared;
	struct maildir_uidset vanished;
	struct maildir_uidset changed;
	bool uidvalidity_changed;
};
#define MAILDIR_VIEW_DIFF_INIT { ARRAY_INIT, ARRAY_INIT, ARRAY_INIT, false }

/* Open the view of folder dir (a maildir or a folder of one): purge tmp/
   files older than 36 h (not when READONLY), then a first sync, so every
   message is in view->msgs.  NULL with errno when dir is not a readable
   maildir or the lock cannot be had. */
struct maildir_view *maildir_view_open(const char *dir, unsigned flags);
/* Free the view; sets *vp = NULL.  NULL is fine. */
void maildir_view_free(struct maildir_view **vp);

/* Cheap test for "anything to sync?": stat()s dir/cur, dir/new and
   dir/courierimapkeywords and compares their mtimes (nanoseconds), inode
   and link count with those of the last sync.  Every delivery, flag
   rename, expunge and keyword update changes one of them.  Also true
   while the last sync is too close to a directory change to tell (the
   file system's clock ticks coarsely: a change in the same tick as the
   sync would otherwise go unseen) or a directory's mtime lies in the
   future (a clock set back), so it may say true too often, never false
   when something changed.  An IDLE loop can wait on
   maildir_view_inotify_add() watches and then call this. */
bool maildir_view_changed(const struct maildir_view *v);

/* Bring the view up to date and put the differences in *diff (reset
   first).  When maildir_view_changed() is false this returns at once with
   an empty diff.  Otherwise, under the folder lock: moves new/ to cur/
   (not READONLY), reads cur/ (and new/), reads the uiddb if another
   process replaced it, keeps known UIDs, gives new messages UIDs as
   Courier does, rewrites the uiddb when anything changed, then reads the
   keywords if courierimapkeywords/ changed or messages appeared.  Messages
   that vanished are removed from v->msgs (pointers into it are invalid
   after a sync).  Keywords that cannot be read keep their old values and
   are read again by the next sync.  0, or -1 with errno: when reading the
   folder or the uiddb fails the view is unchanged; when writing the uiddb
   fails (or UIDs run out: EOVERFLOW) the view is left empty and the next
   successful sync reports uidvalidity_changed (the session is out of step
   and must resynchronise the client). */
ATTR_WARN_UNUSED int maildir_view_sync(struct maildir_view *v, struct maildir_view_diff *diff);
void maildir_view_diff_free(struct maildir_view_diff *diff);

/* The message with uid, or NULL (binary search). */
struct maildir_view_msg *maildir_view_find(const struct maildir_view *v, uint32_t uid);
/* The name of keyword number i (< v->kwnames.n). */
const char *maildir_view_kw_name(const struct maildir_view *v, uint32_t i);

/* STORE modes */
enum maildir_view_store_mode {
	MAILDIR_VIEW_STORE_SET,   /* FLAGS: exactly these */
	MAILDIR_VIEW_STORE_ADD,   /* +FLAGS */
	MAILDIR_VIEW_STORE_DEL    /* -FLAGS */
};
/* Change the flags (MAILDIR_F_*) and keywords of message uid.  ADD and DEL
   are relative to the file's flags at the moment it is renamed, so another
   process changing other flags at once keeps its change.  kws (nkws, may
   be 0) are keyword names, checked with maildir_kw_is_valid() (EINVAL) and
   matched case-insensitively; with SET they replace the message's set.
   Courier's quota rules: setting \Deleted appends -size -1 to maildirsize,
   clearing it checks quota for +size +1 first (refused with EDQUOT, nothing
   changed) and appends it; neither in the Trash folder.  On success the
   message's flags, name, keywords and modseq (++highestmodseq, only when
   something changed) are updated; *changed_r (may be NULL) says whether
   anything changed.  -1 with errno: ENOENT (no such UID in the view, or
   the file is gone: the next sync reports it vanished), EROFS (READONLY),
   EDQUOT, EINVAL, or a file system error. */
ATTR_WARN_UNUSED int maildir_view_store(struct maildir_view *v, uint32_t uid,
					enum maildir_view_store_mode mode, unsigned flags,
					const char *const *kws, size_t nkws, bool *changed_r);

/* Unlink the messages with the UIDs uids[0..n-1] (any order; UIDs not in
   the view are ignored), following renames by other processes, with
   Courier's quota rule (-size -1 unless \Deleted-flagged or in Trash), and
   remove them from the view and from the uiddb (so no process gives their
   UIDs to a file of the same base name again).  removed (reset first) gets
   the UIDs removed,
   ascending, including messages another process had already deleted; they
   are not reported again by a later sync.  The caller picks the UIDs
   (usually those with \Deleted).  0, or -1 with errno (EROFS; or a file
   system error, after which *removed holds what was removed). */
ATTR_WARN_UNUSED int maildir_view_expunge(struct maildir_view *v, const uint32_t *uids,
					  size_t n, struct maildir_uidset *removed);

/* What maildir_view_copy/move report: for each source UID copied, its new
   UID in the destination (src[i] -> dst[i], src ascending).  Source UIDs
   whose file vanished are left out. */
struct maildir_view_copied {
	struct maildir_uidset src;
	struct maildir_uidset dst;
	uint32_t dst_uidvalidity;
};
#define MAILDIR_VIEW_COPIED_INIT { ARRAY_INIT, ARRAY_INIT, 0 }
void maildir_view_copied_free(struct maildir_view_copied *c);

/* COPY the messages uids[0..n-1] of v into folder dstdir (another folder of
   the same account; not v->dir itself: EINVAL): each file is copied into
   dstdir via tmp/ with a fresh Courier name, keeping its mtime
   (INTERNALDATE), its flags and its keywords.  Quota: the whole set is
   checked first against the destination's main maildirsize (+size +1 for
   each message that is not \Deleted, nothing into Trash): EDQUOT and
   nothing copied when over.  If a copy fails midway, the copies already
   made are removed again.  Then the destination's UIDs are assigned by
   maildir_uid_assign().  0, or -1 with errno. */
ATTR_WARN_UNUSED int maildir_view_copy(struct maildir_view *v, const uint32_t *uids, size_t n,
				       const char *dstdir, struct maildir_view_copied *out);
/* MOVE (RFC 6851): like maildir_view_copy, but each file is moved by
   link() into dstdir/cur/ and unlink() of the source (same file, same
   mtime, same flags; the keywords move along), and the moved messages are
   removed from v and listed in removed as maildir_view_expunge does.
   Quota: moving between counted folders changes nothing; into Trash
   -size -1; out of Trash +size +1, checked first (EDQUOT).  When the two
   folders are on different file systems (EXDEV), the message is copied
   and the source unlinked.  0, or -1 with errno. */
ATTR_WARN_UNUSED int maildir_view_move(struct maildir_view *v, const uint32_t *uids, size_t n,
				       const char *dstdir, struct maildir_view_copied *out,
				       struct maildir_uidset *removed);

/* The UIDs of messages just added to folder dir (APPENDUID, COPYUID):
   names[i] is the file name maildir_deliver returned (base name, with or
   without ":2,..."), in dir/new/ or dir/cur/.  Runs Courier's locked
   rescan of dir (maildir_uid_sync, so other new messages get their UIDs in
   the same order Courier would give them) and looks the names up:
   uids_r[i] = UID, or 0 when that file is gone again.  *uidvalidity_r (may
   be NULL) gets the folder's UIDVALIDITY.  Cost: one readdir of the folder
   and one uiddb rewrite.  0, or -1 with errno. */
ATTR_WARN_UNUSED int maildir_uid_assign(const char *dir, const char *const *names, size_t n,
					uint32_t *uids_r, uint32_t *uidvalidity_r);

/* Add inotify watches (IN_CREATE, IN_DELETE, IN_MOVED_FROM, IN_MOVED_TO,
   IN_ATTRIB, IN_CLOSE_WRITE) on dir/new, dir/cur and, if present,
   dir/courierimapkeywords to inotify instance ifd, for IDLE: when ifd is
   readable, drain it and call maildir_view_changed()/maildir_view_sync().
   0, or -1 with errno (ENOSYS where inotify does not exist: poll). */
int maildir_view_inotify_add(const struct maildir_view *v, int ifd);

#endif
