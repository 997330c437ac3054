/*
 * cfg.h - the one config reader.
 *
 * Two syntaxes, no shell ever run:
 *  CFG_SHELL  Courier's files (/etc/courier/imapd ...): NAME=value,
 *             NAME="a $OTHER b", NAME='single', # comments, backslash-newline
 *             continuation, `export NAME=...`, "later assignment wins".
 *             $NAME/${NAME} expand to earlier assignments in the same load
 *             (or the environment when cfg_vars_init's use_env is set).
 *  CFG_MAINCF Postfix main.cf style (lmtpd.cf): name = value, lines starting
 *             with white space continue the previous one, # comments, $name
 *             and ${name} expanded lazily at lookup, with loops detected.
 */
#ifndef STAFETA_CFG_H
#define STAFETA_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "compat.h"

enum cfg_type { CFG_STR, CFG_INT, CFG_BOOL, CFG_SECONDS, CFG_SIZE, CFG_LIST };
enum cfg_syntax { CFG_SHELL, CFG_MAINCF };

/* One typed parameter.  var points at:
   CFG_STR   char *         (xstrdup'ed; previous value freed unless it is def)
   CFG_INT   long long      (min..max checked)
   CFG_BOOL  bool           (yes/no, true/false, 1/0, on/off; Courier: y/Y/1...)
   CFG_SECONDS long long    (Postfix units s m h d w; bare number = seconds)
   CFG_SIZE  long long      (bytes; k/m/g suffix allowed)
   CFG_LIST  char *         (the raw text; split with cfg_list_next()) */
struct cfg_param {
	const char   *name;
	enum cfg_type type;
	const char   *def;       /* default, written as it would be in the file */
	void         *var;
	long long     min, max;  /* CFG_INT/SECONDS/SIZE; min == max == 0: no check */
};

/* Name/value pairs in file order (later duplicates replace the value in place). */
struct cfg_var { char *name; char *value; };
struct cfg_vars {
	struct cfg_var *v;
	size_t n, cap;
	bool use_env;   /* CFG_SHELL: undefined $NAME falls back to the environment */
};
#define CFG_VARS_INIT { NULL, 0, 0, false }

/* Limits that keep hostile files from taking memory or time. */
#define CFG_LINE_MAX      65536      /* one logical line, bytes */
#define CFG_VALUE_MAX     65536      /* one value after expansion, bytes */
#define CFG_EXPAND_DEPTH  32         /* $a -> $b -> ... nesting */

/* Parse text (n bytes) into vars.  0, or -1 with *error_r in the form
   "<name_for_errors>:<line>: <reason>" (a static buffer, valid until the next
   cfg_* call). */
int cfg_parse_text(struct cfg_vars *vars, enum cfg_syntax syn, const char *text,
		   size_t n, const char *name_for_errors, const char **error_r);
/* Read a file and parse it (a file over 4 MiB is refused). */
int cfg_parse_file(struct cfg_vars *vars, enum cfg_syntax syn, const char *path,
		   const char **error_r);
/* The value as written in the file (CFG_SHELL values were expanded while
   parsing; CFG_MAINCF values are raw: expand with cfg_expand_maincf() or use
   cfg_apply()), or NULL. */
const char *cfg_vars_get(const struct cfg_vars *vars, const char *name);
/* Set (or replace) a variable. */
void cfg_vars_set(struct cfg_vars *vars, const char *name, const char *value);
void cfg_vars_free(struct cfg_vars *vars);
/* Fully expand every $name in a CFG_MAINCF value against vars and the table
   defaults; -1 with *error_r on a loop or an undefined name. */
int cfg_expand_maincf(const struct cfg_vars *vars, const struct cfg_param *tab,
		      const char *value, char **out_r, const char **error_r);

/* Apply defaults, then the file's values, to the table.  Unknown names are
   logged as warnings (unless warn_unknown is false); a value of the wrong
   type or out of range is an error: -1 with *error_r. */
int cfg_apply(const struct cfg_param *tab, const struct cfg_vars *vars,
	      enum cfg_syntax syn, bool warn_unknown, const char **error_r);
/* cfg_parse_file + cfg_apply. */
int cfg_load(const char *path, enum cfg_syntax syn, const struct cfg_param *tab,
	     const char **error_r);
/* Defaults, then the environment (Courier's model: the start script exports
   every variable of the config files).  Only the table's names are read. */
int cfg_load_env(const struct cfg_param *tab, const char **error_r);
/* Set only the defaults. */
int cfg_defaults(const struct cfg_param *tab, const char **error_r);
/* "name = value" per line, sorted by name as postconf prints them:
   every default (lmtpd -d), or with only_changed the values of vars that
   differ from the default (lmtpd -n).  An empty value prints as "name =". */
void cfg_dump(FILE *fp, const struct cfg_param *tab, const struct cfg_vars *vars,
	      bool only_changed);
/* Free CFG_STR/CFG_LIST values the table holds. */
void cfg_free(const struct cfg_param *tab);

/* Split a list value on white space and commas.  *pos starts at 0; returns a
   malloc'ed item or NULL at the end. */
char *cfg_list_next(const char *list, size_t *pos);
/* Parse a boolean word as Courier/Postfix do; -1 if it is none. */
int cfg_parse_bool(const char *s, bool *val_r);

#endif
