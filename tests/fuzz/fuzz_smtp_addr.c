#include "config.h"
/*
 * fuzz_smtp_addr.c - libFuzzer target: MAIL FROM / RCPT TO arguments and bare
 * mailboxes (postfix-glue/smtp_parse.c).  The input is used as one argument
 * string (cut at the first NUL) and as a counted mailbox.
 *
 * Tests:   itself (replay_smtp_addr over corpus/smtp_addr in make check).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtp_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct smtp_mail_args m;
	struct smtp_addr a;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (smtp_parse_mail(s, &m) == SMTP_PARSE_OK && strlen(m.from.addr) > SMTP_ADDR_MAX)
		abort();
	if (smtp_parse_rcpt(s, &a) == SMTP_PARSE_OK &&
	    (strlen(a.addr) > SMTP_ADDR_MAX || strlen(a.local) > SMTP_LOCAL_MAX))
		abort();
	if (smtp_parse_mailbox(s, size, true, &a) == 0 && strlen(a.domain) > SMTP_DOMAIN_MAX)
		abort();
	(void)smtp_domain_valid(s, size);
	free(s);
	return 0;
}
