/*
 * imap_capa.h - the CAPABILITY list, built as Courier builds it
 * (spec/imap-pop3-behaviour.md section 2) from IMAP_CAPABILITY or
 * IMAP_CAPABILITY_TLS and the settings that add to it, then cut to what
 * this server implements: the config decides what is advertised, and
 * nothing is advertised that a command would then refuse.
 */
#ifndef STAFETA_IMAP_CAPA_H
#define STAFETA_IMAP_CAPA_H

#include <stdbool.h>
#include "compat.h"

struct buf;
struct imap_config;

enum imap_capa_phase {
	IMAP_CAPA_PRELOGIN,   /* greeting and CAPABILITY in imaplogin */
	IMAP_CAPA_POSTLOGIN   /* CAPABILITY in imapd: no STARTTLS/AUTH=/LOGINDISABLED */
};

struct imap_capa_state {
	bool tls;               /* the session is encrypted now */
	bool starttls;          /* STARTTLS can be offered now */
	bool login_disabled;    /* LOGIN refused now (TLS required, or no
				   cleartext passwords on this connection) */
};

/* The capability atoms, space-separated, "IMAP4rev1 ..." (replaces out).
   0, or -1 when it does not fit out. */
ATTR_WARN_UNUSED int imap_capa_build(struct buf *out, const struct imap_config *cfg,
				     const struct imap_capa_state *st, enum imap_capa_phase phase);
/* true if the capability atom (case-insensitive) is one this build
   implements (AUTH=<mech> counts when the SASL engine knows mech). */
bool imap_capa_implemented(const char *atom);
/* true if atom is in the space-separated list (case-insensitive). */
bool imap_capa_has(const char *list, const char *atom);

#endif
