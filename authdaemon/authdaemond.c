/*
 * authdaemond.c - the authentication daemon: reads authdaemonrc, listens on
 * <authdaemonvar>/socket, preforks `daemons` workers that each accept and
 * answer one request per connection.  SIGHUP reloads, SIGTERM stops.
 *
 *   authdaemond start | stop | restart | -f (foreground; also with no args)
 *
 * Trust:   every connection is hostile (see auth_proto.c); authdaemonrc is
 *          the admin's.
 * Runs as: root (PAM/shadow); or the instance owner in tests, where only
 *          accounts with our uid are accepted.
 * Limits:  timeouts per read, per request, and an alarm per worker request;
 *          a dead worker is replaced.
 * Tests:   tests/protocol/run-authdaemon, tests/interop/run-authdaemon-*
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "authd_server.h"
#include "buf.h"
#include "env.h"
#include "log.h"
#include "privdrop.h"
#include "sock.h"
#include "userdb_db.h"
#include "xmalloc.h"

static volatile sig_atomic_t got_hup, got_term, got_chld;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGCHLD || sig == SIGALRM)
		got_chld = 1;   /* reap, and refill empty worker slots */
	else
		got_term = 1;
}

static const char *rc_path(void)
{
	return env_get_default("AUTHDAEMONRC", AUTHDAEMONRC_DEFAULT);
}

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Worker side: SIGTERM while idle exits at once; while a request is being
   answered, the worker finishes it first (a reload never cuts a client). */
static volatile sig_atomic_t worker_busy, worker_stop;
/* The master's pid-file lock and start notification pipe: workers close
   them so the lock means "the master lives". */
static int master_pidfd = -1, master_notify_fd = -1;

static void on_worker_term(int sig)
{
	(void)sig;
	if (!worker_busy)
		_exit(0);
	worker_stop = 1;
}

static void worker(const struct authd_config *cfg, int lfd)
{
	struct sigaction sa;
	sigset_t none, term;
	int epfd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_worker_term;
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&none);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_SETMASK, &none, NULL);
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (master_pidfd >= 0)
		close(master_pidfd);
	if (master_notify_fd >= 0)
		close(master_notify_fd);
	/* One epoll set per worker with EPOLLEXCLUSIVE: a connection wakes one
	   idle worker, not all of them (no thundering herd on the shared
	   socket); plain poll() if the kernel refuses. */
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd >= 0) {
		struct epoll_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN | EPOLLEXCLUSIVE;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev) < 0) {
			close(epfd);
			epfd = -1;
		}
	}
	for (;;) {
		struct pollfd pfd = { lfd, POLLIN, 0 };
		struct epoll_event ev;
		int fd;

		if (getppid() == 1)
			_exit(0);
		if (epfd >= 0 ? epoll_wait(epfd, &ev, 1, 5000) <= 0 : poll(&pfd, 1, 5000) <= 0)
			continue;
		sigprocmask(SIG_BLOCK, &term, NULL);
		fd = sock_accept(lfd, NULL, NULL);
		if (fd >= 0)
			worker_busy = 1;
		sigprocmask(SIG_UNBLOCK, &term, NULL);
		if (fd < 0)
			continue;
		alarm(AUTHD_REQUEST_ALARM);
		authd_serve_connection(cfg, fd);
		alarm(0);
		worker_busy = 0;
		if (worker_stop)
			_exit(0);
	}
}

static pid_t spawn_worker(const struct authd_config *cfg, int lfd)
{
	pid_t pid = fork();

	if (pid == 0) {
		worker(cfg, lfd);
		_exit(0);
	}
	if (pid < 0)
		log_msg(LOGL_ERR, "authdaemond: fork failed: %s", strerror(errno));
	return pid;
}

/* Ask the workers to finish (SIGTERM).  With wait_secs > 0, wait that long
   for them and kill the rest; with 0, leave them to finish on their own
   (reaped later; they are no longer in pids[]). */
static void stop_workers(pid_t *pids, int n, int wait_secs)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	if (wait_secs > 0) {
		for (int t = 0; t < wait_secs * 10; t++) {
			bool left = false;

			for (int i = 0; i < n; i++) {
				if (pids[i] > 0 && waitpid(pids[i], NULL, WNOHANG) == pids[i])
					pids[i] = 0;
				if (pids[i] > 0)
					left = true;
			}
			if (!left)
				break;
			usleep(100000);
		}
		for (int i = 0; i < n; i++) {
			if (pids[i] > 0) {
				kill(pids[i], SIGKILL);
				(void)waitpid(pids[i], NULL, 0);
			}
		}
	}
	for (int i = 0; i < n; i++)
		pids[i] = 0;
}

