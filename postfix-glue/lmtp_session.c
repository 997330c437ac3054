#include "config.h"
/*
 * lmtp_session.c - the LMTP/SMTP command table, state machine and replies.
 *
 * Trust:   every command byte is the client's.  Recipients come from
 *          authdaemond and alias_maps (lmtp_rcpt.c).
 * Runs as: the per-connection lmtpd process (root when lmtpd is; deliveries
 *          fork and drop to the mailbox owner in lmtp_deliver.c).
 * Limits:  line_length_limit per command line, smtpd_timeout per read,
 *          smtpd_session_time_limit per session, smtpd_hard_error_limit
 *          bad commands, smtpd_recipient_limit recipients, message_size_limit
 *          per message (lmtp_data.c).
 * Errors:  a reply with an enhanced status code for every refusal; a
 *          temporary problem is 4xx, so nothing is ever acknowledged and lost.
 * Tests:   tests/unit/postfix-glue/test_session.c, tests/protocol/lmtp/ transcripts
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "lmtp_config.h"
#include "lmtp_data.h"
#include "lmtp_session.h"
#include "log.h"
#include "starttls.h"
#include "stream.h"
#include "timeutil.h"
#include "xmalloc.h"

#define ST_ANY (LMTP_ST_INIT | LMTP_ST_READY | LMTP_ST_MAIL | LMTP_ST_RCPT)
#define CMD_LMTP_ONLY 1u
#define CMD_SMTP_ONLY 2u
#define CMD_NO_ARGS   4u

struct lmtp_cmd_def {
	const char *name;
	int (*fn)(struct lmtp_session *ss, const char *args);
	unsigned states;     /* where the command is allowed */
	unsigned flags;
};

static int reply(struct lmtp_session *ss, const char *fmt, ...) ATTR_PRINTF(2, 3);
static int reply(struct lmtp_session *ss, const char *fmt, ...)
{
	struct buf line = BUF_INIT(4096);
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(&line, fmt, ap);
	va_end(ap);
	/* bad commands count towards smtpd_hard_error_limit; the per-recipient
	   delivery results after DATA do not */
	if (r == 0 && !ss->no_error_count && line.len >= 3 &&
	    (line.data[0] == '4' || line.data[0] == '5'))
		ss->errors++;
	if (r == 0)
		r = stream_write(ss->s, line.data, line.len) < 0 ||
		    stream_write(ss->s, "\r\n", 2) < 0 ? -1 : 0;
	buf_free(&line);
	return r < 0 ? -1 : 0;
}

static void reset_transaction(struct lmtp_session *ss)
{
	for (size_t i = 0; i < ss->nrcpts; i++)
		lmtp_rcpt_result_free(&ss->rcpts[i].res);
	free(ss->rcpts);
	ss->rcpts = NULL;
	ss->nrcpts = 0;
	ss->rcpts_tried = 0;
	memset(&ss->mail, 0, sizeof(ss->mail));
	if (ss->state != LMTP_ST_INIT)
		ss->state = LMTP_ST_READY;
}

static void set_helo(struct lmtp_session *ss, const char *args)
{
	size_t n = 0;

	for (; args[n] != '\0' && args[n] != ' ' && n < LMTP_HELO_MAX; n++) {
		unsigned char c = (unsigned char)args[n];

		ss->helo[n] = c > 0x20 && c < 0x7f && c != '(' && c != ')' ? (char)c : '?';
	}
	ss->helo[n] = '\0';
}

static int ehlo_reply(struct lmtp_session *ss)
{
	if (reply(ss, "250-%s", ss->cfg->myhostname) < 0 ||
	    reply(ss, "250-PIPELINING") < 0 ||
	    reply(ss, "250-SIZE %lld", ss->cfg->message_size_limit) < 0 ||
	    (ss->smtp && ss->tls_offered && !ss->tls && reply(ss, "250-STARTTLS") < 0) ||
	    reply(ss, "250-ENHANCEDSTATUSCODES") < 0)
		return -1;
	return reply(ss, "250 8BITMIME");
}

