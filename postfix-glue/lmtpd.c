#include "config.h"
/*
 * lmtpd.c - main() of lmtpd: LMTP delivery agent, or (-smtp) a receive-only
 * SMTP server for the local domains, delivering into Maildir++.
 *
 *   lmtpd [-smtp] [-c lmtpd.cf] [-stdio]     serve (listen, or one session
 *                                            on stdin/stdout with -stdio)
 *   lmtpd [-c lmtpd.cf] -d | -n              print every default / only the
 *                                            settings that differ (postconf)
 *
 * Trust:   command line and lmtpd.cf are the admin's.
 * Runs as: root (deliveries drop to each mailbox owner) or a plain user
 *          (then it delivers only to mailboxes with its own uid).
 * Limits:  see lmtpd.cf (lmtp_config.c) and lmtp_session.c.
 * Errors:  a bad command line or config exits 1 with a message.
 * Tests:   tests/protocol/run-lmtpd, tests/interop/run-postfix-lmtp
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "lmtp_config.h"
#include "lmtp_server.h"
#include "log.h"

static void usage(void)
{
	fprintf(stderr, "usage: lmtpd [-smtp] [-c lmtpd.cf] [-stdio] [-d | -n]\n");
}

int main(int argc, char **argv)
{
	struct lmtpd_config cfg;
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *path = NULL, *error = NULL;
	bool smtp = false, stdio_mode = false, dump_defaults = false, dump_changed = false;
	int ret;

	log_init("lmtpd");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-smtp") == 0)
			smtp = true;
		else if (strcmp(argv[i], "-stdio") == 0)
			stdio_mode = true;
		else if (strcmp(argv[i], "-d") == 0)
			dump_defaults = true;
		else if (strcmp(argv[i], "-n") == 0)
			dump_changed = true;
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strncmp(argv[i], "-c", 2) == 0 && argv[i][2] != '\0')
			path = argv[i] + 2;
		else {
			usage();
			return 1;
		}
	}
	memset(&cfg, 0, sizeof(cfg));
	if (path == NULL && access(LMTPD_CF_DEFAULT, F_OK) == 0)
		path = LMTPD_CF_DEFAULT;
	if (dump_defaults) {
		lmtp_config_dump(stdout, &cfg, NULL, false);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (lmtp_config_load(&cfg, path, &vars, &error) < 0) {
		log_msg(LOGL_ERR, "%s: %s", path != NULL ? path : "defaults", error);
		cfg_vars_free(&vars);
		return 1;
	}
	if (dump_changed) {
		lmtp_config_dump(stdout, &cfg, &vars, true);
		ret = fflush(stdout) == 0 ? 0 : 1;
	} else if (stdio_mode) {
		ret = lmtp_server_stdio(&cfg, smtp);
	} else {
		ret = lmtp_server_run(&cfg, smtp ? cfg.smtp_listen : cfg.lmtp_listen, smtp);
	}
	cfg_vars_free(&vars);
	lmtp_config_free(&cfg);
	return ret;
}
