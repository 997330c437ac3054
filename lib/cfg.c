/*
 * cfg.c - the one config reader: Courier's shell-variable files and Postfix
 * main.cf-style files, into name/value lists and typed parameter tables.
 *
 * Trust:   file contents are untrusted text; no shell is ever run: command
 *          substitution is an error, only $NAME/${NAME} expansion exists.
 * Limits:  4 MiB per file, CFG_LINE_MAX per logical line, CFG_VALUE_MAX per
 *          expanded value, CFG_EXPAND_DEPTH nested $name references.
 * Errors:  -1 with *error_r pointing at a static message ("path:7: ...").
 * Tests:   tests/unit/lib/test_cfg.c, tests/fuzz/fuzz_cfg.c
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "cfg.h"
#include "env.h"
#include "fdio.h"
#include "log.h"
#include "strnum.h"
#include "timeutil.h"
#include "xmalloc.h"

#define CFG_FILE_MAX (4 * 1024 * 1024)
/* Distinct names one cfg_vars may collect from files.  Lookups are linear,
   so this bounds a parse to about CFG_FILE_MAX * CFG_VARS_MAX byte compares
   (Courier's files have ~100 names, a full postconf -d ~1000). */
#define CFG_VARS_MAX 1024

static char cfg_errbuf[1024];

static int cfg_fail(const char **error_r, const char *fmt, ...) ATTR_PRINTF(2, 3);
static int cfg_fail(const char **error_r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cfg_errbuf, sizeof(cfg_errbuf), fmt, ap);
	va_end(ap);
	if (error_r != NULL)
		*error_r = cfg_errbuf;
	return -1;
}

/* ---- name/value list --------------------------------------------------- */

static struct cfg_var *vars_find(const struct cfg_vars *vars, const char *name, size_t len)
{
	for (size_t i = 0; i < vars->n; i++) {
		if (strlen(vars->v[i].name) == len && memcmp(vars->v[i].name, name, len) == 0)
			return &vars->v[i];
	}
	return NULL;
}

const char *cfg_vars_get(const struct cfg_vars *vars, const char *name)
{
	struct cfg_var *v = vars_find(vars, name, strlen(name));

	return v != NULL ? v->value : NULL;
}

void cfg_vars_set(struct cfg_vars *vars, const char *name, const char *value)
{
	struct cfg_var *v = vars_find(vars, name, strlen(name));

	if (v != NULL) {
		free(v->value);
		v->value = xstrdup(value);
		return;
	}
	vars->v = array_grow(vars->v, &vars->cap, vars->n, 1, sizeof(*vars->v));
	vars->v[vars->n].name = xstrdup(name);
	vars->v[vars->n].value = xstrdup(value);
	vars->n++;
}

void cfg_vars_free(struct cfg_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++) {
		free(vars->v[i].name);
		free(vars->v[i].value);
	}
	free(vars->v);
	vars->v = NULL;
	vars->n = vars->cap = 0;
}

static int is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* ---- shell syntax ------------------------------------------------------ */

struct shparse {
	const char *p, *end;
	unsigned line;
	const char *fname;
	struct cfg_vars *vars;
	const char **error_r;
};

static int sh_err(struct shparse *ps, const char *what)
{
	return cfg_fail(ps->error_r, "%s:%u: %s", ps->fname, ps->line, what);
}

static int sh_append(struct shparse *ps, struct buf *val, const char *p, size_t n)
{
	if (buf_append(val, p, n) < 0)
		return sh_err(ps, "value too long");
	return 0;
}

/* At '$': expand $NAME or ${NAME} into val. */
static int sh_expand(struct shparse *ps, struct buf *val)
{
	const char *name, *value;
	size_t len;
	char tmp[256];

	ps->p++;   /* '$' */
	if (ps->p >= ps->end || *ps->p == '\n' || *ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '"' || *ps->p == '\'')
		return sh_append(ps, val, "$", 1);
	if (*ps->p == '(')
		return sh_err(ps, "command substitution $(...) is not supported");
	if (*ps->p == '{') {
		ps->p++;
		name = ps->p;
		while (ps->p < ps->end && is_name_char(*ps->p))
			ps->p++;
		if (ps->p >= ps->end || *ps->p != '}' || ps->p == name ||
		    !is_name_start(*name))
			return sh_err(ps, "bad ${...} substitution (only ${NAME} is supported)");
		len = (size_t)(ps->p - name);
		ps->p++;
	} else if (is_name_start(*ps->p)) {
		name = ps->p;
		while (ps->p < ps->end && is_name_char(*ps->p))
			ps->p++;
		len = (size_t)(ps->p - name);
	} else if ((*ps->p >= '0' && *ps->p <= '9') || strchr("@*#?-$!", *ps->p) != NULL) {
		return sh_err(ps, "special parameters ($1, $$, $? ...) are not supported");
	} else {
		return sh_append(ps, val, "$", 1);
	}
	{
		struct cfg_var *v = vars_find(ps->vars, name, len);

		value = v != NULL ? v->value : NULL;
	}
	if (value == NULL && ps->vars->use_env && len < sizeof(tmp)) {
		memcpy(tmp, name, len);
		tmp[len] = '\0';
		value = env_get(tmp);
	}
	return value != NULL ? sh_append(ps, val, value, strlen(value)) : 0;
}

