/*
 * main.c - unit_authdaemon: every suite of tests/unit/authdaemon/.
 */
#include "config.h"

#include "cutest.h"

void suite_hash(void);
void suite_pwcheck(void);
void suite_sasl(void);
void suite_proto(void);
void suite_userdb(void);
void suite_client(void);
void suite_server(void);
void suite_become(void);
void suite_penalty(void);

int main(int argc, char **argv)
{
	static cutest_suite_fn *const suites[] = {
		suite_hash, suite_pwcheck, suite_sasl, suite_proto, suite_userdb,
		suite_client, suite_server, suite_become, suite_penalty, NULL
	};

	return cutest_main(argc, argv, suites);
}