static int cmd_lhlo(struct lmtp_session *ss, const char *args)
{
	if (args[0] == '\0')
		return reply(ss, "501 5.5.4 Syntax: %s hostname", ss->smtp ? "EHLO" : "LHLO");
	set_helo(ss, args);
	ss->state = LMTP_ST_READY;
	ss->esmtp = true;
	reset_transaction(ss);
	return ehlo_reply(ss);
}

static int cmd_helo(struct lmtp_session *ss, const char *args)
{
	if (args[0] == '\0')
		return reply(ss, "501 5.5.4 Syntax: HELO hostname");
	set_helo(ss, args);
	ss->state = LMTP_ST_READY;
	ss->esmtp = false;
	reset_transaction(ss);
	return reply(ss, "250 %s", ss->cfg->myhostname);
}

static int cmd_mail(struct lmtp_session *ss, const char *args)
{
	struct smtp_mail_args m;
	enum smtp_parse_err e = smtp_parse_mail(args, &m);

	switch (e) {
	case SMTP_PARSE_OK:
		break;
	case SMTP_PARSE_BAD_ADDR:
		return reply(ss, "501 5.1.7 Bad sender address syntax");
	case SMTP_PARSE_BAD_PARAM:
		return reply(ss, "555 5.5.4 Unsupported option");
	case SMTP_PARSE_BAD_SIZE:
		return reply(ss, "501 5.5.4 Bad message size syntax");
	case SMTP_PARSE_BAD_BODY:
		return reply(ss, "501 5.5.4 Unsupported BODY type");
	default:
		return reply(ss, "501 5.5.4 Syntax: MAIL FROM:<address>");
	}
	if ((m.has_size || m.body != SMTP_BODY_NONE) && !ss->esmtp)
		return reply(ss, "555 5.5.4 Unsupported option");
	if (m.has_size && m.size > (uint64_t)ss->cfg->message_size_limit)
		return reply(ss, "552 5.3.4 Message size exceeds fixed limit");
	ss->mail = m;
	ss->state = LMTP_ST_MAIL;
	return reply(ss, "250 2.1.0 Ok");
}

/* SMTP has a single reply after DATA, so a mailbox that is already full is
   refused at RCPT, for that recipient only (LMTP answers per recipient after
   DATA anyway). */
static bool rcpt_over_quota(struct lmtp_session *ss, const struct lmtp_rcpt_entry *e)
{
	for (size_t i = 0; i < e->res.ntargets; i++) {
		struct lmtp_deliv_result r;

		ss->quota_check(ss->cfg, &e->res.targets[i],
				ss->mail.has_size ? ss->mail.size : 0, &r);
		if (r.status == DELIV_OVERQUOTA)
			return true;
	}
	return false;
}

