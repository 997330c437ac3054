/*
 * test_pwcheck.c - every stored password format Courier accepts, with the
 * right password, a wrong one and hostile/malformed stored values; hash
 * generation round trips; Courier's CRAM secrets and CRAM verification.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adhelpers.h"
#include "auth_pwcheck.h"
#include "buf.h"
#include "cutest.h"

/* Hashes of "tiger" (the same as the golden interop fixture). */
static const struct { const char *stored; } tiger[] = {
	{ "{SHA512}kfMlJhvKkPBeIXUpnp/uBFADAXBHEUs2YreSAdBTQu3HLU9bqAWsmWHy9DxmI0tQcOnUxn3TJBmK+wDu5MkW6g==" },
	{ "{sha512}kfMlJhvKkPBeIXUpnp/uBFADAXBHEUs2YreSAdBTQu3HLU9bqAWsmWHy9DxmI0tQcOnUxn3TJBmK+wDu5MkW6g==" },
	{ "{SSHA}M43CcSOUkhFkVXXfWi4B+PiWueQBAgME" },
	{ "{SHA256}8VwWuZ+C2CAXZ9OoQf9AhJyKG4Ev+/0uOT0raqZoKm4=" },
	{ "{MD5}Q7kJIECWGPGIv8aSPxa5+g==" },
	{ "{MD5RAW}43b90920409618f188bfc6923f16b9fa" },
	{ "{SHA}RuPXcqGIjq3/JsetpH/XUC15bgc=" },
	{ "{CRYPT}abbENLfjXU2QM" },
	{ "abbENLfjXU2QM" },
	{ "$5$saltsalt$c.L63GZuYfIp7MRQsljmABVKKRRUTfjOGKY6b2JYgr5" },
	{ "$6$saltsalt$.hM95Fn9tylHtfgciuB0SFvroeS87OMo3xUTTW9N1YoNm/a2c1t1169N2Gp7454YXopGm4CCok0N5ddV.PEG7/" },
	{ "$y$j9T$td6MkuJip7ky2zOCOZT6u1$Rpq8pIDLk9Zqqh.bIPdjhU8SlizG35RwH0dJ./FM8I4" },
};

static void test_formats(void)
{
	for (size_t i = 0; i < N_ELEMENTS(tiger); i++) {
		int good = auth_pw_check("tiger", tiger[i].stored);
		int bad = auth_pw_check("tigeR", tiger[i].stored);
		int empty = auth_pw_check("", tiger[i].stored);

		if (good != 0 || bad != -1 || empty != -1)
			printf("case %zu (%s): got %d/%d/%d, want 0/-1/-1\n", i, tiger[i].stored, good, bad,
			       empty);
		CU_ASSERT_EQUAL(good, 0);
		CU_ASSERT_EQUAL(bad, -1);
		CU_ASSERT_EQUAL(empty, -1);
	}
	/* Courier's own MD5-crypt vector for "secret". */
	CU_ASSERT_EQUAL(auth_pw_check("secret", "$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1"), 0);
	CU_ASSERT_EQUAL(auth_pw_check("secreT", "$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1"), -1);
}

static void test_malformed(void)
{
	static const char *const bad[] = {
		"", "{SHA}", "{SSHA}", "{SSHA}AAAA", "{SSHA}!!!!", "{MD5}", "{MD5}====",
		"{MD5RAW}", "{MD5RAW}43b9", "{SHA256}x", "{CRYPT}", "*", "!", "!!", "*LK*",
		"$1$", "$6$", "$y$", "$2b$05$", "{SSHA256}abc", "{PLAIN}tiger", "{CLEARTEXT}tiger",
		"tiger", "{SHA512}kfMlJhvKkPBeIXUpnp/uBFADAXBHEUs2YreSAdBTQu3HLU9bqAWsmWHy9DxmI0tQcOnUxn3TJBmK+wDu5MkW6g=",
		"{SSHA}M43CcSOUkhFkVXXfWi4B+PiWueQBAgM=",
	};

	for (size_t i = 0; i < N_ELEMENTS(bad); i++) {
		int r = auth_pw_check("tiger", bad[i]);

		if (r != -1)
			printf("case %zu (%s): got %d, want -1\n", i, bad[i], r);
		CU_ASSERT_EQUAL(r, -1);
	}
	CU_ASSERT_EQUAL(auth_pw_check(NULL, "x"), -1);
	CU_ASSERT_EQUAL(auth_pw_check("x", NULL), -1);
	{
		/* An over-long password is refused before hashing. */
		static char longpw[5000];

		memset(longpw, 'a', sizeof(longpw) - 1);
		CU_ASSERT_EQUAL(auth_pw_check(longpw, "$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1"), -1);
	}
}

