#include "config.h"
/*
 * maildir_keywords.c - IMAP keywords in courierimapkeywords/: the :list
 * file, per-message update files, and Courier's consolidation.
 *
 * Trust:   :list and update files are untrusted: invalid keywords, bad
 *          indices and malformed lines are dropped; sizes are capped.
 * Runs as: the mailbox owner.
 * Limits:  MAILDIR_KW_FILE_MAX bytes per file, MAILDIR_KW_MAX_NAMES
 *          keywords, MAILDIR_KW_MAX_PER_MSG per message.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_keywords.c, tests/fuzz/fuzz_maildir_kwlist.c,
 *          tests/interop/run-maildir-courier
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_scan.h"
#include "maildir_keywords.h"
#include "maildir_lock.h"
#include "maildir_util.h"

#define KW_STALE_UPDATE_SECS (15 * 60)

bool maildir_kw_is_valid(const char *kw)
{
	size_t i;

	if (kw[0] == '\0' || kw[0] == '\\')
		return false;
	for (i = 0; kw[i] != '\0'; i++) {
		unsigned char c = (unsigned char)kw[i];
		if (i >= MAILDIR_KW_MAX_LEN || c <= 0x20 || c >= 0x7f ||
		    strchr("(){%*\"\\]", c) != NULL)
			return false;
	}
	return true;
}

/* Index of kw in db->names (case-insensitive), adding it if new; -1 when
   the name table is full. */
static long kw_intern(struct maildir_kwdb *db, const char *kw)
{
	size_t i;

	for (i = 0; i < db->nnames; i++)
		if (db->names[i] != NULL && strcasecmp(db->names[i], kw) == 0)
			return (long)i;
	if (db->nnames >= MAILDIR_KW_MAX_NAMES)
		return -1;
	db->names = array_grow(db->names, &db->capnames, db->nnames, 1, sizeof(*db->names));
	db->names[db->nnames] = xstrdup(kw);
	return (long)db->nnames++;
}

static struct maildir_kw_msg *msg_add(struct maildir_kwdb *db, const char *base, size_t len)
{
	struct maildir_kw_msg *m;

	db->msgs = array_grow(db->msgs, &db->capmsgs, db->nmsgs, 1, sizeof(*db->msgs));
	m = &db->msgs[db->nmsgs++];
	m->base = xstrndup(base, len);
	m->idx = NULL;
	m->n = 0;
	return m;
}

static void msg_add_idx(struct maildir_kw_msg *m, size_t idx)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->idx[i] == idx)
			return;
	if (m->n >= MAILDIR_KW_MAX_PER_MSG)
		return;
	m->idx = xreallocarray(m->idx, m->n + 1, sizeof(*m->idx));
	m->idx[m->n++] = idx;
}

static int cmp_kwmsg(const void *a, const void *b)
{
	const struct maildir_kw_msg *x = a, *y = b;

	return strcmp(x->base, y->base);
}

/* Sort msgs and merge duplicates (later lines win). */
static void msgs_sort(struct maildir_kwdb *db)
{
	size_t i, k;

	md_qsort(db->msgs, db->nmsgs, sizeof(*db->msgs), cmp_kwmsg);
	for (i = 0, k = 0; i < db->nmsgs; i++) {
		if (k > 0 && strcmp(db->msgs[k - 1].base, db->msgs[i].base) == 0) {
			free(db->msgs[k - 1].base);
			free(db->msgs[k - 1].idx);
			db->msgs[k - 1] = db->msgs[i];
			continue;
		}
		db->msgs[k++] = db->msgs[i];
	}
	db->nmsgs = k;
}

