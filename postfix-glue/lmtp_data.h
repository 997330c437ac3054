/*
 * lmtp_data.h - read an SMTP/LMTP DATA body (RFC 5321 4.5.2): lines up to
 * the lone ".", dot-unstuffed, written to a file with LF line endings.
 */
#ifndef STAFETA_LMTP_DATA_H
#define STAFETA_LMTP_DATA_H

#include <stdbool.h>
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

#define LMTP_MSGID_MAX 250   /* Message-ID: kept for the log, bytes (longer: cut) */

struct lmtp_data_result {
	enum lmtp_data_status status;
	char message_id[LMTP_MSGID_MAX + 1]; /* the first Message-ID: header's value
						(unfolded, trimmed), "" if none */
	uint64_t wire_bytes;   /* bytes as received, CRLF counted as 2, without stuffing dots */
	uint64_t file_bytes;   /* bytes written to the file (LF endings) */
	unsigned hops;         /* Received: header lines seen in the header */
	int err;               /* errno for WRITE_ERROR / LOST */
};

#define LMTP_SPOOL_MEM_MAX (128 * 1024)  /* bodies up to this stay in memory (bytes) */

/*
 * The spool a DATA body goes to: an anonymous memory file (memfd) while the
 * body is at most LMTP_SPOOL_MEM_MAX bytes, an unlinked file in dir once it
 * grows past that (or where there is no memfd).  Either way an fd that can
 * be passed to the delivery helpers and read with pread().  A memory file
 * costs the disk nothing: no inode made and freed for every message.
 */
struct lmtp_spool {
	int fd;              /* -1 when closed */
	bool in_memory;
	uint64_t size;       /* bytes written */
	const char *dir;     /* temp_directory (not owned); NULL: never moved to disk */
};

/* A new, empty spool.  0, or -1 with errno (dir is not a writable
   directory, or no file could be made). */
int lmtp_spool_open(struct lmtp_spool *sp, const char *dir);
/* A spool over an already open file, written at its offset, never moved. */
void lmtp_spool_from_fd(struct lmtp_spool *sp, int fd);
/* Append n bytes, first moving the spool to a file in dir if it would pass
   LMTP_SPOOL_MEM_MAX.  0, or -1 with errno. */
int lmtp_spool_write(struct lmtp_spool *sp, const void *p, size_t n);
/* Close the spool's file (if open); fd becomes -1. */
/* After DATA: make the spool read-only for the delivery helpers, which run
   as mailbox owners and get it by SCM_RIGHTS (a memfd is sealed, a disk
   file reopened O_RDONLY), so one recipient cannot change what the next
   one gets.  0, or -1 with errno (the spool is then unusable: 4xx). */
int lmtp_spool_seal(struct lmtp_spool *sp);
void lmtp_spool_close(struct lmtp_spool *sp);

/* Read from s until the line "." and write the unstuffed body to the spool.
   size_limit caps wire_bytes (0 = no cap).  Always reads up to the final
   "." unless the connection is lost, so the session stays in step; the
   stream's line maximum is restored before returning. */
void lmtp_data_read_spool(struct stream *s, struct lmtp_spool *sp, uint64_t size_limit,
			  size_t restore_line_max, struct lmtp_data_result *res);
/* The same into fd (at its current offset). */
void lmtp_data_read(struct stream *s, int fd, uint64_t size_limit, size_t restore_line_max,
		    struct lmtp_data_result *res);

#endif
