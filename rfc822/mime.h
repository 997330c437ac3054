/*
 * mime.h - the MIME part tree of one message, built by a feed-in-pieces
 * parser (init / feed / finish) that never holds more than one line.
 *
 * The tree records byte offsets only: each part's header start, body start,
 * body end and end, with line counts and the number of bare LFs in each
 * range, so the size of any part "as RFC 3501 counts it" (CRLF form, even
 * for a bare-LF file) is offset arithmetic.  Field values are what the
 * message says (lowercased where MIME says case does not matter); no
 * defaults are filled in for absent fields: a consumer applies its own
 * (reformime says 8bit / UTF-8, IMAP BODYSTRUCTURE says 7BIT / US-ASCII).
 *
 * Part boundaries follow Courier's rfc2045 rules, so reformime -i can match
 * Debian's byte for byte: a line is a boundary of the outermost open
 * multipart whose "--boundary" it starts with (case-insensitive prefix,
 * or MIME_PARSE_BOUNDARY_EXACT's rule);
 * the line end before a boundary belongs to the boundary; a nested
 * message/rfc822 (or message/global) has one child, the inner message; the
 * preamble is a "dummy" part with index 0 that no section number names.
 *
 * Limits (each a named cap, see below): a message past one is still parsed,
 * the excess being plain body bytes of the last part (opaque), and memory
 * never depends on the message size.
 */
#ifndef STAFETA_MIME_H
#define STAFETA_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Parts in one message (the preamble pseudo-parts count, as in Courier). */
#define MIME_PARTS_MAX 300
/* Nesting of multiparts and message/rfc822 (levels below the root). */
#define MIME_DEPTH_MAX 100
/* One line held while looking for its end (bytes); a longer line is
   passed on in pieces and the pieces after the first are body data. */
#define MIME_LINE_MAX 65536
/* One unfolded header field kept for parsing (bytes); the rest of the
   field is counted in the offsets but not parsed. */
#define MIME_FIELD_MAX 16384
/* MIME fields (Content-*, MIME-Version) parsed per part; later ones are
   counted in the offsets, not parsed.  Other fields do not count (Courier
   reads a Content-Type after any number of them, and so do we). */
#define MIME_FIELDS_MAX 1000
/* Parameters kept per Content-Type / Content-Disposition field. */
#define MIME_PARAMS_MAX 64

struct mime_param {
	struct mime_param *next;
	char *name;    /* lowercased attribute, RFC 2231 "*n*" suffix kept */
	char *value;   /* unquoted value as written (no charset decoding) */
};

struct mime_part {
	struct mime_part *parent, *first, *last, *next;
	unsigned index;        /* 0 = preamble pseudo-part, then 1, 2, ... */
	unsigned depth;        /* 0 for the root */
	bool is_dummy;         /* preamble of a multipart: not a part */

	/* What the header says; NULL when the field is absent. */
	char *mime_version;    /* tokens of MIME-Version, comments dropped */
	char *content_type;    /* "type/subtype", lowercased; NULL if absent
				  or the part is not MIME (see mime_is_mime) */
	struct mime_param *type_params;
	char *encoding;        /* Content-Transfer-Encoding, lowercased */
	char *disposition;     /* Content-Disposition type, lowercased */
	struct mime_param *disp_params;
	char *content_id, *description, *language, *md5, *location;

	/* Offsets in the file, as Courier keeps them (see mime_part_range). */
	uint64_t start;        /* first byte of the header */
	uint64_t body;         /* first byte of the body */
	uint64_t end;          /* after the last byte of the part's last line */
	uint64_t endbody;      /* end without a line end that a boundary owns */
	uint64_t nlines, nbodylines;   /* Courier's raw line counts */
	/* LFs and bare LFs (no CR before) in [0, offset), for CRLF sizes. */
	uint64_t lf_start, lf_body, lf_endbody, lf_end;
	uint64_t bare_start, bare_body, bare_endbody, bare_end;

	/* parser state */
	bool in_header, closed, informdata, opaque;
	unsigned nfields;
};

struct mime_parser;

/* Flags of mime_parser_new(). */
/* Stop reading lines once the part cap is passed, exactly as Courier's
   library does (reformime uses it to match Debian's output); without it,
   boundaries past the cap are body bytes of the last part.  With it the
   depth is bounded by the part cap alone, as in Courier. */
#define MIME_PARSE_COURIER_STOP 0x1
/* message/global (RFC 6532) is a leaf, as in Courier's library; without
   it, it is a nested message like message/rfc822. */
#define MIME_PARSE_NO_GLOBAL 0x2
/* At the end of each feed a partial line of more than
   MIME_COURIER_FLUSH_MIN bytes is passed on as data (a header line so cut
   is lost), as Courier's library does after each of its 8 KB reads;
   reformime feeds MIME_COURIER_READ-byte pieces with it to match Debian's
   offsets on very long lines.  Without it, lines are held whole up to
   MIME_LINE_MAX whatever the pieces. */
