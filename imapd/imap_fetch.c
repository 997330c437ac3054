/*
 * imap_fetch.c - FETCH responses for the selected mailbox.
 *
 * Tests:   tests/unit/imapd/test_imap_fetch.c, tests/protocol/imap/
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "imap_bodystructure.h"
#include "imap_fetch.h"
#include "imap_fetch_body.h"
#include "imap_fetch_envelope.h"
#include "imap_view.h"
#include "maildir_name.h"
#include "mime.h"
#include "rfc822_crlf.h"
#include "rfc822_date.h"
#include "rfc822_hdr.h"
#include "stream.h"

/* The message file, mapped read-only. */
struct msg_file {
	int fd;
	const char *data;
	size_t size;
	void *map;
};

static int msg_open(struct imap_view *v, size_t i, struct msg_file *m)
{
	struct stat st;

	memset(m, 0, sizeof(*m));
	m->fd = imap_view_open_file(v, i);
	if (m->fd < 0)
		return -1;
	if (fstat(m->fd, &st) < 0 || st.st_size < 0 || (uint64_t)st.st_size > SIZE_MAX / 2) {
		close(m->fd);
		m->fd = -1;
		errno = EIO;
		return -1;
	}
	m->size = (size_t)st.st_size;
	if (m->size == 0) {
		m->data = "";
		return 0;
	}
	m->map = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, m->fd, 0);
	if (m->map == MAP_FAILED) {
		m->map = NULL;
		close(m->fd);
		m->fd = -1;
		return -1;
	}
	m->data = m->map;
	return 0;
}

static void msg_close(struct msg_file *m)
{
	if (m->map != NULL)
		munmap(m->map, m->size);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	m->map = NULL;
}

static int sep(struct buf *out, bool *first)
{
	if (*first) {
		*first = false;
		return 0;
	}
	return buf_putc(out, ' ');
}

static int write_internaldate(struct buf *out, time_t t)
{
	char d[IMAP_DATE_SIZE];
	struct tm tm;
	int tz = 0;

	if (localtime_r(&t, &tm) != NULL)
		tz = (int)(tm.tm_gmtoff / 60);
	imap_date_format(t, tz, d);
	return buf_printf(out, "INTERNALDATE \"%s\"", d);
}

/* The part of the response built in memory, up to the body sections. */
static int write_simple(struct imap_view *v, size_t i, const struct imap_fetch_req *req,
			bool flags, const struct msg_file *m, const struct mime_part *root,
			bool utf8, struct buf *out, bool *first)
{
	const struct imap_msg *msg = imap_view_msg(v, (uint32_t)(i + 1));

	if ((req->items & IMAP_FETCH_UID) &&
	    (sep(out, first) < 0 || buf_printf(out, "UID %" PRIu32, msg->uid) < 0))
		return -1;
	if (flags && (sep(out, first) < 0 || buf_append_str(out, "FLAGS ") < 0 ||
		      imap_view_flags_fmt(v, i, out) < 0))
		return -1;
	if ((req->items & IMAP_FETCH_INTERNALDATE) &&
	    (sep(out, first) < 0 || write_internaldate(out, msg->internaldate) < 0))
		return -1;
	if ((req->items & IMAP_FETCH_RFC822_SIZE) &&
	    (sep(out, first) < 0 ||
	     buf_printf(out, "RFC822.SIZE %" PRIu64, rfc822_crlf_size(m->data, m->size)) < 0))
		return -1;
	if (req->items & IMAP_FETCH_ENVELOPE) {
		size_t eoh = rfc822_eoh_find(m->data, m->size);
		if (sep(out, first) < 0 || buf_append_str(out, "ENVELOPE ") < 0 ||
		    imap_envelope_write(out, m->data, eoh, utf8) < 0)
			return -1;
	}
	if ((req->items & IMAP_FETCH_BODY) &&
	    (sep(out, first) < 0 || buf_append_str(out, "BODY ") < 0 ||
	     imap_bodystructure_write(out, root, m->data, m->size, false, utf8) < 0))
		return -1;
	if ((req->items & IMAP_FETCH_BODYSTRUCTURE) &&
	    (sep(out, first) < 0 || buf_append_str(out, "BODYSTRUCTURE ") < 0 ||
	     imap_bodystructure_write(out, root, m->data, m->size, true, utf8) < 0))
		return -1;
	return 0;
}

