/*
 * courierauth.c - libcourierauth: one request per connection to authdaemond
 * (authdaemon-protocol.md sections 2-5), reply parsing, option lookup.
 *
 * Trust:   the daemon's reply is parsed defensively (it is a peer process);
 *          user names and passwords come from the network and are checked
 *          for bytes that would change the request framing.
 * Runs as: the login program (root before auth) or lmtpd.
 * Limits:  a reply over AUTH_REPLY_MAX bytes, or the read deadline
 *          (TIMEOUT_READ, default 30 s) passing, is AUTH_TEMPFAIL.
 * Errors:  anything but a well-formed answer is AUTH_TEMPFAIL, as Courier.
 * Tests:   tests/unit/authdaemon/test_client.c, tests/protocol/run-authdaemon
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "courierauth.h"
#include "env.h"
#include "log.h"
#include "sock.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"

static char *socket_override;
static char *socket_path;

void auth_info_init(struct auth_info *ai)
{
	memset(ai, 0, sizeof(*ai));
}

static void free_secret(char **p)
{
	if (*p != NULL) {
		secure_zero(*p, strlen(*p));
		free(*p);
		*p = NULL;
	}
}

void auth_info_free(struct auth_info *ai)
{
	free(ai->username);
	free(ai->home);
	free(ai->address);
	free(ai->name);
	free(ai->maildir);
	free(ai->quota);
	free_secret(&ai->passwd);
	free_secret(&ai->passwd2);
	free(ai->options);
	auth_info_init(ai);
}

void auth_set_socket_path(const char *path)
{
	free(socket_override);
	socket_override = path != NULL ? xstrdup(path) : NULL;
}

const char *auth_socket_path(void)
{
	const char *var;

	if (socket_override != NULL)
		return socket_override;
	var = env_get("AUTHDAEMONVAR");
	free(socket_path);
	socket_path = NULL;
	if (var != NULL && *var != '\0') {
		size_t n = strlen(var) + sizeof("/socket");

		socket_path = xmalloc(n);
		memcpy(socket_path, var, strlen(var));
		memcpy(socket_path + strlen(var), "/socket", sizeof("/socket"));
		return socket_path;
	}
	return AUTHDAEMON_SOCKET_DEFAULT;
}

static int env_seconds(const char *name, int def)
{
	const char *v = env_get(name);
	unsigned int n;

	if (v == NULL || str_to_uint(v, &n) < 0 || n == 0 || n > 3600)
		return def;
	return (int)n;
}

static int write_all(int fd, const char *p, size_t n, int timeout_s)
{
	int64_t deadline = time_mono_ms() + (int64_t)timeout_s * 1000;

	while (n > 0) {
		struct pollfd pfd = { fd, POLLOUT, 0 };
		int left = time_left_ms(deadline);
		ssize_t w;

		if (left == 0 || poll(&pfd, 1, left) <= 0)
			return -1;
		/* send(MSG_NOSIGNAL): a daemon that closed early must not kill
		   the login program with SIGPIPE. */
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Send req, read the whole reply into *reply up to EOF, "\n.\n" at the end
   (or "." alone), "FAIL\n", or a full buffer.  0 = got something, -1 =
   connect/write/read failure or timeout. */
static int talk(const char *req, size_t reqlen, struct buf *reply, bool until_eof, int read_timeout)
{
	int fd, ret = -1;
	int64_t deadline;

	fd = sock_connect_unix(auth_socket_path(),
			       env_seconds("TIMEOUT_SOCK", AUTH_TIMEOUT_CONNECT_DEFAULT) * 1000);
	if (fd < 0) {
		log_msg(LOGL_ERR, "authdaemon: s_connect() failed: %s", strerror(errno));
		if (errno == ENOENT || errno == ECONNREFUSED)
			log_msg(LOGL_ERR, "[Hint: perhaps authdaemond is not running?]");
		return -1;
	}
	if (write_all(fd, req, reqlen, env_seconds("TIMEOUT_WRITE", AUTH_TIMEOUT_WRITE_DEFAULT)) < 0) {
		log_msg(LOGL_ERR, "authdaemon: write to authdaemond failed");
		close(fd);
		return -1;
	}
	deadline = time_mono_ms() + (int64_t)read_timeout * 1000;
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int left = time_left_ms(deadline);
		char *p;
		size_t room;
		ssize_t r;

		if (left == 0) {
			log_msg(LOGL_ERR, "authdaemon: timeout reading from authdaemond");
			break;
		}
		r = poll(&pfd, 1, left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		room = reply->max - reply->len;
		if (room > 4096)
			room = 4096;
		p = room > 0 ? buf_reserve(reply, room) : NULL;
		if (p == NULL) {
			/* Buffer full: stop like Courier does. */
			ret = 0;
			break;
		}
		r = read(fd, p, room);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			break;
		}
		if (r == 0) {
			ret = 0;
			break;
		}
		buf_commit(reply, (size_t)r);
		if (!until_eof &&
		    ((reply->len == 5 && memcmp(reply->data, "FAIL\n", 5) == 0) ||
		     (reply->len >= 2 && memcmp(reply->data + reply->len - 2, ".\n", 2) == 0 &&
		      (reply->len == 2 || reply->data[reply->len - 3] == '\n')))) {
			ret = 0;
			break;
		}
	}
	close(fd);
	return ret;
}

