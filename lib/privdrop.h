/*
 * privdrop.h - the one way to give up root: setgroups, setgid, setuid, each
 * checked, then proof that it cannot be undone.
 */
#ifndef STAFETA_PRIVDROP_H
#define STAFETA_PRIVDROP_H

#include <sys/types.h>
#include "compat.h"

/* Become uid/gid with exactly these supplementary groups (NULL/0 = only gid).
   When not root: succeeds only if uid/gid are already ours (nothing to do).
   After a drop to a non-zero uid, verifies setuid(0) fails.  0, or -1 with
   *error_r.  uid 0 as the target is refused unless allow_root. */
ATTR_WARN_UNUSED int privdrop(uid_t uid, gid_t gid, const gid_t *groups, size_t ngroups,
			      int allow_root, const char **error_r);
/* Look the account up (getpwnam) and drop to it with its groups (initgroups). */
ATTR_WARN_UNUSED int privdrop_user(const char *name, const char **error_r);
/* A group by name or number. */
ATTR_WARN_UNUSED int privdrop_lookup_group(const char *name, gid_t *gid_r);
/* A user by name or number, with its primary group. */
ATTR_WARN_UNUSED int privdrop_lookup_user(const char *name, uid_t *uid_r, gid_t *gid_r);

#endif
