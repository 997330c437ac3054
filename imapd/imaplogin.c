/*
 * imaplogin.c - the pre-auth IMAP server (Courier's imaplogin):
 *
 *   imaplogin IMAPD [ARGS...]
 *
 * Greets, runs the not-authenticated state (imap_login.c), then becomes the
 * account authdaemond named (setgroups/setgid/setuid, chdir HOME, the
 * post-login environment) and execs IMAPD ARGS with the same stdin/stdout.
 * imapd answers the login's tag.
 *
 * Trust:   the client is untrusted; authdaemond and our parent are trusted.
 * Runs as: root (under couriertcpd), or the invoking user in tests.
 * Limits:  imap_login.c; commands pipelined behind the login are handed to
 *          imapd (IMAP_PIPELINED_ENV, at most IMAP_PIPELINED_MAX bytes).
 * Tests:   tests/protocol/run-imapd (login_*.t), tests/interop/run-imap-clients
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth_become.h"
#include "env.h"
#include "log.h"
#include "login_postauth.h"
#include "stream.h"
#include "imap_config.h"
#include "imap_login.h"

static void bye_tempfail(void)
{
	static const char msg[] = "* BYE Temporary problem, please try again later\r\n";

	if (write(1, msg, sizeof(msg) - 1) < 0)
		return;
}

int main(int argc, char **argv)
{
	struct imap_config cfg;
	struct stream_limits lim;
	struct imap_login l;
	struct stream *s;
	enum imap_login_end end;
	const char *error, *ip;
	size_t pending;

	log_init("imaplogin");
	if (argc < 2) {
		fprintf(stderr, "usage: imaplogin IMAPD [ARGS...]\n");
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	if (imap_config_load(&cfg, &error) < 0)
		die(1, "imaplogin: %s", error);
	if (cfg.proxy)
		log_msg(LOGL_WARN, "IMAP_PROXY is set but proxy mode is not supported: "
			"every account is served here");
	ip = env_get_default("TCPREMOTEIP", "");
	log_set_context(ip, env_get_default("TCPREMOTEPORT", "0"));
	log_conn(LOGL_DEBUG, "Connection", NULL);
	unsetenv(IMAP_PIPELINED_ENV);
	unsetenv(IMAP_LOGINTAG_ENV);

	lim.line_max = IMAP_LOGIN_LINE_MAX;
	lim.out_max = 16384;
	lim.read_timeout = (int)cfg.login_deadline;
	lim.write_timeout = (int)cfg.login_deadline;
	s = stream_new(0, 1, &lim);
	imap_login_init(&l, s, &cfg, ip);
	end = imap_login_run(&l);
	if (end != IMAP_LOGIN_OK) {
		log_conn(LOGL_INFO, end == IMAP_LOGIN_LOGOUT ? "LOGOUT" :
			 end == IMAP_LOGIN_TIMEOUT ? "TIMEOUT" : "DISCONNECTED",
			 "rcvd=%llu, sent=%llu", (unsigned long long)stream_bytes_in(s),
			 (unsigned long long)stream_bytes_out(s));
		imap_login_deinit(&l);
		stream_free(&s);
		imap_config_free(&cfg);
		return end == IMAP_LOGIN_LOGOUT || end == IMAP_LOGIN_EOF ? 0 : 1;
	}

	/* commands pipelined behind the login go to imapd */
	pending = stream_input_pending(s);
	if (postauth_handoff_export(s, IMAP_PIPELINED_ENV, IMAP_PIPELINED_MAX) < 0)
		log_conn(LOGL_WARN, "LOGIN", "dropped %zu bytes pipelined after the login", pending);
	if (stream_flush(s) < 0)
		return 1;
	if (auth_become(&l.ai, &error) < 0) {
		log_conn(LOGL_ERR, "LOGIN FAILED", "%s", error);
		bye_tempfail();
		return 1;
	}
	setenv(IMAP_LOGINTAG_ENV, l.tag, 1);
	if (cfg.tls)
		setenv("IMAP_TLS", "1", 1);
	if (l.starttls_done)
		setenv("STAFETA_IMAP_STARTTLS_DONE", "1", 1);
	imap_login_deinit(&l);
	stream_free(&s);
	imap_config_free(&cfg);
	execv(argv[1], argv + 1);
	log_msg(LOGL_ERR, "imaplogin: exec %s: %s", argv[1], strerror(errno));
	bye_tempfail();
	return 1;
}
