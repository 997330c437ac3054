/*
 * mailctl_init.c - mailctl init: a self-contained instance in one directory
 * (configs from templates, a self-signed TLS certificate, a userdb with one
 * user, Maildirs), and mailctl useradd.
 *
 * Trust:   names and passwords from the admin's command line; user names are
 *          restricted to a safe character set since they become paths.
 * Runs as: root (users map to the system account vmail, made if missing) or
 *          any user (users map to the caller's own uid/gid).
 * Tests:   tests/protocol/run-mailctl
 */
#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "fdio.h"
#include "mailctl.h"
#include "sock.h"
#include "xmalloc.h"

#define MAIL_ACCOUNT "vmail"
#define TEMPLATE_MAX (1024 * 1024)

struct init_opts {
	const char *dir;
	bool auto_ports;
	const char *user, *password;
	bool password_given_in_argv;
};

static const char *const templates[] = {
	"imapd", "imapd-ssl", "pop3d", "pop3d-ssl", "authdaemonrc", "lmtpd.cf", NULL
};

/* Placeholder values for the templates. */
struct subst { const char *name; char *value; };

static int valid_user_name(const char *s)
{
	if (*s == '\0' || strlen(s) > 128 || *s == '.' || *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._-@+", *s) != NULL))
			return 0;
	return 1;
}

static int mkdir_owned(const char *path, int mode, uid_t uid, gid_t gid)
{
	if (mkdir(path, (mode_t)mode) < 0 && errno != EEXIST) {
		fprintf(stderr, "mailctl: mkdir %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (chmod(path, (mode_t)mode) < 0 || (geteuid() == 0 && chown(path, uid, gid) < 0)) {
		fprintf(stderr, "mailctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Read a template and replace every @NAME@ from subs. */
static int render(const char *tpl, const struct subst *subs, struct buf *out)
{
	struct buf in = BUF_INIT(TEMPLATE_MAX);

	if (fd_read_file(tpl, &in) < 0) {
		buf_free(&in);
		return -1;
	}
	buf_reset(out);
	for (const char *p = buf_cstr(&in); *p != '\0';) {
		const char *at = strchr(p, '@');
		const char *end;
		int done = 0;

		if (at == NULL) {
			(void)!buf_append_str(out, p);
			break;
		}
		(void)!buf_append(out, p, (size_t)(at - p));
		end = strchr(at + 1, '@');
		if (end != NULL) {
			for (const struct subst *s = subs; s->name != NULL; s++) {
				if ((size_t)(end - at - 1) == strlen(s->name) &&
				    memcmp(at + 1, s->name, strlen(s->name)) == 0) {
					(void)!buf_append_str(out, s->value);
					p = end + 1;
					done = 1;
					break;
				}
			}
		}
		if (!done) {
			(void)!buf_putc(out, '@');
			p = at + 1;
		}
	}
	buf_free(&in);
	return 0;
}

/* A SHA-512 crypt hash of pw with a random salt. */
static char *hash_password(const char *pw)
{
	static const char b64[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	unsigned char rnd[16];
	char setting[32];
	struct crypt_data cd;
	const char *h;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return NULL;
	memcpy(setting, "$6$", 3);
	for (size_t i = 0; i < sizeof(rnd); i++)
		setting[3 + i] = b64[rnd[i] & 63];
	setting[3 + sizeof(rnd)] = '$';
	setting[4 + sizeof(rnd)] = '\0';
	memset(&cd, 0, sizeof(cd));
	h = crypt_r(pw, setting, &cd);
	if (h == NULL || h[0] != '$')
		return NULL;
	return xstrdup(h);
}

/* Run makeuserdb on the instance's userdb (when the program exists). */
static int compile_userdb(const struct mailctl_instance *in)
{
	char *userdb = mailctl_path(in->etc, "userdb");
	struct buf envv = BUF_INIT(8192);
	char *argv[] = { (char *)mailctl_prog_path(PROG_MAKEUSERDB), NULL };
	char *envp[3];
	int r;

	if (!mailctl_prog_exists(PROG_MAKEUSERDB)) {
		free(userdb);
		return 0;
	}
	(void)!buf_printf(&envv, "USERDB=%s", userdb);
	envp[0] = envv.data;
	envp[1] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
	envp[2] = NULL;
	r = mailctl_run_cmd(argv, envp);
	if (r != 0)
		fprintf(stderr, "mailctl: makeuserdb failed (exit %d)\n", r);
	free(userdb);
	buf_free(&envv);
	return r == 0 ? 0 : -1;
}

int mailctl_useradd(struct mailctl_instance *in, const char *name, const char *password)
{
	char *home_root = mailctl_path(in->dir, "home");
	char *home = mailctl_path(home_root, name);
	char *maildir = mailctl_path(home, "Maildir");
	char *userdb = mailctl_path(in->etc, "userdb");
	struct buf line = BUF_INIT(65536), all = BUF_INIT(16 * 1024 * 1024);
	static const char *const sub[] = { "tmp", "new", "cur" };
	char *hash = NULL;
	int r = 1;

	if (!valid_user_name(name)) {
		fprintf(stderr, "mailctl: bad user name (letters, digits and ._-@+ only)\n");
		goto out;
	}
	if (strchr(password, '\n') != NULL || strchr(password, '|') != NULL || *password == '\0') {
		fprintf(stderr, "mailctl: the password may not be empty or contain '|' or newlines\n");
		goto out;
	}
	hash = hash_password(password);
	if (hash == NULL) {
		fprintf(stderr, "mailctl: cannot hash the password\n");
		goto out;
	}
	if (mkdir_owned(home_root, 0755, 0, 0) < 0 ||
	    mkdir_owned(home, 0700, in->mail_uid, in->mail_gid) < 0 ||
	    mkdir_owned(maildir, 0700, in->mail_uid, in->mail_gid) < 0)
		goto out;
	for (size_t i = 0; i < N_ELEMENTS(sub); i++) {
		char *d = mailctl_path(maildir, sub[i]);
		int e = mkdir_owned(d, 0700, in->mail_uid, in->mail_gid);

		free(d);
		if (e < 0)
			goto out;
	}
	/* the existing userdb, then the new line */
	if (fd_read_file(userdb, &all) < 0 && errno != ENOENT) {
		fprintf(stderr, "mailctl: %s: %s\n", userdb, strerror(errno));
		goto out;
	}
	{
		size_t nl = strlen(name);

		for (const char *p = buf_cstr(&all); p != NULL && *p != '\0';) {
			if (strncmp(p, name, nl) == 0 && p[nl] == '\t') {
				fprintf(stderr, "mailctl: user %s exists already\n", name);
				goto out;
			}
			p = strchr(p, '\n');
			if (p != NULL)
				p++;
		}
	}
	(void)!buf_printf(&line, "%s\tuid=%lu|gid=%lu|home=%s|mail=%s|systempw=%s\n", name,
			  (unsigned long)in->mail_uid, (unsigned long)in->mail_gid, home, maildir,
			  hash);
	if (buf_append(&all, line.data, line.len) < 0 ||
	    mailctl_write_file(userdb, all.data, all.len, 0600) < 0)
		goto out;
	r = compile_userdb(in) < 0 ? 1 : 0;
out:
	if (hash != NULL)
		memset(hash, 0, strlen(hash));
	free(hash);
	free(home_root);
	free(home);
	free(maildir);
	free(userdb);
	buf_free(&line);
	buf_free(&all);
	return r;
}

/* A password from the terminal (twice, not echoed) or one line of stdin. */
char *mailctl_read_password(const char *user)
{
	struct buf pw = BUF_INIT(1024);
	bool tty = isatty(0) == 1;
	struct termios old, noecho;
	char *r = NULL;

	for (int round = 0; round < (tty ? 2 : 1); round++) {
		int c;
		struct buf *into = &pw, again = BUF_INIT(1024);

		if (round == 1)
			into = &again;
		if (tty) {
			fprintf(stderr, round == 0 ? "Password for %s: " : "Again: ", user);
			fflush(stderr);
			tcgetattr(0, &old);
			noecho = old;
			noecho.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(0, TCSAFLUSH, &noecho);
		}
		while ((c = getchar()) != EOF && c != '\n')
			if (buf_putc(into, (char)c) < 0)
				break;
		if (tty) {
			tcsetattr(0, TCSAFLUSH, &old);
			fputc('\n', stderr);
		}
		if (round == 1 && strcmp(buf_cstr(&pw), buf_cstr(&again)) != 0) {
			fprintf(stderr, "mailctl: the passwords differ\n");
			buf_free(&again);
			buf_free(&pw);
			return NULL;
		}
		buf_free(&again);
	}
	if (pw.len > 0 && pw.data[pw.len - 1] == '\r')
		pw.data[--pw.len] = '\0';
	if (pw.len == 0) {
		fprintf(stderr, "mailctl: no password given (type it, or give it on stdin)\n");
		buf_free(&pw);
		return NULL;
	}
	r = xstrdup(buf_cstr(&pw));
	memset(pw.data, 0, pw.len);
	buf_free(&pw);
	return r;
}

/* As root: the unprivileged account that owns the Maildirs. */
static int mail_account(uid_t *uid, gid_t *gid, const char **name)
{
	struct passwd *pw;

	if (geteuid() != 0) {
		*uid = getuid();
		*gid = getgid();
		*name = NULL;
		return 0;
	}
	pw = getpwnam(MAIL_ACCOUNT);
	if (pw == NULL) {
		char *argv[] = { "useradd", "--system", "--user-group", "--home-dir", "/nonexistent",
				 "--no-create-home", "--shell", "/usr/sbin/nologin", MAIL_ACCOUNT, NULL };

		if (mailctl_run_cmd(argv, NULL) != 0 || (pw = getpwnam(MAIL_ACCOUNT)) == NULL) {
			fprintf(stderr, "mailctl: cannot create the system account %s\n", MAIL_ACCOUNT);
			return -1;
		}
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	*name = MAIL_ACCOUNT;
	return 0;
}

/* A self-signed certificate (key + cert in one PEM file) made with certtool. */
static int make_cert(const char *etc, const char *host)
{
	char *key = mailctl_path(etc, "tls-key.pem");
	char *crt = mailctl_path(etc, "tls-cert.pem");
	char *tpl = mailctl_path(etc, "tls-cert.cfg");
	struct buf t = BUF_INIT(4096), pem = BUF_INIT(1024 * 1024);
	int r = -1;

	(void)!buf_printf(&t, "cn = \"%s\"\norganization = \"Stafeta demo\"\n"
			  "dns_name = \"%s\"\ndns_name = \"localhost\"\nip_address = \"127.0.0.1\"\n"
			  "expiration_days = 3650\ntls_www_server\nencryption_key\nsigning_key\n",
			  host, host);
	if (mailctl_write_file(tpl, t.data, t.len, 0600) < 0)
		goto out;
	{
		char *a1[] = { "certtool", "--generate-privkey", "--key-type=rsa", "--bits=2048",
			       "--outfile", key, NULL };
		char *a2[] = { "certtool", "--generate-self-signed", "--load-privkey", key,
			       "--template", tpl, "--outfile", crt, NULL };
		int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
		int saved1 = dup(1), saved2 = dup(2);

		/* certtool prints the whole certificate on stdout and stderr */
		if (devnull >= 0 && saved1 >= 0 && saved2 >= 0) {
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		r = mailctl_run_cmd(a1, NULL) == 0 && mailctl_run_cmd(a2, NULL) == 0 ? 0 : -1;
		if (saved1 >= 0) {
			dup2(saved1, 1);
			close(saved1);
		}
		if (saved2 >= 0) {
			dup2(saved2, 2);
			close(saved2);
		}
		if (devnull >= 0)
			close(devnull);
	}
	if (r < 0) {
		fprintf(stderr, "mailctl: certtool failed (apt-get install gnutls-bin)\n");
		goto out;
	}
	r = -1;
	{
		const char *files[] = { key, crt };
		struct buf one = BUF_INIT(64 * 1024);

		for (size_t i = 0; i < 2; i++) {
			if (fd_read_file(files[i], &one) < 0 ||
			    buf_append(&pem, one.data, one.len) < 0) {
				buf_free(&one);
				goto out;
			}
		}
		buf_free(&one);
	}
	{
		char *p1 = mailctl_path(etc, "imapd.pem"), *p2 = mailctl_path(etc, "pop3d.pem");

		r = mailctl_write_file(p1, pem.data, pem.len, 0600) == 0 &&
		    mailctl_write_file(p2, pem.data, pem.len, 0600) == 0 ? 0 : -1;
		free(p1);
		free(p2);
	}
	unlink(key);
	unlink(tpl);
out:
	free(key);
	free(crt);
	free(tpl);
	buf_free(&t);
	buf_free(&pem);
	return r;
}

static unsigned pick_port(bool autop, unsigned def, unsigned *used, size_t nused)
{
	if (!autop)
		return def;
	for (int tries = 0; tries < 50; tries++) {
		unsigned p = sock_free_port();
		bool dup = p == 0;

		for (size_t i = 0; i < nused; i++)
			if (used[i] == p)
				dup = true;
		if (!dup)
			return p;
	}
	return 0;
}

static void parse_args(int argc, char **argv, struct init_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ports=auto") == 0)
			o->auto_ports = true;
		else if (strcmp(argv[i], "--ports=default") == 0)
			o->auto_ports = false;
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			o->user = argv[++i];
		else if (strncmp(argv[i], "--user=", 7) == 0)
			o->user = argv[i] + 7;
		else if (strcmp(argv[i], "--password") == 0 && i + 1 < argc)
			o->password = argv[++i];
		else if (strncmp(argv[i], "--password=", 11) == 0)
			o->password = argv[i] + 11;
		else if (strcmp(argv[i], "--password-stdin") == 0)
			o->password = NULL;
		else if (argv[i][0] != '-' && o->dir == NULL)
			o->dir = argv[i];
		else {
			fprintf(stderr, "usage: mailctl init DIR [--ports=auto|default] "
					"[--user NAME --password PW]\n");
			exit(64);
		}
	}
	if (o->dir == NULL) {
		fprintf(stderr, "usage: mailctl init DIR [--ports=auto|default] [--user NAME --password PW]\n");
		exit(64);
	}
	o->password_given_in_argv = o->password != NULL;
	if (o->user == NULL && o->password == NULL) {
		/* the documented demo account */
		o->user = "demo";
		o->password = "demo";
	} else if (o->user == NULL) {
		fprintf(stderr, "mailctl: --password needs --user NAME\n");
		exit(64);
	}
}

int mailctl_init(int argc, char **argv)
{
	struct init_opts o;
	struct mailctl_instance in;
	char real[4096], host[256] = "localhost";
	const char *account;
	unsigned ports[6];
	char portstr[6][16];
	struct buf out = BUF_INIT(TEMPLATE_MAX), conf = BUF_INIT(8192);
	static const char *const dirs[] = { "etc", "run", "log", "home" };
	static const unsigned defaults[6] = { MAILCTL_PORT_IMAP, MAILCTL_PORT_IMAPS, MAILCTL_PORT_POP3,
					      MAILCTL_PORT_POP3S, MAILCTL_PORT_LMTP, MAILCTL_PORT_SMTP };
	char *etc, *authvar, *pw_alloc = NULL;
	int r = 1;

	parse_args(argc, argv, &o);
	memset(&in, 0, sizeof(in));
	if (mkdir(o.dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mailctl: mkdir %s: %s\n", o.dir, strerror(errno));
		return 1;
	}
	if (realpath(o.dir, real) == NULL) {
		fprintf(stderr, "mailctl: %s: %s\n", o.dir, strerror(errno));
		return 1;
	}
	etc = mailctl_path(real, "etc");
	if (access(etc, F_OK) == 0) {
		fprintf(stderr, "mailctl: %s already holds an instance (%s exists); not overwriting\n",
			real, etc);
		free(etc);
		return 1;
	}
	if (o.password == NULL && (o.password = pw_alloc = mailctl_read_password(o.user)) == NULL)
		goto out;
	if (mail_account(&in.mail_uid, &in.mail_gid, &account) < 0)
		goto out;
	(void)chmod(real, 0755);
	for (size_t i = 0; i < N_ELEMENTS(dirs); i++) {
		char *d = mailctl_path(real, dirs[i]);
		int e = mkdir_owned(d, 0755, 0, 0);

		free(d);
		if (e < 0)
			goto out;
	}
	authvar = mailctl_path(real, "run/authdaemon");
	if (mkdir_owned(authvar, 0750, geteuid(), getegid()) < 0) {
		free(authvar);
		goto out;
	}
	free(authvar);
	if (gethostname(host, sizeof(host) - 1) < 0 || host[0] == '\0')
		strcpy(host, "localhost");
	for (size_t i = 0; i < 6; i++) {
		ports[i] = pick_port(o.auto_ports, defaults[i], ports, i);
		if (ports[i] == 0) {
			fprintf(stderr, "mailctl: no free loopback port\n");
			goto out;
		}
		snprintf(portstr[i], sizeof(portstr[i]), "%u", ports[i]);
	}
	in.dir = xstrdup(real);
	in.etc = xstrdup(etc);
	in.tls_user = account != NULL ? xstrdup(account) : NULL;
	{
		struct subst subs[] = {
			{ "DIR", in.dir }, { "PORT_IMAP", portstr[0] }, { "PORT_IMAPS", portstr[1] },
			{ "PORT_POP3", portstr[2] }, { "PORT_POP3S", portstr[3] },
			{ "PORT_LMTP", portstr[4] }, { "PORT_SMTP", portstr[5] }, { "HOSTNAME", host },
			{ "COURIERTLS", (char *)mailctl_prog_path(PROG_COURIERTLS) },
			{ "TLS_USER", account != NULL ? (char *)account : "" },
			{ "MAILUSER", account != NULL ? (char *)account : "" },
			{ "AUTHGROUP", geteuid() == 0 && getgrnam("courier") != NULL ? "courier" : "" },
			{ NULL, NULL }
		};

		for (size_t i = 0; templates[i] != NULL; i++) {
			char *tpl = mailctl_path(mailctl_template_dir(), templates[i]);
			char *dst = mailctl_path(etc, templates[i]);
			int e = 0;

			if (access(tpl, R_OK) == 0) {
				e = render(tpl, subs, &out) < 0 ? -1 :
				    mailctl_write_file(dst, out.data, out.len,
						       strcmp(templates[i], "authdaemonrc") == 0 ? 0600 : 0644);
			}
			free(tpl);
			free(dst);
			if (e < 0) {
				fprintf(stderr, "mailctl: cannot write %s\n", templates[i]);
				goto out;
			}
		}
	}
	(void)!buf_printf(&conf, "# mailctl instance (written by mailctl init)\n"
			  "INSTANCE_DIR=\"%s\"\nMAIL_UID=%lu\nMAIL_GID=%lu\nTLS_USER=\"%s\"\n",
			  in.dir, (unsigned long)in.mail_uid, (unsigned long)in.mail_gid,
			  account != NULL ? account : "");
	{
		char *p = mailctl_path(etc, "mailctl.conf");
		int e = mailctl_write_file(p, conf.data, conf.len, 0644);

		free(p);
		if (e < 0)
			goto out;
	}
	if (make_cert(etc, host) < 0)
		goto out;
	if (mailctl_useradd(&in, o.user, o.password) != 0)
		goto out;
	printf("Stafeta instance in %s\n", in.dir);
	{
		/* only what mailctl start will serve: IMAP is not built yet */
		static const char *const label[6] = { "IMAP", "IMAPS", "POP3", "POP3S", "LMTP", "SMTP" };
		bool imap = mailctl_prog_exists(PROG_IMAPLOGIN) && mailctl_prog_exists(PROG_IMAPD);
		bool pop = mailctl_prog_exists(PROG_POP3LOGIN) && mailctl_prog_exists(PROG_POP3D);
		bool lmtp = mailctl_prog_exists(PROG_LMTPD);
		bool serves[6] = { imap, imap, pop, pop, lmtp, lmtp };
		const char *sep = "  ";

		for (size_t i = 0; i < 6; i++)
			if (serves[i]) {
				printf("%s%s 127.0.0.1:%u", sep, label[i], ports[i]);
				sep = "  ";
			}
		printf("\n");
	}
	if (o.password_given_in_argv)
		printf("  login: %s / %s   Maildir: %s/home/%s/Maildir\n", o.user, o.password, in.dir,
		       o.user);
	else
		printf("  login: %s   Maildir: %s/home/%s/Maildir\n", o.user, in.dir, o.user);
	printf("  start: mailctl -c %s start   (or run, in the foreground)\n", etc);
	r = 0;
out:
	if (pw_alloc != NULL) {
		memset(pw_alloc, 0, strlen(pw_alloc));
		free(pw_alloc);
	}
	free(etc);
	buf_free(&out);
	buf_free(&conf);
	mailctl_instance_free(&in);
	return r;
}
