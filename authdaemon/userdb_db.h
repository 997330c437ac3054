/*
 * userdb_db.h - read the compiled userdb (GDBM userdb.dat and
 * userdbshadow.dat, the files Courier's makeuserdb writes).
 */
#ifndef STAFETA_USERDB_DB_H
#define STAFETA_USERDB_DB_H

#include <stddef.h>
#include "compat.h"

/* The userdb source path: $USERDB, else USERDB_DEFAULT (set by the build,
   normally $(sysconfdir)/userdb).  Databases are <path>.dat and
   <path>shadow.dat. */
const char *userdb_source_path(void);

/* Fetch key from <source>.dat: 1 found (*val_r malloc'ed, NUL-terminated),
   0 not found, -1 the database cannot be opened/read (errno).  The handle
   stays open between calls and is reopened when the file's inode or mtime
   changes, so a new makeuserdb takes effect at once. */
int userdb_db_fetch(const char *key, char **val_r);
/* The same from <source>shadow.dat (same reopen rule). */
int userdb_db_fetch_shadow(const char *key, char **val_r);

/* Every key of <source>.dat in GDBM order: cb(key, value, ctx); a non-zero
   return stops and is returned.  -1 if the database cannot be opened. */
typedef int userdb_db_iter_fn(const char *key, const char *val, void *ctx);
int userdb_db_iterate(userdb_db_iter_fn *cb, void *ctx);

/* Close the cached handle (tests, SIGHUP). */
void userdb_db_close(void);

#endif