/* One shell word (the value after NAME=). */
static int sh_word(struct shparse *ps, struct buf *val)
{
	while (ps->p < ps->end) {
		char c = *ps->p;

		if (c == ' ' || c == '\t' || c == '\n' || c == ';')
			return 0;
		if (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
			ps->p++;
			continue;
		}
		if (c == '\\') {
			if (ps->p + 1 >= ps->end)
				return sh_err(ps, "backslash at end of file");
			if (ps->p[1] == '\n') {
				ps->line++;
			} else if (sh_append(ps, val, ps->p + 1, 1) < 0) {
				return -1;
			}
			ps->p += 2;
		} else if (c == '\'') {
			const char *q = memchr(ps->p + 1, '\'', (size_t)(ps->end - ps->p - 1));

			if (q == NULL)
				return sh_err(ps, "unterminated single quote");
			for (const char *r = ps->p + 1; r < q; r++)
				if (*r == '\n')
					ps->line++;
			if (sh_append(ps, val, ps->p + 1, (size_t)(q - ps->p - 1)) < 0)
				return -1;
			ps->p = q + 1;
		} else if (c == '"') {
			unsigned start_line = ps->line;

			ps->p++;
			for (;;) {
				if (ps->p >= ps->end) {
					ps->line = start_line;
					return sh_err(ps, "unterminated double quote");
				}
				c = *ps->p;
				if (c == '"') {
					ps->p++;
					break;
				}
				if (c == '\\' && ps->p + 1 < ps->end &&
				    strchr("$`\"\\\n", ps->p[1]) != NULL) {
					if (ps->p[1] == '\n')
						ps->line++;
					else if (sh_append(ps, val, ps->p + 1, 1) < 0)
						return -1;
					ps->p += 2;
				} else if (c == '$') {
					if (sh_expand(ps, val) < 0)
						return -1;
				} else if (c == '`') {
					return sh_err(ps, "command substitution `...` is not supported");
				} else {
					if (c == '\n')
						ps->line++;
					if (sh_append(ps, val, &c, 1) < 0)
						return -1;
					ps->p++;
				}
			}
		} else if (c == '$') {
			if (sh_expand(ps, val) < 0)
				return -1;
		} else if (c == '`') {
			return sh_err(ps, "command substitution `...` is not supported");
		} else if (c == '|' || c == '&' || c == '<' || c == '>' || c == '(' || c == ')') {
			return sh_err(ps, "shell operators are not supported");
		} else {
			if (sh_append(ps, val, &c, 1) < 0)
				return -1;
			ps->p++;
		}
	}
	return 0;
}

