/*
 * imap_flags.c - flag lists from the wire.
 *
 * Trust:   the client's atoms; every flag checked, keywords with maildir/'s
 *          rule.
 * Limits:  IMAP_FLAGS_KEYWORDS_MAX keywords.
 * Tests:   tests/unit/imapd/test_imap_seqset.c (flags part), store*.t
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "maildir_keywords.h"
#include "maildir_name.h"
#include "imap_parser.h"
#include "imap_flags.h"

static const struct {
	const char *name;
	unsigned bit;
} sysflags[] = {
	{ "\\Answered", MAILDIR_F_REPLIED },
	{ "\\Flagged", MAILDIR_F_FLAGGED },
	{ "\\Deleted", MAILDIR_F_TRASHED },
	{ "\\Seen", MAILDIR_F_SEEN },
	{ "\\Draft", MAILDIR_F_DRAFT },
};

static const char *one_flag(const struct imap_arg *a, unsigned *flags, const char **kws,
			    size_t *nkws)
{
	if (a->type != IMAP_ARG_ATOM)
		return "Flags must be atoms";
	if (a->str[0] == '\\') {
		for (size_t i = 0; i < sizeof(sysflags) / sizeof(sysflags[0]); i++)
			if (strcasecmp(a->str, sysflags[i].name) == 0) {
				*flags |= sysflags[i].bit;
				return NULL;
			}
		if (strcasecmp(a->str, "\\Recent") == 0)
			return NULL;
		return "Unknown system flag";
	}
	if (!maildir_kw_is_valid(a->str))
		return "Invalid keyword";
	for (size_t i = 0; i < *nkws; i++)
		if (strcasecmp(kws[i], a->str) == 0)
			return NULL;
	if (*nkws >= IMAP_FLAGS_KEYWORDS_MAX)
		return "[LIMIT] Too many keywords";
	kws[(*nkws)++] = a->str;
	return NULL;
}

const char *imap_flags_parse(const struct imap_arg *a, size_t n, unsigned *flags,
			     const char **kws, size_t *nkws)
{
	for (size_t i = 0; i < n; i++) {
		const char *why = one_flag(&a[i], flags, kws, nkws);

		if (why != NULL)
			return why;
	}
	return NULL;
}

void imap_flags_letters(unsigned flags, char *out)
{
	size_t k = 0;

	for (unsigned i = 0; MAILDIR_FLAG_LETTERS[i] != '\0'; i++)
		if (flags & (1u << i))
			out[k++] = MAILDIR_FLAG_LETTERS[i];
	out[k] = '\0';
}
