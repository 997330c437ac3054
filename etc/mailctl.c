/*
 * mailctl.c - command line of mailctl, program lookup, instance loading.
 *
 * Trust:   arguments from the admin; instance files written by mailctl init.
 * Runs as: root (the demo, ISPs) or any user (tests); never runs mail code.
 * Tests:   every protocol and interop suite starts its stack with it;
 *          tests/protocol/run-mailctl checks init/start/status/ports/stop.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include "cfg.h"
#include "log.h"
#include "mailctl.h"
#include "privdrop.h"
#include "strnum.h"
#include "xmalloc.h"

struct prog_def {
	const char *build;      /* path below the build tree */
	const char *installed;  /* where make install puts it */
};

static const struct prog_def progs[PROG_COUNT] = {
	[PROG_AUTHDAEMOND] = { "authdaemon/authdaemond", SBINDIR "/authdaemond" },
	[PROG_MAKEUSERDB]  = { "authdaemon/makeuserdb", SBINDIR "/makeuserdb" },
	[PROG_COURIERTCPD] = { "couriertcpd/couriertcpd", SBINDIR "/couriertcpd" },
	[PROG_COURIERTLS]  = { "couriertcpd/couriertls", BINDIR "/couriertls" },
	[PROG_IMAPLOGIN]   = { "imapd/imaplogin", COURIERLIBEXECDIR "/imaplogin" },
	[PROG_IMAPD]       = { "imapd/imapd", BINDIR "/imapd" },
	[PROG_POP3LOGIN]   = { "pop3d/pop3login", COURIERLIBEXECDIR "/courierpop3login" },
	[PROG_POP3D]       = { "pop3d/pop3d", COURIERLIBEXECDIR "/courierpop3d" },
	[PROG_LMTPD]       = { "postfix-glue/lmtpd", SBINDIR "/lmtpd" },
};

static int build_tree = -1;
static char *prog_paths[PROG_COUNT];

/* mailctl runs from the build tree when its own binary is TOP_BUILDDIR/etc/mailctl. */
static bool in_build_tree(void)
{
	if (build_tree < 0) {
		char self[4096];
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		char *want = mailctl_path(TOP_BUILDDIR, "etc/mailctl");

		build_tree = 0;
		if (n > 0) {
			self[n] = '\0';
			build_tree = strcmp(self, want) == 0;
		}
		free(want);
	}
	return build_tree == 1;
}

const char *mailctl_prog_path(enum mailctl_prog p)
{
	if (prog_paths[p] == NULL) {
		/* STAFETA_PROGDIR: every program as DIR/<installed name> (tests
		   run the start helper against stub programs with it) */
		const char *dir = getenv("STAFETA_PROGDIR");

		if (dir != NULL && *dir == '/')
			prog_paths[p] = mailctl_path(dir, strrchr(progs[p].installed, '/') + 1);
		else
			prog_paths[p] = in_build_tree() ? mailctl_path(TOP_BUILDDIR, progs[p].build)
							: xstrdup(progs[p].installed);
	}
	return prog_paths[p];
}

bool mailctl_prog_exists(enum mailctl_prog p)
{
	return access(mailctl_prog_path(p), X_OK) == 0;
}

const char *mailctl_template_dir(void)
{
	return in_build_tree() ? TOP_SRCDIR "/etc/templates" : PKGDATADIR "/templates";
}

