/*
 * pop3_config.c - pop3login's and pop3d's parameter table.
 *
 * Trust:   the environment is set by our parent (couriertcpd, mailctl, the
 *          login program); values are still range-checked by lib/cfg.
 * Tests:   tests/unit/pop3d/test_pop3_config.c
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "pop3_config.h"

/* Courier's boolean test: set and starting with y, Y or 1. */
static bool is_yes(const char *v)
{
	return v != NULL && (*v == 'y' || *v == 'Y' || *v == '1');
}

/* Booleans are read as text and tested like Courier does, so an empty or
   odd value ("", "YES please") never stops the service. */
struct pop3_config_raw {
	char *pop3_tls, *tls_required, *log_deletions, *plain_insecure;
};

#define POP3_CONFIG_TAB(c, raw) { \
	{ "MAILDIRPATH", CFG_STR, "Maildir", &(c)->maildirpath, 0, 0 }, \
	{ "POP3AUTH", CFG_STR, "", &(c)->pop3auth, 0, 0 }, \
	{ "POP3AUTH_TLS", CFG_STR, "", &(c)->pop3auth_tls, 0, 0 }, \
	{ "POP3_TLS", CFG_STR, "0", &(raw)->pop3_tls, 0, 0 }, \
	{ "POP3_STARTTLS", CFG_STR, "NO", &(c)->pop3_starttls, 0, 0 }, \
	{ "POP3_TLS_REQUIRED", CFG_STR, "0", &(raw)->tls_required, 0, 0 }, \
	{ "COURIERTLS", CFG_STR, "", &(c)->couriertls, 0, 0 }, \
	{ "TLS_USER", CFG_STR, "", &(c)->tls_user, 0, 0 }, \
	{ "POP3_LOG_DELETIONS", CFG_STR, "0", &(raw)->log_deletions, 0, 0 }, \
	{ "POP3_PLAINTEXT_INSECURE", CFG_STR, "0", &(raw)->plain_insecure, 0, 0 }, \
	{ "DEFDOMAIN", CFG_STR, "", &(c)->defdomain, 0, 0 }, \
	{ "STAFETA_TEST_POP3_LOGIN_DELAY", CFG_INT, "5", &(c)->login_delay, 0, 60 }, \
	{ "STAFETA_TEST_POP3_LOGIN_DEADLINE", CFG_INT, "60", &(c)->login_deadline, 1, 3600 }, \
	{ "STAFETA_TEST_POP3_IDLE_TIMEOUT", CFG_INT, "300", &(c)->idle_timeout, 1, 86400 }, \
	{ NULL, CFG_STR, NULL, NULL, 0, 0 } \
}

int pop3_config_load(struct pop3_config *c, const char **error_r)
{
	struct pop3_config_raw raw;
	const struct cfg_param tab[] = POP3_CONFIG_TAB(c, &raw);
	int r;

	memset(c, 0, sizeof(*c));
	memset(&raw, 0, sizeof(raw));
	r = cfg_load_env(tab, error_r);
	c->pop3_tls = is_yes(raw.pop3_tls);
	c->tls_required = is_yes(raw.tls_required);
	c->log_deletions = is_yes(raw.log_deletions);
	c->plain_insecure = is_yes(raw.plain_insecure);
	free(raw.pop3_tls);
	free(raw.tls_required);
	free(raw.log_deletions);
	free(raw.plain_insecure);
	if (r < 0)
		pop3_config_free(c);
	return r;
}

void pop3_config_free(struct pop3_config *c)
{
	free(c->maildirpath);
	free(c->pop3auth);
	free(c->pop3auth_tls);
	free(c->pop3_starttls);
	free(c->couriertls);
	free(c->tls_user);
	free(c->defdomain);
	c->maildirpath = c->pop3auth = c->pop3auth_tls = c->pop3_starttls = NULL;
	c->couriertls = c->tls_user = c->defdomain = NULL;
}
