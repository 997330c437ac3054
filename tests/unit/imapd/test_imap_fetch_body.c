/*
 * test_imap_fetch_body.c - imapd/imap_fetch_body.c: FETCH item parsing
 * (macros, every item, sections, partials, each cap and one past it, junk)
 * and the planned bytes of BODY[section]<partial> over bare-LF and CRLF
 * messages, nested parts included.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cutest.h"
#include "imap_bodystructure.h"
#include "imap_fetch_body.h"
#include "imap_parser.h"
#include "mime.h"

/* Parse one FETCH command line "a FETCH 1 <items>" and its items. */
static int parse_items(const char *items, bool uid, struct imap_fetch_req *req, const char **err)
{
	struct imap_parser *p = imap_parser_new(NULL);
	struct buf line = BUF_INIT(200000);
	size_t n;
	int r = -1;

	CU_ASSERT_EQUAL(buf_printf(&line, "a FETCH 1 %s", items), 0);
	*err = "parser";
	if (imap_parser_feed_line(p, line.data, line.len) == IMAP_PARSE_DONE) {
		const struct imap_arg *args = imap_parser_args(p, &n);
		if (n == 2)
			r = imap_fetch_parse(&args[1], uid, req, err);
	}
	imap_parser_free(&p);
	buf_free(&line);
	return r;
}

