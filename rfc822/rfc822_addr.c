/*
 * rfc822_addr.c - RFC 5322 address lists (see rfc822_addr.h).
 *
 * Trust:   header values are untrusted.
 * Limits:  RFC822_ADDR_MAX entries; strings are at most the value's length.
 * Tests:   tests/unit/rfc822/test_text.c, tests/fuzz/fuzz_rfc822_addr.c.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rfc2047.h"
#include "rfc822_addr.h"
#include "rfc822_tok.h"
#include "xmalloc.h"

/* Tokens of a value, comments included, in one array. */
struct toks {
	struct rfc822_tok *t;
	size_t n;
};

static void tokenize(const char *s, size_t n, struct toks *tk)
{
	const char *p = s, *end = s + n;
	struct rfc822_tok t;
	size_t cap = 16;

	tk->t = xreallocarray(NULL, cap, sizeof(*tk->t));
	tk->n = 0;
	while (rfc822_tok_next(&p, end, &t)) {
		if (tk->n == cap) {
			cap *= 2;
			tk->t = xreallocarray(tk->t, cap, sizeof(*tk->t));
		}
		tk->t[tk->n++] = t;
	}
}

/* The tokens [i, j) pasted: words separated by one space, '.' and '@'
   joined tight, quoted strings with their quotes, comments left out. */
static char *paste(const struct toks *tk, size_t i, size_t j, bool spaces)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	bool prev_word = false;
	char *s;

	for (; i < j; i++) {
		const struct rfc822_tok *t = &tk->t[i];
		bool word = t->type == RFC822_TOK_ATOM || t->type == '"';
		if (t->type == '(')
			continue;
		if (spaces && word && prev_word && buf_putc(&b, ' ') < 0)
			break;
		if (t->type == '"') {
			if (buf_putc(&b, '"') < 0 || buf_append(&b, t->ptr, t->len) < 0 ||
			    buf_putc(&b, '"') < 0)
				break;
		} else if (buf_append(&b, t->ptr, t->len) < 0) {
			break;
		}
		prev_word = word;
	}
	s = b.len > 0 ? xstrndup(b.data, b.len) : NULL;
	buf_free(&b);
	return s;
}

/* A phrase: quoted strings unquoted (backslashes removed), words spaced. */
static char *paste_phrase(const struct toks *tk, size_t i, size_t j)
{
	struct buf b = BUF_INIT(BUF_MAX_UNLIMITED);
	char *s;

	for (; i < j; i++) {
		const struct rfc822_tok *t = &tk->t[i];
		if (t->type == '(')
			continue;
		if (b.len > 0 && t->type != '.' && buf_putc(&b, ' ') < 0)
			break;
		if (t->type == '"') {
			for (size_t k = 0; k < t->len; k++) {
				if (t->ptr[k] == '\\' && k + 1 < t->len)
					k++;
				if (buf_putc(&b, t->ptr[k]) < 0)
					break;
			}
		} else if (buf_append(&b, t->ptr, t->len) < 0) {
			break;
		}
	}
	s = b.len > 0 ? xstrndup(b.data, b.len) : NULL;
	buf_free(&b);
	return s;
}

static struct rfc822_addr *push(struct rfc822_addr_list *l, enum rfc822_addr_kind kind)
{
	struct rfc822_addr *a;

	if (l->a.n >= RFC822_ADDR_MAX)
		return NULL;
	a = array_push(&l->a);
	a->kind = kind;
	return a;
}

/* One mailbox from tokens [i, j); false if they hold none. */
static bool mailbox(const struct toks *tk, size_t i, size_t j, struct rfc822_addr *out)
{
	size_t lt = j, gt = j, k, at = j, spec_start, spec_end, colon = j;
	const struct rfc822_tok *t = tk->t;

	for (k = i; k < j; k++)
		if (t[k].type == '<') {
			lt = k;
			break;
		}
	memset(out, 0, sizeof(*out));
	if (lt < j) {
		for (k = lt + 1; k < j; k++)
			if (t[k].type == '>') {
				gt = k;
				break;
			}
		out->name = paste_phrase(tk, i, lt);
		spec_start = lt + 1;
		spec_end = gt;
		/* a source route: @a,@b: */
		if (spec_start < spec_end && t[spec_start].type == '@') {
			for (k = spec_start; k < spec_end; k++)
				if (t[k].type == ':') {
					colon = k;
					break;
				}
			if (colon < spec_end) {
				out->route = paste(tk, spec_start, colon, false);
				spec_start = colon + 1;
			}
		}
	} else {
		spec_start = i;
		spec_end = j;
		/* "user@host (Real Name)": the last comment names it */
		for (k = j; k > i; k--)
			if (t[k - 1].type == '(') {
				out->name = t[k - 1].len > 0 ? xstrndup(t[k - 1].ptr, t[k - 1].len) : NULL;
				break;
			}
	}
	for (k = spec_end; k > spec_start; k--)
		if (t[k - 1].type == '@') {
			at = k - 1;
			break;
		}
	if (at < spec_end) {
		out->mailbox = paste(tk, spec_start, at, false);
		out->host = paste(tk, at + 1, spec_end, false);
	} else {
		out->mailbox = paste(tk, spec_start, spec_end, true);
	}
	if (out->mailbox == NULL && out->host == NULL) {
		free(out->name);
		free(out->route);
		memset(out, 0, sizeof(*out));
		return false;
	}
	return true;
}

