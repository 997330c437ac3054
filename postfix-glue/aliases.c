#include "config.h"
/*
 * aliases.c - parse Postfix aliases(5) files, compile them into gdbm, look
 * names up.
 *
 * Trust:   the source file is the admin's but parsed as hostile (it may be
 *          edited by tools); looked-up names come from SMTP clients.
 * Runs as: makealiases (the admin), lmtpd session processes (lookups).
 * Limits:  ALIASES_NAME_MAX, ALIASES_LINE_MAX, ALIASES_TARGETS_MAX,
 *          ALIASES_FILE_MAX; the database is written to a temp file and
 *          renamed, so lookups never see a half-written one.
 * Errors:  -1 with a reason in a struct buf; lookup errors are temporary.
 * Tests:   tests/unit/postfix-glue/test_aliases.c, tests/fuzz/fuzz_aliases.c
 */
#include <errno.h>
#include <fcntl.h>
#include <gdbm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aliases.h"
#include "buf.h"
#include "log.h"
#include "smtp_parse.h"
#include "xmalloc.h"

static void err_set(struct buf *err, const char *fmt, ...) ATTR_PRINTF(2, 3);
static void err_set(struct buf *err, const char *fmt, ...)
{
	va_list ap;

	buf_reset(err);
	va_start(ap, fmt);
	if (buf_vprintf(err, fmt, ap) < 0)
		buf_reset(err);
	va_end(ap);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int aliases_parse_target(const char *s, size_t len, struct buf *out, struct buf *err)
{
	struct smtp_addr a;
	bool noexpand = false;
	struct buf tmp = BUF_INIT(200);
	const char *what = NULL;

	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 0) {
		err_set(err, "empty target");
		return -1;
	}
	/* a quoted "|command" or "/file" is still a command or a file */
	if (len >= 2 && s[0] == '"' && (s[1] == '|' || s[1] == '/'))
		what = s[1] == '|' ? "delivery to a command" : "delivery to a file";
	else if (s[0] == '|')
		what = "delivery to a command";
	else if (s[0] == '/')
		what = "delivery to a file";
	else if (len >= 9 && strncasecmp(s, ":include:", 9) == 0)
		what = ":include: files";
	if (what != NULL) {
		err_set(err, "%s is not supported (only mail addresses are): %s", what,
			log_safe_n(&tmp, s, len, 100));
		buf_free(&tmp);
		return -1;
	}
	if (s[0] == '\\') {
		noexpand = true;
		s++;
		len--;
	}
	if (smtp_parse_mailbox(s, len, true, &a) < 0) {
		err_set(err, "bad address: %s", log_safe_n(&tmp, s, len, 100));
		buf_free(&tmp);
		return -1;
	}
	buf_free(&tmp);
	buf_reset(out);
	if ((noexpand && buf_putc(out, '\\') < 0) || buf_append_str(out, a.addr) < 0) {
		err_set(err, "address too long");
		return -1;
	}
	return 0;
}

/* Parse one logical line (no LF inside; continuation lines joined). */
static int parse_entry(const char *l, size_t len, unsigned lineno, aliases_entry_fn *fn,
		       void *ctx, struct buf *err)
{
	char name[ALIASES_NAME_MAX + 1];
	size_t i = 0, n = 0, ntargets = 0;
	bool quoted = l[0] == '"';
	char **targets = NULL;
	struct buf t = BUF_INIT(SMTP_ADDR_MAX + 2), reason = BUF_INIT(400);
	int ret = 0;

	/* the name: "quoted" or up to ':' */
	if (l[0] == '"') {
		for (i = 1; i < len && l[i] != '"'; i++) {
			if (l[i] == '\\' && i + 1 < len)
				i++;
			if (n >= ALIASES_NAME_MAX)
				goto toolong;
			name[n++] = l[i];
		}
		if (i >= len) {
			err_set(err, "line %u: missing closing quote in name", lineno);
			return -1;
		}
		i++;
		while (i < len && is_blank(l[i]))
			i++;
	} else {
		for (; i < len && l[i] != ':'; i++) {
			if (is_blank(l[i]))
				break;
			if (n >= ALIASES_NAME_MAX)
				goto toolong;
			name[n++] = l[i];
		}
		while (i < len && is_blank(l[i]))
			i++;
	}
	if (i >= len || l[i] != ':') {
		err_set(err, "line %u: missing ':' after the alias name", lineno);
		return -1;
	}
	i++;
	if (n == 0) {
		err_set(err, "line %u: empty alias name", lineno);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)name[k];

		if (c < 0x20 || c == 0x7f || (c == ' ' && !quoted)) {
			err_set(err, "line %u: control character or space in alias name", lineno);
			return -1;
		}
		if (c >= 'A' && c <= 'Z')
			name[k] = (char)(c - 'A' + 'a');
	}
	name[n] = '\0';

	/* the targets, split on commas outside quotes */
	while (i <= len) {
		size_t start = i;
		bool inq = false;

		for (; i < len; i++) {
			if (l[i] == '"')
				inq = !inq;
			else if (l[i] == '\\' && inq && i + 1 < len)
				i++;
			else if (l[i] == ',' && !inq)
				break;
		}
		if (inq) {
			err_set(err, "line %u: missing closing quote", lineno);
			ret = -1;
			goto out;
		}
		{
			size_t s = start, e = i;

			while (s < e && is_blank(l[s]))
				s++;
			while (e > s && is_blank(l[e - 1]))
				e--;
			if (e > s) {
				if (aliases_parse_target(l + s, e - s, &t, &reason) < 0) {
					err_set(err, "line %u: alias \"%s\": %s", lineno, name,
						buf_cstr(&reason));
					ret = -1;
					goto out;
				}
				if (ntargets >= ALIASES_TARGETS_MAX) {
					err_set(err, "line %u: alias \"%s\": more than %d targets",
						lineno, name, ALIASES_TARGETS_MAX);
					ret = -1;
					goto out;
				}
				targets = xreallocarray(targets, ntargets + 1, sizeof(*targets));
				targets[ntargets++] = xstrdup(buf_cstr(&t));
			}
		}
		i++;
	}
	if (ntargets == 0) {
		err_set(err, "line %u: alias \"%s\" has no targets", lineno, name);
		ret = -1;
		goto out;
	}
	ret = fn(ctx, name, (const char *const *)targets, ntargets, lineno);
