/*
 * mailctl_check.c - mailctl check: read every file of an instance the way
 * the services will, and say in the admin's own terms (variable, value,
 * file, line) what would keep a service from starting or working.
 *
 * Trust:   the instance's files (the admin's); nothing is run but
 *          "lmtpd -n" (lmtpd's own check of lmtpd.cf).
 * Runs as: whoever runs mailctl; opens the certificates and binds each
 *          port for a moment, exactly as the services would.
 * Errors:  one line per problem on stderr; exit 1 when any would keep a
 *          service from starting, warnings (unknown variables) do not.
 * Tests:   tests/protocol/run-mailctl-check
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "fdio.h"
#include "mailctl.h"
#include "sock.h"
#include "strnum.h"
#include "xmalloc.h"

/* Every variable Courier's files (and Stafeta's programs) know; anything
   else is most likely a typo that Courier would ignore silently. */
static const char *const known_shell[] = {
	/* imapd / pop3d */
	"ADDRESS", "PORT", "MAXDAEMONS", "MAXPERIP", "PIDFILE", "TCPDOPTS", "LOGGEROPTS",
	"MAILDIRPATH", "DEFDOMAIN", "IMAPDSTART", "POP3DSTART", "IMAPACCESSFILE",
	"IMAP_CAPABILITY", "IMAP_KEYWORDS", "IMAP_ACL", "IMAP_CAPABILITY_ORIG", "IMAP_PROXY",
	"IMAP_PROXY_FOREIGN", "IMAP_IDLE_TIMEOUT", "IMAP_MAILBOX_SANITY_CHECK",
	"IMAP_CAPABILITY_TLS", "IMAP_CAPABILITY_TLS_ORIG", "IMAP_DISABLETHREADSORT",
	"IMAP_CHECK_ALL_FOLDERS", "IMAP_OBSOLETE_CLIENT", "IMAP_UMASK", "IMAP_ULIMITD",
	"IMAP_USELOCKS", "IMAP_SHAREDINDEXFILE", "IMAP_ENHANCEDIDLE", "IMAP_TRASHFOLDERNAME",
	"IMAP_EMPTYTRASH", "IMAP_MOVE_EXPUNGE_TO_TRASH", "IMAP_AUTOPURGE", "IMAP_LOG_DELETIONS",
	"IMAP_FOLDERMAXMESSAGES", "IMAP_MAXMESSAGESIZE", "IMAP_NOTIFY", "IMAP_TLS",
	"SENDMAIL", "HEADERFROM", "OUTBOX", "OUTBOX_MULTIPLE_SEND", "IMAP_STARTTLS",
	"POP3AUTH", "POP3AUTH_ORIG", "POP3AUTH_TLS", "POP3AUTH_TLS_ORIG", "POP3_PROXY",
	"POP3_LOG_DELETIONS", "POP3_PLAINTEXT_INSECURE", "POP3_TLS", "MIME_UNICODE_MESSAGE_TYPE",
	/* -ssl */
	"SSLPORT", "SSLADDRESS", "SSLPIDFILE", "SSLLOGGEROPTS", "IMAPDSSLSTART", "IMAPDSTARTTLS",
	"IMAP_TLS_REQUIRED", "POP3DSSLSTART", "POP3_STARTTLS", "POP3_TLS_REQUIRED", "COURIERTLS",
	"TLS_USER", "TLS_STARTTLS_PROTOCOL", "TLS_PROTOCOL", "TLS_CERTFILE", "TLS_TRUSTCERTS",
	"TLS_VERIFYPEER", "TLS_CACHEFILE", "TLS_CACHESIZE", "TLS_CIPHER_LIST", "TLS_PRIORITY",
	"TLS_DHPARAMS", "TLS_PRIVATE_KEYFILE", "TLS_CERTFILE_PASSWORD", "TLS_MIN_DH_BITS",
	"TLS_ALPN",
	/* authdaemonrc */
	"authmodulelist", "authmodulelistorig", "daemons", "authdaemonvar", "authdaemongroup",
	"DEBUG_LOGIN", "DEFAULTOPTIONS", "LOGGEROPTS", "LDAP_TLS",
	/* mailctl.conf */
	"INSTANCE_DIR", "MAIL_UID", "MAIL_GID",
	NULL
};

struct check {
	struct mailctl_instance *in;
	int errors, warnings;
	bool quiet;
	bool running;              /* the instance runs: its own ports are taken */
};

