/*
 * test_hash.c - MD5/SHA-1/SHA-256/SHA-512 and HMAC against published
 * vectors (RFC 1321, FIPS 180-4, RFC 2202, RFC 4231, RFC 2195) and padding
 * edges (lengths around each block boundary, vectors from Python hashlib);
 * incremental updates of every size must equal the one-shot digest.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adhelpers.h"
#include "auth_hash.h"
#include "cutest.h"

static void digest_hex(enum auth_hash_alg alg, const char *msg, size_t n, char *out)
{
	unsigned char d[AUTH_HASH_MAX_DIGEST];

	auth_hash(alg, msg, n, d);
	hex_of(d, auth_hash_digest_len(alg), out);
}

static void test_known_vectors(void)
{
	static const char q448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char h[2 * AUTH_HASH_MAX_DIGEST + 1];

	digest_hex(AUTH_HASH_MD5, "", 0, h);
	CU_ASSERT_STRING_EQUAL(h, "d41d8cd98f00b204e9800998ecf8427e");
	digest_hex(AUTH_HASH_MD5, "abc", 3, h);
	CU_ASSERT_STRING_EQUAL(h, "900150983cd24fb0d6963f7d28e17f72");
	digest_hex(AUTH_HASH_MD5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 80, h);
	CU_ASSERT_STRING_EQUAL(h, "57edf4a22be3c955ac49da2e2107b67a");
	digest_hex(AUTH_HASH_SHA1, "abc", 3, h);
	CU_ASSERT_STRING_EQUAL(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
	digest_hex(AUTH_HASH_SHA1, q448, strlen(q448), h);
	CU_ASSERT_STRING_EQUAL(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	digest_hex(AUTH_HASH_SHA256, "abc", 3, h);
	CU_ASSERT_STRING_EQUAL(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest_hex(AUTH_HASH_SHA256, q448, strlen(q448), h);
	CU_ASSERT_STRING_EQUAL(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	digest_hex(AUTH_HASH_SHA512, "abc", 3, h);
	CU_ASSERT_STRING_EQUAL(h, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
				  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	digest_hex(AUTH_HASH_SHA512, "", 0, h);
	CU_ASSERT_STRING_EQUAL(h, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
				  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
}

static const struct {
	size_t n;
	const char *md5, *sha1, *sha256, *sha512;
} edges[] = {
	{ 55, "ef1772b6dff9a122358552954ad0df65", "c1c8bbdc22796e28c0e15163d20899b65621d65a", "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318", "b0220c772cbf6c1822e2cb38a437d0e1d58772417a4bbb21c961364f8b6143e05aa6316dca8d1d7b19e16448419076395f6086cb55101fbd6d5497b148e1745f" },
	{ 56, "3b0c8ac703f828b04c6c197006d17218", "c2db330f6083854c99d4b5bfb6e8f29f201be699", "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a", "962b64aae357d2a4fee3ded8b539bdc9d325081822b0bfc55583133aab44f18bafe11d72a7ae16c79ce2ba620ae2242d5144809161945f1367f41b3972e26e04" },
	{ 63, "b06521f39153d618550606be297466d5", "03f09f5b158a7a8cdad920bddc29b81c18a551f5", "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34", "c1b0f5c6d3b03dfe4a2602e67242f54e344090b66e01100a469b129f583f016c7e27dddeaa438393dcc7ec54b0b57c9ba7af007f9b56db5f6fb677d972a31362" },
	{ 64, "014842d480b571495a4a0363793f7367", "0098ba824b5c16427bd7a1122a5a442a25ec644d", "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb", "01d35c10c6c38c2dcf48f7eebb3235fb5ad74a65ec4cd016e2354c637a8fb49b695ef3c1d6f7ae4cd74d78cc9c9bcac9d4f23a73019998a7f73038a5c9b2dbde" },
	{ 65, "c743a45e0d2e6a95cb859adae0248435", "11655326c708d70319be2610e8a57d9a5b959d3b", "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0", "b83086cd8494e55708ad7ecd82dfb4bca1bda61ecbb7caf0c68967902e709345e5d8305eb7ac0d588afc6cbb75161aa9c8c7e0ea986bd833dafe5e1ccd37345a" },
	{ 111, "089f243d1e831c5879aa375ee364a06e", "ac877859d427d9192054eea8feb3b8a403ef83a5", "6374f73208854473827f6f6a3f43b1f53eaa3b82c21c1a6d69a2110b2a79baad", "fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2" },
	{ 112, "9146ef3527c7cfcc66dc615c3986e391", "689993727ba37386bb032495e9dbdfb4dd1ba744", "f54353008a2553262ecdc4a34749563ba0950e8b0fc8652780b0a614b99683c1", "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca" },
	{ 127, "020406e1d05cdc2aa287641f7ae2cc39", "89d95fa32ed44a7c610b7ee38517ddf57e0bb975", "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a", "828613968b501dc00a97e08c73b118aa8876c26b8aac93df128502ab360f91bab50a51e088769a5c1eff4782ace147dce3642554199876374291f5d921629502" },
	{ 128, "e510683b3f5ffe4093d021808bc6ff70", "ad5b3fdbcb526778c2839d2f151ea753995e26a0", "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e", "b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a243667807ed300314b95cacdd579f3e33abdfbe351909519a846d465c59582f321" },
	{ 129, "b325dc1c6f5e7a2b7cf465b9feab7948", "d96debf1bdcbc896e6c134ea76e8141f40d78536", "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae", "4f681e0bd53cda4b5a2041cc8a06f2eabde44fb16c951fbd5b87702f07aeab611565b19c47fde30587177ebb852e3971bbd8d3fd30da18d71037dfbd98420429" },
	{ 1000, "cabe45dcc9ae5b66ba86600cca6b8ba8", "291e9a6c66994949b57ba5e650361e98fc36b1ba", "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3", "67ba5535a46e3f86dbfbed8cbbaf0125c76ed549ff8b0b9e03e0c88cf90fa634fa7b12b47d77b694de488ace8d9a65967dc96df599727d3292a8d9d447709c97" },
};

static void test_padding_edges(void)
{
	static char a[1001];
	char h[2 * AUTH_HASH_MAX_DIGEST + 1];

	memset(a, 'a', 1000);
	for (size_t i = 0; i < N_ELEMENTS(edges); i++) {
		const char *want[4] = { edges[i].md5, edges[i].sha1, edges[i].sha256, edges[i].sha512 };

		for (int alg = 0; alg < 4; alg++) {
			digest_hex((enum auth_hash_alg)alg, a, edges[i].n, h);
			if (strcmp(h, want[alg]) != 0)
				printf("case %zu alg %d: got %s, want %s\n", edges[i].n, alg, h, want[alg]);
			CU_ASSERT_STRING_EQUAL(h, want[alg]);
		}
	}
}

static void test_incremental(void)
{
	static char msg[300];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 7 + 3);
	for (int alg = 0; alg < 4; alg++) {
		unsigned char one[AUTH_HASH_MAX_DIGEST], inc[AUTH_HASH_MAX_DIGEST];
		size_t dl = auth_hash_digest_len((enum auth_hash_alg)alg);

		auth_hash((enum auth_hash_alg)alg, msg, sizeof(msg), one);
		for (size_t step = 1; step < 140; step += 13) {
			struct auth_hash_ctx c;

			auth_hash_init(&c, (enum auth_hash_alg)alg);
			for (size_t off = 0; off < sizeof(msg); off += step)
				auth_hash_update(&c, msg + off, off + step > sizeof(msg) ? sizeof(msg) - off : step);
			auth_hash_final(&c, inc);
			CU_ASSERT(memcmp(one, inc, dl) == 0);
		}
	}
}

static void test_hmac_vectors(void)
{
	unsigned char key[131], d[AUTH_HASH_MAX_DIGEST];
	char h[2 * AUTH_HASH_MAX_DIGEST + 1];

	memset(key, 0x0b, 20);
	auth_hmac(AUTH_HASH_MD5, key, 16, "Hi There", 8, d);
	hex_of(d, 16, h);
	CU_ASSERT_STRING_EQUAL(h, "9294727a3638bb1c13f48ef8158bfc9d");
	auth_hmac(AUTH_HASH_SHA1, key, 20, "Hi There", 8, d);
	hex_of(d, 20, h);
	CU_ASSERT_STRING_EQUAL(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	auth_hmac(AUTH_HASH_SHA256, key, 20, "Hi There", 8, d);
	hex_of(d, 32, h);
	CU_ASSERT_STRING_EQUAL(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	auth_hmac(AUTH_HASH_SHA1, "Jefe", 4, "what do ya want for nothing?", 28, d);
	hex_of(d, 20, h);
	CU_ASSERT_STRING_EQUAL(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	/* RFC 4231 case 6: a key longer than the block is hashed first. */
	memset(key, 0xaa, 131);
	auth_hmac(AUTH_HASH_SHA256, key, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54, d);
	hex_of(d, 32, h);
	CU_ASSERT_STRING_EQUAL(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	/* RFC 2195's CRAM-MD5 example. */
	auth_hmac(AUTH_HASH_MD5, "tanstaaftanstaaf", 16,
		  "<1896.697170952@postoffice.reston.mci.net>", 42, d);
	hex_of(d, 16, h);
	CU_ASSERT_STRING_EQUAL(h, "b913a602c7eda7a495b4e6e7334d3890");
}

static void test_state_roundtrip(void)
{
	/* HMAC through exported/imported states equals plain HMAC. */
	for (int alg = 0; alg < 4; alg++) {
		unsigned char st[2 * AUTH_HASH_MAX_DIGEST], a[AUTH_HASH_MAX_DIGEST], b[AUTH_HASH_MAX_DIGEST];
		size_t dl = auth_hash_digest_len((enum auth_hash_alg)alg);

		auth_hmac_precompute((enum auth_hash_alg)alg, "key", 3, st);
		auth_hmac_from_states((enum auth_hash_alg)alg, st, "message", 7, a);
		auth_hmac((enum auth_hash_alg)alg, "key", 3, "message", 7, b);
		CU_ASSERT(memcmp(a, b, dl) == 0);
	}
}

void suite_hash(void);
void suite_hash(void)
{
	CU_pSuite s = cutest_suite("hash");

	cutest_add(s, "known vectors", test_known_vectors);
	cutest_add(s, "padding edges", test_padding_edges);
	cutest_add(s, "incremental updates", test_incremental);
	cutest_add(s, "HMAC vectors", test_hmac_vectors);
	cutest_add(s, "HMAC state export/import", test_state_roundtrip);
}
