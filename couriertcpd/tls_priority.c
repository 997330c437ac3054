#include "config.h"
/*
 * tls_priority.c - map TLS_PROTOCOL / TLS_CIPHER_LIST onto a GnuTLS
 * priority string (or pass TLS_PRIORITY through).
 *
 * Trust:   the variables come from the admin's imapd-ssl/pop3d-ssl; parsed
 *          strictly, unknown words ignored with a warning.
 * Runs as: couriertls, root, before loading the key.
 * Limits:  TLS_PRIORITY_INPUT_MAX bytes per variable; a token is at most 64.
 * Errors:  only over-long input fails; weak choices are dropped, and an
 *          empty selection falls back to the default set.
 * Tests:   tests/unit/couriertcpd/test_tls_priority.c,
 *          tests/fuzz/fuzz_tls_priority.c, tests/interop/run-tls-scan
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "tls_priority.h"

enum {
	C_AES256GCM = 1, C_CHACHA = 2, C_AES128GCM = 4, C_AES256CCM = 8, C_AES128CCM = 16,
	C_ALL = 31
};
enum { K_ECDHE_RSA = 1, K_ECDHE_ECDSA = 2, K_DHE_RSA = 4, K_ALL = 7 };
enum { V_12 = 1, V_13 = 2, V_ALL = 3 };

static const struct { unsigned bit; const char *gnutls; } cipher_names[] = {
	{ C_AES256GCM, "AES-256-GCM" }, { C_CHACHA, "CHACHA20-POLY1305" },
	{ C_AES128GCM, "AES-128-GCM" }, { C_AES256CCM, "AES-256-CCM" },
	{ C_AES128CCM, "AES-128-CCM" },
};
static const struct { unsigned bit; const char *gnutls; } kx_names[] = {
	{ K_ECDHE_RSA, "ECDHE-RSA" }, { K_ECDHE_ECDSA, "ECDHE-ECDSA" }, { K_DHE_RSA, "DHE-RSA" },
};

/* OpenSSL family words: the ciphers and key exchanges each stands for. */
static const struct { const char *word; unsigned ciphers, kx; } families[] = {
	{ "AES256", C_AES256GCM | C_AES256CCM, 0 },
	{ "AES128", C_AES128GCM | C_AES128CCM, 0 },
	{ "AES", C_AES256GCM | C_AES128GCM | C_AES256CCM | C_AES128CCM, 0 },
	{ "AESGCM", C_AES256GCM | C_AES128GCM, 0 },
	{ "AESCCM", C_AES256CCM | C_AES128CCM, 0 },
	{ "CHACHA20", C_CHACHA, 0 },
	{ "ECDHE", 0, K_ECDHE_RSA | K_ECDHE_ECDSA }, { "kECDHE", 0, K_ECDHE_RSA | K_ECDHE_ECDSA },
	{ "EECDH", 0, K_ECDHE_RSA | K_ECDHE_ECDSA },
	{ "DHE", 0, K_DHE_RSA }, { "kDHE", 0, K_DHE_RSA }, { "EDH", 0, K_DHE_RSA },
	{ "kEDH", 0, K_DHE_RSA },
	{ "aRSA", 0, K_ECDHE_RSA | K_DHE_RSA }, { "aECDSA", 0, K_ECDHE_ECDSA },
};

/* Words that select "everything acceptable". */
static const char *const all_words[] = {
	"HIGH", "DEFAULT", "ALL", "COMPLEMENTOFDEFAULT", "SECURE", "TLSv1.2", "TLSv1.3",
	"SUITEB128", "SUITEB192", "PFS",
};
/* Weak or unsupported families: never selected, removing them is a no-op. */
static const char *const weak_words[] = {
	"RC4", "3DES", "DES", "MD5", "aNULL", "eNULL", "NULL", "EXP", "EXPORT", "LOW",
	"MEDIUM", "ADH", "AECDH", "kRSA", "RSA", "SHA1", "SHA", "CAMELLIA", "SEED", "IDEA",
	"PSK", "SRP", "aDSS", "DSS", "CBC", "SSLv3", "TLSv1", "SHA256", "SHA384", "COMPLEMENTOFALL",
};

