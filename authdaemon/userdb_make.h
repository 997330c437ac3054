/*
 * userdb_make.h - compile the userdb source (a file or a directory of files)
 * into <src>.dat and <src>shadow.dat, atomically (makeuserdb).
 */
#ifndef STAFETA_USERDB_MAKE_H
#define STAFETA_USERDB_MAKE_H

#include "compat.h"

struct buf;

/* Compile src.  Refuses a symlinked source or output and a source with
   group/world permission bits; takes flock on <src>.lock; builds
   <src>.tmp and <src>shadow.tmp (0644 and 0600), fsyncs them and renames
   them over <src>.dat and <src>shadow.dat, so a reader sees the old or the
   new database, never a half-written one.  A duplicate name, a malformed
   line or a line over USERDB_LINE_MAX fails the whole build (the old
   databases stay).  0, or -1 with the reason in err ("file:line: ..."). */
ATTR_WARN_UNUSED int userdb_make(const char *src, struct buf *err);

#endif
