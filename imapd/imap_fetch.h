/*
 * imap_fetch.h - FETCH run over the selected mailbox: one "* n FETCH (...)"
 * response per message, items in a fixed order (UID FLAGS INTERNALDATE
 * RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE, then the body sections in the
 * order asked), body sections streamed from the file (stream_send_fd with
 * LF -> CRLF), so a message of any size is sent in bounded memory.
 *
 * The message file is opened only when an item needs it (RFC822.SIZE
 * counts the CRLF form; ENVELOPE reads the header; BODY/BODYSTRUCTURE and
 * part sections parse the MIME tree); FLAGS, UID and INTERNALDATE come from
 * the view alone.  A non-PEEK body section sets \Seen (not in a read-only
 * mailbox) and then FLAGS is sent even when not asked (RFC 3501 6.4.5).
 */
#ifndef STAFETA_IMAP_FETCH_H
#define STAFETA_IMAP_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct imap_fetch_req;
struct imap_idxset;
struct imap_view;
struct stream;

/* Bytes of one response built in memory (all but the streamed sections:
   ENVELOPE, BODYSTRUCTURE, a filtered header). */
#define IMAP_FETCH_RESP_MAX (16u * 1024 * 1024)

struct imap_fetch_result {
	size_t gone;        /* messages whose file had gone (expunged elsewhere) */
	size_t failed;      /* messages that could not be read or formatted */
};

/* FETCH req for the message indexes idx of v, written to s.  0, or -1
   when the client is gone (a write error). */
ATTR_WARN_UNUSED int imap_fetch_run(struct imap_view *v, struct stream *s,
				    const struct imap_idxset *idx,
				    const struct imap_fetch_req *req, bool utf8,
				    struct imap_fetch_result *res);

#endif