out:
	for (size_t k = 0; k < ntargets; k++)
		free(targets[k]);
	free(targets);
	buf_free(&t);
	buf_free(&reason);
	return ret;
toolong:
	err_set(err, "line %u: alias name longer than %d bytes", lineno, ALIASES_NAME_MAX);
	return -1;
}

int aliases_parse(const char *text, size_t len, aliases_entry_fn *fn, void *ctx,
		  struct buf *err)
{
	struct buf logical = BUF_INIT(ALIASES_LINE_MAX);
	size_t pos = 0;
	unsigned lineno = 0, start_line = 0;
	int ret = 0;

	buf_reset(err);
	if (memchr(text, '\0', len) != NULL) {
		err_set(err, "NUL byte in aliases file");
		return -1;
	}
	while (pos < len && ret == 0) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t llen = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;
		const char *line = text + pos;
		size_t k;

		pos += llen + (nl != NULL ? 1 : 0);
		lineno++;
		if (llen > 0 && line[llen - 1] == '\r')
			llen--;
		for (k = 0; k < llen && is_blank(line[k]); k++)
			;
		if (k == llen || line[k] == '#')
			continue;   /* empty or comment */
		if (k > 0) {
			/* continuation */
			if (logical.len == 0) {
				err_set(err, "line %u: continuation line without an alias", lineno);
				ret = -1;
				break;
			}
			if (buf_putc(&logical, ' ') < 0 ||
			    buf_append(&logical, line + k, llen - k) < 0) {
				err_set(err, "line %u: logical line longer than %d bytes",
					start_line, ALIASES_LINE_MAX);
				ret = -1;
			}
			continue;
		}
		if (logical.len > 0)
			ret = parse_entry(logical.data, logical.len, start_line, fn, ctx, err);
		buf_reset(&logical);
		start_line = lineno;
		if (ret == 0 && buf_append(&logical, line, llen) < 0) {
			err_set(err, "line %u: line longer than %d bytes", lineno, ALIASES_LINE_MAX);
			ret = -1;
		}
	}
	if (ret == 0 && logical.len > 0)
		ret = parse_entry(logical.data, logical.len, start_line, fn, ctx, err);
	buf_free(&logical);
	return ret;
}

struct compile_ctx {
	GDBM_FILE db;
	const char *src;
	struct buf *err;
	int count;
};

static int compile_entry(void *vctx, const char *name, const char *const *targets,
			 size_t ntargets, unsigned lineno)
{
	struct compile_ctx *ctx = vctx;
	struct buf val = BUF_INIT(ALIASES_DB_VALUE_MAX);
	datum key, content;
	int rc;

	for (size_t i = 0; i < ntargets; i++) {
		if ((i > 0 && buf_putc(&val, '\n') < 0) || buf_append_str(&val, targets[i]) < 0) {
			err_set(ctx->err, "line %u: alias \"%s\" too long", lineno, name);
			buf_free(&val);
			return -1;
		}
	}
	key.dptr = (char *)name;
	key.dsize = (int)strlen(name);
	content.dptr = val.data;
	content.dsize = (int)val.len;
	rc = gdbm_store(ctx->db, key, content, GDBM_INSERT);
	buf_free(&val);
	if (rc == 1) {
		log_msg(LOGL_WARN, "%s: line %u: duplicate alias \"%s\" ignored (the first one is used)",
			ctx->src, lineno, name);
		return 0;
	}
	if (rc != 0) {
		err_set(ctx->err, "gdbm_store: %s", gdbm_strerror(gdbm_errno));
		return -1;
	}
	ctx->count++;
	return 0;
}