char *mailctl_path(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = xmalloc(la + lb + 2);

	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

int mailctl_write_file(const char *path, const char *data, size_t n, int mode)
{
	size_t plen = strlen(path);
	char *tmp = xmalloc(plen + 5);
	int fd;

	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp", 5);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		fprintf(stderr, "mailctl: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	(void)fchmod(fd, (mode_t)mode);
	while (n > 0) {
		ssize_t w = write(fd, data, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "mailctl: %s: %s\n", tmp, strerror(errno));
			close(fd);
			unlink(tmp);
			free(tmp);
			return -1;
		}
		data += w;
		n -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
		fprintf(stderr, "mailctl: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int mailctl_run_cmd(char *const argv[], char *const envp[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (envp != NULL)
			execve(argv[0], argv, envp);
		else
			execvp(argv[0], argv);
		fprintf(stderr, "mailctl: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int mailctl_instance_load(struct mailctl_instance *in, const char *etcdir, bool allow_system)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err, *v;
	char real[4096], *conf;

	memset(in, 0, sizeof(*in));
	if (realpath(etcdir, real) == NULL) {
		fprintf(stderr, "mailctl: %s: %s\n", etcdir, strerror(errno));
		return -1;
	}
	conf = mailctl_path(real, "mailctl.conf");
	if (allow_system && access(conf, F_OK) != 0 && errno == ENOENT) {
		/* /etc/courier of a system install: sockets in /run/courier, the
		   TLS process as "courier" when that account exists (Courier's) */
		char *d = xstrdup(AUTHDAEMON_SOCKET_DEFAULT), *slash;

		free(conf);
		slash = strrchr(d, '/');
		if (slash != NULL && slash != d)
			*slash = '\0';
		slash = strrchr(d, '/');
		if (slash != NULL && slash != d)
			*slash = '\0';
		in->system = true;
		in->etc = xstrdup(real);
		in->dir = d;
		in->mail_uid = getuid();
		in->mail_gid = getgid();
		in->tls_user = geteuid() == 0 && getpwnam("courier") != NULL ? xstrdup("courier") : NULL;
		return 0;
	}
	if (cfg_parse_file(&vars, CFG_SHELL, conf, &err) < 0) {
		fprintf(stderr, "mailctl: %s (is %s an instance made by mailctl init?)\n", err, etcdir);
		free(conf);
		return -1;
	}
	free(conf);
	in->etc = xstrdup(real);
	v = cfg_vars_get(&vars, "INSTANCE_DIR");
	in->dir = xstrdup(v != NULL ? v : real);
	v = cfg_vars_get(&vars, "MAIL_UID");
	if (v == NULL || str_to_uid(v, &in->mail_uid) < 0)
		in->mail_uid = getuid();
	v = cfg_vars_get(&vars, "MAIL_GID");
	if (v == NULL || str_to_gid(v, &in->mail_gid) < 0)
		in->mail_gid = getgid();
	v = cfg_vars_get(&vars, "TLS_USER");
	in->tls_user = v != NULL && *v != '\0' ? xstrdup(v) : NULL;
	cfg_vars_free(&vars);
	return 0;
}

char *mailctl_authdaemonvar(const struct mailctl_instance *in)
{
	char *sys = NULL;

	struct cfg_vars vars = CFG_VARS_INIT;
	char *rc = mailctl_path(in->etc, "authdaemonrc"), *r = NULL;
	const char *err, *v;

	if (cfg_parse_file(&vars, CFG_SHELL, rc, &err) == 0 &&
	    (v = cfg_vars_get(&vars, "authdaemonvar")) != NULL && *v != '\0')
		r = xstrdup(v);
	cfg_vars_free(&vars);
	free(rc);
	if (r != NULL)
		return r;
	if (in->system) {
		char *slash;

		sys = xstrdup(AUTHDAEMON_SOCKET_DEFAULT);
		slash = strrchr(sys, '/');
		if (slash != NULL && slash != sys)
			*slash = '\0';
		return sys;
	}
	return mailctl_path(in->dir, "run/authdaemon");
}

void mailctl_instance_free(struct mailctl_instance *in)
{
	free(in->dir);
	free(in->etc);
	free(in->tls_user);
	memset(in, 0, sizeof(*in));
}

NORETURN static void usage(void)
{
	fprintf(stderr,
		"usage: mailctl init DIR [--ports=auto|default] [--user NAME [--password PW]]\n"
		"       mailctl -c DIR/etc check|start|stop|status|run|ports\n"
		"       mailctl -c ETCDIR exec SERVICE | ready SERVICE PID   (systemd units)\n"
		"       mailctl -c DIR/etc useradd NAME   (password from the terminal or stdin)\n");
	exit(64);
}

/* couriertcpd-start SERVICE [ETCDIR]: the start helper of the systemd units
   (Courier's rc-script wiring), without a shell. */
static int start_helper(int argc, char **argv)
{
	static const char *const svcs[] = { "imapd", "imapd-ssl", "pop3d", "pop3d-ssl", NULL };
	struct mailctl_instance in;
	const char *etc;
	bool ok = false;
	int r;

	log_init("couriertcpd-start");
	for (size_t i = 0; argc >= 2 && svcs[i] != NULL; i++)
		ok = ok || strcmp(argv[1], svcs[i]) == 0;
	if (!ok || argc > 3) {
		fprintf(stderr, "usage: couriertcpd-start imapd|imapd-ssl|pop3d|pop3d-ssl [ETCDIR]\n");
		return 1;
	}
	etc = argc == 3 ? argv[2] : getenv("STAFETA_ETCDIR");
	if (etc == NULL || *etc == '\0')
		etc = SYSCONFDIR;
	if (access(etc, F_OK) != 0) {
		fprintf(stderr, "couriertcpd-start: %s/%s: not readable: %s\n", etc,
			strncmp(argv[1], "imapd", 5) == 0 ? "imapd" : "pop3d", strerror(errno));
		return 1;
	}
	if (mailctl_instance_load(&in, etc, true) < 0)
		return 1;
	r = mailctl_exec(&in, argv[1], "couriertcpd-start");
	mailctl_instance_free(&in);
	return r;
}

int main(int argc, char **argv)
{
	struct mailctl_instance in;
	const char *etc = NULL, *cmd, *base;
	int r;

	base = strrchr(argv[0], '/');
	base = base != NULL ? base + 1 : argv[0];
	if (strcmp(base, "couriertcpd-start") == 0)
		return start_helper(argc, argv);
	log_init("mailctl");
	log_set_prefix_progname(1);
	if (argc >= 2 && strcmp(argv[1], "init") == 0)
		return mailctl_init(argc - 1, argv + 1);
	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		etc = argv[2];
		argc -= 2;
		argv += 2;
	} else if (argc >= 2 && strncmp(argv[1], "-c", 2) == 0 && argv[1][2] != '\0') {
		etc = argv[1] + 2;
		argc -= 1;
		argv += 1;
	}
	if (etc == NULL || argc < 2)
		usage();
	cmd = argv[1];
	if (mailctl_instance_load(&in, etc, strcmp(cmd, "check") == 0 || strcmp(cmd, "exec") == 0 ||
					    strcmp(cmd, "ready") == 0) < 0)
		return 1;
	if (strcmp(cmd, "start") == 0)
		r = mailctl_start(&in);
	else if (strcmp(cmd, "stop") == 0)
		r = mailctl_stop(&in);
	else if (strcmp(cmd, "status") == 0)
		r = mailctl_status(&in);
	else if (strcmp(cmd, "run") == 0)
		r = mailctl_run(&in);
	else if (strcmp(cmd, "ports") == 0)
		r = mailctl_ports(&in);
	else if (strcmp(cmd, "check") == 0)
		r = mailctl_check(&in, false);
	else if (strcmp(cmd, "exec") == 0 && argc == 3)
		r = mailctl_exec(&in, argv[2], "mailctl");
	else if (strcmp(cmd, "ready") == 0 && argc == 4)
		r = mailctl_ready(&in, argv[2], argv[3]);
	else if (strcmp(cmd, "useradd") == 0 && argc == 3) {
		char *pw = mailctl_read_password(argv[2]);

		r = pw != NULL ? mailctl_useradd(&in, argv[2], pw) : 1;
		if (pw != NULL) {
			memset(pw, 0, strlen(pw));
			free(pw);
		}
	}
	else
		usage();
	mailctl_instance_free(&in);
	return r;
}
