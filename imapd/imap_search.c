/*
 * imap_search.c - SEARCH program parser and evaluator.
 *
 * Trust:   the program is the client's: every key, string, date, number
 *          and set is checked, the size and nesting capped, before the
 *          program runs; message bytes are read through rfc822/.
 * Tests:   tests/unit/imapd/test_imap_search.c, tests/fuzz/fuzz_imap_search.c,
 *          tests/protocol/imap/search.t
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "charset.h"
#include "imap_bodystructure.h"
#include "imap_parser.h"
#include "imap_search.h"
#include "imap_seqset.h"
#include "imap_view.h"
#include "maildir_name.h"
#include "mime.h"
#include "mime_text.h"
#include "rfc2047.h"
#include "rfc822_crlf.h"
#include "rfc822_date.h"
#include "rfc822_hdr.h"
#include "utf8.h"
#include "xmalloc.h"

enum skey {
	K_ALL, K_AND, K_OR, K_NOT, K_FLAG, K_UNFLAG, K_RECENT, K_NEW, K_OLD,
	K_KEYWORD, K_UNKEYWORD, K_HEADER, K_BODY, K_TEXT,
	K_BEFORE, K_ON, K_SINCE, K_SENTBEFORE, K_SENTON, K_SENTSINCE,
	K_LARGER, K_SMALLER, K_SEQ, K_UID
};

struct snode {
	enum skey key;
	struct snode *child, *next;   /* AND/OR/NOT operands */
	unsigned flag;                /* MAILDIR_F_* */
	char *field;                  /* HEADER field name (FROM, TO, ...) */
	char *str;                    /* folded UTF-8 needle, or keyword */
	size_t slen;
	long long day;                /* days since 1970 */
	uint64_t num;
	struct imap_seqset set;
};

struct imap_search_prog {
	struct snode *root;
	size_t nkeys;
};

struct parse {
	const char *charset;
	size_t nkeys;
	const char *err;
	enum imap_search_status st;
};

/* ---- folding --------------------------------------------------------------- */

static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
	    c != 0x17F) {
		/* Latin Extended-A: pairs, the capital first (odd ranges shifted) */
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? c + 1 : c;
		return (c & 1) ? c : c + 1;
	}
	if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

int imap_search_fold(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (buf_putc(out, (char)(b >= 'A' && b <= 'Z' ? b + 32 : b)) < 0)
				return -1;
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (l == 0) {
			if (buf_putc(out, (char)b) < 0)
				return -1;
			i++;
			continue;
		}
		if (utf8_append(out, fold_cp(cp)) < 0)
			return -1;
		i += l;
	}
	return 0;
}

/* ---- parsing --------------------------------------------------------------- */

static struct snode *node_new(struct parse *ps, enum skey k)
{
	if (ps->nkeys >= IMAP_SEARCH_KEYS_MAX) {
		ps->st = IMAP_SEARCH_LIMIT;
		ps->err = "Too many search keys";
		return NULL;
	}
	ps->nkeys++;
	struct snode *n = xcalloc(1, sizeof(*n));
	n->key = k;
	return n;
}

static void node_free(struct snode *n)
{
	while (n != NULL) {
		struct snode *next = n->next;
		node_free(n->child);
		free(n->field);
		free(n->str);
		imap_seqset_free(&n->set);
		free(n);
		n = next;
	}
}

static bool bad(struct parse *ps, const char *why)
{
	if (ps->st == IMAP_SEARCH_OK) {
		ps->st = IMAP_SEARCH_BAD;
		ps->err = why;
	}
	return false;
}

