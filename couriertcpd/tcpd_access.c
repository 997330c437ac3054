#include "config.h"
/*
 * tcpd_access.c - the access file: source parser, CIDR expansion, gdbm
 * compiler (makedat) and the most-specific-match lookup couriertcpd does.
 *
 * Trust:   the source is the admin's but is parsed strictly (hostile-input
 *          tests); the compiled file may be stale or foreign (Courier's own
 *          makedat), so every stored value is parsed again at lookup.
 * Runs as: makedat: the admin; lookup: couriertcpd's parent.
 * Limits:  TCPD_ACCESS_LINE_MAX per line, TCPD_ACCESS_SRC_MAX per source,
 *          TCPD_ACCESS_EXPAND_MAX keys per CIDR line, TCPD_ACCESS_VARS_MAX
 *          variables, TCPD_ACCESS_VALUE_MAX per value.
 * Errors:  -1 with a reason naming the line; a bad stored value denies.
 * Tests:   tests/unit/couriertcpd/test_access.c, tests/fuzz/fuzz_tcpd_access.c
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gdbm.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "strnum.h"
#include "tcpd_access.h"
#include "xmalloc.h"

struct tcpd_access_db {
	GDBM_FILE dbf;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

/* Strict decimal in [s, s+n), at most maxdig digits, value <= maxval. */
static int parse_dec(const char *s, size_t n, size_t maxdig, unsigned maxval, unsigned *v_r)
{
	unsigned v = 0;

	if (n == 0 || n > maxdig)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > maxval)
		return -1;
	*v_r = v;
	return 0;
}

/* ---- key text -------------------------------------------------------- */

static void key_v4(const unsigned char *oct, size_t n, char out[TCPD_ACCESS_KEY_MAX])
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, TCPD_ACCESS_KEY_MAX - len, "%s%u",
					i > 0 ? "." : "", oct[i]);
}

static void key_v6(const unsigned char *b, size_t ngroups, char out[TCPD_ACCESS_KEY_MAX])
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ngroups; i++)
		len += (size_t)snprintf(out + len, TCPD_ACCESS_KEY_MAX - len, ":%02x%02x",
					b[2 * i], b[2 * i + 1]);
}

size_t tcpd_access_keys(const char *ip, unsigned local_port,
			char keys[TCPD_ACCESS_KEYS_MAX][TCPD_ACCESS_KEY_MAX])
{
	static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned char b[16];
	const unsigned char *v4 = NULL;
	bool v6 = false;
	size_t n = 0;

	if (inet_pton(AF_INET, ip, b) == 1) {
		v4 = b;
	} else if (inet_pton(AF_INET6, ip, b) == 1) {
		if (memcmp(b, v4mapped, 12) == 0)
			v4 = b + 12;
		else
			v6 = true;
	}
	if (local_port != 0) {
		char full[TCPD_ACCESS_KEY_MAX];

		if (v4 != NULL || v6) {
			if (v4 != NULL)
				key_v4(v4, 4, full);
			else
				key_v6(b, 8, full);
			snprintf(keys[n++], TCPD_ACCESS_KEY_MAX, "%s.%u", full, local_port);
			memcpy(keys[n++], full, TCPD_ACCESS_KEY_MAX);
		}
		snprintf(keys[n++], TCPD_ACCESS_KEY_MAX, "*.%u", local_port);
		return n;
	}
	if (v4 != NULL) {
		for (size_t k = 4; k >= 1; k--)
			key_v4(v4, k, keys[n++]);
	} else if (v6) {
		for (size_t k = 8; k >= 1; k--)
			key_v6(b, k, keys[n++]);
	}
	memcpy(keys[n++], "*", 2);
	return n;
}

/* ---- source lines ---------------------------------------------------- */

/* Expand a prefix of plen bits over total bits (32 or 128) of b into the
   keys on unit boundaries (8 bits for IPv4, 16 for IPv6). */
