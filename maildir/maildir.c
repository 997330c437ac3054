#include "config.h"
/*
 * maildir.c - message names and flags suffixes, folder names and
 * directories (create, list, rename, delete), and the cur/ + new/ scan.
 *
 * Trust:   file and folder names on disk are untrusted (anything another
 *          program wrote); folder names from clients are checked by
 *          maildir_folder_check() before any path is built.
 * Runs as: the mailbox owner, never root.
 * Limits:  MAILDIR_NAME_MAX, MAILDIR_FOLDER_NAME_MAX, MAILDIR_PATH_MAX;
 *          symlinks inside the maildir are never followed (lstat,
 *          O_NOFOLLOW, d_type).
 * Errors:  -1 with errno, or *error_r for refused names.
 * Tests:   tests/unit/maildir/test_maildir.c, tests/fuzz/fuzz_maildir_name.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xmalloc.h"
#include "maildir.h"
#include "maildir_flags.h"
#include "maildir_quota.h"
#include "maildir_util.h"

static char trash_name[256] = "Trash";

/* ---- names -------------------------------------------------------------- */

bool maildir_name_is_valid(const char *name)
{
	size_t i;

	if (name[0] == '\0' || name[0] == '.')
		return false;
	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];
		if (i >= MAILDIR_NAME_MAX || c < 0x20 || c == 0x7f || c == '/')
			return false;
	}
	return true;
}

size_t maildir_name_baselen(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? (size_t)(c - name) : strlen(name);
}

static const char flag_letters[] = "DFPRST";

unsigned maildir_name_flags(const char *name)
{
	const char *c = strrchr(name, ':');
	unsigned f = 0;

	if (c == NULL || c[1] != '2' || c[2] != ',')
		return 0;
	for (c += 3; *c != '\0'; c++) {
		const char *p = strchr(flag_letters, *c);
		if (p != NULL)
			f |= 1u << (p - flag_letters);
	}
	return f;
}

