/*
 * fuzz_cfg.c - libFuzzer target for the config reader: the input is parsed
 * in Courier shell syntax or Postfix main.cf syntax (first byte picks), every
 * variable is expanded, looked up and split as a list, and the result is
 * applied to a small typed table and dumped.
 *
 * Trust:   the whole input is hostile.
 * Limits:  whatever lib/cfg.c enforces (line, value, depth, file limits).
 * Tests:   replay_cfg runs tests/fuzz/corpus/cfg/ in make check;
 *          `make fuzz` builds fuzz_cfg with clang.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long long f_int, f_secs, f_size;
static bool f_bool;
static char *f_str, *f_list, *f_exp;

/* Names that the corpus files use, so that values reach every converter. */
static const struct cfg_param tab[] = {
	{ "MAXDAEMONS", CFG_INT, "40", &f_int, 1, 100000 },
	{ "IMAP_IDLE_TIMEOUT", CFG_SECONDS, "60", &f_secs, 0, 0 },
	{ "message_size_limit", CFG_SIZE, "10240000", &f_size, 0, 0 },
	{ "IMAP_USELOCKS", CFG_BOOL, "1", &f_bool, 0, 0 },
	{ "IMAP_CAPABILITY", CFG_STR, "IMAP4rev1", &f_str, 0, 0 },
	{ "mydestination", CFG_LIST, "$myhostname, localhost", &f_list, 0, 0 },
	{ "myhostname", CFG_STR, "host.$mydomain", &f_exp, 0, 0 },
	{ NULL, CFG_STR, NULL, NULL, 0, 0 }
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct cfg_vars vars = CFG_VARS_INIT;
	enum cfg_syntax syn;
	const char *err = NULL;

	if (devnull == NULL) {
		devnull = fopen("/dev/null", "w");
		log_init("fuzz_cfg");
		log_set_min_level(LOGL_ALERT);   /* unknown-name warnings: no noise */
	}
	if (size == 0)
		return 0;
	syn = (data[0] & 1) ? CFG_MAINCF : CFG_SHELL;
	vars.use_env = (data[0] & 2) != 0;
	if (cfg_parse_text(&vars, syn, (const char *)data + 1, size - 1, "fuzz", &err) == 0) {
		for (size_t i = 0; i < vars.n; i++) {
			const char *v = cfg_vars_get(&vars, vars.v[i].name);
			size_t pos = 0;
			char *item, *out = NULL;

			if (v == NULL)
				abort();   /* every parsed name must be found again */
			while ((item = cfg_list_next(v, &pos)) != NULL) {
				if (*item == '\0')
					abort();   /* list items are never empty */
				free(item);
			}
			if (syn == CFG_MAINCF &&
			    cfg_expand_maincf(&vars, tab, v, &out, &err) == 0) {
				if (strlen(out) > CFG_VALUE_MAX)
					abort();
				free(out);
			}
		}
		if (cfg_apply(tab, &vars, syn, true, &err) == 0 && devnull != NULL) {
			cfg_dump(devnull, tab, &vars, true);
			cfg_dump(devnull, tab, &vars, false);
		}
		cfg_free(tab);
	} else if (err == NULL) {
		abort();   /* a failure always says why */
	}
	cfg_vars_free(&vars);
	return 0;
}
