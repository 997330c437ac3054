/*
 * userdb_rec.h - Courier userdb records: "field=value|field=value|..." as
 * stored in userdb.dat/userdbshadow.dat, and source lines
 * "name<TAB>fields" (userdb.md sections 2, 3, 6).
 */
#ifndef STAFETA_USERDB_REC_H
#define STAFETA_USERDB_REC_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;

/* Longest source line / record accepted, bytes. */
#define USERDB_LINE_MAX 16384

/* The value of field in rec (n bytes, not necessarily NUL-terminated):
   items are split on '|', the first item whose name is field followed by
   '=', '|' or the end matches; "" for a bare flag.  malloc'ed, or NULL. */
char *userdb_get(const char *rec, size_t n, const char *field);

/* One source line split for makeuserdb: name (before the first TAB), the
   main record (fields not ending in "pw" plus "_=<subpath>") and the shadow
   record (fields whose name ends in "pw").  Returns 1 with outputs set
   (malloc'ed; *shadow_r "" when there are none), 0 for a blank or '#'
   line, -1 with *error_r for a malformed line (no name, control bytes).
   A line without a TAB is Courier's "key=line, value=1" form: name = line,
   main = "1", shadow = "". */
int userdb_split_line(const char *line, const char *subpath, char **name_r, char **main_r,
		      char **shadow_r, const char **error_r);

/* Replace (or add) field=value in rec and return the new record; value NULL
   removes the field.  malloc'ed. */
char *userdb_rec_set(const char *rec, const char *field, const char *value);

/* Read a source file line by line (a last line without LF counts; LF is
   stripped, nothing else).  A line over USERDB_LINE_MAX bytes or with a NUL
   byte, or a file over USERDB_FILE_MAX bytes, is an error.  fn returns 0
   to go on; a non-zero value stops and is returned.  -1 with the reason in
   err ("path:line: ...") on read errors. */
#define USERDB_FILE_MAX (256UL * 1024 * 1024)
typedef int userdb_line_fn(const char *line, unsigned long lineno, void *ctx);
int userdb_each_line(const char *path, userdb_line_fn *fn, void *ctx, struct buf *err);

/* fsync the directory holding path, so a rename into it survives a crash.
   0 or -1 (errno). */
int userdb_sync_dir_of(const char *path);

/* true if field names a password (shadow) field: its name ends in "pw". */
bool userdb_field_is_secret(const char *field, size_t n);

#endif
