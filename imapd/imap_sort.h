/*
 * imap_sort.h - SORT (RFC 5256, plus DISPLAYFROM / DISPLAYTO of RFC 5957)
 * and the per-message keys SORT and THREAD share.
 *
 * Keys, compared as RFC 5256 says: ARRIVAL (INTERNALDATE), DATE (the sent
 * date of Date:, INTERNALDATE when there is none or it does not parse),
 * SIZE (RFC822.SIZE), SUBJECT (the base subject, rfc822_base_subject),
 * FROM / TO / CC (the mailbox, local part, of the field's first address),
 * DISPLAYFROM / DISPLAYTO (the first address's decoded display name, else
 * its address); strings by i;ascii-casemap (ASCII letters folded, bytes
 * compared).  REVERSE turns the key that follows round.  Ties go by
 * sequence number, always ascending (RFC 5256 section 3).
 */
#ifndef STAFETA_IMAP_SORT_H
#define STAFETA_IMAP_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "compat.h"

struct imap_arg;
struct imap_view;

/* Sort criteria of one SORT; more is BAD. */
#define IMAP_SORT_KEYS_MAX 16

enum imap_sort_key {
	IMAP_SORT_ARRIVAL, IMAP_SORT_CC, IMAP_SORT_DATE, IMAP_SORT_FROM, IMAP_SORT_SIZE,
	IMAP_SORT_SUBJECT, IMAP_SORT_TO, IMAP_SORT_DISPLAYFROM, IMAP_SORT_DISPLAYTO
};

struct imap_sort_spec {
	enum imap_sort_key key[IMAP_SORT_KEYS_MAX];
	bool reverse[IMAP_SORT_KEYS_MAX];
	size_t n;
};

/* The criteria list of SORT.  0, or -1 with *err_r (tagged BAD). */
ATTR_WARN_UNUSED int imap_sort_parse(const struct imap_arg *list, struct imap_sort_spec *spec,
				     const char **err_r);

/* Keys of one message, loaded as asked (IMAP_KEYS_* bits). */
#define IMAP_KEYS_HEADER 0x1u   /* subject, sent date, addresses, message-ids */
#define IMAP_KEYS_SIZE   0x2u

struct imap_msg_keys {
	size_t idx;              /* message index (seq - 1) */
	time_t arrival, sent;    /* sent: Date:, else arrival */
	uint64_t size;
	char *subject;           /* base subject, UTF-8 */
	bool is_reply;           /* the subject had Re:/Fwd: (ORDEREDSUBJECT) */
	char *from, *to, *cc, *dfrom, *dto;
	char *msgid;             /* Message-ID without <>, NULL if none */
	char **refs;             /* References (or In-Reply-To's first id) */
	size_t nrefs;
};

/* Load message index i's keys (a file that cannot be read leaves them
   empty: "" strings, arrival as sent).  Free with imap_msg_keys_free. */
void imap_msg_keys_load(struct imap_view *v, size_t i, unsigned what, struct imap_msg_keys *k);
void imap_msg_keys_free(struct imap_msg_keys *k);
/* i;ascii-casemap comparison. */
int imap_casemap_cmp(const char *a, const char *b);

/* Sort the n keys in place as spec says. */
void imap_sort_keys(const struct imap_sort_spec *spec, struct imap_msg_keys *keys, size_t n);
/* What imap_msg_keys_load must load for spec. */
unsigned imap_sort_needs(const struct imap_sort_spec *spec);

#endif
