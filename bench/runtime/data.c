#include <stdio.h>
#include <stdlib.h>

#include "workloads.h"

void bench_email(int64_t i, char *buf, int cap) { snprintf(buf, (size_t)cap, "user%lld@example.com", (long long)i); }
void bench_name(int64_t i, char *buf, int cap) { snprintf(buf, (size_t)cap, "User Number %lld", (long long)i); }
int bench_age_is_null(int64_t i) { return i % 10 == 0; }
int64_t bench_age(int64_t i) { return 18 + (i * 7) % 70; }
double bench_score(int64_t i) { return (double)(i % 1000) * 0.5; }

void bench_fail(const char *what, const char *msg)
{
    fprintf(stderr, "bench: %s failed: %s\n", what, msg ? msg : "?");
    exit(1);
}
