/*
 * test_imap_capa.c - imapd/imap_capa.c and imap_config.c: Courier's
 * construction (spec section 2) cut to what is implemented, before and
 * after TLS and the login, and the config table's defaults.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_capa.h"
#include "imap_config.h"

static const char *const vars[] = {
	"IMAP_CAPABILITY", "IMAP_CAPABILITY_TLS", "IMAP_ACL", "IMAP_ID_FIELDS",
	"IMAP_MOVE_EXPUNGE_TO_TRASH", "IMAP_USELOCKS", "IMAP_TLS", "IMAP_KEYWORDS", NULL
};

static void clear_env(void)
{
	for (size_t i = 0; vars[i] != NULL; i++)
		unsetenv(vars[i]);
}

static char *capa(bool tls, bool starttls, bool disabled, enum imap_capa_phase ph)
{
	struct imap_config cfg;
	struct imap_capa_state st = { tls, starttls, disabled };
	struct buf out = BUF_INIT(4096);
	const char *error;
	char *r;

	CU_ASSERT_FATAL(imap_config_load(&cfg, &error) == 0);
	CU_ASSERT_FATAL(imap_capa_build(&out, &cfg, &st, ph) == 0);
	r = strdup(buf_cstr(&out));
	buf_free(&out);
	imap_config_free(&cfg);
	return r;
}

#define EXPECT(call, want) do { char *got_ = (call); \
	CU_ASSERT_STRING_EQUAL(got_, want); free(got_); } while (0)

static void test_courier_defaults(void)
{
	clear_env();
	/* nothing configured: IMAP4rev1 and Courier's fixed tail */
	EXPECT(capa(false, false, false, IMAP_CAPA_PRELOGIN), "IMAP4rev1 ENABLE UTF8=ACCEPT");
	/* Debian's line: only what this build implements survives */
	setenv("IMAP_CAPABILITY", "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT "
	       "THREAD=REFERENCES SORT QUOTA IDLE", 1);
	setenv("IMAP_CAPABILITY_TLS", "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE AUTH=PLAIN", 1);
	setenv("IMAP_ACL", "1", 1);
	EXPECT(capa(false, true, false, IMAP_CAPA_PRELOGIN),
	       "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE STARTTLS ENABLE UTF8=ACCEPT");
	EXPECT(capa(false, true, true, IMAP_CAPA_PRELOGIN),
	       "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE STARTTLS LOGINDISABLED ENABLE UTF8=ACCEPT");
	EXPECT(capa(true, false, false, IMAP_CAPA_PRELOGIN),
	       "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE AUTH=PLAIN ENABLE UTF8=ACCEPT");
	/* after the login: no AUTH=, STARTTLS, LOGINDISABLED */
	EXPECT(capa(true, true, true, IMAP_CAPA_POSTLOGIN),
	       "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE ENABLE UTF8=ACCEPT");
	/* IMAP_ID_FIELDS adds ID; the config's words are never doubled */
	setenv("IMAP_ID_FIELDS", "0", 1);
	setenv("IMAP_CAPABILITY", "imap4rev1 ID CHILDREN children SASL-IR AUTH=CRAM-MD5 "
	       "AUTH=X-UNKNOWN LITERAL+ \"bad\" X(Y", 1);
	EXPECT(capa(false, false, false, IMAP_CAPA_PRELOGIN),
	       "IMAP4rev1 ID CHILDREN SASL-IR AUTH=CRAM-MD5 LITERAL+ ENABLE UTF8=ACCEPT");
	EXPECT(capa(false, false, false, IMAP_CAPA_POSTLOGIN),
	       "IMAP4rev1 ID CHILDREN LITERAL+ ENABLE UTF8=ACCEPT");
	clear_env();
}

static void test_implemented(void)
{
	CU_ASSERT_TRUE(imap_capa_implemented("IMAP4rev1"));
	CU_ASSERT_TRUE(imap_capa_implemented("literal+"));
	CU_ASSERT_TRUE(imap_capa_implemented("AUTH=PLAIN"));
	CU_ASSERT_TRUE(imap_capa_implemented("AUTH=CRAM-SHA256"));
	CU_ASSERT_FALSE(imap_capa_implemented("AUTH=GSSAPI"));
	CU_ASSERT_TRUE(imap_capa_implemented("UIDPLUS"));
	CU_ASSERT_TRUE(imap_capa_implemented("IDLE"));
	CU_ASSERT_FALSE(imap_capa_implemented("THREAD=X-UNKNOWN"));
	CU_ASSERT_TRUE(imap_capa_has("A b C", "B"));
	CU_ASSERT_FALSE(imap_capa_has("AB C", "B"));
}

static void test_config(void)
{
	struct imap_config cfg;
	const char *error;

	clear_env();
	CU_ASSERT_FATAL(imap_config_load(&cfg, &error) == 0);
	CU_ASSERT_STRING_EQUAL(cfg.capability, "IMAP4rev1");
	CU_ASSERT_STRING_EQUAL(cfg.trashfoldername, "Trash");
	CU_ASSERT_STRING_EQUAL(cfg.maildirpath, "Maildir");
	CU_ASSERT_TRUE(cfg.uselocks);
	CU_ASSERT_TRUE(cfg.mailbox_sanity_check);
	CU_ASSERT_EQUAL(cfg.idle_timeout, 60);
	CU_ASSERT_EQUAL(cfg.autologout, 1800);
	CU_ASSERT_EQUAL(cfg.login_deadline, 60);
	CU_ASSERT_EQUAL(cfg.keywords, 1);
	imap_config_free(&cfg);
	/* Courier's booleans; IMAP_USELOCKS off only when set to non-1 */
	setenv("IMAP_USELOCKS", "0", 1);
	setenv("IMAP_TLS", "yes please", 1);
	CU_ASSERT_FATAL(imap_config_load(&cfg, &error) == 0);
	CU_ASSERT_FALSE(cfg.uselocks);
	CU_ASSERT_TRUE(cfg.tls);
	imap_config_free(&cfg);
	/* a number out of range stops start-up */
	setenv("IMAP_KEYWORDS", "3", 1);
	CU_ASSERT_EQUAL(imap_config_load(&cfg, &error), -1);
	setenv("IMAP_KEYWORDS", "2", 1);
	CU_ASSERT_EQUAL(imap_config_load(&cfg, &error), 0);
	imap_config_free(&cfg);
	/* a misspelt IMAP_ setting is warned about */
	setenv("IMAP_CAPABILTY", "x", 1);
	CU_ASSERT_EQUAL(imap_config_warn_unknown(), 1);
	unsetenv("IMAP_CAPABILTY");
	CU_ASSERT_EQUAL(imap_config_warn_unknown(), 0);
	clear_env();
}

void suite_imap_capa(void);
void suite_imap_capa(void)
{
	CU_pSuite s = cutest_suite("imap_capa");

	cutest_add(s, "courier_defaults", test_courier_defaults);
	cutest_add(s, "implemented", test_implemented);
	cutest_add(s, "config", test_config);
}
