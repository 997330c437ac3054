/*
 * pop3_retr_client.c - the timing client of bench/run-pop3d: log in, LIST,
 * then RETR 1..N, QUIT.  With WINDOW 1 (the default) it waits for each
 * reply before the next command, as fetchmail does; with a larger WINDOW it
 * keeps that many RETRs in flight, as mpop does when the server announces
 * PIPELINING (RFC 2449).  Written in C so the client's own cost stays well
 * below the servers' (a Python loop costs about as much per message as a
 * fast server).  Prints "<seconds> <messages> <bytes>".  Loopback only.
 *
 * Usage: pop3_retr_client PORT USER PASSWORD [WINDOW]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static char *buf;
static size_t cap = 1 << 20, len;
static int fd;

static void die(const char *what)
{
	fprintf(stderr, "pop3_retr_client: %s\n", what);
	exit(1);
}

static void put(const char *s)
{
	size_t n = strlen(s);

	if (write(fd, s, n) != (ssize_t)n)
		die("write");
}

static void fill(void)
{
	ssize_t n;

	if (len == cap) {
		cap *= 2;
		buf = realloc(buf, cap);
		if (buf == NULL)
			die("memory");
	}
	n = read(fd, buf + len, cap - len);
	if (n <= 0)
		die("server closed");
	len += (size_t)n;
}

/* One status line; it must be +OK. */
static void status(void)
{
	char *e;

	while ((e = memmem(buf, len, "\r\n", 2)) == NULL)
		fill();
	if (len < 3 || memcmp(buf, "+OK", 3) != 0) {
		fprintf(stderr, "%.*s\n", (int)(e - buf), buf);
		die("-ERR");
	}
	len -= (size_t)(e + 2 - buf);
	memmove(buf, e + 2, len);
}

/* The end of the first whole multi-line reply in buf[from..len), or NULL.
   A body line "." is sent as "..", so CRLF.CRLF ends a reply; a reply with
   an empty body ends "+OK ...\r\n.\r\n", found the same way. */
static char *reply_end(size_t from)
{
	char *e;

	if (len < from + 5)
		return NULL;
	e = memmem(buf + from, len - from, "\r\n.\r\n", 5);
	return e != NULL ? e + 5 : NULL;
}

/* RETR first..last with up to window commands in flight: bytes received. */
static size_t retr_pipelined(size_t last, size_t window)
{
	char cmd[64 * 1024];
	size_t sent = 0, done = 0, total = 0, scan = 0;

	while (done < last) {
		size_t cl = 0;
		char *e;

		while (sent < last && sent - done < window && cl + 32 < sizeof(cmd))
			cl += (size_t)snprintf(cmd + cl, sizeof(cmd) - cl, "RETR %zu\r\n", ++sent);
		if (cl > 0 && write(fd, cmd, cl) != (ssize_t)cl)
			die("write");
		fill();
		/* consume every whole reply now in the buffer */
		while ((e = reply_end(scan)) != NULL) {
			size_t n = (size_t)(e - buf);
			if (memcmp(buf, "+OK", 3) != 0)
				die("-ERR on RETR");
			total += n;
			done++;
			len -= n;
			memmove(buf, e, len);
			scan = 0;
		}
		/* resume the search just before the end of what is here */
		scan = len > 4 ? len - 4 : 0;
	}
	return total;
}

/* A multi-line reply: returns its size; counts lines into *lines_r. */
static size_t multi(size_t *lines_r)
{
	size_t n, i, lines = 0;

	for (;;) {
		if (len >= 5 && memcmp(buf + len - 5, "\r\n.\r\n", 5) == 0)
			break;
		fill();
	}
	if (memcmp(buf, "+OK", 3) != 0)
		die("-ERR on a multi-line command");
	for (i = 0; lines_r != NULL && i < len; i++)
		lines += buf[i] == '\n';
	if (lines_r != NULL)
		*lines_r = lines;
	n = len;
	len = 0;
	return n;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct timespec t0, t1;
	char cmd[600];
	size_t lines, i, total = 0, window = 1;
	int one = 1;

	if (argc != 4 && argc != 5)
		die("usage: pop3_retr_client PORT USER PASSWORD [WINDOW]");
	if (argc == 5 && (window = (size_t)atol(argv[4])) == 0)
		die("WINDOW must be at least 1");
	buf = malloc(cap);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("connect");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	status();
	snprintf(cmd, sizeof(cmd), "USER %.200s\r\n", argv[2]);
	put(cmd);
	status();
	snprintf(cmd, sizeof(cmd), "PASS %.200s\r\n", argv[3]);
	put(cmd);
	status();
	put("LIST\r\n");
	multi(&lines);
	lines -= 2;   /* the status line and the final dot */
	if (window > 1)
		total = retr_pipelined(lines, window);
	else
		for (i = 1; i <= lines; i++) {
			snprintf(cmd, sizeof(cmd), "RETR %zu\r\n", i);
			put(cmd);
			total += multi(NULL);
		}
	put("QUIT\r\n");
	status();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.4f %zu %zu\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       lines, total);
	close(fd);
	return 0;
}
