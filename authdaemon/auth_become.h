/*
 * auth_become.h - after a successful login, turn the login process into the
 * account, as Courier's imaplogin/courierpop3login do before exec'ing
 * imapd/pop3d (courier-config.md section 2).
 */
#ifndef STAFETA_AUTH_BECOME_H
#define STAFETA_AUTH_BECOME_H

#include "compat.h"
#include "courierauth.h"

/* 1. Drop privileges with lib/privdrop: to the system account ai->username
      (getpwnam + initgroups) when the daemon sent USERNAME=, else to
      ai->uid/ai->gid.  Uid 0 is refused.  When not running as root this
      succeeds only if the account's uid/gid are already ours.
   2. chdir(ai->home) (an empty or missing HOME is an error).
   3. Export AUTHENTICATED=<address> and AUTHADDR=<address>, AUTHFULLNAME
      (if NAME was sent), MAILDIR (if sent, else unset), QUOTA and
      MAILDIRQUOTA (if sent, else unset), OPTIONS (if sent, else unset), HOME.
   0, or -1 with *error_r (a static message: the caller logs it and answers
   "Temporary problem" / closes; the process may be half-changed and must
   not continue serving). */
ATTR_WARN_UNUSED int auth_become(const struct auth_info *ai, const char **error_r);

/* The Maildir to open after auth_become(): ai->maildir if the daemon sent
   one, else def (the post-auth program's argument, "./Maildir" by default). */
const char *auth_maildir(const struct auth_info *ai, const char *def);

#endif
