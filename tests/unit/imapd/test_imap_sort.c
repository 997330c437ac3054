/*
 * test_imap_sort.c - imapd/imap_sort.c and imap_thread.c: SORT criteria
 * (every key, REVERSE, errors, the cap exactly and one past), the order
 * with ties by sequence number, i;ascii-casemap, and THREAD=ORDEREDSUBJECT
 * and THREAD=REFERENCES on a hand-made mailbox with missing parents,
 * duplicate and missing Message-IDs, reference loops, subject merging,
 * plus pathological References chains (bounded, output balanced).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_parser.h"
#include "imap_sort.h"
#include "imap_thread.h"

static int parse_spec(const char *list, struct imap_sort_spec *spec, const char **err)
{
	struct imap_parser *p = imap_parser_new(NULL);
	struct buf line = BUF_INIT(10000);
	size_t n;
	int r = -1;

	*err = "parser";
	CU_ASSERT_EQUAL(buf_printf(&line, "a SORT %s", list), 0);
	if (imap_parser_feed_line(p, line.data, line.len) == IMAP_PARSE_DONE) {
		const struct imap_arg *args = imap_parser_args(p, &n);
		r = imap_sort_parse(&args[0], spec, err);
	}
	imap_parser_free(&p);
	buf_free(&line);
	return r;
}

static void test_parse(void)
{
	struct imap_sort_spec s;
	const char *err;

	CU_ASSERT_EQUAL(parse_spec("(arrival CC Date FROM SIZE SUBJECT TO DISPLAYFROM DISPLAYTO)", &s,
				   &err), 0);
	CU_ASSERT_EQUAL(s.n, 9);
	CU_ASSERT_EQUAL(s.key[8], IMAP_SORT_DISPLAYTO);
	CU_ASSERT_EQUAL(imap_sort_needs(&s), IMAP_KEYS_HEADER | IMAP_KEYS_SIZE);
	CU_ASSERT_EQUAL(parse_spec("(REVERSE ARRIVAL DATE)", &s, &err), 0);
	CU_ASSERT(s.reverse[0] && !s.reverse[1]);
	CU_ASSERT_EQUAL(parse_spec("(ARRIVAL)", &s, &err), 0);
	CU_ASSERT_EQUAL(imap_sort_needs(&s), 0);
	CU_ASSERT_EQUAL(parse_spec("()", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "SORT needs a list of sort criteria");
	CU_ASSERT_EQUAL(parse_spec("DATE", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "SORT needs a list of sort criteria");
	CU_ASSERT_EQUAL(parse_spec("(DATE REVERSE)", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "REVERSE must be followed by a sort criterion");
	CU_ASSERT_EQUAL(parse_spec("(REVERSE REVERSE DATE)", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "REVERSE REVERSE");
	CU_ASSERT_EQUAL(parse_spec("(DATE \"SIZE\")", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "Invalid sort criterion");
	CU_ASSERT_EQUAL(parse_spec("(MODSEQ)", &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "Invalid sort criterion");
	/* the cap exactly, then one past */
	struct buf b = BUF_INIT(1000);
	CU_ASSERT_EQUAL(buf_putc(&b, '('), 0);
	for (int i = 0; i < IMAP_SORT_KEYS_MAX; i++)
		CU_ASSERT_EQUAL(buf_append_str(&b, i ? " DATE" : "DATE"), 0);
	CU_ASSERT_EQUAL(buf_putc(&b, ')'), 0);
	CU_ASSERT_EQUAL(parse_spec(b.data, &s, &err), 0);
	buf_truncate(&b, b.len - 1);
	CU_ASSERT_EQUAL(buf_append_str(&b, " SIZE)"), 0);
	CU_ASSERT_EQUAL(parse_spec(b.data, &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err, "Too many sort criteria");
	buf_free(&b);
}

static void test_casemap(void)
{
	CU_ASSERT_EQUAL(imap_casemap_cmp("abc", "ABC"), 0);
	CU_ASSERT(imap_casemap_cmp("abc", "abd") < 0);
	CU_ASSERT(imap_casemap_cmp("ab", "abc") < 0);
	/* RFC 4790 folds to upper case: "_" (0x5F) sorts after "A" (0x41) */
	CU_ASSERT(imap_casemap_cmp("_", "a") > 0);
	CU_ASSERT(imap_casemap_cmp("\xc3\xa9", "\xc3\x89") > 0);   /* non-ASCII bytes as they are */
}