/* A string argument, converted to UTF-8 and folded into n->str. */
static bool take_string(struct parse *ps, const struct imap_arg *a, struct snode *n)
{
	struct buf u = BUF_INIT(IMAP_SEARCH_STRING_MAX), f = BUF_INIT(IMAP_SEARCH_STRING_MAX * 2);
	bool ok = false;

	if (!imap_arg_is_astring(a) || a->type == IMAP_ARG_LITERAL_EXT)
		return bad(ps, "Search string expected");
	if (a->len > IMAP_SEARCH_STRING_MAX) {
		ps->st = IMAP_SEARCH_LIMIT;
		ps->err = "Search string too long";
		return false;
	}
	if (ps->charset != NULL && !charset_is_utf8(ps->charset)) {
		if (charset_to_utf8(ps->charset, a->str, a->len, &u) < 0) {
			ps->st = errno == EINVAL ? IMAP_SEARCH_BADCHARSET : IMAP_SEARCH_LIMIT;
			ps->err = errno == EINVAL ? "Unknown charset" : "Search string too long";
			goto out;
		}
	} else if (buf_append(&u, a->str, a->len) < 0) {
		ps->st = IMAP_SEARCH_LIMIT;
		ps->err = "Search string too long";
		goto out;
	}
	if (imap_search_fold(u.data != NULL ? u.data : "", u.len, &f) < 0) {
		ps->st = IMAP_SEARCH_LIMIT;
		ps->err = "Search string too long";
		goto out;
	}
	n->slen = f.len;
	n->str = xmalloc(f.len + 1);
	memcpy(n->str, f.data != NULL ? f.data : "", f.len);
	n->str[f.len] = '\0';
	ok = true;
out:
	buf_free(&u);
	buf_free(&f);
	return ok;
}

static bool take_day(struct parse *ps, const struct imap_arg *a, struct snode *n)
{
	time_t t;
	const char *s = imap_arg_astring(a);

	if (s == NULL || a->type == IMAP_ARG_LITERAL || imap_day_parse(s, &t) < 0)
		return bad(ps, "Invalid search date (d-Mon-yyyy expected)");
	n->day = (long long)(t / 86400);
	return true;
}

static bool take_number(struct parse *ps, const struct imap_arg *a, struct snode *n)
{
	uint64_t v = 0;

	if (a->type != IMAP_ARG_ATOM || a->len == 0 || a->len > 20)
		return bad(ps, "Number expected");
	for (size_t i = 0; i < a->len; i++) {
		if (a->str[i] < '0' || a->str[i] > '9')
			return bad(ps, "Number expected");
		uint64_t dgt = (uint64_t)(a->str[i] - '0');
		if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && dgt > UINT64_MAX % 10))
			return bad(ps, "Number too large");
		v = v * 10 + dgt;
	}
	n->num = v;
	return true;
}

static bool take_set(struct parse *ps, const struct imap_arg *a, struct snode *n)
{
	const char *why = "Invalid sequence set";

	if (a->type != IMAP_ARG_ATOM)
		return bad(ps, "Sequence set expected");
	if (imap_seqset_parse(a->str, a->len, &n->set, &why) < 0) {
		ps->st = errno == E2BIG ? IMAP_SEARCH_LIMIT : IMAP_SEARCH_BAD;
		ps->err = why;
		return false;
	}
	return true;
}

static bool take_keyword(struct parse *ps, const struct imap_arg *a, struct snode *n)
{
	if (a->type != IMAP_ARG_ATOM || a->len == 0 || a->str[0] == '\\' ||
	    a->len > IMAP_SEARCH_STRING_MAX)
		return bad(ps, "Keyword expected");
	n->str = xstrdup(a->str);
	n->slen = a->len;
	return true;
}

static struct snode *parse_key(struct parse *ps, const struct imap_arg *args, size_t n,
			       size_t *pos, unsigned depth);

/* Keys args[*pos..n) up to the end, ANDed. */
static struct snode *parse_list(struct parse *ps, const struct imap_arg *args, size_t n,
				unsigned depth)
{
	struct snode *and, *last = NULL;
	size_t pos = 0;

	if (n == 0) {
		bad(ps, "Empty search key list");
		return NULL;
	}
	if ((and = node_new(ps, K_AND)) == NULL)
		return NULL;
	while (pos < n) {
		struct snode *k = parse_key(ps, args, n, &pos, depth);
		if (k == NULL) {
			node_free(and);
			return NULL;
		}
		if (last == NULL)
			and->child = k;
		else
			last->next = k;
		last = k;
	}
	return and;
}

