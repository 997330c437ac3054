#include "config.h"
/*
 * tcpd_child.c - the forked child of couriertcpd: environment, lookups, exec.
 *
 * Trust:   the client's address is what accept() said; DNS names and ident
 *          replies are hostile (checked, cut, forward-confirmed).
 * Runs as: couriertcpd's user (root for imaplogin), one process per connection,
 *          so a slow lookup only ever delays its own connection.
 * Limits:  DNS TCPD_DNS_TIMEOUT_MS (done in a grandchild that is killed when
 *          late), ident TCPD_IDENT_TIMEOUT_MS and TCPD_IDENT_LINE_MAX bytes.
 * Errors:  a failed lookup leaves its variable unset ("softdnserr" for a
 *          temporary DNS failure, as Courier); a failed exec exits 1.
 * Tests:   tests/protocol/run-couriertcpd (environment, lookups off/on),
 *          tests/unit/couriertcpd/test_child.c (ident and host name checks)
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "env.h"
#include "log.h"
#include "strnum.h"
#include "tcpd_child.h"
#include "timeutil.h"
#include "xmalloc.h"

bool tcpd_hostname_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > TCPD_HOSTNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A decimal number at *sp followed by optional white space. */
static int ident_num(const char **sp, unsigned *v_r)
{
	const char *s = skip_ws(*sp);
	uint64_t v;
	const char *end;

	if (str_to_uint64_prefix(s, &v, &end) < 0 || v > 65535)
		return -1;
	*v_r = (unsigned)v;
	*sp = skip_ws(end);
	return 0;
}

int tcpd_ident_parse(const char *line, unsigned rport, unsigned lport, char out[513])
{
	const char *s = line, *colon;
	unsigned a, b;
	size_t n = 0;

	if (ident_num(&s, &a) < 0 || *s != ',')
		return -1;
	s++;
	if (ident_num(&s, &b) < 0 || *s != ':' || a != rport || b != lport)
		return -1;
	s = skip_ws(s + 1);
	if (strncmp(s, "USERID", 6) != 0)
		return -1;
	s = skip_ws(s + 6);
	if (*s != ':')
		return -1;
	colon = strchr(s + 1, ':');     /* after the operating system field */
	if (colon == NULL)
		return -1;
	s = skip_ws(colon + 1);
	while (*s != '\0' && *s != '\r' && *s != '\n' && n < 512) {
		unsigned char c = (unsigned char)*s++;

		out[n++] = c > 0x20 && c < 0x7f ? (char)c : '_';
	}
	while (n > 0 && out[n - 1] == '_' && (s[-1] == ' ' || s[-1] == '\t'))
		n--;
	if (n == 0)
		return -1;
	out[n] = '\0';
	return 0;
}

/* Reverse lookup of sa, forward-confirmed.  0 with the name, 1 = no name,
   2 = temporary failure. */
