#include "config.h"
/*
 * couriertcpd.c - main(): the TCP launcher, Courier's couriertcpd.
 *
 *   couriertcpd [options] PORT[,PORT...] PROGRAM [ARGS...]
 *   couriertcpd -pid=FILE -stop | -restart
 *
 * Trust:   the command line is the admin's; clients are handled in
 *          tcpd_server.c / tcpd_child.c.
 * Runs as: root until the listeners are bound, then -user/-group if given.
 * Limits:  see tcpd_server.c.
 * Errors:  bad options, ports that cannot be bound, or an unreadable access
 *          file stop start-up with exit 1 and a message on stderr.
 * Tests:   tests/protocol/run-couriertcpd
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "privdrop.h"
#include "strnum.h"
#include "tcpd_opts.h"
#include "tcpd_server.h"

static const struct tcpd_opts *g_opts;
static int logger_rfd = -1;
static int orig_stderr = -1;   /* the logger's own stderr (not its pipe) */

static void usage_die(const char *why)
{
	die(1, "%s\nusage: couriertcpd [options] PORT[,PORT...] PROGRAM [ARGS...]\n"
	    "       couriertcpd -pid=FILE -stop | -restart", why);
}

static int read_pid(const char *path, pid_t *pid_r)
{
	char tmp[32];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;
	unsigned long v;

	if (fd < 0)
		return -1;
	r = read(fd, tmp, sizeof(tmp) - 1);
	close(fd);
	if (r <= 0)
		return -1;
	tmp[r] = '\0';
	tmp[strcspn(tmp, "\r\n")] = '\0';
	if (str_to_ulong(tmp, &v) < 0 || v < 2 || v > 0x7fffffff)
		return -1;
	*pid_r = (pid_t)v;
	return 0;
}

static int signal_running(const struct tcpd_opts *o)
{
	pid_t pid;

	if (read_pid(o->pidfile, &pid) < 0) {
		log_msg(LOGL_ERR, "%s: no running couriertcpd recorded", o->pidfile);
		return 1;
	}
	if (kill(pid, o->action == TCPD_STOP ? SIGTERM : SIGHUP) < 0) {
		log_msg(LOGL_ERR, "kill %ld: %s", (long)pid, strerror(errno));
		return 1;
	}
	if (o->action == TCPD_STOP) {
		for (int i = 0; i < 80 && kill(pid, 0) == 0; i++) {
			struct timespec ts = { 0, 100 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	return 0;
}

/* Keep fds 0-2 open so accepted sockets never land on them. */
static void std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) < 0) {
			int nfd = open("/dev/null", O_RDWR);

			if (nfd < 0)
				exit(1);
			if (nfd != fd) {
				dup2(nfd, fd);
				close(nfd);
			}
		}
	}
}

