/*
 * pfhelpers.c - fixtures of the postfix-glue unit tests.
 *
 * Trust:   test data only.
 * Tests:   used by every test_*.c here.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "pfhelpers.h"

static ssize_t pf_read(void *ctx, void *p, size_t n, int timeout_ms)
{
	struct pf_io *io = ctx;
	size_t left = io->len - io->pos;

	(void)timeout_ms;
	if (left == 0)
		return 0;
	if (io->chunk != 0 && n > io->chunk)
		n = io->chunk;
	if (n > left)
		n = left;
	memcpy(p, io->in + io->pos, n);
	io->pos += n;
	return (ssize_t)n;
}

static ssize_t pf_write(void *ctx, const void *p, size_t n, int timeout_ms)
{
	struct pf_io *io = ctx;

	(void)timeout_ms;
	if (buf_append(&io->out, p, n) < 0) {
		errno = EMSGSIZE;
		return -1;
	}
	return (ssize_t)n;
}

struct stream *pf_stream(struct pf_io *io, const char *in, size_t len, size_t chunk,
			 size_t line_max)
{
	struct stream_limits lim = { line_max, 65536, 0, 0 };

	io->in = in;
	io->len = len;
	io->pos = 0;
	io->chunk = chunk;
	buf_init(&io->out, 64 << 20);
	return stream_new_cb(pf_read, pf_write, io, &lim);
}

void pf_io_free(struct pf_io *io)
{
	buf_free(&io->out);
}

void pf_config(struct lmtpd_config *cfg, const char *text)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	const char *error = NULL;

	memset(cfg, 0, sizeof(*cfg));
	if (text != NULL && cfg_parse_text(&vars, CFG_MAINCF, text, strlen(text), "test",
					   &error) < 0) {
		fprintf(stderr, "config: %s\n", error);
		abort();
	}
	if (cfg_apply(lmtp_config_table(cfg), &vars, CFG_MAINCF, false, &error) < 0 ||
	    lmtp_config_finish(cfg, &error) < 0) {
		fprintf(stderr, "config: %s\n", error);
		abort();
	}
	cfg_vars_free(&vars);
}
