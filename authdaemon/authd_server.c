/*
 * authd_server.c - authdaemond request dispatch: PRE, AUTH, PASSWD,
 * ENUMERATE through the configured modules, and authdaemonrc loading.
 *
 * Trust:   requests are hostile (framed by auth_proto.c); replies never
 *          carry a value with a newline.
 * Runs as: authdaemond workers (root).
 * Limits:  per-read 10 s, whole request 30 s, AUTHD_REQUEST_ALARM for the
 *          module work; one request per connection.
 * Errors:  a module's temporary failure closes without a reply (Courier).
 * Tests:   tests/unit/authdaemon/test_server.c, tests/protocol/run-authdaemon,
 *          tests/interop/run-authdaemon-golden
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth_pwcheck.h"
#include "auth_sasl.h"
#include "authd_server.h"
#include "auth_util.h"
#include "buf.h"
#include "cfg.h"
#include "env.h"
#include "log.h"
#include "stream.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"

void authd_config_free(struct authd_config *cfg)
{
	free(cfg->modulelist);
	free(cfg->var);
	free(cfg->defaultoptions);
	free(cfg->group);
	memset(cfg, 0, sizeof(*cfg));
}

int authd_config_load(const char *path, struct authd_config *cfg, const char **error_r)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *v;
	char *item;
	size_t pos = 0;
	unsigned int n;

	memset(cfg, 0, sizeof(*cfg));
	if (cfg_parse_file(&vars, CFG_SHELL, path, error_r) < 0)
		return -1;
	v = cfg_vars_get(&vars, "authmodulelist");
	cfg->modulelist = xstrdup(v != NULL ? v : "authuserdb");
	while ((item = cfg_list_next(cfg->modulelist, &pos)) != NULL) {
		const struct authd_module *m = authd_module_find(item);

		if (m == NULL)
			log_msg(LOGL_ERR, "authdaemond: unknown module %s, skipped", item);
		else if (cfg->nmodules < AUTHD_MODULES_MAX)
			cfg->modules[cfg->nmodules++] = m;
		free(item);
	}
	if (cfg->nmodules == 0) {
		/* running with none would refuse every login while looking healthy */
		static char msg[512];

		snprintf(msg, sizeof(msg), "%s: authmodulelist=\"%.200s\" names no module this "
			 "authdaemond has (authuserdb authpam authpwd); not starting",
			 path, cfg->modulelist);
		*error_r = msg;
		free(cfg->modulelist);
		cfg->modulelist = NULL;
		cfg_vars_free(&vars);
		return -1;
	}
	v = cfg_vars_get(&vars, "daemons");
	if (v == NULL || str_to_uint(v, &n) < 0 || n == 0) {
		log_msg(LOGL_ERR, "authdaemond: daemons= missing or invalid in %s, using 1", path);
		n = 1;
	}
	cfg->daemons = n > AUTHD_DAEMONS_MAX ? AUTHD_DAEMONS_MAX : (int)n;
	v = cfg_vars_get(&vars, "DEBUG_LOGIN");
	cfg->debug_login = 0;
	if (v != NULL && str_to_uint(v, &n) == 0)
		cfg->debug_login = n > 2 ? 2 : (int)n;
	v = cfg_vars_get(&vars, "DEFAULTOPTIONS");
	cfg->defaultoptions = xstrdup(v != NULL ? v : "");
	v = cfg_vars_get(&vars, "authdaemongroup");
	cfg->group = v != NULL && *v != '\0' ? xstrdup(v) : NULL;
	v = cfg_vars_get(&vars, "authdaemonvar");
	if (v == NULL || *v == '\0')
		v = env_get("AUTHDAEMONVAR");
	if (v != NULL && *v != '\0') {
		cfg->var = xstrdup(v);
	} else {
		char *d = xstrdup(AUTHDAEMON_SOCKET_DEFAULT);

		cfg->var = xstrdup(dirname(d));
		free(d);
	}
	cfg_vars_free(&vars);
	return 0;
}

static void log_failed(const char *what, const char *user)
{
	struct buf t1 = BUF_INIT(1024), t2 = BUF_INIT(256);

	log_msg(LOGL_ERR, "%s, user=%s, ip=[%s]", what, log_safe(&t1, user, 200),
		log_safe(&t2, authd_settings.remoteip != NULL ? authd_settings.remoteip : "", 64));
	buf_free(&t1);
	buf_free(&t2);
}

