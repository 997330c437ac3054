#include "config.h"
/*
 * tls_server.c - GnuTLS server side of couriertls.
 *
 * Trust:   everything from the client is hostile: GnuTLS parses the records;
 *          certificate subject fields are cut and made printable before they
 *          become environment variables.
 * Runs as: couriertls: tls_server_new() as root (reads the key), the rest
 *          after the drop to -user.
 * Limits:  handshake TLS_HANDSHAKE_TIMEOUT_MS; TLS_RELAY_BUF bytes buffered
 *          each way (back-pressure, never growth); TLS_FLUSH_TIMEOUT_MS for
 *          the last output; TLS_SUBJECT_FIELDS_MAX x TLS_SUBJECT_VALUE_MAX.
 * Errors:  a failed handshake or a fatal TLS error ends the connection with
 *          a log line naming GnuTLS's reason and the client address.
 * Tests:   tests/interop/run-tls-clients, tests/interop/run-tls-scan,
 *          tests/unit/couriertcpd/test_tls_priority.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <limits.h>
#include <stdarg.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "buf.h"
#include "log.h"
#include "sock.h"
#include "timeutil.h"
#include "tls_priority.h"
#include "tls_server.h"
#include "xmalloc.h"

enum verify_mode { VERIFY_NONE, VERIFY_PEER, VERIFY_REQUIRE };

struct tls_server {
	gnutls_certificate_credentials_t cred;
	gnutls_priority_t prio;
	gnutls_dh_params_t dh;
	gnutls_session_t session;
	enum verify_mode verify;
	int rfd, wfd;
};

static char tls_error[512];

static const char *terr(const char *fmt, ...) ATTR_PRINTF(1, 2);
static const char *terr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tls_error, sizeof(tls_error), fmt, ap);
	va_end(ap);
	return tls_error;
}

static bool empty(const char *s)
{
	return s == NULL || *s == '\0';
}

static bool is_ip_text(const char *s)
{
	unsigned char b[16];

	return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

/* $TLS_CERTFILE.<servername> files: extra key pairs GnuTLS picks by SNI. */
static void load_sni_certs(struct tls_server *ts, const char *certfile, const char *keyfile)
{
	struct buf dir = BUF_INIT(PATH_MAX), path = BUF_INIT(PATH_MAX), key = BUF_INIT(PATH_MAX);
	const char *slash = strrchr(certfile, '/');
	const char *base = slash != NULL ? slash + 1 : certfile;
	size_t blen = strlen(base), loaded = 0;
	DIR *d;
	struct dirent *de;

	if (buf_append(&dir, certfile, slash != NULL ? (size_t)(slash - certfile) : 0) < 0)
		return;
	d = opendir(dir.len > 0 ? buf_cstr(&dir) : (slash != NULL ? "/" : "."));
	if (d == NULL) {
		buf_free(&dir);
		return;
	}
	while ((de = readdir(d)) != NULL && loaded < TLS_SNI_CERTS_MAX) {
		const char *suffix;

		if (strncmp(de->d_name, base, blen) != 0 || de->d_name[blen] != '.')
			continue;
		suffix = de->d_name + blen + 1;
		if (*suffix == '\0' || is_ip_text(suffix))
			continue;
		buf_reset(&path);
		buf_reset(&key);
		if (buf_printf(&path, "%s/%s", dir.len > 0 ? buf_cstr(&dir) : ".", de->d_name) < 0)
			continue;
		if (empty(keyfile) || strcmp(keyfile, certfile) == 0) {
			if (buf_append_str(&key, buf_cstr(&path)) < 0)
				continue;
		} else if (buf_printf(&key, "%s.%s", keyfile, suffix) < 0) {
			continue;
		}
		if (gnutls_certificate_set_x509_key_file2(ts->cred, buf_cstr(&path), buf_cstr(&key),
							  GNUTLS_X509_FMT_PEM, NULL, 0) < 0)
			log_msg(LOGL_WARN, "couriertls: %s: cannot load key and certificate",
				buf_cstr(&path));
		else
			loaded++;
	}
	closedir(d);
	buf_free(&dir);
	buf_free(&path);
	buf_free(&key);
}

