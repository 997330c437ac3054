/*
 * adhelpers.h - fixtures of the authdaemon unit tests: memory streams, a
 * fake authdaemond that records requests and answers from a script, hex.
 */
#ifndef STAFETA_TEST_ADHELPERS_H
#define STAFETA_TEST_ADHELPERS_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "stream.h"

/* A stream reading from data (chunk bytes per read, 0 = all at once) and
   collecting writes into *out. */
struct mem_stream {
	const char *data;
	size_t len, pos, chunk;
	struct buf out;
};
struct stream *mem_stream_new(struct mem_stream *m, const char *data, size_t chunk,
			      size_t line_max);
void mem_stream_done(struct mem_stream *m, struct stream **s);

/* A fake authdaemond on a unix socket in dir: for each of n connections it
   reads one request (up to the AUTH payload), appends it to dir/requests,
   then answers reply[i] (NULL = close without a reply).  Returns the child
   pid; the socket path is dir/socket. */
pid_t fake_daemon_start(const char *dir, const char *const *replies, size_t n);
/* Wait for the child; returns its exit status (0 = served everything). */
int fake_daemon_wait(pid_t pid);
/* The recorded requests (malloc'ed, "" if none). */
char *fake_daemon_requests(const char *dir);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_of(const unsigned char *p, size_t n, char *out);
/* Write text to path (mode). */
void write_file(const char *path, const char *text, int mode);
/* A malloc'ed "dir/name". */
char *path_join(const char *dir, const char *name);

#endif
