/*
 * fuzz_maildir_name.c - libFuzzer target for message-name and folder-name
 * handling: flags and ,S= parsing, flag rewriting (must stay a valid name
 * and keep the base), Courier's name order, folder name checks (an accepted
 * name never contains '/' or a control byte, nor a ".." level), the modified
 * UTF-7 check (accepted names are printable ASCII), and the
 * IMAP_EMPTYTRASH parser.
 *
 * Trust:   the whole input is hostile.
 * Limits:  maildir.h's name limits.
 * Tests:   replay_maildir_name runs tests/fuzz/corpus/maildir_name/.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "maildir.h"
#include "maildir_purge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *err;
	struct buf b = BUF_INIT(1024);
	uint64_t sz;
	size_t i;
	struct maildir_emptytrash *it;
	size_t n;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)maildir_name_flags(s);
	(void)maildir_name_size(s, &sz);
	if (maildir_name_is_valid(s)) {
		unsigned f = size > 0 ? data[0] & MAILDIR_F_ALL : 0;
		if (maildir_name_with_flags(s, f, &b) == 0) {
			if (!maildir_name_is_valid(buf_cstr(&b)) ||
			    maildir_name_flags(buf_cstr(&b)) != f ||
			    maildir_name_baselen(buf_cstr(&b)) != maildir_name_baselen(s) ||
			    memcmp(buf_cstr(&b), s, maildir_name_baselen(s)) != 0)
				abort();
		}
		if (maildir_name_cmp(s, s) != 0)
			abort();
	}
	if (maildir_folder_check_n((const char *)data, size, &err) == 0) {
		for (i = 0; i < size; i++)
			if (data[i] < 0x20 || data[i] == '/' || data[i] == 0x7f)
				abort();
		if (strstr(s, "..") != NULL || s[0] == '.' || s[size - 1] == '.')
			abort();
	}
	if (maildir_folder_check_mutf7(s, &err) == 0) {
		for (i = 0; s[i] != '\0'; i++)
			if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
				abort();
	}
	if (maildir_emptytrash_parse(s, "Trash", &it, &n, &err) == 0)
		maildir_emptytrash_free(it, n);
	buf_free(&b);
	free(s);
	return 0;
}
