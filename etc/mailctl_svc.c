/*
 * mailctl_svc.c - the services of an instance: which run, their command
 * lines (the way Courier's rc scripts build them from etc/imapd, imapd-ssl,
 * pop3d, pop3d-ssl), their environment, and a supervisor that starts them,
 * restarts one that dies, and stops them all on SIGTERM or Ctrl-C.
 *
 * Trust:   the instance's config files (written by mailctl init, edited by
 *          the admin); values are split on white space, never given to a shell.
 * Runs as: root or the invoking user; children get a clean environment.
 * Tests:   tests/protocol/run-mailctl, and every suite that starts a stack.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "log.h"
#include "mailctl.h"
#include "sock.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"

#define SVC_MAX_ARGS   128
#define SVC_MAX_ENV    512
#define READY_TIMEOUT_MS  20000
#define STOP_GRACE_MS     8000

enum svc_kind { SVC_AUTH, SVC_TCPD, SVC_LMTP };

struct svc_def {
	const char *name;           /* log/<name>.log, run/<name>.pid */
	enum svc_kind kind;
	const char *files[2];       /* config files, later wins */
	const char *start_var;      /* e.g. POP3DSTART; NULL = always */
	const char *port_var;       /* PORT or SSLPORT */
	const char *addr_var;       /* ADDRESS or SSLADDRESS */
	bool tls;                   /* implicit TLS through couriertls */
	enum mailctl_prog login, server;
	const char *extra_env[4];   /* NAME=value set after the files */
};

static const struct svc_def svc_defs[] = {
	{ "authdaemond", SVC_AUTH, { "authdaemonrc", NULL }, NULL, NULL, NULL, false,
	  PROG_AUTHDAEMOND, PROG_AUTHDAEMOND, { NULL } },
	{ "imapd", SVC_TCPD, { "imapd-ssl", "imapd" }, "IMAPDSTART", "PORT", "ADDRESS", false,
	  PROG_IMAPLOGIN, PROG_IMAPD, { NULL } },
	{ "imapd-ssl", SVC_TCPD, { "imapd", "imapd-ssl" }, "IMAPDSSLSTART", "SSLPORT", "SSLADDRESS",
	  true, PROG_IMAPLOGIN, PROG_IMAPD, { "IMAP_TLS=1", "IMAP_STARTTLS=NO", "IMAP_TLS_REQUIRED=0", NULL } },
	{ "pop3d", SVC_TCPD, { "pop3d-ssl", "pop3d" }, "POP3DSTART", "PORT", "ADDRESS", false,
	  PROG_POP3LOGIN, PROG_POP3D, { NULL } },
	{ "pop3d-ssl", SVC_TCPD, { "pop3d", "pop3d-ssl" }, "POP3DSSLSTART", "SSLPORT", "SSLADDRESS",
	  true, PROG_POP3LOGIN, PROG_POP3D, { "POP3_TLS=1", "POP3_STARTTLS=NO", "POP3_TLS_REQUIRED=0", NULL } },
	{ "lmtpd", SVC_LMTP, { "lmtpd.cf", NULL }, NULL, "lmtp_listen", NULL, false,
	  PROG_LMTPD, PROG_LMTPD, { NULL } },
	{ "smtpd", SVC_LMTP, { "lmtpd.cf", NULL }, NULL, "smtp_listen", NULL, false,
	  PROG_LMTPD, PROG_LMTPD, { NULL } },
};
#define SVC_COUNT N_ELEMENTS(svc_defs)

/* A service resolved for this instance. */
struct svc {
	const struct svc_def *def;
	char **argv;
	char **envp;
	char *ready_unix;           /* socket path to wait for, or NULL */
	unsigned ready_ports[8];    /* TCP ports on 127.0.0.1 (or the listen address) */
	char ready_addr[8][SOCK_ADDR_MAX];
	size_t nready;
	pid_t pid;
	bool up;                    /* startup: holds every listener */
	off_t log_from;             /* startup: size of its log before it started */
	int64_t started_ms;
	unsigned quick_deaths;
	int64_t restart_at_ms;
	int log_fd;                 /* run mode: read end of the service's stderr, or -1 */
	struct buf log_line;        /* run mode: a partial line of it */
};

struct strv { char **v; size_t n, cap; };

static void strv_add(struct strv *sv, const char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap == 0 ? 16 : sv->cap * 2;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof(char *));
	}
	sv->v[sv->n++] = xstrdup(s);
	sv->v[sv->n] = NULL;
}