static int set_field(char **dst, const char *v, size_t n)
{
	free(*dst);
	*dst = xstrndup(v, n);
	return 0;
}

enum auth_result auth_parse_reply(const char *reply, size_t n, struct auth_info *ai)
{
	const char *p = reply, *end = reply + n;
	bool done = false, have_gid = false;

	auth_info_init(ai);
	if (n == 5 && memcmp(reply, "FAIL\n", 5) == 0)
		return AUTH_FAIL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eq, *v;
		size_t klen, vlen;

		if (nl == NULL)
			break;          /* partial line: not a complete reply */
		if (nl - p == 1 && *p == '.') {
			done = true;
			break;
		}
		if (nl - p == 4 && memcmp(p, "FAIL", 4) == 0) {
			auth_info_free(ai);
			return AUTH_FAIL;
		}
		eq = memchr(p, '=', (size_t)(nl - p));
		if (eq == NULL || memchr(p, '\0', (size_t)(nl - p)) != NULL) {
			p = nl + 1;
			continue;
		}
		klen = (size_t)(eq - p);
		v = eq + 1;
		vlen = (size_t)(nl - v);
#define KEY(s) (klen == sizeof(s) - 1 && memcmp(p, s, klen) == 0)
		if (KEY("USERNAME")) {
			set_field(&ai->username, v, vlen);
		} else if (KEY("UID") || KEY("GID")) {
			uint64_t num;

			if (mem_to_uint64(v, vlen, &num) < 0 || num > 0x7fffffff) {
				auth_info_free(ai);
				return AUTH_TEMPFAIL;
			}
			if (KEY("UID")) {
				ai->uid = (uid_t)num;
				ai->have_uid = true;
			} else {
				ai->gid = (gid_t)num;
				have_gid = true;
			}
		} else if (KEY("HOME")) {
			set_field(&ai->home, v, vlen);
		} else if (KEY("ADDRESS")) {
			set_field(&ai->address, v, vlen);
		} else if (KEY("NAME")) {
			set_field(&ai->name, v, vlen);
		} else if (KEY("MAILDIR")) {
			set_field(&ai->maildir, v, vlen);
		} else if (KEY("QUOTA")) {
			set_field(&ai->quota, v, vlen);
		} else if (KEY("PASSWD")) {
			free_secret(&ai->passwd);
			set_field(&ai->passwd, v, vlen);
		} else if (KEY("PASSWD2")) {
			free_secret(&ai->passwd2);
			set_field(&ai->passwd2, v, vlen);
		} else if (KEY("OPTIONS")) {
			set_field(&ai->options, v, vlen);
		}
#undef KEY
		p = nl + 1;
	}
	(void)have_gid;
	if (!done || (ai->username == NULL && !ai->have_uid)) {
		auth_info_free(ai);
		return AUTH_TEMPFAIL;
	}
	if (ai->address == NULL)
		ai->address = xstrdup(ai->username != NULL ? ai->username : "");
	return AUTH_OK;
}

static bool has_ctl(const char *s, bool allow_tab)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && !(allow_tab && *s == '\t'))
			return true;
	return false;
}

/* The meta line for TCPREMOTEIP, when set and clean. */
static int add_meta(struct buf *req)
{
	const char *ip = env_get("TCPREMOTEIP");

	if (ip == NULL || *ip == '\0' || has_ctl(ip, false))
		return 0;
	return buf_printf(req, "TCPREMOTEIP=%.39s\n", ip);
}

static enum auth_result request(struct buf *req, struct auth_info *ai)
{
	struct buf reply = BUF_INIT(AUTH_REPLY_MAX);
	enum auth_result r = AUTH_TEMPFAIL;

