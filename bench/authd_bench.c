/*
 * authd_bench.c - load generator for bench/run-authdaemon: N processes, each
 * sending AUTH login requests (one per connection, as every client does)
 * to an authdaemond socket for a fixed time, cycling through the accounts
 * user00000..user<n-1>@example.com.  Prints "requests errors seconds".
 *
 *   authd_bench SOCKET CLIENTS SECONDS NUSERS PASSWORD
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int one(const char *path, const char *req, size_t n)
{
	struct sockaddr_un sun;
	char buf[8192];
	size_t got = 0;
	ssize_t r;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    write(fd, req, n) != (ssize_t)n) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((r = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)r;
	close(fd);
	buf[got] = '\0';
	return got > 4 && strncmp(buf, "UID=", 4) == 0 && strstr(buf, "\n.\n") != NULL ? 0 : -1;
}

int main(int argc, char **argv)
{
	int clients, secs, nusers, pfd[2];
	long total = 0, errors = 0;
	double t0;

	if (argc != 6)
		return 2;
	clients = atoi(argv[2]);
	secs = atoi(argv[3]);
	nusers = atoi(argv[4]);
	if (pipe(pfd) < 0)
		return 1;
	t0 = now();
	for (int c = 0; c < clients; c++) {
		if (fork() == 0) {
			long ok = 0, err = 0;
			double end = now() + secs;
			char line[64];
			int i = (nusers / clients) * c;

			while (now() < end) {
				char req[512], payload[400];
				int pn = snprintf(payload, sizeof(payload), "imap\nlogin\nuser%05d@example.com\n%s\n",
						  i % nusers, argv[5]);
				int n = snprintf(req, sizeof(req), "AUTH %d\n%s", pn, payload);

				if (one(argv[1], req, (size_t)n) == 0)
					ok++;
				else
					err++;
				i += 7;
			}
			snprintf(line, sizeof(line), "%ld %ld\n", ok, err);
			if (write(pfd[1], line, strlen(line)) < 0)
				_exit(1);
			_exit(0);
		}
	}
	close(pfd[1]);
	{
		FILE *fp = fdopen(pfd[0], "r");
		long ok, err;

		while (fp != NULL && fscanf(fp, "%ld %ld", &ok, &err) == 2) {
			total += ok;
			errors += err;
		}
	}
	while (wait(NULL) > 0)
		;
	printf("%ld %ld %.3f\n", total, errors, now() - t0);
	return 0;
}
