/*
 * aliases.h - Postfix aliases(5) syntax, compiled by makealiases into gdbm,
 * looked up by lmtpd.
 *
 * Source syntax: "name: target, target, ..." per logical line; a line that
 * starts with white space continues the previous one; empty lines and lines
 * whose first non-blank byte is '#' are ignored.  Names are case-insensitive
 * (stored lower-case) and may be written "quoted".  Targets are mail
 * addresses ("user", "user@domain", "\user" = no further alias expansion).
 * Deliveries to "|command", "/file" and ":include:/file" are refused with a
 * clear error: lmtpd only delivers into Maildirs.
 *
 * Database: gdbm, key = the lower-case name (no trailing NUL), value = the
 * targets separated by "\n".
 */
#ifndef STAFETA_ALIASES_H
#define STAFETA_ALIASES_H

#include <stddef.h>
#include "compat.h"

struct buf;

#define ALIASES_NAME_MAX     256          /* bytes in one alias name */
#define ALIASES_LINE_MAX     65536        /* bytes in one logical line */
#define ALIASES_TARGETS_MAX  1000         /* targets of one alias */
#define ALIASES_FILE_MAX     (64 << 20)   /* source file size (bytes) */
#define ALIASES_DB_VALUE_MAX (ALIASES_LINE_MAX + ALIASES_TARGETS_MAX)

/* Called once per entry; targets are canonical addresses.  A non-zero return
   stops the parse and is returned by aliases_parse(). */
typedef int aliases_entry_fn(void *ctx, const char *name, const char *const *targets,
			     size_t ntargets, unsigned lineno);

/* Parse aliases source text (len bytes, may contain NULs: refused).
   0 when every entry parsed; -1 on the first error, with "line N: reason"
   in err (err is reset first); or the callback's non-zero value. */
int aliases_parse(const char *text, size_t len, aliases_entry_fn *fn, void *ctx,
		  struct buf *err);

/* Check one target (as found after splitting on commas and trimming):
   0 and the canonical address in out (max SMTP_ADDR_MAX + 2 bytes incl. a
   leading '\' when present), or -1 with a reason in err. */
int aliases_parse_target(const char *s, size_t len, struct buf *out, struct buf *err);

/* Compile src into db (written as db.tmp.PID, fsynced, renamed over db).
   Warnings (duplicates) are logged.  Returns the number of entries, or -1
   with the reason in err. */
int aliases_compile(const char *src, const char *db, struct buf *err);

/* Look name up (case-insensitive) in db.  1 = found, value in out
   (targets separated by "\n"); 0 = not found; -1 = the database cannot be
   read (err says why: a temporary failure). */
int aliases_lookup(const char *db, const char *name, struct buf *out, struct buf *err);

/* The gdbm file for an alias_maps entry "gdbm:PATH": PATH.db, written into
   out; the source file PATH into src_out (may be NULL).  -1 if the entry
   is not of type gdbm. */
int aliases_map_paths(const char *map, struct buf *db_out, struct buf *src_out);

#endif
