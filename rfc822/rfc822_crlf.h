/*
 * rfc822_crlf.h - CRLF form of message bytes: a feed-in-pieces LF -> CRLF
 * encoder and the matching sizer, the one definition pop3d (RFC 1939 sizes),
 * imapd (RFC822.SIZE, BODY[] in CRLF form) and lmtpd share.
 *
 * The CRLF form: every LF not preceded by CR becomes CRLF; CRLF, a bare CR
 * and every other byte stay as they are.  A CR at the end of one feed and
 * an LF at the start of the next are one CRLF.
 */
#ifndef STAFETA_RFC822_CRLF_H
#define STAFETA_RFC822_CRLF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct rfc822_crlf {
	bool last_cr;       /* the last byte fed was CR */
	uint64_t size;      /* CRLF-form bytes of everything fed */
	uint64_t lines;     /* LFs fed (lines ended) */
};

void rfc822_crlf_init(struct rfc822_crlf *c);
/* Appends the CRLF form of src[0..n) to dst and counts it.  0, or -1 at
   dst's cap (dst and the counts then cover only what fitted: feed the
   rest again after emptying dst). */
int rfc822_crlf_feed(struct rfc822_crlf *c, const void *src, size_t n, struct buf *dst);
/* Only counts: size and lines of the CRLF form, no output. */
void rfc822_crlf_count(struct rfc822_crlf *c, const void *src, size_t n);
/* One call: the CRLF-form size of n bytes. */
uint64_t rfc822_crlf_size(const void *src, size_t n);

#endif