/* One loaded shell file: the variables and the text (for line numbers). */
struct file {
	const char *name;          /* "pop3d" */
	char *path;
	char *shown;               /* "etc/pop3d" when inside the instance */
	struct cfg_vars vars;
	struct buf text;
	bool present;
};

static void errorf(struct check *c, const char *fmt, ...) ATTR_PRINTF(2, 3);
static void errorf(struct check *c, const char *fmt, ...)
{
	va_list ap;

	fputs("mailctl check: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->errors++;
}

static void warnf(struct check *c, const char *fmt, ...) ATTR_PRINTF(2, 3);
static void warnf(struct check *c, const char *fmt, ...)
{
	va_list ap;

	fputs("mailctl check: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->warnings++;
}

/* The line of the last assignment to name (the one that wins), or 0. */
static unsigned line_of(const struct file *f, const char *name)
{
	const char *p = buf_cstr(&f->text);
	size_t nl = strlen(name);
	unsigned line = 1, found = 0;

	while (*p != '\0') {
		const char *q = p;

		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "export", 6) == 0 && (q[6] == ' ' || q[6] == '\t')) {
			q += 6;
			while (*q == ' ' || *q == '\t')
				q++;
		}
		if (strncmp(q, name, nl) == 0) {
			const char *e = q + nl;

			while (*e == ' ' || *e == '\t')
				e++;
			if (*e == '=')
				found = line;
		}
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
		line++;
	}
	return found;
}

/* "NAME=value in etc/pop3d line 12" */
static const char *where(const struct file *f, const char *name, struct buf *tmp)
{
	unsigned l = line_of(f, name);

	buf_reset(tmp);
	(void)!buf_printf(tmp, "%s=%s in %s", name, cfg_vars_get(&f->vars, name), f->shown);
	if (l > 0)
		(void)!buf_printf(tmp, " line %u", l);
	return buf_cstr(tmp);
}

static unsigned edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned d[64 + 1], prev, tmp;

	if (la > 64 || lb > 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		d[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned best = prev + (a[i - 1] == b[j - 1] ? 0 : 1);

			tmp = d[j];
			if (d[j] + 1 < best)
				best = d[j] + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			d[j] = best;
			prev = tmp;
		}
	}
	return d[lb];
}

static bool known(const char *name)
{
	for (size_t i = 0; known_shell[i] != NULL; i++)
		if (strcmp(known_shell[i], name) == 0)
			return true;
	return false;
}

static int load(struct check *c, struct file *f, const char *name)
{
	const char *err;
	size_t dl = strlen(c->in->dir);

	memset(f, 0, sizeof(*f));
	f->name = name;
	f->path = mailctl_path(c->in->etc, name);
	f->shown = strncmp(f->path, c->in->dir, dl) == 0 && f->path[dl] == '/'
		   ? xstrdup(f->path + dl + 1) : xstrdup(f->path);
	buf_init(&f->text, 4 * 1024 * 1024);
	if (access(f->path, F_OK) != 0)
		return 0;
	if (fd_read_file(f->path, &f->text) < 0) {
		errorf(c, "%s: cannot read it: %s", f->shown, strerror(errno));
		return -1;
	}
	f->present = true;
	if (cfg_parse_file(&f->vars, CFG_SHELL, f->path, &err) < 0) {
		errorf(c, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < f->vars.n; i++) {
		const char *v = f->vars.v[i].name, *best = NULL;
		unsigned bd = 3;
		struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096);

		if (known(v))
			continue;
		for (size_t k = 0; known_shell[k] != NULL; k++) {
			unsigned d = edit_distance(v, known_shell[k]);

			if (d < bd) {
				bd = d;
				best = known_shell[k];
			}
		}
		if (best != NULL)
			warnf(c, "%s: no program reads %s (did you mean %s?); it is ignored",
			      where(f, v, &t), v, best);
		else
			warnf(c, "%s: no program reads %s; it is ignored", where(f, v, &t), v);
		buf_free(&t);
	}
	return 0;
}

static void file_free(struct file *f)
{
	free(f->path);
	free(f->shown);
	cfg_vars_free(&f->vars);
	buf_free(&f->text);
}

/* The later file wins, as in svc_vars(). */
static const struct file *which(const struct file *a, const struct file *b, const char *name)
{
	if (b != NULL && cfg_vars_get(&b->vars, name) != NULL)
		return b;
	if (a != NULL && cfg_vars_get(&a->vars, name) != NULL)
		return a;
	return NULL;
}

