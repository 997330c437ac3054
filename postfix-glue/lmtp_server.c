#include "config.h"
/*
 * lmtp_server.c - listen, accept, fork one session process per connection.
 *
 * Trust:   connections are from anyone who can reach the listen addresses;
 *          the listen list is the admin's.
 * Runs as: the user that started lmtpd (root in production: deliveries drop
 *          to each mailbox owner); the master never reads client data.
 * Limits:  process_limit concurrent sessions (the listeners are not polled
 *          while full, so the kernel backlog holds the rest).
 * Errors:  a listen failure stops startup (exit 1); accept/fork failures are
 *          logged and retried.
 * Tests:   tests/unit/postfix-glue/test_server.c, tests/protocol/run-lmtpd
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cfg.h"
#include "env.h"
#include "lmtp_config.h"
#include "lmtp_deliver.h"
#include "lmtp_rcpt.h"
#include "lmtp_server.h"
#include "lmtp_session.h"
#include "log.h"
#include "stream.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"
#include "starttls.h"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t child_exited;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void on_child(int sig)
{
	(void)sig;
	child_exited = 1;
}

int lmtp_listen_parse(const char *item, struct lmtp_listen_item *out, const char **error_r)
{
	const char *rest, *colon;
	size_t alen;

	memset(out, 0, sizeof(*out));
	if (strncmp(item, "unix:", 5) == 0) {
		rest = item + 5;
		if (rest[0] != '/' || strlen(rest) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
			*error_r = "unix: needs an absolute path shorter than 108 bytes";
			return -1;
		}
		out->type = 'u';
		snprintf(out->path, sizeof(out->path), "%s", rest);
		return 0;
	}
	if (strncmp(item, "inet:", 5) != 0) {
		*error_r = "listen address must start with inet: or unix:";
		return -1;
	}
	rest = item + 5;
	colon = strrchr(rest, ':');
	if (colon == NULL || str_to_uint(colon + 1, &out->port) < 0 || out->port == 0 ||
	    out->port > 65535) {
		*error_r = "inet: needs ADDRESS:PORT with a port 1-65535";
		return -1;
	}
	alen = (size_t)(colon - rest);
	if (alen >= 2 && rest[0] == '[' && rest[alen - 1] == ']') {
		rest++;
		alen -= 2;
	}
	if (alen >= sizeof(out->addr)) {
		*error_r = "inet: address too long";
		return -1;
	}
	memcpy(out->addr, rest, alen);
	out->addr[alen] = '\0';
	out->type = 'i';
	return 0;
}

/* The peer's numeric address, "" for a unix socket. */
static void peer_of(int fd, char ip[SOCK_ADDR_MAX])
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	unsigned port;

	ip[0] = '\0';
	if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0 || ss.ss_family == AF_UNIX)
		return;
	sock_addr_str((struct sockaddr *)&ss, ip, &port);
}

static int serve_fd(const struct lmtpd_config *cfg, int fd, bool smtp)
{
	struct lmtp_rcpt_backend be;
	struct lmtp_session ss;
	struct stream_limits lim = { (size_t)cfg->line_length_limit, STREAM_OUT_MAX_DEFAULT,
				     (int)cfg->smtpd_timeout, (int)cfg->smtpd_timeout };
	struct stream *s = stream_new(fd, fd, &lim);
	char ip[SOCK_ADDR_MAX];
	int ret;

	peer_of(fd, ip);
	log_set_context(ip[0] != '\0' ? ip : "local", NULL);
	log_msg(LOGL_INFO, "connect from [%s]", ip[0] != '\0' ? ip : "local");
	lmtp_rcpt_backend_default(&be, cfg);
	lmtp_session_init(&ss, cfg, &be, s, smtp, ip, fd);
	ret = lmtp_session_run(&ss);
	log_msg(LOGL_INFO, "disconnect from [%s] messages=%lu", ip[0] != '\0' ? ip : "local",
		ss.msgno);
	lmtp_session_deinit(&ss);
	lmtp_deliver_helpers_close();
	stream_free(&s);
	return ret == 0 ? 0 : 1;
}

