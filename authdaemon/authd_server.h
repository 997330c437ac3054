/*
 * authd_server.h - authdaemond's request handling (modules in
 * authmodulelist order, replies byte-compatible with Courier) and its
 * configuration (authdaemonrc).
 */
#ifndef STAFETA_AUTHD_SERVER_H
#define STAFETA_AUTHD_SERVER_H

#include <stddef.h>
#include "auth_proto.h"
#include "authd_module.h"
#include "compat.h"

struct buf;

#define AUTHD_MODULES_MAX    16
#define AUTHD_DAEMONS_MAX    256
/* A worker that spends longer than this on one request is killed (SIGALRM)
   and replaced; the client sees the connection close. */
#define AUTHD_REQUEST_ALARM  60

struct authd_config {
	const struct authd_module *modules[AUTHD_MODULES_MAX];
	size_t nmodules;
	char  *modulelist;     /* authmodulelist as written */
	int    daemons;        /* daemons= (1..AUTHD_DAEMONS_MAX) */
	char  *var;            /* socket directory */
	int    debug_login;    /* DEBUG_LOGIN 0..2 */
	char  *defaultoptions; /* DEFAULTOPTIONS ("" if unset) */
	char  *group;          /* authdaemongroup (ours): group of a new socket dir */
};

/* Read authdaemonrc (CFG_SHELL syntax).  Unknown module names are logged
   and skipped; daemons missing or 0 -> 1 with an error log.  Socket
   directory: authdaemonvar from the file, else $AUTHDAEMONVAR, else the
   directory of AUTHDAEMON_SOCKET_DEFAULT.  0, or -1 with *error_r. */
int authd_config_load(const char *path, struct authd_config *cfg, const char **error_r);
void authd_config_free(struct authd_config *cfg);

/* Answer one request: the reply is appended to out.  0 = send out and
   close; -1 = temporary failure: send nothing, close. */
int authd_handle(const struct authd_config *cfg, const struct authd_request *req,
		 struct buf *out);

/* Serve one accepted connection: read the request (timeouts, limits),
   answer, close fd. */
void authd_serve_connection(const struct authd_config *cfg, int fd);

#endif
