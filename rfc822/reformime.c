/*
 * reformime.c - Courier's MIME tool on stdin: the section list, -i (the
 * structure with offsets), -s SECTION[,SECTION...] with -e (decoded to
 * stdout), -xPREFIX (to files) or -X PROG ARGS (piped to a program).
 *
 * Output matches Debian's reformime (maildrop package) byte for byte; the
 * deliberate differences are listed in tests/interop/run-reformime-compare.
 *
 * Trust:   the message is untrusted; the command line is the caller's.
 * Runs as: the invoking user.
 * Limits:  the message is mmap'ed (stdin is first copied to a temporary
 *          file when it is not one); memory does not grow with its size.
 * Tests:   tests/interop/run-reformime-compare, tests/unit/rfc822/test_reformime.c.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "charset.h"
#include "fdio.h"
#include "log.h"
#include "mime.h"
#include "mime_decode.h"
#include "xmalloc.h"

#define REFORMIME_CHUNK 65536

struct msg {
	const char *data;
	size_t len;
	struct mime_part *root;
};

static NORETURN void usage(void)
{
	fprintf(stderr, "Usage: reformime [-i] [-s SECTION[,SECTION...]] [-e | -xPREFIX | -X PROG [ARGS...]]\n");
	exit(1);
}

/* stdin as one read-only mapping (a copy in a temporary file for a pipe). */
static void load_stdin(struct msg *m)
{
	struct mime_parser *mp;
	struct stat st;
	int fd = 0;

	if (fstat(0, &st) < 0 || !S_ISREG(st.st_mode) || lseek(0, 0, SEEK_CUR) != 0) {
		char tmpl[] = "/tmp/reformime.XXXXXX";
		char buf[REFORMIME_CHUNK];
		ssize_t r;

		fd = mkstemp(tmpl);
		if (fd < 0)
			die(75, "reformime: cannot create a temporary file: %s", strerror(errno));
		unlink(tmpl);
		while ((r = read(0, buf, sizeof(buf))) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				die(75, "reformime: read error: %s", strerror(errno));
			}
			if (fd_write_all(fd, buf, (size_t)r) < 0)
				die(75, "reformime: write error: %s", strerror(errno));
		}
		if (fstat(fd, &st) < 0)
			die(75, "reformime: fstat: %s", strerror(errno));
	}
	m->len = (size_t)st.st_size;
	m->data = "";
	if (m->len > 0) {
		void *p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			die(75, "reformime: mmap: %s", strerror(errno));
		madvise(p, m->len, MADV_SEQUENTIAL);
		m->data = p;
	}
	if (fd != 0)
		close(fd);
	/* Courier's library sees the message in 8 KB reads; so do we */
	mp = mime_parser_new(MIME_PARSE_COURIER_STOP | MIME_PARSE_NO_GLOBAL | MIME_PARSE_COURIER_FLUSH);
	for (size_t off = 0; off < m->len; off += MIME_COURIER_READ)
		mime_parser_feed(mp, m->data + off,
				 m->len - off < MIME_COURIER_READ ? m->len - off : MIME_COURIER_READ);
	m->root = mime_parser_finish(&mp);
}

/* Courier's view of a part's end and line counts (rfc2045_mimepos). */
static void courier_pos(const struct mime_part *p, uint64_t *end, uint64_t *nl, uint64_t *nbl)
{
	*end = p->end;
	*nl = p->nlines;
	*nbl = p->nbodylines;
	if (p->parent != NULL) {
		*end = p->endbody;
		if (*nl > 0)
			(*nl)--;
		if (*nbl > 0)
			(*nbl)--;
	}
}

/* The charset reformime writes in: $CHARSET, else the locale's (Courier's
   rule: "US-ASCII" in the C locale, so names that need more are left out). */
static const char *display_cs;

static void set_display_charset(void)
{
	const char *cs = getenv("CHARSET");

	if (cs == NULL || cs[0] == '\0') {
		setlocale(LC_ALL, "");
		cs = nl_langinfo(CODESET);
		if (cs == NULL || cs[0] == '\0' || strcmp(cs, "ANSI_X3.4-1968") == 0)
			cs = "US-ASCII";
	}
	display_cs = cs;
}

