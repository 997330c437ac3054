/*
 * authtest.c - ask authdaemond about an account, as Courier's authtest:
 *   authtest [-s service] userid [password [newpassword]]
 * No password: PRE; a password: AUTH login; a new password: PASSWD.
 *
 * Trust:   arguments are the admin's; the reply is parsed by libcourierauth.
 * Tests:   tests/protocol/run-authdaemon, tests/interop/run-authdaemon-golden
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "courierauth.h"
#include "log.h"

static const char *none(const char *s)
{
	return s != NULL && *s != '\0' ? s : "(none)";
}

static int fail(enum auth_result r)
{
	errno = r == AUTH_FAIL ? EPERM : EAGAIN;
	perror("Authentication FAILED");
	return 1;
}

int main(int argc, char **argv)
{
	const char *service = "login";
	struct auth_info ai;
	enum auth_result r;
	int c;

	log_init("authtest");
	while ((c = getopt(argc, argv, "s:S:")) != -1) {
		switch (c) {
		case 's':
			service = optarg;
			break;
		case 'S':
			auth_set_socket_path(optarg);
			break;
		default:
			fprintf(stderr, "Usage: authtest [-s service] userid [password [newpassword]]\n");
			return 1;
		}
	}
	if (optind >= argc || argc - optind > 3) {
		fprintf(stderr, "Usage: authtest [-s service] userid [password [newpassword]]\n");
		return 1;
	}
	if (setenv("TCPREMOTEIP", "::1", 1) < 0)
		return 1;
	if (argc - optind == 3) {
		r = auth_passwd(service, argv[optind], argv[optind + 1], argv[optind + 2]);
		if (r != AUTH_OK)
			return fail(r);
		fprintf(stderr, "Password change succeeded.\n");
		return 0;
	}
	if (argc - optind == 2)
		r = auth_login(service, argv[optind], argv[optind + 1], &ai);
	else
		r = auth_pre(service, argv[optind], &ai);
	if (r != AUTH_OK)
		return fail(r);
	printf("Authentication succeeded.\n\n");
	if (ai.username != NULL && !ai.have_uid)
		printf("     Authenticated: %s  (system username: %s)\n", ai.address, ai.username);
	else
		printf("     Authenticated: %s  (uid %lu, gid %lu)\n", ai.address,
		       (unsigned long)ai.uid, (unsigned long)ai.gid);
	printf("    Home Directory: %s\n", none(ai.home));
	printf("           Maildir: %s\n", none(ai.maildir));
	printf("             Quota: %s\n", none(ai.quota));
	printf("Encrypted Password: %s\n", none(ai.passwd));
	printf("Cleartext Password: %s\n", none(ai.passwd2));
	printf("           Options: %s\n", none(ai.options));
	auth_info_free(&ai);
	return 0;
}
