/*
 * userdbpw.c - read a password and print its hash for userdb:
 *   userdbpw [-md5 | -sha256 | -sha512 | -yescrypt | -hmac-md5 | -hmac-sha1 | -hmac-sha256]
 * No option: traditional DES crypt, as Debian's userdbpw.  On a terminal
 * the password is asked twice without echo; otherwise one line of stdin.
 *
 * Tests:   tests/protocol/run-authdaemon
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth_pwcheck.h"
#include "buf.h"
#include "log.h"
#include "xmalloc.h"

static int read_pw(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(0);
	int ok;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	const char *scheme = "des";
	char pw[1024], pw2[1024];
	struct buf out = BUF_INIT(1024);

	log_init("userdbpw");
	if (argc == 2 && argv[1][0] == '-') {
		scheme = argv[1] + 1;
		if (strcmp(scheme, "md5") != 0 && strcmp(scheme, "sha256") != 0 &&
		    strcmp(scheme, "sha512") != 0 && strcmp(scheme, "yescrypt") != 0 &&
		    strcmp(scheme, "hmac-md5") != 0 && strcmp(scheme, "hmac-sha1") != 0 &&
		    strcmp(scheme, "hmac-sha256") != 0)
			argc = 99;
	}
	if (argc > 2) {
		fprintf(stderr, "Usage: userdbpw [-md5 | -sha256 | -sha512 | -yescrypt | -hmac-md5 | -hmac-sha1 | -hmac-sha256]\n");
		return 1;
	}
	if (read_pw("Password: ", pw, sizeof(pw)) < 0) {
		fprintf(stderr, "userdbpw: no password\n");
		return 1;
	}
	if (isatty(0)) {
		if (read_pw("Reenter password: ", pw2, sizeof(pw2)) < 0 || strcmp(pw, pw2) != 0) {
			fprintf(stderr, "userdbpw: passwords don't match\n");
			return 1;
		}
	}
	if (auth_pw_hash(scheme, pw, &out) < 0) {
		fprintf(stderr, "userdbpw: cannot hash the password\n");
		return 1;
	}
	secure_zero(pw, sizeof(pw));
	secure_zero(pw2, sizeof(pw2));
	printf("%s\n", out.data);
	buf_free_secure(&out);
	return 0;
}
