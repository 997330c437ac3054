/*
 * fdio.h - whole reads and writes on plain file descriptors (files, pipes).
 * Connection I/O with timeouts goes through stream.h instead.
 */
#ifndef STAFETA_FDIO_H
#define STAFETA_FDIO_H

#include <stddef.h>
#include "compat.h"

struct buf;

/* Write all n bytes, retrying on EINTR and short writes.  0, or -1 with errno. */
ATTR_WARN_UNUSED int fd_write_all(int fd, const void *p, size_t n);
/* Append the rest of fd to b.  0, or -1 with errno (EMSGSIZE when the data
   would pass b's max: b then holds what fitted). */
ATTR_WARN_UNUSED int fd_read_all(int fd, struct buf *b);
/* Read a whole regular file into b (reset first).  0, or -1 with errno
   (EMSGSIZE over b's max, EINVAL for a non-regular file such as a FIFO, which
   is never opened for blocking reads). */
ATTR_WARN_UNUSED int fd_read_file(const char *path, struct buf *b);
/* Close fds lo..hi (hi may be ~0U: all above lo): close_range(), or one by
   one up to the fd limit on kernels before 5.9.  Errors are ignored (a
   descriptor that was not open). */
void fd_close_range(unsigned lo, unsigned hi);
/* Close every fd from 3 up except keep (duplicated to 3 first; returned):
   what a child that drops privileges keeps is stdin/out/err and its one
   channel.  Call log_detach_syslog() before.  3, or -1 with errno. */
int fd_close_all_but(int keep);

#endif
