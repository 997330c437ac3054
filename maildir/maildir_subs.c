#include "config.h"
/*
 * maildir_subs.c - courierimapsubscribed: read, subscribe, unsubscribe,
 * rename, always rewriting the whole file through tmp/ + rename under the
 * folder lock so concurrent sessions never lose an update.
 *
 * Trust:   the file is untrusted: bad lines are dropped, sizes capped.
 * Runs as: the mailbox owner.
 * Limits:  MAILDIR_SUBS_FILE_MAX bytes, MAILDIR_SUBS_MAX names.
 * Errors:  -1 with errno.
 * Tests:   tests/unit/maildir/test_subs.c, tests/fuzz/fuzz_maildir_subs.c
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "xmalloc.h"
#include "maildir_limits.h"
#include "maildir_lock.h"
#include "maildir_subs.h"
#include "maildir_util.h"

#define SUBS_LINE_MAX (MAILDIR_FOLDER_NAME_MAX + 6)

static bool name_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n > SUBS_LINE_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

bool maildir_subs_has(const struct maildir_subs *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->name[i], name) == 0)
			return true;
	return false;
}

static void subs_push(struct maildir_subs *s, const char *p, size_t n)
{
	s->name = array_grow(s->name, &s->cap, s->n, 1, sizeof(*s->name));
	s->name[s->n++] = xstrndup(p, n);
}

int maildir_subs_parse(const char *text, size_t n, struct maildir_subs *s)
{
	const char *p = text, *end = text + n;

	maildir_subs_free(s);
	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		size_t len;
		char *tmp;

		if (le == NULL)
			le = end;
		len = (size_t)(le - p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (name_ok(p, len)) {
			tmp = xstrndup(p, len);
			if (!maildir_subs_has(s, tmp)) {
				if (s->n >= MAILDIR_SUBS_MAX) {
					free(tmp);
					maildir_subs_free(s);
					errno = EFBIG;
					return -1;
				}
				subs_push(s, p, len);
			}
			free(tmp);
		}
		p = le < end ? le + 1 : end;
	}
	return 0;
}

int maildir_subs_read(const char *maildir, struct maildir_subs *s)
{
	char *path = md_join(maildir, MAILDIR_SUBS_FILE);
	struct buf b = BUF_INIT(MAILDIR_SUBS_FILE_MAX + 1);
	int r;

	maildir_subs_free(s);
	if (path == NULL)
		return -1;
	r = md_read_file(path, MAILDIR_SUBS_FILE_MAX, &b, NULL);
	free(path);
	if (r == 1)
		r = maildir_subs_parse(b.data != NULL ? b.data : "", b.len, s) == 0 ? 0 : -1;
	buf_free(&b);
	return r < 0 ? -1 : 0;
}

static int subs_write(const char *maildir, const struct maildir_subs *s)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t i;
	int rc = 0;

	for (i = 0; i < s->n && rc == 0; i++)
		rc = buf_printf(&out, "%s\n", s->name[i]);
	if (rc == 0)
		rc = md_replace_file(maildir, MAILDIR_SUBS_FILE, "subscribed",
				     out.data != NULL ? out.data : "", out.len, 0600);
	buf_free(&out);
	return rc;
}

enum subs_op { SUBS_ADD, SUBS_REMOVE, SUBS_RENAME };

static int subs_update(const char *maildir, enum subs_op op, const char *a, const char *b)
{
	struct maildir_subs s = MAILDIR_SUBS_INIT;
	size_t i, k, al = strlen(a);
	bool changed = false;
	int rc, e;

	if (!name_ok(a, al) || (b != NULL && !name_ok(b, strlen(b)))) {
		errno = EINVAL;
		return -1;
	}
	if (maildir_lock_folder(maildir) != 0)
		return -1;
	rc = maildir_subs_read(maildir, &s);
	if (rc == 0) {
		switch (op) {
		case SUBS_ADD:
			if (!maildir_subs_has(&s, a)) {
				if (s.n >= MAILDIR_SUBS_MAX) {
					errno = EFBIG;
					rc = -1;
					break;
				}
				subs_push(&s, a, al);
				changed = true;
			}
			break;
		case SUBS_REMOVE:
			for (i = 0, k = 0; i < s.n; i++) {
				if (strcmp(s.name[i], a) == 0) {
					free(s.name[i]);
					changed = true;
					continue;
				}
				s.name[k++] = s.name[i];
			}
			s.n = k;
			break;
		case SUBS_RENAME:
			for (i = 0; i < s.n; i++) {
				char *nn;
				if (strncmp(s.name[i], a, al) != 0 ||
				    (s.name[i][al] != '\0' && s.name[i][al] != '.'))
					continue;
				nn = xmalloc(strlen(b) + strlen(s.name[i] + al) + 1);
				strcpy(nn, b);
				strcat(nn, s.name[i] + al);
				free(s.name[i]);
				s.name[i] = nn;
				changed = true;
			}
			break;
		}
	}
	if (rc == 0 && changed)
		rc = subs_write(maildir, &s);
	e = errno;
	maildir_unlock_folder(maildir);
	maildir_subs_free(&s);
	errno = e;
	return rc;
}

int maildir_subs_add(const char *maildir, const char *name)
{
	return subs_update(maildir, SUBS_ADD, name, NULL);
}

int maildir_subs_remove(const char *maildir, const char *name)
{
	return subs_update(maildir, SUBS_REMOVE, name, NULL);
}

int maildir_subs_rename(const char *maildir, const char *oldname, const char *newname)
{
	return subs_update(maildir, SUBS_RENAME, oldname, newname);
}

void maildir_subs_free(struct maildir_subs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->name[i]);
	free(s->name);
	s->name = NULL;
	s->n = s->cap = 0;
}
