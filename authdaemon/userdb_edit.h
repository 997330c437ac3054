/*
 * userdb_edit.h - edit the userdb text source as Courier's `userdb` tool
 * does: set/unset fields, delete an account, show accounts.
 */
#ifndef STAFETA_USERDB_EDIT_H
#define STAFETA_USERDB_EDIT_H

#include <stddef.h>
#include <stdio.h>
#include "compat.h"

struct buf;

enum userdb_edit_op { USERDB_SET, USERDB_UNSET, USERDB_DEL };

/* The file to edit for "[path/]name" given the source src (USERDB):
   src itself when it is a file (path must be empty), src/path when src is
   a directory.  With a directory and no path, the file already holding
   name, else src/"name's domain or name".  *file_r and *name_r malloc'ed.
   0, or -1 with the reason in err. */
int userdb_edit_target(const char *src, const char *addr, char **file_r, char **name_r,
		       struct buf *err);

/* Apply op to account name in file.  USERDB_SET: args are "field=value"
   (a new account is appended when name is absent); USERDB_UNSET: field
   names; USERDB_DEL: none (deleting an absent account is an error).
   Locks <dir>/.lock.<file>, writes <dir>/.tmp.<file> with the original
   mode (0600 for a new file), fsyncs and renames it over the file.
   Values may not contain '|', TAB or control bytes.  0, or -1 with err. */
ATTR_WARN_UNUSED int userdb_edit(const char *file, const char *name, enum userdb_edit_op op,
				 char *const *args, size_t nargs, struct buf *err);

/* userdb -show: with name NULL, every account name in the source (one per
   line); else "field=value" lines of that account.  0, or -1 (not found or
   unreadable) with err. */
int userdb_show(const char *src, const char *name, FILE *out, struct buf *err);

#endif
