/*
 * tcpd_limits.h - couriertcpd's table of running children and the remote
 * address each serves: the -maxprocs, -maxperip and -maxperc counts.
 */
#ifndef STAFETA_TCPD_LIMITS_H
#define STAFETA_TCPD_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include "compat.h"

/* An address as 16 bytes: IPv6 as is, IPv4 as ::ffff:a.b.c.d, so a v4
   client counts the same on a v4 and on a dual-stack socket. */
struct tcpd_addr { unsigned char b[16]; };

struct tcpd_child_ent {
	pid_t pid;
	struct tcpd_addr addr;
};

struct tcpd_limits {
	struct tcpd_child_ent *v;
	size_t n, cap;               /* cap is fixed at init (= -maxprocs) */
};

/* An empty table for at most cap children. */
void tcpd_limits_init(struct tcpd_limits *t, size_t cap);
void tcpd_limits_deinit(struct tcpd_limits *t);
/* Record a child; -1 when the table is full (the caller never accepts then). */
ATTR_WARN_UNUSED int tcpd_limits_add(struct tcpd_limits *t, pid_t pid, const struct tcpd_addr *a);
/* Forget a child; false if pid is not in the table. */
bool tcpd_limits_remove(struct tcpd_limits *t, pid_t pid);
/* Children serving exactly this address. */
size_t tcpd_limits_count_ip(const struct tcpd_limits *t, const struct tcpd_addr *a);
/* Children serving the same "C block": every byte but the last equal
   (a.b.c.* for IPv4). */
size_t tcpd_limits_count_cblock(const struct tcpd_limits *t, const struct tcpd_addr *a);
/* The 16-byte form of an AF_INET/AF_INET6 socket address; -1 for others. */
int tcpd_addr_from_sockaddr(const struct sockaddr *sa, struct tcpd_addr *a);

#endif
