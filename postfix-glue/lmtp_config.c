#include "config.h"
/*
 * lmtp_config.c - the lmtpd.cf parameter table, domain and network matching.
 *
 * Trust:   lmtpd.cf is the admin's (trusted, but checked for range);
 *          addresses and domains matched here come from clients.
 * Runs as: lmtpd at startup (root or the invoking user).
 * Limits:  values are capped by lib/cfg; list items are matched in place.
 * Errors:  -1 with *error_r from lib/cfg.
 * Tests:   tests/unit/postfix-glue/test_config.c
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lmtp_config.h"
#include "strnum.h"
#include "xmalloc.h"

static char default_hostname[256];
static char default_domain[256];
static struct cfg_param config_tab[56];

static void compute_host_defaults(void)
{
	const char *dot;

	if (default_hostname[0] != '\0')
		return;
	if (gethostname(default_hostname, sizeof(default_hostname) - 1) < 0 ||
	    default_hostname[0] == '\0')
		strcpy(default_hostname, "localhost");
	default_hostname[sizeof(default_hostname) - 1] = '\0';
	dot = strchr(default_hostname, '.');
	if (dot != NULL && dot[1] != '\0')
		snprintf(default_domain, sizeof(default_domain), "%s", dot + 1);
	else
		strcpy(default_domain, "localdomain");
}

#define P_STR(n, d, f)  { n, CFG_STR, d, &cfg->f, 0, 0 }
#define P_LIST(n, d, f) { n, CFG_LIST, d, &cfg->f, 0, 0 }

const struct cfg_param *lmtp_config_table(struct lmtpd_config *cfg)
{
	const struct cfg_param tab[] = {
		P_STR("mail_name", LMTPD_MAIL_NAME, mail_name),
		P_STR("myhostname", default_hostname, myhostname),
		P_STR("mydomain", default_domain, mydomain),
		P_STR("myorigin", "$myhostname", myorigin),
		P_LIST("mydestination", "$myhostname, localhost.$mydomain, localhost", mydestination),
		P_LIST("virtual_mailbox_domains", "", virtual_mailbox_domains),
		P_LIST("mynetworks", "127.0.0.0/8 [::1]/128", mynetworks),
		P_STR("smtpd_banner", "$myhostname ESMTP $mail_name", smtpd_banner),
		P_STR("lmtp_banner", "$myhostname LMTP $mail_name", lmtp_banner),
		P_LIST("alias_maps", "", alias_maps),
		P_STR("recipient_delimiter", "+", recipient_delimiter),
		P_STR("home_mailbox", "Maildir/", home_mailbox),
		P_LIST("lmtp_listen", "unix:/run/courier/lmtp", lmtp_listen),
		P_LIST("smtp_listen", "inet:0.0.0.0:25", smtp_listen),
		P_STR("temp_directory", "/tmp", temp_directory),
		P_STR("authdaemon_service", "smtp", authdaemon_service),
		P_STR("couriertls", "/usr/bin/couriertls", couriertls),
		P_STR("smtpd_tls_cert_file", "", smtpd_tls_cert_file),
		P_STR("lmtp_unix_socket_mode", "0666", unix_socket_mode),
		{ "message_size_limit", CFG_SIZE, "10240000", &cfg->message_size_limit, 1024, 1LL << 40 },
		{ "mailbox_size_limit", CFG_SIZE, "51200000", &cfg->mailbox_size_limit, 0, 1LL << 50 },
		{ "smtpd_recipient_limit", CFG_INT, "1000", &cfg->smtpd_recipient_limit, 1, 100000 },
		{ "smtpd_hard_error_limit", CFG_INT, "20", &cfg->smtpd_hard_error_limit, 1, 100000 },
		{ "smtpd_timeout", CFG_SECONDS, "300s", &cfg->smtpd_timeout, 1, 86400 },
		{ "smtpd_session_time_limit", CFG_SECONDS, "3600s", &cfg->smtpd_session_time_limit, 1, 7 * 86400 },
		{ "line_length_limit", CFG_INT, "2048", &cfg->line_length_limit, 512, 1 << 20 },
		{ "process_limit", CFG_INT, "100", &cfg->process_limit, 1, 100000 },
		{ "alias_expansion_limit", CFG_INT, "1000", &cfg->alias_expansion_limit, 1, 100000 },
		{ "smtpd_use_tls", CFG_BOOL, "no", &cfg->smtpd_use_tls, 0, 0 },
		P_STR("smtpd_forbid_bare_newline", "normalize", forbid_bare_newline),
		P_LIST("smtpd_forbid_bare_newline_exclusions", "$mynetworks", forbid_bare_newline_exclusions),
		{ "duplicate_filter_limit", CFG_INT, "1000", &cfg->duplicate_filter_limit, 0, 100000 },
		{ "transaction_store_limit", CFG_SIZE, "536870912", &cfg->transaction_store_limit, 1024, 1LL << 50 },
		{ "smtpd_client_connection_count_limit", CFG_INT, "10", &cfg->client_connection_count_limit, 0, 100000 },
		{ "smtpd_client_connection_rate_limit", CFG_INT, "60", &cfg->client_connection_rate_limit, 0, 1000000 },
		{ "anvil_rate_time_unit", CFG_SECONDS, "60s", &cfg->anvil_rate_time_unit, 1, 86400 },
		P_LIST("smtpd_client_event_limit_exceptions", "$mynetworks", client_event_limit_exceptions),
		{ "smtpd_pre_mail_timeout", CFG_SECONDS, "60s", &cfg->smtpd_pre_mail_timeout, 1, 86400 },
		{ NULL, CFG_STR, NULL, NULL, 0, 0 }
	};

	compute_host_defaults();
	memcpy(config_tab, tab, sizeof(tab));
	return config_tab;
}

int lmtp_config_load(struct lmtpd_config *cfg, const char *path, struct cfg_vars *vars,
		     const char **error_r)
{
	const struct cfg_param *tab = lmtp_config_table(cfg);

	if (path != NULL && cfg_parse_file(vars, CFG_MAINCF, path, error_r) < 0)
		return -1;
	if (cfg_apply(tab, vars, CFG_MAINCF, true, error_r) < 0)
		return -1;
	return lmtp_config_finish(cfg, error_r);
}

int lmtp_config_finish(struct lmtpd_config *cfg, const char **error_r)
{
	if (lmtp_config_bare_lf(cfg->forbid_bare_newline, &cfg->bare_lf) < 0) {
		*error_r = "smtpd_forbid_bare_newline: must be normalize, reject or yes "
			   "(\"no\" would let a bare LF end DATA: SMTP smuggling)";
		return -1;
	}
	return 0;
}

int lmtp_config_bare_lf(const char *value, enum lmtp_bare_lf *r)
{
	if (value == NULL)
		return -1;
	if (strcasecmp(value, "normalize") == 0)
		*r = LMTP_BARE_LF_NORMALIZE;
	else if (strcasecmp(value, "reject") == 0 || strcasecmp(value, "yes") == 0)
		*r = LMTP_BARE_LF_REJECT;
	else
		return -1;
	return 0;
}

void lmtp_config_dump(FILE *fp, struct lmtpd_config *cfg, const struct cfg_vars *vars,
		      bool only_changed)
{
	cfg_dump(fp, lmtp_config_table(cfg), vars, only_changed);
}

int lmtp_config_socket_mode(const struct lmtpd_config *cfg, int *mode_r)
{
	const char *p = cfg->unix_socket_mode;
	int mode = 0;

	if (p == NULL || *p == '\0' || strlen(p) > 4)
		return -1;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		mode = mode * 8 + (*p - '0');
	}
	*mode_r = mode;
	return 0;
}

void lmtp_config_free(struct lmtpd_config *cfg)
{
	cfg_free(lmtp_config_table(cfg));
}

bool lmtp_domain_in_list(const char *list, const char *domain)
{
	size_t pos = 0;
	char *item;
	bool found = false;

	if (list == NULL || domain == NULL || domain[0] == '\0')
		return false;
	while (!found && (item = cfg_list_next(list, &pos)) != NULL) {
		if (strcasecmp(item, domain) == 0)
			found = true;
		free(item);
	}
	return found;
}

/* Parse "a.b.c.d", "a.b.c.d/n", "[v6]", "[v6]/n", "v6/n" into 16 bytes
   (IPv4 as v4-mapped) and a prefix length counted on those 16 bytes. */
