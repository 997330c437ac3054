#include "config.h"
/*
 * starttls.c - libstarttls: STARTTLS/STLS for imaplogin and pop3login by
 * spawning couriertls on the client socket (see starttls.h).
 *
 * Trust:   the status block comes from our own couriertls but is parsed as
 *          untrusted text: only TLS_* names, printable values, bounded size.
 * Runs as: the login program (root before authentication).
 * Limits:  STARTTLS_STATUS_MAX bytes of status; the handshake deadline.
 * Errors:  -1 with a reason; couriertls is killed and reaped on failure.
 * Tests:   tests/unit/couriertcpd/test_starttls.c, tests/interop/run-tls-clients
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "starttls.h"
#include "timeutil.h"

static char st_error[512];

bool starttls_available(const char *couriertls)
{
	struct stat st;

	return couriertls != NULL && *couriertls != '\0' && stat(couriertls, &st) == 0 &&
	       S_ISREG(st.st_mode) && access(couriertls, X_OK) == 0;
}

static bool valid_name(const char *s, size_t n)
{
	if (n <= 4 || n > 64 || strncmp(s, "TLS_", 4) != 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

int starttls_parse_status(const char *text, size_t n, const char **error_r)
{
	size_t pos = 0, nvars = 0;
	struct { size_t ns, nl, vs, vl; } vars[64];

	if (n > STARTTLS_STATUS_MAX) {
		*error_r = "TLS status too long";
		return -1;
	}
	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t end, eq;
		const char *line = text + pos;

		if (nl == NULL) {
			*error_r = "TLS status truncated";
			return -1;
		}
		end = (size_t)(nl - text);
		if (end - pos == 2 && memcmp(line, "OK", 2) == 0) {
			if (end + 1 != n) {
				*error_r = "TLS status: data after OK";
				return -1;
			}
			for (size_t i = 0; i < nvars; i++) {
				char name[65], *val = malloc(vars[i].vl + 1);

				if (val == NULL) {
					*error_r = "out of memory";
					return -1;
				}
				memcpy(name, text + vars[i].ns, vars[i].nl);
				name[vars[i].nl] = '\0';
				memcpy(val, text + vars[i].vs, vars[i].vl);
				val[vars[i].vl] = '\0';
				setenv(name, val, 1);
				free(val);
			}
			return 0;
		}
		if (end - pos > 6 && memcmp(line, "ERROR=", 6) == 0) {
			size_t l = end - pos - 6;

			if (l > 400)
				l = 400;
			snprintf(st_error, sizeof(st_error), "%.*s", (int)l, line + 6);
			for (char *p = st_error; *p != '\0'; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					*p = '?';
			*error_r = st_error;
			return -1;
		}
		{
			const char *e = memchr(line, '=', end - pos);

			if (e == NULL || !valid_name(line, (size_t)(e - line))) {
				*error_r = "TLS status: bad line";
				return -1;
			}
			eq = (size_t)(e - text);
		}
		for (size_t i = eq + 1; i < end; i++) {
			unsigned char c = (unsigned char)text[i];

			if (c < 0x20 || c == 0x7f) {
				*error_r = "TLS status: control character";
				return -1;
			}
		}
		if (nvars >= N_ELEMENTS(vars)) {
			*error_r = "TLS status: too many variables";
			return -1;
		}
		vars[nvars].ns = pos;
		vars[nvars].nl = eq - pos;
		vars[nvars].vs = eq + 1;
		vars[nvars].vl = end - eq - 1;
		nvars++;
		pos = end + 1;
	}
	*error_r = "TLS handshake failed";
	return -1;
}

/* Move fd to a number >= 5 so the child's dup2 onto 0..4 cannot clobber it. */
static int high_fd(int fd)
{
	int nfd;

	if (fd >= 5)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 5);
	close(fd);
	return nfd;
}

