#include "config.h"
/*
 * maildir_folder.c - maildirs and folders: create, folder names (UTF-8 and
 * modified UTF-7 checks), folder directories, create/list/rename/delete,
 * the main maildir of a folder, the Trash folder.
 *
 * Trust:   folder names on disk are untrusted; names from clients are
 *          checked by maildir_folder_check() before any path is built.
 * Runs as: the mailbox owner, never root.
 * Limits:  MAILDIR_FOLDER_NAME_MAX, MAILDIR_PATH_MAX; symlinked folder
 *          directories are never followed (lstat, d_type).
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

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_folder.h"
#include "maildir_util.h"

static char trash_name[256] = "Trash";

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
		v = array_grow(v, &cap, n, 1, sizeof(*v));
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
	l->f = array_grow(l->f, &l->cap, l->n, 1, sizeof(*l->f));
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
	list->f = array_grow(list->f, &list->cap, list->n, 1, sizeof(*list->f));
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