static int cmd_rcpt(struct lmtp_session *ss, const char *args)
{
	struct smtp_addr a;
	struct lmtp_rcpt_entry *e;
	enum smtp_parse_err pe = smtp_parse_rcpt(args, &a);

	if (pe == SMTP_PARSE_BAD_ADDR)
		return reply(ss, "501 5.1.3 Bad recipient address syntax");
	if (pe == SMTP_PARSE_BAD_PARAM)
		return reply(ss, "555 5.5.4 Unsupported option");
	if (pe != SMTP_PARSE_OK)
		return reply(ss, "501 5.5.4 Syntax: RCPT TO:<address>");
	ss->rcpts_tried++;
	if (ss->nrcpts >= (size_t)ss->cfg->smtpd_recipient_limit)
		return reply(ss, "452 4.5.3 Error: too many recipients");
	ss->rcpts = xreallocarray(ss->rcpts, ss->nrcpts + 1, sizeof(*ss->rcpts));
	e = &ss->rcpts[ss->nrcpts];
	e->addr = a;
	lmtp_rcpt_resolve(ss->cfg, ss->be, &a, ss->smtp, &e->res);
	if (e->res.status == LMTP_RCPT_OK && ss->smtp && rcpt_over_quota(ss, e)) {
		lmtp_rcpt_result_free(&e->res);
		return reply(ss, "452 4.2.2 <%s>: Mailbox full", a.addr);
	}
	switch (e->res.status) {
	case LMTP_RCPT_OK:
		ss->nrcpts++;
		ss->state = LMTP_ST_RCPT;
		return reply(ss, "250 2.1.5 Ok");
	case LMTP_RCPT_RELAY:
		log_msg(LOGL_INFO, "reject: RCPT from [%s]: relay access denied", ss->peer_ip);
		if (ss->in_mynetworks)
			return reply(ss, "554 5.7.1 <%s>: Relay access denied: this server only accepts mail for its own domains", a.addr);
		return reply(ss, "554 5.7.1 <%s>: Relay access denied", a.addr);
	case LMTP_RCPT_TEMPFAIL:
		return reply(ss, "451 4.3.0 <%s>: Temporary lookup failure", a.addr);
	case LMTP_RCPT_LIMIT:
		return reply(ss, "550 5.4.6 <%s>: Alias expansion loop or limit", a.addr);
	case LMTP_RCPT_UNKNOWN:
	default:
		return reply(ss, "550 5.1.1 <%s>: Recipient address rejected: User unknown", a.addr);
	}
}

/* The reply for one delivery result. */
static int deliv_reply(struct lmtp_session *ss, const char *addr, const struct lmtp_deliv_result *r,
		       const char *queue_id)
{
	const char *lt = addr != NULL ? "<" : "", *gt = addr != NULL ? "> " : "";

	if (addr == NULL)
		addr = "";
	switch (r->status) {
	case DELIV_OK:
		/* the id of our Received: header and log lines: Postfix's
		   status=sent line quotes this reply */
		return reply(ss, "250 2.0.0 %s%s%sOk: delivered as %s", lt, addr, gt, queue_id);
	case DELIV_OVERQUOTA:
		return reply(ss, "452 4.2.2 %s%s%sMailbox full", lt, addr, gt);
	case DELIV_PERMFAIL:
		return reply(ss, "552 5.2.3 %s%s%sMessage too large for mailbox", lt, addr, gt);
	case DELIV_TEMPFAIL:
	default:
		if (r->err == ENOSPC || r->err == EDQUOT)
			return reply(ss, "452 4.3.1 %s%s%sInsufficient system storage", lt, addr, gt);
		return reply(ss, "451 4.3.0 %s%s%sTemporary delivery failure, try again later",
			     lt, addr, gt);
	}
}

/* Deliver to every target of one recipient; the worst result wins
   (temporary over permanent over ok), so a retry never loses anyone. */
static void deliver_rcpt(struct lmtp_session *ss, const struct lmtp_msg *m,
			 const struct lmtp_rcpt_entry *e, struct lmtp_deliv_result *worst)
{
	static const int rank[] = { [DELIV_OK] = 0, [DELIV_PERMFAIL] = 1,
				    [DELIV_OVERQUOTA] = 2, [DELIV_TEMPFAIL] = 3 };
	struct buf tmp = BUF_INIT(1024);

	memset(worst, 0, sizeof(*worst));
	worst->status = DELIV_OK;
	for (size_t i = 0; i < e->res.ntargets; i++) {
		struct lmtp_deliv_result r;

		const struct lmtp_target *t = &e->res.targets[i];
		struct buf tmp2 = BUF_INIT(1024), tmp3 = BUF_INIT(1024);
		char user[64];

		ss->deliver(ss->cfg, m, t, e->addr.addr, &r);
		/* one line per mailbox, matched to Postfix's by the queue id; the
		   account it concerns, so a failure names its user */
		if (t->ai.username != NULL)
			snprintf(user, sizeof(user), "%.63s", t->ai.username);
		else if (t->ai.have_uid)
			snprintf(user, sizeof(user), "uid %lu", (unsigned long)t->ai.uid);
		else
			snprintf(user, sizeof(user), "?");
		log_msg(r.status == DELIV_OK ? LOGL_INFO : LOGL_WARN,
			"%s: from=<%s>, to=<%s>, mailbox=%s, user=%s, size=%llu, message-id=%s, "
			"status=%s (%s)", m->queue_id != NULL ? m->queue_id : "-",
			log_safe(&tmp, m->return_path, 200), e->addr.addr, t->address,
			log_safe(&tmp3, user, 64), (unsigned long long)m->spool_size,
			m->message_id != NULL && m->message_id[0] != '\0'
				? log_safe(&tmp2, m->message_id, LMTP_MSGID_MAX) : "-",
			maildir_deliv_status_str(r.status), r.reason);
		buf_free(&tmp2);
		buf_free(&tmp3);
		if (rank[r.status] > rank[worst->status])
			*worst = r;
	}
	buf_free(&tmp);
}