static void check_uint(struct check *c, const struct file *f, const char *name, unsigned min,
		       const char *meaning)
{
	const char *v;
	unsigned n;
	struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096);

	if (f == NULL || (v = cfg_vars_get(&f->vars, name)) == NULL)
		return;
	if (str_to_uint(v, &n) < 0)
		errorf(c, "%s: not a number (%s)", where(f, name, &t), meaning);
	else if (n < min)
		errorf(c, "%s: must be at least %u (%s)", where(f, name, &t), min, meaning);
	buf_free(&t);
}

static bool check_bool(struct check *c, const struct file *f, const char *name, bool *val)
{
	const char *v;
	struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096);
	bool ok = true;

	*val = false;
	if (f == NULL || (v = cfg_vars_get(&f->vars, name)) == NULL)
		return true;
	if (cfg_parse_bool(v, val) < 0) {
		errorf(c, "%s: not YES or NO", where(f, name, &t));
		ok = false;
	}
	buf_free(&t);
	return ok;
}

/* Can a listener be made on addr:port right now?  0, or errno. */
static int try_bind(const char *addr, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, one = 1, e = 0;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		len = sizeof(struct sockaddr_in6);
	} else {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		if (strcmp(addr, "0") != 0 && *addr != '\0' &&
		    inet_pton(AF_INET, addr, &sin->sin_addr) != 1)
			return EINVAL;
		len = sizeof(*sin);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 1) < 0)
		e = errno;
	close(fd);
	return e;
}

static void check_cert(struct check *c, const struct file *f, const char *why)
{
	const char *v;
	struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096), pem = BUF_INIT(1024 * 1024);

	if (f == NULL || (v = cfg_vars_get(&f->vars, "TLS_CERTFILE")) == NULL || *v == '\0') {
		errorf(c, "TLS_CERTFILE is not set, but %s needs a certificate", why);
	} else if (fd_read_file(v, &pem) < 0) {
		errorf(c, "%s: cannot read it (%s): %s", where(f, "TLS_CERTFILE", &t), why,
		       strerror(errno));
	} else if (strstr(buf_cstr(&pem), "-----BEGIN CERTIFICATE-----") == NULL ||
		   strstr(buf_cstr(&pem), "PRIVATE KEY-----") == NULL) {
		errorf(c, "%s: no certificate and private key in it (PEM; %s)",
		       where(f, "TLS_CERTFILE", &t), why);
	}
	buf_free(&t);
	buf_free(&pem);
}

/* One couriertcpd service: imapd, imapd-ssl, pop3d, pop3d-ssl. */
static void check_tcpd(struct check *c, const struct file *base, const struct file *ssl,
		       bool tls, const char *svc, const char *startvar, bool built)
{
	const struct file *sf = which(base, ssl, startvar);
	const char *portvar = tls ? "SSLPORT" : "PORT", *addrvar = tls ? "SSLADDRESS" : "ADDRESS";
	const struct file *pf = which(base, ssl, portvar), *af = which(base, ssl, addrvar);
	const char *ports, *addr = "0";
	struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096);
	bool on = false;
	size_t pos = 0;
	char *item;

	if (!check_bool(c, sf, startvar, &on) || !on || !built) {
		buf_free(&t);
		return;
	}
	if (af != NULL) {
		unsigned char a[16];

		addr = cfg_vars_get(&af->vars, addrvar);
		if (strcmp(addr, "0") != 0 && inet_pton(AF_INET, addr, a) != 1 &&
		    inet_pton(AF_INET6, addr, a) != 1)
			errorf(c, "%s: not an IP address (or 0 for every address)",
			       where(af, addrvar, &t));
	}
	if (pf == NULL || *(ports = cfg_vars_get(&pf->vars, portvar)) == '\0') {
		errorf(c, "%s: %s is not set", svc, portvar);
		buf_free(&t);
		return;
	}
	while ((item = cfg_list_next(ports, &pos)) != NULL) {
		char a[SOCK_ADDR_MAX];
		unsigned port;
		int e;

		if (sock_parse_courier_port(item, a, &port) < 0) {
			errorf(c, "%s: %s is not a port (1-65535, or ADDRESS.PORT)",
			       where(pf, portvar, &t), item);
		} else if (!c->running && (e = try_bind(a[0] != '\0' ? a : addr, port)) != 0) {
			errorf(c, "%s: %s cannot listen on %s port %u: %s", where(pf, portvar, &t),
			       svc, a[0] != '\0' ? a : strcmp(addr, "0") == 0 ? "*" : addr, port,
			       strerror(e));
		}
		free(item);
	}
	if (tls) {
		check_cert(c, which(base, ssl, "TLS_CERTFILE"), svc);
	} else {
		bool starttls = false;
		const char *sv = strncmp(svc, "imap", 4) == 0 ? "IMAPDSTARTTLS" : "POP3_STARTTLS";

		if (check_bool(c, which(base, ssl, sv), sv, &starttls) && starttls && ssl != NULL &&
		    ssl->present) {
			char why[64];

			snprintf(why, sizeof(why), "%s STARTTLS", svc);
			check_cert(c, which(base, ssl, "TLS_CERTFILE"), why);
		}
	}
	buf_free(&t);
}