/* mkdir -p for the parents of dir (0755), then dir itself (mode). */
static int mkdir_p(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(dir, mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Make the socket directory (0750, group authdaemongroup / courier / mail
   when root and the directory is new) and the socket (0777, atomically
   renamed into place as Courier does). */
static int make_socket(const struct authd_config *cfg)
{
	char *sock = path_in(cfg->var, "socket"), *tmp = path_in(cfg->var, "socket.tmp");
	const char *err = NULL;
	struct stat st;
	int fd;

	/* the pid file lock made the directory already: set its group whenever
	   authdaemongroup names one (Courier's packages: group courier), else
	   only on a directory nobody has given a group yet */
	if (stat(cfg->var, &st) < 0 && mkdir_p(cfg->var, 0750) < 0)
		die(1, "authdaemond: cannot create %s: %s", cfg->var, strerror(errno));
	if (geteuid() == 0 && (cfg->group != NULL || (stat(cfg->var, &st) == 0 && st.st_gid == 0))) {
		gid_t g;

		if (cfg->group != NULL && privdrop_lookup_group(cfg->group, &g) < 0)
			die(1, "authdaemond: authdaemongroup=%s: no such group", cfg->group);
		if (cfg->group != NULL || privdrop_lookup_group("courier", &g) == 0 ||
		    privdrop_lookup_group("mail", &g) == 0) {
			if (chown(cfg->var, 0, g) < 0)
				log_msg(LOGL_WARN, "authdaemond: chown %s: %s", cfg->var, strerror(errno));
			(void)chmod(cfg->var, 0750);
		}
	}
	(void)unlink(tmp);
	fd = sock_listen_unix(tmp, 0777, SOMAXCONN, &err);
	if (fd < 0)
		die(1, "authdaemond: %s: %s", tmp, err);
	if (rename(tmp, sock) < 0)
		die(1, "authdaemond: rename %s: %s", sock, strerror(errno));
	free(sock);
	free(tmp);
	return fd;
}

static void log_startup(const struct authd_config *cfg)
{
	log_msg(LOGL_INFO, "modules=\"%s\", daemons=%d", cfg->modulelist, cfg->daemons);
	for (size_t i = 0; i < cfg->nmodules; i++)
		log_msg(LOGL_INFO, "Installation complete: %s", cfg->modules[i]->name);
}

/* The master loop; notify_fd (>= 0) gets one byte once we listen. */
static int run(int notify_fd, int pidfd)
{
	struct authd_config cfg;
	const char *err = NULL;
	struct sigaction sa;
	sigset_t block, old;
	pid_t *pids;
	int lfd;

	master_pidfd = pidfd;
	master_notify_fd = notify_fd;
	if (authd_config_load(rc_path(), &cfg, &err) < 0)
		die(1, "authdaemond: %s", err);
	lfd = make_socket(&cfg);
	if (pidfd >= 0) {
		char b[32];
		int n = snprintf(b, sizeof(b), "%ld\n", (long)getpid());

		if (ftruncate(pidfd, 0) < 0 || pwrite(pidfd, b, (size_t)n, 0) != n)
			log_msg(LOGL_WARN, "authdaemond: cannot write the pid file");
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	log_startup(&cfg);
	pids = xcalloc(AUTHD_DAEMONS_MAX, sizeof(*pids));
	for (int i = 0; i < cfg.daemons; i++)
		pids[i] = spawn_worker(&cfg, lfd);
	if (notify_fd >= 0) {
		if (write(notify_fd, "1", 1) != 1)
			log_msg(LOGL_WARN, "authdaemond: cannot notify the starting process");
		close(notify_fd);
		master_notify_fd = -1;
	}
	for (;;) {
		while (!got_hup && !got_term && !got_chld)
			sigsuspend(&old);
		if (got_term) {
			char *sock = path_in(cfg.var, "socket");

			log_msg(LOGL_INFO, "authdaemond: stopping");
			stop_workers(pids, cfg.daemons, 5);
			(void)unlink(sock);
			free(sock);
			break;
		}
		if (got_hup) {
			struct authd_config ncfg;

			got_hup = 0;
			log_msg(LOGL_INFO, "authdaemond: restarting (SIGHUP)");
			stop_workers(pids, cfg.daemons, 0);
			if (authd_config_load(rc_path(), &ncfg, &err) < 0) {
				log_msg(LOGL_ERR, "authdaemond: %s; keeping the old settings", err);
			} else {
				free(ncfg.var);
				ncfg.var = xstrdup(cfg.var);   /* the socket stays where it is */
				authd_config_free(&cfg);
				cfg = ncfg;
			}
			userdb_db_close();
			log_startup(&cfg);
			for (int i = 0; i < cfg.daemons; i++)
				pids[i] = spawn_worker(&cfg, lfd);
			continue;
		}
		if (got_chld) {
			pid_t pid;
			int status;

			got_chld = 0;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				for (int i = 0; i < cfg.daemons; i++) {
					if (pids[i] != pid)
						continue;
					if (WIFSIGNALED(status))
						log_msg(LOGL_ERR, "authdaemond: worker %ld killed by signal %d, restarting",
							(long)pid, WTERMSIG(status));
					pids[i] = spawn_worker(&cfg, lfd);
				}
			}
			/* A slot whose fork failed is tried again a second later. */
			for (int i = 0; i < cfg.daemons; i++) {
				if (pids[i] <= 0)
					pids[i] = spawn_worker(&cfg, lfd);
				if (pids[i] < 0)
					alarm(1);
			}
		}
	}
	free(pids);
	close(lfd);
	authd_config_free(&cfg);
	return 0;
}

/* Open and lock <var>/pid: fd, or -1 when another daemon holds it. */
static int lock_pidfile(const char *var, bool wait)
{
	char *p = path_in(var, "pid");
	int fd;

	if (mkdir_p(var, 0750) < 0)
		die(1, "authdaemond: cannot create %s: %s", var, strerror(errno));
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(p);
	if (fd < 0)
		die(1, "authdaemond: cannot open the pid file in %s: %s", var, strerror(errno));
	if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static long read_pid(const char *var)
{
	char *p = path_in(var, "pid"), b[32];
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	free(p);
	if (fd < 0)
		return -1;
	n = read(fd, b, sizeof(b) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	b[n] = '\0';
	return strtol(b, NULL, 10);
}

static int cmd_start(const char *var)
{
	int pfd[2], pidfd;
	pid_t pid;
	char c;

	pidfd = lock_pidfile(var, false);
	if (pidfd < 0) {
		fprintf(stderr, "authdaemond: already running\n");
		return 1;
	}
	if (pipe(pfd) < 0)
		die(1, "authdaemond: pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die(1, "authdaemond: fork: %s", strerror(errno));
	if (pid == 0) {
		int nfd = open("/dev/null", O_RDWR);

		close(pfd[0]);
		(void)setsid();
		if (nfd >= 0) {
			dup2(nfd, 0);
			if (nfd > 2)
				close(nfd);
		}
		_exit(run(pfd[1], pidfd));
	}
	close(pfd[1]);
	close(pidfd);
	if (read(pfd[0], &c, 1) != 1) {
		fprintf(stderr, "authdaemond: failed to start (see the log)\n");
		return 1;
	}
	return 0;
}

static int cmd_signal(const char *var, int sig)
{
	int fd = lock_pidfile(var, false);
	long pid;

	if (fd >= 0) {
		close(fd);
		if (sig == SIGTERM)
			return 0;   /* not running: nothing to stop */
		fprintf(stderr, "authdaemond: not running\n");
		return 1;
	}
	pid = read_pid(var);
	if (pid <= 1 || kill((pid_t)pid, sig) < 0) {
		fprintf(stderr, "authdaemond: cannot signal the daemon\n");
		return 1;
	}
	if (sig == SIGTERM) {
		/* Wait (up to 8 s) until the lock is released. */
		for (int i = 0; i < 80; i++) {
			fd = lock_pidfile(var, false);
			if (fd >= 0) {
				close(fd);
				return 0;
			}
			usleep(100000);
		}
		(void)kill((pid_t)pid, SIGKILL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct authd_config cfg;
	const char *err = NULL, *cmd = argc > 1 ? argv[1] : "-f";
	int ret;

	log_init("authdaemond");
	if (strcmp(cmd, "-f") == 0 || strcmp(cmd, "foreground") == 0) {
		int pidfd;

		if (authd_config_load(rc_path(), &cfg, &err) < 0)
			die(1, "authdaemond: %s", err);
		pidfd = lock_pidfile(cfg.var, false);
		if (pidfd < 0)
			die(1, "authdaemond: already running (lock on %s/pid)", cfg.var);
		authd_config_free(&cfg);
		return run(-1, pidfd);
	}
	if (strcmp(cmd, "start") != 0 && strcmp(cmd, "stop") != 0 && strcmp(cmd, "restart") != 0) {
		fprintf(stderr, "usage: authdaemond start|stop|restart|-f\n");
		return 2;
	}
	if (authd_config_load(rc_path(), &cfg, &err) < 0)
		die(1, "authdaemond: %s", err);
	if (strcmp(cmd, "start") == 0)
		ret = cmd_start(cfg.var);
	else if (strcmp(cmd, "stop") == 0)
		ret = cmd_signal(cfg.var, SIGTERM);
	else
		ret = cmd_signal(cfg.var, SIGHUP);
	authd_config_free(&cfg);
	return ret;
}