static void strv_free(char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Split on white space (no quoting: the values are Courier's option lists). */
static void strv_split(struct strv *sv, const char *s)
{
	size_t pos = 0;
	char *item;

	while ((item = cfg_list_next(s, &pos)) != NULL) {
		strv_add(sv, item);
		free(item);
	}
}

/* Environment entry NAME=value, replacing an earlier NAME. */
static void env_set(struct strv *env, const char *name, const char *value)
{
	size_t nl = strlen(name);
	struct buf b = BUF_INIT(CFG_VALUE_MAX + 512);

	(void)!buf_printf(&b, "%s=%s", name, value);
	for (size_t i = 0; i < env->n; i++)
		if (strncmp(env->v[i], name, nl) == 0 && env->v[i][nl] == '=') {
			free(env->v[i]);
			env->v[i] = xstrdup(b.data);
			buf_free(&b);
			return;
		}
	strv_add(env, b.data);
	buf_free(&b);
}

/* Variables of the caller passed on to every service: the sanitizer options,
   the time zone and locale, STAFETA_*, and a preloaded library (the test
   suites run whole stacks under tests/with-clock's clock shim this way). */
static bool passthrough(const char *entry)
{
	static const char *const keep[] = { "ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS=",
					    "TZ=", "LANG=", "LC_ALL=", "LD_PRELOAD=" };

	if (strncmp(entry, "STAFETA_", 8) == 0)
		return true;
	for (size_t i = 0; i < N_ELEMENTS(keep); i++)
		if (strncmp(entry, keep[i], strlen(keep[i])) == 0)
			return true;
	return false;
}

extern char **environ;

/* Why svc_resolve() skipped a service, for the start helper. */
static const char *svc_missing;     /* a config file that is not there */
static const char *svc_skip;        /* "not enabled", "not installed", ... */

/* Load the service's config files (in order, later wins). */
static int svc_vars(const struct mailctl_instance *in, const struct svc_def *d,
		    struct cfg_vars *vars, bool *present)
{
	*present = true;
	for (size_t i = 0; i < 2 && d->files[i] != NULL; i++) {
		char *p = mailctl_path(in->etc, d->files[i]);
		const char *err;

		if (access(p, F_OK) != 0) {
			/* the plain service reads its -ssl file only when there is one */
			if (d->tls || i + 1 == 2 || d->files[i + 1] == NULL) {
				*present = false;
				if (svc_missing == NULL)
					svc_missing = d->files[i];
			}
			free(p);
			continue;
		}
		if (cfg_parse_file(vars, d->kind == SVC_LMTP ? CFG_MAINCF : CFG_SHELL, p, &err) < 0) {
			fprintf(stderr, "mailctl: %s\n", err);
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

static const char *var_or(const struct cfg_vars *v, const char *name, const char *def)
{
	const char *s = cfg_vars_get(v, name);

	return s != NULL && *s != '\0' ? s : def;
}

/* Readiness targets from a Courier port list ("127.0.0.1.143,993"). */
static void ready_from_portlist(struct svc *s, const char *list, const char *addr)
{
	size_t pos = 0;
	char *item;

	while ((item = cfg_list_next(list, &pos)) != NULL && s->nready < N_ELEMENTS(s->ready_ports)) {
		char a[SOCK_ADDR_MAX];
		unsigned port;

		if (sock_parse_courier_port(item, a, &port) == 0) {
			const char *use = a[0] != '\0' ? a : addr;

			if (use == NULL || strcmp(use, "0") == 0 || *use == '\0')
				use = "127.0.0.1";
			snprintf(s->ready_addr[s->nready], SOCK_ADDR_MAX, "%s", use);
			s->ready_ports[s->nready++] = port;
		}
		free(item);
	}
	free(item);
}

/* Readiness targets from an lmtpd listen list ("inet:127.0.0.1:2424 unix:/x"). */
static void ready_from_listen(struct svc *s, const char *list)
{
	size_t pos = 0;
	char *item;

	while ((item = cfg_list_next(list, &pos)) != NULL && s->nready < N_ELEMENTS(s->ready_ports)) {
		if (strncmp(item, "unix:", 5) == 0 && s->ready_unix == NULL && item[5] != '\0') {
			s->ready_unix = xstrdup(item + 5);
		} else if (strncmp(item, "inet:", 5) == 0) {
			char *colon = strrchr(item + 5, ':');
			unsigned port;

			if (colon != NULL && str_to_uint(colon + 1, &port) == 0) {
				char *a = item + 5;

				*colon = '\0';
				if (*a == '[') {
					a++;
					a[strcspn(a, "]")] = '\0';
				}
				if (*a == '\0' || strcmp(a, "0.0.0.0") == 0)
					a = "127.0.0.1";
				else if (strcmp(a, "::") == 0)
					a = "::1";
				snprintf(s->ready_addr[s->nready], SOCK_ADDR_MAX, "%s", a);
				s->ready_ports[s->nready++] = port;
			}
		}
		free(item);
	}
	free(item);
}

/* Build argv, envp and readiness for one service; 1 = runs, 0 = not
   configured or not built, -1 = error. */
static int svc_resolve(const struct mailctl_instance *in, const struct svc_def *d, struct svc *s,
		       bool run_mode)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	struct strv av = { NULL, 0, 0 }, env = { NULL, 0, 0 };
	bool present;
	char *p;

	memset(s, 0, sizeof(*s));
	s->def = d;
	s->log_fd = -1;
	if (svc_vars(in, d, &vars, &present) < 0)
		return -1;
	bool enabled = true;

	/* Courier's rc scripts start a service only when its *START variable is YES */
	if (d->start_var != NULL && cfg_parse_bool(var_or(&vars, d->start_var, "NO"), &enabled) < 0)
		enabled = false;
	svc_skip = !present ? "not configured" : !enabled ? "not enabled" : "not installed";
	if (!present || !enabled || !mailctl_prog_exists(d->login) ||
	    !mailctl_prog_exists(d->server) ||
	    (d->kind == SVC_TCPD && !mailctl_prog_exists(PROG_COURIERTCPD)) ||
	    (d->tls && !mailctl_prog_exists(PROG_COURIERTLS))) {
		cfg_vars_free(&vars);
		return 0;
	}
	/* environment: clean, like Courier's env -i, plus every config variable */
	env_set(&env, "PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
	for (char **e = environ; *e != NULL; e++)
		if (passthrough(*e))
			strv_add(&env, *e);
	if (d->kind == SVC_TCPD)
		for (size_t i = 0; i < vars.n; i++)
			env_set(&env, vars.v[i].name, vars.v[i].value);
	p = mailctl_path(in->etc, "authdaemonrc");
	env_set(&env, "AUTHDAEMONRC", p);
	free(p);
	p = mailctl_authdaemonvar(in);
	env_set(&env, "AUTHDAEMONVAR", p);
	s->ready_unix = d->kind == SVC_AUTH ? mailctl_path(p, "socket") : NULL;
	free(p);
	p = mailctl_path(in->etc, "userdb");
	env_set(&env, "USERDB", p);
	free(p);
	env_set(&env, "STAFETA_ETCDIR", in->etc);
	/* start: each service writes log/<name>.log itself, so it stamps the
	   time there (run prints to a terminal, systemd's journal has its own) */
	if (!run_mode)
		env_set(&env, "STAFETA_LOG_TIME", "1");
	if (d->kind == SVC_TCPD && strcmp(d->name, "imapd") == 0)
		env_set(&env, "IMAP_STARTTLS", var_or(&vars, "IMAPDSTARTTLS", "NO"));
	for (size_t i = 0; d->extra_env[i] != NULL; i++) {
		char *eq = strchr(d->extra_env[i], '=');
		char *name = xstrndup(d->extra_env[i], (size_t)(eq - d->extra_env[i]));

		env_set(&env, name, eq + 1);
		free(name);
	}

	switch (d->kind) {
	case SVC_AUTH:
		strv_add(&av, mailctl_prog_path(PROG_AUTHDAEMOND));
		strv_add(&av, "-f");
		break;
	case SVC_LMTP:
		strv_add(&av, mailctl_prog_path(PROG_LMTPD));
		if (strcmp(d->name, "smtpd") == 0)
			strv_add(&av, "-smtp");
		strv_add(&av, "-c");
		p = mailctl_path(in->etc, "lmtpd.cf");
		strv_add(&av, p);
		free(p);
		{
			const char *l = cfg_vars_get(&vars, d->port_var);

			if (l == NULL || *l == '\0') {
				/* this listener is not configured */
				strv_free(av.v);
				strv_free(env.v);
				free(s->ready_unix);
				cfg_vars_free(&vars);
				return 0;
			}
			ready_from_listen(s, l);
		}
		break;
	case SVC_TCPD: {
		const char *addr = var_or(&vars, d->addr_var, "0");
		const char *ports = var_or(&vars, d->port_var, "");
		const char *access_file = cfg_vars_get(&vars, "IMAPACCESSFILE");
		struct buf b = BUF_INIT(8192);

		if (*ports == '\0') {
			fprintf(stderr, "mailctl: %s: %s is not set\n", d->name, d->port_var);
			strv_free(av.v);
			strv_free(env.v);
			cfg_vars_free(&vars);
			return -1;
		}
		strv_add(&av, mailctl_prog_path(PROG_COURIERTCPD));
		(void)!buf_printf(&b, "-address=%s", addr);
		strv_add(&av, b.data);
		buf_reset(&b);
		(void)!buf_printf(&b, "-maxprocs=%s", var_or(&vars, "MAXDAEMONS", "40"));
		strv_add(&av, b.data);
		buf_reset(&b);
		(void)!buf_printf(&b, "-maxperip=%s", var_or(&vars, "MAXPERIP", "4"));
		strv_add(&av, b.data);
		if (access_file != NULL && *access_file != '\0' &&
		    strncmp(d->name, "imapd", 5) == 0) {
			buf_reset(&b);
			(void)!buf_printf(&b, "%s.dat", access_file);
			if (access(b.data, R_OK) == 0) {
				char *opt = xmalloc(b.len + 9);

				sprintf(opt, "-access=%s", b.data);
				strv_add(&av, opt);
				free(opt);
			}
		}
		buf_free(&b);
		strv_split(&av, var_or(&vars, "TCPDOPTS", ""));
		strv_add(&av, ports);
		if (d->tls) {
			strv_add(&av, mailctl_prog_path(PROG_COURIERTLS));
			strv_add(&av, "-server");
			strv_add(&av, "-tcpd");
			const char *tu = in->system ? var_or(&vars, "TLS_USER", in->tls_user != NULL
							     ? in->tls_user : "") : in->tls_user;

			if (geteuid() == 0 && tu != NULL && *tu != '\0') {
				char *u = xmalloc(strlen(tu) + 8);

				sprintf(u, "-user=%s", tu);
				strv_add(&av, u);
				free(u);
			}
		}
		strv_add(&av, mailctl_prog_path(d->login));
		strv_add(&av, mailctl_prog_path(d->server));
		strv_add(&av, var_or(&vars, "MAILDIRPATH", "Maildir"));
		ready_from_portlist(s, ports, addr);
		if (s->nready == 0) {
			fprintf(stderr, "mailctl: %s: %s=%s is not a port list\n", d->name,
				d->port_var, ports);
			strv_free(av.v);
			strv_free(env.v);
			cfg_vars_free(&vars);
			return -1;
		}
		break;
	}
	}
	s->argv = av.v;
	s->envp = env.v;
	cfg_vars_free(&vars);
	return 1;
}

#define SVC_LOG_LINE_MAX 4096

/* Run mode: print one line of a service's stderr as "name: line". */
static void svc_log_flush(struct svc *s)
{
	if (s->log_line.len > 0)
		fprintf(stderr, "%s: %.*s\n", s->def->name, (int)s->log_line.len, s->log_line.data);
	buf_reset(&s->log_line);
}

/* Run mode: read what the service wrote; on EOF close the pipe. */
static void svc_log_read(struct svc *s)
{
	char chunk[4096];
	ssize_t n = read(s->log_fd, chunk, sizeof(chunk));

	if (n <= 0) {
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return;
		svc_log_flush(s);
		close(s->log_fd);
		s->log_fd = -1;
		return;
	}
	for (ssize_t i = 0; i < n; i++) {
		if (chunk[i] == '\n' || s->log_line.len == SVC_LOG_LINE_MAX)
			svc_log_flush(s);
		if (chunk[i] != '\n')
			(void)!buf_putc(&s->log_line, chunk[i]);
	}
}

static void svc_release(struct svc *s)
{
	if (s->log_fd >= 0) {
		/* what the service wrote while stopping */
		while (s->log_fd >= 0)
			svc_log_read(s);
	}
	buf_free(&s->log_line);
	strv_free(s->argv);
	strv_free(s->envp);
	free(s->ready_unix);
	s->argv = s->envp = NULL;
	s->ready_unix = NULL;
}

/* Resolve every service; returns how many run. */
static int svc_all(const struct mailctl_instance *in, struct svc *svcs, bool run_mode)
{
	int n = 0;

	for (size_t i = 0; i < SVC_COUNT; i++) {
		int r = svc_resolve(in, &svc_defs[i], &svcs[n], run_mode);

		if (r < 0)
			return -1;
		if (r > 0)
			n++;
	}
	return n;
}

static char *pidfile(const struct mailctl_instance *in, const char *name)
{
	struct buf b = BUF_INIT(4096);
	char *p;

	(void)!buf_printf(&b, "%s/run/%s.pid", in->dir, name);
	p = xstrdup(b.data);
	buf_free(&b);
	return p;
}

static void write_pid(const struct mailctl_instance *in, const char *name, pid_t pid)
{
	char *p = pidfile(in, name), txt[32];
	int n = snprintf(txt, sizeof(txt), "%ld\n", (long)pid);

	(void)mailctl_write_file(p, txt, (size_t)n, 0644);
	free(p);
}

static pid_t read_pid(const struct mailctl_instance *in, const char *name)
{
	char *p = pidfile(in, name), txt[32];
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int pid;

	free(p);
	if (fd < 0)
		return 0;
	n = read(fd, txt, sizeof(txt) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	txt[n] = '\0';
	txt[strcspn(txt, "\n")] = '\0';
	if (str_to_int(txt, &pid) < 0 || pid <= 1)
		return 0;
	return kill(pid, 0) == 0 || errno == EPERM ? pid : 0;
}

static volatile sig_atomic_t got_stop, got_child;

static void on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void on_child(int sig)
{
	(void)sig;
	got_child = 1;
}

/* ---- who holds a listener: /proc, never a connection ----
   A connection to find out would be logged by the service (couriertls:
   "TLS handshake failed", lmtpd: connect/disconnect) and would be answered
   by whoever holds the port, even another instance.  Instead: the socket
   inodes of the service's own process, and the kernel's tables of
   listening sockets. */

#define INODES_MAX 4096

static size_t proc_socket_inodes(pid_t pid, unsigned long *ino, size_t max)
{
	char dir[64];
	DIR *d;
	struct dirent *e;
	size_t n = 0;

	snprintf(dir, sizeof(dir), "/proc/%ld/fd", (long)pid);
	d = opendir(dir);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		char path[512], link[64];
		ssize_t l;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		l = readlink(path, link, sizeof(link) - 1);
		if (l <= 0)
			continue;
		link[l] = '\0';
		if (strncmp(link, "socket:[", 8) == 0)
			ino[n++] = strtoul(link + 8, NULL, 10);
	}
	closedir(d);
	return n;
}

static bool inode_in(unsigned long v, const unsigned long *ino, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ino[i] == v && v != 0)
			return true;
	return false;
}

/* Does one of the inodes listen on TCP port `port` (any address)? */
static bool tcp_listener_of(unsigned port, const unsigned long *ino, size_t n)
{
	static const char *const tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };

	for (size_t t = 0; t < N_ELEMENTS(tables); t++) {
		FILE *fp = fopen(tables[t], "re");
		char line[512];

		if (fp == NULL)
			continue;
		while (fgets(line, sizeof(line), fp) != NULL) {
			char local[64], remote[64], st[8];
			unsigned lport;
			unsigned long inode;
			/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
			if (sscanf(line, " %*s %63s %63s %7s %*s %*s %*s %*s %*s %lu", local, remote,
				   st, &inode) != 4)
				continue;
			char *colon = strrchr(local, ':');

			if (colon == NULL || strcmp(st, "0A") != 0 ||
			    sscanf(colon + 1, "%x", &lport) != 1)
				continue;
			if (lport == port && inode_in(inode, ino, n)) {
				fclose(fp);
				return true;
			}
		}
		fclose(fp);
	}
	return false;
}

/* Does one of the inodes listen on the unix socket `path`, and is the file
   there a socket?  (authdaemond binds "socket.tmp" and renames it.) */
static bool unix_listener_of(const char *path, const unsigned long *ino, size_t n)
{
	FILE *fp;
	char line[4608];
	struct stat st;
	size_t pl = strlen(path);

	if (lstat(path, &st) < 0 || !S_ISSOCK(st.st_mode))
		return false;
	fp = fopen("/proc/net/unix", "re");
	if (fp == NULL)
		return false;
	while (fgets(line, sizeof(line), fp) != NULL) {
		unsigned long inode, flags;
		int off = 0;

		/* Num RefCount Protocol Flags Type St Inode Path */
		if (sscanf(line, " %*s %*s %*s %lx %*s %*s %lu %n", &flags, &inode, &off) != 2 ||
		    off == 0 || (flags & 0x10000) == 0 || !inode_in(inode, ino, n))
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line + off, path, pl) == 0 &&
		    (line[off + pl] == '\0' || strcmp(line + off + pl, ".tmp") == 0)) {
			fclose(fp);
			return true;
		}
	}
	fclose(fp);
	return false;
}

/* Which of the service's listeners does process pid not hold?  Writes
   "127.0.0.1:1110" (or the socket path) of the first into `what`; true when
   it holds them all. */
static bool svc_holds_listeners(const struct svc *s, pid_t pid, char *what, size_t wlen)
{
	unsigned long *ino = xcalloc(INODES_MAX, sizeof(*ino));
	size_t n = proc_socket_inodes(pid, ino, INODES_MAX);
	bool ok = true;

	for (size_t k = 0; k < s->nready && ok; k++)
		if (!tcp_listener_of(s->ready_ports[k], ino, n)) {
			snprintf(what, wlen, "%s%s%s:%u", strchr(s->ready_addr[k], ':') ? "[" : "",
				 s->ready_addr[k], strchr(s->ready_addr[k], ':') ? "]" : "",
				 s->ready_ports[k]);
			ok = false;
		}
	if (ok && s->ready_unix != NULL && !unix_listener_of(s->ready_unix, ino, n)) {
		snprintf(what, wlen, "%s", s->ready_unix);
		ok = false;
	}
	free(ino);
	return ok;
}

/* "127.0.0.1:1110 127.0.0.1:1995 /x/run/lmtp" for status. */
static void svc_listen_text(const struct svc *s, struct buf *out)
{
	for (size_t k = 0; k < s->nready; k++)
		(void)!buf_printf(out, "%s%s%s%s:%u", out->len > 0 ? " " : "",
				  strchr(s->ready_addr[k], ':') ? "[" : "", s->ready_addr[k],
				  strchr(s->ready_addr[k], ':') ? "]" : "", s->ready_ports[k]);
	if (s->ready_unix != NULL)
		(void)!buf_printf(out, "%s%s", out->len > 0 ? " " : "", s->ready_unix);
}

/* The last lines (up to about 1.5 KB) a service wrote to its log since
   offset `from`, indented, for a start that failed. */
static void log_tail(const struct mailctl_instance *in, const char *name, off_t from, struct buf *out)
{
	struct buf path = BUF_INIT(4096);
	char chunk[1536];
	int fd;
	off_t end;
	ssize_t n;

	(void)!buf_printf(&path, "%s/log/%s.log", in->dir, name);
	fd = open(path.data, O_RDONLY | O_CLOEXEC);
	buf_free(&path);
	if (fd < 0)
		return;
	end = lseek(fd, 0, SEEK_END);
	if (end > from + (off_t)sizeof(chunk))
		from = end - (off_t)sizeof(chunk);
	n = end > from ? pread(fd, chunk, (size_t)(end - from), from) : 0;
	close(fd);
	if (n <= 0)
		return;
	char *p = chunk, *stop = chunk + n;

	if (from > 0 && end - from == (off_t)sizeof(chunk)) {   /* skip a partial first line */
		char *nl = memchr(p, '\n', (size_t)(stop - p));

		if (nl != NULL)
			p = nl + 1;
	}
	while (p < stop) {
		char *nl = memchr(p, '\n', (size_t)(stop - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(stop - p);

		(void)!buf_printf(out, "  %s: %.*s\n", name, (int)l, p);
		p += l + 1;
	}
}

static off_t log_size(const struct mailctl_instance *in, const char *name)
{
	struct buf path = BUF_INIT(4096);
	struct stat st;
	off_t r = 0;

	(void)!buf_printf(&path, "%s/log/%s.log", in->dir, name);
	if (stat(path.data, &st) == 0)
		r = st.st_size;
	buf_free(&path);
	return r;
}

static pid_t svc_spawn(const struct mailctl_instance *in, struct svc *s, bool to_log)
{
	int pfd[2] = { -1, -1 };
	pid_t pid;

	if (!to_log && s->log_fd < 0 && pipe2(pfd, O_CLOEXEC) == 0) {
		s->log_fd = pfd[0];
		buf_init(&s->log_line, SVC_LOG_LINE_MAX);
	}
	pid = fork();
	if (pid != 0) {
		if (pfd[1] >= 0)
			close(pfd[1]);
		if (pid > 0) {
			s->pid = pid;
			s->started_ms = time_mono_ms();
			write_pid(in, s->def->name, pid);
		}
		return pid;
	}
	/* child: own process group, so stop reaches the sessions too and a
	   terminal's Ctrl-C reaches only the supervisor */
	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	{
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
	}
	int devnull = open("/dev/null", O_RDONLY);

	if (devnull >= 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	if (to_log) {
		struct buf b = BUF_INIT(4096);
		int fd;

		(void)!buf_printf(&b, "%s/log/%s.log", in->dir, s->def->name);
		fd = open(b.data, O_WRONLY | O_CREAT | O_APPEND, 0640);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
	} else if (pfd[1] >= 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[1]);
	} else {
		dup2(2, 1);
	}
	execve(s->argv[0], s->argv, s->envp);
	fprintf(stderr, "mailctl: cannot run %s: %s\n", s->argv[0], strerror(errno));
	_exit(127);
}

/* Stop every running service: SIGTERM to its process group, SIGKILL after the grace time. */
static void svc_stop_all(struct svc *svcs, int n)
{
	int64_t until = time_mono_ms() + STOP_GRACE_MS;
	int left;

	for (int i = 0; i < n; i++)
		if (svcs[i].pid > 0) {
			kill(-svcs[i].pid, SIGTERM);
			kill(svcs[i].pid, SIGTERM);
		}
	do {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (svcs[i].pid <= 0)
				continue;
			if (waitpid(svcs[i].pid, NULL, WNOHANG) == svcs[i].pid) {
				kill(-svcs[i].pid, SIGTERM);
				svcs[i].pid = 0;
			} else
				left++;
		}
		if (left > 0)
			usleep(20000);
	} while (left > 0 && time_mono_ms() < until);
	for (int i = 0; i < n; i++)
		if (svcs[i].pid > 0) {
			kill(-svcs[i].pid, SIGKILL);
			kill(svcs[i].pid, SIGKILL);
			(void)waitpid(svcs[i].pid, NULL, 0);
			svcs[i].pid = 0;
		}
}

/* Startup: wait until each service in [lo, hi) holds all its listeners, or
   one exits, or the time is up.  0, or -1 with the admin's message in msg. */
static int startup_wait(const struct mailctl_instance *in, struct svc *svcs, int lo, int hi,
			bool to_log, struct buf *msg)
{
	int64_t until = time_mono_ms() + READY_TIMEOUT_MS;

	for (;;) {
		bool all = true;
		char what[SOCK_ADDR_MAX + 4200] = "";
		int waiting = -1;

		for (int i = lo; i < hi; i++) {
			struct svc *sv = &svcs[i];
			int status;

			if (sv->up)
				continue;
			if (sv->pid <= 0 || waitpid(sv->pid, &status, WNOHANG) == sv->pid) {
				if (sv->pid <= 0)
					(void)!buf_printf(msg, "mailctl: %s could not be started\n",
							  sv->def->name);
				else if (WIFEXITED(status))
					(void)!buf_printf(msg, "mailctl: %s exited at once with status %d:\n",
							  sv->def->name, WEXITSTATUS(status));
				else
					(void)!buf_printf(msg, "mailctl: %s was killed at once by signal %d:\n",
							  sv->def->name, WTERMSIG(status));
				sv->pid = 0;
				if (to_log) {
					log_tail(in, sv->def->name, sv->log_from, msg);
					(void)!buf_printf(msg, "(log: %s/log/%s.log)\n", in->dir,
							  sv->def->name);
				}
				return -1;
			}
			if (svc_holds_listeners(sv, sv->pid, what, sizeof(what))) {
				sv->up = true;
				log_msg(LOGL_INFO, "%s (pid %ld) is up", sv->def->name, (long)sv->pid);
			} else {
				all = false;
				waiting = i;
			}
		}
		if (all)
			return 0;
		if (time_mono_ms() > until) {
			(void)!buf_printf(msg, "mailctl: %s (pid %ld) is not listening on %s after %d s "
					  "(see %s/log/%s.log)\n", svcs[waiting].def->name,
					  (long)svcs[waiting].pid, what, READY_TIMEOUT_MS / 1000, in->dir,
					  svcs[waiting].def->name);
			return -1;
		}
		usleep(20000);
	}
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

/* The supervisor loop: start all, restart what dies, stop on a signal.
   report_fd (>= 0, mailctl start) gets "0" once every service is up, or
   "1" and the reason; run mode prints the reason to stderr. */
static int supervise(const struct mailctl_instance *in, bool to_log, int report_fd)
{
	struct svc svcs[SVC_COUNT];
	struct sigaction sa;
	sigset_t block, old;
	struct buf why = BUF_INIT(65536);
	int n = svc_all(in, svcs, !to_log);
	int auth = -1, fail;

	if (n < 0) {
		if (report_fd >= 0)
			write_all(report_fd, "1", 1);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);

	if (n == 0)
		log_msg(LOGL_WARN, "no service is built or enabled yet; waiting for Ctrl-C/SIGTERM");
	/* authdaemond first and up, so logins work as soon as the listeners are */
	fail = 0;
	for (int i = 0; i < n && fail == 0; i++) {
		svcs[i].log_from = to_log ? log_size(in, svcs[i].def->name) : 0;
		if (svc_spawn(in, &svcs[i], to_log) < 0) {
			(void)!buf_printf(&why, "mailctl: cannot start %s: %s\n", svcs[i].def->name,
					  strerror(errno));
			fail = -1;
			break;
		}
		log_msg(LOGL_INFO, "started %s (pid %ld)", svcs[i].def->name, (long)svcs[i].pid);
		if (svcs[i].def->kind == SVC_AUTH) {
			auth = i;
			fail = startup_wait(in, svcs, i, i + 1, to_log, &why);
		}
	}
	if (fail == 0)
		fail = startup_wait(in, svcs, auth + 1, n, to_log, &why);
	if (fail < 0) {
		/* never half a stack: what started stops again */
		log_msg(LOGL_ERR, "start failed: %.*s", (int)strcspn(buf_cstr(&why), "\n"),
			buf_cstr(&why));
		svc_stop_all(svcs, n);
		if (report_fd >= 0) {
			write_all(report_fd, "1", 1);
			write_all(report_fd, why.data, why.len);
		} else
			fputs(buf_cstr(&why), stderr);
		for (int i = 0; i < n; i++) {
			char *p = pidfile(in, svcs[i].def->name);

			unlink(p);
			free(p);
			svc_release(&svcs[i]);
		}
		buf_free(&why);
		return 1;
	}
	buf_free(&why);
	if (report_fd >= 0) {
		write_all(report_fd, "0", 1);
		close(report_fd);
	}
	while (!got_stop) {
		struct timespec ts = { 1, 0 };
		int64_t now;

		fd_set rfds;
		int maxfd = -1;

		/* wait for a signal, a restart time or (run mode) service output,
		   with the signals unblocked */
		FD_ZERO(&rfds);
		for (int i = 0; i < n; i++)
			if (svcs[i].log_fd >= 0 && svcs[i].log_fd < FD_SETSIZE) {
				FD_SET(svcs[i].log_fd, &rfds);
				if (svcs[i].log_fd > maxfd)
					maxfd = svcs[i].log_fd;
			}
		if (pselect(maxfd + 1, &rfds, NULL, NULL, &ts, &old) > 0) {
			for (int i = 0; i < n; i++)
				if (svcs[i].log_fd >= 0 && FD_ISSET(svcs[i].log_fd, &rfds))
					svc_log_read(&svcs[i]);
		}
		if (got_stop)
			break;
		got_child = 0;
		now = time_mono_ms();
		for (int i = 0; i < n; i++) {
			int status;

			if (svcs[i].pid > 0 && waitpid(svcs[i].pid, &status, WNOHANG) == svcs[i].pid) {
				bool quick = now - svcs[i].started_ms < 5000;

				log_msg(LOGL_ERR, "%s (pid %ld) %s %d; restarting", svcs[i].def->name,
					(long)svcs[i].pid, WIFEXITED(status) ? "exited with" : "killed by signal",
					WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
				kill(-svcs[i].pid, SIGTERM);
				svcs[i].pid = 0;
				svcs[i].quick_deaths = quick ? svcs[i].quick_deaths + 1 : 0;
				/* back off: 1 s, 2 s, 4 s ... up to 60 s while it keeps dying */
				svcs[i].restart_at_ms = now + (1000LL << (svcs[i].quick_deaths > 6 ? 6 : svcs[i].quick_deaths));
			}
			if (svcs[i].pid == 0 && svcs[i].restart_at_ms != 0 && now >= svcs[i].restart_at_ms) {
				svcs[i].restart_at_ms = 0;
				if (svc_spawn(in, &svcs[i], to_log) > 0)
					log_msg(LOGL_INFO, "restarted %s (pid %ld)", svcs[i].def->name,
						(long)svcs[i].pid);
			}
		}
		/* reap anything else (grandchildren re-parented to us are not expected) */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	log_msg(LOGL_INFO, "stopping");
	svc_stop_all(svcs, n);
	for (int i = 0; i < n; i++) {
		char *p = pidfile(in, svcs[i].def->name);

		unlink(p);
		free(p);
		svc_release(&svcs[i]);
	}
	return 0;
}

int mailctl_run(struct mailctl_instance *in)
{
	pid_t old = read_pid(in, "mailctl");

	if (old > 0) {
		fprintf(stderr, "mailctl: already running (pid %ld)\n", (long)old);
		return 1;
	}
	if (mailctl_check(in, true) != 0) {
		fprintf(stderr, "mailctl: not starting (mailctl -c %s check)\n", in->etc);
		return 1;
	}
	write_pid(in, "mailctl", getpid());
	(void)mailctl_ports(in);
	fprintf(stderr, "mailctl: running in the foreground; Ctrl-C stops everything\n");
	int r = supervise(in, false, -1);
	char *p = pidfile(in, "mailctl");

	unlink(p);
	free(p);
	fprintf(stderr, "mailctl: stopped\n");
	return r;
}

int mailctl_start(struct mailctl_instance *in)
{
	pid_t old = read_pid(in, "mailctl"), pid;
	int rep[2];

	if (old > 0) {
		fprintf(stderr, "mailctl: already running (pid %ld)\n", (long)old);
		return 1;
	}
	if (mailctl_check(in, true) != 0) {
		fprintf(stderr, "mailctl: not starting (mailctl -c %s check)\n", in->etc);
		return 1;
	}
	if (pipe2(rep, O_CLOEXEC) < 0) {
		perror("mailctl: pipe");
		return 1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("mailctl: fork");
		return 1;
	}
	if (pid == 0) {
		struct buf b = BUF_INIT(4096);
		int fd, r;

		close(rep[0]);
		setsid();
		(void)!buf_printf(&b, "%s/log/mailctl.log", in->dir);
		fd = open(b.data, O_WRONLY | O_CREAT | O_APPEND, 0640);
		buf_free(&b);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		log_set_prefix_progname(0);
		log_set_timestamps(1);
		write_pid(in, "mailctl", getpid());
		r = supervise(in, true, rep[1]);
		{
			char *p = pidfile(in, "mailctl");

			unlink(p);
			free(p);
		}
		_exit(r);
	}
	close(rep[1]);
	{
		/* the supervisor's verdict: "0", or "1" and why */
		struct buf got = BUF_INIT(65536);
		char chunk[4096];
		ssize_t k;

		while ((k = read(rep[0], chunk, sizeof(chunk))) != 0) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 || buf_append(&got, chunk, (size_t)k) < 0)
				break;
			if (got.len > 0 && got.data[0] == '0')
				break;
		}
		close(rep[0]);
		if (got.len > 0 && got.data[0] == '0') {
			buf_free(&got);
			return 0;
		}
		if (got.len > 1)
			fwrite(got.data + 1, 1, got.len - 1, stderr);
		else
			fprintf(stderr, "mailctl: the supervisor exited; see %s/log/mailctl.log\n",
				in->dir);
		buf_free(&got);
		(void)waitpid(pid, NULL, 0);
		return 1;
	}
}

int mailctl_stop(struct mailctl_instance *in)
{
	pid_t pid = read_pid(in, "mailctl");
	int64_t until = time_mono_ms() + STOP_GRACE_MS + 5000;

	if (pid <= 0) {
		fprintf(stderr, "mailctl: not running\n");
		return 0;
	}
	if (kill(pid, SIGTERM) < 0) {
		perror("mailctl: kill");
		return 1;
	}
	while (kill(pid, 0) == 0 && time_mono_ms() < until)
		usleep(20000);
	if (kill(pid, 0) == 0) {
		fprintf(stderr, "mailctl: pid %ld did not stop\n", (long)pid);
		return 1;
	}
	return 0;
}

int mailctl_status(struct mailctl_instance *in)
{
	struct svc svcs[SVC_COUNT];
	pid_t sup = read_pid(in, "mailctl");
	int n, r = 0;

	if (sup <= 0) {
		printf("mailctl: not running\n");
		return 3;
	}
	printf("mailctl: running (pid %ld)\n", (long)sup);
	n = svc_all(in, svcs, false);
	if (n < 0)
		return 1;
	for (int i = 0; i < n; i++) {
		pid_t p = read_pid(in, svcs[i].def->name);
		struct buf where = BUF_INIT(8192);
		char what[SOCK_ADDR_MAX + 4200];

		svc_listen_text(&svcs[i], &where);
		if (p <= 0) {
			printf("%-12s DOWN: not running (%s)\n", svcs[i].def->name, buf_cstr(&where));
			r = 1;
		} else if (!svc_holds_listeners(&svcs[i], p, what, sizeof(what))) {
			printf("%-12s DOWN: pid %ld does not hold %s (%s)\n", svcs[i].def->name,
			       (long)p, what, buf_cstr(&where));
			r = 1;
		} else
			printf("%-12s running (pid %ld) %s\n", svcs[i].def->name, (long)p,
			       buf_cstr(&where));
		buf_free(&where);
		svc_release(&svcs[i]);
	}
	return r;
}

int mailctl_ports(struct mailctl_instance *in)
{
	static const struct { const char *name, *file, *var; bool maincf; } ports[] = {
		{ "imap", "imapd", "PORT", false }, { "imaps", "imapd-ssl", "SSLPORT", false },
		{ "pop3", "pop3d", "PORT", false }, { "pop3s", "pop3d-ssl", "SSLPORT", false },
		{ "lmtp", "lmtpd.cf", "lmtp_listen", true }, { "smtp", "lmtpd.cf", "smtp_listen", true },
	};

	for (size_t i = 0; i < N_ELEMENTS(ports); i++) {
		struct cfg_vars vars = CFG_VARS_INIT;
		char *p = mailctl_path(in->etc, ports[i].file);
		const char *err, *v;
		struct svc s;

		memset(&s, 0, sizeof(s));
		if (cfg_parse_file(&vars, ports[i].maincf ? CFG_MAINCF : CFG_SHELL, p, &err) == 0 &&
		    (v = cfg_vars_get(&vars, ports[i].var)) != NULL) {
			if (ports[i].maincf)
				ready_from_listen(&s, v);
			else
				ready_from_portlist(&s, v, NULL);
			if (s.nready > 0)
				printf("%s %u\n", ports[i].name, s.ready_ports[0]);
			free(s.ready_unix);
		}
		free(p);
		cfg_vars_free(&vars);
	}
	fflush(stdout);
	return 0;
}

static const struct svc_def *svc_find(const char *name)
{
	for (size_t i = 0; i < SVC_COUNT; i++)
		if (strcmp(svc_defs[i].name, name) == 0)
			return &svc_defs[i];
	return NULL;
}

/* Courier's rc scripts: IMAP_UMASK, IMAP_ULIMITD (KiB of address space), and
   the access file compiled by makeimapaccess when only its source exists. */
static int imap_prepare(const struct mailctl_instance *in, const struct svc_def *d, const char *me)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	bool present;
	const char *v;
	int r = 0;

	if (svc_vars(in, d, &vars, &present) < 0)
		return -1;
	if ((v = cfg_vars_get(&vars, "IMAP_UMASK")) != NULL && *v != '\0') {
		char *end;
		unsigned long m = strtoul(v, &end, 8);

		if (*end != '\0' || m > 0777) {
			fprintf(stderr, "%s: IMAP_UMASK=%s is not an octal mask\n", me, v);
			r = -1;
		} else
			umask((mode_t)m);
	}
	if (r == 0 && (v = cfg_vars_get(&vars, "IMAP_ULIMITD")) != NULL && *v != '\0') {
		uint64_t kib;
		struct rlimit rl;

		if (str_to_uint64(v, &kib) < 0 || kib > (UINT64_C(1) << 40)) {
			fprintf(stderr, "%s: IMAP_ULIMITD=%s is not a number of KiB\n", me, v);
			r = -1;
		} else {
			rl.rlim_cur = rl.rlim_max = (rlim_t)(kib * 1024);
			if (setrlimit(RLIMIT_AS, &rl) < 0) {
				fprintf(stderr, "%s: IMAP_ULIMITD=%s: %s\n", me, v, strerror(errno));
				r = -1;
			}
		}
	}
	if (r == 0 && (v = cfg_vars_get(&vars, "IMAPACCESSFILE")) != NULL && *v != '\0') {
		struct buf dat = BUF_INIT(8192), envv = BUF_INIT(CFG_VALUE_MAX + 64);

		(void)!buf_printf(&dat, "%s.dat", v);
		(void)!buf_printf(&envv, "IMAPACCESSFILE=%s", v);
		if (access(dat.data, F_OK) != 0 && access(v, F_OK) == 0) {
			const char *dir = getenv("STAFETA_PROGDIR");
			char *tool = dir != NULL && *dir == '/' ? mailctl_path(dir, "makeimapaccess")
								: xstrdup(SBINDIR "/makeimapaccess");
			char *argv[] = { tool, NULL };
			char *envp[] = { envv.data, "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
			int st = mailctl_run_cmd(argv, envp);

			if (st != 0) {
				fprintf(stderr, "%s: makeimapaccess %s failed (exit %d)\n", me, v, st);
				r = -1;
			}
			free(tool);
		}
		buf_free(&dat);
		buf_free(&envv);
	}
	cfg_vars_free(&vars);
	return r;
}

int mailctl_exec(struct mailctl_instance *in, const char *service, const char *me)
{
	const struct svc_def *d = svc_find(service);
	struct svc s;
	int r;

	if (d == NULL) {
		fprintf(stderr, "%s: no service %s\n", me, service);
		return 64;
	}
	svc_missing = NULL;
	if (strncmp(d->name, "imapd", 5) == 0 && imap_prepare(in, d, me) < 0)
		return 1;
	r = svc_resolve(in, d, &s, true);
	if (r < 0)
		return 1;
	if (r == 0) {
		if (svc_missing != NULL) {
			fprintf(stderr, "%s: %s/%s: not readable: %s\n", me, in->etc, svc_missing,
				strerror(ENOENT));
			return 1;
		}
		if (strcmp(svc_skip, "not enabled") == 0) {
			/* as Courier's scripts: a service switched off is not an error */
			fprintf(stderr, "%s: %s is not enabled (%s is not YES)\n", me, d->name,
				d->start_var != NULL ? d->start_var : "its listen list");
			return 0;
		}
		fprintf(stderr, "%s: %s is %s\n", me, d->name, svc_skip);
		return 1;
	}
	fflush(NULL);
	execve(s.argv[0], s.argv, s.envp);
	fprintf(stderr, "%s: cannot run %s: %s\n", me, s.argv[0], strerror(errno));
	svc_release(&s);
	return 127;
}

int mailctl_ready(struct mailctl_instance *in, const char *service, const char *pidstr)
{
	const struct svc_def *d = svc_find(service);
	int64_t until = time_mono_ms() + READY_TIMEOUT_MS;
	char what[SOCK_ADDR_MAX + 4200] = "";
	struct svc s;
	int pid, r;

	if (d == NULL || str_to_int(pidstr, &pid) < 0 || pid <= 1) {
		fprintf(stderr, "mailctl: ready SERVICE PID: no service %s or bad pid %s\n", service,
			pidstr);
		return 64;
	}
	r = svc_resolve(in, d, &s, false);
	if (r == 0 && strcmp(svc_skip, "not enabled") == 0)
		return 0;   /* the start helper exited 0 without starting it */
	if (r <= 0) {
		fprintf(stderr, "mailctl: %s is %s\n", service, r < 0 ? "misconfigured" : svc_skip);
		return 1;
	}
	for (;;) {
		if (kill(pid, 0) < 0 && errno == ESRCH) {
			fprintf(stderr, "mailctl: %s (pid %d) exited while starting\n", service, pid);
			r = 1;
			break;
		}
		if (svc_holds_listeners(&s, pid, what, sizeof(what))) {
			r = 0;
			break;
		}
		if (time_mono_ms() > until) {
			fprintf(stderr, "mailctl: %s (pid %d) is not listening on %s after %d s\n",
				service, pid, what, READY_TIMEOUT_MS / 1000);
			r = 1;
			break;
		}
		usleep(20000);
	}
	svc_release(&s);
	return r;
}