/* Run every module (or the named one) until one answers. */
static int run_modules(const struct authd_config *cfg, const char *only, struct buf *out,
		       int (*call)(const struct authd_module *m, void *ctx,
				   struct authd_account *a),
		       void *ctx, bool *answered_r)
{
	*answered_r = false;
	for (size_t i = 0; i < cfg->nmodules; i++) {
		const struct authd_module *m = cfg->modules[i];
		struct authd_account a;
		int r;

		if (only != NULL && strcmp(only, ".") != 0 && strcmp(only, m->name) != 0)
			continue;
		memset(&a, 0, sizeof(a));
		r = call(m, ctx, &a);
		if (r == AUTHD_REJECT) {
			authd_debug("%s: REJECT - try next module", m->name);
			continue;
		}
		if (r > 0) {
			authd_debug("%s: TEMPFAIL - no more modules will be tried", m->name);
			authd_account_free(&a);
			return -1;
		}
		r = authd_format_account(out, &a, cfg->defaultoptions);
		if (r < 0) {
			log_msg(LOGL_ERR, "authdaemond: %s returned a value with a newline; refused",
				m->name);
			authd_account_free(&a);
			return -1;
		}
		*answered_r = true;
		authd_debug("%s: ACCEPT, address %s", m->name, a.address != NULL ? a.address : "<null>");
		authd_account_free(&a);
		return 0;
	}
	return 0;
}

struct pre_ctx { const char *service, *user; };

static int call_pre(const struct authd_module *m, void *vctx, struct authd_account *a)
{
	struct pre_ctx *pc = vctx;

	return m->pre(pc->service, pc->user, a);
}

struct login_ctx { const char *service, *user, *pass; };

static int call_login(const struct authd_module *m, void *vctx, struct authd_account *a)
{
	struct login_ctx *lc = vctx;

	return m->login(lc->service, lc->user, lc->pass, a);
}

struct cram_ctx {
	const char *service;
	enum auth_hash_alg alg;
	const char *chal;
	size_t chlen;
	const char *user, *digest;
};

static int call_cram(const struct authd_module *m, void *vctx, struct authd_account *a)
{
	struct cram_ctx *cc = vctx;

	if (m->cram == NULL) {
		authd_debug("%s: cannot do cram", m->name);
		return AUTHD_REJECT;
	}
	return m->cram(cc->service, cc->alg, cc->chal, cc->chlen, cc->user, cc->digest, a);
}

static int handle_auth(const struct authd_config *cfg, const struct authd_request *req,
		       struct buf *out)
{
	enum auth_hash_alg alg;
	bool answered = false;
	char *user = NULL;
	int r = 0;

	authd_debug("received auth request, service=%s, authtype=%s", req->service, req->authtype);
	if (strcmp(req->authtype, "login") == 0) {
		const char *d = req->authdata, *nl = strchr(d, '\n');
		char *pass;
		struct login_ctx lc;

		if (nl == NULL || nl == d) {
			authd_debug("authdaemond: malformed login authdata");
			return buf_append_str(out, "FAIL\n") < 0 ? -1 : 0;
		}
		user = xstrndup(d, (size_t)(nl - d));
		{
			const char *p = nl + 1, *e = strchr(p, '\n');

			pass = e != NULL ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		}
		authd_debug("authdaemond: username=%s, password=%s", user, authd_debug_secret(pass));
		lc.service = req->service;
		lc.user = user;
		lc.pass = pass;
		r = run_modules(cfg, NULL, out, call_login, &lc, &answered);
		secure_zero(pass, strlen(pass));
		free(pass);
	} else if (auth_cram_alg(req->authtype, &alg) == 0) {
		const char *d = req->authdata, *nl = strchr(d, '\n'), *nl2;
		struct buf chal = BUF_INIT(AUTHD_PAYLOAD_MAX), resp = BUF_INIT(AUTHD_PAYLOAD_MAX);
		struct cram_ctx cc;
		const char *sp;

		nl2 = nl != NULL ? strchr(nl + 1, '\n') : NULL;
		if (nl == NULL ||
		    auth_base64_decode(d, (size_t)(nl - d), &chal) < 0 ||
		    auth_base64_decode(nl + 1, nl2 != NULL ? (size_t)(nl2 - nl - 1) : strlen(nl + 1),
				       &resp) < 0 ||
		    buf_has_nul(&resp) || resp.len == 0 ||
		    (sp = memrchr(resp.data, ' ', resp.len)) == NULL || sp == resp.data) {
			authd_debug("authdaemond: malformed cram authdata");
			buf_free(&chal);
			buf_free(&resp);
			return buf_append_str(out, "FAIL\n") < 0 ? -1 : 0;
		}
		user = xstrndup(resp.data, (size_t)(sp - resp.data));
		cc.service = req->service;
		cc.alg = alg;
		cc.chal = chal.data;
		cc.chlen = chal.len;
		cc.user = user;
		cc.digest = sp + 1;
		authd_debug("authdaemond: cram username=%s", user);
		r = run_modules(cfg, NULL, out, call_cram, &cc, &answered);
		buf_free(&chal);
		buf_free(&resp);
	} else {
		authd_debug("authdaemond: unsupported authtype %s", req->authtype);
	}
	if (r == 0 && !answered) {
		log_failed("LOGIN FAILED", user != NULL ? user : "");
		r = buf_append_str(out, "FAIL\n") < 0 ? -1 : 0;
	}
	free(user);
	return r;
}

