#include "config.h"
/*
 * maildir_quota.c - Maildir++ quota (maildirsize) with Courier's read,
 * check, append and recalculation rules.
 *
 * Trust:   maildirsize content and message names are untrusted: numbers are
 *          parsed strictly, sums checked for overflow, garbage means
 *          "recalculate", never a crash or a wrong refusal forever.
 * Runs as: the mailbox owner.
 * Limits:  reads MAILDIR_QUOTA_READ_MAX bytes; a fuller file is recalculated.
 * Errors:  -1 with errno / *error_r; MAILDIR_QUOTA_ERROR.
 * Tests:   tests/unit/maildir/test_quota.c, tests/fuzz/fuzz_maildir_quota.c
 */
#include <dirent.h>
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
#include "fdio.h"
#include "xmalloc.h"
#include "maildir_folder.h"
#include "maildir_name.h"
#include "maildir_quota.h"
#include "maildir_util.h"

#define QUOTA_CHECK_RETRIES  5
#define RECALC_RETRIES       3

int maildir_quota_parse_def(const char *def, struct maildir_quota *q, const char **error_r)
{
	struct maildir_quota r;
	const char *p = def;

	memset(&r, 0, sizeof(r));
	if (strlen(def) > MAILDIR_QUOTA_DEF_MAX) {
		*error_r = "Quota definition too long";
		return -1;
	}
	while (*p != '\0') {
		uint64_t v = 0;
		const char *start = p;

		if (*p == ',') {
			p++;
			continue;
		}
		while (*p >= '0' && *p <= '9') {
			unsigned d = (unsigned)(*p - '0');
			if (v > (UINT64_MAX - d) / 10 || v * 10 + d > (uint64_t)INT64_MAX) {
				*error_r = "Quota value too large";
				return -1;
			}
			v = v * 10 + d;
			p++;
		}
		if (p == start) {
			*error_r = "Quota item must be a number followed by S or C";
			return -1;
		}
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) {
			*error_r = "Quota item must be a number followed by S or C";
			return -1;
		}
		if (*p == 'S') {
			r.bytes = v;
			r.has_bytes = true;
		} else if (*p == 'C') {
			r.count = v;
			r.has_count = true;
		}
		p++;
		if (*p != '\0' && *p != ',') {
			*error_r = "Quota items must be separated by ','";
			return -1;
		}
	}
	*q = r;
	return 0;
}

/* One signed decimal at *p (after white space); false on garbage/overflow. */
static bool parse_signed(const char **pp, const char *end, int64_t *v_r)
{
	const char *p = *pp;
	bool neg = false;
	uint64_t v = 0;
	const char *digits;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	digits = p;
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');
		if (v > ((uint64_t)INT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		p++;
	}
	if (p == digits)
		return false;
	*v_r = neg ? -(int64_t)v : (int64_t)v;
	*pp = p;
	return true;
}

static bool add_checked(int64_t *sum, int64_t v)
{
	if ((v > 0 && *sum > INT64_MAX - v) || (v < 0 && *sum < INT64_MIN - v))
		return false;
	*sum += v;
	return true;
}

int maildir_quota_parse(const char *text, size_t n, struct maildir_quota_usage *u)
{
	const char *p = text, *end = text + n, *nl;
	const char *err;
	size_t l1;

	memset(u, 0, sizeof(*u));
	nl = memchr(p, '\n', n);
	l1 = nl != NULL ? (size_t)(nl - p) : n;
	if (l1 > MAILDIR_QUOTA_DEF_MAX || memchr(p, '\0', l1) != NULL)
		return -1;
	memcpy(u->def, p, l1);
	u->def[l1] = '\0';
	if (l1 > 0 && u->def[l1 - 1] == '\r')
		u->def[l1 - 1] = '\0';
	if (maildir_quota_parse_def(u->def, &u->q, &err) != 0)
		return -1;
	if (nl == NULL) {
		u->needs_recalc = true;   /* no usage line at all */
		return 0;
	}
	p = nl + 1;
	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;
		int64_t b, c;

		if (le == NULL)
			le = end;
		if (le == p) {
			p = le + 1;
			continue;
		}
		if (!parse_signed(&q, le, &b) || !parse_signed(&q, le, &c)) {
			u->needs_recalc = true;
			break;
		}
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q != le || !add_checked(&u->bytes, b) || !add_checked(&u->count, c)) {
			u->needs_recalc = true;
			break;
		}
		u->lines++;
		p = le + 1;
	}
	if (u->lines == 0 || u->bytes < 0 || u->count < 0)
		u->needs_recalc = true;
	return 0;
}

