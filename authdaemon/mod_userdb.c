/*
 * mod_userdb.c - authdaemond's authuserdb module: accounts from the GDBM
 * userdb (userdb.md section 6), passwords from userdbshadow.dat, CRAM from
 * stored HMAC states, password change through the text source.
 *
 * Trust:   request values are hostile (already framed by auth_proto.c);
 *          the database is the admin's.
 * Runs as: authdaemond workers (root, or the instance owner in tests: then
 *          only accounts with our uid are accepted).
 * Errors:  an unreadable database is a temporary failure.
 * Tests:   tests/unit/authdaemon/test_server.c, tests/protocol/run-authdaemon,
 *          tests/interop/run-authdaemon-golden
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth_pwcheck.h"
#include "authd_module.h"
#include "buf.h"
#include "log.h"
#include "strnum.h"
#include "userdb_db.h"
#include "userdb_edit.h"
#include "userdb_make.h"
#include "userdb_rec.h"
#include "xmalloc.h"

static char *concat(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = xmalloc(la + lb + lc + 1);

	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc + 1);
	return p;
}

/* Fetch and parse the main record.  AUTHD_OK with a filled (without
   passwords), AUTHD_REJECT, AUTHD_TEMPFAIL.  *rec_r gets the raw record. */
static int lookup(const char *user, struct authd_account *a, char **rec_r)
{
	char *rec = NULL, *v;
	int r;

	memset(a, 0, sizeof(*a));
	r = userdb_db_fetch(user, &rec);
	if (r < 0) {
		log_msg(LOGL_ERR, "authuserdb: cannot read %s.dat", userdb_source_path());
		return AUTHD_TEMPFAIL;
	}
	if (r == 0) {
		authd_debug("authuserdb: user not found");
		return AUTHD_REJECT;
	}
	v = userdb_get(rec, strlen(rec), "uid");
	if (v == NULL || str_to_uid(v, &a->uid) < 0) {
		free(v);
		free(rec);
		authd_debug("authuserdb: no valid uid in the record");
		return AUTHD_REJECT;
	}
	free(v);
	v = userdb_get(rec, strlen(rec), "gid");
	if (v == NULL || str_to_gid(v, &a->gid) < 0) {
		free(v);
		free(rec);
		authd_debug("authuserdb: no valid gid in the record");
		return AUTHD_REJECT;
	}
	free(v);
	a->have_uid = true;
	a->home = userdb_get(rec, strlen(rec), "home");
	if (a->home == NULL) {
		free(rec);
		authd_debug("authuserdb: no home in the record");
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	if (!authd_uid_allowed(a->uid)) {
		free(rec);
		log_msg(LOGL_WARN, "authuserdb: refusing uid %lu: authdaemond is not root and it is not ours",
			(unsigned long)a->uid);
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	a->address = xstrdup(user);
	a->fullname = userdb_get(rec, strlen(rec), "gecos");
	a->maildir = userdb_get(rec, strlen(rec), "mail");
	a->quota = userdb_get(rec, strlen(rec), "quota");
	a->options = userdb_get(rec, strlen(rec), "options");
	*rec_r = rec;
	return AUTHD_OK;
}

/* The password field for service: "<service>pw", else "systempw".  The
   value and (when field_r) the field name that held it. */
static char *shadow_pw(const char *shadow, const char *service, char **field_r)
{
	char *f = concat(service, "pw", "");
	char *v = service[0] != '\0' ? userdb_get(shadow, strlen(shadow), f) : NULL;

	if (v == NULL) {
		free(f);
		f = xstrdup("systempw");
		v = userdb_get(shadow, strlen(shadow), f);
	}
	if (field_r != NULL && v != NULL)
		*field_r = f;
	else
		free(f);
	return v;
}

static int get_shadow(const char *user, char **shadow_r)
{
	int r = userdb_db_fetch_shadow(user, shadow_r);

	if (r < 0) {
		log_msg(LOGL_ERR, "authuserdb: cannot read %sshadow.dat", userdb_source_path());
		return AUTHD_TEMPFAIL;
	}
	if (r == 0)
		*shadow_r = xstrdup("");
	return AUTHD_OK;
}

static void debug_account(const struct authd_account *a)
{
	authd_debug("authuserdb: sysusername=<null>, sysuserid=%lu, sysgroupid=%lu, homedir=%s, "
		    "address=%s, fullname=%s, maildir=%s, quota=%s, options=%s",
		    (unsigned long)a->uid, (unsigned long)a->gid, a->home,
		    a->address != NULL ? a->address : "<null>",
		    a->fullname != NULL ? a->fullname : "<null>",
		    a->maildir != NULL ? a->maildir : "<null>",
		    a->quota != NULL ? a->quota : "<null>",
		    a->options != NULL ? a->options : "<null>");
	authd_debug("authuserdb: clearpasswd=%s, passwd=%s",
		    authd_debug_secret(a->clearpasswd), authd_debug_secret(a->passwd));
}

/* The account and its password for this service (NULL when none is set);
   on failure a is freed. */
static int lookup_with_passwd(const char *service, const char *user, struct authd_account *a)
{
	char *rec = NULL, *shadow = NULL;
	int r;

	authd_debug("authuserdb: trying this module");
	r = lookup(user, a, &rec);
	if (r != AUTHD_OK)
		return r;
	free(rec);
	if ((r = get_shadow(user, &shadow)) != AUTHD_OK) {
		authd_account_free(a);
		return r;
	}
	a->passwd = shadow_pw(shadow, service, NULL);
	secure_zero(shadow, strlen(shadow));
	free(shadow);
	return AUTHD_OK;
}

static int userdb_pre(const char *service, const char *user, struct authd_account *a)
{
	int r = lookup_with_passwd(service, user, a);

	if (r != AUTHD_OK)
		return r;
	debug_account(a);
	return AUTHD_OK;
}

static int userdb_login(const char *service, const char *user, const char *pass,
			struct authd_account *a)
{
	int r = lookup_with_passwd(service, user, a);

	if (r != AUTHD_OK)
		return r;
	if (a->passwd == NULL) {
		authd_debug("authuserdb: no password set for this service");
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	if (auth_pw_check(pass, a->passwd) < 0) {
		authd_debug("authuserdb: password does not match (supplied %s)",
			    authd_debug_secret(pass));
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	a->clearpasswd = xstrdup(pass);
	debug_account(a);
	return AUTHD_OK;
}

static int userdb_cram(const char *service, enum auth_hash_alg alg, const char *challenge,
		       size_t chlen, const char *user, const char *digest_hex,
		       struct authd_account *a)
{
	char *rec = NULL, *shadow = NULL, *f, *secret;
	int r;

	authd_debug("authuserdb: trying this module (cram-%s)", auth_cram_name(alg));
	r = lookup(user, a, &rec);
	if (r != AUTHD_OK)
		return r;
	free(rec);
	if ((r = get_shadow(user, &shadow)) != AUTHD_OK) {
		authd_account_free(a);
		return r;
	}
	f = concat(service, "-hmac-", auth_cram_name(alg));
	{
		char *f2 = concat(f, "pw", "");

		free(f);
		f = f2;
	}
	secret = userdb_get(shadow, strlen(shadow), f);
	free(f);
	if (secret == NULL) {
		f = concat("hmac-", auth_cram_name(alg), "pw");
		secret = userdb_get(shadow, strlen(shadow), f);
		free(f);
	}
	secure_zero(shadow, strlen(shadow));
	free(shadow);
	if (secret == NULL || auth_cram_verify(alg, secret, challenge, chlen, digest_hex) < 0) {
		authd_debug("authuserdb: %s", secret == NULL ? "no hmac secret stored" :
			    "cram digest does not match");
		if (secret != NULL) {
			secure_zero(secret, strlen(secret));
			free(secret);
		}
		authd_account_free(a);
		return AUTHD_REJECT;
	}
	secure_zero(secret, strlen(secret));
	free(secret);
	/* Courier's CRAM reply carries neither QUOTA nor NAME. */
	free(a->quota);
	a->quota = NULL;
	free(a->fullname);
	a->fullname = NULL;
	debug_account(a);
	return AUTHD_OK;
}

/* The source file that holds user, from the "_" field. */
static char *source_file(const char *rec)
{
	const char *src = userdb_source_path();
	char *sub = userdb_get(rec, strlen(rec), "_");
	struct stat st;
	char *file;

	if (sub != NULL && sub[0] != '\0' && stat(src, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t n = strlen(sub);

		if (sub[n - 1] == '/')
			sub[n - 1] = '\0';
		if (strstr(sub, "..") != NULL) {
			free(sub);
			return NULL;
		}
		file = concat(src, "/", sub);
	} else {
		file = xstrdup(src);
	}
	free(sub);
	return file;
}

static int userdb_passwd(const char *service, const char *user, const char *oldpw,
			 const char *newpw)
{
	struct authd_account a;
	struct buf hash = BUF_INIT(512), err = BUF_INIT(1024);
	char *rec = NULL, *shadow = NULL, *field = NULL, *cur, *file = NULL;
	char *args[16];
	size_t nargs = 0;
	int r, ret = AUTHD_REJECT;
	static const char *const hm[] = { "md5", "sha1", "sha256" };

	authd_debug("authuserdb: password change for service %s", service);
	r = lookup(user, &a, &rec);
	if (r != AUTHD_OK)
		return r;
	authd_account_free(&a);
	if ((r = get_shadow(user, &shadow)) != AUTHD_OK) {
		free(rec);
		return r;
	}
	cur = shadow_pw(shadow, service, &field);
	if (cur == NULL || auth_pw_check(oldpw, cur) < 0) {
		authd_debug("authuserdb: old password does not match");
		goto out;
	}
	if (strchr(newpw, '|') != NULL || auth_pw_hash("md5", newpw, &hash) < 0) {
		authd_debug("authuserdb: new password cannot be stored");
		goto out;
	}
	args[nargs++] = concat(field, "=", hash.data);
	for (size_t i = 0; i < N_ELEMENTS(hm); i++) {
		char *names[2];

		names[0] = concat("hmac-", hm[i], "pw");
		names[1] = concat(service, "-hmac-", hm[i]);
		{
			char *t = concat(names[1], "pw", "");

			free(names[1]);
			names[1] = t;
		}
		for (int j = 0; j < 2; j++) {
			char *v = userdb_get(shadow, strlen(shadow), names[j]);

			if (v != NULL) {
				struct buf h = BUF_INIT(512);
				enum auth_hash_alg alg = i == 0 ? AUTH_HASH_MD5 :
							 i == 1 ? AUTH_HASH_SHA1 : AUTH_HASH_SHA256;

				if (auth_hmac_secret_hex(alg, newpw, &h) == 0)
					args[nargs++] = concat(names[j], "=", h.data);
				buf_free_secure(&h);
				secure_zero(v, strlen(v));
				free(v);
			}
			free(names[j]);
		}
	}
	file = source_file(rec);
	if (file == NULL || userdb_edit(file, user, USERDB_SET, args, nargs, &err) < 0 ||
	    userdb_make(userdb_source_path(), &err) < 0) {
		log_msg(LOGL_ERR, "authuserdb: password change failed: %s", buf_cstr(&err));
		ret = AUTHD_TEMPFAIL;
		goto out;
	}
	ret = AUTHD_OK;
out:
	for (size_t i = 0; i < nargs; i++) {
		secure_zero(args[i], strlen(args[i]));
		free(args[i]);
	}
	if (cur != NULL) {
		secure_zero(cur, strlen(cur));
		free(cur);
	}
	free(field);
	free(file);
	free(rec);
	secure_zero(shadow, strlen(shadow));
	free(shadow);
	buf_free_secure(&hash);
	buf_free(&err);
	return ret;
}

struct enum_ctx { authd_enum_fn *cb; void *ctx; };

static int enum_one(const char *key, const char *rec, void *vctx)
{
	struct enum_ctx *ec = vctx;
	char *uid_s, *gid_s, *home, *mail, *opts;
	uid_t uid;
	gid_t gid;
	size_t n = strlen(rec);

	if (key[0] == '\0' || key[strlen(key) - 1] == '=')
		return 0;
	uid_s = userdb_get(rec, n, "uid");
	gid_s = userdb_get(rec, n, "gid");
	home = userdb_get(rec, n, "home");
	if (uid_s != NULL && gid_s != NULL && home != NULL &&
	    str_to_uid(uid_s, &uid) == 0 && str_to_gid(gid_s, &gid) == 0) {
		mail = userdb_get(rec, n, "mail");
		opts = userdb_get(rec, n, "options");
		ec->cb(key, uid, gid, home, mail != NULL ? mail : "", opts != NULL ? opts : "",
		       ec->ctx);
		free(mail);
		free(opts);
	}
	free(uid_s);
	free(gid_s);
	free(home);
	return 0;
}

static int userdb_enumerate(authd_enum_fn *cb, void *ctx)
{
	struct enum_ctx ec = { cb, ctx };

	return userdb_db_iterate(enum_one, &ec) < 0 ? -1 : 0;
}

const struct authd_module authd_mod_userdb = {
	"authuserdb", userdb_pre, userdb_login, userdb_cram, userdb_passwd, userdb_enumerate
};
