/* fuzz.h - the harnesses of tests/fuzz: each file defines libFuzzer's entry
 * point for one part of dalgen; driver.c supplies a main() that runs it on
 * seed inputs and deterministic mutations of them when the compiler has no
 * libFuzzer (docs/migrations.md, "Safety", gives the commands).
 *
 * An input passes when the harness returns: errors reported through the
 * diagnostics are fine, a crash, a sanitizer report, a hang or an abort is
 * what the fuzzer looks for. */
#ifndef DG_FUZZ_H
#define DG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A scratch file path for the process (removed at exit); `tag` names it. */
const char *dg_fuzz_tmpfile(const char *tag);

#endif