static int data_failed(struct lmtp_session *ss, const struct lmtp_data_result *dr)
{
	const char *text;

	switch (dr->status) {
	case LMTP_DATA_TOO_BIG:
		text = "552 5.3.4 Message size exceeds fixed limit";
		break;
	case LMTP_DATA_LINE_TOO_LONG:
		text = "552 5.3.4 Message line too long";
		break;
	case LMTP_DATA_LOOP:
		text = "554 5.4.6 Too many hops: mail loop?";
		break;
	default:
		text = dr->err == ENOSPC || dr->err == EDQUOT
			? "452 4.3.1 Insufficient system storage"
			: "451 4.3.0 Error: cannot spool the message";
		break;
	}
	/* LMTP: one reply per accepted recipient (RFC 2033 4.2) */
	for (size_t i = 0; i < (ss->smtp ? 1 : ss->nrcpts); i++)
		if (reply(ss, "%s", text) < 0)
			return -1;
	return 0;
}

static int cmd_data(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	struct lmtp_data_result dr;
	struct lmtp_msg m;
	struct buf recv = BUF_INIT(4096);
	struct lmtp_spool sp;
	char date[64], id[40];
	int ret = 0;

	if (lmtp_spool_open(&sp, ss->cfg->temp_directory) < 0) {
		log_msg(LOGL_ERR, "cannot create a spool file in %s: %s", ss->cfg->temp_directory,
			strerror(errno));
		return reply(ss, "451 4.3.0 Error: cannot create a spool file");
	}
	if (reply(ss, "354 End data with <CR><LF>.<CR><LF>") < 0 || stream_flush(ss->s) < 0) {
		lmtp_spool_close(&sp);
		return -1;
	}
	lmtp_data_read_spool(ss->s, &sp, (uint64_t)ss->cfg->message_size_limit,
			     (size_t)ss->cfg->line_length_limit, &dr);
	if (dr.status == LMTP_DATA_LOST) {
		lmtp_spool_close(&sp);
		log_msg(LOGL_INFO, "%s after DATA from [%s]",
			dr.err == ETIMEDOUT ? "timeout" : "lost connection", ss->peer_ip);
		if (dr.err == ETIMEDOUT)
			(void)reply(ss, "421 4.4.2 %s Error: timeout exceeded", ss->cfg->myhostname);
		return -1;
	}
	if (dr.status == LMTP_DATA_OK && lmtp_spool_seal(&sp) < 0) {
		log_msg(LOGL_ERR, "cannot make the spool read-only: %s", strerror(errno));
		dr.status = LMTP_DATA_WRITE_ERROR;     /* 451 to every recipient */
		dr.err = errno;
	}
	if (dr.status != LMTP_DATA_OK) {
		lmtp_spool_close(&sp);
		ss->no_error_count = true;
		ret = data_failed(ss, &dr);
		ss->no_error_count = false;
		reset_transaction(ss);
		return ret;
	}
	ss->msgno++;
	snprintf(id, sizeof(id), "%llX.%lX.%lu", (unsigned long long)time(NULL),
		 (unsigned long)getpid(), ss->msgno);
	time_rfc822(time(NULL), date);
	if (buf_printf(&recv, "Received: from %s (%s%s%s)\n\tby %s (%s) with %s%s id %s\n",
		       ss->helo[0] != '\0' ? ss->helo : "unknown",
		       ss->peer_ip[0] != '\0' ? "[" : "localhost",
		       ss->peer_ip, ss->peer_ip[0] != '\0' ? "]" : "",
		       ss->cfg->myhostname, ss->cfg->mail_name,
		       !ss->smtp ? "LMTP" : ss->esmtp ? "ESMTP" : "SMTP",
		       ss->smtp && ss->tls ? "S" : "", id) < 0) {
		buf_reset(&recv);
		if (buf_printf(&recv, "Received: by %s with %s id %s\n", ss->cfg->myhostname,
			       ss->smtp ? "SMTP" : "LMTP", id) < 0)
			panic("Received: header does not fit");
	}
	ss->no_error_count = true;
	m.spool_fd = sp.fd;
	m.spool_size = dr.file_bytes;
	m.return_path = ss->mail.from.addr;
	m.received = buf_cstr(&recv);
	m.date = date;
	m.queue_id = id;
	m.message_id = dr.message_id;
	if (!ss->smtp) {
		for (size_t i = 0; i < ss->nrcpts && ret == 0; i++) {
			struct lmtp_deliv_result r;

			deliver_rcpt(ss, &m, &ss->rcpts[i], &r);
			ret = deliv_reply(ss, ss->rcpts[i].addr.addr, &r, id);
			/* every reply leaves as soon as it is known */
			if (ret == 0 && stream_flush(ss->s) < 0)
				ret = -1;
		}
	} else {
		struct lmtp_deliv_result worst = { DELIV_OK, 0, "" };

		for (size_t i = 0; i < ss->nrcpts; i++) {
			struct lmtp_deliv_result r;

			deliver_rcpt(ss, &m, &ss->rcpts[i], &r);
			if (r.status != DELIV_OK && worst.status != DELIV_TEMPFAIL)
				worst = r;
		}
		/* SMTP has one reply: any failure after another recipient got
		   the message is reported as temporary (a duplicate beats a loss) */
		if (worst.status == DELIV_PERMFAIL && ss->nrcpts > 1) {
			worst.status = DELIV_TEMPFAIL;
			worst.err = 0;
		}
		ret = deliv_reply(ss, NULL, &worst, id);
	}
	ss->no_error_count = false;
	lmtp_spool_close(&sp);
	buf_free(&recv);
	reset_transaction(ss);
	return ret;
}

