/*
 * userdb_tool.c - the `userdb` admin command (Courier's userdb):
 *   userdb [-f file] [path/]name set field[=value] ...
 *   userdb [-f file] [path/]name unset field ...
 *   userdb [-f file] [path/]name del
 *   userdb -show [-f file | path] [name]
 * A field given without "=value" takes its value from stdin (one line;
 * asked twice without echo on a terminal).  Run makeuserdb afterwards.
 *
 * Tests:   tests/protocol/run-authdaemon
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "userdb_db.h"
#include "userdb_edit.h"
#include "xmalloc.h"

static NORETURN void usage(void)
{
	fprintf(stderr, "Usage: userdb [-f file] [path/]name set field[=value]...\n"
			"       userdb [-f file] [path/]name unset field...\n"
			"       userdb [-f file] [path/]name del\n"
			"       userdb -show [-f file | path] [name]\n");
	exit(1);
}

static char *value_from_stdin(const char *field)
{
	char buf[4096];
	struct termios old, quiet;
	bool tty = isatty(0);
	int ok;

	if (tty) {
		fprintf(stderr, "%s: ", field);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, sizeof(buf), stdin) != NULL;
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

int main(int argc, char **argv)
{
	const char *src = userdb_source_path();
	struct buf err = BUF_INIT(4096);
	enum userdb_edit_op op;
	char *file = NULL, *name = NULL;
	char **args;
	int i = 1, nargs = 0, ret;

	log_init("userdb");
	if (argc > 1 && strcmp(argv[1], "-show") == 0) {
		const char *show_src = src, *who = NULL;

		i = 2;
		if (i + 1 < argc && strcmp(argv[i], "-f") == 0) {
			show_src = argv[i + 1];
			i += 2;
		} else if (i < argc && i + 1 < argc) {
			/* "path name": path inside the userdb directory */
			char *p = xmalloc(strlen(src) + strlen(argv[i]) + 2);

			sprintf(p, "%s/%s", src, argv[i]);
			show_src = p;
			i++;
		}
		if (i < argc)
			who = argv[i++];
		if (i != argc)
			usage();
		ret = userdb_show(show_src, who, stdout, &err);
		if (ret < 0)
			fprintf(stderr, "userdb: %s\n", buf_cstr(&err));
		buf_free(&err);
		return ret < 0 ? 1 : 0;
	}
	if (argc > 2 && strcmp(argv[1], "-f") == 0) {
		src = argv[2];
		i = 3;
	}
	if (argc - i < 2)
		usage();
	if (strcmp(argv[i + 1], "set") == 0)
		op = USERDB_SET;
	else if (strcmp(argv[i + 1], "unset") == 0)
		op = USERDB_UNSET;
	else if (strcmp(argv[i + 1], "del") == 0)
		op = USERDB_DEL;
	else
		usage();
	if ((op == USERDB_DEL) != (argc - i == 2))
		usage();
	if (userdb_edit_target(src, argv[i], &file, &name, &err) < 0) {
		fprintf(stderr, "userdb: %s\n", buf_cstr(&err));
		return 1;
	}
	args = xcalloc((size_t)argc, sizeof(*args));
	for (int a = i + 2; a < argc; a++) {
		if (op == USERDB_SET && strchr(argv[a], '=') == NULL) {
			char *v = value_from_stdin(argv[a]);

			if (v == NULL) {
				fprintf(stderr, "userdb: no value for %s\n", argv[a]);
				return 1;
			}
			args[nargs] = xmalloc(strlen(argv[a]) + strlen(v) + 2);
			sprintf(args[nargs], "%s=%s", argv[a], v);
			secure_zero(v, strlen(v));
			free(v);
		} else {
			args[nargs] = xstrdup(argv[a]);
		}
		nargs++;
	}
	ret = userdb_edit(file, name, op, args, (size_t)nargs, &err);
	if (ret < 0)
		fprintf(stderr, "userdb: %s\n", buf_cstr(&err));
	for (int a = 0; a < nargs; a++) {
		secure_zero(args[a], strlen(args[a]));
		free(args[a]);
	}
	free(args);
	free(file);
	free(name);
	buf_free(&err);
	return ret < 0 ? 1 : 0;
}
