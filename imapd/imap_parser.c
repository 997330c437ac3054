/*
 * imap_parser.c - the IMAP command parser: a pull parser over lines that
 * pauses at each literal (imap_parser.h), and the driver that reads one
 * command from a stream with it.
 *
 * Trust:   every byte is the client's; nothing is trusted before a login.
 * Runs as: root in imaplogin (pre-login archive), the mail user in imapd.
 * Limits:  line length, arguments, list depth, total literal octets per
 *          command (struct imap_parser_limits); a non-synchronising literal
 *          behind an error is skipped only up to IMAP_SKIP_MAX octets.
 * Errors:  IMAP_PARSE_ERROR with a reason for the tagged BAD.
 * Tests:   tests/unit/imapd/test_imap_parser.c, tests/fuzz/fuzz_imap_parser.c,
 *          tests/protocol/imap/syntax*.t, literal*.t
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "stream.h"
#include "xmalloc.h"
#include "imap_parser.h"

/* Octets of non-synchronising literals skipped after an error before the
   connection is given up. */
#define IMAP_SKIP_MAX (16u * 1024 * 1024)

struct arg_vec {
	struct imap_arg *v;
	size_t n, cap;
};

struct imap_parser {
	struct imap_parser_limits lim;
	bool utf8;
	int cont_timeout;
	bool have_tag;
	char tag[IMAP_TAG_MAX + 1];
	char name[IMAP_NAME_MAX + 1];
	bool have_name;
	/* open lists: level 0 is the command's arguments */
	struct arg_vec *levels;
	unsigned depth;           /* levels in use - 1 */
	size_t nargs;             /* all levels */
	size_t literal_total;     /* in-memory literal octets so far */
	bool pending;             /* a literal was announced */
	uint64_t lit_size;
	bool lit_sync, lit8;
	bool done;
	const char *error;
	uint64_t skip;
	imap_literal_hook_fn *hook;
	void *hook_ctx;
};

static const struct imap_parser_limits default_limits = {
	IMAP_LINE_MAX_DEFAULT, IMAP_LITERAL_TOTAL_MAX_DEFAULT, IMAP_ARGS_MAX_DEFAULT,
	IMAP_DEPTH_MAX_DEFAULT
};

struct imap_parser *imap_parser_new(const struct imap_parser_limits *lim)
{
	struct imap_parser *p = xcalloc(1, sizeof(*p));

	p->lim = lim != NULL ? *lim : default_limits;
	if (p->lim.line_max == 0)
		p->lim.line_max = IMAP_LINE_MAX_DEFAULT;
	if (p->lim.args_max == 0)
		p->lim.args_max = IMAP_ARGS_MAX_DEFAULT;
	p->levels = xcalloc((size_t)p->lim.depth_max + 1, sizeof(*p->levels));
	return p;
}

static void args_free(struct imap_arg *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].type == IMAP_ARG_LIST)
			args_free(v[i].list, v[i].n);
		else
			free(v[i].str);
	}
	free(v);
}

void imap_parser_reset(struct imap_parser *p)
{
	for (unsigned i = 0; i <= p->depth; i++) {
		args_free(p->levels[i].v, p->levels[i].n);
		memset(&p->levels[i], 0, sizeof(p->levels[i]));
	}
	p->depth = 0;
	p->nargs = 0;
	p->literal_total = 0;
	p->have_tag = p->have_name = p->pending = p->done = false;
	p->tag[0] = p->name[0] = '\0';
	p->error = NULL;
	p->skip = 0;
	p->lit_size = 0;
}

void imap_parser_free(struct imap_parser **pp)
{
	if (*pp == NULL)
		return;
	imap_parser_reset(*pp);
	free((*pp)->levels);
	free(*pp);
	*pp = NULL;
}

void imap_parser_set_continuation_timeout(struct imap_parser *p, int seconds)
{
	p->cont_timeout = seconds;
}

void imap_parser_set_utf8(struct imap_parser *p, bool on)
{
	p->utf8 = on;
}

/* ---- character classes ---------------------------------------------- */

static bool is_atom_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '"';
}

static bool is_tag_char(unsigned char c)
{
	return is_atom_char(c) && c != '\\' && c != '%' && c != '*' && c != '+';
}

/* ---- building the argument tree --------------------------------------- */

static enum imap_parse_result fail(struct imap_parser *p, const char *why)
{
	p->error = why;
	return IMAP_PARSE_ERROR;
}

