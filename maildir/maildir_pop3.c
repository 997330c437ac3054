#include "config.h"
/*
 * maildir_pop3.c - the POP3 view of a Maildir: RFC 1939 sizes, stable UIDLs
 * through courierpop3dsizelist (Courier's format, version 3), flags and
 * deletion.
 *
 * Trust:   the sizelist file is untrusted: a bad header means "no cache",
 *          bad lines are dropped (their messages are measured again and get
 *          fresh UIDs, never a reused one).
 * Runs as: the mailbox owner.
 * Limits:  MAILDIR_SIZELIST_MAX bytes read; UIDL strings MAILDIR_UIDL_MAX.
 * Errors:  -1 with errno / *error_r.
 * Tests:   tests/unit/maildir/test_pop3.c, tests/fuzz/fuzz_maildir_sizelist.c
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "log.h"
#include "xmalloc.h"
#include "maildir_msg.h"
#include "maildir_flags.h"
#include "maildir_pop3.h"
#include "maildir_purge.h"
#include "maildir_util.h"

static bool parse_u64(const char **pp, const char *end, uint64_t *v_r)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (p >= end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		p++;
	}
	*v_r = v;
	*pp = p;
	return true;
}

int maildir_sizelist_parse(const char *text, size_t n, struct maildir_sizelist *sl)
{
	const char *p = text, *end = text + n, *le;
	uint64_t ver;

	maildir_sizelist_free(sl);
	le = memchr(p, '\n', n);
	if (le == NULL || n < 1 || *p != '/')
		return -1;
	p++;
	if (!parse_u64(&p, le, &ver) || (ver != 2 && ver != 3) || p >= le || *p++ != ' ' ||
	    !parse_u64(&p, le, &sl->nextuid) || p >= le || *p++ != ' ' ||
	    !parse_u64(&p, le, &sl->uidv) || p != le)
		return -1;
	sl->version = (int)ver;
	p = le + 1;
	while (p < end) {
		const char *sp, *q;
		struct maildir_sizelist_entry e;
		char name[MAILDIR_NAME_MAX + 1];
		size_t len;
		uint64_t utf8 = 0;

		le = memchr(p, '\n', (size_t)(end - p));
		if (le == NULL)
			le = end;
		q = p;
		p = le < end ? le + 1 : end;
		sp = memchr(q, ' ', (size_t)(le - q));
		if (sp == NULL)
			continue;
		len = (size_t)(sp - q);
		if (len == 0 || len > MAILDIR_NAME_MAX || memchr(q, '\0', len) != NULL)
			continue;
		memcpy(name, q, len);
		name[len] = '\0';
		if (!maildir_name_is_valid(name))
			continue;
		q = sp + 1;
		if (!parse_u64(&q, le, &e.size) || q >= le || *q++ != ' ' ||
		    !parse_u64(&q, le, &e.uid) || q >= le || *q++ != ':' ||
		    !parse_u64(&q, le, &e.uidv))
			continue;
		if (q < le && *q == ':') {
			q++;
			if (!parse_u64(&q, le, &utf8))
				continue;
		}
		if (q != le || e.uid == 0)
			continue;
		e.utf8 = utf8 != 0;
		e.name = xstrdup(name);
		e.baselen = maildir_name_baselen(e.name);
		sl->e = array_grow(sl->e, &sl->cap, sl->n, 1, sizeof(*sl->e));
		sl->e[sl->n++] = e;
	}
	return 0;
}

void maildir_sizelist_free(struct maildir_sizelist *sl)
{
	size_t i;

	for (i = 0; i < sl->n; i++)
		free(sl->e[i].name);
	free(sl->e);
	memset(sl, 0, sizeof(*sl));
}

int maildir_pop3_size(int fd, uint64_t *size_r, int *utf8_r)
{
	char chunk[65536];
	uint64_t bytes = 0, lfs = 0;
	off_t off = 0;
	int utf8 = 0, in_header = 1;
	char last = '\n', prev = '\0';

	for (;;) {
		ssize_t n = pread(fd, chunk, sizeof(chunk), off);
		ssize_t i;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			char c = chunk[i];
			if (c == '\n') {
				lfs++;
				if (in_header && (last == '\n' || (last == '\r' && prev == '\n')))
					in_header = 0;
			} else if (in_header && (unsigned char)c >= 0x80) {
				utf8 = 1;
			}
			prev = last;
			last = c;
		}
		bytes += (uint64_t)n;
		off += n;
	}
	*size_r = bytes + lfs + (bytes > 0 && last != '\n' ? 2 : 0);
	if (utf8_r != NULL)
		*utf8_r = utf8;
	return 0;
}

void maildir_pop3_uidl(uint64_t uid, uint64_t uidv, char out[MAILDIR_UIDL_MAX])
{
	if (uidv != 0)
		snprintf(out, MAILDIR_UIDL_MAX, "UID%" PRIu64 "-%" PRIu64, uid, uidv);
	else
		snprintf(out, MAILDIR_UIDL_MAX, "UID%" PRIu64, uid);
}

const char *maildir_pop3_msg_uidl(const struct maildir_pop3_msg *m, char out[MAILDIR_UIDL_MAX])
{
	if (m->uidl_text != NULL)
		return m->uidl_text;
	maildir_pop3_uidl(m->uid, m->uidv, out);
	return out;
}

int maildir_pop3_uidl_legacy(const char *name, char out[MAILDIR_UIDL_MAX])
{
	size_t i, o = 0, bl = maildir_name_baselen(name);
	static const char hex[] = "0123456789ABCDEF";

	for (i = 0; i < bl; i++) {
		unsigned char c = (unsigned char)name[i];
		if (o + 4 >= MAILDIR_UIDL_MAX)
			return -1;
		if (c < 0x21 || c > 0x7e || c == '\'' || c == '"' || c == '+') {
			out[o++] = '+';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return 0;
}

/* ---- the session view ----------------------------------------------------- */

