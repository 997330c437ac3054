/*
 * starttls_testchild.c - a tiny IMAP-like line server for the TLS interop
 * tests: it plays the login program, using libstarttls for STARTTLS exactly
 * as imaplogin/pop3login do, so gnutls-cli and curl can be pointed at it
 * over implicit TLS (behind couriertls) and over STARTTLS.
 *
 * Commands (tag first): CAPABILITY, NOOP, STARTTLS, LOGIN u p, LIST "" *,
 * ENV (prints the TLS state and ids), LOGOUT.  Reads $COURIERTLS.
 *
 * Trust:   test-only; input still goes through the stream with limits.
 * Tests:   tests/interop/run-tls-clients
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "env.h"
#include "log.h"
#include "starttls.h"
#include "stream.h"

static unsigned parent_uid(void)
{
	char path[64], line[256];
	FILE *fp;
	unsigned uid = 99999;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)getppid());
	fp = fopen(path, "r");
	if (fp == NULL)
		return uid;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "Uid: %u", &uid) == 1)
			break;
	fclose(fp);
	return uid;
}

int main(void)
{
	struct stream_limits lim = { 8192, 65536, 60, 60 };
	struct stream *s = stream_new(0, 1, &lim);
	struct buf line = BUF_INIT(8192);
	bool tls = env_is_yes("IMAP_TLS");

	log_init("testchild");
	stream_printf(s, "* OK [CAPABILITY IMAP4rev1%s] test child ready.\r\n",
		      tls ? "" : " STARTTLS");
	stream_flush(s);
	for (;;) {
		char tag[64], cmd[64];
		int rc = stream_read_line(s, &line);

		if (rc <= 0)
			break;
		if (sscanf(buf_cstr(&line), "%63s %63s", tag, cmd) != 2) {
			stream_printf(s, "* BAD no command\r\n");
		} else if (strcasecmp(cmd, "CAPABILITY") == 0) {
			stream_printf(s, "* CAPABILITY IMAP4rev1%s\r\n%s OK CAPABILITY completed\r\n",
				      tls ? "" : " STARTTLS", tag);
		} else if (strcasecmp(cmd, "NOOP") == 0) {
			stream_printf(s, "%s OK NOOP completed\r\n", tag);
		} else if (strcasecmp(cmd, "LOGIN") == 0) {
			stream_printf(s, "%s OK LOGIN Ok.\r\n", tag);
		} else if (strcasecmp(cmd, "LIST") == 0) {
			stream_printf(s, "* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n"
				      "* LIST (\\HasNoChildren) \".\" \"%s\"\r\n%s OK LIST completed\r\n",
				      env_get_default("TLS_PROTOCOL_VERSION", "plain"), tag);
		} else if (strcasecmp(cmd, "ENV") == 0) {
			stream_printf(s, "* ENV TLS_CONNECTED_PROTOCOL=%s TLS_SUBJECT_CN=%s "
				      "TLS_SUBJECT_EMAILADDRESS=%s IMAP_TLS=%s UID=%u PARENT_UID=%u\r\n"
				      "%s OK ENV\r\n",
				      env_get_default("TLS_CONNECTED_PROTOCOL", "-"),
				      env_get_default("TLS_SUBJECT_CN", "-"),
				      env_get_default("TLS_SUBJECT_EMAILADDRESS", "-"),
				      env_get_default("IMAP_TLS", "-"), (unsigned)getuid(),
				      parent_uid(), tag);
		} else if (strcasecmp(cmd, "STARTTLS") == 0) {
			struct starttls_opts o = { env_get("COURIERTLS"), NULL, 0, 0 };
			const char *why = NULL;
			int rfd, wfd;

			if (tls) {
				stream_printf(s, "%s BAD Already in TLS\r\n", tag);
			} else if (!starttls_available(o.couriertls)) {
				stream_printf(s, "%s NO STARTTLS failed: couriertls not available\r\n",
					      tag);
			} else {
				stream_printf(s, "%s OK Begin SSL/TLS negotiation now.\r\n", tag);
				stream_flush(s);
				if (starttls_start(&o, &rfd, &wfd, &why) < 0) {
					log_msg(LOGL_ERR, "STARTTLS failed: %s", why);
					break;
				}
				stream_set_fds(s, rfd, wfd);
				setenv("IMAP_TLS", "1", 1);
				setenv("IMAP_STARTTLS", "NO", 1);
				tls = true;
				continue;
			}
		} else if (strcasecmp(cmd, "LOGOUT") == 0) {
			stream_printf(s, "* BYE test child shutting down\r\n%s OK LOGOUT completed\r\n",
				      tag);
			stream_flush(s);
			break;
		} else {
			stream_printf(s, "%s BAD Unknown command\r\n", tag);
		}
		if (stream_flush(s) < 0)
			break;
	}
	stream_free(&s);
	buf_free(&line);
	return 0;
}
