/*
 * fuzz_imap_mbox.c - libFuzzer target for IMAP mailbox names and LIST
 * patterns as clients send them: the input's first byte picks the mode
 * (UTF8=ACCEPT, trailing-separator strip), the rest is split at the first
 * NUL into a pattern and a name.  Checks: an accepted name is "INBOX" or
 * "INBOX.<folder>" that maildir/ accepts, survives the way back to the wire
 * and in again unchanged; the matcher agrees with itself on "*" and the
 * name itself and never fails on any pattern.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_imap_mbox runs tests/fuzz/corpus/imap_mbox/ in make check.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "maildir.h"
#include "imap_mbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf name = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16), wire = BUF_INIT(8192),
		   back = BUF_INIT(MAILDIR_FOLDER_NAME_MAX + 16), pat = BUF_INIT(8192);
	const char *error, *in, *nul, *end;
	bool utf8, strip;
	size_t n;

	if (size < 1 || size > 4096)
		return 0;
	utf8 = (data[0] & 1) != 0;
	strip = (data[0] & 2) != 0;
	in = (const char *)data + 1;
	n = size - 1;
	end = in + n;
	nul = memchr(in, '\0', n);
	if (nul != NULL) {
		/* pattern \0 name */
		if (imap_mbox_pattern_from_wire(in, (size_t)(nul - in), utf8, &pat, &error) == 0 &&
		    imap_mbox_wildcards(buf_cstr(&pat)) <= IMAP_PATTERN_WILDCARDS_MAX) {
			size_t nl = (size_t)(end - nul - 1);
			char *nm = malloc(nl + 1);

			if (nm == NULL)
				abort();
			memcpy(nm, nul + 1, nl);
			nm[nl] = '\0';
			(void)imap_mbox_match(buf_cstr(&pat), nm);
			if (!imap_mbox_match("*", nm))
				abort();
			free(nm);
		}
		in = nul + 1;
		n = (size_t)(end - in);
	}
	if (imap_mbox_from_wire(in, n, utf8, strip, &name, &error) == 0) {
		if (strcmp(name.data, "INBOX") != 0) {
			if (strncmp(name.data, "INBOX.", 6) != 0 ||
			    maildir_folder_check(name.data + 6, &error) < 0)
				abort();
		}
		/* the name matches itself as a pattern when it has no wildcard */
		if (imap_mbox_wildcards(name.data) == 0 && !imap_mbox_match(name.data, name.data))
			abort();
		if (imap_mbox_to_wire(name.data, utf8, &wire) == 0) {
			if (imap_mbox_from_wire(wire.data, wire.len, utf8, false, &back, &error) != 0 ||
			    strcmp(back.data, name.data) != 0)
				abort();
		}
	}
	buf_free(&name);
	buf_free(&wire);
	buf_free(&back);
	buf_free(&pat);
	return 0;
}
