/*
 * imap_config.c - imaplogin's and imapd's parameter table.
 *
 * Trust:   the environment is set by our parent (couriertcpd, mailctl, the
 *          login program); values are still range-checked by lib/cfg.
 * Tests:   tests/unit/imapd/test_imap_config.c
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "env.h"
#include "log.h"
#include "imap_config.h"

/* Courier's boolean test: set and starting with y, Y or 1. */
static bool is_yes(const char *v)
{
	return v != NULL && (*v == 'y' || *v == 'Y' || *v == '1');
}

enum { RAW_TLS, RAW_TLS_REQUIRED, RAW_ACL, RAW_MOVE_TRASH, RAW_PLAIN, RAW_SANITY,
       RAW_CHECK_ALL, RAW_OBSOLETE, RAW_USELOCKS, RAW_THREADSORT, RAW_ENHIDLE,
       RAW_LOGDEL, RAW_PROXY, RAW_N };

/* Booleans are read as text and tested like Courier does, so an empty or
   odd value never stops the service. */
#define IMAP_CONFIG_TAB(c, r) { \
	{ "IMAP_CAPABILITY", CFG_STR, "IMAP4rev1", &(c)->capability, 0, 0 }, \
	{ "IMAP_CAPABILITY_TLS", CFG_STR, "", &(c)->capability_tls, 0, 0 }, \
	{ "IMAP_CAPABILITY_ORIG", CFG_STR, "", NULL, 0, 0 }, \
	{ "IMAP_CAPABILITY_TLS_ORIG", CFG_STR, "", NULL, 0, 0 }, \
	{ "IMAP_TLS", CFG_STR, "0", &(r)[RAW_TLS], 0, 0 }, \
	{ "IMAP_STARTTLS", CFG_STR, "NO", &(c)->starttls, 0, 0 }, \
	{ "IMAP_TLS_REQUIRED", CFG_STR, "0", &(r)[RAW_TLS_REQUIRED], 0, 0 }, \
	{ "IMAP_ACL", CFG_STR, "0", &(r)[RAW_ACL], 0, 0 }, \
	{ "SMAP_CAPABILITY", CFG_STR, "", &(c)->smap_capability, 0, 0 }, \
	{ "IMAP_ID_FIELDS", CFG_STR, "", &(c)->id_fields, 0, 0 }, \
	{ "OUTBOX", CFG_STR, "", &(c)->outbox, 0, 0 }, \
	{ "IMAP_MOVE_EXPUNGE_TO_TRASH", CFG_STR, "0", &(r)[RAW_MOVE_TRASH], 0, 0 }, \
	{ "COURIERTLS", CFG_STR, "", &(c)->couriertls, 0, 0 }, \
	{ "TLS_USER", CFG_STR, "", &(c)->tls_user, 0, 0 }, \
	{ "DEFDOMAIN", CFG_STR, "", &(c)->defdomain, 0, 0 }, \
	{ "IMAP_PLAINTEXT_INSECURE", CFG_STR, "0", &(r)[RAW_PLAIN], 0, 0 }, \
	{ "MAILDIRPATH", CFG_STR, "Maildir", &(c)->maildirpath, 0, 0 }, \
	{ "IMAP_MAILBOX_SANITY_CHECK", CFG_STR, "1", &(r)[RAW_SANITY], 0, 0 }, \
	{ "IMAP_TRASHFOLDERNAME", CFG_STR, "Trash", &(c)->trashfoldername, 0, 0 }, \
	{ "IMAP_EMPTYTRASH", CFG_STR, "", &(c)->emptytrash, 0, 0 }, \
	{ "IMAP_CHECK_ALL_FOLDERS", CFG_STR, "0", &(r)[RAW_CHECK_ALL], 0, 0 }, \
	{ "IMAP_OBSOLETE_CLIENT", CFG_STR, "0", &(r)[RAW_OBSOLETE], 0, 0 }, \
	{ "IMAP_USELOCKS", CFG_STR, "1", &(r)[RAW_USELOCKS], 0, 0 }, \
	{ "IMAP_KEYWORDS", CFG_INT, "1", &(c)->keywords, 0, 2 }, \
	{ "IMAP_IDLE_TIMEOUT", CFG_INT, "60", &(c)->idle_timeout, 1, 86400 }, \
	{ "IMAP_DISABLETHREADSORT", CFG_STR, "0", &(r)[RAW_THREADSORT], 0, 0 }, \
	{ "IMAP_ENHANCEDIDLE", CFG_STR, "0", &(r)[RAW_ENHIDLE], 0, 0 }, \
	{ "IMAP_UMASK", CFG_STR, "022", &(c)->umask, 0, 0 }, \
	{ "IMAP_ULIMITD", CFG_INT, "0", &(c)->ulimitd, 0, 1LL << 40 }, \
	{ "IMAP_SHAREDINDEXFILE", CFG_STR, "", &(c)->sharedindexfile, 0, 0 }, \
	{ "IMAP_LOG_DELETIONS", CFG_STR, "0", &(r)[RAW_LOGDEL], 0, 0 }, \
	{ "IMAP_PROXY", CFG_STR, "0", &(r)[RAW_PROXY], 0, 0 }, \
	{ "STAFETA_TEST_IMAP_LOGIN_DELAY", CFG_INT, "5", &(c)->login_delay, 0, 60 }, \
	{ "STAFETA_TEST_IMAP_LOGIN_DEADLINE", CFG_INT, "60", &(c)->login_deadline, 1, 3600 }, \
	{ "STAFETA_TEST_IMAP_AUTOLOGOUT", CFG_INT, "1800", &(c)->autologout, 1, 86400 }, \
	{ NULL, CFG_STR, NULL, NULL, 0, 0 } \
}