#define MIME_PARSE_COURIER_FLUSH 0x4
#define MIME_COURIER_FLUSH_MIN 1024
/* Boundaries as RFC 2046 and Dovecot (IMAP's BODYSTRUCTURE) match them:
   case-sensitively, and of the open multiparts whose "--boundary" a line
   starts with, the longest boundary wins (the innermost on a tie), so
   "--n10" is n10's even inside n1's part.  Without it, Courier's rule:
   case-insensitive, the outermost match wins. */
#define MIME_PARSE_BOUNDARY_EXACT 0x8
/* Content-* fields count whatever the MIME-Version says, or without one,
   as Dovecot (and most clients) read them; without it, RFC 2045's and
   Courier's rule: only under MIME-Version 1.x.  mime_is_mime() still
   reports what the version says; content_type is then kept. */
#define MIME_PARSE_ANY_VERSION 0x10
#define MIME_COURIER_READ 8192

struct mime_parser *mime_parser_new(unsigned flags);
/* Feeds the next n bytes of the message, any split. */
void mime_parser_feed(struct mime_parser *mp, const void *data, size_t n);
/* Ends the input (a last line without LF is body data) and returns the
   tree, which the caller frees with mime_free(); the parser is freed. */
struct mime_part *mime_parser_finish(struct mime_parser **mpp);
/* One call: the tree of n bytes held in memory (an mmap'ed file). */
struct mime_part *mime_parse(const void *data, size_t n, unsigned flags);
void mime_free(struct mime_part **rootp);

/* True if the part is MIME (its own MIME-Version 1.x, or any part of a
   multipart of a MIME message); false for a message without MIME-Version,
   whose Content-* fields are then ignored, as RFC 2045 and Courier say. */
bool mime_is_mime(const struct mime_part *p);
bool mime_is_multipart(const struct mime_part *p);
/* message/rfc822, or message/global parsed as a message (the default):
   the part has one child, the message. */
bool mime_is_message(const struct mime_part *p);
/* The value of a parameter (exact lowercase name, e.g. "charset"), or NULL.
   The last one wins when a name repeats. */
const char *mime_param_get(const struct mime_param *list, const char *name);
/* RFC 2231 aware: the parameter's value decoded to UTF-8 into out
   (continuations name*0 name*1... joined in order, name*=charset'lang'%XX
   converted from its charset by iconv, invalid bytes becoming U+FFFD).
   A plain "name" value is copied as it is.  Returns 0; 1 when the charset
   is unknown (out then holds the undecoded bytes); -1 if the parameter is
   absent or out's cap is hit. */
int mime_param_decode(const struct mime_param *list, const char *name, struct buf *out);
/* The same without conversion: the joined, %XX-decoded bytes appended to
   raw, the charset of an extended value (cs[0] = 0 if none) and whether
   the value was extended (RFC 2231 encoded) at all.  0 or -1 (absent, cap). */
int mime_param_raw(const struct mime_param *list, const char *name, struct buf *raw,
		   char *cs, size_t cs_size, bool *extended_r);

/* Offsets (IMAP's view): the part's header is [start, body), its body
   [body, body_end), where body_end is endbody for a part of a multipart
   (the line end before the boundary is the boundary's) and end otherwise.
   Courier's reformime prints endbody for every non-root part instead. */
uint64_t mime_part_body_end(const struct mime_part *p);
/* RFC 3501 sizes: bytes of the header / body in CRLF form, and the LF
   count of the body (the "lines" of BODYSTRUCTURE). */
uint64_t mime_part_header_size_crlf(const struct mime_part *p);
uint64_t mime_part_body_size_crlf(const struct mime_part *p);
uint64_t mime_part_body_lines(const struct mime_part *p);

/* The n-th real (non-preamble) child, 1-based, or NULL. */
struct mime_part *mime_part_child(const struct mime_part *p, unsigned n);

/* IMAP section numbers (RFC 3501 6.4.5).  spec is e.g. "", "1", "1.2",
   "2.HEADER", "3.MIME", "4.1.TEXT", "2.HEADER.FIELDS" (the field list is the
   caller's business: range is the header to filter).  On success the byte
   range [*off_r, *off_r + *len_r) of the file, and the part it names;
   returns -1 for a section the message does not have. */
enum mime_section_kind { MIME_SEC_BODY, MIME_SEC_HEADER, MIME_SEC_TEXT, MIME_SEC_MIME,
			 MIME_SEC_ALL };
int mime_section_resolve(const struct mime_part *root, const char *spec,
			 uint64_t *off_r, uint64_t *len_r, enum mime_section_kind *kind_r,
			 const struct mime_part **part_r);

/* Courier's (reformime's) section name of a part: "1", "1.2", "1.3.1". */
int mime_part_name(const struct mime_part *p, struct buf *out);
/* The part a Courier section name names, or NULL. */
struct mime_part *mime_find_courier(const struct mime_part *root, const char *name);

#endif
