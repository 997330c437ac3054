/*
 * fuzz_pop3_cmd.c - libFuzzer target for POP3 command lines: each input line
 * goes through pop3_cmd_parse, and its arguments through pop3_arg_msgnum and
 * pop3_arg_lines as pop3d reads them (LIST/RETR/TOP), and through the hex
 * hand-off pop3login uses for pipelined commands (round trip checked).
 *
 * Trust:   the whole input is hostile.
 * Limits:  lines are cut at POP3_LINE_MAX like the stream does.
 * Tests:   replay_pop3_cmd runs tests/fuzz/corpus/pop3_cmd/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pop3_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_line(const char *line, size_t len)
{
	struct pop3_cmd cmd;
	unsigned long n;
	long long lines;
	const char *rest;
	struct buf hex = BUF_INIT(2 * POP3_LINE_MAX + 2), back = BUF_INIT(POP3_LINE_MAX + 1);

	if (pop3_cmd_parse(line, len, &cmd) == 0) {
		if (strlen(cmd.verb) == 0 || strlen(cmd.verb) > POP3_VERB_MAX)
			abort();
		if (cmd.args < line || cmd.args > line + len)
			abort();
		if (pop3_arg_msgnum(cmd.args, &n, &rest) == 0) {
			if (rest < cmd.args || rest > line + len)
				abort();
			(void)!pop3_arg_lines(rest, &lines);
		}
	}
	if (pop3_hex_encode(&hex, line, len) != 0 || pop3_hex_decode(buf_cstr(&hex), &back) != 0 ||
	    back.len != len || (len > 0 && memcmp(back.data, line, len) != 0))
		abort();
	buf_free(&hex);
	buf_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 0;

	while (i <= size) {
		const uint8_t *nl = i < size ? memchr(data + i, '\n', size - i) : NULL;
		size_t end = nl != NULL ? (size_t)(nl - data) : size;
		size_t len = end - i;
		char *copy;

		if (len > 0 && data[i + len - 1] == '\r')
			len--;
		if (len > POP3_LINE_MAX)
			len = POP3_LINE_MAX;
		copy = malloc(len + 1);
		if (copy == NULL)
			abort();
		if (len > 0)
			memcpy(copy, data + i, len);
		copy[len] = '\0';
		one_line(copy, len);
		free(copy);
		if (nl == NULL)
			break;
		i = end + 1;
	}
	return 0;
}
