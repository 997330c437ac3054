/*
 * login_postauth.c - the post-login start-up of pop3d and imapd.
 *
 * Trust:   the environment comes from the login program (AUTHENTICATED,
 *          OPTIONS, MAILDIR, the pipelined hand-off) and is checked anyway:
 *          the hand-off must be valid hex of bounded size.
 * Runs as: the mailbox owner (the servers refuse uid 0 before calling this);
 *          postauth_handoff_export() runs in the login program (root).
 * Limits:  the hand-off is capped by the caller's max.
 * Tests:   tests/unit/login/test_postauth.c, tests/protocol/pop3/account_*.t,
 *          tests/protocol/imap/account_*.t
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "courierauth.h"
#include "env.h"
#include "hex.h"
#include "stream.h"
#include "login_postauth.h"

bool postauth_is_root(void)
{
	return getuid() == 0 || geteuid() == 0;
}

static bool option_set(const char *options, const char *prefix, const char *service)
{
	char name[64];

	if (snprintf(name, sizeof(name), "%s%s", prefix, service) >= (int)sizeof(name))
		return false;
	return auth_option_int(options, name, 0) != 0;
}

enum postauth_status postauth_start(const struct postauth_params *p, struct postauth *r)
{
	const char *options, *md;
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->user = env_get("AUTHENTICATED");
	if (r->user == NULL || *r->user == '\0') {
		if (p->stdio_user == NULL || *p->stdio_user == '\0') {
			r->user = NULL;
			return POSTAUTH_NOT_LOGGED_IN;
		}
		r->user = p->stdio_user;
		r->preauth = true;
	}
	options = env_get_default("OPTIONS", "");
	if (option_set(options, "disable", p->service))
		return POSTAUTH_DISABLED;
	if (!p->tls && option_set(options, "disableinsecure", p->service))
		return POSTAUTH_INSECURE;
	/* Courier's way to lock an account for maintenance */
	if (stat(".", &st) == 0 && (st.st_mode & S_ISVTX) != 0)
		return POSTAUTH_STICKY;
	md = env_get("MAILDIR");
	if (md == NULL || *md == '\0')
		md = p->arg_maildir != NULL && *p->arg_maildir != '\0' ? p->arg_maildir :
		     p->maildirpath != NULL && *p->maildirpath != '\0' ? p->maildirpath : "Maildir";
	r->maildir = md;
	/* errors name the whole path (the cwd is the home directory here) */
	{
		char cwd[4096];

		if (md[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
			snprintf(r->path, sizeof(r->path), "%s/%s", cwd, md);
		else
			snprintf(r->path, sizeof(r->path), "%s", md);
	}
	if (chdir(md) < 0) {
		r->error = errno;
		return POSTAUTH_NO_MAILDIR;
	}
	if (p->sanity_check && (stat(".", &st) < 0 || st.st_uid != geteuid()))
		return POSTAUTH_NOT_OWNER;
	return POSTAUTH_OK;
}

int postauth_handoff_export(struct stream *s, const char *envname, size_t max)
{
	size_t pending = stream_input_pending(s);
	struct buf in = BUF_INIT(max), hex = BUF_INIT(2 * max + 1);
	int r = 0;

	unsetenv(envname);
	if (pending == 0)
		return 0;
	if (pending > max || stream_read_exact(s, &in, pending) != 1 ||
	    hex_encode(&hex, in.data, in.len) < 0 || setenv(envname, buf_cstr(&hex), 1) < 0)
		r = -1;
	buf_free_secure(&in);
	buf_free_secure(&hex);
	return r;
}

long postauth_handoff_replay(struct stream *s, const char *envname, size_t max)
{
	const char *v = env_get(envname);
	struct buf pre = BUF_INIT(max);
	long r = 0;

	if (v != NULL && *v != '\0') {
		if (hex_decode(v, strlen(v), &pre) < 0 ||
		    (pre.len > 0 && stream_preload(s, pre.data, pre.len) < 0))
			r = -1;
		else
			r = (long)pre.len;
	}
	unsetenv(envname);
	buf_free(&pre);
	return r;
}