static const struct {
	const char *name;
	enum skey key;
	unsigned flag;
	const char *field;
} simple_keys[] = {
	{ "ALL", K_ALL, 0, NULL },
	{ "ANSWERED", K_FLAG, MAILDIR_F_REPLIED, NULL },
	{ "DELETED", K_FLAG, MAILDIR_F_TRASHED, NULL },
	{ "DRAFT", K_FLAG, MAILDIR_F_DRAFT, NULL },
	{ "FLAGGED", K_FLAG, MAILDIR_F_FLAGGED, NULL },
	{ "SEEN", K_FLAG, MAILDIR_F_SEEN, NULL },
	{ "UNANSWERED", K_UNFLAG, MAILDIR_F_REPLIED, NULL },
	{ "UNDELETED", K_UNFLAG, MAILDIR_F_TRASHED, NULL },
	{ "UNDRAFT", K_UNFLAG, MAILDIR_F_DRAFT, NULL },
	{ "UNFLAGGED", K_UNFLAG, MAILDIR_F_FLAGGED, NULL },
	{ "UNSEEN", K_UNFLAG, MAILDIR_F_SEEN, NULL },
	{ "RECENT", K_RECENT, 0, NULL },
	{ "NEW", K_NEW, 0, NULL },
	{ "OLD", K_OLD, 0, NULL },
	{ "BCC", K_HEADER, 0, "Bcc" },
	{ "CC", K_HEADER, 0, "Cc" },
	{ "FROM", K_HEADER, 0, "From" },
	{ "SUBJECT", K_HEADER, 0, "Subject" },
	{ "TO", K_HEADER, 0, "To" },
	{ "BODY", K_BODY, 0, NULL },
	{ "TEXT", K_TEXT, 0, NULL },
	{ "BEFORE", K_BEFORE, 0, NULL },
	{ "ON", K_ON, 0, NULL },
	{ "SINCE", K_SINCE, 0, NULL },
	{ "SENTBEFORE", K_SENTBEFORE, 0, NULL },
	{ "SENTON", K_SENTON, 0, NULL },
	{ "SENTSINCE", K_SENTSINCE, 0, NULL },
	{ "LARGER", K_LARGER, 0, NULL },
	{ "SMALLER", K_SMALLER, 0, NULL },
	{ "KEYWORD", K_KEYWORD, 0, NULL },
	{ "UNKEYWORD", K_UNKEYWORD, 0, NULL },
	{ "UID", K_UID, 0, NULL },
	{ "HEADER", K_HEADER, 0, NULL },
	{ "NOT", K_NOT, 0, NULL },
	{ "OR", K_OR, 0, NULL },
};

