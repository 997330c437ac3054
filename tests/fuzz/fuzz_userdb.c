/*
 * fuzz_userdb.c - libFuzzer target for userdb records and source lines:
 * each input line goes through userdb_split_line; the split records through
 * userdb_get and userdb_rec_set; the input as an option list through the
 * DEFAULTOPTIONS merge.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_userdb runs corpus/userdb/ in make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth_proto.h"
#include "userdb_rec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_line(const char *line)
{
	static const char *const fields[] = { "uid", "gid", "home", "mail", "systempw", "_", "" };
	char *name = NULL, *mainr = NULL, *shadow = NULL;
	const char *err = NULL;
	int r = userdb_split_line(line, "sub/", &name, &mainr, &shadow, &err);

	if (r < 0 && err == NULL)
		abort();
	if (r > 0) {
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			char *v = userdb_get(mainr, strlen(mainr), fields[i]);
			char *w = userdb_get(shadow, strlen(shadow), fields[i]);
			char *n = userdb_rec_set(mainr, fields[i][0] ? fields[i] : "x", i % 2 ? NULL : "v");

			if (v != NULL && strchr(v, '|') != NULL)
				abort();
			free(v);
			free(w);
			free(n);
		}
		if (strchr(name, '\t') != NULL)
			abort();
		free(name);
		free(mainr);
		free(shadow);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *p, *nl, *m;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		one_line(p);
	}
	memcpy(text, data, size);
	text[size] = '\0';
	m = authd_merge_options(text, "disablewebmail=1,x");
	free(m);
	m = authd_merge_options("a=1", text);
	free(m);
	free(text);
	return 0;
}
