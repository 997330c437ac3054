#include "config.h"
/*
 * authd_penalty.c - the shared failed-login penalty per client address.
 *
 * Trust:   addresses come from the TCPREMOTEIP line of a request, which the
 *          login processes (root) write; they are only compared.
 * Runs as: authdaemond master (mapping) and workers (root).
 * Limits:  AUTHD_PENALTY_SLOTS addresses; the least recently failed one is
 *          replaced when full.  The lock is a spin on one shared byte, given
 *          up after ~100 ms (a worker killed holding it cannot wedge logins:
 *          the update goes ahead unlocked, at worst miscounting).
 * Errors:  none reach the caller; without the mapping there is no penalty.
 * Tests:   tests/unit/authdaemon/test_penalty.c, tests/protocol/run-authdaemon
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "authd_penalty.h"

#define ADDR_MAX 48

struct slot {
	char addr[ADDR_MAX];
	unsigned failures;
	int64_t last_ms;
	int64_t waiting_until;   /* a request waits until then (0: none) */
};

struct table {
	atomic_flag lock;
	struct slot s[AUTHD_PENALTY_SLOTS];
};

static struct table *tab;

int authd_penalty_init(void)
{
	void *p;

	if (tab != NULL)
		return 0;
	p = mmap(NULL, sizeof(*tab), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	tab = p;
	atomic_flag_clear(&tab->lock);
	return 0;
}

static bool lock(void)
{
	for (int i = 0; i < 100000; i++) {
		struct timespec ts = { 0, 1000 };

		if (!atomic_flag_test_and_set_explicit(&tab->lock, memory_order_acquire))
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static void unlock(bool locked)
{
	if (locked)
		atomic_flag_clear_explicit(&tab->lock, memory_order_release);
}

static bool usable(const char *addr)
{
	return tab != NULL && addr != NULL && addr[0] != '\0' && strlen(addr) < ADDR_MAX;
}

/* The slot of addr, or NULL; an expired one counts as absent. */
static struct slot *find(const char *addr, int64_t now_ms)
{
	for (size_t i = 0; i < AUTHD_PENALTY_SLOTS; i++) {
		struct slot *s = &tab->s[i];

		if (s->addr[0] != '\0' && strcmp(s->addr, addr) == 0) {
			if (now_ms - s->last_ms >= AUTHD_PENALTY_RESET_MS)
				s->failures = 0;
			return s;
		}
	}
	return NULL;
}

static int64_t window_ms(unsigned failures)
{
	unsigned over;

	if (failures < AUTHD_PENALTY_FREE)
		return 0;
	over = failures - AUTHD_PENALTY_FREE;
	if (over >= 4)
		return AUTHD_PENALTY_MAX_MS;
	return AUTHD_PENALTY_BASE_MS << over < AUTHD_PENALTY_MAX_MS
		? (int64_t)AUTHD_PENALTY_BASE_MS << over : AUTHD_PENALTY_MAX_MS;
}

int64_t authd_penalty_wait(const char *addr, int64_t now_ms)
{
	struct slot *s;
	int64_t left = 0;
	bool locked;

	if (!usable(addr))
		return 0;
	locked = lock();
	s = find(addr, now_ms);
	if (s != NULL) {
		int64_t until = s->last_ms + window_ms(s->failures);

		left = until > now_ms ? until - now_ms : 0;
	}
	unlock(locked);
	return left;
}

void authd_penalty_fail(const char *addr, int64_t now_ms)
{
	struct slot *s;
	bool locked;

	if (!usable(addr))
		return;
	locked = lock();
	s = find(addr, now_ms);
	if (s == NULL) {
		/* a free slot, an expired one, or the least recently failed */
		s = &tab->s[0];
		for (size_t i = 0; i < AUTHD_PENALTY_SLOTS; i++) {
			struct slot *c = &tab->s[i];

			if (c->addr[0] == '\0' || now_ms - c->last_ms >= AUTHD_PENALTY_RESET_MS) {
				s = c;
				break;
			}
			if (c->last_ms < s->last_ms)
				s = c;
		}
		memset(s, 0, sizeof(*s));
		memcpy(s->addr, addr, strlen(addr) + 1);
	}
	if (s->failures < 1000000)
		s->failures++;
	s->last_ms = now_ms;
	unlock(locked);
}

bool authd_penalty_claim(const char *addr, int64_t now_ms)
{
	struct slot *s;
	bool ok = true, locked;

	if (!usable(addr))
		return true;
	locked = lock();
	s = find(addr, now_ms);
	/* a waiter that died (its worker killed) frees the claim when its
	   window plus a margin is over */
	if (s != NULL && s->waiting_until > now_ms)
		ok = false;
	else if (s != NULL)
		s->waiting_until = now_ms + AUTHD_PENALTY_MAX_MS + 5000;
	unlock(locked);
	return ok;
}

void authd_penalty_release(const char *addr, int64_t now_ms)
{
	struct slot *s;
	bool locked;

	if (!usable(addr))
		return;
	locked = lock();
	s = find(addr, now_ms);
	if (s != NULL)
		s->waiting_until = 0;
	unlock(locked);
}

void authd_penalty_success(const char *addr, int64_t now_ms)
{
	struct slot *s;
	bool locked;

	if (!usable(addr))
		return;
	locked = lock();
	s = find(addr, now_ms);
	if (s != NULL)
		s->failures = 0;
	unlock(locked);
}

unsigned authd_penalty_failures(const char *addr, int64_t now_ms)
{
	struct slot *s;
	unsigned n = 0;
	bool locked;

	if (!usable(addr))
		return 0;
	locked = lock();
	s = find(addr, now_ms);
	if (s != NULL)
		n = s->failures;
	unlock(locked);
	return n;
}
