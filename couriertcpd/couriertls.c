#include "config.h"
/*
 * couriertls.c - main(): Courier's couriertls, the GnuTLS server side.
 *
 *   couriertls -server -tcpd [-user=U] PROGRAM [ARGS...]
 *       implicit TLS (993/995): the client socket is fds 0/1; after the
 *       handshake PROGRAM runs with a socketpair as its stdin/stdout and the
 *       TLS state in its environment, and couriertls relays.
 *   couriertls -server -tcpd -localfd=N [-statusfd=M] [-user=U]
 *       STARTTLS: the client socket is fds 0/1 (or -remotefd=R), the
 *       plaintext side is fd N; the status block goes to fd M (libstarttls).
 *
 * Key and certificates are loaded first (as root), PROGRAM is forked while
 * still root (imaplogin needs root), then couriertls drops to -user (or
 * $TLS_USER) before the first byte of the handshake.
 *
 * Trust:   the client is hostile; the TLS_* variables are the admin's.
 * Runs as: root while loading, then -user; PROGRAM keeps the caller's ids.
 * Limits:  see tls_server.h; the status block is STARTTLS_STATUS_MAX bytes.
 * Errors:  bad settings exit 1 before any TLS byte; a failed handshake exits
 *          1 (PROGRAM never runs); otherwise PROGRAM's exit status.
 * Tests:   tests/interop/run-tls-clients, tests/interop/run-tls-scan
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "env.h"
#include "log.h"
#include "privdrop.h"
#include "starttls.h"
#include "strnum.h"
#include "timeutil.h"
#include "tls_server.h"

static char *c_priority, *c_protocol, *c_cipher_list, *c_certfile, *c_keyfile, *c_dhparams,
	    *c_trustcerts, *c_verifypeer, *c_user, *c_localip;

static const struct cfg_param tls_params[] = {
	{ "TLS_PRIORITY", CFG_STR, "", &c_priority, 0, 0 },
	{ "TLS_PROTOCOL", CFG_STR, "", &c_protocol, 0, 0 },
	{ "TLS_CIPHER_LIST", CFG_STR, "", &c_cipher_list, 0, 0 },
	{ "TLS_CERTFILE", CFG_STR, "", &c_certfile, 0, 0 },
	{ "TLS_PRIVATE_KEYFILE", CFG_STR, "", &c_keyfile, 0, 0 },
	{ "TLS_DHPARAMS", CFG_STR, "", &c_dhparams, 0, 0 },
	{ "TLS_TRUSTCERTS", CFG_STR, "", &c_trustcerts, 0, 0 },
	{ "TLS_VERIFYPEER", CFG_STR, "NONE", &c_verifypeer, 0, 0 },
	{ "TLS_USER", CFG_STR, "", &c_user, 0, 0 },
	{ "TCPLOCALIP", CFG_STR, "", &c_localip, 0, 0 },
	{ NULL, CFG_STR, NULL, NULL, 0, 0 }
};

struct tls_args {
	bool server, tcpd;
	const char *user;
	int localfd, remotefd, statusfd;
	char **prog;
};

static NORETURN void usage(const char *why)
{
	die(1, "%s\nusage: couriertls -server -tcpd [-user=U] PROGRAM [ARGS...]\n"
	    "       couriertls -server -tcpd -localfd=N [-statusfd=M] [-remotefd=R] [-user=U]",
	    why);
}

static int fd_arg(const char *v, int *fd_r)
{
	unsigned n;

	if (str_to_uint(v, &n) < 0 || n > 65535)
		return -1;
	*fd_r = (int)n;
	return 0;
}

static void parse_args(int argc, char **argv, struct tls_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->localfd = a->remotefd = a->statusfd = -1;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *s = argv[i];

		if (strcmp(s, "-server") == 0)
			a->server = true;
		else if (strcmp(s, "-tcpd") == 0)
			a->tcpd = true;
		else if (strncmp(s, "-user=", 6) == 0 && s[6] != '\0')
			a->user = s + 6;
		else if (strncmp(s, "-localfd=", 9) == 0) {
			if (fd_arg(s + 9, &a->localfd) < 0)
				usage("bad -localfd");
		} else if (strncmp(s, "-remotefd=", 10) == 0) {
			if (fd_arg(s + 10, &a->remotefd) < 0)
				usage("bad -remotefd");
		} else if (strncmp(s, "-statusfd=", 10) == 0) {
			if (fd_arg(s + 10, &a->statusfd) < 0)
				usage("bad -statusfd");
		} else if (strncmp(s, "-host=", 6) == 0 || strncmp(s, "-port=", 6) == 0 ||
			   strncmp(s, "-verify=", 8) == 0 || strncmp(s, "-protocol=", 10) == 0 ||
			   strncmp(s, "-printx509=", 11) == 0) {
			usage("client mode (-host, -port, -verify, -protocol, -printx509) is not "
			      "supported: this couriertls is a server only");
		} else if (strcmp(s, "--") == 0) {
			i++;
			break;
		} else {
			usage("unknown option");
		}
	}
	if (!a->server)
		usage("-server is required");
	a->prog = i < argc ? argv + i : NULL;
	if (a->prog == NULL && a->localfd < 0)
		usage("give PROGRAM, or -localfd=N for STARTTLS");
	if (a->prog != NULL && a->localfd >= 0)
		usage("-localfd and PROGRAM exclude each other");
	if (a->remotefd < 0 && !a->tcpd)
		usage("-tcpd (client socket on fds 0/1) or -remotefd=N is required");
}

/* The program side: wait for the status block, export it, exec. */
static NORETURN void run_program(char **prog, int spfd, int status_rfd)
{
	struct buf st = BUF_INIT(STARTTLS_STATUS_MAX);
	int64_t deadline = time_mono_ms() + TLS_HANDSHAKE_TIMEOUT_MS + 5000;
	const char *why = NULL;

	signal(SIGPIPE, SIG_DFL);
	for (;;) {
		struct pollfd p = { status_rfd, POLLIN, 0 };
		char *dst;
		ssize_t r;
		int left = time_left_ms(deadline);

		if (left <= 0 || poll(&p, 1, left) == 0)
			_exit(1);
		dst = buf_reserve(&st, 1024);
		if (dst == NULL)
			_exit(1);
		r = read(status_rfd, dst, 1024);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		buf_commit(&st, (size_t)r);
	}
	close(status_rfd);
	if (starttls_parse_status(st.data != NULL ? st.data : "", st.len, &why) < 0)
		_exit(1);   /* couriertls logged the reason */
	buf_free(&st);
	if (dup2(spfd, 0) < 0 || dup2(spfd, 1) < 0)
		_exit(1);
	if (spfd > 1)
		close(spfd);
	execvp(prog[0], prog);
	log_msg(LOGL_ERR, "couriertls: exec %s: %s", prog[0], strerror(errno));
	_exit(1);
}

