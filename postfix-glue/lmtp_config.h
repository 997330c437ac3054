/*
 * lmtp_config.h - lmtpd.cf: Postfix main.cf-style parameters with Postfix's
 * names and defaults, read through lib/cfg (CFG_MAINCF), plus the helpers
 * that answer "is this domain mine?" and "is this client in mynetworks?".
 */
#ifndef STAFETA_LMTP_CONFIG_H
#define STAFETA_LMTP_CONFIG_H

#include <stdbool.h>
#include <stdio.h>
#include "cfg.h"
#include "compat.h"

#ifndef LMTPD_CF_DEFAULT
#define LMTPD_CF_DEFAULT "/etc/courier/lmtpd.cf"   /* the Makefile passes $(sysconfdir) */
#endif
#define LMTPD_MAIL_NAME  "Stafeta"

/* smtpd_forbid_bare_newline: what a line ending in LF without CR gets (in
   every mode only CR LF . CR LF ends DATA). */
enum lmtp_bare_lf {
	LMTP_BARE_LF_NORMALIZE,   /* "normalize": taken as CR LF */
	LMTP_BARE_LF_REJECT,      /* "reject"/"yes": 550 5.5.2, except for
				     smtpd_forbid_bare_newline_exclusions */
};

struct lmtpd_config {
	char *mail_name;
	char *myhostname;
	char *mydomain;
	char *myorigin;
	char *mydestination;           /* list */
	char *virtual_mailbox_domains; /* list */
	char *mynetworks;              /* list of CIDR blocks */
	char *smtpd_banner;            /* SMTP greeting text after "220 " */
	char *lmtp_banner;             /* LMTP greeting text after "220 " */
	char *alias_maps;              /* list of gdbm:PATH */
	char *recipient_delimiter;     /* set of delimiter characters */
	char *home_mailbox;            /* maildir below HOME when none is given */
	char *lmtp_listen;             /* list: inet:ADDR:PORT unix:PATH */
	char *smtp_listen;
	char *temp_directory;          /* where message bodies are spooled */
	char *authdaemon_service;      /* service name in PRE requests */
	char *couriertls;              /* couriertls program for STARTTLS */
	char *smtpd_tls_cert_file;     /* key+cert PEM for STARTTLS */
	char *unix_socket_mode;        /* octal mode of unix listen sockets */
	long long message_size_limit;
	long long mailbox_size_limit;  /* largest single delivered file */
	long long smtpd_recipient_limit;
	long long smtpd_hard_error_limit;
	long long smtpd_timeout;       /* seconds for one read */
	long long smtpd_session_time_limit; /* seconds for a whole session */
	long long line_length_limit;   /* longest command line */
	long long process_limit;       /* concurrent sessions */
	long long alias_expansion_limit;
	bool smtpd_use_tls;
	char *forbid_bare_newline;     /* smtpd_forbid_bare_newline, as written */
	enum lmtp_bare_lf bare_lf;     /* ... parsed */
	char *forbid_bare_newline_exclusions; /* networks that get normalize */
	long long duplicate_filter_limit; /* delivery targets merged per transaction; 0 = off */
	long long transaction_store_limit; /* message bytes x mailboxes one transaction may store */
	long long client_connection_count_limit; /* sessions per client address; 0 = off */
	long long client_connection_rate_limit;  /* connects per address per unit; 0 = off */
	long long anvil_rate_time_unit;   /* seconds */
	char *client_event_limit_exceptions; /* networks exempt from the two limits */
	long long smtpd_pre_mail_timeout; /* seconds one read may take before MAIL */
};

/* The parameter table over cfg (its defaults depend on the host name). */
const struct cfg_param *lmtp_config_table(struct lmtpd_config *cfg);
/* Defaults, then path (NULL = defaults only).  0, or -1 with *error_r. */
int lmtp_config_load(struct lmtpd_config *cfg, const char *path, struct cfg_vars *vars,
		     const char **error_r);
/* The checks and derived values after the table is applied (part of
   lmtp_config_load).  0, or -1 with *error_r. */
int lmtp_config_finish(struct lmtpd_config *cfg, const char **error_r);
/* smtpd_forbid_bare_newline's value: 0, or -1 when not one we accept. */
int lmtp_config_bare_lf(const char *value, enum lmtp_bare_lf *r);
/* lmtp_unix_socket_mode as a number: 0, or -1 when it is not octal 0-0777. */
int lmtp_config_socket_mode(const struct lmtpd_config *cfg, int *mode_r);
/* lmtpd -d / -n. */
void lmtp_config_dump(FILE *fp, struct lmtpd_config *cfg, const struct cfg_vars *vars,
		      bool only_changed);
void lmtp_config_free(struct lmtpd_config *cfg);

/* true if domain (any case) is listed in the list value (any case);
   "localhost" style exact names only. */
bool lmtp_domain_in_list(const char *list, const char *domain);
/* true if the numeric address (as sock_addr_str writes it, v4-mapped
   allowed) is inside one of the CIDR blocks of the mynetworks-style list
   ("127.0.0.0/8 [::1]/128 192.0.2.7").  A malformed list entry never matches. */
bool lmtp_addr_in_networks(const char *list, const char *addr);

#endif
