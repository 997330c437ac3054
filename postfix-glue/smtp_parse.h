/*
 * smtp_parse.h - parse SMTP/LMTP command lines and envelope addresses
 * (RFC 5321 section 4.1, RFC 1870 SIZE, RFC 6152 BODY=8BITMIME).
 *
 * Everything here works on untrusted client bytes and never allocates more
 * than the caps below.
 */
#ifndef STAFETA_SMTP_PARSE_H
#define STAFETA_SMTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"

#define SMTP_VERB_MAX      16    /* longest command verb (bytes) */
#define SMTP_ADDR_MAX      512   /* longest address inside <> (bytes) */
#define SMTP_LOCAL_MAX     256   /* longest local part, unquoted (bytes) */
#define SMTP_DOMAIN_MAX    255   /* longest domain (RFC 1035) */
#define SMTP_PARAMS_MAX    16    /* ESMTP parameters on one MAIL/RCPT */

/* Split a command line into its verb and its argument text.  line is len
   bytes (CRLF already stripped, may contain NULs).  On success the verb,
   upper-cased, is in verb_r and *args_r points at the arguments (after the
   single space that follows the verb, or at "" when there are none).
   -1 when the line is empty, contains a NUL or a control byte, or the verb is
   not 1..SMTP_VERB_MAX letters. */
int smtp_parse_command(const char *line, size_t len, char verb_r[SMTP_VERB_MAX + 1],
		       const char **args_r);

/* Why a MAIL/RCPT argument string was refused; the session maps these to
   reply codes (smtp_parse_strerror gives the reply text). */
enum smtp_parse_err {
	SMTP_PARSE_OK = 0,
	SMTP_PARSE_SYNTAX,        /* no FROM:/TO:, junk: 501 5.5.4 */
	SMTP_PARSE_BAD_ADDR,      /* address syntax: 501 5.1.7 / 5.1.3 */
	SMTP_PARSE_BAD_PARAM,     /* unknown ESMTP parameter: 555 5.5.4 */
	SMTP_PARSE_BAD_SIZE,      /* SIZE= not a number: 501 5.5.4 */
	SMTP_PARSE_BAD_BODY,      /* BODY= not 7BIT/8BITMIME: 501 5.5.4 */
};

enum smtp_body { SMTP_BODY_NONE, SMTP_BODY_7BIT, SMTP_BODY_8BITMIME };

/* One parsed envelope address.  addr is the mailbox as it should appear in
   headers ("" for the null reverse-path <>); local is the local part with
   quoting removed; domain is lower-cased ("" when there was none, as in
   <postmaster>). */
struct smtp_addr {
	char addr[SMTP_ADDR_MAX + 1];
	char local[SMTP_LOCAL_MAX + 1];
	char domain[SMTP_DOMAIN_MAX + 1];
};

struct smtp_mail_args {
	struct smtp_addr from;
	bool has_size;
	uint64_t size;            /* SIZE=, when has_size */
	enum smtp_body body;
};

/* "FROM:<addr> [SIZE=n] [BODY=7BIT|8BITMIME]".  The null path <> is allowed.
   A space after the colon and a missing pair of angle brackets are tolerated
   (as Postfix does).  Output is written only on success. */
enum smtp_parse_err smtp_parse_mail(const char *args, struct smtp_mail_args *out_r);
/* "TO:<addr>" (no parameters are supported: any is SMTP_PARSE_BAD_PARAM).
   <postmaster> without a domain is allowed; <> is not. */
enum smtp_parse_err smtp_parse_rcpt(const char *args, struct smtp_addr *out_r);

/* Parse one mailbox "local@domain" (or a bare local part when
   allow_no_domain) with no angle brackets.  Returns 0 or -1. */
int smtp_parse_mailbox(const char *s, size_t len, bool allow_no_domain,
		       struct smtp_addr *out_r);

/* true if s is a syntactically valid domain name or address literal. */
bool smtp_domain_valid(const char *s, size_t len);

/* Short human text for a parse error ("Bad address syntax", ...). */
const char *smtp_parse_strerror(enum smtp_parse_err e);

#endif