int maildir_name_size(const char *name, uint64_t *size_r)
{
	size_t bl = maildir_name_baselen(name), i, start = (size_t)-1;
	uint64_t v = 0;

	for (i = 0; i + 3 <= bl; i++) {
		if (name[i] == ',' && name[i + 1] == 'S' && name[i + 2] == '=')
			start = i + 3;
	}
	if (start == (size_t)-1 || start >= bl || name[start] < '0' || name[start] > '9')
		return -1;
	for (i = start; i < bl && name[i] >= '0' && name[i] <= '9'; i++) {
		unsigned d = (unsigned)(name[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*size_r = v;
	return 0;
}

void maildir_flags_to_str(unsigned flags, char out[8])
{
	size_t i, n = 0;

	for (i = 0; flag_letters[i] != '\0'; i++)
		if (flags & (1u << i))
			out[n++] = flag_letters[i];
	out[n] = '\0';
}

int maildir_flags_parse(const char *letters, unsigned *flags_r)
{
	unsigned f = 0;

	for (; *letters != '\0'; letters++) {
		const char *p = strchr(flag_letters, *letters);
		if (p == NULL)
			return -1;
		f |= 1u << (p - flag_letters);
	}
	*flags_r = f;
	return 0;
}

static int cmp_char(const void *a, const void *b)
{
	return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

int maildir_name_with_flags(const char *name, unsigned flags, struct buf *out)
{
	size_t bl = maildir_name_baselen(name), n = 0, i;
	const char *c = name[bl] == ':' ? name + bl : NULL;
	char letters[128];

	/* Known flags first, then unknown letters of the old suffix. */
	for (i = 0; flag_letters[i] != '\0'; i++)
		if (flags & (1u << i))
			letters[n++] = flag_letters[i];
	if (c != NULL && c[1] == '2' && c[2] == ',') {
		for (c += 3; *c != '\0' && n < sizeof(letters) - 1; c++) {
			if (strchr(flag_letters, *c) != NULL || (unsigned char)*c < 0x21 ||
			    (unsigned char)*c > 0x7e || *c == '/' || *c == ':' ||
			    memchr(letters, *c, n) != NULL)
				continue;
			letters[n++] = *c;
		}
	}
	md_qsort(letters, n, 1, cmp_char);
	letters[n] = '\0';
	buf_reset(out);
	if (buf_append(out, name, bl) < 0 || buf_append_str(out, ":2,") < 0 ||
	    buf_append_str(out, letters) < 0)
		return -1;
	if (out->len > MAILDIR_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static unsigned long long lead_num(const char **p)
{
	unsigned long long v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v < 100000000000000000ULL)
			v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
	}
	return v;
}

unsigned long long maildir_name_time(const char *name)
{
	return lead_num(&name);
}

int maildir_name_cmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b;
	unsigned long long na = lead_num(&pa), nb = lead_num(&pb);

	if (na != nb)
		return na < nb ? -1 : 1;
	for (;; a++, b++) {
		int ca = *a == ':' ? 0 : (unsigned char)*a;
		int cb = *b == ':' ? 0 : (unsigned char)*b;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca == 0)
			return 0;
	}
}

/* ---- maildirs ----------------------------------------------------------- */

static int mkdir_ok(const char *path, mode_t mode)
{
	if (mkdir(path, mode) == 0)
		return 0;
	if (errno == EEXIST && md_is_dir(path))
		return 0;
	if (errno == EEXIST)
		errno = ENOTDIR;
	return -1;
}

int maildir_create(const char *dir, mode_t mode)
{
	static const char *const subs[] = { "tmp", "new", "cur" };
	size_t i;
	struct stat st;

	if (mkdir(dir, mode) != 0) {
		if (errno != EEXIST)
			return -1;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	for (i = 0; i < N_ELEMENTS(subs); i++) {
		char *p = md_join(dir, subs[i]);
		int r;
		if (p == NULL)
			return -1;
		r = mkdir_ok(p, mode);
		free(p);
		if (r != 0)
			return -1;
	}
	return 0;
}

int maildir_create_parents(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir), *s;
	size_t len = strlen(p);

	if (len >= MAILDIR_PATH_MAX) {
		free(p);
		errno = ENAMETOOLONG;
		return -1;
	}
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = '/';
	}
	free(p);
	return maildir_create(dir, mode);
}

bool maildir_is_maildir(const char *dir)
{
	static const char *const subs[] = { "tmp", "new", "cur" };
	size_t i;

	for (i = 0; i < N_ELEMENTS(subs); i++) {
		char *p = md_join(dir, subs[i]);
		bool ok = p != NULL && md_is_dir(p);
		free(p);
		if (!ok)
			return false;
	}
	return true;
}

/* ---- folder names ------------------------------------------------------- */

/* Length of a valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int maildir_folder_check_n(const char *name, size_t n, const char **error_r)
{
	size_t i, level_start = 0;

	if (n == 0) {
		*error_r = "Empty folder name";
		return -1;
	}
	if (n > MAILDIR_FOLDER_NAME_MAX) {
		*error_r = "Folder name too long";
		return -1;
	}
	for (i = 0; i < n;) {
		unsigned char c = (unsigned char)name[i];
		size_t l;

		if (c == '\0') {
			*error_r = "Folder name contains a NUL byte";
			return -1;
		}
		if (c < 0x20 || c == 0x7f) {
			*error_r = "Folder name contains a control character";
			return -1;
		}
		if (c == '/') {
			*error_r = "Folder name contains '/'";
			return -1;
		}
		if (c == '.') {
			if (i == level_start) {
				*error_r = i == 0 ? "Folder name starts with '.'"
						  : "Folder name has an empty level or a '..' component";
				return -1;
			}
			level_start = i + 1;
			i++;
			continue;
		}
		l = utf8_len((const unsigned char *)name + i, n - i);
		if (l == 0) {
			*error_r = "Folder name is not valid UTF-8";
			return -1;
		}
		i += l;
	}
	if (level_start == n) {
		*error_r = "Folder name ends with '.'";
		return -1;
	}
	return 0;
}

int maildir_folder_check(const char *name, const char **error_r)
{
	return maildir_folder_check_n(name, strlen(name), error_r);
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == ',')
		return 63;
	return -1;
}

int maildir_folder_check_mutf7(const char *name, const char **error_r)
{
	const char *p = name;
	bool after_run = false;

	*error_r = "Invalid modified UTF-7 in folder name";
	while (*p != '\0') {
		unsigned long bits = 0;
		int nbits = 0, units = 0;
		unsigned hi = 0;

		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return -1;
		if (*p != '&') {
			after_run = false;
			p++;
			continue;
		}
		p++;
		if (*p == '-') {        /* "&-" is a literal '&' */
			after_run = false;
			p++;
			continue;
		}
		if (after_run)
			return -1;      /* two adjacent runs: must be one */
		for (; *p != '-'; p++) {
			int v = b64val(*p);
			if (v < 0)
				return -1;  /* includes an unterminated run at NUL */
			bits = (bits << 6) | (unsigned)v;
			nbits += 6;
			if (nbits >= 16) {
				unsigned u = (unsigned)(bits >> (nbits - 16)) & 0xffff;
				nbits -= 16;
				bits &= (1ul << nbits) - 1;
				units++;
				if (hi != 0) {
					if (u < 0xdc00 || u > 0xdfff)
						return -1;
					hi = 0;
				} else if (u >= 0xd800 && u <= 0xdbff) {
					hi = u;
				} else if ((u >= 0xdc00 && u <= 0xdfff) || (u >= 0x20 && u <= 0x7e)) {
					return -1;
				}
			}
		}
		if (units == 0 || hi != 0 || nbits >= 6 || bits != 0)
			return -1;
		p++;
		after_run = true;
	}
	return 0;
}