/* Skip blanks and backslash-newlines. */
static void sh_blank(struct shparse *ps)
{
	while (ps->p < ps->end) {
		if (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r')
			ps->p++;
		else if (*ps->p == '\\' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
			ps->p += 2;
			ps->line++;
		} else
			break;
	}
}

static int sh_parse(struct shparse *ps)
{
	struct buf val = BUF_INIT(CFG_VALUE_MAX);
	char name[256];
	int r = 0;

	while (r == 0) {
		const char *n0;
		size_t len;
		int exported = 0;

		sh_blank(ps);
		if (ps->p >= ps->end)
			break;
		if (*ps->p == '\n') {
			ps->line++;
			ps->p++;
			continue;
		}
		if (*ps->p == ';') {
			ps->p++;
			continue;
		}
		if (*ps->p == '#') {
			while (ps->p < ps->end && *ps->p != '\n')
				ps->p++;
			continue;
		}
	again:
		n0 = ps->p;
		if (!is_name_start(*ps->p)) {
			r = sh_err(ps, "expected NAME=value");
			break;
		}
		while (ps->p < ps->end && is_name_char(*ps->p))
			ps->p++;
		len = (size_t)(ps->p - n0);
		if (ps->p < ps->end && *ps->p == '=') {
			if (len >= sizeof(name)) {
				r = sh_err(ps, "variable name too long");
				break;
			}
			memcpy(name, n0, len);
			name[len] = '\0';
			ps->p++;
			buf_reset(&val);
			if (sh_word(ps, &val) < 0) {
				r = -1;
				break;
			}
			if (ps->vars->n >= CFG_VARS_MAX && cfg_vars_get(ps->vars, name) == NULL) {
				r = sh_err(ps, "too many variables");
				break;
			}
			cfg_vars_set(ps->vars, name, buf_cstr(&val));
			sh_blank(ps);
			if (ps->p < ps->end && *ps->p != '\n' && *ps->p != ';' && *ps->p != '#') {
				r = sh_err(ps, "unexpected text after the value (quote values with spaces)");
				break;
			}
			continue;
		}
		if (len == 6 && memcmp(n0, "export", 6) == 0 && !exported) {
			sh_blank(ps);
			if (ps->p < ps->end && is_name_start(*ps->p)) {
				exported = 1;
				goto again;
			}
		}
		if (exported && (ps->p >= ps->end || *ps->p == '\n' || *ps->p == ' ' ||
				 *ps->p == '\t' || *ps->p == ';')) {
			/* "export NAME [NAME...]": everything is exported anyway */
			sh_blank(ps);
			if (ps->p < ps->end && is_name_start(*ps->p))
				goto again;
			continue;
		}
		r = sh_err(ps, "expected NAME=value");
	}
	buf_free(&val);
	return r;
}

/* ---- main.cf syntax ---------------------------------------------------- */

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
}

static int mc_store(struct cfg_vars *vars, struct buf *logical, unsigned line,
		    const char *fname, const char **error_r)
{
	const char *s = logical->data, *e = s + logical->len, *eq, *ns, *ne;
	char name[256], *value;

	eq = memchr(s, '=', logical->len);
	if (eq == NULL)
		return cfg_fail(error_r, "%s:%u: expected name = value", fname, line);
	ns = s;
	ne = eq;
	trim(&ns, &ne);
	if (ns == ne || (size_t)(ne - ns) >= sizeof(name))
		return cfg_fail(error_r, "%s:%u: missing or too long parameter name", fname, line);
	for (const char *p = ns; p < ne; p++)
		if (!is_name_char(*p))
			return cfg_fail(error_r, "%s:%u: bad character in parameter name", fname, line);
	memcpy(name, ns, (size_t)(ne - ns));
	name[ne - ns] = '\0';
	s = eq + 1;
	trim(&s, &e);
	if (vars->n >= CFG_VARS_MAX && cfg_vars_get(vars, name) == NULL)
		return cfg_fail(error_r, "%s:%u: too many parameters", fname, line);
	value = xstrndup(s, (size_t)(e - s));
	cfg_vars_set(vars, name, value);
	free(value);
	return 0;
}

static int mc_parse(struct cfg_vars *vars, const char *text, size_t n, const char *fname,
		    const char **error_r)
{
	struct buf logical = BUF_INIT(CFG_LINE_MAX);
	const char *p = text, *end = text + n;
	unsigned line = 0, logical_line = 0;
	int have = 0, r = 0;

	while (p < end && r == 0) {
		const char *ls = p;   /* start of this physical line */
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		const char *s = ls, *e = le;

		line++;
		p = nl != NULL ? nl + 1 : end;
		trim(&s, &e);
		if (s == e || *s == '#')
			continue;
		if (*ls == ' ' || *ls == '\t') {
			if (!have) {
				r = cfg_fail(error_r, "%s:%u: continuation line without a parameter",
					     fname, line);
				break;
			}
			if (buf_putc(&logical, ' ') < 0 ||
			    buf_append(&logical, s, (size_t)(e - s)) < 0)
				r = cfg_fail(error_r, "%s:%u: logical line too long", fname, line);
			continue;
		}
		if (have)
			r = mc_store(vars, &logical, logical_line, fname, error_r);
		if (r != 0)
			break;
		buf_reset(&logical);
		if (buf_append(&logical, s, (size_t)(e - s)) < 0) {
			r = cfg_fail(error_r, "%s:%u: line too long", fname, line);
			break;
		}
		have = 1;
		logical_line = line;
	}
	if (r == 0 && have)
		r = mc_store(vars, &logical, logical_line, fname, error_r);
	buf_free(&logical);
	return r;
}

