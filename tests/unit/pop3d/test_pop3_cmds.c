/*
 * test_pop3_cmds.c - pop3d's session on a real temporary Maildir, driven
 * through a callback stream: the replies to valid commands, and to hostile
 * ones (NULs, 8-bit verbs, numbers that overflow, deleted messages, missing
 * arguments, a vanished message file), UPDATE only at QUIT, and the
 * invalid-command cap.
 *
 * Trust:   every command line here is hostile input.
 * Tests:   pop3d/pop3_cmds.c (the whole wire: tests/protocol/pop3/ *.t)
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cutest.h"
#include "buf.h"
#include "maildir_pop3.h"
#include "stream.h"
#include "pop3_cmds.h"
#include "pop3_proto.h"

struct io {
	struct buf out;
	const char *in;        /* pop3_session_run()'s input, or NULL */
	size_t in_off;
};

/* One line per read, as a client that waits for each reply sends them:
   pop3d sees no input pending between commands (and reads ahead). */
static ssize_t io_read(void *ctx, void *p, size_t n, int timeout_ms ATTR_UNUSED)
{
	struct io *io = ctx;
	const char *start, *nl;
	size_t len;

	if (io->in == NULL || io->in[io->in_off] == '\0')
		return 0;   /* commands are fed with pop3_session_command() */
	start = io->in + io->in_off;
	nl = strchr(start, '\n');
	len = nl != NULL ? (size_t)(nl - start) + 1 : strlen(start);
	if (len > n)
		len = n;
	memcpy(p, start, len);
	io->in_off += len;
	return (ssize_t)len;
}

static ssize_t io_write(void *ctx, const void *p, size_t n, int timeout_ms ATTR_UNUSED)
{
	struct io *io = ctx;

	if (buf_append(&io->out, p, n) < 0)
		return -1;
	return (ssize_t)n;
}

struct fixture {
	char *dir;
	struct maildir_pop3 box;
	struct stream *s;
	struct io io;
	struct pop3_session ps;
};

static void put(const char *dir, const char *sub, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
}

/* dir/cur/name: n bytes, every k-th one (the k-th, 2k-th, ...) is mark,
   the others fill. */
static void put_pattern(const char *dir, const char *name, size_t n, size_t k, char mark,
			char fill)
{
	char path[4096];
	size_t i;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/cur/%s", dir, name);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	for (i = 0; i < n; i++)
		fputc(i % k == k - 1 ? mark : fill, fp);
	fclose(fp);
}

static void fx_open(struct fixture *f)
{
	const char *err = NULL;
	char p[4096];

	memset(f, 0, sizeof(*f));
	f->dir = cutest_tmpdir("pop3cmds");
	snprintf(p, sizeof(p), "%s/tmp", f->dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/new", f->dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/cur", f->dir);
	mkdir(p, 0700);
	put(f->dir, "cur", "1600000000.M1P1.t:2,S", "From: a\nSubject: 1\n\nbody\n");
	put(f->dir, "new", "1700000001.M1P1.t", ".\n..\nx");
	CU_ASSERT_EQUAL_FATAL(maildir_pop3_open(&f->box, f->dir, &err), 0);
	buf_init(&f->io.out, 16 << 20);
	f->s = stream_new_cb(io_read, io_write, &f->io, NULL);
	pop3_session_init(&f->ps, f->s, &f->box);
}

static void fx_close(struct fixture *f)
{
	pop3_session_deinit(&f->ps);
	stream_free(&f->s);
	maildir_pop3_close(&f->box);
	buf_free(&f->io.out);
	cutest_rmtree(f->dir);
	free(f->dir);
}

/* Run one command; its reply is compared whole. */
static void expect(struct fixture *f, const char *line, size_t len, int ret, const char *want)
{
	int r;

	buf_reset(&f->io.out);
	r = pop3_session_command(&f->ps, line, len);
	(void)stream_flush(f->s);
	if (r != ret || strcmp(buf_cstr(&f->io.out), want) != 0) {
		printf("command \"%s\": got %d \"%s\", want %d \"%s\"\n", line, r,
		       buf_cstr(&f->io.out), ret, want);
		CU_FAIL("reply");
	}
}

#define EXPECT(f, line, ret, want) expect((f), (line), strlen(line), (ret), (want))

static void test_commands(void)
{
	struct fixture f;

	fx_open(&f);
	EXPECT(&f, "STAT", 0, "+OK 2 39\r\n");
	EXPECT(&f, "LIST", 0, "+OK POP3 clients that break here, they violate STD53.\r\n"
	       "1 29\r\n2 10\r\n.\r\n");
	EXPECT(&f, "RETR 2", 0, "+OK 10 octets follow.\r\n..\r\n...\r\nx\r\n.\r\n");
	EXPECT(&f, "TOP 1 0", 0, "+OK headers follow.\r\nFrom: a\r\nSubject: 1\r\n\r\n.\r\n");
	EXPECT(&f, "NOOP", 0, "+OK Yup.\r\n");
	fx_close(&f);
}

