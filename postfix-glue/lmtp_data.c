#include "config.h"
/*
 * lmtp_data.c - the DATA body reader: dot-unstuffing, CRLF to LF, size cap;
 * the spool it writes to (memory up to LMTP_SPOOL_MEM_MAX, then a file).
 *
 * Trust:   the body is the client's: any bytes, any line length.
 * Runs as: the lmtpd session process.
 * Limits:  size_limit (message_size_limit) on the wire size, LMTP_DATA_LINE_MAX
 *          per line (memory), the stream's read timeout per line;
 *          LMTP_SPOOL_MEM_MAX bytes of body in memory, the rest on disk.
 * Errors:  enum lmtp_data_status; the body is always read to its end when the
 *          connection survives, so a refusal never desynchronises the session.
 * Tests:   tests/unit/postfix-glue/test_data.c, tests/protocol/lmtp/ transcripts
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "lmtp_data.h"
#include "stream.h"
#include "xmalloc.h"

#define DATA_WBUF 65536

/* An unlinked file in dir. */
static int disk_open(const char *dir)
{
	struct buf path = BUF_INIT(4096);
	int fd;

#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	if (buf_printf(&path, "%s/lmtpd.XXXXXX", dir) < 0) {
		buf_free(&path);
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkstemp(path.data);
	if (fd >= 0) {
		(void)unlink(path.data);
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	buf_free(&path);
	return fd;
}

int lmtp_spool_open(struct lmtp_spool *sp, const char *dir)
{
	memset(sp, 0, sizeof(*sp));
	sp->fd = -1;
	sp->dir = dir;
	/* a body that outgrows memory must find dir usable: a broken
	   temp_directory fails every DATA at once, not only the large ones */
	if (dir != NULL && access(dir, W_OK | X_OK) < 0)
		return -1;
#ifdef MFD_CLOEXEC
	sp->fd = memfd_create("lmtpd-spool", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (sp->fd >= 0) {
		sp->in_memory = true;
		return 0;
	}
#endif
	/* no memfd (old kernel, a seccomp filter): straight to disk */
	sp->fd = dir != NULL ? disk_open(dir) : -1;
	if (dir == NULL)
		errno = ENOSYS;
	return sp->fd >= 0 ? 0 : -1;
}

void lmtp_spool_from_fd(struct lmtp_spool *sp, int fd)
{
	memset(sp, 0, sizeof(*sp));
	sp->fd = fd;
}

/* Copy the memory file into a new file in dir and use that from now on. */
static int spool_to_disk(struct lmtp_spool *sp)
{
	char *chunk;
	uint64_t off = 0;
	int fd = disk_open(sp->dir);

	if (fd < 0)
		return -1;
	chunk = xmalloc(DATA_WBUF);
	while (off < sp->size) {
		size_t want = sp->size - off > DATA_WBUF ? DATA_WBUF : (size_t)(sp->size - off);
		ssize_t n = pread(sp->fd, chunk, want, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || fd_write_all(fd, chunk, (size_t)n) < 0) {
			int e = n == 0 ? EIO : errno;

			free(chunk);
			close(fd);
			errno = e;
			return -1;
		}
		off += (uint64_t)n;
	}
	free(chunk);
	close(sp->fd);
	sp->fd = fd;
	sp->in_memory = false;
	return 0;
}

int lmtp_spool_write(struct lmtp_spool *sp, const void *p, size_t n)
{
	if (sp->in_memory && sp->dir != NULL && sp->size + n > LMTP_SPOOL_MEM_MAX &&
	    spool_to_disk(sp) < 0)
		return -1;
	if (fd_write_all(sp->fd, p, n) < 0)
		return -1;
	sp->size += n;
	return 0;
}

int lmtp_spool_seal(struct lmtp_spool *sp)
{
	char proc[64];
	int ro;

	if (sp->in_memory)
		return fcntl(sp->fd, F_ADD_SEALS,
			     F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
	/* a file on disk: the same file, opened again read-only */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", sp->fd);
	ro = open(proc, O_RDONLY | O_CLOEXEC);
	if (ro < 0)
		return -1;
	close(sp->fd);
	sp->fd = ro;
	return 0;
}

void lmtp_spool_close(struct lmtp_spool *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
}

static int flush_out(struct lmtp_spool *sp, struct buf *out)
{
	if (lmtp_spool_write(sp, out->data, out->len) < 0)
		return -1;
	buf_reset(out);
	return 0;
}

void lmtp_data_read(struct stream *s, int fd, uint64_t size_limit, size_t restore_line_max,
		    struct lmtp_data_result *res)
{
	struct lmtp_spool sp;

	lmtp_spool_from_fd(&sp, fd);
	lmtp_data_read_spool(s, &sp, size_limit, restore_line_max, res);
}

/* Append a header line's text to the Message-ID being collected (white
   space at both ends dropped, folds joined by one space, cut at the cap). */
static void msgid_add(struct lmtp_data_result *res, const char *p, size_t n)
{
	size_t have = strlen(res->message_id);

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	if (n == 0)
		return;
	if (have > 0 && have < LMTP_MSGID_MAX)
		res->message_id[have++] = ' ';
	if (n > LMTP_MSGID_MAX - have)
		n = LMTP_MSGID_MAX - have;
	memcpy(res->message_id + have, p, n);
	res->message_id[have + n] = '\0';
}

void lmtp_data_read_spool(struct stream *s, struct lmtp_spool *sp, uint64_t size_limit,
			  size_t restore_line_max, struct lmtp_data_result *res)
{
	int msgid = 0;      /* 0 not seen, 1 in its lines, 2 done */
	struct buf line = BUF_INIT(LMTP_DATA_LINE_MAX + 1);
	struct buf out = BUF_INIT(DATA_WBUF + LMTP_DATA_LINE_MAX + 2);
	bool in_header = true;
	bool keep = true;   /* still writing to the file */

	memset(res, 0, sizeof(*res));
	res->status = LMTP_DATA_OK;
	stream_set_line_max(s, LMTP_DATA_LINE_MAX);
	for (;;) {
		int r = stream_read_line(s, &line);
		const char *p;
		size_t n;

		if (r == 0 || (r < 0 && errno != EMSGSIZE)) {
			res->err = r == 0 ? 0 : errno;
			res->status = LMTP_DATA_LOST;
			break;
		}
		if (r < 0) {
			/* over LMTP_DATA_LINE_MAX: the rest of the line was skipped */
			if (res->status == LMTP_DATA_OK)
				res->status = LMTP_DATA_LINE_TOO_LONG;
			keep = false;
			continue;
		}
		p = line.data != NULL ? line.data : "";
		n = line.len;
		if (n == 1 && p[0] == '.')
			break;
		if (n > 0 && p[0] == '.') {
			p++;
			n--;
		}
		res->wire_bytes += n + 2;
		if (in_header) {
			if (msgid == 1 && n > 0 && (p[0] == ' ' || p[0] == '\t'))
				msgid_add(res, p, n);
			else if (msgid == 1)
				msgid = 2;
			if (msgid == 0 && n >= 11 && strncasecmp(p, "Message-ID:", 11) == 0) {
				msgid = 1;
				msgid_add(res, p + 11, n - 11);
			}
			if (n == 0)
				in_header = false;
			else if (n >= 9 && strncasecmp(p, "Received:", 9) == 0 &&
				 ++res->hops > LMTP_DATA_HOPS_MAX && res->status == LMTP_DATA_OK) {
				res->status = LMTP_DATA_LOOP;
				keep = false;
			}
		}
		if (size_limit != 0 && res->wire_bytes > size_limit) {
			if (res->status == LMTP_DATA_OK)
				res->status = LMTP_DATA_TOO_BIG;
			keep = false;
		}
		if (!keep)
			continue;
		if (buf_append(&out, p, n) < 0 || buf_putc(&out, '\n') < 0) {
			/* cannot happen: out has room for one line past DATA_WBUF */
			res->status = LMTP_DATA_WRITE_ERROR;
			res->err = EMSGSIZE;
			keep = false;
			continue;
		}
		res->file_bytes += n + 1;
		if (out.len >= DATA_WBUF && flush_out(sp, &out) < 0) {
			res->status = LMTP_DATA_WRITE_ERROR;
			res->err = errno;
			keep = false;
		}
	}
	if (keep && res->status == LMTP_DATA_OK && out.len > 0 && flush_out(sp, &out) < 0) {
		res->status = LMTP_DATA_WRITE_ERROR;
		res->err = errno;
	}
	stream_set_line_max(s, restore_line_max);
	buf_free(&line);
	buf_free(&out);
}
