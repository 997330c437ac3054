/*
 * pop3login.c - the pre-auth POP3 server (Courier's courierpop3login):
 *
 *   pop3login POP3D [ARGS...]
 *
 * Greets, runs the AUTHORIZATION state (pop3_login.c), then becomes the
 * account authdaemond named (setgroups/setgid/setuid, chdir HOME, the
 * post-login environment) and execs POP3D ARGS with the same stdin/stdout.
 *
 * Trust:   the client is untrusted; authdaemond and our parent are trusted.
 * Runs as: root (under couriertcpd), or the invoking user in tests.
 * Limits:  pop3_login.c; commands pipelined behind the login are handed to
 *          pop3d (POP3_PIPELINED_ENV, at most POP3_PIPELINED_MAX bytes).
 * Tests:   tests/protocol/run-pop3d (login_*.t), tests/interop/run-pop3-*
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth_become.h"
#include "buf.h"
#include "env.h"
#include "log.h"
#include "login_postauth.h"
#include "stream.h"
#include "timeutil.h"
#include "pop3_config.h"
#include "pop3_login.h"
#include "pop3_proto.h"

int main(int argc, char **argv)
{
	struct pop3_config cfg;
	struct stream_limits lim;
	struct pop3_login pl;
	struct stream *s;
	enum pop3_login_end end;
	const char *error, *ip;
	size_t pending;

	log_init("pop3login");
	if (argc < 2) {
		fprintf(stderr, "usage: pop3login POP3D [ARGS...]\n");
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	if (pop3_config_load(&cfg, &error) < 0)
		die(1, "pop3login: %s", error);
	ip = env_get_default("TCPREMOTEIP", "");
	log_set_context(ip, env_get_default("TCPREMOTEPORT", "0"));
	unsetenv(POP3_PIPELINED_ENV);

	lim.line_max = POP3_LINE_MAX;
	lim.out_max = 16384;
	lim.read_timeout = (int)cfg.login_deadline;
	lim.write_timeout = (int)cfg.login_deadline;
	s = stream_new(0, 1, &lim);
	pop3_login_init(&pl, s, &cfg, ip);
	end = pop3_login_run(&pl);
	if (end != POP3_LOGIN_OK) {
		log_conn(LOGL_INFO, end == POP3_LOGIN_QUIT ? "LOGOUT" :
			 end == POP3_LOGIN_TIMEOUT ? "TIMEOUT" : "DISCONNECTED",
			 "rcvd=%llu, sent=%llu", (unsigned long long)stream_bytes_in(s),
			 (unsigned long long)stream_bytes_out(s));
		pop3_login_deinit(&pl);
		stream_free(&s);
		pop3_config_free(&cfg);
		return end == POP3_LOGIN_QUIT || end == POP3_LOGIN_EOF ? 0 : 1;
	}

	/* commands pipelined behind the login go to pop3d */
	pending = stream_input_pending(s);
	if (postauth_handoff_export(s, POP3_PIPELINED_ENV, POP3_PIPELINED_MAX) < 0)
		log_conn(LOGL_WARN, "LOGIN", "dropped %zu bytes pipelined after the login",
			 pending);
	if (stream_flush(s) < 0)
		return 1;
	if (auth_become(&pl.ai, &error) < 0) {
		log_conn(LOGL_ERR, "LOGIN FAILED", "%s", error);
		if (write(1, "-ERR Temporary problem, please try again later\r\n", 49) < 0)
			return 1;
		return 1;
	}
	if (pl.utf8)
		setenv("UTF8", "1", 1);
	if (cfg.pop3_tls)
		setenv("POP3_TLS", "1", 1);
	pop3_login_deinit(&pl);
	stream_free(&s);
	pop3_config_free(&cfg);
	execv(argv[1], argv + 1);
	log_msg(LOGL_ERR, "pop3login: exec %s: %s", argv[1], strerror(errno));
	if (write(1, "-ERR Temporary problem, please try again later\r\n", 49) < 0)
		return 1;
	return 1;
}
