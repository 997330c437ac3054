/*
 * pop3_null_server.c - the floor of bench/run-pop3d: a POP3 responder with
 * every reply already in memory (the messages of a Maildir's cur/, read and
 * CRLF-encoded at start), answering USER, PASS, LIST, RETR and QUIT with
 * one write each, one connection at a time.  No server can answer faster on
 * this machine, so RETR-all against it is the cost of the client, the
 * kernel and the loopback round trips alone.  Loopback only; not a server.
 *
 * Usage: pop3_null_server PORT MAILDIR   (prints "ready" when listening)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct reply {
	char *p;
	size_t n;
};

static void die(const char *what)
{
	fprintf(stderr, "pop3_null_server: %s\n", what);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL)
		die("memory");
	return p;
}

/* "+OK\r\n", the message with CRLF line ends and dot-stuffing, ".\r\n" */
static struct reply encode(const char *src, size_t n)
{
	struct reply r;
	size_t i, o = 0;
	int bol = 1;

	r.p = xrealloc(NULL, 2 * n + 16);
	o += (size_t)sprintf(r.p, "+OK %zu octets\r\n", n);
	for (i = 0; i < n; i++) {
		if (bol && src[i] == '.')
			r.p[o++] = '.';
		if (src[i] == '\n')
			r.p[o++] = '\r';
		r.p[o++] = src[i];
		bol = src[i] == '\n';
	}
	if (!bol) {
		r.p[o++] = '\r';
		r.p[o++] = '\n';
	}
	memcpy(r.p + o, ".\r\n", 3);
	r.n = o + 3;
	return r;
}

static int load(const char *maildir, struct reply **msgs_r)
{
	char path[4096];
	struct dirent **names;
	struct reply *msgs;
	int i, n;

	snprintf(path, sizeof(path), "%s/cur", maildir);
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0)
		die("scandir");
	msgs = xrealloc(NULL, sizeof(*msgs) * (size_t)(n + 1));
	int count = 0;
	for (i = 0; i < n; i++) {
		struct stat st;
		char *data;
		int fd;

		snprintf(path, sizeof(path), "%s/cur/%s", maildir, names[i]->d_name);
		free(names[i]);
		fd = open(path, O_RDONLY);
		if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		data = xrealloc(NULL, (size_t)st.st_size + 1);
		if (read(fd, data, (size_t)st.st_size) != st.st_size)
			die("read");
		close(fd);
		msgs[count++] = encode(data, (size_t)st.st_size);
		free(data);
	}
	free(names);
	*msgs_r = msgs;
	return count;
}

static void put(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void session(int c, const struct reply *msgs, int count, const struct reply *list)
{
	char in[65536];
	size_t il = 0;

	put(c, "+OK null server\r\n", 17);
	for (;;) {
		ssize_t r = read(c, in + il, sizeof(in) - il);
		char *e;

		if (r <= 0)
			return;
		il += (size_t)r;
		while ((e = memchr(in, '\n', il)) != NULL) {
			size_t ll = (size_t)(e - in) + 1;
			if (strncasecmp(in, "RETR ", 5) == 0) {
				int k = atoi(in + 5);
				if (k >= 1 && k <= count)
					put(c, msgs[k - 1].p, msgs[k - 1].n);
				else
					put(c, "-ERR no such message\r\n", 22);
			} else if (strncasecmp(in, "LIST", 4) == 0) {
				put(c, list->p, list->n);
			} else if (strncasecmp(in, "QUIT", 4) == 0) {
				put(c, "+OK bye\r\n", 9);
				return;
			} else {
				put(c, "+OK\r\n", 5);
			}
			il -= ll;
			memmove(in, in + ll, il);
		}
		if (il == sizeof(in))
			return;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct reply *msgs, list;
	int s, count, i, one = 1;
	size_t cap;

	if (argc != 3)
		die("usage: pop3_null_server PORT MAILDIR");
	count = load(argv[2], &msgs);
	cap = 64 + (size_t)count * 32;
	list.p = xrealloc(NULL, cap);
	list.n = (size_t)sprintf(list.p, "+OK\r\n");
	for (i = 0; i < count; i++)
		list.n += (size_t)sprintf(list.p + list.n, "%d %zu\r\n", i + 1, msgs[i].n);
	list.n += (size_t)sprintf(list.p + list.n, ".\r\n");
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 16) < 0)
		die("listen");
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		session(c, msgs, count, &list);
		close(c);
	}
}
