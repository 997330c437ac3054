/*
 * imap_parser.h - the IMAP command parser (RFC 3501 section 9, RFC 7888
 * LITERAL+), shared by imaplogin (as root) and imapd.
 *
 * A pull parser over lines: the caller reads one line (CRLF stripped) and
 * feeds it; the parser either has a whole command, or stops at a literal
 * announced at the end of the line and says how many octets it needs and
 * whether the client waits for a continuation ("+ OK") first.  The caller
 * then hands it the octets (imap_parser_feed_literal) or keeps them itself
 * (imap_parser_literal_external: APPEND streams to a file), and feeds the
 * next line.  The parser never reads from the network itself.
 *
 * What it accepts, token by token:
 *   tag      1*(ASTRING-CHAR except "+")
 *   name     an atom, upper-cased into imap_parser.name (at most
 *            IMAP_NAME_MAX bytes)
 *   args     single spaces between them:
 *     atom    printable ASCII except ( ) { SP DQUOTE, and a '[' ... ']'
 *             run may hold spaces and parentheses (BODY[HEADER.FIELDS (A B)]);
 *             "NIL" (any case) is IMAP_ARG_NIL
 *     quoted  "..." with \" and \\ escapes only; 8-bit bytes only when
 *             utf8 is set (ENABLE UTF8=ACCEPT)
 *     literal {n} or {n+} at the end of a line (~{n} literal8 too)
 *     list    ( args ), nested at most depth_max
 * Everything is capped: the line length, the number of arguments, the
 * nesting depth, the octets of all literals of one command together.
 *
 * Errors: IMAP_PARSE_ERROR with imap_parser.error (text for a tagged BAD)
 * and imap_parser.tag when the tag was read.  When the bad line ends in a
 * non-synchronising literal the client sends those octets anyway:
 * imap_parser.skip_literal says how many to read and drop so the session
 * stays in step.
 */
#ifndef STAFETA_IMAP_PARSER_H
#define STAFETA_IMAP_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compat.h"

struct buf;
struct stream;

/* Defaults (bytes, counts). */
#define IMAP_LINE_MAX_DEFAULT          65536   /* one line, CRLF excluded */
#define IMAP_LITERAL_TOTAL_MAX_DEFAULT 65536   /* in-memory literals of one command */
#define IMAP_ARGS_MAX_DEFAULT          4096    /* arguments of one command, all levels */
#define IMAP_DEPTH_MAX_DEFAULT         16      /* list nesting */
#define IMAP_TAG_MAX                   64      /* tag length */
#define IMAP_NAME_MAX                  32      /* command name length */
#define IMAP_LITERAL_DIGITS_MAX        10      /* {4294967295} */

struct imap_parser_limits {
	size_t   line_max;
	size_t   literal_total_max;
	size_t   args_max;
	unsigned depth_max;
};

enum imap_arg_type {
	IMAP_ARG_ATOM = 1,
	IMAP_ARG_QUOTED,
	IMAP_ARG_LITERAL,      /* in memory: str/len */
	IMAP_ARG_LITERAL_EXT,  /* kept by the caller: len only, str NULL */
	IMAP_ARG_NIL,          /* the atom NIL; str is "NIL" as sent */
	IMAP_ARG_LIST
};

struct imap_arg {
	enum imap_arg_type type;
	char   *str;            /* NUL-terminated; literals may hold NULs */
	size_t  len;
	bool    literal8;       /* ~{n} */
	struct imap_arg *list;  /* IMAP_ARG_LIST: the elements */
	size_t  n;              /* IMAP_ARG_LIST: how many */
};

enum imap_parse_result {
	IMAP_PARSE_DONE = 0,    /* a whole command: tag, name, args */
	IMAP_PARSE_LITERAL,     /* a literal of literal_size octets comes next;
				   literal_sync: the client waits for "+ " first */
	IMAP_PARSE_ERROR        /* error, tag (if read), skip_literal */
};

struct imap_parser;

/* lim NULL = the defaults. */
struct imap_parser *imap_parser_new(const struct imap_parser_limits *lim);
void imap_parser_free(struct imap_parser **pp);
/* Forget the command (and free its arguments); the next feed is the first
   line of a new command. */
