/*
 * stream.c - buffered connection stream: bounded line reads that resync after
 * an over-long line, exact reads for literals, copies to files for large
 * bodies, buffered writes; every wait bounded by poll() timeouts.
 *
 * Trust:   every input byte is untrusted; NULs are passed through in lines.
 * Limits:  line_max per line; the input buffer is fixed (STREAM_IN_BUF);
 *          output is flushed whenever out_max bytes are pending.
 * Errors:  -1 with errno: ETIMEDOUT, EMSGSIZE, EPIPE, or the system's.
 * Tests:   tests/unit/lib/test_stream.c, tests/fuzz/fuzz_stream.c
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "stream.h"
#include "timeutil.h"
#include "xmalloc.h"

#define STREAM_IN_BUF 16384

struct stream {
	int rfd, wfd;
	int wfd_is_sock;
	stream_read_fn *rd;
	stream_write_fn *wr;
	void *ctx;
	struct stream_limits lim;
	char in[STREAM_IN_BUF];
	size_t in_start, in_end;
	int eof;
	char *out;
	size_t out_len;
	int werr;               /* sticky write errno, 0 if none */
	int64_t deadline;       /* -1: none */
	uint64_t nin, nout;
	char tail[STREAM_TAIL_MAX];   /* the last bytes of the last line read */
	size_t tail_len;
};

static const struct stream_limits default_limits = {
	STREAM_LINE_MAX_DEFAULT, STREAM_OUT_MAX_DEFAULT, 0, 0
};

static int fd_is_socket(int fd)
{
	int type;
	socklen_t len = sizeof(type);

	return fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0;
}

static struct stream *stream_alloc(const struct stream_limits *lim)
{
	struct stream *s = xcalloc(1, sizeof(*s));

	s->lim = lim != NULL ? *lim : default_limits;
	if (s->lim.line_max == 0)
		s->lim.line_max = STREAM_LINE_MAX_DEFAULT;
	if (s->lim.out_max == 0)
		s->lim.out_max = STREAM_OUT_MAX_DEFAULT;
	s->out = xmalloc(s->lim.out_max);
	s->deadline = -1;
	s->rfd = s->wfd = -1;
	return s;
}

struct stream *stream_new(int rfd, int wfd, const struct stream_limits *lim)
{
	struct stream *s = stream_alloc(lim);

	s->rfd = rfd;
	s->wfd = wfd;
	s->wfd_is_sock = fd_is_socket(wfd);
	return s;
}

struct stream *stream_new_cb(stream_read_fn *rd, stream_write_fn *wr, void *ctx,
			     const struct stream_limits *lim)
{
	struct stream *s = stream_alloc(lim);

	s->rd = rd;
	s->wr = wr;
	s->ctx = ctx;
	return s;
}

void stream_free(struct stream **sp)
{
	struct stream *s = *sp;

	if (s == NULL)
		return;
	free(s->out);
	free(s);
	*sp = NULL;
}

size_t stream_discard_input(struct stream *s)
{
	size_t n = s->in_end - s->in_start;

	s->in_start = s->in_end = 0;
	return n;
}

size_t stream_set_fds(struct stream *s, int rfd, int wfd)
{
	s->rfd = rfd;
	s->wfd = wfd;
	s->wfd_is_sock = fd_is_socket(wfd);
	s->eof = 0;
	return stream_discard_input(s);
}

int stream_preload(struct stream *s, const void *p, size_t n)
{
	size_t have = s->in_end - s->in_start;

	if (n > sizeof(s->in) - have) {
		errno = EMSGSIZE;
		return -1;
	}
	memmove(s->in + n, s->in + s->in_start, have);
	memcpy(s->in, p, n);
	s->in_start = 0;
	s->in_end = n + have;
	return 0;
}

size_t stream_input_pending(const struct stream *s)
{
	return s->in_end - s->in_start;
}

void stream_set_deadline(struct stream *s, int64_t deadline_ms)
{
	s->deadline = deadline_ms;
}

void stream_set_read_timeout(struct stream *s, int seconds)
{
	s->lim.read_timeout = seconds;
}

void stream_set_line_max(struct stream *s, size_t line_max)
{
	s->lim.line_max = line_max;
}