static struct imap_arg *push_arg(struct imap_parser *p, enum imap_arg_type type)
{
	struct arg_vec *lv = &p->levels[p->depth];
	struct imap_arg *a;

	if (p->nargs >= p->lim.args_max)
		return NULL;
	if (lv->n == lv->cap) {
		lv->cap = lv->cap == 0 ? 8 : lv->cap * 2;
		lv->v = xreallocarray(lv->v, lv->cap, sizeof(*lv->v));
	}
	a = &lv->v[lv->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	p->nargs++;
	return a;
}

static void set_str(struct imap_arg *a, const char *s, size_t n)
{
	a->str = xmalloc(n + 1);
	memcpy(a->str, s, n);
	a->str[n] = '\0';
	a->len = n;
}

/* ---- tokens ----------------------------------------------------------- */

/* Atom at line[*pos]; a '[' ... ']' run may hold any printable byte but
   brackets. */
static enum imap_parse_result parse_atom(struct imap_parser *p, const char *line, size_t len,
					 size_t *pos)
{
	size_t start = *pos, i = *pos;
	struct imap_arg *a;

	while (i < len) {
		unsigned char c = (unsigned char)line[i];

		if (c == '[') {
			i++;
			while (i < len && line[i] != ']' && line[i] != '[' &&
			       (unsigned char)line[i] >= 0x20 && (unsigned char)line[i] < 0x7f)
				i++;
			if (i >= len || line[i] != ']')
				return fail(p, "Missing ] in atom");
			i++;
		} else if (is_atom_char(c)) {
			i++;
		} else {
			break;
		}
	}
	if (i == start)
		return fail(p, "Invalid character in command");
	a = push_arg(p, IMAP_ARG_ATOM);
	if (a == NULL)
		return fail(p, "[LIMIT] Too many arguments");
	set_str(a, line + start, i - start);
	if (a->len == 3 && strncasecmp(a->str, "NIL", 3) == 0)
		a->type = IMAP_ARG_NIL;
	*pos = i;
	return IMAP_PARSE_DONE;
}

static enum imap_parse_result parse_quoted(struct imap_parser *p, const char *line, size_t len,
					   size_t *pos)
{
	size_t i = *pos + 1, n = 0;
	struct imap_arg *a;
	char *out;

	/* the unescaped string is never longer than the line */
	out = xmalloc(len - *pos + 1);
	for (;;) {
		unsigned char c;

		if (i >= len) {
			free(out);
			return fail(p, "Unterminated quoted string");
		}
		c = (unsigned char)line[i++];
		if (c == '"')
			break;
		if (c == '\\') {
			if (i >= len || (line[i] != '"' && line[i] != '\\')) {
				free(out);
				return fail(p, "Invalid escape in quoted string");
			}
			c = (unsigned char)line[i++];
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !p->utf8)) {
			free(out);
			return fail(p, c >= 0x80 ? "8-bit character in quoted string" :
				    "Control character in quoted string");
		}
		out[n++] = (char)c;
	}
	a = push_arg(p, IMAP_ARG_QUOTED);
	if (a == NULL) {
		free(out);
		return fail(p, "[LIMIT] Too many arguments");
	}
	out[n] = '\0';
	a->str = out;
	a->len = n;
	*pos = i;
	return IMAP_PARSE_DONE;
}

/* "{digits[+]}" (after an optional '~') that must end the line. */
static enum imap_parse_result parse_literal_head(struct imap_parser *p, const char *line,
						 size_t len, size_t *pos)
{
	size_t i = *pos, digits = 0;
	uint64_t n = 0;
	bool sync = true, lit8 = false;

	if (line[i] == '~') {
		lit8 = true;
		i++;
	}
	i++;   /* '{' */
	while (i < len && line[i] >= '0' && line[i] <= '9') {
		if (++digits > IMAP_LITERAL_DIGITS_MAX)
			return fail(p, "[LIMIT] Literal size too large");
		n = n * 10 + (uint64_t)(line[i] - '0');
		i++;
	}
	if (digits == 0)
		return fail(p, "Invalid literal size");
	if (i < len && line[i] == '+') {
		sync = false;
		i++;
	}
	if (i >= len || line[i] != '}')
		return fail(p, "Invalid literal");
	i++;
	if (i != len)
		return fail(p, "Literal must end the line");
	if (n > 0xffffffffu)
		return fail(p, "[LIMIT] Literal size too large");
	if (p->nargs >= p->lim.args_max)
		return fail(p, "[LIMIT] Too many arguments");
	p->pending = true;
	p->lit_size = n;
	p->lit_sync = sync;
	p->lit8 = lit8;
	*pos = i;
	return IMAP_PARSE_LITERAL;
}