static int emit_cidr(unsigned char *b, unsigned plen, bool is_v6, const char *value,
		     tcpd_access_emit_fn *emit, void *ctx, const char **error_r)
{
	unsigned unit = is_v6 ? 16 : 8, total = is_v6 ? 128 : 32;
	unsigned nunits, freebits;
	size_t count;
	char key[TCPD_ACCESS_KEY_MAX];

	/* clear the host bits */
	for (unsigned bit = plen; bit < total; bit++)
		b[bit / 8] &= (unsigned char)~(0x80u >> (bit % 8));
	if (plen == 0)
		return emit(ctx, "*", value);
	nunits = (plen + unit - 1) / unit;
	freebits = nunits * unit - plen;
	count = (size_t)1 << freebits;
	if (count > TCPD_ACCESS_EXPAND_MAX) {
		*error_r = "CIDR block expands to too many entries";
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		unsigned char t[16];
		int rc;

		memcpy(t, b, 16);
		if (is_v6) {
			size_t g = nunits - 1;
			unsigned v = ((unsigned)t[2 * g] << 8 | t[2 * g + 1]) | (unsigned)i;

			t[2 * g] = (unsigned char)(v >> 8);
			t[2 * g + 1] = (unsigned char)v;
			key_v6(t, nunits, key);
		} else {
			t[nunits - 1] = (unsigned char)(t[nunits - 1] | (unsigned)i);
			key_v4(t, nunits, key);
		}
		rc = emit(ctx, key, value);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* IPv4 prefix "a", "a.b", "a.b.c", "a.b.c.d" or local "a.b.c.d.port". */
static int parse_v4_key(const char *s, size_t n, char key[TCPD_ACCESS_KEY_MAX],
			const char **error_r)
{
	unsigned char oct[4];
	unsigned port = 0;
	size_t nparts = 0, pos = 0;

	while (pos <= n) {
		const char *dot = memchr(s + pos, '.', n - pos);
		size_t end = dot != NULL ? (size_t)(dot - s) : n;
		unsigned v;

		if (nparts < 4) {
			if (parse_dec(s + pos, end - pos, 3, 255, &v) < 0) {
				*error_r = "bad IPv4 netblock";
				return -1;
			}
			oct[nparts] = (unsigned char)v;
		} else if (nparts == 4) {
			if (parse_dec(s + pos, end - pos, 5, 65535, &port) < 0 || port == 0) {
				*error_r = "bad port after an IPv4 address";
				return -1;
			}
		} else {
			*error_r = "bad IPv4 netblock";
			return -1;
		}
		nparts++;
		pos = end + 1;
	}
	key_v4(oct, nparts > 4 ? 4 : nparts, key);
	if (port != 0) {
		size_t len = strlen(key);

		snprintf(key + len, TCPD_ACCESS_KEY_MAX - len, ".%u", port);
	}
	return 0;
}

/* Courier's IPv6 form ":g[:g...]" (1-8 groups of 1-4 hex digits), with an
   optional ".port" after 8 groups. */
static int parse_courier_v6_key(const char *s, size_t n, char key[TCPD_ACCESS_KEY_MAX],
				const char **error_r)
{
	unsigned char b[16];
	size_t ngroups = 0, pos = 0;
	unsigned port = 0;
	const char *dot = memchr(s, '.', n);

	if (dot != NULL) {
		if (parse_dec(dot + 1, n - (size_t)(dot + 1 - s), 5, 65535, &port) < 0 || port == 0) {
			*error_r = "bad port after an IPv6 address";
			return -1;
		}
		n = (size_t)(dot - s);
	}
	while (pos < n) {
		unsigned v = 0;
		size_t dig = 0;

		if (s[pos] != ':' || ngroups == 8) {
			*error_r = "bad IPv6 netblock (Courier form is :xxxx:xxxx...)";
			return -1;
		}
		pos++;
		while (pos < n && is_hex(s[pos]) && dig < 5) {
			v = v << 4 | hexval(s[pos]);
			pos++;
			dig++;
		}
		if (dig == 0 || dig > 4) {
			*error_r = "bad IPv6 group (1 to 4 hex digits)";
			return -1;
		}
		b[2 * ngroups] = (unsigned char)(v >> 8);
		b[2 * ngroups + 1] = (unsigned char)v;
		ngroups++;
	}
	if (port != 0 && ngroups != 8) {
		*error_r = "a port needs a full IPv6 address";
		return -1;
	}
	key_v6(b, ngroups, key);
	if (port != 0) {
		size_t len = strlen(key);

		snprintf(key + len, TCPD_ACCESS_KEY_MAX - len, ".%u", port);
	}
	return 0;
}

static int parse_key_emit(const char *s, size_t n, const char *value,
			  tcpd_access_emit_fn *emit, void *ctx, const char **error_r)
{
	char key[TCPD_ACCESS_KEY_MAX], tmp[TCPD_ACCESS_KEY_MAX];
	const char *slash = memchr(s, '/', n);
	unsigned char b[16];

	if (n == 1 && s[0] == '*')
		return emit(ctx, "*", value);
	if (n > 2 && s[0] == '*' && s[1] == '.') {
		unsigned port;

		if (parse_dec(s + 2, n - 2, 5, 65535, &port) < 0 || port == 0) {
			*error_r = "bad port in *.port";
			return -1;
		}
		snprintf(key, sizeof(key), "*.%u", port);
		return emit(ctx, key, value);
	}
	if (slash != NULL) {
		size_t alen = (size_t)(slash - s);
		unsigned plen;
		bool v6;

		if (alen == 0 || alen >= sizeof(tmp)) {
			*error_r = "bad CIDR address";
			return -1;
		}
		memcpy(tmp, s, alen);
		tmp[alen] = '\0';
		memset(b, 0, sizeof(b));
		if (inet_pton(AF_INET, tmp, b) == 1)
			v6 = false;
		else if (inet_pton(AF_INET6, tmp, b) == 1)
			v6 = true;
		else {
			*error_r = "bad CIDR address (numeric IPv4 or IPv6)";
			return -1;
		}
		if (parse_dec(slash + 1, n - alen - 1, 3, v6 ? 128 : 32, &plen) < 0) {
			*error_r = "bad CIDR prefix length";
			return -1;
		}
		return emit_cidr(b, plen, v6, value, emit, ctx, error_r);
	}
	if (n >= sizeof(tmp)) {
		*error_r = "netblock too long";
		return -1;
	}
	if (s[0] == ':' && n > 1 && s[1] != ':') {
		if (parse_courier_v6_key(s, n, key, error_r) < 0)
			return -1;
		return emit(ctx, key, value);
	}
	if (memchr(s, ':', n) != NULL) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		if (inet_pton(AF_INET6, tmp, b) != 1) {
			*error_r = "bad IPv6 address";
			return -1;
		}
		key_v6(b, 8, key);
		return emit(ctx, key, value);
	}
	if (parse_v4_key(s, n, key, error_r) < 0)
		return -1;
	return emit(ctx, key, value);
}

int tcpd_access_parse_line(const char *line, size_t n, tcpd_access_emit_fn *emit, void *ctx,
			   const char **error_r)
{
	char value[TCPD_ACCESS_VALUE_MAX + 1];
	struct tcpd_access_rule rule = { 0 };
	size_t p = 0, ks, ke, vs, ve;
	int rc;

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n > TCPD_ACCESS_LINE_MAX) {
		*error_r = "line too long";
		return -1;
	}
	while (p < n && is_space(line[p]))
		p++;
	if (p == n || line[p] == '#')
		return 0;
	ks = p;
	while (p < n && !is_space(line[p]))
		p++;
	ke = p;
	while (p < n && is_space(line[p]))
		p++;
	vs = p;
	ve = n;
	while (ve > vs && is_space(line[ve - 1]))
		ve--;
	if (vs == ve) {
		*error_r = "missing allow/deny after the netblock";
		return -1;
	}
	if (memchr(line + ks, '\0', n - ks) != NULL) {
		*error_r = "NUL byte in the line";
		return -1;
	}
	if (ve - vs > TCPD_ACCESS_VALUE_MAX) {
		*error_r = "value too long";
		return -1;
	}
	/* validate the value now so a bad rule is reported with its line */
	rc = tcpd_access_parse_value(line + vs, ve - vs, &rule, error_r);
	tcpd_access_rule_free(&rule);
	if (rc < 0)
		return -1;
	memcpy(value, line + vs, ve - vs);
	value[ve - vs] = '\0';
	return parse_key_emit(line + ks, ke - ks, value, emit, ctx, error_r);
}