static bool is_inbox(const char *s)
{
	return strcasecmp(s, "INBOX") == 0;
}

/* The folder part of an IMAP name: NULL for INBOX itself. */
static const char *strip_inbox(const char *imapname)
{
	if (is_inbox(imapname))
		return NULL;
	if (strncasecmp(imapname, "INBOX.", 6) == 0)
		return imapname + 6;
	return imapname;
}

char *maildir_folder_dir(const char *maildir, const char *imapname, const char **error_r)
{
	const char *name = strip_inbox(imapname);
	char *dot, *p;

	if (name == NULL)
		return xstrdup(maildir);
	if (maildir_folder_check(name, error_r) != 0)
		return NULL;
	dot = xmalloc(strlen(name) + 2);
	dot[0] = '.';
	strcpy(dot + 1, name);
	p = md_join(maildir, dot);
	free(dot);
	if (p == NULL)
		*error_r = "Folder path too long";
	return p;
}

bool maildir_folder_exists(const char *maildir, const char *imapname)
{
	const char *err;
	char *dir = maildir_folder_dir(maildir, imapname, &err), *cur;
	bool ok;

	if (dir == NULL)
		return false;
	cur = md_join(dir, "cur");
	ok = cur != NULL && md_is_dir(cur) &&
	     (strip_inbox(imapname) == NULL || md_is_dir(dir));
	free(cur);
	free(dir);
	return ok;
}

