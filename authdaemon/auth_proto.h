/*
 * auth_proto.h - the server side of the authdaemond protocol
 * (authdaemon-protocol.md): read one request, format replies, merge
 * DEFAULTOPTIONS.
 */
#ifndef STAFETA_AUTH_PROTO_H
#define STAFETA_AUTH_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "compat.h"

struct buf;
struct stream;

/* Courier's limits: a request line is at most BUFSIZ-2 bytes, the AUTH
   payload count must be below BUFSIZ; writes wait 30 s.  Courier waits 10 s
   per read, so ten idle connections held five workers for 20 s and delayed
   every login and lookup: every client (libcourierauth, Courier's, Postfix
   through lmtpd) writes its whole request at once right after connecting,
   so the first byte and the whole request get a short deadline instead. */
#define AUTHD_LINE_MAX        8190
#define AUTHD_PAYLOAD_MAX     8191
#define AUTHD_READ_TIMEOUT    2       /* seconds */
#define AUTHD_WRITE_TIMEOUT   30
#define AUTHD_REQUEST_DEADLINE_MS 2000
#define AUTHD_META_LINES_MAX  32
#define AUTHD_REMOTEIP_MAX    39

enum authd_req_type { AUTHD_REQ_PRE, AUTHD_REQ_AUTH, AUTHD_REQ_PASSWD, AUTHD_REQ_ENUMERATE };

/* One parsed request; strings malloc'ed (NULL when not part of the type). */
struct authd_request {
	enum authd_req_type type;
	char *remoteip;   /* TCPREMOTEIP meta value, cut to 39 bytes */
	char *module;     /* PRE: "." or a module name */
	char *service;    /* PRE, AUTH, PASSWD */
	char *user;       /* PRE, PASSWD */
	char *authtype;   /* AUTH */
	char *authdata;   /* AUTH: the rest of the payload (may be "") */
	char *oldpw;      /* PASSWD */
	char *newpw;      /* PASSWD */
};

void authd_request_free(struct authd_request *req);

/* Read one request from s.  0 = a request is in *req; -1 = drop the
   connection without a reply (timeout, EOF, over-long line, unknown
   command, malformed framing); 1 = a PASSWD request with forbidden bytes:
   answer "FAIL\n".  Unless 0 is returned, *req holds nothing to free.
   *why_r says why for the debug log. */
int authd_read_request(struct stream *s, struct authd_request *req, const char **why_r);

/* Parse a request held entirely in memory (tests, fuzzing): same results. */
int authd_parse_request(const void *data, size_t n, struct authd_request *req,
			const char **why_r);

/* What a module found. */
struct authd_account {
	char  *sysusername;   /* USERNAME= */
	bool   have_uid;
	uid_t  uid;           /* UID= */
	gid_t  gid;           /* GID= */
	char  *home;
	char  *address;
	char  *fullname;      /* NAME= (cut at the first ',') */
	char  *maildir;
	char  *quota;
	char  *passwd;        /* PASSWD= */
	char  *clearpasswd;   /* PASSWD2= */
	char  *options;
};
void authd_account_free(struct authd_account *a);

/* The success reply "KEY=VALUE\n"... ".\n" in Courier's order, with
   DEFAULTOPTIONS merged into OPTIONS.  -1 (nothing appended) when a value
   contains '\n' (it would forge keys) or out's max is too small. */
int authd_format_account(struct buf *out, const struct authd_account *a,
			 const char *defaultoptions);

/* Courier's option merge: account options, then each DEFAULTOPTIONS item
   whose keyword is not in them.  malloc'ed; NULL when both are empty. */
char *authd_merge_options(const char *options, const char *defaultoptions);

#endif