/* Read but not used by the programs themselves (the start scripts,
   mailctl or a later part of imapd read them); known, so not warned. */
static const char *const known_other[] = {
	"IMAP_PROXY_FOREIGN", "IMAP_SHAREDMUNGENAMES",
	"IMAPDEBUGFILE", NULL
};

int imap_config_load(struct imap_config *c, const char **error_r)
{
	char *raw[RAW_N];
	struct cfg_param tab[] = IMAP_CONFIG_TAB(c, raw);
	char *scratch[4] = { NULL, NULL, NULL, NULL };
	size_t i, k = 0;
	int r;

	memset(c, 0, sizeof(*c));
	memset(raw, 0, sizeof(raw));
	/* the _ORIG variables are only for Courier's webadmin: read, dropped */
	for (i = 0; tab[i].name != NULL; i++)
		if (tab[i].var == NULL)
			tab[i].var = &scratch[k++];
	r = cfg_load_env(tab, error_r);
	c->tls = is_yes(raw[RAW_TLS]);
	c->tls_required = is_yes(raw[RAW_TLS_REQUIRED]);
	c->acl = is_yes(raw[RAW_ACL]);
	c->move_expunge_to_trash = is_yes(raw[RAW_MOVE_TRASH]);
	c->plain_insecure = is_yes(raw[RAW_PLAIN]);
	c->mailbox_sanity_check = is_yes(raw[RAW_SANITY]);
	c->check_all_folders = is_yes(raw[RAW_CHECK_ALL]);
	c->obsolete_client = is_yes(raw[RAW_OBSOLETE]);
	/* unset is on; a value whose first character is not 1 turns it off */
	c->uselocks = raw[RAW_USELOCKS] == NULL || raw[RAW_USELOCKS][0] == '1';
	c->disablethreadsort = is_yes(raw[RAW_THREADSORT]);
	c->enhancedidle = is_yes(raw[RAW_ENHIDLE]);
	c->log_deletions = is_yes(raw[RAW_LOGDEL]);
	c->proxy = is_yes(raw[RAW_PROXY]);
	for (i = 0; i < RAW_N; i++)
		free(raw[i]);
	for (i = 0; i < k; i++)
		free(scratch[i]);
	if (r < 0)
		imap_config_free(c);
	return r;
}

void imap_config_free(struct imap_config *c)
{
	char **s[] = { &c->capability, &c->capability_tls, &c->starttls, &c->smap_capability,
		       &c->id_fields, &c->outbox, &c->couriertls, &c->tls_user, &c->defdomain,
		       &c->maildirpath, &c->trashfoldername, &c->emptytrash, &c->umask,
		       &c->sharedindexfile };

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		free(*s[i]);
		*s[i] = NULL;
	}
}

struct unknown_ctx {
	const struct cfg_param *tab;
	int n;
};

static int warn_one(const char *name, size_t len, void *vctx)
{
	struct unknown_ctx *u = vctx;

	for (size_t i = 0; u->tab[i].name != NULL; i++)
		if (strlen(u->tab[i].name) == len && strncmp(u->tab[i].name, name, len) == 0)
			return 0;
	for (size_t i = 0; known_other[i] != NULL; i++)
		if (strlen(known_other[i]) == len && strncmp(known_other[i], name, len) == 0)
			return 0;
	log_msg(LOGL_WARN, "unknown setting %.*s ignored", (int)(len > 64 ? 64 : len), name);
	u->n++;
	return 0;
}

int imap_config_warn_unknown(void)
{
	struct imap_config c;
	char *raw[RAW_N];
	const struct cfg_param tab[] = IMAP_CONFIG_TAB(&c, raw);
	struct unknown_ctx u = { tab, 0 };

	(void)env_foreach_name("IMAP_", warn_one, &u);
	return u.n;
}