int maildir_folder_create(const char *maildir, const char *imapname, mode_t mode,
			  const char **error_r)
{
	const char *name = strip_inbox(imapname);
	char *dir, *mf = NULL;
	int fd, e;

	if (name == NULL) {
		*error_r = "INBOX already exists";
		errno = EEXIST;
		return -1;
	}
	dir = maildir_folder_dir(maildir, imapname, error_r);
	if (dir == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (mkdir(dir, mode) != 0) {
		e = errno;
		*error_r = e == EEXIST ? "Folder already exists" : "Cannot create the folder directory";
		free(dir);
		errno = e;
		return -1;
	}
	if (maildir_create(dir, mode) != 0)
		goto fail;
	mf = md_join(dir, "maildirfolder");
	if (mf == NULL)
		goto fail;
	fd = open(mf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	close(fd);
	/* mkdir honours the umask; maildirmake -s modes must be exact. */
	if (mode & 07022) {
		static const char *const subs[] = { "", "/tmp", "/new", "/cur" };
		size_t i;
		for (i = 0; i < N_ELEMENTS(subs); i++) {
			char *p = xmalloc(strlen(dir) + 5);
			sprintf(p, "%s%s", dir, subs[i]);
			if (chmod(p, mode) != 0) {
				free(p);
				goto fail;
			}
			free(p);
		}
	}
	free(mf);
	free(dir);
	return 0;
fail:
	e = errno;
	*error_r = "Cannot create the folder";
	md_rmtree(dir);
	free(mf);
	free(dir);
	errno = e;
	return -1;
}

int maildir_folder_delete(const char *maildir, const char *imapname, const char **error_r)
{
	char *dir, *trashed = NULL;
	struct buf u = BUF_INIT(MAILDIR_PATH_MAX);
	int e;

	if (strip_inbox(imapname) == NULL) {
		*error_r = "INBOX cannot be deleted";
		errno = EPERM;
		return -1;
	}
	dir = maildir_folder_dir(maildir, imapname, error_r);
	if (dir == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (!md_is_dir(dir)) {
		*error_r = "Folder does not exist";
		free(dir);
		errno = ENOENT;
		return -1;
	}
	/* Move it out of sight first, so a crash leaves no half folder. */
	md_uniq(&u);
	if (buf_printf(&u, "_deleted.%s", md_hostname()) == 0)
		trashed = md_join3(maildir, "tmp", buf_cstr(&u));
	buf_free(&u);
	if (trashed != NULL && rename(dir, trashed) == 0) {
		md_rmtree(trashed);
		free(trashed);
		free(dir);
		return 0;
	}
	free(trashed);
	if (md_rmtree(dir) != 0) {
		e = errno;
		*error_r = "Cannot delete the folder";
		free(dir);
		errno = e;
		return -1;
	}
	free(dir);
	return 0;
}

/* Names of every folder directory (without the leading '.'), unsorted. */
static int read_folder_names(const char *maildir, char ***names_r, size_t *n_r)
{
	DIR *d = opendir(maildir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *err;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char *p;
		if (de->d_name[0] != '.' || maildir_folder_check(de->d_name + 1, &err) != 0)
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		p = md_join(maildir, de->d_name);
		if (p == NULL || !md_is_dir(p)) {
			free(p);
			continue;
		}
		free(p);
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xstrdup(de->d_name + 1);
	}
	closedir(d);
	*names_r = v;
	*n_r = n;
	return 0;
}

static void free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int maildir_folder_rename(const char *maildir, const char *oldname, const char *newname,
			  const char **error_r)
{
	const char *o = strip_inbox(oldname), *nw = strip_inbox(newname);
	char **names;
	size_t n, i, ol, nl;
	int rc = 0;

	if (o == NULL || nw == NULL) {
		*error_r = "INBOX cannot be renamed here";
		errno = EPERM;
		return -1;
	}
	if (maildir_folder_check(o, error_r) != 0 || maildir_folder_check(nw, error_r) != 0) {
		errno = EINVAL;
		return -1;
	}
	ol = strlen(o);
	nl = strlen(nw);
	if (strcmp(o, nw) == 0 || (nl > ol && strncmp(nw, o, ol) == 0 && nw[ol] == '.')) {
		*error_r = "Cannot rename a folder to itself or below itself";
		errno = EINVAL;
		return -1;
	}
	if (read_folder_names(maildir, &names, &n) != 0) {
		*error_r = "Cannot read the maildir";
		return -1;
	}
	/* Check everything before renaming anything. */
	bool found = false;
	for (i = 0; i < n && rc == 0; i++) {
		const char *s = names[i];
		if (strncmp(s, o, ol) != 0 || (s[ol] != '\0' && s[ol] != '.'))
			continue;
		if (s[ol] == '\0')
			found = true;
		if (nl + strlen(s + ol) > MAILDIR_FOLDER_NAME_MAX) {
			*error_r = "New folder name too long";
			errno = ENAMETOOLONG;
			rc = -1;
			break;
		}
		char *target = xmalloc(nl + strlen(s + ol) + 1);
		sprintf(target, "%s%s", nw, s + ol);
		for (size_t j = 0; j < n; j++) {
			if (strcmp(names[j], target) == 0) {
				*error_r = "Destination folder already exists";
				errno = EEXIST;
				rc = -1;
			}
		}
		free(target);
	}
	if (rc == 0 && !found) {
		*error_r = "Folder does not exist";
		errno = ENOENT;
		rc = -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		const char *s = names[i];
		char *from, *to, *tname;
		if (strncmp(s, o, ol) != 0 || (s[ol] != '\0' && s[ol] != '.'))
			continue;
		tname = xmalloc(nl + strlen(s + ol) + 2);
		sprintf(tname, ".%s%s", nw, s + ol);
		to = md_join(maildir, tname);
		free(tname);
		tname = xmalloc(strlen(s) + 2);
		sprintf(tname, ".%s", s);
		from = md_join(maildir, tname);
		free(tname);
		if (from == NULL || to == NULL) {
			*error_r = "Folder path too long";
			rc = -1;
		} else if (rename(from, to) != 0) {
			*error_r = "Cannot rename the folder";
			rc = -1;
		}
		free(from);
		free(to);
	}
	free_names(names, n);
	return rc;
}

static int cmp_folder(const void *a, const void *b)
{
	const struct maildir_folder_info *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void list_add(struct maildir_folder_list *l, const char *name, size_t len, bool exists)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->f = xreallocarray(l->f, l->cap, sizeof(*l->f));
	}
	l->f[l->n].name = xmalloc(len + 7);
	memcpy(l->f[l->n].name, "INBOX.", 6);
	memcpy(l->f[l->n].name + 6, name, len);
	l->f[l->n].name[len + 6] = '\0';
	l->f[l->n].exists = exists;
	l->f[l->n].has_children = false;
	l->n++;
}

int maildir_folder_list(const char *maildir, struct maildir_folder_list *list)
{
	char **names;
	size_t n, i, j, k;

	maildir_folder_list_free(list);
	if (read_folder_names(maildir, &names, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *s = names[i];
		list_add(list, s, strlen(s), true);
		for (j = 0; s[j] != '\0'; j++)
			if (s[j] == '.')
				list_add(list, s, j, false);
	}
	free_names(names, n);
	md_qsort(list->f, list->n, sizeof(*list->f), cmp_folder);
	/* Merge duplicates (a level that is also a folder). */
	for (i = 0, k = 0; i < list->n; i++) {
		if (k > 0 && strcmp(list->f[k - 1].name, list->f[i].name) == 0) {
			list->f[k - 1].exists |= list->f[i].exists;
			free(list->f[i].name);
			continue;
		}
		list->f[k++] = list->f[i];
	}
	list->n = k;
	/* has_children: the smallest name >= "<name>." starts with it. */
	for (i = 0; i < list->n; i++) {
		size_t l = strlen(list->f[i].name), lo = i + 1, hi = list->n;
		char *key = xmalloc(l + 2);
		memcpy(key, list->f[i].name, l);
		key[l] = '.';
		key[l + 1] = '\0';
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(list->f[mid].name, key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		list->f[i].has_children =
			lo < list->n && strncmp(list->f[lo].name, key, l + 1) == 0;
		free(key);
	}
	/* INBOX first. */
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->f = xreallocarray(list->f, list->cap, sizeof(*list->f));
	}
	memmove(list->f + 1, list->f, list->n * sizeof(*list->f));
	list->f[0].name = xstrdup("INBOX");
	list->f[0].exists = true;
	list->f[0].has_children = list->n > 0;
	list->n++;
	return 0;
}

void maildir_folder_list_free(struct maildir_folder_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->f[i].name);
	free(list->f);
	list->f = NULL;
	list->n = list->cap = 0;
}

char *maildir_main_dir(const char *dir)
{
	char *mf = md_join(dir, "maildirfolder");
	struct stat st;
	bool folder = mf != NULL && lstat(mf, &st) == 0;
	size_t len;
	char *r;

	free(mf);
	if (!folder)
		return xstrdup(dir);
	r = xstrdup(dir);
	len = strlen(r);
	while (len > 1 && r[len - 1] == '/')
		r[--len] = '\0';
	char *slash = strrchr(r, '/');
	if (slash != NULL && slash[1] == '.') {
		if (slash == r)
			slash[1] = '\0';
		else
			*slash = '\0';
		return r;
	}
	free(r);
	return md_join(dir, "..");
}

void maildir_set_trash_name(const char *name)
{
	const char *err;

	if (name == NULL || maildir_folder_check(name, &err) != 0 ||
	    strlen(name) >= sizeof(trash_name))
		name = "Trash";
	strcpy(trash_name, name);
}

bool maildir_is_trash(const char *dir)
{
	size_t len = strlen(dir);
	const char *last;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	last = dir + len;
	while (last > dir && last[-1] != '/')
		last--;
	return (size_t)(dir + len - last) == strlen(trash_name) + 1 && last[0] == '.' &&
	       strncmp(last + 1, trash_name, strlen(trash_name)) == 0;
}

/* ---- scanning ----------------------------------------------------------- */

static struct maildir_msg *list_push(struct maildir_list *l, const char *name)
{
	struct maildir_msg *m;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->m = xreallocarray(l->m, l->cap, sizeof(*l->m));
	}
	m = &l->m[l->n++];
	memset(m, 0, sizeof(*m));
	m->name = xstrdup(name);
	m->baselen = maildir_name_baselen(name);
	m->flags = maildir_name_flags(name);
	return m;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_msg(const void *a, const void *b)
{
	const struct maildir_msg *x = a, *y = b;

	return maildir_name_cmp(x->name, y->name);
}

/* Fill size (and mtime) of the last pushed message; false if it vanished. */
static bool msg_fill(int dfd, struct maildir_msg *m, unsigned flags, unsigned char dtype)
{
	struct stat st;

	if (dtype == DT_LNK)
		return false;
	if ((flags & MAILDIR_SCAN_STAT) == 0 && maildir_name_size(m->name, &m->size) == 0 &&
	    (dtype == DT_REG))
		return true;
	if (fstatat(dfd, m->name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return false;
	if ((flags & MAILDIR_SCAN_STAT) || maildir_name_size(m->name, &m->size) != 0)
		m->size = (uint64_t)st.st_size;
	m->mtime = st.st_mtime;
	return true;
}

static void msg_free(struct maildir_msg *m)
{
	free(m->name);
	m->name = NULL;
}

/* Move new/ entries to cur/; moved names (their cur/ names) are returned
   sorted for lookups. */
static int move_new(const char *dir, char ***moved_r, size_t *n_r)
{
	char *np = md_join(dir, "new"), *cp = md_join(dir, "cur");
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int nfd, cfd;
	struct buf target = BUF_INIT(MAILDIR_NAME_MAX + 8);

	*moved_r = NULL;
	*n_r = 0;
	if (np == NULL || cp == NULL) {
		free(np);
		free(cp);
		return -1;
	}
	d = md_opendir(np);
	cfd = open(cp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(np);
	free(cp);
	if (d == NULL || cfd < 0) {
		int e = errno;
		if (d != NULL)
			closedir(d);
		if (cfd >= 0)
			close(cfd);
		errno = e;
		return -1;
	}
	nfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (!maildir_name_is_valid(de->d_name) ||
		    (de->d_type != DT_REG && de->d_type != DT_UNKNOWN))
			continue;
		buf_reset(&target);
		if (buf_append_str(&target, de->d_name) < 0 ||
		    (strchr(de->d_name, ':') == NULL && buf_append_str(&target, ":2,") < 0) ||
		    target.len > MAILDIR_NAME_MAX)
			continue;
		if (de->d_type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(nfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode))
				continue;
		}
		if (renameat(nfd, de->d_name, cfd, buf_cstr(&target)) != 0)
			continue;   /* someone else moved it: it is in cur/ */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xstrdup(buf_cstr(&target));
	}
	closedir(d);
	close(cfd);
	buf_free(&target);
	if (n > 1)
		md_qsort(v, n, sizeof(*v), cmp_str);
	*moved_r = v;
	*n_r = n;
	return 0;
}

static int scan_dir(const char *dir, const char *sub, unsigned flags, bool in_new,
		    char **moved, size_t nmoved, struct maildir_list *list)
{
	char *p = md_join(dir, sub);
	DIR *d;
	struct dirent *de;
	int dfd;

	if (p == NULL)
		return -1;
	d = md_opendir(p);
	free(p);
	if (d == NULL)
		return -1;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		struct maildir_msg *m;
		const char *key = de->d_name;

		if (!maildir_name_is_valid(de->d_name) || de->d_type == DT_LNK ||
		    de->d_type == DT_DIR)
			continue;
		m = list_push(list, de->d_name);
		if (!msg_fill(dfd, m, flags, de->d_type)) {
			msg_free(m);
			list->n--;
			continue;
		}
		m->in_new = in_new;
		if (nmoved > 0 && bsearch(&key, moved, nmoved, sizeof(*moved), cmp_str) != NULL)
			m->recent = true;
	}
	closedir(d);
	return 0;
}

int maildir_scan(const char *dir, unsigned flags, struct maildir_list *list)
{
	char **moved = NULL;
	size_t nmoved = 0, i;
	int rc = 0;

	maildir_list_free(list);
	if ((flags & MAILDIR_SCAN_MOVE_NEW) && move_new(dir, &moved, &nmoved) != 0)
		return -1;
	if (scan_dir(dir, "cur", flags, false, moved, nmoved, list) != 0)
		rc = -1;
	else if ((flags & MAILDIR_SCAN_MOVE_NEW) == 0 &&
		 scan_dir(dir, "new", flags, true, NULL, 0, list) != 0)
		rc = -1;
	for (i = 0; i < nmoved; i++)
		free(moved[i]);
	free(moved);
	if (rc != 0) {
		int e = errno;
		maildir_list_free(list);
		errno = e;
		return -1;
	}
	if (flags & MAILDIR_SCAN_SORT)
		md_qsort(list->m, list->n, sizeof(*list->m), cmp_msg);
	return 0;
}

void maildir_list_free(struct maildir_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->m[i].name);
	free(list->m);
	list->m = NULL;
	list->n = list->cap = 0;
}

static void msg_rename_to(struct maildir_msg *msg, const char *name)
{
	free(msg->name);
	msg->name = xstrdup(name);
	msg->baselen = maildir_name_baselen(name);
	msg->flags = maildir_name_flags(name);
	msg->in_new = false;
}

/* The directory fd of msg (cur/ or new/), never through a symlink. */
static int msg_dirfd(const char *dir, const struct maildir_msg *msg)
{
	return md_subdir_fd(dir, msg->in_new ? "new" : "cur");
}

static int msg_relocate(const char *dir, struct maildir_msg *msg)
{
	struct buf found = BUF_INIT(MAILDIR_NAME_MAX + 1);
	int r = maildir_flags_find(dir, msg->name, msg->baselen, &found);

	if (r == 0)
		msg_rename_to(msg, buf_cstr(&found));
	buf_free(&found);
	return r;
}

int maildir_msg_open(const char *dir, struct maildir_msg *msg, struct stat *st_r)
{
	int attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		int dfd = msg_dirfd(dir, msg), fd, e;

		if (dfd < 0)
			return -1;
		fd = md_msg_openat(dfd, msg->name, st_r);
		e = errno;
		close(dfd);
		errno = e;
		if (fd >= 0)
			return fd;
		if (errno != ENOENT || msg_relocate(dir, msg) != 0)
			return -1;
	}
	errno = ENOENT;
	return -1;
}

