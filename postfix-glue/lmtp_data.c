#include "config.h"
/*
 * lmtp_data.c - the DATA body reader: dot-unstuffing, CRLF to LF, size cap.
 *
 * Trust:   the body is the client's: any bytes, any line length.
 * Runs as: the lmtpd session process.
 * Limits:  size_limit (message_size_limit) on the wire size, LMTP_DATA_LINE_MAX
 *          per line (memory), the stream's read timeout per line.
 * Errors:  enum lmtp_data_status; the body is always read to its end when the
 *          connection survives, so a refusal never desynchronises the session.
 * Tests:   tests/unit/postfix-glue/test_data.c, tests/protocol/lmtp/ transcripts
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "lmtp_data.h"
#include "stream.h"

#define DATA_WBUF 65536

static int flush_out(int fd, struct buf *out)
{
	size_t off = 0;

	while (off < out->len) {
		ssize_t n = write(fd, out->data + off, out->len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	buf_reset(out);
	return 0;
}

void lmtp_data_read(struct stream *s, int fd, uint64_t size_limit, size_t restore_line_max,
		    struct lmtp_data_result *res)
{
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
		if (out.len >= DATA_WBUF && flush_out(fd, &out) < 0) {
			res->status = LMTP_DATA_WRITE_ERROR;
			res->err = errno;
			keep = false;
		}
	}
	if (keep && res->status == LMTP_DATA_OK && out.len > 0 && flush_out(fd, &out) < 0) {
		res->status = LMTP_DATA_WRITE_ERROR;
		res->err = errno;
	}
	stream_set_line_max(s, restore_line_max);
	buf_free(&line);
	buf_free(&out);
}
