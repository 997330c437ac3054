#include "config.h"
/*
 * makedat.c - compile an access file into gdbm, Courier's makedat:
 *   makedat -src=SOURCE -file=FILE.dat -tmp=FILE.tmp [-cidr]
 *   makedat SOURCE FILE.dat            (short form)
 *
 * Trust:   the source is the admin's; parsed strictly by tcpd_access.c.
 * Runs as: the admin (makeimapaccess, mailctl).
 * Limits:  see tcpd_access.h.
 * Errors:  exit 1 with "makedat: FILE line N: reason"; the old .dat stays.
 * Tests:   tests/unit/couriertcpd/test_access.c, tests/protocol/run-couriertcpd
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "tcpd_access.h"

int main(int argc, char **argv)
{
	const char *src = NULL, *dat = NULL, *tmp = NULL, *why = NULL;
	struct buf tmpname = BUF_INIT(8192);
	int npos = 0;

	log_init("makedat");
	log_set_prefix_progname(1);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "-src=", 5) == 0)
			src = a + 5;
		else if (strncmp(a, "-file=", 6) == 0)
			dat = a + 6;
		else if (strncmp(a, "-tmp=", 5) == 0)
			tmp = a + 5;
		else if (strcmp(a, "-cidr") == 0)
			;   /* CIDR blocks are always expanded */
		else if (a[0] == '-')
			die(1, "unknown option %s\nusage: makedat -src=SOURCE -file=FILE.dat "
			    "-tmp=FILE.tmp [-cidr]", a);
		else if (npos == 0 && src == NULL)
			src = a, npos++;
		else if (npos == 1 && dat == NULL)
			dat = a, npos++;
		else
			die(1, "too many arguments");
	}
	if (src == NULL || dat == NULL)
		die(1, "usage: makedat -src=SOURCE -file=FILE.dat -tmp=FILE.tmp [-cidr]");
	if (tmp == NULL) {
		if (buf_printf(&tmpname, "%s.tmp", dat) < 0)
			die(1, "%s: path too long", dat);
		tmp = buf_cstr(&tmpname);
	}
	if (tcpd_access_compile(src, dat, tmp, &why) < 0)
		die(1, "%s", why);
	buf_free(&tmpname);
	return 0;
}