void rfc822_addr_parse(const char *value, size_t n, struct rfc822_addr_list *list)
{
	struct toks tk;
	size_t i = 0;
	bool in_group = false;

	array_init(&list->a, sizeof(struct rfc822_addr));
	tokenize(value, n, &tk);
	while (i < tk.n && list->a.n < RFC822_ADDR_MAX) {
		size_t j = i, k;
		bool angle = false;
		struct rfc822_addr m, *a;

		/* a group starts with "phrase:" before any '<' or '@' */
		if (!in_group) {
			for (k = i; k < tk.n; k++) {
				int ty = tk.t[k].type;
				if (ty == ':' || ty == '<' || ty == '@' || ty == ',' || ty == ';')
					break;
			}
			if (k < tk.n && tk.t[k].type == ':') {
				if ((a = push(list, RFC822_ADDR_GROUP_START)) == NULL)
					break;
				a->mailbox = paste_phrase(&tk, i, k);
				if (a->mailbox == NULL)
					a->mailbox = xstrdup("");
				in_group = true;
				i = k + 1;
				continue;
			}
		}
		/* this mailbox runs to a ',' or ';' outside <...> */
		for (; j < tk.n; j++) {
			int ty = tk.t[j].type;
			if (ty == '<')
				angle = true;
			else if (ty == '>')
				angle = false;
			else if (!angle && (ty == ',' || (ty == ';' && in_group)))
				break;
		}
		if (mailbox(&tk, i, j, &m)) {
			if ((a = push(list, RFC822_ADDR_MAILBOX)) == NULL) {
				free(m.name);
				free(m.route);
				free(m.mailbox);
				free(m.host);
				break;
			}
			m.kind = RFC822_ADDR_MAILBOX;
			*a = m;
		}
		if (j < tk.n && tk.t[j].type == ';' && in_group) {
			if (push(list, RFC822_ADDR_GROUP_END) == NULL)
				break;
			in_group = false;
		}
		i = j + 1;
	}
	if (in_group)
		(void)push(list, RFC822_ADDR_GROUP_END);
	free(tk.t);
}

void rfc822_addr_list_free(struct rfc822_addr_list *list)
{
	for (size_t i = 0; i < list->a.n; i++) {
		struct rfc822_addr *a = array_idx(&list->a, i);
		free(a->name);
		free(a->route);
		free(a->mailbox);
		free(a->host);
	}
	array_free(&list->a);
}

size_t rfc822_addr_count(const struct rfc822_addr_list *list)
{
	return list->a.n;
}

const struct rfc822_addr *rfc822_addr_get(const struct rfc822_addr_list *list, size_t i)
{
	return array_idx(&list->a, i);
}

static const struct rfc822_addr *first_mailbox(const struct rfc822_addr_list *list)
{
	for (size_t i = 0; i < list->a.n; i++) {
		const struct rfc822_addr *a = array_idx(&list->a, i);
		if (a->kind == RFC822_ADDR_MAILBOX)
			return a;
	}
	return NULL;
}

int rfc822_addr_sort_key(const struct rfc822_addr_list *list, struct buf *out)
{
	const struct rfc822_addr *a = first_mailbox(list);

	if (a == NULL || a->mailbox == NULL)
		return 0;
	return buf_append_str(out, a->mailbox);
}

int rfc822_addr_display_key(const struct rfc822_addr_list *list, struct buf *out)
{
	const struct rfc822_addr *a = first_mailbox(list);

	if (a == NULL)
		return 0;
	if (a->name != NULL && a->name[0] != '\0')
		return rfc2047_decode(a->name, strlen(a->name), out);
	if (a->mailbox != NULL && buf_append_str(out, a->mailbox) < 0)
		return -1;
	if (a->host != NULL && (buf_putc(out, '@') < 0 || buf_append_str(out, a->host) < 0))
		return -1;
	return 0;
}
