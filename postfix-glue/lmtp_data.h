/*
 * lmtp_data.h - read an SMTP/LMTP DATA body (RFC 5321 4.5.2): lines up to
 * the lone ".", dot-unstuffed, written to a file with LF line endings.
 */
#ifndef STAFETA_LMTP_DATA_H
#define STAFETA_LMTP_DATA_H

#include <stdint.h>
#include <stddef.h>
#include "compat.h"

struct stream;

#define LMTP_DATA_LINE_MAX (1024 * 1024)  /* longest body line accepted (bytes) */
#define LMTP_DATA_HOPS_MAX 50             /* Received: headers before a loop is assumed */

enum lmtp_data_status {
	LMTP_DATA_OK,          /* the whole body is in the file */
	LMTP_DATA_TOO_BIG,     /* over the size limit: read to the end, nothing kept */
	LMTP_DATA_LINE_TOO_LONG, /* a line over LMTP_DATA_LINE_MAX */
	LMTP_DATA_WRITE_ERROR, /* the spool file could not be written (errno in err) */
	LMTP_DATA_LOOP,        /* more than LMTP_DATA_HOPS_MAX Received: headers */
	LMTP_DATA_LOST,        /* EOF, timeout or read error: the session is over */
};

struct lmtp_data_result {
	enum lmtp_data_status status;
	uint64_t wire_bytes;   /* bytes as received, CRLF counted as 2, without stuffing dots */
	uint64_t file_bytes;   /* bytes written to the file (LF endings) */
	unsigned hops;         /* Received: header lines seen in the header */
	int err;               /* errno for WRITE_ERROR / LOST */
};

/* Read from s until the line "." and write the unstuffed body to fd (at its
   current offset).  size_limit caps wire_bytes (0 = no cap).  Always reads up
   to the final "." unless the connection is lost, so the session stays in
   step; the stream's line maximum is restored before returning. */
void lmtp_data_read(struct stream *s, int fd, uint64_t size_limit, size_t restore_line_max,
		    struct lmtp_data_result *res);

#endif
