/*
 * imap_capa.c - the CAPABILITY string.
 *
 * Trust:   the configuration is the admin's; its words are still checked
 *          (printable atoms only) before they go on the wire.
 * Limits:  the caller's buf.
 * Tests:   tests/unit/imapd/test_imap_capa.c, tests/protocol/imap/capability*.t
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth_sasl.h"
#include "buf.h"
#include "cfg.h"
#include "imap_capa.h"
#include "imap_config.h"

/* What imaplogin and imapd implement at this commit.  A capability of the
   config that is missing here is not advertised; add it here in the
   commit that implements it. */
static const char *const implemented[] = {
	"IMAP4rev1", "CHILDREN", "NAMESPACE", "ID", "ENABLE", "UTF8=ACCEPT",
	"LITERAL+", "SASL-IR", "SPECIAL-USE", "STARTTLS", "LOGINDISABLED",
	"UIDPLUS", "QUOTA", "IDLE", "UNSELECT", "MOVE",
	"SORT", "SORT=DISPLAY", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES", NULL
};

bool imap_capa_implemented(const char *atom)
{
	if (strncasecmp(atom, "AUTH=", 5) == 0)
		return auth_sasl_mech_known(atom + 5);
	for (size_t i = 0; implemented[i] != NULL; i++)
		if (strcasecmp(implemented[i], atom) == 0)
			return true;
	return false;
}

bool imap_capa_has(const char *list, const char *atom)
{
	size_t pos = 0;
	char *w;
	bool found = false;

	while (!found && (w = cfg_list_next(list, &pos)) != NULL) {
		found = strcasecmp(w, atom) == 0;
		free(w);
	}
	return found;
}

static bool printable_atom(const char *w)
{
	if (*w == '\0')
		return false;
	for (; *w != '\0'; w++)
		if ((unsigned char)*w <= 0x20 || (unsigned char)*w >= 0x7f || *w == '(' ||
		    *w == ')' || *w == '{' || *w == '"' || *w == '\\' || *w == '%' || *w == '*')
			return false;
	return true;
}

/* Append each word of list that passes the filter, once. */
static int add_words(struct buf *out, const char *list, enum imap_capa_phase phase)
{
	size_t pos = 0;
	char *w;
	int r = 0;

	while (r == 0 && (w = cfg_list_next(list, &pos)) != NULL) {
		bool skip = !printable_atom(w) || !imap_capa_implemented(w) ||
			    imap_capa_has(buf_cstr(out), w) ||
			    strcasecmp(w, "STARTTLS") == 0 || strcasecmp(w, "LOGINDISABLED") == 0;

		/* after the login, AUTH= and SASL-IR no longer apply (RFC 3501 7.2.1) */
		if (phase == IMAP_CAPA_POSTLOGIN &&
		    (strncasecmp(w, "AUTH=", 5) == 0 || strcasecmp(w, "SASL-IR") == 0))
			skip = true;
		if (!skip && ((out->len > 0 && buf_putc(out, ' ') < 0) || buf_append_str(out, w) < 0))
			r = -1;
		free(w);
	}
	return r;
}

int imap_capa_build(struct buf *out, const struct imap_config *cfg,
		    const struct imap_capa_state *st, enum imap_capa_phase phase)
{
	const char *base = cfg->capability;

	buf_reset(out);
	if (st->tls && cfg->capability_tls != NULL && *cfg->capability_tls != '\0')
		base = cfg->capability_tls;
	if (base == NULL || *base == '\0')
		base = "IMAP4rev1";
	/* IMAP4rev1 comes first whatever the config's order */
	if (buf_append_str(out, "IMAP4rev1") < 0 || add_words(out, base, phase) < 0)
		return -1;
	if (cfg->smap_capability != NULL && *cfg->smap_capability != '\0' &&
	    add_words(out, "SMAP1", phase) < 0)
		return -1;
	if (cfg->acl && add_words(out, "ACL ACL2=UNION", phase) < 0)
		return -1;
	if (cfg->id_fields != NULL && *cfg->id_fields != '\0' && add_words(out, "ID", phase) < 0)
		return -1;
	if (phase == IMAP_CAPA_PRELOGIN && st->starttls) {
		if (buf_append_str(out, " STARTTLS") < 0)
			return -1;
	}
	if (phase == IMAP_CAPA_PRELOGIN && st->login_disabled &&
	    buf_append_str(out, " LOGINDISABLED") < 0)
		return -1;
	if (cfg->move_expunge_to_trash && add_words(out, "XMAGICTRASH", phase) < 0)
		return -1;
	return add_words(out, "ENABLE UTF8=ACCEPT", phase);
}