static void expect_bad(const char *items, const char *why)
{
	struct imap_fetch_req req;
	const char *err = NULL;
	CU_ASSERT_EQUAL(parse_items(items, false, &req, &err), -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	if (strcmp(err, why) != 0)
		fprintf(stderr, "\n%s: %s\n", items, err);
	CU_ASSERT_STRING_EQUAL(err, why);
}

static void test_parse(void)
{
	struct imap_fetch_req req;
	const char *err;

	CU_ASSERT_EQUAL(parse_items("FAST", false, &req, &err), 0);
	CU_ASSERT_EQUAL(req.items, IMAP_FETCH_FLAGS | IMAP_FETCH_INTERNALDATE | IMAP_FETCH_RFC822_SIZE);
	CU_ASSERT(!req.needs_file && !req.needs_parse && !req.sets_seen);
	imap_fetch_req_free(&req);
	CU_ASSERT_EQUAL(parse_items("all", true, &req, &err), 0);
	CU_ASSERT_EQUAL(req.items, IMAP_FETCH_FLAGS | IMAP_FETCH_INTERNALDATE |
			IMAP_FETCH_RFC822_SIZE | IMAP_FETCH_ENVELOPE | IMAP_FETCH_UID);
	CU_ASSERT(req.needs_file && !req.needs_parse);
	imap_fetch_req_free(&req);
	CU_ASSERT_EQUAL(parse_items("FULL", false, &req, &err), 0);
	CU_ASSERT(req.needs_parse && (req.items & IMAP_FETCH_BODY));
	imap_fetch_req_free(&req);
	CU_ASSERT_EQUAL(parse_items("(FLAGS UID)", false, &req, &err), 0);
	CU_ASSERT(!req.needs_file);
	imap_fetch_req_free(&req);

	CU_ASSERT_EQUAL(parse_items("(body.peek[1.2.header.fields (From \"To\" x-A)]<10.20> "
				    "RFC822.HEADER BODY[] rfc822.text RFC822 BODY[3.MIME] "
				    "BODY[TEXT]<0.1>)", false, &req, &err), 0);
	CU_ASSERT_EQUAL_FATAL(req.nsecs, 7);
	CU_ASSERT_STRING_EQUAL(req.secs[0].name, "BODY[1.2.HEADER.FIELDS (From To x-A)]<10>");
	CU_ASSERT_STRING_EQUAL(req.secs[0].spec, "1.2.HEADER.FIELDS");
	CU_ASSERT_EQUAL(req.secs[0].what, IMAP_SEC_FIELDS);
	CU_ASSERT_EQUAL_FATAL(req.secs[0].nfields, 3);
	CU_ASSERT_STRING_EQUAL(req.secs[0].fields[1], "To");
	CU_ASSERT(req.secs[0].peek && req.secs[0].partial);
	CU_ASSERT_EQUAL(req.secs[0].origin, 10);
	CU_ASSERT_EQUAL(req.secs[0].count, 20);
	CU_ASSERT_STRING_EQUAL(req.secs[1].name, "RFC822.HEADER");
	CU_ASSERT(req.secs[1].peek);
	CU_ASSERT_STRING_EQUAL(req.secs[2].name, "BODY[]");
	CU_ASSERT_STRING_EQUAL(req.secs[3].name, "RFC822.TEXT");
	CU_ASSERT_STRING_EQUAL(req.secs[5].name, "BODY[3.MIME]");
	CU_ASSERT_EQUAL(req.secs[5].what, IMAP_SEC_MIME);
	CU_ASSERT_STRING_EQUAL(req.secs[6].name, "BODY[TEXT]<0>");
	CU_ASSERT(req.sets_seen && req.needs_parse);
	imap_fetch_req_free(&req);

	CU_ASSERT_EQUAL(parse_items("BODY.PEEK[HEADER]", false, &req, &err), 0);
	CU_ASSERT(!req.sets_seen && req.needs_file && !req.needs_parse);
	imap_fetch_req_free(&req);
	CU_ASSERT_EQUAL(parse_items("BODY[]<4294967295.4294967295>", false, &req, &err), 0);
	imap_fetch_req_free(&req);
}

static void test_parse_bad(void)
{
	expect_bad("()", "Expected FETCH items");
	expect_bad("\"FLAGS\"", "Expected FETCH items");
	expect_bad("(FLAGS ALL)", "Invalid FETCH item");
	expect_bad("BODY[MIME]", "Invalid section");
	expect_bad("BODY[0]", "Invalid section part number");
	expect_bad("BODY[1.]", "Section ends in a dot");
	expect_bad("BODY[HEADER.FIELDS]", "Expected a list of header field names");
	expect_bad("BODY[HEADER.FIELDS ()]", "Invalid header field name");
	expect_bad("BODY[HEADER.FIELDS (a:b)]", "Expected a space or ) in the header field list");
	expect_bad("BODY[TEXT", "parser");
	expect_bad("BODY[TEXT ]", "Expected ] after the section");
	expect_bad("BODY[]<1>", "Invalid partial range");
	expect_bad("BODY[]<1.0>", "Invalid partial range");
	expect_bad("BODY[]<4294967296.1>", "Invalid partial range");
	expect_bad("BODY[]x", "Junk after the section");
	expect_bad("BODY[TEXTX]", "Invalid section");
	expect_bad("BODY[4294967296]", "Invalid section part number");

	/* caps: exactly at each one is fine, one past is BAD */
	struct buf b = BUF_INIT(200000);
	struct imap_fetch_req req;
	const char *err;
	CU_ASSERT_EQUAL(buf_append_str(&b, "BODY["), 0);
	for (int i = 0; i < IMAP_FETCH_PART_DEPTH_MAX; i++)
		CU_ASSERT_EQUAL(buf_append_str(&b, i ? ".1" : "1"), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, "]"), 0);
	CU_ASSERT_EQUAL(parse_items(b.data, false, &req, &err), 0);
	imap_fetch_req_free(&req);
	buf_truncate(&b, b.len - 1);
	CU_ASSERT_EQUAL(buf_append_str(&b, ".1]"), 0);
	expect_bad(b.data, "Section nested too deeply");

	buf_reset(&b);
	CU_ASSERT_EQUAL(buf_append_str(&b, "BODY[HEADER.FIELDS ("), 0);
	for (int i = 0; i < IMAP_FETCH_FIELDS_MAX; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "%sF%d", i ? " " : "", i), 0);
	CU_ASSERT_EQUAL(buf_append_str(&b, ")]"), 0);
	CU_ASSERT_EQUAL(parse_items(b.data, false, &req, &err), 0);
	imap_fetch_req_free(&req);
	buf_truncate(&b, b.len - 2);
	CU_ASSERT_EQUAL(buf_append_str(&b, " X)]"), 0);
	expect_bad(b.data, "Too many header field names");

	char name[IMAP_FETCH_FIELD_NAME_MAX + 2];
	memset(name, 'n', sizeof(name));
	name[IMAP_FETCH_FIELD_NAME_MAX] = '\0';
	buf_reset(&b);
	CU_ASSERT_EQUAL(buf_printf(&b, "BODY[HEADER.FIELDS (%s)]", name), 0);
	CU_ASSERT_EQUAL(parse_items(b.data, false, &req, &err), 0);
	imap_fetch_req_free(&req);
	name[IMAP_FETCH_FIELD_NAME_MAX] = 'n';
	name[IMAP_FETCH_FIELD_NAME_MAX + 1] = '\0';
	buf_reset(&b);
	CU_ASSERT_EQUAL(buf_printf(&b, "BODY[HEADER.FIELDS (%s)]", name), 0);
	expect_bad(b.data, "Header field name too long");

	buf_reset(&b);
	CU_ASSERT_EQUAL(buf_putc(&b, '('), 0);
	for (int i = 0; i < IMAP_FETCH_ITEMS_MAX; i++)
		CU_ASSERT_EQUAL(buf_append_str(&b, i ? " BODY[]" : "BODY[]"), 0);
	CU_ASSERT_EQUAL(buf_putc(&b, ')'), 0);
	CU_ASSERT_EQUAL(parse_items(b.data, false, &req, &err), 0);
	imap_fetch_req_free(&req);
	buf_truncate(&b, b.len - 1);
	CU_ASSERT_EQUAL(buf_append_str(&b, " UID)"), 0);
	expect_bad(b.data, "Too many FETCH items");
	buf_free(&b);
}