	auth_info_init(ai);
	if (talk(req->data, req->len, &reply, false,
		 env_seconds("TIMEOUT_READ", AUTH_TIMEOUT_READ_DEFAULT)) == 0)
		r = auth_parse_reply(reply.data != NULL ? reply.data : "", reply.len, ai);
	buf_free_secure(&reply);
	buf_free_secure(req);
	return r;
}

enum auth_result auth_generic(const char *service, const char *authtype,
			      const char *authdata, struct auth_info *ai)
{
	struct buf req = BUF_INIT(AUTH_REQUEST_MAX + 256);
	size_t n;

	auth_info_init(ai);
	if (strchr(service, '\n') != NULL || strchr(authtype, '\n') != NULL ||
	    has_ctl(service, false) || has_ctl(authtype, false))
		return AUTH_FAIL;
	n = strlen(service) + 1 + strlen(authtype) + 1 + strlen(authdata);
	if (n >= AUTH_REQUEST_MAX)
		return AUTH_FAIL;
	if (add_meta(&req) < 0 ||
	    buf_printf(&req, "AUTH %zu\n%s\n%s\n%s", n, service, authtype, authdata) < 0) {
		buf_free_secure(&req);
		return AUTH_FAIL;
	}
	return request(&req, ai);
}

char *auth_apply_defdomain(const char *user)
{
	const char *dom = env_get("DEFDOMAIN"), *sep = env_get("DOMAINSEP");
	size_t ul = strlen(user), dl;
	char *p;

	if (dom == NULL || *dom == '\0' || strchr(user, dom[0]) != NULL ||
	    (sep != NULL && *sep != '\0' && strpbrk(user, sep) != NULL))
		return xstrdup(user);
	dl = strlen(dom);
	p = xmalloc(ul + dl + 1);
	memcpy(p, user, ul);
	memcpy(p + ul, dom, dl + 1);
	return p;
}

enum auth_result auth_login(const char *service, const char *user,
			    const char *password, struct auth_info *ai)
{
	struct buf data = BUF_INIT(AUTH_REQUEST_MAX);
	enum auth_result r;
	char *full;

	auth_info_init(ai);
	if (*user == '\0' || strchr(user, '\n') != NULL || strchr(password, '\n') != NULL)
		return AUTH_FAIL;
	full = auth_apply_defdomain(user);
	r = buf_printf(&data, "%s\n%s\n", full, password) < 0 ? AUTH_FAIL : AUTH_OK;
	free(full);
	if (r != AUTH_OK) {
		buf_free_secure(&data);
		return AUTH_FAIL;
	}
	r = auth_generic(service, "login", data.data, ai);
	buf_free_secure(&data);
	return r;
}

enum auth_result auth_pre_module(const char *module, const char *service,
				 const char *user, struct auth_info *ai)
{
	struct buf req = BUF_INIT(AUTH_REQUEST_MAX);

	auth_info_init(ai);
	if (module == NULL)
		module = ".";
	if (*user == '\0' || has_ctl(user, false) || has_ctl(service, false) ||
	    has_ctl(module, false) || strchr(service, ' ') != NULL || strchr(module, ' ') != NULL ||
	    *module == '\0' || *service == '\0')
		return AUTH_FAIL;
	{
		char *full = auth_apply_defdomain(user);
		int bad = add_meta(&req) < 0 ||
			  buf_printf(&req, "PRE %s %s %s\n", module, service, full) < 0;

		free(full);
		if (bad) {
			buf_free(&req);
			return AUTH_FAIL;
		}
	}
	return request(&req, ai);
}

enum auth_result auth_pre(const char *service, const char *user, struct auth_info *ai)
{
	return auth_pre_module(".", service, user, ai);
}

enum auth_result auth_passwd(const char *service, const char *user,
			     const char *oldpw, const char *newpw)
{
	struct buf req = BUF_INIT(AUTH_REQUEST_MAX);
	struct buf reply = BUF_INIT(AUTH_REPLY_MAX);
	enum auth_result r = AUTH_TEMPFAIL;

	if (has_ctl(service, false) || has_ctl(user, false) || has_ctl(oldpw, false) ||
	    has_ctl(newpw, false) || *user == '\0')
		return AUTH_FAIL;
	if (buf_printf(&req, "PASSWD %s\t%s\t%s\t%s\n", service, user, oldpw, newpw) < 0) {
		buf_free_secure(&req);
		return AUTH_FAIL;
	}
	if (talk(req.data, req.len, &reply, true,
		 env_seconds("TIMEOUT_READ", AUTH_TIMEOUT_READ_DEFAULT)) == 0) {
		if (reply.len == 3 && memcmp(reply.data, "OK\n", 3) == 0)
			r = AUTH_OK;
		else if (reply.len == 5 && memcmp(reply.data, "FAIL\n", 5) == 0)
			r = AUTH_FAIL;
	}
	buf_free_secure(&req);
	buf_free(&reply);
	return r;
}

