/*
 * authpasswd.c - change a password through authdaemond (PASSWD):
 *   authpasswd [-s service] [user]
 * Prompts (without echo on a terminal) for the old password and twice for
 * the new one; reads three lines from stdin when it is not a terminal.
 *
 * Tests:   tests/protocol/run-authdaemon
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "courierauth.h"
#include "log.h"
#include "xmalloc.h"

static char *ask(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(0);
	char buf[1024];
	char *ret = NULL;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, sizeof(buf), stdin) != NULL) {
		buf[strcspn(buf, "\r\n")] = '\0';
		ret = xstrdup(buf);
	}
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	secure_zero(buf, sizeof(buf));
	return ret;
}

int main(int argc, char **argv)
{
	const char *service = "login", *user = NULL;
	char *oldpw, *newpw, *again;
	enum auth_result r;
	int c;

	log_init("authpasswd");
	while ((c = getopt(argc, argv, "s:S:")) != -1) {
		switch (c) {
		case 's': service = optarg; break;
		case 'S': auth_set_socket_path(optarg); break;
		default:
			fprintf(stderr, "Usage: authpasswd [-s service] [user]\n");
			return 1;
		}
	}
	if (optind < argc) {
		user = argv[optind];
	} else {
		struct passwd *pw = getpwuid(getuid());

		if (pw == NULL) {
			fprintf(stderr, "authpasswd: who are you?\n");
			return 1;
		}
		user = pw->pw_name;
	}
	oldpw = ask("Old password: ");
	newpw = ask("New password: ");
	again = ask("Re-enter new password: ");
	if (oldpw == NULL || newpw == NULL || again == NULL || strcmp(newpw, again) != 0 ||
	    newpw[0] == '\0') {
		fprintf(stderr, "authpasswd: passwords missing or do not match\n");
		return 1;
	}
	r = auth_passwd(service, user, oldpw, newpw);
	secure_zero(oldpw, strlen(oldpw));
	secure_zero(newpw, strlen(newpw));
	secure_zero(again, strlen(again));
	free(oldpw);
	free(newpw);
	free(again);
	if (r != AUTH_OK) {
		fprintf(stderr, "authpasswd: password change failed%s\n",
			r == AUTH_TEMPFAIL ? " (authdaemond not reachable)" : "");
		return 1;
	}
	fprintf(stderr, "Password changed.\n");
	return 0;
}
