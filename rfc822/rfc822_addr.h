/*
 * rfc822_addr.h - address lists (From, To, Cc, ...) as RFC 5322 writes
 * them, with the obsolete forms of its section 4.4, into the
 * (name, route, mailbox, host) form of an IMAP ENVELOPE, and the sort keys
 * of RFC 5256 (FROM, TO, CC) and RFC 5957 (DISPLAYFROM, DISPLAYTO).
 *
 * Handled: name-addr and addr-spec, groups ("team: a@b, c@d;") as a start
 * and an end entry, quoted local parts (kept with their quotes), comments
 * (the last one names an address written without a phrase, as in
 * "user@host (Real Name)"), source routes ("<@a,@b:user@host>"), a local
 * part without a domain (host NULL), and garbage: a piece that holds no
 * mailbox is dropped and the next comma starts over.
 */
#ifndef STAFETA_RFC822_ADDR_H
#define STAFETA_RFC822_ADDR_H

#include <stddef.h>

#include "array.h"
#include "buf.h"

/* Entries kept per list; the rest of the value is not parsed. */
#define RFC822_ADDR_MAX 1000

enum rfc822_addr_kind { RFC822_ADDR_MAILBOX, RFC822_ADDR_GROUP_START, RFC822_ADDR_GROUP_END };

struct rfc822_addr {
	enum rfc822_addr_kind kind;
	char *name;      /* phrase as written (encoded words not decoded), or NULL */
	char *route;     /* "@a,@b" or NULL */
	char *mailbox;   /* local part; for GROUP_START the group's name */
	char *host;      /* domain, or NULL when missing (and for group entries) */
};

struct rfc822_addr_list {
	struct array a;  /* of struct rfc822_addr */
};

/* Parses value[0..n) (unfolded or not).  Always succeeds; an empty list
   for garbage.  Free with rfc822_addr_list_free(). */
void rfc822_addr_parse(const char *value, size_t n, struct rfc822_addr_list *list);
void rfc822_addr_list_free(struct rfc822_addr_list *list);
size_t rfc822_addr_count(const struct rfc822_addr_list *list);
const struct rfc822_addr *rfc822_addr_get(const struct rfc822_addr_list *list, size_t i);
/* RFC 5256 sort key: the mailbox (local part) of the first mailbox, ""
   when there is none.  Appended to out.  0, or -1 at out's cap. */
int rfc822_addr_sort_key(const struct rfc822_addr_list *list, struct buf *out);
/* RFC 5957 display key: the first mailbox's name decoded (RFC 2047) to
   UTF-8, or when it has none its "mailbox@host"; "" without a mailbox. */
int rfc822_addr_display_key(const struct rfc822_addr_list *list, struct buf *out);

#endif
