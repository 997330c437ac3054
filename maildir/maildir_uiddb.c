#include "config.h"
/*
 * maildir_uiddb.c - courierimapuiddb: parse, write, and the locked rescan
 * that keeps UIDs and hands out new ones (spec section 3).
 *
 * Trust:   the db file is untrusted: bad header = absent (new UIDVALIDITY),
 *          bad or duplicate entries are dropped (their messages get
 *          fresh UIDs); a nextuid at or below a UID in use is raised past
 *          it: a UID is never handed out twice.
 * Runs as: the mailbox owner.
 * Limits:  MAILDIR_UIDDB_MAX_SIZE bytes read; UIDs stay below 2^32 (on
 *          exhaustion the db starts over with a new UIDVALIDITY).
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_uiddb.c, tests/unit/maildir/test_concurrency.c,
 *          tests/fuzz/fuzz_maildir_uiddb.c, tests/interop/run-maildir-courier
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_lock.h"
#include "maildir_purge.h"
#include "maildir_uiddb.h"
#include "maildir_util.h"

static bool parse_u32(const char **pp, const char *end, uint32_t *v_r)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (p >= end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9') {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > UINT32_MAX)
			return false;
		p++;
	}
	*v_r = (uint32_t)v;
	*pp = p;
	return true;
}

static void skip_blank(const char **pp, const char *end)
{
	while (*pp < end && (**pp == ' ' || **pp == '\t'))
		(*pp)++;
}

static void db_push(struct maildir_uiddb *db, uint32_t uid, char *base)
{
	db->e = array_grow(db->e, &db->cap, db->n, 1, sizeof(*db->e));
	db->e[db->n].uid = uid;
	db->e[db->n].base = base;
	db->n++;
}

static int cmp_entry_uid(const void *a, const void *b)
{
	const struct maildir_uid_entry *x = a, *y = b;

	return x->uid < y->uid ? -1 : x->uid > y->uid;
}

/* Parse text in place (it becomes db->arena: NULs replace line ends). */
static int parse_owned(char *text, size_t n, struct maildir_uiddb *db)
{
	const char *p = text, *end = text + n, *le;
	uint32_t ver, uidv, next, maxuid = 0;
	size_t i, k;
	bool sorted = true;

	db->arena = text;
	le = memchr(p, '\n', n);
	if (le == NULL)
		le = end;
	if (!parse_u32(&p, le, &ver) || ver != 1)
		return -1;
	skip_blank(&p, le);
	if (!parse_u32(&p, le, &uidv))
		return -1;
	skip_blank(&p, le);
	if (!parse_u32(&p, le, &next) || next == 0)
		return -1;
	while (p < le && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p != le)
		return -1;
	db->uidvalidity = uidv;
	db->nextuid = next;
	p = le < end ? le + 1 : end;
	while (p < end) {
		const char *q = p;
		char *name;
		uint32_t uid;
		size_t len;

		le = memchr(p, '\n', (size_t)(end - p));
		if (le == NULL)
			le = end;
		p = le < end ? le + 1 : end;
		/* a UID at or above nextuid is kept (a client may have seen
		   it) and nextuid raised past it below: dropping it would give
		   its message a new UID and hand the old one out again later */
		if (!parse_u32(&q, le, &uid) || q >= le || *q != ' ' || uid == 0 ||
		    uid == UINT32_MAX)
			continue;
		name = text + (q + 1 - text);
		len = (size_t)(le - name);
		if (len > 0 && name[len - 1] == '\r')
			len--;
		if (len == 0 || len > MAILDIR_NAME_MAX || memchr(name, '\0', len) != NULL)
			continue;
		name[len] = '\0';   /* the '\n' (or '\r', or the arena's extra byte) */
		if (!maildir_name_is_valid(name) || strchr(name, ':') != NULL)
			continue;
		if (db->n > 0 && db->e[db->n - 1].uid >= uid)
			sorted = false;
		if (uid > maxuid)
			maxuid = uid;
		db_push(db, uid, name);
	}
	if (maxuid >= db->nextuid) {
		db->nextuid = maxuid + 1;
		db->repaired = true;
	}
	if (!sorted) {
		/* Drop later duplicates in file order, then sort. */
		size_t size = 16, mask;
		uint32_t *set;

		while (size < db->n * 2)
			size *= 2;
		mask = size - 1;
		set = xcalloc(size, sizeof(*set));
		for (i = 0, k = 0; i < db->n; i++) {
			size_t s = ((size_t)db->e[i].uid * 2654435761u) & mask;
			bool dup = false;
			while (set[s] != 0) {
				if (set[s] == db->e[i].uid) {
					dup = true;
					break;
				}
				s = (s + 1) & mask;
			}
			if (dup) {
				db->repaired = true;
				continue;
			}
			set[s] = db->e[i].uid;
			db->e[k++] = db->e[i];
		}
		db->n = k;
		free(set);
		md_qsort(db->e, db->n, sizeof(*db->e), cmp_entry_uid);
	}
	return 0;
}

