/*
 * imap_view.c - the selected mailbox of one session: sequence numbers,
 * deferred expunges, \Recent and the untagged updates over maildir_view.
 *
 * Trust:   the folder is changed by other processes at any time; a file
 *          that vanishes is an expunge, never an error.  Sequence numbers
 *          and UIDs from the client are checked in imap_view_resolve.
 * Limits:  the list holds what the folder holds (the storage view's caps);
 *          output lines go to the caller's buf and its max.
 * Tests:   tests/unit/imapd/test_imap_view.c, tests/protocol/imap/multi*.t
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "imap_view.h"
#include "maildir_name.h"
#include "maildir_view.h"
#include "xmalloc.h"

void imap_idxset_free(struct imap_idxset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void imap_view_copyuid_free(struct imap_view_copyuid *c)
{
	ARRAY_FREE(&c->src);
	ARRAY_FREE(&c->dst);
}

static void msg_clear(struct imap_msg *m)
{
	free(m->kw);
	free(m->name);
	m->kw = NULL;
	m->name = NULL;
	m->nkw = 0;
}

/* Copy the storage view's state of a message into m (flags, keywords,
   name); uid, recent and gone are the caller's. */
static void msg_take(struct imap_msg *m, const struct maildir_view_msg *vm)
{
	free(m->kw);
	free(m->name);
	m->flags = vm->m.flags;
	m->nkw = vm->nkw;
	m->kw = NULL;
	if (vm->nkw > 0) {
		m->kw = xmalloc(vm->nkw * sizeof(*m->kw));
		memcpy(m->kw, vm->kw, vm->nkw * sizeof(*m->kw));
	}
	m->name = xstrdup(vm->m.name);
	m->in_new = vm->m.in_new;
	m->size = vm->m.size;
	if (vm->m.mtime != 0)
		m->internaldate = vm->m.mtime;
}

static void msg_append(struct imap_view *v, const struct maildir_view_msg *vm)
{
	struct imap_msg *m = ARRAY_PUSH(&v->msgs);

	memset(m, 0, sizeof(*m));
	m->uid = vm->m.uid;
	m->recent = vm->m.recent;
	m->internaldate = vm->m.mtime;
	msg_take(m, vm);
	if (m->recent)
		v->recent++;
}

struct imap_view *imap_view_open(const char *dir, const char *mbox, unsigned flags)
{
	struct maildir_view *mv;
	struct imap_view *v;

	mv = maildir_view_open(dir, (flags & IMAP_VIEW_READONLY) ? MAILDIR_VIEW_READONLY : 0);
	if (mv == NULL)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	v->mv = mv;
	v->dir = xstrdup(dir);
	v->mbox = xstrdup(mbox);
	v->readonly = (flags & IMAP_VIEW_READONLY) != 0;
	v->uidvalidity = mv->uidvalidity;
	for (size_t i = 0; i < mv->msgs.n; i++)
		msg_append(v, &mv->msgs.v[i]);
	v->exists_sent = v->msgs.n;
	v->recent_sent = v->recent;
	v->kw_sent = mv->kwnames.n;
	return v;
}

void imap_view_free(struct imap_view **vp)
{
	struct imap_view *v = *vp;

	if (v == NULL)
		return;
	for (size_t i = 0; i < v->msgs.n; i++)
		msg_clear(&v->msgs.v[i]);
	ARRAY_FREE(&v->msgs);
	ARRAY_FREE(&v->pend_changed);
	maildir_view_free(&v->mv);
	free(v->dir);
	free(v->mbox);
	free(v);
	*vp = NULL;
}

size_t imap_view_count(const struct imap_view *v)
{
	return v->msgs.n;
}

const struct imap_msg *imap_view_msg(const struct imap_view *v, uint32_t seq)
{
	if (seq == 0 || seq > v->msgs.n)
		return NULL;
	return &v->msgs.v[seq - 1];
}

size_t imap_view_recent_count(const struct imap_view *v)
{
	return v->recent;
}

