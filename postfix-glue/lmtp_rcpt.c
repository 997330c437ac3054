#include "config.h"
/*
 * lmtp_rcpt.c - resolve an envelope recipient to mailboxes: authdaemond PRE
 * lookups (whole address, then local part for local domains), alias_maps
 * expansion, recipient_delimiter details.
 *
 * Trust:   the address is the client's (already syntax-checked by
 *          smtp_parse); alias targets come from the admin's database but are
 *          re-parsed; authdaemond replies are trusted.
 * Runs as: the lmtpd session process (root or the invoking user).
 * Limits:  LMTP_ALIAS_DEPTH_MAX nesting, alias_expansion_limit targets.
 * Errors:  enum lmtp_rcpt_status; any lookup failure is temporary.
 * Tests:   tests/unit/postfix-glue/test_rcpt.c, tests/protocol/lmtp/ transcripts
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aliases.h"
#include "buf.h"
#include "lmtp_config.h"
#include "lmtp_rcpt.h"
#include "log.h"
#include "smtp_parse.h"
#include "timeutil.h"
#include "xmalloc.h"

struct resolve_ctx {
	const struct lmtpd_config *cfg;
	const struct lmtp_rcpt_backend *be;
	struct lmtp_rcpt_result *res;
};

bool lmtp_rcpt_split_detail(const char *local, const char *delims, size_t *baselen_r,
			    const char **detail_r)
{
	size_t n;

	if (delims == NULL || delims[0] == '\0')
		return false;
	n = strcspn(local, delims);
	if (n == 0 || local[n] == '\0')
		return false;
	*baselen_r = n;
	*detail_r = local + n + 1;
	return true;
}

struct pre_cache_entry {
	char *key;             /* "service\nuser" */
	enum auth_result r;
	struct auth_info ai;   /* without passwd/passwd2 */
	int64_t when_ms;
};
static struct pre_cache_entry pre_cache[LMTP_PRE_CACHE_SIZE];

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A copy of the account without its password fields. */
static void ai_copy(struct auth_info *dst, const struct auth_info *src)
{
	auth_info_init(dst);
	dst->username = dup_or_null(src->username);
	dst->have_uid = src->have_uid;
	dst->uid = src->uid;
	dst->gid = src->gid;
	dst->home = dup_or_null(src->home);
	dst->address = dup_or_null(src->address);
	dst->name = dup_or_null(src->name);
	dst->maildir = dup_or_null(src->maildir);
	dst->quota = dup_or_null(src->quota);
	dst->options = dup_or_null(src->options);
}

static void cache_entry_free(struct pre_cache_entry *e)
{
	free(e->key);
	e->key = NULL;
	auth_info_free(&e->ai);
}

void lmtp_rcpt_cache_clear(void)
{
	for (size_t i = 0; i < LMTP_PRE_CACHE_SIZE; i++)
		cache_entry_free(&pre_cache[i]);
}

enum auth_result lmtp_rcpt_pre_cached(lmtp_pre_fn *pre, const char *service, const char *user,
				      struct auth_info *ai, int64_t now_ms)
{
	struct buf key = BUF_INIT(SMTP_ADDR_MAX + 256);
	struct pre_cache_entry *slot = &pre_cache[0];
	enum auth_result r;

	if (buf_printf(&key, "%s\n%s", service, user) < 0) {
		buf_free(&key);
		return pre(service, user, ai);
	}
	for (size_t i = 0; i < LMTP_PRE_CACHE_SIZE; i++) {
		struct pre_cache_entry *e = &pre_cache[i];

		if (e->key != NULL && strcmp(e->key, buf_cstr(&key)) == 0) {
			if (now_ms - e->when_ms < LMTP_PRE_CACHE_MS && now_ms >= e->when_ms) {
				buf_free(&key);
				if (e->r == AUTH_OK)
					ai_copy(ai, &e->ai);
				return e->r;
			}
			slot = e;
			break;
		}
		if (e->key == NULL || e->when_ms < slot->when_ms)
			slot = e;   /* a free slot, or the oldest one */
	}
	r = pre(service, user, ai);
	if (r != AUTH_TEMPFAIL) {
		cache_entry_free(slot);
		slot->key = xstrdup(buf_cstr(&key));
		slot->r = r;
		slot->when_ms = now_ms;
		auth_info_init(&slot->ai);
		if (r == AUTH_OK)
			ai_copy(&slot->ai, ai);
	}
	buf_free(&key);
	return r;
}

static enum auth_result be_pre_default(void *ctx, const char *service, const char *user,
				       struct auth_info *ai)
{
	(void)ctx;
	return lmtp_rcpt_pre_cached(auth_pre, service, user, ai, time_mono_ms());
}