struct pending {
	struct maildir_msg *m;
	unsigned long long time;   /* maildir_name_time(), the first sort key */
	size_t entry;        /* sizelist index or (size_t)-1 */
};

struct uid_ref {
	uint64_t uid, uidv;
	size_t pos;          /* index in box order */
};

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return maildir_name_cmp(x->m->name, y->m->name);
}

static int cmp_entry_base(const void *a, const void *b)
{
	const struct maildir_sizelist_entry *x = a, *y = b;
	size_t lx = x->baselen, ly = y->baselen;
	int c = memcmp(x->name, y->name, lx < ly ? lx : ly);

	return c != 0 ? c : (lx < ly ? -1 : lx > ly);
}

static size_t find_entry(const struct maildir_sizelist *sl, const char *name, size_t bl)
{
	size_t lo = 0, hi = sl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *en = sl->e[mid].name;
		size_t el = sl->e[mid].baselen;
		int c = memcmp(en, name, el < bl ? el : bl);
		if (c == 0)
			c = el < bl ? -1 : el > bl;
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

static void enomem_uidl(const char *dir, const char *name, char out[MAILDIR_UIDL_MAX])
{
	char *p = md_join3(dir, "cur", name);
	struct stat st;

	if (p != NULL && lstat(p, &st) == 0)
		snprintf(out, MAILDIR_UIDL_MAX, "ENOMEM-%jX-%jX-%jX", (uintmax_t)st.st_mtime,
			 (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
	else if (maildir_pop3_uidl_legacy(name, out) != 0)
		snprintf(out, MAILDIR_UIDL_MAX, "ENOMEM");
	free(p);
}

static int cmp_dup(const void *a, const void *b)
{
	const struct uid_ref *x = a, *y = b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	if (x->uidv != y->uidv)
		return x->uidv < y->uidv ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A damaged sizelist must never make a UIDL appear twice or come back:
   a header counter at or below a UID in the file is raised past it, and of
   messages whose entries share one UID the first in box order keeps it, the
   others lose their entry and get new UIDs like new messages.  Only what
   collides changes.  pd is in box order.  true if anything was repaired. */
static bool repair_uids(const char *dir, struct maildir_sizelist *sl, struct pending *pd,
			size_t n)
{
	struct uid_ref *refs;
	uint64_t maxuid = 0;
	size_t nrefs = 0;
	bool repaired = false;

	for (size_t i = 0; i < sl->n; i++)
		if (sl->e[i].uidv == sl->uidv && sl->e[i].uid > maxuid)
			maxuid = sl->e[i].uid;
	if (maxuid >= sl->nextuid && maxuid < UINT64_MAX) {
		log_msg(LOGL_WARN, "%s/" MAILDIR_SIZELIST_FILE ": next UID %" PRIu64
			" is not above UID %" PRIu64 " in use: raised to %" PRIu64, dir,
			sl->nextuid, maxuid, maxuid + 1);
		sl->nextuid = maxuid + 1;
		repaired = true;
	}
	refs = xreallocarray(NULL, n + 1, sizeof(*refs));
	for (size_t i = 0; i < n; i++) {
		if (pd[i].entry == (size_t)-1)
			continue;
		refs[nrefs].uid = sl->e[pd[i].entry].uid;
		refs[nrefs].uidv = sl->e[pd[i].entry].uidv;
		refs[nrefs].pos = i;
		nrefs++;
	}
	md_qsort(refs, nrefs, sizeof(*refs), cmp_dup);
	for (size_t k = 1; k < nrefs; k++) {
		if (refs[k].uid != refs[k - 1].uid || refs[k].uidv != refs[k - 1].uidv)
			continue;
		log_msg(LOGL_WARN, "%s/" MAILDIR_SIZELIST_FILE ": UID %" PRIu64 "-%" PRIu64
			" listed for %s too: it gets a new UID", dir, refs[k].uid, refs[k].uidv,
			pd[refs[k].pos].m->name);
		pd[refs[k].pos].entry = (size_t)-1;
		repaired = true;
	}
	free(refs);
	return repaired;
}

int maildir_pop3_open(struct maildir_pop3 *box, const char *dir, const char **error_r)
{
	struct maildir_list l = MAILDIR_LIST_INIT;
	struct maildir_sizelist sl = MAILDIR_SIZELIST_INIT;
	struct buf file = BUF_INIT(MAILDIR_SIZELIST_MAX + 1);
	struct pending *pd = NULL;
	unsigned char *used = NULL;
	bool changed = false, full = false;
	uint64_t *sizes = NULL, *uids = NULL, *uidvs = NULL;
	int *utf8s = NULL;
	bool *fresh = NULL;  /* got its UID now: not saved if the write fails */
	char *path;
	size_t i;
	int r;

	memset(box, 0, sizeof(*box));
	box->curfd = -1;
	(void)maildir_purge_tmp(dir, MAILDIR_POP3_TMP_PURGE_SECS);
	if (maildir_scan(dir, MAILDIR_SCAN_MOVE_NEW, &l) != 0) {
		*error_r = "Cannot read the maildir";
		return -1;
	}
	path = md_join(dir, MAILDIR_SIZELIST_FILE);
	r = path != NULL ? md_read_file(path, MAILDIR_SIZELIST_MAX, &file, &full) : -1;
	free(path);
	if (r != 1 || full ||
	    maildir_sizelist_parse(file.data != NULL ? file.data : "", file.len, &sl) != 0) {
		maildir_sizelist_free(&sl);
		sl.version = 3;
		sl.nextuid = 1;
		sl.uidv = (uint64_t)time(NULL);
		changed = true;
	}
	buf_free(&file);
	if (sl.version != 3)
		changed = true;
	if (sl.nextuid == 0)
		sl.nextuid = 1;
	/* saved in box order, which is base-name order as long as the times
	   have the same number of digits: sort only when it is not */
	for (i = 1; i < sl.n; i++)
		if (cmp_entry_base(&sl.e[i - 1], &sl.e[i]) > 0)
			break;
	if (i < sl.n)
		md_qsort(sl.e, sl.n, sizeof(*sl.e), cmp_entry_base);
	used = xcalloc(sl.n + 1, 1);
	/* written before read, for each message: no need to clear them */
	pd = xreallocarray(NULL, l.n + 1, sizeof(*pd));
	sizes = xreallocarray(NULL, l.n + 1, sizeof(*sizes));
	uids = xreallocarray(NULL, l.n + 1, sizeof(*uids));
	uidvs = xreallocarray(NULL, l.n + 1, sizeof(*uidvs));
	utf8s = xreallocarray(NULL, l.n + 1, sizeof(*utf8s));
	fresh = xcalloc(l.n + 1, sizeof(*fresh));
	for (i = 0; i < l.n; i++) {
		pd[i].m = &l.m[i];
		pd[i].time = maildir_name_time(l.m[i].name);
		pd[i].entry = find_entry(&sl, l.m[i].name, l.m[i].baselen);
		if (pd[i].entry != (size_t)-1 && used[pd[i].entry])
			pd[i].entry = (size_t)-1;
		if (pd[i].entry != (size_t)-1)
			used[pd[i].entry] = 1;
	}
	for (i = 0; i < sl.n; i++)
		if (!used[i])
			changed = true;
	md_qsort(pd, l.n, sizeof(*pd), cmp_pending);
	if (repair_uids(dir, &sl, pd, l.n))
		changed = true;
	box->dir = xstrdup(dir);
	box->m = xcalloc(l.n + 1, sizeof(*box->m));
	for (i = 0; i < l.n; i++) {
		struct maildir_msg *m = pd[i].m;
		struct maildir_pop3_msg *pm = &box->m[box->n];

		if (pd[i].entry != (size_t)-1) {
			const struct maildir_sizelist_entry *e = &sl.e[pd[i].entry];
			sizes[box->n] = e->size;
			uids[box->n] = e->uid;
			uidvs[box->n] = e->uidv;
			utf8s[box->n] = e->utf8;
			if (strcmp(e->name, m->name) != 0)
				changed = true;
		} else {
			int fd = maildir_msg_open(dir, m, NULL);
			uint64_t sz;
			int u8 = 0;
			if (fd < 0)
				continue;     /* vanished meanwhile */
			r = maildir_pop3_size(fd, &sz, &u8);
			close(fd);
			if (r != 0)
				continue;
			sizes[box->n] = sz;
			uids[box->n] = sl.nextuid++;
			uidvs[box->n] = sl.uidv;
			utf8s[box->n] = u8;
			fresh[box->n] = true;
			changed = true;
		}
		pm->name = m->name;     /* the list's copy moves to the box */
		m->name = NULL;
		pm->size = sizes[box->n];
		pm->bytes = m->size;
		pm->flags = m->flags;
		pm->uid = uids[box->n];
		pm->uidv = uidvs[box->n];
		box->total += pm->size;
		box->n++;
	}
	if (changed) {
		struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
		bool ok = buf_printf(&out, "/3 %" PRIu64 " %" PRIu64 "\n", sl.nextuid, sl.uidv) == 0;
		for (i = 0; ok && i < box->n; i++)
			ok = buf_printf(&out, "%s %" PRIu64 " %" PRIu64 ":%" PRIu64 ":%d\n",
					box->m[i].name, sizes[i], uids[i], uidvs[i], utf8s[i]) == 0;
		if (!ok || md_replace_file(dir, MAILDIR_SIZELIST_FILE, "pop3", out.data, out.len,
					   0600) != 0) {
			/* Not saved: new UIDs could be handed out again next time, so
			   use Courier's disk-full UIDLs instead for unsaved ones. */
			for (i = 0; i < box->n; i++) {
				if (fresh[i]) {
					char u[MAILDIR_UIDL_MAX];
					enomem_uidl(dir, box->m[i].name, u);
					box->m[i].uidl_text = xstrdup(u);
				}
			}
		}
		buf_free(&out);
	}
	free(pd);
	free(used);
	free(sizes);
	free(uids);
	free(uidvs);
	free(utf8s);
	free(fresh);
	maildir_sizelist_free(&sl);
	maildir_list_free(&l);
	return 0;
}

static void to_msg(const struct maildir_pop3_msg *pm, struct maildir_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->name = xstrdup(pm->name);
	m->baselen = maildir_name_baselen(pm->name);
	m->flags = maildir_name_flags(pm->name);
	m->size = pm->bytes;
}

static void from_msg(struct maildir_pop3_msg *pm, struct maildir_msg *m)
{
	free(pm->name);
	pm->name = m->name;
	pm->flags = m->flags;
	m->name = NULL;
}

int maildir_pop3_msg_open(struct maildir_pop3 *box, size_t i)
{
	struct maildir_msg m;
	int fd;

	if (i >= box->n) {
		errno = EINVAL;
		return -1;
	}
	if (box->curfd < 0)
		box->curfd = md_subdir_fd(box->dir, "cur");
	if (box->curfd >= 0) {
		fd = openat(box->curfd, box->m[i].name, MD_MSG_OPEN_FLAGS);
		if (fd >= 0 || errno != ENOENT)
			return fd;
	}
	/* renamed by another process meanwhile: find it by its base name */
	to_msg(&box->m[i], &m);
	fd = maildir_msg_open(box->dir, &m, NULL);
	from_msg(&box->m[i], &m);
	return fd;
}

int maildir_pop3_msg_seen(struct maildir_pop3 *box, size_t i)
{
	struct buf nn = BUF_INIT(MAILDIR_NAME_MAX + 1);

	if (i >= box->n) {
		errno = EINVAL;
		return -1;
	}
	if (box->m[i].flags & MAILDIR_F_SEEN)
		return 0;
	if (maildir_flags_change(box->dir, box->m[i].name, MAILDIR_F_SEEN, 0, &nn) != 0) {
		buf_free(&nn);
		return -1;
	}
	free(box->m[i].name);
	box->m[i].name = xstrdup(buf_cstr(&nn));
	box->m[i].flags = maildir_name_flags(box->m[i].name);
	buf_free(&nn);
	return 0;
}

size_t maildir_pop3_commit(struct maildir_pop3 *box)
{
	size_t i, failed = 0;

	for (i = 0; i < box->n; i++) {
		struct maildir_msg m;
		if (!box->m[i].deleted)
			continue;
		to_msg(&box->m[i], &m);
		if (maildir_msg_delete(box->dir, &m) != 0 && errno != ENOENT)
			failed++;
		free(m.name);
	}
	return failed;
}

void maildir_pop3_close(struct maildir_pop3 *box)
{
	size_t i;

	for (i = 0; i < box->n; i++) {
		free(box->m[i].name);
		free(box->m[i].uidl_text);
	}
	free(box->m);
	free(box->dir);
	if (box->curfd >= 0)
		close(box->curfd);
	memset(box, 0, sizeof(*box));
	box->curfd = -1;
}
