/*
 * imap_login.c - imaplogin's command table and handlers (pre-auth).
 *
 * Trust:   everything from the client; user names and passwords go to
 *          authdaemond only through libcourierauth, are never logged (names
 *          through log_safe) and are wiped after use.
 * Runs as: root (under couriertcpd), before any privilege drop.
 * Limits:  one deadline for the whole login phase (Courier's 60 s alarm),
 *          IMAP_LOGIN_LINE_MAX lines, IMAP_LOGIN_LITERAL_MAX literals,
 *          IMAP_LOGIN_FIELD_MAX names and passwords, Courier's delay after
 *          each failure, IMAP_LOGIN_FAILURES_MAX failures,
 *          IMAP_BAD_COMMANDS_MAX protocol errors in a row.
 * Errors:  tagged BAD for syntax (with the reason), NO for refusals,
 *          "* BYE" before every close.
 * Tests:   tests/protocol/imap/login_*.t (run-imapd), tests/interop/run-imap-clients
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
#include "env.h"
#include "log.h"
#include "sock.h"
#include "starttls.h"
#include "stream.h"
#include "timeutil.h"
#include "xmalloc.h"
#include "imap_capa.h"
#include "imap_config.h"
#include "imap_login.h"
#include "imap_parser.h"

/* handler result: go on, or end the session with this imap_login_end */
#define GO_ON (-1)

struct login_cmd_def {
	const char *name;
	int (*fn)(struct imap_login *l, const char *tag, const struct imap_arg *a, size_t n);
};

void imap_login_init(struct imap_login *l, struct stream *s, struct imap_config *cfg,
		     const char *remote_ip)
{
	struct imap_parser_limits lim = { IMAP_LOGIN_LINE_MAX, IMAP_LOGIN_LITERAL_MAX, 64, 4 };

	memset(l, 0, sizeof(*l));
	l->s = s;
	l->cfg = cfg;
	l->p = imap_parser_new(&lim);
	l->remote_ip = remote_ip != NULL ? remote_ip : "";
	l->tls = cfg->tls;
	auth_info_init(&l->ai);
	buf_init(&l->line, IMAP_LOGIN_LINE_MAX + 2);
}

void imap_login_deinit(struct imap_login *l)
{
	imap_parser_free(&l->p);
	auth_info_free(&l->ai);
	buf_free_secure(&l->line);
}

const char *imap_auth_service(void)
{
	const char *port = env_get("TCPLOCALPORT"), *v;
	char name[64];

	if (port == NULL || *port == '\0' || strlen(port) > 10 ||
	    strspn(port, "0123456789") != strlen(port))
		return "imap";
	snprintf(name, sizeof(name), "AUTHSERVICE%s", port);
	v = env_get(name);
	return v != NULL && *v != '\0' ? v : "imap";
}

bool imap_login_plaintext_ok(const struct imap_login *l)
{
	return l->tls || l->cfg->plain_insecure || sock_ip_is_loopback(l->remote_ip);
}

bool imap_login_starttls_offered(const struct imap_login *l)
{
	const char *v = l->cfg->starttls;

	return !l->tls && v != NULL && (*v == 'y' || *v == 'Y' || *v == '1') &&
	       l->cfg->couriertls != NULL && starttls_available(l->cfg->couriertls);
}

/* LOGIN (and PLAIN/LOGIN) refused on this connection now? */
static bool login_disabled(const struct imap_login *l)
{
	return (l->cfg->tls_required && !l->tls) || !imap_login_plaintext_ok(l);
}

static int send_text(struct imap_login *l, const char *fmt, ...) ATTR_PRINTF(2, 3);
static int send_text(struct imap_login *l, const char *fmt, ...)
{
	struct buf b = BUF_INIT(8192);
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (r < 0)
		panic("imaplogin: reply too long");
	r = stream_write(l->s, b.data, b.len) < 0 || stream_write(l->s, "\r\n", 2) < 0 ||
	    stream_flush(l->s) < 0 ? IMAP_LOGIN_EOF : GO_ON;
	buf_free(&b);
	return r;
}