int cfg_parse_text(struct cfg_vars *vars, enum cfg_syntax syn, const char *text, size_t n,
		   const char *name_for_errors, const char **error_r)
{
	const char *fname = name_for_errors != NULL ? name_for_errors : "config";
	const char *nul = memchr(text, '\0', n);

	if (nul != NULL) {
		unsigned line = 1;

		for (const char *p = text; p < nul; p++)
			if (*p == '\n')
				line++;
		return cfg_fail(error_r, "%s:%u: NUL byte in file", fname, line);
	}
	if (syn == CFG_MAINCF)
		return mc_parse(vars, text, n, fname, error_r);

	struct shparse ps = { text, text + n, 1, fname, vars, error_r };

	return sh_parse(&ps);
}

int cfg_parse_file(struct cfg_vars *vars, enum cfg_syntax syn, const char *path,
		   const char **error_r)
{
	struct buf text = BUF_INIT(CFG_FILE_MAX);
	int r;

	/* fd_read_file never blocks on a FIFO and refuses non-regular files */
	if (fd_read_file(path, &text) < 0) {
		int e = errno;

		buf_free(&text);
		if (e == EMSGSIZE || e == EINVAL)
			return cfg_fail(error_r, "%s: not a regular file of at most %d bytes", path,
					CFG_FILE_MAX);
		return cfg_fail(error_r, "%s: %s", path, strerror(e));
	}
	r = cfg_parse_text(vars, syn, buf_cstr(&text), text.len, path, error_r);
	buf_free(&text);
	return r;
}

/* ---- main.cf expansion ------------------------------------------------- */

/* $name references one expansion may follow in all: with empty values,
   a = $b$b$b, b = $c$c$c ... stays under every size limit while the work
   grows as 3^depth. */
#define CFG_EXPAND_STEPS 10000

struct mc_expand {
	const struct cfg_vars *vars;
	const struct cfg_param *tab;
	const char *stack[CFG_EXPAND_DEPTH];
	unsigned depth;
	const char **error_r;
	unsigned long steps;   /* references followed so far */
	unsigned nest;         /* ${name?text} levels being expanded */
};