static struct snode *parse_key(struct parse *ps, const struct imap_arg *args, size_t n,
			       size_t *pos, unsigned depth)
{
	const struct imap_arg *a = &args[(*pos)++];
	struct snode *k = NULL;

	if (depth >= IMAP_SEARCH_DEPTH_MAX) {
		ps->st = IMAP_SEARCH_LIMIT;
		ps->err = "Search program nested too deeply";
		return NULL;
	}
	if (a->type == IMAP_ARG_LIST)
		return parse_list(ps, a->list, a->n, depth + 1);
	if (a->type != IMAP_ARG_ATOM) {
		bad(ps, "Search key expected");
		return NULL;
	}
	if ((a->str[0] >= '0' && a->str[0] <= '9') || a->str[0] == '*') {
		if ((k = node_new(ps, K_SEQ)) == NULL)
			return NULL;
		if (!take_set(ps, a, k))
			goto fail;
		return k;
	}
	size_t i;
	for (i = 0; i < sizeof(simple_keys) / sizeof(simple_keys[0]); i++) {
		if (strcasecmp(a->str, simple_keys[i].name) == 0)
			break;
	}
	if (i == sizeof(simple_keys) / sizeof(simple_keys[0])) {
		bad(ps, "Unknown search key");
		return NULL;
	}
	if ((k = node_new(ps, simple_keys[i].key)) == NULL)
		return NULL;
	k->flag = simple_keys[i].flag;
	if (simple_keys[i].field != NULL)
		k->field = xstrdup(simple_keys[i].field);
	/* operands */
	size_t need = 0;
	switch (k->key) {
	case K_ALL: case K_FLAG: case K_UNFLAG: case K_RECENT: case K_NEW: case K_OLD:
		break;
	case K_HEADER:
		need = k->field != NULL ? 1 : 2;
		break;
	case K_OR:
		need = 2;
		break;
	default:
		need = 1;
		break;
	}
	if (n - *pos < need) {
		bad(ps, "Missing argument of a search key");
		goto fail;
	}
	switch (k->key) {
	case K_HEADER:
		if (k->field == NULL) {
			const struct imap_arg *f = &args[(*pos)++];
			const char *name = imap_arg_astring(f);
			if (name == NULL || f->len == 0 || f->len > 200 || strchr(name, ':') != NULL) {
				bad(ps, "Header field name expected");
				goto fail;
			}
			k->field = xstrdup(name);
		}
		if (!take_string(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_BODY: case K_TEXT:
		if (!take_string(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_BEFORE: case K_ON: case K_SINCE: case K_SENTBEFORE: case K_SENTON: case K_SENTSINCE:
		if (!take_day(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_LARGER: case K_SMALLER:
		if (!take_number(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_KEYWORD: case K_UNKEYWORD:
		if (!take_keyword(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_UID:
		if (!take_set(ps, &args[(*pos)++], k))
			goto fail;
		break;
	case K_NOT:
		if ((k->child = parse_key(ps, args, n, pos, depth + 1)) == NULL)
			goto fail;
		break;
	case K_OR:
		if ((k->child = parse_key(ps, args, n, pos, depth + 1)) == NULL)
			goto fail;
		if (*pos >= n) {
			bad(ps, "Missing argument of a search key");
			goto fail;
		}
		if ((k->child->next = parse_key(ps, args, n, pos, depth + 1)) == NULL)
			goto fail;
		break;
	default:
		break;
	}
	return k;
fail:
	node_free(k);
	return NULL;
}

enum imap_search_status imap_search_parse(const struct imap_arg *args, size_t n,
					  bool allow_charset, const char *charset,
					  struct imap_search_prog **prog_r, const char **err_r)
{
	struct parse ps = { charset, 0, NULL, IMAP_SEARCH_OK };
	char cs[64];

	*prog_r = NULL;
	if (allow_charset && n >= 1 && args[0].type == IMAP_ARG_ATOM &&
	    strcasecmp(args[0].str, "CHARSET") == 0) {
		const char *name = n >= 2 ? imap_arg_astring(&args[1]) : NULL;
		if (name == NULL || strlen(name) == 0 || strlen(name) >= sizeof(cs)) {
			*err_r = "CHARSET needs a charset name";
			return IMAP_SEARCH_BAD;
		}
		snprintf(cs, sizeof(cs), "%s", name);
		ps.charset = cs;
		args += 2;
		n -= 2;
	}
	/* an unknown charset is NO [BADCHARSET] even when no string needs it */
	if (ps.charset != NULL && !charset_is_utf8(ps.charset)) {
		struct buf probe = BUF_INIT(64);
		int r = charset_to_utf8(ps.charset, "a", 1, &probe);
		buf_free(&probe);
		if (r < 0) {
			*err_r = "Unknown charset";
			return IMAP_SEARCH_BADCHARSET;
		}
	}
	struct snode *root = parse_list(&ps, args, n, 0);
	if (root == NULL) {
		*err_r = ps.err != NULL ? ps.err : "Invalid search program";
		return ps.st != IMAP_SEARCH_OK ? ps.st : IMAP_SEARCH_BAD;
	}
	struct imap_search_prog *p = xcalloc(1, sizeof(*p));
	p->root = root;
	p->nkeys = ps.nkeys;
	*prog_r = p;
	return IMAP_SEARCH_OK;
}

void imap_search_free(struct imap_search_prog **progp)
{
	if (*progp == NULL)
		return;
	node_free((*progp)->root);
	free(*progp);
	*progp = NULL;
}

size_t imap_search_nkeys(const struct imap_search_prog *prog)
{
	return prog->nkeys;
}

/* ---- evaluation ------------------------------------------------------------ */

struct mctx {
	struct imap_view *v;
	size_t i;
	const struct imap_msg *m;
	bool tried, ok, gone;
	int fd;
	void *map;
	const char *data;
	size_t size, eoh;
	struct mime_part *root;
};

static bool mctx_open(struct mctx *c)
{
	struct stat st;

	if (c->tried)
		return c->ok;
	c->tried = true;
	c->fd = imap_view_open_file(c->v, c->i);
	if (c->fd < 0) {
		c->gone = errno == ENOENT;
		return false;
	}
	if (fstat(c->fd, &st) < 0 || st.st_size < 0 || (uint64_t)st.st_size > SIZE_MAX / 2)
		return false;
	c->size = (size_t)st.st_size;
	if (c->size > 0) {
		c->map = mmap(NULL, c->size, PROT_READ, MAP_PRIVATE, c->fd, 0);
		if (c->map == MAP_FAILED) {
			c->map = NULL;
			return false;
		}
		c->data = c->map;
	} else {
		c->data = "";
	}
	c->eoh = rfc822_eoh_find(c->data, c->size);
	c->ok = true;
	return true;
}

static void mctx_close(struct mctx *c)
{
	mime_free(&c->root);
	if (c->map != NULL)
		munmap(c->map, c->size);
	if (c->tried && c->fd >= 0)
		close(c->fd);
}

static bool contains_folded(const char *hay, size_t n, const char *needle, size_t nl)
{
	struct buf f = BUF_INIT(BUF_MAX_UNLIMITED);
	bool r = false;

	if (nl == 0)
		return true;
	if (imap_search_fold(hay, n, &f) == 0 && f.len >= nl)
		r = memmem(f.data, f.len, needle, nl) != NULL;
	buf_free(&f);
	return r;
}

/* The decoded, unfolded value of one field contains the needle. */
static bool field_matches(const struct rfc822_field *f, const char *needle, size_t nl)
{
	struct buf u = BUF_INIT(RFC822_HDR_VALUE_MAX), d = BUF_INIT(RFC822_HDR_VALUE_MAX * 2);
	bool r;
	int rc = rfc822_hdr_unfold(f->value, f->value_len, &u);

	/* past the cap the value is cut: what fitted is searched */
	(void)rc;
	if (rfc2047_decode(u.data != NULL ? u.data : "", u.len, &d) < 0 && d.len == 0)
		r = contains_folded(u.data != NULL ? u.data : "", u.len, needle, nl);
	else
		r = contains_folded(d.data != NULL ? d.data : "", d.len, needle, nl);
	buf_free(&u);
	buf_free(&d);
	return r;
}

static bool header_matches(struct mctx *c, const char *field, const char *needle, size_t nl)
{
	struct rfc822_hdr_iter it;
	struct rfc822_field f;

	if (!mctx_open(c))
		return false;
	rfc822_hdr_iter_init(&it, c->data, c->eoh);
	while (rfc822_hdr_next(&it, &f)) {
		if (f.name == NULL || f.name_len != strlen(field) ||
		    strncasecmp(f.name, field, f.name_len) != 0)
			continue;
		if (field_matches(&f, needle, nl))
			return true;
	}
	return false;
}

/* The whole header decoded: any field's "name: value". */
static bool any_header_matches(struct mctx *c, const char *needle, size_t nl)
{
	struct rfc822_hdr_iter it;
	struct rfc822_field f;

	if (!mctx_open(c))
		return false;
	rfc822_hdr_iter_init(&it, c->data, c->eoh);
	while (rfc822_hdr_next(&it, &f)) {
		if (f.name == NULL)
			continue;
		if (contains_folded(f.name, f.name_len, needle, nl) || field_matches(&f, needle, nl))
			return true;
	}
	return false;
}

/* Streaming substring search over mime_text pieces: the folded text of
   each piece, with the last nl - 1 bytes of the one before. */
struct textsearch {
	const char *needle;
	size_t nl;
	struct buf tail;
	bool found;
};

static int text_piece(void *ctx, const struct mime_part *part, const char *utf8, size_t n)
{
	struct textsearch *ts = ctx;
	struct buf f = BUF_INIT(BUF_MAX_UNLIMITED);

	(void)part;
	if (n == 0) {
		buf_reset(&ts->tail);   /* parts are kept apart */
		return 0;
	}
	if (buf_append(&f, ts->tail.data != NULL ? ts->tail.data : "", ts->tail.len) < 0 ||
	    imap_search_fold(utf8, n, &f) < 0) {
		buf_free(&f);
		return -1;
	}
	if (f.len >= ts->nl && memmem(f.data, f.len, ts->needle, ts->nl) != NULL)
		ts->found = true;
	buf_reset(&ts->tail);
	size_t keep = f.len < ts->nl - 1 ? f.len : ts->nl - 1;
	int r = buf_append(&ts->tail, f.data + f.len - keep, keep);
	buf_free(&f);
	if (r < 0)
		return -1;
	return ts->found ? 1 : 0;
}

static bool body_matches(struct mctx *c, const char *needle, size_t nl)
{
	struct textsearch ts = { needle, nl, BUF_INIT(BUF_MAX_UNLIMITED), false };

	if (!mctx_open(c))
		return false;
	if (nl == 0)
		return true;
	if (c->root == NULL)
		c->root = mime_parse(c->data, c->size, IMAP_MIME_PARSE_FLAGS);
	int r = mime_text_extract(c->root, c->data, c->size, text_piece, &ts);
	(void)r;
	buf_free(&ts.tail);
	return ts.found;
}

static long long local_day(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long long)(t / 86400);
	return rfc822_days_from_civil(tm.tm_year + 1900LL, (unsigned)tm.tm_mon + 1,
				      (unsigned)tm.tm_mday);
}

/* The day of the Date: field in its own zone, or false. */
static bool sent_day(struct mctx *c, long long *day_r)
{
	struct rfc822_field f;
	struct buf u = BUF_INIT(RFC822_HDR_VALUE_MAX);
	time_t t;
	int tz;
	bool ok = false;

	if (!mctx_open(c) || !rfc822_hdr_find(c->data, c->eoh, "Date", &f))
		return false;
	int rc = rfc822_hdr_unfold(f.value, f.value_len, &u);
	(void)rc;
	if (rfc822_date_parse(u.data != NULL ? u.data : "", u.len, &t, &tz) == 0) {
		long long s = (long long)t + (long long)tz * 60;
		*day_r = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
		ok = true;
	}
	buf_free(&u);
	return ok;
}

static bool has_keyword(const struct mctx *c, const char *kw)
{
	for (size_t j = 0; j < c->m->nkw; j++) {
		const char *name = imap_view_kw_name(c->v, c->m->kw[j]);
		if (name != NULL && strcasecmp(name, kw) == 0)
			return true;
	}
	return false;
}

static bool eval(const struct snode *k, struct mctx *c)
{
	long long d;

	switch (k->key) {
	case K_ALL:
		return true;
	case K_AND:
		for (const struct snode *s = k->child; s != NULL; s = s->next) {
			if (!eval(s, c))
				return false;
		}
		return true;
	case K_OR:
		return eval(k->child, c) || eval(k->child->next, c);
	case K_NOT:
		return !eval(k->child, c);
	case K_FLAG:
		return (c->m->flags & k->flag) != 0;
	case K_UNFLAG:
		return (c->m->flags & k->flag) == 0;
	case K_RECENT:
		return c->m->recent;
	case K_NEW:
		return c->m->recent && !(c->m->flags & MAILDIR_F_SEEN);
	case K_OLD:
		return !c->m->recent;
	case K_KEYWORD:
		return has_keyword(c, k->str);
	case K_UNKEYWORD:
		return !has_keyword(c, k->str);
	case K_HEADER:
		return header_matches(c, k->field, k->str, k->slen);
	case K_BODY:
		return body_matches(c, k->str, k->slen);
	case K_TEXT:
		return any_header_matches(c, k->str, k->slen) || body_matches(c, k->str, k->slen);
	case K_BEFORE:
		return local_day(c->m->internaldate) < k->day;
	case K_ON:
		return local_day(c->m->internaldate) == k->day;
	case K_SINCE:
		return local_day(c->m->internaldate) >= k->day;
	case K_SENTBEFORE:
		return sent_day(c, &d) && d < k->day;
	case K_SENTON:
		return sent_day(c, &d) && d == k->day;
	case K_SENTSINCE:
		return sent_day(c, &d) && d >= k->day;
	case K_LARGER:
	case K_SMALLER: {
		if (!mctx_open(c))
			return false;
		uint64_t sz = rfc822_crlf_size(c->data, c->size);
		return k->key == K_LARGER ? sz > k->num : sz < k->num;
	}
	case K_SEQ:
		return imap_seqset_contains(&k->set, (uint32_t)(c->i + 1),
					    (uint32_t)imap_view_count(c->v));
	case K_UID: {
		size_t cnt = imap_view_count(c->v);
		const struct imap_msg *last = cnt > 0 ? imap_view_msg(c->v, (uint32_t)cnt) : NULL;
		return imap_seqset_contains(&k->set, c->m->uid, last != NULL ? last->uid : 0);
	}
	}
	return false;
}

bool imap_search_match(const struct imap_search_prog *prog, struct imap_view *v, size_t i,
		       bool *gone_r)
{
	struct mctx c;
	bool r;

	memset(&c, 0, sizeof(c));
	c.v = v;
	c.i = i;
	c.fd = -1;
	c.m = imap_view_msg(v, (uint32_t)(i + 1));
	if (c.m == NULL)
		return false;
	r = eval(prog->root, &c);
	if (gone_r != NULL)
		*gone_r = c.gone;
	mctx_close(&c);
	return r;
}
