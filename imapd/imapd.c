/*
 * imapd.c - the post-login IMAP server (Courier's imapd): the account
 * imaplogin became, its Maildir, RFC 3501's authenticated state.
 *
 *   imapd [MAILDIR]                 AUTHENTICATED set by imaplogin
 *   imapd -stdio USER [MAILDIR]     tests: serve the caller's own Maildir
 *                                   ("* PREAUTH Ready.")
 *
 * Trust:   the environment comes from imaplogin (AUTHENTICATED, MAILDIR,
 *          OPTIONS, IMAPLOGINTAG, TCPREMOTEIP ...); the client is untrusted.
 * Runs as: the mailbox owner; refuses uid 0.
 * Start-up: login/login_postauth.c (the checks pop3d makes too), then
 *          IMAP_EMPTYTRASH and the tmp/ purge.
 * Limits:  imap_session.c.
 * Errors:  "* BYE" with the reason, then exit.
 * Tests:   tests/protocol/run-imapd, tests/interop/run-imap-clients
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "env.h"
#include "log.h"
#include "login_postauth.h"
#include "maildir.h"
#include "maildir_purge.h"
#include "stream.h"
#include "timeutil.h"
#include "imap_config.h"
#include "imap_login.h"
#include "imap_session.h"

static void say(const char *text)
{
	size_t n = strlen(text);

	/* before the stream exists: one write, errors are moot (we exit) */
	if (write(1, text, n) < 0)
		return;
}

static NORETURN void usage(void)
{
	fprintf(stderr, "usage: imapd [MAILDIR]  (run by imaplogin)\n"
		"       imapd -stdio USER [MAILDIR]  (tests, not as root)\n");
	exit(64);
}

static void apply_umask(const char *s)
{
	char *end;
	unsigned long m;

	if (s == NULL || *s == '\0')
		return;
	errno = 0;
	m = strtoul(s, &end, 8);
	if (errno != 0 || *end != '\0' || m > 0777)
		log_msg(LOGL_WARN, "IMAP_UMASK=%s is not an octal mode; ignored", s);
	else
		umask((mode_t)m);
}

#if defined(__SANITIZE_ADDRESS__)
#define STAFETA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STAFETA_ASAN 1
#endif
#endif

/* IMAP_ULIMITD: Courier's start script runs "ulimit -v" with it (KiB of
   address space); imapd applies it itself, so every way of starting it
   gets the limit.  Not under AddressSanitizer, whose shadow memory needs
   terabytes of address space. */
static void apply_ulimit(long long kib)
{
#ifndef STAFETA_ASAN
	struct rlimit rl;

	if (kib <= 0 || getrlimit(RLIMIT_AS, &rl) < 0)
		return;
	if (rl.rlim_max != RLIM_INFINITY && (rlim_t)kib * 1024 > rl.rlim_max)
		return;
	rl.rlim_cur = (rlim_t)kib * 1024;
	if (setrlimit(RLIMIT_AS, &rl) < 0)
		log_msg(LOGL_WARN, "IMAP_ULIMITD=%lld: %s", kib, strerror(errno));
#else
	(void)kib;
#endif
}

/* Courier purges IMAP_EMPTYTRASH folders and old tmp/ files at login. */
static void housekeeping(const struct imap_config *cfg)
{
	struct maildir_emptytrash *items = NULL;
	size_t n = 0;
	const char *error;

	(void)maildir_purge_tmp(".", MAILDIR_TMP_PURGE_SECS);
	if (cfg->emptytrash == NULL || *cfg->emptytrash == '\0')
		return;
	if (maildir_emptytrash_parse(cfg->emptytrash, cfg->trashfoldername, &items, &n,
				     &error) < 0) {
		log_msg(LOGL_WARN, "IMAP_EMPTYTRASH ignored: %s", error);
		return;
	}
	if (maildir_purge_folders(".", items, n, time(NULL)) < 0)
		log_msg(LOGL_WARN, "IMAP_EMPTYTRASH: cannot purge: %s", strerror(errno));
	maildir_emptytrash_free(items, n);
}

static int refuse(struct imap_config *cfg, const char *bye, const char *why)
{
	say(bye);
	if (why != NULL)
		log_conn(LOGL_INFO, "LOGIN FAILED", "%s", why);
	imap_config_free(cfg);
	return 1;
}

