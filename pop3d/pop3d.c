/*
 * pop3d.c - the post-login POP3 server (Courier's courierpop3d): open the
 * INBOX of the account pop3login became, then serve RFC 1939's TRANSACTION
 * state on stdin/stdout.
 *
 *   pop3d [MAILDIR]                 AUTHENTICATED set by pop3login
 *   pop3d -stdio USER [MAILDIR]     tests: serve the caller's own Maildir
 *
 * Trust:   the environment comes from pop3login (AUTHENTICATED, MAILDIR,
 *          OPTIONS, TCPREMOTEIP ...); the client is untrusted.
 * Runs as: the mailbox owner; refuses uid 0.
 * Limits:  see pop3_cmds.c; the INBOX is locked for the session.
 * Errors:  -ERR with Courier's texts, then exit.
 * Start-up: login/login_postauth.c (the checks imapd makes too).
 * Tests:   tests/protocol/run-pop3d, tests/interop/run-pop3-*
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "courierauth.h"
#include "buf.h"
#include "env.h"
#include "log.h"
#include "login_postauth.h"
#include "maildir_lock.h"
#include "maildir_pop3.h"
#include "stream.h"
#include "timeutil.h"
#include "pop3_cmds.h"
#include "pop3_config.h"
#include "pop3_proto.h"

static void say(const char *text)
{
	size_t n = strlen(text);

	/* before the stream exists: one write, errors are moot (we exit) */
	if (write(1, text, n) < 0)
		return;
}

static NORETURN void usage(void)
{
	fprintf(stderr, "usage: pop3d [MAILDIR]  (run by pop3login)\n"
		"       pop3d -stdio USER [MAILDIR]  (tests, not as root)\n");
	exit(64);
}

/* The whole path of the Maildir md for log lines: the current directory
   once it has been entered, else md below it (or md when absolute). */