/* ---- values ---------------------------------------------------------- */

void tcpd_access_rule_free(struct tcpd_access_rule *rule)
{
	for (size_t i = 0; i < rule->nvars; i++)
		free(rule->vars[i]);
	rule->nvars = 0;
	rule->deny = false;
}

static bool is_name_char(char c, bool first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* One "NAME[=value]" item [s, s+n), already split off. */
static int parse_var(const char *s, size_t n, struct tcpd_access_rule *rule,
		     const char **error_r)
{
	size_t p = 0, ns, ne, vs, ve;
	struct buf b = BUF_INIT(TCPD_ACCESS_NAME_MAX + TCPD_ACCESS_VALUE_MAX + 2);

	while (p < n && is_space(s[p]))
		p++;
	ns = p;
	while (p < n && is_name_char(s[p], p == ns))
		p++;
	ne = p;
	if (ne == ns) {
		*error_r = "bad variable name";
		return -1;
	}
	if (ne - ns > TCPD_ACCESS_NAME_MAX) {
		*error_r = "variable name too long";
		return -1;
	}
	if (ne - ns >= 3 && strncmp(s + ns, "LD_", 3) == 0) {
		*error_r = "LD_* variables are not allowed";
		return -1;
	}
	while (p < n && is_space(s[p]))
		p++;
	if (p == n) {
		vs = ve = p;
	} else if (s[p] != '=') {
		*error_r = "bad variable name";
		return -1;
	} else {
		p++;
		if (p < n && s[p] == '"') {
			vs = p + 1;
			ve = n - 1;
			while (ve > vs && is_space(s[ve]))
				ve--;
			if (ve < vs || s[ve] != '"' || memchr(s + vs, '"', ve - vs) != NULL) {
				*error_r = "unbalanced double quote";
				return -1;
			}
		} else {
			vs = p;
			ve = n;
			while (ve > vs && is_space(s[ve - 1]))
				ve--;
			if (memchr(s + vs, '"', ve - vs) != NULL) {
				*error_r = "stray double quote";
				return -1;
			}
		}
	}
	for (size_t i = vs; i < ve; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			*error_r = "control character in a value";
			return -1;
		}
	}
	if (rule->nvars >= TCPD_ACCESS_VARS_MAX) {
		*error_r = "too many variables";
		return -1;
	}
	if (buf_append(&b, s + ns, ne - ns) < 0 || buf_putc(&b, '=') < 0 ||
	    buf_append(&b, s + vs, ve - vs) < 0) {
		buf_free(&b);
		*error_r = "value too long";
		return -1;
	}
	rule->vars[rule->nvars++] = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return 0;
}