/* Read without recalculating.  1, 0 (absent), -1. */
static int quota_read_raw(const char *maildir, struct maildir_quota_usage *u, time_t *mtime_r)
{
	char *path = md_join(maildir, MAILDIR_QUOTA_FILE);
	struct buf b = BUF_INIT(MAILDIR_QUOTA_READ_MAX + 1);
	bool full = false;
	struct stat st;
	int r;

	if (path == NULL)
		return -1;
	r = md_read_file(path, MAILDIR_QUOTA_READ_MAX, &b, &full);
	if (r == 1) {
		if (mtime_r != NULL)
			*mtime_r = lstat(path, &st) == 0 ? st.st_mtime : 0;
		if (maildir_quota_parse(b.data != NULL ? b.data : "", b.len, u) != 0) {
			/* Unusable line 1: no quota can be enforced; treat as none
			   but keep the file for the admin. */
			r = 0;
		} else if (full) {
			u->needs_recalc = true;
		}
	}
	buf_free(&b);
	free(path);
	return r;
}

/* Sum one folder's new/ + cur/ into bytes/count; remembers dir mtimes. */
static int sum_folder(const char *dir, int64_t *bytes, int64_t *count, time_t *mt, size_t nmt)
{
	static const char *const subs[] = { "new", "cur" };
	size_t i;

	for (i = 0; i < N_ELEMENTS(subs); i++) {
		char *p = md_join(dir, subs[i]);
		DIR *d;
		struct dirent *de;
		struct stat st;

		if (p == NULL)
			return -1;
		if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(p);
			continue;
		}
		if (i < nmt)
			mt[i] = st.st_mtime;
		d = md_opendir(p);
		free(p);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			uint64_t sz;

			if (!maildir_name_is_valid(de->d_name) || de->d_type == DT_LNK ||
			    de->d_type == DT_DIR)
				continue;
			if (maildir_name_flags(de->d_name) & MAILDIR_F_TRASHED)
				continue;
			if (maildir_name_size(de->d_name, &sz) != 0) {
				if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
				    !S_ISREG(st.st_mode))
					continue;
				sz = (uint64_t)st.st_size;
			}
			if (sz > (uint64_t)INT64_MAX || !add_checked(bytes, (int64_t)sz) ||
			    !add_checked(count, 1))
				continue;
		}
		closedir(d);
	}
	return 0;
}

struct dirstamp { char *path; time_t mtime[2]; };

static bool stamps_changed(const struct dirstamp *s, size_t n)
{
	size_t i, j;
	static const char *const subs[] = { "new", "cur" };

	for (i = 0; i < n; i++) {
		for (j = 0; j < 2; j++) {
			char *p = md_join(s[i].path, subs[j]);
			struct stat st;
			bool ch = p != NULL && lstat(p, &st) == 0 && st.st_mtime != s[i].mtime[j];
			free(p);
			if (ch)
				return true;
		}
	}
	return false;
}

static int recalc_once(const char *maildir, const char *def, struct maildir_quota_usage *u,
		       bool *changed_r)
{
	int64_t bytes = 0, count = 0;
	struct dirstamp *st = NULL;
	size_t nst = 0, cap = 0, i;
	DIR *d;
	struct dirent *de;
	struct buf out = BUF_INIT(1024);
	int rc = -1;
	const char *err;
	struct maildir_quota q;

	if (maildir_quota_parse_def(def, &q, &err) != 0) {
		errno = EINVAL;
		return -1;
	}
	d = opendir(maildir);
	if (d == NULL)
		return -1;
	cap = 8;
	st = xcalloc(cap, sizeof(*st));
	st[nst++].path = xstrdup(maildir);
	while ((de = readdir(d)) != NULL) {
		char *p;
		if (de->d_name[0] != '.' || maildir_folder_check(de->d_name + 1, &err) != 0)
			continue;
		/* Trash is not counted (Courier's default build). */
		char *probe = md_join(maildir, de->d_name);
		if (probe == NULL)
			continue;
		if (maildir_is_trash(probe) || !md_is_dir(probe)) {
			free(probe);
			continue;
		}
		p = probe;
		st = array_grow(st, &cap, nst, 1, sizeof(*st));
		memset(&st[nst], 0, sizeof(st[nst]));
		st[nst++].path = p;
	}
	closedir(d);
	for (i = 0; i < nst; i++)
		if (sum_folder(st[i].path, &bytes, &count, st[i].mtime, 2) != 0)
			goto out;
	if (buf_printf(&out, "%s\n%12" PRId64 " %12" PRId64 "\n", def, bytes, count) < 0)
		goto out;
	/* Courier's name: tmp/<sec>.<pid>_NeWmAiLdIrSiZe.<host> */
	if (md_replace_file(maildir, MAILDIR_QUOTA_FILE, "NeWmAiLdIrSiZe", out.data, out.len,
			    0644) != 0)
		goto out;
	*changed_r = stamps_changed(st, nst);
	if (u != NULL) {
		memset(u, 0, sizeof(*u));
		u->q = q;
		snprintf(u->def, sizeof(u->def), "%s", def);
		u->bytes = bytes;
		u->count = count;
		u->lines = 1;
	}
	rc = 0;
out:
	for (i = 0; i < nst; i++)
		free(st[i].path);
	free(st);
	buf_free(&out);
	return rc;
}