/* Values both services of a pair read: checked once per file. */
static void check_limits(struct check *c, const struct file *f)
{
	if (!f->present)
		return;
	check_uint(c, f, "MAXDAEMONS", 1, "the most connections served at once, e.g. 40");
	check_uint(c, f, "MAXPERIP", 0, "the most connections from one address, e.g. 4");
}

static void check_auth(struct check *c, const struct file *rc)
{
	static const char *const modules[] = { "authuserdb", "authpam", "authpwd", NULL };
	struct buf t = BUF_INIT(CFG_VALUE_MAX + 4096);
	const char *list;
	size_t pos = 0, good = 0;
	char *item, *var;
	struct stat st;

	if (!rc->present) {
		errorf(c, "%s is missing (authdaemond cannot start)", rc->shown);
		buf_free(&t);
		return;
	}
	list = cfg_vars_get(&rc->vars, "authmodulelist");
	while (list != NULL && (item = cfg_list_next(list, &pos)) != NULL) {
		bool ok = false;

		for (size_t i = 0; modules[i] != NULL; i++)
			ok = ok || strcmp(item, modules[i]) == 0;
		if (ok)
			good++;
		else
			warnf(c, "%s: no module %s (there are authuserdb authpam authpwd)",
			      where(rc, "authmodulelist", &t), item);
		free(item);
	}
	if (list != NULL && good == 0)
		errorf(c, "%s: no valid module, authdaemond would not start",
		       where(rc, "authmodulelist", &t));
	check_uint(c, rc, "daemons", 1, "the number of worker processes, e.g. 5");
	var = mailctl_authdaemonvar(c->in);
	if (stat(var, &st) < 0) {
		/* authdaemond makes it and its parents: the nearest directory that
		   exists must let it */
		char *up = xstrdup(var), *slash;

		while ((slash = strrchr(up, '/')) != NULL && slash != up) {
			*slash = '\0';
			if (stat(up, &st) == 0)
				break;
		}
		if (slash == up)
			strcpy(up, "/");
		if (stat(up, &st) < 0 || !S_ISDIR(st.st_mode))
			errorf(c, "authdaemonvar=%s: %s is not a directory", var, up);
		else if (access(up, W_OK) != 0)
			errorf(c, "authdaemonvar=%s: authdaemond cannot make it in %s: %s", var, up,
			       strerror(errno));
		free(up);
	}
	free(var);
	buf_free(&t);
}

