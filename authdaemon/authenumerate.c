/*
 * authenumerate.c - list every account authdaemond knows (ENUMERATE):
 *   authenumerate [-s] [-o]
 * -s skips accounts with disableshared set; -o adds the options column.
 *
 * Tests:   tests/protocol/run-authdaemon, tests/interop/run-authdaemon-golden
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "courierauth.h"
#include "log.h"

struct opts { bool skip_shared, show_options; };

static int print_one(const struct auth_enum_entry *e, void *ctx)
{
	const struct opts *o = ctx;

	if (o->skip_shared && auth_option_int(e->options, "disableshared", 0) != 0)
		return 0;
	printf("%s\t%lu\t%lu\t%s\t%s", e->name, (unsigned long)e->uid, (unsigned long)e->gid,
	       e->home, e->maildir);
	if (o->show_options)
		printf("\t%s", e->options);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { false, false };
	int c;

	log_init("authenumerate");
	while ((c = getopt(argc, argv, "soS:")) != -1) {
		switch (c) {
		case 's': o.skip_shared = true; break;
		case 'o': o.show_options = true; break;
		case 'S': auth_set_socket_path(optarg); break;
		default:
			fprintf(stderr, "Usage: authenumerate [-s] [-o]\n");
			return 1;
		}
	}
	if (auth_enumerate(print_one, &o) != 0) {
		fprintf(stderr, "authenumerate: enumeration failed or was cut short\n");
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