static int dns_confirmed_name(const struct sockaddr_storage *ss, char name[NI_MAXHOST])
{
	socklen_t len = ss->ss_family == AF_INET ? sizeof(struct sockaddr_in)
						 : sizeof(struct sockaddr_in6);
	struct addrinfo hints, *res, *ai;
	unsigned char want[16];
	size_t wantlen;
	int rc, found = 0;

	rc = getnameinfo((const struct sockaddr *)ss, len, name, NI_MAXHOST, NULL, 0, NI_NAMEREQD);
	if (rc == EAI_AGAIN)
		return 2;
	if (rc != 0 || !tcpd_hostname_ok(name))
		return 1;
	if (ss->ss_family == AF_INET) {
		memcpy(want, &((const struct sockaddr_in *)(const void *)ss)->sin_addr, 4);
		wantlen = 4;
	} else {
		const unsigned char *b = (const unsigned char *)
			&((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr;
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(b, mapped, 12) == 0) {
			memcpy(want, b + 12, 4);
			wantlen = 4;
		} else {
			memcpy(want, b, 16);
			wantlen = 16;
		}
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = wantlen == 4 ? AF_INET : AF_INET6;
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(name, NULL, &hints, &res);
	if (rc == EAI_AGAIN)
		return 2;
	if (rc != 0)
		return 1;
	for (ai = res; ai != NULL && !found; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET && wantlen == 4)
			found = memcmp(&((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr,
				       want, 4) == 0;
		else if (ai->ai_family == AF_INET6 && wantlen == 16)
			found = memcmp(&((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr,
				       want, 16) == 0;
	}
	freeaddrinfo(res);
	return found ? 0 : 1;
}

/* Run both lookups in a grandchild that reports "R<rc> name\nL<rc> name\n";
   kill it at the deadline. */
static void dns_lookups(const struct tcpd_conn *c)
{
	int p[2];
	pid_t pid;
	char rbuf[2 * (NI_MAXHOST + 8)];
	size_t got = 0;
	int64_t deadline = time_mono_ms() + TCPD_DNS_TIMEOUT_MS;
	bool done = false;

	if (pipe(p) < 0)
		return;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		char name[NI_MAXHOST];
		struct buf out = BUF_INIT(sizeof(rbuf));
		int rc;

		close(p[0]);
		rc = dns_confirmed_name(&c->remote, name);
		if (buf_printf(&out, "R%d %s\n", rc, rc == 0 ? name : "") < 0)
			_exit(1);
		rc = dns_confirmed_name(&c->local, name);
		if (buf_printf(&out, "L%d %s\n", rc, rc == 0 ? name : "") < 0)
			_exit(1);
		if (write(p[1], out.data, out.len) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	while (!done && got < sizeof(rbuf) - 1) {
		struct pollfd pfd = { p[0], POLLIN, 0 };
		int left = time_left_ms(deadline);
		ssize_t r;

		if (left <= 0 || poll(&pfd, 1, left) <= 0) {
			if (errno == EINTR && left > 0)
				continue;
			break;
		}
		r = read(p[0], rbuf + got, sizeof(rbuf) - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			done = true;
		else
			got += (size_t)r;
	}
	close(p[0]);
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	rbuf[got] = '\0';
	{
		char *line = rbuf, *nl;
		bool saw_r = false;

		while ((nl = strchr(line, '\n')) != NULL) {
			const char *var;

			*nl = '\0';
			var = line[0] == 'R' ? "TCPREMOTEHOST" : line[0] == 'L' ? "TCPLOCALHOST" : NULL;
			if (var != NULL && line[1] != '\0') {
				if (line[0] == 'R')
					saw_r = true;
				if (line[1] == '0' && tcpd_hostname_ok(line + 3))
					setenv(var, line + 3, 1);
				else if (line[1] == '2')
					setenv(var, "softdnserr", 1);
			}
			line = nl + 1;
		}
		if (!saw_r)    /* the lookups did not finish in time */
			setenv("TCPREMOTEHOST", "softdnserr", 1);
	}
}

static void ident_lookup(const struct tcpd_conn *c)
{
	struct sockaddr_storage local = c->local, remote = c->remote;
	socklen_t len = remote.ss_family == AF_INET ? sizeof(struct sockaddr_in)
						    : sizeof(struct sockaddr_in6);
	int64_t deadline = time_mono_ms() + TCPD_IDENT_TIMEOUT_MS;
	char line[TCPD_IDENT_LINE_MAX + 1], user[513];
	size_t got = 0;
	int fd;
	struct pollfd pfd;
	char q[32];
	int qn;

	if (remote.ss_family == AF_INET) {
		((struct sockaddr_in *)(void *)&remote)->sin_port = htons(113);
		((struct sockaddr_in *)(void *)&local)->sin_port = 0;
	} else {
		((struct sockaddr_in6 *)(void *)&remote)->sin6_port = htons(113);
		((struct sockaddr_in6 *)(void *)&local)->sin6_port = 0;
	}
	fd = socket(remote.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (bind(fd, (struct sockaddr *)&local, len) < 0 ||
	    (connect(fd, (struct sockaddr *)&remote, len) < 0 && errno != EINPROGRESS))
		goto out;
	pfd.fd = fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, time_left_ms(deadline)) <= 0)
		goto out;
	{
		int err = 0;
		socklen_t el = sizeof(err);

		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err != 0)
			goto out;
	}
	qn = snprintf(q, sizeof(q), "%u , %u\r\n", c->remote_port, c->local_port);
	if (write(fd, q, (size_t)qn) != qn)
		goto out;
	while (got < TCPD_IDENT_LINE_MAX && memchr(line, '\n', got) == NULL) {
		ssize_t r;

		pfd.events = POLLIN;
		if (poll(&pfd, 1, time_left_ms(deadline)) <= 0)
			goto out;
		r = read(fd, line + got, TCPD_IDENT_LINE_MAX - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	line[got] = '\0';
	if (memchr(line, '\0', got) == NULL && tcpd_ident_parse(line, c->remote_port,
								 c->local_port, user) == 0)
		setenv("TCPREMOTEINFO", user, 1);
out:
	close(fd);
}

/* "NAME=..." has this name (name_len bytes)? */
static bool env_is(const char *entry, const char *name, size_t name_len)
{
	return strncmp(entry, name, name_len) == 0 && entry[name_len] == '=';
}

/* One of the variables couriertcpd itself sets ("NAME=..." entry)? */
static bool env_is_tcp(const char *entry)
{
	static const char *const ours[] = { "TCPREMOTEIP", "TCPREMOTEPORT", "TCPLOCALIP",
					    "TCPLOCALPORT", "TCPREMOTEHOST", "TCPLOCALHOST",
					    "TCPREMOTEINFO" };

	for (size_t i = 0; i < N_ELEMENTS(ours); i++)
		if (env_is(entry, ours[i], strlen(ours[i])))
			return true;
	return false;
}

static void set_num(const char *name, unsigned v)
{
	char tmp[16];

	snprintf(tmp, sizeof(tmp), "%u", v);
	setenv(name, tmp, 1);
}

static void apply_rule(const struct tcpd_access_rule *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nvars; i++) {
		char *eq = strchr(r->vars[i], '=');

		if (eq == NULL || env_is_tcp(r->vars[i]))
			continue;
		*eq = '\0';
		setenv(r->vars[i], eq + 1, 1);
		*eq = '=';
	}
}

bool tcpd_child_can_spawn(const struct tcpd_opts *o)
{
	return o->nodnslookup && o->noidentlookup && o->drop == NULL &&
	       o->stderr_mode != TCPD_STDERR_FILE;
}

static bool env_replaced(const char *entry, const struct tcpd_access_rule *const *rules)
{
	if (env_is_tcp(entry))
		return true;
	for (size_t r = 0; r < 2; r++) {
		if (rules[r] == NULL)
			continue;
		for (size_t i = 0; i < rules[r]->nvars; i++) {
			const char *eq = strchr(rules[r]->vars[i], '=');

			if (eq != NULL && env_is(entry, rules[r]->vars[i],
						 (size_t)(eq - rules[r]->vars[i])))
				return true;
		}
	}
	return false;
}

pid_t tcpd_child_spawn(const struct tcpd_opts *o, const struct tcpd_conn *c, int stderr_fd)
{
	extern char **environ;
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGALRM };
	const struct tcpd_access_rule *rules[2] = { c->local_rule, c->rule };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t defs, none;
	char **envp, nums[4][SOCK_ADDR_MAX + 16];
	size_t n = 0, cap = 8;
	pid_t pid = -1;
	int rc;

	for (char **e = environ; *e != NULL; e++)
		cap++;
	for (size_t r = 0; r < 2; r++)
		if (rules[r] != NULL)
			cap += rules[r]->nvars;
	envp = xcalloc(cap, sizeof(*envp));
	for (char **e = environ; *e != NULL; e++)
		if (!env_replaced(*e, rules))
			envp[n++] = *e;
	snprintf(nums[0], sizeof(nums[0]), "TCPREMOTEIP=%s", c->remote_ip);
	snprintf(nums[1], sizeof(nums[1]), "TCPREMOTEPORT=%u", c->remote_port);
	snprintf(nums[2], sizeof(nums[2]), "TCPLOCALIP=%s", c->local_ip);
	snprintf(nums[3], sizeof(nums[3]), "TCPLOCALPORT=%u", c->local_port);
	for (size_t i = 0; i < 4; i++)
		envp[n++] = nums[i];
	/* Each name appears once (getenv takes the first): a name in both rules
	   comes from the remote rule, as in tcpd_child_run(); access variables
	   never replace the TCP* ones. */
	for (size_t r = 0; r < 2; r++) {
		if (rules[r] == NULL)
			continue;
		for (size_t i = 0; i < rules[r]->nvars; i++) {
			const char *v = rules[r]->vars[i];
			const char *eq = strchr(v, '=');
			bool later = env_is_tcp(v);

			for (size_t rr = r; rr < 2 && eq != NULL && !later; rr++) {
				if (rules[rr] == NULL)
					continue;
				for (size_t j = rr == r ? i + 1 : 0; j < rules[rr]->nvars; j++)
					if (env_is(rules[rr]->vars[j], v, (size_t)(eq - v)))
						later = true;
			}
			if (!later)
				envp[n++] = rules[r]->vars[i];
		}
	}
	envp[n] = NULL;

	sigemptyset(&defs);
	for (size_t i = 0; i < N_ELEMENTS(sigs); i++)
		sigaddset(&defs, sigs[i]);
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigdefault(&attr, &defs);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, c->fd, 0);
	posix_spawn_file_actions_adddup2(&fa, c->fd, 1);
	if (o->stderr_mode == TCPD_STDERR_SOCKET)
		posix_spawn_file_actions_adddup2(&fa, c->fd, 2);
	else if (stderr_fd >= 0 && stderr_fd != 2)
		posix_spawn_file_actions_adddup2(&fa, stderr_fd, 2);
	if (strchr(o->prog_argv[0], '/') != NULL)
		rc = posix_spawn(&pid, o->prog_argv[0], &fa, &attr, o->prog_argv, envp);
	else
		rc = posix_spawnp(&pid, o->prog_argv[0], &fa, &attr, o->prog_argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	free(envp);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return pid;
}

void tcpd_child_run(const struct tcpd_opts *o, const struct tcpd_conn *c, int stderr_fd)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGALRM };
	sigset_t none;

	for (size_t i = 0; i < N_ELEMENTS(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	unsetenv("TCPREMOTEHOST");
	unsetenv("TCPLOCALHOST");
	unsetenv("TCPREMOTEINFO");
	setenv("TCPREMOTEIP", c->remote_ip, 1);
	set_num("TCPREMOTEPORT", c->remote_port);
	setenv("TCPLOCALIP", c->local_ip, 1);
	set_num("TCPLOCALPORT", c->local_port);
	apply_rule(c->local_rule);
	apply_rule(c->rule);
	if (!o->nodnslookup)
		dns_lookups(c);
	if (!o->noidentlookup)
		ident_lookup(c);
	if (o->drop != NULL) {
		const char *v = env_get(o->drop);

		if (v != NULL && *v != '\0') {
			log_msg(LOGL_INFO, "Dropped connection from %s: %s is set", c->remote_ip,
				o->drop);
			_exit(0);
		}
	}

	if (o->stderr_mode == TCPD_STDERR_SOCKET) {
		stderr_fd = c->fd;
	} else if (o->stderr_mode == TCPD_STDERR_FILE) {
		stderr_fd = open(o->stderr_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (stderr_fd < 0)
			log_msg(LOGL_ERR, "%s: %s", o->stderr_file, strerror(errno));
	}
	if (dup2(c->fd, 0) < 0 || dup2(c->fd, 1) < 0)
		_exit(1);
	if (stderr_fd >= 0 && stderr_fd != 2 && dup2(stderr_fd, 2) < 0)
		_exit(1);
	if (strchr(o->prog_argv[0], '/') != NULL)
		execv(o->prog_argv[0], o->prog_argv);
	else
		execvp(o->prog_argv[0], o->prog_argv);
	log_msg(LOGL_ERR, "exec %s: %s", o->prog_argv[0], strerror(errno));
	_exit(1);
}
