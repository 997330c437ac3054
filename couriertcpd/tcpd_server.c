#include "config.h"
/*
 * tcpd_server.c - couriertcpd's accept loop.
 *
 * One poll() over the listeners and a self-pipe that the signal handlers
 * write to.  At -maxprocs the listeners leave the poll set: the excess waits
 * in the kernel's listen backlog and is served in turn as children exit.
 * Over -maxperip / -maxperc (or an access-file MAXCPERIP) a connection is
 * closed at once after "ALERT: Maximum connection limit reached for <ip>".
 *
 * Trust:   peers are hostile; only accept() addresses are used, and the
 *          access file is looked up before anything runs.
 * Runs as: root or -user/-group, listening; never parses client bytes.
 * Limits:  at most -maxprocs children; per address -maxperip, per C block
 *          -maxperc; TCPD_ACCEPT_BURST accepts per wakeup keep signals and
 *          other listeners served; EMFILE pauses accepting for 100 ms.
 * Errors:  a failed fork or accept is logged, the connection dropped, and
 *          the server goes on.
 * Tests:   tests/protocol/run-couriertcpd, tests/unit/couriertcpd/test_limits.c
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

#include "log.h"
#include "sock.h"
#include "tcpd_access.h"
#include "tcpd_child.h"
#include "tcpd_limits.h"
#include "tcpd_server.h"
#include "timeutil.h"
#include "xmalloc.h"

struct server {
	const struct tcpd_opts *o;
	const int *fds;
	int nfds;
	struct tcpd_limits lim;
	struct tcpd_access_db *db;
	int stderr_fd;
	pid_t logger_pid;
	pid_t (*logger_restart)(void);
	bool warned, full;
	int64_t pause_until;
	int64_t logger_due;        /* restart the stderr logger then (-1: running) */
};

static int sig_fds[2] = { -1, -1 };

static void on_signal(int sig)
{
	int e = errno;
	unsigned char c = (unsigned char)sig;

	if (write(sig_fds[1], &c, 1) < 0) {
		/* the pipe is full: a wakeup is already pending */
	}
	errno = e;
}

int tcpd_server_listen(const struct tcpd_opts *o, int *fds, int max_fds)
{
	int n = 0;

	for (size_t i = 0; i < o->nports; i++) {
		const char *addr = o->ports[i].addr[0] != '\0' ? o->ports[i].addr : o->address;
		const char *why = NULL;
		int got = sock_listen_tcp(addr[0] != '\0' ? addr : NULL, o->ports[i].port,
					  o->backlog, fds + n, max_fds - n, &why);

		if (got < 0)
			die(1, "cannot listen on %s port %u: %s", addr[0] != '\0' ? addr : "*",
			    o->ports[i].port, why != NULL ? why : strerror(errno));
		n += got;
	}
	return n;
}

static void access_open(struct server *s, bool startup)
{
	const char *why = NULL;
	struct tcpd_access_db *db;

	if (s->o->access == NULL)
		return;
	db = tcpd_access_open(s->o->access, &why);
	if (db == NULL) {
		if (startup)
			die(1, "access file %s: %s", s->o->access, why);
		log_msg(LOGL_ERR, "access file %s: %s (keeping the old rules)", s->o->access, why);
		return;
	}
	tcpd_access_close(&s->db);
	s->db = db;
}

static void reap(struct server *s)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid == s->logger_pid && s->logger_restart != NULL) {
			/* at most one restart a second, so a logger that cannot
			   start does not make us spin */
			s->logger_pid = -1;
			s->logger_due = time_mono_ms() + 1000;
			continue;
		}
		if (!tcpd_limits_remove(&s->lim, pid))
			continue;
		if (WIFSIGNALED(st) && WTERMSIG(st) != SIGTERM && WTERMSIG(st) != SIGKILL &&
		    WTERMSIG(st) != SIGPIPE)
			log_msg(LOGL_WARN, "child %ld (%s) killed by signal %d", (long)pid,
				s->o->prog_argv[0], WTERMSIG(st));
	}
	if (s->lim.n < s->o->maxprocs)
		s->full = false;
	if (s->o->warn == 0 || s->lim.n < s->o->warn)
		s->warned = false;
}

/* The access decision: 1 = go on (rules filled), 0 = denied and handled. */
static int check_access(struct server *s, int fd, const char *ip, unsigned lport,
			const char *lip, struct tcpd_access_rule *rule,
			struct tcpd_access_rule *lrule, bool *has_rule, bool *has_lrule)
{
	const char *why = NULL;
	int rc;

