/*
 * pop3_login.c - pop3login's command table and handlers (pre-auth).
 *
 * Trust:   everything from the client; the user name and password are
 *          passed to authdaemond only through libcourierauth, never logged
 *          (names through log_safe), and wiped after use.
 * Runs as: root (under couriertcpd), before any privilege drop.
 * Limits:  one deadline for the whole login phase (POP3_LOGIN_DEADLINE),
 *          lines POP3_LINE_MAX, user names POP3_USER_MAX, a delay after each
 *          failed login and POP3_LOGIN_FAILURES_MAX failures, at most
 *          POP3_BAD_COMMANDS_MAX invalid commands in a row.
 * Errors:  -ERR with Courier's texts; "Temporary problem" closes.
 * Tests:   tests/unit/pop3d/test_pop3_login.c, tests/protocol/pop3/login_*.t
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth_sasl.h"
#include "buf.h"
#include "cfg.h"
#include "env.h"
#include "log.h"
#include "sock.h"
#include "starttls.h"
#include "stream.h"
#include "timeutil.h"
#include "xmalloc.h"
#include "pop3_config.h"
#include "pop3_login.h"
#include "pop3_proto.h"

/* handler result: go on, logged in, or end the session with this code */
#define GO_ON (-1)

struct login_cmd_def {
	const char *name;
	int (*fn)(struct pop3_login *pl, const struct pop3_cmd *cmd);
};

void pop3_login_init(struct pop3_login *pl, struct stream *s, struct pop3_config *cfg,
		     const char *remote_ip)
{
	memset(pl, 0, sizeof(*pl));
	pl->s = s;
	pl->cfg = cfg;
	pl->remote_ip = remote_ip != NULL ? remote_ip : "";
	pl->tls = cfg->pop3_tls;
	auth_info_init(&pl->ai);
	buf_init(&pl->line, POP3_LINE_MAX + 2);
}

static void forget_user(struct pop3_login *pl)
{
	if (pl->user != NULL) {
		secure_zero(pl->user, strlen(pl->user));
		free(pl->user);
		pl->user = NULL;
	}
}

void pop3_login_deinit(struct pop3_login *pl)
{
	forget_user(pl);
	auth_info_free(&pl->ai);
	buf_free_secure(&pl->line);
}

const char *pop3_auth_service(void)
{
	const char *port = env_get("TCPLOCALPORT"), *v;
	char name[64];
	size_t i;

	if (port == NULL || *port == '\0' || strlen(port) > 10)
		return "pop3";
	for (i = 0; port[i] != '\0'; i++)
		if (port[i] < '0' || port[i] > '9')
			return "pop3";
	snprintf(name, sizeof(name), "AUTHSERVICE%s", port);
	v = env_get(name);
	return v != NULL && *v != '\0' ? v : "pop3";
}

bool pop3_ip_is_loopback(const char *ip)
{
	return sock_ip_is_loopback(ip);
}

bool pop3_login_plaintext_ok(const struct pop3_login *pl)
{
	return pl->tls || pl->cfg->plain_insecure || pop3_ip_is_loopback(pl->remote_ip);
}

