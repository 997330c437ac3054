/*
 * stream.h - the one buffered stream for a connection (or a pipe to couriertls).
 *
 * Reads: lines with a hard maximum, exact-length reads for literals, straight
 * copies to a file for large bodies; every wait is bounded by poll() with the
 * read timeout and an optional absolute deadline.  Writes are buffered and
 * flushed when the buffer fills or on stream_flush().
 */
#ifndef STAFETA_STREAM_H
#define STAFETA_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "compat.h"

struct buf;
struct stream;

struct stream_limits {
	size_t line_max;      /* longest line accepted, CRLF excluded (bytes) */
	size_t out_max;       /* output buffer size; flushed when full (bytes) */
	int    read_timeout;  /* seconds one read may wait; <= 0 = forever */
	int    write_timeout; /* seconds one write may wait; <= 0 = forever */
};

#define STREAM_LINE_MAX_DEFAULT  8192
#define STREAM_OUT_MAX_DEFAULT   65536
/* Bytes of the end of each line the stream remembers, even of a line it
   discarded as over-long (stream_overlong_literal). */
#define STREAM_TAIL_MAX          32

/* The read source: like read(2), but may wait at most timeout_ms (-1 forever);
   returns bytes read, 0 on EOF, -1 with errno (ETIMEDOUT on timeout). */
typedef ssize_t stream_read_fn(void *ctx, void *p, size_t n, int timeout_ms);
typedef ssize_t stream_write_fn(void *ctx, const void *p, size_t n, int timeout_ms);

/* A stream over fds (rfd == wfd for a socket).  lim NULL = defaults.
   The fds are not closed by stream_free(). */
struct stream *stream_new(int rfd, int wfd, const struct stream_limits *lim);
/* A stream over callbacks (tests feed bytes one at a time this way). */
struct stream *stream_new_cb(stream_read_fn *rd, stream_write_fn *wr, void *ctx,
			     const struct stream_limits *lim);
/* Flushes nothing; sets *sp = NULL. */
void stream_free(struct stream **sp);

/* Switch to new fds (STARTTLS: continue over the pipe to couriertls).  Any
   input already buffered is discarded (plaintext pipelined before the TLS
   handshake must never be executed); returns how many bytes were dropped. */
size_t stream_set_fds(struct stream *s, int rfd, int wfd);
/* Put n bytes in front of the input, as if they had been read (input a
   previous process read and handed over, e.g. commands pipelined behind a
   login).  -1 with errno EMSGSIZE if they do not fit the input buffer. */
ATTR_WARN_UNUSED int stream_preload(struct stream *s, const void *p, size_t n);
/* Drop buffered input; returns how many bytes were dropped. */
size_t stream_discard_input(struct stream *s);
/* Bytes buffered and not yet consumed. */
size_t stream_input_pending(const struct stream *s);
/* An absolute deadline (time_mono_ms() based) for every read; -1 clears. */
void stream_set_deadline(struct stream *s, int64_t deadline_ms);
void stream_set_read_timeout(struct stream *s, int seconds);
void stream_set_line_max(struct stream *s, size_t line_max);

/* 1 = a line is in *line (LF and a CR before it stripped; may contain NULs);
   0 = EOF (a partial last line is dropped);
   -1 = errno ETIMEDOUT (timeout/deadline), EMSGSIZE (over line_max: the rest
   is discarded up to LF so the session stays in step), or a read error. */
ATTR_WARN_UNUSED int stream_read_line(struct stream *s, struct buf *line);
/* Append exactly n bytes to dst.  1 = done, 0 = EOF first, -1 = error/timeout
   (EMSGSIZE if dst's max is too small: the n bytes are still consumed). */
ATTR_WARN_UNUSED int stream_read_exact(struct stream *s, struct buf *dst, size_t n);
/* Copy exactly n bytes to fd (buffered input first, then the source).
   1 = done, 0 = EOF first, -1 = error (errno). */
ATTR_WARN_UNUSED int stream_copy_to_fd(struct stream *s, int fd, size_t n);
/* Wait until input is buffered or readable: 1 = yes, 0 = timeout_ms passed,
   -1 = error.  (IDLE and other waits.) */
int stream_wait_input(struct stream *s, int timeout_ms);
/* Consume exactly n bytes of input without keeping them (a literal that
   follows an over-long line).  1 = done, 0 = EOF first, -1 = error or
   timeout (errno). */
