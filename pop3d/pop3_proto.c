/*
 * pop3_proto.c - POP3 command line split, argument numbers, CAPA text.
 *
 * Trust:   every byte of a command line is the client's: any length up to
 *          POP3_LINE_MAX, NULs, 8-bit bytes, missing or extra arguments.
 * Runs as: root in pop3login (pre-auth), the mail user in pop3d.
 * Limits:  verbs at most POP3_VERB_MAX bytes; numbers checked for overflow.
 * Tests:   tests/unit/pop3d/test_pop3_proto.c, tests/fuzz/fuzz_pop3_cmd.c
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "buf.h"
#include "hex.h"
#include "pop3_proto.h"

int pop3_cmd_parse(const char *line, size_t len, struct pop3_cmd *cmd)
{
	size_t i;

	if (memchr(line, '\0', len) != NULL)
		return -1;
	for (i = 0; i < len && line[i] != ' '; i++) {
		unsigned char c = (unsigned char)line[i];

		if (i >= POP3_VERB_MAX || c <= 0x20 || c >= 0x7f)
			return -1;
		cmd->verb[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	if (i == 0)
		return -1;
	cmd->verb[i] = '\0';
	cmd->args = i < len ? line + i + 1 : line + len;
	return 0;
}

int pop3_arg_msgnum(const char *args, unsigned long *num_r, const char **rest_r)
{
	const char *p = args;
	unsigned long n = 0;

	/* one space after the command (pop3_cmd_parse took it), then digits:
	   "RETR  1" and "RETR 1x" are not "RETR 1" */
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (n > (ULONG_MAX - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	if (rest_r == NULL ? *p != '\0' : (*p != '\0' && *p != ' '))
		return -1;
	*num_r = n;
	if (rest_r != NULL)
		*rest_r = p;
	return 0;
}

int pop3_arg_lines(const char *rest, long long *lines_r)
{
	const char *p = rest;
	long long n = 0;

	if (*p == '\0')
		return -1;
	if (*p++ != ' ' || *p < '0' || *p > '9')
		return -2;
	for (; *p >= '0' && *p <= '9'; p++) {
		int d = *p - '0';

		if (n > (LLONG_MAX - d) / 10)
			return -2;
		n = n * 10 + d;
	}
	if (*p != '\0')
		return -2;
	*lines_r = n;
	return 0;
}

int pop3_capa_format(struct buf *out, const char *sasl, bool stls)
{
	if (buf_append_str(out, "+OK Here's what I can do:\r\n") < 0)
		return -1;
	if (sasl != NULL && *sasl != '\0' && buf_printf(out, "SASL %s\r\n", sasl) < 0)
		return -1;
	if (stls && buf_append_str(out, "STLS\r\n") < 0)
		return -1;
	return buf_append_str(out, "TOP\r\nUSER\r\nLOGIN-DELAY 10\r\nPIPELINING\r\nUIDL\r\n"
			      "UTF8 USER\r\nIMPLEMENTATION Courier Mail Server\r\n.\r\n");
}

int pop3_hex_encode(struct buf *out, const void *p, size_t n)
{
	return hex_encode(out, p, n);
}

int pop3_hex_decode(const char *hex, struct buf *out)
{
	return hex_decode(hex, strlen(hex), out);
}