/* A parameter as reformime shows it: a plain value as it is; an RFC 2231
   value converted to the display charset, or 1 (not shown) when it has
   bytes that charset or its own cannot take.  0 shown, -1 absent. */
static int param_for_display(const struct mime_param *list, const char *name, struct buf *out)
{
	struct buf raw = BUF_INIT(MIME_FIELD_MAX);
	char cs[64];
	bool ext;
	int rc;

	buf_reset(out);
	rc = mime_param_raw(list, name, &raw, cs, sizeof(cs), &ext);
	if (rc == 0) {
		if (!ext || cs[0] == '\0')
			rc = buf_append(out, buf_cstr(&raw), raw.len);
		else if (charset_convert_strict(cs, display_cs, buf_cstr(&raw), raw.len, out) < 0)
			rc = 1;
	}
	buf_free(&raw);
	return rc;
}

static const char *ctype_of(const struct mime_part *p)
{
	return p->content_type != NULL ? p->content_type : "text/plain";
}

static void print_lower(const char *label, const char *v)
{
	printf("%s: ", label);
	for (; *v != '\0'; v++)
		putchar(tolower((unsigned char)*v));
	putchar('\n');
}

static void print_info(const struct mime_part *p)
{
	struct buf name = BUF_INIT(MIME_FIELD_MAX * 4);
	const char *cs;
	uint64_t end, nl, nbl;

	if (mime_part_name(p, &name) < 0)
		return;
	printf("section: %s\n", buf_cstr(&name));
	printf("content-type: %s\n", ctype_of(p));
	if (param_for_display(p->type_params, "name", &name) == 0)
		printf("content-name: %s\n", buf_cstr(&name));
	printf("content-transfer-encoding: %s\n", p->encoding != NULL ? p->encoding : "8bit");
	cs = mime_param_get(p->type_params, "charset");
	if (cs != NULL)
		print_lower("charset", cs);
	else
		printf("charset: %s\n", display_cs);
	if (p->disposition != NULL && p->disposition[0] != '\0')
		printf("content-disposition: %s\n", p->disposition);
	if (param_for_display(p->disp_params, "name", &name) == 0)
		printf("content-disposition-name: %s\n", buf_cstr(&name));
	if (param_for_display(p->disp_params, "filename", &name) == 0)
		printf("content-disposition-filename: %s\n", buf_cstr(&name));
	if (p->content_id != NULL && p->content_id[0] != '\0')
		printf("content-id: %s\n", p->content_id);
	if (p->description != NULL && p->description[0] != '\0')
		printf("content-description: %s\n", p->description);
	if (p->language != NULL && p->language[0] != '\0')
		printf("content-language: %s\n", p->language);
	if (p->md5 != NULL && p->md5[0] != '\0')
		printf("content-md5: %s\n", p->md5);
	courier_pos(p, &end, &nl, &nbl);
	printf("starting-pos: %llu\n", (unsigned long long)p->start);
	printf("starting-pos-body: %llu\n", (unsigned long long)p->body);
	printf("ending-pos: %llu\n", (unsigned long long)end);
	printf("line-count: %llu\n", (unsigned long long)nl);
	printf("body-line-count: %llu\n", (unsigned long long)nbl);
	printf("\n");
	buf_free(&name);
}

typedef void part_fn(const struct msg *m, const struct mime_part *p, void *ctx);

static void walk(const struct msg *m, const struct mime_part *p, part_fn *fn, void *ctx)
{
	if (!p->is_dummy)
		fn(m, p, ctx);
	for (const struct mime_part *c = p->first; c != NULL; c = c->next)
		walk(m, c, fn, ctx);
}

static void cb_info(const struct msg *m, const struct mime_part *p, void *ctx)
{
	(void)m;
	(void)ctx;
	print_info(p);
}

