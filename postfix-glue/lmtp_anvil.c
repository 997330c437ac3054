#include "config.h"
/*
 * lmtp_anvil.c - per-client-address session counts and connection rates.
 *
 * Trust:   addresses are the peers' numeric addresses from getpeername().
 * Runs as: the lmtpd master (never reads client data).
 * Limits:  LMTP_ANVIL_MAX addresses remembered; a rate window is a fixed
 *          unit_ms from an address's first attempt in it.
 * Errors:  none: a full table lets new addresses through (fail open for the
 *          rate only; process_limit still bounds everything).
 * Tests:   tests/unit/postfix-glue/test_anvil.c, tests/protocol/run-lmtpd
 */
#include <stdlib.h>
#include <string.h>

#include "lmtp_anvil.h"
#include "sock.h"
#include "xmalloc.h"

struct anvil_entry {
	char addr[SOCK_ADDR_MAX];
	long long sessions;
	long long attempts;      /* in the window */
	int64_t window_start;
};

struct lmtp_anvil {
	struct lmtp_anvil_limits lim;
	struct anvil_entry *e;
	size_t n;
};

struct lmtp_anvil *lmtp_anvil_new(const struct lmtp_anvil_limits *lim)
{
	struct lmtp_anvil *a = xcalloc(1, sizeof(*a));

	a->lim = *lim;
	a->e = xcalloc(LMTP_ANVIL_MAX, sizeof(*a->e));
	return a;
}

void lmtp_anvil_free(struct lmtp_anvil **ap)
{
	if (*ap == NULL)
		return;
	free((*ap)->e);
	free(*ap);
	*ap = NULL;
}

static struct anvil_entry *find(const struct lmtp_anvil *a, const char *addr)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->e[i].addr, addr) == 0)
			return &a->e[i];
	return NULL;
}

/* Forget addresses with no session whose window is over. */
static void expire(struct lmtp_anvil *a, int64_t now_ms)
{
	for (size_t i = 0; i < a->n;) {
		if (a->e[i].sessions == 0 && now_ms - a->e[i].window_start >= a->lim.unit_ms)
			a->e[i] = a->e[--a->n];
		else
			i++;
	}
}

enum lmtp_anvil_verdict lmtp_anvil_connect(struct lmtp_anvil *a, const char *addr,
					   int64_t now_ms)
{
	struct anvil_entry *e = find(a, addr);

	if (e == NULL) {
		if (a->n == LMTP_ANVIL_MAX)
			expire(a, now_ms);
		if (a->n == LMTP_ANVIL_MAX || strlen(addr) >= sizeof(e->addr))
			return LMTP_ANVIL_OK;   /* not remembered: disconnect finds nothing */
		e = &a->e[a->n++];
		memset(e, 0, sizeof(*e));
		memcpy(e->addr, addr, strlen(addr) + 1);
		e->window_start = now_ms;
	}
	if (now_ms - e->window_start >= a->lim.unit_ms) {
		e->window_start = now_ms;
		e->attempts = 0;
	}
	if (e->attempts < (1LL << 62))
		e->attempts++;
	if (a->lim.rate_limit > 0 && e->attempts > a->lim.rate_limit)
		return LMTP_ANVIL_RATE;
	if (a->lim.count_limit > 0 && e->sessions >= a->lim.count_limit)
		return LMTP_ANVIL_COUNT;
	e->sessions++;
	return LMTP_ANVIL_OK;
}

void lmtp_anvil_disconnect(struct lmtp_anvil *a, const char *addr)
{
	struct anvil_entry *e = find(a, addr);

	if (e != NULL && e->sessions > 0)
		e->sessions--;
}

long long lmtp_anvil_sessions(const struct lmtp_anvil *a, const char *addr)
{
	const struct anvil_entry *e = find(a, addr);

	return e != NULL ? e->sessions : 0;
}
