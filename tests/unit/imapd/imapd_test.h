/*
 * imapd_test.h - helpers for tests/unit/imapd: a stream over memory that
 * gives at most chunk bytes per read (1 = one byte at a time) and records
 * what was written.
 */
#ifndef STAFETA_IMAPD_TEST_H
#define STAFETA_IMAPD_TEST_H

#include <stddef.h>
#include "buf.h"

struct stream;

struct test_io {
	const char *in;
	size_t len, pos, chunk;
	struct buf out;
};

void test_io_init(struct test_io *io, const char *in, size_t len, size_t chunk);
void test_io_deinit(struct test_io *io);
struct stream *test_io_stream(struct test_io *io, size_t line_max);
char *xstrdup_test(const char *s);

#endif
