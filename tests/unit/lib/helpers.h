/*
 * helpers.h - shared fixtures of the lib/ unit tests: memory-fed streams,
 * a collecting write sink, stderr capture, child processes that report back.
 */
#ifndef STAFETA_TEST_LIB_HELPERS_H
#define STAFETA_TEST_LIB_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "stream.h"

/* A read source over a byte array.  Each read returns at most chunk bytes
   (0 = random sizes 1..4096 from seed); after fail_at bytes the source
   returns -1 with fail_errno (0 = never fails); at the end, EOF. */
struct mem_src {
	const unsigned char *data;
	size_t len, pos;
	size_t chunk;
	uint32_t seed;
	size_t fail_at;
	int fail_errno;
	int last_timeout_ms;   /* what the stream passed on its last read */
	unsigned reads;        /* read calls seen */
};

/* A write sink that collects everything into out; accepts at most chunk
   bytes per call (0 = all); fails with fail_errno once fail_errno != 0. */
struct mem_sink {
	struct buf out;
	size_t chunk;
	int fail_errno;
	unsigned writes;
};

/* Both directions of one callback stream. */
struct mem_io {
	struct mem_src in;
	struct mem_sink out;
};

/* The stream_read_fn/stream_write_fn over a struct mem_io. */
ssize_t mem_io_read(void *ctx, void *p, size_t n, int timeout_ms);
ssize_t mem_io_write(void *ctx, const void *p, size_t n, int timeout_ms);
/* Input data[0..len) in reads of chunk bytes; output collected whole.
   io->out.out must be released with buf_free(). */
void mem_io_init(struct mem_io *io, const void *data, size_t len, size_t chunk);

/* A callback stream over io with these limits (timeouts 0 = none). */
struct stream *test_stream(struct mem_io *io, size_t line_max, size_t out_max);

/* Capture what fd 2 receives between begin and end into out (NUL-terminated).
   Nesting is not supported. */
void capture_stderr_begin(void);
void capture_stderr_end(struct buf *out);

/* Deterministic PRNG (xorshift32). */
uint32_t test_rand(uint32_t *state);

/* Run fn in a child; the child writes failure reasons to the fd it is given
   and returns; the parent collects them into out.  Returns the child's wait
   status.  A child that dies by a signal is reported in out too. */
int run_in_child(void (*fn)(int report_fd, void *arg), void *arg, struct buf *out);
/* For children: write one failure line to report_fd. */
void child_fail(int report_fd, const char *fmt, ...) ATTR_PRINTF(2, 3);

/* Path of a fixture in tests/unit/lib/data (malloc'ed). */
char *test_data_path(const char *name);

#endif