int lmtp_server_stdio(const struct lmtpd_config *cfg, bool smtp)
{
	struct lmtp_rcpt_backend be;
	struct lmtp_session ss;
	struct stream_limits lim = { (size_t)cfg->line_length_limit, STREAM_OUT_MAX_DEFAULT,
				     (int)cfg->smtpd_timeout, (int)cfg->smtpd_timeout };
	struct stream *s = stream_new(0, 1, &lim);
	const char *ip = env_get("TCPREMOTEIP");
	char peer[SOCK_ADDR_MAX];
	unsigned port;
	int ret;

	signal(SIGPIPE, SIG_IGN);
	lmtp_rcpt_backend_default(&be, cfg);
	lmtp_session_init(&ss, cfg, &be, s, smtp, ip != NULL ? ip : "", -1);
	/* under couriertcpd fd 0 is the socket: STARTTLS can use it (never on a pipe) */
	if (smtp && sock_peer(0, peer, &port) == 0) {
		ss.client_fd = 0;
		ss.tls_offered = cfg->smtpd_use_tls && cfg->smtpd_tls_cert_file[0] != '\0' &&
				 starttls_available(cfg->couriertls);
	}
	ret = lmtp_session_run(&ss);
	lmtp_session_deinit(&ss);
	lmtp_deliver_helpers_close();
	stream_free(&s);
	return ret == 0 ? 0 : 1;
}

/* The file each unix listener was bound to, to notice it being removed or
   replaced (Postfix's master creating a service socket of the same name,
   a second lmtpd, an admin's rm). */
static struct stat unix_st[LMTP_LISTEN_MAX];

/* A socket file that still accepts connections belongs to a live process:
   never unlink it (that would take its clients away silently). */
static bool unix_in_use(const char *path)
{
	struct sockaddr_un sun;
	struct stat st;
	int fd, r;

	if (lstat(path, &st) < 0 || !S_ISSOCK(st.st_mode) || strlen(path) >= sizeof(sun.sun_path))
		return false;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	r = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
	close(fd);
	return r == 0;
}

static int open_listeners(const struct lmtpd_config *cfg, const char *list, int *fds,
			  char paths[][4096], int *nfds_r)
{
	size_t pos = 0;
	char *item;
	int n = 0;

	while ((item = cfg_list_next(list, &pos)) != NULL) {
		struct lmtp_listen_item li;
		const char *error = NULL;
		int got;

		if (lmtp_listen_parse(item, &li, &error) < 0) {
			log_msg(LOGL_ERR, "listen \"%s\": %s", item, error);
			free(item);
			return -1;
		}
		if (li.type == 'u') {
			int mode;

			if (lmtp_config_socket_mode(cfg, &mode) < 0) {
				log_msg(LOGL_ERR, "lmtp_unix_socket_mode: not an octal mode: %s",
					cfg->unix_socket_mode);
				free(item);
				return -1;
			}
			if (n >= LMTP_LISTEN_MAX) {
				free(item);
				break;
			}
			if (unix_in_use(li.path)) {
				log_msg(LOGL_ERR, "listen \"%s\": %s is in use by another process "
					"(another lmtpd, or Postfix's master when master.cf has a "
					"service of that name); not replacing it", item, li.path);
				free(item);
				return -1;
			}
			fds[n] = sock_listen_unix(li.path, mode, 128, &error);
			got = fds[n] < 0 ? -1 : 1;
			if (got > 0) {
				snprintf(paths[n], 4096, "%s", li.path);
				if (lstat(li.path, &unix_st[n]) < 0)
					memset(&unix_st[n], 0, sizeof(unix_st[n]));
			}
		} else {
			got = sock_listen_tcp(li.addr, li.port, 128, fds + n, LMTP_LISTEN_MAX - n, &error);
			for (int k = 0; k < got; k++)
				paths[n + k][0] = '\0';
		}
		if (got < 0) {
			int e = errno;

			if (error != NULL)
				log_msg(LOGL_ERR, "listen \"%s\": %s: %s", item, error, strerror(e));
			else
				log_msg(LOGL_ERR, "listen \"%s\": %s", item, strerror(e));
			free(item);
			return -1;
		}
		n += got;
		free(item);
	}
	if (n == 0) {
		log_msg(LOGL_ERR, "no listen addresses");
		return -1;
	}
	*nfds_r = n;
	return 0;
}

