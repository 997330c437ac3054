/*
 * replay_main.c - run a libFuzzer target over every file of a corpus directory
 * (and over a few built-in edge inputs), so make check exercises each fuzz
 * target with any compiler.  Prints "N passed, N failed": a crash is a failure
 * of the whole program, which tests/runtests reports.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t n;

	if (fp == NULL || fstat(fileno(fp), &st) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	data = malloc((size_t)st.st_size + 1);
	if (data == NULL)
		abort();
	n = fread(data, 1, (size_t)st.st_size, fp);
	fclose(fp);
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const edge[] = { "", "\0", "\r\n", "\n\n\n", "\\", "\"", "'", "$", "${", "{", "}", "\xff\xfe" };
	unsigned passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
		size_t n = strlen(edge[i]);

		LLVMFuzzerTestOneInput((const uint8_t *)edge[i], n == 0 && i == 1 ? 1 : n);
		passed++;
	}
	for (int a = 1; a < argc; a++) {
		DIR *d = opendir(argv[a]);
		struct dirent *de;

		if (d == NULL) {
			fprintf(stderr, "corpus %s: %s\n", argv[a], strerror(errno));
			failed++;
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char *p;

			if (de->d_name[0] == '.')
				continue;
			if (asprintf(&p, "%s/%s", argv[a], de->d_name) < 0)
				abort();
			if (replay_file(p) == 0)
				passed++;
			else
				failed++;
			free(p);
		}
		closedir(d);
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
