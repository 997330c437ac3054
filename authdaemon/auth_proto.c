/*
 * auth_proto.c - authdaemond request framing and reply formatting.
 *
 * Trust:   everything read from the socket is hostile: line length,
 *          payload count, field separators and control bytes are checked.
 * Runs as: authdaemond workers (root).
 * Limits:  AUTHD_LINE_MAX per line, AUTHD_PAYLOAD_MAX payload,
 *          AUTHD_META_LINES_MAX meta lines, per-read and whole-request
 *          timeouts.
 * Tests:   tests/unit/authdaemon/test_proto.c, tests/fuzz/fuzz_authd_request.c,
 *          tests/protocol/run-authdaemon
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "auth_proto.h"
#include "auth_util.h"
#include "buf.h"
#include "stream.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"

static void free_secret(char **p)
{
	if (*p != NULL) {
		secure_zero(*p, strlen(*p));
		free(*p);
		*p = NULL;
	}
}

void authd_request_free(struct authd_request *req)
{
	free(req->remoteip);
	free(req->module);
	free(req->service);
	free(req->user);
	free(req->authtype);
	free_secret(&req->authdata);
	free_secret(&req->oldpw);
	free_secret(&req->newpw);
	memset(req, 0, sizeof(*req));
}

void authd_account_free(struct authd_account *a)
{
	free(a->sysusername);
	free(a->home);
	free(a->address);
	free(a->fullname);
	free(a->maildir);
	free(a->quota);
	free_secret(&a->passwd);
	free_secret(&a->clearpasswd);
	free(a->options);
	memset(a, 0, sizeof(*a));
}

/* Split "PASSWD service\tuser\told\tnew": 0; 1 (answer FAIL) for a control
   byte or an empty service/user; -1 (close, as Courier) for the wrong
   number of fields. */
static int parse_passwd(const char *args, struct authd_request *req)
{
	const char *f[4];
	size_t len[4];
	const char *p = args;

	for (const char *q = args; *q != '\0'; q++)
		if ((unsigned char)*q < 0x20 && *q != '\t')
			return 1;
	for (int i = 0; i < 4; i++) {
		const char *tab = strchr(p, '\t');

		f[i] = p;
		if (i < 3) {
			if (tab == NULL)
				return -1;
			len[i] = (size_t)(tab - p);
			p = tab + 1;
		} else {
			if (tab != NULL)
				return -1;
			len[i] = strlen(p);
		}
	}
	if (len[0] == 0 || len[1] == 0)
		return 1;
	req->service = xstrndup(f[0], len[0]);
	req->user = xstrndup(f[1], len[1]);
	req->oldpw = xstrndup(f[2], len[2]);
	req->newpw = xstrndup(f[3], len[3]);
	return 0;
}

/* The AUTH payload "service\nauthtype\nauthdata". */
static int parse_auth_payload(const char *pl, size_t n, struct authd_request *req)
{
	const char *nl1 = memchr(pl, '\n', n), *nl2;

	if (nl1 == NULL || memchr(pl, '\0', n) != NULL)
		return -1;
	nl2 = memchr(nl1 + 1, '\n', n - (size_t)(nl1 + 1 - pl));
	if (nl2 == NULL)
		return -1;
	req->service = xstrndup(pl, (size_t)(nl1 - pl));
	req->authtype = xstrndup(nl1 + 1, (size_t)(nl2 - nl1 - 1));
	req->authdata = xstrndup(nl2 + 1, n - (size_t)(nl2 + 1 - pl));
	return 0;
}

/* Line source abstraction: a stream, or memory. */
struct src {
	struct stream *s;
	const char *p;
	size_t n, off;
};

/* 1 line, 0 EOF, -1 error/over-long. */
static int src_line(struct src *in, struct buf *line)
{
	if (in->s != NULL) {
		int r = stream_read_line(in->s, line);

		return r;
	}
	if (in->off >= in->n)
		return 0;
	{
		const char *st = in->p + in->off;
		const char *nl = memchr(st, '\n', in->n - in->off);
		size_t len;

		if (nl == NULL)
			return 0;      /* partial line at EOF */
		len = (size_t)(nl - st);
		in->off += len + 1;
		if (len > 0 && st[len - 1] == '\r')
			len--;
		if (len > AUTHD_LINE_MAX) {
			errno = EMSGSIZE;
			return -1;
		}
		buf_reset(line);
		return buf_append(line, st, len) < 0 ? -1 : 1;
	}
}

