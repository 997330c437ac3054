/*
 * userdb_edit.c - edit and show the userdb text source.
 *
 * Trust:   field names and values come from the admin's command line or
 *          from authdaemond's password change; bytes that would break the
 *          format ('|', TAB, control bytes) are refused.
 * Runs as: root (userdb tool), authdaemond (password change).
 * Limits:  USERDB_LINE_MAX per line.
 * Errors:  the file is replaced atomically or not at all.
 * Tests:   tests/unit/authdaemon/test_userdb.c, tests/protocol/run-authdaemon
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth_util.h"
#include "buf.h"
#include "userdb_edit.h"
#include "userdb_rec.h"
#include "xmalloc.h"

static char *join(const char *a, const char *sep, const char *b)
{
	size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
	char *p = xmalloc(la + ls + lb + 1);

	memcpy(p, a, la);
	memcpy(p + la, sep, ls);
	memcpy(p + la + ls, b, lb + 1);
	return p;
}

/* Each line of path (see userdb_each_line). */
typedef int line_fn(const char *line, void *ctx);

struct line_adapter { line_fn *fn; void *ctx; };

static int adapt(const char *line, unsigned long lineno, void *vctx)
{
	struct line_adapter *la = vctx;

	(void)lineno;
	return la->fn(line, la->ctx);
}

static int each_line(const char *path, line_fn *fn, void *ctx, struct buf *err)
{
	struct line_adapter la = { fn, ctx };

	return userdb_each_line(path, adapt, &la, err);
}

/* Does line define account name? */
static bool line_is(const char *line, const char *name)
{
	size_t n = strlen(name);

	return strncmp(line, name, n) == 0 && (line[n] == '\t' || line[n] == '\0');
}

struct find_ctx { const char *name; bool found; };

static int find_cb(const char *line, void *vctx)
{
	struct find_ctx *fc = vctx;

	if (line_is(line, fc->name))
		fc->found = true;
	return 0;
}

static int find_in_dir(const char *dir, const char *name, char **file_r, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	if (d == NULL || depth > 16) {
		if (d != NULL)
			closedir(d);
		return 0;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		p = join(dir, "/", de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			ret = find_in_dir(p, name, file_r, depth + 1);
		} else if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			struct find_ctx fc = { name, false };
			struct buf e = BUF_INIT(512);

			if (each_line(p, find_cb, &fc, &e) == 0 && fc.found) {
				*file_r = p;
				p = NULL;
				ret = 1;
			}
			buf_free(&e);
		}
		free(p);
	}
	closedir(d);
	return ret;
}

int userdb_edit_target(const char *src, const char *addr, char **file_r, char **name_r,
		       struct buf *err)
{
	struct stat st;
	const char *slash = strrchr(addr, '/');
	bool isdir = stat(src, &st) == 0 && S_ISDIR(st.st_mode);

	if (*addr == '\0' || (slash != NULL && slash[1] == '\0')) {
		buf_ignore(buf_printf(err, "empty account name"));
		return -1;
	}
	if (slash != NULL) {
		char *sub = xstrndup(addr, (size_t)(slash - addr));

		if (!isdir || strstr(sub, "..") != NULL || sub[0] == '/') {
			buf_ignore(buf_printf(err, "%s: a path is only allowed when %s is a directory",
					 addr, src));
			free(sub);
			return -1;
		}
		*file_r = join(src, "/", sub);
		*name_r = xstrdup(slash + 1);
		free(sub);
		return 0;
	}
	*name_r = xstrdup(addr);
	if (!isdir) {
		*file_r = xstrdup(src);
		return 0;
	}
	if (find_in_dir(src, addr, file_r, 0) == 1)
		return 0;
	{
		const char *at = strrchr(addr, '@');

		*file_r = join(src, "/", at != NULL && at[1] != '\0' ? at + 1 : addr);
	}
	return 0;
}

struct edit_ctx {
	const char *name;
	enum userdb_edit_op op;
	char *const *args;
	size_t nargs;
	struct buf *out;
	bool found;
	struct buf *err;
};

static char *apply(const char *fields, struct edit_ctx *ec)
{
	char *rec = xstrdup(fields);

	for (size_t i = 0; i < ec->nargs; i++) {
		char *f = xstrdup(ec->args[i]), *eq = strchr(f, '='), *nrec;

		if (eq != NULL)
			*eq = '\0';
		nrec = userdb_rec_set(rec, f, ec->op == USERDB_SET ? (eq != NULL ? eq + 1 : "") : NULL);
		free(rec);
		free(f);
		rec = nrec;
	}
	return rec;
}

static int edit_cb(const char *line, void *vctx)
{
	struct edit_ctx *ec = vctx;

	if (line_is(line, ec->name) && !ec->found) {
		const char *tab = strchr(line, '\t');
		char *rec;
		int r = 0;

		ec->found = true;
		if (ec->op == USERDB_DEL)
			return 0;
		rec = apply(tab != NULL ? tab + 1 : "", ec);
		if (buf_printf(ec->out, "%s\t%s\n", ec->name, rec) < 0)
			r = -1;
		free(rec);
		return r;
	}
	return buf_printf(ec->out, "%s\n", line) < 0 ? -1 : 0;
}