struct tls_server *tls_server_new(const struct tls_server_cfg *cfg, const char **warning_r,
				  const char **error_r)
{
	struct tls_server *ts = xcalloc(1, sizeof(*ts));
	struct buf prio = BUF_INIT(8192), ipcert = BUF_INIT(PATH_MAX), ipkey = BUF_INIT(PATH_MAX);
	const char *certfile = cfg->certfile, *keyfile = cfg->keyfile, *why = NULL, *errpos = NULL;
	int rc;

	*warning_r = NULL;
	ts->rfd = ts->wfd = -1;
	if (gnutls_global_init() < 0) {
		*error_r = "gnutls_global_init failed";
		free(ts);
		return NULL;
	}
	if (tls_priority_build(cfg->priority, cfg->protocol, cfg->cipher_list, &prio, warning_r,
			       &why) < 0) {
		*error_r = terr("TLS settings: %s", why);
		goto fail;
	}
	rc = gnutls_priority_init(&ts->prio, buf_cstr(&prio), &errpos);
	if (rc < 0) {
		*error_r = terr("TLS_PRIORITY: %s at \"%.40s\"", gnutls_strerror(rc),
				errpos != NULL ? errpos : "");
		goto fail;
	}
	if (empty(certfile)) {
		*error_r = "TLS_CERTFILE is not set";
		goto fail;
	}
	if (empty(keyfile))
		keyfile = certfile;
	/* IP-based certificates: $TLS_CERTFILE.<local ip> when it exists; for an
	   IPv4 address shown as ::ffff:a.b.c.d, also $TLS_CERTFILE.a.b.c.d */
	for (int form = 0; form < 2 && !empty(cfg->local_ip) && certfile == cfg->certfile;
	     form++) {
		const char *ip = cfg->local_ip;

		if (form == 1) {
			if (strncmp(ip, "::ffff:", 7) != 0 || strchr(ip, '.') == NULL)
				break;
			ip += 7;
		}
		buf_reset(&ipcert);
		if (buf_printf(&ipcert, "%s.%s", certfile, ip) < 0 ||
		    access(buf_cstr(&ipcert), R_OK) != 0)
			continue;
		certfile = buf_cstr(&ipcert);
		buf_reset(&ipkey);
		if (keyfile != cfg->certfile && buf_printf(&ipkey, "%s.%s", keyfile, ip) == 0 &&
		    access(buf_cstr(&ipkey), R_OK) == 0)
			keyfile = buf_cstr(&ipkey);
		else if (keyfile == cfg->certfile)
			keyfile = certfile;
	}
	gnutls_certificate_allocate_credentials(&ts->cred);
	rc = gnutls_certificate_set_x509_key_file2(ts->cred, certfile, keyfile,
						   GNUTLS_X509_FMT_PEM, NULL, 0);
	if (rc < 0) {
		*error_r = terr("%s: cannot load key and certificate: %s", certfile,
				gnutls_strerror(rc));
		goto fail;
	}
	load_sni_certs(ts, cfg->certfile, cfg->keyfile);

	if (!empty(cfg->dhparams) && access(cfg->dhparams, R_OK) == 0) {
		gnutls_datum_t dat = { NULL, 0 };

		gnutls_dh_params_init(&ts->dh);
		if (gnutls_load_file(cfg->dhparams, &dat) < 0 ||
		    gnutls_dh_params_import_pkcs3(ts->dh, &dat, GNUTLS_X509_FMT_PEM) < 0) {
			log_msg(LOGL_WARN, "couriertls: %s: not PKCS#3 DH parameters, using the "
				"built-in groups", cfg->dhparams);
			gnutls_dh_params_deinit(ts->dh);
			ts->dh = NULL;
		} else {
			gnutls_certificate_set_dh_params(ts->cred, ts->dh);
		}
		gnutls_free(dat.data);
	}
	if (ts->dh == NULL)
		gnutls_certificate_set_known_dh_params(ts->cred, GNUTLS_SEC_PARAM_MEDIUM);

	ts->verify = VERIFY_NONE;
	if (!empty(cfg->verifypeer)) {
		if (strcmp(cfg->verifypeer, "PEER") == 0)
			ts->verify = VERIFY_PEER;
		else if (strcmp(cfg->verifypeer, "REQUIREPEER") == 0)
			ts->verify = VERIFY_REQUIRE;
		else if (strcmp(cfg->verifypeer, "NONE") != 0) {
			*error_r = terr("TLS_VERIFYPEER=%.40s: use NONE, PEER or REQUIREPEER",
					cfg->verifypeer);
			goto fail;
		}
	}
	if (ts->verify != VERIFY_NONE) {
		struct stat st;

		if (empty(cfg->trustcerts) || stat(cfg->trustcerts, &st) < 0) {
			*error_r = "TLS_VERIFYPEER needs TLS_TRUSTCERTS (a CA file or directory)";
			goto fail;
		}
		rc = S_ISDIR(st.st_mode)
			? gnutls_certificate_set_x509_trust_dir(ts->cred, cfg->trustcerts,
								 GNUTLS_X509_FMT_PEM)
			: gnutls_certificate_set_x509_trust_file(ts->cred, cfg->trustcerts,
								  GNUTLS_X509_FMT_PEM);
		if (rc < 0) {
			*error_r = terr("%s: %s", cfg->trustcerts, gnutls_strerror(rc));
			goto fail;
		}
	}
	buf_free(&prio);
	buf_free(&ipcert);
	buf_free(&ipkey);
	return ts;
fail:
	buf_free(&prio);
	buf_free(&ipcert);
	buf_free(&ipkey);
	tls_server_free(&ts);
	return NULL;
}

