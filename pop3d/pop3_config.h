/*
 * pop3_config.h - the settings pop3login and pop3d read from the environment
 * (Courier's model: the start script exports every variable of etc/pop3d and
 * etc/pop3d-ssl; spec/courier-config.md section 5), through lib/cfg.
 */
#ifndef STAFETA_POP3_CONFIG_H
#define STAFETA_POP3_CONFIG_H

#include <stdbool.h>

struct pop3_config {
	char     *maildirpath;      /* MAILDIRPATH: default maildir under HOME */
	char     *pop3auth;         /* POP3AUTH: SASL mechanisms without TLS */
	char     *pop3auth_tls;     /* POP3AUTH_TLS: with TLS */
	bool      pop3_tls;         /* POP3_TLS: the session is encrypted */
	char     *pop3_starttls;    /* POP3_STARTTLS: y/Y... = offer STLS */
	bool      tls_required;     /* POP3_TLS_REQUIRED */
	char     *couriertls;       /* COURIERTLS */
	char     *tls_user;         /* TLS_USER: couriertls drops to it (Stafeta) */
	bool      log_deletions;    /* POP3_LOG_DELETIONS */
	bool      plain_insecure;   /* POP3_PLAINTEXT_INSECURE (Stafeta): allow
				       USER/PASS and PLAIN/LOGIN without TLS from
				       any address, not only loopback */
	char     *defdomain;        /* DEFDOMAIN */
	/* test hooks (STAFETA_TEST_*; see pop3d(8)): */
	long long login_delay;      /* seconds after a failed login (5) */
	long long login_deadline;   /* pre-auth deadline, seconds (60) */
	long long idle_timeout;     /* post-auth idle timeout, seconds (300) */
};

/* Defaults, then the environment.  0, or -1 with *error_r (a value out of
   range). */
int pop3_config_load(struct pop3_config *c, const char **error_r);
void pop3_config_free(struct pop3_config *c);

#endif