void pop3_login_mechs(const struct pop3_login *pl, struct buf *out)
{
	const char *list = pl->cfg->pop3auth;
	bool plain_ok = pop3_login_plaintext_ok(pl);
	size_t pos = 0;
	char *m;

	if (pl->tls && pl->cfg->pop3auth_tls != NULL && *pl->cfg->pop3auth_tls != '\0')
		list = pl->cfg->pop3auth_tls;
	buf_reset(out);
	if (list == NULL)
		return;
	while ((m = cfg_list_next(list, &pos)) != NULL) {
		char *c;

		for (c = m; *c != '\0'; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		if (auth_sasl_mech_known(m) && (plain_ok || !auth_sasl_mech_is_plaintext(m)) &&
		    strlen(m) < 64) {
			/* each at most once */
			char pat[72];
			const char *hay = buf_cstr(out);
			size_t ml = strlen(m);
			const char *f = hay;
			bool dup = false;

			snprintf(pat, sizeof(pat), "%s", m);
			while ((f = strstr(f, pat)) != NULL) {
				if ((f == hay || f[-1] == ' ') && (f[ml] == '\0' || f[ml] == ' ')) {
					dup = true;
					break;
				}
				f += ml;
			}
			if (!dup && (out->len == 0 || buf_putc(out, ' ') == 0))
				(void)!buf_append_str(out, m);
		}
		free(m);
	}
}

static int send_line(struct pop3_login *pl, const char *text)
{
	if (stream_puts(pl->s, text) < 0 || stream_flush(pl->s) < 0)
		return POP3_LOGIN_EOF;
	return GO_ON;
}

static bool stls_offered(const struct pop3_login *pl)
{
	const char *v = pl->cfg->pop3_starttls;

	return !pl->tls && v != NULL && (*v == 'y' || *v == 'Y' || *v == '1') &&
	       pl->cfg->couriertls != NULL && starttls_available(pl->cfg->couriertls);
}

static int cmd_capa(struct pop3_login *pl, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	struct buf mechs = BUF_INIT(1024), out = BUF_INIT(4096);
	int r;

	pop3_login_mechs(pl, &mechs);
	if (pop3_capa_format(&out, buf_cstr(&mechs), stls_offered(pl)) < 0)
		panic("pop3login: CAPA too long");
	r = stream_write(pl->s, out.data, out.len) < 0 || stream_flush(pl->s) < 0 ?
		POP3_LOGIN_EOF : GO_ON;
	buf_free(&mechs);
	buf_free(&out);
	return r;
}

static int cmd_stls(struct pop3_login *pl, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	struct starttls_opts o;
	const char *error;
	int rfd, wfd;
	size_t dropped;

	if (!stls_offered(pl))
		return send_line(pl, pl->tls ? "-ERR TLS already active.\r\n" :
				 "-ERR TLS support not available.\r\n");
	if (send_line(pl, "+OK Begin SSL/TLS negotiation now.\r\n") != GO_ON)
		return POP3_LOGIN_EOF;
	memset(&o, 0, sizeof(o));
	o.couriertls = pl->cfg->couriertls;
	o.user = pl->cfg->tls_user != NULL && *pl->cfg->tls_user != '\0' ? pl->cfg->tls_user : NULL;
	o.client_fd = stream_rfd(pl->s);
	o.timeout_secs = STARTTLS_TIMEOUT_DEFAULT;
	if (starttls_start(&o, &rfd, &wfd, &error) < 0) {
		log_conn(LOGL_ERR, "STLS FAILED", "%s", error);
		return POP3_LOGIN_CLOSE;
	}
	/* anything pipelined in plaintext after STLS is dropped here, never run */
	dropped = stream_set_fds(pl->s, rfd, wfd);
	if (dropped > 0)
		log_conn(LOGL_WARN, "STLS", "discarded %zu bytes sent before the TLS handshake",
			 dropped);
	pl->tls = true;
	pl->stls_done = true;
	pl->cfg->pop3_tls = true;
	setenv("POP3_TLS", "1", 1);
	setenv("POP3_STARTTLS", "NO", 1);
	setenv("POP3_TLS_REQUIRED", "0", 1);
	/* RFC 2595: forget what was said before TLS */
	forget_user(pl);
	return GO_ON;
}

static bool tls_required(const struct pop3_login *pl)
{
	return (pl->cfg->tls_required && !pl->tls) || !pop3_login_plaintext_ok(pl);
}

static int cmd_user(struct pop3_login *pl, const struct pop3_cmd *cmd)
{
	size_t n = strlen(cmd->args);

	if (pl->cfg->tls_required && !pl->tls)
		return send_line(pl, "-ERR TLS required to log in.\r\n");
	if (!pop3_login_plaintext_ok(pl))
		return send_line(pl, "-ERR TLS required to log in.\r\n");
	if (n == 0 || n > POP3_USER_MAX)
		return send_line(pl, "-ERR Invalid command.\r\n");
	forget_user(pl);
	if (*pl->cfg->defdomain != '\0' && strchr(cmd->args, '@') == NULL) {
		struct buf u = BUF_INIT(POP3_USER_MAX + 256);

		if (buf_printf(&u, "%s%s%s", cmd->args, pl->cfg->defdomain[0] == '@' ? "" : "@",
			       pl->cfg->defdomain) < 0) {
			buf_free(&u);
			return send_line(pl, "-ERR Invalid command.\r\n");
		}
		pl->user = xstrdup(buf_cstr(&u));
		buf_free(&u);
	} else {
		pl->user = xstrdup(cmd->args);
	}
	return send_line(pl, "+OK Password required.\r\n");
}

/* After a refused login: Courier's delay, then the reply; close after too
   many. */
static int login_failed(struct pop3_login *pl, const char *text)
{
	if (pl->cfg->login_delay > 0) {
		struct timespec ts = { (time_t)pl->cfg->login_delay, 0 };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	if (++pl->failures >= POP3_LOGIN_FAILURES_MAX) {
		(void)send_line(pl, text);
		(void)send_line(pl, "-ERR Too many failed logins, closing connection.\r\n");
		return POP3_LOGIN_CLOSE;
	}
	return send_line(pl, text);
}

static int cmd_pass(struct pop3_login *pl, const struct pop3_cmd *cmd)
{
	enum auth_result r;
	char *user;

	if (pl->user == NULL)
		return send_line(pl, "-ERR USER/PASS required.\r\n");
	if (tls_required(pl))
		return send_line(pl, "-ERR TLS required to log in.\r\n");
	user = pl->user;
	pl->user = NULL;
	r = auth_login(pop3_auth_service(), user, cmd->args, &pl->ai);
	/* the password is in the line buffer: wipe it now */
	secure_zero(pl->line.data, pl->line.len);
	if (r == AUTH_OK) {
		log_set_user(user);
		free(user);
		return POP3_LOGIN_OK;
	}
	if (r == AUTH_TEMPFAIL) {
		log_set_user(user);
		log_conn(LOGL_ERR, "LOGIN FAILED", "authdaemond unavailable");
		log_set_user(NULL);
		free(user);
		(void)send_line(pl, "-ERR Temporary problem, please try again later\r\n");
		return POP3_LOGIN_CLOSE;
	}
	log_set_user(user);
	log_conn(LOGL_INFO, "LOGIN FAILED", NULL);
	log_set_user(NULL);
	secure_zero(user, strlen(user));
	free(user);
	return login_failed(pl, "-ERR Login failed.\r\n");
}

static int cmd_auth(struct pop3_login *pl, const struct pop3_cmd *cmd)
{
	struct auth_sasl_params p;
	struct buf mechs = BUF_INIT(1024), tmp = BUF_INIT(1024);
	char *args, *mech, *initial, *authuser = NULL, *sp;
	enum auth_sasl_result r;
	int ret;
	bool offered = false;

	if (*cmd->args == '\0')
		return send_line(pl, "-ERR Invalid command.\r\n");
	if (pl->cfg->tls_required && !pl->tls)
		return send_line(pl, "-ERR TLS required to log in.\r\n");
	args = xstrdup(cmd->args);
	mech = args;
	sp = strchr(args, ' ');
	initial = NULL;
	if (sp != NULL) {
		*sp = '\0';
		initial = sp + 1;
		while (*initial == ' ')
			initial++;
		if (*initial == '\0')
			initial = NULL;
	}
	pop3_login_mechs(pl, &mechs);
	{
		size_t pos = 0;
		char *m;

		while (!offered && (m = cfg_list_next(buf_cstr(&mechs), &pos)) != NULL) {
			offered = strcasecmp(m, mech) == 0;
			free(m);
		}
	}
	buf_free(&mechs);
	if (!offered) {
		free(args);
		return send_line(pl, "-ERR Unsupported authentication mechanism.\r\n");
	}
	p.service = pop3_auth_service();
	p.prefix = "+ ";
	p.hostname = NULL;
	p.allow_plaintext = pop3_login_plaintext_ok(pl);
	r = auth_sasl(pl->s, &p, mech, initial, &pl->ai, &authuser);
	/* the initial response may hold a password: wipe it (mech stays) */
	if (initial != NULL)
		secure_zero(initial, strlen(initial));
	secure_zero(pl->line.data, pl->line.len);
	switch (r) {
	case AUTH_SASL_OK:
		if (authuser != NULL)
			log_set_user(authuser);
		ret = POP3_LOGIN_OK;
		break;
	case AUTH_SASL_FAIL:
	case AUTH_SASL_BADPROTO:
		/* Courier's form, which fail2ban's courier filters match */
		log_set_user(authuser);
		log_conn(LOGL_INFO, "LOGIN FAILED", "method=%s", log_safe(&tmp, mech, 40));
		log_set_user(NULL);
		ret = login_failed(pl, "-ERR Authentication failed.\r\n");
		break;
	case AUTH_SASL_ABORTED:
		ret = send_line(pl, "-ERR Authentication aborted.\r\n");
		break;
	case AUTH_SASL_NOMECH:
		ret = send_line(pl, "-ERR Unsupported authentication mechanism.\r\n");
		break;
	case AUTH_SASL_TEMPFAIL:
		(void)send_line(pl, "-ERR Temporary problem, please try again later\r\n");
		ret = POP3_LOGIN_CLOSE;
		break;
	case AUTH_SASL_IOERR:
	default:
		ret = errno == ETIMEDOUT ? POP3_LOGIN_TIMEOUT : POP3_LOGIN_EOF;
		break;
	}
	if (authuser != NULL) {
		secure_zero(authuser, strlen(authuser));
		free(authuser);
	}
	secure_zero(args, strlen(args));
	free(args);
	buf_free(&tmp);
	return ret;
}

static int cmd_utf8(struct pop3_login *pl, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	pl->utf8 = true;
	return send_line(pl, "+OK UTF8 enabled\r\n");
}

static int cmd_quit(struct pop3_login *pl, const struct pop3_cmd *cmd ATTR_UNUSED)
{
	(void)send_line(pl, "+OK Better luck next time.\r\n");
	return POP3_LOGIN_QUIT;
}

static const struct login_cmd_def login_cmds[] = {
	{ "CAPA", cmd_capa },
	{ "STLS", cmd_stls },
	{ "USER", cmd_user },
	{ "PASS", cmd_pass },
	{ "AUTH", cmd_auth },
	{ "UTF8", cmd_utf8 },
	{ "QUIT", cmd_quit },
	{ NULL, NULL }
};

static int bad_command(struct pop3_login *pl, const char *text)
{
	if (++pl->bad_cmds >= POP3_BAD_COMMANDS_MAX) {
		(void)send_line(pl, "-ERR Too many invalid commands, closing connection.\r\n");
		return POP3_LOGIN_CLOSE;
	}
	return send_line(pl, text);
}

enum pop3_login_end pop3_login_run(struct pop3_login *pl)
{
	stream_set_deadline(pl->s, time_mono_ms() + pl->cfg->login_deadline * 1000);
	if (send_line(pl, "+OK Hello there.\r\n") != GO_ON)
		return POP3_LOGIN_EOF;
	for (;;) {
		const struct login_cmd_def *d;
		struct pop3_cmd cmd;
		int r = stream_read_line(pl->s, &pl->line);

		if (r == 0)
			return POP3_LOGIN_EOF;
		if (r < 0) {
			if (errno == ETIMEDOUT) {
				(void)send_line(pl, "-ERR Login timeout, closing connection.\r\n");
				return POP3_LOGIN_TIMEOUT;
			}
			if (errno == EMSGSIZE) {
				r = bad_command(pl, "-ERR Command line too long.\r\n");
				if (r != GO_ON)
					return (enum pop3_login_end)r;
				continue;
			}
			return POP3_LOGIN_EOF;
		}
		d = NULL;
		if (pop3_cmd_parse(pl->line.data, pl->line.len, &cmd) == 0) {
			for (d = login_cmds; d->name != NULL; d++)
				if (strcmp(d->name, cmd.verb) == 0)
					break;
		}
		if (d != NULL && d->name != NULL) {
			pl->bad_cmds = 0;
			r = d->fn(pl, &cmd);
		} else {
			r = bad_command(pl, "-ERR Invalid command.\r\n");
		}
		if (r != GO_ON)
			return (enum pop3_login_end)r;
	}
}
