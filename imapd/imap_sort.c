/*
 * imap_sort.c - SORT criteria, the keys of SORT and THREAD, the sort.
 *
 * Trust:   the criteria are the client's (checked); message headers go
 *          through rfc822/ with its caps (RFC822_MSGID_MAX references).
 * Tests:   tests/unit/imapd/test_imap_sort.c, tests/protocol/imap/sort.t
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "imap_parser.h"
#include "imap_sort.h"
#include "imap_view.h"
#include "rfc822_addr.h"
#include "rfc822_crlf.h"
#include "rfc822_date.h"
#include "rfc822_hdr.h"
#include "rfc822_thread.h"
#include "xmalloc.h"

int imap_sort_parse(const struct imap_arg *list, struct imap_sort_spec *spec, const char **err_r)
{
	static const struct { const char *name; enum imap_sort_key key; } names[] = {
		{ "ARRIVAL", IMAP_SORT_ARRIVAL }, { "CC", IMAP_SORT_CC },
		{ "DATE", IMAP_SORT_DATE }, { "FROM", IMAP_SORT_FROM },
		{ "SIZE", IMAP_SORT_SIZE }, { "SUBJECT", IMAP_SORT_SUBJECT },
		{ "TO", IMAP_SORT_TO }, { "DISPLAYFROM", IMAP_SORT_DISPLAYFROM },
		{ "DISPLAYTO", IMAP_SORT_DISPLAYTO },
	};
	bool rev = false;

	memset(spec, 0, sizeof(*spec));
	if (list->type != IMAP_ARG_LIST || list->n == 0) {
		*err_r = "SORT needs a list of sort criteria";
		return -1;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct imap_arg *a = &list->list[i];
		size_t j;
		if (a->type != IMAP_ARG_ATOM) {
			*err_r = "Invalid sort criterion";
			return -1;
		}
		if (strcasecmp(a->str, "REVERSE") == 0) {
			if (rev) {
				*err_r = "REVERSE REVERSE";
				return -1;
			}
			rev = true;
			continue;
		}
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
			if (strcasecmp(a->str, names[j].name) == 0)
				break;
		}
		if (j == sizeof(names) / sizeof(names[0])) {
			*err_r = "Invalid sort criterion";
			return -1;
		}
		if (spec->n >= IMAP_SORT_KEYS_MAX) {
			*err_r = "Too many sort criteria";
			return -1;
		}
		spec->key[spec->n] = names[j].key;
		spec->reverse[spec->n] = rev;
		spec->n++;
		rev = false;
	}
	if (rev || spec->n == 0) {
		*err_r = "REVERSE must be followed by a sort criterion";
		return -1;
	}
	return 0;
}

unsigned imap_sort_needs(const struct imap_sort_spec *spec)
{
	unsigned w = 0;

	for (size_t i = 0; i < spec->n; i++) {
		if (spec->key[i] == IMAP_SORT_SIZE)
			w |= IMAP_KEYS_SIZE;
		else if (spec->key[i] != IMAP_SORT_ARRIVAL)
			w |= IMAP_KEYS_HEADER;
	}
	return w;
}

int imap_casemap_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'a' && x <= 'z')
			x -= 32;
		if (y >= 'a' && y <= 'z')
			y -= 32;
		if (x != y)
			return x < y ? -1 : 1;
		if (x == 0)
			return 0;
	}
}

static char *buf_take(struct buf *b)
{
	char *s = xstrdup(b->data != NULL ? b->data : "");
	buf_free(b);
	return s;
}

/* The unfolded value of the first field name (into v, reset first). */
static bool field(const char *data, size_t eoh, const char *name, struct buf *v)
{
	struct rfc822_field f;

	buf_reset(v);
	if (!rfc822_hdr_find(data, eoh, name, &f))
		return false;
	int rc = rfc822_hdr_unfold(f.value, f.value_len, v);
	/* a value past the cap is cut: what fitted is used */
	(void)rc;
	return true;
}

static void addr_keys(const char *data, size_t eoh, const char *name, char **key, char **disp)
{
	struct buf v = BUF_INIT(RFC822_HDR_VALUE_MAX), k = BUF_INIT(RFC822_HDR_VALUE_MAX),
		   d = BUF_INIT(RFC822_HDR_VALUE_MAX);

	if (field(data, eoh, name, &v)) {
		struct rfc822_addr_list l;
		rfc822_addr_parse(v.data != NULL ? v.data : "", v.len, &l);
		if (rfc822_addr_sort_key(&l, &k) < 0)
			buf_reset(&k);
		if (disp != NULL && rfc822_addr_display_key(&l, &d) < 0)
			buf_reset(&d);
		rfc822_addr_list_free(&l);
	}
	*key = buf_take(&k);
	if (disp != NULL)
		*disp = buf_take(&d);
	else
		buf_free(&d);
	buf_free(&v);
}

static char *msgid_dup(const char *v, const struct rfc822_msgid *id)
{
	char *s = xmalloc(id->len + 1);
	memcpy(s, v + id->off, id->len);
	s[id->len] = '\0';
	return s;
}