void tls_server_free(struct tls_server **tsp)
{
	struct tls_server *ts = *tsp;

	if (ts == NULL)
		return;
	if (ts->session != NULL)
		gnutls_deinit(ts->session);
	if (ts->cred != NULL)
		gnutls_certificate_free_credentials(ts->cred);
	if (ts->dh != NULL)
		gnutls_dh_params_deinit(ts->dh);
	if (ts->prio != NULL)
		gnutls_priority_deinit(ts->prio);
	free(ts);
	*tsp = NULL;
	gnutls_global_deinit();
}

bool tls_subject_var_name(const char *attr, char *out, size_t n)
{
	size_t len = strlen(attr);

	if (strcmp(attr, "EMAIL") == 0 || strcmp(attr, "emailAddress") == 0 ||
	    strcmp(attr, "E") == 0)
		attr = "EMAILADDRESS", len = 12;
	if (len == 0 || len >= n)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = attr[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		out[i] = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
	}
	out[len] = '\0';
	return true;
}

/* TLS_SUBJECT_* lines from the client certificate. */
static void subject_lines(struct tls_server *ts, struct buf *status)
{
	const gnutls_datum_t *certs;
	unsigned ncerts = 0, vstatus = 0, nfields = 0;
	gnutls_x509_crt_t crt;
	gnutls_x509_dn_t dn;

	certs = gnutls_certificate_get_peers(ts->session, &ncerts);
	if (certs == NULL || ncerts == 0)
		return;
	if (gnutls_certificate_verify_peers3(ts->session, NULL, &vstatus) < 0 || vstatus != 0)
		return;
	if (gnutls_x509_crt_init(&crt) < 0)
		return;
	if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0 ||
	    gnutls_x509_crt_get_subject(crt, &dn) < 0) {
		gnutls_x509_crt_deinit(crt);
		return;
	}
	for (int irdn = 0; irdn < 64 && nfields < TLS_SUBJECT_FIELDS_MAX; irdn++) {
		gnutls_x509_ava_st ava;
		int rc = gnutls_x509_dn_get_rdn_ava(dn, irdn, 0, &ava);
		const char *attr;
		char name[64], value[TLS_SUBJECT_VALUE_MAX + 2];
		size_t vn = 0;

		if (rc < 0)
			break;
		attr = gnutls_x509_dn_oid_name((const char *)ava.oid.data,
					       GNUTLS_X509_DN_OID_RETURN_OID);
		if (attr == NULL || !tls_subject_var_name(attr, name, sizeof(name)))
			continue;
		/* RFC 4514 escapes, as in GnuTLS's DN strings that Courier's
		   couriertls takes the fields from ("Mail\, Dept") */
		for (unsigned i = 0; i < ava.value.size && vn + 2 < TLS_SUBJECT_VALUE_MAX; i++) {
			unsigned char c = ava.value.data[i];

			if (strchr(",+\"\\<>;", c) != NULL && c != '\0')
				value[vn++] = '\\';
			else if ((c == '#' || c == ' ') && i == 0)
				value[vn++] = '\\';
			else if (c == ' ' && i + 1 == ava.value.size)
				value[vn++] = '\\';
			value[vn++] = c >= 0x20 && c != 0x7f ? (char)c : '_';
		}
		value[vn] = '\0';
		if (buf_printf(status, "TLS_SUBJECT_%s=%s\n", name, value) == 0)
			nfields++;
	}
	gnutls_x509_crt_deinit(crt);
}

static int wait_fd(int fd, short ev, int64_t deadline)
{
	struct pollfd p = { fd, ev, 0 };
	int left = time_left_ms(deadline), rc;

	if (left <= 0)
		return 0;
	rc = poll(&p, 1, left);
	return rc < 0 && errno == EINTR ? 1 : rc;
}

