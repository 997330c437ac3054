/*
 * pfhelpers.h - fixtures of the postfix-glue unit tests: a stream fed from
 * memory (optionally one byte per read) whose output is collected, and a
 * config with the defaults.
 */
#ifndef STAFETA_TEST_PFHELPERS_H
#define STAFETA_TEST_PFHELPERS_H

#include <stddef.h>
#include "buf.h"
#include "lmtp_config.h"
#include "stream.h"

struct pf_io {
	const char *in;
	size_t len, pos, chunk;
	struct buf out;
};

/* A stream reading in[0..len) chunk bytes at a time (0 = all at once),
   collecting output in io->out (free with pf_io_free). */
struct stream *pf_stream(struct pf_io *io, const char *in, size_t len, size_t chunk,
			 size_t line_max);
void pf_io_free(struct pf_io *io);

/* Defaults plus the given main.cf text (NULL = none); the test fails hard
   on a config error. */
void pf_config(struct lmtpd_config *cfg, const char *text);

/* The suites (main.c lists them). */
void suite_smtp_parse(void);
void suite_aliases(void);
void suite_config(void);
void suite_data(void);
void suite_rcpt(void);
void suite_session(void);
void suite_deliver(void);
void suite_server(void);
void suite_anvil(void);

#endif