static void test_hostile(void)
{
	struct fixture f;
	static const char nul[] = "LIST\0 1";

	fx_open(&f);
	EXPECT(&f, "", 0, "-ERR Invalid command.\r\n");
	expect(&f, nul, sizeof(nul) - 1, 0, "-ERR Invalid command.\r\n");
	EXPECT(&f, "L\xc3\x8fST", 0, "-ERR Invalid command.\r\n");
	EXPECT(&f, "LIST 18446744073709551616", 0, "-ERR Invalid message number: digits only, after one space.\r\n");
	EXPECT(&f, "LIST 3", 0, "-ERR Invalid message number.\r\n");
	EXPECT(&f, "RETR 0", 0, "-ERR Invalid message number.\r\n");
	EXPECT(&f, "TOP 1", 0, "-ERR Invalid command.\r\n");
	EXPECT(&f, "TOP x 1", 0, "-ERR Invalid message number: digits only, after one space.\r\n");
	EXPECT(&f, "RETR 1x", 0, "-ERR Invalid message number: digits only, after one space.\r\n");
	EXPECT(&f, "RETR  1", 0, "-ERR Invalid message number: digits only, after one space.\r\n");
	EXPECT(&f, "TOP 1 -1", 0, "-ERR Invalid line count: digits only (no sign), at most 2^63-1.\r\n");
	EXPECT(&f, "TOP 1 99999999999999999999", 0,
	       "-ERR Invalid line count: digits only (no sign), at most 2^63-1.\r\n");
	EXPECT(&f, "TOP 1 9223372036854775807", 0,
	       "+OK headers follow.\r\nFrom: a\r\nSubject: 1\r\n\r\nbody\r\n.\r\n");
	EXPECT(&f, "DELE 1", 0, "+OK Deleted.\r\n");
	EXPECT(&f, "RETR 1", 0, "-ERR Invalid message number.\r\n");
	EXPECT(&f, "UIDL 1", 0, "-ERR Invalid message number.\r\n");
	EXPECT(&f, "STAT", 0, "+OK 1 10\r\n");
	EXPECT(&f, "RSET", 0, "+OK Resurrected.\r\n");
	EXPECT(&f, "STAT", 0, "+OK 2 39\r\n");
	fx_close(&f);
}

/* A file removed behind the session's back: an error, the session goes on. */
static void test_vanished(void)
{
	struct fixture f;
	char p[4096];

	fx_open(&f);
	snprintf(p, sizeof(p), "%s/cur/%s", f.dir, f.box.m[0].name);
	CU_ASSERT_EQUAL(unlink(p), 0);
	EXPECT(&f, "RETR 1", 0, "-ERR Can't open the message file - it's gone!\r\n");
	EXPECT(&f, "NOOP", 0, "+OK Yup.\r\n");
	fx_close(&f);
}

/* Deletions happen at QUIT, and only there. */
static void test_update_at_quit(void)
{
	struct fixture f;
	char p[4096];
	struct stat st;

	fx_open(&f);
	EXPECT(&f, "DELE 2", 0, "+OK Deleted.\r\n");
	snprintf(p, sizeof(p), "%s/cur/%s", f.dir, f.box.m[1].name);
	CU_ASSERT_EQUAL(stat(p, &st), 0);
	EXPECT(&f, "QUIT", -1, "+OK Bye-bye.\r\n");
	CU_ASSERT_EQUAL(stat(p, &st), -1);
	CU_ASSERT(f.ps.quit);
	fx_close(&f);
}

/* Messages larger than the reply buffer: empty lines (the encoding doubles
   them), pieces of any size, the right bytes and count. */
static void test_big_message(void)
{
	struct fixture f;
	const char *err = NULL;
	size_t n = 3 * (1 << 20) + 17;
	char status[64];
	const char *o;

	fx_open(&f);
	put_pattern(f.dir, "1800000000.M1P1.big:2,S", n, 1000, '.', '\n');
	maildir_pop3_close(&f.box);
	CU_ASSERT_EQUAL_FATAL(maildir_pop3_open(&f.box, f.dir, &err), 0);
	CU_ASSERT_EQUAL_FATAL(f.box.n, 3);
	buf_reset(&f.io.out);
	CU_ASSERT_EQUAL(pop3_session_command(&f.ps, "RETR 3", 6), 0);
	(void)stream_flush(f.s);
	o = buf_cstr(&f.io.out);
	snprintf(status, sizeof(status), "+OK %llu octets follow.\r\n",
		 (unsigned long long)f.box.m[2].size);
	CU_ASSERT(strncmp(o, status, strlen(status)) == 0);
	/* every '.' starts a line (after a LF): each one is stuffed */
	CU_ASSERT_EQUAL(f.io.out.len, strlen(status) + f.box.m[2].size + (n / 1000) + 3);
	CU_ASSERT(memcmp(o + f.io.out.len - 5, "\r\n.\r\n", 5) == 0);
	fx_close(&f);
}