int maildir_kw_parse_list(const char *text, size_t n, struct maildir_kwdb *db)
{
	const char *p = text, *end = text + n;
	size_t *map = NULL, nmap = 0, cap = 0;
	bool in_names = true;

	maildir_kwdb_free(db);
	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		size_t len;
		char *line;

		if (le == NULL)
			le = end;
		len = (size_t)(le - p);
		line = xstrndup(p, len);
		p = le < end ? le + 1 : end;
		if (memchr(line, '\0', len) != NULL || strlen(line) != len) {
			/* a NUL inside: the line is garbage */
			if (in_names) {
				map = array_grow(map, &cap, nmap, 1, sizeof(*map));
				map[nmap++] = (size_t)-1;
			}
			free(line);
			continue;
		}
		if (in_names) {
			long idx;
			if (len == 0) {
				in_names = false;
				free(line);
				continue;
			}
			if (nmap >= MAILDIR_KW_MAX_NAMES) {
				free(line);
				free(map);
				maildir_kwdb_free(db);
				errno = EFBIG;
				return -1;
			}
			idx = maildir_kw_is_valid(line) ? kw_intern(db, line) : -1;
			map = array_grow(map, &cap, nmap, 1, sizeof(*map));
			map[nmap++] = idx < 0 ? (size_t)-1 : (size_t)idx;
		} else {
			char *colon = strchr(line, ':'), *q;
			struct maildir_kw_msg *m;
			if (colon == NULL || colon == line) {
				free(line);
				continue;
			}
			*colon = '\0';
			if (!maildir_name_is_valid(line)) {
				free(line);
				continue;
			}
			m = msg_add(db, line, (size_t)(colon - line));
			for (q = colon + 1; *q != '\0';) {
				char *e;
				unsigned long v;
				if (*q == ' ') {
					q++;
					continue;
				}
				if (*q < '0' || *q > '9')
					break;
				errno = 0;
				v = strtoul(q, &e, 10);
				if (errno == 0 && v < nmap && map[v] != (size_t)-1)
					msg_add_idx(m, map[v]);
				q = e;
			}
			if (m->n == 0) {
				free(m->base);
				free(m->idx);
				db->nmsgs--;
			}
		}
		free(line);
	}
	free(map);
	msgs_sort(db);
	return 0;
}

const struct maildir_kw_msg *maildir_kw_get(const struct maildir_kwdb *db,
					    const char *base, size_t baselen)
{
	size_t lo = 0, hi = db->nmsgs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *b = db->msgs[mid].base;
		int c = strncmp(b, base, baselen);
		if (c == 0)
			c = b[baselen] != '\0';
		if (c == 0)
			return db->msgs[mid].n > 0 ? &db->msgs[mid] : NULL;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void maildir_kwdb_free(struct maildir_kwdb *db)
{
	size_t i;

	for (i = 0; i < db->nnames; i++)
		free(db->names[i]);
	free(db->names);
	for (i = 0; i < db->nmsgs; i++) {
		free(db->msgs[i].base);
		free(db->msgs[i].idx);
	}
	free(db->msgs);
	memset(db, 0, sizeof(*db));
}

int maildir_kw_set(const char *dir, const char *base, size_t baselen,
		   const char *const *kws, size_t n)
{
	struct buf content = BUF_INIT(MAILDIR_KW_FILE_MAX);
	char *kwdir = md_join(dir, MAILDIR_KW_DIR), *final;
	size_t i;
	int rc;

	if (kwdir == NULL)
		return -1;
	if (baselen == 0 || baselen > MAILDIR_NAME_MAX || n > MAILDIR_KW_MAX_PER_MSG) {
		free(kwdir);
		errno = EINVAL;
		return -1;
	}
	final = xmalloc(strlen(MAILDIR_KW_DIR) + baselen + 2);
	sprintf(final, "%s/%.*s", MAILDIR_KW_DIR, (int)baselen, base);
	if (!maildir_name_is_valid(final + strlen(MAILDIR_KW_DIR) + 1) ||
	    strchr(final + strlen(MAILDIR_KW_DIR) + 1, ':') != NULL) {
		free(kwdir);
		free(final);
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!maildir_kw_is_valid(kws[i]) || buf_printf(&content, "%s\n", kws[i]) < 0) {
			free(kwdir);
			free(final);
			buf_free(&content);
			errno = EINVAL;
			return -1;
		}
	}
	if (mkdir(kwdir, 0700) != 0 && errno != EEXIST) {
		free(kwdir);
		free(final);
		buf_free(&content);
		return -1;
	}
	if (!md_is_dir(kwdir)) {
		free(kwdir);
		free(final);
		buf_free(&content);
		errno = ENOTDIR;
		return -1;
	}
	rc = md_replace_file(dir, final, "keywords", content.data != NULL ? content.data : "",
			     content.len, 0600);
	free(kwdir);
	free(final);
	buf_free(&content);
	return rc;
}

/* ---- consolidation -------------------------------------------------------- */

struct kw_update {
	char *base;
	char *file;       /* entry name in courierimapkeywords/ */
	unsigned long n;  /* its timestamp; plain files: T + 1 */
	bool plain;
};