static int src_exact(struct src *in, struct buf *dst, size_t n)
{
	if (in->s != NULL)
		return stream_read_exact(in->s, dst, n);
	if (in->n - in->off < n)
		return 0;
	if (buf_append(dst, in->p + in->off, n) < 0)
		return -1;
	in->off += n;
	return 1;
}

static int parse(struct src *in, struct authd_request *req, const char **why_r)
{
	struct buf line = BUF_INIT(AUTHD_LINE_MAX + 1);
	const char *cmd, *args = "";
	size_t cmdlen;
	int r, metas = 0, ret = -1;

	memset(req, 0, sizeof(*req));
	for (;;) {
		const char *sp, *eq;

		r = src_line(in, &line);
		if (r <= 0) {
			*why_r = r == 0 ? "EOF before the command" :
				 errno == ETIMEDOUT ? "timeout" : "line too long or read error";
			goto out;
		}
		if (buf_has_nul(&line)) {
			*why_r = "NUL byte in request";
			goto out;
		}
		sp = memchr(line.data, ' ', line.len);
		eq = memchr(line.data, '=', line.len);
		if (eq != NULL && (sp == NULL || eq < sp)) {
			if (++metas > AUTHD_META_LINES_MAX) {
				*why_r = "too many meta lines";
				goto out;
			}
			if ((size_t)(eq - line.data) == 11 && memcmp(line.data, "TCPREMOTEIP", 11) == 0) {
				const char *v = eq + 1;
				size_t vl = line.len - 12;

				free(req->remoteip);
				req->remoteip = xstrndup(v, vl > AUTHD_REMOTEIP_MAX ? AUTHD_REMOTEIP_MAX : vl);
				for (char *c = req->remoteip; *c != '\0'; c++)
					if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
						*c = '?';
			}
			continue;
		}
		break;
	}
	cmd = line.data;
	{
		const char *sp = memchr(line.data, ' ', line.len);

		cmdlen = sp != NULL ? (size_t)(sp - line.data) : line.len;
		if (sp != NULL) {
			args = sp;
			while (*args == ' ')
				args++;
		}
	}
#define CMD(s) (cmdlen == sizeof(s) - 1 && memcmp(cmd, s, cmdlen) == 0)
	if (CMD("PRE")) {
		const char *s1 = strchr(args, ' '), *s2;

		if (s1 == NULL) {
			*why_r = "PRE without service";
			goto out;
		}
		s2 = s1;
		while (*s2 == ' ')
			s2++;
		s2 = strchr(s2, ' ');
		if (s2 == NULL) {
			*why_r = "PRE without user";
			goto out;
		}
		req->type = AUTHD_REQ_PRE;
		req->module = xstrndup(args, (size_t)(s1 - args));
		while (*s1 == ' ')
			s1++;
		req->service = xstrndup(s1, (size_t)(s2 - s1));
		while (*s2 == ' ')
			s2++;
		req->user = xstrdup(s2);
		for (const char *c = req->user; *c != '\0'; c++) {
			if ((unsigned char)*c < 0x20) {
				*why_r = "control byte in user name";
				goto out;
			}
		}
		if (req->user[0] == '\0' || req->module[0] == '\0') {
			*why_r = "empty user or module";
			goto out;
		}
		ret = 0;
	} else if (CMD("AUTH")) {
		struct buf pl = BUF_INIT(AUTHD_PAYLOAD_MAX);
		size_t n;

		req->type = AUTHD_REQ_AUTH;
		if (str_to_size(args, &n) < 0 || n >= AUTHD_PAYLOAD_MAX + 1 || n == 0) {
			*why_r = "bad AUTH byte count";
			goto out;
		}
		r = src_exact(in, &pl, n);
		if (r <= 0) {
			*why_r = r == 0 ? "EOF inside the AUTH payload" : "timeout in the AUTH payload";
			buf_free_secure(&pl);
			goto out;
		}
		if (parse_auth_payload(pl.data, pl.len, req) < 0) {
			*why_r = "malformed AUTH payload";
			buf_free_secure(&pl);
			goto out;
		}
		buf_free_secure(&pl);
		ret = 0;
	} else if (CMD("PASSWD")) {
		req->type = AUTHD_REQ_PASSWD;
		ret = parse_passwd(args, req);
		if (ret != 0)
			*why_r = "malformed PASSWD request";
	} else if (CMD("ENUMERATE")) {
		req->type = AUTHD_REQ_ENUMERATE;
		ret = 0;
	} else {
		*why_r = "unknown command";
	}
#undef CMD
out:
	buf_free_secure(&line);
	if (ret != 0)
		authd_request_free(req);
	return ret;
}