static void cb_list(const struct msg *m, const struct mime_part *p, void *ctx)
{
	struct buf name = BUF_INIT(MIME_FIELD_MAX * 4);

	(void)m;
	(void)ctx;
	if (mime_part_name(p, &name) == 0)
		printf("%s\n", buf_cstr(&name));
	buf_free(&name);
}

/* The decoded body of p written to fd; -1 on a write error. */
static int write_decoded(const struct msg *m, const struct mime_part *p, int fd)
{
	struct mime_decoder d;
	struct buf out = BUF_INIT(BUF_MAX_UNLIMITED);
	uint64_t end, nl, nbl, off;
	int rc = 0;

	courier_pos(p, &end, &nl, &nbl);
	mime_decode_init(&d, mime_cte_of(p->encoding));
	for (off = p->body; off < end && rc == 0; off += REFORMIME_CHUNK) {
		size_t n = end - off < REFORMIME_CHUNK ? (size_t)(end - off) : REFORMIME_CHUNK;
		buf_reset(&out);
		if (mime_decode_feed(&d, m->data + off, n, &out) < 0)
			rc = -1;
		else if (out.len > 0 && fd_write_all(fd, out.data, out.len) < 0)
			rc = -1;
	}
	buf_reset(&out);
	if (rc == 0 && mime_decode_finish(&d, &out) == 0 && out.len > 0 &&
	    fd_write_all(fd, out.data, out.len) < 0)
		rc = -1;
	buf_free(&out);
	return rc;
}

/* The file name reformime gives a part: the disposition's filename, else
   the type's name, else attachmentN.dat; of a long name the last
   REFORMIME_NAME_MAX bytes; every byte but letters, digits and "-_."
   becomes '_', so a name never leaves the directory. */
#define REFORMIME_NAME_MAX 32
static void default_filename(const struct mime_part *p, unsigned n, struct buf *out)
{
	struct buf v = BUF_INIT(MIME_FIELD_MAX * 4);
	const char *s;

	buf_reset(out);
	if (param_for_display(p->disp_params, "filename", &v) != 0 || v.len == 0)
		if (param_for_display(p->type_params, "name", &v) != 0 || v.len == 0)
			buf_reset(&v);
	if (v.len == 0) {
		if (buf_printf(out, "attachment%u.dat", n) < 0)
			panic("reformime: file name over its cap");
		buf_free(&v);
		return;
	}
	s = v.data + (v.len > REFORMIME_NAME_MAX ? v.len - REFORMIME_NAME_MAX : 0);
	for (; s < v.data + v.len; s++) {
		unsigned char c = (unsigned char)*s;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
		if (buf_putc(out, ok ? (char)c : '_') < 0)
			panic("reformime: file name over its cap");
	}
	buf_free(&v);
}

struct extract {
	const char *prefix;      /* -x */
	char **prog;             /* -X */
	unsigned count;
	unsigned clash;          /* name clashes so far: the N of PREFIXN-name */
	int status;
	bool explicit;           /* -s named the sections */
};

