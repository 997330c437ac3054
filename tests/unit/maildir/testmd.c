/*
 * testmd.c - helpers for the maildir unit tests.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cutest.h"
#include "maildir.h"
#include "testmd.h"

char *tmd_path(const char *a, const char *b)
{
	char *p = malloc(strlen(a) + strlen(b) + 2);

	sprintf(p, "%s/%s", a, b);
	return p;
}

char *tmd_maildir(const char *tag, char **root_r)
{
	char *root = cutest_tmpdir(tag);
	char *md = tmd_path(root, "Maildir");

	CU_ASSERT_FATAL(maildir_create(md, 0700) == 0);
	*root_r = root;
	return md;
}

void tmd_write(const char *dir, const char *name, const char *data, size_t n)
{
	char *p = tmd_path(dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	CU_ASSERT_FATAL(fd >= 0);
	if (n == (size_t)-1)
		n = strlen(data);
	CU_ASSERT_FATAL(write(fd, data, n) == (ssize_t)n);
	close(fd);
	free(p);
}

char *tmd_read(const char *dir, const char *name)
{
	char *p = tmd_path(dir, name), *buf;
	FILE *f = fopen(p, "r");
	long n;

	free(p);
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int tmd_count(const char *dir, const char *sub)
{
	char *p = tmd_path(dir, sub);
	DIR *d = opendir(p);
	struct dirent *de;
	int n = 0;

	free(p);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

char *tmd_first(const char *dir, const char *sub)
{
	char *p = tmd_path(dir, sub), *r = NULL;
	DIR *d = opendir(p);
	struct dirent *de;

	free(p);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			r = strdup(de->d_name);
			break;
		}
	}
	closedir(d);
	return r;
}
