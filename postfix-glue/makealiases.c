#include "config.h"
/*
 * makealiases.c - compile Postfix-syntax aliases files into the gdbm
 * databases lmtpd reads (like Postfix's newaliases/postalias).
 *
 *   makealiases [-c lmtpd.cf]            every gdbm:PATH of alias_maps:
 *                                        PATH -> PATH.db
 *   makealiases FILE...                  FILE -> FILE.db
 *
 * Trust:   the source files are the admin's; parsed as untrusted anyway.
 * Runs as: the admin.
 * Limits:  aliases.h (line, name, targets, file size).
 * Errors:  the first bad line stops that file with "FILE: line N: reason";
 *          the old database stays in place; exit 1.
 * Tests:   tests/unit/postfix-glue/test_aliases.c, tests/protocol/run-lmtpd
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aliases.h"
#include "buf.h"
#include "cfg.h"
#include "lmtp_config.h"
#include "log.h"

static int compile_one(const char *src, const char *db)
{
	struct buf err = BUF_INIT(4096);
	int n = aliases_compile(src, db, &err);

	if (n < 0)
		log_msg(LOGL_ERR, "%s", buf_cstr(&err));
	else
		log_msg(LOGL_INFO, "%s: %d aliases", db, n);
	buf_free(&err);
	return n < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *error = NULL;
	int i = 1, ret = 0;

	log_init("makealiases");
	log_set_prefix_progname(1);
	if (i + 1 < argc && strcmp(argv[i], "-c") == 0) {
		path = argv[i + 1];
		i += 2;
	}
	if (i < argc && argv[i][0] == '-') {
		fprintf(stderr, "usage: makealiases [-c lmtpd.cf] [ALIASFILE...]\n");
		return 1;
	}
	if (i < argc) {
		for (; i < argc; i++) {
			struct buf db = BUF_INIT(4096);

			if (buf_printf(&db, "%s.db", argv[i]) < 0)
				ret = 1;
			else
				ret |= compile_one(argv[i], buf_cstr(&db));
			buf_free(&db);
		}
		return ret;
	} else {
		struct lmtpd_config cfg;
		struct cfg_vars vars = CFG_VARS_INIT;
		struct buf db = BUF_INIT(4096), src = BUF_INIT(4096);
		size_t pos = 0;
		char *map;
		int n = 0;

		memset(&cfg, 0, sizeof(cfg));
		if (path == NULL && access(LMTPD_CF_DEFAULT, F_OK) == 0)
			path = LMTPD_CF_DEFAULT;
		if (lmtp_config_load(&cfg, path, &vars, &error) < 0) {
			log_msg(LOGL_ERR, "%s: %s", path != NULL ? path : "defaults", error);
			return 1;
		}
		while ((map = cfg_list_next(cfg.alias_maps, &pos)) != NULL) {
			if (aliases_map_paths(map, &db, &src) < 0) {
				log_msg(LOGL_ERR, "alias_maps: unsupported map \"%s\" (only gdbm:PATH)", map);
				ret = 1;
			} else {
				ret |= compile_one(buf_cstr(&src), buf_cstr(&db));
				n++;
			}
			free(map);
		}
		if (n == 0 && ret == 0)
			log_msg(LOGL_WARN, "alias_maps is empty: nothing to do");
		buf_free(&db);
		buf_free(&src);
		cfg_vars_free(&vars);
		lmtp_config_free(&cfg);
	}
	return ret;
}