int main(int argc, char **argv)
{
	struct imap_config cfg;
	struct postauth_params pa;
	struct postauth who;
	struct stream_limits lim;
	struct imap_client c;
	struct stream *s;
	enum imap_end end;
	const char *stdio_user = NULL, *arg_maildir = NULL, *error, *tag;
	int64_t start = time_mono_ms();
	int i, rc;

	log_init("imapd");
	signal(SIGPIPE, SIG_IGN);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-stdio") == 0 && i + 1 < argc && stdio_user == NULL)
			stdio_user = argv[++i];
		else if (argv[i][0] == '-' || arg_maildir != NULL)
			usage();
		else
			arg_maildir = argv[i];
	}
	if (postauth_is_root())
		die(1, "imapd: refusing to run as root (start it through imaplogin)");
	if (imap_config_load(&cfg, &error) < 0)
		die(1, "imapd: %s", error);
	log_set_context(env_get_default("TCPREMOTEIP", "127.0.0.1"),
			env_get_default("TCPREMOTEPORT", "0"));
	(void)imap_config_warn_unknown();
	apply_umask(cfg.umask);
	apply_ulimit(cfg.ulimitd);

	pa.service = "imap";
	pa.tls = cfg.tls;
	pa.stdio_user = stdio_user;
	pa.arg_maildir = arg_maildir;
	pa.maildirpath = cfg.maildirpath;
	pa.sanity_check = cfg.mailbox_sanity_check;
	switch (postauth_start(&pa, &who)) {
	case POSTAUTH_OK:
		break;
	case POSTAUTH_NOT_LOGGED_IN:
		say("* BYE imapd: not logged in (start it through imaplogin)\r\n");
		die(1, "imapd: AUTHENTICATED is not set");
	case POSTAUTH_DISABLED:
		log_set_user(who.user);
		return refuse(&cfg, "* BYE IMAP access disabled for this account.\r\n",
			      "IMAP access disabled for this account");
	case POSTAUTH_INSECURE:
		log_set_user(who.user);
		return refuse(&cfg, "* BYE IMAP access disabled via insecure connection.\r\n",
			      "IMAP access disabled via insecure connection");
	case POSTAUTH_STICKY:
		log_set_user(who.user);
		return refuse(&cfg, "* BYE Your account is temporarily unavailable "
			      "(+t bit set on home directory).\r\n", NULL);
	case POSTAUTH_NOT_OWNER:
		log_set_user(who.user);
		log_msg(LOGL_ERR, "imapd: %s is not owned by uid %lu", who.path,
			(unsigned long)geteuid());
		return refuse(&cfg, "* BYE Account's mailbox directory is not owned by the "
			      "correct uid or gid\r\n", NULL);
	case POSTAUTH_NO_MAILDIR:
	default:
		log_set_user(who.user);
		log_msg(LOGL_ERR, "imapd: chdir %s: %s", who.path, strerror(who.error));
		return refuse(&cfg, "* BYE Maildir invalid (cannot enter it)\r\n", NULL);
	}
	log_set_user(who.user);
	if (!maildir_is_maildir("."))
		return refuse(&cfg, "* BYE Maildir invalid (no 'cur', 'new' or 'tmp' directory)\r\n",
			      NULL);
	maildir_set_trash_name(cfg.trashfoldername);
	housekeeping(&cfg);

	lim.line_max = IMAP_LINE_MAX;
	lim.out_max = STREAM_OUT_MAX_DEFAULT;
	lim.read_timeout = (int)cfg.autologout;
	lim.write_timeout = IMAP_WRITE_TIMEOUT;
	s = stream_new(0, 1, &lim);
	/* replay the commands imaplogin read behind the login */
	if (postauth_handoff_replay(s, IMAP_PIPELINED_ENV, IMAP_PIPELINED_MAX) < 0)
		log_msg(LOGL_WARN, "pipelined commands after login dropped");
	imap_client_init(&c, s, &cfg, who.user);

	tag = env_get(IMAP_LOGINTAG_ENV);
	log_conn(LOGL_INFO, "LOGIN", "protocol=IMAP");
	if (tag != NULL && *tag != '\0' && !who.preauth)
		rc = stream_printf(s, "%s OK LOGIN Ok.\r\n", tag);
	else
		rc = stream_puts(s, "* PREAUTH Ready.\r\n");
	unsetenv(IMAP_LOGINTAG_ENV);
	if (rc < 0 || stream_flush(s) < 0)
		end = IMAP_END_EOF;
	else
		end = imap_session_run(&c);

	(void)stream_flush(s);
	log_conn(LOGL_INFO, end == IMAP_END_LOGOUT ? "LOGOUT" :
		 end == IMAP_END_TIMEOUT ? "TIMEOUT" : "DISCONNECTED",
		 "headers=0, body=0, rcvd=%llu, sent=%llu, time=%lld%s",
		 (unsigned long long)stream_bytes_in(s), (unsigned long long)stream_bytes_out(s),
		 (long long)((time_mono_ms() - start) / 1000),
		 env_is_yes("STAFETA_IMAP_STARTTLS_DONE") ? ", starttls=1" : "");
	imap_client_deinit(&c);
	stream_free(&s);
	imap_config_free(&cfg);
	return end == IMAP_END_LOGOUT || end == IMAP_END_EOF ? 0 : 1;
}