static pid_t logger_start(void)
{
	const struct tcpd_opts *o = g_opts;
	const char *name = o->stderrloggername;
	pid_t pid;

	if (name == NULL) {
		name = strrchr(o->prog_argv[0], '/');
		name = name != NULL ? name + 1 : o->prog_argv[0];
	}
	pid = fork();
	if (pid < 0) {
		log_msg(LOGL_ERR, "fork (stderr logger): %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* never our fd 2 (the pipe's write end): the logger would keep its
		   own input open and outlive us */
		if (dup2(logger_rfd, 0) < 0 || (orig_stderr >= 0 && dup2(orig_stderr, 2) < 0))
			_exit(1);
		execl(o->stderrlogger, o->stderrlogger, name, (char *)NULL);
		_exit(1);
	}
	return pid;
}

/* Write pid to path (through path.tmp and a rename); -1 with errno. */
static int write_pidfile(const char *path, pid_t pid)
{
	struct buf tmp = BUF_INIT(4096);
	char num[32];
	int fd, n, rc = 0;

	if (buf_printf(&tmp, "%s.tmp", path) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	n = snprintf(num, sizeof(num), "%ld\n", (long)pid);
	fd = open(buf_cstr(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, num, (size_t)n) != n || close(fd) < 0 ||
	    rename(buf_cstr(&tmp), path) < 0)
		rc = -1;
	buf_free(&tmp);
	return rc;
}

static void daemonize(const char *pidfile)
{
	struct buf lock = BUF_INIT(4096);
	int lfd;
	pid_t pid;

	if (buf_printf(&lock, "%s.lock", pidfile) < 0)
		die(1, "%s: path too long", pidfile);
	lfd = open(buf_cstr(&lock), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lfd < 0)
		die(1, "%s: %s", buf_cstr(&lock), strerror(errno));
	if (flock(lfd, LOCK_EX | LOCK_NB) < 0)
		die(1, "%s: another couriertcpd is running", buf_cstr(&lock));
	buf_free(&lock);
	pid = fork();
	if (pid < 0)
		die(1, "fork: %s", strerror(errno));
	if (pid > 0) {
		/* the file is there when the start command returns */
		if (write_pidfile(pidfile, pid) < 0) {
			int e = errno;

			kill(pid, SIGKILL);
			die(1, "%s: %s", pidfile, strerror(e));
		}
		_exit(0);
	}
	setsid();
	{
		int nfd = open("/dev/null", O_RDWR);

		if (nfd >= 0) {
			dup2(nfd, 0);
			dup2(nfd, 1);
			if (nfd > 2)
				close(nfd);
		}
	}
	/* lfd stays open (and locked, the lock is shared with the parent
	   that just exited) for the life of the process */
}

static void drop_privileges(const struct tcpd_opts *o)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	const char *why = NULL;

	if (o->user == NULL && o->group == NULL)
		return;
	if (o->user != NULL && privdrop_lookup_user(o->user, &uid, &gid) < 0)
		die(1, "-user=%s: no such user", o->user);
	if (o->group != NULL && privdrop_lookup_group(o->group, &gid) < 0)
		die(1, "-group=%s: no such group", o->group);
	if (privdrop(uid, gid, NULL, 0, o->user == NULL, &why) < 0)
		die(1, "cannot become %s/%s: %s", o->user != NULL ? o->user : "-",
		    o->group != NULL ? o->group : "-", why);
}

int main(int argc, char **argv)
{
	static struct tcpd_opts o;
	int fds[TCPD_LISTEN_MAX], nfds, rc;
	pid_t logger_pid = -1;
	const char *why = NULL;

	log_init("couriertcpd");
	std_fds();
	if (tcpd_opts_parse(argc, argv, &o, &why) < 0)
		usage_die(why);
	g_opts = &o;
	if (o.action != TCPD_RUN)
		return signal_running(&o);

	nfds = tcpd_server_listen(&o, fds, TCPD_LISTEN_MAX);
	if (o.pidfile != NULL)
		daemonize(o.pidfile);   /* before the logger: it must be our child */
	if (o.stderrlogger != NULL) {
		int lp[2];

		if (pipe2(lp, O_CLOEXEC) < 0)
			die(1, "pipe: %s", strerror(errno));
		orig_stderr = fcntl(2, F_DUPFD_CLOEXEC, 3);
		logger_rfd = lp[0];
		logger_pid = logger_start();
		if (dup2(lp[1], 2) < 0)
			die(1, "dup2: %s", strerror(errno));
		close(lp[1]);
	}
	drop_privileges(&o);
	log_msg(LOGL_INFO, "started: %zu port(s), maxprocs=%u, maxperip=%u, program %s",
		o.nports, o.maxprocs, o.maxperip, o.prog_argv[0]);
	rc = tcpd_server_run(&o, fds, nfds, -1, logger_pid,
			     o.stderrlogger != NULL ? logger_start : NULL);
	if (o.pidfile != NULL)
		unlink(o.pidfile);
	return rc;
}
