/*
 * tcpd_access.h - couriertcpd's access file: the text source (Courier's
 * imapaccess), its compiler into gdbm (makedat -cidr), and the lookup.
 *
 * Source lines:  <netblock> <white space> allow[,VAR[=value]...] | deny
 *   netblock:  192.0.2.10  192.0.2  192.0  192  (IPv4 octet prefixes)
 *              :2001:0db8:0000 ...        (Courier's IPv6 form: leading ':',
 *                                          1 to 8 groups, prefixes on groups)
 *              2001:db8::1                (a full IPv6 address)
 *              192.0.2.0/25  2001:db8::/36  (CIDR: expanded into the octet or
 *                                          group prefixes it covers)
 *              *                          (the default)
 *              192.0.2.10.143  *.143      (-accesslocal: local ip.port, *.port)
 *   values:    VAR=value, VAR="value, with commas", VAR (= empty string).
 *   '#' starts a comment line; blank lines are ignored.
 * gdbm keys are the normalized netblocks (IPv6 groups zero-padded, lower
 * case; IPv4 without leading zeros), no trailing NUL, as Courier's makedat
 * writes them, so an existing imapaccess.dat keeps working.
 * Lookup: the most specific key wins, and only its variables apply; an
 * address with no matching key (and no "*") is allowed.
 */
#ifndef STAFETA_TCPD_ACCESS_H
#define STAFETA_TCPD_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include "compat.h"

#define TCPD_ACCESS_KEY_MAX      64       /* bytes of a key, with NUL */
#define TCPD_ACCESS_KEYS_MAX     12       /* keys tried per address */
#define TCPD_ACCESS_LINE_MAX     4096     /* bytes of one source line */
#define TCPD_ACCESS_VALUE_MAX    2048     /* bytes of one value */
#define TCPD_ACCESS_VARS_MAX     32       /* variables in one rule */
#define TCPD_ACCESS_NAME_MAX     64       /* bytes of a variable name */
#define TCPD_ACCESS_EXPAND_MAX   32768    /* keys one CIDR line may become */
#define TCPD_ACCESS_SRC_MAX      (16 * 1024 * 1024) /* bytes of all sources */

struct tcpd_access_rule {
	bool   deny;
	size_t nvars;
	char  *vars[TCPD_ACCESS_VARS_MAX];   /* "NAME=value", malloc'ed */
};

/* Called once per key a source line stands for; non-zero stops parsing
   and is returned. */
typedef int tcpd_access_emit_fn(void *ctx, const char *key, const char *value);

/* Parse one source line [line, line+n) (a trailing CR/LF is ignored).
   Blank and comment lines emit nothing.  0, the emit callback's non-zero
   value, or -1 with *error_r (a static string). */
ATTR_WARN_UNUSED int tcpd_access_parse_line(const char *line, size_t n,
					    tcpd_access_emit_fn *emit, void *ctx,
					    const char **error_r);

/* Parse a value ("allow,VAR=x" / "deny") into rule (which the caller frees
   with tcpd_access_rule_free, also after an error).  -1 with *error_r. */
ATTR_WARN_UNUSED int tcpd_access_parse_value(const char *v, size_t n,
					     struct tcpd_access_rule *rule,
					     const char **error_r);
void tcpd_access_rule_free(struct tcpd_access_rule *rule);
/* The rule's MAXCPERIP=n as a number, or -1 when absent or not a number. */
long tcpd_access_rule_maxcperip(const struct tcpd_access_rule *rule);

/* The keys to try for a numeric address, most specific first, ending with
   "*" (an IPv4-mapped IPv6 address uses the IPv4 keys).  With local_port
   non-zero, the -accesslocal keys instead: "ip.port", "ip", "*.port".
   Returns how many (at most TCPD_ACCESS_KEYS_MAX); an unparsable address
   gets only "*" (or "*.port"). */
size_t tcpd_access_keys(const char *ip, unsigned local_port,
			char keys[TCPD_ACCESS_KEYS_MAX][TCPD_ACCESS_KEY_MAX]);

/* Compile src (a file, or a directory whose files not starting with '.' or
   ending in '~' are read in name order) into a gdbm file written at tmp,
   fsync'ed and renamed to dat.  -1 with *error_r ("imapaccess line 7: ...",
   valid until the next call); tmp is removed on error. */
ATTR_WARN_UNUSED int tcpd_access_compile(const char *src, const char *dat, const char *tmp,
					 const char **error_r);

struct tcpd_access_db;
/* Open a compiled file read-only.  NULL with *error_r. */
struct tcpd_access_db *tcpd_access_open(const char *path, const char **error_r);
void tcpd_access_close(struct tcpd_access_db **dbp);
/* Look the keys of tcpd_access_keys(ip, local_port) up in order.  1 = the
   first match's rule is in *rule (caller frees), 0 = no match (allowed),
   -1 = the stored value is malformed (*error_r; the caller denies). */
ATTR_WARN_UNUSED int tcpd_access_lookup(struct tcpd_access_db *db, const char *ip,
					unsigned local_port, struct tcpd_access_rule *rule,
					const char **error_r);

#endif
