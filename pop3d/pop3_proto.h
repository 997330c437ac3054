/*
 * pop3_proto.h - what pop3login and pop3d share about the POP3 wire: the
 * command line split, argument numbers, limits, and the CAPA list.
 */
#ifndef STAFETA_POP3_PROTO_H
#define STAFETA_POP3_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;

/* Longest command line accepted, CRLF excluded (bytes).  RFC 2449 allows
   255; AUTH with a long initial response needs more (RFC 5034). */
#define POP3_LINE_MAX          8192
/* Longest verb (bytes); commands are 4 letters, CAPA extensions a few more. */
#define POP3_VERB_MAX          16
/* Consecutive invalid commands before the session is closed. */
#define POP3_BAD_COMMANDS_MAX  20
/* Pre-auth: the whole login phase must end within this (seconds), Courier's
   60 s alarm. */
#define POP3_LOGIN_DEADLINE    60
/* Post-auth idle timeout per command (seconds), Courier's 300. */
#define POP3_IDLE_TIMEOUT      300
/* Seconds one write to the client may wait. */
#define POP3_WRITE_TIMEOUT     300

/* One command line, split.  verb is upper-cased (ASCII only); args points
   at the text after the single space following the verb ("" if none). */
struct pop3_cmd {
	char        verb[POP3_VERB_MAX + 1];
	const char *args;
};

/* Split line (len bytes, NUL-terminated, may contain NULs).  -1 when the
   line holds a NUL, the verb is empty, longer than POP3_VERB_MAX or not
   printable ASCII: the caller answers "-ERR Invalid command.". */
ATTR_WARN_UNUSED int pop3_cmd_parse(const char *line, size_t len, struct pop3_cmd *cmd);

/* A message number argument: digits right at args (one space after the
   command), ending the line, or, with rest_r, followed by the end or a space
   (*rest_r points there).  -1 for anything else (a second space, a sign,
   trailing bytes, an overflow): the caller answers -ERR with the reason;
   it checks the range itself. */
ATTR_WARN_UNUSED int pop3_arg_msgnum(const char *args, unsigned long *num_r,
				     const char **rest_r);
/* TOP's line count after the message number: one space, then digits that
   fit a long long, ending the line.  0 with *lines_r; -1 when it is missing
   ("-ERR Invalid command."); -2 when it is malformed ("TOP 1 -1", "TOP 1 x",
   a number too large): -ERR with a reason, never the whole message. */
ATTR_WARN_UNUSED int pop3_arg_lines(const char *rest, long long *lines_r);

/* The CAPA response, "+OK Here's what I can do:" through ".", CRLF lines.
   sasl: the mechanism list for the SASL line (NULL or "" = no line);
   stls: add STLS. */
ATTR_WARN_UNUSED int pop3_capa_format(struct buf *out, const char *sasl, bool stls);

/* Commands a client pipelined behind a successful PASS/AUTH are read by
   pop3login; they travel to pop3d hex-encoded in this environment variable
   (at most POP3_PIPELINED_MAX bytes) so none is lost across the exec. */
#define POP3_PIPELINED_ENV  "STAFETA_POP3_PIPELINED"
#define POP3_PIPELINED_MAX  (64u * 1024)

/* Lower-case hex of n bytes, appended to out.  0 or -1 (EMSGSIZE). */
ATTR_WARN_UNUSED int pop3_hex_encode(struct buf *out, const void *p, size_t n);
/* Decode hex text (even length, 0-9a-fA-F only) into out.  0, or -1 on
   any other input or when out's max is too small. */
ATTR_WARN_UNUSED int pop3_hex_decode(const char *hex, struct buf *out);

#endif
