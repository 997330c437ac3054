#include "config.h"
/*
 * maildirmake.c - create maildirs, Maildir++ folders and quotas, with
 * Courier's command line:
 *   maildirmake [-S] [-q QUOTA] [-f FOLDER | -F FOLDER] [-s read|write|group] DIR
 *   maildirmake --add NICK=PATH DIR      maildirmake --del NICK DIR
 *   maildirmake --checkutf8 DIR          maildirmake --convutf8 DIR
 * (--convutf8 renames pre-5.0 modified-UTF-7 folder names to UTF-8 and
 * rewrites courierimapsubscribed; --checkutf8 only prints what it would do.)
 *
 * Trust:   arguments come from the admin; folder names are still checked.
 * Runs as: the invoking user (the mailbox owner).
 * Limits:  names as in maildir.h.
 * Errors:  a message on stderr and exit 1 (Courier's maildirmake).
 * Tests:   tests/unit/maildir/test_tools.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xmalloc.h"
#include "maildir.h"
#include "maildir_quota.h"
#include "maildir_util.h"

static NORETURN void usage(void)
{
	fprintf(stderr,
		"Usage: maildirmake [-S] [-q quota] [-f folder] [-F folder] [-s read|write|group] maildir\n"
		"       maildirmake --add name=path maildir\n"
		"       maildirmake --del name maildir\n"
		"       maildirmake --checkutf8|--convutf8 maildir\n");
	exit(1);
}

static NORETURN void fail(const char *what, const char *why)
{
	fprintf(stderr, "maildirmake: %s: %s\n", what, why);
	exit(1);
}

/* Rewrite shared-maildirs: drop nick's line, then add "nick\tpath" if path. */
static void edit_shared(const char *maildir, const char *nick, const char *path)
{
	char *file = md_join(maildir, "shared-maildirs");
	struct buf in = BUF_INIT(1024 * 1024), out = BUF_INIT(1024 * 1024);
	size_t nl = strlen(nick);
	const char *p, *end;
	int r;

	if (file == NULL)
		fail(maildir, "path too long");
	if (nl == 0 || strchr(nick, '\t') != NULL || strchr(nick, '\n') != NULL ||
	    strchr(nick, '/') != NULL || strchr(nick, '.') != NULL)
		fail(nick, "invalid name");
	if (path != NULL && (strchr(path, '\n') != NULL || path[0] != '/'))
		fail(path, "the path must be absolute");
	r = md_read_file(file, in.max, &in, NULL);
	if (r < 0)
		fail(file, strerror(errno));
	p = in.data != NULL ? in.data : "";
	end = p + in.len;
	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		if (le == NULL)
			le = end;
		if (!((size_t)(le - p) > nl && strncmp(p, nick, nl) == 0 && p[nl] == '\t') &&
		    le > p) {
			if (buf_append(&out, p, (size_t)(le - p)) < 0 || buf_putc(&out, '\n') < 0)
				fail(file, "too large");
		}
		p = le < end ? le + 1 : end;
	}
	if (path != NULL && buf_printf(&out, "%s\t%s\n", nick, path) < 0)
		fail(file, "too large");
	if (md_replace_file(maildir, "shared-maildirs", "shared", out.data != NULL ? out.data : "",
			    out.len, 0644) != 0)
		fail(file, strerror(errno));
	buf_free(&in);
	buf_free(&out);
	free(file);
}

static int b64(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
	const char *p = c != '\0' ? strchr(t, c) : NULL;

	return p != NULL ? (int)(p - t) : -1;
}

static int put_utf8(struct buf *out, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_append(out, u, n);
}

/* Modified UTF-7 (already checked by maildir_folder_check_mutf7) to UTF-8. */
static int mutf7_to_utf8(const char *in, struct buf *out)
{
	const char *p = in;
	const char *err;

	buf_reset(out);
	if (maildir_folder_check_mutf7(in, &err) != 0)
		return -1;
	while (*p != '\0') {
		unsigned long bits = 0, hi = 0;
		int nbits = 0;

		if (*p != '&') {
			if (buf_putc(out, *p++) < 0)
				return -1;
			continue;
		}
		p++;
		if (*p == '-') {
			if (buf_putc(out, '&') < 0)
				return -1;
			p++;
			continue;
		}
		for (; *p != '-'; p++) {
			bits = (bits << 6) | (unsigned long)b64(*p);
			nbits += 6;
			if (nbits >= 16) {
				unsigned long u = (bits >> (nbits - 16)) & 0xffff;
				nbits -= 16;
				bits &= (1ul << nbits) - 1;
				if (u >= 0xd800 && u <= 0xdbff) {
					hi = u;
					continue;
				}
				if (hi != 0) {
					u = 0x10000 + ((hi - 0xd800) << 10) + (u - 0xdc00);
					hi = 0;
				}
				if (put_utf8(out, u) < 0)
					return -1;
			}
		}
		p++;
	}
	return 0;
}