/* Is every unix listener still the file it was bound to?  Logs the first
   that is not; a listener nobody can reach must not look like a running
   service, so the caller stops (the supervisor or systemd restarts it). */
static bool unix_listeners_intact(char paths[][4096], int nfds)
{
	for (int i = 0; i < nfds; i++) {
		struct stat st;

		if (paths[i][0] == '\0')
			continue;
		if (lstat(paths[i], &st) < 0) {
			log_msg(LOGL_ERR, "unix socket %s: %s: it was removed; stopping, "
				"so that the listener is made again", paths[i], strerror(errno));
			paths[i][0] = '\0';
			return false;
		}
		if (st.st_dev != unix_st[i].st_dev || st.st_ino != unix_st[i].st_ino) {
			log_msg(LOGL_ERR, "unix socket %s was replaced by another file or socket "
				"(another process listens there now); stopping", paths[i]);
			paths[i][0] = '\0';   /* not ours: never unlink it */
			return false;
		}
	}
	return true;
}

/* The session processes, so SIGTERM reaches exactly them. */
static pid_t *children;
static long nchildren;

static void reap(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (long i = 0; i < nchildren; i++) {
			if (children[i] == pid) {
				children[i] = children[--nchildren];
				break;
			}
		}
	}
}

int lmtp_server_run(const struct lmtpd_config *cfg, const char *listen_list, bool smtp)
{
	int fds[LMTP_LISTEN_MAX];
	static char paths[LMTP_LISTEN_MAX][4096];
	struct pollfd pfd[LMTP_LISTEN_MAX];
	struct sigaction sa;
	int nfds = 0, ret = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	if (open_listeners(cfg, listen_list, fds, paths, &nfds) < 0)
		return 1;
	children = xcalloc((size_t)cfg->process_limit, sizeof(*children));
	log_msg(LOGL_INFO, "%s ready (%s), process_limit=%lld", smtp ? "SMTP" : "LMTP",
		listen_list, cfg->process_limit);
	while (!stop_requested) {
		int r;

		if (child_exited) {
			child_exited = 0;
			reap();
		}
		for (int i = 0; i < nfds; i++) {
			pfd[i].fd = nchildren < cfg->process_limit ? fds[i] : -1;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		r = poll(pfd, (nfds_t)nfds, 1000);
		if (!unix_listeners_intact(paths, nfds)) {
			ret = 1;
			break;
		}
		if (r <= 0)
			continue;
		for (int i = 0; i < nfds && !stop_requested; i++) {
			int cfd;
			pid_t pid;

			if ((pfd[i].revents & POLLIN) == 0 || nchildren >= cfg->process_limit)
				continue;
			cfd = sock_accept(fds[i], NULL, NULL);
			if (cfd < 0) {
				if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
				    errno != ECONNABORTED) {
					/* EMFILE, ENOBUFS...: do not spin on a readable listener */
					log_msg(LOGL_WARN, "accept: %s", strerror(errno));
					usleep(100000);
				}
				continue;
			}
			pid = fork();
			if (pid < 0) {
				log_msg(LOGL_ERR, "fork: %s", strerror(errno));
				close(cfd);
				continue;
			}
			if (pid == 0) {
				signal(SIGTERM, SIG_DFL);
				signal(SIGINT, SIG_DFL);
				signal(SIGCHLD, SIG_DFL);
				for (int k = 0; k < nfds; k++)
					close(fds[k]);
				_exit(serve_fd(cfg, cfd, smtp));
			}
			children[nchildren++] = pid;
			close(cfd);
		}
	}
	for (int i = 0; i < nfds; i++) {
		close(fds[i]);
		if (paths[i][0] != '\0')
			(void)unlink(paths[i]);
	}
	/* sessions in progress end now; a message they had not answered 250
	   for is retried by the client, so nothing is lost */
	for (long i = 0; i < nchildren; i++)
		kill(children[i], SIGTERM);
	{
		int64_t until = time_mono_ms() + 5000;

		while (nchildren > 0 && time_mono_ms() < until) {
			reap();
			usleep(10000);
		}
	}
	free(children);
	log_msg(LOGL_INFO, "stopped");
	return ret;
}
