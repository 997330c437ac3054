/*
 * testmd.h - helpers for the maildir unit tests: fresh maildirs, files with
 * given contents, directory listings.
 */
#ifndef STAFETA_TESTMD_H
#define STAFETA_TESTMD_H

#include <stddef.h>

/* A fresh maildir (tmp/new/cur) in a new temp dir; *root_r gets the temp
   dir to cutest_rmtree().  Returns malloc'ed "<root>/Maildir". */
char *tmd_maildir(const char *tag, char **root_r);
/* Write n bytes (or strlen if n == (size_t)-1) to dir/name. */
void tmd_write(const char *dir, const char *name, const char *data, size_t n);
/* Read a whole file (malloc'ed, NUL-terminated) or NULL. */
char *tmd_read(const char *dir, const char *name);
/* Number of entries (not . and ..) in dir/sub. */
int tmd_count(const char *dir, const char *sub);
/* The only (or first) entry of dir/sub, malloc'ed, or NULL. */
char *tmd_first(const char *dir, const char *sub);
/* "a/b" malloc'ed. */
char *tmd_path(const char *a, const char *b);

#endif
