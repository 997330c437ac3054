#include "config.h"
/*
 * deliverquota.c - deliver the message on stdin into a Maildir with
 * Maildir++ quota, Courier's command line and exit codes:
 *   deliverquota [-c] [-w PERCENT] [-W WARNFILE] MAILDIR [QUOTA]
 *   0 delivered, 77 over quota ("Mail quota exceeded."), 75 cannot create
 *   the tmp file (try again), 74 write/link error, 73 usage.
 *
 * Trust:   the message is untrusted and only copied; arguments come from the
 *          MTA's configuration.
 * Runs as: the mailbox owner (the MTA runs it with the recipient's ids).
 * Limits:  quota from maildirsize / QUOTA.
 * Errors:  exit codes above.
 * Tests:   tests/unit/maildir/test_tools.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fdio.h"
#include "timeutil.h"
#include "xmalloc.h"
#include "maildir.h"
#include "maildir_deliver.h"
#include "maildir_quota.h"
#include "maildir_util.h"

#define EX_USAGE_DQ   73
#define EX_IOERR_DQ   74
#define EX_TEMP_DQ    75
#define EX_QUOTA_DQ   77
#define WARN_INTERVAL (24 * 3600)
#define WARN_MSG_MAX  (1024 * 1024)
#define DEFAULT_WARNFILE "/etc/courier/quotawarnmsg"

static NORETURN void usage(void)
{
	fprintf(stderr, "Usage: deliverquota [-c] [-w percent] [-W warnfile] maildir [quota]\n");
	exit(EX_USAGE_DQ);
}

static void quota_warning(const char *maildir, int percent, const char *warnfile)
{
	char *main_dir = maildir_main_dir(maildir), *stamp;
	struct maildir_quota_usage u;
	struct stat st;
	struct buf msg = BUF_INIT(WARN_MSG_MAX + 4096), body = BUF_INIT(WARN_MSG_MAX);
	char date[64];
	const char *err;
	int fd;

	if (maildir_quota_read(main_dir, &u) != 1 || maildir_quota_percent(&u) < percent)
		goto out;
	stamp = md_join(main_dir, "quotawarn");
	if (stamp == NULL)
		goto out;
	if (lstat(stamp, &st) == 0 && time(NULL) - st.st_mtime < WARN_INTERVAL) {
		free(stamp);
		goto out;
	}
	fd = open(stamp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	free(stamp);
	if (md_read_file(warnfile, WARN_MSG_MAX, &body, NULL) != 1 || body.len == 0) {
		buf_reset(&body);
		if (buf_printf(&body, "From: Mail Delivery System <MAILER-DAEMON>\n"
			       "Subject: Mail quota warning\n"
			       "Mime-Version: 1.0\n"
			       "Content-Type: text/plain; charset=us-ascii\n\n"
			       "Your mailbox on the server is now more than %d%% full.\n"
			       "Please delete some messages, or new mail may be refused.\n",
			       percent) < 0)
			goto out;
	}
	time_rfc822(time(NULL), date);
	if (buf_printf(&msg, "Date: %s\nMessage-Id: <%lld.%ld.quotawarn@%s>\n", date,
		       (long long)time(NULL), (long)getpid(), md_hostname()) < 0 ||
	    buf_append(&msg, body.data, body.len) < 0)
		goto out;
	{
		struct maildir_deliv_opts o;
		memset(&o, 0, sizeof(o));
		/* The warning itself is not refused for quota. */
		(void)maildir_deliver_mem(main_dir, msg.data, msg.len, &o, NULL, &err);
	}
out:
	buf_free(&msg);
	buf_free(&body);
	free(main_dir);
}

int main(int argc, char **argv)
{
	bool create = false;
	int warn = -1, i;
	const char *warnfile = DEFAULT_WARNFILE, *dir, *quota = NULL, *err = "";
	struct maildir_deliv_opts o;
	struct maildir_tmpfile t;
	struct stat st;
	enum deliv_status s;
	char *chunk;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-c") == 0) {
			create = true;
		} else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
			char *e;
			long v = strtol(argv[++i], &e, 10);
			if (*e != '\0' || v < 0 || v > 100)
				usage();
			warn = (int)v;
		} else if (strcmp(argv[i], "-W") == 0 && i + 1 < argc) {
			warnfile = argv[++i];
		} else {
			usage();
		}
	}
	if (i >= argc || argc - i > 2)
		usage();
	dir = argv[i];
	if (argc - i == 2)
		quota = argv[i + 1];
	if (create && !maildir_is_maildir(dir) && maildir_create_parents(dir, 0700) != 0) {
		fprintf(stderr, "deliverquota: %s: %s\n", dir, strerror(errno));
		return EX_TEMP_DQ;
	}
	if (quota != NULL) {
		struct maildir_quota q;
		if (maildir_quota_parse_def(quota, &q, &err) != 0) {
			fprintf(stderr, "deliverquota: %s: %s\n", quota, err);
			return EX_USAGE_DQ;
		}
	}
	memset(&o, 0, sizeof(o));
	o.quota = true;
	o.quota_def = quota;
	/* A regular file on stdin: check the quota before writing anything. */
	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) && quota == NULL) {
		char *main_dir = maildir_main_dir(dir);
		off_t pos = lseek(0, 0, SEEK_CUR);
		enum maildir_quota_result q = MAILDIR_QUOTA_OK;
		if (pos >= 0 && !maildir_is_trash(dir))
			q = maildir_quota_check(main_dir, st.st_size - pos, 1);
		free(main_dir);
		if (q == MAILDIR_QUOTA_OVER) {
			fprintf(stderr, "Mail quota exceeded.\n");
			return EX_QUOTA_DQ;
		}
	}
	s = maildir_tmp_open(&t, dir, &o, &err);
	if (s != DELIV_OK) {
		fprintf(stderr, "deliverquota: %s: %s\n", dir, err);
		return EX_TEMP_DQ;
	}
	chunk = xmalloc(65536);
	for (;;) {
		ssize_t n = read(0, chunk, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (n > 0 && fd_write_all(t.fd, chunk, (size_t)n) != 0)) {
			fprintf(stderr, "deliverquota: %s\n", strerror(errno));
			maildir_tmp_abort(&t);
			free(chunk);
			return EX_IOERR_DQ;
		}
		if (n == 0)
			break;
	}
	free(chunk);
	s = maildir_tmp_commit(&t, &o, NULL, &err);
	switch (s) {
	case DELIV_OK:
		break;
	case DELIV_OVERQUOTA:
		fprintf(stderr, "Mail quota exceeded.\n");
		return EX_QUOTA_DQ;
	default:
		fprintf(stderr, "deliverquota: %s\n", err);
		return EX_IOERR_DQ;
	}
	if (warn > 0)
		quota_warning(dir, warn, warnfile);
	return 0;
}