static int be_alias_default(void *ctx, const char *name, struct buf *out)
{
	const struct lmtpd_config *cfg = ctx;
	struct buf db = BUF_INIT(4096), src = BUF_INIT(4096), err = BUF_INIT(1024);
	size_t pos = 0;
	char *map;
	int ret = 0;

	while (ret == 0 && (map = cfg_list_next(cfg->alias_maps, &pos)) != NULL) {
		if (aliases_map_paths(map, &db, &src) < 0) {
			log_msg(LOGL_ERR, "alias_maps: unsupported map type \"%s\" (only gdbm:PATH)", map);
			ret = -1;
		} else {
			ret = aliases_lookup(buf_cstr(&db), name, out, &err);
			if (ret < 0 && access(buf_cstr(&db), F_OK) < 0 &&
			    access(buf_cstr(&src), F_OK) < 0) {
				/* neither the source nor the database: no aliases here */
				ret = 0;
			} else if (ret < 0) {
				log_msg(LOGL_ERR, "alias lookup: %s (run makealiases)", buf_cstr(&err));
			}
		}
		free(map);
	}
	buf_free(&db);
	buf_free(&src);
	buf_free(&err);
	return ret;
}

void lmtp_rcpt_backend_default(struct lmtp_rcpt_backend *be, const struct lmtpd_config *cfg)
{
	be->pre = be_pre_default;
	be->alias = be_alias_default;
	be->ctx = (void *)cfg;
}

static void add_target(struct resolve_ctx *x, struct auth_info *ai, const char *address,
		       const char *detail)
{
	struct lmtp_rcpt_result *res = x->res;
	struct lmtp_target *t;

	for (size_t i = 0; i < res->ntargets; i++) {
		if (strcasecmp(res->targets[i].address, address) == 0) {
			auth_info_free(ai);   /* already a target: deliver once */
			return;
		}
	}
	res->targets = xreallocarray(res->targets, res->ntargets + 1, sizeof(*res->targets));
	t = &res->targets[res->ntargets++];
	t->ai = *ai;
	auth_info_init(ai);
	t->address = xstrdup(address);
	t->detail = detail != NULL && detail[0] != '\0' ? xstrdup(detail) : NULL;
}

/* PRE for key; OK adds a target.  Returns the auth result. */
static enum auth_result try_pre(struct resolve_ctx *x, const char *key, const char *detail)
{
	struct auth_info ai;
	enum auth_result r;

	auth_info_init(&ai);
	r = x->be->pre(x->be->ctx, x->cfg->authdaemon_service, key, &ai);
	if (r == AUTH_OK)
		add_target(x, &ai, key, detail);
	auth_info_free(&ai);
	return r;
}

static enum lmtp_rcpt_status resolve(struct resolve_ctx *x, const char *local,
				     const char *domain, unsigned depth, bool noexpand);

static enum lmtp_rcpt_status expand_alias(struct resolve_ctx *x, const char *name,
					  const char *targets, unsigned depth)
{
	enum lmtp_rcpt_status st = LMTP_RCPT_UNKNOWN;
	const char *p = targets;
	size_t count = 0;

	if (depth >= LMTP_ALIAS_DEPTH_MAX) {
		log_msg(LOGL_WARN, "alias \"%s\": nested more than %d deep", name,
			LMTP_ALIAS_DEPTH_MAX);
		return LMTP_RCPT_LIMIT;
	}
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		bool noexp = false;
		struct smtp_addr a;
		enum lmtp_rcpt_status r;

		if (++count > (size_t)x->cfg->alias_expansion_limit) {
			log_msg(LOGL_WARN, "alias \"%s\": more than %lld targets", name,
				x->cfg->alias_expansion_limit);
			return LMTP_RCPT_LIMIT;
		}
		if (n > 0 && *p == '\\') {
			noexp = true;
			p++;
			n--;
		}
		if (smtp_parse_mailbox(p, n, true, &a) < 0) {
			log_msg(LOGL_WARN, "alias \"%s\": bad target skipped", name);
			r = LMTP_RCPT_UNKNOWN;
		} else {
			/* "name: name, other" delivers to the user name itself */
			if ((a.domain[0] == '\0' || lmtp_domain_in_list(x->cfg->mydestination, a.domain)) &&
			    strcasecmp(a.local, name) == 0)
				noexp = true;
			r = resolve(x, a.local, a.domain, depth + 1, noexp);
			if (r == LMTP_RCPT_UNKNOWN)
				log_msg(LOGL_WARN, "alias \"%s\": target <%s> is unknown", name, a.addr);
		}
		if (r == LMTP_RCPT_TEMPFAIL || r == LMTP_RCPT_LIMIT)
			return r;
		if (r == LMTP_RCPT_OK)
			st = LMTP_RCPT_OK;
		if (x->res->ntargets > (size_t)x->cfg->alias_expansion_limit)
			return LMTP_RCPT_LIMIT;
		p += n;
		if (*p == '\n')
			p++;
	}
	return st;
}

static enum lmtp_rcpt_status resolve_lc(struct resolve_ctx *x, const char *local,
					const char *orig_local, const char *domain, unsigned depth,
					bool noexpand);

/* Addresses are case-insensitive for lookups (as in Postfix): the keys use
   the lower-cased local part; a +detail keeps its case (folder names do). */