/* Seconds to poll() milliseconds; <= 0 = forever (-1), clamped to INT_MAX. */
static int secs_to_ms(int seconds)
{
	if (seconds <= 0)
		return -1;
	return seconds > INT_MAX / 1000 ? INT_MAX : seconds * 1000;
}

/* Milliseconds the next read may wait: the smaller of the read timeout and
   the deadline; -1 = forever. */
static int read_wait_ms(const struct stream *s)
{
	int t = secs_to_ms(s->lim.read_timeout);
	int d = time_left_ms(s->deadline);

	if (d >= 0 && (t < 0 || d < t))
		t = d;
	return t;
}

static ssize_t fd_read(int fd, void *p, size_t n, int timeout_ms)
{
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int r = poll(&pfd, 1, timeout_ms);
		ssize_t got;

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		got = read(fd, p, n);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return got;
	}
}

/* Read more input.  1 = got bytes, 0 = EOF, -1 = error. */
static int stream_fill(struct stream *s, int timeout_ms)
{
	ssize_t got;

	if (s->eof)
		return 0;
	if (s->in_start == s->in_end) {
		s->in_start = s->in_end = 0;
	} else if (s->in_end == sizeof(s->in) && s->in_start > 0) {
		memmove(s->in, s->in + s->in_start, s->in_end - s->in_start);
		s->in_end -= s->in_start;
		s->in_start = 0;
	}
	if (s->in_end == sizeof(s->in))
		return 1;   /* full: the caller consumes first */
	if (timeout_ms == 0 && s->deadline >= 0 && time_left_ms(s->deadline) == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (s->rd != NULL)
		got = s->rd(s->ctx, s->in + s->in_end, sizeof(s->in) - s->in_end, timeout_ms);
	else if (s->rfd >= 0)
		got = fd_read(s->rfd, s->in + s->in_end, sizeof(s->in) - s->in_end, timeout_ms);
	else {
		errno = EBADF;
		return -1;
	}
	if (got < 0)
		return -1;
	if (got == 0) {
		s->eof = 1;
		return 0;
	}
	s->in_end += (size_t)got;
	s->nin += (uint64_t)got;
	return 1;
}

/* Remember the last STREAM_TAIL_MAX bytes of the line being read. */
static void tail_note(struct stream *s, const char *p, size_t n)
{
	if (n >= STREAM_TAIL_MAX) {
		memcpy(s->tail, p + n - STREAM_TAIL_MAX, STREAM_TAIL_MAX);
		s->tail_len = STREAM_TAIL_MAX;
		return;
	}
	if (s->tail_len + n > STREAM_TAIL_MAX) {
		size_t drop = s->tail_len + n - STREAM_TAIL_MAX;
		memmove(s->tail, s->tail + drop, s->tail_len - drop);
		s->tail_len -= drop;
	}
	memcpy(s->tail + s->tail_len, p, n);
	s->tail_len += n;
}

int stream_read_line(struct stream *s, struct buf *line)
{
	size_t total = 0;   /* bytes of this line before the LF */
	int overflow = 0;

	buf_reset(line);
	s->tail_len = 0;
	for (;;) {
		char *start = s->in + s->in_start;
		size_t avail = s->in_end - s->in_start;
		char *lf = avail > 0 ? memchr(start, '\n', avail) : NULL;
		size_t chunk = lf != NULL ? (size_t)(lf - start) : avail;
		int r;

		tail_note(s, start, chunk);

		/* a CR before the LF does not count against line_max */
		if (!overflow) {
			/* total + chunk > line_max + 1, without line_max + 1
			   wrapping to 0 for line_max SIZE_MAX */
			if ((total + chunk > s->lim.line_max &&
			     total + chunk - s->lim.line_max > 1) ||
			    buf_append(line, start, chunk) < 0)
				overflow = 1;
		}
		total += chunk;
		s->in_start += chunk;
		if (lf != NULL) {
			s->in_start++;  /* the LF */
			if (!overflow && line->len > 0 && line->data[line->len - 1] == '\r')
				buf_truncate(line, line->len - 1);
			if (!overflow && line->len > s->lim.line_max)
				overflow = 1;
			if (overflow) {
				buf_reset(line);
				errno = EMSGSIZE;
				return -1;
			}
			return 1;
		}
		r = stream_fill(s, read_wait_ms(s));
		if (r <= 0) {
			if (r == 0)
				buf_reset(line);
			return r;
		}
	}
}

int stream_read_exact(struct stream *s, struct buf *dst, size_t n)
{
	int overflow = 0;

	while (n > 0) {
		size_t avail = s->in_end - s->in_start;
		size_t take = avail < n ? avail : n;

		if (take > 0) {
			if (!overflow && buf_append(dst, s->in + s->in_start, take) < 0)
				overflow = 1;
			s->in_start += take;
			n -= take;
			continue;
		}
		int r = stream_fill(s, read_wait_ms(s));

		if (r <= 0)
			return r;
	}
	if (overflow) {
		errno = EMSGSIZE;
		return -1;
	}
	return 1;
}

int stream_skip(struct stream *s, size_t n)
{
	while (n > 0) {
		size_t avail = s->in_end - s->in_start;
		size_t take = avail < n ? avail : n;

		if (take > 0) {
			s->in_start += take;
			n -= take;
			continue;
		}
		int r = stream_fill(s, read_wait_ms(s));

		if (r <= 0)
			return r;
	}
	return 1;
}

int stream_copy_to_fd(struct stream *s, int fd, size_t n)
{
	while (n > 0) {
		size_t avail = s->in_end - s->in_start;
		size_t take = avail < n ? avail : n;

		if (take > 0) {
			if (fd_write_all(fd, s->in + s->in_start, take) < 0) {
				int e = errno;

				/* keep the session in step: consume what was announced */
				s->in_start += take;
				(void)stream_skip(s, n - take);
				errno = e;
				return -1;
			}
			s->in_start += take;
			n -= take;
			continue;
		}
		int r = stream_fill(s, read_wait_ms(s));

		if (r <= 0)
			return r;
	}
	return 1;
}

int stream_wait_input(struct stream *s, int timeout_ms)
{
	int r;

	if (s->in_end > s->in_start || s->eof)
		return 1;
	r = stream_fill(s, timeout_ms);
	if (r < 0)
		return errno == ETIMEDOUT ? 0 : -1;
	return 1;
}

/* Write n bytes to the destination with the write timeout. */
static int stream_send(struct stream *s, const char *p, size_t n)
{
	int timeout = secs_to_ms(s->lim.write_timeout);

	while (n > 0) {
		ssize_t w;

		if (s->wr != NULL) {
			w = s->wr(s->ctx, p, n, timeout);
		} else {
			struct pollfd pfd = { s->wfd, POLLOUT, 0 };
			int r;

			/* A socket usually has room: try first, wait only on EAGAIN
			   (one syscall per reply instead of two). */
			if (s->wfd_is_sock) {
				w = send(s->wfd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
				if (w > 0) {
					p += w;
					n -= (size_t)w;
					continue;
				}
				if (w < 0 && errno != EAGAIN && errno != EINTR)
					return -1;
			}
			r = poll(&pfd, 1, timeout);

			if (r < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			if (r == 0) {
				errno = ETIMEDOUT;
				return -1;
			}
			/* A blocking pipe write of more than the free room waits
			   for the reader with no timeout; after POLLOUT, PIPE_BUF
			   bytes fit, so never ask for more. */
			if (s->wfd_is_sock)
				w = send(s->wfd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
			else
				w = write(s->wfd, p, n < PIPE_BUF ? n : PIPE_BUF);
			if (w < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
		}
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EPIPE;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int stream_flush(struct stream *s)
{
	if (s->werr != 0) {
		errno = s->werr;
		return -1;
	}
	if (s->out_len == 0)
		return 0;
	if (stream_send(s, s->out, s->out_len) < 0) {
		s->werr = errno != 0 ? errno : EIO;
		s->out_len = 0;
		return -1;
	}
	s->out_len = 0;
	return 0;
}

int stream_write(struct stream *s, const void *p, size_t n)
{
	if (s->werr != 0) {
		errno = s->werr;
		return -1;
	}
	s->nout += n;
	if (s->out_len + n > s->lim.out_max && stream_flush(s) < 0)
		return -1;
	if (n >= s->lim.out_max) {
		if (stream_send(s, p, n) < 0) {
			s->werr = errno != 0 ? errno : EIO;
			return -1;
		}
		return 0;
	}
	memcpy(s->out + s->out_len, p, n);
	s->out_len += n;
	return 0;
}

int stream_puts(struct stream *s, const char *str)
{
	return stream_write(s, str, strlen(str));
}

int stream_printf(struct stream *s, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if ((size_t)n < sizeof(small))
		return stream_write(s, small, (size_t)n);

	char *big = xmalloc((size_t)n + 1);
	int r;

	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r = stream_write(s, big, (size_t)n);
	free(big);
	return r;
}

uint64_t stream_bytes_out(const struct stream *s)
{
	return s->nout;
}

uint64_t stream_bytes_in(const struct stream *s)
{
	return s->nin;
}

int stream_rfd(const struct stream *s)
{
	return s->rfd;
}

int stream_wfd(const struct stream *s)
{
	return s->wfd;
}

/* ---- IMAP-style literals after an over-long line ------------------------- */

/* cut: p is the tail of a longer line, so digits reaching back to p[0]
   may have lost their '{'. */
static int literal_parse(const void *p, size_t len, bool cut, uint64_t *n_r, bool *nonsync_r)
{
	const char *b = p, *end;
	size_t i, digits;
	uint64_t v = 0;
	bool nonsync = false;

	if (len > 0 && b[len - 1] == '\r')
		len--;
	if (len < 3 || b[len - 1] != '}')
		return 0;
	end = b + len - 1;   /* the '}' */
	if (end[-1] == '+') {
		nonsync = true;
		end--;
	}
	for (digits = 0; end - digits > b && end[-1 - (ptrdiff_t)digits] >= '0' &&
			 end[-1 - (ptrdiff_t)digits] <= '9';
	     digits++)
		;
	if (digits == 0)
		return 0;
	if (end - digits == b) {
		if (!cut)
			return 0;
		errno = ERANGE;   /* only digits up to the cut: the '{' is lost */
		return -1;
	}
	if (end[-1 - (ptrdiff_t)digits] != '{')
		return 0;
	for (i = 0; i < digits; i++) {
		v = v * 10 + (uint64_t)(end[-(ptrdiff_t)digits + (ptrdiff_t)i] - '0');
		if (v > UINT32_MAX) {
			errno = ERANGE;
			return -1;
		}
	}
	*n_r = v;
	*nonsync_r = nonsync;
	return 1;
}

int stream_literal_parse(const void *p, size_t len, uint64_t *n_r, bool *nonsync_r)
{
	return literal_parse(p, len, false, n_r, nonsync_r);
}

int stream_overlong_literal(const struct stream *s, uint64_t *n_r, bool *nonsync_r)
{
	return literal_parse(s->tail, s->tail_len, s->tail_len == STREAM_TAIL_MAX, n_r, nonsync_r);
}

/* ---- sending a file ---------------------------------------------------------- */

#define STREAM_SEND_CHUNK 8192

/* Write up to *room bytes of p[0..n); returns how many were taken. */
static int send_part(struct stream *s, const char *p, size_t n, uint64_t *room, size_t *took)
{
	size_t k = (uint64_t)n > *room ? (size_t)*room : n;

	*took = k;
	if (k > 0 && stream_write(s, p, k) < 0)
		return -1;
	*room -= k;
	return 0;
}

int64_t stream_send_fd(struct stream *s, int fd, uint64_t off, uint64_t n, unsigned flags)
{
	char chunk[STREAM_SEND_CHUNK];
	uint64_t room = n;
	bool use_read = false, prev_cr = false;

	/* the byte before off decides whether an LF at off is a bare one */
	if ((flags & STREAM_SEND_CRLF) && off > 0 && n > 0) {
		char c;
		prev_cr = pread(fd, &c, 1, (off_t)(off - 1)) == 1 && c == '\r';
	}
	while (room > 0) {
		size_t want = room < sizeof(chunk) ? (size_t)room : sizeof(chunk);
		ssize_t got = use_read ? read(fd, chunk, want) : pread(fd, chunk, want, (off_t)off);
		size_t i = 0, took;

		if (got < 0 && errno == ESPIPE && !use_read) {
			/* a pipe: read it, dropping off bytes first */
			use_read = true;
			while (off > 0) {
				size_t k = off < sizeof(chunk) ? (size_t)off : sizeof(chunk);
				got = read(fd, chunk, k);
				if (got < 0 && (errno == EINTR || errno == EAGAIN))
					continue;
				if (got <= 0)
					break;
				off -= (uint64_t)got;
				prev_cr = chunk[got - 1] == '\r';
			}
			if (off > 0 && got < 0)
				return -1;
			if (off > 0)
				break;   /* EOF inside the skipped part */
			continue;
		}
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;   /* the file ended early */
		off += (uint64_t)got;
		if ((flags & STREAM_SEND_CRLF) == 0) {
			if (send_part(s, chunk, (size_t)got, &room, &took) < 0)
				return -1;
			continue;
		}
		while (i < (size_t)got && room > 0) {
			const char *lf = memchr(chunk + i, '\n', (size_t)got - i);
			size_t seg = lf != NULL ? (size_t)(lf - (chunk + i)) : (size_t)got - i;
			bool cr_before = seg > 0 ? chunk[i + seg - 1] == '\r' : prev_cr;

			if (send_part(s, chunk + i, seg, &room, &took) < 0)
				return -1;
			if (seg > 0)
				prev_cr = chunk[i + seg - 1] == '\r';
			i += seg;
			if (lf == NULL || room == 0)
				break;
			if (send_part(s, cr_before ? "\n" : "\r\n", cr_before ? 1 : 2, &room, &took) < 0)
				return -1;
			prev_cr = false;
			i++;
		}
	}
	if (room > 0 && (flags & STREAM_SEND_PAD)) {
		uint64_t sent = n - room;
		memset(chunk, ' ', sizeof(chunk));
		while (room > 0) {
			size_t took;
			if (send_part(s, chunk, sizeof(chunk), &room, &took) < 0)
				return -1;
		}
		return (int64_t)sent;
	}
	return (int64_t)(n - room);
}

/* ---- waiting for input and another descriptor --------------------------------- */

int stream_wait_input_fd(struct stream *s, int fd, int timeout_ms)
{
	struct pollfd p[2];
	int64_t until;
	int d = time_left_ms(s->deadline);

	if (d >= 0 && (timeout_ms < 0 || d < timeout_ms))
		timeout_ms = d;
	until = timeout_ms >= 0 ? time_mono_ms() + timeout_ms : -1;
	for (;;) {
		int r, ready = 0, nfds = 0, wait = until >= 0 ? time_left_ms(until) : -1;

		if (s->in_end > s->in_start || s->eof)
			ready |= STREAM_WAIT_INPUT;
		if (s->rd != NULL && ready == 0) {
			/* a callback stream: ask it without waiting */
			r = stream_fill(s, 0);
			if (r >= 0 && (s->in_end > s->in_start || s->eof))
				ready |= STREAM_WAIT_INPUT;
			else if (r < 0 && errno != ETIMEDOUT)
				return -1;
		}
		if (fd >= 0) {
			p[nfds].fd = fd;
			p[nfds].events = POLLIN;
			p[nfds].revents = 0;
			nfds++;
		}
		if (ready == 0 && s->rd == NULL && s->rfd >= 0) {
			p[nfds].fd = s->rfd;
			p[nfds].events = POLLIN;
			p[nfds].revents = 0;
			nfds++;
		}
		r = poll(p, (nfds_t)nfds, ready != 0 || s->rd != NULL ? 0 : wait);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (fd >= 0 && p[0].revents != 0)
			ready |= STREAM_WAIT_FD;
		if (nfds == 2 || (fd < 0 && nfds == 1)) {
			if (p[nfds - 1].revents != 0)
				ready |= STREAM_WAIT_INPUT;
		}
		if (ready != 0)
			return ready;
		if (s->rd != NULL) {
			/* callback streams are polled in short steps */
			if (wait == 0)
				return 0;
			(void)poll(NULL, 0, wait < 0 || wait > 10 ? 10 : wait);
			continue;
		}
		if (r == 0 && wait >= 0)
			return 0;
	}
}
