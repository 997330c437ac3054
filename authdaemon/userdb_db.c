/*
 * userdb_db.c - GDBM lookups in userdb.dat / userdbshadow.dat.
 *
 * Trust:   the database is written by makeuserdb (ours or Courier's);
 *          values are copied with their stored length and NUL-terminated.
 * Runs as: authdaemond (root, or the invoking user in tests).
 * Limits:  values over USERDB_LINE_MAX * 2 are treated as not found.
 * Tests:   tests/unit/authdaemon/test_userdb.c
 */
#include "config.h"

#include <errno.h>
#include <gdbm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "env.h"
#include "userdb_db.h"
#include "userdb_rec.h"
#include "xmalloc.h"

/* An open database and what it was opened from: reopened when the path,
   inode or mtime changes (makeuserdb renames a new file into place). */
struct dbh {
	GDBM_FILE db;
	char *path;
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
};
static struct dbh maindb, shadowdb;

const char *userdb_source_path(void)
{
	return env_get_default("USERDB", USERDB_DEFAULT);
}

static char *dat_path(const char *suffix)
{
	const char *src = userdb_source_path();
	size_t n = strlen(src) + strlen(suffix) + 1;
	char *p = xmalloc(n);

	memcpy(p, src, strlen(src));
	memcpy(p + strlen(src), suffix, strlen(suffix) + 1);
	return p;
}

static void dbh_close(struct dbh *h)
{
	if (h->db != NULL)
		gdbm_close(h->db);
	h->db = NULL;
	free(h->path);
	h->path = NULL;
}

void userdb_db_close(void)
{
	dbh_close(&maindb);
	dbh_close(&shadowdb);
}

static int refresh(struct dbh *h, const char *suffix)
{
	char *path = dat_path(suffix);
	struct stat st;

	if (stat(path, &st) < 0) {
		int e = errno;

		free(path);
		dbh_close(h);
		errno = e;
		return -1;
	}
	if (h->db != NULL && h->path != NULL && strcmp(path, h->path) == 0 &&
	    st.st_dev == h->dev && st.st_ino == h->ino &&
	    st.st_mtim.tv_sec == h->mtime.tv_sec && st.st_mtim.tv_nsec == h->mtime.tv_nsec) {
		free(path);
		return 0;
	}
	dbh_close(h);
	h->db = gdbm_open(path, 0, GDBM_READER | GDBM_NOLOCK, 0, NULL);
	if (h->db == NULL) {
		free(path);
		errno = EIO;
		return -1;
	}
	h->path = path;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	h->mtime = st.st_mtim;
	return 0;
}

static int fetch(GDBM_FILE f, const char *key, char **val_r)
{
	datum k, v;

	k.dptr = (char *)key;
	k.dsize = (int)strlen(key);
	v = gdbm_fetch(f, k);
	if (v.dptr == NULL)
		return gdbm_errno == GDBM_ITEM_NOT_FOUND || gdbm_errno == GDBM_NO_ERROR ? 0 : -1;
	if (v.dsize < 0 || (size_t)v.dsize > USERDB_LINE_MAX * 2 ||
	    memchr(v.dptr, '\0', (size_t)v.dsize) != NULL) {
		free(v.dptr);
		return 0;
	}
	*val_r = xstrndup(v.dptr, (size_t)v.dsize);
	free(v.dptr);
	return 1;
}

int userdb_db_fetch(const char *key, char **val_r)
{
	if (strlen(key) > USERDB_LINE_MAX)
		return 0;
	if (refresh(&maindb, ".dat") < 0)
		return -1;
	return fetch(maindb.db, key, val_r);
}

int userdb_db_fetch_shadow(const char *key, char **val_r)
{
	if (strlen(key) > USERDB_LINE_MAX)
		return 0;
	if (refresh(&shadowdb, "shadow.dat") < 0)
		return -1;
	return fetch(shadowdb.db, key, val_r);
}

int userdb_db_iterate(userdb_db_iter_fn *cb, void *ctx)
{
	datum k;
	int ret = 0;

	if (refresh(&maindb, ".dat") < 0)
		return -1;
	k = gdbm_firstkey(maindb.db);
	while (k.dptr != NULL && ret == 0) {
		datum next;
		char *key = xstrndup(k.dptr, (size_t)k.dsize);
		char *val = NULL;

		if (fetch(maindb.db, key, &val) == 1)
			ret = cb(key, val, ctx);
		free(val);
		free(key);
		next = gdbm_nextkey(maindb.db, k);
		free(k.dptr);
		k = next;
	}
	free(k.dptr);
	return ret;
}
