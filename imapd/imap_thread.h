/*
 * imap_thread.h - THREAD=ORDEREDSUBJECT and THREAD=REFERENCES (RFC 5256
 * sections 2.1 to 2.3 and the response of section 4), over the keys of
 * imap_sort.h.
 *
 * ORDEREDSUBJECT: messages sorted by base subject then sent date; each
 * subject is one thread whose first message is the parent of the others;
 * threads in the order of their first message's sent date.
 * REFERENCES: the algorithm of RFC 5256 section 2.2 exactly: containers by
 * Message-ID (a missing or repeated one gets a unique id), References (or
 * In-Reply-To) linked without loops, the last one the parent, empty
 * containers pruned and promoted, root-level threads merged by base
 * subject, siblings sorted by sent date (an empty container by its first
 * child's), ties by sequence number.
 *
 * Bounded on pathological input: only the last IMAP_THREAD_REFS_MAX
 * references of a message are used, and a link whose loop check would walk
 * more than IMAP_THREAD_WALK_MAX ancestors is not made.
 */
#ifndef STAFETA_IMAP_THREAD_H
#define STAFETA_IMAP_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

struct buf;
struct imap_msg_keys;
struct imap_view;

#define IMAP_THREAD_REFS_MAX 64
#define IMAP_THREAD_WALK_MAX 256

enum imap_thread_algo { IMAP_THREAD_ORDEREDSUBJECT, IMAP_THREAD_REFERENCES };

/* Appends the threads of keys[0..n) (loaded with IMAP_KEYS_HEADER) to out
   as RFC 5256 writes them after "* THREAD": "(1 2)(3 (4)(5))"; numbers are
   sequence numbers (idx + 1), or the UIDs of v when uid.  0, or -1 at
   out's cap. */
ATTR_WARN_UNUSED int imap_thread_write(enum imap_thread_algo algo, struct imap_msg_keys *keys,
				       size_t n, const struct imap_view *v, bool uid,
				       struct buf *out);

#endif