	*has_rule = *has_lrule = false;
	if (s->db == NULL)
		return 1;
	rc = tcpd_access_lookup(s->db, ip, 0, rule, &why);
	if (rc < 0)
		log_msg(LOGL_ERR, "access file %s: bad rule for %s: %s (denied)", s->o->access,
			ip, why);
	*has_rule = rc == 1;
	if (rc == 1 && !rule->deny && s->o->accesslocal) {
		int lrc = tcpd_access_lookup(s->db, lip, lport, lrule, &why);

		if (lrc < 0) {
			log_msg(LOGL_ERR, "access file %s: bad rule for %s.%u: %s (denied)",
				s->o->access, lip, lport, why);
			rc = -1;
		} else if (lrc == 1) {
			*has_lrule = true;
			if (lrule->deny)
				rc = -1;
		}
	} else if (rc == 0 && s->o->accesslocal) {
		int lrc = tcpd_access_lookup(s->db, lip, lport, lrule, &why);

		if (lrc < 0 || (lrc == 1 && lrule->deny))
			rc = -1;
		*has_lrule = lrc == 1;
	}
	if (rc < 0 || (rc == 1 && rule->deny)) {
		log_msg(LOGL_INFO, "Access denied for %s", ip);
		if (s->o->denymsg != NULL) {
			char msg[1024];
			int n = snprintf(msg, sizeof(msg), "%s\r\n", s->o->denymsg);

			if (n > 0 && (size_t)n < sizeof(msg) &&
			    send(fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
				/* the client is gone already */
			}
		}
		return 0;
	}
	return 1;
}

/* Address text as Courier's couriertcpd shows it: an IPv4 peer is
   "::ffff:a.b.c.d" whether it came in on a dual-stack or an IPv4 socket
   (Courier binds IPv6 sockets even for IPv4 addresses), so logs, access
   rules and fail2ban see one form. */
static void addr_text(const struct sockaddr *sa, char out[SOCK_ADDR_MAX], unsigned *port_r)
{
	char v4[SOCK_ADDR_MAX];

	sock_addr_str(sa, v4, port_r);
	if (sa->sa_family == AF_INET)
		snprintf(out, SOCK_ADDR_MAX, "::ffff:%.40s", v4);   /* v4 text: <= 15 */
	else
		memcpy(out, v4, SOCK_ADDR_MAX);
}

static void handle_conn(struct server *s, int fd, const struct sockaddr_storage *peer)
{
	struct tcpd_conn c;
	struct tcpd_access_rule rule = { 0 }, lrule = { 0 };
	bool has_rule, has_lrule;
	struct tcpd_addr a;
	socklen_t llen = sizeof(c.local);
	long maxperip = s->o->maxperip;
	pid_t pid;

	memset(&c, 0, sizeof(c));
	c.fd = fd;
	c.remote = *peer;
	addr_text((const struct sockaddr *)peer, c.remote_ip, &c.remote_port);
	if (getsockname(fd, (struct sockaddr *)&c.local, &llen) < 0 ||
	    tcpd_addr_from_sockaddr((const struct sockaddr *)peer, &a) < 0) {
		close(fd);
		return;
	}
	addr_text((const struct sockaddr *)&c.local, c.local_ip, &c.local_port);

	if (check_access(s, fd, c.remote_ip, c.local_port, c.local_ip, &rule, &lrule,
			 &has_rule, &has_lrule) == 0)
		goto drop;
	if (has_rule && tcpd_access_rule_maxcperip(&rule) >= 0)
		maxperip = tcpd_access_rule_maxcperip(&rule);
	if ((maxperip > 0 && tcpd_limits_count_ip(&s->lim, &a) >= (size_t)maxperip) ||
	    (s->o->maxperc > 0 && tcpd_limits_count_cblock(&s->lim, &a) >= s->o->maxperc)) {
		log_msg(LOGL_ALERT, "Maximum connection limit reached for %s", c.remote_ip);
		goto drop;
	}
	c.rule = has_rule ? &rule : NULL;
	c.local_rule = has_lrule ? &lrule : NULL;
	if (tcpd_child_can_spawn(s->o)) {
		pid = tcpd_child_spawn(s->o, &c, s->stderr_fd);
		if (pid < 0) {
			log_msg(LOGL_ERR, "cannot run %s: %s", s->o->prog_argv[0], strerror(errno));
			goto drop;
		}
	} else {
		pid = fork();
		if (pid < 0) {
			log_msg(LOGL_ERR, "fork: %s", strerror(errno));
			goto drop;
		}
		if (pid == 0) {
			close(sig_fds[0]);
			close(sig_fds[1]);
			tcpd_child_run(s->o, &c, s->stderr_fd);
		}
	}
	if (tcpd_limits_add(&s->lim, pid, &a) < 0)
		panic("child table full at %zu", s->lim.n);
	if (s->o->warn > 0 && s->lim.n >= s->o->warn && !s->warned) {
		s->warned = true;
		log_msg(LOGL_WARN, "%zu connections running, the maximum is %u", s->lim.n,
			s->o->maxprocs);
	}
	if (s->lim.n >= s->o->maxprocs && !s->full) {
		s->full = true;
		log_msg(LOGL_WARN, "Maximum of %u connections reached, new ones wait",
			s->o->maxprocs);
	}
drop:
	close(fd);
	tcpd_access_rule_free(&rule);
	tcpd_access_rule_free(&lrule);
}

static void accept_some(struct server *s, int lfd)
{
	for (int i = 0; i < TCPD_ACCEPT_BURST && s->lim.n < s->o->maxprocs; i++) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof(peer);
		int fd = sock_accept(lfd, &peer, &plen);

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
			    errno == ENOMEM) {
				log_msg(LOGL_ERR, "accept: %s (pausing 100 ms)", strerror(errno));
				s->pause_until = time_mono_ms() + 100;
			}
			return;   /* EAGAIN, ECONNABORTED, ... */
		}
		handle_conn(s, fd, &peer);
	}
}