static const char *mc_raw(const struct mc_expand *x, const char *name)
{
	const char *v = cfg_vars_get(x->vars, name);

	if (v != NULL)
		return v;
	for (const struct cfg_param *p = x->tab; p != NULL && p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return p->def != NULL ? p->def : "";
	return NULL;
}

static int mc_expand_into(struct mc_expand *x, const char *value, struct buf *out);

static int mc_expand_name(struct mc_expand *x, const char *name, struct buf *out)
{
	const char *raw = mc_raw(x, name);
	int r;

	if (raw == NULL)
		return cfg_fail(x->error_r, "undefined parameter $%s", name);
	for (unsigned i = 0; i < x->depth; i++)
		if (strcmp(x->stack[i], name) == 0)
			return cfg_fail(x->error_r, "parameter loop: $%s refers to itself", name);
	if (x->depth >= CFG_EXPAND_DEPTH)
		return cfg_fail(x->error_r, "parameters nested too deeply at $%s", name);
	if (++x->steps > CFG_EXPAND_STEPS)
		return cfg_fail(x->error_r, "too many $name expansions at $%s", name);
	x->stack[x->depth++] = name;
	r = mc_expand_into(x, raw, out);
	x->depth--;
	return r;
}

static int mc_expand_into(struct mc_expand *x, const char *value, struct buf *out)
{
	for (const char *p = value; *p != '\0';) {
		char name[256], close = 0;
		const char *n0;
		size_t len;

		if (*p != '$') {
			const char *d = strchr(p, '$');
			size_t chunk = d != NULL ? (size_t)(d - p) : strlen(p);

			if (buf_append(out, p, chunk) < 0)
				return cfg_fail(x->error_r, "value too long after expansion");
			p += chunk;
			continue;
		}
		p++;
		if (*p == '$') {
			if (buf_putc(out, '$') < 0)
				return cfg_fail(x->error_r, "value too long after expansion");
			p++;
			continue;
		}
		if (*p == '{')
			close = '}';
		else if (*p == '(')
			close = ')';
		if (close != 0)
			p++;
		n0 = p;
		while (is_name_char(*p))
			p++;
		len = (size_t)(p - n0);
		if (len == 0 || len >= sizeof(name))
			return cfg_fail(x->error_r, "bad $ reference");
		memcpy(name, n0, len);
		name[len] = '\0';
		if (close != 0 && (*p == '?' || *p == ':')) {
			/* ${name?text}: text if name is non-empty; ${name:text}: if empty */
			char op = *p++;
			const char *t0 = p;
			int level = 1;
			struct buf val = BUF_INIT(CFG_VALUE_MAX);
			int r;

			while (*p != '\0' && level > 0) {
				if (*p == '{' || *p == '(')
					level++;
				else if (*p == close && --level == 0)
					break;
				p++;
			}
			if (*p != close)
				return cfg_fail(x->error_r, "unterminated ${%s%c...}", name, op);
			if (x->nest >= CFG_EXPAND_DEPTH)
				return cfg_fail(x->error_r, "${%s%c...} nested too deeply", name, op);
			r = mc_expand_name(x, name, &val);
			if (r == 0 && ((op == '?') == (val.len > 0))) {
				char *text = xstrndup(t0, (size_t)(p - t0));

				x->nest++;
				r = mc_expand_into(x, text, out);
				x->nest--;
				free(text);
			}
			buf_free(&val);
			if (r < 0)
				return -1;
			p++;
			continue;
		}
		if (close != 0) {
			if (*p != close)
				return cfg_fail(x->error_r, "unterminated $%c%s", close == '}' ? '{' : '(', name);
			p++;
		}
		if (mc_expand_name(x, name, out) < 0)
			return -1;
	}
	return 0;
}

int cfg_expand_maincf(const struct cfg_vars *vars, const struct cfg_param *tab,
		      const char *value, char **out_r, const char **error_r)
{
	struct mc_expand x = { vars, tab, { NULL }, 0, error_r, 0, 0 };
	struct buf out = BUF_INIT(CFG_VALUE_MAX);

	if (mc_expand_into(&x, value, &out) < 0) {
		buf_free(&out);
		return -1;
	}
	*out_r = xstrdup(buf_cstr(&out));
	buf_free(&out);
	return 0;
}

/* ---- typed tables ------------------------------------------------------ */

int cfg_parse_bool(const char *s, bool *val_r)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "y" };
	static const char *const no[] = { "no", "false", "off", "0", "n", "" };

	for (size_t i = 0; i < N_ELEMENTS(yes); i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*val_r = true;
			return 0;
		}
	for (size_t i = 0; i < N_ELEMENTS(no); i++)
		if (strcasecmp(s, no[i]) == 0) {
			*val_r = false;
			return 0;
		}
	/* Courier's own test looks at the first character only */
	if (*s == 'y' || *s == 'Y' || *s == '1') {
		*val_r = true;
		return 0;
	}
	if (*s == 'n' || *s == 'N' || *s == '0') {
		*val_r = false;
		return 0;
	}
	return -1;
}

static int in_range(const struct cfg_param *p, long long v)
{
	return (p->min == 0 && p->max == 0) || (v >= p->min && v <= p->max);
}

/* Convert one textual value into the parameter's variable. */
static int cfg_set_param(const struct cfg_param *p, const char *value, const char **error_r)
{
	long long n;
	uint64_t u;
	bool b;

	switch (p->type) {
	case CFG_STR:
	case CFG_LIST:
		/* cfg.h: the previous value is freed unless it is def */
		if (*(char **)p->var != p->def)
			free(*(char **)p->var);
		*(char **)p->var = xstrdup(value);
		return 0;
	case CFG_BOOL:
		if (cfg_parse_bool(value, &b) < 0)
			return cfg_fail(error_r, "%s: not a yes/no value: %.100s", p->name, value);
		*(bool *)p->var = b;
		return 0;
	case CFG_INT:
		if (str_to_llong(value, &n) < 0)
			return cfg_fail(error_r, "%s: not a number: %.100s", p->name, value);
		break;
	case CFG_SECONDS:
		if (str_to_seconds(value, &n) < 0)
			return cfg_fail(error_r, "%s: not a time (N, Ns, Nm, Nh, Nd, Nw): %.100s",
					p->name, value);
		break;
	case CFG_SIZE:
		if (str_to_size_suffix(value, &u) < 0 || u > (uint64_t)LLONG_MAX)
			return cfg_fail(error_r, "%s: not a size in bytes: %.100s", p->name, value);
		n = (long long)u;
		break;
	default:
		return cfg_fail(error_r, "%s: unknown parameter type", p->name);
	}
	if (!in_range(p, n))
		return cfg_fail(error_r, "%s: %lld is out of range %lld..%lld", p->name, n, p->min,
				p->max);
	*(long long *)p->var = n;
	return 0;
}