static int parse_net(const char *item, unsigned char addr[16], unsigned *bits_r)
{
	char host[INET6_ADDRSTRLEN + 8];
	const char *slash = strrchr(item, '/');
	size_t hlen = slash != NULL ? (size_t)(slash - item) : strlen(item);
	unsigned bits;
	struct in_addr a4;
	bool v4;

	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, item, hlen);
	host[hlen] = '\0';
	if (host[0] == '[') {
		if (hlen < 3 || host[hlen - 1] != ']')
			return -1;
		memmove(host, host + 1, hlen - 2);
		host[hlen - 2] = '\0';
	}
	if (inet_pton(AF_INET, host, &a4) == 1) {
		memset(addr, 0, 10);
		addr[10] = addr[11] = 0xff;
		memcpy(addr + 12, &a4, 4);
		v4 = true;
	} else if (inet_pton(AF_INET6, host, addr) == 1) {
		v4 = false;
	} else {
		return -1;
	}
	if (slash == NULL) {
		bits = 128;
	} else {
		if (str_to_uint(slash + 1, &bits) < 0 || bits > (v4 ? 32u : 128u))
			return -1;
		if (v4)
			bits += 96;
	}
	*bits_r = bits;
	return 0;
}

bool lmtp_addr_in_networks(const char *list, const char *addr)
{
	unsigned char peer[16], net[16];
	unsigned pbits, bits;
	size_t pos = 0;
	char *item;
	bool found = false;

	if (list == NULL || addr == NULL || parse_net(addr, peer, &pbits) < 0 ||
	    strchr(addr, '/') != NULL)
		return false;
	while (!found && (item = cfg_list_next(list, &pos)) != NULL) {
		if (parse_net(item, net, &bits) == 0) {
			unsigned full = bits / 8, rest = bits % 8;

			if (memcmp(peer, net, full) == 0 &&
			    (rest == 0 ||
			     ((peer[full] ^ net[full]) & (unsigned char)(0xff << (8 - rest))) == 0))
				found = true;
		}
		free(item);
	}
	return found;
}