uint32_t imap_view_seq_of_uid(const struct imap_view *v, uint32_t uid)
{
	size_t lo = 0, hi = v->msgs.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->msgs.v[mid].uid == uid)
			return (uint32_t)(mid + 1);
		if (v->msgs.v[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* First index with uid >= u. */
static size_t lower_bound(const struct imap_view *v, uint32_t u)
{
	size_t lo = 0, hi = v->msgs.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->msgs.v[mid].uid < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

int imap_view_resolve(const struct imap_view *v, const struct imap_seqset *set, bool uid,
		      struct imap_idxset *out)
{
	size_t count = v->msgs.n;
	uint32_t star;

	out->n = 0;
	if (uid)
		star = count > 0 ? v->msgs.v[count - 1].uid : 0;
	else
		star = count > UINT32_MAX ? UINT32_MAX : (uint32_t)count;
	for (size_t i = 0; i < set->n; i++) {
		uint32_t lo = set->v[i].lo == IMAP_SEQ_STAR ? star : set->v[i].lo;
		uint32_t hi = set->v[i].hi == IMAP_SEQ_STAR ? star : set->v[i].hi;

		if (lo == 0 || hi == 0) {
			/* "*" in an empty mailbox: nothing for UIDs; for
			   sequence numbers only "*" alone is harmless */
			if (uid || (set->v[i].lo == IMAP_SEQ_STAR && set->v[i].hi == IMAP_SEQ_STAR))
				continue;
			errno = EINVAL;
			out->n = 0;
			return -1;
		}
		if (lo > hi) {
			uint32_t t = lo;
			lo = hi;
			hi = t;
		}
		if (!uid) {
			if (hi > count) {
				errno = EINVAL;
				out->n = 0;
				return -1;
			}
			out->v = array_grow(out->v, &out->cap, out->n, hi - lo + 1, sizeof(*out->v));
			for (uint64_t s = lo; s <= hi; s++)
				out->v[out->n++] = (size_t)(s - 1);
		} else {
			for (size_t k = lower_bound(v, lo); k < count && v->msgs.v[k].uid <= hi; k++) {
				out->v = array_grow(out->v, &out->cap, out->n, 1, sizeof(*out->v));
				out->v[out->n++] = k;
			}
		}
	}
	if (out->n > 1) {
		size_t w = 1;

		qsort(out->v, out->n, sizeof(*out->v), cmp_size);
		for (size_t r = 1; r < out->n; r++)
			if (out->v[r] != out->v[w - 1])
				out->v[w++] = out->v[r];
		out->n = w;
	}
	return 0;
}

int imap_view_path(const struct imap_view *v, size_t i, struct buf *path)
{
	const struct imap_msg *m = &v->msgs.v[i];

	buf_reset(path);
	return buf_printf(path, "%s/%s/%s", v->dir, m->in_new ? "new" : "cur", m->name);
}

/* Apply one storage diff to the session's list: vanished messages are
   marked gone (their EXPUNGE waits for imap_view_update), changed ones take
   their new flags and are remembered for a FETCH response, new ones are
   appended (EXISTS goes out with the next update).  -1 ESTALE when
   UIDVALIDITY changed. */
static int absorb(struct imap_view *v, const struct maildir_view_diff *d)
{
	if (d->uidvalidity_changed || v->mv->uidvalidity != v->uidvalidity) {
		v->stale = true;
		errno = ESTALE;
		return -1;
	}
	for (size_t i = 0; i < d->vanished.n; i++) {
		uint32_t seq = imap_view_seq_of_uid(v, d->vanished.v[i]);
		struct imap_msg *m;

		if (seq == 0)
			continue;
		m = &v->msgs.v[seq - 1];
		if (!m->gone) {
			m->gone = true;
			if (m->recent) {
				m->recent = false;
				v->recent--;
			}
		}
	}
	for (size_t i = 0; i < d->changed.n; i++) {
		uint32_t seq = imap_view_seq_of_uid(v, d->changed.v[i]);
		const struct maildir_view_msg *vm = maildir_view_find(v->mv, d->changed.v[i]);

		if (seq == 0 || vm == NULL || v->msgs.v[seq - 1].gone)
			continue;
		msg_take(&v->msgs.v[seq - 1], vm);
		*ARRAY_PUSH(&v->pend_changed) = d->changed.v[i];
	}
	for (size_t i = 0; i < d->appeared.n; i++) {
		const struct maildir_view_msg *vm = maildir_view_find(v->mv, d->appeared.v[i]);

		if (vm == NULL)
			continue;
		if (v->msgs.n > 0 && v->msgs.v[v->msgs.n - 1].uid >= vm->m.uid)
			continue;	/* cannot happen: new UIDs are above all */
		msg_append(v, vm);
	}
	return 0;
}

static int sync_storage(struct imap_view *v)
{
	struct maildir_view_diff d = MAILDIR_VIEW_DIFF_INIT;
	int r;

	if (v->stale) {
		errno = ESTALE;
		return -1;
	}
	r = maildir_view_sync(v->mv, &d);
	if (r == 0)
		r = absorb(v, &d);
	maildir_view_diff_free(&d);
	return r;
}

int imap_view_open_file(struct imap_view *v, size_t i)
{
	struct buf path = BUF_INIT(BUF_MAX_UNLIMITED);
	int fd = -1;

	for (int attempt = 0; attempt < 2; attempt++) {
		struct imap_msg *m = &v->msgs.v[i];

		if (m->gone) {
			errno = ENOENT;
			break;
		}
		if (imap_view_path(v, i, &path) < 0)
			break;
		fd = open(buf_cstr(&path), O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd >= 0 || errno != ENOENT || attempt > 0)
			break;
		/* renamed (flags changed elsewhere) or expunged: re-read the
		   folder; the list keeps its length (gone messages stay) */
		if (sync_storage(v) < 0) {
			errno = ENOENT;
			break;
		}
		m = &v->msgs.v[i];
		if (!m->gone) {
			const struct maildir_view_msg *vm = maildir_view_find(v->mv, m->uid);

			if (vm != NULL && strcmp(vm->m.name, m->name) != 0) {
				free(m->name);
				m->name = xstrdup(vm->m.name);
				m->in_new = vm->m.in_new;
			}
		}
	}
	buf_free(&path);
	return fd;
}

const char *imap_view_kw_name(const struct imap_view *v, uint32_t k)
{
	return maildir_view_kw_name(v->mv, k);
}

static const struct {
	unsigned bit;
	const char *name;
} sysflags[] = {
	{ MAILDIR_F_DRAFT, "\\Draft" },
	{ MAILDIR_F_REPLIED, "\\Answered" },
	{ MAILDIR_F_FLAGGED, "\\Flagged" },
	{ MAILDIR_F_TRASHED, "\\Deleted" },
	{ MAILDIR_F_SEEN, "\\Seen" },
};

int imap_view_flags_fmt(const struct imap_view *v, size_t i, struct buf *out)
{
	const struct imap_msg *m = &v->msgs.v[i];
	const char *sep = "";

	if (buf_putc(out, '(') < 0)
		return -1;
	for (size_t k = 0; k < sizeof(sysflags) / sizeof(sysflags[0]); k++) {
		if ((m->flags & sysflags[k].bit) == 0)
			continue;
		if (buf_printf(out, "%s%s", sep, sysflags[k].name) < 0)
			return -1;
		sep = " ";
	}
	if (m->recent) {
		if (buf_printf(out, "%s\\Recent", sep) < 0)
			return -1;
		sep = " ";
	}
	for (size_t k = 0; k < m->nkw; k++) {
		if (buf_printf(out, "%s%s", sep, imap_view_kw_name(v, m->kw[k])) < 0)
			return -1;
		sep = " ";
	}
	return buf_putc(out, ')');
}

int imap_view_fetch_flags_fmt(const struct imap_view *v, size_t i, bool with_uid,
			      struct buf *out)
{
	size_t old = out->len;

	if (buf_printf(out, "* %zu FETCH (FLAGS ", i + 1) < 0 || imap_view_flags_fmt(v, i, out) < 0)
		goto fail;
	if (with_uid && buf_printf(out, " UID %u", (unsigned)v->msgs.v[i].uid) < 0)
		goto fail;
	if (buf_append_str(out, ")\r\n") < 0)
		goto fail;
	return 0;
fail:
	buf_truncate(out, old);
	return -1;
}

int imap_view_flags_lines(struct imap_view *v, bool imap_keywords, struct buf *out)
{
	size_t nkw = v->mv->kwnames.n;

	if (buf_append_str(out, "* FLAGS (") < 0)
		return -1;
	for (size_t k = 0; k < nkw; k++)
		if (buf_printf(out, "%s ", imap_view_kw_name(v, (uint32_t)k)) < 0)
			return -1;
	if (buf_append_str(out, "\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)\r\n") < 0)
		return -1;
	if (v->readonly) {
		if (buf_append_str(out, "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n") < 0)
			return -1;
	} else {
		if (buf_append_str(out, "* OK [PERMANENTFLAGS (") < 0)
			return -1;
		for (size_t k = 0; k < nkw; k++)
			if (buf_printf(out, "%s ", imap_view_kw_name(v, (uint32_t)k)) < 0)
				return -1;
		if (imap_keywords && buf_append_str(out, "\\* ") < 0)
			return -1;
		if (buf_append_str(out, "\\Draft \\Answered \\Flagged \\Deleted \\Seen)] Limited\r\n") < 0)
			return -1;
	}
	v->kw_sent = nkw;
	return 0;
}

/* Remove every gone message from the list, highest first, with an
   EXPUNGE line each when out is not NULL. */
static int remove_gone(struct imap_view *v, struct buf *out)
{
	size_t w = 0;
	int r = 0;

	for (size_t i = v->msgs.n; i-- > 0;) {
		if (!v->msgs.v[i].gone)
			continue;
		if (out != NULL && r == 0 && buf_printf(out, "* %zu EXPUNGE\r\n", i + 1) < 0)
			r = -1;
		if (v->exists_sent > 0)
			v->exists_sent--;
	}
	for (size_t i = 0; i < v->msgs.n; i++) {
		if (v->msgs.v[i].gone) {
			msg_clear(&v->msgs.v[i]);
			continue;
		}
		v->msgs.v[w++] = v->msgs.v[i];
	}
	v->msgs.n = w;
	return r;
}

int imap_view_update(struct imap_view *v, unsigned mode, bool imap_keywords, struct buf *out)
{
	int r = 0;

	if ((mode & IMAP_VIEW_UPD_NOSYNC) == 0 && sync_storage(v) < 0) {
		if (errno == ESTALE)
			return -1;
		r = -1;		/* unreadable now: send what is pending */
	}
	if ((mode & IMAP_VIEW_UPD_EXPUNGE) && remove_gone(v, out) < 0)
		return -1;
	for (size_t k = 0; k < v->pend_changed.n; k++) {
		uint32_t seq = imap_view_seq_of_uid(v, v->pend_changed.v[k]);

		if (seq == 0 || v->msgs.v[seq - 1].gone)
			continue;
		if (imap_view_fetch_flags_fmt(v, seq - 1, false, out) < 0)
			return -1;
	}
	v->pend_changed.n = 0;
	if (v->mv->kwnames.n > v->kw_sent && imap_keywords && imap_view_flags_lines(v, true, out) < 0)
		return -1;
	if (v->msgs.n != v->exists_sent) {
		bool grew = v->msgs.n > v->exists_sent;

		if (buf_printf(out, "* %zu EXISTS\r\n", v->msgs.n) < 0)
			return -1;
		v->exists_sent = v->msgs.n;
		if (grew) {
			if (buf_printf(out, "* %zu RECENT\r\n", v->recent) < 0)
				return -1;
			v->recent_sent = v->recent;
		}
	}
	return r;
}

int imap_view_store(struct imap_view *v, size_t i, int mode, unsigned flags,
		    const char *const *kws, size_t nkws, bool *changed_r)
{
	struct imap_msg *m = &v->msgs.v[i];
	const struct maildir_view_msg *vm;
	bool changed = false;

	if (changed_r != NULL)
		*changed_r = false;
	if (m->gone) {
		errno = ENOENT;
		return -1;
	}
	if (maildir_view_store(v->mv, m->uid, (enum maildir_view_store_mode)mode, flags, kws, nkws,
			       &changed) < 0)
		return -1;
	vm = maildir_view_find(v->mv, m->uid);
	if (vm != NULL)
		msg_take(m, vm);
	if (changed_r != NULL)
		*changed_r = changed;
	return 0;
}

/* Mark the UIDs of a removed set gone in the list. */
static void mark_removed(struct imap_view *v, const struct maildir_uidset *removed)
{
	for (size_t k = 0; k < removed->n; k++) {
		uint32_t seq = imap_view_seq_of_uid(v, removed->v[k]);
		struct imap_msg *m;

		if (seq == 0)
			continue;
		m = &v->msgs.v[seq - 1];
		if (!m->gone) {
			m->gone = true;
			if (m->recent) {
				m->recent = false;
				v->recent--;
			}
		}
	}
}

int imap_view_expunge(struct imap_view *v, const struct imap_idxset *idx, struct buf *out)
{
	ARRAY_TYPE(uint32_t) uids = ARRAY_INIT;
	struct maildir_uidset removed = ARRAY_INIT;
	size_t n = idx != NULL ? idx->n : v->msgs.n;
	int r;

	if (v->readonly) {
		errno = EROFS;
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		const struct imap_msg *m = &v->msgs.v[idx != NULL ? idx->v[k] : k];

		if (!m->gone && (m->flags & MAILDIR_F_TRASHED))
			*ARRAY_PUSH(&uids) = m->uid;
	}
	r = uids.n > 0 ? maildir_view_expunge(v->mv, uids.v, uids.n, &removed) : 0;
	mark_removed(v, &removed);
	if (remove_gone(v, out) < 0)
		r = -1;
	ARRAY_FREE(&uids);
	ARRAY_FREE(&removed);
	return r;
}

int imap_view_copy(struct imap_view *v, const struct imap_idxset *idx, const char *dstdir,
		   bool move, struct imap_view_copyuid *map, struct buf *out)
{
	ARRAY_TYPE(uint32_t) uids = ARRAY_INIT;
	struct maildir_view_copied copied = MAILDIR_VIEW_COPIED_INIT;
	struct maildir_uidset removed = ARRAY_INIT;
	int r;

	if (move && v->readonly) {
		errno = EROFS;
		return -1;
	}
	for (size_t k = 0; k < idx->n; k++)
		if (!v->msgs.v[idx->v[k]].gone)
			*ARRAY_PUSH(&uids) = v->msgs.v[idx->v[k]].uid;
	if (move)
		r = maildir_view_move(v->mv, uids.v, uids.n, dstdir, &copied, &removed);
	else
		r = maildir_view_copy(v->mv, uids.v, uids.n, dstdir, &copied);
	map->src.n = map->dst.n = 0;
	for (size_t k = 0; k < copied.src.n; k++) {
		*ARRAY_PUSH(&map->src) = copied.src.v[k];
		*ARRAY_PUSH(&map->dst) = copied.dst.v[k];
	}
	map->uidvalidity = copied.dst_uidvalidity;
	if (move) {
		mark_removed(v, &removed);
		if (remove_gone(v, out) < 0 && r == 0)
			r = -1;
	}
	maildir_view_copied_free(&copied);
	ARRAY_FREE(&removed);
	ARRAY_FREE(&uids);
	return r;
}
