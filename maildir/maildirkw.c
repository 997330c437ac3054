#include "config.h"
/*
 * maildirkw.c - set, add, remove or list IMAP keywords of maildir messages
 * (Courier's courierimapkeywords/ format):
 *   maildirkw [-c] [-l] [-a] [-r] MAILDIR MESSAGE [KEYWORD...]
 *   maildirkw [-c] -L MAILDIR
 *
 * Trust:   arguments from the user; keywords are validated.
 * Runs as: the mailbox owner.
 * Limits:  as maildir_keywords.h.
 * Errors:  message on stderr, exit 1.
 * Tests:   tests/unit/maildir/test_tools.c, tests/interop/run-maildir-courier
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"
#include "maildir.h"
#include "maildir_keywords.h"

static NORETURN void usage(void)
{
	fprintf(stderr, "Usage: maildirkw [-c] [-l] [-a] [-r] maildir message [keyword...]\n"
			"       maildirkw [-c] -L maildir\n");
	exit(1);
}

static int list_all(const char *dir)
{
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	size_t i, j;

	if (maildir_kw_read(dir, &db) != 0) {
		fprintf(stderr, "maildirkw: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < db.nmsgs; i++) {
		printf("%s", db.msgs[i].base);
		for (j = 0; j < db.msgs[i].n; j++)
			printf(" %s", db.names[db.msgs[i].idx[j]]);
		printf("\n");
	}
	maildir_kwdb_free(&db);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	bool add = false, rem = false, list = false;
	const char *dir, *msg, *slash;
	struct maildir_kwdb db = MAILDIR_KWDB_INIT;
	const struct maildir_kw_msg *cur;
	const char **set;
	size_t nset = 0, i, j, baselen;
	int k;

	for (k = 1; k < argc && argv[k][0] == '-'; k++) {
		if (strcmp(argv[k], "-a") == 0)
			add = true;
		else if (strcmp(argv[k], "-r") == 0)
			rem = true;
		else if (strcmp(argv[k], "-L") == 0)
			list = true;
		else if (strcmp(argv[k], "-c") == 0 || strcmp(argv[k], "-l") == 0)
			;   /* case is kept as written; updates are always locked */
		else
			usage();
	}
	if (list) {
		if (k != argc - 1)
			usage();
		return list_all(argv[k]);
	}
	if (argc - k < 2 || (add && rem))
		usage();
	dir = argv[k];
	msg = argv[k + 1];
	slash = strrchr(msg, '/');
	if (slash != NULL)
		msg = slash + 1;
	baselen = maildir_name_baselen(msg);
	for (i = (size_t)k + 2; i < (size_t)argc; i++) {
		if (!maildir_kw_is_valid(argv[i])) {
			fprintf(stderr, "maildirkw: %s: invalid keyword\n", argv[i]);
			return 1;
		}
	}
	if (maildir_kw_read(dir, &db) != 0) {
		fprintf(stderr, "maildirkw: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	set = xcalloc((size_t)argc + MAILDIR_KW_MAX_PER_MSG + 1, sizeof(*set));
	cur = maildir_kw_get(&db, msg, baselen);
	if ((add || rem) && cur != NULL) {
		for (j = 0; j < cur->n; j++) {
			const char *kw = db.names[cur->idx[j]];
			bool drop = false;
			for (i = (size_t)k + 2; rem && i < (size_t)argc; i++)
				if (strcasecmp(argv[i], kw) == 0)
					drop = true;
			if (!drop)
				set[nset++] = kw;
		}
	}
	if (!rem) {
		for (i = (size_t)k + 2; i < (size_t)argc; i++) {
			bool dup = false;
			for (j = 0; j < nset; j++)
				if (strcasecmp(set[j], argv[i]) == 0)
					dup = true;
			if (!dup && nset < MAILDIR_KW_MAX_PER_MSG)
				set[nset++] = argv[i];
		}
	}
	if (maildir_kw_set(dir, msg, baselen, set, nset) != 0) {
		fprintf(stderr, "maildirkw: %s: %s\n", msg, strerror(errno));
		free(set);
		maildir_kwdb_free(&db);
		return 1;
	}
	free(set);
	maildir_kwdb_free(&db);
	return 0;
}