static int cmp_update(const void *a, const void *b)
{
	const struct kw_update *x = a, *y = b;
	int c = strcmp(x->base, y->base);

	if (c != 0)
		return c;
	/* newest first: larger N, plain beats dotted on a tie */
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return (int)y->plain - (int)x->plain;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Base names of the messages in cur/ and new/, sorted. */
static char **existing_bases(const char *dir, size_t *n_r)
{
	struct maildir_list l = MAILDIR_LIST_INIT;
	char **v;
	size_t i;

	*n_r = 0;
	if (maildir_scan(dir, 0, &l) != 0)
		return NULL;
	v = xcalloc(l.n + 1, sizeof(*v));
	for (i = 0; i < l.n; i++)
		v[i] = xstrndup(l.m[i].name, l.m[i].baselen);
	*n_r = l.n;
	maildir_list_free(&l);
	md_qsort(v, *n_r, sizeof(*v), cmp_cstr);
	return v;
}

static bool base_exists(char **v, size_t n, const char *base)
{
	return bsearch(&base, v, n, sizeof(*v), cmp_cstr) != NULL;
}

static int write_list(const char *dir, const struct maildir_kwdb *db)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t *renum = xcalloc(db->nnames + 1, sizeof(*renum)), used = 0, i, j;
	bool any = false;
	int rc;
	char *final;

	for (i = 0; i < db->nmsgs; i++)
		for (j = 0; j < db->msgs[i].n; j++)
			if (renum[db->msgs[i].idx[j]] == 0)
				renum[db->msgs[i].idx[j]] = ++used;
	/* names in their new order */
	for (i = 1; i <= used; i++)
		for (j = 0; j < db->nnames; j++)
			if (renum[j] == i)
				rc = buf_printf(&out, "%s\n", db->names[j]);
	rc = buf_putc(&out, '\n');
	for (i = 0; i < db->nmsgs; i++) {
		if (db->msgs[i].n == 0)
			continue;
		any = true;
		rc = buf_printf(&out, "%s:", db->msgs[i].base);
		for (j = 0; j < db->msgs[i].n; j++)
			rc = buf_printf(&out, j ? " %zu" : "%zu", renum[db->msgs[i].idx[j]] - 1);
		rc = buf_putc(&out, '\n');
	}
	(void)rc;
	free(renum);
	final = md_join(MAILDIR_KW_DIR, ":list");
	if (!any) {
		char *p = md_join(dir, final);
		rc = p != NULL && unlink(p) != 0 && errno != ENOENT ? -1 : 0;
		free(p);
	} else {
		rc = md_replace_file(dir, final, "keywords", out.data, out.len, 0600);
	}
	free(final);
	buf_free(&out);
	return rc;
}