int maildir_msg_set_flags(const char *dir, struct maildir_msg *msg, unsigned flags)
{
	struct buf nn = BUF_INIT(MAILDIR_NAME_MAX + 1);
	unsigned old;
	int r;

	/* A message still in new/ is moved into cur/ as well. */
	r = maildir_flags_set(dir, msg->name, flags, &nn);
	if (r != 0) {
		buf_free(&nn);
		return -1;
	}
	old = msg->flags;
	msg_rename_to(msg, buf_cstr(&nn));
	buf_free(&nn);
	if (((old ^ msg->flags) & MAILDIR_F_TRASHED) && !maildir_is_trash(dir)) {
		char *main_dir = maildir_main_dir(dir);
		int64_t sz = (int64_t)msg->size;
		if (msg->flags & MAILDIR_F_TRASHED)
			(void)maildir_quota_add(main_dir, -sz, -1);
		else
			(void)maildir_quota_add(main_dir, sz, 1);
		free(main_dir);
	}
	return 0;
}

int maildir_msg_delete(const char *dir, struct maildir_msg *msg)
{
	int attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		int dfd = msg_dirfd(dir, msg), r, e;

		if (dfd < 0)
			return -1;
		r = unlinkat(dfd, msg->name, 0);
		e = errno;
		close(dfd);
		errno = e;
		if (r == 0) {
			if ((msg->flags & MAILDIR_F_TRASHED) == 0 && !maildir_is_trash(dir)) {
				char *main_dir = maildir_main_dir(dir);
				(void)maildir_quota_add(main_dir, -(int64_t)msg->size, -1);
				free(main_dir);
			}
			return 0;
		}
		if (errno != ENOENT || msg_relocate(dir, msg) != 0)
			return -1;
	}
	errno = ENOENT;
	return -1;
}
