/*
 * cmd_search.c - SEARCH and UID SEARCH (RFC 3501 6.4.4, 6.4.8), SORT and
 * UID SORT, THREAD and UID THREAD (RFC 5256): the criteria and the search
 * program are parsed and checked whole (BAD, NO [BADCHARSET], NO [LIMIT])
 * before the answer, then run over every message of the view.
 * IMAP_DISABLETHREADSORT=1 refuses SORT and THREAD (still advertised, as
 * in Courier).
 *
 * Trust:   the program is the client's (imap_search.c checks it).
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/imap/search.t, sort.t, thread*.t,
 *          tests/unit/imapd/test_imap_search.c, test_imap_sort.c
 */
#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <strings.h>

#include "buf.h"
#include "imap_config.h"
#include "imap_search.h"
#include "imap_sort.h"
#include "imap_thread.h"
#include "xmalloc.h"
#include "imap_session.h"
#include "imap_view.h"
#include "stream.h"

/* Parse a program; on error the reply is sent and *r_out set. */
static bool program(struct imap_client *c, const struct imap_cmd *cmd, const struct imap_arg *args,
		    size_t n, bool allow_charset, const char *charset,
		    struct imap_search_prog **prog, int *r_out)
{
	const char *why = NULL;

	switch (imap_search_parse(args, n, allow_charset, charset, prog, &why)) {
	case IMAP_SEARCH_OK:
		return true;
	case IMAP_SEARCH_BAD:
		*r_out = imap_reply_bad(c, cmd, why);
		break;
	case IMAP_SEARCH_BADCHARSET:
		*r_out = imap_reply_tagged(c, cmd, "NO", "[BADCHARSET (US-ASCII UTF-8)] %s", why);
		break;
	case IMAP_SEARCH_LIMIT:
		*r_out = imap_reply_tagged(c, cmd, "NO", "[LIMIT] %s", why);
		break;
	}
	return false;
}

int cmd_search(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_search_prog *prog = NULL;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	int r = 0;

	/* step 1: the program */
	if (!program(c, cmd, cmd->args, cmd->n, true, NULL, &prog, &r))
		return r < 0 ? -1 : 0;
	/* step 2: every message */
	size_t n = imap_view_count(c->view);
	if (buf_append_str(&out, "* SEARCH") < 0)
		r = -1;
	for (size_t i = 0; i < n && r == 0; i++) {
		if (!imap_search_match(prog, c->view, i, NULL))
			continue;
		const struct imap_msg *m = imap_view_msg(c->view, (uint32_t)(i + 1));
		if (buf_printf(&out, " %" PRIu32, cmd->uid ? m->uid : (uint32_t)(i + 1)) < 0)
			r = -1;
	}
	if (r == 0 && (buf_append_str(&out, "\r\n") < 0 || stream_write(c->s, out.data, out.len) < 0))
		r = -1;
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "SEARCH completed");
	imap_search_free(&prog);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}

/* SORT's and THREAD's common part: the charset, then the program; the
   matching messages' keys.  NULL after a reply (then *r_out is set). */
static struct imap_msg_keys *matching(struct imap_client *c, const struct imap_cmd *cmd,
				      const struct imap_arg *args, size_t n, unsigned what,
				      size_t *count_r, int *r_out)
{
	struct imap_search_prog *prog = NULL;
	const char *cs;

	if (n < 2 || (cs = imap_arg_astring(&args[0])) == NULL) {
		*r_out = imap_reply_bad(c, cmd, "A charset and search keys expected");
		return NULL;
	}
	if (!program(c, cmd, args + 1, n - 1, false, cs, &prog, r_out))
		return NULL;
	size_t total = imap_view_count(c->view), k = 0;
	struct imap_msg_keys *keys = xcalloc(total > 0 ? total : 1, sizeof(*keys));
	for (size_t i = 0; i < total; i++) {
		if (imap_search_match(prog, c->view, i, NULL))
			imap_msg_keys_load(c->view, i, what, &keys[k++]);
	}
	imap_search_free(&prog);
	*count_r = k;
	return keys;
}

static void keys_free(struct imap_msg_keys *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		imap_msg_keys_free(&keys[i]);
	free(keys);
}

int cmd_sort(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct imap_sort_spec spec;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	const char *why;
	size_t n = 0;
	int r = 0;

	if (c->cfg->disablethreadsort)
		return imap_reply_tagged(c, cmd, "NO", "SORT is disabled (IMAP_DISABLETHREADSORT)") < 0 ?
			-1 : 0;
	if (cmd->n < 1 || imap_sort_parse(&cmd->args[0], &spec, &why) < 0)
		return imap_reply_bad(c, cmd, cmd->n < 1 ? "SORT needs a list of sort criteria" : why);
	struct imap_msg_keys *keys = matching(c, cmd, cmd->args + 1, cmd->n - 1,
					      imap_sort_needs(&spec), &n, &r);
	if (keys == NULL)
		return r < 0 ? -1 : 0;
	imap_sort_keys(&spec, keys, n);
	if (buf_append_str(&out, "* SORT") < 0)
		r = -1;
	for (size_t i = 0; i < n && r == 0; i++) {
		const struct imap_msg *m = imap_view_msg(c->view, (uint32_t)(keys[i].idx + 1));
		if (buf_printf(&out, " %" PRIu32, cmd->uid ? m->uid : (uint32_t)(keys[i].idx + 1)) < 0)
			r = -1;
	}
	if (r == 0 && (buf_append_str(&out, "\r\n") < 0 || stream_write(c->s, out.data, out.len) < 0))
		r = -1;
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "SORT completed");
	keys_free(keys, n);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}

int cmd_thread(struct imap_client *c, const struct imap_cmd *cmd)
{
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	enum imap_thread_algo algo;
	size_t n = 0;
	int r = 0;

	if (c->cfg->disablethreadsort)
		return imap_reply_tagged(c, cmd, "NO",
					 "THREAD is disabled (IMAP_DISABLETHREADSORT)") < 0 ? -1 : 0;
	if (cmd->n < 1 || cmd->args[0].type != IMAP_ARG_ATOM)
		return imap_reply_bad(c, cmd, "THREAD needs an algorithm");
	if (strcasecmp(cmd->args[0].str, "ORDEREDSUBJECT") == 0)
		algo = IMAP_THREAD_ORDEREDSUBJECT;
	else if (strcasecmp(cmd->args[0].str, "REFERENCES") == 0)
		algo = IMAP_THREAD_REFERENCES;
	else
		return imap_reply_bad(c, cmd, "Unknown THREAD algorithm");
	struct imap_msg_keys *keys = matching(c, cmd, cmd->args + 1, cmd->n - 1, IMAP_KEYS_HEADER,
					      &n, &r);
	if (keys == NULL)
		return r < 0 ? -1 : 0;
	if (buf_append_str(&out, n > 0 ? "* THREAD " : "* THREAD") < 0 ||
	    imap_thread_write(algo, keys, n, c->view, cmd->uid, &out) < 0 ||
	    buf_append_str(&out, "\r\n") < 0 || stream_write(c->s, out.data, out.len) < 0)
		r = -1;
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "THREAD completed");
	keys_free(keys, n);
	buf_free(&out);
	return r < 0 ? -1 : 0;
}
