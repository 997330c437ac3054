/*
 * makeuserdb.c - compile the userdb text source into userdb.dat and
 * userdbshadow.dat:  makeuserdb [-f path]   (default $USERDB, else
 * USERDB_DEFAULT).
 *
 * Tests:   tests/unit/authdaemon/test_userdb.c, tests/protocol/run-authdaemon
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "userdb_db.h"
#include "userdb_make.h"

int main(int argc, char **argv)
{
	const char *src = userdb_source_path();
	struct buf err = BUF_INIT(4096);

	log_init("makeuserdb");
	if (argc == 3 && strcmp(argv[1], "-f") == 0) {
		src = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "Usage: makeuserdb [-f userdb]\n");
		return 1;
	}
	if (userdb_make(src, &err) < 0) {
		fprintf(stderr, "makeuserdb: %s\n", buf_cstr(&err));
		buf_free(&err);
		return 1;
	}
	buf_free(&err);
	return 0;
}