int stream_skip(struct stream *s, size_t n);

/* After stream_read_line() failed with EMSGSIZE: did the discarded line end
   in a literal announcement "{n}" or "{n+}" (RFC 3501 / RFC 7888)?  The
   stream remembers the last STREAM_TAIL_MAX bytes of every line, so this
   works however long the line was.
     1: *n_r = n, *nonsync_r = true for "{n+}".  A non-synchronising
        literal follows at once: stream_skip(s, n), then read and discard
        the rest of the command line with stream_read_line() - which may
        end in another literal, so loop.  For "{n}" the client waits for a
        "+" continuation that never comes: nothing to skip, answer BAD.
     0: no literal: the session is in step.
    -1: errno ERANGE: a size over 2^32-1, or digits reaching back past the
        remembered tail: the session cannot be kept in step; close it.
   Only meaningful right after the EMSGSIZE (the next line replaces it).
   Typical use (imapd):
	while (r < 0 && errno == EMSGSIZE) {
		if (stream_overlong_literal(s, &n, &ns) <= 0 || !ns)
			break;                 (-1: BYE; 0 or {n}: BAD)
		if (stream_skip(s, n) <= 0)
			break;
		r = stream_read_line(s, &line);   (the rest; may overflow again)
	} */
int stream_overlong_literal(const struct stream *s, uint64_t *n_r, bool *nonsync_r);
/* The same test on bytes the caller holds (a line: p[0..len), a trailing
   CR ignored). */
int stream_literal_parse(const void *p, size_t len, uint64_t *n_r, bool *nonsync_r);

/* stream_send_fd() flags */
#define STREAM_SEND_CRLF 0x01u  /* bare LF -> CRLF; an existing CRLF stays */
#define STREAM_SEND_PAD  0x02u  /* file ended early: spaces make up n */
/* Send exactly n bytes of output made from fd's bytes at offset off
   (pread: fd's own offset is not used; a pipe is read instead, skipping
   off bytes), converted with STREAM_SEND_CRLF (n counts the converted
   bytes; a CRLF the limit cuts in two is sent up to the limit).  Goes
   through the output buffer in small pieces: no copy of the file in
   memory.  Reading stops after n output bytes, so a file longer than
   expected is cut; one that ends early (shrunk meanwhile) sends less,
   unless STREAM_SEND_PAD fills with spaces so the session stays in step
   with the size it announced.  Returns the bytes that came from the file
   (== n when complete), or -1 with errno (a read error; a write error as
   stream_write).  A CR just before off counts: an LF at off that ends a
   CRLF is sent as it is, so sending a file in pieces gives the same bytes
   as sending it whole. */
ATTR_WARN_UNUSED int64_t stream_send_fd(struct stream *s, int fd, uint64_t off, uint64_t n,
					unsigned flags);

/* stream_wait_input_fd() results (a bit set) */
#define STREAM_WAIT_INPUT 0x01   /* stream input buffered, readable, or EOF */
#define STREAM_WAIT_FD    0x02   /* fd readable (or hung up / in error) */
/* Wait until the stream has input or fd (e.g. an inotify instance for
   IDLE; -1 = none) is readable, at most timeout_ms (-1 = forever; the
   stream's deadline also counts).  Returns STREAM_WAIT_INPUT and/or
   STREAM_WAIT_FD, 0 when the time passed, -1 with errno.  Buffered input
   counts at once; callback streams are asked without waiting, in 10 ms
   steps. */
int stream_wait_input_fd(struct stream *s, int fd, int timeout_ms);

/* Buffered output.  -1 (errno) on write error or timeout; after an error every
   later write fails too. */
int stream_write(struct stream *s, const void *p, size_t n);
int stream_puts(struct stream *s, const char *str);
int stream_printf(struct stream *s, const char *fmt, ...) ATTR_PRINTF(2, 3);
int stream_flush(struct stream *s);
/* Bytes written into the buffered output so far (sent=) and read (rcvd=). */
uint64_t stream_bytes_out(const struct stream *s);
uint64_t stream_bytes_in(const struct stream *s);
/* The fds in use (-1 for callback streams). */
int stream_rfd(const struct stream *s);
int stream_wfd(const struct stream *s);

#endif
