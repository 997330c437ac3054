/*
 * cutest.c - CUnit runner with the project's summary line, plus temp-dir helpers.
 */
#define _GNU_SOURCE
#include "cutest.h"

#include <CUnit/Basic.h>
#include <CUnit/TestRun.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

CU_pSuite cutest_suite(const char *name)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (s == NULL) {
		fprintf(stderr, "CU_add_suite(%s): %s\n", name, CU_get_error_msg());
		exit(2);
	}
	return s;
}

void cutest_add(CU_pSuite s, const char *name, CU_TestFunc fn)
{
	if (CU_add_test(s, name, fn) == NULL) {
		fprintf(stderr, "CU_add_test(%s): %s\n", name, CU_get_error_msg());
		exit(2);
	}
}

/* The tests that called cutest_skip(), each once (a program has a few hundred
   tests; a skip is rare). */
static CU_pTest skipped[64];
static size_t n_skipped;

void cutest_skip(const char *why)
{
	CU_pTest t = CU_get_current_test();
	CU_pSuite s = CU_get_current_suite();

	printf("\nskip %s/%s: %s\n", s != NULL ? s->pName : "?", t != NULL ? t->pName : "?", why);
	for (size_t i = 0; i < n_skipped; i++)
		if (skipped[i] == t)
			return;
	if (n_skipped == sizeof(skipped) / sizeof(skipped[0])) {
		fprintf(stderr, "cutest_skip: more than %zu skipped tests\n", n_skipped);
		exit(2);
	}
	skipped[n_skipped++] = t;
}

/* Skipped tests that did not also fail an assertion. */
static unsigned int count_skipped(void)
{
	unsigned int n = 0;

	for (size_t i = 0; i < n_skipped; i++) {
		bool failed = false;

		for (CU_pFailureRecord f = CU_get_failure_list(); f != NULL; f = f->pNext)
			if (f->pTest == skipped[i])
				failed = true;
		n += !failed;
	}
	return n;
}

int cutest_main(int argc, char **argv, cutest_suite_fn *const *suites)
{
	unsigned int run, failed, asserts_failed, skips;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; suites[i] != NULL; i++)
		suites[i]();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (argc > 1) {
		CU_pSuite s = CU_get_suite(argv[1]);

		if (s == NULL) {
			fprintf(stderr, "no suite %s\n", argv[1]);
			CU_cleanup_registry();
			return 2;
		}
		CU_basic_run_suite(s);
	} else {
		CU_basic_run_tests();
	}
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	asserts_failed = CU_get_number_of_failures();
	skips = count_skipped();
	CU_cleanup_registry();
	printf("\n%u passed, %u failed, %u skipped\n", run - failed - skips, failed, skips);
	return failed == 0 && asserts_failed == 0 ? 0 : 1;
}

char *cutest_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	if (asprintf(&path, "%s/stafeta-%s-XXXXXX", base, tag) < 0)
		abort();
	if (mkdtemp(path) == NULL) {
		perror("mkdtemp");
		abort();
	}
	return path;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

void cutest_rmtree(const char *path)
{
	if (path != NULL)
		(void)nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