/* --checkutf8 / --convutf8: folder names and courierimapsubscribed. */
static int convert_utf8(const char *maildir, bool doit)
{
	DIR *d = opendir(maildir);
	struct dirent *de;
	struct buf u = BUF_INIT(4 * MAILDIR_FOLDER_NAME_MAX);
	const char *err;
	int rc = 0;
	char *subs;
	struct buf in = BUF_INIT(16 * 1024 * 1024), out = BUF_INIT(64 * 1024 * 1024);

	if (d == NULL)
		fail(maildir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		const char *name = de->d_name + 1;
		char *from, *to, *dotted;
		struct stat st;

		if (de->d_name[0] != '.' || strchr(name, '&') == NULL)
			continue;
		from = md_join(maildir, de->d_name);
		if (from == NULL || lstat(from, &st) != 0 || !S_ISDIR(st.st_mode) ||
		    mutf7_to_utf8(name, &u) != 0 || strcmp(buf_cstr(&u), name) == 0 ||
		    maildir_folder_check(buf_cstr(&u), &err) != 0) {
			free(from);
			continue;
		}
		dotted = xmalloc(u.len + 2);
		sprintf(dotted, ".%s", buf_cstr(&u));
		to = md_join(maildir, dotted);
		free(dotted);
		if (to == NULL || lstat(to, &st) == 0) {
			fprintf(stderr, "maildirmake: %s: the UTF-8 name already exists\n", de->d_name);
			rc = 1;
		} else {
			printf("Renaming %s to .%s\n", de->d_name, buf_cstr(&u));
			if (doit && rename(from, to) != 0) {
				fprintf(stderr, "maildirmake: %s: %s\n", de->d_name, strerror(errno));
				rc = 1;
			}
		}
		free(from);
		free(to);
	}
	closedir(d);
	subs = md_join(maildir, "courierimapsubscribed");
	if (subs != NULL && md_read_file(subs, in.max, &in, NULL) == 1) {
		const char *p = in.data != NULL ? in.data : "", *end = p + in.len;
		bool changed = false;
		while (p < end) {
			const char *le = memchr(p, '\n', (size_t)(end - p));
			char *line;
			if (le == NULL)
				le = end;
			line = xstrndup(p, (size_t)(le - p));
			p = le < end ? le + 1 : end;
			if (strchr(line, '&') != NULL && mutf7_to_utf8(line, &u) == 0 &&
			    strcmp(line, buf_cstr(&u)) != 0) {
				printf("Subscription %s becomes %s\n", line, buf_cstr(&u));
				changed = true;
				if (buf_append(&out, u.data, u.len) < 0)
					rc = 1;
			} else if (buf_append_str(&out, line) < 0) {
				rc = 1;
			}
			if (buf_putc(&out, '\n') < 0)
				rc = 1;
			free(line);
		}
		if (doit && changed && rc == 0 &&
		    md_replace_file(maildir, "courierimapsubscribed", "subscribed", out.data,
				    out.len, 0600) != 0) {
			fprintf(stderr, "maildirmake: courierimapsubscribed: %s\n", strerror(errno));
			rc = 1;
		}
	}
	free(subs);
	buf_free(&u);
	buf_free(&in);
	buf_free(&out);
	return rc;
}

int main(int argc, char **argv)
{
	const char *quota = NULL, *folder = NULL, *share = NULL, *add = NULL, *del = NULL;
	const char *dir, *err;
	bool sharable = false;
	mode_t mode = 0700;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "-S") == 0) {
			sharable = true;
		} else if (strcmp(a, "-q") == 0 && i + 1 < argc) {
			quota = argv[++i];
		} else if ((strcmp(a, "-f") == 0 || strcmp(a, "-F") == 0) && i + 1 < argc) {
			folder = argv[++i];
		} else if (strcmp(a, "-s") == 0 && i + 1 < argc) {
			share = argv[++i];
		} else if (strcmp(a, "--add") == 0 && i + 1 < argc) {
			add = argv[++i];
		} else if (strcmp(a, "--del") == 0 && i + 1 < argc) {
			del = argv[++i];
		} else if (strcmp(a, "--checkutf8") == 0 || strcmp(a, "--convutf8") == 0) {
			if (i + 2 != argc)
				usage();
			return convert_utf8(argv[i + 1], strcmp(a, "--convutf8") == 0);
		} else if (strncmp(a, "-q", 2) == 0 && a[2] != '\0') {
			quota = a + 2;
		} else if (strncmp(a, "-f", 2) == 0 && a[2] != '\0') {
			folder = a + 2;
		} else {
			usage();
		}
	}
	if (i != argc - 1)
		usage();
	dir = argv[i];
	if (add != NULL || del != NULL) {
		if (add != NULL) {
			char *nick = xstrdup(add), *eq = strchr(nick, '=');
			if (eq == NULL)
				usage();
			*eq = '\0';
			edit_shared(dir, nick, eq + 1);
			free(nick);
		} else {
			edit_shared(dir, del, NULL);
		}
		return 0;
	}
	umask(0);
	if (share != NULL) {
		if (folder == NULL)
			fail("-s", "needs -f folder");
		if (strcmp(share, "read") == 0)
			mode = 0755;
		else if (strcmp(share, "write") == 0)
			mode = 01777;
		else if (strcmp(share, "group") == 0)
			mode = 0750;
		else
			fail(share, "must be read, write or group");
	}
	if (folder != NULL) {
		char *name;
		if (folder[0] == '.' || strchr(folder, '/') != NULL)
			fail(folder, "invalid folder name");
		if (!maildir_is_maildir(dir))
			fail(dir, "not a maildir");
		name = xmalloc(strlen(folder) + 7);
		sprintf(name, "INBOX.%s", folder);
		if (maildir_folder_check(folder, &err) != 0)
			fail(folder, err);
		if (maildir_folder_create(dir, name, mode, &err) != 0)
			fail(folder, err);
		free(name);
		return 0;
	}
	if (quota != NULL) {
		if (!maildir_is_maildir(dir) && maildir_create(dir, 0700) != 0)
			fail(dir, strerror(errno));
		if (maildir_quota_set(dir, quota, &err) != 0)
			fail(quota, err);
		return 0;
	}
	if (sharable)
		mode = 0755;
	{
		struct stat st;
		if (lstat(dir, &st) == 0)
			fail(dir, strerror(EEXIST));
	}
	if (maildir_create(dir, mode) != 0)
		fail(dir, strerror(errno));
	return 0;
}
