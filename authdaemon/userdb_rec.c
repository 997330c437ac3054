/*
 * userdb_rec.c - parse and edit userdb records and source lines.
 *
 * Trust:   records come from the admin's files (and, through userdb set,
 *          from the command line); parsed with explicit lengths, no
 *          assumptions about termination.
 * Limits:  USERDB_LINE_MAX per line (enforced by the readers).
 * Tests:   tests/unit/authdaemon/test_userdb.c, tests/fuzz/fuzz_userdb.c
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth_util.h"
#include "auth_util.h"
#include "buf.h"
#include "userdb_rec.h"
#include "xmalloc.h"

char *userdb_get(const char *rec, size_t n, const char *field)
{
	size_t fl = strlen(field);
	const char *p = rec, *end = rec + n;

	if (fl == 0)
		return NULL;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *ie = bar != NULL ? bar : end;
		size_t il = (size_t)(ie - p);

		if (il >= fl && memcmp(p, field, fl) == 0) {
			if (il == fl)
				return xstrdup("");
			if (p[fl] == '=')
				return xstrndup(p + fl + 1, il - fl - 1);
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return NULL;
}

bool userdb_field_is_secret(const char *field, size_t n)
{
	return n >= 2 && field[n - 2] == 'p' && field[n - 1] == 'w';
}

int userdb_split_line(const char *line, const char *subpath, char **name_r, char **main_r,
		      char **shadow_r, const char **error_r)
{
	struct buf mainr = BUF_INIT(USERDB_LINE_MAX * 2), shadow = BUF_INIT(USERDB_LINE_MAX);
	const char *tab, *p, *end;

	if (line[0] == '\0' || line[0] == '#')
		return 0;
	for (p = line; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			*error_r = "control character in line";
			return -1;
		}
	}
	if (strlen(line) > USERDB_LINE_MAX) {
		*error_r = "line too long";
		return -1;
	}
	tab = strchr(line, '\t');
	if (tab == NULL) {
		*name_r = xstrdup(line);
		*main_r = xstrdup("1");
		*shadow_r = xstrdup("");
		return 1;
	}
	if (tab == line) {
		*error_r = "empty account name";
		return -1;
	}
	p = tab + 1;
	end = p + strlen(p);
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *ie = bar != NULL ? bar : end;
		const char *eq = memchr(p, '=', (size_t)(ie - p));
		size_t nl = eq != NULL ? (size_t)(eq - p) : (size_t)(ie - p);
		struct buf *dst = userdb_field_is_secret(p, nl) ? &shadow : &mainr;

		if (ie > p) {
			if (strchr(p, '\t') != NULL && memchr(p, '\t', (size_t)(ie - p)) != NULL) {
				buf_free(&mainr);
				buf_free(&shadow);
				*error_r = "TAB inside the field list";
				return -1;
			}
			if ((dst->len > 0 && buf_putc(dst, '|') < 0) ||
			    buf_append(dst, p, (size_t)(ie - p)) < 0) {
				buf_free(&mainr);
				buf_free(&shadow);
				*error_r = "record too long";
				return -1;
			}
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (subpath != NULL &&
	    ((mainr.len > 0 && buf_putc(&mainr, '|') < 0) ||
	     buf_printf(&mainr, "_=%s", subpath) < 0)) {
		buf_free(&mainr);
		buf_free(&shadow);
		*error_r = "record too long";
		return -1;
	}
	*name_r = xstrndup(line, (size_t)(tab - line));
	*main_r = xstrdup(buf_cstr(&mainr));
	*shadow_r = xstrdup(buf_cstr(&shadow));
	buf_free(&mainr);
	buf_free(&shadow);
	return 1;
}

char *userdb_rec_set(const char *rec, const char *field, const char *value)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t fl = strlen(field);
	const char *p = rec, *end = rec + strlen(rec);
	bool done = false;
	char *res;

	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *ie = bar != NULL ? bar : end;
		size_t il = (size_t)(ie - p);
		bool match = il >= fl && memcmp(p, field, fl) == 0 && (il == fl || p[fl] == '=');

		if (match) {
			if (value != NULL && !done) {
				if (out.len > 0)
					buf_ignore(buf_putc(&out, '|'));
				buf_ignore(buf_printf(&out, "%s=%s", field, value));
			}
			done = true;
		} else if (il > 0) {
			if (out.len > 0)
				buf_ignore(buf_putc(&out, '|'));
			buf_ignore(buf_append(&out, p, il));
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (!done && value != NULL) {
		if (out.len > 0)
			buf_ignore(buf_putc(&out, '|'));
		buf_ignore(buf_printf(&out, "%s=%s", field, value));
	}
	res = xstrdup(buf_cstr(&out));
	buf_free(&out);
	return res;
}

int userdb_each_line(const char *path, userdb_line_fn *fn, void *ctx, struct buf *err)
{
	struct buf data = BUF_INIT(USERDB_FILE_MAX);
	unsigned long lineno = 0;
	size_t off = 0;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		buf_ignore(buf_printf(err, "%s: %s", path, strerror(errno)));
		return -1;
	}
	for (;;) {
		char *p = buf_reserve(&data, 65536);
		ssize_t r;

		if (p == NULL) {
			buf_ignore(buf_printf(err, "%s: file too large", path));
			ret = -1;
			break;
		}
		r = read(fd, p, 65536);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			buf_ignore(buf_printf(err, "%s: %s", path, strerror(errno)));
			ret = -1;
			break;
		}
		if (r == 0)
			break;
		buf_commit(&data, (size_t)r);
	}
	close(fd);
	while (ret == 0 && off < data.len) {
		char *nl = memchr(data.data + off, '\n', data.len - off);
		size_t len = nl != NULL ? (size_t)(nl - (data.data + off)) : data.len - off;

		lineno++;
		if (len > USERDB_LINE_MAX || memchr(data.data + off, '\0', len) != NULL) {
			buf_ignore(buf_printf(err, "%s:%lu: %s", path, lineno,
					      len > USERDB_LINE_MAX ? "line too long" : "NUL byte in line"));
			ret = -1;
			break;
		}
		data.data[off + len] = '\0';
		ret = fn(data.data + off, lineno, ctx);
		off += len + 1;
	}
	buf_free_secure(&data);
	return ret;
}

int userdb_sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = -1;

	free(dir);
	if (fd >= 0) {
		r = fsync(fd);
		close(fd);
	}
	return r;
}