int maildir_uiddb_parse(const char *text, size_t n, struct maildir_uiddb *db)
{
	char *copy = xmalloc(n + 1);

	maildir_uiddb_free(db);
	memcpy(copy, text, n);
	copy[n] = '\0';
	if (parse_owned(copy, n, db) != 0) {
		maildir_uiddb_free(db);
		return -1;
	}
	return 0;
}

int maildir_uiddb_read(const char *dir, struct maildir_uiddb *db)
{
	char *path = md_join(dir, MAILDIR_UIDDB_FILE);
	struct buf b = BUF_INIT(MAILDIR_UIDDB_MAX_SIZE + 1);
	bool full = false;
	int r;

	maildir_uiddb_free(db);
	if (path == NULL)
		return -1;
	r = md_read_file(path, MAILDIR_UIDDB_MAX_SIZE, &b, &full);
	free(path);
	if (r == 1) {
		/* take the buffer over as the arena: no copy of a large db */
		char *text = b.data != NULL ? b.data : xstrdup("");
		size_t n = b.len;
		b.data = NULL;
		b.len = b.cap = 0;
		if (full || parse_owned(text, n, db) != 0) {
			if (db->arena != text)
				free(text);
			maildir_uiddb_free(db);
			r = 0;
		}
	}
	buf_free(&b);
	return r;
}

static int write_db(const char *dir, uint32_t uidv, uint32_t next,
		    const struct maildir_uid_entry *e, size_t ne,
		    const struct maildir_msg *m0, size_t nm, size_t stride)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t i;
	int rc;

	if (buf_printf(&b, "1 %" PRIu32 " %" PRIu32 "\n", uidv, next) < 0)
		return -1;
	for (i = 0; i < ne; i++)
		if (buf_printf(&b, "%" PRIu32 " %s\n", e[i].uid, e[i].base) < 0)
			return -1;
	for (i = 0; i < nm; i++) {
		const struct maildir_msg *m =
			(const struct maildir_msg *)(const void *)((const char *)m0 + i * stride);
		if (buf_printf(&b, "%" PRIu32 " %.*s\n", m->uid, (int)m->baselen, m->name) < 0)
			return -1;
	}
	rc = md_replace_file(dir, MAILDIR_UIDDB_FILE, "imapuid", b.data, b.len, 0600);
	buf_free(&b);
	return rc;
}

int maildir_uiddb_write(const char *dir, const struct maildir_uiddb *db)
{
	return write_db(dir, db->uidvalidity, db->nextuid, db->e, db->n, NULL, 0, 0);
}

int maildir_uiddb_write_msgs(const char *dir, uint32_t uidvalidity, uint32_t nextuid,
			     const struct maildir_msg *m, size_t n, size_t stride)
{
	return write_db(dir, uidvalidity, nextuid, NULL, 0, m, n, stride);
}

void maildir_uiddb_free(struct maildir_uiddb *db)
{
	size_t i;

	for (i = 0; db->arena == NULL && i < db->n; i++)
		free(db->e[i].base);
	free(db->arena);
	db->arena = NULL;
	free(db->e);
	db->e = NULL;
	db->n = db->cap = 0;
	db->uidvalidity = db->nextuid = 0;
	db->repaired = false;
}

/* ---- the rescan ----------------------------------------------------------- */

struct uid_hash {
	size_t *slot;      /* entry index + 1; 0 = empty */
	size_t mask;
};

static void hash_build(struct uid_hash *h, const struct maildir_uiddb *db)
{
	size_t size = 16, i;

	while (size < db->n * 2)
		size *= 2;
	h->slot = xcalloc(size, sizeof(*h->slot));
	h->mask = size - 1;
	for (i = 0; i < db->n; i++) {
		size_t s = (size_t)md_hash_mem(db->e[i].base, strlen(db->e[i].base)) & h->mask;
		while (h->slot[s] != 0)
			s = (s + 1) & h->mask;
		h->slot[s] = i + 1;
	}
}

static size_t hash_find(const struct uid_hash *h, const struct maildir_uiddb *db,
			const char *name, size_t len)
{
	size_t s = (size_t)md_hash_mem(name, len) & h->mask;

	while (h->slot[s] != 0) {
		const char *b = db->e[h->slot[s] - 1].base;
		if (strncmp(b, name, len) == 0 && b[len] == '\0')
			return h->slot[s] - 1;
		s = (s + 1) & h->mask;
	}
	return (size_t)-1;
}

