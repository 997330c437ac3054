/*
 * imap_fetch_body.h - FETCH's items (RFC 3501 section 6.4.5) parsed and
 * checked before anything is sent, and the bytes of one BODY[section]
 * <partial> planned over a message held in memory (an mmap'ed file).
 *
 * Sections: "" (the whole message), HEADER, HEADER.FIELDS (names),
 * HEADER.FIELDS.NOT (names), TEXT, and a part number "1.2.3" optionally
 * followed by one of those or MIME; they resolve through rfc822's MIME tree
 * (mime_section_resolve: a part in a multipart ends before the line end
 * that the next boundary owns, as Dovecot counts).  All octets are in CRLF
 * form.  A section the message does not have is NIL.
 *
 * Bounded memory: a plain range (everything but HEADER.FIELDS) is sent
 * from the file by the caller (stream_send_fd with STREAM_SEND_CRLF, from
 * raw offset raw_off); only a filtered header is built in memory, capped
 * at IMAP_FETCH_HDR_MAX.
 */
#ifndef STAFETA_IMAP_FETCH_BODY_H
#define STAFETA_IMAP_FETCH_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "compat.h"

struct imap_arg;
struct mime_part;

/* Items and sections of one FETCH; more is BAD. */
#define IMAP_FETCH_ITEMS_MAX 100
/* Field names of one HEADER.FIELDS list. */
#define IMAP_FETCH_FIELDS_MAX 100
/* Bytes of one field name. */
#define IMAP_FETCH_FIELD_NAME_MAX 200
/* Bytes of a filtered header built in memory (the CRLF form). */
#define IMAP_FETCH_HDR_MAX (4u * 1024 * 1024)
/* Part numbers in one section ("1.2.3" is three). */
#define IMAP_FETCH_PART_DEPTH_MAX 100

/* Simple items, as bits. */
#define IMAP_FETCH_FLAGS          0x001u
#define IMAP_FETCH_INTERNALDATE   0x002u
#define IMAP_FETCH_RFC822_SIZE    0x004u
#define IMAP_FETCH_ENVELOPE       0x008u
#define IMAP_FETCH_BODY           0x010u   /* BODY without [ */
#define IMAP_FETCH_BODYSTRUCTURE  0x020u
#define IMAP_FETCH_UID            0x040u

enum imap_fetch_sec_what {
	IMAP_SEC_ALL,            /* BODY[] / BODY[1] */
	IMAP_SEC_HEADER,
	IMAP_SEC_FIELDS,
	IMAP_SEC_FIELDS_NOT,
	IMAP_SEC_TEXT,
	IMAP_SEC_MIME
};

struct imap_fetch_section {
	char *name;          /* the item name in the response: "BODY[1.TEXT]",
				"RFC822.HEADER", "BODY[]<10>" */
	char *spec;          /* for mime_section_resolve: "1.TEXT", "" */
	enum imap_fetch_sec_what what;
	char **fields;       /* HEADER.FIELDS names (as sent) */
	size_t nfields;
	bool peek;           /* BODY.PEEK, RFC822.HEADER: \Seen is not set */
	bool partial;
	uint64_t origin, count;
};

struct imap_fetch_req {
	unsigned items;      /* IMAP_FETCH_* */
	struct imap_fetch_section *secs;
	size_t nsecs;
	bool sets_seen;      /* a non-PEEK body section (or RFC822 / RFC822.TEXT) */
	bool needs_file;     /* anything that reads the message */
	bool needs_parse;    /* the MIME tree is needed */
};

/* Parse FETCH's argument: a macro (ALL FAST FULL), one item, or a list.
   uid: a UID FETCH (UID is then always sent).  0, or -1 with *err_r the
   text of a tagged BAD. */
ATTR_WARN_UNUSED int imap_fetch_parse(const struct imap_arg *arg, bool uid,
				      struct imap_fetch_req *req, const char **err_r);
void imap_fetch_req_free(struct imap_fetch_req *req);

/* What to send for one section. */
struct imap_fetch_plan {
	bool nil;            /* the message has no such section */
	uint64_t size;       /* octets of the literal */
	bool from_file;      /* size octets from raw offset raw_off, CRLF form */
	uint64_t raw_off;
	bool lf_first;       /* send "\n" first (the origin cut a converted
				CRLF in two), then from raw_off */
	struct buf mem;      /* !from_file: the octets themselves */
};

/* Plan sec over data[0..size) (root: its MIME tree, or NULL when the
   section needs none: "", HEADER and TEXT of the message).  0, or -1
   (the filtered header passed IMAP_FETCH_HDR_MAX).  Free plan->mem. */
ATTR_WARN_UNUSED int imap_fetch_plan(const struct imap_fetch_section *sec, const char *data,
				     size_t size, const struct mime_part *root,
				     struct imap_fetch_plan *plan);

/* CRLF-form size of data[off..off+len), an LF right after a CR at off-1
   counting as already converted (stream_send_fd's rule). */
uint64_t imap_fetch_crlf_size(const char *data, uint64_t off, uint64_t len);

#endif
