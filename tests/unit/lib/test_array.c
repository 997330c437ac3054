/*
 * test_array.c - the growable array: growth keeps every element, capacity
 * doubles from ARRAY_MIN_CAP, reserve of 0 on an empty array allocates,
 * a reserve that fits does not move the storage, and sizes that overflow
 * size_t end the process with exit 75 (never a wrapped allocation).
 *
 * Trust:   the overflowing counts below are hostile.
 * Limits:  the dying calls run in forked children.
 * Tests:   this file (lib/array.c).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cutest.h"
#include "array.h"
#include "buf.h"
#include "helpers.h"
#include "log.h"

static void test_push_and_growth(void)
{
	ARRAY_TYPE(uint32_t) a = ARRAY_INIT;
	size_t i, caps_seen = 0, last_cap = 0;

	for (i = 0; i < 10000; i++) {
		*ARRAY_PUSH(&a) = (uint32_t)(i * 7);
		if (a.cap != last_cap) {
			/* ARRAY_MIN_CAP, then doubling */
			CU_ASSERT_EQUAL(a.cap, last_cap == 0 ? ARRAY_MIN_CAP : last_cap * 2);
			last_cap = a.cap;
			caps_seen++;
		}
	}
	CU_ASSERT_EQUAL(a.n, 10000);
	CU_ASSERT_EQUAL(caps_seen, 12);   /* 8 .. 16384 */
	for (i = 0; i < a.n; i++)
		if (a.v[i] != i * 7) {
			printf("element %zu: got %u, want %zu\n", i, a.v[i], i * 7);
			CU_FAIL("element lost in growth");
			break;
		}
	ARRAY_FREE(&a);
	CU_ASSERT_PTR_NULL(a.v);
	CU_ASSERT_EQUAL(a.n, 0);
	CU_ASSERT_EQUAL(a.cap, 0);
}

static void test_reserve(void)
{
	ARRAY_TYPE(char *) a = ARRAY_INIT;
	char **before;

	ARRAY_RESERVE(&a, 0);
	CU_ASSERT_PTR_NOT_NULL(a.v);
	CU_ASSERT_EQUAL(a.cap, ARRAY_MIN_CAP);
	ARRAY_RESERVE(&a, 100);
	CU_ASSERT(a.cap >= 100);
	CU_ASSERT_EQUAL(a.cap, 128);
	before = a.v;
	a.n = 28;
	ARRAY_RESERVE(&a, 100);   /* 128 exactly: fits, no move */
	CU_ASSERT_PTR_EQUAL(a.v, before);
	CU_ASSERT_EQUAL(a.cap, 128);
	ARRAY_RESERVE(&a, 101);   /* one past: grows */
	CU_ASSERT_EQUAL(a.cap, 256);
	ARRAY_FREE(&a);

	/* the direct form, on a struct with its own field names */
	struct { int *m; size_t n, cap; } l = { NULL, 0, 0 };
	l.m = array_grow(l.m, &l.cap, l.n, 3, sizeof(*l.m));
	CU_ASSERT_EQUAL(l.cap, ARRAY_MIN_CAP);
	l.m[l.n++] = 1;
	free(l.m);
}

/* The run-time sized struct array: zeroed elements, same growth. */
static void test_untyped(void)
{
	struct array a = ARRAY_UNTYPED_INIT(3);
	size_t i;

	for (i = 0; i < 100; i++) {
		unsigned char *p = array_push(&a);
		CU_ASSERT(p[0] == 0 && p[1] == 0 && p[2] == 0);
		p[0] = (unsigned char)i;
	}
	CU_ASSERT_EQUAL(a.n, 100);
	CU_ASSERT_EQUAL(a.cap, 128);
	for (i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(*(unsigned char *)array_idx(&a, i), i);
	array_free(&a);
	CU_ASSERT_PTR_NULL(a.data);
	CU_ASSERT_EQUAL(a.elem, 3);
	array_init(&a, 5);
	CU_ASSERT_EQUAL(a.n, 0);
	CU_ASSERT_EQUAL(a.elem, 5);
}

static void child_count_overflow(int report, void *arg)
{
	size_t cap = 0;

	(void)report;
	(void)arg;
	log_init("unit_lib");
	free(array_grow(NULL, &cap, SIZE_MAX - 1, 2, 1));   /* n + extra wraps */
	_exit(0);
}

static void child_bytes_overflow(int report, void *arg)
{
	size_t cap = 0;

	(void)report;
	(void)arg;
	log_init("unit_lib");
	free(array_grow(NULL, &cap, 0, SIZE_MAX / 8 + 1, 8));   /* bytes wrap */
	_exit(0);
}

static void expect_exit75(void (*fn)(int, void *))
{
	struct buf out = BUF_INIT(4096), err = BUF_INIT(BUF_MAX_UNLIMITED);
	int status;

	capture_stderr_begin();
	status = run_in_child(fn, NULL, &out);
	capture_stderr_end(&err);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 75 ||
	    strstr(buf_cstr(&err), "array_grow") == NULL) {
		printf("got status 0x%x, log \"%s\"\n", status, buf_cstr(&err));
		CU_FAIL("an overflowing array size did not end the process with exit 75");
	}
	buf_free(&out);
	buf_free(&err);
}

static void test_overflow_dies(void)
{
	expect_exit75(child_count_overflow);
	expect_exit75(child_bytes_overflow);
}

void suite_array(void);
void suite_array(void)
{
	CU_pSuite s = cutest_suite("array");

	cutest_add(s, "push keeps elements, capacity doubles", test_push_and_growth);
	cutest_add(s, "reserve: exact fit, one past", test_reserve);
	cutest_add(s, "struct array: zeroed pushes, index", test_untyped);
	cutest_add(s, "overflowing sizes exit 75", test_overflow_dies);
}