int tcpd_access_parse_value(const char *v, size_t n, struct tcpd_access_rule *rule,
			    const char **error_r)
{
	size_t p = 0, ws;

	rule->nvars = 0;
	rule->deny = false;
	if (n > TCPD_ACCESS_VALUE_MAX) {
		*error_r = "value too long";
		return -1;
	}
	while (p < n && is_space(v[p]))
		p++;
	ws = p;
	while (p < n && v[p] != ',' && !is_space(v[p]))
		p++;
	if (p - ws == 5 && strncasecmp(v + ws, "allow", 5) == 0)
		rule->deny = false;
	else if (p - ws == 4 && strncasecmp(v + ws, "deny", 4) == 0)
		rule->deny = true;
	else {
		*error_r = "value must start with allow or deny";
		return -1;
	}
	while (p < n && is_space(v[p]))
		p++;
	if (p < n && rule->deny) {
		*error_r = "deny takes no variables";
		return -1;
	}
	while (p < n) {
		size_t s, e;
		bool inq = false;

		if (v[p] != ',') {
			*error_r = "expected a comma between variables";
			return -1;
		}
		p++;
		s = p;
		while (p < n && (inq || v[p] != ',')) {
			if (v[p] == '"')
				inq = !inq;
			p++;
		}
		if (inq) {
			*error_r = "unbalanced double quote";
			return -1;
		}
		e = p;
		{
			size_t t = s;

			while (t < e && is_space(v[t]))
				t++;
			if (t == e)
				continue;   /* "allow,,X" or a trailing comma */
		}
		if (parse_var(v + s, e - s, rule, error_r) < 0)
			return -1;
	}
	return 0;
}

