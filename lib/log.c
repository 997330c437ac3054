/*
 * log.c - one record per line, to stderr (for courierlogger or
 * couriertcpd -stderrlogger) or syslog, in Courier's wording.
 *
 * Trust:   message text from callers; client-supplied parts must go through
 *          log_safe() first (the user name in the context always does).
 * Limits:  a record is cut at LOG_RECORD_MAX bytes.
 * Tests:   tests/unit/lib/test_log.c
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "xmalloc.h"

#define LOG_RECORD_MAX 4096
#define LOG_USER_MAX   256

static struct {
	char progname[64];
	int use_syslog;
	int prefix_progname;
	int timestamps;
	enum log_level min_level;
	char *ip, *port, *user;
} log_state = { "stafeta", 0, 0, 0, LOGL_DEBUG, NULL, NULL, NULL };

static const char *const level_names[] = {
	[LOGL_DEBUG] = "DEBUG", [LOGL_INFO] = "INFO", [LOGL_WARN] = "WARN",
	[LOGL_ERR] = "ERR", [LOGL_CRIT] = "CRIT", [LOGL_ALERT] = "ALERT",
};

static const int syslog_prio[] = {
	[LOGL_DEBUG] = LOG_DEBUG, [LOGL_INFO] = LOG_INFO, [LOGL_WARN] = LOG_WARNING,
	[LOGL_ERR] = LOG_ERR, [LOGL_CRIT] = LOG_CRIT, [LOGL_ALERT] = LOG_ALERT,
};

void log_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');

	const char *ts = getenv("STAFETA_LOG_TIME");

	snprintf(log_state.progname, sizeof(log_state.progname), "%s",
		 slash != NULL ? slash + 1 : progname);
	log_state.use_syslog = 0;
	/* a log file of its own (mailctl start) has no timestamps otherwise;
	   syslog and the journal add their own */
	log_state.timestamps = ts != NULL && strcmp(ts, "1") == 0;
}

void log_set_timestamps(int on)
{
	log_state.timestamps = on;
}

void log_open_syslog(int facility)
{
	openlog(log_state.progname, LOG_PID | LOG_NDELAY, facility);
	log_state.use_syslog = 1;
}

void log_detach_syslog(void)
{
	if (log_state.use_syslog)
		closelog();
}

void log_set_min_level(enum log_level lvl)
{
	log_state.min_level = lvl;
}

void log_set_prefix_progname(int on)
{
	log_state.prefix_progname = on;
}

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
}

void log_set_context(const char *ip, const char *port)
{
	set_str(&log_state.ip, ip);
	set_str(&log_state.port, port);
}

void log_set_user(const char *user)
{
	struct buf tmp = BUF_INIT(LOG_USER_MAX * 4 + 8);

	set_str(&log_state.user, user != NULL ? log_safe(&tmp, user, LOG_USER_MAX) : NULL);
	buf_free(&tmp);
}

/* Write one finished record. */
static void log_emit(enum log_level lvl, const char *text)
{
	if ((unsigned)lvl >= N_ELEMENTS(level_names))
		lvl = LOGL_ERR;
	if (log_state.use_syslog) {
		syslog(syslog_prio[lvl], "%s: %s", level_names[lvl], text);
	} else {
		char line[LOG_RECORD_MAX + 128], stamp[32] = "";
		int saved0 = errno;

		if (log_state.timestamps) {
			struct timespec now;
			struct tm tm;

			clock_gettime(CLOCK_REALTIME, &now);
			if (gmtime_r(&now.tv_sec, &tm) != NULL)
				strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ ", &tm);
			errno = saved0;
		}
		int n = snprintf(line, sizeof(line), "%s%s%s%s: %s\n", stamp,
				 log_state.prefix_progname ? log_state.progname : "",
				 log_state.prefix_progname ? ": " : "", level_names[lvl], text);
		int saved = errno;

		if (n < 0)
			return;
		if ((size_t)n >= sizeof(line)) {
			n = (int)sizeof(line) - 1;
			line[n - 1] = '\n';
		}
		/* one write per record so concurrent processes do not interleave */
		(void)!write(STDERR_FILENO, line, (size_t)n);
		errno = saved;
	}
}

static void log_vmsg(enum log_level lvl, const char *prefix, const char *fmt, va_list ap)
{
	char text[LOG_RECORD_MAX];
	size_t off = 0;

	text[0] = '\0';
	if (prefix != NULL)
		off = (size_t)snprintf(text, sizeof(text), "%s", prefix);
	if (off >= sizeof(text))
		off = sizeof(text) - 1;
	if (fmt != NULL)
		vsnprintf(text + off, sizeof(text) - off, fmt, ap);
	log_emit(lvl, text);
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	if (lvl < log_state.min_level)
		return;
	va_start(ap, fmt);
	log_vmsg(lvl, NULL, fmt, ap);
	va_end(ap);
}

void log_conn(enum log_level lvl, const char *event, const char *fmt, ...)
{
	char prefix[LOG_RECORD_MAX];
	int has_extra = fmt != NULL && *fmt != '\0';
	va_list ap;

	if (lvl < log_state.min_level)
		return;
	snprintf(prefix, sizeof(prefix), "%s%s%s%s%s%s%s%s",
		 event,
		 log_state.user != NULL ? ", user=" : "",
		 log_state.user != NULL ? log_state.user : "",
		 log_state.ip != NULL ? ", ip=[" : "",
		 log_state.ip != NULL ? log_state.ip : "",
		 log_state.ip != NULL ? "], port=[" : "",
		 log_state.ip != NULL ? (log_state.port != NULL ? log_state.port : "") : "",
		 log_state.ip != NULL ? "]" : "");
	if (has_extra) {
		size_t n = strlen(prefix);

		if (n + 2 < sizeof(prefix))
			memcpy(prefix + n, ", ", 3);
	}
	va_start(ap, fmt);
	log_vmsg(lvl, prefix, has_extra ? fmt : NULL, ap);
	va_end(ap);
}

void die(int exitcode, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOGL_CRIT, NULL, fmt, ap);
	va_end(ap);
	exit(exitcode);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOGL_CRIT, "PANIC: ", fmt, ap);
	va_end(ap);
	abort();
}

const char *log_safe_n(struct buf *tmp, const void *untrusted, size_t n, size_t max)
{
	const unsigned char *p = untrusted;
	size_t take = n < max ? n : max;

	buf_reset(tmp);
	for (size_t i = 0; i < take; i++) {
		char esc[5];
		size_t len = 1;

		if (p[i] >= 0x20 && p[i] <= 0x7e && p[i] != '\\')
			esc[0] = (char)p[i];
		else
			len = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", p[i]);
		/* keep room for the "..." that marks a cut */
		if (tmp->len + len + 3 > tmp->max) {
			take = i;
			break;
		}
		(void)!buf_append(tmp, esc, len);
	}
	if (take < n)
		(void)!buf_append_str(tmp, "...");
	return buf_cstr(tmp);
}

const char *log_safe(struct buf *tmp, const char *untrusted, size_t max)
{
	return log_safe_n(tmp, untrusted, strlen(untrusted), max);
}