int authd_read_request(struct stream *s, struct authd_request *req, const char **why_r)
{
	struct src in = { s, NULL, 0, 0 };

	return parse(&in, req, why_r);
}

int authd_parse_request(const void *data, size_t n, struct authd_request *req,
			const char **why_r)
{
	struct src in = { NULL, data, n, 0 };

	return parse(&in, req, why_r);
}

/* Length of the keyword of an option item (up to '=' or the end). */
static size_t kwlen(const char *item, size_t n)
{
	const char *eq = memchr(item, '=', n);

	return eq != NULL ? (size_t)(eq - item) : n;
}

static bool has_keyword(const char *opts, const char *kw, size_t kl)
{
	const char *p = opts;

	while (p != NULL && *p != '\0') {
		const char *c = strchr(p, ',');
		size_t n = c != NULL ? (size_t)(c - p) : strlen(p);

		if (kwlen(p, n) == kl && memcmp(p, kw, kl) == 0)
			return true;
		p = c != NULL ? c + 1 : NULL;
	}
	return false;
}

char *authd_merge_options(const char *options, const char *defaultoptions)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *p = defaultoptions;
	char *res;

	if (options != NULL && options[0] != '\0')
		buf_ignore(buf_append_str(&out, options));
	while (p != NULL && *p != '\0') {
		const char *c = strchr(p, ',');
		size_t n = c != NULL ? (size_t)(c - p) : strlen(p);

		if (n > 0 && !has_keyword(options, p, kwlen(p, n))) {
			if (out.len > 0)
				buf_ignore(buf_putc(&out, ','));
			buf_ignore(buf_append(&out, p, n));
		}
		p = c != NULL ? c + 1 : NULL;
	}
	res = out.len > 0 ? xstrdup(out.data) : NULL;
	buf_free(&out);
	return res;
}

static int kv(struct buf *out, const char *k, const char *v)
{
	if (v == NULL)
		return 0;
	if (strchr(v, '\n') != NULL)
		return -1;
	return buf_printf(out, "%s=%s\n", k, v);
}

int authd_format_account(struct buf *out, const struct authd_account *a,
			 const char *defaultoptions)
{
	size_t start = out->len;
	char *opts = authd_merge_options(a->options, defaultoptions);
	char *name = NULL;
	int r = 0;

	if (a->fullname != NULL) {
		const char *comma = strchr(a->fullname, ',');

		name = comma != NULL ? xstrndup(a->fullname, (size_t)(comma - a->fullname))
				     : xstrdup(a->fullname);
	}
	r |= kv(out, "USERNAME", a->sysusername);
	if (a->have_uid)
		r |= buf_printf(out, "UID=%lu\n", (unsigned long)a->uid);
	r |= buf_printf(out, "GID=%lu\n", (unsigned long)a->gid);
	r |= kv(out, "HOME", a->home != NULL ? a->home : "");
	r |= kv(out, "ADDRESS", a->address);
	r |= kv(out, "NAME", name);
	r |= kv(out, "MAILDIR", a->maildir);
	r |= kv(out, "QUOTA", a->quota);
	r |= kv(out, "PASSWD", a->passwd);
	r |= kv(out, "PASSWD2", a->clearpasswd);
	r |= kv(out, "OPTIONS", opts);
	r |= buf_append(out, ".\n", 2);
	free(opts);
	free(name);
	if (r != 0) {
		buf_truncate(out, start);
		return -1;
	}
	return 0;
}