long tcpd_access_rule_maxcperip(const struct tcpd_access_rule *rule)
{
	for (size_t i = rule->nvars; i > 0; i--) {
		const char *s = rule->vars[i - 1];
		unsigned v;

		if (strncmp(s, "MAXCPERIP=", 10) == 0)
			return str_to_uint(s + 10, &v) < 0 ? -1 : (long)v;
	}
	return -1;
}

/* ---- compiler -------------------------------------------------------- */

struct compile_ctx {
	GDBM_FILE dbf;
	int gdbm_failed;
};

static int compile_emit(void *ctx, const char *key, const char *value)
{
	struct compile_ctx *c = ctx;
	datum k, v;

	k.dptr = (char *)key;
	k.dsize = (int)strlen(key);
	v.dptr = (char *)value;
	v.dsize = (int)strlen(value);
	if (gdbm_store(c->dbf, k, v, GDBM_REPLACE) != 0) {
		c->gdbm_failed = 1;
		return 1;
	}
	return 0;
}

static char compile_error[512];

static int cerr(const char **error_r, const char *fmt, ...) ATTR_PRINTF(2, 3);
static int cerr(const char **error_r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(compile_error, sizeof(compile_error), fmt, ap);
	va_end(ap);
	*error_r = compile_error;
	return -1;
}

static int read_whole(const char *path, struct buf *all, const char **error_r)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		return cerr(error_r, "%s: %s", path, strerror(errno));
	}
	for (;;) {
		char *p = buf_reserve(all, 65536);
		ssize_t r;

		if (p == NULL) {
			close(fd);
			return cerr(error_r, "%s: source larger than 16 MiB", path);
		}
		r = read(fd, p, 65536);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			return cerr(error_r, "%s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		buf_commit(all, (size_t)r);
	}
	close(fd);
	return 0;
}

static int compile_text(struct compile_ctx *c, const char *name, const struct buf *text,
			const char **error_r)
{
	size_t pos = 0;
	unsigned long lineno = 0;

	while (pos < text->len) {
		const char *nl = memchr(text->data + pos, '\n', text->len - pos);
		size_t end = nl != NULL ? (size_t)(nl - text->data) : text->len;
		const char *why = NULL;
		int rc;

		lineno++;
		rc = tcpd_access_parse_line(text->data + pos, end - pos, compile_emit, c, &why);
		if (c->gdbm_failed)
			return cerr(error_r, "%s line %lu: gdbm: %s", name, lineno,
						 gdbm_strerror(gdbm_errno));
		if (rc != 0)
			return cerr(error_r, "%s line %lu: %s", name, lineno, why);
		pos = end + 1;
	}
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compile_source(struct compile_ctx *c, const char *src, const char **error_r)
{
	struct buf text = BUF_INIT(TCPD_ACCESS_SRC_MAX);
	struct stat st;
	int rc = 0;

	if (stat(src, &st) < 0)
		return cerr(error_r, "%s: %s", src, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(src);
		struct dirent *de;
		char **names = NULL;
		size_t n = 0;

		if (d == NULL)
			return cerr(error_r, "%s: %s", src, strerror(errno));
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);

			if (de->d_name[0] == '.' || (l > 0 && de->d_name[l - 1] == '~'))
				continue;
			if (n >= 10000)
				break;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp_names);
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct buf path = BUF_INIT(8192);
			struct stat fst;

			if (buf_printf(&path, "%s/%s", src, names[i]) == 0 &&
			    stat(buf_cstr(&path), &fst) == 0 && S_ISREG(fst.st_mode)) {
				buf_reset(&text);
				rc = read_whole(buf_cstr(&path), &text, error_r);
				if (rc == 0)
					rc = compile_text(c, buf_cstr(&path), &text, error_r);
			}
			buf_free(&path);
		}
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	} else {
		rc = read_whole(src, &text, error_r);
		if (rc == 0)
			rc = compile_text(c, src, &text, error_r);
	}
	buf_free(&text);
	return rc;
}