static void drop_to_user(const char *user)
{
	const char *why = NULL;

	if (geteuid() != 0)
		return;
	if (user == NULL || *user == '\0')
		return;   /* Courier: no -user, no change */
	if (privdrop_user(user, &why) < 0)
		die(1, "couriertls: cannot become %s: %s", user, why);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

int main(int argc, char **argv)
{
	struct tls_args a;
	struct tls_server_cfg cfg;
	struct tls_server *ts;
	struct buf status = BUF_INIT(STARTTLS_STATUS_MAX);
	const char *why = NULL, *warn = NULL, *ip;
	int rfd, wfd, localfd, status_wfd = -1, rc;
	pid_t child = -1;

	log_init("couriertls");
	parse_args(argc, argv, &a);
	if (cfg_load_env(tls_params, &why) < 0)
		die(1, "couriertls: %s", why);
	ip = env_get_default("TCPREMOTEIP", "?");
	memset(&cfg, 0, sizeof(cfg));
	cfg.priority = c_priority;
	cfg.protocol = c_protocol;
	cfg.cipher_list = c_cipher_list;
	cfg.certfile = c_certfile;
	cfg.keyfile = c_keyfile;
	cfg.dhparams = c_dhparams;
	cfg.trustcerts = c_trustcerts;
	cfg.verifypeer = c_verifypeer;
	cfg.local_ip = c_localip;
	signal(SIGPIPE, SIG_IGN);

	ts = tls_server_new(&cfg, &warn, &why);
	if (ts == NULL)
		die(1, "couriertls: %s", why);
	if (warn != NULL)
		log_msg(LOGL_WARN, "couriertls: %s", warn);

	rfd = a.remotefd >= 0 ? a.remotefd : 0;
	wfd = a.remotefd >= 0 ? a.remotefd : 1;
	if (a.prog != NULL) {
		int sp[2], stp[2];

		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0 ||
		    pipe2(stp, O_CLOEXEC) < 0)
			die(1, "couriertls: socketpair: %s", strerror(errno));
		child = fork();
		if (child < 0)
			die(1, "couriertls: fork: %s", strerror(errno));
		if (child == 0) {
			close(sp[0]);
			close(stp[1]);
			close(rfd);
			if (wfd != rfd)
				close(wfd);
			run_program(a.prog, sp[1], stp[0]);
		}
		close(sp[1]);
		close(stp[0]);
		localfd = sp[0];
		status_wfd = stp[1];
	} else {
		localfd = a.localfd;
		status_wfd = a.statusfd;
		if (fcntl(localfd, F_GETFD) < 0)
			die(1, "couriertls: -localfd=%d is not open", localfd);
	}
	drop_to_user(a.user != NULL ? a.user : c_user);

	if (tls_server_handshake(ts, rfd, wfd, TLS_HANDSHAKE_TIMEOUT_MS, &status, &why) < 0) {
		struct buf e = BUF_INIT(1024);

		log_msg(LOGL_ERR, "couriertls: %s, ip=[%s]", why, ip);
		if (status_wfd >= 0 && buf_printf(&e, "ERROR=%s\n", why) == 0)
			write_all(status_wfd, e.data, e.len);
		buf_free(&e);
		if (status_wfd >= 0)
			close(status_wfd);
		close(localfd);
		if (child > 0)
			while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
				;
		tls_server_free(&ts);
		return 1;
	}
	if (status_wfd >= 0) {
		write_all(status_wfd, status.data, status.len);
		close(status_wfd);
	}
	buf_free(&status);
	tls_server_relay(ts, localfd);
	close(localfd);
	close(rfd);
	if (wfd != rfd)
		close(wfd);
	tls_server_free(&ts);
	if (child > 0) {
		int st = 0;

		while (waitpid(child, &st, 0) < 0 && errno == EINTR)
			;
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
		return rc;
	}
	return 0;
}