static int read_file(const char *path, struct buf *out, struct buf *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0) {
		err_set(err, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > ALIASES_FILE_MAX) {
		err_set(err, "%s: not a regular file or larger than %d bytes", path, ALIASES_FILE_MAX);
		close(fd);
		return -1;
	}
	for (;;) {
		char *p = buf_reserve(out, 65536);
		ssize_t n;

		if (p == NULL) {
			err_set(err, "%s: larger than %d bytes", path, ALIASES_FILE_MAX);
			close(fd);
			return -1;
		}
		n = read(fd, p, 65536);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(err, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		buf_commit(out, (size_t)n);
	}
	close(fd);
	return 0;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int aliases_compile(const char *src, const char *db, struct buf *err)
{
	struct buf text = BUF_INIT(ALIASES_FILE_MAX + 65536);
	struct buf tmp = BUF_INIT(4096), dir = BUF_INIT(4096);
	struct compile_ctx ctx;
	const char *slash;
	int ret;

	if (read_file(src, &text, err) < 0) {
		buf_free(&text);
		return -1;
	}
	if (buf_printf(&tmp, "%s.tmp.%ld", db, (long)getpid()) < 0) {
		err_set(err, "path too long");
		buf_free(&text);
		return -1;
	}
	(void)unlink(buf_cstr(&tmp));
	ctx.db = gdbm_open(buf_cstr(&tmp), 0, GDBM_NEWDB | GDBM_NOLOCK, 0644, NULL);
	if (ctx.db == NULL) {
		err_set(err, "%s: %s", buf_cstr(&tmp), gdbm_strerror(gdbm_errno));
		buf_free(&text);
		buf_free(&tmp);
		return -1;
	}
	ctx.src = src;
	ctx.err = err;
	ctx.count = 0;
	ret = aliases_parse(text.data != NULL ? text.data : "", text.len, compile_entry, &ctx, err);
	if (ret != 0 && err->len > 0 && strncmp(buf_cstr(err), "line ", 5) == 0) {
		struct buf full = BUF_INIT(4096);

		if (buf_printf(&full, "%s: %s", src, buf_cstr(err)) == 0)
			(void)!buf_set(err, full.data, full.len);
		buf_free(&full);
	}
	gdbm_close(ctx.db);
	buf_free(&text);
	if (ret == 0 && fsync_path(buf_cstr(&tmp), O_RDONLY) < 0) {
		err_set(err, "fsync %s: %s", buf_cstr(&tmp), strerror(errno));
		ret = -1;
	}
	if (ret == 0 && rename(buf_cstr(&tmp), db) < 0) {
		err_set(err, "rename to %s: %s", db, strerror(errno));
		ret = -1;
	}
	if (ret != 0) {
		(void)unlink(buf_cstr(&tmp));
		buf_free(&tmp);
		return -1;
	}
	slash = strrchr(db, '/');
	if (slash == NULL ? buf_append_str(&dir, ".") == 0
			  : buf_append(&dir, db, slash == db ? 1 : (size_t)(slash - db)) == 0)
		(void)fsync_path(buf_cstr(&dir), O_RDONLY | O_DIRECTORY);
	buf_free(&dir);
	buf_free(&tmp);
	return ctx.count;
}

int aliases_lookup(const char *db, const char *name, struct buf *out, struct buf *err)
{
	GDBM_FILE dbf;
	datum key, val;
	char lname[ALIASES_NAME_MAX + 1];
	size_t n = strlen(name);

	if (n == 0 || n > ALIASES_NAME_MAX)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		char c = name[i];

		lname[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	dbf = gdbm_open(db, 0, GDBM_READER | GDBM_NOLOCK, 0, NULL);
	if (dbf == NULL) {
		err_set(err, "%s: %s", db, gdbm_strerror(gdbm_errno));
		return -1;
	}
	key.dptr = lname;
	key.dsize = (int)n;
	val = gdbm_fetch(dbf, key);
	if (val.dptr == NULL) {
		int e = gdbm_errno;

		gdbm_close(dbf);
		if (e == GDBM_ITEM_NOT_FOUND || e == GDBM_NO_ERROR)
			return 0;
		err_set(err, "%s: %s", db, gdbm_strerror(e));
		return -1;
	}
	gdbm_close(dbf);
	buf_reset(out);
	if (val.dsize < 0 || buf_append(out, val.dptr, (size_t)val.dsize) < 0) {
		free(val.dptr);
		err_set(err, "%s: value of \"%s\" too long", db, lname);
		return -1;
	}
	free(val.dptr);
	return 1;
}

int aliases_map_paths(const char *map, struct buf *db_out, struct buf *src_out)
{
	if (strncmp(map, "gdbm:", 5) != 0 || map[5] == '\0')
		return -1;
	buf_reset(db_out);
	if (buf_printf(db_out, "%s.db", map + 5) < 0)
		return -1;
	if (src_out != NULL) {
		buf_reset(src_out);
		if (buf_append_str(src_out, map + 5) < 0)
			return -1;
	}
	return 0;
}
