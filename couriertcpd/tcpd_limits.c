#include "config.h"
/*
 * tcpd_limits.c - the table of running children, counted per address and
 * per C block for -maxperip / -maxperc.
 *
 * Trust:   addresses come from accept(); pids from fork()/waitpid().
 * Runs as: couriertcpd's parent (root or -user).
 * Limits:  the table holds at most -maxprocs entries, allocated once; counting
 *          is a linear scan of 20-byte entries (a few microseconds at 10,000).
 * Errors:  add on a full table fails; the caller stops accepting before that.
 * Tests:   tests/unit/couriertcpd/test_limits.c
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "tcpd_limits.h"
#include "xmalloc.h"

void tcpd_limits_init(struct tcpd_limits *t, size_t cap)
{
	t->v = xcalloc(cap > 0 ? cap : 1, sizeof(*t->v));
	t->n = 0;
	t->cap = cap;
}

void tcpd_limits_deinit(struct tcpd_limits *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

int tcpd_limits_add(struct tcpd_limits *t, pid_t pid, const struct tcpd_addr *a)
{
	if (t->n >= t->cap)
		return -1;
	t->v[t->n].pid = pid;
	t->v[t->n].addr = *a;
	t->n++;
	return 0;
}

bool tcpd_limits_remove(struct tcpd_limits *t, pid_t pid)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].pid == pid) {
			t->v[i] = t->v[--t->n];
			return true;
		}
	}
	return false;
}

size_t tcpd_limits_count_ip(const struct tcpd_limits *t, const struct tcpd_addr *a)
{
	size_t c = 0;

	for (size_t i = 0; i < t->n; i++)
		if (memcmp(t->v[i].addr.b, a->b, 16) == 0)
			c++;
	return c;
}

size_t tcpd_limits_count_cblock(const struct tcpd_limits *t, const struct tcpd_addr *a)
{
	size_t c = 0;

	for (size_t i = 0; i < t->n; i++)
		if (memcmp(t->v[i].addr.b, a->b, 15) == 0)
			c++;
	return c;
}

int tcpd_addr_from_sockaddr(const struct sockaddr *sa, struct tcpd_addr *a)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)sa;

		memset(a->b, 0, 10);
		a->b[10] = a->b[11] = 0xff;
		memcpy(a->b + 12, &sin->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)(const void *)sa;

		memcpy(a->b, &sin6->sin6_addr, 16);
		return 0;
	}
	return -1;
}
