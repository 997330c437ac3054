/*
 * mod_pam.c - authdaemond's authpam module: PAM authentication with the
 * request's service name (imap, pop3, smtp, ...), account data from the
 * passwd database.  Cannot do CRAM.  Enumerates the passwd database as
 * Debian's authpam does.
 *
 * Trust:   user name and password are hostile; they are only handed to
 *          PAM through the conversation function.
 * Runs as: authdaemond workers (root, so pam_unix can read shadow).
 * Limits:  a PAM stack that hangs is cut by the worker's request alarm.
 * Tests:   tests/interop/run-authdaemon-pam
 */
#include "config.h"

#include <security/pam_appl.h>
#include <stdlib.h>
#include <string.h>

#include "authd_module.h"
#include "log.h"
#include "xmalloc.h"

struct conv_data {
	const char *answer;     /* what to answer a hidden prompt */
	const char *answer2;    /* answers after the first one (password change) */
	int         asked;
};

static int conv(int n, const struct pam_message **msg, struct pam_response **resp, void *vd)
{
	struct conv_data *cd = vd;
	struct pam_response *r;

	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	r = xcalloc((size_t)n, sizeof(*r));
	for (int i = 0; i < n; i++) {
		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
		case PAM_PROMPT_ECHO_ON: {
			const char *a = cd->asked > 0 && cd->answer2 != NULL ? cd->answer2 : cd->answer;

			r[i].resp = xstrdup(a != NULL ? a : "");
			cd->asked++;
			break;
		}
		default:
			r[i].resp = NULL;
			break;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
}

static int pam_check(const char *service, const char *user, const char *pass,
		     const char *newpw)
{
	struct conv_data cd = { pass, NULL, 0 };
	struct pam_conv pc = { conv, &cd };
	pam_handle_t *ph = NULL;
	int r;

	r = pam_start(service, user, &pc, &ph);
	if (r != PAM_SUCCESS) {
		log_msg(LOGL_ERR, "authpam: pam_start failed: %s", pam_strerror(ph, r));
		return AUTHD_TEMPFAIL;
	}
	if (authd_settings.remoteip != NULL)
		(void)pam_set_item(ph, PAM_RHOST, authd_settings.remoteip);
	r = pam_authenticate(ph, PAM_SILENT);
	if (r == PAM_SUCCESS)
		r = pam_acct_mgmt(ph, PAM_SILENT);
	if (r == PAM_SUCCESS && newpw != NULL) {
		cd.answer = newpw;
		cd.answer2 = newpw;
		cd.asked = 0;
		r = pam_chauthtok(ph, PAM_SILENT);
	}
	if (r != PAM_SUCCESS)
		authd_debug("authpam: %s", pam_strerror(ph, r));
	pam_end(ph, r);
	return r == PAM_SUCCESS ? AUTHD_OK : AUTHD_REJECT;
}

static int pam_pre(const char *service, const char *user, struct authd_account *a)
{
	int r = authd_pw_account("authpam", user, a);

	(void)service;
	if (r == AUTHD_OK)
		authd_pw_hash(user, a);
	return r;
}

static int pam_login(const char *service, const char *user, const char *pass,
		     struct authd_account *a)
{
	int r = authd_pw_account("authpam", user, a);

	if (r != AUTHD_OK)
		return r;
	r = pam_check(service, user, pass, NULL);
	if (r != AUTHD_OK) {
		authd_debug("authpam: password check failed (supplied %s)", authd_debug_secret(pass));
		authd_account_free(a);
		return r;
	}
	authd_pw_hash(user, a);
	a->clearpasswd = xstrdup(pass);
	return AUTHD_OK;
}

static int pam_passwd(const char *service, const char *user, const char *oldpw,
		      const char *newpw)
{
	struct authd_account a;
	int r = authd_pw_account("authpam", user, &a);

	if (r != AUTHD_OK)
		return r;
	authd_account_free(&a);
	return pam_check(service, user, oldpw, newpw);
}

const struct authd_module authd_mod_pam = {
	"authpam", pam_pre, pam_login, NULL, pam_passwd, authd_pw_enumerate
};