void imap_parser_reset(struct imap_parser *p);
/* Allow 8-bit bytes in quoted strings (ENABLE UTF8=ACCEPT). */
void imap_parser_set_utf8(struct imap_parser *p, bool on);

/* imap_parser_read_command: the stream's read timeout (seconds) for
   everything after a command's first line; 0 = leave it. */
void imap_parser_set_continuation_timeout(struct imap_parser *p, int seconds);

/* One line, CRLF stripped (may contain NULs: they are an error). */
enum imap_parse_result imap_parser_feed_line(struct imap_parser *p, const char *line,
					     size_t len);
/* The octets of the literal asked for (n must equal literal_size); the
   next call is imap_parser_feed_line with the rest of the command.
   IMAP_PARSE_ERROR only on misuse. */
enum imap_parse_result imap_parser_feed_literal(struct imap_parser *p, const void *data,
						size_t n);
/* The caller took the literal itself (e.g. into a file): an
   IMAP_ARG_LITERAL_EXT argument of literal_size octets is recorded, not
   counted against literal_total_max. */
enum imap_parse_result imap_parser_literal_external(struct imap_parser *p);

/* After IMAP_PARSE_LITERAL: the literal's size and kind. */
uint64_t imap_parser_literal_size(const struct imap_parser *p);
bool imap_parser_literal_sync(const struct imap_parser *p);
/* The command so far (valid until the next reset/feed). */
const char *imap_parser_tag(const struct imap_parser *p);    /* NULL until read */
const char *imap_parser_name(const struct imap_parser *p);   /* upper case; NULL until read */
const struct imap_arg *imap_parser_args(const struct imap_parser *p, size_t *n_r);
/* After IMAP_PARSE_ERROR. */
const char *imap_parser_error(const struct imap_parser *p);
uint64_t imap_parser_skip_literal(const struct imap_parser *p);

/* Argument helpers: true for ATOM, QUOTED, LITERAL and NIL (RFC 3501
   astring; NIL is the name "NIL").  string: QUOTED and LITERAL only. */
bool imap_arg_is_astring(const struct imap_arg *a);
bool imap_arg_is_string(const struct imap_arg *a);
/* An astring without NUL bytes, or NULL. */
const char *imap_arg_astring(const struct imap_arg *a);

/* RFC 2971 ID's argument: NIL, or a list of at most 30 field/value pairs,
   fields strings of at most 30 bytes, values strings of at most 1024 bytes
   or NIL. */
bool imap_args_id_ok(const struct imap_arg *a, size_t n);

/* A literal the caller may take itself while imap_parser_read_command runs
   (APPEND streams the message to a file): called when a literal is
   announced, before the continuation.  Return 1 after taking it (sending
   "+ OK" first when imap_parser_literal_sync(), reading exactly
   imap_parser_literal_size() octets and calling
   imap_parser_literal_external), 0 to leave it to the parser (in memory,
   capped), -1 with errno to end the session (the stream is out of step).
   NULL = none. */
typedef int imap_literal_hook_fn(void *ctx, struct imap_parser *p, struct stream *s);
void imap_parser_set_literal_hook(struct imap_parser *p, imap_literal_hook_fn *fn, void *ctx);
/* Open lists around the current position (0 = at the top level). */
unsigned imap_parser_depth(const struct imap_parser *p);

/* Read one whole command from s: lines through stream_read_line (the
   stream's line_max caps them), a "+ OK" continuation before each
   synchronising literal, in-memory literals.  line is the caller's buffer.
   1 = IMAP_PARSE_DONE; 0 = EOF; -1 with errno: ETIMEDOUT, EMSGSIZE (an
   over-long line, already discarded by the stream), EPROTO (a syntax error
   or a cap: imap_parser_error/tag say which; any non-synchronising literal
   behind it has been skipped), or an I/O error. */
ATTR_WARN_UNUSED int imap_parser_read_command(struct imap_parser *p, struct stream *s,
					      struct buf *line);

#endif
