/*
 * imap_thread.c - THREAD=ORDEREDSUBJECT and THREAD=REFERENCES.
 *
 * Trust:   Message-ID / References / In-Reply-To are the senders' (any
 *          bytes, loops, duplicates); the caps of imap_thread.h bound the
 *          work and memory.
 * Tests:   tests/unit/imapd/test_imap_thread.c, tests/protocol/imap/thread.t
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "imap_sort.h"
#include "imap_thread.h"
#include "imap_view.h"
#include "xmalloc.h"

/* One container of RFC 5256's algorithm (also ORDEREDSUBJECT's nodes). */
struct cont {
	struct imap_msg_keys *msg;     /* NULL: an empty container */
	const char *id;
	struct cont *parent, *child, *next;
	bool dead;
};

struct forest {
	struct cont **all;             /* every container, for freeing */
	size_t n, cap;
	struct cont **tab;             /* id -> container, open addressing */
	size_t tabsize;
};

static struct cont *cont_new(struct forest *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->all = xreallocarray(f->all, f->cap, sizeof(*f->all));
	}
	struct cont *c = xcalloc(1, sizeof(*c));
	f->all[f->n++] = c;
	return c;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The same over ASCII-folded bytes, for subjects (i;ascii-casemap). */
static uint64_t hash_fold(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

/* The container of id (created when missing). */
static struct cont *lookup(struct forest *f, const char *id, bool *created_r)
{
	size_t mask = f->tabsize - 1, i = (size_t)hash(id) & mask;

	while (f->tab[i] != NULL) {
		if (strcmp(f->tab[i]->id, id) == 0) {
			*created_r = false;
			return f->tab[i];
		}
		i = (i + 1) & mask;
	}
	struct cont *c = cont_new(f);
	c->id = id;
	f->tab[i] = c;
	*created_r = true;
	return c;
}

static void unlink_child(struct cont *c)
{
	struct cont *p = c->parent;
	if (p == NULL)
		return;
	for (struct cont **pp = &p->child; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->parent = NULL;
	c->next = NULL;
}

static void add_child(struct cont *p, struct cont *c)
{
	struct cont **pp = &p->child;
	while (*pp != NULL)
		pp = &(*pp)->next;
	*pp = c;
	c->parent = p;
	c->next = NULL;
}

/* Whether a is b or one of b's ancestors; true (do not link) past the
   walk cap. */
static bool is_ancestor(const struct cont *a, const struct cont *b)
{
	size_t steps = 0;
	for (const struct cont *x = b; x != NULL; x = x->parent) {
		if (x == a || ++steps > IMAP_THREAD_WALK_MAX)
			return true;
	}
	return false;
}

static time_t cont_date(const struct cont *c)
{
	if (c->msg != NULL)
		return c->msg->sent;
	return c->child != NULL ? cont_date(c->child) : 0;
}

static size_t cont_idx(const struct cont *c)
{
	if (c->msg != NULL)
		return c->msg->idx;
	return c->child != NULL ? cont_idx(c->child) : SIZE_MAX;
}

static int cmp_cont(const void *pa, const void *pb)
{
	const struct cont *a = *(struct cont *const *)pa, *b = *(struct cont *const *)pb;
	time_t da = cont_date(a), db = cont_date(b);

	if (da != db)
		return da < db ? -1 : 1;
	size_t ia = cont_idx(a), ib = cont_idx(b);
	return ia < ib ? -1 : ia > ib;
}

/* Sort the sibling list *head by sent date (children first, so an empty
   container's date is its first child's). */
static void sort_siblings(struct cont **head, bool deep)
{
	size_t n = 0;
	struct cont *c;

	if (deep) {
		for (c = *head; c != NULL; c = c->next)
			sort_siblings(&c->child, true);
	}
	for (c = *head; c != NULL; c = c->next)
		n++;
	if (n < 2)
		return;
	struct cont **v = xcalloc(n, sizeof(*v));
	n = 0;
	for (c = *head; c != NULL; c = c->next)
		v[n++] = c;
	qsort(v, n, sizeof(*v), cmp_cont);
	for (size_t i = 0; i + 1 < n; i++)
		v[i]->next = v[i + 1];
	v[n - 1]->next = NULL;
	*head = v[0];
	free(v);
}

/* Step 3: prune empty containers below p's sibling list *head. */
static void prune(struct cont **head, bool root)
{
	struct cont **pp = head;

	while (*pp != NULL) {
		struct cont *c = *pp;
		prune(&c->child, false);
		if (c->msg == NULL && c->child == NULL) {
			*pp = c->next;
			c->dead = true;
			continue;
		}
		if (c->msg == NULL && (!root || c->child->next == NULL)) {
			/* promote the children to this level */
			struct cont *first = c->child, *last = first;
			for (struct cont *x = first; x != NULL; x = x->next) {
				x->parent = c->parent;
				last = x;
			}
			last->next = c->next;
			*pp = first;
			c->child = NULL;
			c->dead = true;
			continue;
		}
		pp = &c->next;
	}
}

static const struct imap_msg_keys *subject_msg(const struct cont *c)
{
	return c->msg != NULL ? c->msg : c->child != NULL ? c->child->msg : NULL;
}

/* Step 5: merge root-level threads with the same base subject.  Works on
   an array of the roots (slot = position), relinked at the end. */
static void merge_subjects(struct forest *f, struct cont **roots)
{
	size_t n = 0, tabsize = 16;
	for (struct cont *c = *roots; c != NULL; c = c->next)
		n++;
	if (n == 0)
		return;
	struct cont **r = xcalloc(n, sizeof(*r));
	n = 0;
	for (struct cont *c = *roots; c != NULL; c = c->next)
		r[n++] = c;
	while (tabsize < 2 * n + 2)
		tabsize *= 2;
	struct subj { const char *s; size_t slot; } *tab = xcalloc(tabsize, sizeof(*tab));
	size_t mask = tabsize - 1;

	for (size_t k = 0; k < n; k++) {
		const struct imap_msg_keys *m = subject_msg(r[k]);
		if (m == NULL || m->subject[0] == '\0')
			continue;
		size_t i = (size_t)hash_fold(m->subject) & mask;
		while (tab[i].s != NULL && imap_casemap_cmp(tab[i].s, m->subject) != 0)
			i = (i + 1) & mask;
		if (tab[i].s == NULL) {
			tab[i].s = m->subject;
			tab[i].slot = k;
			continue;
		}
		const struct cont *o = r[tab[i].slot], *c = r[k];
		if ((c->msg == NULL && o->msg != NULL) ||
		    (o->msg != NULL && o->msg->is_reply && c->msg != NULL && !c->msg->is_reply))
			tab[i].slot = k;
	}
	for (size_t k = 0; k < n; k++) {
		struct cont *c = r[k];
		if (c == NULL)
			continue;
		const struct imap_msg_keys *m = subject_msg(c);
		if (m == NULL || m->subject[0] == '\0')
			continue;
		size_t i = (size_t)hash_fold(m->subject) & mask;
		while (imap_casemap_cmp(tab[i].s, m->subject) != 0)
			i = (i + 1) & mask;
		size_t os = tab[i].slot;
		struct cont *o = r[os];
		if (os == k)
			continue;
		r[k] = NULL;     /* c leaves the root level */
		c->next = NULL;
		if (o->msg == NULL && c->msg == NULL) {
			while (c->child != NULL) {
				struct cont *x = c->child;
				c->child = x->next;
				add_child(o, x);
			}
			c->dead = true;
		} else if (o->msg == NULL) {
			add_child(o, c);
		} else if (c->msg == NULL) {
			/* the empty one holds the thread: o goes below c, in o's slot */
			o->next = NULL;
			add_child(c, o);
			r[os] = c;
		} else if (!o->msg->is_reply && c->msg->is_reply) {
			add_child(o, c);
		} else {
			/* both replies or neither: siblings under a new empty container */
			struct cont *e = cont_new(f);
			o->next = NULL;
			add_child(e, o);
			add_child(e, c);
			r[os] = e;
		}
	}
	struct cont **tail = roots;
	for (size_t k = 0; k < n; k++) {
		if (r[k] == NULL)
			continue;
		*tail = r[k];
		r[k]->parent = NULL;
		tail = &r[k]->next;
	}
	*tail = NULL;
	free(tab);
	free(r);
}

static uint32_t number(const struct cont *c, const struct imap_view *v, bool uid)
{
	if (!uid)
		return (uint32_t)(c->msg->idx + 1);
	const struct imap_msg *m = imap_view_msg(v, (uint32_t)(c->msg->idx + 1));
	return m != NULL ? m->uid : 0;
}

/* The inside of one thread list: numbers of a single-child chain, then
   the nested lists of a branch. */
static int write_chain(const struct cont *c, const struct imap_view *v, bool uid,
		       struct buf *out)
{
	bool any = false;

	for (;;) {
		if (c->msg != NULL) {
			if (buf_printf(out, any ? " %u" : "%u", (unsigned)number(c, v, uid)) < 0)
				return -1;
			any = true;
		}
		if (c->child == NULL)
			return 0;
		if (c->child->next == NULL) {
			c = c->child;
			continue;
		}
		if (any && buf_putc(out, ' ') < 0)
			return -1;
		for (const struct cont *x = c->child; x != NULL; x = x->next) {
			if (buf_putc(out, '(') < 0 || write_chain(x, v, uid, out) < 0 ||
			    buf_putc(out, ')') < 0)
				return -1;
		}
		return 0;
	}
}

static int write_roots(const struct cont *roots, const struct imap_view *v, bool uid,
		       struct buf *out)
{
	for (const struct cont *c = roots; c != NULL; c = c->next) {
		if (buf_putc(out, '(') < 0 || write_chain(c, v, uid, out) < 0 || buf_putc(out, ')') < 0)
			return -1;
	}
	return 0;
}

static void forest_free(struct forest *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->all[i]);
	free(f->all);
	free(f->tab);
}

static int cmp_ordsubj(const void *pa, const void *pb)
{
	const struct imap_msg_keys *a = pa, *b = pb;
	int r = imap_casemap_cmp(a->subject, b->subject);
	if (r != 0)
		return r;
	if (a->sent != b->sent)
		return a->sent < b->sent ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int ordered_subject(struct imap_msg_keys *keys, size_t n, const struct imap_view *v,
			   bool uid, struct buf *out)
{
	struct forest f;
	struct cont *roots = NULL, *lastroot = NULL;

	memset(&f, 0, sizeof(f));
	qsort(keys, n, sizeof(*keys), cmp_ordsubj);
	for (size_t i = 0; i < n; i++) {
		struct cont *c = cont_new(&f);
		c->msg = &keys[i];
		if (lastroot != NULL && imap_casemap_cmp(lastroot->msg->subject, keys[i].subject) == 0) {
			add_child(lastroot, c);
		} else {
			if (lastroot == NULL)
				roots = c;
			else
				lastroot->next = c;
			lastroot = c;
		}
	}
	sort_siblings(&roots, false);
	int r = write_roots(roots, v, uid, out);
	forest_free(&f);
	return r;
}

static int references(struct imap_msg_keys *keys, size_t n, const struct imap_view *v, bool uid,
		      struct buf *out)
{
	struct forest f;
	struct buf uniq = BUF_INIT(BUF_MAX_UNLIMITED);
	size_t total = 0;

	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < n; i++)
		total += 1 + (keys[i].nrefs < IMAP_THREAD_REFS_MAX ? keys[i].nrefs : IMAP_THREAD_REFS_MAX);
	f.tabsize = 16;
	while (f.tabsize < 2 * total + 2)
		f.tabsize *= 2;
	f.tab = xcalloc(f.tabsize, sizeof(*f.tab));
	char **ids = xcalloc(n, sizeof(*ids));   /* unique ids made up */

	for (size_t i = 0; i < n; i++) {
		struct imap_msg_keys *k = &keys[i];
		struct cont *c = NULL;
		bool created;
		/* A: the message's own container */
		if (k->msgid != NULL) {
			c = lookup(&f, k->msgid, &created);
			if (c->msg != NULL)
				c = NULL;           /* a duplicate id: made unique below */
		}
		if (c == NULL) {
			buf_reset(&uniq);
			if (buf_printf(&uniq, "\x01unique %zu", i) < 0)
				abort();
			ids[i] = xstrdup(uniq.data);
			c = lookup(&f, ids[i], &created);
		}
		c->msg = k;
		/* B: link the references in order */
		size_t first = k->nrefs > IMAP_THREAD_REFS_MAX ? k->nrefs - IMAP_THREAD_REFS_MAX : 0;
		struct cont *prev = NULL;
		for (size_t j = first; j < k->nrefs; j++) {
			struct cont *r = lookup(&f, k->refs[j], &created);
			if (prev != NULL && r->parent == NULL && r != prev && !is_ancestor(r, prev))
				add_child(prev, r);
			prev = r;
		}
		/* C: the last reference is the parent (no references: none) */
		if (c->parent != NULL)
			unlink_child(c);
		if (prev != NULL && prev != c && !is_ancestor(c, prev))
			add_child(prev, c);
	}
	/* 2: the root set */
	struct cont *roots = NULL, **tail = &roots;
	for (size_t i = 0; i < f.n; i++) {
		struct cont *c = f.all[i];
		if (c->parent == NULL) {
			*tail = c;
			tail = &c->next;
		}
	}
	*tail = NULL;
	/* 3: prune; 4: sort the roots; 5: merge by subject; 6: sort all */
	prune(&roots, true);
	sort_siblings(&roots, true);
	merge_subjects(&f, &roots);
	sort_siblings(&roots, true);
	int r = write_roots(roots, v, uid, out);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	buf_free(&uniq);
	forest_free(&f);
	return r;
}

int imap_thread_write(enum imap_thread_algo algo, struct imap_msg_keys *keys, size_t n,
		      const struct imap_view *v, bool uid, struct buf *out)
{
	size_t was = out->len;
	int r = algo == IMAP_THREAD_ORDEREDSUBJECT ? ordered_subject(keys, n, v, uid, out) :
						      references(keys, n, v, uid, out);
	if (r < 0)
		buf_truncate(out, was);
	return r;
}