int tls_server_handshake(struct tls_server *ts, int rfd, int wfd, int timeout_ms,
			 struct buf *status, const char **error_r)
{
	int64_t deadline = time_mono_ms() + timeout_ms;
	int rc;

	ts->rfd = rfd;
	ts->wfd = wfd;
	sock_set_nonblock(rfd, 1);
	if (wfd != rfd)
		sock_set_nonblock(wfd, 1);
	if (gnutls_init(&ts->session, GNUTLS_SERVER | GNUTLS_NONBLOCK | GNUTLS_NO_SIGNAL) < 0) {
		*error_r = "gnutls_init failed";
		return -1;
	}
	gnutls_priority_set(ts->session, ts->prio);
	gnutls_credentials_set(ts->session, GNUTLS_CRD_CERTIFICATE, ts->cred);
	gnutls_certificate_server_set_request(ts->session,
		ts->verify == VERIFY_REQUIRE ? GNUTLS_CERT_REQUIRE :
		ts->verify == VERIFY_PEER ? GNUTLS_CERT_REQUEST : GNUTLS_CERT_IGNORE);
	gnutls_transport_set_int2(ts->session, rfd, wfd);
	gnutls_handshake_set_timeout(ts->session, 0);
	do {
		rc = gnutls_handshake(ts->session);
		if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED) {
			int w = gnutls_record_get_direction(ts->session) == 0
				? wait_fd(rfd, POLLIN, deadline) : wait_fd(wfd, POLLOUT, deadline);

			if (w == 0) {
				*error_r = "TLS handshake timed out";
				return -1;
			}
			if (w < 0) {
				*error_r = terr("poll: %s", strerror(errno));
				return -1;
			}
		} else if (rc < 0 && gnutls_error_is_fatal(rc) == 0) {
			rc = GNUTLS_E_AGAIN;   /* a warning alert: go on */
		}
	} while (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED);
	if (rc < 0) {
		*error_r = terr("TLS handshake failed: %s", gnutls_strerror(rc));
		return -1;
	}
	if (ts->verify == VERIFY_REQUIRE) {
		unsigned vstatus = 0;

		if (gnutls_certificate_verify_peers3(ts->session, NULL, &vstatus) < 0 ||
		    vstatus != 0) {
			*error_r = "client certificate not trusted";
			return -1;
		}
	}
	{
		/* Courier's form: "TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384" */
		gnutls_cipher_algorithm_t c = gnutls_cipher_get(ts->session);
		const char *ver = gnutls_protocol_get_name(gnutls_protocol_get_version(ts->session));
		const char *cip = gnutls_cipher_get_name(c);
		const char *suite = gnutls_cipher_suite_get_name(gnutls_kx_get(ts->session), c,
								 gnutls_mac_get(ts->session));

		if (ver == NULL)
			ver = "unknown";
		if (cip == NULL)
			cip = "unknown";
		if (suite == NULL)
			suite = cip;
		if (buf_printf(status, "TLS_CONNECTED_PROTOCOL=%s,%zubits,%s\n"
			       "TLS_PROTOCOL_VERSION=%s\nTLS_CIPHER=%s\n", ver,
			       gnutls_cipher_get_key_size(c) * 8, suite, ver, cip) < 0) {
			*error_r = "status too long";
			return -1;
		}
	}
	if (ts->verify != VERIFY_NONE)
		subject_lines(ts, status);
	if (buf_append_str(status, "OK\n") < 0) {
		*error_r = "status too long";
		return -1;
	}
	return 0;
}

struct relay_buf {
	char data[TLS_RELAY_BUF];
	size_t len;
};