int tcpd_server_run(const struct tcpd_opts *o, const int *fds, int nfds, int stderr_fd,
		    pid_t logger_pid, pid_t (*logger_restart)(void))
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP };
	struct server s;
	struct pollfd *pfd = xcalloc((size_t)nfds + 1, sizeof(*pfd));
	struct sigaction sa;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.fds = fds;
	s.nfds = nfds;
	s.stderr_fd = stderr_fd;
	s.logger_pid = logger_pid;
	s.logger_restart = logger_restart;
	s.pause_until = -1;
	s.logger_due = -1;
	tcpd_limits_init(&s.lim, o->maxprocs);
	access_open(&s, true);

	if (pipe2(sig_fds, O_CLOEXEC | O_NONBLOCK) < 0)
		die(1, "pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	for (size_t i = 0; i < N_ELEMENTS(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	for (;;) {
		int n = 1, timeout = -1, rc;
		bool accepting = s.lim.n < o->maxprocs;

		pfd[0].fd = sig_fds[0];
		pfd[0].events = POLLIN;
		if (s.logger_due >= 0 && time_left_ms(s.logger_due) == 0) {
			s.logger_due = -1;
			s.logger_pid = s.logger_restart();
		}
		if (s.logger_due >= 0)
			timeout = time_left_ms(s.logger_due);
		if (s.pause_until >= 0) {
			int left = time_left_ms(s.pause_until);

			if (left <= 0) {
				s.pause_until = -1;
			} else {
				accepting = false;
				if (timeout < 0 || left < timeout)
					timeout = left;
			}
		}
		if (accepting) {
			for (int i = 0; i < nfds; i++) {
				pfd[n].fd = fds[i];
				pfd[n].events = POLLIN;
				n++;
			}
		}
		rc = poll(pfd, (nfds_t)n, timeout);
		if (rc < 0 && errno != EINTR)
			die(1, "poll: %s", strerror(errno));
		if (rc <= 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			unsigned char sb[64];
			ssize_t r;
			bool hup = false, term = false;

			while ((r = read(sig_fds[0], sb, sizeof(sb))) > 0) {
				for (ssize_t i = 0; i < r; i++) {
					if (sb[i] == SIGHUP)
						hup = true;
					else if (sb[i] == SIGTERM || sb[i] == SIGINT)
						term = true;
				}
			}
			reap(&s);
			if (term) {
				for (int i = 0; i < nfds; i++)
					close(fds[i]);
				log_msg(LOGL_INFO, "stopping; %zu sessions left running", s.lim.n);
				tcpd_access_close(&s.db);
				tcpd_limits_deinit(&s.lim);
				free(pfd);
				return 0;
			}
			if (hup) {
				log_msg(LOGL_INFO, "SIGHUP: re-reading the access file");
				access_open(&s, false);
			}
		}
		for (int i = 1; i < n; i++)
			if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP))
				accept_some(&s, pfd[i].fd);
	}
}