static void extract_one(const struct msg *m, const struct mime_part *p, void *ctx)
{
	struct extract *x = ctx;
	struct buf fname = BUF_INIT(MIME_FIELD_MAX * 4 + 256);
	struct buf path = BUF_INIT(MIME_FIELD_MAX * 4 + 4096);

	if (x->status != 0)
		return;
	if (mime_is_multipart(p) || mime_is_message(p)) {
		if (x->explicit) {
			struct buf nm = BUF_INIT(MIME_FIELD_MAX);
			if (mime_part_name(p, &nm) == 0)
				fprintf(stderr, "reformime: MIME section %s is a compound section.\n",
					buf_cstr(&nm));
			buf_free(&nm);
			x->status = 1;
		}
		return;
	}
	x->count++;
	default_filename(p, x->count, &fname);
	if (x->prog == NULL) {
		int fd;
		/* never overwrite: PREFIXname, then PREFIX1-name, PREFIX2-name... */
		for (;;) {
			buf_reset(&path);
			if ((x->clash == 0 ? buf_printf(&path, "%s%s", x->prefix, buf_cstr(&fname)) :
			     buf_printf(&path, "%s%u-%s", x->prefix, x->clash, buf_cstr(&fname))) < 0)
				die(1, "reformime: file name too long");
			fd = open(buf_cstr(&path), O_WRONLY | O_CREAT | O_EXCL, 0666);
			if (fd >= 0 || errno != EEXIST)
				break;
			/* said only to a person, as Debian's does */
			if (isatty(2))
				fprintf(stderr, "%s exists.\n", buf_cstr(&path));
			x->clash++;
		}
		if (fd < 0) {
			perror(buf_cstr(&path));
			x->status = 1;
		} else {
			if (write_decoded(m, p, fd) < 0 || close(fd) < 0) {
				perror(buf_cstr(&path));
				x->status = 1;
			}
		}
	} else {
		int pfd[2], st;
		pid_t pid;

		fflush(stdout);
		if (pipe(pfd) < 0)
			die(75, "reformime: pipe: %s", strerror(errno));
		pid = fork();
		if (pid < 0)
			die(75, "reformime: fork: %s", strerror(errno));
		if (pid == 0) {
			close(pfd[1]);
			if (dup2(pfd[0], 0) < 0)
				_exit(127);
			close(pfd[0]);
			setenv("CONTENT_TYPE", ctype_of(p), 1);
			setenv("FILENAME", buf_cstr(&fname), 1);
			execvp(x->prog[0], x->prog);
			perror(x->prog[0]);
			_exit(127);
		}
		close(pfd[0]);
		(void)write_decoded(m, p, pfd[1]);   /* EPIPE: the program stopped reading */
		close(pfd[1]);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			x->status = 20 + (WIFEXITED(st) ? WEXITSTATUS(st) : 128);
			fprintf(stderr, "reformime: %s exited with status %d.\n", x->prog[0],
				x->status - 20);
		}
	}
	buf_free(&fname);
	buf_free(&path);
}

int main(int argc, char **argv)
{
	struct msg m;
	const char *sections = NULL;
	bool info = false, extract_e = false;
	struct extract x = { NULL, NULL, 0, 0, 0, false };
	int i;

	log_init("reformime");
	set_display_charset();
	signal(SIGPIPE, SIG_IGN);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-i") == 0) {
			info = true;
		} else if (strcmp(a, "-e") == 0) {
			extract_e = true;
		} else if (strncmp(a, "-s", 2) == 0) {
			if (a[2] != '\0')
				sections = a + 2;
			else if (++i < argc)
				sections = argv[i];
			else
				usage();
		} else if (strncmp(a, "-x", 2) == 0) {
			if (a[2] == '\0')
				die(1, "reformime: interactive -x is not supported; use -xPREFIX");
			x.prefix = a + 2;
		} else if (strcmp(a, "-X") == 0) {
			if (++i >= argc)
				usage();
			x.prog = argv + i;
			break;
		} else {
			usage();
		}
	}
	if (extract_e && sections == NULL)
		usage();
	load_stdin(&m);

	if (sections == NULL) {
		if (x.prefix != NULL || x.prog != NULL)
			walk(&m, m.root, extract_one, &x);
		else
			walk(&m, m.root, info ? cb_info : cb_list, NULL);
	} else {
		char *copy = xstrdup(sections), *save = NULL, *tok;
		for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
			const struct mime_part *p = mime_find_courier(m.root, tok);
			if (p == NULL) {
				fprintf(stderr, "reformime: MIME section %s not found.\n", tok);
				exit(1);
			}
			if (extract_e) {
				fflush(stdout);
				if (write_decoded(&m, p, 1) < 0)
					exit(1);
			} else if (x.prefix != NULL || x.prog != NULL) {
				x.explicit = true;
				extract_one(&m, p, &x);
				if (x.status != 0)
					break;
			} else if (info) {
				print_info(p);
			} else {
				cb_list(&m, p, NULL);
			}
		}
		free(copy);
	}
	fflush(stdout);
	mime_free(&m.root);
	return x.status;
}