/* Flush out to s. */
static int flush_buf(struct stream *s, struct buf *out)
{
	if (out->len > 0 && stream_write(s, out->data, out->len) < 0)
		return -1;
	buf_reset(out);
	return 0;
}

/* One body section: its name and literal, the bytes streamed from the
   file.  1 when the section could not be planned (written as NIL). */
static int write_section(struct stream *s, const struct imap_fetch_section *sec,
			 const struct msg_file *m, const struct mime_part *root, struct buf *out,
			 bool *first)
{
	struct imap_fetch_plan plan;
	int r = 0;

	if (sep(out, first) < 0 || buf_append_str(out, sec->name) < 0)
		return -1;
	if (imap_fetch_plan(sec, m->data, m->size, root, &plan) < 0) {
		plan.nil = true;
		r = 1;
	}
	if (plan.nil) {
		buf_free(&plan.mem);
		/* as Dovecot: an empty string, which every client takes */
		return buf_append_str(out, " \"\"") < 0 ? -1 : r;
	}
	if (buf_printf(out, " {%" PRIu64 "}\r\n", plan.size) < 0 || flush_buf(s, out) < 0) {
		buf_free(&plan.mem);
		return -1;
	}
	if (!plan.from_file) {
		if (plan.mem.len > 0 && stream_write(s, plan.mem.data, plan.mem.len) < 0)
			r = -1;
		buf_free(&plan.mem);
		return r;
	}
	buf_free(&plan.mem);
	uint64_t left = plan.size;
	if (plan.lf_first && left > 0) {
		if (stream_write(s, "\n", 1) < 0)
			return -1;
		left--;
	}
	if (left > 0 &&
	    stream_send_fd(s, m->fd, plan.raw_off, left, STREAM_SEND_CRLF | STREAM_SEND_PAD) < 0)
		return -1;
	return 0;
}

int imap_fetch_run(struct imap_view *v, struct stream *s, const struct imap_idxset *idx,
		   const struct imap_fetch_req *req, bool utf8, struct imap_fetch_result *res)
{
	struct buf out = BUF_INIT(IMAP_FETCH_RESP_MAX);
	int ret = 0;

	memset(res, 0, sizeof(*res));
	for (size_t k = 0; k < idx->n && ret == 0; k++) {
		size_t i = idx->v[k];
		const struct imap_msg *msg = imap_view_msg(v, (uint32_t)(i + 1));
		struct msg_file m = { -1, "", 0, NULL };
		struct mime_part *root = NULL;
		bool flags = (req->items & IMAP_FETCH_FLAGS) != 0, first = true;

		if (msg == NULL)
			continue;
		if (req->sets_seen && !v->readonly && !(msg->flags & MAILDIR_F_SEEN) && !msg->gone) {
			bool changed = false;
			if (imap_view_store(v, i, 1, MAILDIR_F_SEEN, NULL, 0, &changed) == 0 && changed)
				flags = true;
			msg = imap_view_msg(v, (uint32_t)(i + 1));
		}
		bool want_file = req->needs_file || (req->items & IMAP_FETCH_RFC822_SIZE) ||
				 req->nsecs > 0;
		if (want_file && msg_open(v, i, &m) < 0) {
			if (errno == ENOENT)
				res->gone++;
			else
				res->failed++;
			continue;
		}
		if (req->needs_parse)
			root = mime_parse(m.data, m.size, IMAP_MIME_PARSE_FLAGS);
		buf_reset(&out);
		if (buf_printf(&out, "* %zu FETCH (", i + 1) < 0 ||
		    write_simple(v, i, req, flags, &m, root, utf8, &out, &first) < 0) {
			res->failed++;
			mime_free(&root);
			msg_close(&m);
			continue;
		}
		for (size_t j = 0; j < req->nsecs && ret == 0; j++) {
			int r = write_section(s, &req->secs[j], &m, root, &out, &first);
			if (r < 0)
				ret = -1;
			else if (r > 0)
				res->failed++;
		}
		if (ret == 0 && (buf_append_str(&out, ")\r\n") < 0 || flush_buf(s, &out) < 0))
			ret = -1;
		mime_free(&root);
		msg_close(&m);
	}
	buf_free(&out);
	if (ret == 0 && stream_flush(s) < 0)
		ret = -1;
	return ret;
}
