/*
 * userdb_make.c - makeuserdb: text userdb -> GDBM userdb.dat/userdbshadow.dat.
 *
 * Trust:   the source is the admin's; still length-capped and checked for
 *          control bytes line by line.
 * Runs as: root (or the owner of the instance in tests).
 * Limits:  USERDB_LINE_MAX per line; directory recursion depth 16.
 * Errors:  any problem leaves the previous databases untouched.
 * Tests:   tests/unit/authdaemon/test_userdb.c, tests/protocol/run-authdaemon
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gdbm.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth_util.h"
#include "buf.h"
#include "userdb_make.h"
#include "userdb_rec.h"
#include "xmalloc.h"

#define USERDB_DIR_DEPTH_MAX 16

struct make_ctx {
	GDBM_FILE   mainf, shadowf;
	struct buf *err;
};

static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = xmalloc(la + lb + lc + 1);

	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc + 1);
	return p;
}

static int store(GDBM_FILE f, const char *key, const char *val)
{
	datum k = { (char *)key, (int)strlen(key) };
	datum v = { (char *)val, (int)strlen(val) };

	return gdbm_store(f, k, v, GDBM_INSERT);
}

struct file_ctx {
	struct make_ctx *mc;
	const char *path, *subpath;
	bool ended;
};

static int add_line(const char *line, unsigned long lineno, void *vctx)
{
	struct file_ctx *fc = vctx;
	struct make_ctx *mc = fc->mc;
	char *name = NULL, *mainr = NULL, *shadow = NULL;
	const char *e = NULL;
	int sr, ret = 0;

	if (fc->ended)
		return 0;
	if (strcmp(line, ".") == 0) {
		fc->ended = true;
		return 0;
	}
	sr = userdb_split_line(line, fc->subpath, &name, &mainr, &shadow, &e);
	if (sr < 0) {
		buf_ignore(buf_printf(mc->err, "%s:%lu: %s", fc->path, lineno, e));
		return -1;
	}
	if (sr > 0) {
		int st = store(mc->mainf, name, mainr);

		if (st == 0 && shadow[0] != '\0')
			st = store(mc->shadowf, name, shadow);
		if (st != 0) {
			buf_ignore(buf_printf(mc->err, "%s:%lu: %s: %s", fc->path, lineno,
					      st > 0 ? "duplicate account name" : "database write failed",
					      name));
			ret = -1;
		}
	}
	free(name);
	free(mainr);
	if (shadow != NULL) {
		secure_zero(shadow, strlen(shadow));
		free(shadow);
	}
	return ret;
}

static int add_file(struct make_ctx *mc, const char *path, const char *subpath)
{
	struct file_ctx fc = { mc, path, subpath, false };

	return userdb_each_line(path, add_line, &fc, mc->err) == 0 ? 0 : -1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(struct make_ctx *mc, const char *dir, const char *rel, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	if (depth > USERDB_DIR_DEPTH_MAX) {
		buf_ignore(buf_printf(mc->err, "%s: directories nested too deep", dir));
		return -1;
	}
	d = opendir(dir);
	if (d == NULL) {
		buf_ignore(buf_printf(mc->err, "%s: %s", dir, strerror(errno)));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = cat3(dir, "/", names[i]);
		char *relp = cat3(rel, names[i], "/");
		struct stat st;

		if (ret == 0 && lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				ret = add_dir(mc, path, relp, depth + 1);
			else if (S_ISREG(st.st_mode))
				ret = add_file(mc, path, relp);
		}
		free(path);
		free(relp);
		free(names[i]);
	}
	free(names);
	return ret;
}

static GDBM_FILE create_db(const char *path, int mode)
{
	GDBM_FILE f;

	(void)unlink(path);
	f = gdbm_open(path, 0, GDBM_NEWDB | GDBM_NOLOCK, mode, NULL);
	if (f != NULL)
		(void)chmod(path, (mode_t)mode);
	return f;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

static bool is_symlink(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

int userdb_make(const char *src, struct buf *err)
{
	char *dat = cat3(src, ".dat", ""), *sdat = cat3(src, "shadow.dat", "");
	char *tmp = cat3(src, ".tmp", ""), *stmp = cat3(src, "shadow.tmp", "");
	char *lock = cat3(src, ".lock", "");
	struct make_ctx mc = { NULL, NULL, err };
	struct stat st;
	int lfd = -1, ret = -1;

	if (is_symlink(src) || is_symlink(dat) || is_symlink(sdat)) {
		buf_ignore(buf_printf(err, "%s: refusing a symbolic link", src));
		goto out;
	}
	if (lstat(src, &st) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", src, strerror(errno)));
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		buf_ignore(buf_printf(err, "%s: must not be accessible by group or world (chmod go-rwx)", src));
		goto out;
	}
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", lock, strerror(errno)));
		goto out;
	}
	mc.mainf = create_db(tmp, 0644);
	mc.shadowf = create_db(stmp, 0600);
	if (mc.mainf == NULL || mc.shadowf == NULL) {
		buf_ignore(buf_printf(err, "%s: cannot create database: %s", tmp, gdbm_strerror(gdbm_errno)));
		goto fail;
	}
	if (S_ISDIR(st.st_mode))
		ret = add_dir(&mc, src, "", 0);
	else
		ret = add_file(&mc, src, "");
	if (ret < 0)
		goto fail;
	ret = -1;
	if (gdbm_sync(mc.mainf) != 0 || gdbm_sync(mc.shadowf) != 0) {
		buf_ignore(buf_printf(err, "%s: sync failed", tmp));
		goto fail;
	}
	gdbm_close(mc.mainf);
	gdbm_close(mc.shadowf);
	mc.mainf = mc.shadowf = NULL;
	if (sync_file(tmp) < 0 || sync_file(stmp) < 0 ||
	    rename(stmp, sdat) < 0 || rename(tmp, dat) < 0 || userdb_sync_dir_of(dat) < 0) {
		buf_ignore(buf_printf(err, "%s: cannot install the new database: %s", dat, strerror(errno)));
		goto fail;
	}
	ret = 0;
	goto out;
fail:
	if (mc.mainf != NULL)
		gdbm_close(mc.mainf);
	if (mc.shadowf != NULL)
		gdbm_close(mc.shadowf);
	(void)unlink(tmp);
	(void)unlink(stmp);
out:
	if (lfd >= 0)
		close(lfd);
	free(dat); free(sdat); free(tmp); free(stmp); free(lock);
	return ret;
}