static int cmd_rset(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	reset_transaction(ss);
	return reply(ss, "250 2.0.0 Ok");
}

static int cmd_noop(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	return reply(ss, "250 2.0.0 Ok");
}

static int cmd_quit(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	ss->quit = true;
	if (reply(ss, "221 2.0.0 Bye") < 0)
		return -1;
	return -1;
}

static int cmd_vrfy(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	return reply(ss, "502 5.5.1 VRFY command is disabled");
}

static int cmd_help(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	return reply(ss, "214 2.0.0 Commands: %s MAIL RCPT DATA RSET NOOP QUIT%s",
		     ss->smtp ? "HELO EHLO" : "LHLO",
		     ss->smtp && ss->tls_offered && !ss->tls ? " STARTTLS" : "");
}

static int cmd_starttls(struct lmtp_session *ss, const char *args ATTR_UNUSED)
{
	struct starttls_opts o;
	const char *error = NULL;
	int rfd, wfd;

	if (ss->tls)
		return reply(ss, "554 5.5.1 Error: TLS already active");
	if (!ss->tls_offered || ss->client_fd < 0)
		return reply(ss, "502 5.5.1 Error: command not implemented");
	if (reply(ss, "220 2.0.0 Ready to start TLS") < 0 || stream_flush(ss->s) < 0)
		return -1;
	memset(&o, 0, sizeof(o));
	/* couriertls takes its certificate from the environment */
	if (ss->cfg->smtpd_tls_cert_file[0] != '\0')
		(void)setenv("TLS_CERTFILE", ss->cfg->smtpd_tls_cert_file, 1);
	o.couriertls = ss->cfg->couriertls;
	o.client_fd = ss->client_fd;
	if (starttls_start(&o, &rfd, &wfd, &error) < 0) {
		log_msg(LOGL_WARN, "STARTTLS from [%s] failed: %s", ss->peer_ip,
			error != NULL ? error : "?");
		return -1;
	}
	(void)stream_set_fds(ss->s, rfd, wfd);
	ss->client_fd = -1;
	ss->tls = true;
	ss->esmtp = false;
	/* RFC 3207 4.2: forget everything, the client greets again */
	reset_transaction(ss);
	ss->state = LMTP_ST_INIT;
	return 0;
}

