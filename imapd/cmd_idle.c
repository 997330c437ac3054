/*
 * cmd_idle.c - IDLE (RFC 2177): "+ entering idle mode", then EXISTS,
 * EXPUNGE and FETCH (FLAGS) as other processes change the selected folder,
 * until the client sends DONE.  Changes are seen through inotify watches
 * on new/, cur/ and courierimapkeywords/ (maildir_view_inotify_add) and
 * reported within a second; without inotify, and as a safety net with it,
 * the folder is polled every IMAP_IDLE_TIMEOUT seconds (Courier's meaning
 * of the setting: the poll interval).  The autologout timeout ends an IDLE
 * that lasts too long.
 *
 * Trust:   the client's line after the continuation must be DONE.
 * Runs as: the mail user, inside the Maildir.
 * Tests:   tests/protocol/run-imapd (idle with lmtpd and a second session)
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <strings.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "buf.h"
#include "stream.h"
#include "timeutil.h"
#include "imap_config.h"
#include "imap_session.h"
#include "imap_view.h"
#include "maildir_view.h"

/* Events arriving this close together are reported in one update. */
#define IDLE_SETTLE_MS 50

static void drain(int fd)
{
	char buf[4096];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

int cmd_idle(struct imap_client *c, const struct imap_cmd *cmd)
{
	int ifd = -1, r = 0;
	int64_t end;

	/* step 1: the arguments */
	if (cmd->n != 0)
		return imap_reply_bad(c, cmd, "IDLE takes no arguments");
	/* step 2: wait */
	if (imap_send_updates(c) < 0)
		return -1;
	if (stream_puts(c->s, "+ entering idle mode\r\n") < 0 || stream_flush(c->s) < 0)
		return -1;
	if (c->view != NULL) {
		ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (ifd >= 0 && maildir_view_inotify_add(c->view->mv, ifd) < 0) {
			close(ifd);
			ifd = -1;
		}
	}
	end = time_mono_ms() + (int64_t)c->cfg->autologout * 1000;
	for (;;) {
		int64_t left = end - time_mono_ms();
		int64_t wait = (int64_t)c->cfg->idle_timeout * 1000;
		int w;

		if (left <= 0) {
			(void)imap_reply_untagged(c, "* BYE Disconnected for inactivity.");
			(void)stream_flush(c->s);
			c->logout = true;
			r = -1;
			break;
		}
		if (wait > left)
			wait = left;
		w = stream_wait_input_fd(c->s, ifd, (int)wait);
		if (w < 0) {
			r = -1;
			break;
		}
		if (w & STREAM_WAIT_INPUT) {
			int lr;

			stream_set_read_timeout(c->s, IMAP_CONT_TIMEOUT);
			lr = stream_read_line(c->s, &c->line);
			if (lr <= 0) {
				r = -1;
				break;
			}
			if (c->line.len == 4 && strncasecmp(c->line.data, "DONE", 4) == 0)
				break;
			r = imap_reply_bad(c, cmd, "Expected DONE to end IDLE");
			goto out;
		}
		if (w & STREAM_WAIT_FD) {
			/* let a burst of renames finish, then report once */
			(void)stream_wait_input_fd(c->s, -1, IDLE_SETTLE_MS);
			drain(ifd);
		}
		if (c->view != NULL) {
			if (imap_send_updates(c) < 0 || stream_flush(c->s) < 0) {
				r = -1;
				goto out;
			}
		}
	}
	if (r == 0)
		r = imap_reply_tagged(c, cmd, "OK", "IDLE completed");
out:
	if (ifd >= 0)
		close(ifd);
	return r < 0 ? -1 : 0;
}