static int capability_text(struct imap_login *l, struct buf *out)
{
	struct imap_capa_state st = { l->tls, imap_login_starttls_offered(l), login_disabled(l) };

	return imap_capa_build(out, l->cfg, &st, IMAP_CAPA_PRELOGIN);
}

static int cmd_capability(struct imap_login *l, const char *tag, const struct imap_arg *a,
			  size_t n)
{
	struct buf c = BUF_INIT(4096);
	int r;

	(void)a;
	if (n != 0)
		return send_text(l, "%s BAD CAPABILITY takes no arguments", tag);
	if (capability_text(l, &c) < 0)
		panic("imaplogin: capability list too long");
	r = send_text(l, "* CAPABILITY %s", buf_cstr(&c));
	buf_free(&c);
	return r != GO_ON ? r : send_text(l, "%s OK CAPABILITY completed", tag);
}

static int cmd_noop(struct imap_login *l, const char *tag, const struct imap_arg *a, size_t n)
{
	(void)a;
	if (n != 0)
		return send_text(l, "%s BAD NOOP takes no arguments", tag);
	return send_text(l, "%s OK NOOP completed", tag);
}

static int cmd_logout(struct imap_login *l, const char *tag, const struct imap_arg *a, size_t n)
{
	(void)a;
	if (n != 0)
		return send_text(l, "%s BAD LOGOUT takes no arguments", tag);
	(void)send_text(l, "* BYE Courier-IMAP server shutting down");
	(void)send_text(l, "%s OK LOGOUT completed", tag);
	return IMAP_LOGIN_LOGOUT;
}

static int cmd_id(struct imap_login *l, const char *tag, const struct imap_arg *a, size_t n)
{
	int r;

	if (!imap_args_id_ok(a, n))
		return send_text(l, "%s BAD ID takes NIL or a list of field/value strings", tag);
	r = send_text(l, "* ID (\"name\" \"Courier-IMAP\")");
	return r != GO_ON ? r : send_text(l, "%s OK ID completed", tag);
}

static int cmd_starttls(struct imap_login *l, const char *tag, const struct imap_arg *a,
			size_t n)
{
	struct starttls_opts o;
	const char *error;
	int rfd, wfd;
	size_t dropped;

	(void)a;
	if (n != 0)
		return send_text(l, "%s BAD STARTTLS takes no arguments", tag);
	if (!imap_login_starttls_offered(l))
		return send_text(l, l->tls ? "%s BAD TLS is already active" :
				 "%s NO TLS support not available.", tag);
	if (send_text(l, "%s OK Begin SSL/TLS negotiation now.", tag) != GO_ON)
		return IMAP_LOGIN_EOF;
	memset(&o, 0, sizeof(o));
	o.couriertls = l->cfg->couriertls;
	o.user = l->cfg->tls_user != NULL && *l->cfg->tls_user != '\0' ? l->cfg->tls_user : NULL;
	o.client_fd = stream_rfd(l->s);
	o.timeout_secs = STARTTLS_TIMEOUT_DEFAULT;
	if (starttls_start(&o, &rfd, &wfd, &error) < 0) {
		log_conn(LOGL_ERR, "STARTTLS FAILED", "%s", error);
		return IMAP_LOGIN_CLOSE;
	}
	/* anything pipelined in plaintext after STARTTLS is dropped, never run */
	dropped = stream_set_fds(l->s, rfd, wfd);
	if (dropped > 0)
		log_conn(LOGL_WARN, "STARTTLS",
			 "discarded %zu bytes sent before the TLS handshake", dropped);
	l->tls = true;
	l->starttls_done = true;
	l->cfg->tls = true;
	setenv("IMAP_TLS", "1", 1);
	setenv("IMAP_STARTTLS", "NO", 1);
	setenv("IMAP_TLS_REQUIRED", "0", 1);
	return GO_ON;
}