static enum imap_parse_result close_list(struct imap_parser *p)
{
	struct arg_vec lv = p->levels[p->depth];
	struct imap_arg *a;

	memset(&p->levels[p->depth], 0, sizeof(p->levels[p->depth]));
	p->depth--;
	/* the list's own slot was counted when it opened */
	p->nargs--;
	a = push_arg(p, IMAP_ARG_LIST);
	a->list = lv.v;
	a->n = lv.n;
	return IMAP_PARSE_DONE;
}

/* The arguments from line[pos]; after_arg: an argument (or the command
   name) ends right before pos. */
static enum imap_parse_result parse_args(struct imap_parser *p, const char *line, size_t len,
					 size_t pos, bool after_arg)
{
	enum imap_parse_result r;

	for (;;) {
		if (after_arg) {
			if (pos == len) {
				if (p->depth > 0)
					return fail(p, "Missing ) at the end of the command");
				p->done = true;
				return IMAP_PARSE_DONE;
			}
			if (line[pos] == ')') {
				if (p->depth == 0)
					return fail(p, "Unexpected )");
				(void)close_list(p);
				pos++;
				continue;
			}
			if (line[pos] != ' ')
				return fail(p, "Missing space between arguments");
			pos++;
			after_arg = false;
			if (pos == len)
				return fail(p, "Trailing space");
			continue;
		}
		if (pos == len)
			return fail(p, "Missing ) at the end of the command");
		switch (line[pos]) {
		case '(':
			if (p->depth >= p->lim.depth_max)
				return fail(p, "[LIMIT] Lists nested too deep");
			/* count the list now, so a flood of "(((" hits args_max */
			if (p->nargs >= p->lim.args_max)
				return fail(p, "[LIMIT] Too many arguments");
			p->nargs++;
			p->depth++;
			pos++;
			if (pos < len && line[pos] == ')') {
				(void)close_list(p);
				pos++;
				after_arg = true;
			}
			continue;
		case '"':
			r = parse_quoted(p, line, len, &pos);
			break;
		case '{':
			return parse_literal_head(p, line, len, &pos);
		case '~':
			if (pos + 1 < len && line[pos + 1] == '{')
				return parse_literal_head(p, line, len, &pos);
			r = parse_atom(p, line, len, &pos);
			break;
		case ')':
			return fail(p, "Unexpected )");
		case ' ':
			return fail(p, "Extra space");
		default:
			r = parse_atom(p, line, len, &pos);
			break;
		}
		if (r != IMAP_PARSE_DONE)
			return r;
		after_arg = true;
	}
}

/* Does the line end in "{digits+}" (or "~{digits+}")?  Then the client
   sends that many octets whatever we answer. */
static uint64_t trailing_nonsync(const char *line, size_t len)
{
	size_t i, digits = 0;
	uint64_t n = 0, mul = 1;

	if (len < 4 || line[len - 1] != '}' || line[len - 2] != '+')
		return 0;
	for (i = len - 2; i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9'; i--) {
		if (++digits > IMAP_LITERAL_DIGITS_MAX)
			return UINT64_MAX;
		n += (uint64_t)(line[i - 1] - '0') * mul;
		mul *= 10;
	}
	if (digits == 0 || i == 0 || line[i - 1] != '{')
		return 0;
	return n;
}

static enum imap_parse_result feed_line(struct imap_parser *p, const char *line, size_t len)
{
	size_t pos = 0, start;

