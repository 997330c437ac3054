/*
 * imap_mbox.c - mailbox names between the wire and maildir/, LIST
 * wildcard matching, SPECIAL-USE by name.
 *
 * Trust:   names come from the client (checked here, then again by
 *          maildir/ before any path is built) or from the directory listing.
 * Limits:  names MAILDIR_FOLDER_NAME_MAX; patterns IMAP_PATTERN_WILDCARDS_MAX
 *          wildcards (the caller refuses more); matching allocates one row
 *          of len(name) + 1 flags.
 * Tests:   tests/unit/imapd/test_imap_mbox.c, tests/protocol/imap/list*.t
 *
 * Modified UTF-7: rfc822/imaputf7.c converts both ways, strictly (a name
 * that is not valid modified UTF-7 is refused, never guessed at).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <errno.h>

#include "buf.h"
#include "imaputf7.h"
#include "log.h"
#include "maildir.h"
#include "xmalloc.h"
#include "imap_mbox.h"

/* modified UTF-7 -> UTF-8 (rfc822/imaputf7.c, strict) */
static int wire_decode(const char *s, size_t n, struct buf *out, const char **error_r)
{
	if (imaputf7_to_utf8(s, n, out) < 0) {
		*error_r = errno == EMSGSIZE ? "Mailbox name too long" :
			   "Invalid modified UTF-7 in mailbox name";
		return -1;
	}
	return 0;
}

/* UTF-8 -> modified UTF-7 */
static int wire_encode(const char *s, struct buf *out)
{
	return imaputf7_from_utf8(s, strlen(s), out);
}

static bool is_inbox_prefix(const char *s, size_t n)
{
	return n >= 5 && strncasecmp(s, "INBOX", 5) == 0 && (n == 5 || s[5] == IMAP_HIERARCHY_SEP);
}

int imap_mbox_from_wire(const char *wire, size_t len, bool utf8, bool strip_sep,
			struct buf *out, const char **error_r)
{
	struct buf raw = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16);
	int r = -1;

	buf_reset(out);
	if (len == 0) {
		*error_r = "Empty mailbox name";
		return -1;
	}
	if (memchr(wire, '\0', len) != NULL) {
		*error_r = "Mailbox name contains a NUL byte";
		return -1;
	}
	if (strip_sep && len > 1 && wire[len - 1] == IMAP_HIERARCHY_SEP)
		len--;
	if (len > MAILDIR_FOLDER_NAME_MAX + 6) {
		*error_r = "Mailbox name too long";
		return -1;
	}
	if (utf8) {
		if (buf_append(&raw, wire, len) < 0) {
			*error_r = "Mailbox name too long";
			goto out;
		}
	} else if (wire_decode(wire, len, &raw, error_r) < 0) {
		goto out;
	}
	if (!is_inbox_prefix(raw.data, raw.len)) {
		*error_r = "Mailbox names are INBOX or INBOX.<name> (the namespace is \"INBOX.\")";
		goto out;
	}
	if (raw.len == 5) {
		r = buf_append_str(out, "INBOX");
		goto out;
	}
	/* the folder part, as maildir/ checks it */
	if (maildir_folder_check_n(raw.data + 6, raw.len - 6, error_r) < 0)
		goto out;
	if (buf_append_str(out, "INBOX.") < 0 || buf_append(out, raw.data + 6, raw.len - 6) < 0) {
		*error_r = "Mailbox name too long";
		goto out;
	}
	r = 0;
out:
	buf_free(&raw);
	return r;
}

int imap_mbox_pattern_from_wire(const char *wire, size_t len, bool utf8, struct buf *out,
				const char **error_r)
{
	if (memchr(wire, '\0', len) != NULL) {
		*error_r = "Mailbox pattern contains a NUL byte";
		return -1;
	}
	if (utf8) {
		if (buf_append(out, wire, len) < 0) {
			*error_r = "Mailbox pattern too long";
			return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)wire[i] < 0x20 || (unsigned char)wire[i] >= 0x7f) {
			*error_r = "Mailbox pattern contains a character outside modified UTF-7";
			return -1;
		}
	return wire_decode(wire, len, out, error_r);
}

int imap_mbox_to_wire(const char *name, bool utf8, struct buf *out)
{
	size_t was = out->len;

	if (utf8 ? buf_append_str(out, name) < 0 : wire_encode(name, out) < 0) {
		buf_truncate(out, was);
		return -1;
	}
	return 0;
}

size_t imap_mbox_wildcards(const char *pattern)
{
	size_t n = 0;

	for (; *pattern != '\0'; pattern++)
		n += *pattern == '*' || *pattern == '%';
	return n;
}

static bool char_eq(const char *pattern, size_t pi, const char *name, size_t ni)
{
	/* the five letters of a leading INBOX compare without case */
	if (pi == ni && pi < 5 && is_inbox_prefix(name, strlen(name)) &&
	    strncasecmp(pattern, "INBOX", 5) == 0)
		return (pattern[pi] | 0x20) == (name[ni] | 0x20);
	return pattern[pi] == name[ni];
}

bool imap_mbox_match(const char *pattern, const char *name)
{
	size_t pl = strlen(pattern), nl = strlen(name);
	/* m[j]: pattern[0..i) matches name[0..j) */
	bool *m = xcalloc(nl + 1, sizeof(bool)), *next = xcalloc(nl + 1, sizeof(bool)), *t;
	bool r;

	m[0] = true;
	for (size_t i = 0; i < pl; i++) {
		char c = pattern[i];

		memset(next, 0, (nl + 1) * sizeof(bool));
		if (c == '*' || c == '%') {
			bool run = false;

			for (size_t j = 0; j <= nl; j++) {
				/* extend the wildcard over name[j-1] */
				if (j > 0 && run && (c == '*' || name[j - 1] != IMAP_HIERARCHY_SEP))
					run = true;
				else if (j > 0 && c == '%' && name[j - 1] == IMAP_HIERARCHY_SEP)
					run = false;
				if (m[j])
					run = true;
				next[j] = run;
			}
		} else {
			for (size_t j = 0; j < nl; j++)
				if (m[j] && char_eq(pattern, i, name, j))
					next[j + 1] = true;
		}
		t = m;
		m = next;
		next = t;
	}
	r = m[nl];
	free(m);
	free(next);
	return r;
}

const char *imap_mbox_special_use(const char *name, const char *trash_name)
{
	static const struct { const char *folder, *attr; } uses[] = {
		{ "Trash", "\\Trash" }, { "Sent", "\\Sent" }, { "Drafts", "\\Drafts" },
		{ "Junk", "\\Junk" }, { "Archive", "\\Archive" },
	};
	const char *f;

	if (strncmp(name, "INBOX.", 6) != 0)
		return NULL;
	f = name + 6;
	if (trash_name != NULL && *trash_name != '\0' && strcmp(f, trash_name) == 0)
		return "\\Trash";
	for (size_t i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
		if (strcmp(f, uses[i].folder) == 0)
			return uses[i].attr;
	return NULL;
}