/* One ENUMERATE line "name\tuid\tgid\thome\tmaildir[\toptions]". */
static int enum_line(char *line, auth_enum_fn *cb, void *ctx)
{
	char *f[6] = { NULL };
	struct auth_enum_entry e;
	int nf = 0;
	char *p = line;

	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
	if (strchr(line, '\t') == NULL)
		return 0;
	p = line;
	while (nf < 6) {
		f[nf++] = p;
		p = strchr(p, '\t');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	if (nf < 4 || str_to_uid(f[1], &e.uid) < 0 || str_to_gid(f[2], &e.gid) < 0 ||
	    e.uid == 0 || e.gid == 0)
		return 0;
	e.name = f[0];
	e.home = f[3];
	e.maildir = nf > 4 ? f[4] : "";
	e.options = nf > 5 ? f[5] : "";
	return cb(&e, ctx);
}

int auth_enumerate(auth_enum_fn *cb, void *ctx)
{
	static const char req[] = "ENUMERATE\n";
	int fd, ret = -1;
	bool ended = false;
	struct buf line = BUF_INIT(65536);
	int timeout_ms = 60 * 1000;

	fd = sock_connect_unix(auth_socket_path(),
			       env_seconds("TIMEOUT_SOCK", AUTH_TIMEOUT_CONNECT_DEFAULT) * 1000);
	if (fd < 0) {
		log_msg(LOGL_ERR, "authdaemon: s_connect() failed: %s", strerror(errno));
		return -1;
	}
	if (write_all(fd, req, sizeof(req) - 1, AUTH_TIMEOUT_WRITE_DEFAULT) < 0)
		goto out;
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		char chunk[4096];
		ssize_t r;
		int pr = poll(&pfd, 1, timeout_ms);

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			goto out;
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			int cr;

			if (chunk[i] != '\n') {
				if (buf_putc(&line, chunk[i]) < 0)
					goto out;
				continue;
			}
			if (ended)
				continue;
			if (strcmp(buf_cstr(&line), ".") == 0) {
				ended = true;
				buf_reset(&line);
				continue;
			}
			if (line.len > 0 && !buf_has_nul(&line)) {
				cr = enum_line(line.data, cb, ctx);
				if (cr != 0) {
					ret = cr;
					goto out;
				}
			}
			buf_reset(&line);
		}
	}
	ret = ended ? 0 : -1;
out:
	close(fd);
	buf_free(&line);
	return ret;
}

/* Find name in options: pointer to the value (after '=') or to "" when the
   option has no value; NULL if absent.  *len_r gets the value length. */
static const char *option_find(const char *options, const char *name, size_t *len_r)
{
	size_t nl = strlen(name);
	const char *p = options;

	if (options == NULL || nl == 0)
		return NULL;
	while (*p != '\0') {
		const char *end = strchr(p, ',');
		size_t itemlen = end != NULL ? (size_t)(end - p) : strlen(p);

		if (itemlen >= nl && memcmp(p, name, nl) == 0 &&
		    (itemlen == nl || p[nl] == '=')) {
			const char *v = itemlen == nl ? p + nl : p + nl + 1;

			*len_r = itemlen == nl ? 0 : itemlen - nl - 1;
			return v;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	return NULL;
}

int auth_option_int(const char *options, const char *name, int def)
{
	size_t len;
	const char *v = option_find(options, name, &len);
	long n = 0;

	if (v == NULL)
		return def;
	if (len > 0 && strchr("tTyY", *v) != NULL)
		return 1;
	for (size_t i = 0; i < len && v[i] >= '0' && v[i] <= '9' && n < 100000000; i++)
		n = n * 10 + (v[i] - '0');
	return (int)n;
}

char *auth_option_str(const char *options, const char *name)
{
	size_t len;
	const char *v = option_find(options, name, &len);

	return v != NULL ? xstrndup(v, len) : NULL;
}
