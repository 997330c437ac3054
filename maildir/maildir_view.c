#include "config.h"
/*
 * maildir_view.c - the UID view of one folder for a long-lived session:
 * cheap change test, diffing sync, STORE, EXPUNGE, COPY, MOVE and the UIDs
 * of added messages.
 *
 * Trust:   everything on disk is untrusted (names, uiddb, keywords) and goes
 *          through the validating readers of the lower layers; other
 *          processes change the folder at any time.
 * Runs as: the mailbox owner, never root.
 * Limits:  the lower layers' caps (MAILDIR_UIDDB_MAX_SIZE, MAILDIR_KW_*);
 *          memory is O(messages).
 * Errors:  -1 with errno; a vanished file is an expunge, not an error.
 * Tests:   tests/unit/maildir/test_view.c (incl. concurrent children),
 *          tests/interop/run-maildir-courier
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_deliver.h"
#include "maildir_flags.h"
#include "maildir_folder.h"
#include "maildir_keywords.h"
#include "maildir_lock.h"
#include "maildir_msg.h"
#include "maildir_purge.h"
#include "maildir_quota.h"
#include "maildir_uiddb.h"
#include "maildir_util.h"
#include "maildir_view.h"

/* What maildir_view_changed() compares. */
struct dir_state {
	bool            present;
	dev_t           dev;
	ino_t           ino;
	nlink_t         nlink;
	struct timespec mtim;
};
/* The uiddb file we last read or wrote (replaced by rename: a new inode). */
struct file_id {
	bool            present;
	dev_t           dev;
	ino_t           ino;
	off_t           size;
	struct timespec mtim;
};

enum { DS_CUR, DS_NEW, DS_KW, DS_N };
static const char *const ds_names[DS_N] = { "cur", "new", MAILDIR_KW_DIR };

struct view_priv {
	struct dir_state ds[DS_N];
	bool             dirty;    /* last sync too close to a change to tell */
	bool             synced;   /* at least one sync done */
	bool             lost;     /* a sync failed after dropping the view */
	bool             kw_retry; /* the last keyword read failed */
	bool             renumber; /* UIDs ran out: start a new UIDVALIDITY */
	struct file_id   uiddb;
};

static struct view_priv *priv(const struct maildir_view *v)
{
	return v->priv;
}

/* ---- change detection ------------------------------------------------------ */

static void dir_state_get(const char *dir, struct dir_state ds[DS_N])
{
	size_t i;

	for (i = 0; i < DS_N; i++) {
		char *p = md_join(dir, ds_names[i]);
		struct stat st;

		memset(&ds[i], 0, sizeof(ds[i]));
		if (p != NULL && lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			ds[i].present = true;
			ds[i].dev = st.st_dev;
			ds[i].ino = st.st_ino;
			ds[i].nlink = st.st_nlink;
			ds[i].mtim = st.st_mtim;
		}
		free(p);
	}
}

static bool dir_state_eq(const struct dir_state *a, const struct dir_state *b)
{
	return a->present == b->present && a->dev == b->dev && a->ino == b->ino &&
	       a->nlink == b->nlink && a->mtim.tv_sec == b->mtim.tv_sec &&
	       a->mtim.tv_nsec == b->mtim.tv_nsec;
}

/* A directory changed within the last second of now cannot be trusted to
   show the next change in the same clock tick. */
static bool dir_state_fresh(const struct dir_state ds[DS_N], time_t now)
{
	size_t i;

	for (i = 0; i < DS_N; i++)
		if (ds[i].present && ds[i].mtim.tv_sec + 1 >= now)
			return true;
	return false;
}

bool maildir_view_changed(const struct maildir_view *v)
{
	struct dir_state now[DS_N];
	size_t i;

	if (!priv(v)->synced || priv(v)->dirty)
		return true;
	dir_state_get(v->dir, now);
	for (i = 0; i < DS_N; i++)
		if (!dir_state_eq(&now[i], &priv(v)->ds[i]))
			return true;
	return false;
}

static void file_id_get(const char *dir, struct file_id *id)
{
	char *p = md_join(dir, MAILDIR_UIDDB_FILE);
	struct stat st;

	memset(id, 0, sizeof(*id));
	if (p != NULL && lstat(p, &st) == 0) {
		id->present = true;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->size = st.st_size;
		id->mtim = st.st_mtim;
	}
	free(p);
}

static bool file_id_eq(const struct file_id *a, const struct file_id *b)
{
	return a->present && b->present && a->dev == b->dev && a->ino == b->ino &&
	       a->size == b->size && a->mtim.tv_sec == b->mtim.tv_sec &&
	       a->mtim.tv_nsec == b->mtim.tv_nsec;
}

/* ---- small helpers ----------------------------------------------------------- */

static void uidset_push(struct maildir_uidset *s, uint32_t uid)
{
	*ARRAY_PUSH(s) = uid;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* uids sorted, duplicates dropped, in a fresh set. */
static void uids_sorted(const uint32_t *uids, size_t n, struct maildir_uidset *out)
{
	size_t i, k = 0;

	ARRAY_FREE(out);
	if (n == 0)
		return;
	ARRAY_RESERVE(out, n);
	memcpy(out->v, uids, n * sizeof(*uids));
	md_qsort(out->v, n, sizeof(*out->v), cmp_u32);
	for (i = 0; i < n; i++)
		if (k == 0 || out->v[k - 1] != out->v[i])
			out->v[k++] = out->v[i];
	out->n = k;
}

static void vmsg_free(struct maildir_view_msg *m)
{
	free(m->m.name);
	m->m.name = NULL;
	free(m->kw);
	m->kw = NULL;
	m->nkw = 0;
}

struct maildir_view_msg *maildir_view_find(const struct maildir_view *v, uint32_t uid)
{
	size_t lo = 0, hi = v->msgs.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t u = v->msgs.v[mid].m.uid;
		if (u == uid)
			return &v->msgs.v[mid];
		if (u < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *maildir_view_kw_name(const struct maildir_view *v, uint32_t i)
{
	return i < v->kwnames.n ? v->kwnames.v[i] : NULL;
}

/* The view's number of keyword name (case-insensitive), added if new. */
static uint32_t kw_number(struct maildir_view *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->kwnames.n; i++)
		if (strcasecmp(v->kwnames.v[i], name) == 0)
			return (uint32_t)i;
	*ARRAY_PUSH(&v->kwnames) = xstrdup(name);
	return (uint32_t)(v->kwnames.n - 1);
}

static bool kw_eq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0);
}