static int kw_consolidate(const char *dir, struct maildir_kwdb *db)
{
	char *kwdir = md_join(dir, MAILDIR_KW_DIR), *listpath = NULL;
	struct buf b = BUF_INIT(MAILDIR_KW_FILE_MAX + 1);
	struct kw_update *up = NULL;
	size_t nup = 0, cap = 0, i, nex = 0;
	char **ex = NULL;
	unsigned long T = (unsigned long)(time(NULL) / 300);
	DIR *d;
	struct dirent *de;
	bool changed = false, full;
	int r, kfd;

	if (kwdir == NULL)
		return -1;
	listpath = md_join(kwdir, ":list");
	r = listpath != NULL ? md_read_file(listpath, MAILDIR_KW_FILE_MAX, &b, &full) : -1;
	free(listpath);
	if (r < 0 && errno != ENOTDIR) {
		free(kwdir);
		buf_free(&b);
		return -1;
	}
	if (r == 1 && maildir_kw_parse_list(b.data != NULL ? b.data : "", b.len, db) != 0)
		maildir_kwdb_free(db);
	d = md_opendir(kwdir);
	if (d == NULL) {
		free(kwdir);
		buf_free(&b);
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	}
	kfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		struct kw_update u;
		const char *nm = de->d_name;

		if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 || strcmp(nm, ":list") == 0)
			continue;
		if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
			continue;
		memset(&u, 0, sizeof(u));
		if (nm[0] == '.') {
			char *e;
			if (strncmp(nm, ".tmp.", 5) == 0)
				continue;
			errno = 0;
			u.n = strtoul(nm + 1, &e, 10);
			if (e == nm + 1 || *e != '.' || errno != 0 || !maildir_name_is_valid(e + 1))
				continue;
			u.base = xstrdup(e + 1);
		} else {
			if (!maildir_name_is_valid(nm) || strchr(nm, ':') != NULL)
				continue;
			u.base = xstrdup(nm);
			u.n = T + 1;
			u.plain = true;
		}
		u.file = xstrdup(nm);
		up = array_grow(up, &cap, nup, 1, sizeof(*up));
		up[nup++] = u;
	}
	md_qsort(up, nup, sizeof(*up), cmp_update);
	if (nup > 0)
		ex = existing_bases(dir, &nex);
	for (i = 0; i < nup; i++) {
		struct kw_update *u = &up[i];
		bool newest = i == 0 || strcmp(up[i - 1].base, u->base) != 0;
		struct stat st;

		if (!newest) {
			/* superseded by a newer update of the same message */
			(void)unlinkat(kfd, u->file, 0);
			continue;
		}
		if (ex != NULL && !base_exists(ex, nex, u->base)) {
			if (fstatat(kfd, u->file, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    time(NULL) - st.st_ctime >= KW_STALE_UPDATE_SECS)
				(void)unlinkat(kfd, u->file, 0);
			continue;
		}
		{
			char *fp = md_join(kwdir, u->file);
			const char *p, *end;
			struct maildir_kw_msg *m = NULL;
			size_t j;

			r = fp != NULL ? md_read_file(fp, MAILDIR_KW_FILE_MAX, &b, NULL) : -1;
			free(fp);
			if (r != 1)
				continue;
			for (j = 0; j < db->nmsgs; j++)
				if (strcmp(db->msgs[j].base, u->base) == 0)
					m = &db->msgs[j];
			if (m == NULL)
				m = msg_add(db, u->base, strlen(u->base));
			m->n = 0;
			p = b.data != NULL ? b.data : "";
			end = p + b.len;
			while (p < end) {
				const char *le = memchr(p, '\n', (size_t)(end - p));
				char *kw;
				long idx;
				if (le == NULL)
					le = end;
				kw = xstrndup(p, (size_t)(le - p));
				p = le < end ? le + 1 : end;
				if (strlen(kw) > 0 && kw[strlen(kw) - 1] == '\r')
					kw[strlen(kw) - 1] = '\0';
				if (maildir_kw_is_valid(kw) && (idx = kw_intern(db, kw)) >= 0)
					msg_add_idx(m, (size_t)idx);
				free(kw);
			}
			changed = true;
		}
	}
	/* messages gone from the folder leave :list when we know what exists */
	if (ex != NULL) {
		for (i = 0; i < db->nmsgs; i++) {
			if (db->msgs[i].n > 0 && !base_exists(ex, nex, db->msgs[i].base)) {
				db->msgs[i].n = 0;
				changed = true;
			}
		}
	}
	if (changed && write_list(dir, db) == 0) {
		/* processed plain updates become .<T+1>.<base> */
		for (i = 0; i < nup; i++) {
			bool newest = i == 0 || strcmp(up[i - 1].base, up[i].base) != 0;
			/* an old timestamped update is in :list now: remove it */
			if (newest && !up[i].plain && up[i].n < T)
				(void)unlinkat(kfd, up[i].file, 0);
			if (up[i].plain) {
				char *nn = xmalloc(strlen(up[i].base) + 32);
				sprintf(nn, ".%lu.%s", T + 1, up[i].base);
				(void)renameat(kfd, up[i].file, kfd, nn);
				free(nn);
			}
		}
	}
	closedir(d);
	for (i = 0; i < nup; i++) {
		free(up[i].base);
		free(up[i].file);
	}
	free(up);
	for (i = 0; i < nex; i++)
		free(ex[i]);
	free(ex);
	/* drop emptied entries and restore sort order */
	for (i = 0; i < db->nmsgs;) {
		if (db->msgs[i].n == 0) {
			free(db->msgs[i].base);
			free(db->msgs[i].idx);
			db->msgs[i] = db->msgs[--db->nmsgs];
		} else {
			i++;
		}
	}
	msgs_sort(db);
	free(kwdir);
	buf_free(&b);
	return 0;
}

int maildir_kw_read(const char *dir, struct maildir_kwdb *db)
{
	int r, e;

	maildir_kwdb_free(db);
	if (maildir_lock_folder(dir) != 0)
		return -1;
	r = kw_consolidate(dir, db);
	e = errno;
	maildir_unlock_folder(dir);
	if (r != 0) {
		maildir_kwdb_free(db);
		errno = e;
	}
	return r;
}
