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

static GDBM_FILE db;
static char *db_path;
static dev_t db_dev;
static ino_t db_ino;
static struct timespec db_mtime;

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

void userdb_db_close(void)
{
	if (db != NULL)
		gdbm_close(db);
	db = NULL;
	free(db_path);
	db_path = NULL;
}

static GDBM_FILE open_reader(const char *path)
{
	return gdbm_open(path, 0, GDBM_READER | GDBM_NOLOCK, 0, NULL);
}

static int refresh(void)
{
	char *path = dat_path(".dat");
	struct stat st;

	if (stat(path, &st) < 0) {
		int e = errno;

		free(path);
		userdb_db_close();
		errno = e;
		return -1;
	}
	if (db != NULL && db_path != NULL && strcmp(path, db_path) == 0 &&
	    st.st_dev == db_dev && st.st_ino == db_ino &&
	    st.st_mtim.tv_sec == db_mtime.tv_sec && st.st_mtim.tv_nsec == db_mtime.tv_nsec) {
		free(path);
		return 0;
	}
	userdb_db_close();
	db = open_reader(path);
	if (db == NULL) {
		free(path);
		errno = EIO;
		return -1;
	}
	db_path = path;
	db_dev = st.st_dev;
	db_ino = st.st_ino;
	db_mtime = st.st_mtim;
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
	if (strlen(key) > USERDB_LINE_MAX || refresh() < 0)
		return -1;
	return fetch(db, key, val_r);
}

int userdb_db_fetch_shadow(const char *key, char **val_r)
{
	char *path = dat_path("shadow.dat");
	GDBM_FILE f;
	int r;

	if (strlen(key) > USERDB_LINE_MAX) {
		free(path);
		return 0;
	}
	f = open_reader(path);
	free(path);
	if (f == NULL) {
		errno = EIO;
		return -1;
	}
	r = fetch(f, key, val_r);
	gdbm_close(f);
	return r;
}

int userdb_db_iterate(userdb_db_iter_fn *cb, void *ctx)
{
	datum k;
	int ret = 0;

	if (refresh() < 0)
		return -1;
	k = gdbm_firstkey(db);
	while (k.dptr != NULL && ret == 0) {
		datum next;
		char *key = xstrndup(k.dptr, (size_t)k.dsize);
		char *val = NULL;

		if (fetch(db, key, &val) == 1)
			ret = cb(key, val, ctx);
		free(val);
		free(key);
		next = gdbm_nextkey(db, k);
		free(k.dptr);
		k = next;
	}
	free(k.dptr);
	return ret;
}