static void test_const_eq(void)
{
	CU_ASSERT_TRUE(auth_const_eq("abc", 3, "abc", 3));
	CU_ASSERT_FALSE(auth_const_eq("abc", 3, "abd", 3));
	CU_ASSERT_FALSE(auth_const_eq("abc", 3, "abcd", 4));
	CU_ASSERT_FALSE(auth_const_eq("", 0, "a", 1));
	CU_ASSERT_TRUE(auth_const_eq("", 0, "", 0));
}

static void test_hash_roundtrip(void)
{
	static const char *const schemes[] = { "md5", "sha256", "sha512", "yescrypt", "des" };
	static const char *const prefix[] = { "$1$", "$5$", "$6$", "$y$", "" };

	for (size_t i = 0; i < N_ELEMENTS(schemes); i++) {
		struct buf out = BUF_INIT(512), out2 = BUF_INIT(512);

		CU_ASSERT_EQUAL_FATAL(auth_pw_hash(schemes[i], "p4ss word", &out), 0);
		CU_ASSERT_EQUAL(auth_pw_hash(schemes[i], "p4ss word", &out2), 0);
		CU_ASSERT_EQUAL(strncmp(out.data, prefix[i], strlen(prefix[i])), 0);
		CU_ASSERT_STRING_NOT_EQUAL(out.data, out2.data);   /* random salt */
		CU_ASSERT_EQUAL(auth_pw_check("p4ss word", out.data), 0);
		CU_ASSERT_EQUAL(auth_pw_check("P4ss word", out.data), -1);
		buf_free(&out);
		buf_free(&out2);
	}
	{
		struct buf out = BUF_INIT(512);

		CU_ASSERT_EQUAL(auth_pw_hash("rot13", "x", &out), -1);
		buf_free(&out);
	}
}

static void test_courier_secrets(void)
{
	/* Debian's userdbpw -hmac-* for "secret". */
	static const char *const want[] = {
		"cd3ba7deaad6e5ca23448ba42e379747a9e0f7f1fbc00c8a81bbaac395731b56",
		"091e0f4c6cb5277ee2beb639a60d0831b5c8adcdaee172433df3e96ba4f00fb1b6a490c3929d2034",
		"5a84072aab37d22275b139adf7a92564c7f674be98e77d991f6f689d29e0524572804f31b042016804d3dea2f4e991a21b1c8906be161594b202fb74afc8ceb3",
	};
	static const char *const scheme[] = { "hmac-md5", "hmac-sha1", "hmac-sha256" };

	for (size_t i = 0; i < 3; i++) {
		struct buf out = BUF_INIT(512);

		CU_ASSERT_EQUAL(auth_pw_hash(scheme[i], "secret", &out), 0);
		CU_ASSERT_STRING_EQUAL(buf_cstr(&out), want[i]);
		buf_free(&out);
	}
}

static void test_cram_verify(void)
{
	static const char chal[] = "<1896.697170952@postoffice.reston.mci.net>";
	struct buf sec = BUF_INIT(512);

	CU_ASSERT_EQUAL_FATAL(auth_hmac_secret_hex(AUTH_HASH_MD5, "tanstaaftanstaaf", &sec), 0);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d3890"), 0);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "B913A602C7EDA7A495B4E6E7334D3890"), 0);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d3891"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d389"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d3890a"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal),
					 "g913a602c7eda7a495b4e6e7334d3890"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, sec.data, chal, strlen(chal) - 1,
					 "b913a602c7eda7a495b4e6e7334d3890"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_MD5, "zz", chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d3890"), -1);
	CU_ASSERT_EQUAL(auth_cram_verify(AUTH_HASH_SHA1, sec.data, chal, strlen(chal),
					 "b913a602c7eda7a495b4e6e7334d3890"), -1);
	buf_free(&sec);
	{
		enum auth_hash_alg a;

		CU_ASSERT_EQUAL(auth_cram_alg("cram-md5", &a), 0);
		CU_ASSERT_EQUAL(a, AUTH_HASH_MD5);
		CU_ASSERT_EQUAL(auth_cram_alg("CRAM-MD5", &a), -1);
		CU_ASSERT_EQUAL(auth_cram_alg("cram-sha256", &a), 0);
		CU_ASSERT_EQUAL(a, AUTH_HASH_SHA256);
		CU_ASSERT_EQUAL(auth_cram_alg("cram-sha512", &a), -1);
		CU_ASSERT_EQUAL(auth_cram_alg("login", &a), -1);
	}
}

void suite_pwcheck(void);
void suite_pwcheck(void)
{
	CU_pSuite s = cutest_suite("pwcheck");

	cutest_add(s, "every format", test_formats);
	cutest_add(s, "malformed stored values", test_malformed);
	cutest_add(s, "constant-time compare", test_const_eq);
	cutest_add(s, "hash generation round trip", test_hash_roundtrip);
	cutest_add(s, "Courier CRAM secrets", test_courier_secrets);
	cutest_add(s, "CRAM verification", test_cram_verify);
}