static const struct cfg_param *tab_find(const struct cfg_param *tab, const char *name)
{
	for (const struct cfg_param *p = tab; p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

int cfg_defaults(const struct cfg_param *tab, const char **error_r)
{
	for (const struct cfg_param *p = tab; p->name != NULL; p++)
		if (cfg_set_param(p, p->def != NULL ? p->def : "", error_r) < 0)
			return -1;
	return 0;
}

int cfg_apply(const struct cfg_param *tab, const struct cfg_vars *vars, enum cfg_syntax syn,
	      bool warn_unknown, const char **error_r)
{
	for (const struct cfg_param *p = tab; p->name != NULL; p++) {
		const char *raw = cfg_vars_get(vars, p->name);
		char *exp = NULL;
		int r;

		if (raw == NULL)
			raw = p->def != NULL ? p->def : "";
		if (syn == CFG_MAINCF) {
			if (cfg_expand_maincf(vars, tab, raw, &exp, error_r) < 0) {
				/* name the parameter whose value failed */
				char msg[sizeof(cfg_errbuf)];

				snprintf(msg, sizeof(msg), "%s", cfg_errbuf);
				return cfg_fail(error_r, "%s: %s", p->name, msg);
			}
			raw = exp;
		}
		r = cfg_set_param(p, raw, error_r);
		free(exp);
		if (r < 0)
			return -1;
	}
	if (warn_unknown) {
		for (size_t i = 0; i < vars->n; i++)
			if (tab_find(tab, vars->v[i].name) == NULL)
				log_msg(LOGL_WARN, "unknown parameter %s (ignored)", vars->v[i].name);
	}
	return 0;
}

int cfg_load(const char *path, enum cfg_syntax syn, const struct cfg_param *tab,
	     const char **error_r)
{
	struct cfg_vars vars = CFG_VARS_INIT;
	int r;

	r = cfg_parse_file(&vars, syn, path, error_r);
	if (r == 0)
		r = cfg_apply(tab, &vars, syn, true, error_r);
	cfg_vars_free(&vars);
	return r;
}

int cfg_load_env(const struct cfg_param *tab, const char **error_r)
{
	for (const struct cfg_param *p = tab; p->name != NULL; p++) {
		const char *v = env_get(p->name);

		if (v == NULL)
			v = p->def != NULL ? p->def : "";
		if (cfg_set_param(p, v, error_r) < 0)
			return -1;
	}
	return 0;
}

static int param_cmp(const void *a, const void *b)
{
	const struct cfg_param *const *pa = a, *const *pb = b;

	return strcmp((*pa)->name, (*pb)->name);
}

void cfg_dump(FILE *fp, const struct cfg_param *tab, const struct cfg_vars *vars,
	      bool only_changed)
{
	const struct cfg_param **sorted;
	size_t n = 0;

	if (only_changed && vars == NULL)
		return;
	while (tab[n].name != NULL)
		n++;
	sorted = xreallocarray(NULL, n == 0 ? 1 : n, sizeof(*sorted));
	for (size_t i = 0; i < n; i++)
		sorted[i] = &tab[i];
	qsort(sorted, n, sizeof(*sorted), param_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct cfg_param *p = sorted[i];
		const char *d = p->def != NULL ? p->def : "";
		const char *v = only_changed ? cfg_vars_get(vars, p->name) : d;

		if (v == NULL || (only_changed && strcmp(v, d) == 0))
			continue;
		/* postconf prints an empty value as "name =" */
		fprintf(fp, "%s =%s%s\n", p->name, *v != '\0' ? " " : "", v);
	}
	free(sorted);
}

void cfg_free(const struct cfg_param *tab)
{
	for (const struct cfg_param *p = tab; p->name != NULL; p++) {
		if (p->type == CFG_STR || p->type == CFG_LIST) {
			if (*(char **)p->var != p->def)
				free(*(char **)p->var);
			*(char **)p->var = NULL;
		}
	}
}

char *cfg_list_next(const char *list, size_t *pos)
{
	const char *p = list + *pos, *s;

	while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '\0') {
		*pos = (size_t)(p - list);
		return NULL;
	}
	s = p;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',' && *p != '\n' && *p != '\r')
		p++;
	*pos = (size_t)(p - list);
	return xstrndup(s, (size_t)(p - s));
}