static enum lmtp_rcpt_status resolve(struct resolve_ctx *x, const char *local,
				     const char *domain, unsigned depth, bool noexpand)
{
	char lc[SMTP_LOCAL_MAX + 1];
	size_t n = strlen(local);

	if (n > SMTP_LOCAL_MAX)
		return LMTP_RCPT_UNKNOWN;
	for (size_t i = 0; i <= n; i++)
		lc[i] = (char)(local[i] >= 'A' && local[i] <= 'Z' ? local[i] - 'A' + 'a' : local[i]);
	return resolve_lc(x, lc, local, domain, depth, noexpand);
}

static enum lmtp_rcpt_status resolve_lc(struct resolve_ctx *x, const char *local,
					const char *orig_local, const char *domain, unsigned depth,
					bool noexpand)
{
	const struct lmtpd_config *cfg = x->cfg;
	struct buf key = BUF_INIT(SMTP_ADDR_MAX + 2), val = BUF_INIT(ALIASES_DB_VALUE_MAX);
	const char *detail = NULL;
	size_t baselen = 0;
	bool has_detail = lmtp_rcpt_split_detail(orig_local, cfg->recipient_delimiter, &baselen,
						 &detail);
	bool is_local = domain[0] == '\0' || lmtp_domain_in_list(cfg->mydestination, domain);
	enum lmtp_rcpt_status st = LMTP_RCPT_UNKNOWN;
	enum auth_result r;

	/* 1. the whole address (virtual mailboxes: userdb key user@domain) */
	if (domain[0] != '\0') {
		if (buf_printf(&key, "%s@%s", local, domain) < 0)
			goto out;
		r = try_pre(x, buf_cstr(&key), NULL);
		if (r != AUTH_FAIL) {
			st = r == AUTH_OK ? LMTP_RCPT_OK : LMTP_RCPT_TEMPFAIL;
			goto out;
		}
		if (has_detail) {
			buf_reset(&key);
			if (buf_printf(&key, "%.*s@%s", (int)baselen, local, domain) < 0)
				goto out;
			r = try_pre(x, buf_cstr(&key), detail);
			if (r != AUTH_FAIL) {
				st = r == AUTH_OK ? LMTP_RCPT_OK : LMTP_RCPT_TEMPFAIL;
				goto out;
			}
		}
	}
	if (!is_local)
		goto out;
	/* 2. aliases of the local part (then of its base) */
	if (!noexpand && cfg->alias_maps[0] != '\0') {
		int a = x->be->alias(x->be->ctx, local, &val);

		if (a == 0 && has_detail) {
			buf_reset(&key);
			if (buf_append(&key, local, baselen) < 0)
				goto out;
			a = x->be->alias(x->be->ctx, buf_cstr(&key), &val);
		}
		if (a < 0) {
			st = LMTP_RCPT_TEMPFAIL;
			goto out;
		}
		if (a > 0) {
			char *targets = xstrdup(buf_cstr(&val));

			st = expand_alias(x, local, targets, depth);
			free(targets);
			goto out;
		}
	}
	/* 3. the local part as an account */
	r = try_pre(x, local, NULL);
	if (r != AUTH_FAIL) {
		st = r == AUTH_OK ? LMTP_RCPT_OK : LMTP_RCPT_TEMPFAIL;
		goto out;
	}
	if (has_detail) {
		buf_reset(&key);
		if (buf_append(&key, local, baselen) < 0)
			goto out;
		r = try_pre(x, buf_cstr(&key), detail);
		if (r != AUTH_FAIL)
			st = r == AUTH_OK ? LMTP_RCPT_OK : LMTP_RCPT_TEMPFAIL;
	}
out:
	buf_free(&key);
	buf_free(&val);
	return st;
}

void lmtp_rcpt_resolve(const struct lmtpd_config *cfg, const struct lmtp_rcpt_backend *be,
		       const struct smtp_addr *rcpt, bool smtp_mode,
		       struct lmtp_rcpt_result *res)
{
	struct resolve_ctx x = { cfg, be, res };
	bool local = rcpt->domain[0] == '\0' || lmtp_domain_in_list(cfg->mydestination, rcpt->domain);

	memset(res, 0, sizeof(*res));
	if (smtp_mode && !local &&
	    !lmtp_domain_in_list(cfg->virtual_mailbox_domains, rcpt->domain)) {
		res->status = LMTP_RCPT_RELAY;
		return;
	}
	res->status = resolve(&x, rcpt->local, rcpt->domain, 0, false);
	if (res->status != LMTP_RCPT_OK)
		lmtp_rcpt_result_free(res);
	else if (res->ntargets == 0)
		res->status = LMTP_RCPT_UNKNOWN;
}

void lmtp_rcpt_result_free(struct lmtp_rcpt_result *res)
{
	for (size_t i = 0; i < res->ntargets; i++) {
		auth_info_free(&res->targets[i].ai);
		free(res->targets[i].address);
		free(res->targets[i].detail);
	}
	free(res->targets);
	res->targets = NULL;
	res->ntargets = 0;
}