static bool word_in(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

/* An OpenSSL suite name "ECDHE-RSA-AES256-GCM-SHA384" or a TLS 1.3 name
   "TLS_AES_256_GCM_SHA384": 0 with its bits, -1 if unknown or weak. */
static int suite_name(const char *w, unsigned *c_r, unsigned *k_r)
{
	static const struct { const char *name; unsigned c; } tls13[] = {
		{ "TLS_AES_256_GCM_SHA384", C_AES256GCM },
		{ "TLS_AES_128_GCM_SHA256", C_AES128GCM },
		{ "TLS_CHACHA20_POLY1305_SHA256", C_CHACHA },
		{ "TLS_AES_128_CCM_SHA256", C_AES128CCM },
	};
	static const struct { const char *prefix; unsigned k; } kxp[] = {
		{ "ECDHE-RSA-", K_ECDHE_RSA }, { "ECDHE-ECDSA-", K_ECDHE_ECDSA },
		{ "DHE-RSA-", K_DHE_RSA },
	};
	static const struct { const char *rest; unsigned c; } cp[] = {
		{ "AES256-GCM-SHA384", C_AES256GCM }, { "AES128-GCM-SHA256", C_AES128GCM },
		{ "CHACHA20-POLY1305", C_CHACHA }, { "AES256-CCM", C_AES256CCM },
		{ "AES128-CCM", C_AES128CCM },
	};

	for (size_t i = 0; i < N_ELEMENTS(tls13); i++) {
		if (strcmp(w, tls13[i].name) == 0) {
			*c_r = tls13[i].c;
			*k_r = 0;
			return 0;
		}
	}
	for (size_t i = 0; i < N_ELEMENTS(kxp); i++) {
		size_t pl = strlen(kxp[i].prefix);

		if (strncmp(w, kxp[i].prefix, pl) != 0)
			continue;
		for (size_t j = 0; j < N_ELEMENTS(cp); j++) {
			if (strcmp(w + pl, cp[j].rest) == 0) {
				*c_r = cp[j].c;
				*k_r = kxp[i].k;
				return 0;
			}
		}
	}
	return -1;
}

static unsigned map_protocol(const char *p, bool *lowered, bool *unknown)
{
	static const struct { const char *name; unsigned v; bool low; } protos[] = {
		{ "TLSv1.3", V_13, false }, { "TLSv1.3++", V_13, false },
		{ "TLSv1.2", V_12, false }, { "TLSv1.2++", V_ALL, false },
		{ "TLSv1.1++", V_ALL, true }, { "TLSv1++", V_ALL, true },
		{ "TLSv1.1", V_ALL, true }, { "TLSv1", V_ALL, true }, { "TLS1", V_ALL, true },
		{ "SSL23", V_ALL, true }, { "SSLv23", V_ALL, true }, { "SSL3", V_ALL, true },
		{ "SSLv3", V_ALL, true },
	};

	for (size_t i = 0; i < N_ELEMENTS(protos); i++) {
		if (strcasecmp(p, protos[i].name) == 0) {
			*lowered = protos[i].low;
			return protos[i].v;
		}
	}
	*unknown = true;
	return V_ALL;
}

int tls_priority_build(const char *tls_priority, const char *tls_protocol,
		       const char *tls_cipher_list, struct buf *out,
		       const char **warning_r, const char **error_r)
{
	unsigned vers = V_ALL, ciphers = C_ALL, kx = K_ALL;
	unsigned sel_c = 0, sel_k = 0, del_c = 0, del_k = 0;
	bool any_sel = false, any_all = false, odd = false;
	int rc = 0;

	*warning_r = NULL;
	buf_reset(out);
	if ((tls_priority != NULL && strlen(tls_priority) > TLS_PRIORITY_INPUT_MAX) ||
	    (tls_protocol != NULL && strlen(tls_protocol) > TLS_PRIORITY_INPUT_MAX) ||
	    (tls_cipher_list != NULL && strlen(tls_cipher_list) > TLS_PRIORITY_INPUT_MAX)) {
		*error_r = "TLS setting too long";
		return -1;
	}
	if (tls_priority != NULL && *tls_priority != '\0') {
		if (buf_append_str(out, tls_priority) < 0) {
			*error_r = "priority string too long";
			return -1;
		}
		return 0;
	}
	if (tls_protocol != NULL && *tls_protocol != '\0') {
		bool lowered = false, unknown = false;
		char tmp[32];
		size_t n = strcspn(tls_protocol, " \t,:");

		if (n < sizeof(tmp)) {
			memcpy(tmp, tls_protocol, n);
			tmp[n] = '\0';
			vers = map_protocol(tmp, &lowered, &unknown);
		} else {
			unknown = true;
		}
		if (lowered)
			*warning_r = "TLS_PROTOCOL asks for a version below TLS 1.2: "
				     "using TLS 1.2 and 1.3";
		else if (unknown)
			*warning_r = "TLS_PROTOCOL not understood: using TLS 1.2 and 1.3";
	}
	if (tls_cipher_list != NULL && *tls_cipher_list != '\0') {
		const char *p = tls_cipher_list;

		while (*p != '\0') {
			char w[65];
			size_t n = strcspn(p, ":, \t");
			bool neg = false;
			unsigned c = 0, k = 0;

			if (n == 0) {
				p++;
				continue;
			}
			if (n >= sizeof(w)) {
				odd = true;
				p += n;
				continue;
			}
			memcpy(w, p, n);
			w[n] = '\0';
			p += n;
			{
				char *x = w;

				if (*x == '!' || *x == '-') {
					neg = true;
					x++;
				} else if (*x == '+') {
					x++;
				}
				if (*x == '@' || *x == '\0')
					continue;    /* @STRENGTH, @SECLEVEL=n */
				if (word_in(x, all_words, N_ELEMENTS(all_words))) {
					if (!neg)
						any_all = true;
					continue;
				}
				if (word_in(x, weak_words, N_ELEMENTS(weak_words))) {
					if (!neg)
						odd = true;
					continue;
				}
				{
					size_t f;

					for (f = 0; f < N_ELEMENTS(families); f++)
						if (strcmp(x, families[f].word) == 0)
							break;
					if (f < N_ELEMENTS(families)) {
						c = families[f].ciphers;
						k = families[f].kx;
					} else if (suite_name(x, &c, &k) < 0) {
						odd = true;
						continue;
					}
				}
				if (neg) {
					del_c |= c;
					del_k |= k;
				} else {
					any_sel = true;
					sel_c |= c;
					sel_k |= k;
				}
			}
		}
		if (any_sel && !any_all) {
			if (sel_c != 0)
				ciphers = sel_c;
			if (sel_k != 0)
				kx = sel_k;
		}
		ciphers &= ~del_c;
		kx &= ~del_k;
		if (ciphers == 0 || kx == 0) {
			ciphers = C_ALL;
			kx = K_ALL;
			*warning_r = "TLS_CIPHER_LIST selects no secure cipher: using the defaults";
		} else if (odd && *warning_r == NULL) {
			*warning_r = "TLS_CIPHER_LIST: weak or unknown entries ignored";
		}
	}
	if (vers == V_ALL && ciphers == C_ALL && kx == K_ALL)
		return buf_append_str(out, TLS_PRIORITY_DEFAULT) < 0 ? (*error_r = "too long", -1) : 0;

	rc |= buf_append_str(out, "SECURE128:-VERS-ALL");
	if (vers & V_13)
		rc |= buf_append_str(out, ":+VERS-TLS1.3");
	if (vers & V_12)
		rc |= buf_append_str(out, ":+VERS-TLS1.2");
	rc |= buf_append_str(out, ":-CIPHER-ALL");
	for (size_t i = 0; i < N_ELEMENTS(cipher_names); i++)
		if (ciphers & cipher_names[i].bit)
			rc |= buf_printf(out, ":+%s", cipher_names[i].gnutls);
	rc |= buf_append_str(out, ":-MAC-ALL:+AEAD:-KX-ALL");
	for (size_t i = 0; i < N_ELEMENTS(kx_names); i++)
		if (kx & kx_names[i].bit)
			rc |= buf_printf(out, ":+%s", kx_names[i].gnutls);
	rc |= buf_append_str(out, ":-CTYPE-ALL:+CTYPE-X509:%SERVER_PRECEDENCE");
	if (rc != 0) {
		*error_r = "priority string too long";
		return -1;
	}
	return 0;
}