static int handle_passwd(const struct authd_config *cfg, const struct authd_request *req,
			 struct buf *out)
{
	authd_debug("received password change request, service=%s, username=%s, oldpwd=%s, newpwd=%s",
		    req->service, req->user, authd_debug_secret(req->oldpw),
		    authd_debug_secret(req->newpw));
	for (size_t i = 0; i < cfg->nmodules; i++) {
		const struct authd_module *m = cfg->modules[i];
		int r;

		if (m->passwd == NULL)
			continue;
		r = m->passwd(req->service, req->user, req->oldpw, req->newpw);
		if (r == AUTHD_OK) {
			log_msg(LOGL_INFO, "%s: password changed for %s", m->name, req->user);
			return buf_append_str(out, "OK\n") < 0 ? -1 : 0;
		}
		if (r > 0)
			break;
	}
	log_failed("PASSWORD CHANGE FAILED", req->user);
	return buf_append_str(out, "FAIL\n") < 0 ? -1 : 0;
}

struct enum_out { struct buf *out; const char *defopts; };

static void enum_cb(const char *name, uid_t uid, gid_t gid, const char *home,
		    const char *maildir, const char *options, void *vctx)
{
	struct enum_out *eo = vctx;
	char *opts = authd_merge_options(options, eo->defopts);
	const char *o = opts != NULL ? opts : "";

	if (strpbrk(name, "\t\n") == NULL && strpbrk(home, "\t\n") == NULL &&
	    strpbrk(maildir, "\t\n") == NULL && strpbrk(o, "\t\n") == NULL)
		buf_ignore(buf_printf(eo->out, "%s\t%lu\t%lu\t%s\t%s\t%s\n", name, (unsigned long)uid,
				 (unsigned long)gid, home, maildir, o));
	free(opts);
}

/* 0 = complete list with ".", -1 = cut short (no final "."). */
static int handle_enumerate(const struct authd_config *cfg, struct buf *out)
{
	struct enum_out eo = { out, cfg->defaultoptions };

	for (size_t i = 0; i < cfg->nmodules; i++) {
		const struct authd_module *m = cfg->modules[i];

		if (m->enumerate == NULL)
			continue;
		buf_ignore(buf_printf(out, "# %s\n\n", m->name));
		if (m->enumerate(enum_cb, &eo) < 0)
			return 1;
	}
	return buf_append_str(out, ".\n") < 0 ? -1 : 0;
}

int authd_handle(const struct authd_config *cfg, const struct authd_request *req,
		 struct buf *out)
{
	bool answered = false;
	int r;

	authd_settings.debug_login = cfg->debug_login;
	authd_settings.remoteip = req->remoteip;
	switch (req->type) {
	case AUTHD_REQ_PRE: {
		struct pre_ctx pc = { req->service, req->user };

		authd_debug("received userid lookup request: %s", req->user);
		r = run_modules(cfg, req->module, out, call_pre, &pc, &answered);
		if (r == 0 && !answered) {
			authd_debug("authdaemond: no module found the account");
			r = buf_append_str(out, "FAIL\n") < 0 ? -1 : 0;
		}
		return r;
	}
	case AUTHD_REQ_AUTH:
		return handle_auth(cfg, req, out);
	case AUTHD_REQ_PASSWD:
		return handle_passwd(cfg, req, out);
	case AUTHD_REQ_ENUMERATE:
		/* An aborted list is sent as far as it got, without ".". */
		return handle_enumerate(cfg, out) < 0 ? -1 : 0;
	}
	return -1;
}

void authd_serve_connection(const struct authd_config *cfg, int fd)
{
	struct stream_limits lim = { AUTHD_LINE_MAX, STREAM_OUT_MAX_DEFAULT,
				     AUTHD_READ_TIMEOUT, AUTHD_WRITE_TIMEOUT };
	struct stream *s = stream_new(fd, fd, &lim);
	struct authd_request req;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why = NULL;
	int r;

	stream_set_deadline(s, time_mono_ms() + AUTHD_REQUEST_DEADLINE_MS);
	authd_settings.debug_login = cfg->debug_login;
	r = authd_read_request(s, &req, &why);
	if (r < 0) {
		authd_debug("authdaemond: dropping connection: %s", why);
	} else if (r > 0) {
		(void)stream_write(s, "FAIL\n", 5);
	} else {
		if (authd_handle(cfg, &req, &out) == 0 && out.len > 0)
			(void)stream_write(s, out.data, out.len);
		authd_request_free(&req);
	}
	(void)stream_flush(s);
	stream_free(&s);
	buf_free_secure(&out);
	authd_settings.remoteip = NULL;
	close(fd);
}
