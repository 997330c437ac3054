/*
 * mailctl.h - the whole Stafeta stack from one instance directory:
 * init (configs, TLS cert, userdb, Maildirs), start/stop/status/run, ports.
 */
#ifndef STAFETA_MAILCTL_H
#define STAFETA_MAILCTL_H

#include <stdbool.h>
#include <sys/types.h>

#include "buf.h"
#include "cfg.h"

/* Demo default ports (DESIGN.md). */
#define MAILCTL_PORT_IMAP   1143
#define MAILCTL_PORT_IMAPS  1993
#define MAILCTL_PORT_POP3   1110
#define MAILCTL_PORT_POP3S  1995
#define MAILCTL_PORT_LMTP   2424
#define MAILCTL_PORT_SMTP   2525

/* The programs mailctl runs, found in the build tree or the install paths. */
enum mailctl_prog {
	PROG_AUTHDAEMOND, PROG_MAKEUSERDB, PROG_COURIERTCPD, PROG_COURIERTLS,
	PROG_IMAPLOGIN, PROG_IMAPD, PROG_POP3LOGIN, PROG_POP3D, PROG_LMTPD,
	PROG_COUNT
};

/* Path of a program (build tree first when mailctl runs from it); never NULL. */
const char *mailctl_prog_path(enum mailctl_prog p);
/* true when that program exists and is executable. */
bool mailctl_prog_exists(enum mailctl_prog p);
/* Directory of the config templates. */
const char *mailctl_template_dir(void);

/* One instance: DIR with etc/, run/, log/, home/. */
struct mailctl_instance {
	char *dir;        /* instance root */
	char *etc;        /* dir/etc */
	uid_t mail_uid;   /* owner of the Maildirs */
	gid_t mail_gid;
	char *tls_user;   /* couriertls -user= when root, else NULL */
	bool system;      /* a system install (/etc/courier, no mailctl.conf):
			     only check, exec and ready work on it */
};

/* Load DIR/etc/mailctl.conf given the etc/ path.  0 or -1 (message printed).
   allow_system: an etc/ without mailctl.conf is a system install. */
int mailctl_instance_load(struct mailctl_instance *in, const char *etcdir, bool allow_system);
void mailctl_instance_free(struct mailctl_instance *in);

/* mailctl init DIR [--ports=auto|default] [--user NAME --password PW] */
int mailctl_init(int argc, char **argv);
/* mailctl -c DIR/etc useradd NAME (the password from a prompt or stdin):
   0 added, 1 refused or failed (exit status as in mailctl(8)). */
int mailctl_useradd(struct mailctl_instance *in, const char *name, const char *password);
/* The password for user: typed twice on a terminal, else one line of stdin;
   malloc'ed, NULL (message printed) when empty or mistyped. */
char *mailctl_read_password(const char *user);

int mailctl_start(struct mailctl_instance *in);
int mailctl_run(struct mailctl_instance *in);
int mailctl_stop(struct mailctl_instance *in);
int mailctl_status(struct mailctl_instance *in);
int mailctl_ports(struct mailctl_instance *in);
/* The start helper (couriertcpd-start, systemd's ExecStart): exec one
   service in the foreground with the command line and environment start
   would give it.  Returns only on failure (exit status). */
int mailctl_exec(struct mailctl_instance *in, const char *service, const char *me);
/* systemd's ExecStartPost: wait until process pid holds every listener of
   the service (0), or it exits / 20 s pass (1). */
int mailctl_ready(struct mailctl_instance *in, const char *service, const char *pid);

/* authdaemonrc's authdaemonvar, else DIR/run/authdaemon (malloc'ed). */
char *mailctl_authdaemonvar(const struct mailctl_instance *in);
/* mailctl check: every file, every value; 0 when everything would start.
   quiet: print only problems (start runs it first). */
int mailctl_check(struct mailctl_instance *in, bool quiet);

/* Small helpers shared by the mailctl modules. */
char *mailctl_path(const char *a, const char *b);     /* a/b, malloc'ed */
int mailctl_write_file(const char *path, const char *data, size_t n, int mode);
int mailctl_run_cmd(char *const argv[], char *const envp[]);  /* exit status or -1 */

#endif