static const struct lmtp_cmd_def lmtp_cmds[] = {
	{ "LHLO", cmd_lhlo, ST_ANY, CMD_LMTP_ONLY },
	{ "EHLO", cmd_lhlo, ST_ANY, CMD_SMTP_ONLY },
	{ "HELO", cmd_helo, ST_ANY, CMD_SMTP_ONLY },
	{ "MAIL", cmd_mail, LMTP_ST_READY, 0 },
	{ "RCPT", cmd_rcpt, LMTP_ST_MAIL | LMTP_ST_RCPT, 0 },
	{ "DATA", cmd_data, LMTP_ST_RCPT, CMD_NO_ARGS },
	{ "RSET", cmd_rset, ST_ANY, CMD_NO_ARGS },
	{ "NOOP", cmd_noop, ST_ANY, 0 },
	{ "QUIT", cmd_quit, ST_ANY, CMD_NO_ARGS },
	{ "VRFY", cmd_vrfy, ST_ANY, 0 },
	{ "HELP", cmd_help, ST_ANY, 0 },
	{ "STARTTLS", cmd_starttls, LMTP_ST_READY, CMD_SMTP_ONLY | CMD_NO_ARGS },
	{ NULL, NULL, 0, 0 }
};

/* The reply when a known command comes in the wrong state. */
static int state_error(struct lmtp_session *ss, const struct lmtp_cmd_def *d)
{
	if (ss->state == LMTP_ST_INIT)
		return reply(ss, "503 5.5.1 Error: send %s first", ss->smtp ? "HELO/EHLO" : "LHLO");
	if (strcmp(d->name, "MAIL") == 0)
		return reply(ss, "503 5.5.1 Error: nested MAIL command");
	if (strcmp(d->name, "RCPT") == 0)
		return reply(ss, "503 5.5.1 Error: need MAIL command");
	if (strcmp(d->name, "DATA") == 0) {
		if (ss->state == LMTP_ST_READY)
			return reply(ss, "503 5.5.1 Error: need MAIL command");
		if (ss->rcpts_tried > 0)
			return reply(ss, "503 5.5.1 Error: no valid recipients");
		return reply(ss, "503 5.5.1 Error: need RCPT command");
	}
	if (strcmp(d->name, "STARTTLS") == 0)
		return reply(ss, "503 5.5.1 Error: MAIL transaction in progress");
	return reply(ss, "503 5.5.1 Error: bad sequence of commands");
}