static void maildir_fullpath(const char *md, bool entered, char *out, size_t n)
{
	char cwd[4096];

	if (entered && getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(out, n, "%s", cwd);
	else if (md != NULL && md[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(out, n, "%s/%s", cwd, md);
	else
		snprintf(out, n, "%s", md != NULL ? md : "");
}

int main(int argc, char **argv)
{
	struct pop3_config cfg;
	struct maildir_pop3 box = MAILDIR_POP3_INIT;
	struct stream_limits lim;
	struct pop3_session ps;
	struct stream *s;
	struct postauth_params pa;
	struct postauth who;
	enum postauth_status st;
	const char *error;
	const char *stdio_user = NULL, *arg_maildir = NULL;
	enum pop3_end end;
	int64_t start = time_mono_ms();
	int lockfd, i;

	log_init("pop3d");
	signal(SIGPIPE, SIG_IGN);
	/* Opening a large box allocates and frees a few MB (the sizelist, the
	   scan, sort buffers).  A session lives seconds: keep all of it in the
	   heap for reuse instead of mmap/munmap per big block, which on a VM
	   costs more than the work itself (-20% of the open of 10,000). */
	(void)mallopt(M_MMAP_THRESHOLD, 64 << 20);
	(void)mallopt(M_TRIM_THRESHOLD, 128 << 20);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-stdio") == 0 && i + 1 < argc && stdio_user == NULL)
			stdio_user = argv[++i];
		else if (argv[i][0] == '-' || arg_maildir != NULL)
			usage();
		else
			arg_maildir = argv[i];
	}
	if (postauth_is_root())
		die(1, "pop3d: refusing to run as root (start it through pop3login)");
	if (pop3_config_load(&cfg, &error) < 0)
		die(1, "pop3d: %s", error);
	log_set_context(env_get_default("TCPREMOTEIP", "127.0.0.1"),
			env_get_default("TCPREMOTEPORT", "0"));

	pa.service = "pop3";
	pa.tls = cfg.pop3_tls;
	pa.stdio_user = stdio_user;
	pa.arg_maildir = arg_maildir;
	pa.maildirpath = cfg.maildirpath;
	pa.sanity_check = false;
	st = postauth_start(&pa, &who);
	if (st == POSTAUTH_NOT_LOGGED_IN) {
		say("-ERR pop3d: not logged in (start it through pop3login)\r\n");
		die(1, "pop3d: AUTHENTICATED is not set");
	}
	log_set_user(who.user);
	switch (st) {
	case POSTAUTH_OK:
		break;
	case POSTAUTH_DISABLED:
		say("-ERR POP3 access disabled for this account.\r\n");
		log_conn(LOGL_INFO, "LOGIN FAILED", "POP3 access disabled for this account");
		pop3_config_free(&cfg);
		return 1;
	case POSTAUTH_INSECURE:
		say("-ERR POP3 access disabled via insecure connection.\r\n");
		log_conn(LOGL_INFO, "LOGIN FAILED", "POP3 access disabled via insecure connection");
		pop3_config_free(&cfg);
		return 1;
	case POSTAUTH_STICKY:
		say("-ERR Your account is temporarily unavailable "
		    "(+t bit set on home directory).\r\n");
		pop3_config_free(&cfg);
		return 1;
	case POSTAUTH_NO_MAILDIR:
	default: {
		struct buf t = BUF_INIT(1024);
		char fullpath[8192];

		maildir_fullpath(who.maildir, false, fullpath, sizeof(fullpath));
		log_msg(LOGL_ERR, "pop3d: chdir %s: %s, user=%s", fullpath, strerror(who.error),
			log_safe(&t, who.user, 256));
		buf_free(&t);
		say("-ERR Maildir invalid (cannot enter it)\r\n");
		pop3_config_free(&cfg);
		return 1;
	}
	}
	lockfd = maildir_pop3_lock(".");
	if (lockfd < 0) {
		if (errno == EWOULDBLOCK || errno == EAGAIN) {
			log_conn(LOGL_INFO, "LOCKED", NULL);
			say("-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n");
		} else {
			struct buf t = BUF_INIT(1024);
			char fullpath[8192];

			maildir_fullpath(who.maildir, true, fullpath, sizeof(fullpath));
			log_msg(LOGL_ERR, "pop3d: cannot lock %s: %s, user=%s", fullpath,
				strerror(errno), log_safe(&t, who.user, 256));
			buf_free(&t);
			say("-ERR [SYS/TEMP] Cannot lock the mailbox, try again later.\r\n");
		}
		pop3_config_free(&cfg);
		return 1;
	}
	if (maildir_pop3_open(&box, ".", &error) < 0) {
		{
			struct buf t = BUF_INIT(1024);
			char fullpath[8192];

			maildir_fullpath(who.maildir, true, fullpath, sizeof(fullpath));
			log_msg(LOGL_ERR, "pop3d: cannot open %s: %s, user=%s", fullpath, error,
				log_safe(&t, who.user, 256));
			buf_free(&t);
		}
		if (access("cur", X_OK) < 0)
			say("-ERR Maildir invalid (no 'cur' directory)\r\n");
		else
			say("-ERR [SYS/TEMP] Cannot open the mailbox, try again later.\r\n");
		maildir_pop3_unlock(&lockfd);
		pop3_config_free(&cfg);
		return 1;
	}

	lim.line_max = POP3_LINE_MAX;
	lim.out_max = STREAM_OUT_MAX_DEFAULT;
	lim.read_timeout = (int)cfg.idle_timeout;
	lim.write_timeout = POP3_WRITE_TIMEOUT;
	s = stream_new(0, 1, &lim);
	/* replay the commands pop3login read behind the login */
	if (postauth_handoff_replay(s, POP3_PIPELINED_ENV, POP3_PIPELINED_MAX) < 0)
		log_msg(LOGL_WARN, "pipelined commands after login dropped");
	pop3_session_init(&ps, s, &box);
	ps.idle_timeout = (int)cfg.idle_timeout;
	ps.log_deletions = cfg.log_deletions;
	ps.lockfd = &lockfd;

	log_conn(LOGL_INFO, "LOGIN", NULL);
	if (stream_puts(s, "+OK logged in.\r\n") < 0 || stream_flush(s) < 0)
		end = POP3_END_EOF;
	else
		end = pop3_session_run(&ps);

	(void)stream_flush(s);
	log_conn(LOGL_INFO, end == POP3_END_QUIT ? "LOGOUT" :
		 end == POP3_END_TIMEOUT ? "TIMEOUT" : "DISCONNECTED",
		 "top=%llu, retr=%llu, rcvd=%llu, sent=%llu, time=%lld%s",
		 (unsigned long long)ps.top_bytes, (unsigned long long)ps.retr_bytes,
		 (unsigned long long)stream_bytes_in(s), (unsigned long long)stream_bytes_out(s),
		 (long long)((time_mono_ms() - start) / 1000), cfg.pop3_tls ? ", stls=1" : "");
	pop3_session_deinit(&ps);
	stream_free(&s);
	maildir_pop3_close(&box);
	maildir_pop3_unlock(&lockfd);
	pop3_config_free(&cfg);
	return end == POP3_END_QUIT || end == POP3_END_EOF ? 0 : 1;
}