static int cmp_msg_name(const void *a, const void *b)
{
	const struct maildir_msg *x = a, *y = b;

	return maildir_name_cmp(x->name, y->name);
}

uint32_t maildir_uiddb_new_uidvalidity(uint32_t old)
{
	time_t now = time(NULL);
	uint32_t v = now > 1000000000 ? (uint32_t)(now - 1000000000) : 1;

	if (v == old)
		v++;
	return v == 0 ? 1 : v;
}

static int sync_locked(const char *dir, unsigned flags, struct maildir_uid_view *view)
{
	struct maildir_uiddb db = MAILDIR_UIDDB_INIT;
	struct uid_hash h = { NULL, 0 };
	struct maildir_list *l = &view->list;
	bool readonly = (flags & MAILDIR_UIDSYNC_READONLY) != 0, changed = false;
	unsigned scanflags = (readonly ? 0 : MAILDIR_SCAN_MOVE_NEW) |
			     ((flags & MAILDIR_UIDSYNC_STAT) ? MAILDIR_SCAN_STAT : 0);
	size_t *slot = NULL;
	size_t i, k, nknown = 0;
	int r;

	r = maildir_uiddb_read(dir, &db);
	if (r < 0)
		return -1;
	if (r == 0) {
		db.uidvalidity = maildir_uiddb_new_uidvalidity(0);
		db.nextuid = 1;
		view->created = true;
		changed = true;
	}
	if (maildir_scan(dir, scanflags, l) != 0) {
		int e = errno;
		maildir_uiddb_free(&db);
		errno = e;
		return -1;
	}
	hash_build(&h, &db);
	/* slot[e] = index + 1 of the message holding db entry e.  db entries
	   are in ascending UID order, so walking the slots gives the known
	   messages sorted by UID without a sort. */
	slot = xcalloc(db.n + 1, sizeof(*slot));
	for (i = 0; i < l->n; i++) {
		struct maildir_msg *m = &l->m[i];
		size_t e = hash_find(&h, &db, m->name, m->baselen);
		m->recent = false;
		m->uid = 0;
		if (e != (size_t)-1 && slot[e] == 0) {
			slot[e] = i + 1;
			m->uid = db.e[e].uid;
			nknown++;
		}
	}
	if (nknown != db.n || db.repaired)
		changed = true;   /* some entries vanished, or the db was damaged */
	{
		struct maildir_msg *sorted = xcalloc(l->n + 1, sizeof(*sorted));
		size_t o = 0;
		for (k = 0; k < db.n; k++)
			if (slot[k] != 0)
				sorted[o++] = l->m[slot[k] - 1];
		for (i = 0; i < l->n; i++)
			if (l->m[i].uid == 0)
				sorted[o++] = l->m[i];
		free(l->m);
		l->m = sorted;
		l->cap = l->n + 1;
	}
	if (nknown < l->n) {
		size_t nnew = l->n - nknown;
		changed = true;
		if ((uint64_t)db.nextuid + nnew >= UINT32_MAX) {
			/* UIDs exhausted: start over, every client resynchronises. */
			db.uidvalidity = maildir_uiddb_new_uidvalidity(db.uidvalidity);
			db.nextuid = 1;
			view->created = true;
			nknown = 0;
			nnew = l->n;
		}
		md_qsort(l->m + nknown, nnew, sizeof(*l->m), cmp_msg_name);
		for (k = nknown; k < l->n; k++) {
			l->m[k].uid = db.nextuid++;
			l->m[k].recent = true;
		}
	}
	view->uidvalidity = db.uidvalidity;
	view->nextuid = db.nextuid;
	r = 0;
	if (changed && !readonly)
		r = write_db(dir, db.uidvalidity, db.nextuid, NULL, 0, l->m, l->n, sizeof(*l->m));
	free(slot);
	free(h.slot);
	maildir_uiddb_free(&db);
	return r;
}

int maildir_uid_sync(const char *dir, unsigned flags, struct maildir_uid_view *view)
{
	bool lock = (flags & (MAILDIR_UIDSYNC_NOLOCK | MAILDIR_UIDSYNC_READONLY)) == 0;
	int r, e;

	maildir_uid_view_free(view);
	if ((flags & MAILDIR_UIDSYNC_READONLY) == 0)
		(void)maildir_purge_tmp(dir, MAILDIR_TMP_PURGE_SECS);
	if (lock && maildir_lock_folder(dir) != 0)
		return -1;
	r = sync_locked(dir, flags, view);
	e = errno;
	if (lock)
		maildir_unlock_folder(dir);
	if (r != 0) {
		maildir_uid_view_free(view);
		errno = e;
	}
	return r;
}

void maildir_uid_view_free(struct maildir_uid_view *view)
{
	maildir_list_free(&view->list);
	view->uidvalidity = view->nextuid = 0;
	view->created = false;
}
