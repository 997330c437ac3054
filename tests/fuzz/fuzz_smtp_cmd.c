#include "config.h"
/*
 * fuzz_smtp_cmd.c - libFuzzer target: a whole LMTP or SMTP session
 * (postfix-glue/lmtp_session.c: the command table and its parsers, the
 * DATA reader) fed from the input, with a fake authdaemond and a delivery
 * that only reads the spool.  The first byte picks the mode (0x80: SMTP),
 * the bare-LF policy and limits (0x40: smtpd_forbid_bare_newline = reject,
 * small duplicate_filter_limit and transaction_store_limit) and how many
 * bytes each read returns.
 *
 * Tests:   itself (replay_smtp_cmd over corpus/smtp_cmd in make check).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cfg.h"
#include "lmtp_config.h"
#include "lmtp_session.h"
#include "log.h"
#include "stream.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct io {
	const uint8_t *in;
	size_t len, pos, chunk;
};

static ssize_t rd(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct io *io = ctx;

	(void)timeout_ms;
	if (io->pos >= io->len)
		return 0;
	if (n > io->chunk)
		n = io->chunk;
	if (n > io->len - io->pos)
		n = io->len - io->pos;
	memcpy(p, io->in + io->pos, n);
	io->pos += n;
	return (ssize_t)n;
}

static ssize_t wr(void *ctx, const void *p, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)p;
	(void)timeout_ms;
	return (ssize_t)n;
}

static enum auth_result pre(void *ctx, const char *service, const char *user,
			    struct auth_info *ai)
{
	(void)ctx;
	(void)service;
	if (user[0] == 't')
		return AUTH_TEMPFAIL;
	if (user[0] != 'a')
		return AUTH_FAIL;
	ai->have_uid = true;
	ai->uid = getuid();
	ai->home = xstrdup("/nonexistent");
	return AUTH_OK;
}

static int alias(void *ctx, const char *name, struct buf *out)
{
	(void)ctx;
	if (name[0] != 'l')
		return 0;
	buf_reset(out);
	return buf_append_str(out, "alice\nlist\n\\list\nx@y") < 0 ? -1 : 1;
}

static void deliver(const struct lmtpd_config *cfg, const struct lmtp_msg *m,
		    const struct lmtp_target *t, const char *rcpt, struct lmtp_deliv_result *r)
{
	char b[512];

	(void)cfg;
	(void)t;
	(void)rcpt;
	memset(r, 0, sizeof(*r));
	if (pread(m->spool_fd, b, sizeof(b), 0) < 0)
		r->status = DELIV_TEMPFAIL;
	else
		r->status = m->spool_size % 4 == 0 ? DELIV_OK : (enum deliv_status)(m->spool_size % 4);
}

static void quota(const struct lmtpd_config *cfg, const struct lmtp_target *t, uint64_t size,
		  struct lmtp_deliv_result *r)
{
	(void)cfg;
	(void)t;
	memset(r, 0, sizeof(*r));
	r->status = size % 3 == 1 ? DELIV_OVERQUOTA : DELIV_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lmtpd_config cfg[2];
	static bool init;
	static const struct lmtp_rcpt_backend be = { pre, alias, NULL };
	struct stream_limits lim = { 512, 65536, 0, 0 };
	struct lmtp_session ss;
	struct io io;
	struct stream *s;

	if (!init) {
		static const char text[] =
			"myhostname = fuzz.example\nmydestination = $myhostname localhost\n"
			"virtual_mailbox_domains = v.example\nalias_maps = gdbm:/nonexistent\n"
			"message_size_limit = 4096\nline_length_limit = 512\n"
			"smtpd_recipient_limit = 5\nsmtpd_hard_error_limit = 100\n";
		static const char strict[] =
			"smtpd_forbid_bare_newline = reject\nsmtpd_forbid_bare_newline_exclusions =\n"
			"duplicate_filter_limit = 2\ntransaction_store_limit = 2048\n";
		const char *error;

		log_init("fuzz");
		log_set_min_level(LOGL_CRIT);
		for (int k = 0; k < 2; k++) {
			struct cfg_vars vars = CFG_VARS_INIT;

			if (cfg_parse_text(&vars, CFG_MAINCF, text, sizeof(text) - 1, "fuzz", &error) < 0 ||
			    (k == 1 && cfg_parse_text(&vars, CFG_MAINCF, strict, sizeof(strict) - 1,
						      "fuzz", &error) < 0) ||
			    cfg_apply(lmtp_config_table(&cfg[k]), &vars, CFG_MAINCF, false, &error) < 0 ||
			    lmtp_config_finish(&cfg[k], &error) < 0)
				abort();
			cfg_vars_free(&vars);
		}
		init = true;
	}
	if (size == 0)
		return 0;
	io.in = data + 1;
	io.len = size - 1;
	io.pos = 0;
	io.chunk = (data[0] & 0x3f) + 1u;
	s = stream_new_cb(rd, wr, &io, &lim);
	lmtp_session_init(&ss, &cfg[(data[0] & 0x40) != 0], &be, s, (data[0] & 0x80) != 0, "127.0.0.1", -1);
	ss.deliver = deliver;
	ss.quota_check = quota;
	(void)lmtp_session_run(&ss);
	lmtp_session_deinit(&ss);
	stream_free(&s);
	return 0;
}