static void fail_child(pid_t pid)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int starttls_start(const struct starttls_opts *o, int *rfd_r, int *wfd_r, const char **error_r)
{
	int sp[2], stp[2], timeout = o->timeout_secs > 0 ? o->timeout_secs : STARTTLS_TIMEOUT_DEFAULT;
	int64_t deadline = time_mono_ms() + (int64_t)timeout * 1000;
	struct buf st = BUF_INIT(STARTTLS_STATUS_MAX);
	char userarg[300];
	pid_t pid;

	if (!starttls_available(o->couriertls)) {
		*error_r = "couriertls is not available";
		return -1;
	}
	if (o->user != NULL && snprintf(userarg, sizeof(userarg), "-user=%s", o->user) >=
	    (int)sizeof(userarg)) {
		*error_r = "user name too long";
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
		snprintf(st_error, sizeof(st_error), "socketpair: %s", strerror(errno));
		*error_r = st_error;
		return -1;
	}
	if (pipe2(stp, O_CLOEXEC) < 0) {
		snprintf(st_error, sizeof(st_error), "pipe: %s", strerror(errno));
		*error_r = st_error;
		close(sp[0]);
		close(sp[1]);
		return -1;
	}
	sp[0] = high_fd(sp[0]);
	sp[1] = high_fd(sp[1]);
	stp[0] = high_fd(stp[0]);
	stp[1] = high_fd(stp[1]);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(st_error, sizeof(st_error), "fork: %s", strerror(errno));
		*error_r = st_error;
		close(sp[0]);
		close(sp[1]);
		close(stp[0]);
		close(stp[1]);
		return -1;
	}
	if (pid == 0) {
		char *argv[8];
		int ac = 0;

		signal(SIGPIPE, SIG_DFL);
		if (dup2(o->client_fd, 0) < 0 || dup2(o->client_fd, 1) < 0 ||
		    dup2(sp[1], 3) < 0 || dup2(stp[1], 4) < 0)
			_exit(1);
		argv[ac++] = (char *)o->couriertls;
		argv[ac++] = (char *)"-server";
		argv[ac++] = (char *)"-tcpd";
		argv[ac++] = (char *)"-localfd=3";
		argv[ac++] = (char *)"-statusfd=4";
		if (o->user != NULL)
			argv[ac++] = userarg;
		argv[ac] = NULL;
		execv(o->couriertls, argv);
		_exit(1);
	}
	close(sp[1]);
	close(stp[1]);
	for (;;) {
		struct pollfd p = { stp[0], POLLIN, 0 };
		int left = time_left_ms(deadline), rc;
		char *dst;
		ssize_t r;

		if (left <= 0) {
			close(stp[0]);
			close(sp[0]);
			fail_child(pid);
			buf_free(&st);
			*error_r = "TLS handshake timed out";
			return -1;
		}
		rc = poll(&p, 1, left);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0)
			continue;
		dst = buf_reserve(&st, 1024);
		if (dst == NULL)
			break;   /* over STARTTLS_STATUS_MAX: parse reports it */
		r = read(stp[0], dst, 1024);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		buf_commit(&st, (size_t)r);
	}
	close(stp[0]);
	if (starttls_parse_status(buf_cstr(&st), st.len, error_r) < 0) {
		close(sp[0]);
		fail_child(pid);
		buf_free(&st);
		return -1;
	}
	buf_free(&st);
	if (o->client_fd == 0) {
		if (dup2(sp[0], 0) < 0 || dup2(sp[0], 1) < 0) {
			snprintf(st_error, sizeof(st_error), "dup2: %s", strerror(errno));
			*error_r = st_error;
			close(sp[0]);
			fail_child(pid);
			return -1;
		}
		close(sp[0]);
		*rfd_r = 0;
		*wfd_r = 1;
	} else {
		close(o->client_fd);
		*rfd_r = *wfd_r = sp[0];
		/* keep it across the exec of the post-auth program */
		fcntl(sp[0], F_SETFD, 0);
	}
	return 0;
}