static bool valid_arg(const char *a, bool need_eq)
{
	const char *eq = strchr(a, '=');

	if (a[0] == '\0' || a[0] == '=' || (need_eq && eq == NULL))
		return false;
	for (const char *p = a; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == '|' || *p == 0x7f)
			return false;
	if (!need_eq && eq != NULL)
		return false;
	return true;
}

int userdb_edit(const char *file, const char *name, enum userdb_edit_op op,
		char *const *args, size_t nargs, struct buf *err)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	struct edit_ctx ec = { name, op, args, nargs, &out, false, err };
	const char *base = strrchr(file, '/');
	char *dir = base != NULL ? xstrndup(file, (size_t)(base - file)) : xstrdup(".");
	char *lock, *tmp, *b;
	struct stat st;
	mode_t mode = 0600;
	int lfd = -1, fd = -1, ret = -1;
	bool exists;

	base = base != NULL ? base + 1 : file;
	b = join(".lock.", "", base);
	lock = join(dir, "/", b);
	free(b);
	b = join(".tmp.", "", base);
	tmp = join(dir, "/", b);
	free(b);
	for (const char *p = name; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == '\t' || *p == '/' || *p == '|') {
			buf_ignore(buf_printf(err, "invalid character in account name"));
			goto out;
		}
	}
	for (size_t i = 0; i < nargs; i++) {
		if (!valid_arg(args[i], op == USERDB_SET)) {
			buf_ignore(buf_printf(err, "invalid field: %s",
					 op == USERDB_SET ? "need field=value without | or control characters"
							  : "need a field name"));
			goto out;
		}
	}
	if (*name == '\0') {
		buf_ignore(buf_printf(err, "empty account name"));
		goto out;
	}
	(void)mkdir(dir, 0700);
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", lock, strerror(errno)));
		goto out;
	}
	exists = lstat(file, &st) == 0;
	if (exists) {
		if (!S_ISREG(st.st_mode)) {
			buf_ignore(buf_printf(err, "%s: not a regular file", file));
			goto out;
		}
		mode = st.st_mode & 07777;
		if (each_line(file, edit_cb, &ec, err) != 0)
			goto out;
	}
	if (!ec.found) {
		if (op != USERDB_SET) {
			buf_ignore(buf_printf(err, "%s: no such account in %s", name, file));
			goto out;
		} else {
			char *rec = apply("", &ec);

			buf_ignore(buf_printf(&out, "%s\t%s\n", name, rec));
			free(rec);
		}
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0 || fchmod(fd, mode) < 0 ||
	    (out.len > 0 && write(fd, out.data, out.len) != (ssize_t)out.len) ||
	    fsync(fd) < 0 || close(fd) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", tmp, strerror(errno)));
		if (fd >= 0)
			(void)unlink(tmp);
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, file) < 0 || userdb_sync_dir_of(file) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", file, strerror(errno)));
		(void)unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	if (lfd >= 0)
		close(lfd);
	buf_free_secure(&out);
	free(dir);
	free(lock);
	free(tmp);
	return ret;
}

struct show_ctx { const char *name; FILE *out; bool found; };

static int show_cb(const char *line, void *vctx)
{
	struct show_ctx *sc = vctx;
	const char *tab = strchr(line, '\t');

	if (line[0] == '\0' || line[0] == '#' || tab == NULL)
		return 0;
	if (sc->name == NULL) {
		fprintf(sc->out, "%.*s\n", (int)(tab - line), line);
		return 0;
	}
	if (line_is(line, sc->name)) {
		const char *p = tab + 1;

		sc->found = true;
		while (*p != '\0') {
			const char *bar = strchr(p, '|');
			size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);

			if (n > 0)
				fprintf(sc->out, "%.*s\n", (int)n, p);
			if (bar == NULL)
				break;
			p = bar + 1;
		}
	}
	return 0;
}

static int show_tree(const char *path, struct show_ctx *sc, struct buf *err, int depth)
{
	struct stat st;

	if (depth > 16 || stat(path, &st) < 0) {
		buf_ignore(buf_printf(err, "%s: %s", path, depth > 16 ? "nested too deep" : strerror(errno)));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		int ret = 0;

		if (d == NULL) {
			buf_ignore(buf_printf(err, "%s: %s", path, strerror(errno)));
			return -1;
		}
		while (ret == 0 && (de = readdir(d)) != NULL) {
			char *p;

			if (de->d_name[0] == '.')
				continue;
			p = join(path, "/", de->d_name);
			ret = show_tree(p, sc, err, depth + 1);
			free(p);
		}
		closedir(d);
		return ret;
	}
	return each_line(path, show_cb, sc, err);
}

int userdb_show(const char *src, const char *name, FILE *out, struct buf *err)
{
	struct show_ctx sc = { name, out, false };

	if (show_tree(src, &sc, err, 0) < 0)
		return -1;
	if (name != NULL && !sc.found) {
		buf_ignore(buf_printf(err, "%s: not found", name));
		return -1;
	}
	return 0;
}