int tcpd_access_compile(const char *src, const char *dat, const char *tmp, const char **error_r)
{
	struct compile_ctx c = { NULL, 0 };
	int rc, fd;

	unlink(tmp);
	c.dbf = gdbm_open(tmp, 0, GDBM_NEWDB | GDBM_NOLOCK | GDBM_CLOEXEC, 0644, NULL);
	if (c.dbf == NULL)
		return cerr(error_r, "%s: gdbm_open: %s", tmp, gdbm_strerror(gdbm_errno));
	rc = compile_source(&c, src, error_r);
	if (rc == 0) {
		fd = gdbm_fdesc(c.dbf);
		if (gdbm_sync(c.dbf) != 0 || fsync(fd) < 0)
			rc = cerr(error_r, "%s: sync: %s", tmp, strerror(errno));
	}
	gdbm_close(c.dbf);
	if (rc == 0 && rename(tmp, dat) < 0)
		rc = cerr(error_r, "%s: rename: %s", dat, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	return rc;
}

/* ---- lookup ---------------------------------------------------------- */

struct tcpd_access_db *tcpd_access_open(const char *path, const char **error_r)
{
	struct tcpd_access_db *db;
	GDBM_FILE dbf = gdbm_open(path, 0, GDBM_READER | GDBM_NOLOCK | GDBM_CLOEXEC, 0, NULL);

	if (dbf == NULL) {
		if (gdbm_syserr[gdbm_errno])
			cerr(error_r, "%s: %s: %s", path, gdbm_strerror(gdbm_errno),
			     strerror(errno));
		else
			cerr(error_r, "%s: %s", path, gdbm_strerror(gdbm_errno));
		return NULL;
	}
	db = xmalloc(sizeof(*db));
	db->dbf = dbf;
	return db;
}

void tcpd_access_close(struct tcpd_access_db **dbp)
{
	if (*dbp == NULL)
		return;
	gdbm_close((*dbp)->dbf);
	free(*dbp);
	*dbp = NULL;
}

int tcpd_access_lookup(struct tcpd_access_db *db, const char *ip, unsigned local_port,
		       struct tcpd_access_rule *rule, const char **error_r)
{
	char keys[TCPD_ACCESS_KEYS_MAX][TCPD_ACCESS_KEY_MAX];
	size_t n = tcpd_access_keys(ip, local_port, keys);

	for (size_t i = 0; i < n; i++) {
		datum k, v;
		int rc;

		k.dptr = keys[i];
		k.dsize = (int)strlen(keys[i]);
		v = gdbm_fetch(db->dbf, k);
		if (v.dptr == NULL)
			continue;
		rc = tcpd_access_parse_value(v.dptr, (size_t)(v.dsize > 0 ? v.dsize : 0), rule,
					     error_r);
		free(v.dptr);
		if (rc < 0) {
			tcpd_access_rule_free(rule);
			return -1;
		}
		return 1;
	}
	return 0;
}
