/*
 * cutest.h - the CUnit runner every tests/unit/<dir>/ program uses.
 *
 * Each test_<module>.c defines `void suite_<module>(void)` that adds its suite
 * with cutest_suite() and its tests with cutest_add(); the directory's main.c
 * passes the list to cutest_main(), which runs everything and prints the
 * summary line tests/runtests reads: "N passed, N failed, N skipped".
 */
#ifndef STAFETA_CUTEST_H
#define STAFETA_CUTEST_H

#include <CUnit/CUnit.h>

typedef void cutest_suite_fn(void);

/* Runs every suite; argv[1], if given, runs only the suite of that name. */
int cutest_main(int argc, char **argv, cutest_suite_fn *const *suites);
CU_pSuite cutest_suite(const char *name);
void cutest_add(CU_pSuite s, const char *name, CU_TestFunc fn);
/* Marks the running test skipped (the machine lacks what it needs) and prints
   "skip SUITE/TEST: why"; the test returns right after.  A skipped test counts
   as skipped, never as passed (as failed if it also failed an assertion), and
   tests/runtests fails the run on a skip tests/expected-skips does not list. */
void cutest_skip(const char *why);
/* A fresh empty directory under $TMPDIR (or /tmp) for one test; removed by
   cutest_rmtree().  Returns a malloc'ed path. */
char *cutest_tmpdir(const char *tag);
void cutest_rmtree(const char *path);

#endif