/* lmtpd.cf: lmtpd's own check (lmtpd -n), then what it would listen on. */
static void check_lmtpd(struct check *c)
{
	char *cf = mailctl_path(c->in->etc, "lmtpd.cf");
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *err;
	int pfd[2];
	static const char *const lists[] = { "lmtp_listen", "smtp_listen" };

	if (access(cf, F_OK) != 0 || !mailctl_prog_exists(PROG_LMTPD)) {
		free(cf);
		return;
	}
	if (pipe2(pfd, O_CLOEXEC) == 0) {
		pid_t pid = fork();

		if (pid == 0) {
			int dn = open("/dev/null", O_WRONLY);

			dup2(dn, 1);
			dup2(pfd[1], 2);
			execl(mailctl_prog_path(PROG_LMTPD), "lmtpd", "-n", "-c", cf, (char *)NULL);
			_exit(127);
		}
		close(pfd[1]);
		struct buf out = BUF_INIT(65536);
		char chunk[4096];
		ssize_t k;
		int status = 0;

		while ((k = read(pfd[0], chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
			if (k > 0)
				(void)!buf_append(&out, chunk, (size_t)k);
		close(pfd[0]);
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		for (const char *p = buf_cstr(&out); *p != '\0';) {
			size_t l = strcspn(p, "\n");

			if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
				fprintf(stderr, "mailctl check: warning: %.*s\n", (int)l, p);
				c->warnings++;
			} else {
				fprintf(stderr, "mailctl check: %.*s\n", (int)l, p);
			}
			p += l + (p[l] == '\n');
		}
		if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			if (out.len == 0)
				fprintf(stderr, "mailctl check: lmtpd -n -c %s failed\n", cf);
			c->errors++;
		}
		buf_free(&out);
	}
	if (cfg_parse_file(&vars, CFG_MAINCF, cf, &err) < 0) {
		errorf(c, "%s", err);
		free(cf);
		return;
	}
	for (size_t i = 0; i < N_ELEMENTS(lists); i++) {
		const char *list = cfg_vars_get(&vars, lists[i]);
		size_t pos = 0;
		char *item;

		while (list != NULL && (item = cfg_list_next(list, &pos)) != NULL) {
			if (strncmp(item, "unix:", 5) == 0) {
				char *dir = xstrdup(item + 5), *slash = strrchr(dir, '/');
				struct stat st;

				if (slash != NULL && slash != dir)
					*slash = '\0';
				if (stat(dir, &st) < 0)
					errorf(c, "%s = ... %s in lmtpd.cf: the directory %s is missing "
					       "(lmtpd does not make it): %s", lists[i], item, dir,
					       strerror(errno));
				else if (access(dir, W_OK) != 0)
					errorf(c, "%s = ... %s in lmtpd.cf: cannot make a socket in %s: %s",
					       lists[i], item, dir, strerror(errno));
				free(dir);
			} else if (strncmp(item, "inet:", 5) == 0) {
				char *a = xstrdup(item + 5), *colon = strrchr(a, ':'), *h = a;
				unsigned port;
				int e;

				if (colon != NULL && str_to_uint(colon + 1, &port) == 0 && port > 0 &&
				    port <= 65535) {
					*colon = '\0';
					if (*h == '[') {
						h++;
						h[strcspn(h, "]")] = '\0';
					}
					e = c->running ? 0 : try_bind(*h == '\0' ? "0" : h, port);
					if (e != 0)
						errorf(c, "%s = ... %s in lmtpd.cf: cannot listen on it: %s",
						       lists[i], item, strerror(e));
				}
				free(a);
			}
			free(item);
		}
	}
	cfg_vars_free(&vars);
	free(cf);
}

int mailctl_check(struct mailctl_instance *in, bool quiet)
{
	struct check c = { in, 0, 0, quiet, false };
	struct file f[5];
	static const char *const names[5] = { "imapd", "imapd-ssl", "pop3d", "pop3d-ssl",
					      "authdaemonrc" };
	bool imap_built = mailctl_prog_exists(PROG_IMAPLOGIN) && mailctl_prog_exists(PROG_IMAPD);
	bool pop_built = mailctl_prog_exists(PROG_POP3LOGIN) && mailctl_prog_exists(PROG_POP3D);
	bool ok_files = true;

	{
		char *pf = mailctl_path(in->dir, "run/mailctl.pid");
		struct buf t = BUF_INIT(64);
		int pid;

		if (fd_read_file(pf, &t) == 0) {
			char *nl = strchr(buf_cstr(&t), '\n');

			if (nl != NULL)
				*nl = '\0';
			c.running = str_to_int(buf_cstr(&t), &pid) == 0 && pid > 1 &&
				    (kill(pid, 0) == 0 || errno == EPERM);
		}
		buf_free(&t);
		free(pf);
	}
	for (size_t i = 0; i < 5; i++)
		if (load(&c, &f[i], names[i]) < 0)
			ok_files = false;
	if (ok_files) {
		check_tcpd(&c, &f[0], &f[1], false, "imapd", "IMAPDSTART", imap_built);
		check_tcpd(&c, &f[0], &f[1], true, "imapd-ssl", "IMAPDSSLSTART", imap_built);
		check_tcpd(&c, &f[2], &f[3], false, "pop3d", "POP3DSTART", pop_built);
		check_tcpd(&c, &f[2], &f[3], true, "pop3d-ssl", "POP3DSSLSTART", pop_built);
		for (size_t i = 0; i < 4; i++)
			check_limits(&c, &f[i]);
		check_auth(&c, &f[4]);
	}
	check_lmtpd(&c);
	for (size_t i = 0; i < 5; i++)
		file_free(&f[i]);
	if (!quiet || c.errors > 0)
		fprintf(c.errors > 0 ? stderr : stdout, "mailctl check: %s: %d error%s, %d warning%s\n",
			in->etc, c.errors, c.errors == 1 ? "" : "s", c.warnings,
			c.warnings == 1 ? "" : "s");
	return c.errors > 0 ? 1 : 0;
}