static struct imap_msg_keys K(size_t idx, time_t sent, const char *subj, bool reply,
			      const char *id, const char *ref1, const char *ref2)
{
	struct imap_msg_keys k;
	memset(&k, 0, sizeof(k));
	k.idx = idx;
	k.arrival = k.sent = sent;
	k.subject = (char *)subj;
	k.is_reply = reply;
	k.from = k.to = k.cc = k.dfrom = k.dto = (char *)"";
	k.msgid = (char *)id;
	k.refs = calloc(2, sizeof(char *));
	if (ref1 != NULL)
		k.refs[k.nrefs++] = (char *)ref1;
	if (ref2 != NULL)
		k.refs[k.nrefs++] = (char *)ref2;
	return k;
}

static void free_refs(struct imap_msg_keys *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i].refs);
}

static void test_sort(void)
{
	struct imap_sort_spec s;
	const char *err;
	struct imap_msg_keys k[4] = {
		K(0, 300, "b", false, NULL, NULL, NULL), K(1, 100, "A", false, NULL, NULL, NULL),
		K(2, 200, "a", false, NULL, NULL, NULL), K(3, 100, "c", false, NULL, NULL, NULL),
	};
	k[0].size = 10; k[1].size = 10; k[2].size = 5; k[3].size = 20;
	CU_ASSERT_EQUAL(parse_spec("(SUBJECT)", &s, &err), 0);
	imap_sort_keys(&s, k, 4);
	CU_ASSERT(k[0].idx == 1 && k[1].idx == 2 && k[2].idx == 0 && k[3].idx == 3);
	CU_ASSERT_EQUAL(parse_spec("(REVERSE DATE)", &s, &err), 0);
	imap_sort_keys(&s, k, 4);
	/* ties (1 and 3 at 100) by sequence number, not reversed */
	CU_ASSERT(k[0].idx == 0 && k[1].idx == 2 && k[2].idx == 1 && k[3].idx == 3);
	CU_ASSERT_EQUAL(parse_spec("(SIZE REVERSE SUBJECT)", &s, &err), 0);
	imap_sort_keys(&s, k, 4);
	CU_ASSERT(k[0].idx == 2 && k[1].idx == 0 && k[2].idx == 1 && k[3].idx == 3);
	free_refs(k, 4);
}

static void expect_thread(enum imap_thread_algo algo, struct imap_msg_keys *k, size_t n,
			  const char *want)
{
	struct buf out = BUF_INIT(1 << 22);
	CU_ASSERT_EQUAL(imap_thread_write(algo, k, n, NULL, false, &out), 0);
	if (strcmp(buf_cstr(&out), want) != 0)
		fprintf(stderr, "\ngot  %s\nwant %s\n", buf_cstr(&out), want);
	CU_ASSERT_STRING_EQUAL(buf_cstr(&out), want);
	buf_free(&out);
}

/* The mailbox of tests/protocol/imap/thread.t, by hand. */
static void mailbox(struct imap_msg_keys *k)
{
	k[0] = K(0, 1000, "topic", false, "a@x", NULL, NULL);
	k[1] = K(1, 1100, "topic", true, "b@x", "a@x", NULL);
	k[2] = K(2, 1200, "Topic", true, "c@x", "a@x", NULL);
	k[3] = K(3, 900, "other", false, "d@x", "zz@x", "d0@x");
	k[4] = K(4, 1300, "other", true, "e@x", "zz@x", NULL);
	k[5] = K(5, 800, "topic", true, NULL, NULL, NULL);
	k[6] = K(6, 1400, "topic", true, "a@x", NULL, NULL);
}