/* The size a name states (S=) may be wrong: a file shorter or longer than
   it says, even by megabytes, still goes out whole and exact. */
static void test_size_lies(void)
{
	struct fixture f;
	const char *err = NULL, *o;
	char want[256];
	size_t n = 2 * (1 << 20) + 5;

	fx_open(&f);
	put(f.dir, "cur", "1800000001.M1P1.short,S=3:2,S", "Subject: s\n\nfirst line\nsecond\n");
	put(f.dir, "cur", "1800000002.M1P1.long,S=99999:2,S", "A: b\n\nxy");
	put_pattern(f.dir, "1800000003.M1P1.big,S=10:2,S", n, 100, '\n', 'a');
	maildir_pop3_close(&f.box);
	CU_ASSERT_EQUAL_FATAL(maildir_pop3_open(&f.box, f.dir, &err), 0);
	CU_ASSERT_EQUAL_FATAL(f.box.n, 5);
	snprintf(want, sizeof(want), "+OK %llu octets follow.\r\nSubject: s\r\n\r\n"
		 "first line\r\nsecond\r\n.\r\n", (unsigned long long)f.box.m[2].size);
	EXPECT(&f, "RETR 3", 0, want);
	snprintf(want, sizeof(want), "+OK %llu octets follow.\r\nA: b\r\n\r\nxy\r\n.\r\n",
		 (unsigned long long)f.box.m[3].size);
	EXPECT(&f, "RETR 4", 0, want);
	buf_reset(&f.io.out);
	CU_ASSERT_EQUAL(pop3_session_command(&f.ps, "RETR 5", 6), 0);
	(void)stream_flush(f.s);
	o = buf_cstr(&f.io.out);
	snprintf(want, sizeof(want), "+OK %llu octets follow.\r\n",
		 (unsigned long long)f.box.m[4].size);
	CU_ASSERT(strncmp(o, want, strlen(want)) == 0);
	CU_ASSERT_EQUAL(f.box.m[4].size, n + n / 100 + 2);
	CU_ASSERT_EQUAL(f.io.out.len, strlen(want) + f.box.m[4].size + 3);
	CU_ASSERT(memcmp(o + f.io.out.len - 7, "aa\r\n.\r\n", 7) == 0);
	fx_close(&f);
}

/* A directory or a FIFO where a message was: -ERR or an empty message, the
   session goes on and nothing waits. */
static void test_not_a_file(void)
{
	struct fixture f;
	char p[4096], want[128];

	fx_open(&f);
	snprintf(p, sizeof(p), "%s/cur/%s", f.dir, f.box.m[0].name);
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
	EXPECT(&f, "RETR 1", 0, "-ERR Can't read the message file.\r\n");
	EXPECT(&f, "NOOP", 0, "+OK Yup.\r\n");
	snprintf(p, sizeof(p), "%s/cur/%s", f.dir, f.box.m[1].name);
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(mkfifo(p, 0600), 0);
	snprintf(want, sizeof(want), "+OK %llu octets follow.\r\n\r\n.\r\n",
		 (unsigned long long)f.box.m[1].size);
	EXPECT(&f, "RETR 2", 0, want);
	EXPECT(&f, "NOOP", 0, "+OK Yup.\r\n");
	fx_close(&f);
}

/* pop3_session_run() reads message n+1 ahead after RETR n: a directory in
   its place, a message too big to read ahead and a deleted one all get the
   replies they get without it, byte for byte. */
