/*
 * pop3_msg.h - the POP3 wire form of a stored message (RFC 1939 section 3).
 *
 * Courier's rules, which courierpop3dsizelist sizes depend on: every LF of the
 * file goes out as CRLF (a CR before it is sent as is), a line starting with
 * '.' gets one more '.', a last line without LF is ended with CRLF, an empty
 * file is sent as one empty line.  The header ends at the first empty line
 * ("\n" alone), as in Courier.  The matching octet size (LIST, STAT, the
 * RETR status line) is maildir_pop3_size() of libmaildir: bytes + LFs, +2
 * when a non-empty file does not end in LF.
 *
 * The encoder is incremental: a message is fed in pieces of any size (a
 * piece may end in the middle of a line), so a large file never has to be
 * in memory at once.
 */
#ifndef STAFETA_POP3_MSG_H
#define STAFETA_POP3_MSG_H

#include <stdint.h>
#include <stddef.h>
#include "compat.h"

struct buf;

/* The encoder for RETR (body_lines < 0) and TOP (header, the empty line and
   at most body_lines body lines). */
struct pop3_enc {
	long long body_left;  /* body lines still to send; < 0 = all */
	int       in_header;
	int       mid_line;
	int       done;       /* TOP reached its line count: ignore the rest */
	uint64_t  src_bytes;  /* bytes of the file that were sent (top=/retr= logs) */
	uint64_t  fed;        /* bytes fed */
};

void pop3_enc_init(struct pop3_enc *e, long long body_lines);
/* Append the wire form of the next n bytes to out.  At most 2n + 2 bytes are
   appended.  0, or -1 (errno EMSGSIZE) when out's max is too small: out and
   e are then unchanged. */
ATTR_WARN_UNUSED int pop3_enc_feed(struct pop3_enc *e, struct buf *out, const char *p, size_t n);
/* End the message: CRLF after an unterminated last line, or an empty line for
   an empty message.  Does not append the terminating ".\r\n".  0 or -1
   (EMSGSIZE). */
ATTR_WARN_UNUSED int pop3_enc_finish(struct pop3_enc *e, struct buf *out);
/* true when TOP has what it wants (the caller may stop reading). */
int pop3_enc_is_done(const struct pop3_enc *e);

/* One-shot: init, feed n bytes, finish. */
ATTR_WARN_UNUSED int pop3_msg_encode(struct buf *out, const char *p, size_t n,
				     long long body_lines);

#endif