int lmtp_session_command(struct lmtp_session *ss, const char *line, size_t len)
{
	char verb[SMTP_VERB_MAX + 1];
	const char *args;
	const struct lmtp_cmd_def *d;
	int r;

	if (smtp_parse_command(line, len, verb, &args) < 0) {
		r = reply(ss, len == 0 ? "500 5.5.2 Error: bad syntax"
				       : "502 5.5.2 Error: command not recognized");
	} else {
		for (d = lmtp_cmds; d->name != NULL; d++)
			if (strcmp(d->name, verb) == 0)
				break;
		if (d->name == NULL || (ss->smtp && (d->flags & CMD_LMTP_ONLY)) ||
		    (!ss->smtp && (d->flags & CMD_SMTP_ONLY)))
			r = reply(ss, "502 5.5.2 Error: command not recognized");
		else if ((d->flags & CMD_NO_ARGS) && args[0] != '\0')
			r = reply(ss, "501 5.5.4 Syntax: %s", d->name);
		else if ((d->states & ss->state) == 0)
			r = state_error(ss, d);
		else
			r = d->fn(ss, args);
	}
	if (r < 0 || ss->quit)
		return -1;
	if (ss->errors >= (unsigned)ss->cfg->smtpd_hard_error_limit) {
		log_msg(LOGL_WARN, "too many errors from [%s]", ss->peer_ip);
		(void)reply(ss, "421 4.7.0 %s Error: too many errors", ss->cfg->myhostname);
		return -1;
	}
	return 0;
}

void lmtp_session_init(struct lmtp_session *ss, const struct lmtpd_config *cfg,
		       const struct lmtp_rcpt_backend *be, struct stream *s, bool smtp,
		       const char *peer_ip, int client_fd)
{
	memset(ss, 0, sizeof(*ss));
	ss->cfg = cfg;
	ss->be = be;
	ss->deliver = lmtp_deliver;
	ss->quota_check = lmtp_deliver_quota_check;
	ss->s = s;
	ss->smtp = smtp;
	ss->client_fd = client_fd;
	ss->state = LMTP_ST_INIT;
	snprintf(ss->peer_ip, sizeof(ss->peer_ip), "%s", peer_ip != NULL ? peer_ip : "");
	ss->in_mynetworks = ss->peer_ip[0] != '\0' &&
			    lmtp_addr_in_networks(cfg->mynetworks, ss->peer_ip);
	ss->tls_offered = smtp && cfg->smtpd_use_tls && client_fd >= 0 &&
			  cfg->smtpd_tls_cert_file[0] != '\0' &&
			  starttls_available(cfg->couriertls);
}

void lmtp_session_deinit(struct lmtp_session *ss)
{
	reset_transaction(ss);
}

int lmtp_session_run(struct lmtp_session *ss)
{
	struct buf line = BUF_INIT((size_t)ss->cfg->line_length_limit + 1);
	int ret = -1;

	stream_set_read_timeout(ss->s, (int)ss->cfg->smtpd_timeout);
	stream_set_line_max(ss->s, (size_t)ss->cfg->line_length_limit);
	stream_set_deadline(ss->s, time_mono_ms() + ss->cfg->smtpd_session_time_limit * 1000);
	if (reply(ss, "220 %s", ss->smtp ? ss->cfg->smtpd_banner : ss->cfg->lmtp_banner) < 0 ||
	    stream_flush(ss->s) < 0)
		goto out;
	for (;;) {
		int r = stream_read_line(ss->s, &line);

		if (r == 0)
			break;
		if (r < 0 && errno == EMSGSIZE) {
			if (reply(ss, "500 5.5.2 Error: line too long") < 0)
				break;
			if (ss->errors >= (unsigned)ss->cfg->smtpd_hard_error_limit) {
				(void)reply(ss, "421 4.7.0 %s Error: too many errors", ss->cfg->myhostname);
				break;
			}
		} else if (r < 0) {
			if (errno == ETIMEDOUT)
				(void)reply(ss, "421 4.4.2 %s Error: timeout exceeded", ss->cfg->myhostname);
			break;
		} else if (lmtp_session_command(ss, line.data != NULL ? line.data : "", line.len) < 0) {
			ret = ss->quit ? 0 : -1;
			break;
		}
		/* PIPELINING: answer a batch at once, flush before waiting */
		if (stream_input_pending(ss->s) == 0 && stream_flush(ss->s) < 0)
			break;
	}
out:
	(void)stream_flush(ss->s);
	buf_free(&line);
	return ret;
}