static void test_thread(void)
{
	struct imap_msg_keys k[8];

	mailbox(k);
	expect_thread(IMAP_THREAD_REFERENCES, k, 7, "((4)(5))(1 (6)(2)(3)(7))");
	free_refs(k, 7);
	mailbox(k);
	expect_thread(IMAP_THREAD_ORDEREDSUBJECT, k, 7, "(6 (1)(2)(3)(7))(4 5)");
	free_refs(k, 7);
	/* a loop (1 says 2 is its parent, 2 says 1) and a self-reference */
	k[0] = K(0, 10, "x", false, "1@x", "2@x", NULL);
	k[1] = K(1, 20, "y", false, "2@x", "1@x", NULL);
	k[2] = K(2, 30, "z", false, "3@x", "3@x", NULL);
	expect_thread(IMAP_THREAD_REFERENCES, k, 3, "(2 1)(3)");
	free_refs(k, 3);
	/* a chain: 1 <- 2 <- 3, single children inline */
	k[0] = K(0, 10, "s", false, "1@x", NULL, NULL);
	k[1] = K(1, 20, "s", true, "2@x", "1@x", NULL);
	k[2] = K(2, 30, "s", true, "3@x", "1@x", "2@x");
	expect_thread(IMAP_THREAD_REFERENCES, k, 3, "(1 2 3)");
	free_refs(k, 3);
	/* same subject, neither a reply: siblings under an empty container */
	k[0] = K(0, 10, "s", false, "1@x", NULL, NULL);
	k[1] = K(1, 20, "s", false, "2@x", NULL, NULL);
	k[2] = K(2, 30, "", false, "3@x", NULL, NULL);
	k[3] = K(3, 5, "", false, "4@x", NULL, NULL);
	expect_thread(IMAP_THREAD_REFERENCES, k, 4, "(4)((1)(2))(3)");
	free_refs(k, 4);
	/* empty */
	expect_thread(IMAP_THREAD_REFERENCES, k, 0, "");
	expect_thread(IMAP_THREAD_ORDEREDSUBJECT, k, 0, "");
}

static void test_pathological(void)
{
	/* 2000 messages, each referencing every earlier one (the kept last
	   IMAP_THREAD_REFS_MAX), and a second chain referencing them in
	   reverse order: bounded work, a balanced answer naming each once */
	enum { N = 2000, R = 300 };
	struct imap_msg_keys *k = calloc(N, sizeof(*k));
	char (*ids)[16] = calloc(N, sizeof(*ids));
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	for (int i = 0; i < N; i++)
		snprintf(ids[i], sizeof(ids[i]), "m%d@x", i);
	for (int i = 0; i < N; i++) {
		k[i].idx = (size_t)i;
		k[i].sent = i;
		k[i].subject = (char *)(i % 2 ? "odd" : "even");
		k[i].is_reply = i > 1;
		k[i].from = k[i].to = k[i].cc = k[i].dfrom = k[i].dto = (char *)"";
		k[i].msgid = ids[i];
		size_t nr = (size_t)(i < R ? i : R);
		k[i].refs = calloc(nr + 1, sizeof(char *));
		for (size_t j = 0; j < nr; j++)
			k[i].refs[j] = i % 3 ? ids[i - (int)nr + (int)j] : ids[i - 1 - (int)j];
		k[i].nrefs = nr;
	}
	for (int algo = 0; algo < 2; algo++) {
		struct buf out = BUF_INIT(1 << 24);
		CU_ASSERT_EQUAL(imap_thread_write(algo ? IMAP_THREAD_REFERENCES :
					       IMAP_THREAD_ORDEREDSUBJECT, k, N, NULL, false, &out), 0);
		int depth = 0, bad = 0, nums = 0;
		for (size_t i = 0; i < out.len; i++) {
			if (out.data[i] == '(')
				depth++;
			else if (out.data[i] == ')' && --depth < 0)
				bad = 1;
			else if (out.data[i] >= '0' && out.data[i] <= '9' &&
				 (i == 0 || out.data[i - 1] < '0' || out.data[i - 1] > '9'))
				nums++;
		}
		CU_ASSERT_EQUAL(depth, 0);
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_EQUAL(nums, N);
		buf_free(&out);
		/* ORDEREDSUBJECT sorted k in place: put it back */
		for (int i = 0; i < N; i++) {
			for (int j = i; j < N; j++) {
				if ((int)k[j].idx == i) {
					struct imap_msg_keys t = k[i];
					k[i] = k[j];
					k[j] = t;
					break;
				}
			}
		}
	}
	for (int i = 0; i < N; i++)
		free(k[i].refs);
	free(k);
	free(ids);
}

void suite_imap_sort(void);
void suite_imap_sort(void)
{
	CU_pSuite s = cutest_suite("imap_sort");

	cutest_add(s, "parse", test_parse);
	cutest_add(s, "casemap", test_casemap);
	cutest_add(s, "sort", test_sort);
	cutest_add(s, "thread", test_thread);
	cutest_add(s, "pathological", test_pathological);
}