/* Base-name hash: base -> index into an array of (name, baselen). */
struct name_hash {
	size_t *slot;   /* index + 1; 0 = empty */
	size_t  mask;
};

static void nh_init(struct name_hash *h, size_t n)
{
	size_t size = 16;

	while (size < n * 2)
		size *= 2;
	h->slot = xcalloc(size, sizeof(*h->slot));
	h->mask = size - 1;
}

static void nh_add(struct name_hash *h, const char *base, size_t len, size_t idx)
{
	size_t s = (size_t)md_hash_mem(base, len) & h->mask;

	while (h->slot[s] != 0)
		s = (s + 1) & h->mask;
	h->slot[s] = idx + 1;
}

/* ---- sync ---------------------------------------------------------------------- */

static int cmp_vmsg_name(const void *a, const void *b)
{
	const struct maildir_view_msg *x = a, *y = b;

	return maildir_name_cmp(x->m.name, y->m.name);
}

static int cmp_vmsg_uid(const void *a, const void *b)
{
	const struct maildir_view_msg *x = a, *y = b;

	return x->m.uid < y->m.uid ? -1 : x->m.uid > y->m.uid;
}

/* The UID source for a sync: either the uiddb just read, or (when nobody
   replaced the db since we last read or wrote it) the view itself. */
struct uid_source {
	struct maildir_uiddb db;
	bool   from_db;
	struct name_hash h;
};

/* The UID of base name name[0..len), 0 if unknown; *vi_r gets the view
   index when the source is the view itself (else SIZE_MAX). */
static uint32_t src_lookup(const struct uid_source *s, const struct maildir_view *v,
			   const char *name, size_t len, size_t *vi_r)
{
	size_t slot = (size_t)md_hash_mem(name, len) & s->h.mask;

	*vi_r = SIZE_MAX;
	while (s->h.slot[slot] != 0) {
		size_t i = s->h.slot[slot] - 1;
		if (s->from_db) {
			const char *b = s->db.e[i].base;
			if (strncmp(b, name, len) == 0 && b[len] == '\0')
				return s->db.e[i].uid;
		} else {
			const struct maildir_msg *m = &v->msgs.v[i].m;
			if (m->baselen == len && memcmp(m->name, name, len) == 0) {
				*vi_r = i;
				return m->uid;
			}
		}
		slot = (slot + 1) & s->h.mask;
	}
	return 0;
}

/* Read the keywords and set each message's (sorted) keyword numbers;
   uids whose set changed are added to changed (unless listed already). */
static int sync_keywords(struct maildir_view *v, bool *any_changed, struct maildir_uidset *changed)
{
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	uint32_t *map = NULL;
	size_t i, j;

	if (maildir_kw_read(v->dir, &db) != 0)
		return -1;
	map = xcalloc(db.nnames + 1, sizeof(*map));
	for (i = 0; i < db.nnames; i++)
		map[i] = kw_number(v, db.names[i]);
	for (i = 0; i < v->msgs.n; i++) {
		struct maildir_view_msg *m = &v->msgs.v[i];
		const struct maildir_kw_msg *k = maildir_kw_get(&db, m->m.name, m->m.baselen);
		uint32_t *nk = NULL;
		size_t nn = 0;

		if (k != NULL && k->n > 0) {
			nk = xcalloc(k->n, sizeof(*nk));
			for (j = 0; j < k->n; j++)
				if (k->idx[j] < db.nnames)
					nk[nn++] = map[k->idx[j]];
			md_qsort(nk, nn, sizeof(*nk), cmp_u32);
		}
		if (kw_eq(nk, nn, m->kw, m->nkw)) {
			free(nk);
			continue;
		}
		free(m->kw);
		m->kw = nk;
		m->nkw = nn;
		if (changed != NULL) {
			m->modseq = ++v->highestmodseq;
			uidset_push(changed, m->m.uid);
			*any_changed = true;
		}
	}
	free(map);
	maildir_kwdb_free(&db);
	return 0;
}

/* The locked part: scan, match, assign, write.  On success the new message
   array replaces v->msgs and diff is filled. */