static void header_keys(const char *data, size_t size, struct imap_msg_keys *k)
{
	size_t eoh = rfc822_eoh_find(data, size);
	struct buf v = BUF_INIT(RFC822_HDR_VALUE_MAX), s = BUF_INIT(RFC822_HDR_VALUE_MAX);
	time_t t;
	int tz;

	free(k->subject);
	if (field(data, eoh, "Subject", &v) &&
	    rfc822_base_subject(v.data != NULL ? v.data : "", v.len, &s, &k->is_reply) < 0)
		buf_reset(&s);
	k->subject = buf_take(&s);
	if (field(data, eoh, "Date", &v) &&
	    rfc822_date_parse(v.data != NULL ? v.data : "", v.len, &t, &tz) == 0)
		k->sent = t;
	free(k->from);
	free(k->to);
	free(k->cc);
	free(k->dfrom);
	free(k->dto);
	addr_keys(data, eoh, "From", &k->from, &k->dfrom);
	addr_keys(data, eoh, "To", &k->to, &k->dto);
	addr_keys(data, eoh, "Cc", &k->cc, NULL);

	struct rfc822_msgids *ids = xmalloc(sizeof(*ids));
	if (field(data, eoh, "Message-ID", &v)) {
		rfc822_msgid_parse(v.data != NULL ? v.data : "", v.len, ids);
		if (ids->n > 0)
			k->msgid = msgid_dup(v.data, &ids->ids[0]);
	}
	ids->n = 0;
	if (field(data, eoh, "References", &v))
		rfc822_msgid_parse(v.data != NULL ? v.data : "", v.len, ids);
	if (ids->n == 0 && field(data, eoh, "In-Reply-To", &v)) {
		rfc822_msgid_parse(v.data != NULL ? v.data : "", v.len, ids);
		if (ids->n > 1)
			ids->n = 1;
	}
	if (ids->n > 0) {
		k->refs = xcalloc(ids->n, sizeof(*k->refs));
		for (size_t j = 0; j < ids->n; j++)
			k->refs[j] = msgid_dup(v.data, &ids->ids[j]);
		k->nrefs = ids->n;
	}
	free(ids);
	buf_free(&v);
	buf_free(&s);
}

void imap_msg_keys_load(struct imap_view *v, size_t i, unsigned what, struct imap_msg_keys *k)
{
	const struct imap_msg *m = imap_view_msg(v, (uint32_t)(i + 1));
	struct stat st;

	memset(k, 0, sizeof(*k));
	k->idx = i;
	k->arrival = k->sent = m != NULL ? m->internaldate : 0;
	k->subject = xstrdup("");
	k->from = xstrdup("");
	k->to = xstrdup("");
	k->cc = xstrdup("");
	k->dfrom = xstrdup("");
	k->dto = xstrdup("");
	if (what == 0 || m == NULL)
		return;
	int fd = imap_view_open_file(v, i);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size < SIZE_MAX / 2) {
		size_t size = (size_t)st.st_size;
		void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			if (what & IMAP_KEYS_SIZE)
				k->size = rfc822_crlf_size(map, size);
			if (what & IMAP_KEYS_HEADER)
				header_keys(map, size, k);
			munmap(map, size);
		}
	}
	close(fd);
}

void imap_msg_keys_free(struct imap_msg_keys *k)
{
	free(k->subject);
	free(k->from);
	free(k->to);
	free(k->cc);
	free(k->dfrom);
	free(k->dto);
	free(k->msgid);
	for (size_t j = 0; j < k->nrefs; j++)
		free(k->refs[j]);
	free(k->refs);
	memset(k, 0, sizeof(*k));
}

static const struct imap_sort_spec *cur_spec;

static int cmp_time(time_t a, time_t b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

static int cmp_keys(const void *pa, const void *pb)
{
	const struct imap_msg_keys *a = pa, *b = pb;

	for (size_t i = 0; i < cur_spec->n; i++) {
		int r = 0;
		switch (cur_spec->key[i]) {
		case IMAP_SORT_ARRIVAL: r = cmp_time(a->arrival, b->arrival); break;
		case IMAP_SORT_DATE: r = cmp_time(a->sent, b->sent); break;
		case IMAP_SORT_SIZE: r = a->size < b->size ? -1 : a->size > b->size; break;
		case IMAP_SORT_SUBJECT: r = imap_casemap_cmp(a->subject, b->subject); break;
		case IMAP_SORT_FROM: r = imap_casemap_cmp(a->from, b->from); break;
		case IMAP_SORT_TO: r = imap_casemap_cmp(a->to, b->to); break;
		case IMAP_SORT_CC: r = imap_casemap_cmp(a->cc, b->cc); break;
		case IMAP_SORT_DISPLAYFROM: r = imap_casemap_cmp(a->dfrom, b->dfrom); break;
		case IMAP_SORT_DISPLAYTO: r = imap_casemap_cmp(a->dto, b->dto); break;
		}
		if (r != 0)
			return cur_spec->reverse[i] ? -r : r;
	}
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void imap_sort_keys(const struct imap_sort_spec *spec, struct imap_msg_keys *keys, size_t n)
{
	cur_spec = spec;
	qsort(keys, n, sizeof(*keys), cmp_keys);
	cur_spec = NULL;
}