static void test_read_ahead(void)
{
	struct fixture f;
	const char *err = NULL;
	char p[4096], *want;
	size_t n = 200000, i, wl;

	fx_open(&f);
	put_pattern(f.dir, "1800000003.M1P1.big:2,S", n, 100, '\n', 'b');
	put(f.dir, "cur", "1800000004.M1P1.last:2,S", "S: 4\n\nfour\n");
	maildir_pop3_close(&f.box);
	CU_ASSERT_EQUAL_FATAL(maildir_pop3_open(&f.box, f.dir, &err), 0);
	CU_ASSERT_EQUAL_FATAL(f.box.n, 4);
	/* message 2 becomes a directory once the session has its list */
	snprintf(p, sizeof(p), "%s/cur/%s", f.dir, f.box.m[1].name);
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(mkdir(p, 0700), 0);
	f.io.in = "RETR 1\r\nRETR 2\r\nRETR 3\r\nDELE 4\r\nRETR 4\r\nRSET\r\n"
		  "RETR 4\r\nQUIT\r\n";
	CU_ASSERT_EQUAL(pop3_session_run(&f.ps), POP3_END_QUIT);
	wl = 4096 + 2 * n;
	want = malloc(wl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	i = (size_t)snprintf(want, wl, "+OK 29 octets follow.\r\nFrom: a\r\nSubject: 1\r\n\r\n"
			     "body\r\n.\r\n-ERR Can't read the message file.\r\n"
			     "+OK %llu octets follow.\r\n", (unsigned long long)f.box.m[2].size);
	for (size_t k = 0; k < n / 100; k++) {
		memset(want + i, 'b', 99);
		memcpy(want + i + 99, "\r\n", 2);
		i += 101;
	}
	i += (size_t)snprintf(want + i, wl - i, ".\r\n+OK Deleted.\r\n"
			      "-ERR Invalid message number.\r\n+OK Resurrected.\r\n"
			      "+OK 14 octets follow.\r\nS: 4\r\n\r\nfour\r\n.\r\n"
			      "+OK Bye-bye.\r\n");
	CU_ASSERT_EQUAL(f.io.out.len, i);
	CU_ASSERT(f.io.out.len == i && memcmp(f.io.out.data, want, i) == 0);
	if (f.io.out.len == i && memcmp(f.io.out.data, want, i) != 0)
		for (size_t k = 0; k < i; k++)
			if (f.io.out.data[k] != want[k]) {
				printf("differs at %zu: got \"%.40s\" want \"%.40s\"\n", k,
				       f.io.out.data + k, want + k);
				break;
			}
	free(want);
	fx_close(&f);
}

/* Message fds closed in runs must not cost a RETR under a low fd limit:
   with room for one more fd, two RETRs in a row still work. */
static int low_fd_limit_child(void)
{
	struct fixture f;
	struct rlimit rl;
	int probe, r = 0;

	fx_open(&f);
	/* the first RETR opens cur/ and holds its message fd back */
	EXPECT(&f, "RETR 2", 0, "+OK 10 octets follow.\r\n..\r\n...\r\nx\r\n.\r\n");
	probe = dup(0);
	if (probe < 0)
		return 10;
	close(probe);
	rl.rlim_cur = rl.rlim_max = (rlim_t)probe + 1;   /* one fd more, no second */
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 11;
	buf_reset(&f.io.out);
	if (pop3_session_command(&f.ps, "RETR 1", 6) != 0)
		r = 12;
	(void)stream_flush(f.s);
	if (strcmp(buf_cstr(&f.io.out), "+OK 29 octets follow.\r\nFrom: a\r\nSubject: 1\r\n\r\n"
		   "body\r\n.\r\n") != 0)
		r = 13;
	buf_reset(&f.io.out);
	if (pop3_session_command(&f.ps, "RETR 2", 6) != 0)
		r = 14;
	(void)stream_flush(f.s);
	if (strcmp(buf_cstr(&f.io.out), "+OK 10 octets follow.\r\n..\r\n...\r\nx\r\n.\r\n") != 0)
		r = 15;
	fx_close(&f);
	return r;
}

static void test_low_fd_limit(void)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		_exit(low_fd_limit_child());
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		printf("low fd limit: step %d failed\n", WEXITSTATUS(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
}

static void test_bad_cap(void)
{
	struct fixture f;
	int i;

	fx_open(&f);
	for (i = 1; i < POP3_BAD_COMMANDS_MAX; i++)
		EXPECT(&f, "XXXX", 0, "-ERR Invalid command.\r\n");
	EXPECT(&f, "XXXX", -1, "-ERR Too many invalid commands, closing connection.\r\n");
	fx_close(&f);
}

void suite_pop3_cmds(void);
void suite_pop3_cmds(void)
{
	CU_pSuite s = cutest_suite("pop3_cmds");

	cutest_add(s, "commands", test_commands);
	cutest_add(s, "hostile lines", test_hostile);
	cutest_add(s, "vanished file", test_vanished);
	cutest_add(s, "UPDATE at QUIT only", test_update_at_quit);
	cutest_add(s, "message larger than the reply buffer", test_big_message);
	cutest_add(s, "sizes in names that lie", test_size_lies);
	cutest_add(s, "directory or FIFO for a message", test_not_a_file);
	cutest_add(s, "read-ahead", test_read_ahead);
	cutest_add(s, "message fds under a low fd limit", test_low_fd_limit);
	cutest_add(s, "invalid-command cap", test_bad_cap);
}