int maildir_quota_recalc(const char *maildir, const char *def, struct maildir_quota_usage *u)
{
	struct maildir_quota_usage cur;
	char defcopy[MAILDIR_QUOTA_DEF_MAX + 1];
	int i;

	if (def == NULL) {
		int r = quota_read_raw(maildir, &cur, NULL);
		if (r <= 0)
			return r;
		snprintf(defcopy, sizeof(defcopy), "%s", cur.def);
		def = defcopy;
	}
	for (i = 0; i < RECALC_RETRIES; i++) {
		bool changed = false;
		if (recalc_once(maildir, def, u, &changed) != 0)
			return -1;
		if (!changed)
			break;
	}
	return 0;
}

int maildir_quota_read(const char *maildir, struct maildir_quota_usage *u)
{
	int r = quota_read_raw(maildir, u, NULL);

	if (r != 1)
		return r;
	if (u->needs_recalc) {
		char def[MAILDIR_QUOTA_DEF_MAX + 1];
		snprintf(def, sizeof(def), "%s", u->def);
		if (maildir_quota_recalc(maildir, def, u) != 0)
			return -1;
	}
	return 1;
}

static bool is_over(const struct maildir_quota_usage *u, int64_t bytes, int64_t count)
{
	if (bytes <= 0 && count <= 0)
		return false;
	if (u->q.has_bytes && u->q.bytes > 0 && bytes > 0 &&
	    u->bytes + bytes > (int64_t)u->q.bytes)
		return true;
	if (u->q.has_count && u->q.count > 0 && count > 0 &&
	    u->count + count > (int64_t)u->q.count)
		return true;
	return false;
}

enum maildir_quota_result maildir_quota_check(const char *maildir, int64_t bytes,
					      int64_t count)
{
	int i;

	for (i = 0; i < QUOTA_CHECK_RETRIES; i++) {
		struct maildir_quota_usage u;
		time_t mtime = 0;
		int r = quota_read_raw(maildir, &u, &mtime);
		char def[MAILDIR_QUOTA_DEF_MAX + 1];

		if (r < 0)
			return MAILDIR_QUOTA_ERROR;
		if (r == 0)
			return MAILDIR_QUOTA_OK;
		if (!u.needs_recalc) {
			if (!is_over(&u, bytes, count))
				return MAILDIR_QUOTA_OK;
			if (u.lines == 1 && time(NULL) - mtime < MAILDIR_QUOTA_FRESH_SECS)
				return MAILDIR_QUOTA_OVER;
		}
		snprintf(def, sizeof(def), "%s", u.def);
		{
			bool changed = false;
			if (recalc_once(maildir, def, &u, &changed) != 0)
				return MAILDIR_QUOTA_ERROR;
			if (changed)
				continue;
		}
		return is_over(&u, bytes, count) ? MAILDIR_QUOTA_OVER : MAILDIR_QUOTA_OK;
	}
	return MAILDIR_QUOTA_OK;
}

int maildir_quota_add(const char *maildir, int64_t bytes, int64_t count)
{
	char *path = md_join(maildir, MAILDIR_QUOTA_FILE);
	char line[64];
	int fd, n, rc;

	if (path == NULL)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	n = snprintf(line, sizeof(line), "%12" PRId64 " %12" PRId64 "\n", bytes, count);
	rc = fd_write_all(fd, line, (size_t)n);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

int maildir_quota_set(const char *maildir, const char *def, const char **error_r)
{
	struct maildir_quota q;
	struct maildir_quota_usage u;

	if (maildir_quota_parse_def(def, &q, error_r) != 0)
		return -1;
	if (quota_read_raw(maildir, &u, NULL) == 1 && strcmp(u.def, def) == 0)
		return 0;
	if (maildir_quota_recalc(maildir, def, NULL) != 0) {
		*error_r = "Cannot write maildirsize";
		return -1;
	}
	return 0;
}

/* used as a whole percentage of limit, truncated, at most 100000.  The cap is
   checked on the double, before the conversion: usage near 2^63 from a damaged
   maildirsize gives a quotient no integer type holds. */
static int percent_of(int64_t used, int64_t limit)
{
	double p;

	if (limit <= 0 || used <= 0)
		return 0;
	p = (double)used * 100.0 / (double)limit;
	return p >= 100000.0 ? 100000 : (int)p;
}

int maildir_quota_percent(const struct maildir_quota_usage *u)
{
	int pb = u->q.has_bytes ? percent_of(u->bytes, u->q.bytes) : 0;
	int pc = u->q.has_count ? percent_of(u->count, u->q.count) : 0;

	return pc > pb ? pc : pb;
}
