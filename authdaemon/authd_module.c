/*
 * authd_module.c - module table, debug logging helpers, the non-root rule.
 *
 * Tests:   tests/unit/authdaemon/test_server.c
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "authd_module.h"
#include "buf.h"
#include "log.h"

struct authd_settings authd_settings;

void authd_debug(const char *fmt, ...)
{
	struct buf tmp = BUF_INIT(4096);
	char msg[1024];
	va_list ap;

	if (authd_settings.debug_login <= 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(LOGL_DEBUG, "%s", log_safe(&tmp, msg, 1000));
	buf_free(&tmp);
}

const char *authd_debug_secret(const char *pw)
{
	if (pw == NULL)
		return "<null>";
	return authd_settings.debug_login >= 2 ? pw : "<hidden>";
}

const struct authd_module *authd_module_find(const char *name)
{
	if (strcmp(name, "authuserdb") == 0)
		return &authd_mod_userdb;
	if (strcmp(name, "authpam") == 0)
		return &authd_mod_pam;
	if (strcmp(name, "authpwd") == 0 || strcmp(name, "authshadow") == 0)
		return &authd_mod_pwd;
	return NULL;
}

bool authd_uid_allowed(uid_t uid)
{
	uid_t me = geteuid();

	return me == 0 || uid == me;
}
