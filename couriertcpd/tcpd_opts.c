#include "config.h"
/*
 * tcpd_opts.c - parse couriertcpd's command line (Courier's option names).
 *
 * Trust:   the command line is built by mailctl or an rc script from the
 *          admin's config; values are checked strictly anyway.
 * Runs as: root, at start-up.
 * Limits:  numbers are range-checked; the port list by tcpd_ports_parse().
 * Errors:  -1 with a reason naming the option.
 * Tests:   tests/unit/couriertcpd/test_opts.c
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "strnum.h"
#include "tcpd_opts.h"

static char opt_error[256];

static int oerr(const char **error_r, const char *fmt, ...) ATTR_PRINTF(2, 3);
static int oerr(const char **error_r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(opt_error, sizeof(opt_error), fmt, ap);
	va_end(ap);
	*error_r = opt_error;
	return -1;
}

/* "-name" or "-name=value": true when arg names opt; *val_r = value or NULL. */
static bool opt_is(const char *arg, const char *name, const char **val_r)
{
	size_t n = strlen(name);

	if (strncmp(arg + 1, name, n) != 0)
		return false;
	if (arg[1 + n] == '\0') {
		*val_r = NULL;
		return true;
	}
	if (arg[1 + n] == '=') {
		*val_r = arg + 2 + n;
		return true;
	}
	return false;
}

static int opt_num(const char *name, const char *val, unsigned min, unsigned max,
		   unsigned *out, bool *given, const char **error_r)
{
	unsigned v;

	if (val == NULL)
		return oerr(error_r, "-%s needs a value", name);
	if (*val == '\0')
		return 0;
	if (str_to_uint(val, &v) < 0 || v < min || v > max)
		return oerr(error_r, "-%s=%.40s: not a number in %u..%u", name, val, min, max);
	*out = v;
	if (given != NULL)
		*given = true;
	return 0;
}

static int opt_str(const char *name, const char *val, const char **out, const char **error_r)
{
	if (val == NULL || *val == '\0')
		return oerr(error_r, "-%s needs a value", name);
	*out = val;
	return 0;
}

int tcpd_opts_parse(int argc, char **argv, struct tcpd_opts *o, const char **error_r)
{
	bool warn_given = false, maxperc_given = false;
	const char *v, *why;
	int i;

	memset(o, 0, sizeof(*o));
	o->action = TCPD_RUN;
	o->maxprocs = TCPD_MAXPROCS_DEFAULT;
	o->maxperip = TCPD_MAXPERIP_DEFAULT;
	o->backlog = TCPD_BACKLOG_DEFAULT;
	o->stderr_mode = TCPD_STDERR_INHERIT;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		const char *a = argv[i];
		unsigned n;

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (opt_is(a, "maxprocs", &v)) {
			if (opt_num("maxprocs", v, 1, TCPD_MAXPROCS_LIMIT, &o->maxprocs, NULL,
				    error_r) < 0)
				return -1;
		} else if (opt_is(a, "maxperip", &v)) {
			if (opt_num("maxperip", v, 0, TCPD_MAXPROCS_LIMIT, &o->maxperip, NULL,
				    error_r) < 0)
				return -1;
		} else if (opt_is(a, "maxperc", &v)) {
			if (opt_num("maxperc", v, 0, TCPD_MAXPROCS_LIMIT, &o->maxperc,
				    &maxperc_given, error_r) < 0)
				return -1;
		} else if (opt_is(a, "warn", &v)) {
			if (opt_num("warn", v, 0, TCPD_MAXPROCS_LIMIT, &o->warn, &warn_given,
				    error_r) < 0)
				return -1;
		} else if (opt_is(a, "listen", &v)) {
			n = (unsigned)o->backlog;
			if (opt_num("listen", v, 1, 65535, &n, NULL, error_r) < 0)
				return -1;
			o->backlog = (int)n;
		} else if (opt_is(a, "nodnslookup", &v) && v == NULL) {
			o->nodnslookup = true;
		} else if (opt_is(a, "noidentlookup", &v) && v == NULL) {
			o->noidentlookup = true;
		} else if (opt_is(a, "accesslocal", &v) && v == NULL) {
			o->accesslocal = true;
		} else if (opt_is(a, "address", &v)) {
			if (tcpd_address_parse(v != NULL ? v : "", o->address, &why) < 0)
				return oerr(error_r, "-address=%.60s: %s", v, why);
		} else if (opt_is(a, "access", &v)) {
			if (opt_str("access", v, &o->access, error_r) < 0)
				return -1;
		} else if (opt_is(a, "pid", &v)) {
			if (opt_str("pid", v, &o->pidfile, error_r) < 0)
				return -1;
		} else if (opt_is(a, "user", &v)) {
			if (opt_str("user", v, &o->user, error_r) < 0)
				return -1;
		} else if (opt_is(a, "group", &v)) {
			if (opt_str("group", v, &o->group, error_r) < 0)
				return -1;
		} else if (opt_is(a, "stderrloggername", &v)) {
			if (opt_str("stderrloggername", v, &o->stderrloggername, error_r) < 0)
				return -1;
		} else if (opt_is(a, "stderrlogger", &v)) {
			if (opt_str("stderrlogger", v, &o->stderrlogger, error_r) < 0)
				return -1;
		} else if (opt_is(a, "stderr", &v)) {
			if (opt_str("stderr", v, &o->stderr_file, error_r) < 0)
				return -1;
			o->stderr_mode = strcmp(v, "socket") == 0 ? TCPD_STDERR_SOCKET
								  : TCPD_STDERR_FILE;
		} else if (opt_is(a, "denymsg", &v)) {
			if (opt_str("denymsg", v, &o->denymsg, error_r) < 0)
				return -1;
			if (strpbrk(v, "\r\n") != NULL)
				return oerr(error_r, "-denymsg must be one line");
		} else if (opt_is(a, "drop", &v)) {
			o->drop = v != NULL && *v != '\0' ? v : "BLOCK";
		} else if (opt_is(a, "stop", &v) && v == NULL) {
			o->action = TCPD_STOP;
		} else if (opt_is(a, "restart", &v) && v == NULL) {
			o->action = TCPD_RESTART;
		} else {
			return oerr(error_r, "unknown option %.60s", a);
		}
	}
	if (o->action != TCPD_RUN) {
		if (o->pidfile == NULL)
			return oerr(error_r, "-stop and -restart need -pid=FILE");
		return 0;
	}
	if (i >= argc)
		return oerr(error_r, "missing the port list");
	if (tcpd_ports_parse(argv[i], o->ports, TCPD_PORTS_MAX, &o->nports, &why) < 0)
		return oerr(error_r, "port list %.60s: %s", argv[i], why);
	i++;
	if (i >= argc)
		return oerr(error_r, "missing the program to run");
	o->prog_argv = argv + i;
	if (!maxperc_given)
		o->maxperc = o->maxprocs;
	if (!warn_given)
		o->warn = o->maxprocs - (o->maxprocs / 10 + 1);
	if (o->warn > o->maxprocs)
		o->warn = o->maxprocs;
	return 0;
}