/* The bytes a plan sends, built the way cmd_fetch sends them. */
static void plan_bytes(const char *msg, size_t n, const char *items, struct buf *out, bool *nil)
{
	struct imap_fetch_req req;
	struct imap_fetch_plan plan;
	const char *err;
	struct mime_part *root = mime_parse(msg, n, IMAP_MIME_PARSE_FLAGS);

	buf_reset(out);
	CU_ASSERT_EQUAL_FATAL(parse_items(items, false, &req, &err), 0);
	CU_ASSERT_EQUAL_FATAL(imap_fetch_plan(&req.secs[0], msg, n, req.needs_parse ? root : NULL,
					      &plan), 0);
	*nil = plan.nil;
	if (plan.from_file) {
		uint64_t left = plan.size;
		size_t pos = (size_t)plan.raw_off;
		if (plan.lf_first && left > 0) {
			CU_ASSERT_EQUAL(buf_putc(out, '\n'), 0);
			left--;
		}
		while (left > 0) {
			char c = msg[pos];
			if (c == '\n' && !(pos > 0 && msg[pos - 1] == '\r')) {
				CU_ASSERT_EQUAL(buf_putc(out, '\r'), 0);
				if (--left == 0)
					break;
			}
			CU_ASSERT_EQUAL(buf_putc(out, c), 0);
			left--;
			pos++;
		}
	} else {
		CU_ASSERT_EQUAL(buf_append(out, plan.mem.data != NULL ? plan.mem.data : "", plan.mem.len), 0);
		CU_ASSERT_EQUAL(plan.mem.len, plan.size);
	}
	buf_free(&plan.mem);
	imap_fetch_req_free(&req);
	mime_free(&root);
}

static void expect_body(const char *msg, const char *items, const char *want)
{
	struct buf b = BUF_INIT(1000000);
	bool nil;
	plan_bytes(msg, strlen(msg), items, &b, &nil);
	if (want == NULL) {
		CU_ASSERT(nil);
	} else {
		CU_ASSERT(!nil);
		if (strcmp(buf_cstr(&b), want) != 0)
			fprintf(stderr, "\n%s: got [%s]\n", items, buf_cstr(&b));
		CU_ASSERT_STRING_EQUAL(buf_cstr(&b), want);
	}
	buf_free(&b);
}

static const char MSG[] =
	"From: a@b\n"
	"To: c@d\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/mixed; boundary=b1\n"
	"\n"
	"pre\n"
	"--b1\n"
	"Content-Type: text/plain\n"
	"\n"
	"one\n"
	"--b1\n"
	"Content-Type: message/rfc822\n"
	"\n"
	"Subject: in\n"
	"X: y\n"
	"\n"
	"inner\n"
	"--b1--\n";

static void test_plan(void)
{
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[]", "A: 1\r\nB: 2\r\n\r\nbody\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[HEADER]", "A: 1\r\nB: 2\r\n\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[TEXT]", "body\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[1]", "body\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[2]", NULL);
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[HEADER.FIELDS (b)]", "B: 2\r\n\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[HEADER.FIELDS.NOT (b)]", "A: 1\r\n\r\n");
	/* partials in CRLF octets, one cutting a converted CRLF in two */
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[]<4.3>", "\r\nB");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[]<5.3>", "\nB:");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[]<18.100>", "\r\n");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[]<20.100>", "");
	expect_body("A: 1\nB: 2\n\nbody\n", "BODY[HEADER.FIELDS (A)]<2.3>", " 1\r");
	expect_body("A: 1\r\n\r\nx\r\n", "BODY[]", "A: 1\r\n\r\nx\r\n");
	/* parts: the line end before a boundary is the boundary's */
	expect_body(MSG, "BODY[1]", "one");
	expect_body(MSG, "BODY[1.MIME]", "Content-Type: text/plain\r\n\r\n");
	expect_body(MSG, "BODY[2]", "Subject: in\r\nX: y\r\n\r\ninner");
	expect_body(MSG, "BODY[2.HEADER]", "Subject: in\r\nX: y\r\n\r\n");
	expect_body(MSG, "BODY[2.HEADER.FIELDS (x)]", "X: y\r\n\r\n");
	expect_body(MSG, "BODY[2.TEXT]", "inner");
	expect_body(MSG, "BODY[2.1]", "inner");
	expect_body(MSG, "BODY[1.1]", NULL);
	expect_body(MSG, "BODY[3]", NULL);
	expect_body(MSG, "BODY[1.TEXT]", NULL);
	expect_body(MSG, "BODY[HEADER.FIELDS (to from)]", "From: a@b\r\nTo: c@d\r\n\r\n");
	/* NULs pass through */
	struct buf b = BUF_INIT(1000);
	bool nil;
	plan_bytes("A: \0\n\n\0x\n", 9, "BODY[TEXT]", &b, &nil);
	CU_ASSERT_EQUAL(b.len, 4);
	CU_ASSERT_EQUAL(memcmp(b.data, "\0x\r\n", 4), 0);
	buf_free(&b);
	CU_ASSERT_EQUAL(imap_fetch_crlf_size("a\r\nb\n", 0, 5), 6);
	CU_ASSERT_EQUAL(imap_fetch_crlf_size("a\r\nb\n", 2, 3), 4);
}

void suite_imap_fetch_body(void);
void suite_imap_fetch_body(void)
{
	CU_pSuite s = cutest_suite("imap_fetch_body");

	cutest_add(s, "parse", test_parse);
	cutest_add(s, "parse_bad", test_parse_bad);
	cutest_add(s, "plan", test_plan);
}
