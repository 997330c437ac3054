/*
 * rfc822_parse.c - bench/run-rfc822's parser loop: for every file named on
 * stdin (one path a line), read it in 64 KB pieces and feed librfc822's
 * MIME parser, then free the tree.  Prints "messages bytes parts" on stdout.
 * Built by run-rfc822 with cc against the build tree's archives.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mime.h"

static unsigned long count_parts(const struct mime_part *p)
{
	unsigned long n = !p->is_dummy;
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		n += count_parts(c);
	return n;
}

int main(void)
{
	static char buf[65536];
	char path[4096];
	unsigned long long msgs = 0, bytes = 0, parts = 0;

	while (fgets(path, sizeof(path), stdin) != NULL) {
		struct mime_parser *mp;
		struct mime_part *root;
		ssize_t r;
		int fd;

		path[strcspn(path, "\n")] = '\0';
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			perror(path);
			return 1;
		}
		mp = mime_parser_new(0);
		while ((r = read(fd, buf, sizeof(buf))) > 0) {
			mime_parser_feed(mp, buf, (size_t)r);
			bytes += (unsigned long long)r;
		}
		close(fd);
		root = mime_parser_finish(&mp);
		parts += count_parts(root);
		mime_free(&root);
		msgs++;
	}
	printf("%llu %llu %llu\n", msgs, bytes, parts);
	return 0;
}
