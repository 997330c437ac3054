/*
 * imap_config.h - the settings imaplogin and imapd read from the
 * environment (Courier's model: every variable of etc/imapd and
 * etc/imapd-ssl is exported by the start script; spec/courier-config.md
 * sections 3, 4 and 6), through lib/cfg.  Booleans follow Courier's test:
 * set and starting with y, Y or 1 (IMAP_USELOCKS: unset is on).
 */
#ifndef STAFETA_IMAP_CONFIG_H
#define STAFETA_IMAP_CONFIG_H

#include <stdbool.h>

struct imap_config {
	/* capabilities (imap_capa.c) */
	char     *capability;         /* IMAP_CAPABILITY */
	char     *capability_tls;     /* IMAP_CAPABILITY_TLS */
	bool      tls;                /* IMAP_TLS: the session is encrypted */
	char     *starttls;           /* IMAP_STARTTLS: y... = offer STARTTLS */
	bool      tls_required;       /* IMAP_TLS_REQUIRED */
	bool      acl;                /* IMAP_ACL */
	char     *smap_capability;    /* SMAP_CAPABILITY */
	char     *id_fields;          /* IMAP_ID_FIELDS (NULL/"" = unset) */
	char     *outbox;             /* OUTBOX */
	bool      move_expunge_to_trash; /* IMAP_MOVE_EXPUNGE_TO_TRASH */
	/* login */
	char     *couriertls;         /* COURIERTLS */
	char     *tls_user;           /* TLS_USER (Stafeta) */
	char     *defdomain;          /* DEFDOMAIN */
	bool      plain_insecure;     /* IMAP_PLAINTEXT_INSECURE (Stafeta): LOGIN
					 and PLAIN without TLS from any address */
	/* the mailbox */
	char     *maildirpath;        /* MAILDIRPATH */
	bool      mailbox_sanity_check; /* IMAP_MAILBOX_SANITY_CHECK */
	char     *trashfoldername;    /* IMAP_TRASHFOLDERNAME */
	char     *emptytrash;         /* IMAP_EMPTYTRASH */
	bool      check_all_folders;  /* IMAP_CHECK_ALL_FOLDERS */
	bool      obsolete_client;    /* IMAP_OBSOLETE_CLIENT */
	bool      uselocks;           /* IMAP_USELOCKS */
	long long keywords;           /* IMAP_KEYWORDS 0, 1, 2 */
	long long idle_timeout;       /* IMAP_IDLE_TIMEOUT, seconds */
	bool      disablethreadsort;  /* IMAP_DISABLETHREADSORT */
	bool      enhancedidle;       /* IMAP_ENHANCEDIDLE */
	char     *umask;              /* IMAP_UMASK, octal */
	long long ulimitd;            /* IMAP_ULIMITD, KiB of address space (0 = none) */
	char     *sharedindexfile;    /* IMAP_SHAREDINDEXFILE */
	bool      log_deletions;      /* IMAP_LOG_DELETIONS */
	bool      proxy;              /* IMAP_PROXY: not supported (warned at login) */
	/* test hooks (STAFETA_TEST_*; see imapd(8)) */
	long long login_delay;        /* seconds after a failed login (5) */
	long long login_deadline;     /* pre-auth deadline, seconds (60) */
	long long autologout;         /* post-auth idle timeout, seconds (1800) */
};

/* Defaults, then the environment.  0, or -1 with *error_r (a value out of
   range). */
int imap_config_load(struct imap_config *c, const char **error_r);
void imap_config_free(struct imap_config *c);
/* Log a warning for every IMAP_* environment variable the table does not
   know (a misspelt setting would otherwise be ignored silently).  Returns
   how many. */
int imap_config_warn_unknown(void);

#endif