/* After a refused login: Courier's delay, the reply; close after too many. */
static int login_failed(struct imap_login *l, const char *tag)
{
	if (l->cfg->login_delay > 0) {
		struct timespec ts = { (time_t)l->cfg->login_delay, 0 };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	if (send_text(l, "%s NO Login failed.", tag) != GO_ON)
		return IMAP_LOGIN_EOF;
	if (++l->failures >= IMAP_LOGIN_FAILURES_MAX) {
		(void)send_text(l, "* BYE Too many failed logins.");
		return IMAP_LOGIN_CLOSE;
	}
	return GO_ON;
}

static int tempfail(struct imap_login *l)
{
	(void)send_text(l, "* BYE Temporary problem, please try again later");
	return IMAP_LOGIN_CLOSE;
}

static void wipe_args(const struct imap_arg *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].str != NULL)
			secure_zero(a[i].str, a[i].len);
}

static int logged_in(struct imap_login *l, const char *tag)
{
	snprintf(l->tag, sizeof(l->tag), "%s", tag);
	return IMAP_LOGIN_OK;
}

static int cmd_login(struct imap_login *l, const char *tag, const struct imap_arg *a, size_t n)
{
	const char *user, *pass;
	enum auth_result r;
	int ret;

	if (n != 2 || (user = imap_arg_astring(&a[0])) == NULL ||
	    (pass = imap_arg_astring(&a[1])) == NULL)
		return send_text(l, "%s BAD LOGIN needs a user name and a password", tag);
	if (login_disabled(l)) {
		wipe_args(a, n);
		return send_text(l, "%s NO STARTTLS required", tag);
	}
	if (a[0].len == 0 || a[0].len > IMAP_LOGIN_FIELD_MAX || a[1].len > IMAP_LOGIN_FIELD_MAX) {
		wipe_args(a, n);
		return login_failed(l, tag);
	}
	r = auth_login(imap_auth_service(), user, pass, &l->ai);
	secure_zero(a[1].str, a[1].len);
	secure_zero(l->line.data, l->line.len);
	log_set_user(user);
	if (r == AUTH_OK)
		return logged_in(l, tag);
	if (r == AUTH_TEMPFAIL) {
		log_conn(LOGL_ERR, "LOGIN FAILED", "authdaemond unavailable");
		log_set_user(NULL);
		return tempfail(l);
	}
	log_conn(LOGL_INFO, "LOGIN FAILED", NULL);
	log_set_user(NULL);
	ret = login_failed(l, tag);
	wipe_args(a, n);
	return ret;
}

static int cmd_authenticate(struct imap_login *l, const char *tag, const struct imap_arg *a,
			    size_t n)
{
	struct auth_sasl_params p;
	struct buf tmp = BUF_INIT(256), ev = BUF_INIT(256);
	const char *mech, *initial = NULL;
	char *authuser = NULL;
	enum auth_sasl_result r;
	int ret;

	if (n < 1 || n > 2 || a[0].type != IMAP_ARG_ATOM ||
	    (n == 2 && a[1].type != IMAP_ARG_ATOM))
		return send_text(l, "%s BAD AUTHENTICATE needs a mechanism name "
				 "and at most an initial response", tag);
	mech = a[0].str;
	if (n == 2)
		initial = a[1].str;
	if (l->cfg->tls_required && !l->tls)
		return send_text(l, "%s NO STARTTLS required", tag);
	if (!auth_sasl_mech_known(mech))
		return send_text(l, "%s NO [CANNOT] Unsupported authentication mechanism.", tag);
	if (auth_sasl_mech_is_plaintext(mech) && !imap_login_plaintext_ok(l))
		return send_text(l, "%s NO STARTTLS required", tag);
	p.service = imap_auth_service();
	p.prefix = "+ ";
	p.hostname = NULL;
	p.allow_plaintext = imap_login_plaintext_ok(l);
	r = auth_sasl(l->s, &p, mech, initial, &l->ai, &authuser);
	/* the initial response may hold a password (the mechanism stays for the log) */
	if (n == 2)
		wipe_args(&a[1], 1);
	secure_zero(l->line.data, l->line.len);
	switch (r) {
	case AUTH_SASL_OK:
		if (authuser != NULL)
			log_set_user(authuser);
		ret = logged_in(l, tag);
		break;
	case AUTH_SASL_FAIL:
	case AUTH_SASL_BADPROTO:
		/* Courier's form, which fail2ban's courier filters match */
		log_set_user(NULL);
		if (buf_printf(&ev, "LOGIN FAILED, method=%s", log_safe(&tmp, mech, 40)) < 0)
			buf_reset(&ev);
		log_conn(LOGL_INFO, buf_cstr(&ev), NULL);
		ret = login_failed(l, tag);
		break;
	case AUTH_SASL_ABORTED:
		ret = send_text(l, "%s BAD AUTHENTICATE aborted.", tag);
		break;
	case AUTH_SASL_NOMECH:
		ret = send_text(l, "%s NO [CANNOT] Unsupported authentication mechanism.", tag);
		break;
	case AUTH_SASL_TEMPFAIL:
		ret = tempfail(l);
		break;
	case AUTH_SASL_IOERR:
	default:
		ret = errno == ETIMEDOUT ? IMAP_LOGIN_TIMEOUT : IMAP_LOGIN_EOF;
		break;
	}
	if (authuser != NULL) {
		secure_zero(authuser, strlen(authuser));
		free(authuser);
	}
	buf_free(&tmp);
	buf_free(&ev);
	return ret;
}