static int sync_locked(struct maildir_view *v, struct maildir_view_diff *diff)
{
	struct view_priv *p = priv(v);
	bool readonly = (v->flags & MAILDIR_VIEW_READONLY) != 0;
	struct maildir_list l = MAILDIR_LIST_INIT;
	struct uid_source src;
	struct file_id id;
	ARRAY_TYPE(struct maildir_view_msg) nv = ARRAY_INIT, fresh = ARRAY_INIT,
		known_new = ARRAY_INIT;
	struct maildir_view_msg *surv = NULL;   /* survivors at their old index */
	bool *seen = NULL, recreate = false, write = false;
	uint32_t uidv = v->uidvalidity, next = v->nextuid, maxold;
	size_t i, matched = 0;
	int r, rc = -1;

	memset(&src, 0, sizeof(src));
	if (maildir_scan(v->dir, readonly ? 0 : MAILDIR_SCAN_MOVE_NEW, &l) != 0)
		return -1;
	file_id_get(v->dir, &id);
	if (!p->synced || !file_id_eq(&id, &p->uiddb)) {
		r = maildir_uiddb_read(v->dir, &src.db);
		if (r < 0)
			goto out;
		src.from_db = true;
		if (r == 0) {
			recreate = true;
		} else {
			uidv = src.db.uidvalidity;
			next = src.db.nextuid;
			if (p->synced && uidv != v->uidvalidity)
				diff->uidvalidity_changed = true;
		}
		nh_init(&src.h, src.db.n);
		for (i = 0; i < src.db.n; i++)
			nh_add(&src.h, src.db.e[i].base, strlen(src.db.e[i].base), i);
	} else {
		nh_init(&src.h, v->msgs.n);
		for (i = 0; i < v->msgs.n; i++)
			nh_add(&src.h, v->msgs.v[i].m.name, v->msgs.v[i].m.baselen, i);
	}
	if (p->lost)
		diff->uidvalidity_changed = true;
	if (p->renumber)
		recreate = true;
	if (recreate) {
		uidv = maildir_uiddb_new_uidvalidity(v->uidvalidity);
		next = 1;
		write = true;
		if (p->synced)
			diff->uidvalidity_changed = true;
	}
	/* After a new UIDVALIDITY nothing of the old view survives. */
	maxold = diff->uidvalidity_changed || v->msgs.n == 0 ? 0 : v->msgs.v[v->msgs.n - 1].m.uid;
	seen = xcalloc(v->msgs.n + 1, sizeof(*seen));
	surv = xcalloc(v->msgs.n + 1, sizeof(*surv));
	for (i = 0; i < l.n; i++) {
		struct maildir_msg *m = &l.m[i];
		size_t vi = SIZE_MAX;
		uint32_t uid = recreate ? 0 : src_lookup(&src, v, m->name, m->baselen, &vi);
		struct maildir_view_msg *old = NULL, *dst;

		if (uid != 0 && !diff->uidvalidity_changed)
			old = vi != SIZE_MAX ? &v->msgs.v[vi] : maildir_view_find(v, uid);

		if (old != NULL && (old->m.baselen != m->baselen ||
				    memcmp(old->m.name, m->name, m->baselen) != 0))
			old = NULL, uid = 0;   /* the db disagrees with us: a fresh UID */
		if (old != NULL && seen[old - v->msgs.v])
			old = NULL, uid = 0;   /* two files with one base name */
		if (old != NULL) {
			size_t oi = (size_t)(old - v->msgs.v);
			seen[oi] = true;
			matched++;
			dst = &surv[oi];
			*dst = *old;
			dst->m.name = m->name;       /* take the scanned name */
			dst->m.in_new = m->in_new;
			if (m->size != 0)
				dst->m.size = m->size;
			m->name = NULL;
			if (dst->m.flags != m->flags) {
				dst->m.flags = m->flags;
				dst->modseq = ++v->highestmodseq;
				uidset_push(&diff->changed, uid);
			}
			/* old->m.name stays for later lookups; freed below */
			old->kw = NULL;     /* moved to dst */
			old->nkw = 0;
			continue;
		}
		if (uid != 0 && uid <= maxold)
			uid = 0;   /* came back after we reported it gone: a fresh UID */
		dst = uid != 0 ? ARRAY_PUSH(&known_new) : ARRAY_PUSH(&fresh);
		memset(dst, 0, sizeof(*dst));
		dst->m = *m;
		dst->m.uid = uid;
		m->name = NULL;
		if (uid == 0)
			write = true;
	}
	if (src.from_db && !recreate) {
		/* db entries of vanished files, or db entries that were not
		   used: rewrite */
		size_t used = matched + known_new.n;
		if (used != src.db.n)
			write = true;
	}
	if (matched != v->msgs.n)
		write = true;
	/* Survivors keep their (UID) order; every old message not matched
	   vanished. */
	for (i = 0; i < v->msgs.n; i++) {
		if (seen[i]) {
			*ARRAY_PUSH(&nv) = surv[i];
			free(v->msgs.v[i].m.name);
			v->msgs.v[i].m.name = NULL;
			continue;
		}
		uidset_push(&diff->vanished, v->msgs.v[i].m.uid);
		vmsg_free(&v->msgs.v[i]);
	}
	md_qsort(known_new.v, known_new.n, sizeof(*known_new.v), cmp_vmsg_uid);
	for (i = 0; i < known_new.n; i++)
		if (i > 0 && known_new.v[i].m.uid == known_new.v[i - 1].m.uid)
			known_new.v[i].m.uid = 0;   /* a duplicate base name: fresh */
	/* Courier's order for the new ones: by name. */
	for (i = 0; i < known_new.n; i++)
		if (known_new.v[i].m.uid == 0)
			*ARRAY_PUSH(&fresh) = known_new.v[i];
	if (fresh.n > 0 && (uint64_t)next + fresh.n >= UINT32_MAX) {
		errno = EOVERFLOW;   /* UIDs exhausted: the next sync starts over */
		p->renumber = true;
		for (i = 0; i < known_new.n; i++)
			if (known_new.v[i].m.uid != 0)
				*ARRAY_PUSH(&fresh) = known_new.v[i];   /* freed below */
		goto out_lost;
	}
	md_qsort(fresh.v, fresh.n, sizeof(*fresh.v), cmp_vmsg_name);
	for (i = 0; i < known_new.n; i++) {
		struct maildir_view_msg *m = &known_new.v[i];
		if (m->m.uid == 0)
			continue;
		if (m->m.uid >= next)
			next = m->m.uid + 1;
		*ARRAY_PUSH(&nv) = *m;
	}
	for (i = 0; i < fresh.n; i++) {
		fresh.v[i].m.uid = next++;
		fresh.v[i].m.recent = true;
		*ARRAY_PUSH(&nv) = fresh.v[i];
	}
	/* nv: survivors (UID order), db-known (ascending, above maxold), then
	   fresh ascending UIDs: sorted. */
	for (i = matched; i < nv.n; i++) {
		struct maildir_view_msg *m = &nv.v[i];
		if (m->m.mtime == 0) {
			int dfd = md_subdir_fd(v->dir, m->m.in_new ? "new" : "cur");
			struct stat st;
			if (dfd >= 0 && fstatat(dfd, m->m.name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				m->m.mtime = st.st_mtime;
			if (dfd >= 0)
				close(dfd);
		}
		m->modseq = ++v->highestmodseq;
		uidset_push(&diff->appeared, m->m.uid);
	}
	if (write) {
		r = maildir_uiddb_write_msgs(v->dir, uidv, next, nv.n > 0 ? &nv.v[0].m : NULL, nv.n,
					     sizeof(*nv.v));
		if (r != 0 && !(readonly && (errno == EACCES || errno == EROFS || errno == EPERM))) {
			fresh.n = 0;   /* all in nv now */
			goto out_lost;
		}
		file_id_get(v->dir, &p->uiddb);
	} else {
		p->uiddb = id;
	}
	ARRAY_FREE(&v->msgs);
	v->msgs.v = nv.v;
	v->msgs.n = nv.n;
	v->msgs.cap = nv.cap;
	nv.v = NULL;
	nv.n = nv.cap = 0;
	v->uidvalidity = uidv;
	v->nextuid = next;
	p->lost = false;
	p->renumber = false;
	rc = 0;
	goto out;
out_lost:
	/* The old messages were taken apart already: drop the view; the next
	   sync starts from the uiddb and reports a new UIDVALIDITY. */
	{
		int e = errno;
		size_t k;
		for (k = 0; k < nv.n; k++)
			vmsg_free(&nv.v[k]);
		for (k = 0; k < fresh.n; k++)
			vmsg_free(&fresh.v[k]);
		ARRAY_FREE(&v->msgs);
		p->synced = false;
		p->lost = true;
		diff->appeared.n = diff->changed.n = 0;
		errno = e;
	}
out:
	{
		int e = errno;
		ARRAY_FREE(&nv);
		ARRAY_FREE(&fresh);
		ARRAY_FREE(&known_new);
		free(seen);
		free(surv);
		free(src.h.slot);
		maildir_uiddb_free(&src.db);
		maildir_list_free(&l);
		errno = e;
	}
	return rc;
}

int maildir_view_sync(struct maildir_view *v, struct maildir_view_diff *diff)
{
	struct view_priv *p = priv(v);
	struct dir_state before[DS_N];
	bool kwchanged;
	time_t now;
	int r, e;

	maildir_view_diff_free(diff);
	if (!maildir_view_changed(v))
		return 0;
	/* Record the directories before reading them: any change after this
	   point shows up as a different state next time. */
	now = time(NULL);
	dir_state_get(v->dir, before);
	if (maildir_lock_folder(v->dir) != 0)
		return -1;
	r = sync_locked(v, diff);
	e = errno;
	maildir_unlock_folder(v->dir);
	if (r != 0) {
		errno = e;
		return -1;
	}
	kwchanged = !p->synced || p->kw_retry ||
		    !dir_state_eq(&before[DS_KW], &p->ds[DS_KW]);
	if (before[DS_KW].present && (kwchanged || diff->appeared.n > 0)) {
		bool any = false;
		/* Keywords of messages that appeared are not "changes".  A failed
		   read keeps the old keywords and is retried next time: the
		   message changes found above must still reach the caller. */
		p->kw_retry = sync_keywords(v, &any, p->synced ? &diff->changed : NULL) != 0;
	} else if (!before[DS_KW].present && p->synced) {
		size_t i;
		for (i = 0; i < v->msgs.n; i++) {
			struct maildir_view_msg *m = &v->msgs.v[i];
			if (m->nkw == 0)
				continue;
			free(m->kw);
			m->kw = NULL;
			m->nkw = 0;
			m->modseq = ++v->highestmodseq;
			uidset_push(&diff->changed, m->m.uid);
		}
	}
	/* A UID in both appeared and changed: keep it in appeared only. */
	if (diff->changed.n > 0) {
		size_t i, k = 0;
		md_qsort(diff->changed.v, diff->changed.n, sizeof(*diff->changed.v), cmp_u32);
		for (i = 0; i < diff->changed.n; i++) {
			uint32_t u = diff->changed.v[i];
			if ((k > 0 && diff->changed.v[k - 1] == u) ||
			    (diff->appeared.n > 0 &&
			     bsearch(&u, diff->appeared.v, diff->appeared.n, sizeof(u), cmp_u32) != NULL))
				continue;
			diff->changed.v[k++] = u;
		}
		diff->changed.n = k;
	}
	memcpy(p->ds, before, sizeof(before));
	p->dirty = dir_state_fresh(before, now);
	p->synced = true;
	return 0;
}

void maildir_view_diff_free(struct maildir_view_diff *diff)
{
	ARRAY_FREE(&diff->appeared);
	ARRAY_FREE(&diff->vanished);
	ARRAY_FREE(&diff->changed);
	diff->uidvalidity_changed = false;
}

struct maildir_view *maildir_view_open(const char *dir, unsigned flags)
{
	struct maildir_view *v;
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;

	if (!maildir_is_maildir(dir)) {
		errno = ENOENT;
		return NULL;
	}
	if ((flags & MAILDIR_VIEW_READONLY) == 0)
		(void)maildir_purge_tmp(dir, MAILDIR_TMP_PURGE_SECS);
	v = xcalloc(1, sizeof(*v));
	v->dir = xstrdup(dir);
	v->flags = flags;
	v->priv = xcalloc(1, sizeof(struct view_priv));
	if (maildir_view_sync(v, &d) != 0) {
		int e = errno;
		maildir_view_free(&v);
		errno = e;
		return NULL;
	}
	maildir_view_diff_free(&d);
	return v;
}

void maildir_view_free(struct maildir_view **vp)
{
	struct maildir_view *v = *vp;
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->msgs.n; i++)
		vmsg_free(&v->msgs.v[i]);
	ARRAY_FREE(&v->msgs);
	for (i = 0; i < v->kwnames.n; i++)
		free(v->kwnames.v[i]);
	ARRAY_FREE(&v->kwnames);
	free(v->priv);
	free(v->dir);
	free(v);
	*vp = NULL;
}

/* ---- store ---------------------------------------------------------------------- */

/* Courier's quota rule for a flag change of a message of size bytes. */
static int quota_for_flags(const char *dir, unsigned oldf, unsigned newf, uint64_t size,
			   bool check_only)
{
	char *main_dir;
	int rc = 0;

	if (((oldf ^ newf) & MAILDIR_F_TRASHED) == 0 || maildir_is_trash(dir))
		return 0;
	main_dir = maildir_main_dir(dir);
	if (newf & MAILDIR_F_TRASHED) {
		if (!check_only)
			(void)maildir_quota_add(main_dir, -(int64_t)size, -1);
	} else if (check_only) {
		if (maildir_quota_check(main_dir, (int64_t)size, 1) == MAILDIR_QUOTA_OVER) {
			errno = EDQUOT;
			rc = -1;
		}
	} else {
		(void)maildir_quota_add(main_dir, (int64_t)size, 1);
	}
	free(main_dir);
	return rc;
}

static int write_keywords(const char *dir, const struct maildir_view *v, const char *name,
			  size_t baselen, const uint32_t *kw, size_t nkw)
{
	const char **names = xcalloc(nkw + 1, sizeof(*names));
	size_t i;
	int r;

	for (i = 0; i < nkw; i++)
		names[i] = v->kwnames.v[kw[i]];
	r = maildir_kw_set(dir, name, baselen, names, nkw);
	free(names);
	return r;
}

int maildir_view_store(struct maildir_view *v, uint32_t uid, enum maildir_view_store_mode mode,
		       unsigned flags, const char *const *kws, size_t nkws, bool *changed_r)
{
	struct maildir_view_msg *m;
	struct buf nn = BUF_INIT(MAILDIR_NAME_MAX + 1);
	uint32_t *nk = NULL;
	size_t nnk = 0, i, j;
	unsigned want, oldf;
	bool kwchg, changed = false;
	int rc = -1;

	if (changed_r != NULL)
		*changed_r = false;
	if (v->flags & MAILDIR_VIEW_READONLY) {
		errno = EROFS;
		return -1;
	}
	m = maildir_view_find(v, uid);
	if (m == NULL) {
		errno = ENOENT;
		return -1;
	}
	for (i = 0; i < nkws; i++)
		if (!maildir_kw_is_valid(kws[i])) {
			errno = EINVAL;
			return -1;
		}
	flags &= MAILDIR_F_ALL;
	oldf = m->m.flags;
	want = mode == MAILDIR_VIEW_STORE_SET ? flags
	       : mode == MAILDIR_VIEW_STORE_ADD ? (oldf | flags) : (oldf & ~flags);
	/* the new keyword set */
	if (mode != MAILDIR_VIEW_STORE_SET) {
		nk = xcalloc(m->nkw + nkws + 1, sizeof(*nk));
		if (m->nkw > 0)
			memcpy(nk, m->kw, m->nkw * sizeof(*nk));
		nnk = m->nkw;
	} else {
		nk = xcalloc(nkws + 1, sizeof(*nk));
	}
	for (i = 0; i < nkws; i++) {
		uint32_t k = kw_number(v, kws[i]);
		bool have = false;
		for (j = 0; j < nnk; j++)
			if (nk[j] == k) {
				have = true;
				if (mode == MAILDIR_VIEW_STORE_DEL)
					nk[j] = nk[--nnk];
				break;
			}
		if (!have && mode != MAILDIR_VIEW_STORE_DEL)
			nk[nnk++] = k;
	}
	md_qsort(nk, nnk, sizeof(*nk), cmp_u32);
	kwchg = !kw_eq(nk, nnk, m->kw, m->nkw);
	if (want != oldf || m->m.in_new) {
		if (quota_for_flags(v->dir, oldf, want, m->m.size, true) != 0)
			goto out;
		if (mode == MAILDIR_VIEW_STORE_SET)
			rc = maildir_flags_set(v->dir, m->m.name, want, &nn);
		else
			rc = maildir_flags_change(v->dir, m->m.name,
						  mode == MAILDIR_VIEW_STORE_ADD ? flags : 0,
						  mode == MAILDIR_VIEW_STORE_DEL ? flags : 0, &nn);
		if (rc != 0)
			goto out;
		rc = -1;
		free(m->m.name);
		m->m.name = xstrdup(buf_cstr(&nn));
		m->m.baselen = maildir_name_baselen(m->m.name);
		m->m.flags = maildir_name_flags(m->m.name);
		m->m.in_new = false;
		(void)quota_for_flags(v->dir, oldf, m->m.flags, m->m.size, false);
		changed = m->m.flags != oldf;
	}
	if (kwchg) {
		if (write_keywords(v->dir, v, m->m.name, m->m.baselen, nk, nnk) != 0)
			goto out;
		free(m->kw);
		m->kw = nk;
		m->nkw = nnk;
		nk = NULL;
		changed = true;
	}
	if (changed)
		m->modseq = ++v->highestmodseq;
	if (changed_r != NULL)
		*changed_r = changed;
	rc = 0;
out:
	free(nk);
	buf_free(&nn);
	return rc;
}

/* ---- expunge, copy, move ------------------------------------------------------- */

/* Drop the UIDs of removed messages from the uiddb, under the lock, so no
   process (this view's own COPYUID included) hands the old UID to a file
   with the same base name again.  Best effort: the next sync of any
   process rewrites the db without them anyway. */
static void db_forget(struct maildir_view *v, const struct maildir_uidset *removed)
{
	struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
	struct file_id before;
	size_t i, k = 0;

	if (removed->n == 0 || maildir_lock_folder(v->dir) != 0)
		return;
	file_id_get(v->dir, &before);
	if (maildir_uiddb_read(v->dir, &db) == 1) {
		for (i = 0; i < db.n; i++)
			if (bsearch(&db.e[i].uid, removed->v, removed->n, sizeof(uint32_t), cmp_u32) ==
			    NULL)
				db.e[k++] = db.e[i];
		if (k != db.n) {
			db.n = k;
			if (maildir_uiddb_write(v->dir, &db) == 0 &&
			    file_id_eq(&before, &priv(v)->uiddb))
				file_id_get(v->dir, &priv(v)->uiddb);
		}
	}
	maildir_uiddb_free(&db);
	maildir_unlock_folder(v->dir);
}

/* Remove the messages marked in gone[] from the view, adding their UIDs to
   removed (ascending, as the view is). */
static void view_remove(struct maildir_view *v, const bool *gone, struct maildir_uidset *removed)
{
	size_t i, k = 0;

	for (i = 0; i < v->msgs.n; i++) {
		if (gone[i]) {
			uidset_push(removed, v->msgs.v[i].m.uid);
			vmsg_free(&v->msgs.v[i]);
			continue;
		}
		v->msgs.v[k++] = v->msgs.v[i];
	}
	v->msgs.n = k;
}

int maildir_view_expunge(struct maildir_view *v, const uint32_t *uids, size_t n,
			 struct maildir_uidset *removed)
{
	struct maildir_uidset set = ARRAY_INIT;
	bool *gone;
	size_t i;
	int rc = 0, e = 0;

	ARRAY_FREE(removed);
	if (v->flags & MAILDIR_VIEW_READONLY) {
		errno = EROFS;
		return -1;
	}
	uids_sorted(uids, n, &set);
	gone = xcalloc(v->msgs.n + 1, sizeof(*gone));
	for (i = 0; i < set.n; i++) {
		struct maildir_view_msg *m = maildir_view_find(v, set.v[i]);
		if (m == NULL)
			continue;
		if (maildir_msg_delete(v->dir, &m->m) != 0 && errno != ENOENT) {
			e = errno;
			rc = -1;
			break;
		}
		gone[m - v->msgs.v] = true;
	}
	view_remove(v, gone, removed);
	db_forget(v, removed);
	free(gone);
	ARRAY_FREE(&set);
	if (rc != 0)
		errno = e;
	return rc;
}

void maildir_view_copied_free(struct maildir_view_copied *c)
{
	ARRAY_FREE(&c->src);
	ARRAY_FREE(&c->dst);
	c->dst_uidvalidity = 0;
}

static bool same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Quota accounting for messages leaving src and entering dst: bytes/count
   that enter dst's main maildir (+) and leave src's (-).  When both are the
   same main maildir the two cancel. */
struct quota_move {
	char   *src_main, *dst_main;
	bool    src_counted, dst_counted, same_main;
	int64_t bytes, count;   /* of the counted (non-\Deleted) messages */
};

static void qm_init(struct quota_move *q, const char *src, const char *dst, bool from_src)
{
	memset(q, 0, sizeof(*q));
	q->dst_main = maildir_main_dir(dst);
	q->dst_counted = !maildir_is_trash(dst);
	if (from_src) {
		q->src_main = maildir_main_dir(src);
		q->src_counted = !maildir_is_trash(src);
		q->same_main = same_dir(q->src_main, q->dst_main);
	}
}

/* Net delta to dst's main maildir for the accumulated bytes/count. */
static void qm_net(const struct quota_move *q, int64_t *dst_b, int64_t *dst_c, int64_t *src_b,
		   int64_t *src_c)
{
	*dst_b = q->dst_counted ? q->bytes : 0;
	*dst_c = q->dst_counted ? q->count : 0;
	*src_b = q->src_main != NULL && q->src_counted ? -q->bytes : 0;
	*src_c = q->src_main != NULL && q->src_counted ? -q->count : 0;
	if (q->same_main) {
		*dst_b += *src_b;
		*dst_c += *src_c;
		*src_b = *src_c = 0;
	}
}

static int qm_check(const struct quota_move *q)
{
	int64_t db, dc, sb, sc;

	qm_net(q, &db, &dc, &sb, &sc);
	if ((db > 0 || dc > 0) && maildir_quota_check(q->dst_main, db, dc) == MAILDIR_QUOTA_OVER) {
		errno = EDQUOT;
		return -1;
	}
	return 0;
}

static void qm_apply(const struct quota_move *q)
{
	int64_t db, dc, sb, sc;

	qm_net(q, &db, &dc, &sb, &sc);
	if (db != 0 || dc != 0)
		(void)maildir_quota_add(q->dst_main, db, dc);
	if (q->src_main != NULL && (sb != 0 || sc != 0))
		(void)maildir_quota_add(q->src_main, sb, sc);
}

static void qm_free(struct quota_move *q)
{
	free(q->src_main);
	free(q->dst_main);
}

/* Collect the view messages of uids (sorted, unique, present); the
   counted ones' sizes go into q. */
static void collect(const struct maildir_view *v, const uint32_t *uids, size_t n,
		    struct maildir_uidset *set, struct quota_move *q)
{
	size_t i, k = 0;

	uids_sorted(uids, n, set);
	for (i = 0; i < set->n; i++) {
		const struct maildir_view_msg *m = maildir_view_find(v, set->v[i]);
		if (m == NULL)
			continue;
		set->v[k++] = set->v[i];
		if ((m->m.flags & MAILDIR_F_TRASHED) == 0) {
			q->bytes += (int64_t)m->m.size;
			q->count++;
		}
	}
	set->n = k;
}

/* Copy one message file into dstdir (tmp/ -> cur/ with its flags, mtime
   kept, keywords written).  0 with *name_r, 1 when the source is gone,
   -1 with errno. */
static int copy_one(struct maildir_view *v, struct maildir_view_msg *m, const char *dstdir,
		    char **name_r)
{
	struct maildir_deliv_opts o;
	struct stat st;
	char letters[8];
	const char *err;
	enum deliv_status ds;
	int fd = maildir_msg_open(v->dir, &m->m, &st);

	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	maildir_flags_to_str(m->m.flags, letters);
	memset(&o, 0, sizeof(o));
	o.flags = letters;
	o.mtime = st.st_mtime > 0 ? st.st_mtime : 1;
	ds = maildir_deliver_fd(dstdir, fd, &o, name_r, &err);
	close(fd);
	if (ds != DELIV_OK) {
		errno = ds == DELIV_OVERQUOTA ? EDQUOT : EIO;
		return -1;
	}
	if (m->nkw > 0 &&
	    write_keywords(dstdir, v, *name_r, maildir_name_baselen(*name_r), m->kw, m->nkw) != 0) {
		int e = errno;
		char *p = md_join3(dstdir, "cur", *name_r);
		if (p != NULL)
			(void)unlink(p);
		free(p);
		free(*name_r);
		*name_r = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

static void unlink_copies(const char *dstdir, char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *p = md_join3(dstdir, "cur", names[i]);
		if (p != NULL)
			(void)unlink(p);
		free(p);
	}
}

static void free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Fill out with src UIDs and the UIDs the destination gave names. */
static int assign_out(const char *dstdir, const struct maildir_uidset *srcuids, char **names,
		      size_t n, struct maildir_view_copied *out)
{
	uint32_t *nu = xcalloc(n + 1, sizeof(*nu));
	size_t i;
	int r = maildir_uid_assign(dstdir, (const char *const *)names, n, nu, &out->dst_uidvalidity);

	for (i = 0; r == 0 && i < n; i++) {
		if (nu[i] == 0)
			continue;
		uidset_push(&out->src, srcuids->v[i]);
		uidset_push(&out->dst, nu[i]);
	}
	free(nu);
	return r;
}

/* One COPY or MOVE: the messages to transfer (set), those done and their
   new names, and the quota of what was transferred. */
struct xfer {
	struct maildir_uidset set, done;
	struct quota_move     q;
	char                **names;
	size_t                nn;
};

/* The start of COPY and MOVE: dstdir must be another maildir; collect the
   messages and check the quota for all of them; x->q then counts what is
   actually transferred.  0, or -1 with errno (free x in any case). */
static int xfer_start(const struct maildir_view *v, const uint32_t *uids, size_t n,
		      const char *dstdir, bool move, struct xfer *x)
{
	memset(x, 0, sizeof(*x));
	if (same_dir(v->dir, dstdir) || !maildir_is_maildir(dstdir)) {
		errno = same_dir(v->dir, dstdir) ? EINVAL : ENOENT;
		return -1;
	}
	qm_init(&x->q, v->dir, dstdir, move);
	collect(v, uids, n, &x->set, &x->q);
	x->names = xcalloc(x->set.n + 1, sizeof(*x->names));
	if (qm_check(&x->q) != 0)
		return -1;
	x->q.bytes = x->q.count = 0;
	return 0;
}

/* Message m (uid) is in the destination under x->names[x->nn]. */
static void xfer_one_done(struct xfer *x, const struct maildir_view_msg *m, uint32_t uid)
{
	if ((m->m.flags & MAILDIR_F_TRASHED) == 0) {
		x->q.bytes += (int64_t)m->m.size;
		x->q.count++;
	}
	uidset_push(&x->done, uid);
	x->nn++;
}

static void xfer_free(struct xfer *x)
{
	free_strv(x->names, x->nn);
	ARRAY_FREE(&x->set);
	ARRAY_FREE(&x->done);
	qm_free(&x->q);
}

int maildir_view_copy(struct maildir_view *v, const uint32_t *uids, size_t n,
		      const char *dstdir, struct maildir_view_copied *out)
{
	struct xfer x;
	size_t i;
	int rc = -1, e = 0;

	maildir_view_copied_free(out);
	if (xfer_start(v, uids, n, dstdir, false, &x) != 0) {
		e = errno;
		goto out;
	}
	for (i = 0; i < x.set.n; i++) {
		struct maildir_view_msg *m = maildir_view_find(v, x.set.v[i]);
		int r = copy_one(v, m, dstdir, &x.names[x.nn]);

		if (r < 0) {
			e = errno;
			unlink_copies(dstdir, x.names, x.nn);
			goto out;
		}
		if (r == 0)
			xfer_one_done(&x, m, x.set.v[i]);
		/* r == 1: vanished meanwhile, nothing to copy */
	}
	qm_apply(&x.q);
	rc = assign_out(dstdir, &x.done, x.names, x.nn, out);
	e = errno;
out:
	xfer_free(&x);
	errno = e;
	return rc;
}


/* Move one file by link + unlink.  0 with *name_r, 1 when the source is
   gone, 2 when the file systems differ (EXDEV), -1 with errno. */
static int move_one(struct maildir_view *v, struct maildir_view_msg *m, const char *dstdir,
		    char **name_r)
{
	struct buf target = BUF_INIT(MAILDIR_NAME_MAX + 1);
	int sfd = -1, dfd = md_subdir_fd(dstdir, "cur"), attempt, rc = -1;

	if (dfd < 0)
		return -1;
	for (attempt = 0; attempt < 3; attempt++) {
		struct buf found = BUF_INIT(MAILDIR_NAME_MAX + 1);

		if (sfd >= 0)
			close(sfd);
		sfd = md_subdir_fd(v->dir, m->m.in_new ? "new" : "cur");
		if (sfd < 0 || maildir_name_with_flags(m->m.name, m->m.flags, &target) != 0)
			break;
		if (linkat(sfd, m->m.name, dfd, buf_cstr(&target), 0) == 0) {
			if (unlinkat(sfd, m->m.name, 0) != 0 && errno == ENOENT &&
			    maildir_flags_find(v->dir, m->m.name, m->m.baselen, &found) == 0)
				(void)unlinkat(sfd, buf_cstr(&found), 0);   /* renamed meanwhile */
			buf_free(&found);
			*name_r = xstrdup(buf_cstr(&target));
			rc = 0;
			break;
		}
		if (errno == EXDEV) {
			buf_free(&found);
			rc = 2;
			break;
		}
		if (errno != ENOENT) {
			buf_free(&found);
			break;
		}
		/* renamed by another process: follow it, or it is gone */
		if (maildir_flags_find(v->dir, m->m.name, m->m.baselen, &found) != 0) {
			buf_free(&found);
			rc = 1;
			break;
		}
		free(m->m.name);
		m->m.name = xstrdup(buf_cstr(&found));
		m->m.flags = maildir_name_flags(m->m.name);
		m->m.in_new = false;
		buf_free(&found);
	}
	if (attempt == 3)
		rc = 1;
	{
		int e = errno;
		if (sfd >= 0)
			close(sfd);
		close(dfd);
		buf_free(&target);
		errno = e;
	}
	return rc;
}

/* Unlink the source of a message copied across file systems (no quota:
   the move's accounting covers it). */
static void unlink_source(const struct maildir_view *v, const struct maildir_view_msg *m)
{
	int dfd = md_subdir_fd(v->dir, m->m.in_new ? "new" : "cur");

	if (dfd >= 0) {
		(void)unlinkat(dfd, m->m.name, 0);
		close(dfd);
	}
}

int maildir_view_move(struct maildir_view *v, const uint32_t *uids, size_t n,
		      const char *dstdir, struct maildir_view_copied *out,
		      struct maildir_uidset *removed)
{
	struct xfer x;
	bool *gone = NULL;
	size_t i = 0;
	int rc = -1, e = 0;

	maildir_view_copied_free(out);
	ARRAY_FREE(removed);
	memset(&x, 0, sizeof(x));
	if (v->flags & MAILDIR_VIEW_READONLY) {
		errno = EROFS;
		return -1;
	}
	gone = xcalloc(v->msgs.n + 1, sizeof(*gone));
	if (xfer_start(v, uids, n, dstdir, true, &x) != 0) {
		e = errno;
		goto out;
	}
	for (i = 0; i < x.set.n; i++) {
		struct maildir_view_msg *m = maildir_view_find(v, x.set.v[i]);
		int r = move_one(v, m, dstdir, &x.names[x.nn]);

		if (r == 2) {
			/* another file system: copy (keywords too), drop the source */
			r = copy_one(v, m, dstdir, &x.names[x.nn]);
			if (r == 0)
				unlink_source(v, m);
		} else if (r == 0 && m->nkw > 0) {
			(void)write_keywords(dstdir, v, x.names[x.nn],
					     maildir_name_baselen(x.names[x.nn]), m->kw, m->nkw);
		}
		if (r < 0) {
			e = errno;
			break;
		}
		gone[m - v->msgs.v] = true;   /* moved, or gone anyway */
		if (r == 1)
			continue;
		if (m->nkw > 0)
			(void)maildir_kw_set(v->dir, m->m.name, m->m.baselen, NULL, 0);
		xfer_one_done(&x, m, x.set.v[i]);
	}
	qm_apply(&x.q);
	view_remove(v, gone, removed);
	db_forget(v, removed);
	if (i < x.set.n) {
		(void)assign_out(dstdir, &x.done, x.names, x.nn, out);
		goto out;   /* e holds the error */
	}
	rc = assign_out(dstdir, &x.done, x.names, x.nn, out);
	e = errno;
out:
	free(gone);
	xfer_free(&x);
	errno = e;
	return rc;
}


/* ---- UIDs of added messages ----------------------------------------------------- */

struct name_ref {
	const char *name;
	size_t      baselen;
	size_t      idx;
};

static int cmp_ref(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	size_t l = x->baselen < y->baselen ? x->baselen : y->baselen;
	int c = memcmp(x->name, y->name, l);

	if (c != 0)
		return c;
	return x->baselen < y->baselen ? -1 : x->baselen > y->baselen;
}

int maildir_uid_assign(const char *dir, const char *const *names, size_t n, uint32_t *uids_r,
		       uint32_t *uidvalidity_r)
{
	struct maildir_uid_view uv = MAILDIR_UID_VIEW_INIT;
	struct name_ref *refs;
	size_t i;

	for (i = 0; i < n; i++)
		uids_r[i] = 0;
	if (maildir_uid_sync(dir, 0, &uv) != 0)
		return -1;
	refs = xcalloc(n + 1, sizeof(*refs));
	for (i = 0; i < n; i++) {
		refs[i].name = names[i];
		refs[i].baselen = maildir_name_baselen(names[i]);
		refs[i].idx = i;
	}
	md_qsort(refs, n, sizeof(*refs), cmp_ref);
	for (i = 0; n > 0 && i < uv.list.n; i++) {
		struct name_ref key = { uv.list.m[i].name, uv.list.m[i].baselen, 0 };
		struct name_ref *hit = bsearch(&key, refs, n, sizeof(*refs), cmp_ref);
		if (hit == NULL)
			continue;
		/* equal names sit together: mark them all */
		while (hit > refs && cmp_ref(hit - 1, &key) == 0)
			hit--;
		for (; hit < refs + n && cmp_ref(hit, &key) == 0; hit++)
			uids_r[hit->idx] = uv.list.m[i].uid;
	}
	if (uidvalidity_r != NULL)
		*uidvalidity_r = uv.uidvalidity;
	free(refs);
	maildir_uid_view_free(&uv);
	return 0;
}

/* ---- IDLE ---------------------------------------------------------------------- */

int maildir_view_inotify_add(const struct maildir_view *v, int ifd)
{
#ifdef __linux__
	size_t i;

	for (i = 0; i < DS_N; i++) {
		char *p = md_join(v->dir, ds_names[i]);
		int r;
		if (p == NULL)
			return -1;
		r = inotify_add_watch(ifd, p,
				      IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
					      IN_ATTRIB | IN_CLOSE_WRITE | IN_ONLYDIR |
					      IN_DONT_FOLLOW);
		free(p);
		if (r < 0 && !(i == DS_KW && errno == ENOENT))
			return -1;
	}
	return 0;
#else
	(void)v;
	(void)ifd;
	errno = ENOSYS;
	return -1;
#endif
}
