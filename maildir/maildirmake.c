#include "config.h"
/*
 * maildirmake.c - create maildirs, Maildir++ folders and quotas, with
 * Courier's command line:
 *   maildirmake [-S] [-q QUOTA] [-f FOLDER | -F FOLDER] [-s read|write|group] DIR
 *   maildirmake --add NICK=PATH DIR      maildirmake --del NICK DIR
 *
 * Trust:   arguments come from the admin; folder names are still checked.
 * Runs as: the invoking user (the mailbox owner).
 * Limits:  names as in maildir.h.
 * Errors:  a message on stderr and exit 1 (Courier's maildirmake).
 * Tests:   tests/unit/maildir/test_tools.c
 */
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

static void usage(void)
{
	fprintf(stderr,
		"Usage: maildirmake [-S] [-q quota] [-f folder] [-F folder] [-s read|write|group] maildir\n"
		"       maildirmake --add name=path maildir\n"
		"       maildirmake --del name maildir\n");
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