	if (p->done || p->error != NULL)
		return fail(p, "Parser misuse: command already complete");
	if (p->pending)
		return fail(p, "Parser misuse: a literal is pending");
	if (len > p->lim.line_max)
		return fail(p, "[LIMIT] Line too long");
	if (p->have_name) {
		if (memchr(line, '\0', len) != NULL)
			return fail(p, "NUL byte in command");
		return parse_args(p, line, len, 0, true);
	}
	/* tag */
	while (pos < len && is_tag_char((unsigned char)line[pos]))
		pos++;
	if (pos == 0)
		return fail(p, "Missing or invalid tag");
	if (pos > IMAP_TAG_MAX)
		return fail(p, "[LIMIT] Tag too long");
	memcpy(p->tag, line, pos);
	p->tag[pos] = '\0';
	p->have_tag = true;
	if (memchr(line, '\0', len) != NULL)
		return fail(p, "NUL byte in command");
	if (pos == len || line[pos] != ' ')
		return fail(p, pos == len ? "Missing command" : "Invalid character in tag");
	pos++;
	start = pos;
	while (pos < len && is_atom_char((unsigned char)line[pos]) && line[pos] != '[')
		pos++;
	if (pos == start)
		return fail(p, "Missing command");
	if (pos - start > IMAP_NAME_MAX)
		return fail(p, "Unknown command");
	for (size_t i = start; i < pos; i++) {
		char c = line[i];

		p->name[i - start] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	p->name[pos - start] = '\0';
	p->have_name = true;
	return parse_args(p, line, len, pos, true);
}

enum imap_parse_result imap_parser_feed_line(struct imap_parser *p, const char *line,
					     size_t len)
{
	bool was_error = p->error != NULL;
	enum imap_parse_result r = feed_line(p, line, len);

	if (r == IMAP_PARSE_ERROR && !was_error)
		p->skip = trailing_nonsync(line, len);
	return r;
}

static enum imap_parse_result take_literal(struct imap_parser *p, const void *data, size_t n,
					   bool external)
{
	struct imap_arg *a;

	if (!p->pending || (!external && n != p->lit_size))
		return fail(p, "Parser misuse: no such literal");
	if (!external && p->lit_size > p->lim.literal_total_max - p->literal_total)
		return fail(p, "[LIMIT] Literals too large");
	a = push_arg(p, external ? IMAP_ARG_LITERAL_EXT : IMAP_ARG_LITERAL);
	if (a == NULL)
		return fail(p, "[LIMIT] Too many arguments");
	a->literal8 = p->lit8;
	if (external) {
		a->len = (size_t)p->lit_size;
	} else {
		set_str(a, data, n);
		p->literal_total += n;
	}
	p->pending = false;
	return IMAP_PARSE_DONE;
}

enum imap_parse_result imap_parser_feed_literal(struct imap_parser *p, const void *data,
						size_t n)
{
	return take_literal(p, data, n, false);
}

enum imap_parse_result imap_parser_literal_external(struct imap_parser *p)
{
	return take_literal(p, NULL, 0, true);
}

uint64_t imap_parser_literal_size(const struct imap_parser *p)
{
	return p->lit_size;
}

bool imap_parser_literal_sync(const struct imap_parser *p)
{
	return p->lit_sync;
}

const char *imap_parser_tag(const struct imap_parser *p)
{
	return p->have_tag ? p->tag : NULL;
}

const char *imap_parser_name(const struct imap_parser *p)
{
	return p->have_name ? p->name : NULL;
}

const struct imap_arg *imap_parser_args(const struct imap_parser *p, size_t *n_r)
{
	*n_r = p->levels[0].n;
	return p->levels[0].v;
}

const char *imap_parser_error(const struct imap_parser *p)
{
	return p->error;
}

uint64_t imap_parser_skip_literal(const struct imap_parser *p)
{
	return p->skip;
}

bool imap_arg_is_string(const struct imap_arg *a)
{
	return a->type == IMAP_ARG_QUOTED || a->type == IMAP_ARG_LITERAL;
}

bool imap_arg_is_astring(const struct imap_arg *a)
{
	return a->type == IMAP_ARG_ATOM || a->type == IMAP_ARG_NIL || imap_arg_is_string(a);
}

const char *imap_arg_astring(const struct imap_arg *a)
{
	if (!imap_arg_is_astring(a) || memchr(a->str, '\0', a->len) != NULL)
		return NULL;
	return a->str;
}

bool imap_args_id_ok(const struct imap_arg *a, size_t n)
{
	if (n != 1)
		return false;
	if (a[0].type == IMAP_ARG_NIL)
		return true;
	if (a[0].type != IMAP_ARG_LIST || a[0].n % 2 != 0 || a[0].n > 60)
		return false;
	for (size_t i = 0; i < a[0].n; i++) {
		const struct imap_arg *e = &a[0].list[i];

		if (i % 2 == 0 && (!imap_arg_is_string(e) || e->len > 30))
			return false;
		if (i % 2 == 1 && e->type != IMAP_ARG_NIL && (!imap_arg_is_string(e) || e->len > 1024))
			return false;
	}
	return true;
}

/* ---- reading a command from a stream ------------------------------------ */

static int discard(struct stream *s, uint64_t n)
{
	struct buf tmp = BUF_INIT(8192);
	int r = 1;

	while (n > 0 && r == 1) {
		size_t chunk = n > 8192 ? 8192 : (size_t)n;

		buf_reset(&tmp);
		r = stream_read_exact(s, &tmp, chunk);
		n -= chunk;
	}
	buf_free(&tmp);
	return r;
}

/* stream_read_line(), keeping the session in step after an over-long line:
   when the discarded line announced a non-synchronising literal ("{n+}"),
   the literal and the rest of its command (which may announce more, or be
   over-long again) are read and dropped, within IMAP_SKIP_MAX, before the
   EMSGSIZE goes up to the caller, which answers BAD.  A "{n}" needs no
   skipping (the client waits for a continuation that never comes).  A size
   the stream cannot keep in step with (stream_overlong_literal() ERANGE) or
   past IMAP_SKIP_MAX is E2BIG: the caller closes the connection. */
static int read_line(struct stream *s, struct buf *line)
{
	uint64_t n, total = 0;
	bool nonsync;
	int r = stream_read_line(s, line);

	if (r >= 0 || errno != EMSGSIZE)
		return r;
	while (r < 0 && errno == EMSGSIZE) {
		int l = stream_overlong_literal(s, &n, &nonsync);

		if (l < 0) {
			errno = E2BIG;
			return -1;
		}
		if (l == 0 || !nonsync) {
			errno = EMSGSIZE;
			return -1;
		}
		do {
			if (n > IMAP_SKIP_MAX - total) {
				errno = E2BIG;
				return -1;
			}
			total += n;
			if ((r = discard(s, n)) != 1)
				return r;
			r = stream_read_line(s, line);
			if (r == 0)
				return 0;
		} while (r > 0 && (n = trailing_nonsync(line->data, line->len)) > 0);
		if (r > 0)
			break;		/* the command's last line: in step again */
	}
	if (r > 0 || (r < 0 && errno == EMSGSIZE)) {
		errno = EMSGSIZE;
		return -1;
	}
	return r;
}

/* After an error: drop the non-synchronising literals the client sends
   anyway and the rest of the command around them. */
static int skip_rest(struct imap_parser *p, struct stream *s, struct buf *line)
{
	uint64_t n = p->skip, total = 0;

	while (n > 0) {
		int r;

		if (n > IMAP_SKIP_MAX - total) {
			errno = E2BIG;
			return -1;
		}
		total += n;
		if ((r = discard(s, n)) != 1)
			return r;
		r = read_line(s, line);
		if (r <= 0)
			return r;
		n = trailing_nonsync(line->data, line->len);
	}
	return 1;
}

void imap_parser_set_literal_hook(struct imap_parser *p, imap_literal_hook_fn *fn, void *ctx)
{
	p->hook = fn;
	p->hook_ctx = ctx;
}

unsigned imap_parser_depth(const struct imap_parser *p)
{
	return p->depth;
}

int imap_parser_read_command(struct imap_parser *p, struct stream *s, struct buf *line)
{
	enum imap_parse_result pr;
	int r;

	imap_parser_reset(p);
	r = read_line(s, line);
	if (r <= 0)
		return r;
	if (p->cont_timeout > 0)
		stream_set_read_timeout(s, p->cont_timeout);
	for (;;) {
		pr = imap_parser_feed_line(p, line->data, line->len);
		if (pr == IMAP_PARSE_DONE)
			return 1;
		if (pr == IMAP_PARSE_ERROR)
			break;
		if (p->hook != NULL) {
			int h = p->hook(p->hook_ctx, p, s);

			if (h < 0)
				return -1;
			if (h > 0) {
				r = read_line(s, line);
				if (r <= 0)
					return r;
				continue;
			}
		}
		/* a literal: in memory, within the command's cap */
		if (p->lit_size > p->lim.literal_total_max - p->literal_total) {
			p->error = "[LIMIT] Literal too large";
			p->skip = p->lit_sync ? 0 : p->lit_size;
			break;
		}
		if (p->lit_sync && (stream_puts(s, "+ OK\r\n") < 0 || stream_flush(s) < 0))
			return -1;
		buf_reset(line);
		if (line->max < p->lit_size) {
			/* the caller's line buffer is too small for it */
			p->error = "[LIMIT] Literal too large";
			p->skip = p->lit_size;
			p->pending = false;
			break;
		}
		r = stream_read_exact(s, line, (size_t)p->lit_size);
		if (r <= 0)
			return r;
		if (imap_parser_feed_literal(p, line->data, line->len) != IMAP_PARSE_DONE)
			break;
		r = read_line(s, line);
		if (r <= 0)
			return r;
	}
	r = skip_rest(p, s, line);
	if (r <= 0)
		return r;
	errno = EPROTO;
	return -1;
}