int tls_server_relay(struct tls_server *ts, int localfd)
{
	static struct relay_buf c2p, p2c;   /* client->program, program->client */
	size_t send_pending = 0;            /* size of a send that got E_AGAIN */
	bool client_eof = false, client_dead = false, local_eof = false, local_shut = false;
	int64_t flush_deadline = -1;
	int ret = 0;

	sock_set_nonblock(localfd, 1);
	c2p.len = p2c.len = 0;
	for (;;) {
		struct pollfd pfd[3];
		int np = 0, ir = -1, timeout = -1;
		bool progress;

		do {
			progress = false;
			/* client -> c2p */
			while (!client_eof && c2p.len < sizeof(c2p.data)) {
				ssize_t r = gnutls_record_recv(ts->session, c2p.data + c2p.len,
							       sizeof(c2p.data) - c2p.len);

				if (r > 0) {
					c2p.len += (size_t)r;
					progress = true;
					continue;
				}
				if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
					break;
				if (r == GNUTLS_E_REHANDSHAKE) {
					gnutls_alert_send(ts->session, GNUTLS_AL_WARNING,
							  GNUTLS_A_NO_RENEGOTIATION);
					continue;
				}
				if (r < 0 && !gnutls_error_is_fatal((int)r))
					continue;
				if (r < 0 && r != GNUTLS_E_PREMATURE_TERMINATION) {
					log_msg(LOGL_INFO, "couriertls: %s",
						gnutls_strerror((int)r));
					client_dead = true;
				}
				client_eof = true;
				progress = true;
			}
			/* c2p -> program */
			if (c2p.len > 0 && !local_shut) {
				ssize_t w = write(localfd, c2p.data, c2p.len);

				if (w > 0) {
					memmove(c2p.data, c2p.data + w, c2p.len - (size_t)w);
					c2p.len -= (size_t)w;
					progress = true;
				} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
					c2p.len = 0;    /* the program is gone */
					local_shut = true;
				}
			}
			if (client_eof && c2p.len == 0 && !local_shut) {
				shutdown(localfd, SHUT_WR);
				local_shut = true;
			}
			/* program -> p2c */
			while (!local_eof && p2c.len < sizeof(p2c.data)) {
				ssize_t r = read(localfd, p2c.data + p2c.len,
						 sizeof(p2c.data) - p2c.len);

				if (r > 0) {
					p2c.len += (size_t)r;
					progress = true;
					if (client_dead)
						p2c.len = 0;
					continue;
				}
				if (r < 0 && (errno == EAGAIN || errno == EINTR))
					break;
				local_eof = true;
				progress = true;
				flush_deadline = time_mono_ms() + TLS_FLUSH_TIMEOUT_MS;
			}
			/* p2c -> client */
			while (p2c.len > 0 && !client_dead) {
				size_t n = send_pending != 0 ? send_pending : p2c.len;
				ssize_t w = gnutls_record_send(ts->session, p2c.data, n);

				if (w == GNUTLS_E_AGAIN || w == GNUTLS_E_INTERRUPTED) {
					send_pending = n;
					break;
				}
				send_pending = 0;
				if (w < 0) {
					log_msg(LOGL_INFO, "couriertls: %s",
						gnutls_strerror((int)w));
					client_dead = true;
					p2c.len = 0;
					break;
				}
				memmove(p2c.data, p2c.data + w, p2c.len - (size_t)w);
				p2c.len -= (size_t)w;
				progress = true;
			}
			if (client_dead)
				p2c.len = 0;
		} while (progress);

		if (local_eof && p2c.len == 0) {
			if (!client_dead) {
				int64_t d = time_mono_ms() + 5000;
				int rc;

				while ((rc = gnutls_bye(ts->session, GNUTLS_SHUT_WR)) == GNUTLS_E_AGAIN ||
				       rc == GNUTLS_E_INTERRUPTED)
					if (wait_fd(ts->wfd, POLLOUT, d) <= 0)
						break;
			}
			break;
		}
		if (client_dead && local_shut && local_eof)
			break;
		if (!client_eof && c2p.len < sizeof(c2p.data)) {
			ir = np;
			pfd[np].fd = ts->rfd;
			pfd[np++].events = POLLIN;
		}
		if (p2c.len > 0 && !client_dead) {
			if (ts->wfd == ts->rfd && ir >= 0) {
				pfd[ir].events |= POLLOUT;
			} else {
				pfd[np].fd = ts->wfd;
				pfd[np++].events = POLLOUT;
			}
		}
		pfd[np].fd = localfd;
		pfd[np].events = 0;
		if (!local_eof && p2c.len < sizeof(p2c.data))
			pfd[np].events |= POLLIN;
		if (c2p.len > 0 && !local_shut)
			pfd[np].events |= POLLOUT;
		np++;
		if (flush_deadline >= 0) {
			timeout = time_left_ms(flush_deadline);
			if (timeout <= 0) {
				log_msg(LOGL_INFO, "couriertls: client not reading, giving up");
				ret = -1;
				break;
			}
		}
		if (poll(pfd, (nfds_t)np, timeout) < 0 && errno != EINTR) {
			log_msg(LOGL_ERR, "couriertls: poll: %s", strerror(errno));
			ret = -1;
			break;
		}
	}
	return ret;
}