static const struct login_cmd_def login_cmds[] = {
	{ "CAPABILITY",   cmd_capability },
	{ "NOOP",         cmd_noop },
	{ "LOGOUT",       cmd_logout },
	{ "STARTTLS",     cmd_starttls },
	{ "LOGIN",        cmd_login },
	{ "AUTHENTICATE", cmd_authenticate },
	{ "ID",           cmd_id },
	{ NULL, NULL }
};

static int violation(struct imap_login *l, const char *tag, const char *why)
{
	if (send_text(l, "%s BAD %s", tag, why) != GO_ON)
		return IMAP_LOGIN_EOF;
	if (++l->bad_cmds >= IMAP_BAD_COMMANDS_MAX) {
		(void)send_text(l, "* BYE [ALERT] Fatal error: TOO MANY CONSECUTIVE PROTOCOL VIOLATIONS");
		return IMAP_LOGIN_CLOSE;
	}
	return GO_ON;
}

enum imap_login_end imap_login_run(struct imap_login *l)
{
	struct buf c = BUF_INIT(4096);
	int r;

	stream_set_deadline(l->s, time_mono_ms() + l->cfg->login_deadline * 1000);
	if (capability_text(l, &c) < 0)
		panic("imaplogin: capability list too long");
	r = send_text(l, "* OK [CAPABILITY %s] Courier-IMAP ready. Copyright 1998-2019 Double "
		      "Precision, Inc.  See COPYING for distribution information.", buf_cstr(&c));
	buf_free(&c);
	if (r != GO_ON)
		return IMAP_LOGIN_EOF;
	for (;;) {
		const struct login_cmd_def *d;
		const struct imap_arg *a;
		const char *tag;
		size_t n;

		r = imap_parser_read_command(l->p, l->s, &l->line);
		if (r == 0)
			return IMAP_LOGIN_EOF;
		if (r < 0) {
			if (errno == ETIMEDOUT) {
				(void)send_text(l, "* BYE Login timeout, closing connection.");
				return IMAP_LOGIN_TIMEOUT;
			}
			if (errno == EMSGSIZE || errno == EPROTO) {
				tag = imap_parser_tag(l->p);
				r = violation(l, errno == EMSGSIZE || tag == NULL ? "*" : tag,
					      errno == EMSGSIZE ? "[LIMIT] Command line too long" :
					      imap_parser_error(l->p));
				if (r != GO_ON)
					return (enum imap_login_end)r;
				continue;
			}
			if (errno == E2BIG) {
				(void)send_text(l, "* BYE [LIMIT] Literal too large, closing connection.");
				return IMAP_LOGIN_CLOSE;
			}
			return IMAP_LOGIN_EOF;
		}
		tag = imap_parser_tag(l->p);
		a = imap_parser_args(l->p, &n);
		for (d = login_cmds; d->name != NULL; d++)
			if (strcmp(d->name, imap_parser_name(l->p)) == 0)
				break;
		if (d->name == NULL) {
			r = violation(l, tag, "Unknown command, or not valid before login");
		} else {
			l->bad_cmds = 0;
			r = d->fn(l, tag, a, n);
		}
		imap_parser_reset(l->p);
		if (r != GO_ON)
			return (enum imap_login_end)r;
	}
}
